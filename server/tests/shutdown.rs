//! SIGTERM stops the real server binary in order: open sockets are closed
//! with 1012 (service restart), the embedded database shuts down before
//! the process exits, and nothing is logged as an error on the way. The
//! change acknowledged just before is there after a restart; under load,
//! every change acknowledged before the stop is stored, everything else is
//! sent again after it, and nothing is stored twice. The same under load
//! with SIGKILL, which stops nothing in order: an acknowledgement is only
//! sent for a change the database has synced to disk.

mod common;

use common::process::{assert_clean, data_dir, kill, server, start, terminate};
use common::{set, SyncClient, TEST_PASSWORD};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_sockets_and_stops_the_database_without_errors() {
    let data = tempfile::tempdir().unwrap();

    // The command line's other way out: create-admin, then exit.
    let mut cmd = server(&data_dir(data.path()));
    cmd.args(["create-admin", "--email", "aino@test.fi", "--name", "Aino"]);
    let (status, log) = common::process::run(cmd, &format!("{TEST_PASSWORD}\n"));
    assert!(status.success(), "create-admin: {log}");
    assert_clean("create-admin", &log);

    let (running, addr) = start(server(&data_dir(data.path()))).await;
    let aino = common::sign_in(addr, "aino@test.fi", TEST_PASSWORD)
        .await
        .expect("the admin signs in");
    let (mut editor, welcome) = SyncClient::join_with(addr, Some(&aino), None).await;
    let (mut reader, _) = SyncClient::join_with(addr, None, None).await;
    let head = welcome["head"].as_u64().unwrap();
    let ack = editor
        .change(set(
            "stop-1",
            "g-ict",
            json!({"title": "Ennen pysäytystä"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert!(ack["seq"].as_u64().unwrap() > head);

    // One more, and the stop right behind it: whether the server read it
    // before stopping or not, an answer sent is a change stored.
    let mut last = set(
        "stop-2",
        "g-ict",
        json!({"description": "Viime hetkellä"}),
        json!({}),
    );
    last["type"] = json!("change");
    editor.send(last).await;

    let (status, log, took) = terminate(running);
    assert!(status.success(), "exit status {status}:\n{log}");
    assert!(took < Duration::from_secs(10), "stopping took {took:?}");
    // The figure for the README (clients here never answer the Close, so
    // the server waits its full handshake time).
    eprintln!("stopped {took:?} after SIGTERM");
    assert!(log.contains("shutting down"), "{log}");
    assert_clean("the server's stop", &log);
    for (who, client) in [("editor", &mut editor), ("reader", &mut reader)] {
        assert_eq!(
            client.close_code_within(Duration::from_secs(5)).await,
            Some(1012),
            "the {who}'s socket is told the server restarts"
        );
    }

    let last_ack = editor
        .seen
        .iter()
        .find(|m| m["cid"] == "stop-2" && m["type"] == "ack")
        .cloned();

    // The database was closed cleanly: it opens again, with the changes.
    let (again, addr) = start(server(&data_dir(data.path()))).await;
    let (mut later, _) = SyncClient::join_with(addr, None, Some(head)).await;
    let entry = later.entry_with_cid("stop-1").await;
    assert_eq!(entry["fields"]["title"], "Ennen pysäytystä");
    assert_eq!(entry["seq"], ack["seq"]);
    if let Some(last_ack) = last_ack {
        assert_eq!(later.entry_with_cid("stop-2").await["seq"], last_ack["seq"]);
    }
    let (status, log, _) = terminate(again);
    assert!(status.success(), "{log}");
    assert_clean("the second stop", &log);
}

/// What one client of the load sent and was answered before the stop.
struct Load {
    item: &'static str,
    field: &'static str,
    /// Every change sent, in order.
    sent: Vec<Value>,
    /// cid → seq of the acks that arrived.
    acked: HashMap<String, u64>,
}

impl Load {
    fn acks_in(&mut self, client: &SyncClient) {
        for m in client.seen.iter().filter(|m| m["type"] == "ack") {
            self.acked.insert(
                m["cid"].as_str().unwrap().into(),
                m["seq"].as_u64().unwrap(),
            );
        }
    }
}

/// Sends a change of `field` every 25 ms (40 a second, under the socket's
/// rate limit) until the server closes the connection.
async fn load(mut client: SyncClient, k: usize, item: &'static str, field: &'static str) -> Load {
    let mut load = Load {
        item,
        field,
        sent: vec![],
        acked: HashMap::new(),
    };
    for i in 0.. {
        let mut change = set(
            &format!("load-{k}-{i}"),
            item,
            json!({ field: format!("{k}:{i}") }),
            json!({}),
        );
        change["type"] = json!("change");
        if !client.try_send(&change).await {
            break;
        }
        load.sent.push(change);
        if !client.read_for(Duration::from_millis(25)).await {
            break;
        }
    }
    load.acks_in(&client);
    load
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_stores_every_acknowledged_change_once() {
    under_load(Stop::Term).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_under_load_loses_no_acknowledged_change() {
    under_load(Stop::Kill).await;
}

/// How the server is stopped in the middle of the load.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stop {
    /// SIGTERM: in order, and checked to be quick and clean.
    Term,
    /// SIGKILL: the process is gone at once.
    Kill,
}

async fn under_load(stop: Stop) {
    let data = tempfile::tempdir().unwrap();
    common::process::create_admin(&data_dir(data.path()), "aino@test.fi", "Aino");
    let (running, addr) = start(server(&data_dir(data.path()))).await;
    let aino = common::sign_in(addr, "aino@test.fi", TEST_PASSWORD)
        .await
        .unwrap();
    let targets = [
        ("g-ict", "title"),
        ("a-tour", "owner"),
        ("area-pi", "contact_name"),
        ("area-hel", "hyte_note"),
        ("visit-pi", "notes"),
    ];
    // Everyone joins before anyone writes, so the log's head is known.
    let mut joined = vec![];
    for _ in targets {
        joined.push(SyncClient::join_with(addr, Some(&aino), None).await);
    }
    let head = joined[0].1["head"].as_u64().unwrap();
    let mut clients = vec![];
    for (k, ((client, _), (item, field))) in joined.into_iter().zip(targets).enumerate() {
        clients.push(tokio::spawn(load(client, k, item, field)));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let took = match stop {
        Stop::Term => {
            let (status, log, took) = tokio::task::spawn_blocking(move || terminate(running))
                .await
                .unwrap();
            assert!(status.success(), "exit status {status}:\n{log}");
            assert!(took < Duration::from_secs(10), "stopping took {took:?}");
            assert_clean("the stop under load", &log);
            took
        }
        Stop::Kill => {
            let log = tokio::task::spawn_blocking(move || kill(running))
                .await
                .unwrap();
            for line in log
                .lines()
                .filter(|l| l.contains("WARN") || l.contains("ERROR"))
            {
                eprintln!("killed server: {line}");
            }
            Duration::ZERO
        }
    };
    let mut loads = vec![];
    for client in clients {
        loads.push(client.await.unwrap());
    }

    // Back up: every client sends again what was not acknowledged, with
    // the same cid, as the browser's queue does.
    let (again, addr) = start(server(&data_dir(data.path()))).await;
    let (mut sent, mut acked_before, mut resent) = (0, 0, 0);
    for load in &mut loads {
        sent += load.sent.len();
        acked_before += load.acked.len();
        let (mut client, _) = SyncClient::join_with(addr, Some(&aino), None).await;
        for change in &load.sent {
            let cid = change["cid"].as_str().unwrap();
            if load.acked.contains_key(cid) {
                continue;
            }
            resent += 1;
            let answer = client.change(change.clone()).await;
            assert_eq!(answer["type"], "ack", "{answer}");
        }
    }
    eprintln!("{stop:?}: {sent} changes sent, {acked_before} acknowledged before the stop, {resent} resent after; stop took {took:?}");
    assert!(acked_before > 0, "the load ran before the stop");

    // The log holds every change sent exactly once, numbered without gaps,
    // each acknowledged one under the seq its ack named, and every item
    // ends with its client's last value.
    let (mut reader, welcome) = SyncClient::join_with(addr, None, Some(head)).await;
    let now = welcome["head"].as_u64().unwrap();
    let mut entries: Vec<Value> = vec![];
    while entries.last().map_or(head, |e| e["seq"].as_u64().unwrap()) < now {
        let m = reader.expect("changes").await;
        entries.extend(m["changes"].as_array().unwrap().iter().cloned());
    }
    let seqs: Vec<u64> = entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    let missing: Vec<u64> = (head + 1..=now).filter(|s| !seqs.contains(s)).collect();
    let acked_missing: Vec<(&String, &u64)> = loads
        .iter()
        .flat_map(|l| l.acked.iter())
        .filter(|(_, seq)| missing.contains(seq))
        .collect();
    assert!(
        missing.is_empty(),
        "the log lost {missing:?} (head {now}); acknowledged among them: {acked_missing:?}"
    );
    assert_eq!(seqs, (head + 1..=head + sent as u64).collect::<Vec<_>>());
    let mut by_cid: HashMap<&str, u64> = HashMap::new();
    for e in &entries {
        let cid = e["cid"].as_str().unwrap();
        assert!(
            by_cid.insert(cid, e["seq"].as_u64().unwrap()).is_none(),
            "{cid} twice"
        );
    }
    for load in &loads {
        for change in &load.sent {
            let cid = change["cid"].as_str().unwrap();
            let stored = by_cid.get(cid).unwrap_or_else(|| panic!("{cid} was lost"));
            if let Some(seq) = load.acked.get(cid) {
                assert_eq!(stored, seq, "{cid} is stored under its acknowledged seq");
            }
        }
        let last = entries
            .iter()
            .rev()
            .find(|e| e["item"] == load.item)
            .unwrap();
        assert_eq!(
            last["fields"][load.field],
            load.sent.last().unwrap()["fields"][load.field],
            "{} ends with its last value",
            load.item
        );
    }
    let (status, log, _) = tokio::task::spawn_blocking(move || terminate(again))
        .await
        .unwrap();
    assert!(status.success(), "{log}");
}
