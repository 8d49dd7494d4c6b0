//! `/tour/{code}`: what someone holds in their hand at the meeting. The
//! visit and the notes are live (and queue offline), and so are the area's
//! contacts and places to influence (edited on its page); the survey
//! highlights are as of loading the page.

use super::visit_fields::{VisitNotes, VisitPlan};
use super::QrCode;
use crate::any_view::Erase;
use crate::components::roadmap::{Board, BoardStart, ItemHistory, Notices, StatusBar};
use crate::components::{CommentThread, FollowButton, LevelSwatch};
use crate::format;
use crate::indicators::Indicator;
use crate::model::{Area, InfluencePlace, Survey};
use crate::roadmap::{sort_items, ItemKind};
use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn TourEvent(
    area: Area,
    initial: BoardStart,
    surveys: Vec<Survey>,
    me: Option<crate::auth::Me>,
) -> impl IntoView {
    let t = t();
    let board = Board::provide(initial, me);
    let code = area.code.clone();
    let population = area.population;
    let live = {
        let area = area.clone();
        Memo::new(move |_| board.sync.view.with(|s| area.clone().with_live(s)))
    };
    let (other_name, other_locale) = area.other_name_in(crate::i18n::locale());
    let other_name = other_name.to_string();
    let id = crate::roadmap::visit_id(&code);
    let show_history = RwSignal::new(false);
    // Others see who is at this visit's fields (presence, never a lock).
    let editing_id = id.clone();
    let on_focus = move |_| board.sync.editing(Some(editing_id.clone()));
    let on_blur = move |_| board.sync.editing(None);
    let pending_id = id.clone();
    let pending = move || board.sync.is_pending(&pending_id);
    let others_id = id.clone();
    let others = move || crate::components::roadmap::others_editing(board, &others_id);
    let actions = {
        let code = code.clone();
        move || {
            board.sync.view.with(|s| {
                let mut list: Vec<_> = s
                    .live_items(ItemKind::Action)
                    .filter(|a| a.concerns_area(&code))
                    .collect();
                sort_items(&mut list);
                list.into_iter()
                    .map(|a| (a.title().to_string(), a.status()))
                    .collect::<Vec<_>>()
            })
        }
    };
    // A memo, so the visit's inputs are built once and not again on every
    // change that reaches the board: rebuilding them while someone types
    // lost focus and, in Chromium, could set a field to "undefined".
    let has_visit = {
        let id = id.clone();
        Memo::new(move |_| board.sync.view.with(|s| s.items.contains_key(&id)))
    };
    let history_id = id.clone();
    view! {
        <StatusBar/>
        <Notices/>
        <div class="event-grid">
            <section class="card visit-card" aria-labelledby="visit-title"
                on:focusin=on_focus on:focusout=on_blur>
                <h2 id="visit-title">{t.visit_title}</h2>
                <FollowButton key=id.clone()/>
                {move || others().map(|names| view! { <p class="editing-mark">{t.fill(t.editing_now, &[("names", &names)])}</p> })}
                {move || pending().then(|| view! {
                    <p class="pending-mark" data-testid="visit-pending">{t.visit_pending}</p>
                })}
                {
                    let id = id.clone();
                    move || if has_visit.get() {
                        view! {
                            <VisitPlan id=id.clone()/>
                            <VisitNotes id=id.clone()/>
                        }.erase()
                    } else {
                        view! { <p>{t.visit_missing}</p> }.erase()
                    }
                }
                // Once the visit has a date: its event for one's calendar
                // (a download, so the router leaves it alone).
                {
                    let href = format!("/api/v1/tour/{code}.ics");
                    move || live.read().tour.date.is_some().then(|| view! {
                        <p class="calendar-add">
                            <a class="download" href=href.clone() download="" rel="external" data-testid="visit-ics">{t.calendar_add}</a>
                        </p>
                    })
                }
                <crate::auth::context::EditNote/>
                <button type="button" class="link-button" aria-expanded=move || show_history.get().to_string()
                    on:click=move |_| show_history.update(|v| *v = !*v)>{t.history_title}</button>
                {move || show_history.get().then(|| view! { <ItemHistory id=history_id.clone()/> })}
            </section>
            <section class="card" aria-labelledby="facts-title">
                <h2 id="facts-title">{t.area_facts}</h2>
                <dl class="facts">
                    <dt>{t.other_name}</dt>
                    <dd lang=other_locale.code()>{other_name}</dd>
                    <dt>{t.population_label}</dt>
                    <dd>{format::number(population)}</dd>
                    <dt>{t.contact_person}</dt>
                    <dd data-testid="event-contact">{move || match live.read().contacts.person.clone() {
                        Some(p) => view! {
                            <span>{p.name}</span>
                            {(!p.role.is_empty()).then(|| view! { <span>", "{p.role}</span> })}
                            {(!p.email.is_empty()).then(|| view! { <br/><a href=format!("mailto:{}", p.email)>{p.email.clone()}</a> })}
                            {(!p.phone.is_empty()).then(|| view! { <br/><a href=format!("tel:{}", p.phone.replace(' ', ""))>{p.phone.clone()}</a> })}
                        }.erase(),
                        None => view! { <span>{t.contact_not_named}</span> }.erase(),
                    }}</dd>
                    <dt>{t.network_org}</dt>
                    <dd>{move || live.read().contacts.network_org.clone().unwrap_or_else(|| t.network_org_unknown.to_string())}</dd>
                </dl>
                <p><a href=format!("/areas/{code}")>{t.full_area_page}</a></p>
                <QrCode code=code.clone()/>
            </section>
            <section class="card" aria-labelledby="places-title">
                <h2 id="places-title">{t.places_title}</h2>
                <ul class="place-status-list" data-testid="event-places">
                    {move || InfluencePlace::ALL.into_iter().map(|p| {
                        let area = live.get();
                        let place = area.places.get(p).clone();
                        let level = Indicator::Place(p).level(&area);
                        view! {
                            <li>
                                <span class="place-name">{t.place_title(p)}</span>
                                <span class="place-progress"><LevelSwatch level/>{t.progress(place.status)}</span>
                                {(!place.note.is_empty()).then(|| view! { <span class="note">{place.note.clone()}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="event-actions-title">
                <h2 id="event-actions-title">{t.event_actions_title}</h2>
                <ul class="event-actions" data-testid="event-actions">
                    {move || {
                        let list = actions();
                        if list.is_empty() {
                            view! { <li>{t.no_area_actions}</li> }.erase()
                        } else {
                            list.into_iter().map(|(title, status)| view! {
                                <li><span>{title}</span>" – "<span class="action-status">{t.action_status(status)}</span></li>
                            }).collect_view().erase()
                        }
                    }}
                </ul>
                <p><a href=format!("/roadmap?area={code}")>{t.open_roadmap_for_area}</a></p>
            </section>
            <section class="card" aria-labelledby="event-surveys-title">
                <h2 id="event-surveys-title">{t.survey_highlights}</h2>
                <ul class="event-surveys">
                    {surveys.into_iter().map(|s| view! {
                        <li>
                            <a href=format!("/surveys/{}", s.id)>{s.title.clone()}</a>
                            {s.respondents.map(|n| view! { <span class="survey-n">{format!(" (n = {})", format::number(n))}</span> })}
                            <p>{s.summary.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <CommentThread subject=id.clone()/>
        </div>
    }
}
