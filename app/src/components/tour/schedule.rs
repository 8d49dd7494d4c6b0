//! `/tour`'s live part: the stages at a glance, the map coloured by each
//! visit's stage, and the visits as a list in date order.

use super::{count_by_status, visits_by_date};
use crate::components::roadmap::{Board, BoardStart, Notices, StatusBar};
use crate::components::{FinlandMap, Legend};
use crate::format;
use crate::indicators::Indicator;
use crate::model::{Area, TourStatus};
use crate::roadmap::field::Field;
use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn TourSchedule(
    initial: BoardStart,
    areas: Vec<Area>,
    me: Option<crate::auth::Me>,
) -> impl IntoView {
    let t = t();
    let board = Board::provide(initial, me);
    let view_state = board.sync.view;
    let areas = StoredValue::new(areas);
    // The areas as the log has them; the map recolours in place when a
    // stage changes (a memo: a note typed at some meeting changes nothing
    // the map shows... except through this comparison).
    let coloured = Memo::new(move |_| {
        view_state.with(|s| {
            areas.with_value(|a| {
                a.iter()
                    .cloned()
                    .map(|x| x.with_live(s))
                    .collect::<Vec<_>>()
            })
        })
    });
    let indicator = Signal::stored(Indicator::Tour);
    let name_of = move |code: &str| {
        areas.with_value(|a| {
            a.iter()
                .find(|x| x.code == code)
                .map(|x| x.short_name().to_string())
                .unwrap_or_else(|| code.to_string())
        })
    };
    view! {
        <StatusBar/>
        <Notices/>
        <p class="tour-summary" data-testid="tour-summary">
            {move || view_state.with(|s| {
                count_by_status(s)
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(st, n)| format!("{}: {n}", t.tour_status_label(st)))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })}
        </p>
        <div class="map-layout tour-layout">
            <div class="map-column">
                <FinlandMap areas=coloured.into() indicator link_base="/tour/"/>
                <Legend indicator/>
            </div>
            <section aria-labelledby="visits-title" class="visit-list-section">
                <h2 id="visits-title">{t.visits_in_order}</h2>
                // The feed, not a page: `rel="external"` keeps the router
                // out of it.
                <p class="calendar-subscribe">
                    <a class="download" href="/api/v1/tour.ics" rel="external" data-testid="tour-ics">{t.calendar_subscribe}</a>
                </p>
                <p class="hint">{t.calendar_subscribe_hint}</p>
                <ol class="visit-list" data-testid="visit-list">
                    {move || view_state.with(|s| {
                        visits_by_date(s)
                            .into_iter()
                            .map(|v| {
                                let code = v.visit_area().to_string();
                                let date = v.text(Field::Date);
                                let when = if date.is_empty() {
                                    t.tour_date_unknown.to_string()
                                } else {
                                    format::date(date)
                                };
                                let status = v.visit_status();
                                let venue = v.text(Field::Venue).to_string();
                                let attendees = v.text(Field::Attendees).to_string();
                                let pending = board.sync.is_pending(&v.id);
                                view! {
                                    <li class="visit-row" data-area=code.clone() data-status=status.key()>
                                        <p class="visit-when">{when}</p>
                                        <p class="visit-area">
                                            <a href=format!("/tour/{code}")>{name_of(&code)}</a>
                                        </p>
                                        <p class=format!("visit-status status-{}", status.key())>
                                            <span aria-hidden="true">{stage_mark(status)}" "</span>{t.tour_status_label(status)}
                                            {pending.then(|| view! { <span class="pending-mark">" · "{t.not_sent}</span> })}
                                        </p>
                                        {(!venue.is_empty()).then(|| view! { <p class="visit-venue">{venue}</p> })}
                                        {(!attendees.is_empty()).then(|| view! { <p class="visit-attendees">{attendees}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    })}
                </ol>
            </section>
        </div>
    }
}

/// A symbol per stage, so the list never relies on colour alone.
fn stage_mark(status: TourStatus) -> &'static str {
    match status {
        TourStatus::Unknown => "○",
        TourStatus::Planned => "◔",
        TourStatus::Confirmed => "◑",
        TourStatus::Visited => "●",
    }
}
