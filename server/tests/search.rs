//! `GET /api/v1/search` on the real server and the real in-memory
//! SurrealDB: Finnish word forms find their words, a goal is found by its
//! description, a visit by the venue an editor just gave it (through the
//! sync socket), and an over-long query is refused with the one error
//! type while an empty one finds nothing.

mod common;

use app::auth::Role;
use app::store::Store;
use common::{account, serve, set, SyncClient};
use serde_json::{json, Value};
use std::net::SocketAddr;

async fn search(addr: SocketAddr, q: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/search"))
        .query(&[("q", q)])
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

/// `(title, url)` of the results of `kind`.
fn of_kind(r: &Value, kind: &str) -> Vec<(String, String)> {
    r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == kind)
        .flat_map(|g| g["results"].as_array().unwrap().iter())
        .map(|h| {
            (
                h["title"].as_str().unwrap().to_string(),
                h["url"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn finds_areas_goals_visits_by_word_forms_and_refuses_too_long() {
    let store = Store::open_in_memory().await.unwrap();
    let addr = serve(store.clone()).await;

    // "Pirkanmaalla" (adessive) finds "Pirkanmaan hyvinvointialue".
    let (status, r) = search(addr, "Pirkanmaalla").await;
    assert_eq!(status, 200);
    assert_eq!(r["q"], "Pirkanmaalla");
    assert_eq!(
        of_kind(&r, "area"),
        [(
            "Pirkanmaan hyvinvointialue".to_string(),
            "/areas/PI".to_string()
        )]
    );
    assert_eq!(r["count"].as_u64().unwrap() as usize, {
        let groups = r["groups"].as_array().unwrap();
        groups
            .iter()
            .map(|g| g["results"].as_array().unwrap().len())
            .sum::<usize>()
    });
    // Swedish names too.
    let (_, r) = search(addr, "Birkalands").await;
    assert_eq!(of_kind(&r, "area")[0].1, "/areas/PI");

    // A goal by a word of its description only ("uudistuksen" there).
    let (_, r) = search(addr, "uudistuksessa").await;
    let goals = of_kind(&r, "goal");
    assert!(
        goals.iter().any(|(title, url)| title
            == "Kuntien järjestöavustukset ja kumppanuustoiminta jatkuvat ilman katkoja"
            && url.starts_with("/roadmap?q=")),
        "{r}"
    );
    // "järjestöjen" finds what says "järjestöt", "järjestöille"...
    let (_, r) = search(addr, "järjestöjen").await;
    assert!(of_kind(&r, "goal").len() >= 5, "{r}");
    assert!(!of_kind(&r, "survey").is_empty(), "{r}");
    assert!(r["count"].as_u64().unwrap() <= 50);

    // A visit by its venue, right after an editor set it.
    let session = account(addr, &store, "Aino", Role::Editor).await;
    let head = store.roadmap_head().await.unwrap();
    let (mut aino, _) = SyncClient::join_with(addr, Some(&session), Some(head)).await;
    let seq = store.roadmap_state().await.unwrap().items["visit-ka"].field_seq("venue");
    let ack = aino
        .change(set(
            "ka-venue",
            "visit-ka",
            json!({"venue": "Kajaanin kaupungintalo"}),
            json!({"venue": seq}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let (_, r) = search(addr, "kaupungintalolla").await;
    let visits = of_kind(&r, "visit");
    assert_eq!(visits.len(), 1, "{r}");
    assert_eq!(visits[0].1, "/tour/KA");
    let snippet = r["groups"][0]["results"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("Kajaanin kaupungintalo"), "{snippet}");

    // Nothing to search for: nothing found. Too long: 422 in the one format.
    for q in ["", "   ", "?!"] {
        let (status, r) = search(addr, q).await;
        assert_eq!((status, r["count"].as_u64()), (200, Some(0)), "{q:?}");
    }
    let (status, r) = search(addr, &"sana ".repeat(50)).await;
    assert_eq!(status, 422);
    assert_eq!(r["error"], "invalid", "{r}");
    // No `q` at all is an empty search.
    let r: Value = reqwest::get(format!("http://{addr}/api/v1/search"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["count"], 0);
}
