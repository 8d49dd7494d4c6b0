//! Comments over real WebSockets against the real server and the real
//! embedded SurrealDB: everyone signed in comments (readers included) and
//! the comment reaches every open socket; anonymous callers are refused;
//! only the author edits or deletes, only an admin hides; a hidden
//! comment's text is served nowhere (log, catch-up, history, REST) but is
//! in the audit log; bad input changes nothing.

mod common;

use app::auth::Role;
use app::store::Store;
use common::{account, post_form, serve, set, SyncClient};
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::net::SocketAddr;

async fn start() -> (SocketAddr, Store) {
    let store = Store::open_in_memory().await.unwrap();
    (serve(store.clone()).await, store)
}

fn comment(cid: &str, id: &str, subject: &str, body: &str) -> Value {
    json!({"cid": cid, "item": id, "op": "create", "kind": "comment",
           "fields": {"subject": subject, "body": body}})
}

const SECRET: &str = "salainen <script>alert(1)</script> https://example.org";

#[tokio::test]
async fn readers_comment_live_only_authors_edit_and_hidden_text_is_served_nowhere() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let editor = account(addr, &store, "Eetu", Role::Editor).await;
    let admin = account(addr, &store, "Aino", Role::Admin).await;
    let (mut v, _) = SyncClient::join_with(addr, Some(&viewer), Some(head)).await;
    let (mut e, _) = SyncClient::join_with(addr, Some(&editor), Some(head)).await;
    let (mut a, _) = SyncClient::join_with(addr, Some(&admin), Some(head)).await;
    let (mut guest, _) = SyncClient::join_with(addr, None, Some(head)).await;

    // Anonymous: refused, nothing stored.
    let refused = guest
        .change(comment("g-1", "k-guest", "area-pi", "hei"))
        .await;
    assert_eq!(refused["code"], "unauthorized");
    // A viewer comments; every socket, the guest's included, gets it.
    let ack = v.change(comment("v-1", "k-1", "area-pi", SECRET)).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    for c in [&mut e, &mut a, &mut guest] {
        let entry = c.entry_with_cid("v-1").await;
        assert_eq!(entry["fields"]["body"], SECRET);
        assert_eq!(entry["kind"], "comment");
    }
    // ...but still cannot edit the area itself.
    let edit = set("v-2", "area-pi", json!({"hyte_note": "x"}), json!({}));
    assert_eq!(v.change(edit).await["code"], "forbidden");

    // Not the author: refused, even for an admin; the author may.
    for (c, cid) in [(&mut e, "e-1"), (&mut a, "a-1")] {
        let r = c
            .change(set(cid, "k-1", json!({"body": "toisin"}), json!({})))
            .await;
        assert_eq!(r["code"], "forbidden", "{r}");
        let r = c
            .change(set(
                &format!("{cid}d"),
                "k-1",
                json!({"deleted": true}),
                json!({}),
            ))
            .await;
        assert_eq!(r["code"], "forbidden", "{r}");
    }
    let r = v
        .change(set(
            "v-3",
            "k-1",
            json!({"body": format!("{SECRET} (muokattu)")}),
            json!({}),
        ))
        .await;
    assert_eq!(r["type"], "ack", "{r}");
    // Only an admin hides.
    for (c, cid) in [(&mut v, "v-4"), (&mut e, "e-2")] {
        let r = c
            .change(set(cid, "k-1", json!({"hidden": true}), json!({})))
            .await;
        assert_eq!(r["code"], "forbidden", "{r}");
    }
    let r = a
        .change(set("a-2", "k-1", json!({"hidden": true}), json!({})))
        .await;
    assert_eq!(r["type"], "ack", "{r}");
    let hidden = v.entry_with_cid("a-2").await;
    assert_eq!(hidden["fields"]["body"], "");

    // Served nowhere: a new socket's catch-up from 0, the history, REST.
    let (mut late, _) = SyncClient::join_with(addr, None, Some(0)).await;
    assert_eq!(late.entry_with_cid("v-1").await["fields"]["body"], "");
    assert_eq!(late.entry_with_cid("v-3").await["prev"]["body"], "");
    late.entry_with_cid("a-2").await;
    let history = {
        late.send(json!({"type": "history", "item": "k-1"})).await;
        late.expect("history").await
    };
    let roadmap = reqwest::get(format!("http://{addr}/api/v1/roadmap"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let caught_up = serde_json::to_string(&late.seen).unwrap();
    for (what, text) in [
        ("catch-up", &caught_up),
        ("history", &history.to_string()),
        ("rest", &roadmap),
    ] {
        assert!(!text.contains("salainen"), "{what}: {text}");
    }
    assert!(
        caught_up.contains("k-1"),
        "the comment itself is still listed"
    );
    // The audit log has the text the admin hid.
    let audit = store.audit_log(None, 20).await.unwrap();
    let line = audit
        .iter()
        .find(|l| l.action == "comment_hidden")
        .expect("audited");
    assert_eq!(line.detail, format!("{SECRET} (muokattu)"));
    // A hidden comment takes no more changes.
    let r = v
        .change(set("v-5", "k-1", json!({"body": "uudestaan"}), json!({})))
        .await;
    assert_eq!(r["code"], "invalid", "{r}");
}

#[tokio::test]
async fn bad_comments_are_refused_with_nothing_stored() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let (mut v, _) = SyncClient::join_with(addr, Some(&viewer), Some(head)).await;
    let long = "x".repeat(4001);
    let cases = [
        (comment("b-1", "k-1", "nope", "hei"), "not_found"),
        (comment("b-2", "k-2", "area-pi", "   "), "invalid"),
        (comment("b-3", "k-3", "area-pi", &long), "invalid"),
        (comment("b-4", "k-4", "area-pi", "a\u{202e}b"), "invalid"),
        (
            json!({"cid": "b-5", "item": "k-5", "op": "create", "kind": "comment",
                "fields": {"subject": "area-pi", "body": "x", "hidden": true}}),
            "invalid",
        ),
        (
            json!({"cid": "b-6", "item": "k-6", "op": "create", "kind": "comment",
                "fields": {"subject": "area-pi", "body": "x", "title": "t"}}),
            "invalid",
        ),
    ];
    for (change, code) in cases {
        let answer = v.change(change.clone()).await;
        assert_eq!(answer["code"], code, "{change}: {answer}");
        assert!(!answer["message"].as_str().unwrap_or("").is_empty());
    }
    assert_eq!(store.roadmap_head().await.unwrap(), head, "nothing stored");
    // Exactly 4,000 characters is fine.
    let ok = v
        .change(comment("b-7", "k-7", "area-pi", &"ä".repeat(4000)))
        .await;
    assert_eq!(ok["type"], "ack", "{ok}");
}

#[tokio::test]
async fn the_rest_thread_lists_comments_oldest_first_and_refuses_unknown_items() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let (mut v, _) = SyncClient::join_with(addr, Some(&viewer), Some(head)).await;
    for (cid, id, body) in [
        ("r-1", "k-1", "eka"),
        ("r-2", "k-2", "toka"),
        ("r-3", "k-3", "kolmas"),
    ] {
        assert_eq!(
            v.change(comment(cid, id, "visit-pi", body)).await["type"],
            "ack"
        );
    }
    v.change(set("r-4", "k-2", json!({"deleted": true}), json!({})))
        .await;
    v.change(set(
        "r-5",
        "k-3",
        json!({"body": "kolmas, korjattu"}),
        json!({}),
    ))
    .await;
    let get =
        |path: String| async move { reqwest::get(format!("http://{addr}{path}")).await.unwrap() };
    let list: Value = get("/api/v1/items/visit-pi/comments".into())
        .await
        .json()
        .await
        .unwrap();
    let rows: Vec<(&str, &str, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["body"].as_str().unwrap(),
                c["edited"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [("k-1", "eka", false), ("k-3", "kolmas, korjattu", true)]
    );
    assert_eq!(list[0]["by"], "Lukija");
    for path in ["/api/v1/items/nope/comments", "/api/v1/items/k-1/comments"] {
        let res = get(path.into()).await;
        assert_eq!(res.status(), 404, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "not_found");
    }
}

#[tokio::test]
async fn the_activity_api_lists_changes_and_comments_newest_first_by_area_and_kind() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let editor = account(addr, &store, "Eetu", Role::Editor).await;
    let (mut e, _) = SyncClient::join_with(addr, Some(&editor), Some(head)).await;
    let r = e
        .change(set(
            "t-1",
            "area-pi",
            json!({"contact_name": "Pekka"}),
            json!({}),
        ))
        .await;
    assert_eq!(r["type"], "ack", "{r}");
    assert_eq!(
        e.change(comment("t-2", "k-1", "visit-ks", "Hei")).await["type"],
        "ack"
    );
    let get = |q: &'static str| async move {
        let res = reqwest::get(format!("http://{addr}/api/v1/activity{q}"))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.json::<Value>().await.unwrap()
    };
    let all = get("").await;
    let items: Vec<(&str, &str)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["kind"].as_str().unwrap(), a["item"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [("comment", "visit-ks"), ("change", "area-pi")],
        "seed left out, newest first"
    );
    assert_eq!(all[0]["comment"], "k-1");
    assert_eq!(all[0]["url"], "/tour/KS");
    assert_eq!(all[1]["title"], "Pirkanmaa");
    assert_eq!(all[1]["fields"], json!(["contact_name"]));
    assert_eq!(get("?area=PI").await.as_array().unwrap().len(), 1);
    assert_eq!(
        get("?area=KS&kind=comment").await.as_array().unwrap().len(),
        1
    );
    assert_eq!(
        get("?area=KS&kind=change").await.as_array().unwrap().len(),
        0
    );
    assert_eq!(get("?area=nonsense").await.as_array().unwrap().len(), 2);

    // A survey import is in the stream too, by time, with its page.
    let csv = "title,Kevätkysely\ndate,2023-04-01\nn,50\nquestion,Mitä?\nlabel,count\nA,20\nB,30\n";
    let survey = app::model::parse_survey_csv(csv).unwrap().survey;
    let survey = store.import_survey(survey, "Eetu").await.unwrap();
    let all = get("").await;
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[0]["kind"], "survey");
    assert_eq!(all[0]["item"], format!("survey:{}", survey.id));
    assert_eq!(all[0]["url"], format!("/surveys/{}", survey.id));
    assert_eq!(all[0]["by"], "Eetu");
    assert!(all[0].get("item_kind").is_none());
    assert_eq!(get("?kind=survey").await.as_array().unwrap().len(), 1);
    // Its answers came from some areas only: not listed under one.
    assert_eq!(get("?area=PI").await.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn one_account_writes_at_most_ten_new_comments_a_minute_and_the_next_waits() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let other = account(addr, &store, "Toinen", Role::Viewer).await;
    let (mut v, _) = SyncClient::join_with(addr, Some(&viewer), Some(head)).await;
    let (mut o, _) = SyncClient::join_with(addr, Some(&other), Some(head)).await;
    for n in 0..app::roadmap::COMMENT_LIMIT {
        let ack = v
            .change(comment(
                &format!("r-{n}"),
                &format!("k-{n}"),
                "area-pi",
                "hei",
            ))
            .await;
        assert_eq!(ack["type"], "ack", "{ack}");
    }
    let stored = store.roadmap_head().await.unwrap();
    // The next is refused as rate-limited, with its cid: the page keeps
    // it queued and sends it again; nothing is stored meanwhile.
    let refused = v.change(comment("r-x", "k-x", "area-pi", "hei")).await;
    assert_eq!(refused["code"], "rate_limited", "{refused}");
    assert_eq!(refused["cid"], "r-x");
    assert!(refused["message"].as_str().unwrap().contains("10"));
    assert_eq!(store.roadmap_head().await.unwrap(), stored);
    // Someone else comments freely, and the writer edits their own.
    let ack = o.change(comment("o-1", "k-o", "area-pi", "hei")).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let ack = v
        .change(set("r-e", "k-0", json!({"body": "hei taas"}), json!({})))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
}

#[tokio::test]
async fn the_form_without_javascript_comments_through_the_writer_with_the_same_rules() {
    use app::server_fns::roadmap::PostComment;
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let (mut watcher, _) = SyncClient::join_with(addr, None, Some(head)).await;
    let path = <PostComment as ServerFn>::PATH;
    let form = |csrf: &'static str, body: &'static str| {
        vec![("subject", "area-pi"), ("body", body), ("csrf", csrf)]
    };
    // Anonymous, or another session's token: refused, nothing stored.
    assert_eq!(
        post_form(addr, path, None, &form("x", "hei"))
            .await
            .status(),
        401
    );
    let mut forged = form("x", "hei");
    forged[2].1 = "not-the-token";
    assert_eq!(
        post_form(addr, path, Some(&viewer), &forged).await.status(),
        403
    );
    assert_eq!(store.roadmap_head().await.unwrap(), head);
    // A reader with the token comments; the comment reaches open sockets.
    let mut ok = form("x", "Kysymys lomakkeelta");
    ok[2].1 = &viewer.csrf;
    let res = post_form(addr, path, Some(&viewer), &ok).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let is_comment = |m: &Value| {
        m["type"] == "changes"
            && m["changes"]
                .as_array()
                .is_some_and(|c| c.iter().any(|e| e["kind"] == "comment"))
    };
    let changes = watcher
        .wait_for(is_comment)
        .await
        .expect("the comment, live");
    let entry = &changes["changes"][0];
    assert_eq!(entry["kind"], "comment");
    assert_eq!(entry["by"], "Lukija");
    assert_eq!(entry["fields"]["body"], "Kysymys lomakkeelta");
    // The writer's rules: a blank body or an unknown subject is refused.
    let mut blank = form("x", "   ");
    blank[2].1 = &viewer.csrf;
    assert_eq!(
        post_form(addr, path, Some(&viewer), &blank).await.status(),
        422
    );
    // The browser's own post (it asks for HTML) is sent back to the page
    // with the refusal in the address, for the form to show.
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("http://{addr}{path}"))
        .header("Accept", "text/html")
        .header("Referer", format!("http://{addr}/areas/PI"))
        .header("cookie", &viewer.cookie)
        .form(&blank)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let back = res.headers()["location"].to_str().unwrap();
    assert!(
        back.contains("/areas/PI?") && back.contains("__err="),
        "{back}"
    );
    let mut nowhere = ok.clone();
    nowhere[0].1 = "nope";
    assert_eq!(
        post_form(addr, path, Some(&viewer), &nowhere)
            .await
            .status(),
        404
    );
    // ...and the limit: nine more go, the eleventh in the minute is 429.
    for _ in 1..app::roadmap::COMMENT_LIMIT {
        assert_eq!(
            post_form(addr, path, Some(&viewer), &ok).await.status(),
            200
        );
    }
    assert_eq!(
        post_form(addr, path, Some(&viewer), &ok).await.status(),
        429
    );
    assert_eq!(
        store.roadmap_head().await.unwrap(),
        head + app::roadmap::COMMENT_LIMIT as u64
    );
}
