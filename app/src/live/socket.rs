//! The connection to `/api/v1/sync` (gloo-net's WebSocket as a `Stream` of
//! frames and a `Sink` of messages) and what the page says over it. The
//! only code that knows a socket exists: the rest of `LiveSync` calls
//! `send` and is handed every `ServerMsg` through `receive`. Reconnects
//! after 0.5 s, doubling to 15 s, with jitter (gloo-timers).

use super::{current_page, LiveSync, Status};
use crate::roadmap::protocol::{ChangeRequest, ClientMsg, ServerMsg, PROTOCOL_VERSION};
use futures::channel::{mpsc, oneshot};
use futures::future::{self, Either};
use futures::stream::{SplitSink, SplitStream};
use futures::{SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::{Message, WebSocketError};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The server's close code for an ended session.
const SESSION_ENDED: u16 = 4401;

/// How long a change the server could not take waits before it goes again.
const RESEND_MS: u32 = 10_000;

/// Tells one connection from the next.
static NEXT_LINK: AtomicU64 = AtomicU64::new(0);

/// The page's end of its open (or opening) connection. Dropping it closes
/// the socket with no reconnect (going offline, leaving the page).
pub(super) struct Link {
    id: u64,
    outbox: mpsc::UnboundedSender<String>,
    /// Set once the socket is open and `hello` has gone; until then the
    /// page's messages are dropped (its changes wait in the queue anyway).
    open: Rc<Cell<bool>>,
    /// Dropped with the link: ends the connection's task.
    _stop: oneshot::Sender<()>,
}

impl LiveSync {
    /// Sends one message if the socket is open; says whether it did.
    fn send(&self, msg: &ClientMsg) -> bool {
        let text = serde_json::to_string(msg).unwrap_or_default();
        self.link
            .try_with_value(|link| match link {
                Some(link) if link.open.get() => link.outbox.unbounded_send(text).is_ok(),
                _ => false,
            })
            .unwrap_or(false)
    }

    pub(super) fn send_change(&self, req: &ChangeRequest) {
        if self.status.get_untracked() == Status::Online {
            self.send(&ClientMsg::Change(req.clone()));
        }
    }

    /// A change the server could not take just now (busy, or a comment
    /// over the limit) goes again after [`RESEND_MS`] if it is still
    /// queued; a reconnect meanwhile sends it anyway (the server answers a
    /// change it already has with the stored entry).
    pub(super) fn resend_later(&self, cid: String) {
        let this = *self;
        Timeout::new(RESEND_MS, move || {
            let req = this
                .pending
                .try_with_untracked(|p| p.iter().find(|r| r.cid == cid).cloned())
                .flatten();
            if let Some(req) = req {
                this.send_change(&req);
            }
        })
        .forget();
    }

    /// After the catch-up: send everything still queued, in order.
    pub(super) fn after_catch_up(&self) {
        if self.status.get_untracked() != Status::Online {
            self.status.set(Status::Online);
            self.backoff_ms.set_value(500);
            for req in self.pending.get_untracked() {
                self.send(&ClientMsg::Change(req));
            }
        }
    }

    pub fn request_history(&self, item: &str) {
        self.send(&ClientMsg::History {
            item: item.to_string(),
        });
    }

    pub fn editing(&self, item: Option<String>) {
        self.editing_field(item, None);
    }

    /// Tells the others which item (and field) this person edits; a
    /// reader never says so (the server would not pass it on either).
    pub fn editing_field(&self, item: Option<String>, field: Option<String>) {
        if self.name.get_untracked().is_empty() {
            return;
        }
        self.send(&ClientMsg::Presence {
            editing: item,
            field,
        });
    }

    /// The first message on a socket: who this is and the last `seq` the
    /// page has, so the server sends only what it missed.
    fn hello(&self) -> ClientMsg {
        ClientMsg::Hello {
            v: PROTOCOL_VERSION,
            since: Some(self.confirmed.with_untracked(|s| s.head)),
            name: self.name.get_untracked(),
            client: String::new(),
            page: current_page(),
        }
    }

    pub(super) fn go_offline(&self) {
        self.status.set(Status::Offline);
        self.peers.set(vec![]);
        self.more_here.set(0);
        // Dropping the link closes the socket; that close is not followed up.
        self.link.try_update_value(Option::take);
    }

    pub(super) fn connect(&self) {
        let this = *self;
        // One connection at a time, and none for a page that is gone.
        if self.link.try_with_value(Option::is_some).unwrap_or(true) {
            return;
        }
        let location = window().location();
        let scheme = if location.protocol().unwrap_or_default() == "https:" {
            "wss"
        } else {
            "ws"
        };
        let url = format!(
            "{scheme}://{}/api/v1/sync",
            location.host().unwrap_or_default()
        );
        let Ok(socket) = WebSocket::open(&url) else {
            this.schedule_reconnect();
            return;
        };
        this.status.set(Status::Connecting);
        let id = NEXT_LINK.fetch_add(1, Ordering::Relaxed);
        let (outbox, queued) = mpsc::unbounded();
        let (stop, stopped) = oneshot::channel();
        let open = Rc::new(Cell::new(false));
        self.link.set_value(Some(Link {
            id,
            outbox,
            open: Rc::clone(&open),
            _stop: stop,
        }));
        let (sink, frames) = socket.split();
        spawn_local(async move {
            let reading = std::pin::pin!(read(frames, this));
            let writing = std::pin::pin!(write(sink, queued, open, this));
            // Until the page drops the link (then both halves are dropped
            // here, which closes the socket) or the socket closes.
            let talking = future::select(reading, writing);
            if let Either::Right((Either::Left((code, _)), _)) =
                future::select(stopped, talking).await
            {
                this.closed(id, code);
            }
        });
    }

    /// The socket closed without the page closing it.
    fn closed(&self, id: u64, code: Option<u16>) {
        let current = self
            .link
            .try_update_value(|link| {
                let current = link.as_ref().is_some_and(|l| l.id == id);
                if current {
                    *link = None;
                }
                current
            })
            .unwrap_or(false);
        if !current {
            return;
        }
        // The session ended (signed out elsewhere, or deactivated):
        // reload to show the page as it now is; unsent changes stay
        // in storage for the next sign-in.
        if code == Some(SESSION_ENDED) {
            let _ = window().location().reload();
            return;
        }
        // Anything else (1012 a server restarting, a refused frame, a lost
        // network) is followed by a reconnect, which resends the queue.
        self.peers.set(vec![]);
        self.more_here.set(0);
        if window().navigator().on_line() {
            self.status.set(Status::Connecting);
            self.schedule_reconnect();
        } else {
            self.status.set(Status::Offline);
        }
    }

    /// Tries again after 0.5 s, doubling to 15 s, with jitter so that a
    /// restarted server is not hit by everyone at once.
    fn schedule_reconnect(&self) {
        let this = *self;
        let Some(base) = self.backoff_ms.try_get_value() else {
            return;
        };
        self.backoff_ms.set_value((base * 2).min(15_000));
        let wait = base as f64 * (0.75 + js_sys::Math::random() * 0.5);
        Timeout::new(wait as u32, move || {
            if window().navigator().on_line() {
                this.connect();
            }
        })
        .forget();
    }
}

/// Hands every frame to the page until the socket closes; returns the
/// close code.
async fn read(mut frames: SplitStream<WebSocket>, this: LiveSync) -> Option<u16> {
    while let Some(frame) = frames.next().await {
        match frame {
            Ok(Message::Text(text)) => match serde_json::from_str::<ServerMsg>(&text) {
                Ok(msg) => this.receive(msg),
                Err(err) => leptos::logging::warn!("unreadable sync message: {err}"),
            },
            // The protocol is text frames only.
            Ok(Message::Bytes(_)) => {}
            Err(WebSocketError::ConnectionClose(close)) => return Some(close.code),
            // An `error` event: its `close` follows.
            Err(_) => {}
        }
    }
    None
}

/// Sends `hello` once the socket is open, then the page's messages in
/// order.
async fn write(
    mut sink: SplitSink<WebSocket, Message>,
    mut queued: mpsc::UnboundedReceiver<String>,
    open: Rc<Cell<bool>>,
    this: LiveSync,
) {
    // Ready once the socket is no longer connecting.
    if future::poll_fn(|cx| sink.poll_ready_unpin(cx))
        .await
        .is_ok()
    {
        // Made now, not at `connect`: what the page has when it opens.
        let hello = serde_json::to_string(&this.hello()).unwrap_or_default();
        if sink.start_send_unpin(Message::Text(hello)).is_ok() {
            let _ = sink.flush().await;
        }
        open.set(true);
    }
    while let Some(text) = queued.next().await {
        // A failed send is not retried here: the close that follows
        // reconnects, and the catch-up resends the queue.
        let _ = sink.send(Message::Text(text)).await;
    }
}
