//! The sections of an area page, live on the change log. The area's facts
//! are fields of its item (`area-<code>`) on the same board as the roadmap
//! and the tour: a field is sent when it changes (queued while offline),
//! others' changes appear at once, a field being typed in keeps what is
//! typed, and presence names who edits which field. Without JavaScript the
//! same inputs post as a form to `edit_area`, which makes the same change.

use super::LevelSwatch;
use crate::any_view::Erase;
use crate::auth::context::{CsrfField, EditNote};
use crate::components::roadmap::{others_editing_field, shown, Board};
use crate::format;
use crate::indicators::Indicator;
use crate::model::{Area, InfluencePlace, Progress, Stamp, MAX_NAME, MAX_NOTE};
use crate::roadmap::field::Field;
use crate::roadmap::{ChangeOp, Entry};
use crate::server_fns::areas::EditArea;
use crate::text::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde_json::Value;
use std::collections::BTreeMap;

/// What an area page's parts share.
#[derive(Clone, Copy)]
pub struct LiveArea {
    pub board: Board,
    /// The area as the log has it now, this browser's unsent changes on top.
    pub area: Memo<Area>,
    /// Its item's id (`area-pi`).
    pub id: StoredValue<String>,
    /// The log's `seq` the page was rendered at: a form posted without
    /// JavaScript says it saw the values as of then.
    pub rendered_at: u64,
    /// The form whose field the last refused edit was in: its message is
    /// shown there, next to the field.
    pub problem_form: RwSignal<&'static str>,
}

/// The form an input belongs to (provided by [`AreaForm`]).
#[derive(Clone, Copy)]
struct FormId(&'static str);

impl LiveArea {
    fn code(&self) -> String {
        self.area.with_untracked(|a| a.code.clone())
    }

    /// One field of the area item, live.
    fn field(&self, field: Field) -> Memo<String> {
        let (board, id) = (self.board, self.id);
        Memo::new(move |_| {
            board.sync.view.with(|s| {
                id.with_value(|id| s.items.get(id).map(|i| i.text(field).to_string()))
                    .unwrap_or_default()
            })
        })
    }

    /// Has this browser a change of any of `fields` waiting for the server?
    fn pending(&self, fields: &'static [Field]) -> bool {
        let id = self.id.get_value();
        self.board.sync.pending.with(|p| {
            p.iter().any(|r| {
                r.item == id
                    && r.fields
                        .keys()
                        .any(|k| fields.iter().any(|f| f.name() == k))
            })
        })
    }

    fn commit(&self, form: Option<FormId>, field: Field, value: String) {
        if let Some(FormId(form)) = form {
            self.problem_form.set(form);
        }
        self.board
            .commit(&self.id.get_value(), field, Value::from(value));
    }
}

/// An area section's form: live inputs for editors. With JavaScript each
/// input sends its field on change (a submit sends whatever is still
/// different, e.g. after Enter); without, the browser posts the form.
#[component]
fn AreaForm<C: IntoView + 'static>(
    live: LiveArea,
    form_id: &'static str,
    children: TypedChildren<C>,
) -> impl IntoView {
    let t = t();
    provide_context(FormId(form_id));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let current = live.board.sync.view.with_untracked(|s| {
                live.id
                    .with_value(|id| s.items.get(id).map(|i| i.fields.clone()))
                    .unwrap_or_default()
            });
            let mut fields = BTreeMap::new();
            for field in Field::of(crate::roadmap::ItemKind::Area) {
                let name = field.name();
                let key = format!("fields[{name}]");
                if let Some(value) = data.get(&key).as_string() {
                    if current.get(name).and_then(Value::as_str) != Some(value.as_str()) {
                        fields.insert(name.to_string(), Value::from(value));
                    }
                }
            }
            if !fields.is_empty() {
                live.problem_form.set(form_id);
                let result = live.board.sync.set(&live.id.get_value(), fields);
                live.board.problem.set(result.err());
            }
        }
    };
    view! {
        <form action=EditArea::url() method="post" class="edit-form" id=form_id on:submit=on_submit>
            <input type="hidden" name="code" value=live.code()/>
            <input type="hidden" name="base" value=live.rendered_at.to_string()/>
            <CsrfField/>
            {children.into_inner()()}
            <button type="submit">{t.save}</button>
            <p class="form-error" role="alert">
                {move || (live.problem_form.get() == form_id).then(|| live.board.problem.get()).flatten()}
            </p>
        </form>
    }
}

/// Tells the others which field this person is in (never a lock).
fn presence_handlers(
    live: LiveArea,
    field: &'static str,
) -> (
    impl Fn(leptos::ev::FocusEvent) + Clone,
    impl Fn(leptos::ev::FocusEvent) + Clone,
) {
    let focus = move |_| {
        live.board
            .sync
            .editing_field(Some(live.id.get_value()), Some(field.to_string()))
    };
    let blur = move |_| live.board.sync.editing_field(None, None);
    (focus, blur)
}

/// "Also Olli is editing this now", under the field Olli is in.
#[component]
fn OthersHere(live: LiveArea, field: &'static str) -> impl IntoView {
    let t = t();
    move || {
        live.id
            .with_value(|id| others_editing_field(live.board, id, Some(field)))
            .map(|names| {
                view! { <p class="editing-mark" data-testid="field-editors">{t.fill(t.also_editing, &[("names", &names)])}</p> }
            })
    }
}

/// A one-line input of an area field, its value as shown when the page
/// was made also kept for the no-JavaScript form (`orig[...]`).
#[component]
fn LiveText(
    live: LiveArea,
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] input_mode: Option<&'static str>,
) -> impl IntoView {
    let value = live.field(field);
    let (known, field) = (field, field.name());
    let initial = value.get_untracked();
    let form = use_context::<FormId>();
    let hint_id = hint.map(|_| format!("{field}-hint"));
    let (focus, blur) = presence_handlers(live, field);
    view! {
        <div class="field">
            <label for=field>{label}</label>
            <input id=field name=format!("fields[{field}]") type="text" autocomplete="off"
                maxlength=MAX_NAME.to_string() inputmode=input_mode aria-describedby=hint_id.clone()
                value=initial.clone() prop:value=shown(field, value)
                on:change=move |ev| live.commit(form, known, event_target_value(&ev))
                on:focus=focus on:blur=blur/>
            <input type="hidden" name=format!("orig[{field}]") value=initial/>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <OthersHere live field/>
        </div>
    }
}

#[component]
pub fn ContactsSection(live: LiveArea) -> impl IntoView {
    let t = t();
    let contacts = move || live.area.read().contacts.clone();
    view! {
        <section class="card" aria-labelledby="contacts-title">
            <h2 id="contacts-title">{t.contacts_title}</h2>
            <h3>{t.contact_person}</h3>
            {move || match contacts().person {
                Some(p) => {
                    view! {
                        <dl class="contact" data-testid="contact-person">
                            <dt>{t.contact_name}</dt>
                            <dd>{or_dash(p.name)}</dd>
                            <dt>{t.contact_role}</dt>
                            <dd>{or_dash(p.role)}</dd>
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
                        .erase()
                }
                None => view! { <p class="missing" data-testid="contact-person">{t.contact_not_named}</p> }.erase(),
            }}
            <h3>{t.network_org}</h3>
            <p data-testid="network-org">
                {move || contacts().network_org.unwrap_or_else(|| t.network_org_unknown.to_string())}
            </p>
            <StampLine stamp=Signal::derive(move || contacts().stamp)/>
            <PendingNote live fields=&Field::CONTACTS/>
            <EditNote/>
            {live.board.can_edit.then(|| view! {
                <details class="edit">
                    <summary>{t.edit}": "{t.contacts_title}</summary>
                    <AreaForm live form_id="contacts-form">
                        <p class="hint">{t.contact_clear_hint}</p>
                        <LiveText live field=Field::ContactName label=t.contact_name/>
                        <LiveText live field=Field::ContactRole label=t.contact_role hint=t.contact_role_hint/>
                        <LiveText live field=Field::ContactEmail label=t.contact_email input_mode="email"/>
                        <LiveText live field=Field::ContactPhone label=t.contact_phone input_mode="tel"/>
                        <LiveText live field=Field::NetworkOrg label=t.network_org/>
                    </AreaForm>
                </details>
            })}
        </section>
    }
}

/// "Not sent" while this browser holds a change of these fields.
#[component]
fn PendingNote(live: LiveArea, fields: &'static [Field]) -> impl IntoView {
    let t = t();
    move || {
        live.pending(fields).then(|| {
            view! {
                <p class="pending-note" data-testid="pending-note">
                    <strong>{t.unsent}</strong>": "{t.area_unsent_note}
                </p>
            }
        })
    }
}

#[component]
pub fn PlacesSection(live: LiveArea) -> impl IntoView {
    let t = t();
    view! {
        <section class="card" aria-labelledby="places-title">
            <h2 id="places-title">{t.places_title}</h2>
            <p class="hint">{t.places_intro}</p>
            <ol class="places">
                {InfluencePlace::ALL.into_iter().map(|place| view! { <PlaceItem live place/> }).collect_view()}
            </ol>
        </section>
    }
}

/// The two fields of each place, for [`PendingNote`].
fn place_fields(place: InfluencePlace) -> &'static [Field] {
    use InfluencePlace::*;
    match place {
        Grants => &[Field::GrantsStatus, Field::GrantsNote],
        Premises => &[Field::PremisesStatus, Field::PremisesNote],
        Strategy => &[Field::StrategyStatus, Field::StrategyNote],
        Hyte => &[Field::HyteStatus, Field::HyteNote],
        SoteCentres => &[Field::SoteCentresStatus, Field::SoteCentresNote],
    }
}

#[component]
fn PlaceItem(live: LiveArea, place: InfluencePlace) -> impl IntoView {
    let t = t();
    let current = move || live.area.read().places.get(place).clone();
    let indicator = Indicator::Place(place);
    view! {
        <li class="place" data-place=place.key()>
            <h3>{t.place_title(place)}</h3>
            <p class="hint">{t.place_description(place)}</p>
            <p class="status" data-testid="place-status">
                {move || {
                    let level = indicator.level(&live.area.read());
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
            <PendingNote live fields=place_fields(place)/>
            {live.board.can_edit.then(|| view! {
                <details class="edit">
                    <summary>{t.edit}<span class="visually-hidden">": "{t.place_title(place)}</span></summary>
                    <PlaceForm live place/>
                </details>
            })}
        </li>
    }
}

#[component]
fn PlaceForm(live: LiveArea, place: InfluencePlace) -> impl IntoView {
    let t = t();
    let status = live.field(Field::place_status(place));
    let note = live.field(Field::place_note(place));
    let (status_field, note_field) = (
        Field::place_status(place).name(),
        Field::place_note(place).name(),
    );
    let (initial_status, initial_note) = (status.get_untracked(), note.get_untracked());
    let form = Some(FormId(match place {
        InfluencePlace::Grants => "place-grants",
        InfluencePlace::Premises => "place-premises",
        InfluencePlace::Strategy => "place-strategy",
        InfluencePlace::Hyte => "place-hyte",
        InfluencePlace::SoteCentres => "place-sote_centres",
    }));
    let (status_focus, status_blur) = presence_handlers(live, status_field);
    let (note_focus, note_blur) = presence_handlers(live, note_field);
    let form_id = form.map(|f| f.0).unwrap_or_default();
    view! {
        <AreaForm live form_id>
            <div class="field">
                <label for=status_field>{t.status}</label>
                <select id=status_field name=format!("fields[{status_field}]")
                    prop:value=move || status.get()
                    on:change=move |ev| live.commit(form, Field::place_status(place), event_target_value(&ev))
                    on:focus=status_focus on:blur=status_blur>
                    {Progress::ALL
                        .into_iter()
                        .map(|p| view! { <option value=p.key() selected=p.key() == initial_status>{t.progress(p)}</option> })
                        .collect_view()}
                </select>
                <input type="hidden" name=format!("orig[{status_field}]") value=initial_status.clone()/>
                <OthersHere live field=status_field/>
            </div>
            <div class="field">
                <label for=note_field>{t.note}</label>
                <textarea id=note_field name=format!("fields[{note_field}]") rows="3"
                    maxlength=MAX_NOTE.to_string() prop:value=shown(note_field, note)
                    on:change=move |ev| live.commit(form, Field::place_note(place), event_target_value(&ev))
                    on:focus=note_focus on:blur=note_blur>{initial_note.clone()}</textarea>
                <input type="hidden" name=format!("orig[{note_field}]") value=initial_note/>
                <OthersHere live field=note_field/>
            </div>
        </AreaForm>
    }
}

/// The area's tour visit. It is edited live on the tour pages, so here it
/// is read-only (and live) with a way there, and a QR code that opens the
/// event view on a phone.
#[component]
pub fn TourSection(live: LiveArea) -> impl IntoView {
    let t = t();
    let code = live.code();
    let tour = move || live.area.read().tour.clone();
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
                    {move || view! { <LevelSwatch level=Indicator::Tour.level(&live.area.read())/> }}
                    {move || t.tour_status_label(tour().status)}
                </dd>
                <dt>{t.venue}</dt>
                <dd data-testid="tour-venue">{move || or_dash(tour().venue)}</dd>
                <dt>{t.attendees}</dt>
                <dd data-testid="tour-attendees">{move || or_dash(tour().attendees)}</dd>
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

/// Every change of the area's facts and its visit, newest first, field by
/// field with who and when; editors can put any earlier value back (as a
/// new change, so nothing is lost). Rendered on the server, refreshed when
/// the log brings a change.
#[component]
pub fn HistorySection(
    live: LiveArea,
    /// The history as the page loaded it (None: it could not be read).
    initial: Option<Vec<Entry>>,
) -> impl IntoView {
    let t = t();
    let changes = RwSignal::new(initial);
    // In the browser, a newer stored change of the area or its visit reads
    // the history again (the server's page came with the one it was made
    // with, so both render the same first).
    #[cfg(feature = "hydrate")]
    {
        let code = live.code();
        let (area_id, visit_id) = (
            crate::roadmap::area_id(&code),
            crate::roadmap::visit_id(&code),
        );
        let newest = Memo::new(move |_| {
            live.board.sync.confirmed.with(|s| {
                [&area_id, &visit_id]
                    .iter()
                    .filter_map(|id| s.items.get(*id).map(|i| i.last_change().seq))
                    .max()
                    .unwrap_or(0)
            })
        });
        // Answers can come back out of order: only the newest question's
        // answer is shown.
        let asked = StoredValue::new(0u64);
        Effect::new(move |seen: Option<u64>| {
            let now = newest.get();
            if seen.is_some_and(|s| s != now) {
                let question = asked.get_value() + 1;
                asked.set_value(question);
                let code = code.clone();
                leptos::task::spawn_local(async move {
                    let answer = crate::server_fns::areas::get_area_history(code).await.ok();
                    if asked.get_value() == question {
                        changes.set(answer);
                    }
                });
            }
            now
        });
    }
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t.history_title}</h2>
            {move || match changes.get() {
                Some(changes) if changes.iter().all(|c| c.op == ChangeOp::Create) => {
                    view! { <p class="hint">{t.history_empty}</p> }.erase()
                }
                Some(changes) => view! {
                    <ol class="history" data-testid="history">
                        {changes
                            .into_iter()
                            .filter(|c| c.op == ChangeOp::Set)
                            .map(|c| view! { <HistoryEntry live entry=c/> })
                            .collect_view()}
                    </ol>
                }
                .erase(),
                None => view! { <p role="alert">{t.load_failed}</p> }.erase(),
            }}
        </section>
    }
}

#[component]
fn HistoryEntry(live: LiveArea, entry: Entry) -> impl IntoView {
    let t = t();
    let conflict = (!entry.overwrote.is_empty()).then(|| {
        let names: Vec<String> = entry.overwrote.iter().map(|o| o.by.clone()).collect();
        format!(" {}", t.fill(t.overwrote, &[("names", &names.join(", "))]))
    });
    let item = entry.item.clone();
    let fields = entry
        .fields
        .iter()
        .map(|(name, value)| {
            let before = entry.prev.get(name).map(shown_value).unwrap_or_default();
            let line = format!("{}: {before} → {}", t.field_label(name), shown_value(value));
            let label = t.field_label(name);
            let field_attr = name.clone();
            let (item, name, value) = (item.clone(), name.clone(), value.clone());
            let restore = live.board.can_edit.then(|| {
                view! {
                    <button type="button" class="link-button" on:click=move |_| {
                        let fields = BTreeMap::from([(name.clone(), value.clone())]);
                        let result = live.board.sync.set(&item, fields);
                        live.board.problem.set(result.err());
                    }>{t.restore_value}<span class="sr-only">{format!(": {label}")}</span></button>
                }
            });
            view! { <li data-field=field_attr>{line}" "{restore}</li> }
        })
        .collect_view();
    view! {
        <li data-seq=entry.seq>
            <span class="when">{format::timestamp(&entry.at)}</span>
            " · "
            <span class="who">{entry.by.clone()}</span>
            {conflict}
            <ul class="history-fields">{fields}</ul>
        </li>
    }
}

fn shown_value(v: &Value) -> String {
    let t = t();
    match v {
        Value::String(s) if s.is_empty() => t.empty_value.into(),
        Value::String(s) => match Progress::from_key(s) {
            Some(p) => t.progress(p).into(),
            None => s.chars().take(80).collect(),
        },
        other => other.to_string(),
    }
}

/// "Changed 22.11.2026 at 9.05 UTC by Anna" or "No changes".
#[component]
pub fn StampLine(#[prop(into)] stamp: Signal<Stamp>) -> impl IntoView {
    let t = t();
    view! {
        <p class="stamp">
            {move || {
                let stamp = stamp.get();
                match (stamp.updated_at, stamp.updated_by) {
                    (Some(at), by) => {
                        let by = by.map(|b| format!(", {} {b}", t.by)).unwrap_or_default();
                        format!("{} {}{by}", t.last_changed, format::timestamp(&at))
                    }
                    _ => t.never_changed.to_string(),
                }
            }}
        </p>
    }
}

fn or_dash(value: String) -> String {
    if value.trim().is_empty() {
        "–".to_string()
    } else {
        value
    }
}
