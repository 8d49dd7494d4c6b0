//! One client connection to `/api/v1/sync`.

use super::writer::Job;
use super::{Hub, Released};
use app::auth::session::{self, Signed};
use app::i18n::{request_locale, Locale};
use app::roadmap::field::{is_valid_id, MAX_ID};
use app::roadmap::{
    parse_client, ClientMsg, ErrorCode, Peer, ServerMsg, MAX_CATCH_UP, MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
};
use app::text::Texts;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, mpsc, oneshot};

/// What the WebSocket layer reads into at once. Its default, 128 KiB, is
/// zero-filled when a socket first reads: 128 KiB resident for every open
/// tab. Clients' frames are small; a larger one still grows the buffer.
const READ_BUFFER: usize = 4 * 1024;
/// Frames above this close the connection (1009); between
/// [`MAX_MESSAGE_BYTES`] and this they get a `too_large` error.
const HARD_LIMIT: usize = 1 << 20;
/// Sustained messages per second per connection, and the burst allowed.
const RATE: f64 = 50.0;
const BURST: f64 = 100.0;
/// At most this many bytes of entries in one live `changes` message. The
/// WebSocket layer keeps each socket's write buffer at the size of the
/// largest frame it ever sent: a client that fell behind for a moment got
/// up to 500 entries at once and its socket then held ~150 KiB for good
/// (heaptrack, 100 clients x 10 changes/s: 14.7 MiB of write buffers).
const LIVE_BATCH_BYTES: usize = 16 * 1024;
/// Close code when the session ends (sign-out, deactivation).
pub const SESSION_ENDED: u16 = 4401;
/// Close code when this process stops (RFC 6455's "service restart"):
/// the browser reconnects at once, to another process if there is one,
/// and sends again whatever was not acknowledged.
pub const SERVICE_RESTART: u16 = 1012;
/// How long a stopping connection waits for the answers to its changes.
const FLUSH_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);
/// How long it then waits for the browser's answering Close (browsers
/// answer at once; a client that does not is let go).
const HANDSHAKE_WITHIN: std::time::Duration = std::time::Duration::from_secs(1);
/// What an anonymous reader is called in presence lists: nothing; each
/// browser shows a guest in its own language ("Vierailija", "Besökare").
const GUEST: &str = "";

pub async fn sync_handler(
    ws: WebSocketUpgrade,
    headers: HeaderMap,
    State(hub): State<Arc<Hub>>,
) -> Response {
    // A page of another site must not drive a visitor's socket: browsers
    // always send Origin, and it must name this host. (Tools that are not
    // browsers send none.)
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let origin_host = origin
            .to_str()
            .ok()
            .and_then(|o| o.split_once("://").map(|(_, rest)| rest));
        if host.is_none() || origin_host != host {
            return (StatusCode::FORBIDDEN, "cross-origin WebSocket refused").into_response();
        }
    }
    // The socket is authenticated by the session cookie at the upgrade;
    // anyone may follow the roadmap, only editors may change it.
    let signed = match session::from_headers(&hub.store, &headers).await {
        Ok(signed) => signed,
        Err(e) => {
            tracing::warn!("cannot read the session: {e}");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response();
        }
    };
    let token = session::cookie_value(&headers, session::COOKIE).map(|t| session::digest(&t));
    let locale = request_locale(&headers);
    ws.read_buffer_size(READ_BUFFER)
        .max_message_size(HARD_LIMIT)
        .max_frame_size(HARD_LIMIT)
        .on_upgrade(move |socket| Connection::new(hub, signed, token, locale).run(socket))
}

/// A token bucket: [`RATE`] a second, bursts of [`BURST`].
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * RATE).min(BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

struct Connection {
    hub: Arc<Hub>,
    session: String,
    /// The signed-in account, if any: who changes are attributed to.
    signed: Option<Signed>,
    /// The digest of the session token, to check the session again when
    /// its account changes.
    token: Option<String>,
    greeted: bool,
    /// The newest `seq` this client has been sent.
    sent_upto: u64,
    editing: Option<String>,
    field: Option<String>,
    /// The page this socket serves, as its hello said.
    page: String,
    /// The last `presence` message sent (shared with the page's other
    /// sockets): a change on another page sends nothing here.
    presence_sent: Option<Utf8Bytes>,
    bucket: Bucket,
    /// Rate-limit errors are themselves limited to one a second.
    last_rate_error: Option<Instant>,
    /// The language of the page that opened the socket (its `lang`
    /// cookie): error messages and refusals are written in it.
    locale: Locale,
}

type Out = mpsc::UnboundedSender<String>;

impl Connection {
    fn new(hub: Arc<Hub>, signed: Option<Signed>, token: Option<String>, locale: Locale) -> Self {
        Self {
            hub,
            session: uuid::Uuid::new_v4().to_string(),
            signed,
            token,
            greeted: false,
            sent_upto: 0,
            editing: None,
            field: None,
            page: String::new(),
            presence_sent: None,
            bucket: Bucket {
                tokens: BURST,
                at: Instant::now(),
            },
            last_rate_error: None,
            locale,
        }
    }

    /// The messages in this connection's language.
    fn t(&self) -> &'static Texts {
        self.locale.texts()
    }

    async fn run(mut self, socket: WebSocket) {
        let (mut sink, mut stream) = socket.split();
        // Subscribed before any catch-up read, so nothing falls between.
        let mut released = self.hub.released.subscribe();
        let mut presence = self.hub.presence.clone();
        let (out, mut outbox) = mpsc::unbounded_channel::<String>();
        let mut accounts = self.hub.accounts.subscribe();
        // The process's stop waits for this connection to end.
        let _tracked = self.hub.background.track();
        let _counted = crate::observe::OpenSocket::count();
        let stopping = self.hub.background.stopping();
        tokio::pin!(stopping);
        loop {
            tokio::select! {
                // Whichever branch ends the loop on a stop (this one, or a
                // follower's channel closing as its task ends), the
                // connection closes as one that restarts, below.
                _ = &mut stopping => break,
                // An account changed somewhere (any process): if it is ours,
                // the session is checked again; deactivated or signed out
                // ends this connection now, a new role applies at once.
                Ok(aid) = accounts.recv(), if self.signed.is_some() => {
                    if (&*aid == super::accounts::EVERYONE || self.signed.as_ref().is_some_and(|s| s.account.aid == *aid))
                        && !self.recheck().await
                    {
                        let _ = sink.send(Message::Close(Some(CloseFrame {
                            code: SESSION_ENDED,
                            reason: "session ended".into(),
                        }))).await;
                        break;
                    }
                }
                incoming = stream.next() => {
                    let message = match incoming {
                        Some(Ok(Message::Close(_))) | None => break,
                        Some(Ok(message)) => message,
                        Some(Err(e)) => {
                            tracing::debug!("sync connection ended: {e}");
                            if let Some(close) = close_for(&e) {
                                let _ = sink.send(Message::Close(Some(close))).await;
                            }
                            break;
                        }
                    };
                    // Every frame the client sends is read, so every kind
                    // counts: text, binary, ping and pong alike.
                    if let Err(refusal) = self.admit() {
                        if let Some(e) = refusal {
                            if sink.send(Message::Text(e.into())).await.is_err() { break; }
                        }
                        continue;
                    }
                    match message {
                        Message::Text(text) => {
                            for reply in self.on_text(text.as_str(), &out).await {
                                if sink.send(Message::Text(reply.into())).await.is_err() { break; }
                            }
                        }
                        Message::Binary(_) => {
                            let e = ServerMsg::error(ErrorCode::BadMessage, self.t().sync_text_only, None);
                            if sink.send(Message::Text(e.to_json().into())).await.is_err() { break; }
                        }
                        // The WebSocket layer answers pings itself.
                        Message::Ping(_) | Message::Pong(_) | Message::Close(_) => {}
                    }
                }
                Some(reply) = outbox.recv() => {
                    if sink.send(Message::Text(reply.into())).await.is_err() { break; }
                }
                entry = released.recv(), if self.greeted => {
                    match entry {
                        Ok(first) => {
                            // One message per LIVE_BATCH_BYTES of entries.
                            let mut next = Some(first);
                            let mut gone = false;
                            while let Some(first) = next.take() {
                                let (message, rest) = self.live_batch(first, &mut released);
                                next = rest;
                                if let Some(message) = message {
                                    if sink.send(Message::Text(message)).await.is_err() { gone = true; break; }
                                }
                            }
                            if gone { break; }
                        }
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            if let Some(message) = self.catch_up(self.sent_upto).await {
                                if sink.send(Message::Text(message.into())).await.is_err() { break; }
                            }
                        }
                        Err(broadcast::error::RecvError::Closed) => break,
                    }
                }
                changed = presence.changed(), if self.greeted => {
                    if changed.is_err() { break; }
                    let message = presence.borrow_and_update().for_page(&self.page);
                    if self.presence_sent.as_ref() != Some(&message) {
                        self.presence_sent = Some(message.clone());
                        if sink.send(Message::Text(message)).await.is_err() { break; }
                    }
                }
            }
        }
        if self.hub.background.is_stopping() {
            close_for_restart(&mut sink, &mut stream, out, outbox).await;
        }
        if self.greeted {
            if let Err(e) = self.hub.store.remove_presence(&self.session).await {
                tracing::warn!("cannot remove presence: {e}");
            }
        }
    }

    /// Entries released since the last send, as one `changes` message of
    /// at most [`LIVE_BATCH_BYTES`] (one entry alone may be larger), and
    /// the entry that did not fit, to start the next message.
    fn live_batch(
        &mut self,
        first: Arc<Released>,
        released: &mut broadcast::Receiver<Arc<Released>>,
    ) -> (Option<Utf8Bytes>, Option<Arc<Released>>) {
        let mut bytes = first.json.len();
        let mut parts: Vec<Arc<Released>> = vec![first];
        let mut rest = None;
        while let Ok(r) = released.try_recv() {
            if bytes + r.json.len() > LIVE_BATCH_BYTES {
                rest = Some(r);
                break;
            }
            bytes += r.json.len();
            parts.push(r);
        }
        parts.retain(|r| r.seq > self.sent_upto);
        let Some(last) = parts.last().map(|r| r.seq) else {
            return (None, rest);
        };
        self.sent_upto = last;
        let message = match parts.as_slice() {
            [only] => only.alone.clone(),
            _ => super::changes_message(parts.iter().map(|r| r.json.as_str()), last).into(),
        };
        (Some(message), rest)
    }

    /// What a client that has applied `since` is missing: the entries, or
    /// the whole roadmap when it is too far behind (or ahead: a new
    /// database).
    async fn catch_up(&mut self, since: u64) -> Option<String> {
        let head = self.hub.store.roadmap_head().await.ok()?;
        if since <= head && head - since <= MAX_CATCH_UP {
            let changes = self
                .hub
                .store
                .roadmap_changes_since(since, MAX_CATCH_UP)
                .await
                .ok()?;
            let head = changes.last().map(|e| e.seq).unwrap_or(since);
            self.sent_upto = self.sent_upto.max(head);
            Some(ServerMsg::Changes { changes, head }.to_json())
        } else {
            let state = self.hub.store.roadmap_state().await.ok()?;
            self.sent_upto = state.head;
            Some(
                ServerMsg::Snapshot {
                    items: state.items.into_values().collect(),
                    head: state.head,
                }
                .to_json(),
            )
        }
    }

    /// Takes one frame's token from the bucket. `Err` when the frame is
    /// over the limit and is to be dropped unread, with the `rate_limited`
    /// error to send (itself at most one a second, else `None`).
    fn admit(&mut self) -> Result<(), Option<String>> {
        if self.bucket.take() {
            return Ok(());
        }
        let now = Instant::now();
        if self
            .last_rate_error
            .is_some_and(|t| now.duration_since(t) < Duration::from_secs(1))
        {
            return Err(None);
        }
        self.last_rate_error = Some(now);
        Err(Some(
            ServerMsg::error(ErrorCode::RateLimited, rate_limited(self.t()), None).to_json(),
        ))
    }

    /// Handles one text frame; returns the replies to send now.
    async fn on_text(&mut self, text: &str, out: &Out) -> Vec<String> {
        let error = |code, message: String, cid: Option<String>| {
            vec![ServerMsg::error(code, message, cid).to_json()]
        };
        if text.len() > MAX_MESSAGE_BYTES {
            return error(ErrorCode::TooLarge, too_large(self.t()), None);
        }
        let msg = match parse_client(text) {
            Ok(msg) => msg,
            Err((code, detail)) => {
                let t = self.t();
                let template = match code {
                    ErrorCode::BadJson => t.sync_bad_json,
                    _ => t.sync_bad_message,
                };
                return error(code, t.fill(template, &[("detail", &detail)]), None);
            }
        };
        match msg {
            ClientMsg::Hello { v, since, page, .. } => {
                if v != PROTOCOL_VERSION {
                    return error(ErrorCode::Version, version_unsupported(self.t()), None);
                }
                if self.greeted {
                    return vec![];
                }
                // A local path of at most 200 characters, or nothing.
                if page.starts_with('/') && page.len() <= 200 && !page.contains(char::is_control) {
                    self.page = page;
                }
                let head = self.hub.store.roadmap_head().await.unwrap_or(0);
                let mut replies = vec![ServerMsg::Welcome {
                    v: PROTOCOL_VERSION,
                    session: self.session.clone(),
                    head,
                }
                .to_json()];
                match self.catch_up(since.unwrap_or(u64::MAX)).await {
                    Some(m) => replies.push(m),
                    None => {
                        return error(ErrorCode::Busy, self.t().sync_database_retry.into(), None)
                    }
                }
                self.greeted = true;
                let presence = self.hub.presence.borrow().for_page(&self.page);
                replies.push(presence.to_string());
                self.presence_sent = Some(presence);
                self.publish_presence().await;
                replies
            }
            _ if !self.greeted => error(
                ErrorCode::HelloFirst,
                self.t().sync_hello_first.into(),
                None,
            ),
            ClientMsg::Change(req) => {
                let by = match &self.signed {
                    None => {
                        return error(
                            ErrorCode::Unauthorized,
                            self.t().sync_sign_in.into(),
                            Some(req.cid),
                        )
                    }
                    // What the role allows (a viewer comments, an editor
                    // edits) is the writer's `authorize`, against its state.
                    Some(s) => s.actor(),
                };
                let (reply, answer) = oneshot::channel();
                let cid = req.cid.clone();
                // Queued here, in the order this client sent them (a later
                // edit of the same field must win); the wait for the answer
                // runs apart, so the reader goes on and acks arrive through
                // the outbox.
                if self
                    .hub
                    .writer
                    .send(Job {
                        req,
                        by,
                        locale: self.locale,
                        reply,
                        queued: std::time::Instant::now(),
                    })
                    .await
                    .is_err()
                {
                    return error(
                        ErrorCode::Busy,
                        self.t().sync_shutting_down.into(),
                        Some(cid),
                    );
                }
                let out = out.clone();
                tokio::spawn(async move {
                    let message = match answer.await {
                        Ok(Ok((entry, dup))) => ServerMsg::Ack {
                            cid,
                            seq: entry.seq,
                            entry,
                            dup,
                        },
                        Ok(Err(e)) => ServerMsg::error(e.code, e.message, Some(cid)),
                        Err(_) => return,
                    };
                    let _ = out.send(message.to_json());
                });
                vec![]
            }
            ClientMsg::Presence {
                mut editing,
                mut field,
            } => {
                if editing.as_deref().is_some_and(|id| !is_valid_id(id)) {
                    return error(ErrorCode::BadMessage, bad_item_id(self.t()), None);
                }
                if field
                    .as_deref()
                    .is_some_and(|f| app::roadmap::field::Field::parse(f).is_none())
                {
                    field = None;
                }
                // Someone who may not edit is never shown as editing.
                if !self.may_edit() {
                    editing = None;
                }
                if editing.is_none() {
                    field = None;
                }
                if self.editing != editing || self.field != field {
                    self.editing = editing;
                    self.field = field;
                    self.publish_presence().await;
                }
                vec![]
            }
            ClientMsg::History { item } => {
                if !is_valid_id(&item) {
                    return error(ErrorCode::BadMessage, bad_item_id(self.t()), None);
                }
                match self.hub.store.roadmap_item_history(&item).await {
                    Ok(changes) if changes.is_empty() => {
                        error(ErrorCode::NotFound, self.t().sync_no_item.into(), None)
                    }
                    Ok(changes) => vec![ServerMsg::History { item, changes }.to_json()],
                    Err(_) => error(ErrorCode::Busy, self.t().sync_database.into(), None),
                }
            }
        }
    }

    /// Reads the session again; false when it has ended.
    async fn recheck(&mut self) -> bool {
        let Some(token) = &self.token else {
            return false;
        };
        match self
            .hub
            .store
            .session(token, self.hub.store.session_policy())
            .await
        {
            Ok(Some((session, account))) => {
                self.signed = Some(Signed { session, account });
                true
            }
            Ok(None) => false,
            // The database is away: keep the connection, check next time.
            Err(_) => true,
        }
    }

    /// Whether this connection's account may change things.
    fn may_edit(&self) -> bool {
        self.signed
            .as_ref()
            .is_some_and(|s| s.account.role.can_edit())
    }

    async fn publish_presence(&self) {
        let peer = Peer {
            session: self.session.clone(),
            name: self
                .signed
                .as_ref()
                .map(|s| s.account.name.clone())
                .unwrap_or_else(|| GUEST.to_string()),
            editing: self.editing.clone(),
            field: self.field.clone(),
            page: self.page.clone(),
        };
        if let Err(e) = self
            .hub
            .store
            .upsert_presence(&self.hub.process, &peer)
            .await
        {
            tracing::warn!("cannot record presence: {e}");
        }
    }
}

// The socket's messages that name its limits, filled from the constants.

fn rate_limited(t: &Texts) -> String {
    t.fill(t.sync_rate_limited, &[("rate", &RATE.to_string())])
}

fn too_large(t: &Texts) -> String {
    let kib = MAX_MESSAGE_BYTES / 1024;
    t.fill(t.sync_too_large, &[("kib", &kib.to_string())])
}

fn version_unsupported(t: &Texts) -> String {
    t.fill(
        t.sync_version,
        &[("version", &PROTOCOL_VERSION.to_string())],
    )
}

/// The refusal of an item id that cannot be one (presence, history): the
/// same words as the writer's.
fn bad_item_id(t: &Texts) -> String {
    t.fill(t.err_bad_item_id, &[("max", &MAX_ID.to_string())])
}

/// The close frame for a connection whose next frame could not be read:
/// the code RFC 6455 (section 7.4.1) gives the reason. `None` when there
/// is nobody left to tell (the peer went away, the socket failed).
/// axum's error wraps tungstenite's, which says what was wrong.
fn close_for(e: &axum::Error) -> Option<CloseFrame> {
    use std::error::Error as _;
    use tungstenite::error::{Error, ProtocolError};
    use tungstenite::protocol::frame::coding::CloseCode;
    let (code, reason) = match e.source()?.downcast_ref::<Error>()? {
        // Over the frame or message size limit.
        Error::Capacity(_) => (CloseCode::Size, "message too big"),
        // A text frame (or a close reason) that is not UTF-8.
        Error::Utf8(_) => (CloseCode::Invalid, "invalid UTF-8"),
        // The peer closed the TCP connection without a close frame.
        Error::Protocol(ProtocolError::ResetWithoutClosingHandshake) => return None,
        // Unmasked client frames, reserved opcodes or bits, bad
        // fragmentation, oversized control frames...
        Error::Protocol(_) | Error::AttackAttempt => (CloseCode::Protocol, "protocol error"),
        _ => return None,
    };
    Some(CloseFrame {
        code: code.into(),
        reason: reason.into(),
    })
}

/// Closes a connection because this process stops: reads nothing more,
/// sends the answers the writer still has for it (it drains its queue on a
/// stop), says 1012, and finishes the closing handshake.
async fn close_for_restart(
    sink: &mut futures::stream::SplitSink<WebSocket, Message>,
    stream: &mut futures::stream::SplitStream<WebSocket>,
    out: mpsc::UnboundedSender<String>,
    mut outbox: mpsc::UnboundedReceiver<String>,
) {
    drop(out);
    let flush = async {
        while let Some(reply) = outbox.recv().await {
            if sink.send(Message::Text(reply.into())).await.is_err() {
                return;
            }
        }
    };
    let _ = tokio::time::timeout(FLUSH_WITHIN, flush).await;
    let _ = sink
        .send(Message::Close(Some(CloseFrame {
            code: SERVICE_RESTART,
            reason: "server restarting".into(),
        })))
        .await;
    // Read (and drop) what the client still sends until its Close: a
    // socket closed with unread data ends in a TCP reset, and the client
    // would lose the answers and the Close above.
    let handshake = async {
        while let Some(Ok(message)) = stream.next().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(HANDSHAKE_WITHIN, handshake).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_in_messages_come_from_the_constants() {
        let (fi, sv, en) = (Locale::Fi.texts(), Locale::Sv.texts(), Locale::En.texts());
        assert_eq!(too_large(fi), "viesti on yli 64 KiB");
        assert_eq!(too_large(en), "the message is over 64 KiB");
        assert_eq!(
            rate_limited(sv),
            "för många meddelanden: högst 50 per sekund; meddelanden lämnades obehandlade"
        );
        assert_eq!(
            rate_limited(en),
            "too many messages: at most 50 a second; messages were dropped"
        );
        assert_eq!(
            version_unsupported(fi),
            "protokollan versio ei ole tuettu (1)"
        );
        assert_eq!(
            bad_item_id(sv),
            "objektets identifierare är ogiltig: a–z, 0–9 och -, högst 64 tecken"
        );
    }
}
