//! What all simulated clients share: the run's plan, when each change was
//! sent and under which `seq` it was acknowledged, and progress counters.
//!
//! Every client sits in one process, so a receiver can look up when another
//! client sent a change and measure fan-out latency exactly, with one clock.
//! A change's slot is found from its `cid` (`lg-<run>-<client>-<n>`), so
//! the lookup is an index into arrays of atomics: no lock is taken on the
//! hot path, whatever the number of clients.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The run, as every client needs it.
#[derive(Debug)]
pub struct Plan {
    pub url: String,
    /// `ngo_session=<token>` for every upgrade; `None` connects anonymously
    /// (every change is then refused).
    pub cookie: Option<String>,
    /// Short unique tag of this run: item ids and cids of different runs on
    /// one database never collide.
    pub run: String,
    pub clients: usize,
    /// Changes each client sends.
    pub per_client: usize,
    /// Time between two changes of one client.
    pub period: Duration,
    /// The head the setup client saw: clients catch up from there.
    pub since: u64,
    pub goal: String,
    /// The action every client edits now and then (`status`), for conflicts.
    pub shared_item: String,
    /// What the clients edit.
    pub scenario: Scenario,
}

/// What the simulated people edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Each client its own action's title and description; every tenth
    /// change the status of one action all share.
    Roadmap,
    /// Area pages: each client one area's contact name and a place's note
    /// (clients share the 22 areas); every tenth change Pirkanmaa's HYTE
    /// status, which all share.
    Areas,
}

/// The 22 area codes (as in `app::model::AREA_CODES`; the loadgen does not
/// depend on the app crate).
pub const AREA_CODES: [&str; 22] = [
    "HEL", "VK", "LU", "KU", "IU", "VS", "SA", "KH", "PI", "PH", "KY", "EK", "ES", "PS", "PK",
    "KS", "EP", "PO", "KP", "PP", "KA", "LA",
];

impl Plan {
    /// The item whose field every client sets now and then, with the base
    /// it saw: concurrent edits there produce overwrite records.
    pub fn conflict_item(&self) -> &str {
        match self.scenario {
            Scenario::Roadmap => &self.shared_item,
            Scenario::Areas => "area-pi",
        }
    }

    /// The area client `client` edits in the areas scenario.
    pub fn own_area(&self, client: usize) -> String {
        format!(
            "area-{}",
            AREA_CODES[client % AREA_CODES.len()].to_ascii_lowercase()
        )
    }

    /// The `cid` of change `n` of client `client`.
    pub fn cid(&self, client: usize, n: usize) -> String {
        format!("lg-{}-{client}-{n}", self.run)
    }

    /// The action client `client` creates and edits.
    pub fn own_item(&self, client: usize) -> String {
        format!("lg-{}-a{client}", self.run)
    }

    /// Which measured change a `cid` names, if any: `(client, n)`. Setup
    /// changes and other runs' or people's changes give `None`.
    pub fn parse_cid(&self, cid: &str) -> Option<(usize, usize)> {
        let rest = cid.strip_prefix("lg-")?.strip_prefix(self.run.as_str())?;
        let (client, n) = rest.strip_prefix('-')?.split_once('-')?;
        let (client, n) = (client.parse().ok()?, n.parse().ok()?);
        (client < self.clients && n < self.per_client).then_some((client, n))
    }

    /// The slot of change `n` of `client` in the [`Board`] arrays.
    pub fn slot(&self, client: usize, n: usize) -> usize {
        client * self.per_client + n
    }

    pub fn total_changes(&self) -> usize {
        self.clients * self.per_client
    }
}

/// Shared measurement state; times are microseconds since `epoch`, plus one
/// so that 0 can mean "not yet".
#[derive(Debug)]
pub struct Board {
    pub epoch: Instant,
    sent_at: Box<[AtomicU64]>,
    acked_seq: Box<[AtomicU64]>,
    /// Per client: the newest `seq` it has been sent (settling after setup).
    seen_head: Box<[AtomicU64]>,
    pub sent: AtomicU64,
    /// Measured changes answered with an ack or an error.
    pub resolved: AtomicU64,
    pub acked: AtomicU64,
    /// Deliveries of measured changes to clients other than their sender.
    pub receipts: AtomicU64,
    /// Clients whose own action is created (ready to edit).
    pub ready: AtomicUsize,
    /// Clients that could not connect or create their action.
    pub failed: AtomicUsize,
    /// Clients that sent all their changes or stopped trying.
    pub done_sending: AtomicUsize,
    /// The highest `seq` of the setup creates.
    pub setup_head: AtomicU64,
    pub first_send_us: AtomicU64,
    pub last_ack_us: AtomicU64,
}

/// `n` zeroed atomics.
fn zeroed(n: usize) -> Box<[AtomicU64]> {
    (0..n).map(|_| AtomicU64::new(0)).collect()
}

impl Board {
    pub fn new(plan: &Plan) -> Self {
        Self {
            epoch: Instant::now(),
            sent_at: zeroed(plan.total_changes()),
            acked_seq: zeroed(plan.total_changes()),
            seen_head: zeroed(plan.clients),
            sent: AtomicU64::new(0),
            resolved: AtomicU64::new(0),
            acked: AtomicU64::new(0),
            receipts: AtomicU64::new(0),
            ready: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            done_sending: AtomicUsize::new(0),
            setup_head: AtomicU64::new(0),
            first_send_us: AtomicU64::new(u64::MAX),
            last_ack_us: AtomicU64::new(0),
        }
    }

    /// Microseconds since the epoch, plus one (never 0).
    pub fn now_us(&self) -> u64 {
        self.epoch.elapsed().as_micros() as u64 + 1
    }

    /// Same clock for a given instant (a scheduled tick).
    pub fn us_at(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.epoch).as_micros() as u64 + 1
    }

    /// Records that a change is about to be written to the socket. Done
    /// before the write, so no receiver can see the entry first.
    pub fn mark_sent(&self, slot: usize, now_us: u64) {
        self.sent_at[slot].store(now_us, Ordering::Release);
        self.sent.fetch_add(1, Ordering::Relaxed);
        self.first_send_us.fetch_min(now_us, Ordering::Relaxed);
    }

    /// When the change in `slot` was sent, if it was.
    pub fn sent_at(&self, slot: usize) -> Option<u64> {
        let t = self.sent_at[slot].load(Ordering::Acquire);
        (t != 0).then_some(t)
    }

    /// Records an acknowledgement.
    pub fn mark_acked(&self, slot: usize, seq: u64, now_us: u64) {
        self.acked_seq[slot].store(seq, Ordering::Relaxed);
        self.acked.fetch_add(1, Ordering::Relaxed);
        self.resolved.fetch_add(1, Ordering::Relaxed);
        self.last_ack_us.fetch_max(now_us, Ordering::Relaxed);
    }

    /// The `seq` the change in `slot` was stored under, if acknowledged.
    pub fn acked_seq(&self, slot: usize) -> Option<u64> {
        let s = self.acked_seq[slot].load(Ordering::Relaxed);
        (s != 0).then_some(s)
    }

    pub fn see_head(&self, client: usize, head: u64) {
        self.seen_head[client].fetch_max(head, Ordering::Relaxed);
    }

    /// The lowest head any client has seen: every client has everything up
    /// to here.
    pub fn min_seen_head(&self) -> u64 {
        self.seen_head
            .iter()
            .map(|h| h.load(Ordering::Relaxed))
            .min()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            url: String::new(),
            cookie: None,
            run: "abc".into(),
            clients: 3,
            per_client: 10,
            period: Duration::from_millis(100),
            since: 0,
            goal: "g-hyte".into(),
            shared_item: "lg-abc-shared".into(),
            scenario: Scenario::Roadmap,
        }
    }

    #[test]
    fn cids_round_trip_and_foreign_ones_are_ignored() {
        let p = plan();
        assert_eq!(p.parse_cid(&p.cid(2, 9)), Some((2, 9)));
        assert_eq!(p.parse_cid("lg-abc-1-new"), None);
        assert_eq!(p.parse_cid("lg-abcd-1-1"), None);
        assert_eq!(p.parse_cid("lg-abc-3-1"), None);
        assert_eq!(p.parse_cid("lg-abc-1-10"), None);
        assert_eq!(p.parse_cid("3f1c-uuid"), None);
        assert_eq!(p.slot(2, 9), 29);
    }
}
