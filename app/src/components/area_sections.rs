//! The sections of an area page. Each shows the current state and, folded
//! under "Edit", a form that saves through a server function. A failed
//! save leaves the form as the user typed it and explains why.

use super::edit_form::{FormFeedback, Queued, StampLine};
use super::LevelSwatch;
use crate::api::{get_area_history, UpdateContacts, UpdatePlace};
use crate::auth::context::{use_auth, CsrfField, EditNote};
use crate::format;
use crate::indicators::Indicator;
use crate::model::{Area, InfluencePlace, Progress, MAX_NAME, MAX_NOTE};
use crate::outbox::{unreached, use_outbox, AreaEdit};
use crate::text::t;
use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A section's edit form. Without JavaScript it posts to its server
/// function like any form. With JavaScript the edit is checked, then sent;
/// when it cannot reach the server (offline, or the server away) it waits
/// in the [`Outbox`] and `queued` says so; input the server would refuse
/// is explained in `invalid` without sending. A save replaces the page's
/// copy of the area.
#[component]
fn SectionForm<S>(
    action: ServerAction<S>,
    area: RwSignal<Area>,
    form_id: &'static str,
    /// The outbox's form of the submitted fields.
    to_edit: fn(&S) -> AreaEdit,
    queued: RwSignal<Queued>,
    invalid: RwSignal<Option<String>>,
    children: Children,
) -> impl IntoView
where
    S: ServerFn<Output = Area, Error = ServerFnError>
        + serde::de::DeserializeOwned
        + Clone
        + Send
        + Sync
        + 'static,
{
    let outbox = use_outbox();
    let code = area.get_untracked().code;
    // The edit on its way, to queue if it does not arrive.
    let sending = StoredValue::new(None::<AreaEdit>);
    // The section of this form's edit waiting in the outbox.
    let waiting = StoredValue::new(None::<String>);
    {
        let code = code.clone();
        Effect::new(move |_| {
            // `queued` first: it is what makes this run again.
            if queued.get() != Queued::Waiting {
                return;
            }
            let Some(section) = waiting.get_value() else {
                return;
            };
            if outbox.pending(&code, &section).is_none() {
                queued.set(Queued::Sent);
            }
        });
    }
    let on_submit = {
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(input) = S::from_event(&ev) else {
                return;
            };
            let edit = to_edit(&input);
            queued.set(Queued::No);
            // The server's own rules, here first: a refusal is explained at
            // once, online or not, and nothing is sent or queued.
            if let Err(e) = edit.check() {
                invalid.set(Some(e.message()));
                return;
            }
            invalid.set(None);
            if !browser_online() {
                waiting.set_value(Some(edit.section()));
                outbox.push(code.clone(), edit);
                queued.set(Queued::Waiting);
                return;
            }
            sending.set_value(Some(edit));
            action.dispatch(input);
        }
    };
    Effect::new(move |_| match action.value().get() {
        Some(Ok(saved)) => {
            if let Some(edit) = sending.try_update_value(Option::take).flatten() {
                outbox.superseded(&saved.code, &edit.section());
            }
            area.set(saved);
        }
        Some(Err(e)) if unreached(&e) => {
            if let Some(edit) = sending.try_update_value(Option::take).flatten() {
                waiting.set_value(Some(edit.section()));
                outbox.push(code.clone(), edit);
                queued.set(Queued::Waiting);
            }
        }
        _ => {}
    });
    view! {
        <form action=S::url() method="post" class="edit-form" id=form_id on:submit=on_submit>
            {children()}
        </form>
    }
}

fn browser_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        window().navigator().on_line()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

/// "Not sent" with the edit waiting on this device, and the server's
/// refusal (with a way to discard the edit) if it gave one.
#[component]
fn PendingNote(code: String, section: String) -> impl IntoView {
    let t = t();
    let outbox = use_outbox();
    move || {
        outbox.pending(&code, &section).map(|q| {
            let id = q.id.clone();
            view! {
                <div class="pending-note" data-testid="pending-note">
                    <p><strong>{t.unsent}</strong>": "{t.area_unsent_note}</p>
                    {q.refused.map(|why| view! {
                        <p class="form-error" role="alert">{t.area_refused}" "{why}</p>
                        <button type="button" on:click=move |_| outbox.discard(&id)>{t.discard_edit}</button>
                    })}
                </div>
            }
        })
    }
}

fn contacts_edit(input: &UpdateContacts) -> AreaEdit {
    AreaEdit::Contacts {
        name: input.name.clone(),
        role: input.role.clone(),
        email: input.email.clone(),
        phone: input.phone.clone(),
        network_org: input.network_org.clone(),
    }
}

fn place_edit(input: &UpdatePlace) -> AreaEdit {
    AreaEdit::Place {
        place: input.place.clone(),
        status: input.status.clone(),
        note: input.note.clone(),
    }
}

#[component]
fn TextField(
    form_id: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] input_mode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = format!("{form_id}-{name}");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type="text"
                value=value
                maxlength=MAX_NAME.to_string()
                inputmode=input_mode
                autocomplete=autocomplete
                aria-describedby=hint_id.clone()
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}

/// A labelled drop-down; `options` are (key sent to the server, label).
#[component]
fn SelectField(
    id: String,
    name: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {options
                    .into_iter()
                    .map(|(key, text)| view! { <option value=key selected=key == selected>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A labelled multi-line note with the common length limit.
#[component]
fn NoteField(
    id: String,
    name: &'static str,
    label: &'static str,
    value: String,
    rows: u32,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea id=id name=name rows=rows.to_string() maxlength=MAX_NOTE.to_string()>{value}</textarea>
        </div>
    }
}

#[component]
pub fn ContactsSection(area: RwSignal<Area>) -> impl IntoView {
    let t = t();
    let auth = use_auth();
    let action = ServerAction::<UpdateContacts>::new();
    let queued = RwSignal::new(Queued::No);
    let invalid = RwSignal::new(None);
    let initial = area.get_untracked();
    let person = initial.contacts.person.clone().unwrap_or_default();
    // What this browser shows: the stored contacts, or its unsent edit.
    let shown = use_outbox().shown(area);
    let contacts = move || shown.read().contacts.clone();
    view! {
        <section class="card" aria-labelledby="contacts-title">
            <h2 id="contacts-title">{t.contacts_title}</h2>
            <h3>{t.contact_person}</h3>
            {move || match contacts().person {
                Some(p) => {
                    view! {
                        <dl class="contact" data-testid="contact-person">
                            <dt>{t.contact_name}</dt>
                            <dd>{p.name}</dd>
                            <dt>{t.contact_role}</dt>
                            <dd>{p.role}</dd>
                            <dt>{t.contact_email}</dt>
                            <dd>
                                {(!p.email.is_empty())
                                    .then(|| view! { <a href=format!("mailto:{}", p.email)>{p.email.clone()}</a> })}
                            </dd>
                            <dt>{t.contact_phone}</dt>
                            <dd>
                                {(!p.phone.is_empty())
                                    .then(|| view! { <a href=format!("tel:{}", p.phone.replace(' ', ""))>{p.phone.clone()}</a> })}
                            </dd>
                        </dl>
                    }
                        .into_any()
                }
                None => view! { <p class="missing" data-testid="contact-person">{t.contact_not_named}</p> }.into_any(),
            }}
            <h3>{t.network_org}</h3>
            <p data-testid="network-org">
                {move || contacts().network_org.unwrap_or_else(|| t.network_org_unknown.to_string())}
            </p>
            <StampLine stamp=Signal::derive(move || contacts().stamp)/>
            <PendingNote code=initial.code.clone() section="contacts".to_string()/>
            <EditNote/>
            <details class="edit" hidden=move || !auth.can_edit()>
                <summary>{t.edit}": "{t.contacts_title}</summary>
                <SectionForm action area form_id="contacts-form" to_edit=contacts_edit queued invalid>
                    <input type="hidden" name="code" value=initial.code.clone()/>
                    <p class="hint">{t.contact_clear_hint}</p>
                    <TextField form_id="contacts" name="name" label=t.contact_name value=person.name autocomplete="off"/>
                    <TextField form_id="contacts" name="role" label=t.contact_role value=person.role hint=t.contact_role_hint/>
                    <TextField form_id="contacts" name="email" label=t.contact_email value=person.email input_mode="email"/>
                    <TextField form_id="contacts" name="phone" label=t.contact_phone value=person.phone input_mode="tel"/>
                    <TextField form_id="contacts" name="network_org" label=t.network_org
                        value=initial.contacts.network_org.clone().unwrap_or_default()/>
                    <CsrfField/>
                    <button type="submit">{t.save}</button>
                    <FormFeedback action queued invalid/>
                </SectionForm>
            </details>
        </section>
    }
}

#[component]
pub fn PlacesSection(area: RwSignal<Area>) -> impl IntoView {
    let t = t();
    view! {
        <section class="card" aria-labelledby="places-title">
            <h2 id="places-title">{t.places_title}</h2>
            <p class="hint">{t.places_intro}</p>
            <ol class="places">
                {InfluencePlace::ALL.into_iter().map(|place| view! { <PlaceItem area place/> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn PlaceItem(area: RwSignal<Area>, place: InfluencePlace) -> impl IntoView {
    let t = t();
    let auth = use_auth();
    let action = ServerAction::<UpdatePlace>::new();
    let queued = RwSignal::new(Queued::No);
    let invalid = RwSignal::new(None);
    let initial = area.get_untracked();
    let shown = use_outbox().shown(area);
    let initial_status = initial.places.get(place).clone();
    let form_id: &'static str = match place {
        InfluencePlace::Grants => "place-grants",
        InfluencePlace::Premises => "place-premises",
        InfluencePlace::Strategy => "place-strategy",
        InfluencePlace::Hyte => "place-hyte",
        InfluencePlace::SoteCentres => "place-sote_centres",
    };
    let current = move || shown.read().places.get(place).clone();
    let indicator = Indicator::Place(place);
    view! {
        <li class="place" data-place=place.key()>
            <h3>{t.place_title(place)}</h3>
            <p class="hint">{t.place_description(place)}</p>
            <p class="status" data-testid="place-status">
                {move || {
                    let level = indicator.level(&shown.read());
                    view! { <LevelSwatch level/> }
                }}
                <span class="visually-hidden">{t.status}": "</span>
                {move || t.progress(current().status)}
            </p>
            <p class="note" data-testid="place-note">
                {move || {
                    let note = current().note;
                    if note.is_empty() { t.no_note.to_string() } else { note }
                }}
            </p>
            <StampLine stamp=Signal::derive(move || current().stamp)/>
            <PendingNote code=initial.code.clone() section=format!("places.{}", place.key())/>
            <EditNote/>
            <details class="edit" hidden=move || !auth.can_edit()>
                <summary>{t.edit}<span class="visually-hidden">": "{t.place_title(place)}</span></summary>
                <SectionForm action area form_id to_edit=place_edit queued invalid>
                    <input type="hidden" name="code" value=initial.code.clone()/>
                    <input type="hidden" name="place" value=place.key()/>
                    <SelectField
                        id=format!("{form_id}-status")
                        name="status"
                        label=t.status
                        options=Progress::ALL.iter().map(|p| (p.key(), t.progress(*p))).collect()
                        selected=initial_status.status.key()
                    />
                    <NoteField id=format!("{form_id}-note") name="note" label=t.note value=initial_status.note.clone() rows=3/>
                    <CsrfField/>
                    <button type="submit">{t.save}</button>
                    <FormFeedback action queued invalid/>
                </SectionForm>
            </details>
        </li>
    }
}

/// The area's tour visit. It is edited live on the tour pages (with the
/// roadmap's sync, offline queue and history), so here it is read-only
/// with a way there, and a QR code that opens the event view on a phone.
#[component]
pub fn TourSection(area: RwSignal<Area>) -> impl IntoView {
    let t = t();
    let code = area.get_untracked().code;
    let tour = move || area.read().tour.clone();
    let line = move |value: String| {
        if value.is_empty() {
            "–".to_string()
        } else {
            value
        }
    };
    view! {
        <section class="card" aria-labelledby="tour-title">
            <h2 id="tour-title">{t.tour_title}</h2>
            <dl class="facts">
                <dt>{t.tour_date}</dt>
                <dd data-testid="tour-date">
                    {move || tour().date.map(|d| format::date(&d)).unwrap_or_else(|| t.tour_date_unknown.to_string())}
                </dd>
                <dt>{t.tour_status}</dt>
                <dd data-testid="tour-status">
                    {move || view! { <LevelSwatch level=Indicator::Tour.level(&area.read())/> }}
                    {move || t.tour_status_label(tour().status)}
                </dd>
                <dt>{t.venue}</dt>
                <dd data-testid="tour-venue">{move || line(tour().venue)}</dd>
                <dt>{t.attendees}</dt>
                <dd data-testid="tour-attendees">{move || line(tour().attendees)}</dd>
                <dt>{t.tour_notes}</dt>
                <dd class="note" data-testid="tour-notes">
                    {move || {
                        let notes = tour().notes;
                        if notes.is_empty() { t.no_note.to_string() } else { notes }
                    }}
                </dd>
            </dl>
            <StampLine stamp=Signal::derive(move || tour().stamp)/>
            <div class="tour-links">
                <a class="button" href=format!("/tour/{code}")>{t.open_event_view}</a>
                <crate::components::tour::QrCode code=code.clone()/>
            </div>
        </section>
    }
}

/// The newest changes to the area, refreshed after every save.
#[component]
pub fn HistorySection(area: RwSignal<Area>) -> impl IntoView {
    let t = t();
    // Keyed on the whole area (which every save replaces), so a save
    // refreshes the list; an unchanged source would not refetch.
    let history = Resource::new(move || area.get(), |area| get_area_history(area.code));
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t.history_title}</h2>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(changes) if changes.is_empty() => {
                            view! { <p class="hint">{t.history_empty}</p> }.into_any()
                        }
                        Ok(changes) => {
                            view! {
                                <ol class="history" data-testid="history">
                                    {changes
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <li>
                                                    <span class="when">{format::timestamp(&c.at)}</span>
                                                    " · "
                                                    <span class="who">{c.by}</span>
                                                    " · "
                                                    {t.section_label(&c.section)}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                        Err(_) => view! { <p role="alert">{t.load_failed}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
