//! Importing survey results from a CSV file: choose or paste, preview
//! (nothing stored, problems and warnings shown), then import (all or
//! nothing).

use super::SurveyResultView;
use crate::any_view::Erase;
use crate::auth::context::use_auth;
use crate::server_fns::surveys::{ImportSurvey, PreviewSurveyImport};
use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn SurveyImport(import: ServerAction<ImportSurvey>) -> impl IntoView {
    let csv = RwSignal::new(String::new());
    let file_error: RwSignal<Option<String>> = RwSignal::new(None);
    let preview = ServerAction::<PreviewSurveyImport>::new();
    let auth = use_auth();
    let t = t();

    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            if file.size() > crate::model::MAX_IMPORT_BYTES_F64 {
                file_error.set(Some(t.import_too_big.into()));
                return;
            }
            file_error.set(None);
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => csv.set(text.as_string().unwrap_or_default()),
                    Err(_) => file_error.set(Some(t.import_unreadable.into())),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    view! {
        <section class="card import" aria-labelledby="import-title">
            <h2 id="import-title">{t.import_title}</h2>

            <p class="hint">{t.import_help}</p>
            <pre class="example">{t.import_example}</pre>
            <div class="field">
                <label for="import-file">{t.import_file}</label>
                <input id="import-file" type="file" accept=".csv,text/csv,text/plain" on:change=on_file/>
            </div>
            <div class="field">
                <label for="import-text">{t.import_text}</label>
                <textarea id="import-text" name="csv" rows="8" spellcheck="false"
                    prop:value=move || csv.get()
                    on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
            </div>
            <div class="button-row">
                <button type="button" class="secondary" data-testid="preview-import"
                    on:click=move |_| { preview.dispatch(PreviewSurveyImport { csv: csv.get_untracked() }); }>
                    {t.import_preview}
                </button>
                <button type="button" data-testid="run-import"
                    on:click=move |_| {
                        import.dispatch(ImportSurvey { csv: csv.get_untracked(), csrf: auth.csrf() });
                    }>
                    {t.import_run}
                </button>
            </div>
            <div class="form-feedback" aria-live="polite">
                {move || file_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                {move || match import.value().get() {
                    Some(Ok(survey)) => view! {
                        <p class="form-ok" data-testid="import-ok">
                            {t.import_done}" "
                            <a href=format!("/surveys/{}", survey.id)>{survey.title}</a>
                        </p>
                    }
                        .erase(),
                    Some(Err(e)) => view! {
                        <p class="form-error" role="alert" data-testid="import-error">{e.to_string()}</p>
                    }
                        .erase(),
                    None => ().erase(),
                }}
                {move || match preview.value().get() {
                    Some(Ok(p)) => view! {
                        <div class="preview" data-testid="import-preview">
                            <h3>{t.import_preview_title}" "{p.survey.title.clone()}</h3>
                            {p.warnings
                                .into_iter()
                                .map(|w| view! { <p class="form-warning" role="status">{t.import_warning}" "{w}</p> })
                                .collect_view()}
                            {p.survey
                                .results
                                .into_iter()
                                .map(|r| view! { <SurveyResultView survey_id=String::new() result=r download=false/> })
                                .collect_view()}
                        </div>
                    }
                        .erase(),
                    Some(Err(e)) => view! {
                        <p class="form-error" role="alert" data-testid="preview-error">{e.to_string()}</p>
                    }
                        .erase(),
                    None => ().erase(),
                }}
            </div>
        </section>
    }
}
