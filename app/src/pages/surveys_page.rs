//! `/surveys`: the surveys, and importing a new one from CSV.

use crate::any_view::Erase;
use crate::auth::context::{use_auth, EditNote};
use crate::components::SurveyImport;
use crate::format;
use crate::server_fns::surveys::{list_surveys, ImportSurvey};
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SurveysPage() -> impl IntoView {
    let import = ServerAction::<ImportSurvey>::new();
    let auth = use_auth();
    // The list reloads after every import.
    let surveys = Resource::new(move || import.version().get(), |_| list_surveys());
    let t = t();
    view! {
        <Title text=t.nav_surveys/>
        <h1>{t.nav_surveys}</h1>
        <p class="lead">{t.surveys_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match surveys.await {
                    Ok(list) => view! {
                        <ul class="survey-list">
                            {list
                                .into_iter()
                                .map(|s| {
                                    let n = s
                                        .respondents
                                        .map(|n| format!(" · {}", t.fill(t.respondents_n, &[("n", &format::number(n))])))
                                        .unwrap_or_default();
                                    view! {
                                        <li class="card" data-survey=s.id.clone()>
                                            <h2><a href=format!("/surveys/{}", s.id)>{s.title.clone()}</a></h2>
                                            <p class="hint">{format!("{}{n}", s.period)}</p>
                                            <p>{s.summary.clone()}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .erase(),
                    Err(_) => view! { <p role="alert">{t.surveys_load_failed}</p> }.erase(),
                }
            })}
        </Suspense>
        // Only editors get the import; the rest a note on how to get there.
        <Transition fallback=|| ()>
            {move || {
                if auth.can_edit() {
                    view! { <SurveyImport import/> }.erase()
                } else {
                    view! {
                        <section class="card import" aria-labelledby="import-title">
                            <h2 id="import-title">{t.import_title}</h2>
                            <EditNote/>
                        </section>
                    }.erase()
                }
            }}
        </Transition>
    }
}
