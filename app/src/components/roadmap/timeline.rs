//! `/roadmap?view=timeline`: the filtered actions as bars on a month axis,
//! grouped by theme or (`by=goal`) by goal, with a line for today. Live
//! like the other views (it reads the board's state). Each bar is a list
//! item whose text says what the bar shows (title, status, dates), so a
//! screen reader gets the same as a list, and status is a pattern and a
//! word as well as a colour. Arrow keys move between bars; Enter opens
//! the editor. The axis scrolls sideways inside its box, never the page.

use super::describe::schedule;
use super::Board;
use crate::any_view::Erase;
use crate::roadmap::filter::{filtered_rows, ActionRow, RoadmapFilter};
use crate::roadmap::timeline::{span, Axis};
use crate::roadmap::Theme;
use crate::text::t;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query parameter of the timeline's grouping (`goal`; else by theme).
pub const BY: &str = "by";

/// Moves focus to the bar of `id` (`data-tl`), the keyboard model's step.
#[cfg(feature = "hydrate")]
fn focus_bar(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .query_selector(&format!("[data-tl=\"{id}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// One group of rows: its heading and its actions, each with its days.
struct Group {
    key: String,
    title: String,
    rows: Vec<(ActionRow, (NaiveDate, NaiveDate))>,
}

fn groups(rows: Vec<ActionRow>, by_goal: bool) -> (Vec<Group>, Vec<ActionRow>) {
    let t = t();
    let mut groups: Vec<Group> = Vec::new();
    let mut undated = Vec::new();
    for row in rows {
        let Some(days) = span(&row.action) else {
            undated.push(row);
            continue;
        };
        let (key, title) = if by_goal {
            (row.goal.id.clone(), row.goal.title().to_string())
        } else {
            let theme = row.goal.theme();
            (
                theme.map(Theme::key).unwrap_or_default().to_string(),
                theme
                    .map(|x| t.theme_title(x))
                    .unwrap_or_default()
                    .to_string(),
            )
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.rows.push((row, days)),
            None => groups.push(Group {
                key,
                title,
                rows: vec![(row, days)],
            }),
        }
    }
    (groups, undated)
}

#[component]
pub fn Timeline(filter: Memo<RoadmapFilter>) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let query = use_query_map();
    let by_goal = Memo::new(move |_| query.read().get(BY).as_deref() == Some("goal"));
    // The bars in reading order, for the arrow keys.
    let order = StoredValue::new(Vec::<String>::new());
    let group_link = move |goal: bool| {
        let mut pairs = filter.get().to_pairs();
        pairs.push(("view", "timeline".to_string()));
        if goal {
            pairs.push((BY, "goal".to_string()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::url::url_encode(v)))
            .collect();
        format!("/roadmap?{}", query.join("&"))
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => 1,
            "ArrowUp" | "ArrowLeft" => -1,
            "Home" => isize::MIN,
            "End" => isize::MAX,
            _ => return,
        };
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let current = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-tl"));
            let Some(current) = current else { return };
            ev.prevent_default();
            order.with_value(|ids| {
                let Some(at) = ids.iter().position(|id| *id == current) else {
                    return;
                };
                let to = match step {
                    isize::MIN => 0,
                    isize::MAX => ids.len() - 1,
                    s => (at as isize + s).clamp(0, ids.len() as isize - 1) as usize,
                };
                focus_bar(&ids[to]);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (step, order);
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title" data-testid="timeline">
            <h2 id="timeline-title">{t.timeline_title}</h2>
            <nav class="timeline-group-switch" aria-label=t.timeline_group_label>
                {t.timeline_group_label}": "
                <a href=move || group_link(false) aria-current=move || (!by_goal.get()).then_some("page")>{t.timeline_by_theme}</a>
                " · "
                <a href=move || group_link(true) aria-current=move || by_goal.get().then_some("page")>{t.timeline_by_goal}</a>
            </nav>
            {board.can_edit.then(|| view! { <p class="hint">{t.timeline_keys}</p> })}
            {move || {
                let state = board.sync.view.get();
                let (groups, undated) = groups(filtered_rows(&state, &filter.get()), by_goal.get());
                let today = crate::format::today();
                let axis = Axis::covering(
                    groups.iter().flat_map(|g| g.rows.iter().flat_map(|(_, (s, e))| [*s, *e])),
                );
                order.set_value(
                    groups.iter().flat_map(|g| g.rows.iter().map(|(r, _)| r.action.id.clone())).collect(),
                );
                let today_text = crate::format::date(&today.format("%Y-%m-%d").to_string());
                let chart = match axis {
                    None => view! { <p class="empty">{t.timeline_empty}</p> }.erase(),
                    Some(axis) => {
                        let inside = axis.contains(today);
                        let now_left = axis.at(today);
                        let ticks = axis
                            .ticks()
                            .into_iter()
                            .enumerate()
                            .map(|(i, tick)| {
                                // The year where it starts and on the first month.
                                let year = (i == 0 || tick.month == 1).then(|| view! { <span class="tl-year">{tick.year}</span> });
                                view! {
                                    <span class="tl-month" class:tl-year-start=tick.month == 1
                                        style=format!("left:{:.4}%;width:{:.4}%", tick.left, tick.width)>
                                        {t.month_short(tick.month)}{year}
                                    </span>
                                }
                            })
                            .collect_view();
                        let rows = groups
                            .into_iter()
                            .map(|group| {
                                let items = group
                                    .rows
                                    .into_iter()
                                    .map(|(row, (from, to))| {
                                        let (left, width) = axis.bar(from, to);
                                        let status = row.action.status();
                                        let title = row.action.title().to_string();
                                        let label = format!(
                                            "{title} · {} · {}",
                                            t.action_status(status),
                                            schedule(&row.action)
                                        );
                                        let id = row.action.id.clone();
                                        let bar_style = format!("left:{left:.4}%;width:{width:.4}%");
                                        // Labels past the middle end at their bar, so
                                        // they stay inside the axis.
                                        let label_style = if left > 55.0 {
                                            format!("right:{:.4}%;text-align:right", (100.0 - left - width).max(0.0))
                                        } else {
                                            format!("left:{left:.4}%")
                                        };
                                        let bar_class = format!("tl-bar st-{}", status.key());
                                        let target = if board.can_edit {
                                            let open = id.clone();
                                            view! {
                                                <button type="button" class=bar_class style=bar_style data-tl=id.clone()
                                                    data-item=id.clone() on:click=move |_| board.open(&open)>
                                                    <span class="sr-only">{label.clone()}</span>
                                                </button>
                                                <span class="tl-label" style=label_style aria-hidden="true">{label}</span>
                                            }
                                                .erase()
                                        } else {
                                            view! {
                                                <span class=bar_class style=bar_style aria-hidden="true"></span>
                                                <span class="tl-label" style=label_style tabindex="0" data-tl=id.clone()>{label}</span>
                                            }
                                                .erase()
                                        };
                                        view! { <li class="tl-row" data-action=id>{target}</li> }
                                    })
                                    .collect_view();
                                view! {
                                    <li class="tl-group">
                                        <h3 class="tl-group-title">{group.title}</h3>
                                        <ol class="tl-rows" class:read=!board.can_edit>{items}</ol>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <p class="tl-today-note">
                                {if inside {
                                    t.fill(t.timeline_today, &[("date", &today_text)])
                                } else {
                                    t.fill(t.timeline_today_outside, &[("date", &today_text)])
                                }}
                            </p>
                            <div class="tl-scroll" data-scroll="x" on:keydown=on_key>
                                <div class="tl-chart" style=format!("--months:{}", axis.months)>
                                    <div class="tl-axis" aria-hidden="true">{ticks}</div>
                                    {inside.then(|| view! {
                                        <div class="tl-now" style=format!("left:{now_left:.4}%") aria-hidden="true" data-testid="timeline-today"></div>
                                    })}
                                    <ol class="tl-groups">{rows}</ol>
                                </div>
                            </div>
                        }
                            .erase()
                    }
                };
                let undated = (!undated.is_empty()).then(|| {
                    view! {
                        <h3>{t.timeline_undated}</h3>
                        <ul class="tl-undated" data-testid="timeline-undated">
                            {undated
                                .into_iter()
                                .map(|row| {
                                    let id = row.action.id.clone();
                                    let title = row.action.title().to_string();
                                    let status = t.action_status(row.action.status());
                                    if board.can_edit {
                                        view! {
                                            <li><button type="button" class="link-button" data-item=id.clone()
                                                on:click=move |_| board.open(&id)>{title}</button>" · "{status}</li>
                                        }
                                            .erase()
                                    } else {
                                        view! { <li>{title}" · "{status}</li> }.erase()
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                });
                view! { {chart}{undated} }
            }}
        </section>
    }
}
