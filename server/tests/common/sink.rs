//! The tests' real SMTP server: `tools/smtp-sink/sink.py` (aiosmtpd, in
//! the virtual environment `scripts/setup.sh test` makes), each message
//! it accepts read back as JSON (recipients, decoded headers and body).

use super::process::{free_addr, workspace_root, Running};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sink {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    _process: Running,
}

impl Sink {
    /// Starts a sink on a free port that refuses its first `refuse_first`
    /// messages with 451.
    pub fn start(refuse_first: usize) -> Self {
        Self::start_on(free_addr(), tempfile::tempdir().unwrap(), refuse_first, 0.0)
    }

    /// Starts a sink on `addr`, writing into `dir`, that refuses its first
    /// `refuse_first` messages and holds the first it takes `hold_first`
    /// seconds before answering (stored only if the sender is still there).
    pub fn start_on(
        addr: SocketAddr,
        dir: tempfile::TempDir,
        refuse_first: usize,
        hold_first: f64,
    ) -> Self {
        let args = [
            ("--refuse-first", refuse_first.to_string()),
            ("--hold-first", hold_first.to_string()),
        ];
        Self::spawn(addr, dir, &args)
    }

    /// Starts a submission server as on port 587: STARTTLS required, a
    /// certificate from a throwaway CA (written to [`Self::ca_file`]), and
    /// AUTH with `user` and `password` required.
    pub fn start_secure(user: &str, password: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        let args = [
            ("--tls-ca", ca.to_str().unwrap().to_string()),
            ("--user", user.to_string()),
            ("--password", password.to_string()),
        ];
        Self::spawn(free_addr(), dir, &args)
    }

    /// The CA certificate a secure sink's certificate is signed by.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    fn spawn(addr: SocketAddr, dir: tempfile::TempDir, args: &[(&str, String)]) -> Self {
        let python: PathBuf = workspace_root().join("tools/smtp-sink/.venv/bin/python");
        assert!(
            python.exists(),
            "{} is missing: run scripts/setup.sh test",
            python.display()
        );
        let mut child = Command::new(python)
            .arg(workspace_root().join("tools/smtp-sink/sink.py"))
            .args(["--port", &addr.port().to_string()])
            .args(["--dir", dir.path().to_str().unwrap()])
            .args(args.iter().flat_map(|(k, v)| [*k, v.as_str()]))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the SMTP sink starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start");
        Self {
            addr,
            dir,
            _process: Running::new(child),
        }
    }

    /// Waits until the sink holds a message (`--hold-first`).
    pub async fn wait_holding(&self, within: Duration) {
        let deadline = Instant::now() + within;
        while !self.dir.path().join(".holding").exists() {
            assert!(Instant::now() < deadline, "no message came to hold");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// `--smtp-url` for this sink (plain SMTP on loopback).
    pub fn url(&self) -> String {
        format!("smtp://{}?tls=none", self.addr)
    }

    /// `--smtp-url` for a secure sink: STARTTLS required (the default).
    pub fn secure_url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Every message received so far, in order.
    pub fn mails(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p.file_name().unwrap().to_string_lossy().starts_with('.')
            })
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until `n` messages have come (at most `within`); all of them.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Value> {
        let deadline = Instant::now() + within;
        loop {
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {n} mails came within {within:?}: {mails:#?}",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The first `http(s)://...` link in `body` whose path starts with `prefix`,
/// as a path.
pub fn link_path(body: &str, prefix: &str) -> String {
    body.split_whitespace()
        .filter_map(|w| w.split_once("://").map(|(_, rest)| rest))
        .filter_map(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .find(|path| path.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in {body}"))
}
