//! Ordering and merging changes: the roadmap's state after a sequence of
//! log entries, and how one incoming change becomes the next entry.
//!
//! The server runs [`RoadmapState::prepare`] for each change it orders and
//! [`RoadmapState::apply`] once the entry is stored; every client applies
//! the same entries with the same `apply`, and shows its own unsent changes
//! on top by running `prepare` + `apply` on a copy. Applying is per field
//! and keyed by `seq`, so entries may arrive twice or out of order and the
//! state still converges.

use super::field::{self, is_valid_id, Field, FieldError};
use super::model::{FieldMeta, Item, ItemKind};
use super::protocol::{ChangeOp, ChangeRequest, Entry, ErrorCode, Overwritten};
use crate::auth::Actor;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a change was refused; nothing of it is applied.
///
/// `message` is written when the error is made, in the language of
/// [`crate::i18n::locale`]. In the browser that is the page's language:
/// the browser runs the same [`RoadmapState::prepare`] before sending, so
/// this is what the user sees. The sync server's writer prepares each
/// change with its author's language (the socket's `lang` cookie) through
/// [`crate::i18n::with_locale`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ChangeError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<Refusal> for ChangeError {
    fn from(r: Refusal) -> Self {
        Self {
            code: r.code(),
            message: r.message_in(crate::i18n::locale()),
        }
    }
}

impl From<FieldError> for ChangeError {
    fn from(e: FieldError) -> Self {
        Refusal::Field(e).into()
    }
}

/// The reasons [`RoadmapState::prepare`] refuses a change.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Refusal {
    BadChangeId,
    BadItemId,
    KindMissing,
    IdTaken,
    /// A required field (its name) is missing from a new item.
    Required(Field),
    ItemNotFound,
    KindMismatch,
    NoFields,
    VisitAreaFixed,
    GoalNotFound,
    BadVisitId,
    /// An area's own item: its area is fixed too.
    AreaAreaFixed,
    BadAreaId,
    /// A comment's subject is no item that takes comments.
    SubjectNotFound,
    /// A comment stays under the item it was written to.
    SubjectFixed,
    /// A new comment cannot start deleted or hidden.
    CommentStartsVisible,
    /// A deleted or hidden comment takes no more changes.
    CommentClosed,
    /// A role that reads only changes nothing but comments.
    ReadOnly,
    /// Only a comment's author edits or deletes it.
    NotYourComment,
    /// Only admins hide comments.
    OnlyAdminsHide,
    /// More new comments from one account than [`COMMENT_LIMIT`] a minute.
    TooManyComments,
    Field(FieldError),
}

impl Refusal {
    fn code(&self) -> ErrorCode {
        match self {
            Refusal::BadChangeId
            | Refusal::BadItemId
            | Refusal::KindMissing
            | Refusal::KindMismatch
            | Refusal::NoFields => ErrorCode::BadMessage,
            Refusal::TooManyComments => ErrorCode::RateLimited,
            Refusal::ItemNotFound | Refusal::GoalNotFound | Refusal::SubjectNotFound => {
                ErrorCode::NotFound
            }
            Refusal::ReadOnly | Refusal::NotYourComment | Refusal::OnlyAdminsHide => {
                ErrorCode::Forbidden
            }
            Refusal::IdTaken
            | Refusal::Required(_)
            | Refusal::VisitAreaFixed
            | Refusal::BadVisitId
            | Refusal::AreaAreaFixed
            | Refusal::BadAreaId
            | Refusal::SubjectFixed
            | Refusal::CommentStartsVisible
            | Refusal::CommentClosed
            | Refusal::Field(_) => ErrorCode::Invalid,
        }
    }

    fn message_in(&self, locale: Locale) -> String {
        let t = locale.texts();
        let max = field::MAX_ID.to_string();
        // "<field>: <problem>", the field named in `locale`.
        let about = |name: &str, problem: &str| {
            t.fill(
                t.field_problem,
                &[("field", t.field_label(name)), ("problem", problem)],
            )
        };
        match self {
            Refusal::BadChangeId => t.fill(t.err_bad_change_id, &[("max", &max)]),
            Refusal::BadItemId => t.fill(t.err_bad_item_id, &[("max", &max)]),
            Refusal::KindMissing => t.err_kind_missing.into(),
            Refusal::IdTaken => t.err_id_taken.into(),
            Refusal::Required(f) => about(f.name(), t.err_required),
            Refusal::ItemNotFound => t.err_item_not_found.into(),
            Refusal::KindMismatch => t.err_kind_mismatch.into(),
            Refusal::NoFields => t.err_no_fields.into(),
            Refusal::VisitAreaFixed => about(Field::Area.name(), t.err_visit_area_fixed),
            Refusal::GoalNotFound => about(Field::Goal.name(), t.err_goal_not_found),
            Refusal::BadVisitId => t.err_bad_visit_id.into(),
            Refusal::AreaAreaFixed => about(Field::Area.name(), t.err_area_area_fixed),
            Refusal::BadAreaId => t.err_bad_area_id.into(),
            Refusal::SubjectNotFound => about(Field::Subject.name(), t.err_subject_not_found),
            Refusal::SubjectFixed => about(Field::Subject.name(), t.err_subject_fixed),
            Refusal::CommentStartsVisible => t.err_comment_starts_visible.into(),
            Refusal::CommentClosed => t.err_comment_closed.into(),
            Refusal::ReadOnly => t.sync_read_only.into(),
            Refusal::NotYourComment => t.err_not_your_comment.into(),
            Refusal::OnlyAdminsHide => t.err_only_admins_hide.into(),
            Refusal::TooManyComments => t.fill(
                t.err_too_many_comments,
                &[("n", &COMMENT_LIMIT.to_string())],
            ),
            Refusal::Field(e) => about(&e.field, &e.message_in(locale)),
        }
    }
}

/// New comments one account may write in [`COMMENT_WINDOW_SECONDS`]. A
/// person writes far fewer; a script or a stuck key would otherwise fill
/// every follower's bell and mailbox. The comment over the limit is not
/// lost: it is refused as rate-limited, stays in its page's queue and goes
/// again (see `LiveSync::receive`).
pub const COMMENT_LIMIT: usize = 10;
pub const COMMENT_WINDOW_SECONDS: i64 = 60;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoadmapState {
    /// The newest `seq` applied.
    pub head: u64,
    pub items: BTreeMap<String, Item>,
}

impl RoadmapState {
    pub fn from_items(items: Vec<Item>, head: u64) -> Self {
        Self {
            head,
            items: items.into_iter().map(|i| (i.id.clone(), i)).collect(),
        }
    }

    /// Validates `req` against the current state and turns it into the log
    /// entry it would become as change number `seq` by `by` at `at`.
    pub fn prepare(
        &self,
        req: &ChangeRequest,
        by: &str,
        at: &str,
        seq: u64,
    ) -> Result<Entry, ChangeError> {
        if !is_valid_id(&req.cid) {
            return Err(Refusal::BadChangeId.into());
        }
        if !is_valid_id(&req.item) {
            return Err(Refusal::BadItemId.into());
        }
        let mut fields = BTreeMap::new();
        match req.op {
            ChangeOp::Create => {
                let kind = req
                    .kind
                    .ok_or_else(|| ChangeError::from(Refusal::KindMissing))?;
                if self.items.contains_key(&req.item) {
                    return Err(Refusal::IdTaken.into());
                }
                for (name, value) in &req.fields {
                    fields.insert(name.clone(), field::validate(kind, name, value)?);
                }
                for f in Field::required_on_create(kind) {
                    if !fields.contains_key(f.name()) {
                        return Err(Refusal::Required(*f).into());
                    }
                }
                for f in Field::of(kind) {
                    fields
                        .entry(f.name().to_string())
                        .or_insert_with(|| f.default_value());
                }
                self.check_goal(kind, &fields)?;
                check_visit_id(kind, &req.item, &fields)?;
                if kind == ItemKind::Comment {
                    self.check_subject(&fields)?;
                    if fields.get(Field::Deleted.name()) == Some(&true.into())
                        || fields.get(Field::Hidden.name()) == Some(&true.into())
                    {
                        return Err(Refusal::CommentStartsVisible.into());
                    }
                }
                Ok(Entry {
                    seq,
                    cid: req.cid.clone(),
                    item: req.item.clone(),
                    kind,
                    op: ChangeOp::Create,
                    fields,
                    prev: BTreeMap::new(),
                    overwrote: Vec::new(),
                    by: by.to_string(),
                    account: String::new(),
                    at: at.to_string(),
                })
            }
            ChangeOp::Set => {
                let item = self
                    .items
                    .get(&req.item)
                    .ok_or_else(|| ChangeError::from(Refusal::ItemNotFound))?;
                if req.kind.is_some_and(|k| k != item.kind) {
                    return Err(Refusal::KindMismatch.into());
                }
                if req.fields.is_empty() {
                    return Err(Refusal::NoFields.into());
                }
                for (name, value) in &req.fields {
                    fields.insert(name.clone(), field::validate(item.kind, name, value)?);
                }
                self.check_goal(item.kind, &fields)?;
                if item.kind == ItemKind::Comment {
                    if fields.contains_key(Field::Subject.name()) {
                        return Err(Refusal::SubjectFixed.into());
                    }
                    if item.deleted() || item.hidden() {
                        return Err(Refusal::CommentClosed.into());
                    }
                }
                if item.kind.is_per_area() && fields.contains_key(Field::Area.name()) {
                    return Err(match item.kind {
                        ItemKind::Area => Refusal::AreaAreaFixed,
                        _ => Refusal::VisitAreaFixed,
                    }
                    .into());
                }
                let mut prev = BTreeMap::new();
                let mut overwrote = Vec::new();
                for (name, value) in &fields {
                    let current = item
                        .fields
                        .get(name)
                        .cloned()
                        // Every name here passed `field::validate`.
                        .unwrap_or_else(|| {
                            Field::parse(name)
                                .map_or(serde_json::Value::from(""), Field::default_value)
                        });
                    if let (Some(base), Some(meta)) = (req.base.get(name), item.meta.get(name)) {
                        // The author did not see the value they replace, it
                        // was someone else's, and it differs: a conflict.
                        if *base < meta.seq && meta.by != by && current != *value {
                            overwrote.push(Overwritten {
                                field: name.clone(),
                                value: current.clone(),
                                seq: meta.seq,
                                by: meta.by.clone(),
                                cid: meta.cid.clone(),
                            });
                        }
                    }
                    prev.insert(name.clone(), current);
                }
                if item.kind == ItemKind::Comment && closes_comment(&fields) {
                    // Its text leaves the log with it (the store clears it
                    // from the earlier entries in the same commit).
                    fields.insert(Field::Body.name().into(), "".into());
                    prev.insert(Field::Body.name().into(), "".into());
                }
                Ok(Entry {
                    seq,
                    cid: req.cid.clone(),
                    item: req.item.clone(),
                    kind: item.kind,
                    op: ChangeOp::Set,
                    fields,
                    prev,
                    overwrote,
                    by: by.to_string(),
                    account: String::new(),
                    at: at.to_string(),
                })
            }
        }
    }

    /// An action must point at an existing goal.
    fn check_goal(
        &self,
        kind: ItemKind,
        fields: &BTreeMap<String, serde_json::Value>,
    ) -> Result<(), ChangeError> {
        if kind != ItemKind::Action {
            return Ok(());
        }
        let Some(goal) = fields.get(Field::Goal.name()).and_then(|g| g.as_str()) else {
            return Ok(());
        };
        match self.items.get(goal) {
            Some(g) if g.kind == ItemKind::Goal => Ok(()),
            _ => Err(Refusal::GoalNotFound.into()),
        }
    }

    /// A comment must be about a live item that takes comments.
    fn check_subject(
        &self,
        fields: &BTreeMap<String, serde_json::Value>,
    ) -> Result<(), ChangeError> {
        let subject = fields
            .get(Field::Subject.name())
            .and_then(|s| s.as_str())
            .unwrap_or("");
        match self.items.get(subject) {
            Some(i) if i.kind.takes_comments() && !i.deleted() => Ok(()),
            _ => Err(Refusal::SubjectNotFound.into()),
        }
    }

    /// Whether `actor` may make this change at all, at time `at` (RFC
    /// 3339): editors and admins change items; everyone signed in
    /// comments, at most [`COMMENT_LIMIT`] new comments a minute; only a
    /// comment's author edits or deletes it and only admins hide it.
    /// (Anonymous callers never get this far: the socket and the forms
    /// refuse them.) An unknown item or kind is left to [`Self::prepare`]
    /// to explain.
    pub fn authorize(
        &self,
        req: &ChangeRequest,
        actor: &Actor,
        at: &str,
    ) -> Result<(), ChangeError> {
        let item = self.items.get(&req.item);
        let kind = match req.op {
            ChangeOp::Create => req.kind,
            ChangeOp::Set => item.map(|i| i.kind),
        };
        let Some(kind) = kind else {
            return Ok(());
        };
        if kind != ItemKind::Comment {
            return if actor.role.can_edit() {
                Ok(())
            } else {
                Err(Refusal::ReadOnly.into())
            };
        }
        let Some(item) = item.filter(|_| req.op == ChangeOp::Set) else {
            if self.comments_by_since(&actor.account, at, COMMENT_WINDOW_SECONDS) >= COMMENT_LIMIT {
                return Err(Refusal::TooManyComments.into());
            }
            return Ok(());
        };
        if req.fields.contains_key(Field::Hidden.name()) && !actor.role.can_admin() {
            return Err(Refusal::OnlyAdminsHide.into());
        }
        let hiding_only = req.fields.keys().all(|f| f == Field::Hidden.name());
        if !hiding_only && (item.author.is_empty() || item.author != actor.account) {
            return Err(Refusal::NotYourComment.into());
        }
        Ok(())
    }

    /// How many comments `account` wrote in the `seconds` before `at`. The
    /// state is the log's, so every process counts the same: a limit kept
    /// per connection or per process would let a second tab or a second
    /// server double it.
    fn comments_by_since(&self, account: &str, at: &str, seconds: i64) -> usize {
        let Ok(now) = chrono::DateTime::parse_from_rfc3339(at) else {
            return 0;
        };
        let from = now - chrono::Duration::seconds(seconds);
        self.items
            .values()
            .filter(|i| i.kind == ItemKind::Comment && i.author == account)
            .filter(|i| chrono::DateTime::parse_from_rfc3339(&i.created.at).is_ok_and(|c| c > from))
            .count()
    }

    /// Area `code`'s own item (contacts and places), if seeded.
    pub fn area_item(&self, code: &str) -> Option<&Item> {
        self.items
            .get(&super::model::area_id(code))
            .filter(|i| i.kind == ItemKind::Area)
    }

    /// The visit to area `code`, if seeded.
    pub fn visit(&self, code: &str) -> Option<&Item> {
        self.items
            .get(&super::model::visit_id(code))
            .filter(|i| i.kind == ItemKind::Visit)
    }

    /// Applies a stored entry. Per field, a value with a higher `seq` than
    /// the one held wins; older ones are ignored, so applying is idempotent
    /// and order-independent.
    pub fn apply(&mut self, entry: &Entry) {
        let meta = FieldMeta {
            seq: entry.seq,
            by: entry.by.clone(),
            at: entry.at.clone(),
            cid: entry.cid.clone(),
        };
        let item = self
            .items
            .entry(entry.item.clone())
            .or_insert_with(|| Item {
                id: entry.item.clone(),
                kind: entry.kind,
                fields: BTreeMap::new(),
                meta: BTreeMap::new(),
                created: meta.clone(),
                // Set by the create (below) if a later change came first.
                author: match entry.op {
                    ChangeOp::Create => entry.account.clone(),
                    ChangeOp::Set => String::new(),
                },
            });
        if entry.op == ChangeOp::Create && entry.seq <= item.created.seq {
            item.created = meta.clone();
            item.author = entry.account.clone();
        }
        for (name, value) in &entry.fields {
            let held = item.meta.get(name).map(|m| m.seq).unwrap_or(0);
            if entry.seq > held {
                item.fields.insert(name.clone(), value.clone());
                item.meta.insert(name.clone(), meta.clone());
            }
        }
        self.head = self.head.max(entry.seq);
    }

    /// Items of `kind` that are not deleted.
    pub fn live_items(&self, kind: ItemKind) -> impl Iterator<Item = &Item> {
        self.items
            .values()
            .filter(move |i| i.kind == kind && !i.deleted())
    }
}

/// Whether a change to a comment deletes or hides it.
pub fn closes_comment(fields: &BTreeMap<String, serde_json::Value>) -> bool {
    [Field::Deleted, Field::Hidden]
        .iter()
        .any(|f| fields.get(f.name()) == Some(&serde_json::Value::Bool(true)))
}

/// A visit's or an area item's id names its area (one of each per area).
fn check_visit_id(
    kind: ItemKind,
    id: &str,
    fields: &BTreeMap<String, serde_json::Value>,
) -> Result<(), ChangeError> {
    let area = fields
        .get(Field::Area.name())
        .and_then(|a| a.as_str())
        .unwrap_or("");
    match super::model::per_area_id(kind, area) {
        Some(wanted) if wanted != id => Err(match kind {
            ItemKind::Area => Refusal::BadAreaId,
            _ => Refusal::BadVisitId,
        }
        .into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req(
        cid: &str,
        item: &str,
        fields: serde_json::Value,
        base: &[(&str, u64)],
    ) -> ChangeRequest {
        ChangeRequest {
            cid: cid.into(),
            item: item.into(),
            op: ChangeOp::Set,
            kind: None,
            fields: serde_json::from_value(fields).unwrap(),
            base: base.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }

    fn create(cid: &str, item: &str, kind: ItemKind, fields: serde_json::Value) -> ChangeRequest {
        ChangeRequest {
            op: ChangeOp::Create,
            kind: Some(kind),
            ..req(cid, item, fields, &[])
        }
    }

    /// Orders and applies a change the way the server does.
    fn order(state: &mut RoadmapState, r: &ChangeRequest, by: &str) -> Result<Entry, ChangeError> {
        let e = state.prepare(r, by, "2026-01-01T00:00:00Z", state.head + 1)?;
        state.apply(&e);
        Ok(e)
    }

    fn with_goal_and_action() -> RoadmapState {
        let mut s = RoadmapState::default();
        order(
            &mut s,
            &create(
                "c1",
                "g1",
                ItemKind::Goal,
                json!({"title":"Tavoite","theme":"ict","position":"h"}),
            ),
            "seed",
        )
        .unwrap();
        order(
            &mut s,
            &create(
                "c2",
                "a1",
                ItemKind::Action,
                json!({"title":"Toimi","goal":"g1","position":"h"}),
            ),
            "seed",
        )
        .unwrap();
        s
    }

    fn actor(account: &str, role: crate::auth::Role) -> Actor {
        Actor {
            account: account.into(),
            name: account.to_uppercase(),
            role,
        }
    }

    /// Authorizes, orders and applies a change as the server's writer does.
    fn order_as(
        state: &mut RoadmapState,
        r: &ChangeRequest,
        who: &Actor,
    ) -> Result<Entry, ChangeError> {
        state.authorize(r, who, "2026-01-01T00:00:00Z")?;
        let mut e = state.prepare(r, &who.name, "2026-01-01T00:00:00Z", state.head + 1)?;
        e.account = who.account.clone();
        state.apply(&e);
        Ok(e)
    }

    #[test]
    fn one_account_writes_at_most_the_limit_of_new_comments_a_minute() {
        use crate::auth::Role;
        let mut s = with_goal_and_action();
        let (v, other) = (actor("v", Role::Viewer), actor("o", Role::Viewer));
        let at = |sec: usize| format!("2026-01-01T00:{:02}:{:02}Z", sec / 60, sec % 60);
        let write = |s: &mut RoadmapState, n: usize, who: &Actor, t: &str| {
            let r = create(
                &format!("c{n}"),
                &format!("k{n}"),
                ItemKind::Comment,
                json!({"subject":"a1","body":"hei"}),
            );
            s.authorize(&r, who, t)?;
            let mut e = s.prepare(&r, &who.name, t, s.head + 1)?;
            e.account = who.account.clone();
            s.apply(&e);
            Ok::<(), ChangeError>(())
        };
        for n in 0..COMMENT_LIMIT {
            write(&mut s, n, &v, &at(n)).unwrap();
        }
        let refused = write(&mut s, 100, &v, &at(30)).unwrap_err();
        assert_eq!(refused.code, ErrorCode::RateLimited);
        assert!(refused.message.contains(&COMMENT_LIMIT.to_string()));
        // Someone else is not held back; editing one's own comment is no
        // new comment.
        write(&mut s, 101, &other, &at(30)).unwrap();
        let edit = req("e1", "k0", json!({"body":"hei taas"}), &[]);
        s.authorize(&edit, &v, &at(30)).unwrap();
        // A minute after the first, the first no longer counts: one more.
        write(&mut s, 102, &v, &at(60)).unwrap();
        assert_eq!(
            write(&mut s, 103, &v, &at(60)).unwrap_err().code,
            ErrorCode::RateLimited
        );
    }

    #[test]
    fn everyone_signed_in_comments_but_only_the_author_edits_and_only_admins_hide() {
        use crate::auth::Role;
        let (viewer, editor, admin) = (
            actor("v", Role::Viewer),
            actor("e", Role::Editor),
            actor("a", Role::Admin),
        );
        let mut s = with_goal_and_action();
        // A viewer may not edit the action, but may comment on it.
        let edit = req("x1", "a1", json!({"title":"Uusi"}), &[]);
        assert_eq!(
            order_as(&mut s, &edit, &viewer).unwrap_err().code,
            ErrorCode::Forbidden
        );
        let c = create(
            "x2",
            "k1",
            ItemKind::Comment,
            json!({"subject":"a1","body":" Hei\nkaikki "}),
        );
        let e = order_as(&mut s, &c, &viewer).unwrap();
        assert_eq!(e.fields["body"], json!("Hei\nkaikki"));
        assert_eq!(e.fields["hidden"], json!(false));
        let k = &s.items["k1"];
        assert_eq!(
            (k.author.as_str(), k.subject(), k.edited()),
            ("v", "a1", false)
        );
        // Someone else, even an admin, may not rewrite or delete it.
        for who in [&editor, &admin] {
            let r = req("x3", "k1", json!({"body":"toisin"}), &[]);
            assert_eq!(
                order_as(&mut s, &r, who).unwrap_err().code,
                ErrorCode::Forbidden
            );
        }
        // The author may; then it shows as edited.
        order_as(
            &mut s,
            &req("x4", "k1", json!({"body":"Hei taas"}), &[]),
            &viewer,
        )
        .unwrap();
        assert!(s.items["k1"].edited());
        // Only an admin hides, and hiding takes the text out of the entry.
        let hide = req("x5", "k1", json!({"hidden":true}), &[]);
        assert_eq!(
            order_as(&mut s, &hide, &viewer).unwrap_err().code,
            ErrorCode::Forbidden
        );
        assert_eq!(
            order_as(&mut s, &hide, &editor).unwrap_err().code,
            ErrorCode::Forbidden
        );
        let e = order_as(&mut s, &hide, &admin).unwrap();
        assert_eq!(
            (&e.fields["body"], &e.prev["body"]),
            (&json!(""), &json!(""))
        );
        assert!(s.items["k1"].hidden());
        assert_eq!(s.items["k1"].text(Field::Body), "");
        // A hidden comment takes no more changes, not even from its author.
        let r = req("x6", "k1", json!({"body":"takaisin"}), &[]);
        assert_eq!(
            order_as(&mut s, &r, &viewer).unwrap_err().code,
            ErrorCode::Invalid
        );
    }

    #[test]
    fn a_comment_needs_a_live_subject_text_and_a_visible_start() {
        use crate::auth::Role;
        let me = actor("e", Role::Editor);
        let mut s = with_goal_and_action();
        let cases = [
            (json!({"subject":"nope","body":"x"}), ErrorCode::NotFound),
            (json!({"subject":"a1"}), ErrorCode::Invalid),
            (json!({"subject":"a1","body":"  "}), ErrorCode::Invalid),
            (
                json!({"subject":"a1","body":"x".repeat(4001)}),
                ErrorCode::Invalid,
            ),
            (
                json!({"subject":"a1","body":"x","hidden":true}),
                ErrorCode::Invalid,
            ),
            (
                json!({"subject":"a1","body":"x","deleted":true}),
                ErrorCode::Invalid,
            ),
            (
                json!({"subject":"a1","body":"x","title":"t"}),
                ErrorCode::Invalid,
            ),
        ];
        for (fields, code) in cases {
            let r = create("y1", "k1", ItemKind::Comment, fields.clone());
            assert_eq!(
                order_as(&mut s, &r, &me).unwrap_err().code,
                code,
                "{fields}"
            );
        }
        order_as(
            &mut s,
            &create(
                "y2",
                "k2",
                ItemKind::Comment,
                json!({"subject":"a1","body":"x".repeat(4000)}),
            ),
            &me,
        )
        .unwrap();
        // No comments on comments, and a comment stays where it was written.
        let r = create(
            "y3",
            "k3",
            ItemKind::Comment,
            json!({"subject":"k2","body":"x"}),
        );
        assert_eq!(
            order_as(&mut s, &r, &me).unwrap_err().code,
            ErrorCode::NotFound
        );
        let r = req("y4", "k2", json!({"subject":"g1"}), &[]);
        assert_eq!(
            order_as(&mut s, &r, &me).unwrap_err().code,
            ErrorCode::Invalid
        );
        // Deleting clears the text; the author cannot bring it back.
        let e = order_as(&mut s, &req("y5", "k2", json!({"deleted":true}), &[]), &me).unwrap();
        assert_eq!(e.fields["body"], json!(""));
        let r = req("y6", "k2", json!({"deleted":false}), &[]);
        assert_eq!(
            order_as(&mut s, &r, &me).unwrap_err().code,
            ErrorCode::Invalid
        );
    }

    #[test]
    fn create_fills_defaults_and_checks_the_goal() {
        let s = with_goal_and_action();
        let a = &s.items["a1"];
        assert_eq!(a.fields["status"], json!("planned"));
        assert_eq!(a.fields["areas"], json!([]));
        assert_eq!(a.created.seq, 2);
        let mut s2 = s.clone();
        let err = order(
            &mut s2,
            &create(
                "c3",
                "a2",
                ItemKind::Action,
                json!({"title":"x","goal":"nope","position":"h"}),
            ),
            "x",
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        let err = order(
            &mut s2,
            &create(
                "c3",
                "a2",
                ItemKind::Action,
                json!({"title":"x","position":"h"}),
            ),
            "x",
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid);
        // An action cannot be the parent of an action.
        let err = order(
            &mut s2,
            &create(
                "c3",
                "a2",
                ItemKind::Action,
                json!({"title":"x","goal":"a1","position":"h"}),
            ),
            "x",
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert_eq!(s2, s, "refused changes leave the state alone");
    }

    #[test]
    fn different_fields_both_survive() {
        let mut s = with_goal_and_action();
        // Both saw seq 2.
        let a = req("ca", "a1", json!({"title":"Uusi otsikko"}), &[("title", 2)]);
        let b = req("cb", "a1", json!({"status":"done"}), &[("status", 2)]);
        let ea = order(&mut s, &a, "Aino").unwrap();
        let eb = order(&mut s, &b, "Bertta").unwrap();
        assert!(ea.overwrote.is_empty() && eb.overwrote.is_empty());
        assert_eq!(s.items["a1"].title(), "Uusi otsikko");
        assert_eq!(s.items["a1"].fields["status"], json!("done"));
    }

    #[test]
    fn same_field_later_wins_and_the_loser_is_recorded() {
        let mut s = with_goal_and_action();
        let a = req("ca", "a1", json!({"title":"Ainon"}), &[("title", 2)]);
        let b = req("cb", "a1", json!({"title":"Bertan"}), &[("title", 2)]);
        order(&mut s, &a, "Aino").unwrap();
        let eb = order(&mut s, &b, "Bertta").unwrap();
        assert_eq!(s.items["a1"].title(), "Bertan");
        assert_eq!(eb.overwrote.len(), 1);
        let o = &eb.overwrote[0];
        assert_eq!(
            (o.field.as_str(), o.by.as_str(), o.cid.as_str(), o.seq),
            ("title", "Aino", "ca", 3)
        );
        assert_eq!(o.value, json!("Ainon"));
        assert_eq!(eb.prev["title"], json!("Ainon"));
        // One's own consecutive edits are not a conflict.
        let c = req("cc", "a1", json!({"title":"Bertan 2"}), &[("title", 2)]);
        assert!(order(&mut s, &c, "Bertta").unwrap().overwrote.is_empty());
    }

    #[test]
    fn apply_is_idempotent_and_order_independent() {
        let s = with_goal_and_action();
        let e1 = s
            .prepare(&req("x1", "a1", json!({"title":"Yksi"}), &[]), "A", "t", 3)
            .unwrap();
        let e2 = Entry {
            seq: 4,
            cid: "x2".into(),
            fields: serde_json::from_value(json!({"title":"Kaksi","owner":"SOSTE"})).unwrap(),
            ..e1.clone()
        };
        let mut forward = s.clone();
        forward.apply(&e1);
        forward.apply(&e2);
        let mut backward = s.clone();
        backward.apply(&e2);
        backward.apply(&e1);
        backward.apply(&e2);
        assert_eq!(forward, backward);
        assert_eq!(forward.items["a1"].title(), "Kaksi");
        assert_eq!(forward.head, 4);
    }

    #[test]
    fn refuses_bad_changes() {
        let s = with_goal_and_action();
        let cases = [
            (
                req("c", "missing", json!({"title":"x"}), &[]),
                ErrorCode::NotFound,
            ),
            (req("c", "a1", json!({}), &[]), ErrorCode::BadMessage),
            (
                req("c", "a1", json!({"title": ""}), &[]),
                ErrorCode::Invalid,
            ),
            (
                req("c", "a1", json!({"title": "x".repeat(201)}), &[]),
                ErrorCode::Invalid,
            ),
            (
                req("c", "a1", json!({"theme": "ict"}), &[]),
                ErrorCode::Invalid,
            ),
            (
                req("c", "a1", json!({"goal": "a1"}), &[]),
                ErrorCode::NotFound,
            ),
            (
                req("C!", "a1", json!({"title":"x"}), &[]),
                ErrorCode::BadMessage,
            ),
            (
                create(
                    "c",
                    "g1",
                    ItemKind::Goal,
                    json!({"title":"x","theme":"ict","position":"h"}),
                ),
                ErrorCode::Invalid,
            ),
            (
                ChangeRequest {
                    kind: None,
                    ..create("c", "n", ItemKind::Goal, json!({}))
                },
                ErrorCode::BadMessage,
            ),
        ];
        for (r, code) in cases {
            assert_eq!(s.prepare(&r, "A", "t", 3).unwrap_err().code, code, "{r:?}");
        }
    }

    #[test]
    fn refusals_are_in_the_page_language() {
        use crate::i18n::{with_locale, Locale};
        let s = with_goal_and_action();
        let bad_title = req("c", "a1", json!({"title": ""}), &[]);
        let fi = s.prepare(&bad_title, "A", "t", 3).unwrap_err();
        assert_eq!(fi.message, "Otsikko: ei voi olla tyhjä");
        let missing_goal = req("c", "a1", json!({"goal": "g9"}), &[]);
        with_locale(Locale::Sv, || {
            let sv = s.prepare(&bad_title, "A", "t", 3).unwrap_err();
            assert_eq!(sv.code, ErrorCode::Invalid);
            assert_eq!(sv.message, "Rubrik: fältet får inte vara tomt");
            let sv = s.prepare(&missing_goal, "A", "t", 3).unwrap_err();
            assert_eq!(sv.message, "Mål: målet finns inte");
        });
        with_locale(Locale::En, || {
            let en = s.prepare(&missing_goal, "A", "t", 3).unwrap_err();
            assert_eq!(en.code, ErrorCode::NotFound);
            assert_eq!(en.message, "Goal: the goal does not exist");
            let en = s
                .prepare(&req("c", "nope", json!({"title":"x"}), &[]), "A", "t", 3)
                .unwrap_err();
            assert_eq!(
                en.message,
                "the item does not exist (or has not been created yet)"
            );
        });
    }

    #[test]
    fn every_refusal_has_a_text_in_every_language() {
        let all = [
            Refusal::BadChangeId,
            Refusal::BadItemId,
            Refusal::KindMissing,
            Refusal::IdTaken,
            Refusal::Required(Field::Title),
            Refusal::ItemNotFound,
            Refusal::KindMismatch,
            Refusal::NoFields,
            Refusal::VisitAreaFixed,
            Refusal::GoalNotFound,
            Refusal::BadVisitId,
            Refusal::AreaAreaFixed,
            Refusal::BadAreaId,
            Refusal::Field(FieldError::new("title", field::FieldProblem::Empty)),
        ];
        for locale in Locale::ALL {
            let mut seen = Vec::new();
            for r in &all {
                let m = r.message_in(locale);
                assert!(!m.trim().is_empty(), "{r:?} {locale:?}");
                assert!(!seen.contains(&m), "{r:?} {locale:?}: {m} twice");
                seen.push(m);
            }
        }
        assert_eq!(
            Refusal::VisitAreaFixed.message_in(Locale::Fi),
            "Alue: vierailun aluetta ei voi vaihtaa"
        );
        assert_eq!(
            Refusal::Required(Field::Goal).message_in(Locale::Sv),
            "Mål: obligatorisk uppgift saknas"
        );
        assert_eq!(
            Refusal::BadVisitId.message_in(Locale::En),
            "a visit's id is visit-<area code>"
        );
        // The id rule's limit comes from `field::MAX_ID`.
        assert_eq!(
            Refusal::BadItemId.message_in(Locale::Fi),
            "kohteen tunniste ei kelpaa: a–z, 0–9 ja -, enintään 64 merkkiä"
        );
        assert_eq!(
            Refusal::BadChangeId.message_in(Locale::En),
            "invalid change id (cid): a–z, 0–9 and -, at most 64 characters"
        );
    }

    #[test]
    fn an_area_item_merges_per_field_and_keeps_its_area() {
        let mut s = RoadmapState::default();
        let wrong_id = create("a0", "area-hel", ItemKind::Area, json!({"area":"PI"}));
        assert_eq!(
            order(&mut s, &wrong_id, "seed").unwrap_err().code,
            ErrorCode::Invalid
        );
        let made = create("a1", "area-pi", ItemKind::Area, json!({"area":"PI"}));
        let created = order(&mut s, &made, "seed").unwrap();
        assert_eq!(created.fields["hyte_status"], json!("unknown"));
        assert_eq!(created.fields["contact_name"], json!(""));
        let seen = s.head;
        // Two people, two fields of one section: both stay.
        order(
            &mut s,
            &req(
                "a2",
                "area-pi",
                json!({"hyte_status":"done"}),
                &[("hyte_status", seen)],
            ),
            "Minna",
        )
        .unwrap();
        let note = order(
            &mut s,
            &req(
                "a3",
                "area-pi",
                json!({"hyte_note":"Sovittu"}),
                &[("hyte_note", seen)],
            ),
            "Olli",
        )
        .unwrap();
        assert!(note.overwrote.is_empty());
        let item = s.area_item("PI").unwrap();
        assert_eq!(item.text(Field::HyteStatus), "done");
        assert_eq!(item.text(Field::HyteNote), "Sovittu");
        // The same field from an older base: the loser is recorded.
        let late = order(
            &mut s,
            &req(
                "a4",
                "area-pi",
                json!({"hyte_status":"not_started"}),
                &[("hyte_status", seen)],
            ),
            "Olli",
        )
        .unwrap();
        assert_eq!(late.overwrote.len(), 1);
        assert_eq!(late.overwrote[0].by, "Minna");
        assert_eq!(late.overwrote[0].value, json!("done"));
        // Its area never changes, and values follow the area rules.
        let moved = req("a5", "area-pi", json!({"area":"HEL"}), &[]);
        assert!(order(&mut s, &moved, "Olli").is_err());
        let bad = req("a6", "area-pi", json!({"hyte_status":"planned"}), &[]);
        assert!(order(&mut s, &bad, "Olli").is_err());
        let mut area = crate::model::Area {
            code: "PI".into(),
            name_fi: String::new(),
            name_sv: String::new(),
            population: 0,
            contacts: Default::default(),
            places: Default::default(),
            tour: Default::default(),
        };
        area.apply_item(s.area_item("PI").unwrap());
        assert_eq!(area.places.hyte.status, crate::model::Progress::NotStarted);
        assert_eq!(area.places.hyte.note, "Sovittu");
        assert_eq!(area.places.hyte.stamp.updated_by.as_deref(), Some("Olli"));
        assert_eq!(area.places.grants.stamp.updated_by, None);
        assert!(area.contacts.person.is_none());
    }

    #[test]
    fn a_visit_belongs_to_one_area_for_good() {
        let mut s = RoadmapState::default();
        let wrong_id = create("v0", "visit-hel", ItemKind::Visit, json!({"area":"PI"}));
        assert!(order(&mut s, &wrong_id, "seed").is_err());
        let no_area = create("v1", "visit-pi", ItemKind::Visit, json!({}));
        assert!(order(&mut s, &no_area, "seed").is_err());
        let visit = create(
            "v2",
            "visit-pi",
            ItemKind::Visit,
            json!({"area":"PI","date":"2023-02-09","status":"confirmed"}),
        );
        order(&mut s, &visit, "seed").unwrap();
        let v = s.visit("PI").unwrap();
        assert_eq!(v.visit_status(), crate::model::TourStatus::Confirmed);
        assert_eq!(v.text(Field::Notes), "");
        // An action's status is not a visit's, and the area never changes.
        assert!(order(
            &mut s,
            &req("v3", "visit-pi", json!({"status":"done"}), &[]),
            "a"
        )
        .is_err());
        assert!(order(
            &mut s,
            &req("v4", "visit-pi", json!({"area":"HEL"}), &[]),
            "a"
        )
        .is_err());
        assert!(order(
            &mut s,
            &req("v5", "visit-pi", json!({"title":"x"}), &[]),
            "a"
        )
        .is_err());
        let notes = req(
            "v6",
            "visit-pi",
            json!({"notes":"Sovittiin <b>yhteistyöryhmästä</b>\nja tiloista","status":"visited"}),
            &[],
        );
        order(&mut s, &notes, "Aino").unwrap();
        let v = s.visit("PI").unwrap();
        assert_eq!(v.visit_status(), crate::model::TourStatus::Visited);
        assert!(v.text(Field::Notes).contains("<b>"));
        assert_eq!(s.live_items(ItemKind::Visit).count(), 1);
        assert_eq!(s.live_items(ItemKind::Action).count(), 0);
    }
}
