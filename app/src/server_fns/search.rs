//! The server function of the search page (`/search?q=`); the JSON
//! endpoint `/api/v1/search` runs the same search (`crate::search`).

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use crate::search::SearchResults;
use leptos::prelude::*;

/// Everything that matches `q`, grouped by kind. Anyone may search: it
/// finds only what the pages show everyone.
#[server]
pub async fn search(q: String) -> Result<SearchResults, AppError> {
    crate::search::search_store(&context::store()?, &q).await
}
