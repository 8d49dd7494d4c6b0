//! What a person hears about: what they follow, when they are mentioned,
//! and their notifications, all read off the change log.
//!
//! Nothing here is stored per notification. A notification is a log entry
//! by someone else that mentions the person or touches something they
//! follow; the server keeps only what each person follows or stopped
//! following and how far they have read. So notifications can never
//! disagree with the log, cost no write per reader when a change is made
//! (one change, 11,000 followers), and several server processes need
//! nothing but the shared database to agree on them.

use super::field::Field;
use super::merge::RoadmapState;
use super::model::{Item, ItemKind, Theme};
use super::protocol::{ChangeOp, Entry};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Who is reading: their account id (comments' `author`) and the name
/// others mention them by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader<'a> {
    pub account: &'a str,
    pub name: &'a str,
}

/// What can be followed: an item (goal, action, visit, area) by its id,
/// or a theme as `theme:<key>`.
pub fn theme_key(theme: Theme) -> String {
    format!("theme:{}", theme.key())
}

/// Someone's own choices: what they follow on purpose and what they
/// stopped following (which wins over following by default).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Follows {
    pub on: BTreeSet<String>,
    pub off: BTreeSet<String>,
}

/// How far someone has read: everything up to `all`, and single items
/// further (`items`: item id → seq).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadMarks {
    pub all: u64,
    #[serde(default)]
    pub items: BTreeMap<String, u64>,
}

impl ReadMarks {
    pub fn read_up_to(&self, item: &str) -> u64 {
        self.items.get(item).copied().unwrap_or(0).max(self.all)
    }
}

/// Does `text` mention `name` (`@Name`, any case, not followed by a
/// letter or digit, so `@Aino` is not `@Ainoliina`)?
pub fn mentions(text: &str, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    let text_l = text.to_lowercase();
    let wanted = format!("@{}", name.to_lowercase());
    text_l.match_indices(&wanted).any(|(at, m)| {
        text_l[at + m.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The @mention being typed where the caret (a byte index into `text`)
/// is: the byte index of its `@` and what follows it up to the caret. An
/// `@` starts a mention at the start of the text or after white space;
/// the name typed so far is one line, at most 40 characters, words apart
/// by single spaces.
pub fn mention_token(text: &str, caret: usize) -> Option<(usize, &str)> {
    let before = text.get(..caret)?;
    let at = before.rfind('@')?;
    if before[..at]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let token = &before[at + 1..];
    let ok = token.chars().count() <= 40
        && !token.contains('\n')
        && !token.contains("  ")
        && !token.starts_with(' ');
    ok.then_some((at, token))
}

/// `text` with the mention at `at` (up to `caret`) completed as
/// `@Name `, and the caret's new byte index.
pub fn complete_mention(text: &str, at: usize, caret: usize, name: &str) -> (String, usize) {
    let inserted = format!("@{name} ");
    let rest = text.get(caret..).unwrap_or("");
    // No double space when the text already goes on with one.
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let out = format!("{}{inserted}{rest}", &text[..at]);
    (out, at + inserted.len())
}

/// The item a change is about for its readers: a comment's subject, else
/// the item itself.
pub fn topic<'a>(state: &'a RoadmapState, entry: &'a Entry) -> &'a str {
    if entry.kind == ItemKind::Comment {
        if let Some(s) = entry
            .fields
            .get(Field::Subject.name())
            .and_then(|s| s.as_str())
        {
            return s;
        }
        if let Some(c) = state.items.get(&entry.item) {
            return c.subject();
        }
    }
    &entry.item
}

/// Every follow key that covers `item`: itself, its goal and theme (an
/// action, a goal), its area (a visit, an action concerning that area; an
/// action for all areas is under every area).
pub fn covering(state: &RoadmapState, item: &Item) -> Vec<String> {
    let mut keys = vec![item.id.clone()];
    let theme_of = |goal: &Item| goal.theme().map(theme_key);
    match item.kind {
        ItemKind::Goal => keys.extend(theme_of(item)),
        ItemKind::Action => {
            if let Some(goal) = state.items.get(item.goal()) {
                keys.push(goal.id.clone());
                keys.extend(theme_of(goal));
            }
            if item.concerns_all_areas() {
                keys.extend(
                    crate::model::AREA_CODES
                        .iter()
                        .map(|c| super::model::area_id(c)),
                );
            } else {
                keys.extend(item.areas().iter().map(|c| super::model::area_id(c)));
            }
        }
        ItemKind::Visit => keys.push(super::model::area_id(item.visit_area())),
        ItemKind::Area | ItemKind::Comment => {}
    }
    keys
}

/// What someone follows: their explicit follows, and by default every
/// item they created, commented on or were mentioned in, less what they
/// unfollowed.
pub fn followed(state: &RoadmapState, me: &Reader, follows: &Follows) -> BTreeSet<String> {
    let mut keys = follows.on.clone();
    for item in state.items.values() {
        match item.kind {
            ItemKind::Comment => {
                let mine = item.author == me.account;
                if mine || mentions(item.text(Field::Body), me.name) {
                    keys.insert(item.subject().to_string());
                }
            }
            _ if !me.account.is_empty() && item.author == me.account => {
                keys.insert(item.id.clone());
            }
            _ => {}
        }
    }
    keys.retain(|k| !follows.off.contains(k));
    keys
}

/// Why someone hears of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A comment names them.
    Mention,
    /// A new comment on something they follow.
    Comment,
    /// A change to something they follow.
    Change,
}

/// The notifications of one item, newest first in the list they are in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The item the changes are about (a comment's subject).
    pub item: String,
    pub kind: ItemKind,
    /// How many changes of each reason (one change counts once, under its
    /// strongest reason).
    pub mentions: usize,
    pub comments: usize,
    pub changes: usize,
    /// The newest change: its seq, author and time.
    pub seq: u64,
    pub by: String,
    pub at: String,
    /// How many of them are newer than the reader's marks.
    pub unread: usize,
    /// The newest comment among them, for a link to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The reader's notifications among `entries` (oldest first, as the log
/// gives them), grouped per item, newest first. Their own changes, the
/// seed's and changes to items no longer there are left out.
pub fn notifications(
    state: &RoadmapState,
    entries: &[Entry],
    me: &Reader,
    follows: &Follows,
    marks: &ReadMarks,
) -> Vec<Group> {
    let followed = followed(state, me, follows);
    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    for e in entries {
        if e.account.is_empty() || e.account == me.account {
            continue;
        }
        let about = topic(state, e);
        let Some(item) = state.items.get(about).filter(|i| !i.deleted()) else {
            continue;
        };
        let is_comment = e.kind == ItemKind::Comment;
        let body = e.fields.get(Field::Body.name()).and_then(|b| b.as_str());
        let reason = if is_comment && body.is_some_and(|b| mentions(b, me.name)) {
            Reason::Mention
        } else if covering(state, item).iter().any(|k| followed.contains(k)) {
            if is_comment && e.op == ChangeOp::Create {
                Reason::Comment
            } else {
                Reason::Change
            }
        } else {
            continue;
        };
        let g = groups.entry(about).or_insert_with(|| Group {
            item: about.to_string(),
            kind: item.kind,
            mentions: 0,
            comments: 0,
            changes: 0,
            seq: 0,
            by: String::new(),
            at: String::new(),
            unread: 0,
            comment: None,
        });
        match reason {
            Reason::Mention => g.mentions += 1,
            Reason::Comment => g.comments += 1,
            Reason::Change => g.changes += 1,
        }
        if e.seq > g.seq {
            g.seq = e.seq;
            g.by = e.by.clone();
            g.at = e.at.clone();
        }
        if is_comment {
            g.comment = Some(e.item.clone());
        }
        if e.seq > marks.read_up_to(about) {
            g.unread += 1;
        }
    }
    let mut list: Vec<Group> = groups.into_values().collect();
    list.sort_by_key(|x| std::cmp::Reverse(x.seq));
    list
}

/// How many unread notifications (changes, not groups) there are.
pub fn unread_count(groups: &[Group]) -> usize {
    groups.iter().map(|g| g.unread).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Actor, Role};
    use crate::roadmap::protocol::ChangeRequest;
    use serde_json::json;

    struct Log {
        state: RoadmapState,
        entries: Vec<Entry>,
    }

    impl Log {
        fn new() -> Self {
            let mut log = Log {
                state: RoadmapState::default(),
                entries: vec![],
            };
            log.create("seed", "area-pi", ItemKind::Area, json!({"area": "PI"}));
            log.create("seed", "visit-pi", ItemKind::Visit, json!({"area": "PI"}));
            log.create(
                "seed",
                "g1",
                ItemKind::Goal,
                json!({"title": "T", "theme": "ict", "position": "h"}),
            );
            log
        }

        fn run(&mut self, who: &str, req: ChangeRequest) {
            let actor = Actor {
                account: if who == "seed" {
                    String::new()
                } else {
                    format!("acc-{who}")
                },
                name: who.to_string(),
                role: Role::Editor,
            };
            let head = self.state.head;
            self.state
                .authorize(&req, &actor, "2026-12-06T10:00:00Z")
                .unwrap();
            let mut e = self
                .state
                .prepare(&req, who, "2026-12-06T10:00:00Z", head + 1)
                .unwrap();
            e.account = actor.account.clone();
            self.state.apply(&e);
            self.entries.push(e);
        }

        fn create(&mut self, who: &str, id: &str, kind: ItemKind, fields: serde_json::Value) {
            let n = self.entries.len();
            self.run(
                who,
                ChangeRequest {
                    cid: format!("c{n}"),
                    item: id.into(),
                    op: ChangeOp::Create,
                    kind: Some(kind),
                    fields: serde_json::from_value(fields).unwrap(),
                    base: Default::default(),
                },
            );
        }

        fn set(&mut self, who: &str, id: &str, fields: serde_json::Value) {
            let n = self.entries.len();
            self.run(
                who,
                ChangeRequest {
                    cid: format!("c{n}"),
                    item: id.into(),
                    op: ChangeOp::Set,
                    kind: None,
                    fields: serde_json::from_value(fields).unwrap(),
                    base: Default::default(),
                },
            );
        }

        fn inbox(&self, name: &str, follows: &Follows, marks: &ReadMarks) -> Vec<Group> {
            let account = format!("acc-{name}");
            let me = Reader {
                account: &account,
                name,
            };
            notifications(&self.state, &self.entries, &me, follows, marks)
        }
    }

    #[test]
    fn the_mention_being_typed_is_found_and_completed() {
        let t = "Hei @ai";
        assert_eq!(mention_token(t, t.len()), Some((4, "ai")));
        assert_eq!(mention_token("@", 1), Some((0, "")));
        assert_eq!(mention_token("Hei @Aino V", 11), Some((4, "Aino V")));
        assert_eq!(mention_token("posti@x.fi", 10), None);
        assert_eq!(mention_token("@a\nb", 4), None);
        assert_eq!(mention_token("@ a", 3), None);
        assert_eq!(mention_token("ä @ö", "ä @ö".len()), Some((3, "ö")));
        assert_eq!(mention_token("ä", 1), None, "not a char boundary");
        let (text, caret) = complete_mention("Hei @ai kiitos", 4, 7, "Aino Virtanen");
        assert_eq!(text, "Hei @Aino Virtanen kiitos");
        assert_eq!(&text[..caret], "Hei @Aino Virtanen ");
        assert!(mentions(&text, "Aino Virtanen"));
    }

    #[test]
    fn mentions_match_whole_names_in_any_case() {
        assert!(mentions("Kiitos @aino virtanen!", "Aino Virtanen"));
        assert!(mentions("@Aino", "Aino"));
        assert!(!mentions("@Ainoliina", "Aino"));
        assert!(!mentions("Aino", "Aino"));
        assert!(!mentions("@", ""));
    }

    #[test]
    fn following_an_area_hears_of_its_contact_visit_and_actions_but_not_its_own() {
        let mut log = Log::new();
        let follows = Follows {
            on: ["area-pi".to_string()].into(),
            off: Default::default(),
        };
        log.set("Bertta", "area-pi", json!({"contact_name": "Pekka"}));
        log.set("Bertta", "visit-pi", json!({"venue": "Tampere-talo"}));
        log.create(
            "Bertta",
            "a1",
            ItemKind::Action,
            json!({"title": "A", "goal": "g1", "position": "h", "areas": ["PI"]}),
        );
        log.create(
            "Bertta",
            "a2",
            ItemKind::Action,
            json!({"title": "B", "goal": "g1", "position": "i", "areas": ["KS"]}),
        );
        log.set("Aino", "area-pi", json!({"contact_role": "oma muutos"}));
        let inbox = log.inbox("Aino", &follows, &ReadMarks::default());
        let items: Vec<&str> = inbox.iter().map(|g| g.item.as_str()).collect();
        assert_eq!(items, ["a1", "visit-pi", "area-pi"]);
        assert_eq!(unread_count(&inbox), 3);
        // Read up to the visit: only the action is new.
        let marks = ReadMarks {
            all: log.entries[4].seq,
            items: Default::default(),
        };
        assert_eq!(unread_count(&log.inbox("Aino", &follows, &marks)), 1);
        // Unfollowing wins.
        let off = Follows {
            on: follows.on.clone(),
            off: follows.on.clone(),
        };
        assert!(log.inbox("Aino", &off, &ReadMarks::default()).is_empty());
    }

    #[test]
    fn a_mention_is_heard_without_following_and_commenting_follows_by_default() {
        let mut log = Log::new();
        let none = Follows::default();
        log.create(
            "Bertta",
            "k1",
            ItemKind::Comment,
            json!({"subject": "g1", "body": "Mitä mieltä @Aino?"}),
        );
        let inbox = log.inbox("Aino", &none, &ReadMarks::default());
        assert_eq!(
            (inbox.len(), inbox[0].mentions, inbox[0].item.as_str()),
            (1, 1, "g1")
        );
        assert_eq!(inbox[0].comment.as_deref(), Some("k1"));
        // Aino answers; from then on she follows the goal by default and
        // hears of the next comment and change on it.
        log.create(
            "Aino",
            "k2",
            ItemKind::Comment,
            json!({"subject": "g1", "body": "Hyvä"}),
        );
        log.create(
            "Cecilia",
            "k3",
            ItemKind::Comment,
            json!({"subject": "g1", "body": "Samaa mieltä"}),
        );
        log.set("Cecilia", "g1", json!({"title": "Uusi"}));
        let g = &log.inbox("Aino", &none, &ReadMarks::default())[0];
        assert_eq!((g.mentions, g.comments, g.changes, g.unread), (1, 1, 1, 3));
        assert_eq!(g.by, "Cecilia");
        // Marking the goal read clears it, nothing else.
        let marks = ReadMarks {
            all: 0,
            items: [("g1".to_string(), g.seq)].into(),
        };
        assert_eq!(log.inbox("Aino", &none, &marks)[0].unread, 0);
        // Someone who neither follows nor is named hears nothing.
        assert!(log.inbox("Dora", &none, &ReadMarks::default()).is_empty());
    }

    #[test]
    fn following_a_theme_covers_its_goals_and_their_actions() {
        let mut log = Log::new();
        let follows = Follows {
            on: [theme_key(Theme::Ict)].into(),
            off: Default::default(),
        };
        log.create(
            "Bertta",
            "a1",
            ItemKind::Action,
            json!({"title": "A", "goal": "g1", "position": "h"}),
        );
        log.create(
            "Bertta",
            "g2",
            ItemKind::Goal,
            json!({"title": "Muu", "theme": "services", "position": "h"}),
        );
        let inbox = log.inbox("Aino", &follows, &ReadMarks::default());
        assert_eq!(
            inbox.iter().map(|g| g.item.as_str()).collect::<Vec<_>>(),
            ["a1"]
        );
    }
}
