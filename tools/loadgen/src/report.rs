//! Turning what the clients measured into the figures of one run: latency
//! percentiles, delivery completeness and the server's resource use.

use crate::board::{Board, Plan};
use crate::client::ClientReport;
use crate::procfs::Memory;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Percentiles of one latency distribution, in milliseconds.
#[derive(Debug, Default, Serialize)]
pub struct Latency {
    pub count: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// Sorts the samples (µs) and reads nearest-rank percentiles. Sorting is
/// fine: even 500 clients × 100 changes × 499 receivers is 25 M samples,
/// a second or two.
pub fn latency(mut samples: Vec<u32>) -> Latency {
    if samples.is_empty() {
        return Latency::default();
    }
    samples.sort_unstable();
    let at = |p: f64| {
        let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
        samples[rank - 1] as f64 / 1000.0
    };
    Latency {
        count: samples.len(),
        p50_ms: at(0.50),
        p95_ms: at(0.95),
        p99_ms: at(0.99),
        max_ms: at(1.0),
    }
}

/// Whether every acknowledged change reached every other client.
#[derive(Debug, Default, Serialize)]
pub struct Delivery {
    /// Acknowledged changes that at least one other client never received
    /// (neither as an entry nor inside a later snapshot). Must be 0.
    pub lost_changes: u64,
    /// (change, receiver) pairs missing, same rule.
    pub missing_deliveries: u64,
    /// (change, receiver) pairs that arrived only as part of a snapshot
    /// (the server skips entries for a client that fell too far behind).
    pub covered_by_snapshot: u64,
    pub duplicate_deliveries: u64,
}

/// Checks every acknowledged change against every client that took part
/// (was ready) other than its sender.
pub fn delivery(
    plan: &Plan,
    board: &Board,
    reports: &[ClientReport],
    took_part: &[bool],
) -> Delivery {
    let mut d = Delivery {
        duplicate_deliveries: reports.iter().map(|r| r.duplicate_receipts).sum(),
        ..Delivery::default()
    };
    for slot in 0..plan.total_changes() {
        let Some(seq) = board.acked_seq(slot) else {
            continue;
        };
        let sender = slot / plan.per_client;
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        let mut lost = false;
        for (c, report) in reports.iter().enumerate() {
            if c == sender || !took_part[c] || report.received[word] & bit != 0 {
                continue;
            }
            if report.snapshot_head >= seq {
                d.covered_by_snapshot += 1;
            } else {
                d.missing_deliveries += 1;
                lost = true;
            }
        }
        d.lost_changes += lost as u64;
    }
    d
}

/// The server's memory and CPU around the run (`--server-pid`).
#[derive(Debug, Default, Serialize)]
pub struct ServerUsage {
    /// Before any load client connected.
    pub rss_before_kib: u64,
    /// All clients connected and their actions created, before sending.
    pub rss_connected_kib: u64,
    /// Highest RSS sampled every 100 ms during this run.
    pub rss_peak_kib: u64,
    /// After the drain, clients still connected.
    pub rss_after_kib: u64,
    /// [`LEFT_WAIT`](crate::LEFT_WAIT) after every client disconnected:
    /// what the server keeps once the load is gone.
    pub rss_left_kib: u64,
    /// The process's own part of the RSS (`RssAnon`, without the pages of
    /// its binary and other mapped files): before, peak, clients gone.
    pub anon_before_kib: u64,
    pub anon_peak_kib: u64,
    pub anon_left_kib: u64,
    /// `VmHWM` before and after: the process's all-time high (it includes
    /// earlier runs against the same server).
    pub hwm_before_kib: u64,
    pub hwm_after_kib: u64,
    /// CPU used from the start of sending to the end of the drain, in cores
    /// (1.0 = one core busy the whole time).
    pub cpu_cores: f64,
}

impl ServerUsage {
    pub fn new(
        [before, connected, after, left]: [Memory; 4],
        [peak_kib, anon_peak_kib]: [u64; 2],
        cpu: f64,
    ) -> Self {
        Self {
            anon_before_kib: before.anon_kib,
            anon_peak_kib: anon_peak_kib.max(after.anon_kib).max(connected.anon_kib),
            anon_left_kib: left.anon_kib,
            rss_before_kib: before.rss_kib,
            rss_connected_kib: connected.rss_kib,
            rss_peak_kib: peak_kib.max(after.rss_kib).max(connected.rss_kib),
            rss_after_kib: after.rss_kib,
            rss_left_kib: left.rss_kib,
            hwm_before_kib: before.hwm_kib,
            hwm_after_kib: after.hwm_kib,
            cpu_cores: cpu,
        }
    }
}

/// Everything one run measured.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub run: String,
    pub clients: usize,
    pub rate_per_client: f64,
    pub seconds: f64,
    pub pacing: &'static str,
    pub ready: usize,
    pub failed: usize,
    pub setup_seconds: f64,
    pub sent: u64,
    pub acked: u64,
    /// Sent but neither acknowledged nor refused when the drain ended.
    pub unanswered: u64,
    pub errors: BTreeMap<String, u64>,
    pub offered_per_s: f64,
    /// Acks over the time from the first send to the last ack.
    pub throughput_acked_per_s: f64,
    pub ack: Latency,
    pub fanout: Latency,
    /// Scheduled → actual send: above a few ms the generator itself could
    /// not keep up and the figures understate the load.
    pub pacing_lag: Latency,
    pub delivery: Delivery,
    pub snapshots: u64,
    pub presence_messages: u64,
    pub mib_received: f64,
    pub drain_seconds: f64,
    pub server: Option<ServerUsage>,
    pub loadgen_cpu_cores: f64,
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn line(l: &Latency) -> String {
    format!(
        "p50 {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}  (n={})",
        l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms, l.count
    )
}

impl Summary {
    /// The human-readable report.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let errors = if self.errors.is_empty() {
            "none".to_string()
        } else {
            format!("{:?}", self.errors)
        };
        let d = &self.delivery;
        let _ = writeln!(
            out,
            "run {}: {} clients x {}/s for {} s ({})",
            self.run, self.clients, self.rate_per_client, self.seconds, self.pacing
        );
        let _ = writeln!(
            out,
            "setup: {} ready, {} failed, {:.2} s",
            self.ready, self.failed, self.setup_seconds
        );
        let _ = writeln!(
            out,
            "sent {}, acked {}, unanswered {}, errors: {errors}",
            self.sent, self.acked, self.unanswered
        );
        let _ = writeln!(
            out,
            "throughput {:.1} acked/s (offered {:.1}/s); drain {:.2} s",
            self.throughput_acked_per_s, self.offered_per_s, self.drain_seconds
        );
        let _ = writeln!(out, "ack latency ms:     {}", line(&self.ack));
        let _ = writeln!(out, "fan-out latency ms: {}", line(&self.fanout));
        let _ = writeln!(out, "pacing lag ms:      {}", line(&self.pacing_lag));
        let _ = writeln!(
            out,
            "lost {} changes ({} deliveries missing, {} via snapshot, {} duplicates); {} snapshots, {} presence messages, {:.1} MiB received",
            d.lost_changes,
            d.missing_deliveries,
            d.covered_by_snapshot,
            d.duplicate_deliveries,
            self.snapshots,
            self.presence_messages,
            self.mib_received
        );
        if let Some(s) = &self.server {
            let _ = writeln!(
                out,
                "server RSS MiB: before {:.1}, connected {:.1}, peak {:.1}, after {:.1}, clients gone {:.1}; own (RssAnon) {:.1} / {:.1} / {:.1}; VmHWM {:.1} -> {:.1}; CPU {:.2} cores",
                mib(s.rss_before_kib),
                mib(s.rss_connected_kib),
                mib(s.rss_peak_kib),
                mib(s.rss_after_kib),
                mib(s.rss_left_kib),
                mib(s.anon_before_kib),
                mib(s.anon_peak_kib),
                mib(s.anon_left_kib),
                mib(s.hwm_before_kib),
                mib(s.hwm_after_kib),
                s.cpu_cores
            );
        }
        let _ = writeln!(out, "loadgen CPU {:.2} cores", self.loadgen_cpu_cores);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let l = latency((1..=100).map(|ms| ms * 1000).collect());
        assert_eq!(
            (l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms),
            (50.0, 95.0, 99.0, 100.0)
        );
        assert_eq!(latency(vec![]).count, 0);
        assert_eq!(latency(vec![1500]).p50_ms, 1.5);
    }
}
