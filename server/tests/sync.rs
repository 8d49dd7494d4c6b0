//! The sync protocol over real WebSockets against the real server and the
//! real embedded SurrealDB: ordering, per-field merge, idempotent resends,
//! catch-up, presence and bad input.

mod common;

use app::auth::Role;
use app::store::Store;
use common::{account, serve, set, SyncClient};
use serde_json::{json, Value};

async fn start() -> (std::net::SocketAddr, Store) {
    let store = Store::open_in_memory().await.unwrap();
    (serve(store.clone()).await, store)
}

/// Joins as a new editor called `name`.
async fn join(
    addr: std::net::SocketAddr,
    store: &Store,
    name: &str,
    since: Option<u64>,
) -> (SyncClient, Value) {
    let session = account(addr, store, name, Role::Editor).await;
    SyncClient::join_with(addr, Some(&session), since).await
}

fn seq_of(item: &Value, field: &str) -> u64 {
    item["meta"][field]["seq"]
        .as_u64()
        .unwrap_or_else(|| item["created"]["seq"].as_u64().unwrap())
}

#[tokio::test]
async fn hello_gets_the_roadmap_and_presence() {
    let (addr, store) = start().await;
    let (mut c, welcome) = join(addr, &store, "Aino", None).await;
    let head = store.roadmap_head().await.unwrap();
    assert_eq!(welcome["v"], 1);
    assert_eq!(welcome["head"], head);
    let snapshot = c.expect("snapshot").await;
    assert_eq!(snapshot["head"], head);
    assert_eq!(snapshot["items"].as_array().unwrap().len() as u64, head);
    let presence = c
        .wait_for(|m| m["type"] == "presence" && m["peers"].as_array().unwrap().len() == 1)
        .await
        .expect("I see myself");
    assert_eq!(presence["peers"][0]["name"], "Aino");

    // A second viewer shows up for the first, with what they edit.
    let (mut b, _) = join(addr, &store, "Bertta", Some(head)).await;
    b.send(json!({"type": "presence", "editing": "a-tour"}))
        .await;
    let both = c
        .wait_for(|m| {
            m["type"] == "presence"
                && m["peers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == "Bertta" && p["editing"] == "a-tour")
        })
        .await;
    assert!(
        both.is_some(),
        "presence of Bertta editing a-tour reached Aino"
    );
    drop(b);
    let gone = c
        .wait_for(|m| m["type"] == "presence" && m["peers"].as_array().unwrap().len() == 1)
        .await;
    assert!(gone.is_some(), "Bertta left");
}

#[tokio::test]
async fn a_change_is_stored_acknowledged_and_fanned_out() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let (mut a, _) = join(addr, &store, "Aino", Some(head)).await;
    let (mut b, _) = join(addr, &store, "Bertta", Some(head)).await;
    let ack = a
        .change(set(
            "c-1",
            "a-tour",
            json!({"status": "done"}),
            json!({"status": head}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(ack["seq"], head + 1);
    assert_eq!(ack["entry"]["by"], "Aino");
    assert_eq!(ack["entry"]["prev"]["status"], "in_progress");
    // Stored before the ack.
    let state = store.roadmap_state().await.unwrap();
    assert_eq!(state.head, head + 1);
    assert_eq!(state.items["a-tour"].fields["status"], "done");
    // Everyone, the author too, gets the entry in order.
    let seen_b = b.entry_with_cid("c-1").await;
    assert_eq!(seen_b["seq"], head + 1);
    assert_eq!(a.entry_with_cid("c-1").await["seq"], head + 1);

    // A new action, then moved.
    let ack = a
        .change(
            json!({"cid": "c-2", "item": "new-1", "op": "create", "kind": "action",
            "fields": {"title": "Uusi toimi", "goal": "g-hyte", "position": "z", "areas": ["PI"]}}),
        )
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(ack["entry"]["fields"]["status"], "planned");
    let created = b.entry_with_cid("c-2").await;
    assert_eq!(created["op"], "create");
}

#[tokio::test]
async fn fields_merge_and_same_field_conflicts_are_reported() {
    let (addr, store) = start().await;
    let state = store.roadmap_state().await.unwrap();
    let item = serde_json::to_value(&state.items["a-hyte-structure"]).unwrap();
    let base_title = seq_of(&item, "title");
    let base_owner = seq_of(&item, "owner");
    let (mut a, _) = join(addr, &store, "Aino", Some(state.head)).await;
    let (mut b, _) = join(addr, &store, "Bertta", Some(state.head)).await;

    // Different fields, same base: both kept.
    let ra = a
        .change(set(
            "m-a",
            "a-hyte-structure",
            json!({"title": "Ainon otsikko"}),
            json!({"title": base_title}),
        ))
        .await;
    let rb = b
        .change(set(
            "m-b",
            "a-hyte-structure",
            json!({"owner": "Bertan järjestö"}),
            json!({"owner": base_owner}),
        ))
        .await;
    assert_eq!(ra["type"], "ack");
    assert_eq!(rb["type"], "ack");
    assert!(rb["entry"]["overwrote"].as_array().unwrap().is_empty());
    let s = store.roadmap_state().await.unwrap();
    assert_eq!(s.items["a-hyte-structure"].title(), "Ainon otsikko");
    assert_eq!(
        s.items["a-hyte-structure"].fields["owner"],
        "Bertan järjestö"
    );

    // Same field, both from the old base: the later wins, the earlier is
    // named in the entry so that Aino is told.
    let rb = b
        .change(set(
            "m-c",
            "a-hyte-structure",
            json!({"title": "Bertan otsikko"}),
            json!({"title": base_title}),
        ))
        .await;
    assert_eq!(rb["type"], "ack");
    let overwrote = &rb["entry"]["overwrote"][0];
    assert_eq!(overwrote["field"], "title");
    assert_eq!(overwrote["by"], "Aino");
    assert_eq!(overwrote["cid"], "m-a");
    assert_eq!(overwrote["value"], "Ainon otsikko");
    let at_a = a.entry_with_cid("m-c").await;
    assert_eq!(at_a["overwrote"][0]["cid"], "m-a");
    // Aino's version is in the history, restorable.
    a.send(json!({"type": "history", "item": "a-hyte-structure"}))
        .await;
    let history = a.expect("history").await;
    let titles: Vec<&str> = history["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["fields"]["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Ainon otsikko") && titles.contains(&"Bertan otsikko"),
        "{titles:?}"
    );
}

#[tokio::test]
async fn a_resend_is_applied_once() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let (mut a, _) = join(addr, &store, "Aino", Some(head)).await;
    let change = set(
        "dup-1",
        "g-ict",
        json!({"description": "Kerran"}),
        json!({}),
    );
    let first = a.change(change.clone()).await;
    assert_eq!(first["dup"], false);
    // The same change again on a new connection (as after a reload).
    let (mut again, _) = join(addr, &store, "Aino", Some(head + 1)).await;
    let second = again.change(change.clone()).await;
    assert_eq!(second["type"], "ack");
    assert_eq!(second["dup"], true);
    assert_eq!(second["seq"], first["seq"]);
    // Twice in one burst.
    let mut burst = change.clone();
    burst["cid"] = json!("dup-2");
    burst["type"] = json!("change");
    again.send(burst.clone()).await;
    again.send(burst).await;
    let a1 = again
        .wait_for(|m| m["type"] == "ack" && m["cid"] == "dup-2")
        .await
        .unwrap();
    let a2 = again
        .wait_for(|m| m["type"] == "ack" && m["cid"] == "dup-2")
        .await
        .unwrap();
    assert_eq!(a1["seq"], a2["seq"]);
    assert_eq!(store.roadmap_head().await.unwrap(), head + 2);
}

#[tokio::test]
async fn a_reconnecting_client_catches_up_from_its_last_seq() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let (mut a, _) = join(addr, &store, "Aino", Some(head)).await;
    for i in 0..5 {
        let r = a
            .change(set(
                &format!("cu-{i}"),
                "g-ict",
                json!({"title": format!("Versio {i}")}),
                json!({}),
            ))
            .await;
        assert_eq!(r["type"], "ack");
    }
    // Missed the last three.
    let (mut late, welcome) = join(addr, &store, "Bertta", Some(head + 2)).await;
    assert_eq!(welcome["head"], head + 5);
    let changes = late.expect("changes").await;
    let seqs: Vec<u64> = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, vec![head + 3, head + 4, head + 5]);
    // Up to date: an empty catch-up.
    let (mut current, _) = join(addr, &store, "Cecilia", Some(head + 5)).await;
    let changes = current.expect("changes").await;
    assert!(changes["changes"].as_array().unwrap().is_empty());
    // From a different database (ahead of it): a snapshot.
    let (mut ahead, _) = join(addr, &store, "Daniel", Some(head + 999)).await;
    assert_eq!(ahead.expect("snapshot").await["head"], head + 5);
}

#[tokio::test]
async fn bad_input_gets_an_error_and_changes_nothing() {
    let (addr, store) = start().await;
    let before = store.roadmap_state().await.unwrap();
    let head = before.head;

    let editor = account(addr, &store, "Aino", Role::Editor).await;
    let mut c = SyncClient::connect_with(addr, Some(&editor.cookie)).await;
    c.send(json!({"type": "change", "cid": "x", "item": "g-ict", "op": "set", "fields": {"title": "x"}}))
        .await;
    assert_eq!(c.expect("error").await["code"], "hello_first");
    c.send(json!({"type": "hello", "v": 2, "since": null}))
        .await;
    assert_eq!(c.expect("error").await["code"], "version");
    c.send(json!({"type": "hello", "v": 1, "since": head, "name": "Aino"}))
        .await;
    c.expect("welcome").await;

    let cases: Vec<(String, &str)> = vec![
        ("{not json".into(), "bad_json"),
        (json!({"type": "dance"}).to_string(), "bad_message"),
        (json!({"type": "change", "cid": "b1", "item": "g-ict"}).to_string(), "bad_message"),
        (json!({"type": "change", "cid": "b2", "item": "nope", "op": "set", "fields": {"title": "x"}}).to_string(), "not_found"),
        (json!({"type": "change", "cid": "b3", "item": "g-ict", "op": "set", "fields": {"title": "x".repeat(201)}}).to_string(), "invalid"),
        (json!({"type": "change", "cid": "b4", "item": "g-ict", "op": "set", "fields": {"status": "done"}}).to_string(), "invalid"),
        (json!({"type": "change", "cid": "b5", "item": "a-tour", "op": "set", "fields": {"due": "31.12.2023"}}).to_string(), "invalid"),
        (json!({"type": "change", "cid": "b6", "item": "a-tour", "op": "set", "fields": {"goal": "a-tour"}}).to_string(), "not_found"),
        (json!({"type": "change", "cid": "B 7", "item": "a-tour", "op": "set", "fields": {"title": "x"}}).to_string(), "bad_message"),
        (json!({"type": "change", "cid": "b8", "item": "a-new", "op": "create", "kind": "action", "fields": {"title": "x", "position": "a"}}).to_string(), "invalid"),
        (json!({"type": "history", "item": "nope"}).to_string(), "not_found"),
        (format!(r#"{{"type":"change","cid":"b9","item":"g-ict","op":"set","fields":{{"description":"{}"}}}}"#, "x".repeat(70_000)), "too_large"),
    ];
    for (text, code) in cases {
        c.send_text(text.clone()).await;
        let e = c.expect("error").await;
        assert_eq!(e["code"], code, "{:.120}", text);
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        store.roadmap_state().await.unwrap(),
        before,
        "nothing stored"
    );

    // The connection is still usable.
    let ok = c
        .change(set("ok-1", "g-ict", json!({"title": "Kelpaa"}), json!({})))
        .await;
    assert_eq!(ok["type"], "ack", "{ok}");

    // Someone not signed in may watch but not edit.
    let (mut anon, _) = SyncClient::join_with(addr, None, Some(head)).await;
    let e = anon
        .change(set("anon-1", "g-ict", json!({"title": "x"}), json!({})))
        .await;
    assert_eq!(e["code"], "unauthorized");
}

#[tokio::test]
async fn errors_are_in_the_language_the_socket_was_opened_with() {
    let (addr, store) = start().await;
    let before = store.roadmap_state().await.unwrap();
    let editor = account(addr, &store, "Astrid", Role::Editor).await;
    let viewer = account(addr, &store, "Vera", Role::Viewer).await;
    let too_long = json!({"title": "x".repeat(201)});
    // (cookie, hello_first, bad JSON prefix, the writer's refusal of a too
    // long title) per language; no cookie is Finnish.
    for (lang, first, bad_json, refusal) in [
        (
            None,
            "aloita hello-viestillä",
            "virheellinen JSON: ",
            "Otsikko: ",
        ),
        (
            Some("sv"),
            "börja med ett hello-meddelande",
            "ogiltig JSON: ",
            "Rubrik: ",
        ),
        (
            Some("en"),
            "start with a hello message",
            "malformed JSON: ",
            "Title: ",
        ),
    ] {
        let cookie = match lang {
            Some(l) => format!("{}; lang={l}", editor.cookie),
            None => editor.cookie.clone(),
        };
        let mut c = SyncClient::connect_with(addr, Some(&cookie)).await;
        c.send(json!({"type": "presence", "editing": null})).await;
        let e = c.expect("error").await;
        assert_eq!(
            (e["code"].as_str(), e["message"].as_str()),
            (Some("hello_first"), Some(first))
        );
        c.send(json!({"type": "hello", "v": 1, "since": before.head}))
            .await;
        c.expect("welcome").await;
        c.send_text("{oops".into()).await;
        let e = c.expect("error").await;
        assert_eq!(e["code"], "bad_json");
        assert!(e["message"].as_str().unwrap().starts_with(bad_json), "{e}");
        // Refused by the writer, which prepares the change in its author's
        // language.
        let e = c
            .change(set(
                &format!("long-{}", lang.unwrap_or("fi")),
                "g-ict",
                too_long.clone(),
                json!({}),
            ))
            .await;
        assert_eq!(e["code"], "invalid", "{e}");
        assert!(e["message"].as_str().unwrap().starts_with(refusal), "{e}");
    }
    // A reader's refusal, in Swedish.
    let cookie = format!("lang=sv; {}", viewer.cookie);
    let mut c = SyncClient::connect_with(addr, Some(&cookie)).await;
    c.send(json!({"type": "hello", "v": 1, "since": before.head}))
        .await;
    c.expect("welcome").await;
    let e = c
        .change(set("viewer-1", "g-ict", json!({"title": "x"}), json!({})))
        .await;
    assert_eq!(e["code"], "forbidden");
    assert_eq!(e["message"], "ditt konto kan läsa men inte redigera");
    assert_eq!(
        store.roadmap_state().await.unwrap(),
        before,
        "nothing stored"
    );
}

#[tokio::test]
async fn a_flood_is_limited_and_a_huge_frame_closes_the_connection() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let (mut c, _) = join(addr, &store, "Aino", Some(head)).await;
    for _ in 0..300 {
        c.send(json!({"type": "presence", "editing": null})).await;
    }
    let e = c.expect("error").await;
    assert_eq!(e["code"], "rate_limited");
    // After a pause the connection works again.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let ok = c
        .change(set(
            "after-flood",
            "g-ict",
            json!({"title": "Taas"}),
            json!({}),
        ))
        .await;
    assert_eq!(ok["type"], "ack", "{ok}");

    let (mut big, _) = join(addr, &store, "Bertta", Some(head)).await;
    big.send_text("x".repeat(2 << 20)).await;
    assert!(big.closed().await, "a 2 MiB frame closes the connection");
    // The server is fine.
    let ok = c
        .change(set(
            "after-big",
            "g-ict",
            json!({"title": "Yhä"}),
            json!({}),
        ))
        .await;
    assert_eq!(ok["type"], "ack");
}

/// Fields a message does not know are ignored (docs/sync-protocol.md), so
/// that fields can be added within version 1; an unknown *item* field is
/// still refused, as a value.
#[tokio::test]
async fn unknown_message_fields_are_ignored() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let editor = account(addr, &store, "Aino", Role::Editor).await;
    let mut c = SyncClient::connect_with(addr, Some(&editor.cookie)).await;
    c.send(json!({"type": "hello", "v": 1, "since": head, "future": {"x": 1}}))
        .await;
    c.expect("welcome").await;
    let mut change = set(
        "future-1",
        "g-ict",
        json!({"title": "Tuleva kenttä"}),
        json!({}),
    );
    change["future"] = json!(1);
    let ack = c.change(change).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(ack["seq"], head + 1);
    c.send(json!({"type": "presence", "editing": "g-ict", "future": true}))
        .await;
    c.send(json!({"type": "history", "item": "g-ict", "future": []}))
        .await;
    c.expect("history").await;

    let e = c
        .change(set(
            "future-2",
            "g-ict",
            json!({"colour": "red"}),
            json!({}),
        ))
        .await;
    assert_eq!(e["code"], "invalid", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("tuntematon kenttä"),
        "{e}"
    );
    assert!(
        !c.seen.iter().any(|m| m["code"] == "bad_message"),
        "{:?}",
        c.seen
    );
    assert_eq!(store.roadmap_head().await.unwrap(), head + 1);
}

/// Binary frames (and pings) are read too, so they count against the same
/// limit as text.
#[tokio::test]
async fn a_flood_of_binary_frames_or_pings_is_limited() {
    use tokio_tungstenite::tungstenite::Message;
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let (mut c, _) = join(addr, &store, "Aino", Some(head)).await;
    for _ in 0..300 {
        c.send_frame(Message::Binary(vec![1, 2, 3].into())).await;
    }
    let limited = c
        .wait_for(|m| m["type"] == "error" && m["code"] == "rate_limited")
        .await;
    let answered = c.seen.iter().filter(|m| m["code"] == "bad_message").count();
    assert!(
        limited.is_some(),
        "no rate_limited after 300 binary frames ({answered} bad_message answers)"
    );
    assert!(answered <= 110, "{answered} binary frames answered");
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let ok = c
        .change(set(
            "after-binary",
            "g-ict",
            json!({"title": "Taas"}),
            json!({}),
        ))
        .await;
    assert_eq!(ok["type"], "ack", "{ok}");

    for _ in 0..300 {
        c.send_frame(Message::Ping(b"hei".to_vec().into())).await;
    }
    let limited = c
        .wait_for(|m| m["type"] == "error" && m["code"] == "rate_limited")
        .await;
    assert!(limited.is_some(), "no rate_limited after 300 pings");
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let ok = c
        .change(set(
            "after-pings",
            "g-ict",
            json!({"title": "Yhä"}),
            json!({}),
        ))
        .await;
    assert_eq!(ok["type"], "ack", "{ok}");
}

/// A WebSocket opened by hand, for frames no client library sends.
async fn raw_socket(addr: std::net::SocketAddr) -> tokio::net::TcpStream {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /api/v1/sync HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Version: 13\r\n\r\n"
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(tcp.read_u8().await.unwrap());
    }
    let head = String::from_utf8(head).unwrap();
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    tcp
}

/// A client frame: FIN, `first` (opcode and reserved bits), the payload,
/// masked as clients must unless `masked` is false.
fn frame(first: u8, payload: &[u8], masked: bool) -> Vec<u8> {
    let mut f = vec![0x80 | first];
    let mask = if masked { 0x80 } else { 0 };
    match payload.len() {
        n if n < 126 => f.push(mask | n as u8),
        n if n <= 0xFFFF => {
            f.push(mask | 126);
            f.extend((n as u16).to_be_bytes());
        }
        n => {
            f.push(mask | 127);
            f.extend((n as u64).to_be_bytes());
        }
    }
    if masked {
        let key = [0x37, 0xfa, 0x21, 0x3d];
        f.extend(key);
        f.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    } else {
        f.extend(payload);
    }
    f
}

/// Reads the server's frames until its close frame; the close code, or
/// None when the connection ended without one.
async fn close_code(tcp: &mut tokio::net::TcpStream) -> Option<u16> {
    use tokio::io::AsyncReadExt;
    let read = async {
        loop {
            let first = tcp.read_u8().await.ok()?;
            let len = match tcp.read_u8().await.ok()? & 0x7f {
                126 => tcp.read_u16().await.ok()? as usize,
                127 => tcp.read_u64().await.ok()? as usize,
                n => n as usize,
            };
            // Server frames are not masked.
            let mut payload = vec![0; len];
            tcp.read_exact(&mut payload).await.ok()?;
            if first & 0x0f == 0x8 {
                return (len >= 2).then(|| u16::from_be_bytes([payload[0], payload[1]]));
            }
        }
    };
    tokio::time::timeout(common::WAIT, read).await.ok()?
}

/// Each protocol violation closes the connection with the code RFC 6455
/// gives it: 1007 for a text frame that is not UTF-8, 1002 for protocol
/// errors, 1009 only for size.
#[tokio::test]
async fn protocol_violations_close_with_their_own_codes() {
    use tokio::io::AsyncWriteExt;
    let (addr, store) = start().await;
    let mut huge = vec![0x81, 0x80 | 127];
    huge.extend((2u64 << 20).to_be_bytes());
    huge.extend([1, 2, 3, 4]);
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        (
            "text that is not UTF-8",
            frame(0x1, &[b'{', 0xc3, 0x28, b'}'], true),
            1007,
        ),
        (
            "a lone UTF-16 surrogate",
            frame(0x1, &[0xed, 0xa0, 0x80], true),
            1007,
        ),
        ("an unmasked client frame", frame(0x1, b"{}", false), 1002),
        ("a reserved data opcode", frame(0x3, b"x", true), 1002),
        ("a reserved control opcode", frame(0xb, b"x", true), 1002),
        ("a reserved bit", frame(0x40 | 0x1, b"{}", true), 1002),
        (
            "a continuation without a start",
            frame(0x0, b"x", true),
            1002,
        ),
        ("a ping over 125 bytes", frame(0x9, &[0; 126], true), 1002),
        ("a frame over 1 MiB (header only)", huge, 1009),
    ];
    for (what, bytes, code) in cases {
        let mut tcp = raw_socket(addr).await;
        tcp.write_all(&bytes).await.unwrap();
        assert_eq!(close_code(&mut tcp).await, Some(code), "{what}");
    }
    // A well-formed connection still works.
    let (mut c, _) = join(addr, &store, "Aino", None).await;
    c.expect("snapshot").await;
}

#[tokio::test]
async fn a_socket_from_another_site_is_refused() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let (addr, _) = start().await;
    let mut request = format!("ws://{addr}/api/v1/sync")
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("Origin", "https://evil.example".parse().unwrap());
    let refused = tokio_tungstenite::connect_async(request).await;
    assert!(refused.is_err(), "cross-origin upgrade refused");
    let mut request = format!("ws://{addr}/api/v1/sync")
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("Origin", format!("http://{addr}").parse().unwrap());
    assert!(
        tokio_tungstenite::connect_async(request).await.is_ok(),
        "same origin accepted"
    );
}
