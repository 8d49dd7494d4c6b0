//! The board: everything on `/roadmap` below the introduction.

use super::card::ActionCard;
use super::describe::{areas_text, others_editing, responsibility, schedule};
use super::editor::ItemEditor;
use super::status_bar::{Notices, StatusBar};
use super::toolbar::Toolbar;
use super::Board;
use crate::any_view::Erase;
use crate::components::FollowButton;
use crate::model::InfluencePlace;
use crate::roadmap::field::Field;
use crate::roadmap::filter::{actions_of, filtered_rows, ordered_goals, Grouping, RoadmapFilter};
use crate::roadmap::{sort_items, Item, ItemKind, Theme};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::Value;
use std::collections::BTreeMap;

const FILTER_KEYS: [&str; 6] = ["area", "theme", "place", "status", "owner", "q"];

#[component]
pub fn RoadmapBoard(initial: super::BoardStart, me: Option<crate::auth::Me>) -> impl IntoView {
    let board = Board::provide(initial, me);
    // Redraws replace the cards: give focus back to the one being moved.
    Effect::new(move |_| {
        board.sync.view.track();
        if let Some(id) = board.keep_focus.get_untracked() {
            super::focus_item(&id);
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let sync = board.sync;
        // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) outside text fields, where the
        // browser's own undo stays.
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            use wasm_bindgen::JsCast;
            if !(ev.ctrl_key() || ev.meta_key()) {
                return;
            }
            let in_field = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                });
            if in_field {
                return;
            }
            match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
                ("z", false) => {
                    ev.prevent_default();
                    sync.undo();
                }
                ("z", true) | ("y", _) => {
                    ev.prevent_default();
                    sync.redo();
                }
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
        // Focus moving elsewhere ends "keep focus".
        let focus = window_event_listener(leptos::ev::focusin, move |ev| {
            use wasm_bindgen::JsCast;
            let on_kept = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-item"));
            if on_kept != board.keep_focus.get_untracked() {
                board.keep_focus.set(None);
            }
        });
        on_cleanup(move || focus.remove());
    }
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let pairs: Vec<(&str, String)> = FILTER_KEYS
            .iter()
            .filter_map(|k| q.get(k).map(|v| (*k, v)))
            .collect();
        RoadmapFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    });
    let grouping =
        Memo::new(move |_| Grouping::from_key(&query.read().get("view").unwrap_or_default()));
    // `?open=<id>` (a notification's link): the item's panel, with its
    // comments, opens once the page is live.
    Effect::new(move |_| {
        if let Some(id) = query.with_untracked(|q| q.get("open")) {
            if board
                .sync
                .view
                .with_untracked(|s| s.items.contains_key(&id))
            {
                board.open(&id);
            }
        }
    });
    view! {
        <StatusBar/>
        <Notices/>
        <Toolbar filter grouping/>
        <p class="sr-only" aria-live="polite">{move || board.problem.get()}</p>
        {move || board.problem.get().map(|p| view! { <p class="form-error" role="alert" data-testid="edit-problem">{p}</p> })}
        <div class="roadmap-body" data-testid="roadmap-body">
            {move || match grouping.get() {
                Grouping::Theme => view! { <ByTheme filter/> }.erase(),
                Grouping::Place => view! { <ByPlace filter/> }.erase(),
                Grouping::List => view! { <ActionTable filter/> }.erase(),
                Grouping::Timeline => view! { <super::timeline::Timeline filter/> }.erase(),
            }}
        </div>
        <Deleted/>
        <ItemEditor/>
    }
}

/// Goals grouped under the ministry's five themes.
#[component]
fn ByTheme(filter: Memo<RoadmapFilter>) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    Theme::ALL
        .into_iter()
        .filter(move |theme| filter.with(|f| f.theme.is_none_or(|x| x == *theme)))
        .map(|theme| {
            let title = t.theme_title(theme);
            let id = format!("theme-{}", theme.key());
            let labelled_by = id.clone();
            let add_goal = move |_| {
                let state = board.sync.view.get_untracked();
                let mut goals: Vec<&Item> = state
                    .live_items(ItemKind::Goal)
                    .filter(|g| g.theme() == Some(theme))
                    .collect();
                sort_items(&mut goals);
                let last = goals
                    .last()
                    .map(|g| g.position().to_string())
                    .unwrap_or_default();
                let fields = BTreeMap::from([
                    (Field::Title.name().to_string(), Value::from(t.new_goal)),
                    (Field::Theme.name().to_string(), Value::from(theme.key())),
                    (
                        Field::Position.name().to_string(),
                        Value::from(crate::roadmap::position::between(&last, None)),
                    ),
                ]);
                match board.sync.create(ItemKind::Goal, fields) {
                    Ok(id) => board.open(&id),
                    Err(e) => board.problem.set(Some(e)),
                }
            };
            view! {
                <section class="theme-group" aria-labelledby=labelled_by data-theme=theme.key()>
                    <h2 id=id>{title}</h2>
                    <FollowButton key=crate::roadmap::inbox::theme_key(theme)/>
                    <Goals filter select=move |g: &Item| g.theme() == Some(theme)/>
                    <button type="button" class="add-button" on:click=add_goal hidden=!board.can_edit>
                        {t.add_goal}<span class="sr-only">{t.fill(t.add_goal_to_theme, &[("theme", title)])}</span>
                    </button>
                </section>
            }
        })
        .collect_view()
}

/// Goals grouped under the five places to influence.
#[component]
fn ByPlace(filter: Memo<RoadmapFilter>) -> impl IntoView {
    let t = t();
    let groups: Vec<(Option<InfluencePlace>, String)> = InfluencePlace::ALL
        .into_iter()
        .map(|p| (Some(p), t.place_title(p).to_string()))
        .chain(std::iter::once((None, t.other_goals.to_string())))
        .collect();
    groups
        .into_iter()
        .filter(move |(p, _)| filter.with(|f| f.place.is_none() || f.place == *p))
        .map(|(place, title)| {
            let id = format!("place-{}", place.map(|p| p.key()).unwrap_or("none"));
            let labelled_by = id.clone();
            view! {
                <section class="theme-group" aria-labelledby=labelled_by>
                    <h2 id=id>{title}</h2>
                    <Goals filter select=move |g: &Item| g.place() == place/>
                </section>
            }
        })
        .collect_view()
}

/// The goals that `select` picks, each with its actions.
#[component]
fn Goals(
    filter: Memo<RoadmapFilter>,
    select: impl Fn(&Item) -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    move || {
        let state = board.sync.view.get();
        let f = filter.get();
        let goals: Vec<Item> = ordered_goals(&state)
            .into_iter()
            .filter(|g| select(g))
            .cloned()
            .collect();
        let shown: Vec<(Item, Vec<Item>)> = goals
            .into_iter()
            .map(|g| {
                let actions: Vec<Item> = actions_of(&state, &g.id)
                    .into_iter()
                    .filter(|a| f.matches(a, Some(&g)))
                    .cloned()
                    .collect();
                (g, actions)
            })
            .filter(|(_, actions)| f.is_empty() || !actions.is_empty())
            .collect();
        if shown.is_empty() {
            return view! { <p class="empty">{t.no_goals}</p> }.erase();
        }
        shown
            .into_iter()
            .map(|(goal, actions)| view! { <GoalView goal actions/> })
            .collect_view()
            .erase()
    }
}

#[component]
fn GoalView(goal: Item, actions: Vec<Item>) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let id = goal.id.clone();
    let heading_id = format!("goal-{}", goal.id);
    let labelled_by = heading_id.clone();
    let (goal_attr, head_attr) = (id.clone(), id.clone());
    let place = goal.place().map(|p| t.place_title(p));
    let description = goal.text(Field::Description).to_string();
    let title = goal.title().to_string();
    let pending = board.sync.is_pending(&goal.id);
    // Live, as on the cards: the body runs once, untracked.
    let editors_id = goal.id.clone();
    let editors = move || others_editing(board, &editors_id);
    let open_id = id.clone();
    let drop_id = id.clone();
    let add_id = id.clone();
    let n = actions.len();
    let add_action = move |_| {
        let state = board.sync.view.get_untracked();
        let last = actions_of(&state, &add_id)
            .last()
            .map(|a| a.position().to_string())
            .unwrap_or_default();
        let fields = BTreeMap::from([
            (Field::Title.name().to_string(), Value::from(t.new_action)),
            (Field::Goal.name().to_string(), Value::from(add_id.clone())),
            (
                Field::Position.name().to_string(),
                Value::from(crate::roadmap::position::between(&last, None)),
            ),
        ]);
        match board.sync.create(ItemKind::Action, fields) {
            Ok(id) => board.open(&id),
            Err(e) => board.problem.set(Some(e)),
        }
    };
    let step_id = id.clone();
    view! {
        <section class="goal" aria-labelledby=labelled_by data-goal=goal_attr>
            <div class="goal-head" data-item=head_attr tabindex="-1"
                on:keydown=move |ev| {
                    if ev.alt_key() && (ev.key() == "ArrowUp" || ev.key() == "ArrowDown") {
                        ev.prevent_default();
                        board.step(&step_id, if ev.key() == "ArrowUp" { -1 } else { 1 });
                    }
                }>
                <h3 id=heading_id>{title.clone()}</h3>
                {place.map(|p| view! { <p class="goal-place"><span class="label">{t.field_place}": "</span>{p}</p> })}
                {(!description.is_empty()).then(|| view! { <p class="goal-description">{description}</p> })}
                {pending.then(|| view! { <p class="pending-mark">{t.unsent}</p> })}
                {move || editors().map(|names| view! { <p class="editing-mark">{t.fill(t.editing_now, &[("names", &names)])}</p> })}
                {board.can_edit.then(|| view! {
                    <button type="button" class="link-button goal-edit" on:click=move |_| board.open(&open_id)>
                        {t.edit_goal}<span class="sr-only">{format!(": {title}")}</span>
                    </button>
                })}
            </div>
            <ol class="action-list" aria-label=t.actions data-testid="action-list"
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev| {
                    ev.prevent_default();
                    if let Some(dragged) = board.dragging.get_untracked() {
                        board.dragging.set(None);
                        board.move_to(&dragged, &drop_id, n);
                    }
                }>
                {actions
                    .into_iter()
                    .enumerate()
                    .map(|(index, action)| view! { <ActionCard action index/> })
                    .collect_view()}
            </ol>
            <button type="button" class="add-button" on:click=add_action hidden=!board.can_edit>{t.add_action}</button>
        </section>
    }
}

/// Every action as a table row.
#[component]
fn ActionTable(filter: Memo<RoadmapFilter>) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    view! {
        <div class="table-scroll">
            <table class="data-table roadmap-table" data-testid="roadmap-table">
                <caption>{t.actions_table_caption}</caption>
                <thead><tr>
                    <th scope="col">{t.col_action}</th><th scope="col">{t.field_goal}</th><th scope="col">{t.status}</th>
                    <th scope="col">{t.col_responsibility}</th><th scope="col">{t.col_schedule}</th><th scope="col">{t.field_areas}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let state = board.sync.view.get();
                        filtered_rows(&state, &filter.get())
                            .into_iter()
                            .map(|row| {
                                let id = row.action.id.clone();
                                let row_attr = id.clone();
                                let title = row.action.title().to_string();
                                view! {
                                    <tr data-item=row_attr>
                                        <th scope="row">
                                            {if board.can_edit {
                                                view! { <button type="button" class="link-button" on:click=move |_| board.open(&id)>{title}</button> }.erase()
                                            } else {
                                                view! { <span>{title}</span> }.erase()
                                            }}
                                        </th>
                                        <td>{row.goal.title().to_string()}</td>
                                        <td>{t.action_status(row.action.status())}</td>
                                        <td>{responsibility(&row.action)}</td>
                                        <td>{schedule(&row.action)}</td>
                                        <td>{areas_text(&row.action)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Deleted items, each restorable.
#[component]
fn Deleted() -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    move || {
        let state = board.sync.view.get();
        let deleted: Vec<(String, String)> = state
            .items
            .values()
            .filter(|i| i.deleted())
            .map(|i| (i.id.clone(), i.title().to_string()))
            .collect();
        (!deleted.is_empty()).then(|| {
            view! {
                <details class="deleted-items">
                    <summary>{t.fill(t.deleted_n, &[("n", &deleted.len().to_string())])}</summary>
                    <ul>
                        {deleted
                            .into_iter()
                            .map(|(id, title)| {
                                view! {
                                    <li>{title}" "
                                        <button type="button" class="link-button"
                                            on:click=move |_| board.commit(&id, Field::Deleted, Value::Bool(false))>
                                            {t.restore}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    }
}
