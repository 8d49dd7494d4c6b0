//! The view switch, the filters (a GET form: the filter lives in the URL
//! and works without JavaScript), exports and print.

use crate::model::{InfluencePlace, AREA_CODES};
use crate::roadmap::filter::{Grouping, RoadmapFilter};
use crate::roadmap::{ActionStatus, Theme};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::components::Form;

fn query_string(pairs: &[(&str, String)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::format::url_encode(v)))
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
    let views = [
        (Grouping::Theme, "Teemoittain"),
        (Grouping::Place, "Vaikuttamisen paikoittain"),
        (Grouping::List, "Luettelona"),
    ];
    let link_for = move |g: Grouping| {
        let mut pairs: Vec<(&str, String)> = filter.get().to_pairs();
        if g != Grouping::Theme {
            pairs.push(("view", g.key().to_string()));
        }
        format!("/roadmap{}", query_string(&pairs))
    };
    let export = move |path: &str| format!("{path}{}", query_string(&filter.get().to_pairs()));
    let f = move || filter.get();
    view! {
        <nav class="view-switch" aria-label="Näkymä">
            {views
                .into_iter()
                .map(|(g, label)| view! {
                    <a href=move || link_for(g) aria-current=move || (grouping.get() == g).then_some("page")>{label}</a>
                })
                .collect_view()}
        </nav>
        <Form method="GET" action="/roadmap" attr:class="roadmap-filters" attr:aria-label="Rajaa toimenpiteitä">
            <input type="hidden" name="view" prop:value=move || grouping.get().key()/>
            <div class="field">
                <label for="filter-area">"Alue"</label>
                <select id="filter-area" name="area" prop:value=move || f().area.unwrap_or_default()>
                    <option value="">"Kaikki"</option>
                    {AREA_CODES.into_iter().map(|c| view! { <option value=c>{c}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-theme">"Teema"</label>
                <select id="filter-theme" name="theme" prop:value=move || f().theme.map(|x| x.key()).unwrap_or_default()>
                    <option value="">"Kaikki"</option>
                    {Theme::ALL.into_iter().map(|x| view! { <option value=x.key()>{t.theme_title(x)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-place">"Vaikuttamisen paikka"</label>
                <select id="filter-place" name="place" prop:value=move || f().place.map(|x| x.key()).unwrap_or_default()>
                    <option value="">"Kaikki"</option>
                    {InfluencePlace::ALL.into_iter().map(|x| view! { <option value=x.key()>{t.place_title(x)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-status">"Tila"</label>
                <select id="filter-status" name="status" prop:value=move || f().status.map(|x| x.key()).unwrap_or_default()>
                    <option value="">"Kaikki"</option>
                    {ActionStatus::ALL.into_iter().map(|x| view! { <option value=x.key()>{t.action_status(x)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-owner">"Vastuuorganisaatio"</label>
                <input id="filter-owner" name="owner" type="text" prop:value=move || f().owner/>
            </div>
            <div class="field">
                <label for="filter-q">"Hae tekstistä"</label>
                <input id="filter-q" name="q" type="search" prop:value=move || f().q/>
            </div>
            <div class="filter-buttons">
                <button type="submit">"Rajaa"</button>
                <a href=move || link_for_view(grouping.get())>"Poista rajaukset"</a>
            </div>
        </Form>
        <p class="exports">
            <a href=move || export("/api/v1/roadmap.csv") download="tiekartta.csv" data-testid="export-csv">"Lataa CSV"</a>
            " · "
            <a href=move || export("/api/v1/roadmap") data-testid="export-json">"JSON"</a>
            " · "
            <button type="button" class="link-button" on:click=move |_| {
                #[cfg(feature = "hydrate")]
                let _ = window().print();
            }>"Tulosta"</button>
            {move || (!filter.get().is_empty()).then(|| view! { <span class="filter-note">" (rajattu näkymä)"</span> })}
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
