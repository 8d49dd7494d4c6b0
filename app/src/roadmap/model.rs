//! What the roadmap is made of: the ministry's five themes and the five
//! places to influence (fixed), goals under them and actions under goals
//! (edited live).

use crate::model::{InfluencePlace, Progress};
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
    /// A comment under a goal, an action, a visit or an area (its
    /// `subject`): live and queued offline like every other change.
    Comment,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Goal,
        ItemKind::Action,
        ItemKind::Visit,
        ItemKind::Area,
        ItemKind::Comment,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Goal => "goal",
            ItemKind::Action => "action",
            ItemKind::Visit => "visit",
            ItemKind::Area => "area",
            ItemKind::Comment => "comment",
        }
    }

    /// Kinds that exist once per area, made by the server's seed: clients
    /// only set their fields, and their `area` never changes.
    pub fn is_per_area(self) -> bool {
        matches!(self, ItemKind::Visit | ItemKind::Area)
    }

    /// Kinds a comment may be about.
    pub fn takes_comments(self) -> bool {
        !matches!(self, ItemKind::Comment)
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
    /// The creator's account id (from the change that created the item;
    /// empty for the seed and for items from before it was kept): who may
    /// edit or delete a comment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

impl Item {
    /// A text field's value ("" when it has none).
    pub fn text(&self, field: Field) -> &str {
        self.fields
            .get(field.name())
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    pub fn title(&self) -> &str {
        self.text(Field::Title)
    }

    pub fn position(&self) -> &str {
        self.text(Field::Position)
    }

    pub fn deleted(&self) -> bool {
        self.fields
            .get("deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// A comment an admin hid (its text is gone from the log).
    pub fn hidden(&self) -> bool {
        self.fields
            .get("hidden")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The item a comment is about.
    pub fn subject(&self) -> &str {
        self.text(Field::Subject)
    }

    /// Whether a comment's text changed after it was written.
    pub fn edited(&self) -> bool {
        self.field_seq(Field::Body.name()) > self.created.seq
    }

    pub fn theme(&self) -> Option<Theme> {
        Theme::from_key(self.text(Field::Theme))
    }

    pub fn place(&self) -> Option<InfluencePlace> {
        InfluencePlace::from_key(self.text(Field::Place))
    }

    /// The goal an action belongs to.
    pub fn goal(&self) -> &str {
        self.text(Field::Goal)
    }

    pub fn status(&self) -> ActionStatus {
        ActionStatus::from_key(self.text(Field::Status)).unwrap_or_default()
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
        self.text(Field::Area)
    }

    /// A visit's stage: unknown, planned, confirmed or visited.
    pub fn visit_status(&self) -> crate::model::TourStatus {
        crate::model::TourStatus::from_key(self.text(Field::Status)).unwrap_or_default()
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
        ItemKind::Goal | ItemKind::Action | ItemKind::Comment => None,
    }
}

/// Sorts items the way every client shows them: by ordering key, ties
/// (two concurrent inserts at one place) by id.
pub fn sort_items(items: &mut [&Item]) {
    items.sort_by(|a, b| a.position().cmp(b.position()).then(a.id.cmp(&b.id)));
}

/// Every field an item may have: the one list. Each field knows the
/// kinds of item that have it ([`Field::of`]), its value's rule
/// ([`validate`]), its default ([`Field::default_value`]) and its label
/// (`Texts::field`). On the wire and in the log a field is its snake_case
/// name ([`Field::name`]); a name that is no field is refused by
/// [`validate`] with its own message rather than failing the whole message.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    // Goals and actions.
    Title,
    Description,
    Theme,
    Place,
    Goal,
    Owner,
    Responsible,
    /// An action's status, or a visit's.
    Status,
    Start,
    Due,
    Areas,
    Position,
    Deleted,
    // Tour visits and areas: the area the item is about.
    Area,
    // Tour visits.
    Date,
    Venue,
    Attendees,
    Notes,
    Followups,
    // Areas: contacts, then each place to influence's status and note.
    ContactName,
    ContactRole,
    ContactEmail,
    ContactPhone,
    NetworkOrg,
    GrantsStatus,
    GrantsNote,
    PremisesStatus,
    PremisesNote,
    StrategyStatus,
    StrategyNote,
    HyteStatus,
    HyteNote,
    SoteCentresStatus,
    SoteCentresNote,
    // Comments: the item commented on, the text, and whether an admin hid it.
    Subject,
    Body,
    Hidden,
}

impl Field {
    /// Every field, in the order of the enum.
    pub const ALL: &'static [Field] = <Field as strum::VariantArray>::VARIANTS;

    /// The contacts section of an area page, in the order it shows them.
    pub const CONTACTS: [Field; 5] = [
        Field::ContactName,
        Field::ContactRole,
        Field::ContactEmail,
        Field::ContactPhone,
        Field::NetworkOrg,
    ];

    /// The name on the wire, in the log and in forms (`fields[name]`).
    pub const fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Theme => "theme",
            Field::Place => "place",
            Field::Goal => "goal",
            Field::Owner => "owner",
            Field::Responsible => "responsible",
            Field::Status => "status",
            Field::Start => "start",
            Field::Due => "due",
            Field::Areas => "areas",
            Field::Position => "position",
            Field::Deleted => "deleted",
            Field::Area => "area",
            Field::Date => "date",
            Field::Venue => "venue",
            Field::Attendees => "attendees",
            Field::Notes => "notes",
            Field::Followups => "followups",
            Field::ContactName => "contact_name",
            Field::ContactRole => "contact_role",
            Field::ContactEmail => "contact_email",
            Field::ContactPhone => "contact_phone",
            Field::NetworkOrg => "network_org",
            Field::GrantsStatus => "grants_status",
            Field::GrantsNote => "grants_note",
            Field::PremisesStatus => "premises_status",
            Field::PremisesNote => "premises_note",
            Field::StrategyStatus => "strategy_status",
            Field::StrategyNote => "strategy_note",
            Field::HyteStatus => "hyte_status",
            Field::HyteNote => "hyte_note",
            Field::SoteCentresStatus => "sote_centres_status",
            Field::SoteCentresNote => "sote_centres_note",
            Field::Subject => "subject",
            Field::Body => "body",
            Field::Hidden => "hidden",
        }
    }

    /// The field of this name, if there is one.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The fields of an item of `kind`, in the order forms show them.
    pub fn of(kind: ItemKind) -> &'static [Field] {
        match kind {
            ItemKind::Goal => &[
                Field::Title,
                Field::Description,
                Field::Theme,
                Field::Place,
                Field::Position,
                Field::Deleted,
            ],
            ItemKind::Action => &[
                Field::Title,
                Field::Description,
                Field::Goal,
                Field::Owner,
                Field::Responsible,
                Field::Status,
                Field::Start,
                Field::Due,
                Field::Areas,
                Field::Position,
                Field::Deleted,
            ],
            ItemKind::Visit => &[
                Field::Area,
                Field::Date,
                Field::Venue,
                Field::Attendees,
                Field::Status,
                Field::Notes,
                Field::Followups,
            ],
            ItemKind::Area => &[
                Field::Area,
                Field::ContactName,
                Field::ContactRole,
                Field::ContactEmail,
                Field::ContactPhone,
                Field::NetworkOrg,
                Field::GrantsStatus,
                Field::GrantsNote,
                Field::PremisesStatus,
                Field::PremisesNote,
                Field::StrategyStatus,
                Field::StrategyNote,
                Field::HyteStatus,
                Field::HyteNote,
                Field::SoteCentresStatus,
                Field::SoteCentresNote,
            ],
            ItemKind::Comment => &[Field::Subject, Field::Body, Field::Hidden, Field::Deleted],
        }
    }

    /// Fields a new item of `kind` must have.
    pub fn required_on_create(kind: ItemKind) -> &'static [Field] {
        match kind {
            ItemKind::Goal => &[Field::Title, Field::Theme, Field::Position],
            ItemKind::Action => &[Field::Title, Field::Goal, Field::Position],
            ItemKind::Visit | ItemKind::Area => &[Field::Area],
            ItemKind::Comment => &[Field::Subject, Field::Body],
        }
    }

    /// The field of an area that holds a place to influence's status.
    pub fn place_status(place: InfluencePlace) -> Field {
        match place {
            InfluencePlace::Grants => Field::GrantsStatus,
            InfluencePlace::Premises => Field::PremisesStatus,
            InfluencePlace::Strategy => Field::StrategyStatus,
            InfluencePlace::Hyte => Field::HyteStatus,
            InfluencePlace::SoteCentres => Field::SoteCentresStatus,
        }
    }

    /// The field of an area that holds a place to influence's note.
    pub fn place_note(place: InfluencePlace) -> Field {
        match place {
            InfluencePlace::Grants => Field::GrantsNote,
            InfluencePlace::Premises => Field::PremisesNote,
            InfluencePlace::Strategy => Field::StrategyNote,
            InfluencePlace::Hyte => Field::HyteNote,
            InfluencePlace::SoteCentres => Field::SoteCentresNote,
        }
    }

    /// The place to influence an area field belongs to, and whether it is
    /// the status (else the note).
    pub fn place(self) -> Option<(InfluencePlace, bool)> {
        InfluencePlace::ALL.into_iter().find_map(|p| {
            if Field::place_status(p) == self {
                Some((p, true))
            } else if Field::place_note(p) == self {
                Some((p, false))
            } else {
                None
            }
        })
    }

    /// The value a new item gets for this field when its creator left it
    /// out.
    pub fn default_value(self) -> Value {
        if matches!(self.place(), Some((_, true))) {
            return Value::from(Progress::Unknown.key());
        }
        match self {
            Field::Status => Value::from(ActionStatus::Planned.key()),
            Field::Areas => Value::Array(vec![]),
            Field::Deleted | Field::Hidden => Value::Bool(false),
            _ => Value::from(""),
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
