//! The real binaries as separate processes: the server (started, stopped
//! with SIGTERM, its log read) and the SurrealDB server of the
//! multi-process tests.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A process the test started, killed when the test ends however it ends.
/// Its output is read as it comes (a full pipe would stop the process) and
/// kept for [`terminate`].
pub struct Running {
    child: Child,
    readers: Vec<std::thread::JoinHandle<String>>,
}

impl Running {
    pub fn new(mut child: Child) -> Self {
        let mut readers = vec![];
        if let Some(out) = child.stdout.take() {
            readers.push(std::thread::spawn(move || read_all(out)));
        }
        if let Some(err) = child.stderr.take() {
            readers.push(std::thread::spawn(move || read_all(err)));
        }
        Self { child, readers }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_all(mut stream: impl Read) -> String {
    let mut all = String::new();
    let _ = stream.read_to_string(&mut all);
    all
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
    let log = output_of(&mut child);
    (child.wait().unwrap(), log)
}

/// `server create-admin`, the password on standard input.
pub fn create_admin<S: AsRef<std::ffi::OsStr>>(database: &[S], email: &str, name: &str) {
    let mut cmd = server(database);
    cmd.args(["create-admin", "--email", email, "--name", name]);
    let (status, log) = run(cmd, &format!("{}\n", super::TEST_PASSWORD));
    assert!(status.success(), "create-admin {email}: {log}");
}

/// Everything the process wrote, both streams.
pub fn output_of(child: &mut Child) -> String {
    let mut all = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut all).unwrap();
    }
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut all).unwrap();
    }
    all
}

/// Starts `cmd` (a [`server`]) on a free port and waits until it answers
/// `/healthz`; its log is kept for [`terminate`].
pub async fn start(mut cmd: Command) -> (Running, SocketAddr) {
    let addr = free_addr();
    let child = cmd
        .args(["--bind", &addr.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let running = Running::new(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(res) = reqwest::get(format!("http://{addr}/healthz")).await {
            if res.status() == 200 {
                break;
            }
        }
        assert!(Instant::now() < deadline, "server on {addr} did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (running, addr)
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
    let log = std::mem::take(&mut running.readers)
        .into_iter()
        .map(|r| r.join().unwrap())
        .collect::<String>();
    (status, log, took)
}

/// Kills the process at once (SIGKILL: no stop in order, no flush) and
/// waits for it to be gone; its log.
pub fn kill(mut running: Running) -> String {
    let _ = running.child.kill();
    let _ = running.child.wait();
    std::mem::take(&mut running.readers)
        .into_iter()
        .map(|r| r.join().unwrap())
        .collect::<String>()
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

pub async fn wait_until_listening(addr: SocketAddr, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        assert!(Instant::now() < deadline, "{what} did not start on {addr}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `surreal start` on `db` with `storage` (`memory`, `surrealkv://DIR`),
/// user and password `root`.
pub async fn start_surreal(db: SocketAddr, storage: &str) -> Running {
    let running = Running::new(
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
            .spawn()
            .expect("surreal starts"),
    );
    wait_until_listening(db, "SurrealDB").await;
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
