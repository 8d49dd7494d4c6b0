//! Pieces shared by the area page's edit forms.

use crate::api::error_message;
use crate::format;
use crate::model::Stamp;
use crate::text::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Where a form's last edit is when it could not be sent at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Queued {
    /// Sent directly (or not submitted yet).
    #[default]
    No,
    /// Waiting on this device.
    Waiting,
    /// Was waiting, has now been stored by the server.
    Sent,
}

/// Saving…, saved, kept on this device for later (`queued`), or what was
/// wrong: found before sending (`invalid`) or told by the server.
#[component]
pub fn FormFeedback<S>(
    action: ServerAction<S>,
    #[prop(optional, into)] queued: Option<Signal<Queued>>,
    #[prop(optional, into)] invalid: Option<Signal<Option<String>>>,
) -> impl IntoView
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
                if let Some(why) = invalid.and_then(|i| i.get()) {
                    return view! { <p class="form-error" role="alert">{why}</p> }.into_any();
                }
                match queued.map(|q| q.get()) {
                    Some(Queued::Waiting) => {
                        return view! { <p class="form-queued" data-testid="form-queued">{t.area_queued}</p> }.into_any();
                    }
                    Some(Queued::Sent) => {
                        return view! { <p class="form-ok" data-testid="form-sent">{t.saved}</p> }.into_any();
                    }
                    _ => {}
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
