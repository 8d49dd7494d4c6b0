//! Who is on the roadmap now, across every server process.
//!
//! Each connection has a row in `roadmap_presence` (written by its own
//! process); each process has a row in `presence_process`, refreshed every
//! [`REFRESH`]. Every process follows `roadmap_presence` with a live query
//! and publishes, after each burst of changes, one ready message per page
//! ([`app::roadmap::presence`]): the sockets of one page share its bytes.
//! The rows of a process that died expire [`FRESH`] after its last refresh.

use crate::background::Background;
use app::roadmap::{presence::for_page, Peer};
use app::store::{Store, StoreError};
use axum::extract::ws::Utf8Bytes;
use futures::StreamExt;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

const REFRESH: Duration = Duration::from_secs(20);
const FRESH: u64 = 60;

pub async fn spawn(
    store: Store,
    process: String,
    background: &Background,
) -> Result<watch::Receiver<Arc<Board>>, StoreError> {
    let first = Arc::new(Board::new(&store.list_presence(FRESH).await?));
    let (tx, rx) = watch::channel(first);
    let (poke_tx, mut poke_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    // Follow the table.
    let follow_store = store.clone();
    let follow_poke = poke_tx.clone();
    background.spawn(async move {
        loop {
            match follow_store.live_table("roadmap_presence").await {
                Ok(mut stream) => {
                    let _ = follow_poke.send(());
                    while let Some(note) = stream.next().await {
                        if note.is_err() {
                            break;
                        }
                        let _ = follow_poke.send(());
                    }
                }
                Err(e) => tracing::warn!("cannot follow presence: {e}"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    // Refresh our rows and expire others now and then.
    let refresh_store = store.clone();
    background.spawn(async move {
        let mut tick = tokio::time::interval(REFRESH);
        loop {
            tick.tick().await;
            if let Err(e) = refresh_store.refresh_presence(&process).await {
                tracing::warn!("cannot refresh presence: {e}");
            }
            let _ = poke_tx.send(());
        }
    });
    // Publish the list after each burst of changes.
    background.spawn(async move {
        while poke_rx.recv().await.is_some() {
            tokio::time::sleep(Duration::from_millis(30)).await;
            while poke_rx.try_recv().is_ok() {}
            match store.list_presence(FRESH).await {
                Ok(peers) => {
                    let board = Board::new(&peers);
                    tx.send_if_modified(|old| {
                        let changed = **old != board;
                        if changed {
                            *old = Arc::new(board);
                        }
                        changed
                    });
                }
                Err(e) => tracing::warn!("cannot list presence: {e}"),
            }
        }
    });
    Ok(rx)
}

/// The `presence` message of every page someone is on, serialised once.
#[derive(Debug, PartialEq)]
pub struct Board {
    by_page: HashMap<String, Utf8Bytes>,
    /// For a page nobody has named: those on every page, and the editors.
    elsewhere: Utf8Bytes,
}

impl Board {
    fn new(peers: &[Peer]) -> Self {
        let message = |page: &str| Utf8Bytes::from(for_page(peers, page).to_json());
        let mut by_page = HashMap::new();
        for peer in peers.iter().filter(|p| !p.page.is_empty()) {
            by_page
                .entry(peer.page.clone())
                .or_insert_with(|| message(&peer.page));
        }
        Board {
            by_page,
            // No page is empty and '/'-less, so this names nobody's page.
            elsewhere: message(""),
        }
    }

    /// The message for the sockets serving `page` (shared bytes).
    pub fn for_page(&self, page: &str) -> Utf8Bytes {
        self.by_page.get(page).unwrap_or(&self.elsewhere).clone()
    }
}
