//! Starting the real server on a free port, and a WebSocket client for the
//! sync protocol.
#![allow(dead_code)]

pub mod process;
pub mod sink;

use app::store::Store;
use futures::{SinkExt, StreamExt};
use leptos::prelude::LeptosOptions;
use serde_json::{json, Value};
use server::{router, AppState};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Serves the whole product on 127.0.0.1 at a free port.
pub async fn serve(store: Store) -> SocketAddr {
    serve_site(store, "target/site").await
}

/// Like [`serve`], with the static files of `site_root`.
pub async fn serve_site(store: Store, site_root: &str) -> SocketAddr {
    serve_options(store, site_root, |s| s).await
}

/// Like [`serve`], as behind a reverse proxy (`--trust-proxy`).
pub async fn serve_behind_proxy(store: Store) -> SocketAddr {
    serve_options(store, "target/site", |s| s.trusting_proxy(true)).await
}

/// Like [`serve`], with `configure` applied to the state (the options of
/// the command line).
pub async fn serve_configured(
    store: Store,
    configure: impl FnOnce(AppState) -> AppState,
) -> SocketAddr {
    serve_options(store, "target/site", configure).await
}

async fn serve_options(
    store: Store,
    site_root: &str,
    configure: impl FnOnce(AppState) -> AppState,
) -> SocketAddr {
    let leptos = LeptosOptions::builder()
        .output_name("ngo-workspace")
        .site_root(site_root)
        .build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::start(leptos, store).await.unwrap();
    let app = router(configure(state));
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    addr
}

pub struct SyncClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Every message read so far.
    pub seen: Vec<Value>,
}

pub const WAIT: Duration = Duration::from_secs(10);

impl SyncClient {
    /// Connects, with a session cookie when given.
    pub async fn connect_with(addr: SocketAddr, cookie: Option<&str>) -> Self {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut request = format!("ws://{addr}/api/v1/sync")
            .into_client_request()
            .unwrap();
        if let Some(cookie) = cookie {
            request
                .headers_mut()
                .insert("cookie", cookie.parse().unwrap());
        }
        let (ws, _) = tokio_tungstenite::connect_async(request)
            .await
            .expect("the sync endpoint upgrades");
        Self { ws, seen: vec![] }
    }

    pub async fn connect(addr: SocketAddr) -> Self {
        Self::connect_with(addr, None).await
    }

    /// Connects as `session` (or anonymously) and says hello; returns the
    /// client and the welcome.
    pub async fn join_with(
        addr: SocketAddr,
        session: Option<&Session>,
        since: Option<u64>,
    ) -> (Self, Value) {
        let mut c = Self::connect_with(addr, session.map(|s| s.cookie.as_str())).await;
        c.send(json!({"type": "hello", "v": 1, "since": since}))
            .await;
        let welcome = c.expect("welcome").await;
        (c, welcome)
    }

    pub async fn send(&mut self, msg: Value) {
        self.send_text(msg.to_string()).await;
    }

    pub async fn send_text(&mut self, text: String) {
        self.ws.send(Message::Text(text.into())).await.unwrap();
    }

    /// Sends unless the connection is gone; whether it was sent.
    pub async fn try_send(&mut self, msg: &Value) -> bool {
        self.ws
            .send(Message::Text(msg.to_string().into()))
            .await
            .is_ok()
    }

    /// Reads (into `seen`) whatever arrives within `wait`; false once the
    /// server has closed the connection.
    pub async fn read_for(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return true,
                Ok(Some(Ok(Message::Text(t)))) => {
                    self.seen.push(serde_json::from_str(t.as_str()).unwrap());
                }
                Ok(Some(Ok(Message::Close(_)))) | Ok(None) | Ok(Some(Err(_))) => return false,
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    /// Sends any frame: binary, ping...
    pub async fn send_frame(&mut self, frame: Message) {
        self.ws.send(frame).await.unwrap();
    }

    /// The next message of `kind`, skipping (but keeping) others.
    pub async fn expect(&mut self, kind: &str) -> Value {
        self.wait_for(|m| m["type"] == kind)
            .await
            .unwrap_or_else(|| panic!("no {kind} message within {WAIT:?}; saw {:?}", self.seen))
    }

    /// The next message for which `want` holds, or None after [`WAIT`].
    pub async fn wait_for(&mut self, want: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .ok()??;
            match next {
                Ok(Message::Text(t)) => {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap();
                    // Everything read is kept, the wanted message too.
                    self.seen.push(v.clone());
                    if want(&v) {
                        return Some(v);
                    }
                }
                Ok(Message::Close(_)) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    /// Waits until a `changes` message carries `cid`; returns that entry.
    pub async fn entry_with_cid(&mut self, cid: &str) -> Value {
        let has = |m: &Value| {
            m["type"] == "changes"
                && m["changes"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|e| e["cid"] == cid))
        };
        if let Some(m) = self.seen.iter().find(|m| has(m)).cloned() {
            return find_cid(&m, cid);
        }
        let m = self
            .wait_for(has)
            .await
            .unwrap_or_else(|| panic!("change {cid} never arrived"));
        find_cid(&m, cid)
    }

    /// Sends a change and waits for its ack (or error) for `cid`.
    pub async fn change(&mut self, change: Value) -> Value {
        let cid = change["cid"].as_str().unwrap().to_string();
        self.try_change(change)
            .await
            .unwrap_or_else(|| panic!("no answer to {cid}"))
    }

    /// Like [`SyncClient::change`], None when no answer came within
    /// [`WAIT`] (the caller may send it again, as a browser does).
    pub async fn try_change(&mut self, change: Value) -> Option<Value> {
        let cid = change["cid"].as_str().unwrap().to_string();
        let mut msg = change;
        msg["type"] = json!("change");
        self.send(msg).await;
        self.wait_for(|m| (m["type"] == "ack" || m["type"] == "error") && m["cid"] == cid.as_str())
            .await
    }

    /// Is the connection closed by the server (within [`WAIT`])?
    pub async fn closed(&mut self) -> bool {
        self.closed_within(WAIT).await
    }

    /// The code of the server's close frame, if one comes within `wait`;
    /// the messages before it are kept in `seen`.
    pub async fn close_code_within(&mut self, wait: Duration) -> Option<u16> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Ok(Some(Ok(Message::Close(frame)))) => return frame.map(|f| f.code.into()),
                Ok(Some(Ok(Message::Text(t)))) => {
                    self.seen.push(serde_json::from_str(t.as_str()).unwrap());
                }
                Ok(Some(Ok(_))) => {}
                Err(_) | Ok(None) | Ok(Some(Err(_))) => return None,
            }
        }
    }

    /// Is the connection closed by the server within `wait`?
    pub async fn closed_within(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return false,
                Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => return true,
                Ok(Some(Ok(_))) => {}
            }
        }
    }
}

fn find_cid(m: &Value, cid: &str) -> Value {
    m["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["cid"] == cid)
        .cloned()
        .unwrap()
}

/// A `set` change.
pub fn set(cid: &str, item: &str, fields: Value, base: Value) -> Value {
    json!({"cid": cid, "item": item, "op": "set", "fields": fields, "base": base})
}

/// A signed-in browser, as the tests hold it.
#[derive(Clone, Debug)]
pub struct Session {
    /// `ngo_session=...`, for the Cookie header.
    pub cookie: String,
    pub csrf: String,
    pub email: String,
    pub account: String,
}

pub const TEST_PASSWORD: &str = "testisalasana-123";

/// Creates an account (`name`, `role`) in `store` and signs it in through
/// the real sign-in endpoint of the server at `addr`.
pub async fn account(
    addr: SocketAddr,
    store: &Store,
    name: &str,
    role: app::auth::Role,
) -> Session {
    let email = format!(
        "{}-{}@test.fi",
        name.to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let hash = app::auth::password::hash(TEST_PASSWORD.into())
        .await
        .unwrap();
    store
        .create_account(&email, name, role, &hash, "test")
        .await
        .unwrap();
    sign_in(addr, &email, TEST_PASSWORD)
        .await
        .expect("signs in")
}

/// Signs in through `/api/sign_in`; the session's cookie and CSRF token.
pub async fn sign_in(addr: SocketAddr, email: &str, password: &str) -> Result<Session, u16> {
    use leptos::server_fn::ServerFn;
    let client = reqwest::Client::new();
    let res = client
        .post(format!(
            "http://{addr}{}",
            <app::server_fns::accounts::SignIn as ServerFn>::PATH
        ))
        .header("Accept", "application/json")
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    if !res.status().is_success() {
        let status = res.status().as_u16();
        // A server fault is never an expected answer.
        assert!(
            status < 500,
            "sign-in failed: {}",
            res.text().await.unwrap()
        );
        return Err(status);
    }
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("ngo_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_string();
    let me: Value = client
        .post(format!(
            "http://{addr}{}",
            <app::server_fns::accounts::CurrentUser as ServerFn>::PATH
        ))
        .header("cookie", &cookie)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Ok(Session {
        cookie,
        csrf: me["csrf"].as_str().unwrap().to_string(),
        email: email.to_string(),
        account: me["account"].as_str().unwrap().to_string(),
    })
}

/// Calls a server function as a form post, with `session` when given.
pub async fn post_form(
    addr: SocketAddr,
    path: &str,
    session: Option<&Session>,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(format!("http://{addr}{path}"))
        .header("Accept", "application/json")
        .form(form);
    if let Some(s) = session {
        req = req.header("cookie", &s.cookie);
    }
    req.send().await.unwrap()
}
