//! The editor of one goal or action. Each field is sent when it changes
//! (on leaving a text field), so there is no Save button to forget.

use super::history::ItemHistory;
use super::Board;
use crate::any_view::Erase;
use crate::components::{CommentThread, FollowButton};
use crate::model::{InfluencePlace, AREA_CODES};
use crate::roadmap::field::Field;
use crate::roadmap::filter::ordered_goals;
use crate::roadmap::{ActionStatus, ItemKind, Theme};
use crate::text::t;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn ItemEditor() -> impl IntoView {
    let board = expect_context::<Board>();
    move || {
        let id = board.editing.get()?;
        Some(view! { <EditorPanel id/> })
    }
}

#[component]
fn EditorPanel(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    let item_id = id.clone();
    // Only the item's existence and kind decide which inputs there are;
    // re-rendering them on every remote change would wipe what the user is
    // typing in another field.
    let shape = Memo::new(move |_| {
        board
            .sync
            .view
            .with(|s| s.items.get(&item_id).map(|i| i.kind))
    });
    let kind = shape.get_untracked().unwrap_or(ItemKind::Action);
    let heading = match kind {
        ItemKind::Goal => t.edit_goal,
        ItemKind::Action => t.edit_action,
        ItemKind::Visit => t.tour_visit,
        ItemKind::Area => t.area_facts,
        // Comments have their threads, never this editor.
        ItemKind::Comment => t.comments_heading,
    };
    let show_history = RwSignal::new(false);
    let (up_id, down_id, del_id, hist_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let others = {
        let id = id.clone();
        move || super::describe::others_editing(board, &id)
    };
    Effect::new(move |_| {
        // Focus the panel's heading when it opens, for keyboard and screen
        // reader users.
        #[cfg(feature = "hydrate")]
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(el) = document()
                .get_element_by_id("editor-heading")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    });
    let editing_attr = id.clone();
    view! {
        <aside class="item-editor" aria-labelledby="editor-heading" data-testid="item-editor" data-editing=editing_attr
            on:keydown=move |ev| if ev.key() == "Escape" { board.close() }>
            <div class="editor-head">
                <h2 id="editor-heading" tabindex="-1">{heading}</h2>
                <button type="button" class="close-button" on:click=move |_| board.close()>{t.close}</button>
            </div>
            {move || others().map(|names| view! { <p class="editing-mark">{t.fill(t.also_editing, &[("names", &names)])}</p> })}
            <FollowButton key=id.clone()/>
            {
                let id = id.clone();
                move || match shape.get() {
                    None => view! { <p>{t.no_item}</p> }.erase(),
                    // Visits are edited on the tour pages, never on the board.
                    Some(ItemKind::Visit) => view! { <p><a href="/tour">{t.nav_tour}</a></p> }.erase(),
                    // Areas are edited on their own pages.
                    Some(ItemKind::Area) => view! { <p><a href="/">{t.nav_map}</a></p> }.erase(),
                    Some(kind) if board.can_edit => view! { <Fields id=id.clone() kind/> }.erase(),
                    Some(_) => view! { <ReadOnly id=id.clone()/> }.erase(),
                }
            }
            {board.can_edit.then(|| view! {
            <div class="editor-actions">
                <button type="button" on:click=move |_| board.step(&up_id, -1)>{t.move_up}</button>
                <button type="button" on:click=move |_| board.step(&down_id, 1)>{t.move_down}</button>
                <button type="button" on:click=move |_| {
                    show_history.set(true);
                    board.sync.request_history(&hist_id);
                }>{t.history}</button>
                <button type="button" class="danger" on:click=move |_| {
                    board.commit(&del_id, Field::Deleted, Value::Bool(true));
                    board.close();
                }>{t.delete}</button>
            </div>
            })}
            {
                let id = id.clone();
                move || show_history.get().then(|| view! { <ItemHistory id=id.clone()/> })
            }
            <CommentThread subject=id.clone()/>
        </aside>
    }
}

/// What a reader who may comment sees of the item: its title and
/// description, live.
#[component]
fn ReadOnly(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let text = move |field: Field| {
        let id = id.clone();
        move || {
            board
                .sync
                .view
                .with(|s| s.items.get(&id).map(|i| i.text(field).to_string()))
                .unwrap_or_default()
        }
    };
    view! {
        <p class="editor-title"><strong>{text(Field::Title)}</strong></p>
        <p class="note">{text(Field::Description)}</p>
    }
}

/// The value an input shows: the live item's, except while the user is in
/// that input. A remote change must not wipe what they are typing; their
/// version is sent on `change` and the server orders it like any other.
pub fn shown(field_id: &'static str, value: Memo<String>) -> impl Fn() -> String + Copy {
    move || {
        let live = value.get();
        #[cfg(feature = "hydrate")]
        if let Some(el) = document().active_element().filter(|el| el.id() == field_id) {
            if let Some(typed) = js_sys::Reflect::get(&el, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
            {
                return typed;
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = field_id;
        live
    }
}

/// The inputs. Values follow the live item; a field is sent on `change`.
#[component]
fn Fields(id: String, kind: ItemKind) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let commit_id = id.clone();
    let areas_id = id.clone();
    let field = move |field: Field| {
        let id = id.clone();
        let value = Memo::new(move |_| {
            board
                .sync
                .view
                .with(|s| s.items.get(&id).map(|i| i.text(field).to_string()))
                .unwrap_or_default()
        });
        let id = commit_id.clone();
        let commit = move |v: String| board.commit(&id, field, Value::from(v));
        (value, commit)
    };
    let _ = &field;
    let text_input = |f: Field, label: &'static str, field_id: &'static str| {
        let (value, commit) = field(f);
        view! {
            <div class="field">
                <label for=field_id>{label}</label>
                <input id=field_id type="text" prop:value=shown(field_id, value)
                    on:change=move |ev| commit(event_target_value(&ev))/>
            </div>
        }
    };
    let (desc, commit_desc) = field(Field::Description);
    let common = view! {
        {text_input(Field::Title, t.field_title, "edit-title")}
        <div class="field">
            <label for="edit-description">{t.field_description}</label>
            <textarea id="edit-description" rows="3" prop:value=shown("edit-description", desc)
                on:change=move |ev| commit_desc(event_target_value(&ev))></textarea>
        </div>
    };
    match kind {
        ItemKind::Visit | ItemKind::Area | ItemKind::Comment => common.erase(),
        ItemKind::Goal => {
            let (theme, commit_theme) = field(Field::Theme);
            let (place, commit_place) = field(Field::Place);
            view! {
                {common}
                <div class="field">
                    <label for="edit-theme">{t.field_theme}</label>
                    <select id="edit-theme" prop:value=theme on:change=move |ev| commit_theme(event_target_value(&ev))>
                        {Theme::ALL.into_iter().map(|th| view! { <option value=th.key()>{t.theme_title(th)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="edit-place">{t.field_place}</label>
                    <select id="edit-place" prop:value=place on:change=move |ev| commit_place(event_target_value(&ev))>
                        <option value="">{t.no_place}</option>
                        {InfluencePlace::ALL.into_iter().map(|p| view! { <option value=p.key()>{t.place_title(p)}</option> }).collect_view()}
                    </select>
                </div>
            }
            .erase()
        }
        ItemKind::Action => {
            let (goal, commit_goal) = field(Field::Goal);
            let (status, commit_status) = field(Field::Status);
            let (start, commit_start) = field(Field::Start);
            let (due, commit_due) = field(Field::Due);
            let goals: Vec<(String, String)> = board.sync.view.with_untracked(|s| {
                ordered_goals(s)
                    .into_iter()
                    .map(|g| (g.id.clone(), g.title().to_string()))
                    .collect()
            });
            view! {
                {common}
                <div class="field">
                    <label for="edit-goal">{t.field_goal}</label>
                    <select id="edit-goal" prop:value=goal on:change=move |ev| commit_goal(event_target_value(&ev))>
                        {goals.into_iter().map(|(gid, title)| view! { <option value=gid>{title}</option> }).collect_view()}
                    </select>
                </div>
                {text_input(Field::Owner, t.field_owner, "edit-owner")}
                {text_input(Field::Responsible, t.field_responsible, "edit-responsible")}
                <div class="field">
                    <label for="edit-status">{t.status}</label>
                    <select id="edit-status" prop:value=status on:change=move |ev| commit_status(event_target_value(&ev))>
                        {ActionStatus::ALL.into_iter().map(|s| view! { <option value=s.key()>{t.action_status(s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="edit-start">{t.field_start}</label>
                        <input id="edit-start" type="date" prop:value=shown("edit-start", start) on:change=move |ev| commit_start(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="edit-due">{t.field_due}</label>
                        <input id="edit-due" type="date" prop:value=shown("edit-due", due) on:change=move |ev| commit_due(event_target_value(&ev))/>
                    </div>
                </div>
                <AreasField id=areas_id/>
            }
            .erase()
        }
    }
}

/// The areas an action concerns: all, or any of the 22.
#[component]
fn AreasField(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    let locale = crate::i18n::locale();
    let areas_id = id.clone();
    let areas = Memo::new(move |_| {
        board
            .sync
            .view
            .with(|s| s.items.get(&areas_id).map(|i| i.areas()))
            .unwrap_or_default()
    });
    let all = move || areas.with(|a| a.iter().any(|c| c == "*"));
    let all_id = id.clone();
    view! {
        <fieldset class="areas-field">
            <legend>{t.areas_legend}</legend>
            <label class="check">
                <input type="checkbox" prop:checked=all
                    on:change=move |ev| {
                        let v = if event_target_checked(&ev) { vec!["*".to_string()] } else { vec![] };
                        board.commit(&all_id, Field::Areas, Value::from(v));
                    }/>
                {t.all_areas}
            </label>
            <div class="area-checks">
                {AREA_CODES
                    .into_iter()
                    .map(|code| {
                        let id = id.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" value=code
                                    prop:checked=move || areas.with(|a| a.iter().any(|c| c == code))
                                    prop:disabled=all
                                    on:change=move |ev| {
                                        let mut list = areas.get_untracked();
                                        list.retain(|c| c != code && c != "*");
                                        if event_target_checked(&ev) {
                                            list.push(code.to_string());
                                        }
                                        board.commit(&id, Field::Areas, Value::from(list));
                                    }/>
                                {crate::model::area_short_name(code, locale)}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
