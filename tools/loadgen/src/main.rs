//! Load generator for the roadmap sync WebSocket (`/api/v1/sync`): many
//! simulated editors in one process, each editing at a fixed rate, with
//! acknowledgement and fan-out latency measured on one clock. See README.md.

mod board;
mod client;
mod idle;
mod messages;
mod procfs;
mod report;
mod session;
mod setup;

use board::{Board, Plan};
use clap::Parser;
use client::{ClientReport, Signals};
use procfs::Memory;
use report::{ServerUsage, Summary};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::watch;

#[derive(Debug, Parser)]
#[command(
    name = "loadgen",
    about = "Load generator for the roadmap sync WebSocket"
)]
struct Args {
    /// Sync endpoint, e.g. ws://127.0.0.1:3000/api/v1/sync
    #[arg(long)]
    url: String,
    /// Simulated editors (one WebSocket each).
    #[arg(long, default_value_t = 10)]
    clients: usize,
    /// Changes per second per client.
    #[arg(long, default_value_t = 10.0)]
    rate: f64,
    /// Length of the sending period, seconds.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// The server's process id: report its memory (VmRSS, VmHWM) and CPU.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Print the results as JSON on stdout instead of text.
    #[arg(long)]
    json: bool,
    /// Goal to create the actions under (else the first goal there is).
    #[arg(long, default_value = "g-hyte")]
    goal: String,
    /// What the clients edit: the roadmap's actions or the areas' facts.
    #[arg(long, value_enum, default_value_t = board::Scenario::Roadmap)]
    scenario: board::Scenario,
    /// How long to wait after sending for outstanding acks and deliveries.
    #[arg(long, default_value_t = 10.0)]
    drain_seconds: f64,
    /// Account to sign in as, once, before connecting: only an editor or
    /// admin may send changes. Without it the clients connect anonymously
    /// and every change is refused (`unauthorized`).
    #[arg(long, env = "LOADGEN_EMAIL")]
    email: Option<String>,
    /// The account's password.
    #[arg(long, env = "LOADGEN_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Instead of editors: open this many connections that only listen
    /// (like open browser tabs) and report the server's memory with them
    /// open and after they closed. `--clients` and `--rate` are not used.
    #[arg(long, default_value_t = 0)]
    idle: usize,
    /// The idle connections ask for the whole roadmap (a client with
    /// nothing stored) instead of catching up from the current head, as a
    /// browser tab does (its page carried the roadmap).
    #[arg(long)]
    idle_snapshot: bool,
    /// Path of the sign-in server function; by default read from the
    /// form of the server's /sign-in page (it ends in a build hash).
    #[arg(long)]
    sign_in_path: Option<String>,
}

/// The pacing used, as reported.
const PACING: &str = "tokio interval per client, MissedTickBehavior::Burst, phases staggered";
/// How long after the last client left the server's memory is read again:
/// a server gives memory back once its connections' tasks have ended
/// (ours trims its allocator 2–4 s after a wave of closes).
pub const LEFT_WAIT: Duration = Duration::from_secs(8);
/// How long all clients may take to connect and create their actions.
const READY_TIMEOUT: Duration = Duration::from_secs(120);
/// How long to wait for every client to have seen the setup creates.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(10);

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if args.idle > 0 {
        return run_idle(&args).await;
    }
    match run(&args).await {
        Ok(summary) => {
            emit(args.json, &summary, summary.text());
            // Lost changes are a correctness failure, not just slowness.
            if summary.delivery.lost_changes > 0 {
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("loadgen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a result: as JSON with `--json`, else its text.
fn emit(json: bool, summary: &impl serde::Serialize, text: String) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(summary).expect("serialises")
        );
    } else {
        print!("{text}");
    }
}

/// `--idle N`: listening connections only.
async fn run_idle(args: &Args) -> ExitCode {
    let cookie = match sign_in(args).await {
        Ok(cookie) => cookie,
        Err(e) => {
            eprintln!("loadgen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let pid = args.server_pid.map(|p| p.to_string());
    let summary = idle::run(
        &args.url,
        cookie.as_deref(),
        args.idle,
        args.idle_snapshot,
        pid.as_deref(),
    )
    .await;
    emit(args.json, &summary, summary.text());
    if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A short base-36 tag unique enough to keep runs on one database apart.
fn run_tag() -> String {
    let mut n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
        % 36u64.pow(7);
    let mut tag = Vec::new();
    for _ in 0..7 {
        tag.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
    }
    tag.reverse();
    String::from_utf8(tag).expect("ascii")
}

/// Refuses arguments that would make the run meaningless.
fn check(args: &Args) -> Result<(), String> {
    if args.clients == 0 {
        return Err("--clients must be at least 1".into());
    }
    if !(args.rate > 0.0 && args.rate <= 50.0) {
        return Err("--rate must be in (0, 50]: the server allows 50 messages/s".into());
    }
    if !(args.seconds > 0.0 && args.drain_seconds >= 0.0) {
        return Err("--seconds must be positive and --drain-seconds not negative".into());
    }
    match (&args.email, &args.password) {
        (Some(_), None) => Err("--email needs --password (or LOADGEN_PASSWORD)".into()),
        (None, Some(_)) => Err("--password needs --email (or LOADGEN_EMAIL)".into()),
        _ => Ok(()),
    }
}

/// Signs in once when an account is given; the session cookie all clients
/// send. An account that may only read is refused here rather than by
/// every change.
async fn sign_in(args: &Args) -> Result<Option<String>, String> {
    let (Some(email), Some(password)) = (&args.email, &args.password) else {
        eprintln!(
            "loadgen: no --email: connecting anonymously; the server refuses \
             anonymous changes (unauthorized)"
        );
        return Ok(None);
    };
    let session =
        session::sign_in(&args.url, email, password, args.sign_in_path.as_deref()).await?;
    if session.role == "viewer" {
        return Err(format!(
            "{email} is a viewer: the server refuses its changes (forbidden); \
             use an editor or admin account"
        ));
    }
    eprintln!(
        "loadgen: signed in as {} ({}, {})",
        session.name, email, session.role
    );
    Ok(Some(session.cookie))
}

/// The whole run: setup, connect, send, drain, report.
async fn run(args: &Args) -> Result<Summary, String> {
    check(args)?;
    // Before the first memory reading: password hashing is the server's
    // work for the sign-in, not for the clients.
    let cookie = sign_in(args).await?;
    let pid = args.server_pid.map(|p| p.to_string());
    let before = memory(&pid);
    let plan = Arc::new(prepare(args, cookie).await?);
    let board = Arc::new(Board::new(&plan));
    let (go_tx, go_rx) = watch::channel(None);
    let (stop_tx, stop_rx) = watch::channel(false);
    let peak = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
    let sampler = pid
        .clone()
        .map(|p| spawn_sampler(p, peak.clone(), stop_rx.clone()));

    let setup_start = Instant::now();
    let tasks = spawn_clients(&plan, &board, &go_rx, &stop_rx);
    wait_ready(&plan, &board).await;
    let setup_seconds = setup_start.elapsed().as_secs_f64();
    let connected = memory(&pid);
    for p in peak.iter() {
        p.store(0, Ordering::Relaxed);
    }

    let cpu = CpuClock::start(pid.as_deref());
    let drain_seconds = send_and_drain(args, &plan, &board, &go_tx).await;
    let (server_cpu, own_cpu) = cpu.stop();
    let after = memory(&pid);

    let _ = stop_tx.send(true);
    let mut reports = Vec::with_capacity(tasks.len());
    for task in tasks {
        reports.push(task.await.map_err(|e| format!("a client panicked: {e}"))?);
    }
    if let Some(s) = sampler {
        let _ = s.await;
    }
    let left = match &pid {
        Some(_) => {
            tokio::time::sleep(LEFT_WAIT).await;
            memory(&pid)
        }
        None => Memory::default(),
    };
    let server = pid.map(|_| {
        let peak = [0, 1].map(|i| peak[i].load(Ordering::Relaxed));
        ServerUsage::new([before, connected, after, left], peak, server_cpu)
    });
    let extra = Extra {
        setup_seconds,
        drain_seconds,
        server,
        loadgen_cpu_cores: own_cpu,
    };
    Ok(summarise(args, &plan, &board, reports, extra))
}

/// The server's memory now, or zeros without `--server-pid`.
fn memory(pid: &Option<String>) -> Memory {
    pid.as_deref().and_then(procfs::memory).unwrap_or_default()
}

/// Runs the setup client and fixes the plan every client follows.
async fn prepare(args: &Args, cookie: Option<String>) -> Result<Plan, String> {
    let run = run_tag();
    let shared_item = format!("lg-{run}-shared");
    let prepared = setup::prepare(&args.url, cookie.as_deref(), &args.goal, &shared_item).await?;
    Ok(Plan {
        url: args.url.clone(),
        cookie,
        run,
        clients: args.clients,
        per_client: (args.rate * args.seconds).round().max(1.0) as usize,
        period: Duration::from_secs_f64(1.0 / args.rate),
        since: prepared.head,
        goal: prepared.goal,
        shared_item,
        scenario: args.scenario,
    })
}

/// Starts one task per client; they connect and create their actions at
/// once and wait for the go signal.
fn spawn_clients(
    plan: &Arc<Plan>,
    board: &Arc<Board>,
    go: &watch::Receiver<Option<Instant>>,
    stop: &watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<ClientReport>> {
    eprintln!(
        "loadgen: run {}: connecting {} clients",
        plan.run, plan.clients
    );
    (0..plan.clients)
        .map(|i| {
            let signals = Signals {
                go: go.clone(),
                stop: stop.clone(),
            };
            tokio::spawn(client::run(i, plan.clone(), board.clone(), signals))
        })
        .collect()
}

/// Waits until every client is ready (or failed) and has received all the
/// setup creates, so that the setup's own fan-out does not leak into the
/// measured period.
async fn wait_ready(plan: &Plan, board: &Board) {
    let all_in = || {
        board.ready.load(Ordering::Relaxed) + board.failed.load(Ordering::Relaxed) >= plan.clients
    };
    wait_until(Instant::now() + READY_TIMEOUT, all_in).await;
    let setup_head = board.setup_head.load(Ordering::Relaxed);
    let settled = || {
        board.ready.load(Ordering::Relaxed) < plan.clients || board.min_seen_head() >= setup_head
    };
    wait_until(Instant::now() + SETTLE_TIMEOUT, settled).await;
    eprintln!(
        "loadgen: {} ready, {} failed; sending",
        board.ready.load(Ordering::Relaxed),
        board.failed.load(Ordering::Relaxed)
    );
}

/// Gives the go signal, waits for the sending period, then for the
/// outstanding acks and deliveries (at most `--drain-seconds`). Returns how
/// long the drain took.
async fn send_and_drain(
    args: &Args,
    plan: &Plan,
    board: &Board,
    go_tx: &watch::Sender<Option<Instant>>,
) -> f64 {
    let go = Instant::now() + Duration::from_millis(100);
    let _ = go_tx.send(Some(go));
    let sending = Duration::from_secs_f64(args.seconds) + plan.period + Duration::from_secs(5);
    let all_sent = || board.done_sending.load(Ordering::Relaxed) >= plan.clients;
    wait_until(go + sending, all_sent).await;
    let drain_start = Instant::now();
    let receivers = board.ready.load(Ordering::Relaxed).saturating_sub(1) as u64;
    let all_answered = || {
        let sent = board.sent.load(Ordering::Relaxed);
        let acked = board.acked.load(Ordering::Relaxed);
        board.resolved.load(Ordering::Relaxed) >= sent
            && board.receipts.load(Ordering::Relaxed) >= acked * receivers
    };
    let drain = Duration::from_secs_f64(args.drain_seconds);
    wait_until(drain_start + drain, all_answered).await;
    drain_start.elapsed().as_secs_f64()
}

/// Figures measured by the orchestrator rather than the clients.
struct Extra {
    setup_seconds: f64,
    drain_seconds: f64,
    server: Option<ServerUsage>,
    loadgen_cpu_cores: f64,
}

/// Merges the clients' reports into the summary.
fn summarise(
    args: &Args,
    plan: &Plan,
    board: &Board,
    reports: Vec<ClientReport>,
    extra: Extra,
) -> Summary {
    let took_part: Vec<bool> = reports.iter().map(|r| r.ready).collect();
    let delivery = report::delivery(plan, board, &reports, &took_part);
    let mut errors = std::collections::BTreeMap::new();
    let (mut ack, mut fanout, mut lag) = (Vec::new(), Vec::new(), Vec::new());
    let (mut snapshots, mut presence, mut bytes) = (0, 0, 0);
    for r in reports {
        for (code, n) in r.errors {
            *errors.entry(code).or_default() += n;
        }
        ack.extend(r.ack_us);
        fanout.extend(r.fanout_us);
        lag.extend(r.lag_us);
        snapshots += r.snapshots;
        presence += r.presence_messages;
        bytes += r.bytes_in;
    }
    let sent = board.sent.load(Ordering::Relaxed);
    let acked = board.acked.load(Ordering::Relaxed);
    let first = board.first_send_us.load(Ordering::Relaxed);
    let last = board.last_ack_us.load(Ordering::Relaxed);
    let window = last.saturating_sub(first) as f64 / 1e6;
    Summary {
        run: plan.run.clone(),
        clients: plan.clients,
        rate_per_client: args.rate,
        seconds: args.seconds,
        pacing: PACING,
        ready: board.ready.load(Ordering::Relaxed),
        failed: board.failed.load(Ordering::Relaxed),
        setup_seconds: extra.setup_seconds,
        sent,
        acked,
        unanswered: sent.saturating_sub(board.resolved.load(Ordering::Relaxed)),
        errors,
        offered_per_s: plan.clients as f64 * args.rate,
        throughput_acked_per_s: if window > 0.0 {
            acked as f64 / window
        } else {
            0.0
        },
        ack: report::latency(ack),
        fanout: report::latency(fanout),
        pacing_lag: report::latency(lag),
        delivery,
        snapshots,
        presence_messages: presence,
        mib_received: bytes as f64 / (1024.0 * 1024.0),
        drain_seconds: extra.drain_seconds,
        server: extra.server,
        loadgen_cpu_cores: extra.loadgen_cpu_cores,
    }
}

/// Polls `done` every 10 ms until it holds or `deadline` passes. Polling
/// costs nothing measurable and keeps the clients free of notifications.
async fn wait_until(deadline: Instant, done: impl Fn() -> bool) -> bool {
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Samples the server's RSS and its own part of it (RssAnon) every 100 ms
/// into `peak` until stopped: VmHWM alone cannot tell this run's peak from
/// an earlier run's.
fn spawn_sampler(
    pid: String,
    peak: Arc<[AtomicU64; 2]>,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    if let Some(Memory { rss_kib, anon_kib, .. }) = procfs::memory(&pid) {
                        peak[0].fetch_max(rss_kib, Ordering::Relaxed);
                        peak[1].fetch_max(anon_kib, Ordering::Relaxed);
                    }
                }
                _ = stop.changed() => return,
            }
        }
    })
}

/// CPU seconds of the server and of this process over the measured period,
/// to tell a busy server from a starved generator on a small machine.
struct CpuClock {
    pid: Option<String>,
    wall: Instant,
    server: f64,
    own: f64,
}

impl CpuClock {
    fn start(pid: Option<&str>) -> Self {
        Self {
            pid: pid.map(str::to_string),
            wall: Instant::now(),
            server: pid.and_then(procfs::cpu_seconds).unwrap_or(0.0),
            own: procfs::cpu_seconds("self").unwrap_or(0.0),
        }
    }

    /// (server, own) average cores used since `start`.
    fn stop(&self) -> (f64, f64) {
        let wall = self.wall.elapsed().as_secs_f64().max(1e-9);
        let server = self
            .pid
            .as_deref()
            .and_then(procfs::cpu_seconds)
            .unwrap_or(self.server);
        let own = procfs::cpu_seconds("self").unwrap_or(self.own);
        ((server - self.server) / wall, (own - self.own) / wall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        let base = ["loadgen", "--url", "ws://127.0.0.1:1/api/v1/sync"];
        Args::parse_from(base.iter().chain(extra))
    }

    #[test]
    fn email_and_password_go_together() {
        let with = args(&["--email", "a@b.fi", "--password", "salasana-1234"]);
        assert!(check(&with).is_ok());
        assert_eq!(with.email.as_deref(), Some("a@b.fi"));
        assert!(check(&args(&["--email", "a@b.fi"])).is_err());
        assert!(check(&args(&["--password", "salasana-1234"])).is_err());
        assert!(check(&args(&["--clients", "0"])).is_err());
    }
}
