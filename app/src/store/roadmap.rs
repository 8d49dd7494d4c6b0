//! The roadmap's change log and item states in SurrealDB.
//!
//! `roadmap_change:<seq>` holds the log, `roadmap_item:<id>` each item's
//! state after the newest change, `roadmap_counter:head` the newest `seq`.
//! [`Store::commit_roadmap`] writes a batch of entries and their items in
//! one transaction, guarded by the head the writer started from: if any
//! other process (or anything else) committed in between, nothing is
//! written and the writer catches up and tries again. So `seq`s have no
//! gaps, each is used once, and the log and the items never disagree.

use super::{Store, StoreError};
use crate::roadmap::merge::closes_comment;
use crate::roadmap::{ChangeOp, ChangeRequest, Entry, Item, ItemKind, Peer, RoadmapState};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const SEED_JSON: &str = include_str!("../../seed/roadmap.json");
/// Who the seeded items are attributed to in their history.
pub const SEED_AUTHOR: &str = "Tiekartta 21.9.2021";

/// Who the seeded visits are attributed to.
pub const VISIT_SEED_AUTHOR: &str = "Kiertueen aikataulu";

/// Who the areas' own items are attributed to when made (empty, or from
/// what an old database held: see [`migrate_area`]).
pub const AREA_SEED_AUTHOR: &str = "Aluetiedot";

/// Orders one seed or migration change into `entries`, with its author,
/// time and account.
fn push(
    state: &mut RoadmapState,
    entries: &mut Vec<Entry>,
    req: &ChangeRequest,
    (by, at, account): (&str, &str, &str),
) -> Result<(), StoreError> {
    let mut entry = state
        .prepare(req, by, at, state.head + 1)
        .map_err(|e| StoreError::Conflict(format!("seed: {}: {e}", req.item)))?;
    entry.account = account.to_string();
    state.apply(&entry);
    entries.push(entry);
    Ok(())
}

/// The fields of `wanted` that the item does not hold yet and whose values
/// pass today's rules (an old value that does not is left in `area_change`
/// and logged, never half-applied).
fn news(item: &Item, wanted: BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    wanted
        .into_iter()
        .filter(|(name, value)| item.fields.get(name) != Some(value))
        .filter(
            |(name, value)| match crate::roadmap::field::validate(item.kind, name, value) {
                Ok(_) => true,
                Err(e) => {
                    tracing::warn!("area migration: {} {name}: {e}; left as it was", item.id);
                    false
                }
            },
        )
        .collect()
}

/// Puts one area on the log: its item (empty), then each edit its
/// `area_change` history holds, in order, with the original author, time
/// and account, then whatever the document holds that the history does not
/// explain. A new database has no history, so its areas start empty.
fn migrate_area(
    state: &mut RoadmapState,
    entries: &mut Vec<Entry>,
    legacy: &super::areas::LegacyArea,
    at: &str,
) -> Result<(), StoreError> {
    let id = crate::roadmap::area_id(&legacy.code);
    let create = ChangeRequest {
        cid: format!("seed-{id}"),
        item: id.clone(),
        op: ChangeOp::Create,
        kind: Some(ItemKind::Area),
        fields: BTreeMap::from([("area".to_string(), Value::from(legacy.code.as_str()))]),
        base: BTreeMap::new(),
    };
    push(state, entries, &create, (AREA_SEED_AUTHOR, at, ""))?;
    let set = |n: String, fields| ChangeRequest {
        cid: format!("migrated-{id}-{n}"),
        item: id.clone(),
        op: ChangeOp::Set,
        kind: None,
        fields,
        base: BTreeMap::new(),
    };
    for (n, change) in legacy.history.iter().enumerate() {
        let wanted = super::areas::fields_of_section(&change.section, &change.value);
        let fields = news(&state.items[&id], wanted);
        if fields.is_empty() {
            continue;
        }
        let account = change.account.clone().unwrap_or_default();
        push(
            state,
            entries,
            &set(n.to_string(), fields),
            (&change.by, &change.at, &account),
        )?;
    }
    let rest = news(&state.items[&id], legacy.now.clone());
    if !rest.is_empty() {
        let (by, when) = legacy
            .stamp_by
            .clone()
            .unwrap_or_else(|| (AREA_SEED_AUTHOR.to_string(), at.to_string()));
        push(state, entries, &set("now".into(), rest), (&by, &when, ""))?;
    }
    Ok(())
}

/// One visit per area, with what is known of it.
fn visit_requests(tours: Vec<(String, crate::model::TourVisit)>) -> Vec<ChangeRequest> {
    let mut tours = tours;
    tours.sort_by_key(|(code, _)| crate::model::AREA_CODES.iter().position(|c| c == code));
    tours
        .into_iter()
        .map(|(code, tour)| {
            let id = crate::roadmap::visit_id(&code);
            let mut fields = BTreeMap::from([
                ("area".to_string(), Value::from(code.as_str())),
                ("status".to_string(), Value::from(tour.status.key())),
                (
                    "date".to_string(),
                    Value::from(tour.date.unwrap_or_default()),
                ),
            ]);
            for (name, value) in [
                ("notes", tour.notes),
                ("venue", tour.venue),
                ("attendees", tour.attendees),
                ("followups", tour.followups),
            ] {
                if !value.is_empty() {
                    fields.insert(name.to_string(), Value::from(value));
                }
            }
            ChangeRequest {
                cid: format!("seed-{id}"),
                item: id,
                op: ChangeOp::Create,
                kind: Some(ItemKind::Visit),
                fields,
                base: BTreeMap::new(),
            }
        })
        .collect()
}

#[derive(Deserialize)]
struct SeedItem {
    id: String,
    kind: ItemKind,
    fields: BTreeMap<String, Value>,
}

/// The seeded goals and actions as create requests, in order.
pub fn seed_requests() -> Vec<ChangeRequest> {
    let items: Vec<SeedItem> =
        serde_json::from_str(SEED_JSON).expect("seed/roadmap.json is valid (checked by a test)");
    items
        .into_iter()
        .map(|s| ChangeRequest {
            cid: format!("seed-{}", s.id),
            item: s.id,
            op: ChangeOp::Create,
            kind: Some(s.kind),
            fields: s.fields,
            base: BTreeMap::new(),
        })
        .collect()
}

/// Why a commit did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// Someone else committed first (or the same `cid` was stored meanwhile):
    /// catch up and try again.
    #[error("the roadmap changed meanwhile")]
    Stale,
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

const COMMIT: &str = r#"
BEGIN TRANSACTION;
IF (SELECT VALUE seq FROM ONLY roadmap_counter:head) != $expected { THROW "stale head" };
UPDATE roadmap_counter:head SET seq = $head;
FOR $e IN $entries { CREATE type::record('roadmap_change', $e.seq) CONTENT $e; };
FOR $c IN $closed {
    IF $c.hidden {
        CREATE audit CONTENT { at: $c.at, account: $c.account, action: 'comment_hidden',
            target: $c.item,
            detail: (SELECT seq, fields.body AS body FROM roadmap_change
                     WHERE item = $c.item AND seq < $c.seq AND fields.body != NONE AND fields.body != ''
                     ORDER BY seq DESC LIMIT 1)[0].body ?? '' };
    };
    UPDATE roadmap_change SET fields.body = '' WHERE item = $c.item AND seq < $c.seq AND fields.body != NONE;
    UPDATE roadmap_change SET prev.body = '' WHERE item = $c.item AND seq < $c.seq AND prev.body != NONE;
};
FOR $i IN $items { UPSERT type::record('roadmap_item', $i.id) CONTENT { doc: $i }; };
COMMIT TRANSACTION;
"#;

impl Store {
    /// The whole roadmap as of one moment.
    pub async fn roadmap_state(&self) -> Result<RoadmapState, StoreError> {
        #[derive(Deserialize)]
        struct Snapshot {
            head: u64,
            items: Vec<Item>,
        }
        let rows: Vec<Snapshot> = self
            .rows(
                "RETURN { head: (SELECT VALUE seq FROM ONLY roadmap_counter:head),
                          items: (SELECT VALUE doc FROM roadmap_item) }",
                json!({}),
                0,
            )
            .await?;
        let snapshot = rows.into_iter().next().ok_or(StoreError::NotFound)?;
        Ok(RoadmapState::from_items(snapshot.items, snapshot.head))
    }

    /// The newest `seq` in the log.
    pub async fn roadmap_head(&self) -> Result<u64, StoreError> {
        let rows: Vec<u64> = self
            .rows("SELECT VALUE seq FROM roadmap_counter:head", json!({}), 0)
            .await?;
        Ok(rows.into_iter().next().unwrap_or(0))
    }

    /// Log entries after `since`, oldest first, at most `limit`.
    pub async fn roadmap_changes_since(
        &self,
        since: u64,
        limit: u64,
    ) -> Result<Vec<Entry>, StoreError> {
        self.rows(
            "SELECT * OMIT id FROM roadmap_change WHERE seq > $since ORDER BY seq LIMIT $limit",
            json!({ "since": since, "limit": limit }),
            0,
        )
        .await
    }

    /// Every change of one item, oldest first.
    pub async fn roadmap_item_history(&self, item: &str) -> Result<Vec<Entry>, StoreError> {
        self.rows(
            "SELECT * OMIT id FROM roadmap_change WHERE item = $item ORDER BY seq",
            json!({ "item": item }),
            0,
        )
        .await
    }

    /// The stored entry with this client change id, if any.
    pub async fn roadmap_entry_by_cid(&self, cid: &str) -> Result<Option<Entry>, StoreError> {
        let mut rows: Vec<Entry> = self
            .rows(
                "SELECT * OMIT id FROM roadmap_change WHERE cid = $cid",
                json!({ "cid": cid }),
                0,
            )
            .await?;
        Ok(rows.pop())
    }

    /// Stores `entries` (numbered `expected + 1 ..`) and the items they
    /// changed, all or nothing, if the head is still `expected`.
    pub async fn commit_roadmap(
        &self,
        expected: u64,
        entries: &[Entry],
        items: &[&Item],
    ) -> Result<(), CommitError> {
        let head = expected + entries.len() as u64;
        debug_assert!(entries
            .iter()
            .enumerate()
            .all(|(i, e)| e.seq == expected + 1 + i as u64));
        // Comments deleted or hidden in this batch: their text leaves the
        // log (a hidden one's last text goes to the audit log first).
        let closed: Vec<Value> = entries
            .iter()
            .filter(|e| e.kind == ItemKind::Comment && closes_comment(&e.fields))
            .map(|e| {
                json!({
                    "item": e.item, "seq": e.seq, "account": e.account,
                    "at": super::accounts::now_ms(),
                    "hidden": e.fields.get("hidden") == Some(&Value::Bool(true)),
                })
            })
            .collect();
        let vars = json!({
            "expected": expected,
            "head": head,
            "entries": entries,
            "items": items,
            "closed": closed,
        });
        let response = self
            .db
            .query(COMMIT)
            .bind(vars)
            .await
            .map_err(StoreError::from)?;
        match response.check() {
            Ok(_) => Ok(()),
            Err(e) => {
                let text = e.to_string();
                // A lost race (the head check, the unique `cid` or `seq`, or
                // the engine's own write conflict) is retried; anything else
                // is an error.
                if text.contains("stale head")
                    || text.contains("already exists")
                    || text.contains("already contains")
                    || text.contains("conflict")
                    || text.contains("failed transaction")
                {
                    Err(CommitError::Stale)
                } else {
                    Err(CommitError::Store(e.into()))
                }
            }
        }
    }

    /// Writes the seeded roadmap, a visit and an item for every area,
    /// through the change log: whatever of them is missing (a new database
    /// gets all; a database from before visits existed gets its visits,
    /// seeded from the tour data the area documents held; one from before
    /// areas were on the log gets their items with the old history moved
    /// onto the log, see [`migrate_area`]). All of it is one guarded
    /// commit, so a migration happens completely or not at all. Several processes starting
    /// at once: one wins, the others see a stale head, look again and find
    /// nothing missing.
    pub async fn seed_roadmap(&self) -> Result<(), StoreError> {
        for _ in 0..10 {
            let mut state = self.roadmap_state().await?;
            let expected = state.head;
            let mut wanted = if expected == 0 {
                seed_requests()
            } else {
                Vec::new()
            };
            wanted.extend(visit_requests(self.stored_tours().await?));
            let at = now();
            let mut entries = Vec::new();
            for req in wanted {
                if state.items.contains_key(&req.item) {
                    continue;
                }
                let author = if req.kind == Some(ItemKind::Visit) {
                    VISIT_SEED_AUTHOR
                } else {
                    SEED_AUTHOR
                };
                push(&mut state, &mut entries, &req, (author, &at, ""))?;
            }
            let mut legacy = self.legacy_areas().await?;
            legacy.sort_by_key(|a| crate::model::AREA_CODES.iter().position(|c| *c == a.code));
            for area in &legacy {
                if state.area_item(&area.code).is_none() {
                    migrate_area(&mut state, &mut entries, area, &at)?;
                }
            }
            if entries.is_empty() {
                return Ok(());
            }
            let items: Vec<&Item> = entries
                .iter()
                .filter_map(|e| state.items.get(&e.item))
                .collect();
            match self.commit_roadmap(expected, &entries, &items).await {
                Ok(()) => return Ok(()),
                Err(CommitError::Stale) => continue,
                Err(CommitError::Store(e)) => return Err(e),
            }
        }
        Err(StoreError::Conflict(
            "seeding the roadmap kept losing races".to_string(),
        ))
    }

    /// Records (or refreshes) a viewer of the roadmap.
    pub async fn upsert_presence(&self, process: &str, peer: &Peer) -> Result<(), StoreError> {
        self.db
            .query(
                "UPSERT type::record('roadmap_presence', $peer.session)
                 CONTENT { peer: $peer, process: $process, seen: time::now() }",
            )
            .bind(json!({ "peer": peer, "process": process }))
            .await?
            .check()?;
        Ok(())
    }

    /// By its record id: a `WHERE` over the table read every row, and a
    /// thousand tabs closing at once then conflicted with each other's
    /// reads and retried for seconds, holding hundreds of MiB meanwhile.
    pub async fn remove_presence(&self, session: &str) -> Result<(), StoreError> {
        self.db
            // `$session` is reserved by SurrealDB.
            .query("DELETE type::record('roadmap_presence', $sid)")
            .bind(json!({ "sid": session }))
            .await?
            .check()?;
        Ok(())
    }

    /// Says that `process` (and so each of its viewers) is still there: one
    /// row per process, not an update of every viewer's row. Rewriting the
    /// viewers' rows was a write transaction as large as the audience every
    /// 20 s, and a list republished after it, during which changes waited
    /// (the 40 ms p99 of 100 clients × 1 change/s, README *Sync benchmark*).
    pub async fn refresh_presence(&self, process: &str) -> Result<(), StoreError> {
        self.db
            .query(
                "UPSERT type::record('presence_process', $process)
                 CONTENT { process: $process, seen: time::now() }",
            )
            .bind(json!({ "process": process }))
            .await?
            .check()?;
        Ok(())
    }

    /// Everyone whose process was seen within `fresh_secs` seconds (or who
    /// arrived that recently), in order of arrival; removes the rows a
    /// crashed process left behind.
    pub async fn list_presence(&self, fresh_secs: u64) -> Result<Vec<Peer>, StoreError> {
        let vars = json!({ "fresh": format!("{fresh_secs}s") });
        self.db
            .query(
                "LET $since = time::now() - type::duration($fresh);
                 LET $alive = (SELECT VALUE process FROM presence_process WHERE seen >= $since);
                 DELETE roadmap_presence WHERE seen < $since AND process NOTINSIDE $alive;
                 DELETE presence_process WHERE seen < $since;",
            )
            .bind(vars.clone())
            .await?
            .check()?;
        self.rows(
            "SELECT VALUE peer FROM roadmap_presence ORDER BY peer.session",
            vars,
            0,
        )
        .await
    }

    /// Every change to a table from now on (a LIVE SELECT): the fan-out
    /// and presence follow the database this way.
    pub async fn live_table(
        &self,
        table: &str,
    ) -> Result<surrealdb::Stream<Vec<serde_json::Value>>, surrealdb::Error> {
        self.db.live_table(table).await
    }
}
