//! The interface language: Finnish (default), Swedish or English.
//!
//! How the locale flows: the visitor's choice is the `lang` cookie, set by
//! `GET /lang/{fi|sv|en}?next=<local path>` (a plain link, so it works
//! without JavaScript; the server sets the cookie and redirects back). On
//! the server the shell reads the cookie from the request, provides the
//! [`Locale`] as context and writes it into `<html lang>`; the browser
//! reads `document.documentElement.lang` before hydrating, so both render
//! the same texts. Nothing waits for a Suspense: [`locale()`] is a plain
//! value. Server functions (validation messages) read the same cookie.

use serde::{Deserialize, Serialize};

/// The cookie that remembers the choice.
pub const COOKIE: &str = "lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fi,
    Sv,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Fi, Locale::Sv, Locale::En];

    /// The BCP 47 tag (`<html lang>`, the cookie, `/lang/{code}`).
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fi => "fi",
            Locale::Sv => "sv",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's name in itself, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fi => "Suomi",
            Locale::Sv => "Svenska",
            Locale::En => "English",
        }
    }

    /// The `Set-Cookie` value that remembers this choice for a year.
    pub fn set_cookie(self, secure: bool) -> String {
        format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            self.code(),
            if secure { "; Secure" } else { "" }
        )
    }

    /// The locale a `Cookie` header value chooses (Finnish without one).
    pub fn from_cookie_header(header: &str) -> Locale {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == COOKIE)
            .and_then(|(_, v)| Locale::from_code(v.trim_matches('"')))
            .unwrap_or_default()
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The browser's locale, read from `<html lang>` before hydrating.
    static BROWSER: std::cell::Cell<Option<Locale>> = const { std::cell::Cell::new(None) };
}

/// Reads `<html lang>` once, before the app hydrates.
#[cfg(feature = "hydrate")]
pub fn init_browser_locale() {
    let lang = leptos::prelude::document()
        .document_element()
        .map(|el| el.get_attribute("lang").unwrap_or_default())
        .unwrap_or_default();
    BROWSER.with(|c| c.set(Some(Locale::from_code(&lang).unwrap_or_default())));
}

/// The locale of the request being rendered (server) or of the page
/// (browser). Outside a page (unit tests) Finnish.
pub fn locale() -> Locale {
    if let Some(l) = leptos::prelude::use_context::<Locale>() {
        return l;
    }
    #[cfg(feature = "hydrate")]
    if let Some(l) = BROWSER.with(|c| c.get()) {
        return l;
    }
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        // A page framed by another site does not get the reader's cookie:
        // its language comes with its address (`?lang=sv`).
        if parts.uri.path().starts_with(crate::url::EMBED_PREFIX) {
            if let Some(l) = parts
                .uri
                .query()
                .and_then(|q| crate::url::query_value(q, "lang"))
                .and_then(Locale::from_code)
            {
                return l;
            }
        }
        return request_locale(&parts.headers);
    }
    Locale::Fi
}

/// Runs `f` with [`locale`] answering `l`: for work outside any request
/// or page, such as the sync server's writer preparing someone's change.
pub fn with_locale<T>(l: Locale, f: impl FnOnce() -> T) -> T {
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        leptos::prelude::provide_context(l);
        f()
    })
}

/// Awaits `fut` with [`locale`] answering `l`: for the JSON API's
/// handlers, which run outside Leptos but answer in the request's language.
#[cfg(feature = "ssr")]
pub async fn in_locale<F: std::future::Future>(l: Locale, fut: F) -> F::Output {
    use leptos::reactive::{computed::ScopedFuture, owner::Owner};
    let owner = Owner::new();
    owner
        .with(|| {
            leptos::prelude::provide_context(l);
            ScopedFuture::new(fut)
        })
        .await
}

/// The locale a request asks for: its `lang` cookie, else Finnish.
/// (`Accept-Language` is deliberately ignored: browsers, including test
/// browsers, send English by default, and Finnish is the default here.)
#[cfg(feature = "ssr")]
pub fn request_locale(headers: &axum::http::HeaderMap) -> Locale {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .find(|l| *l != Locale::Fi)
        .unwrap_or_default()
}

/// The switcher's link to `locale` that comes back to `here`.
pub fn switch_href(locale: Locale, here: &str) -> String {
    format!(
        "/lang/{}?next={}",
        locale.code(),
        crate::url::url_encode(here)
    )
}

/// Fills `{name}` placeholders: `fill("{n} kpl", &[("n", "3")])`. One
/// pass over the template: a value is never read for placeholders (values
/// may be quoted from what people typed), and a placeholder without a
/// value is left as it is.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_code(l.code()), Some(l));
        }
        assert_eq!(Locale::from_code("sv-FI"), Some(Locale::Sv));
        assert_eq!(Locale::from_code("de"), None);
    }

    #[test]
    fn cookie_chooses_the_locale() {
        assert_eq!(Locale::from_cookie_header("a=b; lang=sv"), Locale::Sv);
        assert_eq!(Locale::from_cookie_header("lang=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("lang=xx"), Locale::Fi);
        assert_eq!(Locale::from_cookie_header(""), Locale::Fi);
        let c = Locale::Sv.set_cookie(false);
        assert!(c.starts_with("lang=sv; Path=/; Max-Age=31536000; SameSite=Lax"));
        assert!(Locale::En.set_cookie(true).ends_with("; Secure"));
    }

    #[test]
    fn the_switcher_comes_back_to_the_page() {
        assert_eq!(
            switch_href(Locale::Sv, "/areas/PI?a=1"),
            "/lang/sv?next=%2Fareas%2FPI%3Fa%3D1"
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("{n} / {m}", &[("n", "1"), ("m", "2")]), "1 / 2");
        // Values are not filled again, unknown placeholders stay.
        assert_eq!(fill("{a} {b}", &[("a", "{b}"), ("b", "x")]), "{b} x");
        assert_eq!(fill("{a} {x} {", &[("a", "1")]), "1 {x} {");
    }
}
