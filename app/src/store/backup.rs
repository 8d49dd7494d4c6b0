//! Backup and restore: every table that holds the workspace's data, as one
//! JSON Lines file.
//!
//! The export is our own rather than SurrealDB's: the SDK exports only
//! from embedded engines and over HTTP, and the product reaches a
//! SurrealDB server over WebSocket. All tables are read in one
//! transaction, so the file is one consistent moment even while people
//! edit. Documents are plain JSON (store/mod.rs), so nothing is lost on
//! the way; record keys are kept, which keeps the log's `seq` numbering.
//!
//! Line 1 is a [`Header`] (format, version, rows per table); each further
//! line is one [`Row`]. A restore checks the whole file before it writes
//! anything and writes everything in one transaction: a bad file or a
//! refused row changes nothing.

use super::{schema, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Tables a backup holds, in the order they are written.
pub const BACKED_UP: [&str; 13] = [
    "area",
    "area_change",
    "survey",
    "roadmap_counter",
    "roadmap_item",
    "roadmap_change",
    "account",
    "invitation",
    "audit",
    "follow",
    "inbox_mark",
    "activity_visit",
    "mail_pref",
];

/// Tables of a moment's state, left out on purpose: sessions (a restored
/// server signs everyone in again), who is on the roadmap now, and the
/// sign-in failures that only count towards the next quarter hour's limit;
/// and the mail in flight: the outbox (sent rows keep no body; a queued
/// one may hold a one-time link, which a backup file must not), open reset
/// links and their requests, and the mailer's cursor (a restored server
/// starts mention mail from its head, never mailing old mentions again).
pub const NOT_BACKED_UP: [&str; 8] = [
    "session",
    "roadmap_presence",
    "presence_process",
    "sign_in_failure",
    "mail_outbox",
    "password_reset",
    "reset_request",
    "mail_cursor",
];

/// What the first line says the file is.
pub const FORMAT: &str = "ngo-workspace-backup";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// When the export was read (RFC 3339).
    pub created: String,
    /// Rows per table, to know a cut-off file.
    pub tables: BTreeMap<String, u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub table: String,
    /// The record's key (`area:PI` → `"PI"`, `roadmap_change:7` → `7`).
    pub key: Value,
    /// The document without its id.
    pub record: Value,
}

/// Why a backup could not be read or restored. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("line {line}: {reason}")]
    Format { line: usize, reason: String },
    #[error(
        "the database is not empty ({rows} rows); restore into an empty one, or replace its contents explicitly"
    )]
    NotEmpty { rows: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a restore wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub rows: u64,
    pub tables: usize,
}

/// Whether a restore may write over data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Refuse a database that holds anything but the empty schema.
    MustBeEmpty,
    /// Delete everything first (in the same transaction).
    Replace,
}

/// The key column's name in the export query; no document uses it (a
/// name that starts with `_` comes back empty).
const KEY: &str = "backup_key";

impl Store {
    /// Every backed-up table as a backup file, read in one transaction.
    pub async fn export_backup(&self) -> Result<String, StoreError> {
        let mut query = String::from("BEGIN TRANSACTION;\n");
        for table in BACKED_UP {
            query.push_str(&format!(
                "SELECT record::id(id) AS {KEY}, * OMIT id FROM {table} ORDER BY id;\n"
            ));
        }
        query.push_str("COMMIT TRANSACTION;");
        let mut response = self.db.query(query).await?.check()?;
        let mut header = Header {
            format: FORMAT.into(),
            version: VERSION,
            created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            tables: BTreeMap::new(),
        };
        let mut body = String::new();
        for (index, table) in BACKED_UP.into_iter().enumerate() {
            // Statement 0 is the BEGIN.
            let rows: Vec<Value> = response.take(index + 1)?;
            header.tables.insert(table.into(), rows.len() as u64);
            for mut record in rows {
                let key = record
                    .as_object_mut()
                    .and_then(|doc| doc.remove(KEY))
                    .unwrap_or(Value::Null);
                let row = Row {
                    table: table.into(),
                    key,
                    record,
                };
                body.push_str(&serde_json::to_string(&row)?);
                body.push('\n');
            }
        }
        Ok(format!("{}\n{body}", serde_json::to_string(&header)?))
    }

    /// Restores a backup file. The database gets the schema first; with
    /// [`Target::MustBeEmpty`] a database holding data is refused.
    pub async fn restore_backup(
        &self,
        file: &str,
        target: Target,
    ) -> Result<Restored, BackupError> {
        let (header, rows) = parse(file)?;
        schema::apply(&self.db).await?;
        if target == Target::MustBeEmpty {
            let rows = self.stored_rows().await?;
            if rows > 0 {
                return Err(BackupError::NotEmpty { rows });
            }
        }
        let clear: String = match target {
            Target::MustBeEmpty => String::new(),
            Target::Replace => BACKED_UP
                .iter()
                .chain(NOT_BACKED_UP.iter())
                .map(|t| format!("DELETE {t};\n"))
                .collect(),
        };
        let query = format!(
            "BEGIN TRANSACTION;\n{clear}FOR $r IN $rows {{ UPSERT type::record($r.table, $r.key) CONTENT $r.record; }};\nCOMMIT TRANSACTION;"
        );
        let count = rows.len() as u64;
        self.db
            .query(query)
            .bind(json!({ "rows": rows }))
            .await
            .map_err(StoreError::from)?
            .check()
            .map_err(StoreError::from)?;
        Ok(Restored {
            rows: count,
            tables: header.tables.values().filter(|n| **n > 0).count(),
        })
    }

    /// Rows in the backed-up tables, not counting the empty schema's own
    /// (the log's head at 0).
    async fn stored_rows(&self) -> Result<u64, StoreError> {
        let mut query = String::new();
        for table in BACKED_UP {
            let filter = if table == "roadmap_counter" {
                " WHERE seq > 0"
            } else {
                ""
            };
            query.push_str(&format!(
                "RETURN count(SELECT VALUE id FROM {table}{filter});\n"
            ));
        }
        let mut response = self.db.query(query).await?.check()?;
        let mut total = 0;
        for index in 0..BACKED_UP.len() {
            let n: Option<u64> = response.take(index)?;
            total += n.unwrap_or(0);
        }
        Ok(total)
    }
}

/// Reads and checks a whole backup file.
pub fn parse(file: &str) -> Result<(Header, Vec<Row>), BackupError> {
    let bad = |line: usize, reason: String| BackupError::Format { line, reason };
    let mut lines = file.lines().enumerate().map(|(i, l)| (i + 1, l));
    let (_, first) = lines
        .next()
        .ok_or_else(|| bad(1, "the file is empty".into()))?;
    let header: Header = serde_json::from_str(first)
        .map_err(|e| bad(1, format!("not a backup of this product: {e}")))?;
    if header.format != FORMAT {
        return Err(bad(
            1,
            format!("not a backup of this product ({:?})", header.format),
        ));
    }
    if header.version != VERSION {
        return Err(bad(
            1,
            format!(
                "backup format version {} (this server reads {VERSION})",
                header.version
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut counted: BTreeMap<String, u64> = BTreeMap::new();
    for (number, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let row: Row =
            serde_json::from_str(line).map_err(|e| bad(number, format!("unreadable row: {e}")))?;
        if !BACKED_UP.contains(&row.table.as_str()) {
            return Err(bad(number, format!("unknown table {:?}", row.table)));
        }
        if !(row.key.is_string() || row.key.is_number()) {
            return Err(bad(number, format!("bad record key {}", row.key)));
        }
        if !row.record.is_object() {
            return Err(bad(number, "the record is not an object".into()));
        }
        *counted.entry(row.table.clone()).or_default() += 1;
        rows.push(row);
    }
    for table in BACKED_UP {
        let said = header.tables.get(table).copied().unwrap_or(0);
        let found = counted.get(table).copied().unwrap_or(0);
        if said != found {
            return Err(bad(
                file.lines().count(),
                format!("{table}: the header says {said} rows, the file has {found} (cut off?)"),
            ));
        }
    }
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DbConfig;

    /// A database with the schema only, as `server restore` opens one.
    async fn empty() -> Store {
        Store::connect(&DbConfig::new("mem://")).await.unwrap()
    }

    /// The file without its header's time, to compare two exports.
    fn rows_of(file: &str) -> Vec<Row> {
        parse(file).unwrap().1
    }

    #[test]
    fn every_table_of_the_schema_is_backed_up_or_left_out_on_purpose() {
        let defined: Vec<&str> = schema::SCHEMA
            .lines()
            .filter_map(|l| l.strip_prefix("DEFINE TABLE IF NOT EXISTS "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        for table in &defined {
            assert!(
                BACKED_UP.contains(table) ^ NOT_BACKED_UP.contains(table),
                "{table} must be in exactly one of BACKED_UP and NOT_BACKED_UP"
            );
        }
        assert_eq!(defined.len(), BACKED_UP.len() + NOT_BACKED_UP.len());
    }

    #[tokio::test]
    async fn a_restored_database_exports_the_same_rows() {
        let store = Store::open_in_memory().await.unwrap();
        store.audit("u-1", "sign_in", "", "").await.unwrap();
        let file = store.export_backup().await.unwrap();
        let (header, rows) = parse(&file).unwrap();
        assert_eq!(header.tables["area"], 22);
        assert!(header.tables["roadmap_change"] > 0);
        assert_eq!(header.tables["audit"], 1);
        assert!(rows
            .iter()
            .any(|r| r.table == "roadmap_change" && r.key.is_number()));

        let fresh = empty().await;
        let restored = fresh
            .restore_backup(&file, Target::MustBeEmpty)
            .await
            .unwrap();
        assert_eq!(restored.rows, rows.len() as u64);
        assert_eq!(rows_of(&fresh.export_backup().await.unwrap()), rows);
        assert_eq!(
            fresh.roadmap_head().await.unwrap(),
            store.roadmap_head().await.unwrap()
        );
    }

    #[tokio::test]
    async fn a_database_with_data_is_refused_unless_replaced() {
        let store = Store::open_in_memory().await.unwrap();
        let file = store.export_backup().await.unwrap();
        let other = Store::open_in_memory().await.unwrap();
        other.audit("u-2", "sign_out", "", "").await.unwrap();
        let before = other.export_backup().await.unwrap();
        let refused = other.restore_backup(&file, Target::MustBeEmpty).await;
        assert!(matches!(refused, Err(BackupError::NotEmpty { rows }) if rows > 22));
        assert_eq!(
            rows_of(&other.export_backup().await.unwrap()),
            rows_of(&before)
        );

        other.restore_backup(&file, Target::Replace).await.unwrap();
        assert_eq!(
            rows_of(&other.export_backup().await.unwrap()),
            rows_of(&file),
            "replaced: the audit row of before is gone"
        );
    }

    #[tokio::test]
    async fn a_bad_file_changes_nothing() {
        let store = Store::open_in_memory().await.unwrap();
        let file = store.export_backup().await.unwrap();
        let cut: String = file.lines().take(10).map(|l| format!("{l}\n")).collect();
        let mut bad_row = file.clone();
        bad_row.push_str("{\"table\":\"secrets\",\"key\":\"x\",\"record\":{}}\n");
        for (what, text) in [
            ("empty", String::new()),
            ("not ours", "{\"format\":\"other\"}\n".to_string()),
            ("cut off", cut),
            ("unknown table", bad_row),
            ("not json", format!("{file}{{oops\n")),
        ] {
            let fresh = empty().await;
            let result = fresh.restore_backup(&text, Target::MustBeEmpty).await;
            assert!(
                matches!(result, Err(BackupError::Format { .. })),
                "{what}: {result:?}"
            );
            assert_eq!(fresh.stored_rows().await.unwrap(), 0, "{what}");
        }
    }

    #[tokio::test]
    async fn a_row_the_database_refuses_rolls_back_the_whole_restore() {
        let store = Store::open_in_memory().await.unwrap();
        let file = store.export_backup().await.unwrap();
        // Two areas with one code: the unique index refuses the second.
        let (mut header, mut rows) = parse(&file).unwrap();
        let mut twin = rows.iter().find(|r| r.table == "area").unwrap().clone();
        twin.key = json!("twin");
        rows.push(twin);
        *header.tables.get_mut("area").unwrap() += 1;
        let mut text = serde_json::to_string(&header).unwrap() + "\n";
        for row in rows {
            text += &(serde_json::to_string(&row).unwrap() + "\n");
        }
        let fresh = empty().await;
        let result = fresh.restore_backup(&text, Target::MustBeEmpty).await;
        assert!(matches!(result, Err(BackupError::Store(_))), "{result:?}");
        assert_eq!(fresh.stored_rows().await.unwrap(), 0);
    }
}
