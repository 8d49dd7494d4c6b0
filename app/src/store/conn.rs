//! The one connection to SurrealDB, embedded or a server.
//!
//! Embedded databases (`surrealkv://`, `mem://`) are opened by building the
//! datastore here rather than through the SDK's `connect`: in SurrealDB
//! 3.3.5 the SDK hands the embedded datastore an empty configuration, so
//! SurrealKV sizes its memory by the machine's (see [`StorageMemory`]).
//! The steps after building are the ones the SDK's own `connect` takes.
//! A SurrealDB server (`ws://`, `wss://`) goes through the `any` engine.
//!
//! Both kinds answer the same two calls, `query` (with `bind`, awaited
//! like the SDK's) and `live_table`, so the rest of the store does not
//! know which one it has.

use super::{DbConfig, StoreError};
use serde_json::Value;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use surrealdb::engine::any::Any;
use surrealdb::engine::local::Db;
use surrealdb::opt::auth::Root;
use surrealdb::{IndexedResults, Surreal};

/// How much memory the embedded storage engine may keep (SurrealKV).
///
/// Only its block cache. Its write buffer (memtable) keeps SurrealKV's
/// default (1 GiB on a 24 GiB machine, filled as writes arrive): with a
/// small one, SurrealKV 0.21.4 (SurrealDB 3.3.5) loses acknowledged writes
/// when the process is killed after the buffer was swapped for a new one.
/// A commit appends to the write-ahead log and then inserts into the
/// buffer; when the buffer is full it is swapped, the log moves to a new
/// file, and the commit (and any other in flight) lands in the new buffer
/// while its log record stays in the old file, which counts as covered
/// once the old buffer is on disk. Measured with a 1 MiB buffer: SIGKILL
/// after the first swap lost 3 acknowledged changes in every run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageMemory {
    /// Recently read blocks of the sorted files.
    pub block_cache_bytes: u64,
}

impl Default for StorageMemory {
    /// 8 MiB of cache (SurrealKV's own default is half the machine's
    /// memory less 1 GiB: 11 GiB on 24 GiB).
    fn default() -> Self {
        Self {
            block_cache_bytes: 8 << 20,
        }
    }
}

#[derive(Clone)]
pub(crate) enum Conn {
    Embedded(Surreal<Db>),
    Server(Surreal<Any>),
}

impl Conn {
    pub(crate) async fn open(config: &DbConfig) -> Result<Self, StoreError> {
        let url = config.url.as_str();
        let conn = if let Some(path) = embedded_path(url) {
            Conn::Embedded(open_embedded(&path, config.storage_memory).await?)
        } else {
            Conn::Server(surrealdb::engine::any::connect(url).await?)
        };
        if let (Some(user), Some(pass)) = (&config.user, &config.pass) {
            let root = Root {
                username: user.clone(),
                password: pass.clone(),
            };
            match &conn {
                Conn::Embedded(db) => drop(db.signin(root).await?),
                Conn::Server(db) => drop(db.signin(root).await?),
            }
        }
        match &conn {
            Conn::Embedded(db) => drop(
                db.use_ns(&config.namespace)
                    .use_db(&config.database)
                    .await?,
            ),
            Conn::Server(db) => drop(
                db.use_ns(&config.namespace)
                    .use_db(&config.database)
                    .await?,
            ),
        }
        Ok(conn)
    }

    /// A query, to `bind` and await like the SDK's own.
    pub(crate) fn query(&self, query: impl Into<String>) -> PendingQuery<'_> {
        PendingQuery {
            conn: self,
            query: query.into(),
            vars: None,
        }
    }

    /// Every change to a table from now on (a LIVE SELECT).
    pub(crate) async fn live_table(
        &self,
        table: &str,
    ) -> Result<surrealdb::Stream<Vec<Value>>, surrealdb::Error> {
        match self {
            Conn::Embedded(db) => db.select::<Vec<Value>>(table).live().await,
            Conn::Server(db) => db.select::<Vec<Value>>(table).live().await,
        }
    }
}

/// The datastore path for an embedded URL, or `None` for a server.
fn embedded_path(url: &str) -> Option<String> {
    if url.starts_with("surrealkv://") {
        Some(url.to_string())
    } else if url.starts_with("mem://") || url == "memory" {
        Some("mem://".to_string())
    } else {
        None
    }
}

/// The datastore's own errors, with their causes.
fn embedded(e: impl std::fmt::Display) -> StoreError {
    StoreError::Embedded(format!("{e:#}"))
}

async fn open_embedded(path: &str, memory: StorageMemory) -> Result<Surreal<Db>, StoreError> {
    use surrealdb_engine_local::Datastore;
    let settings = surrealdb_cnf::ConfigMap::empty().with_key_value(
        "surrealkv_block_cache_capacity",
        memory.block_cache_bytes.to_string(),
    );
    let (notify, notifications) = async_channel::bounded(surrealdb_cnf::NOTIFICATIONS_CHANNEL_SIZE);
    // Maintenance tasks start only after the version check and bootstrap,
    // as in the SDK: a task's write landing first would make a new
    // datastore look like one from before version keys existed.
    let datastore: Arc<Datastore> = Datastore::builder()
        .with_config(settings)
        .with_notify(notify)
        .with_capabilities(Default::default())
        .without_maintenance_tasks()
        .build_with_path(path)
        .await
        .map_err(embedded)?;
    datastore.check_version().await.map_err(embedded)?;
    datastore.bootstrap().await.map_err(embedded)?;
    datastore.start_maintenance_tasks();
    Ok(Surreal::<Db>::unstable_from_datastore(datastore, Some(notifications)).await?)
}

pub(crate) struct PendingQuery<'a> {
    conn: &'a Conn,
    query: String,
    vars: Option<Value>,
}

impl PendingQuery<'_> {
    /// Parameters as one JSON object (`$name` in the query).
    pub(crate) fn bind(mut self, vars: Value) -> Self {
        self.vars = Some(vars);
        self
    }
}

impl<'a> IntoFuture for PendingQuery<'a> {
    type Output = Result<IndexedResults, surrealdb::Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            match (self.conn, self.vars) {
                (Conn::Embedded(db), Some(vars)) => db.query(self.query).bind(vars).await,
                (Conn::Embedded(db), None) => db.query(self.query).await,
                (Conn::Server(db), Some(vars)) => db.query(self.query).bind(vars).await,
                (Conn::Server(db), None) => db.query(self.query).await,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::embedded_path;

    #[test]
    fn embedded_urls_are_told_from_servers() {
        assert_eq!(
            embedded_path("surrealkv:///tmp/x/db").as_deref(),
            Some("surrealkv:///tmp/x/db")
        );
        assert_eq!(embedded_path("mem://").as_deref(), Some("mem://"));
        assert_eq!(embedded_path("ws://127.0.0.1:8000"), None);
        assert_eq!(embedded_path("wss://db.example.fi"), None);
    }
}
