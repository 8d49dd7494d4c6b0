//! What the roadmap is made of: the ministry's five themes and the five
//! places to influence (fixed), goals under them and actions under goals
//! (edited live).

use crate::model::InfluencePlace;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The themes of the ministry's regional implementation roadmap, in its
/// order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Administration, finance and support services.
    Administration,
    /// Leadership and competence.
    Leadership,
    /// Organising services.
    Services,
    /// Interfaces (yhdyspinnat) with municipalities and others.
    Interfaces,
    /// Information and communication technology.
    Ict,
}

impl Theme {
    pub const ALL: [Theme; 5] = [
        Theme::Administration,
        Theme::Leadership,
        Theme::Services,
        Theme::Interfaces,
        Theme::Ict,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Theme::Administration => "administration",
            Theme::Leadership => "leadership",
            Theme::Services => "services",
            Theme::Interfaces => "interfaces",
            Theme::Ict => "ict",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Planned,
    InProgress,
    Done,
    Blocked,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Blocked,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Blocked => "blocked",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Goal,
    Action,
    /// The spring 2023 tour's visit to one area (id `visit-<code>`), edited
    /// live through the same log as goals and actions.
    Visit,
    /// What is known of one welfare area (id `area-<code>`): its NGO
    /// contact person, network organisation and the five places to
    /// influence, each a field of its own so that edits merge per field.
    Area,
}

impl ItemKind {
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Goal => "goal",
            ItemKind::Action => "action",
            ItemKind::Visit => "visit",
            ItemKind::Area => "area",
        }
    }

    /// Kinds that exist once per area, made by the server's seed: clients
    /// only set their fields, and their `area` never changes.
    pub fn is_per_area(self) -> bool {
        matches!(self, ItemKind::Visit | ItemKind::Area)
    }
}

/// Who set a field last, and in which change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMeta {
    pub seq: u64,
    pub by: String,
    pub at: String,
    /// The client change id, so that an author can recognise their own
    /// version when it is overwritten.
    #[serde(default)]
    pub cid: String,
}

/// A goal or an action. Field values are kept as JSON values that have
/// passed [`super::field::Field::validate`]; the typed accessors below
/// read them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub fields: BTreeMap<String, Value>,
    pub meta: BTreeMap<String, FieldMeta>,
    /// The change that created the item.
    pub created: FieldMeta,
}

impl Item {
    pub fn text(&self, field: &str) -> &str {
        self.fields.get(field).and_then(Value::as_str).unwrap_or("")
    }

    pub fn title(&self) -> &str {
        self.text("title")
    }

    pub fn position(&self) -> &str {
        self.text("position")
    }

    pub fn deleted(&self) -> bool {
        self.fields
            .get("deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn theme(&self) -> Option<Theme> {
        Theme::from_key(self.text("theme"))
    }

    pub fn place(&self) -> Option<InfluencePlace> {
        InfluencePlace::from_key(self.text("place"))
    }

    /// The goal an action belongs to.
    pub fn goal(&self) -> &str {
        self.text("goal")
    }

    pub fn status(&self) -> ActionStatus {
        ActionStatus::from_key(self.text("status")).unwrap_or_default()
    }

    /// Area codes, or `["*"]` for all 22.
    pub fn areas(&self) -> Vec<String> {
        self.fields
            .get("areas")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn concerns_all_areas(&self) -> bool {
        self.areas().iter().any(|a| a == "*")
    }

    /// Does this action concern area `code` (directly or as "all areas")?
    pub fn concerns_area(&self, code: &str) -> bool {
        self.areas().iter().any(|a| a == "*" || a == code)
    }

    /// The sequence number of the last change to `field` (0: never set
    /// after creation... or by the seed).
    pub fn field_seq(&self, field: &str) -> u64 {
        self.meta
            .get(field)
            .map(|m| m.seq)
            .unwrap_or(self.created.seq)
    }

    /// The newest change to any field.
    pub fn last_change(&self) -> &FieldMeta {
        self.meta
            .values()
            .max_by_key(|m| m.seq)
            .filter(|m| m.seq > self.created.seq)
            .unwrap_or(&self.created)
    }
}

impl Item {
    /// The area a visit is to (its code, e.g. `PI`).
    pub fn visit_area(&self) -> &str {
        self.text("area")
    }

    /// A visit's stage: unknown, planned, confirmed or visited.
    pub fn visit_status(&self) -> crate::model::TourStatus {
        crate::model::TourStatus::from_key(self.text("status")).unwrap_or_default()
    }
}

/// The id of the visit to area `code`: one per area, so that two
/// processes seeding at once cannot create two.
pub fn visit_id(code: &str) -> String {
    format!("visit-{}", code.to_ascii_lowercase())
}

/// The id of area `code`'s own item: one per area, like visits.
pub fn area_id(code: &str) -> String {
    format!("area-{}", code.to_ascii_lowercase())
}

/// The id an item of a per-area kind must have.
pub fn per_area_id(kind: ItemKind, code: &str) -> Option<String> {
    match kind {
        ItemKind::Visit => Some(visit_id(code)),
        ItemKind::Area => Some(area_id(code)),
        ItemKind::Goal | ItemKind::Action => None,
    }
}

/// Sorts items the way every client shows them: by ordering key, ties
/// (two concurrent inserts at one place) by id.
pub fn sort_items(items: &mut [&Item]) {
    items.sort_by(|a, b| a.position().cmp(b.position()).then(a.id.cmp(&b.id)));
}
