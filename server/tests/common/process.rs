//! The real binaries as separate processes: the server (started, stopped
//! with SIGTERM, its log read) and the SurrealDB server of the
//! multi-process tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A process the test started, killed when the test ends however it ends.
/// Its output is read as it comes (a full pipe would stop the process) into
/// one log, which [`start`] watches for the address and [`terminate`]
/// returns.
pub struct Running {
    child: Child,
    log: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn new(mut child: Child) -> Self {
        let log = Arc::new(Mutex::new(String::new()));
        let mut readers = vec![];
        if let Some(out) = child.stdout.take() {
            let log = log.clone();
            readers.push(std::thread::spawn(move || read_into(out, &log)));
        }
        if let Some(err) = child.stderr.take() {
            let log = log.clone();
            readers.push(std::thread::spawn(move || read_into(err, &log)));
        }
        Self {
            child,
            log,
            readers,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the process has written so far, both streams.
    fn log_so_far(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Fails the test, with the process's log, when the process has exited
    /// or `deadline` has passed while the test waits for `what`.
    fn still_waiting(&mut self, what: &str, deadline: Instant) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!(
                "exited ({status}) while waiting for {what}:\n{}",
                self.whole_log()
            );
        }
        assert!(
            Instant::now() < deadline,
            "no {what} within 60 s:\n{}",
            self.log_so_far()
        );
    }

    /// Everything the process wrote, once it has exited (its pipes closed).
    fn whole_log(&mut self) -> String {
        for reader in std::mem::take(&mut self.readers) {
            reader.join().unwrap();
        }
        self.log_so_far()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Appends `stream` to `log` line by line until it closes.
fn read_into(stream: impl Read, log: &Mutex<String>) {
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { return };
        let mut log = log.lock().unwrap();
        log.push_str(&line);
        log.push('\n');
    }
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

/// The server binary with `database` options (`--data-dir DIR`,
/// `--database-url ...`), run from the workspace root so that it serves
/// `target/site`, logging everything at info and above as a deployment
/// does.
pub fn server<S: AsRef<std::ffi::OsStr>>(database: &[S]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.current_dir(workspace_root())
        .args(database)
        .env("LEPTOS_OUTPUT_NAME", "ngo-workspace")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "info");
    cmd
}

/// `--data-dir DIR` for [`server`].
pub fn data_dir(dir: &Path) -> [&str; 2] {
    ["--data-dir", dir.to_str().unwrap()]
}

/// Runs a command of the server binary (`create-admin`, `backup`, ...) to
/// its end, with `stdin` as its input; its exit status and both streams.
pub fn run(mut cmd: Command, stdin: &str) -> (ExitStatus, String) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    // Both streams read as they come, like a long-running process's.
    let mut running = Running::new(child);
    let status = running.child.wait().unwrap();
    (status, running.whole_log())
}

/// `server create-admin`, the password on standard input.
pub fn create_admin<S: AsRef<std::ffi::OsStr>>(database: &[S], email: &str, name: &str) {
    let mut cmd = server(database);
    cmd.args(["create-admin", "--email", email, "--name", name]);
    let (status, log) = run(cmd, &format!("{}\n", super::TEST_PASSWORD));
    assert!(status.success(), "create-admin {email}: {log}");
}

/// Starts `cmd` (a [`server`]) on a port of the system's choosing and
/// waits until it answers `/healthz`; its log is kept for [`terminate`].
///
/// The server binds port 0 and the address comes from its "listening on"
/// line. A port picked by the test and bound later by the server could be
/// taken in between by any outgoing connection of the parallel tests (they
/// draw from the same range), and the server would then exit; a test that
/// polled that port would wait out its deadline for nothing.
pub async fn start(mut cmd: Command) -> (Running, SocketAddr) {
    let mut running = Running::new(
        cmd.args(["--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server binary starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr = loop {
        if let Some(addr) = listening_on(&running.log_so_far()) {
            break addr;
        }
        running.still_waiting("the server's \"listening on\" line", deadline);
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let healthz = format!("http://{addr}/healthz");
    while !answers_ok(&healthz).await {
        running.still_waiting(&format!("an answer from {healthz}"), deadline);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (running, addr)
}

/// The address in the server's "listening on http://ADDR" log line, as
/// text or as JSON (logged at info by the `server` target, which callers
/// must not filter out).
fn listening_on(log: &str) -> Option<SocketAddr> {
    let rest = &log[log.find("listening on http://")? + "listening on http://".len()..];
    // The address ends where the line's text (or its JSON) goes on.
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || ".:[]".contains(c)))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Whether `url` answers 200 now.
async fn answers_ok(url: &str) -> bool {
    reqwest::get(url).await.is_ok_and(|res| res.status() == 200)
}

/// Sends SIGTERM and waits for the exit; its status, log and how long the
/// stop took.
pub fn terminate(mut running: Running) -> (ExitStatus, String, Duration) {
    let began = Instant::now();
    assert!(Command::new("kill")
        .args(["-TERM", &running.pid().to_string()])
        .status()
        .unwrap()
        .success());
    let deadline = began + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = running.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "no exit 20 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = began.elapsed();
    (status, running.whole_log(), took)
}

/// Kills the process at once (SIGKILL: no stop in order, no flush) and
/// waits for it to be gone; its log.
pub fn kill(mut running: Running) -> String {
    let _ = running.child.kill();
    let _ = running.child.wait();
    running.whole_log()
}

/// Warnings SurrealDB 3.3.5 itself logs on every close, which change
/// nothing: SurrealKV's commit thread drops its handle to the store after
/// the store was closed and flushed (the "Shutting down LSM tree" lines),
/// on a thread without a runtime; and a live query's stream, dropped at
/// exit, asks for its own kill on a copy of a session that is already
/// ending (the session's end removes the live query anyway). Every other
/// warning counts.
const KNOWN_HARMLESS: [&str; 3] = [
    "No runtime available for closing the store correctly",
    "surrealdb::method::live: Failed to kill live query",
    "surrealdb_engine_local::session: Failed to find session",
];

/// Fails on any error, panic, unclean database stop or warning of ours in
/// `log`.
pub fn assert_clean(what: &str, log: &str) {
    for bad in ["ERROR", "did not shut down", "panicked"] {
        assert!(!log.contains(bad), "{what} logged {bad:?}:\n{log}");
    }
    let warnings: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("WARN"))
        .filter(|line| !KNOWN_HARMLESS.iter().any(|known| line.contains(known)))
        .collect();
    assert!(warnings.is_empty(), "{what} warned: {warnings:#?}\n{log}");
}

/// The SurrealDB server binary that scripts/setup.sh builds once into a
/// cache (`NGO_SURREAL_BIN`, or the path scripts/surreal-path.sh prints).
pub fn surreal_bin() -> PathBuf {
    let path = std::env::var("NGO_SURREAL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let out = Command::new(workspace_root().join("scripts/surreal-path.sh"))
                .output()
                .expect("scripts/surreal-path.sh runs");
            PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
        });
    assert!(
        path.exists(),
        "the SurrealDB server is not built at {}: run scripts/setup.sh",
        path.display()
    );
    path
}

/// `surreal start` on `db` with `storage` (`memory`, `surrealkv://DIR`),
/// user and password `root`, once it answers `/health`. An HTTP answer, not
/// only a TCP connection: a connection to a free port of the ephemeral
/// range can connect to itself, and would pass for a listening server.
pub async fn start_surreal(db: SocketAddr, storage: &str) -> Running {
    let mut running = Running::new(
        Command::new(surreal_bin())
            .args([
                "start",
                "--bind",
                &db.to_string(),
                "--user",
                "root",
                "--pass",
                "root",
            ])
            .args(["--log", "warn", storage])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("surreal starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let health = format!("http://{db}/health");
    while !answers_ok(&health).await {
        running.still_waiting(&format!("an answer from SurrealDB at {health}"), deadline);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    running
}

/// The [`server`] options that reach the SurrealDB server at `db`
/// (database `name` in namespace `ngo`).
pub fn surreal_options(db: SocketAddr, name: &str) -> Vec<String> {
    [
        "--database-url",
        &format!("ws://{db}"),
        "--database-user",
        "root",
        "--database-pass",
        "root",
        "--database-db",
        name,
    ]
    .map(String::from)
    .to_vec()
}
