//! An item's history: every change with who and when; any earlier
//! version can be restored (as a new change, so nothing is lost).

use super::Board;
use crate::any_view::Erase;
use crate::format;
use crate::roadmap::field::Field;
use crate::roadmap::{ChangeOp, Entry, RoadmapState};
use crate::text::t;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

#[component]
pub fn ItemHistory(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    let wanted = id.clone();
    let entries = Memo::new(move |_| {
        board.sync.history.with(|h| {
            h.as_ref()
                .filter(|(item, _)| *item == wanted)
                .map(|(_, changes)| changes.clone())
        })
    });
    // Asked for when shown (and once connected), and again after each new
    // change to the item.
    let refresh_id = id.clone();
    Effect::new(move |prev: Option<(u64, bool)>| {
        let seq = board
            .sync
            .confirmed
            .with(|s| s.items.get(&refresh_id).map(|i| i.last_change().seq))
            .unwrap_or(0);
        let online = board.sync.status.get() == crate::live::Status::Online;
        if online && prev != Some((seq, true)) {
            board.sync.request_history(&refresh_id);
        }
        (seq, online)
    });
    view! {
        <section class="item-history" aria-labelledby="history-heading" data-testid="item-history">
            <h3 id="history-heading">{t.history}</h3>
            {move || match entries.get() {
                None => view! { <p>{t.fetching}</p> }.erase(),
                Some(list) => {
                    let rows: Vec<_> = list
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(i, e)| history_row(board, &id, &list[..=i], e))
                        .collect();
                    view! { <ol class="history-list" reversed>{rows}</ol> }.erase()
                }
            }}
        </section>
    }
}

fn show(v: &Value) -> String {
    let t = t();
    match v {
        Value::String(s) if s.is_empty() => t.empty_value.into(),
        Value::String(s) => s.chars().take(80).collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str())
            .map(|c| if c == "*" { t.all_lower } else { c })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Bool(true) => t.yes.into(),
        Value::Bool(false) => t.no.into(),
        other => other.to_string(),
    }
}

fn history_row(board: Board, id: &str, upto: &[Entry], e: &Entry) -> impl IntoView {
    let t = t();
    let what = if e.op == ChangeOp::Create {
        t.created_item.to_string()
    } else {
        e.fields
            .iter()
            .filter(|(k, _)| k.as_str() != Field::Position.name())
            .map(|(k, v)| {
                let before = e.prev.get(k).map(show).unwrap_or_default();
                format!("{}: {} → {}", t.field_label(k), before, show(v))
            })
            .chain(
                e.fields
                    .contains_key(Field::Position.name())
                    .then(|| t.moved_item.to_string()),
            )
            .collect::<Vec<_>>()
            .join("; ")
    };
    let conflict = (!e.overwrote.is_empty()).then(|| {
        let names: Vec<String> = e.overwrote.iter().map(|o| o.by.clone()).collect();
        format!(" {}", t.fill(t.overwrote, &[("names", &names.join(", "))]))
    });
    // The item as it was right after this change.
    let mut replay = RoadmapState::default();
    for x in upto {
        replay.apply(x);
    }
    let version: Option<BTreeMap<String, Value>> = replay.items.get(id).map(|i| i.fields.clone());
    let id = id.to_string();
    let seq = e.seq;
    // Readers see the history, not the restore buttons.
    let restore = board.can_edit.then(|| view! {
            <button type="button" class="link-button" on:click=move |_| {
                let Some(version) = version.clone() else { return };
                let current = board.sync.view.with_untracked(|s| s.items.get(&id).map(|i| i.fields.clone()));
                let Some(current) = current else { return };
                // Only what differs, so the restore is one small change.
                let fields: BTreeMap<String, Value> = version
                    .into_iter()
                    .filter(|(k, v)| current.get(k) != Some(v))
                    .collect();
                if fields.is_empty() {
                    board.problem.set(Some(t.already_this_version.into()));
                } else {
                    let result = board.sync.set(&id, fields);
                    board.problem.set(result.err());
                }
            }>
                {t.restore_version}<span class="sr-only">{format!(" {}", t.fill(t.change_n, &[("n", &seq.to_string())]))}</span>
            </button>
    });
    view! {
        <li data-seq=seq>
            <span class="history-when">{format::timestamp(&e.at)}</span>" "
            <strong>{e.by.clone()}</strong>" "{what}{conflict}" "
            {restore}
        </li>
    }
}
