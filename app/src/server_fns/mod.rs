//! Server functions (Leptos `#[server]`), one module per domain: the page
//! components call them; on the server they run against the store, in the
//! browser they become HTTP calls (`/api/...`). The public JSON and CSV
//! API, `/api/v1/...`, is not here but in `server/src/rest.rs`.

pub mod accounts;
pub mod areas;
pub mod roadmap;
pub mod surveys;

use leptos::prelude::*;

/// What every server function needs from its request: headers, session,
/// store, and the status of a refusal.
#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::auth::session::{self, authorize, Denied, Signed};
    use crate::auth::Role;
    use crate::store::{Store, StoreError};
    use leptos::prelude::*;

    /// The request's headers (server functions and pages alike).
    pub fn headers() -> axum::http::HeaderMap {
        use_context::<axum::http::request::Parts>()
            .map(|p| p.headers)
            .unwrap_or_default()
    }

    /// The live session of this request, if any.
    pub async fn signed() -> Result<Option<Signed>, ServerFnError> {
        session::from_headers(&store()?, &headers())
            .await
            .map_err(failed)
    }

    /// Every write goes through this: a live session, at least `role`,
    /// and the session's anti-forgery token. Refusals are 401 or 403.
    pub async fn require(role: Role, csrf: &str) -> Result<Signed, ServerFnError> {
        authorize(signed().await?, role, csrf).map_err(denied)
    }

    pub fn denied(d: Denied) -> ServerFnError {
        status(d.status());
        ServerFnError::new(d.to_string())
    }

    pub fn status(code: u16) {
        if let (Some(response), Ok(code)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(code),
        ) {
            response.set_status(code);
        }
    }

    /// The shared application state that the server provides as context.
    pub fn store() -> Result<Store, ServerFnError> {
        use_context::<Store>().ok_or_else(|| ServerFnError::new("store missing from context"))
    }

    /// Refused input (a `ValidationError` or an `ImportError`, both of
    /// which display in the request's language): the caller's mistake, not
    /// a server fault, so 422 with the message.
    pub fn invalid(e: impl std::fmt::Display) -> ServerFnError {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY);
        }
        ServerFnError::new(e.to_string())
    }

    pub fn failed(e: StoreError) -> ServerFnError {
        match e {
            StoreError::Invalid(v) => invalid(v),
            StoreError::NotFound => ServerFnError::new(crate::text::t().err_area_not_found),
            other => {
                tracing::error!("store error: {other}");
                ServerFnError::new(crate::text::t().err_database)
            }
        }
    }
}

/// The message of a failed server call, without the framework's prefix.
pub fn error_message(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message.clone(),
        other => format!("{}: {other}", crate::text::t().save_failed),
    }
}
