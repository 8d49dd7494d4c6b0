//! Pages other sites may put in an `<iframe>`: `/embed/map?indicator=…`
//! (the map and its legend) and `/embed/surveys/{id}/{question}` (one
//! question's chart and table). No header, footer, sign-in or live
//! connection; links open the full app in a new tab; the server sets no
//! cookie and lets any site frame these paths only
//! (`server/src/security.rs`). `?lang=sv|en` picks the language, since a
//! framed page does not get the reader's own cookie.

use super::NotFound;
use crate::any_view::Erase;
use crate::components::{FinlandMap, Legend, SurveyResultView, ECHARTS_SRC};
use crate::server_fns::areas::list_areas;
use crate::server_fns::surveys::get_survey;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::{Script, Title};
use leptos_router::hooks::use_params_map;

/// The map, coloured by one indicator, with its legend.
#[component]
pub fn EmbedMapPage() -> impl IntoView {
    let t = t();
    let indicator = crate::components::indicator_in_url();
    let areas = Resource::new(|| (), |_| list_areas());
    let full = move || format!("/?indicator={}", indicator.get().key());
    view! {
        <Title text=t.map_title/>
        <div class="embed" data-testid="embed-map">
            <p class="embed-title">{t.site_name}": "{move || t.indicator(indicator.get())}</p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match areas.await {
                        Ok(areas) => {
                            let areas = Signal::stored(areas);
                            view! {
                                <FinlandMap areas indicator new_tab=true/>
                                <Legend indicator/>
                            }
                                .erase()
                        }
                        Err(_) => view! { <p role="alert">{t.load_failed}</p> }.erase(),
                    }
                })}
            </Suspense>
            <p class="embed-source">
                <a href=full target="_blank" rel="noopener">{t.embed_open_full}</a>
            </p>
        </div>
    }
}

/// One question of a survey: its chart, summary and table.
#[component]
pub fn EmbedSurveyPage() -> impl IntoView {
    let t = t();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").unwrap_or_default(),
            p.get("question").unwrap_or_default(),
        )
    };
    let survey = Resource::new(move || key().0, get_survey);
    view! {
        <Script src=ECHARTS_SRC defer="defer"/>
        <div class="embed" data-testid="embed-survey">
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let question = key().1;
                    match survey.await {
                        Ok(Some(charted)) => match charted.survey.results.iter().find(|r| r.key == question).cloned() {
                            Some(result) => {
                                let chart = charted.chart(&result.key);
                                let survey = charted.survey;
                                let full = format!("/surveys/{}", survey.id);
                                view! {
                                    <Title text=survey.title.clone()/>
                                    <p class="embed-title">{survey.title.clone()}</p>
                                    <SurveyResultView survey_id=survey.id.clone() result chart embed=false/>
                                    <p class="embed-source">
                                        <a href=full target="_blank" rel="noopener">{t.embed_open_full}</a>
                                    </p>
                                }
                                    .erase()
                            }
                            None => view! { <NotFound/> }.erase(),
                        },
                        Ok(None) => view! { <NotFound/> }.erase(),
                        Err(_) => view! { <p role="alert">{t.survey_load_failed}</p> }.erase(),
                    }
                })}
            </Suspense>
        </div>
    }
}
