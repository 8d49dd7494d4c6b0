//! `/search?q=`: the site search's results, grouped by kind. Rendered on
//! the server (the header's search form is a plain GET form, so it works
//! without JavaScript); the count is in a status line and in the title,
//! which a screen reader reads when the page opens.

use crate::any_view::Erase;
use crate::search::{HitKind, SearchResults};
use crate::server_fns::search::search;
use crate::text::{t, Texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The heading of a group of results. Here rather than in `text.rs`, which
/// would otherwise import `search` (that imports the catalogue).
fn kind_label(t: &'static Texts, kind: HitKind) -> &'static str {
    match kind {
        HitKind::Area => t.search_kind_area,
        HitKind::Goal => t.search_kind_goal,
        HitKind::Action => t.search_kind_action,
        HitKind::Visit => t.search_kind_visit,
        HitKind::Survey => t.search_kind_survey,
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, search);
    view! {
        <article class="search-page">
            <h1>{t.search_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(r) => view! { <Results r/> }.erase(),
                        Err(e) => view! {
                            <Title text=t.search_title/>
                            <p role="alert" data-testid="search-error">{e.to_string()}</p>
                        }.erase(),
                    }
                })}
            </Suspense>
        </article>
    }
}

#[component]
fn Results(r: SearchResults) -> impl IntoView {
    let t = t();
    let count = r.count.to_string();
    let summary = if r.q.is_empty() {
        t.search_prompt.to_string()
    } else if r.count == 0 {
        t.fill(t.search_none, &[("q", &r.q)])
    } else {
        t.fill(t.search_count, &[("q", &r.q), ("count", &count)])
    };
    let title = if r.q.is_empty() {
        t.search_title.to_string()
    } else {
        format!("{} ({count})", t.fill(t.search_page_title, &[("q", &r.q)]))
    };
    view! {
        <Title text=title/>
        <p class="search-summary" role="status" data-testid="search-count">{summary}</p>
        {r.groups.into_iter().map(|g| {
            let id = format!("search-{}", g.kind.key());
            let heading = format!("{} ({})", kind_label(t, g.kind), g.results.len());
            let labelled_by = id.clone();
            view! {
                <section class="search-group" aria-labelledby=labelled_by data-kind=g.kind.key()>
                    <h2 id=id>{heading}</h2>
                    <ul class="search-results">
                        {g.results.into_iter().map(|hit| view! {
                            <li>
                                <a href=hit.url>{hit.title}</a>
                                {(!hit.snippet.is_empty()).then(|| view! { <p class="snippet">{hit.snippet}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}
