//! The roadmap board: the live status bar, filters, the grouped views and
//! the list, cards that move by drag and drop or keyboard, and the item
//! editor with history.

mod board;
mod card;
mod describe;
mod editor;
mod history;
mod status_bar;
mod timeline;
mod toolbar;

pub use board::RoadmapBoard;
pub use describe::{others_editing, others_editing_field};
pub use editor::shown;
pub use history::ItemHistory;
pub use status_bar::{Notices, StatusBar};

use crate::error::AppError;
use crate::live::LiveSync;
use crate::roadmap::field::Field;
use crate::roadmap::filter::actions_of;
use crate::roadmap::position::key_at;
use crate::roadmap::{sort_items, ItemKind, RoadmapState};
use crate::server_fns::inbox::followed_keys;
use crate::server_fns::roadmap::get_roadmap;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// What the board shares with its parts.
#[derive(Clone, Copy)]
pub struct Board {
    pub sync: LiveSync,
    /// Whether the signed-in user may edit (the server checks each change
    /// again; this only keeps the controls away from readers).
    pub can_edit: bool,
    /// The item whose editor is open.
    pub editing: RwSignal<Option<String>>,
    /// The card being dragged.
    pub dragging: RwSignal<Option<String>>,
    /// The last problem with an edit, shown in a live region.
    pub problem: RwSignal<Option<String>>,
    /// The card that keeps keyboard focus while the board redraws (after a
    /// keyboard move, until focus goes elsewhere).
    pub keep_focus: RwSignal<Option<String>>,
}

/// What a page with a board has loaded before it renders it.
#[derive(Clone, Debug)]
pub struct BoardStart {
    pub state: RoadmapState,
    /// What the signed-in person follows; None for a reader not signed in
    /// (or when the list could not be read: the follow buttons stay away).
    pub followed: Option<Vec<String>>,
}

/// The resources of a page with a board, made with the page (never inside
/// its `Suspend`) and awaited together by it. Everything the board's parts
/// render from is then data the page awaited, so the server and the
/// hydrating browser render the same markup. (The follow buttons once read
/// a resource of their own, made inside the page's `Suspend`; in one CI
/// run its streamed value was not there when the page hydrated, and the
/// page failed with an unrecoverable hydration error.)
#[derive(Clone, Copy)]
pub struct BoardData {
    roadmap: Resource<Result<RoadmapState, AppError>>,
    followed: Resource<Result<Option<Vec<String>>, AppError>>,
}

impl BoardData {
    /// Starts loading the roadmap and the follow list.
    pub fn fetch() -> Self {
        BoardData {
            roadmap: Resource::new(|| (), |_| get_roadmap()),
            followed: Resource::new(|| (), |_| followed_keys()),
        }
    }

    pub async fn load(self) -> Result<BoardStart, AppError> {
        let state = self.roadmap.await?;
        let followed = self.followed.await.ok().flatten();
        Ok(BoardStart { state, followed })
    }
}

impl Board {
    /// A board over the live roadmap for the signed-in user (or a reader),
    /// shared with its parts through the context. The tour pages use the
    /// same board: visits travel in the same log, queue and history.
    pub fn provide(start: BoardStart, me: Option<crate::auth::Me>) -> Self {
        let BoardStart {
            state: initial,
            followed,
        } = start;
        let can_edit = me.as_ref().is_some_and(|m| m.role.can_edit());
        // The board's parts (comment threads) ask who is signed in, and
        // its follow buttons what they follow.
        provide_context(crate::auth::context::Known(me.clone()));
        provide_context(crate::components::FollowedKeys(StoredValue::new(followed)));
        // Changes are attributed on the server; the name here only labels
        // this browser's own pending changes. Everyone signed in may
        // comment, so everyone signed in has one.
        let name = me.map(|m| m.name).unwrap_or_default();
        let sync = LiveSync::new(initial, Signal::stored(name));
        let board = Board {
            sync,
            can_edit,
            editing: RwSignal::new(None),
            dragging: RwSignal::new(None),
            problem: RwSignal::new(None),
            keep_focus: RwSignal::new(None),
        };
        provide_context(board);
        Effect::new(move |_| untrack(|| sync.start()));
        board
    }

    pub fn open(&self, id: &str) {
        // Readers get the panel too, for its comments (no inputs: the
        // server would refuse their changes).
        self.editing.set(Some(id.to_string()));
        self.sync.editing(Some(id.to_string()));
    }

    pub fn close(&self) {
        if let Some(id) = self.editing.get_untracked() {
            self.editing.set(None);
            self.sync.editing(None);
            focus_item(&id);
        }
    }

    /// Sets one field of an item; a refusal is shown, not lost.
    pub fn commit(&self, item: &str, field: Field, value: Value) {
        let result = self
            .sync
            .set(item, BTreeMap::from([(field.name().to_string(), value)]));
        self.problem.set(result.err());
    }

    /// Moves an item to `index` among its siblings in `parent` (a goal for
    /// actions, a theme for goals), changing the parent when needed.
    pub fn move_to(&self, id: &str, parent: &str, index: usize) {
        let state = self.sync.view.get_untracked();
        let Some(item) = state.items.get(id) else {
            return;
        };
        let siblings = siblings(&state, item.kind, parent);
        let others: Vec<&str> = siblings
            .iter()
            .filter(|s| s.0 != id)
            .map(|s| s.1.as_str())
            .collect();
        let mut fields = BTreeMap::from([(
            Field::Position.name().to_string(),
            Value::from(key_at(&others, index)),
        )]);
        let parent_field = match item.kind {
            ItemKind::Action => Field::Goal,
            ItemKind::Goal => Field::Theme,
            // Visits are ordered by date, not by hand; comments by time.
            ItemKind::Visit | ItemKind::Area | ItemKind::Comment => return,
        };
        if item.text(parent_field) != parent {
            fields.insert(parent_field.name().to_string(), Value::from(parent));
        }
        self.problem.set(self.sync.set(id, fields).err());
        self.keep_focus.set(Some(id.to_string()));
        focus_item(id);
    }

    /// Moves an item one place up (-1) or down (+1) in its list.
    pub fn step(&self, id: &str, delta: i32) {
        let state = self.sync.view.get_untracked();
        let Some(item) = state.items.get(id) else {
            return;
        };
        let parent = match item.kind {
            ItemKind::Action => item.goal().to_string(),
            ItemKind::Goal => item.text(Field::Theme).to_string(),
            ItemKind::Visit | ItemKind::Area | ItemKind::Comment => return,
        };
        let list = siblings(&state, item.kind, &parent);
        let Some(at) = list.iter().position(|s| s.0 == id) else {
            return;
        };
        let target = at as i32 + delta;
        if target < 0 || target >= list.len() as i32 {
            return;
        }
        self.move_to(id, &parent, target as usize);
    }
}

/// `(id, position)` of the items in one list, in order.
fn siblings(state: &RoadmapState, kind: ItemKind, parent: &str) -> Vec<(String, String)> {
    match kind {
        ItemKind::Visit | ItemKind::Area | ItemKind::Comment => Vec::new(),
        ItemKind::Action => actions_of(state, parent)
            .into_iter()
            .map(|a| (a.id.clone(), a.position().to_string()))
            .collect(),
        ItemKind::Goal => {
            let mut goals: Vec<_> = state
                .live_items(ItemKind::Goal)
                .filter(|g| g.text(Field::Theme) == parent)
                .collect();
            sort_items(&mut goals);
            goals
                .into_iter()
                .map(|g| (g.id.clone(), g.position().to_string()))
                .collect()
        }
    }
}

/// Puts keyboard focus back on an item's card after the list redraws.
pub fn focus_item(_id: &str) {
    #[cfg(feature = "hydrate")]
    {
        let selector = format!("[data-item=\"{_id}\"]");
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(el) = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    }
}
