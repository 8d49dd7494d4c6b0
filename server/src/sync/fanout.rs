//! Fan-out: the change log, in `seq` order, to this process's connections.
//!
//! Entries reach the releaser two ways: from this process's writer right
//! after its commit (the fast path), and from a SurrealDB `LIVE SELECT` on
//! the log, which also carries every other process's changes. The releaser
//! holds entries that arrive early, releases them without gaps, and reads
//! the log itself when a gap stays open (a notification lost while the
//! database connection was down) or after the live query is registered
//! again.

use super::Released;
use crate::background::Background;
use crate::observe;
use app::roadmap::Entry;
use app::store::{Store, StoreError};
use futures::StreamExt;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use surrealdb::types::Action;
use tokio::sync::{broadcast, mpsc, Notify};
use tokio::time::Instant;

/// How long a gap may stay open before the log is read.
const GAP_WAIT: Duration = Duration::from_millis(150);
/// How often the head is compared with the database when all is quiet.
const POLL_EVERY: Duration = Duration::from_secs(3);

enum Event {
    Entry(Box<Entry>),
    /// The live query was (re)registered: anything may have been missed.
    Resync,
}

pub async fn spawn(
    store: Store,
    released: broadcast::Sender<Arc<Released>>,
    committed: mpsc::UnboundedReceiver<Vec<Entry>>,
    background: &Background,
) -> Result<(), StoreError> {
    let head = store.roadmap_head().await?;
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    let relive = Arc::new(Notify::new());
    background.spawn(follow_log(store.clone(), events_tx, relive.clone()));
    let releaser = Releaser {
        store,
        released,
        relive,
        last_live: Instant::now(),
        next: head + 1,
        waiting: BTreeMap::new(),
        gap_since: None,
    };
    background.spawn(releaser.run(committed, events_rx));
    Ok(())
}

/// Keeps a live query on the log registered, forever. `relive` asks for a
/// fresh registration: the releaser found entries the live query never
/// delivered (after the database restarted, a reconnected client may keep
/// a stream that no longer receives anything).
async fn follow_log(store: Store, events: mpsc::UnboundedSender<Event>, relive: Arc<Notify>) {
    let mut backoff = Duration::from_millis(200);
    loop {
        match store.live_table("roadmap_change").await {
            Ok(mut stream) => {
                backoff = Duration::from_millis(200);
                if events.send(Event::Resync).is_err() {
                    return;
                }
                loop {
                    let note = tokio::select! {
                        note = stream.next() => note,
                        _ = relive.notified() => {
                            tracing::warn!("the change log's live query missed entries; registering it again");
                            break;
                        }
                    };
                    let Some(note) = note else { break };
                    match note {
                        Ok(note) if note.action == Action::Create => {
                            match serde_json::from_value::<Entry>(note.data) {
                                Ok(entry) => {
                                    if events.send(Event::Entry(Box::new(entry))).is_err() {
                                        return;
                                    }
                                }
                                Err(e) => tracing::warn!("unreadable log entry: {e}"),
                            }
                        }
                        Ok(_) => {}
                        Err(e) => {
                            tracing::warn!("live query on the change log failed: {e}");
                            break;
                        }
                    }
                }
                tracing::warn!("live query on the change log ended; registering it again");
            }
            Err(e) => tracing::warn!("cannot register the live query on the change log: {e}"),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}

struct Releaser {
    store: Store,
    released: broadcast::Sender<Arc<Released>>,
    /// The next `seq` to release.
    next: u64,
    waiting: BTreeMap<u64, Entry>,
    gap_since: Option<Instant>,
    relive: Arc<Notify>,
    /// When the live query last delivered an entry.
    last_live: Instant,
}

impl Releaser {
    async fn run(
        mut self,
        mut committed: mpsc::UnboundedReceiver<Vec<Entry>>,
        mut events: mpsc::UnboundedReceiver<Event>,
    ) {
        let mut poll = tokio::time::interval(POLL_EVERY);
        loop {
            let gap_deadline = self.gap_since.map(|t| t + GAP_WAIT);
            tokio::select! {
                Some(entries) = committed.recv() => {
                    for e in entries { self.hold(e); }
                }
                Some(event) = events.recv() => match event {
                    Event::Entry(e) => {
                        self.last_live = Instant::now();
                        self.hold(*e);
                    }
                    Event::Resync => self.read_log().await,
                },
                _ = sleep_until(gap_deadline) => self.read_log().await,
                _ = poll.tick() => {
                    if matches!(self.store.roadmap_head().await, Ok(h) if h >= self.next) {
                        // Stored, yet neither our writer nor the live query
                        // brought it: the live query is not working.
                        self.read_log().await;
                        if self.last_live.elapsed() > POLL_EVERY {
                            self.relive.notify_one();
                        }
                    }
                }
                else => return,
            }
            self.release();
        }
    }

    fn hold(&mut self, entry: Entry) {
        if entry.seq >= self.next {
            self.waiting.insert(entry.seq, entry);
        }
    }

    fn release(&mut self) {
        while let Some(entry) = self.waiting.remove(&self.next) {
            let json = serde_json::to_string(&entry).expect("entries serialise");
            if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&entry.at) {
                let age = chrono::Utc::now().signed_duration_since(at);
                if let Ok(age) = age.to_std() {
                    metrics::histogram!(observe::FANOUT_SECONDS).record(age.as_secs_f64());
                }
            }
            // No receivers is fine: nobody has the roadmap open.
            let _ = self.released.send(Arc::new(Released::new(entry.seq, json)));
            self.next += 1;
        }
        self.gap_since = match (self.waiting.is_empty(), self.gap_since) {
            (true, _) => None,
            (false, Some(t)) => Some(t),
            (false, None) => Some(Instant::now()),
        };
    }

    /// Fills gaps from the log itself.
    async fn read_log(&mut self) {
        loop {
            match self.store.roadmap_changes_since(self.next - 1, 1000).await {
                Ok(entries) => {
                    let n = entries.len();
                    for e in entries {
                        self.hold(e);
                    }
                    self.release();
                    if n < 1000 {
                        break;
                    }
                }
                Err(e) => {
                    observe::database_error("read_log");
                    tracing::warn!("cannot read the change log: {e}");
                    break;
                }
            }
        }
        self.gap_since = None;
        if !self.waiting.is_empty() {
            self.gap_since = Some(Instant::now());
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}
