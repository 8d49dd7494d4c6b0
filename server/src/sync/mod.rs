//! The roadmap sync server: `/api/v1/sync`.
//!
//! - [`writer`] orders changes: one task per process validates, numbers and
//!   stores them (log + items in one transaction) before acknowledging.
//! - [`fanout`] follows the change log with a SurrealDB `LIVE SELECT` and
//!   releases entries in `seq` order to this process's connections, so the
//!   clients of every process sharing one database see every change.
//! - [`presence`] keeps who is on the roadmap in the database, followed the
//!   same way.
//! - [`socket`] is one client connection: the protocol of
//!   docs/sync-protocol.md, rate limits and catch-up.

pub mod accounts;
mod fanout;
mod presence;
mod socket;
mod writer;

use crate::background::Background;
use app::store::{Store, StoreError};
use std::sync::Arc;
use tokio::sync::{broadcast, mpsc, watch};

pub use socket::sync_handler;

/// One released log entry, serialised once for every connection: the
/// entry, and the `changes` message of it alone, which is what each socket
/// sends when it is keeping up (the bytes are shared, not copied).
#[derive(Debug)]
pub struct Released {
    pub seq: u64,
    pub json: String,
    pub alone: axum::extract::ws::Utf8Bytes,
}

impl Released {
    pub fn new(seq: u64, json: String) -> Self {
        let alone = changes_message(std::iter::once(json.as_str()), seq).into();
        Released { seq, json, alone }
    }
}

/// A `changes` message of entries already serialised, ending at `head`.
pub fn changes_message<'a>(entries: impl Iterator<Item = &'a str>, head: u64) -> String {
    let mut message = String::from(r#"{"type":"changes","changes":["#);
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            message.push(',');
        }
        message.push_str(entry);
    }
    message.push_str(&format!(r#"],"head":{head}}}"#));
    message
}

/// What the connections of one process share.
pub struct Hub {
    pub store: Store,
    /// This process, in presence rows.
    pub process: String,
    writer: mpsc::Sender<writer::Job>,
    /// Entries in `seq` order, as the fan-out releases them.
    released: broadcast::Sender<Arc<Released>>,
    /// Each page's ready `presence` message.
    presence: watch::Receiver<Arc<presence::Board>>,
    /// Ids of accounts whose role, state or sessions changed.
    pub accounts: broadcast::Sender<Arc<str>>,
    /// Sockets close when it stops, and it waits for them.
    background: Background,
}

impl Hub {
    /// Hands one change to the writer and waits for its answer: the path
    /// of the forms that work without JavaScript (the socket queues its
    /// changes itself, to keep each connection's order).
    pub async fn submit(
        &self,
        req: app::roadmap::ChangeRequest,
        by: app::auth::Actor,
        locale: app::i18n::Locale,
    ) -> writer::Outcome {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = writer::Job {
            req,
            by,
            locale,
            reply,
            queued: std::time::Instant::now(),
        };
        if self.writer.send(job).await.is_err() {
            return Err(writer::busy(locale));
        }
        answer.await.unwrap_or_else(|_| Err(writer::busy(locale)))
    }

    /// The same, as the context server functions reach it through.
    pub fn submitter(self: &Arc<Self>) -> app::roadmap::submit::Submitter {
        let hub = self.clone();
        app::roadmap::submit::Submitter::new(move |req, by, locale| {
            let hub = hub.clone();
            async move { hub.submit(req, by, locale).await }
        })
    }

    /// Loads the roadmap and starts the writer, the fan-out and presence.
    pub async fn start(store: Store, background: Background) -> Result<Arc<Hub>, StoreError> {
        let process = uuid::Uuid::new_v4().to_string();
        let (released, _) = broadcast::channel(4096);
        let (committed_tx, committed_rx) = mpsc::unbounded_channel();
        let writer = writer::spawn(store.clone(), committed_tx, &background).await?;
        fanout::spawn(store.clone(), released.clone(), committed_rx, &background).await?;
        let presence = presence::spawn(store.clone(), process.clone(), &background).await?;
        let accounts = accounts::spawn(store.clone(), &background);
        Ok(Arc::new(Hub {
            store,
            process,
            writer,
            released,
            presence,
            accounts,
            background,
        }))
    }
}
