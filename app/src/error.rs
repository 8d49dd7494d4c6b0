//! The one error type of a request: every server function returns it, the
//! JSON API (`server/src/rest.rs`) answers with it, and the browser shows
//! it. Each kind has its HTTP status and a machine-readable code; the
//! message is already in the language of the request (it comes from the
//! catalogue, `text.rs`), so the page shows it as it is.
//!
//! Errors of the layers below (`StoreError`, `Denied`, the validators')
//! convert into it with `?`, so a server function never picks a status or
//! a message for a failure that the conversion already knows.

use serde::{Deserialize, Serialize};

/// What went wrong, as the user and an API client see it.
///
/// Serialized as `{"error": "<code>", "message": "..."}`, the body of every
/// refused `/api/v1/...` request and of every failed server function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", content = "message", rename_all = "snake_case")]
pub enum AppError {
    /// 401: sign in first.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: signed in, but not allowed (or the anti-forgery token is wrong).
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such area, survey, item or question.
    #[error("{0}")]
    NotFound(String),
    /// 422: the input is refused; the message says why.
    #[error("{0}")]
    Invalid(String),
    /// 429: too many attempts; the response also says when to try again.
    #[error("{0}")]
    TooManyRequests(String),
    /// 503: the database did not answer (the cause is in the server's log,
    /// never in the message).
    #[error("{0}")]
    Unavailable(String),
    /// 500: a fault of the server (logged where it happens).
    #[error("{0}")]
    Internal(String),
    /// The request did not reach the server or its answer could not be
    /// read: made in the browser, never sent by the server.
    #[error("{0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized(_) => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) => 422,
            AppError::TooManyRequests(_) => 429,
            AppError::Unavailable(_) => 503,
            AppError::Internal(_) | AppError::Transport(_) => 500,
        }
    }

    /// The machine-readable code (the JSON body's `error`).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// The message for the user, in the request's language.
    pub fn message(&self) -> &str {
        match self {
            AppError::Unauthorized(m)
            | AppError::Forbidden(m)
            | AppError::NotFound(m)
            | AppError::Invalid(m)
            | AppError::TooManyRequests(m)
            | AppError::Unavailable(m)
            | AppError::Internal(m)
            | AppError::Transport(m) => m,
        }
    }

    /// Refused input (the caller's mistake, not a fault of the server).
    pub fn invalid(e: impl std::fmt::Display) -> Self {
        AppError::Invalid(e.to_string())
    }

    /// A fault of the server: logged here with its cause, shown to the
    /// user as the catalogue's general message.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!("internal error: {cause}");
        #[cfg(not(feature = "ssr"))]
        let _ = cause;
        AppError::Internal(crate::text::t().err_internal.to_string())
    }
}

/// How the server function framework carries it: as JSON, and its own
/// failures (no network, an unreadable answer, bad arguments) become one
/// of ours. On the server, encoding the error for the response is also
/// where the response gets the error's status: one place for all server
/// functions.
impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        let t = crate::text::t();
        match value {
            E::Args(e) | E::MissingArg(e) => {
                AppError::Invalid(format!("{}: {e}", t.err_bad_request))
            }
            E::ServerError(e) => AppError::Internal(e),
            E::Request(e) => AppError::Transport(format!("{}: {e}", t.err_no_connection)),
            other => AppError::Transport(format!("{}: {other}", t.save_failed)),
        }
    }

    fn ser(&self) -> leptos::server_fn::Bytes {
        // The status says what went wrong, except to a browser posting a
        // form itself (no JavaScript, so it asks for HTML): server_fn
        // answers that with a redirect back to the page, the error in the
        // address for the form to show, and a status set here would turn
        // the redirect into a bare error body.
        #[cfg(feature = "ssr")]
        if let (Some(response), Ok(code), false) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(self.status()),
            browser_form_post(),
        ) {
            response.set_status(code);
        }
        use leptos::server_fn::Encodes;
        leptos::server_fn::codec::JsonEncoding::encode(self).unwrap_or_else(|_| {
            // Every variant is a string, so encoding cannot fail; the
            // trait still wants an answer.
            leptos::server_fn::Bytes::from_static(br#"{"error":"internal","message":""}"#)
        })
    }
}

/// Whether this request is a browser's own form post (it accepts HTML).
#[cfg(feature = "ssr")]
fn browser_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
    })
}

#[cfg(feature = "ssr")]
mod from_server {
    //! The conversions that only the server needs (its errors do not
    //! exist in the browser).
    use super::AppError;
    use crate::auth::session::Denied;
    use crate::store::{AccountError, StoreError};

    impl From<StoreError> for AppError {
        fn from(e: StoreError) -> Self {
            match e {
                StoreError::Invalid(v) => AppError::invalid(v),
                StoreError::NotFound => {
                    AppError::NotFound(crate::text::t().err_area_not_found.to_string())
                }
                other => {
                    tracing::error!("store error: {other}");
                    AppError::Unavailable(crate::text::t().err_database.to_string())
                }
            }
        }
    }

    impl From<Denied> for AppError {
        fn from(d: Denied) -> Self {
            match d {
                Denied::SignedOut => AppError::Unauthorized(d.to_string()),
                Denied::Forbidden | Denied::Csrf => AppError::Forbidden(d.to_string()),
            }
        }
    }

    impl From<AccountError> for AppError {
        fn from(e: AccountError) -> Self {
            match e {
                AccountError::Store(e) => e.into(),
                other => AppError::invalid(other),
            }
        }
    }

    impl axum::response::IntoResponse for AppError {
        fn into_response(self) -> axum::response::Response {
            let status = axum::http::StatusCode::from_u16(self.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(self)).into_response()
        }
    }
}

/// A change the writer refused, with the status of its reason.
impl From<crate::roadmap::ChangeError> for AppError {
    fn from(e: crate::roadmap::ChangeError) -> Self {
        use crate::roadmap::ErrorCode;
        match e.code {
            ErrorCode::Invalid
            | ErrorCode::BadMessage
            | ErrorCode::BadJson
            | ErrorCode::TooLarge => AppError::Invalid(e.message),
            ErrorCode::NotFound => AppError::NotFound(e.message),
            ErrorCode::Unauthorized => AppError::Unauthorized(e.message),
            ErrorCode::Forbidden => AppError::Forbidden(e.message),
            ErrorCode::RateLimited => AppError::TooManyRequests(e.message),
            ErrorCode::Busy | ErrorCode::HelloFirst | ErrorCode::Version => {
                AppError::Unavailable(e.message)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AppError;

    #[test]
    fn serializes_as_the_json_apis_error_body() {
        let e = AppError::NotFound("Aluetta ei löytynyt.".into());
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": "not_found", "message": "Aluetta ei löytynyt."})
        );
        assert_eq!(json["error"], e.code());
        assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), e);
    }

    #[test]
    fn every_kind_has_its_status_and_a_distinct_code() {
        let all = [
            AppError::Unauthorized(String::new()),
            AppError::Forbidden(String::new()),
            AppError::NotFound(String::new()),
            AppError::Invalid(String::new()),
            AppError::TooManyRequests(String::new()),
            AppError::Unavailable(String::new()),
            AppError::Internal(String::new()),
            AppError::Transport(String::new()),
        ];
        let statuses: Vec<u16> = all.iter().map(AppError::status).collect();
        assert_eq!(statuses, [401, 403, 404, 422, 429, 503, 500, 500]);
        let mut codes: Vec<&str> = all.iter().map(AppError::code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        // The serde tag and `code()` agree for every kind.
        for e in &all {
            assert_eq!(serde_json::to_value(e).unwrap()["error"], e.code());
        }
    }
}
