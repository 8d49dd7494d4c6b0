//! Area pages on the change log, over real WebSockets against the real
//! server and the real embedded SurrealDB: an area's facts merge per
//! field, a same-field conflict is reported, a resend is applied once, bad
//! values are refused with nothing stored, readers follow but never edit
//! (nor show as editing), and the REST view says what the log says.

mod common;

use app::auth::Role;
use app::store::Store;
use common::{account, serve, set, SyncClient};
use serde_json::{json, Value};
use std::net::SocketAddr;

async fn start() -> (SocketAddr, Store) {
    let store = Store::open_in_memory().await.unwrap();
    (serve(store.clone()).await, store)
}

async fn join(addr: SocketAddr, store: &Store, name: &str, role: Role, since: u64) -> SyncClient {
    let session = account(addr, store, name, role).await;
    SyncClient::join_with(addr, Some(&session), Some(since))
        .await
        .0
}

async fn area(addr: SocketAddr, code: &str) -> Value {
    reqwest::get(format!("http://{addr}/api/v1/areas/{code}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The `seq` each field of area `code`'s item was last set in.
async fn base(store: &Store, code: &str, fields: &[&str]) -> Value {
    let state = store.roadmap_state().await.unwrap();
    let item = state.area_item(code).unwrap();
    fields
        .iter()
        .map(|f| (f.to_string(), json!(item.field_seq(f))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[tokio::test]
async fn area_fields_merge_conflicts_are_told_and_resends_apply_once() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let mut aino = join(addr, &store, "Aino", Role::Editor, head).await;
    let mut bertta = join(addr, &store, "Bertta", Role::Editor, head).await;
    let (mut reader, _) = SyncClient::join_with(addr, None, Some(head)).await;
    let seen = base(
        &store,
        "PI",
        &["contact_name", "contact_email", "hyte_status"],
    )
    .await;

    // Two fields of one section from the same page load: both stay.
    let a = aino
        .change(set(
            "pa-1",
            "area-pi",
            json!({"contact_name": "Anna Virtanen"}),
            seen.clone(),
        ))
        .await;
    let b = bertta
        .change(set(
            "pb-1",
            "area-pi",
            json!({"contact_email": "anna@pirha.fi"}),
            seen.clone(),
        ))
        .await;
    assert_eq!(a["type"], "ack", "{a}");
    assert_eq!(b["type"], "ack", "{b}");
    assert!(b["entry"]["overwrote"].as_array().unwrap().is_empty());
    let pi = area(addr, "PI").await;
    assert_eq!(pi["contacts"]["person"]["name"], "Anna Virtanen");
    assert_eq!(pi["contacts"]["person"]["email"], "anna@pirha.fi");
    assert_eq!(pi["contacts"]["updated_by"], "Bertta");
    // The reader follows both without asking.
    assert_eq!(reader.entry_with_cid("pa-1").await["by"], "Aino");
    assert_eq!(reader.entry_with_cid("pb-1").await["by"], "Bertta");

    // The same field from the old base: the later wins and the earlier's
    // author is told what was overwritten.
    let late = bertta
        .change(set(
            "pb-2",
            "area-pi",
            json!({"contact_name": "A. Virtanen"}),
            seen.clone(),
        ))
        .await;
    assert_eq!(late["type"], "ack");
    let lost = &late["entry"]["overwrote"][0];
    assert_eq!(lost["field"], "contact_name");
    assert_eq!(lost["by"], "Aino");
    assert_eq!(lost["cid"], "pa-1");
    assert_eq!(lost["value"], "Anna Virtanen");
    assert_eq!(
        aino.entry_with_cid("pb-2").await["overwrote"][0]["cid"],
        "pa-1"
    );

    // A status: the map's colour, for every open browser.
    let s = aino
        .change(set(
            "pa-2",
            "area-pi",
            json!({"hyte_status": "in_progress"}),
            seen.clone(),
        ))
        .await;
    assert_eq!(s["type"], "ack");
    assert_eq!(
        area(addr, "PI").await["places"]["hyte"]["status"],
        "in_progress"
    );

    // A resend (a reload with the change still queued) is applied once.
    let head_now = store.roadmap_head().await.unwrap();
    let again = join(addr, &store, "Aino", Role::Editor, head_now)
        .await
        .change(set(
            "pa-2",
            "area-pi",
            json!({"hyte_status": "in_progress"}),
            seen,
        ))
        .await;
    assert_eq!(again["type"], "ack");
    assert_eq!(again["dup"], true);
    assert_eq!(again["seq"], s["seq"]);
    assert_eq!(store.roadmap_head().await.unwrap(), head_now);

    // The history endpoint tells the same story, newest first.
    let history: Value = reqwest::get(format!("http://{addr}/api/v1/areas/PI/history"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cids: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["cid"].as_str())
        .take(4)
        .collect();
    assert_eq!(cids, ["pa-2", "pb-2", "pb-1", "pa-1"]);
}

#[tokio::test]
async fn bad_area_changes_are_refused_and_store_nothing() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let mut editor = join(addr, &store, "Aino", Role::Editor, head).await;
    let before = area(addr, "KS").await;
    let cases = [
        (
            set("x-1", "area-xx", json!({"hyte_note": "x"}), json!({})),
            "not_found",
        ),
        (
            set("x-2", "area-ks", json!({"colour": "red"}), json!({})),
            "invalid",
        ),
        (
            set(
                "x-3",
                "area-ks",
                json!({"hyte_status": "finished"}),
                json!({}),
            ),
            "invalid",
        ),
        (
            set(
                "x-4",
                "area-ks",
                json!({"hyte_note": "a".repeat(2001)}),
                json!({}),
            ),
            "invalid",
        ),
        (
            set("x-5", "area-ks", json!({"area": "PI"}), json!({})),
            "invalid",
        ),
        (
            set(
                "x-6",
                "area-ks",
                json!({"contact_email": "ei osoite"}),
                json!({}),
            ),
            "invalid",
        ),
        (
            set("x-7", "area-ks", json!({"contact_name": "a\nb"}), json!({})),
            "invalid",
        ),
        (
            set("x-8", "area-ks", json!({"title": "Otsikko"}), json!({})),
            "invalid",
        ),
        (
            json!({"cid": "x-9", "item": "area-ks", "op": "create", "kind": "area", "fields": {"area": "KS"}}),
            "invalid",
        ),
        (
            json!({"cid": "x-10", "item": "area-zz", "op": "create", "kind": "area", "fields": {"area": "KS"}}),
            "invalid",
        ),
    ];
    for (change, code) in cases {
        let cid = change["cid"].as_str().unwrap().to_string();
        let answer = editor.change(change).await;
        assert_eq!(answer["type"], "error", "{cid}: {answer}");
        assert_eq!(answer["code"], code, "{cid}: {answer}");
        assert!(!answer["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(store.roadmap_head().await.unwrap(), head, "nothing stored");
    assert_eq!(area(addr, "KS").await, before);
}

#[tokio::test]
async fn readers_follow_areas_but_never_edit_or_show_as_editing() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let mut editor = join(addr, &store, "Aino", Role::Editor, head).await;
    let mut viewer = join(addr, &store, "Lukija", Role::Viewer, head).await;
    let (mut guest, _) = SyncClient::join_with(addr, None, Some(head)).await;
    let change = set("r-1", "area-pi", json!({"hyte_note": "Ei saa"}), json!({}));
    assert_eq!(viewer.change(change.clone()).await["code"], "forbidden");
    assert_eq!(guest.change(change).await["code"], "unauthorized");
    assert_eq!(store.roadmap_head().await.unwrap(), head);

    // Presence names the field an editor is in, on the page they are on;
    // a reader saying the same is listed, never as editing.
    for c in [&mut viewer, &mut guest] {
        c.send(json!({"type": "presence", "editing": "area-pi", "field": "hyte_note"}))
            .await;
    }
    editor
        .send(json!({"type": "presence", "editing": "area-pi", "field": "hyte_note"}))
        .await;
    let list = editor
        .wait_for(|m| {
            m["type"] == "presence"
                && m["peers"]
                    .as_array()
                    .is_some_and(|p| p.iter().any(|x| x["field"] == "hyte_note"))
        })
        .await
        .expect("presence with the field");
    let peers = list["peers"].as_array().unwrap();
    let editing: Vec<&str> = peers
        .iter()
        .filter(|p| !p["editing"].is_null())
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(editing, ["Aino"], "{peers:?}");
}

#[tokio::test]
async fn presence_says_which_page_each_person_is_on() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let session = account(addr, &store, "Aino", Role::Editor).await;
    let mut c = SyncClient::connect_with(addr, Some(&session.cookie)).await;
    c.send(json!({"type": "hello", "v": 1, "since": head, "page": "/areas/PI"}))
        .await;
    let list = c
        .wait_for(|m| {
            m["type"] == "presence"
                && m["peers"]
                    .as_array()
                    .is_some_and(|p| p.iter().any(|x| x["page"] == "/areas/PI"))
        })
        .await
        .expect("presence with the page");
    assert_eq!(list["peers"][0]["name"], "Aino");
}
