//! Persistence in SurrealDB (server side only).
//!
//! The app talks to SurrealDB through one connection type (`conn.rs`), so
//! the same code runs against the embedded surrealkv files, an in-memory
//! database in tests, or a SurrealDB server shared by several app
//! processes.
//! Documents go in and out as JSON and are (de)serialised with serde here,
//! which keeps the shared model types free of database-specific derives.

mod accounts;
mod areas;
pub mod backup;
mod conn;
mod error;
mod inbox;
mod mail;
mod roadmap;
mod schema;
mod seed;
mod surveys;

pub use accounts::{now_ms, AccountError, SessionPolicy, StoredAccount, StoredSession};
pub use conn::StorageMemory;
pub use error::StoreError;
pub use inbox::INBOX_WINDOW;
pub use mail::{OutboxCounts, QueuedMail, StoredMailPrefs};
pub use roadmap::{seed_requests, CommitError, AREA_SEED_AUTHOR, SEED_AUTHOR, VISIT_SEED_AUTHOR};
pub use surveys::initial_surveys;

pub(crate) use conn::Conn;
use serde::de::DeserializeOwned;

/// How to reach the database.
#[derive(Clone, Debug)]
pub struct DbConfig {
    /// `mem://`, `surrealkv://path`, `ws://host:port`, ...
    pub url: String,
    pub namespace: String,
    pub database: String,
    /// Root credentials for a SurrealDB server; not used by embedded engines.
    pub user: Option<String>,
    pub pass: Option<String>,
    /// Memory the embedded engine may keep; not used with a server.
    pub storage_memory: StorageMemory,
}

impl DbConfig {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            namespace: "ngo".into(),
            database: "workspace".into(),
            user: None,
            pass: None,
            storage_memory: StorageMemory::default(),
        }
    }
}

/// A handle to the database; cheap to clone (it shares one connection).
#[derive(Clone)]
pub struct Store {
    db: Conn,
    policy: SessionPolicy,
}

impl Store {
    /// Connects, selects the namespace and database, applies the schema
    /// and seeds the 22 areas where they are missing.
    pub async fn open(config: &DbConfig) -> Result<Self, StoreError> {
        let store = Self::connect(config).await?;
        seed::seed_areas(&store).await?;
        store.seed_surveys().await?;
        store.seed_roadmap().await?;
        Ok(store)
    }

    /// Connects and applies the schema, without seeding anything: for a
    /// backup, which reads what is there, and a restore, which needs an
    /// empty database.
    pub async fn connect(config: &DbConfig) -> Result<Self, StoreError> {
        let db = Conn::open(config).await?;
        let store = Self {
            db,
            policy: SessionPolicy::default(),
        };
        schema::apply(&store.db).await?;
        Ok(store)
    }

    /// An in-memory database with the schema and seed data: for tests.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        Self::open(&DbConfig::new("mem://")).await
    }

    /// The same store with other session lifetimes.
    pub fn with_session_policy(mut self, policy: SessionPolicy) -> Self {
        self.policy = policy;
        self
    }

    pub fn session_policy(&self) -> SessionPolicy {
        self.policy
    }

    /// Answers when the database answers a query.
    pub async fn health(&self) -> Result<(), StoreError> {
        self.db.query("RETURN 1").await?.check()?;
        Ok(())
    }

    /// Runs one query with JSON parameters and decodes the rows of
    /// statement `index`.
    async fn rows<T: DeserializeOwned>(
        &self,
        query: &str,
        vars: serde_json::Value,
        index: usize,
    ) -> Result<Vec<T>, StoreError> {
        let mut response = self.db.query(query).bind(vars).await?.check()?;
        let rows: Vec<serde_json::Value> = response.take(index)?;
        rows.into_iter()
            .map(|row| serde_json::from_value(row).map_err(StoreError::from))
            .collect()
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod roadmap_tests;

#[cfg(test)]
mod accounts_tests;

#[cfg(test)]
mod inbox_tests;
