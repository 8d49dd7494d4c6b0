//! The real server over a real socket, with the real embedded database
//! (in memory). Pages are rendered on the server; the WebAssembly bundle
//! is not needed for these checks (the browser tests cover hydration).

use app::model::AREA_CODES;
use app::store::Store;
use serde_json::Value;

mod common;

struct TestServer {
    base: String,
    client: reqwest::Client,
    addr: std::net::SocketAddr,
    store: Store,
}

async fn start() -> TestServer {
    let store = Store::open_in_memory().await.expect("in-memory store");
    let addr = common::serve(store.clone()).await;
    TestServer {
        base: format!("http://{addr}"),
        // A page that never finishes fails its test within a minute
        // instead of holding the whole run (seen once in 30+ runs, under
        // heavy load: the map page's response never ended).
        client: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap(),
        addr,
        store,
    }
}

impl TestServer {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    async fn json(&self, path: &str) -> (u16, Value) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.json().await.unwrap())
    }

    /// Calls a server function the way a form without JavaScript would,
    /// as a signed-in editor (the form carries the CSRF token).
    async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let editor = common::account(self.addr, &self.store, "Anna", app::auth::Role::Editor).await;
        let mut form = form.to_vec();
        form.push(("csrf", &editor.csrf));
        common::post_form(self.addr, path, Some(&editor), &form).await
    }
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    let s = start().await;
    let (status, body) = s.json("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn areas_api_lists_the_22_and_finds_one() {
    let s = start().await;
    let (status, body) = s.json("/api/v1/areas").await;
    assert_eq!(status, 200);
    let areas = body.as_array().unwrap();
    assert_eq!(areas.len(), 22);
    for (area, code) in areas.iter().zip(AREA_CODES) {
        assert_eq!(area["code"], code);
        assert!(area["name_fi"].as_str().unwrap().len() > 3);
        assert!(area["name_sv"].as_str().unwrap().len() > 3);
        assert!(area["places"]["hyte"]["status"].is_string());
    }
    let (status, pi) = s.json("/api/v1/areas/PI").await;
    assert_eq!(status, 200);
    assert_eq!(pi["name_fi"], "Pirkanmaan hyvinvointialue");
    assert_eq!(pi["tour"]["date"], "2023-02-09");
    assert_eq!(pi["population"], 522852);
}

#[tokio::test]
async fn unknown_area_is_a_json_404() {
    let s = start().await;
    for path in ["/api/v1/areas/XX", "/api/v1/areas/%3Cscript%3E"] {
        let (status, body) = s.json(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"], "not_found");
        assert_eq!(body["message"], "Aluetta ei löytynyt.");
    }
    // The message follows the language the person chose, as pages do.
    for (lang, message) in [("sv", "Området hittades inte."), ("en", "Area not found.")] {
        let res = s
            .client
            .get(format!("{}/api/v1/areas/XX", s.base))
            .header("cookie", format!("lang={lang}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let body: Value = res.json().await.unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": "not_found", "message": message})
        );
    }
}

#[tokio::test]
async fn geojson_has_the_22_areas_in_lon_lat() {
    let s = start().await;
    let res = s.get("/api/v1/map.geojson").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/geo+json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["type"], "FeatureCollection");
    let features = body["features"].as_array().unwrap();
    let mut codes: Vec<_> = features
        .iter()
        .map(|f| f["properties"]["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    let mut expected: Vec<_> = AREA_CODES.iter().map(|c| c.to_string()).collect();
    expected.sort();
    assert_eq!(codes, expected);
    // Coordinates are longitude first, inside Finland's bounding box.
    let first = &features[0]["geometry"]["coordinates"][0][0][0];
    let (lon, lat) = (first[0].as_f64().unwrap(), first[1].as_f64().unwrap());
    assert!(
        (19.0..32.0).contains(&lon) && (59.0..71.0).contains(&lat),
        "{lon},{lat}"
    );
}

#[tokio::test]
async fn map_page_is_server_rendered_with_every_area() {
    let s = start().await;
    let res = s.get("/").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"fi\""));
    for code in AREA_CODES {
        assert!(
            html.contains(&format!("data-area=\"{code}\"")),
            "no data-area for {code}"
        );
        // The same areas are in the table, as links to their pages.
        assert!(html.contains(&format!("href=\"/areas/{code}\"")), "{code}");
    }
}

#[tokio::test]
async fn area_page_shows_the_facts_and_unknown_codes_are_404() {
    let s = start().await;
    let res = s.get("/areas/PI").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Pirkanmaan hyvinvointialue"));
    assert!(html.contains("Birkalands välfärdsområde"));
    assert!(html.contains("522\u{a0}852"));
    assert!(html.contains("9.2.2023"));
    let res = s.get("/areas/XX").await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn a_form_without_javascript_becomes_a_change_on_the_log() {
    use leptos::server_fn::ServerFn;
    let s = start().await;
    let path = <app::server_fns::areas::EditArea as ServerFn>::PATH;
    // A bad status is refused with a message, and nothing changes.
    let res = s
        .post_form(
            path,
            &[
                ("code", "KS"),
                ("fields[hyte_status]", "finished"),
                ("fields[hyte_note]", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("tuntematon edistymisen tila"), "{body}");
    let (_, ks) = s.json("/api/v1/areas/KS").await;
    assert_eq!(ks["places"]["hyte"]["status"], "unknown");
    assert_eq!(ks["places"]["hyte"]["note"], "");
    let (_, history) = s.json("/api/v1/areas/KS/history").await;
    let before = history.as_array().unwrap().len();

    // A page rendered at `base`; meanwhile someone sets the note.
    let (_, roadmap) = s.json("/api/v1/roadmap").await;
    let base = roadmap["head"].as_u64().unwrap().to_string();
    let res = s
        .post_form(
            path,
            &[
                ("code", "KS"),
                ("base", &base),
                ("fields[hyte_note]", "Olli kirjasi tämän"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    // The old form is posted: the status changed, the note as it was shown.
    let res = s
        .post_form(
            path,
            &[
                ("code", "KS"),
                ("base", &base),
                ("fields[hyte_status]", "in_progress"),
                ("orig[hyte_status]", "unknown"),
                ("fields[hyte_note]", ""),
                ("orig[hyte_note]", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let (_, ks) = s.json("/api/v1/areas/KS").await;
    assert_eq!(ks["places"]["hyte"]["status"], "in_progress");
    assert_eq!(ks["places"]["hyte"]["updated_by"], "Anna");
    assert_eq!(
        ks["places"]["hyte"]["note"], "Olli kirjasi tämän",
        "an unchanged field of an old form never overwrites a newer value"
    );
    let (status, history) = s.json("/api/v1/areas/KS/history").await;
    assert_eq!(status, 200);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), before + 2);
    // Newest first, one field each, attributed to the session's account.
    assert_eq!(
        history[0]["fields"],
        serde_json::json!({"hyte_status": "in_progress"})
    );
    assert_eq!(
        history[0]["prev"],
        serde_json::json!({"hyte_status": "unknown"})
    );
    assert_eq!(history[0]["by"], "Anna");
    assert!(history[0]["seq"].as_u64() > history[1]["seq"].as_u64());
    let (status, _) = s.json("/api/v1/areas/XX/history").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn surveys_api_and_csv_export() {
    let s = start().await;
    let (status, list) = s.json("/api/v1/surveys").await;
    assert_eq!(status, 200);
    let ids: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"aivoriihi-2022".to_string()), "{ids:?}");
    let (status, poll) = s.json("/api/v1/surveys/webinaarikysely-2022").await;
    assert_eq!(status, 200);
    assert_eq!(poll["respondents"], 244);
    assert_eq!(poll["results"][0]["rows"].as_array().unwrap().len(), 4);

    let res = s
        .get("/api/v1/surveys/webinaarikysely-2022/tarkein-teema.csv")
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines[0], "label,percent,share_percent");
    assert_eq!(
        lines[1],
        "Kumppanuuteen tähtäävä yhteistyö hyvinvointialueiden kanssa,41,41"
    );
    assert_eq!(lines.len(), 5);

    for path in [
        "/api/v1/surveys/nope",
        "/api/v1/surveys/nope/x.csv",
        "/api/v1/surveys/aivoriihi-2022/nope.csv",
        "/api/v1/surveys/aivoriihi-2022/sektori.txt",
    ] {
        let (status, body) = s.json(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"], "not_found");
    }
}

#[tokio::test]
async fn survey_import_is_all_or_nothing() {
    use leptos::server_fn::ServerFn;
    let s = start().await;
    let path = <app::server_fns::surveys::ImportSurvey as ServerFn>::PATH;
    let bad = "title,Testi\ndate,2023-05-01\nn,10\nquestion,Q?\nlabel,count\nA,3\nB,kolme\n";
    let res = s.post_form(path, &[("csv", bad)]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Rivi 7"));
    let (_, list) = s.json("/api/v1/surveys").await;
    assert_eq!(list.as_array().unwrap().len(), 3);

    let good = bad.replace("kolme", "7");
    let res = s.post_form(path, &[("csv", good.as_str())]).await;
    assert_eq!(res.status(), 200);
    let (status, imported) = s.json("/api/v1/surveys/testi-2023").await;
    assert_eq!(status, 200);
    assert_eq!(imported["results"][0]["rows"][1]["value"], 7.0);
}

#[tokio::test]
async fn the_roadmap_exports_as_json_and_csv_with_filters() {
    let server = start().await;
    let (status, all) = server.json("/api/v1/roadmap").await;
    assert_eq!(status, 200);
    assert_eq!(all["goals"].as_array().unwrap().len(), 7);
    let n_all = all["actions"].as_array().unwrap().len();
    assert!(n_all >= 8);
    // Pirkanmaa: the actions for all areas and its own.
    let (_, pi) = server.json("/api/v1/roadmap?area=PI").await;
    let ids: Vec<&str> = pi["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"a-tour-pirkanmaa"));
    assert_eq!(ids.len(), n_all);
    let (_, ks) = server.json("/api/v1/roadmap?area=KS").await;
    assert_eq!(ks["actions"].as_array().unwrap().len(), n_all - 1);
    let (_, done) = server.json("/api/v1/roadmap?status=done&q=pirkanmaa").await;
    assert_eq!(done["actions"].as_array().unwrap().len(), 1);
    assert_eq!(done["goals"].as_array().unwrap().len(), 1);
    // Unknown filter values are ignored, not errors.
    let (status, junk) = server.json("/api/v1/roadmap?area=XX&status=lost").await;
    assert_eq!(status, 200);
    assert_eq!(junk["actions"].as_array().unwrap().len(), n_all);

    let res = server.get("/api/v1/roadmap.csv?theme=leadership").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut lines = body.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("id,goal,goal_title,theme"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains(",leadership,")), "{rows:?}");
}
