//! The browser's end of the sync protocol (docs/sync-protocol.md): the
//! live copy of the change log that the roadmap, the tour and the area
//! pages show and edit.
//!
//! It lives beside the components, not in the shared `roadmap` module,
//! because it is the page's state: the server renders pages with it (the
//! state and its pure logic are here, compiled for SSR too), and only the
//! browser connects it (`socket`, `storage`, `network`, `hydrate` only).
//!
//! The page shows `confirmed` (the server's state as far as this client
//! knows it) with this client's unsent changes replayed on top. Unsent
//! changes wait in `localStorage` until acknowledged, so they survive a
//! reload and a lost connection; every one carries its `cid`, so sending
//! one again is harmless. The socket reconnects with backoff and asks for
//! what it missed since its last `seq`.

#[cfg(feature = "hydrate")]
mod network;
#[cfg(feature = "hydrate")]
mod socket;
#[cfg(feature = "hydrate")]
mod storage;

use crate::roadmap::field::Field;
use crate::roadmap::merge::RoadmapState;
use crate::roadmap::model::{Item, ItemKind};
use crate::roadmap::protocol::{ChangeOp, ChangeRequest, Entry, ErrorCode, Peer, ServerMsg};
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Online,
    Offline,
}

/// Something to tell the user: a refused change, or one of theirs that
/// someone else overwrote (with what restores it).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub restore: Option<(String, String, Value)>,
}

/// Counts changes by others that reached this page live: the header's
/// bell asks for its count again when it moves. Provided by `App`.
#[derive(Clone, Copy)]
pub struct InboxPulse(pub RwSignal<u64>);

/// One of my changes, for undo and redo.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub item: String,
    pub before: BTreeMap<String, Value>,
    pub after: BTreeMap<String, Value>,
}

/// The browser's live copy of the change log (the roadmap, the tour and
/// area pages): its socket, queue and undo; `Copy`, shared as context.
/// (Named so that it never shadows std's `Sync` trait.)
#[derive(Clone, Copy)]
pub struct LiveSync {
    pub confirmed: RwSignal<RoadmapState>,
    pub pending: RwSignal<Vec<ChangeRequest>>,
    pub status: RwSignal<Status>,
    pub peers: RwSignal<Vec<Peer>>,
    /// Those on this page whom `peers` does not name (a crowd).
    pub more_here: RwSignal<usize>,
    pub session: RwSignal<String>,
    pub notices: RwSignal<Vec<Notice>>,
    pub history: RwSignal<Option<(String, Vec<Entry>)>>,
    pub undo: RwSignal<Vec<Step>>,
    pub redo: RwSignal<Vec<Step>>,
    /// The ids of changes made in this browser (to recognise mine).
    pub mine: RwSignal<Vec<String>>,
    pub name: Signal<String>,
    /// What this page shows: confirmed + pending.
    pub view: Memo<RoadmapState>,
    /// The page's `InboxPulse`, if the app provided one.
    pulse: Option<RwSignal<u64>>,
    /// The open (or opening) connection; dropping it closes the socket.
    #[cfg(feature = "hydrate")]
    link: StoredValue<Option<socket::Link>, LocalStorage>,
    #[cfg(feature = "hydrate")]
    backoff_ms: StoredValue<u32>,
    /// The window's `online` and `offline` listeners, removed with the page.
    #[cfg(feature = "hydrate")]
    network: StoredValue<Option<network::Listeners>, LocalStorage>,
}

/// The draft kept under `key` (see `storage::save_draft`); empty on the
/// server, which never has one.
pub fn load_draft(key: &str) -> String {
    #[cfg(feature = "hydrate")]
    return storage::load_draft(key).unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        String::new()
    }
}

/// Keeps a draft in `localStorage` (nothing on the server).
pub fn save_draft(key: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    storage::save_draft(key, text);
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, text);
}

/// A fresh id for an item or a change: `[a-z0-9-]`, random enough not to
/// collide between browsers.
pub fn new_id() -> String {
    #[cfg(feature = "hydrate")]
    {
        let mut s = String::new();
        for _ in 0..4 {
            let n = (js_sys::Math::random() * 4_294_967_296.0) as u64;
            s.push_str(&format!("{n:08x}"));
        }
        let t = js_sys::Date::now() as u64;
        format!("{t:x}-{s}")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::from("server")
    }
}

impl LiveSync {
    pub fn new(initial: RoadmapState, name: Signal<String>) -> Self {
        let confirmed = RwSignal::new(initial);
        let pending = RwSignal::new(Vec::<ChangeRequest>::new());
        let view = Memo::new(move |_| {
            let mut state = confirmed.get();
            let me = name.get();
            for req in pending.get() {
                if let Ok(entry) = state.prepare(&req, &me, "", state.head + 1) {
                    state.apply(&entry);
                }
            }
            state
        });
        Self {
            confirmed,
            pending,
            status: RwSignal::new(Status::Connecting),
            peers: RwSignal::new(vec![]),
            more_here: RwSignal::new(0),
            session: RwSignal::new(String::new()),
            notices: RwSignal::new(vec![]),
            history: RwSignal::new(None),
            undo: RwSignal::new(vec![]),
            redo: RwSignal::new(vec![]),
            mine: RwSignal::new(vec![]),
            name,
            view,
            pulse: use_context::<InboxPulse>().map(|p| p.0),
            #[cfg(feature = "hydrate")]
            link: StoredValue::new_local(None),
            #[cfg(feature = "hydrate")]
            backoff_ms: StoredValue::new(500),
            #[cfg(feature = "hydrate")]
            network: StoredValue::new_local(None),
        }
    }

    pub fn notify(&self, text: impl Into<String>, restore: Option<(String, String, Value)>) {
        let id = js_now_ms();
        let text = text.into();
        self.notices.update(|n| {
            // The same words again (a waiting comment's retry) replace the
            // older notice rather than stack under it.
            n.retain(|o| o.text != text || o.restore.is_some());
            n.push(Notice { id, text, restore });
            // Only the newest few stay on screen.
            if n.len() > 5 {
                n.remove(0);
            }
        });
    }

    /// Queues a change made here, after checking it against what is shown
    /// (so a mistake is explained at once). Returns the problem, if any.
    fn submit(&self, req: ChangeRequest) -> Result<(), String> {
        if self.name.get_untracked().trim().is_empty() {
            return Err(crate::text::t().sign_in_to_edit_roadmap.into());
        }
        let view = self.view.get_untracked();
        view.prepare(&req, &self.name.get_untracked(), "", view.head + 1)
            .map_err(|e| e.message)?;
        self.mine.update(|m| {
            m.push(req.cid.clone());
            if m.len() > 500 {
                m.remove(0);
            }
        });
        self.pending.update(|p| p.push(req.clone()));
        self.send_change(&req);
        Ok(())
    }

    /// Sets fields of an item; records the step for undo.
    pub fn set(&self, item: &str, fields: BTreeMap<String, Value>) -> Result<(), String> {
        let view = self.view.get_untracked();
        let Some(current) = view.items.get(item) else {
            return Err(crate::text::t().item_missing.into());
        };
        let before: BTreeMap<String, Value> = fields
            .keys()
            .map(|k| {
                (
                    k.clone(),
                    current.fields.get(k).cloned().unwrap_or(Value::Null),
                )
            })
            .collect();
        if before == fields {
            return Ok(());
        }
        self.set_raw(current, fields.clone())?;
        self.undo.update(|u| {
            u.push(Step {
                item: item.to_string(),
                before,
                after: fields,
            })
        });
        self.redo.set(vec![]);
        Ok(())
    }

    fn set_raw(&self, current: &Item, fields: BTreeMap<String, Value>) -> Result<(), String> {
        let base = fields
            .keys()
            .map(|k| (k.clone(), self.confirmed_seq(&current.id, k)))
            .collect();
        self.submit(ChangeRequest {
            cid: new_id(),
            item: current.id.clone(),
            op: ChangeOp::Set,
            kind: None,
            fields,
            base,
        })
    }

    /// The `seq` of the field as the server last told us.
    fn confirmed_seq(&self, item: &str, field: &str) -> u64 {
        self.confirmed
            .with_untracked(|s| s.items.get(item).map(|i| i.field_seq(field)))
            .unwrap_or(0)
    }

    /// Creates an item; returns its id.
    pub fn create(
        &self,
        kind: ItemKind,
        fields: BTreeMap<String, Value>,
    ) -> Result<String, String> {
        let id = new_id();
        self.submit(ChangeRequest {
            cid: new_id(),
            item: id.clone(),
            op: ChangeOp::Create,
            kind: Some(kind),
            fields,
            base: BTreeMap::new(),
        })?;
        Ok(id)
    }

    pub fn undo(&self) {
        let Some(step) = self.undo.try_update(|u| u.pop()).flatten() else {
            return;
        };
        if let Some(current) = self.view.get_untracked().items.get(&step.item) {
            if self.set_raw(current, step.before.clone()).is_ok() {
                self.redo.update(|r| r.push(step));
            }
        }
    }

    pub fn redo(&self) {
        let Some(step) = self.redo.try_update(|r| r.pop()).flatten() else {
            return;
        };
        if let Some(current) = self.view.get_untracked().items.get(&step.item) {
            if self.set_raw(current, step.after.clone()).is_ok() {
                self.undo.update(|u| u.push(step));
            }
        }
    }

    /// Is this item's change still waiting for the server?
    pub fn is_pending(&self, item: &str) -> bool {
        self.pending.with(|p| p.iter().any(|r| r.item == item))
    }

    /// Applies one server message.
    pub fn receive(&self, msg: ServerMsg) {
        match msg {
            ServerMsg::Welcome { session, .. } => {
                self.session.set(session);
            }
            ServerMsg::Snapshot { items, head } => {
                self.confirmed.set(RoadmapState::from_items(items, head));
                self.after_catch_up();
            }
            ServerMsg::Changes { changes, .. } => {
                let others = self
                    .mine
                    .with_untracked(|mine| changes.iter().any(|e| !mine.contains(&e.cid)));
                self.apply_entries(&changes);
                self.after_catch_up();
                if let (true, Some(pulse)) = (others, self.pulse) {
                    pulse.update(|n| *n += 1);
                }
            }
            ServerMsg::Ack { cid, entry, .. } => {
                self.apply_entries(std::slice::from_ref(&entry));
                self.pending.update(|p| p.retain(|r| r.cid != cid));
            }
            ServerMsg::Presence { peers, more } => {
                self.peers.set(peers);
                self.more_here.set(more);
            }
            ServerMsg::History { item, changes } => self.history.set(Some((item, changes))),
            ServerMsg::Error { code, message, cid } => {
                match (code, cid) {
                    // Not stored this time: stays queued and goes again
                    // (a comment over the limit says so: it waits).
                    (ErrorCode::Busy | ErrorCode::RateLimited, Some(cid)) => {
                        if code == ErrorCode::RateLimited {
                            self.notify(message, None);
                        }
                        #[cfg(feature = "hydrate")]
                        self.resend_later(cid);
                        #[cfg(not(feature = "hydrate"))]
                        let _ = cid;
                    }
                    (_, Some(cid)) => {
                        // Refused for good: drop it so the queue moves on.
                        self.pending.update(|p| p.retain(|r| r.cid != cid));
                        let t = crate::text::t();
                        self.notify(t.fill(t.change_refused, &[("message", &message)]), None);
                    }
                    (_, None) => {
                        let t = crate::text::t();
                        self.notify(t.fill(t.server_says, &[("message", &message)]), None)
                    }
                }
            }
        }
    }

    fn apply_entries(&self, entries: &[Entry]) {
        if entries.is_empty() {
            return;
        }
        let mine = self.mine.get_untracked();
        self.confirmed.update(|s| {
            for e in entries {
                s.apply(e);
            }
        });
        let done: Vec<&str> = entries.iter().map(|e| e.cid.as_str()).collect();
        self.pending
            .update(|p| p.retain(|r| !done.contains(&r.cid.as_str())));
        for e in entries {
            for o in &e.overwrote {
                if mine.contains(&o.cid) {
                    let t = crate::text::t();
                    let title = self.confirmed.with_untracked(|s| {
                        s.items.get(&e.item).map(display_name).unwrap_or_default()
                    });
                    self.notify(
                        t.fill(
                            t.overwritten_notice,
                            &[
                                ("name", &e.by),
                                ("field", t.field_label(&o.field)),
                                ("title", &title),
                            ],
                        ),
                        Some((e.item.clone(), o.field.clone(), o.value.clone())),
                    );
                }
            }
        }
    }

    /// Restores one of my overwritten values.
    pub fn restore(&self, item: &str, field: &str, value: Value) -> Result<(), String> {
        self.set(item, BTreeMap::from([(field.to_string(), value)]))
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|n| n.retain(|x| x.id != id));
    }
}

/// What a notice calls an item: its title, or for a visit or an area's
/// facts the area's name.
fn display_name(item: &Item) -> String {
    if item.kind.is_per_area() {
        crate::model::area_short_name(item.text(Field::Area), crate::i18n::locale())
    } else {
        item.title().to_string()
    }
}

fn js_now_ms() -> u64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// The path of the page this browser shows: presence lists name the people
/// on the same page.
pub fn current_page() -> String {
    #[cfg(feature = "hydrate")]
    {
        window().location().pathname().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

#[cfg(not(feature = "hydrate"))]
impl LiveSync {
    pub fn start(&self) {}
    fn send_change(&self, _req: &ChangeRequest) {}
    fn after_catch_up(&self) {}
    pub fn request_history(&self, _item: &str) {}
    pub fn editing(&self, _item: Option<String>) {}
    pub fn editing_field(&self, _item: Option<String>, _field: Option<String>) {}
}

#[cfg(feature = "hydrate")]
impl LiveSync {
    /// Restores the queue, keeps it saved, follows the network and connects.
    pub fn start(&self) {
        self.keep_stored();
        self.follow_network();
        if window().navigator().on_line() {
            self.connect();
        } else {
            self.status.set(Status::Offline);
        }
    }
}
