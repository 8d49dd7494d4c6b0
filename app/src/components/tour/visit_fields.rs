//! A visit's fields: inputs for editors (each sent when it changes, queued
//! while offline), text for everyone else.

use crate::any_view::Erase;
use crate::components::roadmap::{shown, Board};
use crate::format;
use crate::model::TourStatus;
use crate::roadmap::field::Field;
use crate::text::t;
use leptos::prelude::*;
use serde_json::Value;

/// One field of the live visit `id`.
fn live(board: Board, id: &str, field: Field) -> Memo<String> {
    let id = id.to_string();
    Memo::new(move |_| {
        board
            .sync
            .view
            .with(|s| s.items.get(&id).map(|i| i.text(field).to_string()))
            .unwrap_or_default()
    })
}

/// The schedule part: date, stage, place, who attends.
#[component]
pub fn VisitPlan(id: String) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let date = live(board, &id, Field::Date);
    let status = live(board, &id, Field::Status);
    let venue = live(board, &id, Field::Venue);
    let attendees = live(board, &id, Field::Attendees);
    let status_label =
        move || t.tour_status_label(TourStatus::from_key(&status.get()).unwrap_or_default());
    if !board.can_edit {
        return view! {
            <dl class="facts visit-plan">
                <dt>{t.tour_date}</dt>
                <dd data-testid="visit-date">{move || {
                    let d = date.get();
                    if d.is_empty() { t.tour_date_unknown.to_string() } else { format::date(&d) }
                }}</dd>
                <dt>{t.tour_status}</dt>
                <dd data-testid="visit-status">{status_label}</dd>
                <dt>{t.venue}</dt>
                <dd data-testid="visit-venue">{move || or_dash(venue.get())}</dd>
                <dt>{t.attendees}</dt>
                <dd data-testid="visit-attendees">{move || or_dash(attendees.get())}</dd>
            </dl>
        }
        .erase();
    }
    let send = move |field: Field| {
        let id = id.clone();
        move |ev: leptos::ev::Event| board.commit(&id, field, Value::from(event_target_value(&ev)))
    };
    view! {
        <div class="visit-form">
            <div class="field">
                <label for="visit-date">{t.tour_date}</label>
                <input id="visit-date" type="date" min="2023-01-01" max="2024-12-31"
                    prop:value=shown("visit-date", date) on:change=send(Field::Date)/>
            </div>
            <div class="field">
                <label for="visit-status">{t.tour_status}</label>
                <select id="visit-status" prop:value=move || status.get() on:change=send(Field::Status)>
                    {TourStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.key()>{t.tour_status_label(s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="visit-venue">{t.venue}</label>
                <input id="visit-venue" type="text" maxlength="200" autocomplete="off"
                    prop:value=shown("visit-venue", venue) on:change=send(Field::Venue)/>
            </div>
            <div class="field">
                <label for="visit-attendees">{t.attendees}</label>
                <input id="visit-attendees" type="text" maxlength="1000" autocomplete="off"
                    aria-describedby="visit-attendees-hint"
                    prop:value=shown("visit-attendees", attendees) on:change=send(Field::Attendees)/>
                <p class="hint" id="visit-attendees-hint">{t.attendees_hint}</p>
            </div>
        </div>
    }
    .erase()
}

/// What was said and agreed at the meeting.
#[component]
pub fn VisitNotes(id: String) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let notes = live(board, &id, Field::Notes);
    let followups = live(board, &id, Field::Followups);
    if !board.can_edit {
        return view! {
            <h3>{t.tour_notes}</h3>
            <p class="note" data-testid="visit-notes">{move || or_text(notes.get(), t.no_note)}</p>
            <h3>{t.followups}</h3>
            <p class="note" data-testid="visit-followups">{move || or_text(followups.get(), "–")}</p>
        }
        .erase();
    }
    let send = move |field: Field| {
        let id = id.clone();
        move |ev: leptos::ev::Event| board.commit(&id, field, Value::from(event_target_value(&ev)))
    };
    view! {
        <div class="field">
            <label for="visit-notes">{t.tour_notes}</label>
            <textarea id="visit-notes" rows="8" maxlength="4000" aria-describedby="visit-notes-hint"
                prop:value=shown("visit-notes", notes) on:change=send(Field::Notes)></textarea>
            <p class="hint" id="visit-notes-hint">{t.visit_notes_hint}</p>
        </div>
        <div class="field">
            <label for="visit-followups">{t.followups}</label>
            <textarea id="visit-followups" rows="4" maxlength="4000"
                prop:value=shown("visit-followups", followups) on:change=send(Field::Followups)></textarea>
        </div>
    }
    .erase()
}

fn or_dash(value: String) -> String {
    or_text(value, "–")
}

fn or_text(value: String, empty: &str) -> String {
    if value.trim().is_empty() {
        empty.to_string()
    } else {
        value
    }
}
