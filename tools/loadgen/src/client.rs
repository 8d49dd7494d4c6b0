//! One simulated editor: a WebSocket connection that creates its own action,
//! waits for the start signal, then edits at a fixed rate while recording
//! acknowledgements of its own changes and arrivals of everyone else's.

use crate::board::{Board, Plan, Scenario};
use crate::messages::{self, Incoming, PROGRESS, STATUSES};
use crate::session;
use futures::stream::{SplitSink, SplitStream};
use futures::{SinkExt, StreamExt};
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::time::{Interval, MissedTickBehavior};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;
type Sink = SplitSink<Socket, Message>;
type Stream = SplitStream<Socket>;

/// How long connecting (TCP + upgrade) may take before the client gives up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// What one client saw; merged by the report.
#[derive(Debug, Default)]
pub struct ClientReport {
    /// Whether the client took part (connected and created its action).
    pub ready: bool,
    /// Send → ack of its own changes, µs.
    pub ack_us: Vec<u32>,
    /// Send (by another client) → arrival here, µs.
    pub fanout_us: Vec<u32>,
    /// Scheduled tick → actual send, µs: whether the generator kept pace.
    pub lag_us: Vec<u32>,
    /// Which measured changes arrived here, one bit per board slot.
    pub received: Vec<u64>,
    /// The highest `head` of a snapshot received: changes up to it reached
    /// this client as state, not as entries.
    pub snapshot_head: u64,
    pub snapshots: u64,
    pub errors: BTreeMap<String, u64>,
    pub duplicate_receipts: u64,
    pub presence_messages: u64,
    pub bytes_in: u64,
}

/// The signals the orchestrator sends every client.
pub struct Signals {
    /// When the first change may go out (the same instant for all).
    pub go: watch::Receiver<Option<Instant>>,
    /// Stop reading and disconnect.
    pub stop: watch::Receiver<bool>,
}

/// A connected client's state.
struct Client {
    index: usize,
    plan: Arc<Plan>,
    board: Arc<Board>,
    create_cid: String,
    ready: bool,
    /// Could not connect or create its action: counted once, sends nothing.
    failed: bool,
    /// Counted in `done_sending` already.
    done: bool,
    /// The next change to send.
    next: usize,
    /// The newest `seq` of the shared item seen: the `base` of its edits.
    shared_seen: u64,
    report: ClientReport,
}

/// Runs client `index` to the end and returns what it measured.
pub async fn run(
    index: usize,
    plan: Arc<Plan>,
    board: Arc<Board>,
    signals: Signals,
) -> ClientReport {
    let mut client = Client::new(index, plan, board);
    match connect(&client.plan.url, client.plan.cookie.as_deref()).await {
        Ok(socket) => client.session(socket, signals).await,
        Err(e) => client.error(&e),
    }
    client.finish()
}

/// Opens the socket, with the run's session cookie, and with Nagle's
/// algorithm off: small frames must leave at once, or latency measures the
/// TCP stack's batching instead of the server.
pub async fn connect(url: &str, cookie: Option<&str>) -> Result<Socket, String> {
    let request = session::upgrade_request(url, cookie).map_err(|_| "connect".to_string())?;
    let connecting = tokio_tungstenite::connect_async_with_config(request, None, true);
    match tokio::time::timeout(CONNECT_TIMEOUT, connecting).await {
        Ok(Ok((socket, _))) => Ok(socket),
        Ok(Err(_)) => Err("connect".into()),
        Err(_) => Err("connect_timeout".into()),
    }
}

/// Waits for the next tick of the pacing interval, or forever before the
/// start signal.
async fn tick(interval: &mut Option<Interval>) -> Instant {
    match interval {
        Some(i) => i.tick().await.into_std(),
        None => std::future::pending().await,
    }
}

impl Client {
    fn new(index: usize, plan: Arc<Plan>, board: Arc<Board>) -> Self {
        let words = plan.total_changes().div_ceil(64);
        Self {
            index,
            create_cid: format!("lg-{}-{index}-new", plan.run),
            plan,
            board,
            ready: false,
            failed: false,
            done: false,
            next: 0,
            shared_seen: 0,
            report: ClientReport {
                received: vec![0; words],
                ..ClientReport::default()
            },
        }
    }

    /// Hello, create the own action, then the event loop until stopped or
    /// disconnected.
    async fn session(&mut self, socket: Socket, mut signals: Signals) {
        let (mut sink, mut stream) = socket.split();
        let hello = messages::hello(Some(self.plan.since));
        let create = messages::create_action(
            &self.create_cid,
            &self.plan.own_item(self.index),
            &self.plan.goal,
            &format!("y{}1", self.index),
            &format!("Kuormitustesti {} #{}", self.plan.run, self.index),
        );
        for text in [hello, create] {
            if sink.send(Message::text(text)).await.is_err() {
                return self.error("send");
            }
        }
        self.event_loop(&mut sink, &mut stream, &mut signals).await;
        let _ = sink.send(Message::Close(None)).await;
    }

    /// Reads frames, starts pacing on the go signal and sends on each tick.
    async fn event_loop(&mut self, sink: &mut Sink, stream: &mut Stream, signals: &mut Signals) {
        let mut interval: Option<Interval> = None;
        let mut started = false;
        loop {
            tokio::select! {
                _ = signals.stop.changed() => return,
                frame = stream.next() => if !self.on_frame(frame) { return },
                go = signals.go.changed(), if !started => {
                    started = true;
                    let at = *signals.go.borrow_and_update();
                    if let (Ok(()), Some(at), true) = (go, at, self.ready) {
                        interval = Some(self.pacing(at));
                    } else {
                        self.done_sending();
                    }
                }
                at = tick(&mut interval), if self.next < self.plan.per_client => {
                    if !self.send_change(sink, at).await { return }
                }
            }
        }
    }

    /// The pacing interval: one change per period from `go`, each client
    /// offset by its share of the period so that the clients' sends spread
    /// evenly instead of arriving together.
    ///
    /// `MissedTickBehavior::Burst`: when the generator is starved of CPU the
    /// missed changes go out at once, keeping the offered load at
    /// clients × rate (an open-loop test) rather than slowing down with the
    /// server; `lag` reports how late sends were.
    fn pacing(&self, go: Instant) -> Interval {
        let offset = self
            .plan
            .period
            .mul_f64(self.index as f64 / self.plan.clients as f64);
        let mut interval = tokio::time::interval_at((go + offset).into(), self.plan.period);
        interval.set_missed_tick_behavior(MissedTickBehavior::Burst);
        interval
    }

    /// Sends the next change; `false` when the socket is gone.
    async fn send_change(&mut self, sink: &mut Sink, scheduled: Instant) -> bool {
        let n = self.next;
        self.next += 1;
        let text = self.change_text(n);
        let now = self.board.now_us();
        self.report
            .lag_us
            .push(micros(now.saturating_sub(self.board.us_at(scheduled))));
        self.board.mark_sent(self.plan.slot(self.index, n), now);
        if self.next == self.plan.per_client {
            self.done_sending();
        }
        if sink.send(Message::text(text)).await.is_err() {
            self.error("send");
            return false;
        }
        true
    }

    /// Change `n`: the own action's title and description alternately, and
    /// every tenth change the shared action's status, with the `base` this
    /// client saw, so that concurrent edits produce overwrite records.
    fn change_text(&self, n: usize) -> String {
        let cid = self.plan.cid(self.index, n);
        if self.plan.scenario == Scenario::Areas {
            let base = Some(self.shared_seen);
            if n % 10 == 9 {
                let status = PROGRESS[(self.index + n) % PROGRESS.len()];
                return messages::set_field(&cid, "area-pi", "hyte_status", status, base);
            }
            let area = self.plan.own_area(self.index);
            return if n.is_multiple_of(2) {
                let name = format!("Yhteyshenkilö {} / {n}", self.index);
                messages::set_field(&cid, &area, "contact_name", &name, None)
            } else {
                let note = format!("Kuormitustesti: asiakas {}, muutos {n}.", self.index);
                messages::set_field(&cid, &area, "grants_note", &note, None)
            };
        }
        if n % 10 == 9 {
            let status = STATUSES[(self.index + n) % STATUSES.len()];
            let base = Some(self.shared_seen);
            return messages::set_field(&cid, &self.plan.shared_item, "status", status, base);
        }
        let item = self.plan.own_item(self.index);
        if n.is_multiple_of(2) {
            let title = format!("Kuorma {} muutos {n}", self.index);
            messages::set_field(&cid, &item, "title", &title, None)
        } else {
            let text = format!("Kuormitustesti: asiakas {}, muutos {n}.", self.index);
            messages::set_field(&cid, &item, "description", &text, None)
        }
    }

    /// Handles one frame; `false` when the connection ended.
    fn on_frame(
        &mut self,
        frame: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    ) -> bool {
        match frame {
            Some(Ok(Message::Text(text))) => {
                self.on_text(text.as_str());
                true
            }
            Some(Ok(Message::Close(_))) | None => {
                self.error("closed");
                false
            }
            Some(Ok(_)) => true,
            Some(Err(_)) => {
                self.error("socket");
                false
            }
        }
    }

    fn on_text(&mut self, text: &str) {
        self.report.bytes_in += text.len() as u64;
        if messages::is_presence(text) {
            self.report.presence_messages += 1;
            return;
        }
        let msg = match messages::parse(text) {
            Ok(msg) => msg,
            Err(_) => return self.error("unreadable"),
        };
        match msg.kind {
            "changes" => self.on_changes(&msg),
            "ack" => self.on_ack(&msg),
            "error" => self.on_error(&msg),
            "snapshot" => self.on_snapshot(&msg),
            _ => {}
        }
        if let Some(head) = msg.head {
            self.board.see_head(self.index, head);
        }
    }

    /// Live entries: measures fan-out of other clients' changes.
    fn on_changes(&mut self, msg: &Incoming) {
        let now = self.board.now_us();
        for entry in &msg.changes {
            if entry.item == self.plan.conflict_item() {
                self.shared_seen = self.shared_seen.max(entry.seq);
            }
            let Some((sender, n)) = self.plan.parse_cid(entry.cid) else {
                continue;
            };
            if sender != self.index {
                self.receive(self.plan.slot(sender, n), now);
            }
        }
    }

    /// Records the arrival of another client's change in `slot`.
    fn receive(&mut self, slot: usize, now: u64) {
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        if self.report.received[word] & bit != 0 {
            self.report.duplicate_receipts += 1;
            return;
        }
        self.report.received[word] |= bit;
        self.board.receipts.fetch_add(1, Ordering::Relaxed);
        if let Some(sent) = self.board.sent_at(slot) {
            self.report.fanout_us.push(micros(now.saturating_sub(sent)));
        }
    }

    fn on_ack(&mut self, msg: &Incoming) {
        let (Some(cid), Some(seq)) = (msg.cid, msg.seq) else {
            return self.error("unreadable");
        };
        if cid == self.create_cid {
            return self.become_ready(seq);
        }
        let Some((sender, n)) = self.plan.parse_cid(cid) else {
            return;
        };
        let slot = self.plan.slot(sender, n);
        let now = self.board.now_us();
        if let Some(sent) = self.board.sent_at(slot) {
            self.report.ack_us.push(micros(now.saturating_sub(sent)));
        }
        self.board.mark_acked(slot, seq, now);
    }

    /// The own action exists: this client can take part in the run.
    fn become_ready(&mut self, seq: u64) {
        if !self.ready && !self.failed {
            self.ready = true;
            self.board.setup_head.fetch_max(seq, Ordering::Relaxed);
            self.board.ready.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn on_error(&mut self, msg: &Incoming) {
        let code = msg.code.unwrap_or("unknown");
        *self.report.errors.entry(code.to_string()).or_default() += 1;
        if msg.cid == Some(self.create_cid.as_str()) {
            return self.fail();
        }
        if msg.cid.and_then(|cid| self.plan.parse_cid(cid)).is_some() {
            self.board.resolved.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn on_snapshot(&mut self, msg: &Incoming) {
        self.report.snapshots += 1;
        self.report.snapshot_head = self.report.snapshot_head.max(msg.head.unwrap_or(0));
    }

    /// Counts an error that has no server code (connection trouble).
    fn error(&mut self, what: &str) {
        *self.report.errors.entry(what.to_string()).or_default() += 1;
        self.fail();
    }

    /// A client that never became ready is counted once as failed, so the
    /// orchestrator does not wait for it.
    fn fail(&mut self) {
        if !self.ready && !self.failed {
            self.failed = true;
            self.board.failed.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts this client as done sending, once, so the orchestrator knows
    /// when the sending period is over.
    fn done_sending(&mut self) {
        if !self.done {
            self.done = true;
            self.board.done_sending.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn finish(mut self) -> ClientReport {
        self.done_sending();
        self.report.ready = self.ready;
        self.report
    }
}

/// Microseconds as the reports store them (u32: 71 minutes, ample; half the
/// memory of u64 with hundreds of clients each seeing every change).
fn micros(us: u64) -> u32 {
    us.min(u32::MAX as u64) as u32
}
