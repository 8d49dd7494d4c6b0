//! Account and session changes, from every process, to the connections
//! of this one: a live query on `account` (role changed, deactivated) and
//! one on `session` (signed out, ended by deactivation) publish the
//! account id; a connection of that account checks its session again.

use futures::StreamExt;
use std::sync::Arc;
use std::time::Duration;
use surrealdb::types::Action;
use tokio::sync::broadcast;

use crate::background::Background;
use app::store::Store;

/// Sent instead of an id when notifications may have been missed (the
/// live query was registered again): every connection checks.
pub const EVERYONE: &str = "*";

pub fn spawn(store: Store, background: &Background) -> broadcast::Sender<Arc<str>> {
    let (tx, _) = broadcast::channel(1024);
    for (table, key) in [("account", "aid"), ("session", "account")] {
        background.spawn(follow(store.clone(), table, key, tx.clone()));
    }
    tx
}

async fn follow(
    store: Store,
    table: &'static str,
    key: &'static str,
    tx: broadcast::Sender<Arc<str>>,
) {
    let mut first = true;
    loop {
        match store.live_table(table).await {
            Ok(mut stream) => {
                if !first {
                    let _ = tx.send(EVERYONE.into());
                }
                first = false;
                while let Some(note) = stream.next().await {
                    match note {
                        Ok(note) if note.action != Action::Create => {
                            if let Some(aid) = note.data.get(key).and_then(|v| v.as_str()) {
                                let _ = tx.send(aid.into());
                            }
                        }
                        Ok(_) => {}
                        Err(e) => {
                            tracing::warn!("live query on {table} failed: {e}");
                            break;
                        }
                    }
                }
            }
            Err(e) => tracing::warn!("cannot follow {table}: {e}"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
