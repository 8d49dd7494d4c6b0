//! `/surveys/{id}`: one survey: its source, dates, n, question and results.

use super::NotFound;
use crate::any_view::Erase;
use crate::components::{SurveyResultView, ECHARTS_SRC};
use crate::format;
use crate::model::ChartedSurvey;
use crate::server_fns::surveys::get_survey;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::{Script, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let survey = Resource::new(id, get_survey);
    let t = t();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match survey.await {
                    Ok(Some(charted)) => view! { <SurveyView charted/> }.erase(),
                    Ok(None) => view! { <NotFound/> }.erase(),
                    Err(_) => view! { <p role="alert">{t.survey_load_failed}</p> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SurveyView(charted: ChartedSurvey) -> impl IntoView {
    let t = t();
    let results: Vec<_> = charted
        .survey
        .results
        .iter()
        .map(|r| (r.clone(), charted.chart(&r.key)))
        .collect();
    let survey = charted.survey;
    let n = survey
        .respondents
        .map(format::number)
        .unwrap_or_else(|| t.not_known.to_string());
    let id = survey.id.clone();
    view! {
        <Title text=survey.title.clone()/>
        // ECharts is loaded here only, never on the map or other pages.
        <Script src=ECHARTS_SRC defer="defer"/>
        <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/surveys">{t.nav_surveys}</a></nav>
        <article class="survey-page" data-survey-page=survey.id.clone()>
            <h1>{survey.title.clone()}</h1>
            <dl class="facts survey-facts">
                <dt>{t.organiser}</dt><dd>{survey.organiser.clone()}</dd>
                <dt>{t.method}</dt><dd>{survey.method.clone()}</dd>
                <dt>{t.period}</dt><dd data-testid="survey-period">{survey.period.clone()}</dd>
                <dt>{t.respondents}</dt>
                <dd data-testid="survey-n">
                    {n}
                    {(!survey.respondents_note.is_empty()).then(|| view! { <span class="hint">" – "{survey.respondents_note.clone()}</span> })}
                </dd>
                <dt>{t.question}</dt><dd data-testid="survey-question">{survey.question.clone()}</dd>
            </dl>
            {(!survey.summary.is_empty()).then(|| view! {
                <p class="key-finding"><strong>{t.key_finding}" "</strong>{survey.summary.clone()}</p>
            })}
            <div class="survey-results">
                {results
                    .into_iter()
                    .map(|(result, chart)| view! { <SurveyResultView survey_id=id.clone() result chart/> })
                    .collect_view()}
                {survey
                    .findings
                    .into_iter()
                    .map(|f| view! {
                        <section class="card finding">
                            <h2>{f.title}</h2>
                            <ul>{f.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                        </section>
                    })
                    .collect_view()}
            </div>
        </article>
    }
}
