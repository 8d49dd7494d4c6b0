//! E-mail through a real SMTP server (aiosmtpd, `tools/smtp-sink`) from
//! the real server over real sockets: invitations, password reset (once,
//! in time, rate-limited, telling nothing of which addresses have
//! accounts), a mail per @mention with one-click unsubscribe, digests
//! once per period, and the outbox's promise: a refusing mail server or a
//! killed process delays mail, never loses or doubles it.

mod common;

use app::auth::Role;
use app::server_fns::accounts::{Invite, SignIn};
use app::server_fns::mail::{CheckReset, RequestPasswordReset, ResetPassword, SetMailPrefs};
use app::store::Store;
use common::sink::{link_path, Sink};
use common::{account, post_form, serve_configured, sign_in, SyncClient, TEST_PASSWORD};
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use server::mail::{MailConfig, Mailer};
use std::net::SocketAddr;
use std::time::Duration;

const PUBLIC: &str = "http://workspace.test";
const MAIL_WAIT: Duration = Duration::from_secs(15);

fn mailer(sink: &Sink) -> Mailer {
    Mailer::new(&MailConfig {
        url: sink.url(),
        user: None,
        pass: None,
        ca_file: None,
        from: "Työtila <noreply@workspace.test>".into(),
        retry_seconds: 1,
        timeout_seconds: 10,
    })
    .unwrap()
}

async fn start(sink: &Sink) -> (SocketAddr, Store) {
    start_with(mailer(sink)).await
}

async fn start_with(mailer: Mailer) -> (SocketAddr, Store) {
    let store = Store::open_in_memory().await.unwrap();
    let addr = serve_configured(store.clone(), move |s| {
        s.with_mail(mailer, PUBLIC.into(), 7)
    })
    .await;
    (addr, store)
}

fn path<S: ServerFn>() -> &'static str {
    S::PATH
}

fn body(mail: &Value) -> &str {
    mail["body"].as_str().unwrap()
}

#[tokio::test]
async fn an_invitation_is_mailed_in_the_language_chosen_and_its_link_works() {
    let sink = Sink::start(0);
    let (addr, store) = start(&sink).await;
    let admin = account(addr, &store, "Aino", Role::Admin).await;
    let res = post_form(
        addr,
        path::<Invite>(),
        Some(&admin),
        &[
            ("csrf", &admin.csrf),
            ("email", "Uusi@Example.fi"),
            ("role", "editor"),
            ("lang", "sv"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let sent: Value = res.json().await.unwrap();
    assert_eq!(sent["mailed_to"], "uusi@example.fi");
    let mails = sink.wait_for(1, MAIL_WAIT).await;
    let mail = &mails[0];
    assert_eq!(mail["envelope_to"], json!(["uusi@example.fi"]));
    assert!(mail["headers"]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Inbjudan"));
    assert!(body(mail).contains("Aino"), "{}", body(mail));
    let link = link_path(body(mail), "/invite/");
    assert_eq!(link, sent["path"].as_str().unwrap(), "the same one link");
    assert!(body(mail).contains(&format!("{PUBLIC}{link}")));
    // No unsubscribe on a message someone asked for.
    assert!(mail["headers"].get("list-unsubscribe").is_none());
    // The link works once.
    let token = link.trim_start_matches("/invite/");
    let accept = <app::server_fns::accounts::AcceptInvitation as ServerFn>::PATH;
    let form = [
        ("token", token),
        ("name", "Uusi Ihminen"),
        ("password", TEST_PASSWORD),
        ("repeat", TEST_PASSWORD),
    ];
    assert_eq!(post_form(addr, accept, None, &form).await.status(), 200);
    assert_eq!(post_form(addr, accept, None, &form).await.status(), 422);
    // The outbox kept no body of the sent message (it held the link).
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.queued, counts.failed), (1, 0, 0));
}

#[tokio::test]
async fn a_reset_link_works_once_ends_sessions_and_tells_nothing_of_other_addresses() {
    let sink = Sink::start(0);
    let (addr, store) = start(&sink).await;
    let bertta = account(addr, &store, "Bertta", Role::Editor).await;
    let ask = |email: String| async move {
        post_form(
            addr,
            path::<RequestPasswordReset>(),
            None,
            &[("email", &email)],
        )
        .await
    };
    // An unknown address gets the same answer, and no mail.
    let unknown = ask("nobody@example.fi".into()).await;
    assert_eq!(unknown.status(), 200);
    let unknown_body = unknown.text().await.unwrap();
    let known = ask(bertta.email.to_uppercase()).await;
    assert_eq!(known.status(), 200);
    assert_eq!(known.text().await.unwrap(), unknown_body);
    let mails = sink.wait_for(1, MAIL_WAIT).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.mails().len(), 1, "no mail for the unknown address");
    assert_eq!(mails[0]["envelope_to"], json!([bertta.email]));
    let link = link_path(body(&mails[0]), "/reset/");
    let token = link.trim_start_matches("/reset/").to_string();
    let check = post_form(addr, path::<CheckReset>(), None, &[("token", &token)]).await;
    assert!(check.json::<bool>().await.unwrap());

    // Too short: refused, the link still works.
    let reset = |password: &'static str| {
        let token = token.clone();
        async move {
            post_form(
                addr,
                path::<ResetPassword>(),
                None,
                &[
                    ("token", &token),
                    ("password", password),
                    ("repeat", password),
                ],
            )
            .await
        }
    };
    assert_eq!(reset("lyhyt").await.status(), 422);
    let done = reset("uusi-salasana-456").await;
    assert_eq!(done.status(), 200);
    assert!(done
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("ngo_session=")));
    // Once only.
    let again = reset("kolmas-salasana-789").await;
    assert_eq!(again.status(), 422);
    let check = post_form(addr, path::<CheckReset>(), None, &[("token", &token)]).await;
    assert!(!check.json::<bool>().await.unwrap());
    // The old password and the old session are gone; the new one works.
    assert_eq!(
        sign_in(addr, &bertta.email, TEST_PASSWORD)
            .await
            .unwrap_err(),
        401
    );
    assert!(sign_in(addr, &bertta.email, "uusi-salasana-456")
        .await
        .is_ok());
    let (mut old, _) = SyncClient::join_with(addr, Some(&bertta), None).await;
    assert!(
        old.closed_within(Duration::from_secs(5)).await || {
            // Or refused as a guest: a change is not accepted.
            let r = old
                .change(common::set(
                    "x-1",
                    "area-pi",
                    json!({"hyte_note": "x"}),
                    json!({}),
                ))
                .await;
            r["code"] == "unauthorized"
        }
    );

    // Per address: three links an hour, then silence (same answer).
    for _ in 0..3 {
        assert_eq!(ask(bertta.email.clone()).await.status(), 200);
    }
    let mails = sink.wait_for(3, MAIL_WAIT).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.mails().len(), 3, "{mails:#?}");
    // Per client address: ten requests an hour, then 429 for any address.
    let mut last = 0;
    for i in 0..6 {
        last = ask(format!("other{i}@example.fi")).await.status().as_u16();
    }
    assert_eq!(last, 429);
    assert_eq!(ask("nobody@example.fi".into()).await.status(), 429);
}

#[tokio::test]
async fn a_refusing_mail_server_delays_mail_but_never_loses_or_doubles_it() {
    let sink = Sink::start(3);
    let (_addr, store) = start(&sink).await;
    let mail = |key: &str| app::mail::compose::Outgoing {
        key: key.into(),
        to: "someone@example.fi".into(),
        subject: format!("Viesti {key}"),
        body: "Hei".into(),
        unsubscribe: None,
    };
    store.enqueue_mail(&[mail("a"), mail("b")]).await.unwrap();
    // Queued again (a retry, another process): still one each.
    store.enqueue_mail(&[mail("a")]).await.unwrap();
    let mails = sink.wait_for(2, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails_after = sink.mails();
    assert_eq!(mails_after.len(), 2, "{mails:#?}");
    let mut subjects: Vec<&str> = mails_after
        .iter()
        .map(|m| m["headers"]["subject"].as_str().unwrap())
        .collect();
    subjects.sort();
    assert_eq!(subjects, ["Viesti a", "Viesti b"]);
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.queued, counts.failed), (2, 0, 0));
}

fn comment(cid: &str, id: &str, subject: &str, body: &str) -> Value {
    json!({"cid": cid, "item": id, "op": "create", "kind": "comment",
           "fields": {"subject": subject, "body": body}})
}

#[tokio::test]
async fn a_mention_is_mailed_once_and_one_click_unsubscribe_stops_it() {
    let sink = Sink::start(0);
    let (addr, store) = start(&sink).await;
    // Mail starts from the log's head: wait for the cursor to be set.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let aino = account(addr, &store, "Aino Aalto", Role::Editor).await;
    let bertta = account(addr, &store, "Bertta Berg", Role::Viewer).await;
    let (mut a, _) = SyncClient::join_with(addr, Some(&aino), None).await;
    let ack = a
        .change(comment(
            "m-1",
            "k-m1",
            "area-pi",
            "Mitä mieltä @Bertta Berg? <b>x</b>",
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let mails = sink.wait_for(1, MAIL_WAIT).await;
    let mail = &mails[0];
    assert_eq!(mail["envelope_to"], json!([bertta.email]));
    assert_eq!(
        mail["headers"]["subject"],
        "Aino Aalto mainitsi sinut: Pirkanmaa"
    );
    assert!(body(mail).contains("<b>x</b>"), "plain text, as written");
    assert!(body(mail).contains(&format!("{PUBLIC}/areas/PI")));
    let one_click = mail["headers"]["list-unsubscribe"].as_str().unwrap();
    assert_eq!(
        mail["headers"]["list-unsubscribe-post"],
        "List-Unsubscribe=One-Click"
    );
    // An edit that keeps the mention does not mention again.
    let ack = a
        .change(common::set(
            "m-2",
            "k-m1",
            json!({"body": "Mitä mieltä @Bertta Berg? (tarkennus)"}),
            json!({}),
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(sink.mails().len(), 1);

    // One-click unsubscribe, as a mail client posts it.
    let url = one_click
        .trim_matches(['<', '>'])
        .replace(PUBLIC, &format!("http://{addr}"));
    let res = reqwest::Client::new()
        .post(&url)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert!(!store.mail_prefs(&bertta.account).await.unwrap().mentions);
    let bad = reqwest::Client::new()
        .post(format!("http://{addr}/api/v1/unsubscribe/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 404);
    let ack = a
        .change(comment("m-3", "k-m3", "area-pi", "@Bertta Berg taas"))
        .await;
    assert_eq!(ack["type"], "ack");
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(sink.mails().len(), 1, "no mail after unsubscribing");
}

#[tokio::test]
async fn a_digest_comes_once_per_period_with_what_happened_in_what_one_follows() {
    let sink = Sink::start(0);
    let (addr, store) = start(&sink).await;
    let aino = account(addr, &store, "Aino", Role::Editor).await;
    let bertta = account(addr, &store, "Bertta", Role::Viewer).await;
    // Bertta asks for a daily digest (in English) and follows Pirkanmaa.
    let res = reqwest::Client::new()
        .post(format!("http://{addr}{}", path::<SetMailPrefs>()))
        .header("cookie", format!("{}; lang=en", bertta.cookie))
        .header("Accept", "application/json")
        .form(&[("csrf", bertta.csrf.as_str()), ("digest", "daily")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let bad = post_form(
        addr,
        path::<SetMailPrefs>(),
        Some(&bertta),
        &[("csrf", &bertta.csrf), ("digest", "hourly")],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let prefs = store.mail_prefs(&bertta.account).await.unwrap();
    assert_eq!(prefs.digest, app::mail::DigestEvery::Daily);
    assert_eq!(prefs.lang, "en");
    assert!(!prefs.mentions, "the box was not ticked");
    store
        .set_follow(&bertta.account, "area-pi", true)
        .await
        .unwrap();
    let site = app::mail::MailSite {
        enabled: true,
        public_url: PUBLIC.into(),
        digest_hour: 7,
    };
    // Nothing due in the period the digest was switched on in.
    let now = chrono::Utc::now();
    assert_eq!(
        server::mail::queue_digests(&store, &site, now)
            .await
            .unwrap(),
        0
    );

    let (mut a, _) = SyncClient::join_with(addr, Some(&aino), None).await;
    for (cid, id) in [("d-1", "k-d1"), ("d-2", "k-d2")] {
        let ack = a.change(comment(cid, id, "area-pi", "Uutisia")).await;
        assert_eq!(ack["type"], "ack");
    }
    let tomorrow = now + chrono::Duration::days(1);
    assert_eq!(
        server::mail::queue_digests(&store, &site, tomorrow)
            .await
            .unwrap(),
        1
    );
    // The same period again (another process, a second tick): nothing.
    assert_eq!(
        server::mail::queue_digests(&store, &site, tomorrow)
            .await
            .unwrap(),
        0
    );
    let mails = sink.wait_for(1, MAIL_WAIT).await;
    let mail = &mails[0];
    assert_eq!(mail["envelope_to"], json!([bertta.email]));
    assert!(mail["headers"]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Daily digest (1)"));
    assert!(
        body(mail).contains("* Pirkanmaa (comments 2)"),
        "{}",
        body(mail)
    );
    assert!(body(mail).contains(&format!("{PUBLIC}/unsubscribe/")));
    // The next day with nothing new: no mail.
    let after = tomorrow + chrono::Duration::days(1);
    assert_eq!(
        server::mail::queue_digests(&store, &site, after)
            .await
            .unwrap(),
        0
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.mails().len(), 1);
}

#[tokio::test]
async fn a_server_killed_while_the_mail_server_is_away_sends_once_after_restart() {
    use common::process::{create_admin, data_dir, kill, server, start as start_process};
    let dir = tempfile::tempdir().unwrap();
    let db = data_dir(dir.path());
    create_admin(&db, "aino@example.fi", "Aino");
    // The mail server is away at first: nothing listens on its port.
    let smtp = common::process::free_addr();
    let url = format!("smtp://{smtp}?tls=none");
    let mail_args = [
        "--smtp-url",
        &url,
        "--mail-retry-seconds",
        "1",
        "--public-url",
        PUBLIC,
    ];
    let mut cmd = server(&db);
    cmd.args(mail_args);
    let (first, addr) = start_process(cmd).await;
    let admin = sign_in(addr, "aino@example.fi", TEST_PASSWORD)
        .await
        .unwrap();
    let res = post_form(
        addr,
        path::<Invite>(),
        Some(&admin),
        &[
            ("csrf", &admin.csrf),
            ("email", "kutsuttu@example.fi"),
            ("role", "viewer"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    // A few refused attempts, then the process dies without a word.
    tokio::time::sleep(Duration::from_secs(2)).await;
    kill(first);
    let sink = Sink::start_on(smtp, tempfile::tempdir().unwrap(), 0, 0.0);
    let mut cmd = server(&db);
    cmd.args(mail_args);
    let (_second, _) = start_process(cmd).await;
    let mails = sink.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(mails[0]["envelope_to"], json!(["kutsuttu@example.fi"]));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.mails().len(), 1, "sent once");
    let _ = SignIn::PATH;
}

#[tokio::test]
async fn a_server_killed_mid_send_sends_the_message_once_after_restart() {
    use common::process::{create_admin, data_dir, kill, server, start as start_process};
    let dir = tempfile::tempdir().unwrap();
    let db = data_dir(dir.path());
    create_admin(&db, "aino@example.fi", "Aino");
    // The mail server holds the first message 2 s before taking it.
    let sink = Sink::start_on(
        common::process::free_addr(),
        tempfile::tempdir().unwrap(),
        0,
        2.0,
    );
    let url = sink.url();
    // A 3 s timeout: a taken message is the taker's for 12 s.
    let mail_args = [
        "--smtp-url",
        &url,
        "--mail-timeout-seconds",
        "3",
        "--public-url",
        PUBLIC,
    ];
    let mut cmd = server(&db);
    cmd.args(mail_args);
    let (first, addr) = start_process(cmd).await;
    let admin = sign_in(addr, "aino@example.fi", TEST_PASSWORD)
        .await
        .unwrap();
    let res = post_form(
        addr,
        path::<Invite>(),
        Some(&admin),
        &[
            ("csrf", &admin.csrf),
            ("email", "kesken@example.fi"),
            ("role", "viewer"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    // The message is on the wire; the sender dies before the answer.
    sink.wait_holding(Duration::from_secs(10)).await;
    let killed_at = std::time::Instant::now();
    kill(first);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        sink.mails().is_empty(),
        "a message is taken only with its 250"
    );
    let mut cmd = server(&db);
    cmd.args(mail_args);
    let (_second, _) = start_process(cmd).await;
    let mails = sink.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(mails[0]["envelope_to"], json!(["kesken@example.fi"]));
    // The new process waited out the dead one's lease before sending.
    assert!(
        killed_at.elapsed() >= Duration::from_secs(8),
        "{:?}",
        killed_at.elapsed()
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.mails().len(), 1, "sent once");
}

#[tokio::test]
async fn over_starttls_with_the_password_mail_goes_and_with_a_wrong_one_it_waits() {
    let sink = Sink::start_secure("tyotila", "oikea-salasana");
    let secure = |pass: &str| {
        Mailer::new(&MailConfig {
            url: sink.secure_url(),
            user: Some("tyotila".into()),
            pass: Some(pass.into()),
            ca_file: Some(sink.ca_file()),
            from: "Työtila <noreply@workspace.test>".into(),
            retry_seconds: 1,
            timeout_seconds: 10,
        })
        .unwrap()
    };
    let invite = |addr, admin: common::Session, to: &'static str| async move {
        let form = [
            ("csrf", admin.csrf.as_str()),
            ("email", to),
            ("role", "viewer"),
            ("lang", "fi"),
        ];
        let res = post_form(addr, path::<Invite>(), Some(&admin), &form).await;
        assert_eq!(res.status(), 200);
    };
    // The right password over TLS, the sink's CA trusted: delivered.
    let (addr, store) = start_with(secure("oikea-salasana")).await;
    let admin = account(addr, &store, "Aino", Role::Admin).await;
    invite(addr, admin, "tls@example.fi").await;
    let mails = sink.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0]["envelope_to"], json!(["tls@example.fi"]));
    // A wrong password: the server refuses the sign-in, nothing is
    // delivered, and the message stays queued to be tried again.
    let (addr, store) = start_with(secure("väärä")).await;
    let admin = account(addr, &store, "Aino", Role::Admin).await;
    invite(addr, admin, "ei-perille@example.fi").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.mails().len(), 1);
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.sent), (1, 0), "{counts:?}");
    // Without the CA the sink's certificate is not trusted: TLS fails
    // before the password is ever sent; the message waits too.
    let untrusted = Mailer::new(&MailConfig {
        url: sink.secure_url(),
        user: Some("tyotila".into()),
        pass: Some("oikea-salasana".into()),
        ca_file: None,
        from: "noreply@workspace.test".into(),
        retry_seconds: 1,
        timeout_seconds: 10,
    })
    .unwrap();
    let (addr, store) = start_with(untrusted).await;
    let admin = account(addr, &store, "Aino", Role::Admin).await;
    invite(addr, admin, "ei-luotettu@example.fi").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.mails().len(), 1);
    assert_eq!(store.outbox_counts().await.unwrap().sent, 0);
}
