//! `/surveys`: the surveys, and importing a new one from CSV.

use crate::api::{list_surveys, ImportSurvey};
use crate::auth::context::{use_auth, EditNote};
use crate::components::SurveyImport;
use crate::format;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SurveysPage() -> impl IntoView {
    let import = ServerAction::<ImportSurvey>::new();
    let auth = use_auth();
    // The list reloads after every import.
    let surveys = Resource::new(move || import.version().get(), |_| list_surveys());
    view! {
        <Title text="Kyselyt"/>
        <h1>"Kyselyt"</h1>
        <p class="lead">
            "Mitä järjestöt ovat vastanneet kyselyissä hyvinvointialueiden ja järjestöjen yhteistyöstä. \
             Jokaisen kyselyn sivulla on lähde, ajankohta, vastaajamäärä, kysymys ja tulokset taulukkoina."
        </p>
        <Suspense fallback=|| view! { <p>"Ladataan…"</p> }>
            {move || Suspend::new(async move {
                match surveys.await {
                    Ok(list) => view! {
                        <ul class="survey-list">
                            {list
                                .into_iter()
                                .map(|s| {
                                    let n = s
                                        .respondents
                                        .map(|n| format!(" · {} vastaajaa", format::number(n)))
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
                        .into_any(),
                    Err(_) => view! { <p role="alert">"Kyselyjen lataus epäonnistui."</p> }.into_any(),
                }
            })}
        </Suspense>
        // Only editors get the import; the rest a note on how to get there.
        <Transition fallback=|| ()>
            {move || {
                if auth.can_edit() {
                    view! { <SurveyImport import/> }.into_any()
                } else {
                    view! {
                        <section class="card import" aria-labelledby="import-title">
                            <h2 id="import-title">"Tuo kyselyn tulokset CSV-tiedostosta"</h2>
                            <EditNote/>
                        </section>
                    }.into_any()
                }
            }}
        </Transition>
    }
}
