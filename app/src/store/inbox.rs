//! What each person follows and how far they have read their
//! notifications (see `roadmap::inbox`: the notifications themselves are
//! read off the change log, never stored).
//!
//! `follow:[account, key]` holds one choice (`on`: follow, or stop
//! following something followed by default); `inbox_mark:<account>` the
//! seq read up to, overall and per item (`marks`).

use super::{Store, StoreError};
use crate::roadmap::activity::{
    activity_lines, merge_by_time, survey_lines, ActivityFilter, ActivityLine, Visits,
};
use crate::roadmap::inbox::{notifications, Follows, Group, ReadMarks, Reader};
use crate::roadmap::RoadmapState;
use serde::Deserialize;
use serde_json::json;

/// How far back notifications are looked for, in log entries.
pub const INBOX_WINDOW: u64 = 2000;

impl Store {
    pub async fn follows(&self, account: &str) -> Result<Follows, StoreError> {
        #[derive(Deserialize)]
        struct Row {
            key: String,
            on: bool,
        }
        let rows: Vec<Row> = self
            .rows(
                "SELECT key, on FROM follow WHERE account = $account",
                json!({ "account": account }),
                0,
            )
            .await?;
        let mut follows = Follows::default();
        for r in rows {
            if r.on {
                follows.on.insert(r.key);
            } else {
                follows.off.insert(r.key);
            }
        }
        Ok(follows)
    }

    /// Follows `key` (an item id or `theme:<key>`), or stops following it.
    pub async fn set_follow(&self, account: &str, key: &str, on: bool) -> Result<(), StoreError> {
        self.db
            .query(
                "UPSERT type::record('follow', [$account, $key])
                 CONTENT { account: $account, key: $key, on: $on, at: time::now() }",
            )
            .bind(json!({ "account": account, "key": key, "on": on }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn read_marks(&self, account: &str) -> Result<ReadMarks, StoreError> {
        let rows: Vec<ReadMarks> = self
            .rows(
                "SELECT VALUE marks FROM type::record('inbox_mark', $account)",
                json!({ "account": account }),
                0,
            )
            .await?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }

    /// Marks everything (`item` None) or one item's notifications read up
    /// to `seq`. Marks only move forward. (Two tabs marking at once may
    /// lose one item's mark: it shows unread again, nothing worse.)
    pub async fn mark_read(
        &self,
        account: &str,
        item: Option<&str>,
        seq: u64,
    ) -> Result<(), StoreError> {
        let mut marks = self.read_marks(account).await?;
        match item {
            None => {
                marks.all = marks.all.max(seq);
                // Everything up to `all` is read: older item marks say nothing more.
                marks.items.retain(|_, s| *s > marks.all);
            }
            Some(item) => {
                let s = marks.items.entry(item.to_string()).or_insert(0);
                *s = (*s).max(seq);
            }
        }
        self.db
            .query("UPSERT type::record('inbox_mark', $account) CONTENT { account: $account, marks: $marks }")
            .bind(json!({ "account": account, "marks": marks }))
            .await?
            .check()?;
        Ok(())
    }

    /// The activity stream (see `roadmap::activity`) over the last
    /// [`INBOX_WINDOW`] changes.
    pub async fn activity(
        &self,
        filter: &ActivityFilter,
        limit: usize,
    ) -> Result<Vec<ActivityLine>, StoreError> {
        let state = self.roadmap_state().await?;
        let since = state
            .head
            .saturating_sub(INBOX_WINDOW)
            .max(filter.since.unwrap_or(0));
        let entries = self.roadmap_changes_since(since, INBOX_WINDOW).await?;
        let log = activity_lines(&state, &entries, filter, limit);
        let surveys = survey_lines(&self.imported_surveys().await?, filter);
        Ok(merge_by_time(log, surveys, limit))
    }

    /// Records `account`'s look at `/activity` now and returns when their
    /// previous visit ended (see [`Visits::look`]). Two tabs looking at
    /// once both write the same kind of record: one wins, nothing else
    /// depends on it.
    pub async fn look_at_activity(&self, account: &str) -> Result<Option<String>, StoreError> {
        let old: Vec<Visits> = self
            .rows(
                "SELECT VALUE visits FROM type::record('activity_visit', $account)",
                json!({ "account": account }),
                0,
            )
            .await?;
        let visits = Visits::look(old.into_iter().next(), &super::roadmap::now());
        self.db
            .query("UPSERT type::record('activity_visit', $account) CONTENT { account: $account, visits: $visits }")
            .bind(json!({ "account": account, "visits": visits }))
            .await?
            .check()?;
        Ok(visits.previous)
    }

    /// The reader's notifications over the last [`INBOX_WINDOW`] changes,
    /// grouped per item, newest first.
    pub async fn notifications(&self, reader: &Reader<'_>) -> Result<Vec<Group>, StoreError> {
        Ok(self.inbox(reader).await?.1)
    }

    /// [`Self::notifications`] with the state they were read against (a
    /// page names the items from it without reading the roadmap again).
    pub async fn inbox(
        &self,
        reader: &Reader<'_>,
    ) -> Result<(RoadmapState, Vec<Group>), StoreError> {
        let state = self.roadmap_state().await?;
        let since = state.head.saturating_sub(INBOX_WINDOW);
        let entries = self.roadmap_changes_since(since, INBOX_WINDOW).await?;
        let follows = self.follows(reader.account).await?;
        let marks = self.read_marks(reader.account).await?;
        let groups = notifications(&state, &entries, reader, &follows, &marks);
        Ok((state, groups))
    }
}
