//! The activity stream: what changed in the workspace, newest first,
//! read off the change log and filtered by area, theme and kind. Anyone
//! may read it (everything in it is public on the pages already).

use super::field::Field;
use super::inbox::{covering, theme_key, topic};
use super::merge::RoadmapState;
use super::model::{ItemKind, Theme};
use super::protocol::{ChangeOp, Entry};
use serde::{Deserialize, Serialize};

/// What kind of thing happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A goal, an action or an area's facts changed (or were made).
    Change,
    /// A comment was written (edits of comments are not news).
    Comment,
    /// A tour visit changed.
    Visit,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 3] = [
        ActivityKind::Change,
        ActivityKind::Comment,
        ActivityKind::Visit,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActivityKind::Change => "change",
            ActivityKind::Comment => "comment",
            ActivityKind::Visit => "visit",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Which activity to show (`?area=PI&theme=ict&kind=comment&since=...`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    pub area: Option<String>,
    pub theme: Option<Theme>,
    pub kind: Option<ActivityKind>,
    /// Only changes after this `seq`.
    pub since: Option<u64>,
}

impl ActivityFilter {
    /// From a URL's query pairs; unknown values are ignored (the page
    /// shows everything rather than nothing).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = ActivityFilter::default();
        for (k, v) in pairs {
            match k {
                "area" => {
                    let code = v.trim().to_ascii_uppercase();
                    if crate::model::AREA_CODES.contains(&code.as_str()) {
                        f.area = Some(code);
                    }
                }
                "theme" => f.theme = Theme::from_key(v),
                "kind" => f.kind = ActivityKind::from_key(v),
                "since" => f.since = v.parse().ok(),
                _ => {}
            }
        }
        f
    }
}

/// One line of the stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub seq: u64,
    pub at: String,
    pub by: String,
    pub kind: ActivityKind,
    /// The item it is about (a comment's subject) and that item's kind.
    pub item: String,
    pub item_kind: ItemKind,
    /// Whether the item was made by this change.
    pub created: bool,
    /// The fields changed (names), for a change or a visit.
    pub fields: Vec<String>,
    /// The comment, for a comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The page of an item (its thread is there): an area's page, a visit's
/// event page, the roadmap with the item's panel open.
pub fn item_href(item: &super::model::Item) -> String {
    let code = || item.text(Field::Area).to_string();
    match item.kind {
        ItemKind::Area => format!("/areas/{}", code()),
        ItemKind::Visit => format!("/tour/{}", code()),
        ItemKind::Goal | ItemKind::Action | ItemKind::Comment => {
            format!("/roadmap?open={}", item.id)
        }
    }
}

/// The name of an item in the page's language.
pub fn item_title(item: &super::model::Item) -> String {
    let t = crate::text::t();
    let area = || crate::model::area_short_name(item.text(Field::Area), crate::i18n::locale());
    match item.kind {
        ItemKind::Area => area(),
        ItemKind::Visit => t.fill(t.inbox_visit_title, &[("area", &area())]),
        ItemKind::Goal | ItemKind::Action | ItemKind::Comment => item.title().to_string(),
    }
}

/// A line as `/activity` and `GET /api/v1/activity` give it: the line,
/// the item's name in the request's language and its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLine {
    #[serde(flatten)]
    pub activity: Activity,
    pub title: String,
    pub url: String,
}

/// [`activity`] with each item's name and page.
pub fn activity_lines(
    state: &RoadmapState,
    entries: &[Entry],
    filter: &ActivityFilter,
    limit: usize,
) -> Vec<ActivityLine> {
    activity(state, entries, filter, limit)
        .into_iter()
        .filter_map(|a| {
            let item = state.items.get(&a.item)?;
            Some(ActivityLine {
                title: item_title(item),
                url: item_href(item),
                activity: a,
            })
        })
        .collect()
}

/// The newest `limit` lines among `entries` (any order) that pass
/// `filter`. The seed's entries, comment edits and changes to items no
/// longer there are left out.
pub fn activity(
    state: &RoadmapState,
    entries: &[Entry],
    filter: &ActivityFilter,
    limit: usize,
) -> Vec<Activity> {
    let mut sorted: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.seq > filter.since.unwrap_or(0) && !e.account.is_empty())
        .collect();
    sorted.sort_by_key(|x| std::cmp::Reverse(x.seq));
    let area_key = filter.area.as_deref().map(super::model::area_id);
    let theme_key = filter.theme.map(theme_key);
    let mut out = Vec::new();
    for e in sorted {
        if out.len() >= limit {
            break;
        }
        let kind = match e.kind {
            ItemKind::Comment if e.op == ChangeOp::Create => ActivityKind::Comment,
            ItemKind::Comment => continue,
            ItemKind::Visit => ActivityKind::Visit,
            ItemKind::Goal | ItemKind::Action | ItemKind::Area => ActivityKind::Change,
        };
        if filter.kind.is_some_and(|k| k != kind) {
            continue;
        }
        let about = topic(state, e);
        let Some(item) = state.items.get(about).filter(|i| !i.deleted()) else {
            continue;
        };
        if area_key.is_some() || theme_key.is_some() {
            let keys = covering(state, item);
            let wanted = [&area_key, &theme_key];
            if !wanted.into_iter().flatten().all(|k| keys.contains(k)) {
                continue;
            }
        }
        out.push(Activity {
            seq: e.seq,
            at: e.at.clone(),
            by: e.by.clone(),
            kind,
            item: about.to_string(),
            item_kind: item.kind,
            created: e.op == ChangeOp::Create && e.kind != ItemKind::Comment,
            fields: match kind {
                ActivityKind::Comment => vec![],
                _ => e
                    .fields
                    .keys()
                    .filter(|f| f.as_str() != Field::Position.name())
                    .cloned()
                    .collect(),
            },
            comment: (kind == ActivityKind::Comment).then(|| e.item.clone()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Actor, Role};
    use crate::roadmap::protocol::ChangeRequest;
    use serde_json::json;

    fn run(
        state: &mut RoadmapState,
        log: &mut Vec<Entry>,
        who: &str,
        item: &str,
        kind: Option<ItemKind>,
        fields: serde_json::Value,
    ) {
        let actor = Actor {
            account: if who == "seed" {
                String::new()
            } else {
                format!("acc-{who}")
            },
            name: who.into(),
            role: Role::Editor,
        };
        let req = ChangeRequest {
            cid: format!("c{}", log.len()),
            item: item.into(),
            op: if kind.is_some() {
                ChangeOp::Create
            } else {
                ChangeOp::Set
            },
            kind,
            fields: serde_json::from_value(fields).unwrap(),
            base: Default::default(),
        };
        let mut e = state
            .prepare(&req, who, "2026-12-06T10:00:00Z", state.head + 1)
            .unwrap();
        e.account = actor.account.clone();
        state.apply(&e);
        log.push(e);
    }

    #[test]
    fn the_stream_is_newest_first_and_filters_by_area_theme_kind_and_since() {
        let (mut s, mut log) = (RoadmapState::default(), vec![]);
        run(
            &mut s,
            &mut log,
            "seed",
            "area-pi",
            Some(ItemKind::Area),
            json!({"area": "PI"}),
        );
        run(
            &mut s,
            &mut log,
            "seed",
            "visit-pi",
            Some(ItemKind::Visit),
            json!({"area": "PI"}),
        );
        run(
            &mut s,
            &mut log,
            "seed",
            "g1",
            Some(ItemKind::Goal),
            json!({"title": "T", "theme": "ict", "position": "h"}),
        );
        run(
            &mut s,
            &mut log,
            "Aino",
            "a1",
            Some(ItemKind::Action),
            json!({"title": "A", "goal": "g1", "position": "h", "areas": ["PI"]}),
        );
        run(
            &mut s,
            &mut log,
            "Aino",
            "area-pi",
            None,
            json!({"contact_name": "Pekka"}),
        );
        run(
            &mut s,
            &mut log,
            "Bertta",
            "visit-pi",
            None,
            json!({"venue": "Talo"}),
        );
        run(
            &mut s,
            &mut log,
            "Bertta",
            "k1",
            Some(ItemKind::Comment),
            json!({"subject": "area-pi", "body": "Hei"}),
        );
        run(
            &mut s,
            &mut log,
            "Bertta",
            "k1",
            None,
            json!({"body": "Hei!"}),
        );
        run(
            &mut s,
            &mut log,
            "Bertta",
            "a2",
            Some(ItemKind::Action),
            json!({"title": "B", "goal": "g1", "position": "i", "areas": ["KS"]}),
        );
        let all = activity(&s, &log, &ActivityFilter::default(), 100);
        let seqs: Vec<u64> = all.iter().map(|a| a.seq).collect();
        assert_eq!(
            seqs,
            [9, 7, 6, 5, 4],
            "seed and comment edits left out, newest first"
        );
        assert_eq!(
            (all[1].kind, all[1].item.as_str(), all[1].comment.as_deref()),
            (ActivityKind::Comment, "area-pi", Some("k1"))
        );
        assert_eq!(all[3].fields, ["contact_name"]);
        assert!(all[0].created);
        let f = |q: &[(&str, &str)]| {
            activity(
                &s,
                &log,
                &ActivityFilter::from_pairs(q.iter().copied()),
                100,
            )
            .iter()
            .map(|a| a.seq)
            .collect::<Vec<_>>()
        };
        assert_eq!(f(&[("area", "pi")]), [7, 6, 5, 4]);
        assert_eq!(f(&[("area", "KS")]), [9]);
        assert_eq!(f(&[("theme", "ict")]), [9, 4]);
        assert_eq!(f(&[("theme", "ict"), ("area", "PI")]), [4]);
        assert_eq!(f(&[("kind", "visit")]), [6]);
        assert_eq!(f(&[("kind", "comment"), ("area", "PI")]), [7]);
        assert_eq!(f(&[("since", "6")]), [9, 7]);
        // Nonsense is ignored, not an empty page.
        assert_eq!(
            f(&[("area", "XX"), ("kind", "nope"), ("since", "x")]).len(),
            5
        );
        assert_eq!(activity(&s, &log, &ActivityFilter::default(), 2).len(), 2);
    }
}
