//! Reading and editing areas. Every edit writes the new section and an
//! entry in `area_change` in one transaction, so the history is never
//! behind the data.

use super::{Store, StoreError};
use crate::auth::Actor;
use crate::model::{Area, AreaChange, InfluencePlace, Progress, Stamp, TourStatus, ValidContacts};
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
        // The fixed order of the 22 codes (south to north, as in the
        // official lists), not the database's.
        areas.sort_by_key(|a| crate::model::AREA_CODES.iter().position(|c| *c == a.code));
        Ok(areas)
    }

    pub async fn get_area(&self, code: &str) -> Result<Option<Area>, StoreError> {
        let mut rows: Vec<Area> = self.rows(SELECT_AREA, json!({ "code": code }), 0).await?;
        Ok(rows.pop())
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

    pub async fn update_tour(
        &self,
        code: &str,
        date: Option<String>,
        status: TourStatus,
        notes: &str,
        editor: &Actor,
    ) -> Result<Area, StoreError> {
        let stamp = Stamp {
            updated_at: Some(now()),
            updated_by: Some(editor.name.clone()),
        };
        let value = json!({
            "date": date,
            "status": status,
            "notes": notes,
            "updated_at": stamp.updated_at,
            "updated_by": stamp.updated_by,
        });
        self.write_section(code, "tour", value, editor).await
    }
}
