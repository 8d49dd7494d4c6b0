//! Reading areas. An area document holds the fixed facts (code, names,
//! population); everything people edit lives on the change log: the
//! area's own item (`area-<code>`: contacts and the five places) and its
//! visit (`visit-<code>`). Reads put the two together with
//! [`Area::with_live`], the same function the browser uses, so a page
//! rendered on the server and one updated live show the same thing.
//!
//! Before areas moved onto the log, their sections were written in place
//! with a row in `area_change` per edit; [`legacy_area_requests`] moves
//! that history onto the log once (see `Store::seed_roadmap`).

use super::{Store, StoreError};
use crate::model::{Area, AreaChange, InfluencePlace, Places, TourVisit};
use crate::roadmap::field::Field;
use crate::roadmap::{area_id, visit_id, Entry, Item, RoadmapState};
use serde_json::{json, Value};
use std::collections::BTreeMap;

impl Store {
    pub async fn list_areas(&self) -> Result<Vec<Area>, StoreError> {
        let areas: Vec<Area> = self
            .rows("SELECT * OMIT id FROM area", json!({}), 0)
            .await?;
        let items: Vec<Item> = self
            .rows(
                "SELECT VALUE doc FROM roadmap_item WHERE doc.kind IN ['visit', 'area']",
                json!({}),
                0,
            )
            .await?;
        let live = RoadmapState::from_items(items, 0);
        let mut areas: Vec<Area> = areas.into_iter().map(|a| a.with_live(&live)).collect();
        // The fixed order of the 22 codes (south to north, as in the
        // official lists), not the database's.
        areas.sort_by_key(|a| crate::model::AREA_CODES.iter().position(|c| *c == a.code));
        Ok(areas)
    }

    pub async fn get_area(&self, code: &str) -> Result<Option<Area>, StoreError> {
        let mut rows: Vec<Area> = self
            .rows(
                "SELECT * OMIT id FROM area WHERE code = $code",
                json!({ "code": code }),
                0,
            )
            .await?;
        let Some(area) = rows.pop() else {
            return Ok(None);
        };
        let items: Vec<Item> = self
            .rows(
                "SELECT VALUE doc FROM [type::record('roadmap_item', $area), type::record('roadmap_item', $visit)]",
                json!({ "area": area_id(code), "visit": visit_id(code) }),
                0,
            )
            .await?;
        Ok(Some(area.with_live(&RoadmapState::from_items(items, 0))))
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

    /// Every change of an area's facts and of its visit, newest first, at
    /// most `limit`.
    pub async fn area_history(&self, code: &str, limit: usize) -> Result<Vec<Entry>, StoreError> {
        self.rows(
            "SELECT * OMIT id FROM roadmap_change WHERE item IN [$area, $visit]
             ORDER BY seq DESC LIMIT $limit",
            json!({ "area": area_id(code), "visit": visit_id(code), "limit": limit }),
            0,
        )
        .await
    }

    /// What the area documents held before areas moved onto the log: per
    /// area, its sections as stored and its `area_change` rows, oldest
    /// first.
    pub(super) async fn legacy_areas(&self) -> Result<Vec<LegacyArea>, StoreError> {
        #[derive(serde::Deserialize)]
        struct Doc {
            code: String,
            #[serde(default)]
            contacts: crate::model::Contacts,
            #[serde(default)]
            places: Places,
        }
        let docs: Vec<Doc> = self
            .rows("SELECT code, contacts, places FROM area", json!({}), 0)
            .await?;
        let changes: Vec<AreaChange> = self
            .rows(
                "SELECT * OMIT id FROM area_change WHERE section != 'tour' ORDER BY at",
                json!({}),
                0,
            )
            .await?;
        Ok(docs
            .into_iter()
            .map(|d| {
                let current = Area {
                    code: d.code.clone(),
                    name_fi: String::new(),
                    name_sv: String::new(),
                    population: 0,
                    contacts: d.contacts,
                    places: d.places,
                    tour: TourVisit::default(),
                };
                LegacyArea {
                    history: changes
                        .iter()
                        .filter(|c| c.area == d.code)
                        .cloned()
                        .collect(),
                    now: section_fields(&current),
                    stamp_by: newest_stamp(&current),
                    code: d.code,
                }
            })
            .collect())
    }
}

/// One area as the old layout kept it.
pub(super) struct LegacyArea {
    pub code: String,
    /// Its edits, oldest first.
    pub history: Vec<AreaChange>,
    /// Its sections as stored, as fields of the area item.
    pub now: BTreeMap<String, Value>,
    /// Who changed a section last, for values the history does not explain.
    pub stamp_by: Option<(String, String)>,
}

/// The fields of an area item that one old section value sets:
/// `contacts` → the contact fields, `places.<key>` → that place's two.
pub(super) fn fields_of_section(section: &str, value: &Value) -> BTreeMap<String, Value> {
    let text = |v: Option<&Value>| Value::from(v.and_then(Value::as_str).unwrap_or_default());
    let mut fields = BTreeMap::new();
    if section == "contacts" {
        let person = value.get("person").filter(|p| p.is_object());
        for (field, key) in Field::CONTACTS[..4]
            .iter()
            .zip(["name", "role", "email", "phone"])
        {
            fields.insert(field.name().into(), text(person.and_then(|p| p.get(key))));
        }
        fields.insert(
            Field::NetworkOrg.name().into(),
            text(value.get("network_org")),
        );
    } else if let Some(place) = section
        .strip_prefix("places.")
        .and_then(InfluencePlace::from_key)
    {
        fields.insert(
            Field::place_status(place).name().into(),
            Value::from(
                value
                    .get("status")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown"),
            ),
        );
        fields.insert(
            Field::place_note(place).name().into(),
            text(value.get("note")),
        );
    }
    fields
}

/// All editable fields of an area as an old document held them.
fn section_fields(area: &Area) -> BTreeMap<String, Value> {
    let mut fields = fields_of_section(
        "contacts",
        &serde_json::to_value(&area.contacts).unwrap_or_default(),
    );
    for place in InfluencePlace::ALL {
        fields.extend(fields_of_section(
            &format!("places.{}", place.key()),
            &serde_json::to_value(area.places.get(place)).unwrap_or_default(),
        ));
    }
    fields
}

/// The newest `(updated_by, updated_at)` of an old document's sections.
fn newest_stamp(area: &Area) -> Option<(String, String)> {
    std::iter::once(&area.contacts.stamp)
        .chain(
            InfluencePlace::ALL
                .iter()
                .map(|p| &area.places.get(*p).stamp),
        )
        .filter_map(|s| Some((s.updated_at.clone()?, s.updated_by.clone()?)))
        .max()
        .map(|(at, by)| (by, at))
}
