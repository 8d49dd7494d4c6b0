//! Pieces shared by the area page's edit forms.

use crate::api::error_message;
use crate::format;
use crate::model::{Stamp, MAX_EDITOR};
use crate::text::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The editor's name is typed once and reused by every form (and
/// remembered in this browser), until accounts replace it.
#[derive(Clone, Copy)]
struct EditorName(RwSignal<String>);

#[cfg(feature = "hydrate")]
const EDITOR_KEY: &str = "ngo-workspace.editor";

pub fn editor_name() -> RwSignal<String> {
    if let Some(EditorName(name)) = use_context::<EditorName>() {
        return name;
    }
    let name = RwSignal::new(String::new());
    provide_context(EditorName(name));
    #[cfg(feature = "hydrate")]
    {
        // Restore after hydration so the server-rendered HTML matches.
        Effect::new(move |_| {
            if let Some(saved) = storage().and_then(|s| s.get_item(EDITOR_KEY).ok().flatten()) {
                if name.get_untracked().is_empty() {
                    name.set(saved);
                }
            }
        });
    }
    name
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// "Your name" input, bound to the shared editor name.
#[component]
pub fn EditorField(form_id: &'static str) -> impl IntoView {
    let t = t();
    let name = editor_name();
    let id = format!("{form_id}-editor");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{t.editor_name}</label>
            <input
                id=id
                name="editor"
                type="text"
                autocomplete="name"
                maxlength=MAX_EDITOR.to_string()
                aria-describedby=hint_id.clone()
                prop:value=move || name.get()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    #[cfg(feature = "hydrate")]
                    if let Some(s) = storage() {
                        let _ = s.set_item(EDITOR_KEY, &value);
                    }
                    name.set(value);
                }
            />
            <p class="hint" id=hint_id>{t.editor_hint}</p>
        </div>
    }
}

/// Saving…, saved, or the server's explanation of what was wrong.
#[component]
pub fn FormFeedback<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let t = t();
    view! {
        <div class="form-feedback" aria-live="polite">
            {move || {
                if action.pending().get() {
                    return view! { <p class="form-pending">{t.saving}</p> }.into_any();
                }
                match action.value().get() {
                    Some(Err(e)) => {
                        view! { <p class="form-error" role="alert">{error_message(&e)}</p> }.into_any()
                    }
                    Some(Ok(_)) => view! { <p class="form-ok">{t.saved}</p> }.into_any(),
                    None => ().into_any(),
                }
            }}
        </div>
    }
}

/// "Changed 22.11.2026 at 9.05 UTC by Anna" or "No changes".
#[component]
pub fn StampLine(#[prop(into)] stamp: Signal<Stamp>) -> impl IntoView {
    let t = t();
    view! {
        <p class="stamp">
            {move || {
                let stamp = stamp.get();
                match (stamp.updated_at, stamp.updated_by) {
                    (Some(at), by) => {
                        let by = by.map(|b| format!(", {} {b}", t.by)).unwrap_or_default();
                        format!("{} {}{by}", t.last_changed, format::timestamp(&at))
                    }
                    _ => t.never_changed.to_string(),
                }
            }}
        </p>
    }
}
