//! The language switcher in the header of every page: three plain links
//! to `/lang/{code}?next=<this page>`, so it works without JavaScript.
//! The server sets the `lang` cookie and sends the visitor back; the page
//! then renders (and hydrates) in the new language. `rel="external"` keeps
//! the client-side router out of it.

use crate::i18n::{locale, switch_href, Locale};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = locale();
    let location = use_location();
    let (pathname, search) = (location.pathname, location.search);
    let here = move || {
        let path = pathname.get();
        let search = search.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    view! {
        <nav class="lang-switch" aria-label=t().language_label data-testid="language-switcher">
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <li>
                                <a
                                    href=move || switch_href(l, &here())
                                    rel="external"
                                    lang=l.code()
                                    hreflang=l.code()
                                    aria-current=(l == current).then_some("true")
                                >
                                    {l.native_name()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
