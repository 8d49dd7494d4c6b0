//! The spring 2023 tour: the schedule (a map and a list in date order) and
//! the event view someone holds at the meeting. Visits are items of the
//! roadmap's live log (`ItemKind::Visit`), so they share its sync, offline
//! queue, per-field merge, history and undo.

mod event;
mod qr;
mod schedule;
mod visit_fields;

pub use event::TourEvent;
pub use qr::QrCode;
pub use schedule::TourSchedule;

use crate::model::TourStatus;
use crate::roadmap::field::Field;
use crate::roadmap::{Item, ItemKind, RoadmapState};

/// Visits in date order; those without a date last, in the areas' order.
pub fn visits_by_date(state: &RoadmapState) -> Vec<&Item> {
    let mut visits: Vec<&Item> = state.live_items(ItemKind::Visit).collect();
    let area_order = |v: &Item| {
        crate::model::AREA_CODES
            .iter()
            .position(|c| *c == v.visit_area())
            .unwrap_or(usize::MAX)
    };
    visits.sort_by(|a, b| {
        let (da, db) = (a.text(Field::Date), b.text(Field::Date));
        (da.is_empty(), da, area_order(a)).cmp(&(db.is_empty(), db, area_order(b)))
    });
    visits
}

/// How many visits are at each stage, for the summary line.
pub fn count_by_status(state: &RoadmapState) -> Vec<(TourStatus, usize)> {
    TourStatus::ALL
        .iter()
        .map(|s| {
            let n = state
                .live_items(ItemKind::Visit)
                .filter(|v| v.visit_status() == *s)
                .count();
            (*s, n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::{ChangeOp, ChangeRequest};
    use serde_json::json;

    fn visit(state: &mut RoadmapState, code: &str, date: &str) {
        let req = ChangeRequest {
            cid: format!("c-{}", code.to_lowercase()),
            item: crate::roadmap::visit_id(code),
            op: ChangeOp::Create,
            kind: Some(ItemKind::Visit),
            fields: serde_json::from_value(
                json!({"area": code, "date": date, "status": "planned"}),
            )
            .unwrap(),
            base: Default::default(),
        };
        let e = state.prepare(&req, "t", "t", state.head + 1).unwrap();
        state.apply(&e);
    }

    #[test]
    fn the_schedule_is_in_date_order_with_open_dates_last() {
        let mut s = RoadmapState::default();
        visit(&mut s, "LA", "");
        visit(&mut s, "HEL", "2023-03-14");
        visit(&mut s, "PI", "2023-02-09");
        visit(&mut s, "IU", "");
        let order: Vec<&str> = visits_by_date(&s).iter().map(|v| v.visit_area()).collect();
        // IU comes before LA in the official order of the areas.
        assert_eq!(order, ["PI", "HEL", "IU", "LA"]);
        let counts = count_by_status(&s);
        assert_eq!(counts[1], (TourStatus::Planned, 4));
    }
}
