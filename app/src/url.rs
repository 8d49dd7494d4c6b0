//! URL helpers shared by the pages and the server: percent-encoding and
//! the rule for where a `next=` parameter may send someone.

/// Pages under this prefix may be framed by any site (`pages/embed_pages.rs`,
/// `server/src/security.rs`).
pub const EMBED_PREFIX: &str = "/embed/";

/// The value of `name` in a query string (`a=1&b=2`), not decoded: for
/// plain values such as a language code.
pub fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Percent-encodes everything but the unreserved characters (RFC 3986).
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Only paths of this site, never another host (`//host`, `/\host`,
/// `https://...`); anything else becomes `/`.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.contains('\\')
            && !n.chars().any(|c| c.is_control())
    })
    .unwrap_or_else(|| "/".into())
}

/// Whether the request reached us over TLS (directly or through a proxy
/// that says so): then cookies are `Secure` and our own links `https`.
#[cfg(feature = "ssr")]
pub fn is_https(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// This server's origin as the browser reached it (`scheme://host[:port]`),
/// from a request's `Host` and the proxy's `X-Forwarded-Proto`. Only a
/// plain host name is taken: the value ends up in QR codes and in code
/// people paste into their own sites.
#[cfg(feature = "ssr")]
pub fn origin_from_headers(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b".-:[]".contains(&c))
        })
        .unwrap_or("localhost");
    let scheme = if is_https(headers) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// This server's origin, for a page: from the request on the server, from
/// the address bar in the browser.
pub fn request_origin() -> String {
    #[cfg(feature = "hydrate")]
    if let Ok(origin) = leptos::prelude::window().location().origin() {
        return origin;
    }
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        return origin_from_headers(&parts.headers);
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/roadmap?x=1".into())), "/roadmap?x=1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\r\nSet-Cookie: x".into())), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn only_unreserved_characters_stay_as_they_are() {
        assert_eq!(
            url_encode("/areas/PI?a=1 ä~"),
            "%2Fareas%2FPI%3Fa%3D1%20%C3%A4~"
        );
    }

    #[test]
    fn query_values() {
        assert_eq!(query_value("indicator=hyte&lang=sv", "lang"), Some("sv"));
        assert_eq!(query_value("lang=en", "lang"), Some("en"));
        assert_eq!(query_value("xlang=en", "lang"), None);
        assert_eq!(query_value("", "lang"), None);
    }
}
