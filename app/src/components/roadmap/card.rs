//! One action on the board: drag it, or focus it and press Alt+↑/↓.

use super::describe::{areas_text, others_editing, responsibility, schedule};
use super::Board;
use crate::any_view::Erase;
use crate::roadmap::comment::comment_counts;
use crate::roadmap::Item;
use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn ActionCard(action: Item, index: usize) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let id = action.id.clone();
    let goal = action.goal().to_string();
    let title = action.title().to_string();
    let status = action.status();
    let who = responsibility(&action);
    let when = schedule(&action);
    let areas = areas_text(&action);
    let pending = board.sync.is_pending(&id);
    // Live: a component's body runs once, untracked, so the mark follows
    // presence only inside a closure (it stayed after its editor closed).
    let editors_id = id.clone();
    let editors = move || others_editing(board, &editors_id);
    let (drag_id, drop_id, key_id, open_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let (count_id, talk_id) = (id.clone(), id.clone());
    let comments = move || {
        board.sync.view.with(|s| {
            comment_counts(s)
                .get(count_id.as_str())
                .copied()
                .unwrap_or(0)
        })
    };
    let drop_goal = goal.clone();
    let label = t.fill(
        t.card_label,
        &[("title", &title), ("status", t.action_status(status))],
    );
    view! {
        <li class="action-card" data-item=id.clone() data-status=status.key() tabindex="0"
            draggable=if board.can_edit { "true" } else { "false" } aria-label=label
            class:is-pending=pending
            on:dragstart=move |ev| {
                board.dragging.set(Some(drag_id.clone()));
                #[cfg(feature = "hydrate")]
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &drag_id);
                    dt.set_effect_allowed("move");
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
            on:dragend=move |_| board.dragging.set(None)
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                ev.stop_propagation();
                let Some(dragged) = board.dragging.get_untracked() else { return };
                board.dragging.set(None);
                if dragged == drop_id {
                    return;
                }
                // Dropped on a card: take its place. `index` counts the
                // list without the dragged card, so from above this lands
                // just after the card and from below just before it.
                board.move_to(&dragged, &drop_goal, index);
            }
            on:keydown=move |ev| {
                let key = ev.key();
                if !board.can_edit {
                    // Readers open the card for its comments.
                    if key == "Enter" && ev.target() == ev.current_target() {
                        ev.prevent_default();
                        board.open(&key_id);
                    }
                    return;
                }
                if ev.alt_key() && (key == "ArrowUp" || key == "ArrowDown") {
                    ev.prevent_default();
                    board.step(&key_id, if key == "ArrowUp" { -1 } else { 1 });
                } else if key == "Enter" && ev.target() == ev.current_target() {
                    ev.prevent_default();
                    board.open(&key_id);
                }
            }>
            <div class="card-head">
                <span class="status-badge" data-status=status.key()>{t.action_status(status)}</span>
                <h4 class="card-title">{title.clone()}</h4>
            </div>
            <p class="card-meta">
                {(!who.is_empty()).then(|| view! { <span>{who}</span> })}
                {(!when.is_empty()).then(|| view! { <span>{when}</span> })}
                {(!areas.is_empty()).then(|| view! { <span>{areas}</span> })}
            </p>
            {pending.then(|| view! { <p class="pending-mark">{t.unsent}</p> })}
            {move || editors().map(|names| view! { <p class="editing-mark">{t.fill(t.editing_now, &[("names", &names)])}</p> })}
            {move || {
                let n = comments();
                if !board.can_edit {
                    let id = talk_id.clone();
                    view! {
                        <button type="button" class="link-button card-comments" tabindex="-1"
                            on:click=move |_| board.open(&id)>
                            {t.fill(t.comments_count, &[("n", &n.to_string())])}
                        </button>
                    }
                    .erase()
                } else if n > 0 {
                    view! { <p class="card-comments">{t.fill(t.comments_count, &[("n", &n.to_string())])}</p> }
                        .erase()
                } else {
                    ().erase()
                }
            }}
            {board.can_edit.then(|| view! {
                <button type="button" class="link-button card-edit" tabindex="-1" on:click=move |_| board.open(&open_id)>
                    {t.edit}<span class="sr-only">{format!(": {title}")}</span>
                </button>
            })}
        </li>
    }
}
