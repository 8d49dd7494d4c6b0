//! Server functions (Leptos `#[server]`), one module per domain: the page
//! components call them; on the server they run against the store, in the
//! browser they become HTTP calls (`/api/...`). The public JSON and CSV
//! API, `/api/v1/...`, is not here but in `server/src/rest.rs`.

pub mod accounts;
pub mod areas;
pub mod inbox;
pub mod mail;
pub mod roadmap;
pub mod search;
pub mod site;
pub mod surveys;

/// What every server function needs from its request: headers, session,
/// store. Failures are `AppError`s, whose status the response gets when
/// they are encoded (`error.rs`).
#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::auth::session::{self, authorize, authorize_read, Signed};
    use crate::auth::Role;
    use crate::error::AppError;
    use crate::store::Store;
    use leptos::prelude::*;

    /// The request's headers (server functions and pages alike).
    pub fn headers() -> axum::http::HeaderMap {
        use_context::<axum::http::request::Parts>()
            .map(|p| p.headers)
            .unwrap_or_default()
    }

    /// The live session of this request, if any.
    pub async fn signed() -> Result<Option<Signed>, AppError> {
        Ok(session::from_headers(&store()?, &headers()).await?)
    }

    /// Every write goes through this: a live session, at least `role`,
    /// and the session's anti-forgery token. Refusals are 401 or 403.
    pub async fn require(role: Role, csrf: &str) -> Result<Signed, AppError> {
        Ok(authorize(signed().await?, role, csrf)?)
    }

    /// Reads that only some roles may make (no token: reads change
    /// nothing).
    pub async fn require_read(role: Role) -> Result<Signed, AppError> {
        Ok(authorize_read(signed().await?, role)?)
    }

    /// The shared application state that the server provides as context.
    pub fn store() -> Result<Store, AppError> {
        use_context::<Store>().ok_or_else(|| AppError::internal("store missing from context"))
    }

    /// Hands a change to this process's writer (the one write path of the
    /// change log) as `by` made it, refusals in the request's language.
    pub async fn submit(
        req: crate::roadmap::ChangeRequest,
        by: crate::auth::Actor,
    ) -> Result<crate::roadmap::Entry, AppError> {
        let submitter = use_context::<crate::roadmap::submit::Submitter>()
            .ok_or_else(|| AppError::internal("writer missing from context"))?;
        let (entry, _) = submitter.submit(req, by, crate::i18n::locale()).await?;
        Ok(entry)
    }

    /// Writes an audit line for something that has already happened: a
    /// lost line is logged and the action stands (it cannot be undone
    /// because its record failed).
    pub async fn audit(store: &Store, account: &str, action: &str, target: &str, detail: &str) {
        if let Err(e) = store.audit(account, action, target, detail).await {
            tracing::error!("cannot write the audit log ({action} by {account}): {e}");
        }
    }
}
