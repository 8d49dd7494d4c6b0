//! The search field in the header of every page: a plain GET form to
//! `/search`, so it works without JavaScript; on the results page it holds
//! the words searched.

use crate::search::MAX_QUERY_CHARS;
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn SearchBox() -> impl IntoView {
    let t = t();
    let location = use_location();
    let query = use_query_map();
    // Other pages' `q` (the roadmap's filter) is not a search.
    let value = move || {
        if location.pathname.get() == "/search" {
            query.read().get("q").unwrap_or_default()
        } else {
            String::new()
        }
    };
    view! {
        <form class="site-search" role="search" action="/search" method="get" aria-label=t.search_label>
            <label for="site-search-q" class="visually-hidden">{t.search_input_label}</label>
            <input id="site-search-q" type="search" name="q" value=value prop:value=value
                maxlength=MAX_QUERY_CHARS.to_string() placeholder=t.search_placeholder
                autocomplete="off" enterkeyhint="search"/>
            <button type="submit">{t.search_button}</button>
        </form>
    }
}
