//! What the people who host the product do, with the real binary: back up
//! a running server and restore it into a fresh data directory (every API
//! answer the same, old passwords, the log's numbering continued), watch
//! its metrics on the operator address, read its logs as JSON.

mod common;

use common::process::{
    assert_clean, create_admin, data_dir, free_addr, run, server, start, terminate,
};
use common::{post_form, set, Session, SyncClient, TEST_PASSWORD};
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::Path;

const ADMIN: &str = "aino@test.fi";

async fn get_json(addr: SocketAddr, path: &str) -> Value {
    let res = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

async fn get_text(addr: SocketAddr, path: &str) -> (u16, String) {
    let res = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// What a reader and an admin see, everything the backup must bring back.
async fn everything(addr: SocketAddr, admin: &Session) -> Vec<(String, Value)> {
    let mut seen = vec![];
    for path in [
        "/api/v1/areas",
        "/api/v1/areas/PI",
        "/api/v1/areas/PI/history",
        "/api/v1/areas/HEL/history",
        "/api/v1/roadmap",
        "/api/v1/surveys",
        "/api/v1/surveys/varmuuskopio-2023",
        "/api/v1/map.geojson",
    ] {
        seen.push((path.to_string(), get_json(addr, path).await));
    }
    let (_, csv) = get_text(addr, "/api/v1/roadmap.csv").await;
    seen.push(("/api/v1/roadmap.csv".into(), Value::String(csv)));
    let accounts = <app::server_fns::accounts::ListAccounts as ServerFn>::PATH;
    let res = post_form(addr, accounts, Some(admin), &[]).await;
    assert_eq!(res.status(), 200);
    seen.push(("accounts".into(), res.json().await.unwrap()));
    seen
}

/// The audit log as the admin page shows it, oldest first.
async fn audit(addr: SocketAddr, admin: &Session) -> Vec<Value> {
    let path = <app::server_fns::accounts::AuditLog as ServerFn>::PATH;
    let res = post_form(addr, path, Some(admin), &[]).await;
    assert_eq!(res.status(), 200);
    let mut events: Vec<Value> = res.json().await.unwrap();
    events.reverse();
    events
}

fn backup_cmd(database: &[&str], to: &Path, from: Option<SocketAddr>) -> std::process::Command {
    let mut cmd = server(database);
    cmd.args(["backup", "--to", to.to_str().unwrap()]);
    if let Some(ops) = from {
        cmd.args(["--from", &format!("http://{ops}")]);
    }
    cmd
}

fn restore_cmd(database: &[&str], file: &Path, replace: bool) -> std::process::Command {
    let mut cmd = server(database);
    cmd.args(["restore", file.to_str().unwrap()]);
    if replace {
        cmd.arg("--replace");
    }
    cmd
}

/// A backup file's rows, without the header's time of reading.
fn rows(file: &Path) -> Vec<app::store::backup::Row> {
    app::store::backup::parse(&std::fs::read_to_string(file).unwrap())
        .unwrap()
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_running_server_restores_the_same_workspace() {
    let work = tempfile::tempdir().unwrap();
    let old = work.path().join("old");
    let new = work.path().join("new");
    let file = work.path().join("backup.jsonl");
    create_admin(&data_dir(&old), ADMIN, "Aino");
    let ops = free_addr();
    let mut cmd = server(&data_dir(&old));
    cmd.args(["--ops-bind", &ops.to_string()]);
    let (running, addr) = start(cmd).await;

    // Data of every kind: an account and an invitation, area facts, the
    // roadmap, a visit, an imported survey; the audit log of all that.
    let aino = common::sign_in(addr, ADMIN, TEST_PASSWORD).await.unwrap();
    let invite = <app::server_fns::accounts::Invite as ServerFn>::PATH;
    let res = post_form(
        addr,
        invite,
        Some(&aino),
        &[
            ("csrf", &aino.csrf),
            ("email", "bertta@test.fi"),
            ("role", "editor"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let sent: serde_json::Value = res.json().await.unwrap();
    let link = sent["path"].as_str().unwrap().to_string();
    let import = <app::server_fns::surveys::ImportSurvey as ServerFn>::PATH;
    let csv = "title,Varmuuskopio\ndate,2023-05-01\nn,10\nquestion,Toimiiko?\nlabel,count\nKyllä,7\nEi,3\n";
    let res = post_form(
        addr,
        import,
        Some(&aino),
        &[("csv", csv), ("csrf", &aino.csrf)],
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let (mut editor, _) = SyncClient::join_with(addr, Some(&aino), None).await;
    for (cid, item, fields) in [
        ("b-1", "area-pi", json!({"contact_name": "Aino Aaltonen"})),
        ("b-2", "area-hel", json!({"hyte_status": "done"})),
        ("b-3", "g-ict", json!({"title": "Varmuuskopioitu tavoite"})),
        ("b-4", "visit-pi", json!({"notes": "Muistiinpano"})),
    ] {
        let ack = editor.change(set(cid, item, fields, json!({}))).await;
        assert_eq!(ack["type"], "ack", "{ack}");
    }
    let before = everything(addr, &aino).await;
    let audit_before = audit(addr, &aino).await;
    let head = before
        .iter()
        .find(|(p, _)| p == "/api/v1/roadmap")
        .unwrap()
        .1["head"]
        .as_u64()
        .unwrap();

    // The embedded database is the running server's: a backup reads it
    // through the operator address, and says how to when asked directly.
    let (status, said) = run(backup_cmd(&data_dir(&old), &file, None), "");
    assert!(!status.success());
    assert!(said.contains("--from"), "{said}");
    assert!(!file.exists());
    let (status, said) = run(backup_cmd(&data_dir(&old), &file, Some(ops)), "");
    assert!(status.success(), "{said}");
    assert!(said.contains("written to"), "{said}");

    // Metrics of what just happened, on the operator address only.
    let (status, metrics) = get_text(ops, "/metrics").await;
    assert_eq!(status, 200);
    for line in [
        r#"sync_changes_total{outcome="stored"} 4"#,
        "sync_sockets_open 1",
        r#"route="/api/v1/areas/{code}/history""#,
        "sync_ack_seconds_bucket",
        "writer_batch_size_count",
    ] {
        assert!(metrics.contains(line), "{line} missing in\n{metrics}");
    }
    let (status, _) = get_text(addr, "/metrics").await;
    assert_eq!(status, 404, "metrics are never on the public address");
    drop(editor);
    let (status, log, _) = terminate(running);
    assert!(status.success(), "{log}");
    assert_clean("the old server", &log);

    // A stopped server's directory is read directly: the same rows.
    let direct = work.path().join("direct.jsonl");
    let (status, said) = run(backup_cmd(&data_dir(&old), &direct, None), "");
    assert!(status.success(), "{said}");
    assert_eq!(rows(&direct), rows(&file));

    // Restored into a fresh directory...
    let (status, said) = run(restore_cmd(&data_dir(&new), &file, false), "");
    assert!(status.success(), "{said}");
    assert!(said.contains("restored"), "{said}");
    // ...which now holds data: a second restore is refused, changing
    // nothing, unless told to replace it.
    let (status, said) = run(restore_cmd(&data_dir(&new), &file, false), "");
    assert!(!status.success());
    assert!(said.contains("not empty"), "{said}");
    let (status, said) = run(restore_cmd(&data_dir(&new), &file, true), "");
    assert!(status.success(), "{said}");

    let mut cmd = server(&data_dir(&new));
    cmd.args(["--log-format", "json"]);
    let (running, addr) = start(cmd).await;
    let aino = common::sign_in(addr, ADMIN, TEST_PASSWORD)
        .await
        .expect("the old password works");
    let after = everything(addr, &aino).await;
    for ((path, was), (_, is)) in before.iter().zip(&after) {
        assert_eq!(was, is, "{path} differs after the restore");
    }
    let audit_after = audit(addr, &aino).await;
    assert_eq!(audit_after[..audit_before.len()], audit_before[..]);
    assert_eq!(audit_after.len(), audit_before.len() + 1, "and the sign-in");
    // The invitation still works once.
    let token = link.strip_prefix("/invite/").unwrap();
    let accept = <app::server_fns::accounts::AcceptInvitation as ServerFn>::PATH;
    let res = post_form(
        addr,
        accept,
        None,
        &[
            ("token", token),
            ("name", "Bertta"),
            ("password", "bertan-salasana-1"),
            ("repeat", "bertan-salasana-1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    // New changes continue the log's numbering.
    let (mut editor, welcome) = SyncClient::join_with(addr, Some(&aino), None).await;
    assert_eq!(welcome["head"], head);
    let ack = editor
        .change(set(
            "b-5",
            "g-ict",
            json!({"title": "Palautuksen jälkeen"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["seq"], head + 1, "{ack}");

    // Every log line is one JSON object; a request's lines carry its id.
    let res = reqwest::Client::new()
        .get(format!("http://{addr}/areas/nope"))
        .header("x-request-id", "pyynto-42")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "pyynto-42");
    drop(editor);
    let (status, log, _) = terminate(running);
    assert!(status.success(), "{log}");
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(lines.iter().any(|l| l["level"] == "INFO"));
    let answered = lines
        .iter()
        .find(|l| l["span"]["id"] == "pyynto-42")
        .unwrap_or_else(|| panic!("no line of request pyynto-42 in\n{log}"));
    assert_eq!(answered["fields"]["status"], 404, "{answered}");
    assert!(answered["span"]["route"].is_string(), "{answered}");
}
