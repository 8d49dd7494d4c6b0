//! Security headers on every response, and a refusal of cross-site writes.
//!
//! The Content-Security-Policy (see `app::security`): every request gets a
//! nonce, which the page shell puts on Leptos's inline scripts; an HTML
//! response is sent the policy allowing exactly that nonce, every other
//! response (static files, JSON, CSV, server functions, errors) the same
//! policy without one. Other headers a handler has already set are kept.
//!
//! Pages under `/embed/` are made to be framed by other sites: their policy
//! allows any frame parent, they get no `X-Frame-Options`, and no cookie
//! is ever set on them. Every other response may not be framed at all.

use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

/// The body of the refusal of a cross-site write.
pub const CROSS_SITE_REFUSED: &str = "cross-site request refused";

/// The policy for responses that are not pages: no inline script at all.
static DEFAULT_CSP: LazyLock<HeaderValue> = LazyLock::new(|| {
    HeaderValue::from_str(&app::security::content_security_policy(None))
        .expect("the policy is a valid header value")
});

const STATIC_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
];

/// The middleware (`axum::middleware::from_fn(headers)`).
pub async fn headers(mut request: Request, next: Next) -> Response {
    // Every request gets a nonce; a page's shell puts it on Leptos's inline
    // scripts, and an HTML response's policy allows exactly it.
    let nonce = app::security::CspNonce::new();
    request.extensions_mut().insert(nonce.clone());
    let embeddable = request.uri().path().starts_with(app::url::EMBED_PREFIX);
    let mut response = if is_cross_site_write(request.method(), request.headers()) {
        (StatusCode::FORBIDDEN, CROSS_SITE_REFUSED).into_response()
    } else {
        next.run(request).await
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        let policy = if embeddable {
            app::security::embeddable_policy(Some(&nonce.0))
        } else {
            app::security::content_security_policy(Some(&nonce.0))
        };
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    if embeddable {
        // A framed page must not track the reader across sites.
        response.headers_mut().remove(header::SET_COOKIE);
    }
    add_headers(response.headers_mut(), embeddable);
    response
}

/// Sets each security header the response does not have yet (on an
/// embeddable page, all but `X-Frame-Options`).
fn add_headers(headers: &mut HeaderMap, embeddable: bool) {
    for (name, value) in STATIC_HEADERS {
        if embeddable && name == "x-frame-options" {
            continue;
        }
        headers
            .entry(HeaderName::from_static(name))
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert_with(|| DEFAULT_CSP.clone());
}

/// Is this a write sent by a page of another site (a form posted from
/// elsewhere)? Browsers always send `Origin` with such requests, and
/// `Sec-Fetch-Site` too; requests without either (curl, tests, other
/// programs) are not a browser acting for a visitor and pass.
fn is_cross_site_write(method: &Method, headers: &HeaderMap) -> bool {
    let unsafe_method = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !unsafe_method {
        return false;
    }
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site.is_some_and(|site| site.eq_ignore_ascii_case("cross-site")) {
        return true;
    }
    match headers.get(header::ORIGIN) {
        None => false,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            // `scheme://host[:port]`; `null` (sandboxed frames, some
            // redirects) names no host and is refused.
            let origin_host = origin
                .to_str()
                .ok()
                .and_then(|o| o.split_once("://").map(|(_, rest)| rest));
            match (origin_host, host) {
                (Some(origin_host), Some(host)) => !origin_host.eq_ignore_ascii_case(host),
                _ => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    #[test]
    fn writes_from_other_sites_are_refused() {
        let evil = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://evil.example"),
        ]);
        assert!(is_cross_site_write(&Method::POST, &evil));
        assert!(is_cross_site_write(&Method::DELETE, &evil));
        let cross = headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")]);
        assert!(is_cross_site_write(&Method::PUT, &cross));
        let null = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(is_cross_site_write(&Method::PATCH, &null));
        // Same host name, another port: another origin.
        let port = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:4000"),
        ]);
        assert!(is_cross_site_write(&Method::POST, &port));
    }

    #[test]
    fn own_pages_programs_and_reads_pass() {
        let own = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(!is_cross_site_write(&Method::POST, &own));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("host", "x")])
        ));
        let evil = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!is_cross_site_write(&Method::GET, &evil));
        assert!(!is_cross_site_write(&Method::HEAD, &evil));
    }

    #[test]
    fn headers_already_set_are_kept() {
        let mut map = headers(&[("content-security-policy", "default-src 'none'")]);
        add_headers(&mut map, false);
        assert_eq!(map["content-security-policy"], "default-src 'none'");
        assert_eq!(map["x-content-type-options"], "nosniff");
        assert_eq!(map["x-frame-options"], "DENY");
        let mut empty = HeaderMap::new();
        add_headers(&mut empty, false);
        assert_eq!(
            empty["content-security-policy"],
            app::security::content_security_policy(None).as_str()
        );
    }
}
