//! `/activity`: what changed in the workspace, newest first, filtered by
//! area, theme and kind (a GET form, so it works without JavaScript and
//! the address can be shared).

use crate::any_view::Erase;
use crate::format;
use crate::model::{area_short_name, AREA_CODES};
use crate::roadmap::activity::{ActivityKind, ActivityLine, ActivityView};
use crate::roadmap::Theme;
use crate::server_fns::inbox::get_activity;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const KEYS: [&str; 4] = ["area", "theme", "kind", "since"];

#[component]
pub fn ActivityPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let pairs = Memo::new(move |_| {
        query.with(|q| {
            KEYS.iter()
                .filter_map(|k| q.get(k).map(|v| (k.to_string(), v)))
                .collect::<Vec<_>>()
        })
    });
    let lines = Resource::new(move || pairs.get(), get_activity);
    let chosen =
        move |k: &str| pairs.with(|p| p.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
    let locale = crate::i18n::locale();
    view! {
        <Title text=t.nav_activity/>
        <article class="activity-page">
            <h1>{t.nav_activity}</h1>
            <p class="intro">{t.activity_intro}</p>
            <form method="get" action="/activity" class="activity-filters" aria-label=t.activity_filters>
                <div class="field">
                    <label for="activity-area">{t.activity_area_label}</label>
                    <select id="activity-area" name="area" prop:value=move || chosen("area").unwrap_or_default()>
                        <option value="">{t.activity_area_all}</option>
                        {AREA_CODES.iter().map(|c| view! {
                            <option value=*c selected=move || chosen("area").as_deref() == Some(*c)>{area_short_name(c, locale)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="activity-theme">{t.activity_theme_label}</label>
                    <select id="activity-theme" name="theme" prop:value=move || chosen("theme").unwrap_or_default()>
                        <option value="">{t.activity_theme_all}</option>
                        {Theme::ALL.into_iter().map(|th| view! {
                            <option value=th.key() selected=move || chosen("theme").as_deref() == Some(th.key())>{t.theme_title(th)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="activity-kind">{t.activity_kind_label}</label>
                    <select id="activity-kind" name="kind" prop:value=move || chosen("kind").unwrap_or_default()>
                        <option value="">{t.activity_kind_all}</option>
                        {ActivityKind::ALL.into_iter().map(|k| view! {
                            <option value=k.key() selected=move || chosen("kind").as_deref() == Some(k.key())>{kind_label(k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t.activity_show}</button>
            </form>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match lines.await {
                        Ok(page) if page.lines.is_empty() => view! {
                            <SinceVisit page=page.clone()/>
                            <p data-testid="no-activity">{t.activity_none}</p>
                        }.erase(),
                        Ok(page) => view! {
                            <SinceVisit page=page.clone()/>
                            <ol class="activity-list" data-testid="activity">
                                {page.lines.iter().map(|l| view! { <Line l=l.clone() new=page.is_new(l)/> }).collect_view()}
                            </ol>
                        }.erase(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                    }
                })}
            </Transition>
        </article>
    }
}

fn kind_label(k: ActivityKind) -> &'static str {
    let t = t();
    match k {
        ActivityKind::Change => t.activity_kind_change,
        ActivityKind::Comment => t.activity_kind_comment,
        ActivityKind::Visit => t.activity_kind_visit,
        ActivityKind::Survey => t.activity_kind_survey,
    }
}

/// How much is new since the reader's previous visit (nothing for someone
/// not signed in, or on a first visit).
#[component]
fn SinceVisit(page: ActivityView) -> impl IntoView {
    let t = t();
    let last = page.last_visit.clone()?;
    let n = page.lines.iter().filter(|l| page.is_new(l)).count();
    let time = format::timestamp(&last);
    let text = if n == 0 {
        t.fill(t.activity_nothing_new, &[("time", &time)])
    } else {
        t.fill(
            t.activity_since_visit,
            &[("n", &n.to_string()), ("time", &time)],
        )
    };
    Some(
        view! { <p class="since-visit" data-testid="since-visit" data-new=n.to_string()>{text}</p> },
    )
}

#[component]
fn Line(l: ActivityLine, new: bool) -> impl IntoView {
    let t = t();
    let a = l.activity;
    let what = if a.kind == ActivityKind::Survey {
        t.activity_imported.to_string()
    } else if a.kind == ActivityKind::Comment {
        t.activity_commented.to_string()
    } else if a.created {
        t.activity_created.to_string()
    } else {
        let fields: Vec<&str> = a.fields.iter().map(|f| t.field_label(f)).collect();
        t.fill(t.activity_changed, &[("fields", &fields.join(", "))])
    };
    let href = match &a.comment {
        Some(c) if !l.url.contains('?') => format!("{}#comment-{c}", l.url),
        _ => l.url.clone(),
    };
    view! {
        <li class="activity-line" data-kind=a.kind.key() data-item=a.item.clone() data-new=new.to_string()>
            {new.then(|| view! { <span class="new-badge">{t.activity_new}</span>" " })}
            <time datetime=a.at.clone()>{format::timestamp(&a.at)}</time>" "
            <strong>{a.by.clone()}</strong>" "{what}" "
            <a href=href>{l.title}</a>
        </li>
    }
}
