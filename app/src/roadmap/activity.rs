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
    /// A survey's results were imported.
    Survey,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 4] = [
        ActivityKind::Change,
        ActivityKind::Comment,
        ActivityKind::Visit,
        ActivityKind::Survey,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActivityKind::Change => "change",
            ActivityKind::Comment => "comment",
            ActivityKind::Visit => "visit",
            ActivityKind::Survey => "survey",
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
    /// Only changes after this `seq` (and survey imports made when the
    /// log's head was this or later).
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

/// One line of the stream. A survey import has no log entry of its own:
/// its `seq` is the log's head when it was imported, its `item`
/// `survey:<id>`, and it has no `item_kind`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub seq: u64,
    pub at: String,
    pub by: String,
    pub kind: ActivityKind,
    /// The item it is about (a comment's subject) and that item's kind.
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_kind: Option<ItemKind>,
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
            item_kind: Some(item.kind),
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

/// The imported surveys that pass `filter`, as lines: an import concerns
/// every area when its answers came from all of them, and no theme.
pub fn survey_lines(
    surveys: &[crate::model::Survey],
    filter: &ActivityFilter,
) -> Vec<ActivityLine> {
    if filter.theme.is_some() || filter.kind.is_some_and(|k| k != ActivityKind::Survey) {
        return Vec::new();
    }
    surveys
        .iter()
        .filter(|s| filter.area.is_none() || s.all_areas)
        .filter_map(|s| {
            let imported = s.imported.as_ref()?;
            (imported.after >= filter.since.unwrap_or(0)).then(|| ActivityLine {
                activity: Activity {
                    seq: imported.after,
                    at: imported.at.clone(),
                    by: imported.by.clone(),
                    kind: ActivityKind::Survey,
                    item: format!("survey:{}", s.id),
                    item_kind: None,
                    created: true,
                    fields: Vec::new(),
                    comment: None,
                },
                title: s.title.clone(),
                url: format!("/surveys/{}", s.id),
            })
        })
        .collect()
}

/// `log` (newest first, as [`activity_lines`] gives it) with `surveys`
/// put in by time, newest first, at most `limit`. The log's own order is
/// kept: it is the order of its `seq`, which two processes' clocks could
/// contradict by a few milliseconds.
pub fn merge_by_time(
    log: Vec<ActivityLine>,
    mut surveys: Vec<ActivityLine>,
    limit: usize,
) -> Vec<ActivityLine> {
    surveys.sort_by(|a, b| b.activity.at.cmp(&a.activity.at));
    let mut out = Vec::with_capacity(limit.min(log.len() + surveys.len()));
    let (mut log, mut surveys) = (log.into_iter().peekable(), surveys.into_iter().peekable());
    while out.len() < limit {
        let survey_first = match (log.peek(), surveys.peek()) {
            (None, None) => break,
            (Some(l), Some(s)) => s.activity.at > l.activity.at,
            (None, Some(_)) => true,
            (Some(_), None) => false,
        };
        out.extend(if survey_first {
            surveys.next()
        } else {
            log.next()
        });
    }
    out
}

/// Looks at `/activity` closer together than this are one visit: going
/// back and forth between the stream and the items it links keeps the
/// "new" marks, and the next visit marks what came after this one.
pub const VISIT_GAP_MINUTES: i64 = 30;

/// One account's looks at `/activity`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visits {
    /// The last look of the visit before the current one: what is newer
    /// is new to the reader.
    pub previous: Option<String>,
    /// The latest look (RFC 3339).
    pub last: String,
}

impl Visits {
    /// The record after a look at `now`: a look more than
    /// [`VISIT_GAP_MINUTES`] after the latest one starts a new visit (a
    /// time that does not parse counts as long ago).
    pub fn look(old: Option<Visits>, now: &str) -> Visits {
        let Some(old) = old else {
            return Visits {
                previous: None,
                last: now.to_string(),
            };
        };
        let parse = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
        let same_visit = match (parse(&old.last), parse(now)) {
            (Some(last), Some(now)) => now - last <= chrono::Duration::minutes(VISIT_GAP_MINUTES),
            _ => false,
        };
        Visits {
            previous: if same_visit {
                old.previous
            } else {
                Some(old.last)
            },
            last: now.to_string(),
        }
    }
}

/// `/activity` for one reader: the lines, and when their previous visit
/// ended (None when not signed in, or on a first visit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityView {
    pub lines: Vec<ActivityLine>,
    pub last_visit: Option<String>,
}

impl ActivityView {
    /// Whether `line` came after the reader's previous visit.
    pub fn is_new(&self, line: &ActivityLine) -> bool {
        self.last_visit
            .as_deref()
            .is_some_and(|v| line.activity.at.as_str() > v)
    }
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

    fn line(at: &str, item: &str) -> ActivityLine {
        ActivityLine {
            activity: Activity {
                seq: 0,
                at: at.into(),
                by: "x".into(),
                kind: ActivityKind::Change,
                item: item.into(),
                item_kind: Some(ItemKind::Action),
                created: false,
                fields: vec![],
                comment: None,
            },
            title: item.into(),
            url: String::new(),
        }
    }

    #[test]
    fn survey_imports_join_the_stream_by_time_and_filters() {
        let csv =
            "title,Kevätkysely\ndate,2023-04-01\nn,50\nquestion,Mitä?\nlabel,count\nA,20\nB,30\n";
        let mut surveys = vec![crate::model::parse_survey_csv(csv).unwrap().survey];
        // A survey without an import (those the product starts with) is no news.
        assert!(survey_lines(&surveys, &ActivityFilter::default()).is_empty());
        surveys[0].imported = Some(crate::model::Imported {
            at: "2026-12-06T10:00:00.000Z".into(),
            by: "Aino".into(),
            after: 5,
        });
        surveys[0].all_areas = false;
        let id = surveys[0].id.clone();
        fn items(surveys: &[crate::model::Survey], q: &[(&str, &str)]) -> Vec<String> {
            survey_lines(surveys, &ActivityFilter::from_pairs(q.iter().copied()))
                .into_iter()
                .map(|l| l.activity.item)
                .collect()
        }
        let f = |q: &[(&str, &str)]| items(&surveys, q);
        let item = format!("survey:{id}");
        let just = vec![item.clone()];
        assert_eq!(f(&[]), just);
        assert_eq!(f(&[("kind", "survey")]), just);
        assert_eq!(f(&[("since", "5")]), just);
        assert!(f(&[("since", "6")]).is_empty());
        assert!(f(&[("kind", "comment")]).is_empty());
        assert!(f(&[("theme", "ict")]).is_empty());
        // Answers from some areas only: not listed under one area.
        assert!(f(&[("area", "PI")]).is_empty());
        surveys[0].all_areas = true;
        assert_eq!(items(&surveys, &[("area", "PI")]), just);
        let lines = survey_lines(&surveys, &ActivityFilter::default());
        assert_eq!(lines[0].url, format!("/surveys/{id}"));
        assert_eq!(lines[0].activity.by, "Aino");

        let log = vec![
            line("2026-12-06T11:00:00.000Z", "a3"),
            line("2026-12-06T09:00:00.000Z", "a2"),
            line("2026-12-06T08:00:00.000Z", "a1"),
        ];
        let merged = |limit| {
            merge_by_time(log.clone(), lines.clone(), limit)
                .into_iter()
                .map(|l| l.activity.item)
                .collect::<Vec<_>>()
        };
        assert_eq!(merged(10), ["a3", item.as_str(), "a2", "a1"]);
        assert_eq!(merged(2), ["a3", item.as_str()]);
    }

    #[test]
    fn a_visit_is_looks_less_than_half_an_hour_apart() {
        let first = Visits::look(None, "2026-12-06T10:00:00.000Z");
        assert_eq!(first.previous, None);
        // Back and forth within the visit: the mark stays where it was.
        let same = Visits::look(Some(first), "2026-12-06T10:29:00.000Z");
        assert_eq!(same.previous, None);
        // The next visit: new is what came after the last look.
        let next = Visits::look(Some(same), "2026-12-06T11:00:00.000Z");
        assert_eq!(next.previous.as_deref(), Some("2026-12-06T10:29:00.000Z"));
        let again = Visits::look(Some(next.clone()), "2026-12-06T11:10:00.000Z");
        assert_eq!(again.previous, next.previous);
        // A broken record counts as long ago rather than failing the page.
        let broken = Visits::look(
            Some(Visits {
                previous: None,
                last: "yesterday".into(),
            }),
            "2026-12-06T11:10:00.000Z",
        );
        assert_eq!(broken.previous.as_deref(), Some("yesterday"));

        let view = ActivityView {
            lines: vec![
                line("2026-12-06T11:05:00.000Z", "b"),
                line("2026-12-06T10:29:00.000Z", "a"),
            ],
            last_visit: Some("2026-12-06T10:29:00.000Z".into()),
        };
        assert!(view.is_new(&view.lines[0]));
        assert!(!view.is_new(&view.lines[1]));
        let anonymous = ActivityView {
            last_visit: None,
            ..view
        };
        assert!(!anonymous.is_new(&anonymous.lines[0]));
    }
}
