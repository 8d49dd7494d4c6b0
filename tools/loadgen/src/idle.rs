//! `--idle N`: connections that only listen, as open browser tabs do. What
//! they cost the server while open, and whether it gives the memory back
//! once they close.

use crate::client;
use crate::messages;
use crate::procfs;
use futures::{SinkExt, StreamExt};
use serde::Serialize;
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

/// Connections opened at once: more would only fill the listen backlog.
const OPENING_AT_ONCE: usize = 64;
/// How long one connection may take to be welcomed.
const WELCOME_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the open connections sit before the memory is read: the
/// server's per-connection work (snapshot, presence) is over by then.
const SETTLE: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize)]
pub struct IdleSummary {
    pub idle: usize,
    /// Whether each connection asked for the whole roadmap.
    pub snapshot: bool,
    pub connected: usize,
    pub failed: usize,
    pub connect_seconds: f64,
    /// Before the first connection.
    pub rss_before_kib: u64,
    /// All connections open and settled.
    pub rss_idle_kib: u64,
    /// [`crate::LEFT_WAIT`] after they all closed.
    pub rss_left_kib: u64,
    /// (idle − before) / connected.
    pub kib_per_connection: f64,
}

impl IdleSummary {
    pub fn text(&self) -> String {
        let mib = |k: u64| k as f64 / 1024.0;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "idle: {} of {} connections open ({} failed) in {:.1} s, {}",
            self.connected,
            self.idle,
            self.failed,
            self.connect_seconds,
            if self.snapshot {
                "each sent the whole roadmap"
            } else {
                "each caught up from the head"
            }
        );
        let _ = writeln!(
            out,
            "server RSS MiB: before {:.1}, open {:.1}, after they closed {:.1}; {:.1} KiB per connection",
            mib(self.rss_before_kib),
            mib(self.rss_idle_kib),
            mib(self.rss_left_kib),
            self.kib_per_connection
        );
        out
    }
}

/// Opens `n` listening connections, reads the server's memory, closes them
/// and reads it again.
pub async fn run(
    url: &str,
    cookie: Option<&str>,
    n: usize,
    snapshot: bool,
    pid: Option<&str>,
) -> IdleSummary {
    let memory = || pid.and_then(procfs::memory).unwrap_or_default();
    // A browser tab's page carried the roadmap at some head: its socket
    // asks only for what came after. One probe connection learns the head.
    let since = if snapshot {
        None
    } else {
        head(url, cookie).await
    };
    let before = memory();
    let (stop_tx, stop_rx) = watch::channel(false);
    let start = Instant::now();
    let opened: Vec<Option<tokio::task::JoinHandle<()>>> =
        futures::stream::iter((0..n).map(|_| listen(url, cookie, since, stop_rx.clone())))
            .buffer_unordered(OPENING_AT_ONCE)
            .collect()
            .await;
    let connect_seconds = start.elapsed().as_secs_f64();
    let connected = opened.iter().filter(|o| o.is_some()).count();
    eprintln!("loadgen: {connected} of {n} idle connections open; settling");
    tokio::time::sleep(SETTLE).await;
    let open = memory();
    let _ = stop_tx.send(true);
    for task in opened.into_iter().flatten() {
        let _ = task.await;
    }
    tokio::time::sleep(crate::LEFT_WAIT).await;
    let left = memory();
    IdleSummary {
        idle: n,
        snapshot,
        connected,
        failed: n - connected,
        connect_seconds,
        rss_before_kib: before.rss_kib,
        rss_idle_kib: open.rss_kib,
        rss_left_kib: left.rss_kib,
        kib_per_connection: if connected == 0 {
            0.0
        } else {
            open.rss_kib.saturating_sub(before.rss_kib) as f64 / connected as f64
        },
    }
}

/// The roadmap's head, from the welcome of one short connection.
async fn head(url: &str, cookie: Option<&str>) -> Option<u64> {
    let mut socket = client::connect(url, cookie).await.ok()?;
    socket
        .send(Message::Text(messages::hello(None).into()))
        .await
        .ok()?;
    let welcome = async {
        while let Some(Ok(frame)) = socket.next().await {
            if let Message::Text(text) = frame {
                if let Ok(m) = messages::parse(&text) {
                    if m.kind == "welcome" {
                        return m.head;
                    }
                }
            }
        }
        None
    };
    let head = tokio::time::timeout(WELCOME_TIMEOUT, welcome)
        .await
        .ok()
        .flatten();
    let _ = socket.close(None).await;
    head
}

/// One connection: hello, wait for the welcome, then read (and drop)
/// everything until told to stop. `None` when it could not be opened.
async fn listen(
    url: &str,
    cookie: Option<&str>,
    since: Option<u64>,
    mut stop: watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    let socket = client::connect(url, cookie).await.ok()?;
    let (mut sink, mut stream) = socket.split();
    sink.send(Message::Text(messages::hello(since).into()))
        .await
        .ok()?;
    let welcomed = async {
        while let Some(Ok(frame)) = stream.next().await {
            if let Message::Text(text) = frame {
                if messages::parse(&text).is_ok_and(|m| m.kind == "welcome") {
                    return true;
                }
            }
        }
        false
    };
    if !tokio::time::timeout(WELCOME_TIMEOUT, welcomed)
        .await
        .unwrap_or(false)
    {
        return None;
    }
    Some(tokio::spawn(async move {
        loop {
            tokio::select! {
                frame = stream.next() => if !matches!(frame, Some(Ok(_))) { break },
                _ = stop.changed() => break,
            }
        }
        let _ = sink.close().await;
    }))
}
