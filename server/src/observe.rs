//! What an operator watches: the process's metrics (Prometheus text on the
//! operator address, see ops.rs) and a request id on every request and
//! every log line written while answering it.
//!
//! Metrics go through the `metrics` facade to one process-wide recorder;
//! each name is a constant here so that the code that records and the
//! README that documents them agree.

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Sync sockets open now (gauge).
pub const SOCKETS_OPEN: &str = "sync_sockets_open";
/// Changes answered, by `outcome`: stored, resend (already stored, answered
/// again), refused (invalid or not allowed), busy (not stored; the client
/// sends it again).
pub const CHANGES: &str = "sync_changes_total";
/// From a change reaching the writer's queue to its answer.
pub const ACK_SECONDS: &str = "sync_ack_seconds";
/// From a change's timestamp to its release to this process's sockets
/// (across processes this includes the difference of their clocks).
pub const FANOUT_SECONDS: &str = "sync_fanout_seconds";
/// Changes the writer took in one batch.
pub const BATCH_SIZE: &str = "writer_batch_size";
/// Commits that lost a race with another process and were tried again.
pub const RETRIES: &str = "writer_retries_total";
/// Database operations that failed, by `op`.
pub const DB_ERRORS: &str = "database_errors_total";
/// HTTP requests answered, by `route`, `method` and `status`.
pub const HTTP_REQUESTS: &str = "http_requests_total";
/// Time to answer an HTTP request, by `route`.
pub const HTTP_SECONDS: &str = "http_request_seconds";

/// The request id header: taken from the proxy when it sends a usable one,
/// else made here; always sent back.
pub const REQUEST_ID: &str = "x-request-id";

const SECONDS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];
const SIZES: [f64; 9] = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];

/// The process's recorder, installed on first use (tests start several
/// servers in one process; they share it, as their counters do).
pub fn metrics() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &SECONDS)
            .and_then(|b| b.set_buckets_for_metric(Matcher::Full(BATCH_SIZE.into()), &SIZES))
            .expect("the bucket lists are not empty");
        let handle = builder
            .install_recorder()
            .expect("no other metrics recorder is installed");
        describe();
        handle
    })
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_gauge!(SOCKETS_OPEN, "Sync sockets open now");
    describe_counter!(CHANGES, "Changes answered, by outcome");
    describe_histogram!(ACK_SECONDS, Unit::Seconds, "Change queued to answered");
    describe_histogram!(FANOUT_SECONDS, Unit::Seconds, "Change made to released");
    describe_histogram!(BATCH_SIZE, Unit::Count, "Changes per writer batch");
    describe_counter!(RETRIES, "Writer commits retried after a race");
    describe_counter!(DB_ERRORS, "Failed database operations, by op");
    describe_counter!(HTTP_REQUESTS, "HTTP requests, by route, method and status");
    describe_histogram!(HTTP_SECONDS, Unit::Seconds, "HTTP answer time, by route");
}

/// Keeps histograms from growing between scrapes; runs until the stop.
pub async fn upkeep() {
    let handle = metrics();
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tick.tick().await;
        handle.run_upkeep();
    }
}

/// Counts an open socket for as long as it lives.
pub struct OpenSocket(());

impl OpenSocket {
    /// Counts one more open socket until the value is dropped.
    pub fn count() -> Self {
        metrics::gauge!(SOCKETS_OPEN).increment(1.0);
        Self(())
    }
}

impl Drop for OpenSocket {
    fn drop(&mut self) {
        metrics::gauge!(SOCKETS_OPEN).decrement(1.0);
        crate::memory::closed();
    }
}

/// One failed database operation.
pub fn database_error(op: &'static str) {
    metrics::counter!(DB_ERRORS, "op" => op).increment(1);
}

/// A request id, the span every log line of the request is written in, and
/// the request's count and time by route (the route's pattern, never the
/// path itself, so that the number of series stays small).
pub async fn requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "fallback".into());
    let method = request.method().as_str().to_owned();
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| usable_id(v))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let span = tracing::info_span!("request", id = %id, method = %method, route = %route);
    let mut response = next.run(request).instrument(span.clone()).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let took = started.elapsed();
    let status = response.status().as_u16();
    // One line per answer, in the request's span (so with its id). A
    // server fault is a warning: the handler has logged its cause.
    span.in_scope(|| {
        let ms = took.as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::warn!(status, ms, "answered");
        } else {
            tracing::info!(status, ms, "answered");
        }
    });
    metrics::counter!(HTTP_REQUESTS, "route" => route.clone(), "method" => method, "status" => status.to_string())
        .increment(1);
    metrics::histogram!(HTTP_SECONDS, "route" => route).record(took.as_secs_f64());
    response
}

/// An id from outside is used when it is short and plain, so that it
/// cannot break a log line or a header.
fn usable_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_request_ids_are_taken() {
        assert!(usable_id("3f2c-aa.b_9"));
        assert!(!usable_id(""));
        assert!(!usable_id(&"a".repeat(65)));
        assert!(!usable_id("a b"));
        assert!(!usable_id("a\"}\n{"));
    }
}
