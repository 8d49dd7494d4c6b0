//! What the board, its cards, the editor and the tour say about an item:
//! who else is editing it, who answers for it, when and where. In one
//! place that the three components import, rather than from each other.

use super::Board;
use crate::roadmap::field::Field;
use crate::roadmap::Item;
use crate::text::t;
use leptos::prelude::*;

/// Names of the other people editing `item` now.
pub fn others_editing(board: Board, item: &str) -> Option<String> {
    others_editing_field(board, item, None)
}

/// Who else edits `item` (its `field`, when one is named) now.
pub fn others_editing_field(board: Board, item: &str, field: Option<&str>) -> Option<String> {
    let me = board.sync.session.get();
    let names: Vec<String> = board
        .sync
        .peers
        .get()
        .into_iter()
        .filter(|p| {
            p.session != me
                && p.editing.as_deref() == Some(item)
                && field.is_none_or(|f| p.field.as_deref() == Some(f))
        })
        .map(|p| {
            if p.name.is_empty() {
                t().guest.to_string()
            } else {
                p.name
            }
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The owner organisation and the responsible person.
pub fn responsibility(item: &Item) -> String {
    [item.text(Field::Owner), item.text(Field::Responsible)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The start and due dates, as one phrase.
pub fn schedule(item: &Item) -> String {
    let t = t();
    let d = |s: &str| crate::format::date(s);
    match (item.text(Field::Start), item.text(Field::Due)) {
        ("", "") => String::new(),
        (s, "") => t.fill(t.from_date, &[("date", &d(s))]),
        ("", e) => t.fill(t.by_date, &[("date", &d(e))]),
        (s, e) if s == e => d(s),
        (s, e) => format!("{}–{}", d(s), d(e)),
    }
}

/// The areas the item concerns, or "all areas".
pub fn areas_text(item: &Item) -> String {
    if item.concerns_all_areas() {
        t().all_areas.to_string()
    } else {
        let locale = crate::i18n::locale();
        item.areas()
            .iter()
            .map(|c| crate::model::area_short_name(c, locale))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
