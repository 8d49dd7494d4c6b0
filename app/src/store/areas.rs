//! Reading and editing areas. Every edit writes the new section and an
//! entry in `area_change` in one transaction, so the history is never
//! behind the data.

use super::{Store, StoreError};
use crate::auth::Actor;
use crate::model::{Area, AreaChange, InfluencePlace, Progress, Stamp, TourVisit, ValidContacts};
use crate::roadmap::Item;
use serde_json::{json, Value};

const SELECT_AREA: &str = "SELECT * OMIT id FROM area WHERE code = $code";

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    pub async fn list_areas(&self) -> Result<Vec<Area>, StoreError> {
        let mut areas: Vec<Area> = self
            .rows("SELECT * OMIT id FROM area", json!({}), 0)
            .await?;
        let visits: Vec<Item> = self
            .rows(
                "SELECT VALUE doc FROM roadmap_item WHERE doc.kind = 'visit'",
                json!({}),
                0,
            )
            .await?;
        for visit in &visits {
            if let Some(area) = areas.iter_mut().find(|a| a.code == visit.visit_area()) {
                area.tour = tour_of(visit);
            }
        }
        // The fixed order of the 22 codes (south to north, as in the
        // official lists), not the database's.
        areas.sort_by_key(|a| crate::model::AREA_CODES.iter().position(|c| *c == a.code));
        Ok(areas)
    }

    pub async fn get_area(&self, code: &str) -> Result<Option<Area>, StoreError> {
        let mut rows: Vec<Area> = self.rows(SELECT_AREA, json!({ "code": code }), 0).await?;
        let Some(mut area) = rows.pop() else {
            return Ok(None);
        };
        let visit: Vec<Item> = self
            .rows(
                "SELECT VALUE doc FROM type::record('roadmap_item', $id)",
                json!({ "id": crate::roadmap::visit_id(code) }),
                0,
            )
            .await?;
        if let Some(visit) = visit.first() {
            area.tour = tour_of(visit);
        }
        Ok(Some(area))
    }

    /// The tour visit data each area had in its own document before visits
    /// moved into the roadmap's change log: what the visits are seeded with.
    pub(super) async fn stored_tours(&self) -> Result<Vec<(String, TourVisit)>, StoreError> {
        #[derive(serde::Deserialize)]
        struct Row {
            code: String,
            #[serde(default)]
            tour: TourVisit,
        }
        let rows: Vec<Row> = self
            .rows("SELECT code, tour FROM area", json!({}), 0)
            .await?;
        Ok(rows.into_iter().map(|r| (r.code, r.tour)).collect())
    }

    /// The newest `limit` changes of an area, newest first.
    pub async fn area_history(
        &self,
        code: &str,
        limit: usize,
    ) -> Result<Vec<AreaChange>, StoreError> {
        self.rows(
            "SELECT * OMIT id FROM area_change WHERE area = $code ORDER BY at DESC LIMIT $limit",
            json!({ "code": code, "limit": limit }),
            0,
        )
        .await
    }

    /// Replaces one section (`contacts`, `places.hyte`, `tour`, ...) of an
    /// area and records the change, atomically.
    async fn write_section(
        &self,
        code: &str,
        section: &str,
        value: Value,
        editor: &Actor,
    ) -> Result<Area, StoreError> {
        // `section` comes from our own fixed list, never from the user, so
        // it is safe to place into the statement text.
        debug_assert!(section
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'));
        // Areas are seeded and never deleted, so checking first is exact.
        if self.get_area(code).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let query = format!(
            "BEGIN TRANSACTION;
             UPDATE area SET {section} = $value WHERE code = $code;
             CREATE area_change CONTENT {{
                 area: $code, section: $section, value: $value, at: $at, by: $by,
                 account: $account }};
             COMMIT TRANSACTION;"
        );
        let vars = json!({
            "code": code, "section": section, "value": value, "at": now(),
            "by": editor.name, "account": editor.account,
        });
        self.db.query(query).bind(vars).await?.check()?;
        self.get_area(code).await?.ok_or(StoreError::NotFound)
    }

    pub async fn update_contacts(
        &self,
        code: &str,
        contacts: ValidContacts,
        editor: &Actor,
    ) -> Result<Area, StoreError> {
        let value = json!({
            "person": contacts.person,
            "network_org": contacts.network_org,
            "updated_at": now(),
            "updated_by": editor.name,
        });
        self.write_section(code, "contacts", value, editor).await
    }

    pub async fn update_place(
        &self,
        code: &str,
        place: InfluencePlace,
        status: Progress,
        note: &str,
        editor: &Actor,
    ) -> Result<Area, StoreError> {
        let value = json!({
            "status": status,
            "note": note,
            "updated_at": now(),
            "updated_by": editor.name,
        });
        let section = format!("places.{}", place.key());
        self.write_section(code, &section, value, editor).await
    }
}

/// An area's tour section as the area page and the map read it: the live
/// visit item, stamped with its newest change.
fn tour_of(visit: &Item) -> TourVisit {
    let date = visit.text("date");
    let last = visit.last_change();
    TourVisit {
        date: (!date.is_empty()).then(|| date.to_string()),
        status: visit.visit_status(),
        notes: visit.text("notes").to_string(),
        venue: visit.text("venue").to_string(),
        attendees: visit.text("attendees").to_string(),
        followups: visit.text("followups").to_string(),
        stamp: Stamp {
            updated_at: Some(last.at.clone()),
            updated_by: Some(last.by.clone()),
        },
    }
}
