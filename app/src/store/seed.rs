//! The 22 areas and the facts known about them at the start
//! (names, population at the end of 2020, Pirkanmaa's tour date).

use super::{Store, StoreError};
use crate::model::{Area, Contacts, Places, Stamp, TourStatus, TourVisit};
use serde::Deserialize;

const AREAS_JSON: &str = include_str!("../../seed/areas.json");

#[derive(Deserialize)]
struct SeedArea {
    code: String,
    name_fi: String,
    name_sv: String,
    population: u32,
    tour_date: Option<String>,
    tour_status: Option<TourStatus>,
}

/// The areas as they are before anyone has edited anything.
pub fn initial_areas() -> Vec<Area> {
    let seed: Vec<SeedArea> =
        serde_json::from_str(AREAS_JSON).expect("seed/areas.json is valid (checked by a test)");
    seed.into_iter()
        .map(|s| Area {
            code: s.code,
            name_fi: s.name_fi,
            name_sv: s.name_sv,
            population: s.population,
            contacts: Contacts::default(),
            places: Places::default(),
            tour: TourVisit {
                date: s.tour_date,
                status: s.tour_status.unwrap_or_default(),
                stamp: Stamp::default(),
                ..TourVisit::default()
            },
        })
        .collect()
}

/// Inserts the areas that are missing; never touches an existing one, so
/// edits survive restarts and concurrent starts do not clash.
pub async fn seed_areas(store: &Store) -> Result<(), StoreError> {
    // The record id is the area code, so `IGNORE` skips areas that exist.
    let mut areas = Vec::new();
    for area in initial_areas() {
        let mut doc = serde_json::to_value(&area)?;
        doc["id"] = serde_json::Value::String(area.code.clone());
        areas.push(doc);
    }
    store
        .db
        .query("INSERT IGNORE INTO area $areas")
        .bind(serde_json::json!({ "areas": areas }))
        .await?
        .check()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AREA_CODES;

    #[test]
    fn seed_has_the_22_areas_and_their_population() {
        let areas = initial_areas();
        let codes: Vec<&str> = areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, AREA_CODES);
        let total: u32 = areas.iter().map(|a| a.population).sum();
        // FACTS.md's table sums to 5,503,664; its "5,533,793" is the whole
        // country's figure, which includes Åland (30,129), not an area.
        assert_eq!(total, 5_503_664);
        let pirkanmaa = areas.iter().find(|a| a.code == "PI").unwrap();
        assert_eq!(pirkanmaa.tour.date.as_deref(), Some("2023-02-09"));
    }
}
