//! Two server processes on one SurrealDB server serve their users as one
//! system: each delivers the other's changes (through LIVE SELECT on the
//! change log), and sequence numbers stay unique and gapless.
//!
//! Needs the real SurrealDB server binary, which scripts/setup.sh builds
//! once into a cache (`NGO_SURREAL_BIN`, or the path
//! scripts/surreal-path.sh prints).

mod common;

use common::process::{
    create_admin, free_addr, server, start, start_surreal, surreal_options, Running,
};
use common::{set, Session, SyncClient, TEST_PASSWORD};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// The database all the processes of a test share.
const DB: &str = "workspace";

async fn start_server(db: SocketAddr) -> (Running, SocketAddr) {
    let mut cmd = server(&surreal_options(db, DB));
    cmd.env("RUST_LOG", "warn,server=info");
    start(cmd).await
}

/// An admin made with the real `server create-admin` (password on
/// stdin) against the SurrealDB server, then signed in at `addr`.
async fn admin(db: SocketAddr, addr: SocketAddr, name: &str) -> Session {
    let email = format!("{}@test.fi", name.to_lowercase());
    create_admin(&surreal_options(db, DB), &email, name);
    common::sign_in(addr, &email, TEST_PASSWORD)
        .await
        .expect("the new admin signs in")
}

/// Every entry a client has been sent, by `seq`.
fn seqs_seen(c: &SyncClient) -> BTreeSet<u64> {
    c.seen
        .iter()
        .filter(|m| m["type"] == "changes")
        .flat_map(|m| {
            m["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["seq"].as_u64().unwrap())
        })
        .collect()
}

async fn roadmap(addr: SocketAddr) -> Value {
    reqwest::get(format!("http://{addr}/api/v1/roadmap"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_on_one_surrealdb_act_as_one() {
    let db = free_addr();
    let _surreal = start_surreal(db, "memory").await;
    let (_one, addr1) = start_server(db).await;
    let (_two, addr2) = start_server(db).await;

    let head = roadmap(addr1).await["head"].as_u64().unwrap();
    assert_eq!(
        roadmap(addr2).await["head"],
        head,
        "seeded once, seen by both"
    );
    let (mut a, _) =
        SyncClient::join_with(addr1, Some(&admin(db, addr1, "Aino").await), Some(head)).await;
    let (mut b, _) =
        SyncClient::join_with(addr2, Some(&admin(db, addr2, "Bertta").await), Some(head)).await;

    // Presence crosses processes.
    let sees_bertta = a
        .wait_for(|m| {
            m["type"] == "presence"
                && m["peers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == "Bertta")
        })
        .await;
    assert!(
        sees_bertta.is_some(),
        "Aino (process 1) sees Bertta (process 2)"
    );

    // One change each way.
    let ack = a
        .change(set(
            "p1-1",
            "g-ict",
            json!({"title": "Prosessista 1"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(
        b.entry_with_cid("p1-1").await["fields"]["title"],
        "Prosessista 1"
    );
    let ack = b
        .change(set(
            "p2-1",
            "g-ict",
            json!({"description": "Prosessista 2"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(
        a.entry_with_cid("p2-1").await["fields"]["description"],
        "Prosessista 2"
    );

    // Both write at once: every change gets its own seq, no gaps, and
    // each client gets every change from both processes.
    for i in 0..40 {
        a.send(
            json!({"type": "change", "cid": format!("ra-{i}"), "item": "a-tour", "op": "set",
            "fields": {"owner": format!("A{i}")}}),
        )
        .await;
        b.send(
            json!({"type": "change", "cid": format!("rb-{i}"), "item": "a-tour", "op": "set",
            "fields": {"responsible": format!("B{i}")}}),
        )
        .await;
    }
    let last_a = a.entry_with_cid("ra-39").await["seq"].as_u64().unwrap();
    let last_b = b.entry_with_cid("rb-39").await["seq"].as_u64().unwrap();
    let end = head + 2 + 80;
    let expected: BTreeSet<u64> = (head + 1..=end).collect();
    for (c, name) in [(&mut a, "a"), (&mut b, "b")] {
        let deadline = Instant::now() + Duration::from_secs(10);
        while seqs_seen(c) != expected {
            assert!(
                Instant::now() < deadline,
                "client {name} got every seq up to {end}"
            );
            c.wait_for(|m| m["type"] == "changes").await;
        }
    }
    // And a client joining late catches up from either process's log.
    for (addr, name) in [(addr1, "one"), (addr2, "two")] {
        let (mut late, _) = SyncClient::join_with(addr, None, Some(head)).await;
        let m = late.expect("changes").await;
        let got: BTreeSet<u64> = m["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["seq"].as_u64().unwrap())
            .collect();
        assert_eq!(
            got, expected,
            "process {name}'s log view has every seq once"
        );
    }
    assert_eq!(
        seqs_seen(&a),
        expected,
        "Aino got every change once, in one history"
    );
    assert_eq!(seqs_seen(&b), expected, "Bertta too");
    assert!(last_a <= end && last_b <= end);

    // Both processes show the same roadmap, with both writers' last values.
    let (r1, r2) = (roadmap(addr1).await, roadmap(addr2).await);
    assert_eq!(r1, r2);
    let tour = r1["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "a-tour")
        .unwrap();
    assert_eq!(tour["owner"], "A39");
    assert_eq!(tour["responsible"], "B39");

    // An area page edited on process 1 arrives at process 2 (its socket and
    // its REST view) within a second, and the other way round.
    let started = Instant::now();
    let ack = a
        .change(set(
            "pa-area",
            "area-pi",
            json!({"hyte_status": "done"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(
        b.entry_with_cid("pa-area").await["fields"]["hyte_status"],
        "done"
    );
    let took = started.elapsed();
    println!("area edit at the other process after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
    let ack = b
        .change(set(
            "pb-area",
            "area-pi",
            json!({"hyte_note": "Prosessista 2"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(
        a.entry_with_cid("pb-area").await["fields"]["hyte_note"],
        "Prosessista 2"
    );
    for addr in [addr1, addr2] {
        let pi: Value = reqwest::get(format!("http://{addr}/api/v1/areas/PI"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(pi["places"]["hyte"]["status"], "done");
        assert_eq!(pi["places"]["hyte"]["note"], "Prosessista 2");
    }
}

/// Sends `change` until it is acknowledged (the same `cid` each time, as a
/// browser's queue does), e.g. while the database is coming back: an
/// answer may be a refusal ("busy") or, while the server reconnects to the
/// database, may not come at all.
async fn change_until_acked(c: &mut SyncClient, change: Value) -> Value {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let answer = c.try_change(change.clone()).await.unwrap_or_default();
        if answer["type"] == "ack" {
            return answer;
        }
        assert!(Instant::now() < deadline, "never acknowledged: {answer}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fan_out_survives_a_database_restart() {
    let dir = std::env::temp_dir().join(format!("ngo-surreal-{}", std::process::id()));
    let storage = format!("surrealkv://{}", dir.display());
    let db = free_addr();
    let surreal = start_surreal(db, &storage).await;
    let (_one, addr1) = start_server(db).await;
    let (_two, addr2) = start_server(db).await;
    let head = roadmap(addr1).await["head"].as_u64().unwrap();
    let (mut a, _) =
        SyncClient::join_with(addr1, Some(&admin(db, addr1, "Aino").await), Some(head)).await;
    let (mut b, _) =
        SyncClient::join_with(addr2, Some(&admin(db, addr2, "Bertta").await), Some(head)).await;
    a.change(set("before", "g-ict", json!({"title": "Ennen"}), json!({})))
        .await;
    b.entry_with_cid("before").await;

    // The database goes away and comes back (same files, same address).
    drop(surreal);
    let _surreal = start_surreal(db, &storage).await;

    // A queued change goes through once the servers have reconnected...
    change_until_acked(
        &mut a,
        set("after-0", "g-ict", json!({"title": "Jälkeen"}), json!({})),
    )
    .await;
    b.entry_with_cid("after-0").await;
    // ...and the live query is registered again: changes arrive well within
    // the 3 s polling fallback, every time.
    for i in 1..=3 {
        tokio::time::sleep(Duration::from_millis(1200)).await;
        let cid = format!("after-{i}");
        let sent = Instant::now();
        change_until_acked(
            &mut a,
            set(
                &cid,
                "g-ict",
                json!({"title": format!("Jälkeen {i}")}),
                json!({}),
            ),
        )
        .await;
        b.entry_with_cid(&cid).await;
        let took = sent.elapsed();
        assert!(
            took < Duration::from_millis(1000),
            "change {i} took {took:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Backup and restore work against a SurrealDB server as against the
/// embedded database: read while a process serves, restored into another
/// database, which then serves the same workspace.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_surrealdb_server_is_backed_up_and_restored_while_serving() {
    let db = free_addr();
    let _surreal = start_surreal(db, "memory").await;
    let (_one, addr) = start_server(db).await;
    let aino = admin(db, addr, "Aino").await;
    let (mut a, _) = SyncClient::join_with(addr, Some(&aino), None).await;
    let ack = a
        .change(set(
            "bk-1",
            "area-pi",
            json!({"contact_name": "Aino"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");

    let file = tempfile::NamedTempFile::new().unwrap();
    let path = file.path().to_str().unwrap();
    let mut cmd = server(&surreal_options(db, DB));
    cmd.args(["backup", "--to", path]);
    let (status, said) = common::process::run(cmd, "");
    assert!(status.success(), "{said}");
    // Into the database being served: refused, it holds data.
    let mut cmd = server(&surreal_options(db, DB));
    cmd.args(["restore", path]);
    let (status, said) = common::process::run(cmd, "");
    assert!(!status.success() && said.contains("not empty"), "{said}");
    // Into a new database on the same server.
    let mut cmd = server(&surreal_options(db, "restored"));
    cmd.args(["restore", path]);
    let (status, said) = common::process::run(cmd, "");
    assert!(status.success(), "{said}");

    let mut cmd = server(&surreal_options(db, "restored"));
    cmd.env("RUST_LOG", "warn,server=info");
    let (_two, restored) = start(cmd).await;
    for path in [
        "/api/v1/roadmap",
        "/api/v1/areas",
        "/api/v1/areas/PI/history",
    ] {
        let get = |addr: SocketAddr| async move {
            reqwest::get(format!("http://{addr}{path}"))
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        };
        assert_eq!(get(addr).await, get(restored).await, "{path}");
    }
    common::sign_in(restored, "aino@test.fi", TEST_PASSWORD)
        .await
        .expect("the old password works on the restored database");
}
