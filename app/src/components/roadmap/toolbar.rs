//! The view switch, the filters (a GET form: the filter lives in the URL
//! and works without JavaScript), exports and print.

use crate::components::PrintButton;
use crate::model::{area_short_name, InfluencePlace, AREA_CODES};
use crate::roadmap::filter::{Grouping, RoadmapFilter};
use crate::roadmap::{ActionStatus, Theme};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::components::Form;

fn query_string(pairs: &[(&str, String)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::url::url_encode(v)))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

#[component]
pub fn Toolbar(filter: Memo<RoadmapFilter>, grouping: Memo<Grouping>) -> impl IntoView {
    let t = t();
    let locale = crate::i18n::locale();
    let views = [
        (Grouping::Theme, t.view_by_theme),
        (Grouping::Place, t.view_by_place),
        (Grouping::List, t.view_list),
        (Grouping::Timeline, t.view_timeline),
    ];
    let query = leptos_router::hooks::use_query_map();
    // The timeline's own grouping (`by=goal`) survives a new filter.
    let by = move || {
        query
            .read()
            .get(super::timeline::BY)
            .filter(|b| b == "goal")
    };
    let link_for = move |g: Grouping| {
        let mut pairs: Vec<(&str, String)> = filter.get().to_pairs();
        if g != Grouping::Theme {
            pairs.push(("view", g.key().to_string()));
        }
        format!("/roadmap{}", query_string(&pairs))
    };
    let export = move |path: &str| format!("{path}{}", query_string(&filter.get().to_pairs()));
    let f = move || filter.get();
    // On paper, the filters in words (the address is printed too).
    let filters_text = move || {
        let f = filter.get();
        let mut parts: Vec<String> = Vec::new();
        if let Some(code) = &f.area {
            parts.push(format!("{}: {}", t.col_area, area_short_name(code, locale)));
        }
        if let Some(x) = f.theme {
            parts.push(format!("{}: {}", t.field_theme, t.theme_title(x)));
        }
        if let Some(x) = f.place {
            parts.push(format!("{}: {}", t.field_place, t.place_title(x)));
        }
        if let Some(x) = f.status {
            parts.push(format!("{}: {}", t.status, t.action_status(x)));
        }
        if !f.owner.is_empty() {
            parts.push(format!("{}: {}", t.field_owner, f.owner));
        }
        if !f.q.is_empty() {
            parts.push(format!("{}: {}", t.search_text, f.q));
        }
        if parts.is_empty() {
            t.print_no_filters.to_string()
        } else {
            t.fill(t.print_filters, &[("filters", &parts.join(", "))])
        }
    };
    view! {
        <p class="print-only print-filters" data-testid="print-filters">{filters_text}</p>
        <nav class="view-switch" aria-label=t.view_label>
            {views
                .into_iter()
                .map(|(g, label)| view! {
                    <a href=move || link_for(g) aria-current=move || (grouping.get() == g).then_some("page")>{label}</a>
                })
                .collect_view()}
        </nav>
        <Form method="GET" action="/roadmap" attr:class="roadmap-filters" attr:aria-label=t.filter_label>
            <input type="hidden" name="view" prop:value=move || grouping.get().key()/>
            {move || by().map(|b| view! { <input type="hidden" name=super::timeline::BY value=b/> })}
            <div class="field">
                <label for="filter-area">{t.col_area}</label>
                <select id="filter-area" name="area" prop:value=move || f().area.unwrap_or_default()>
                    <option value="">{t.all}</option>
                    {AREA_CODES.into_iter().map(|c| view! { <option value=c>{area_short_name(c, locale)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-theme">{t.field_theme}</label>
                <select id="filter-theme" name="theme" prop:value=move || f().theme.map(|x| x.key()).unwrap_or_default()>
                    <option value="">{t.all}</option>
                    {Theme::ALL.into_iter().map(|x| view! { <option value=x.key()>{t.theme_title(x)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-place">{t.field_place}</label>
                <select id="filter-place" name="place" prop:value=move || f().place.map(|x| x.key()).unwrap_or_default()>
                    <option value="">{t.all}</option>
                    {InfluencePlace::ALL.into_iter().map(|x| view! { <option value=x.key()>{t.place_title(x)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-status">{t.status}</label>
                <select id="filter-status" name="status" prop:value=move || f().status.map(|x| x.key()).unwrap_or_default()>
                    <option value="">{t.all}</option>
                    {ActionStatus::ALL.into_iter().map(|x| view! { <option value=x.key()>{t.action_status(x)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-owner">{t.field_owner}</label>
                <input id="filter-owner" name="owner" type="text" prop:value=move || f().owner/>
            </div>
            <div class="field">
                <label for="filter-q">{t.search_text}</label>
                <input id="filter-q" name="q" type="search" prop:value=move || f().q/>
            </div>
            <div class="filter-buttons">
                <button type="submit">{t.filter_apply}</button>
                <a href=move || link_for_view(grouping.get())>{t.filter_clear}</a>
            </div>
        </Form>
        <p class="exports">
            <a href=move || export("/api/v1/roadmap.csv") download=t.csv_file_name data-testid="export-csv">{t.download_csv}</a>
            " · "
            <a href=move || export("/api/v1/roadmap") data-testid="export-json">"JSON"</a>
            " · "
            <PrintButton/>
            {move || (!filter.get().is_empty()).then(|| view! { <span class="filter-note">" "{t.filtered_note}</span> })}
        </p>
    }
}

fn link_for_view(g: Grouping) -> String {
    if g == Grouping::Theme {
        "/roadmap".into()
    } else {
        format!("/roadmap?view={}", g.key())
    }
}
