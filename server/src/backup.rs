//! `server backup` and `server restore`: the command line around
//! store/backup.rs.
//!
//! A running server holds its embedded database open (surrealkv locks its
//! directory), so a backup of it is asked from the server's operator
//! address (`--from`, see ops.rs). A stopped server's data directory and a
//! SurrealDB server are read directly.

use app::store::backup::{self, Target};
use app::store::{DbConfig, Store};
use std::error::Error;
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Writes a backup to `to` and says what it holds.
pub async fn backup(to: &Path, from: Option<&str>, db: &DbConfig) -> Result<String> {
    let file = match from {
        Some(url) => fetch(url).await?,
        None => {
            let store = Store::connect(db).await.map_err(|e| {
                let locked = e.to_string().contains("locked");
                if locked {
                    format!(
                        "the database at {} is in use by a running server: back it up through the server's operator address, e.g. --from http://127.0.0.1:9100 (see --ops-bind)",
                        db.url
                    )
                } else {
                    format!("cannot open the database at {}: {e}", db.url)
                }
            })?;
            store.export_backup().await?
        }
    };
    // A file cut off on the way is never written as a backup.
    let (header, rows) = backup::parse(&file)?;
    write_whole(to, file.as_bytes())?;
    Ok(format!(
        "backup of {} rows ({} tables) written to {} ({} bytes, read {})",
        rows.len(),
        header.tables.values().filter(|n| **n > 0).count(),
        to.display(),
        file.len(),
        header.created
    ))
}

/// Restores `file` into the database of `db`.
pub async fn restore(file: &Path, replace: bool, db: &DbConfig) -> Result<String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let store = Store::connect(db)
        .await
        .map_err(|e| format!("cannot open the database at {}: {e}", db.url))?;
    let target = if replace {
        Target::Replace
    } else {
        Target::MustBeEmpty
    };
    let restored = store
        .restore_backup(&text, target)
        .await
        .map_err(|e| match e {
            backup::BackupError::NotEmpty { .. } => {
                format!("{e} (--replace deletes everything in it first); nothing was changed")
            }
            other => format!("{}: {other}; nothing was changed", file.display()),
        })?;
    Ok(format!(
        "restored {} rows ({} tables) from {} into {}",
        restored.rows,
        restored.tables,
        file.display(),
        db.url
    ))
}

async fn fetch(base: &str) -> Result<String> {
    let url = format!("{}/backup", base.trim_end_matches('/'));
    let response = reqwest::get(&url)
        .await
        .map_err(|e| format!("cannot reach {url}: {e}"))?;
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| format!("reading {url}: {e}"))?;
    if !status.is_success() {
        return Err(format!("{url} answered {status}: {}", body.trim()).into());
    }
    Ok(body)
}

/// Writes beside the target and renames, so that `to` is either the old
/// file or the whole new one, never half of it.
fn write_whole(to: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut partial = PathBuf::from(to);
    partial.as_mut_os_string().push(".partial");
    let write = || -> std::io::Result<()> {
        let mut out = std::fs::File::create(&partial)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        std::fs::rename(&partial, to)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot write {}: {e}", to.display()).into()
    })
}
