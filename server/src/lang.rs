//! `GET /lang/{fi|sv|en}?next=<local path>`: the language switcher's
//! links. Sets the `lang` cookie (a year, `SameSite=Lax`, `Path=/`) and
//! sends the visitor back to `next`, which must be a path of this site;
//! anything else (`//host`, `https://...`) goes to `/`. Works without
//! JavaScript.

use app::i18n::Locale;
use app::url::is_https;
use app::url::safe_next;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(
    Path(code): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> Response {
    let Some(locale) = Locale::from_code(&code).filter(|l| l.code() == code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let next = safe_next(query.next);
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, next),
            (header::SET_COOKIE, locale.set_cookie(is_https(&headers))),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}
