//! The browser's end of the sync protocol (docs/sync-protocol.md).
//!
//! The page shows `confirmed` (the server's state as far as this client
//! knows it) with this client's unsent changes replayed on top. Unsent
//! changes wait in `localStorage` until acknowledged, so they survive a
//! reload and a lost connection; every one carries its `cid`, so sending
//! one again is harmless. The socket reconnects with backoff and asks for
//! what it missed since its last `seq`.

use super::merge::RoadmapState;
use super::model::{Item, ItemKind};
use super::protocol::{ChangeOp, ChangeRequest, Entry, ErrorCode, Peer, ServerMsg};
use crate::roadmap::field::Field;
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

/// One of my changes, for undo and redo.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub item: String,
    pub before: BTreeMap<String, Value>,
    pub after: BTreeMap<String, Value>,
}

#[cfg(feature = "hydrate")]
const PENDING_KEY: &str = "roadmap.pending.v1";
#[cfg(feature = "hydrate")]
const MINE_KEY: &str = "roadmap.mine.v1";

/// The browser's live copy of the change log (the roadmap, the tour and
/// area pages): its socket, queue and undo; `Copy`, shared as context.
/// (Named so that it never shadows std's `Sync` trait.)
#[derive(Clone, Copy)]
pub struct LiveSync {
    pub confirmed: RwSignal<RoadmapState>,
    pub pending: RwSignal<Vec<ChangeRequest>>,
    pub status: RwSignal<Status>,
    pub peers: RwSignal<Vec<Peer>>,
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
    #[cfg(feature = "hydrate")]
    socket: StoredValue<Option<web_sys::WebSocket>, LocalStorage>,
    #[cfg(feature = "hydrate")]
    backoff_ms: StoredValue<u32>,
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
            session: RwSignal::new(String::new()),
            notices: RwSignal::new(vec![]),
            history: RwSignal::new(None),
            undo: RwSignal::new(vec![]),
            redo: RwSignal::new(vec![]),
            mine: RwSignal::new(vec![]),
            name,
            view,
            #[cfg(feature = "hydrate")]
            socket: StoredValue::new_local(None),
            #[cfg(feature = "hydrate")]
            backoff_ms: StoredValue::new(500),
        }
    }

    pub fn notify(&self, text: impl Into<String>, restore: Option<(String, String, Value)>) {
        let id = js_now_ms();
        self.notices.update(|n| {
            n.push(Notice {
                id,
                text: text.into(),
                restore,
            });
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
                self.apply_entries(&changes);
                self.after_catch_up();
            }
            ServerMsg::Ack { cid, entry, .. } => {
                self.apply_entries(std::slice::from_ref(&entry));
                self.pending.update(|p| p.retain(|r| r.cid != cid));
            }
            ServerMsg::Presence { peers } => self.peers.set(peers),
            ServerMsg::History { item, changes } => self.history.set(Some((item, changes))),
            ServerMsg::Error { code, message, cid } => {
                match (code, cid) {
                    // Not stored this time: stays queued and goes again.
                    (ErrorCode::Busy | ErrorCode::RateLimited, Some(_)) => {}
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
mod browser {
    use super::super::protocol::ClientMsg;
    use super::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{CloseEvent, MessageEvent, WebSocket};

    /// The server's close code for an ended session.
    const SESSION_ENDED: u16 = 4401;

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    impl LiveSync {
        /// Restores the queue, keeps it saved, and connects.
        pub fn start(&self) {
            let this = *self;
            if let Some(s) = storage() {
                if let Some(saved) = s.get_item(PENDING_KEY).ok().flatten() {
                    if let Ok(queue) = serde_json::from_str::<Vec<ChangeRequest>>(&saved) {
                        this.pending.set(queue);
                    }
                }
                if let Some(saved) = s.get_item(MINE_KEY).ok().flatten() {
                    if let Ok(mine) = serde_json::from_str::<Vec<String>>(&saved) {
                        this.mine.set(mine);
                    }
                }
            }
            Effect::new(move |_| {
                let queue = this.pending.get();
                if let Some(s) = storage() {
                    let _ = s.set_item(
                        PENDING_KEY,
                        &serde_json::to_string(&queue).unwrap_or_default(),
                    );
                }
            });
            Effect::new(move |_| {
                let mine = this.mine.get();
                if let Some(s) = storage() {
                    let _ = s.set_item(MINE_KEY, &serde_json::to_string(&mine).unwrap_or_default());
                }
            });
            // The browser knows before the socket does.
            let online = Closure::<dyn Fn()>::new(move || this.connect());
            let offline = Closure::<dyn Fn()>::new(move || this.go_offline());
            let _ = window()
                .add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
            let _ = window()
                .add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
            online.forget();
            offline.forget();
            if window().navigator().on_line() {
                this.connect();
            } else {
                this.status.set(Status::Offline);
            }
        }

        fn send(&self, msg: &ClientMsg) -> bool {
            let text = serde_json::to_string(msg).unwrap_or_default();
            self.socket.with_value(|s| match s {
                Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(&text).is_ok(),
                _ => false,
            })
        }

        pub(super) fn send_change(&self, req: &ChangeRequest) {
            if self.status.get_untracked() == Status::Online {
                self.send(&ClientMsg::Change(req.clone()));
            }
        }

        /// After the catch-up: send everything still queued, in order.
        pub(super) fn after_catch_up(&self) {
            if self.status.get_untracked() != Status::Online {
                self.status.set(Status::Online);
                self.backoff_ms.set_value(500);
                for req in self.pending.get_untracked() {
                    self.send(&ClientMsg::Change(req));
                }
            }
        }

        pub fn request_history(&self, item: &str) {
            self.send(&ClientMsg::History {
                item: item.to_string(),
            });
        }

        pub fn editing(&self, item: Option<String>) {
            self.editing_field(item, None);
        }

        /// Tells the others which item (and field) this person edits; a
        /// reader never says so (the server would not pass it on either).
        pub fn editing_field(&self, item: Option<String>, field: Option<String>) {
            if self.name.get_untracked().is_empty() {
                return;
            }
            self.send(&ClientMsg::Presence {
                editing: item,
                field,
            });
        }

        fn go_offline(&self) {
            self.status.set(Status::Offline);
            self.peers.set(vec![]);
            if let Some(ws) = self.socket.try_update_value(|s| s.take()).flatten() {
                ws.set_onclose(None);
                let _ = ws.close();
            }
        }

        fn connect(&self) {
            let this = *self;
            if self.socket.with_value(|s| {
                s.as_ref()
                    .is_some_and(|ws| ws.ready_state() <= WebSocket::OPEN)
            }) {
                return;
            }
            let location = window().location();
            let scheme = if location.protocol().unwrap_or_default() == "https:" {
                "wss"
            } else {
                "ws"
            };
            let url = format!(
                "{scheme}://{}/api/v1/sync",
                location.host().unwrap_or_default()
            );
            let Ok(ws) = WebSocket::new(&url) else {
                this.schedule_reconnect();
                return;
            };
            this.status.set(Status::Connecting);
            let onopen = Closure::<dyn Fn()>::new(move || {
                let since = this.confirmed.with_untracked(|s| s.head);
                this.send(&ClientMsg::Hello {
                    v: super::super::protocol::PROTOCOL_VERSION,
                    since: Some(since),
                    name: this.name.get_untracked(),
                    client: String::new(),
                    page: super::current_page(),
                });
            });
            let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(text) = e.data().as_string() {
                    match serde_json::from_str::<ServerMsg>(&text) {
                        Ok(msg) => this.receive(msg),
                        Err(err) => leptos::logging::warn!("unreadable sync message: {err}"),
                    }
                }
            });
            let onclose = Closure::<dyn Fn(CloseEvent)>::new(move |e: CloseEvent| {
                this.socket.set_value(None);
                // The session ended (signed out elsewhere, or deactivated):
                // reload to show the page as it now is; unsent changes stay
                // in storage for the next sign-in.
                if e.code() == SESSION_ENDED {
                    let _ = window().location().reload();
                    return;
                }
                this.peers.set(vec![]);
                if window().navigator().on_line() {
                    this.status.set(Status::Connecting);
                    this.schedule_reconnect();
                } else {
                    this.status.set(Status::Offline);
                }
            });
            ws.set_onopen(Some(onopen.as_ref().unchecked_ref()));
            ws.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            ws.set_onclose(Some(onclose.as_ref().unchecked_ref()));
            onopen.forget();
            onmessage.forget();
            onclose.forget();
            self.socket.set_value(Some(ws));
        }

        /// Tries again after 0.5 s, doubling to 15 s, with jitter so that a
        /// restarted server is not hit by everyone at once.
        fn schedule_reconnect(&self) {
            let this = *self;
            let base = self.backoff_ms.get_value();
            self.backoff_ms.set_value((base * 2).min(15_000));
            let wait = base as f64 * (0.75 + js_sys::Math::random() * 0.5);
            set_timeout(
                move || {
                    if window().navigator().on_line() {
                        this.connect();
                    }
                },
                std::time::Duration::from_millis(wait as u64),
            );
        }
    }
}
