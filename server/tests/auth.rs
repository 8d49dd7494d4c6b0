//! Only the right people change anything: every write path against the
//! real server and the real embedded database, called anonymously, as a
//! viewer, without the CSRF token, and as an editor; sign-in limits,
//! invitations, roles, deactivation and sign-out reaching open sockets.

mod common;

use app::auth::Role;
use app::server_fns::accounts::{
    AcceptInvitation, AuditLog, ChangePassword, Invite, ListAccounts, SetActive, SetRole, SignOut,
};
use app::server_fns::areas::EditArea;
use app::server_fns::surveys::ImportSurvey;
use app::store::Store;
use common::{
    account, post_form, serve, serve_behind_proxy, set, sign_in, Session, SyncClient, TEST_PASSWORD,
};
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::net::SocketAddr;

async fn start() -> (SocketAddr, Store) {
    let store = Store::open_in_memory().await.unwrap();
    (serve(store.clone()).await, store)
}

async fn area(addr: SocketAddr, code: &str) -> Value {
    reqwest::get(format!("http://{addr}/api/v1/areas/{code}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The four area and survey writes, each with a valid form (without the
/// token), and a probe that tells whether it was stored.
fn writes() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        (
            <EditArea as ServerFn>::PATH,
            vec![
                ("code", "KS"),
                ("fields[contact_name]", "Anna Virtanen"),
                ("fields[contact_role]", "Yhdyshenkilö"),
                ("fields[contact_email]", "anna@example.fi"),
                ("fields[contact_phone]", ""),
                ("orig[contact_phone]", ""),
            ],
        ),
        (
            <EditArea as ServerFn>::PATH,
            vec![
                ("code", "KS"),
                ("fields[hyte_status]", "done"),
                ("fields[hyte_note]", "Sovittu"),
            ],
        ),
        (
            <ImportSurvey as ServerFn>::PATH,
            vec![(
                "csv",
                "title,Oikeustesti\ndate,2023-05-01\nn,10\nquestion,Q?\nlabel,count\nA,3\nB,7\n",
            )],
        ),
    ]
}

async fn stored(addr: SocketAddr) -> (Value, usize) {
    let ks = area(addr, "KS").await;
    let surveys: Value = reqwest::get(format!("http://{addr}/api/v1/surveys"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (ks, surveys.as_array().unwrap().len())
}

#[tokio::test]
async fn every_write_refuses_anonymous_viewers_and_forged_forms_and_accepts_editors() {
    let (addr, store) = start().await;
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let editor = account(addr, &store, "Muokkaaja", Role::Editor).await;
    let before = stored(addr).await;
    for (path, form) in writes() {
        // Anonymous: 401, with or without a token.
        let mut with_token = form.clone();
        with_token.push(("csrf", "whatever"));
        let res = post_form(addr, path, None, &with_token).await;
        assert_eq!(res.status(), 401, "{path} anonymous");
        // A viewer, even with the right token: 403.
        let mut f = form.clone();
        f.push(("csrf", &viewer.csrf));
        let res = post_form(addr, path, Some(&viewer), &f).await;
        assert_eq!(res.status(), 403, "{path} viewer");
        // An editor's cookie without the token, or with another session's:
        // 403 (a page of another site could send the cookie, not the token).
        let res = post_form(addr, path, Some(&editor), &form).await;
        assert!(
            res.status() == 403 || res.status() == 400,
            "{path} no token: {}",
            res.status()
        );
        let mut f = form.clone();
        f.push(("csrf", &viewer.csrf));
        let res = post_form(addr, path, Some(&editor), &f).await;
        assert_eq!(res.status(), 403, "{path} wrong token");
        assert!(res.text().await.unwrap().contains("turvatunniste"));
    }
    assert_eq!(stored(addr).await, before, "nothing was stored");

    // The editor with the token: every write goes through, attributed to
    // the account, not to a typed name.
    for (path, form) in writes() {
        let mut f = form.clone();
        f.push(("csrf", &editor.csrf));
        let res = post_form(addr, path, Some(&editor), &f).await;
        assert_eq!(
            res.status(),
            200,
            "{path} editor: {}",
            res.text().await.unwrap()
        );
    }
    let (ks, n) = stored(addr).await;
    assert_eq!(n, before.1 + 1);
    assert_eq!(ks["places"]["hyte"]["status"], "done");
    assert_eq!(ks["places"]["hyte"]["updated_by"], "Muokkaaja");
    assert_eq!(ks["contacts"]["person"]["name"], "Anna Virtanen");

    // The audit log (admins only) names the account behind each change.
    let admin = account(addr, &store, "Pääkäyttäjä", Role::Admin).await;
    let log = store.audit_log(Some(&editor.account), 50).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"area_edit"), "{actions:?}");
    assert!(actions.contains(&"survey_imported"), "{actions:?}");
    assert!(actions.contains(&"sign_in"), "{actions:?}");
    assert!(log.iter().all(|e| e.who == editor.email), "{log:?}");
    let path = <AuditLog as ServerFn>::PATH;
    assert_eq!(
        post_form(addr, path, Some(&editor), &[]).await.status(),
        403
    );
    assert_eq!(post_form(addr, path, None, &[]).await.status(), 401);
    let res = post_form(addr, path, Some(&admin), &[]).await;
    assert_eq!(res.status(), 200);
    let events: Value = res.json().await.unwrap();
    assert!(events.as_array().unwrap().len() >= 5);
}

#[tokio::test]
async fn the_sync_socket_lets_only_editors_change_the_roadmap() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let viewer = account(addr, &store, "Lukija", Role::Viewer).await;
    let editor = account(addr, &store, "Muokkaaja", Role::Editor).await;
    let change = |cid: &str| set(cid, "g-ict", json!({"title": "Uusi otsikko"}), json!({}));

    let (mut anon, _) = SyncClient::join_with(addr, None, Some(head)).await;
    assert_eq!(anon.change(change("anon-1")).await["code"], "unauthorized");
    let (mut v, _) = SyncClient::join_with(addr, Some(&viewer), Some(head)).await;
    assert_eq!(v.change(change("view-1")).await["code"], "forbidden");
    assert_eq!(store.roadmap_head().await.unwrap(), head, "nothing stored");

    let (mut e, _) = SyncClient::join_with(addr, Some(&editor), Some(head)).await;
    let ack = e.change(change("edit-1")).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(ack["entry"]["by"], "Muokkaaja");
    assert_eq!(ack["entry"]["account"], editor.account.as_str());
    // Readers still receive it.
    assert_eq!(anon.entry_with_cid("edit-1").await["by"], "Muokkaaja");
    v.entry_with_cid("edit-1").await;

    // A role change reaches the open socket at once: the viewer made
    // editor may now edit, the editor made viewer may not.
    let admin = account(addr, &store, "Pääkäyttäjä", Role::Admin).await;
    let path = <SetRole as ServerFn>::PATH;
    for (who, role) in [(&viewer, "editor"), (&editor, "viewer")] {
        let res = post_form(
            addr,
            path,
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("account", &who.account),
                ("role", role),
            ],
        )
        .await;
        assert_eq!(res.status(), 200);
    }
    let mut answered = false;
    for attempt in 0..50 {
        let a = v.change(change(&format!("view-again-{attempt}"))).await;
        if a["type"] == "ack" {
            answered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(answered, "the promoted viewer could not edit");
    let mut refused = false;
    for attempt in 0..50 {
        let a = e.change(change(&format!("edit-again-{attempt}"))).await;
        if a["code"] == "forbidden" {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(refused, "the demoted editor could still edit");
}

#[tokio::test]
async fn deactivation_ends_sessions_and_closes_open_sockets_at_once() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let admin = account(addr, &store, "Pääkäyttäjä", Role::Admin).await;
    let editor = account(addr, &store, "Muokkaaja", Role::Editor).await;
    let (mut socket, _) = SyncClient::join_with(addr, Some(&editor), Some(head)).await;
    let (mut bystander, _) = SyncClient::join_with(addr, None, Some(head)).await;

    // Only admins deactivate.
    let path = <SetActive as ServerFn>::PATH;
    let form = [
        ("csrf", editor.csrf.as_str()),
        ("account", admin.account.as_str()),
        ("active", "false"),
    ];
    assert_eq!(
        post_form(addr, path, Some(&editor), &form).await.status(),
        403
    );

    let started = std::time::Instant::now();
    let res = post_form(
        addr,
        path,
        Some(&admin),
        &[
            ("csrf", &admin.csrf),
            ("account", &editor.account),
            ("active", "false"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(
        socket.closed().await,
        "the deactivated user's socket stays open"
    );
    println!("socket closed {:?} after deactivation", started.elapsed());
    // Their session is gone: a write is 401, and signing in is refused.
    let res = post_form(
        addr,
        <EditArea as ServerFn>::PATH,
        Some(&editor),
        &[
            ("code", "KS"),
            ("fields[hyte_status]", "done"),
            ("csrf", &editor.csrf),
        ],
    )
    .await;
    assert_eq!(res.status(), 401);
    assert_eq!(
        sign_in(addr, &editor.email, TEST_PASSWORD)
            .await
            .unwrap_err(),
        401
    );
    // Others stay connected.
    assert!(
        !bystander
            .closed_within(std::time::Duration::from_millis(300))
            .await
    );
}

#[tokio::test]
async fn sign_out_and_password_change_end_sessions() {
    let (addr, store) = start().await;
    let head = store.roadmap_head().await.unwrap();
    let first = account(addr, &store, "Aino", Role::Editor).await;
    let second = sign_in(addr, &first.email, TEST_PASSWORD).await.unwrap();
    let (mut socket, _) = SyncClient::join_with(addr, Some(&second), Some(head)).await;

    // A password change (right current password, valid new one) ends the
    // other session and its socket; this one stays.
    let path = <ChangePassword as ServerFn>::PATH;
    let bad = post_form(
        addr,
        path,
        Some(&first),
        &[
            ("csrf", &first.csrf),
            ("current", "wrong password!"),
            ("new", "uusi-salasana-1"),
            ("repeat", "uusi-salasana-1"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let short = post_form(
        addr,
        path,
        Some(&first),
        &[
            ("csrf", &first.csrf),
            ("current", TEST_PASSWORD),
            ("new", "lyhyt"),
            ("repeat", "lyhyt"),
        ],
    )
    .await;
    assert_eq!(short.status(), 422);
    let ok = post_form(
        addr,
        path,
        Some(&first),
        &[
            ("csrf", &first.csrf),
            ("current", TEST_PASSWORD),
            ("new", "uusi-salasana-1"),
            ("repeat", "uusi-salasana-1"),
        ],
    )
    .await;
    assert_eq!(ok.status(), 200);
    assert!(
        socket.closed().await,
        "the other session's socket stays open"
    );
    assert_eq!(
        sign_in(addr, &first.email, TEST_PASSWORD)
            .await
            .unwrap_err(),
        401
    );
    let third = sign_in(addr, &first.email, "uusi-salasana-1")
        .await
        .unwrap();

    // Signing out needs the token too, and ends the session.
    let path = <SignOut as ServerFn>::PATH;
    assert_eq!(
        post_form(addr, path, Some(&third), &[("csrf", "x")])
            .await
            .status(),
        403
    );
    let res = post_form(addr, path, Some(&third), &[("csrf", &third.csrf)]).await;
    assert_eq!(res.status(), 200);
    let cleared = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let res = post_form(addr, <ListAccounts as ServerFn>::PATH, Some(&third), &[]).await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn brute_force_sign_in_gets_429_with_retry_after() {
    let (addr, store) = start().await;
    let victim = account(addr, &store, "Kohde", Role::Admin).await;
    for _ in 0..app::server_fns::accounts::MAX_FAILURES_PER_ACCOUNT {
        assert_eq!(
            sign_in(addr, &victim.email, "arvaus-arvaus")
                .await
                .unwrap_err(),
            401
        );
    }
    // Now even the right password waits.
    let res = reqwest::Client::new()
        .post(format!(
            "http://{addr}{}",
            <app::server_fns::accounts::SignIn as ServerFn>::PATH
        ))
        .header("Accept", "application/json")
        .form(&[
            ("email", victim.email.as_str()),
            ("password", TEST_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    assert!(res.headers().get("set-cookie").is_none());

    // From one address, many accounts: the address is limited too.
    let mut statuses = vec![];
    for i in 0..app::server_fns::accounts::MAX_FAILURES_PER_ADDRESS {
        let email = format!("someone-{i}@test.fi");
        statuses.push(sign_in(addr, &email, "arvaus-arvaus").await.unwrap_err());
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // The failures are in the audit log.
    let log = store.audit_log(None, 100).await.unwrap();
    assert!(log.iter().filter(|e| e.action == "sign_in_failed").count() >= 5);
}

/// A wrong password for an unknown address, with `X-Forwarded-For` as a
/// proxy (or a client) wrote it; the status.
async fn fail_sign_in_from(addr: SocketAddr, email: &str, forwarded_for: &str) -> u16 {
    reqwest::Client::new()
        .post(format!(
            "http://{addr}{}",
            <app::server_fns::accounts::SignIn as ServerFn>::PATH
        ))
        .header("Accept", "application/json")
        .header("X-Forwarded-For", forwarded_for)
        .form(&[("email", email), ("password", "arvaus-arvaus")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_sign_in_limits_count_each_client_not_the_proxy() {
    let max = app::server_fns::accounts::MAX_FAILURES_PER_ADDRESS;
    let proxied = serve_behind_proxy(Store::open_in_memory().await.unwrap()).await;
    let mut statuses = vec![];
    for i in 0..max {
        // What the client wrote comes first; the proxy appends the address
        // it saw.
        let header = format!("10.9.9.{i}, 198.51.100.1");
        statuses.push(fail_sign_in_from(proxied, &format!("a-{i}@test.fi"), &header).await);
    }
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(
        fail_sign_in_from(proxied, "a-last@test.fi", "10.9.9.99, 198.51.100.1").await,
        429
    );
    // Another client behind the same proxy is not locked out...
    assert_eq!(
        fail_sign_in_from(proxied, "b@test.fi", "198.51.100.2").await,
        401
    );
    // ...and the limited one cannot escape by writing another address.
    assert_eq!(
        fail_sign_in_from(proxied, "c@test.fi", "198.51.100.2, 198.51.100.1").await,
        429
    );

    // Reached directly, the header is only the client's word: ignored.
    let (direct, _) = start().await;
    for i in 0..max {
        fail_sign_in_from(direct, &format!("d-{i}@test.fi"), "198.51.100.3").await;
    }
    assert_eq!(
        fail_sign_in_from(direct, "e@test.fi", "198.51.100.4").await,
        429
    );
}

#[tokio::test]
async fn invitations_work_once_and_cookies_are_safe() {
    let (addr, store) = start().await;
    let admin = account(addr, &store, "Pääkäyttäjä", Role::Admin).await;
    let editor = account(addr, &store, "Muokkaaja", Role::Editor).await;
    let path = <Invite as ServerFn>::PATH;
    let form = |s: &Session| {
        vec![
            ("csrf", s.csrf.clone()),
            ("email", "Uusi@Example.fi".to_string()),
            ("role", "editor".to_string()),
        ]
    };
    let f = form(&editor);
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        post_form(addr, path, Some(&editor), &refs).await.status(),
        403
    );
    let f = form(&admin);
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = post_form(addr, path, Some(&admin), &refs).await;
    assert_eq!(res.status(), 200);
    let sent: serde_json::Value = res.json().await.unwrap();
    // Without a mail server the link is the one way to pass it on.
    assert!(sent["mailed_to"].is_null(), "{sent}");
    let link = sent["path"].as_str().unwrap();
    let token = link.strip_prefix("/invite/").unwrap().to_string();
    assert_eq!(token.len(), 64);

    let accept = <AcceptInvitation as ServerFn>::PATH;
    let weak = post_form(
        addr,
        accept,
        None,
        &[
            ("token", &token),
            ("name", "Uusi"),
            ("password", "lyhyt"),
            ("repeat", "lyhyt"),
        ],
    )
    .await;
    assert_eq!(
        weak.status(),
        422,
        "a weak password is refused, the invitation kept"
    );
    let res = reqwest::Client::new()
        .post(format!("http://{addr}{accept}"))
        .header("Accept", "application/json")
        .header("X-Forwarded-Proto", "https")
        .form(&[
            ("token", token.as_str()),
            ("name", "Uusi Muokkaaja"),
            ("password", "pitka-salasana-1"),
            ("repeat", "pitka-salasana-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing in {cookie}");
    }
    let plain = sign_in(addr, "uusi@example.fi", "pitka-salasana-1")
        .await
        .unwrap();
    assert!(!plain.cookie.contains("Secure"));
    let me = store
        .account_by_email("uusi@example.fi")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.role, Role::Editor);
    assert!(me.password.starts_with("$argon2id$"));
    // Used once: a second use is refused and creates nothing.
    let again = post_form(
        addr,
        accept,
        None,
        &[
            ("token", &token),
            ("name", "Toinen"),
            ("password", "pitka-salasana-2"),
            ("repeat", "pitka-salasana-2"),
        ],
    )
    .await;
    assert_eq!(again.status(), 422);
    assert_eq!(store.list_accounts().await.unwrap().len(), 3);
}
