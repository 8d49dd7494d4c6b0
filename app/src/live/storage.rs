//! The queue of unsent changes and the ids of my changes, kept in
//! `localStorage` (gloo-storage) so that an edit made offline survives a
//! reload and is sent by the next page (docs/sync-protocol.md, *Catch-up,
//! offline and resending*). One queue for every kind of item.

use super::LiveSync;
use crate::roadmap::protocol::ChangeRequest;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::{window, Effect, Set, With};
use serde::de::DeserializeOwned;
use serde::Serialize;

const PENDING_KEY: &str = "roadmap.pending.v1";
const MINE_KEY: &str = "roadmap.mine.v1";

impl LiveSync {
    /// Restores what an earlier page left unsent, then saves every change
    /// of the queue and of my ids.
    pub(super) fn keep_stored(&self) {
        let this = *self;
        if let Some(queue) = load::<Vec<ChangeRequest>>(PENDING_KEY) {
            this.pending.set(queue);
        }
        if let Some(mine) = load::<Vec<String>>(MINE_KEY) {
            this.mine.set(mine);
        }
        Effect::new(move |_| this.pending.with(|queue| save(PENDING_KEY, queue)));
        Effect::new(move |_| this.mine.with(|mine| save(MINE_KEY, mine)));
    }
}

/// gloo-storage throws when the browser refuses `localStorage` (storage
/// blocked in the person's settings); then the queue lives as long as the
/// page, as it always has.
fn available() -> bool {
    window().local_storage().is_ok_and(|s| s.is_some())
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    available().then(|| LocalStorage::get(key).ok()).flatten()
}

fn save<T: Serialize>(key: &str, value: &T) {
    if available() {
        let _ = LocalStorage::set(key, value);
    }
}

/// A text someone is writing (a comment), kept under `key` so that a
/// reload, a lost connection or a closed tab does not lose it. An empty
/// text removes the key.
pub(crate) fn save_draft(key: &str, text: &str) {
    if !available() {
        return;
    }
    if text.is_empty() {
        LocalStorage::delete(key);
    } else {
        let _ = LocalStorage::set(key, text);
    }
}

pub(crate) fn load_draft(key: &str) -> Option<String> {
    load(key)
}
