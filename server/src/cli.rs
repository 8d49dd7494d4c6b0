//! Command-line options; each can also come from the environment.

use app::store::{DbConfig, StorageMemory};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Shared workspace of Finnish social and health NGOs and the welfare areas"
)]
pub struct Cli {
    /// Address to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Directory of the embedded database (surrealkv files), used when no
    /// --database-url is given.
    #[arg(long, env = "DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database to use instead of the embedded one: `mem://`,
    /// `surrealkv://path` or a SurrealDB server such as `ws://host:8000`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// SurrealDB root user, for a database server.
    #[arg(long, env = "DATABASE_USER")]
    pub database_user: Option<String>,

    /// SurrealDB root password, for a database server.
    #[arg(long, env = "DATABASE_PASS", hide_env_values = true)]
    pub database_pass: Option<String>,

    /// SurrealDB namespace.
    #[arg(long, env = "DATABASE_NS", default_value = "ngo")]
    pub database_ns: String,

    /// SurrealDB database.
    #[arg(long, env = "DATABASE_DB", default_value = "workspace")]
    pub database_db: String,

    /// MiB the embedded database may keep of recently read blocks.
    #[arg(long, env = "STORAGE_CACHE_MIB", default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub storage_cache_mib: u64,

    /// Minutes a session lives without use.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 480)]
    pub session_idle_minutes: i64,

    /// The server is behind a reverse proxy that appends each client's
    /// address to `X-Forwarded-For`: limits per address use that one.
    /// Never on a server that clients reach directly.
    #[arg(long, env = "TRUST_PROXY")]
    pub trust_proxy: bool,

    /// The maintainer's e-mail address, shown on the accessibility
    /// statement and the privacy notice for feedback.
    #[arg(long, env = "CONTACT_EMAIL")]
    pub contact_email: Option<String>,

    /// Address of the operator endpoints, `/metrics` and `/backup` (no
    /// sign-in: keep it on 127.0.0.1 or a private network). Off when not
    /// given.
    #[arg(long, env = "OPS_BIND")]
    pub ops_bind: Option<SocketAddr>,

    /// The mail server, e.g. `smtp://mail.example.fi:587` (STARTTLS
    /// required), `smtps://host:465`, or `smtp://host:25?tls=none` for a
    /// relay on a trusted network. Without it no mail is sent: invitation
    /// links are copied by hand and passwords cannot be reset by mail.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The mail server's user name.
    #[arg(long, env = "SMTP_USER")]
    pub smtp_user: Option<String>,

    /// The mail server's password (best from the environment).
    #[arg(long, env = "SMTP_PASS", hide_env_values = true)]
    pub smtp_pass: Option<String>,

    /// A CA certificate (PEM file) to trust besides the system's, for a
    /// mail server whose certificate the organisation's own CA signed.
    #[arg(long, env = "SMTP_CA_FILE")]
    pub smtp_ca_file: Option<std::path::PathBuf>,

    /// The sender of the mail, `Name <address>` or an address; by
    /// default `noreply@` the public address's host.
    #[arg(long, env = "MAIL_FROM")]
    pub mail_from: Option<String>,

    /// The address people reach the product at, for the links in mail,
    /// e.g. `https://tyotila.example.fi`; by default `http://` the bind
    /// address.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Seconds before a refused message is tried again (doubling each
    /// time, at most an hour).
    #[arg(long, env = "MAIL_RETRY_SECONDS", default_value_t = 30)]
    pub mail_retry_seconds: u64,

    /// Seconds one exchange with the mail server may take; a message a
    /// process took stays its own for four times this (after a crash,
    /// another process sends it then).
    #[arg(long, env = "MAIL_TIMEOUT_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub mail_timeout_seconds: u64,

    /// The hour (Finnish time, 0–23) daily and weekly digests go out.
    #[arg(long, env = "DIGEST_HOUR", default_value_t = app::mail::schedule::DIGEST_HOUR,
          value_parser = clap::value_parser!(u32).range(0..24))]
    pub digest_hour: u32,

    /// How log lines are written: `text` for people, `json` (one object
    /// per line) for a log collector.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the product (the default).
    Serve,
    /// Create an admin account (the first one, or another). The password is
    /// read from standard input when it is not a terminal, else prompted.
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// The name shown next to the admin's changes.
        #[arg(long, default_value = "Ylläpitäjä")]
        name: String,
    },
    /// Write a backup of the whole database to a file: directly from a
    /// SurrealDB server or a stopped server's data directory, or with
    /// --from through a running server's operator address.
    Backup {
        /// The file to write (replaced whole, never half-written).
        #[arg(long)]
        to: PathBuf,
        /// A running server's operator address, e.g. http://127.0.0.1:9100.
        #[arg(long)]
        from: Option<String>,
    },
    /// Restore a backup into an empty database (the server stopped).
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Delete everything in the database first instead of refusing a
        /// database that holds data.
        #[arg(long)]
        replace: bool,
    },
}

impl Cli {
    /// The public address, no trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_string()
    }

    /// The mail server's settings, when one is given.
    pub fn mail_config(&self) -> Option<crate::mail::MailConfig> {
        let url = self.smtp_url.clone().filter(|u| !u.trim().is_empty())?;
        let from = self.mail_from.clone().unwrap_or_else(|| {
            let public = self.public_url();
            let host = public
                .split("://")
                .nth(1)
                .unwrap_or("localhost")
                .split(['/', ':'])
                .next()
                .unwrap_or("localhost")
                .to_string();
            // An IP address is no mail domain.
            let host = if host.parse::<std::net::IpAddr>().is_ok() {
                "localhost".to_string()
            } else {
                host
            };
            format!("noreply@{host}")
        });
        Some(crate::mail::MailConfig {
            url,
            user: self.smtp_user.clone(),
            pass: self.smtp_pass.clone(),
            ca_file: self.smtp_ca_file.clone(),
            from,
            retry_seconds: self.mail_retry_seconds,
            timeout_seconds: self.mail_timeout_seconds,
        })
    }

    pub fn db_config(&self) -> DbConfig {
        let url = match &self.database_url {
            Some(url) => url.clone(),
            None => format!("surrealkv://{}", self.data_dir.join("db").display()),
        };
        DbConfig {
            url,
            namespace: self.database_ns.clone(),
            database: self.database_db.clone(),
            user: self.database_user.clone(),
            pass: self.database_pass.clone(),
            storage_memory: StorageMemory {
                block_cache_bytes: self.storage_cache_mib << 20,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_database_is_the_default() {
        let cli = Cli::parse_from(["server"]);
        assert_eq!(cli.db_config().url, "surrealkv://./data/db");
        let cli = Cli::parse_from(["server", "--data-dir", "/tmp/x"]);
        assert_eq!(cli.db_config().url, "surrealkv:///tmp/x/db");
        let cli = Cli::parse_from(["server", "--database-url", "mem://"]);
        assert_eq!(cli.db_config().url, "mem://");
    }

    #[test]
    fn storage_memory_is_set_in_mib() {
        let cli = Cli::parse_from(["server"]);
        assert_eq!(cli.db_config().storage_memory, StorageMemory::default());
        let cli = Cli::parse_from(["server", "--storage-cache-mib", "32"]);
        assert_eq!(cli.db_config().storage_memory.block_cache_bytes, 32 << 20);
        assert!(Cli::try_parse_from(["server", "--storage-cache-mib", "0"]).is_err());
    }

    #[test]
    fn create_admin_takes_an_email() {
        let cli = Cli::parse_from(["server", "create-admin", "--email", "a@b.fi"]);
        assert!(
            matches!(cli.command, Some(Command::CreateAdmin { ref email, .. }) if email == "a@b.fi")
        );
        assert!(Cli::try_parse_from(["server", "create-admin"]).is_err());
    }

    #[test]
    fn backup_and_restore_take_their_files() {
        let cli = Cli::parse_from(["server", "backup", "--to", "/tmp/b.jsonl"]);
        assert!(
            matches!(cli.command, Some(Command::Backup { ref to, from: None }) if to.ends_with("b.jsonl"))
        );
        assert!(Cli::try_parse_from(["server", "backup"]).is_err());
        let cli = Cli::parse_from(["server", "restore", "b.jsonl", "--replace"]);
        assert!(matches!(
            cli.command,
            Some(Command::Restore { replace: true, .. })
        ));
        assert!(Cli::try_parse_from(["server", "restore"]).is_err());
    }

    #[test]
    fn logs_are_text_unless_json_is_asked_for() {
        assert_eq!(Cli::parse_from(["server"]).log_format, LogFormat::Text);
        let cli = Cli::parse_from(["server", "--log-format", "json"]);
        assert_eq!(cli.log_format, LogFormat::Json);
        assert!(Cli::try_parse_from(["server", "--log-format", "xml"]).is_err());
    }

    #[test]
    fn mail_is_off_unless_a_mail_server_is_given() {
        assert!(Cli::parse_from(["server"]).mail_config().is_none());
        let cli = Cli::parse_from([
            "server",
            "--smtp-url",
            "smtp://mail.example.fi:587",
            "--public-url",
            "https://tyotila.example.fi/",
        ]);
        let mail = cli.mail_config().unwrap();
        assert_eq!(mail.from, "noreply@tyotila.example.fi");
        assert_eq!(cli.public_url(), "https://tyotila.example.fi");
        assert_eq!(cli.digest_hour, 7);
        assert!(Cli::try_parse_from(["server", "--digest-hour", "24"]).is_err());
    }

    #[test]
    fn bad_bind_address_is_an_error() {
        assert!(Cli::try_parse_from(["server", "--bind", "nonsense"]).is_err());
    }
}
