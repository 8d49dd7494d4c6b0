//! Starting the real server on a free port, and a WebSocket client for the
//! sync protocol.
#![allow(dead_code)]

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
    let leptos = LeptosOptions::builder()
        .output_name("ngo-workspace")
        .site_root("target/site")
        .build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(AppState::start(leptos, store).await.unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

pub struct SyncClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Every message read so far.
    pub seen: Vec<Value>,
}

pub const WAIT: Duration = Duration::from_secs(10);

impl SyncClient {
    pub async fn connect(addr: SocketAddr) -> Self {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/v1/sync"))
            .await
            .expect("the sync endpoint upgrades");
        Self { ws, seen: vec![] }
    }

    /// Connects and says hello; returns the client and the welcome.
    pub async fn join(addr: SocketAddr, name: &str, since: Option<u64>) -> (Self, Value) {
        let mut c = Self::connect(addr).await;
        c.send(json!({"type": "hello", "v": 1, "since": since, "name": name}))
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
        let mut msg = change;
        msg["type"] = json!("change");
        self.send(msg).await;
        self.wait_for(|m| (m["type"] == "ack" || m["type"] == "error") && m["cid"] == cid.as_str())
            .await
            .unwrap_or_else(|| panic!("no answer to {cid}"))
    }

    /// Is the connection closed by the server (within [`WAIT`])?
    pub async fn closed(&mut self) -> bool {
        let deadline = tokio::time::Instant::now() + WAIT;
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
