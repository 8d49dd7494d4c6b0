//! Server functions of the roadmap: the whole state for a page's first
//! render (it then follows the live log) and the actions of one area.

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use leptos::prelude::*;

/// The whole roadmap as of now; the page then follows it live.
#[server]
pub async fn get_roadmap() -> Result<crate::roadmap::RoadmapState, AppError> {
    context::store()?
        .roadmap_state()
        .await
        .map_err(AppError::from)
}

/// The actions that concern one area (directly or as "all areas").
#[server]
pub async fn roadmap_for_area(
    code: String,
) -> Result<Vec<crate::roadmap::filter::ActionRow>, AppError> {
    use crate::roadmap::filter::{filtered_rows, RoadmapFilter};
    let state = context::store()?.roadmap_state().await?;
    let filter = RoadmapFilter::from_pairs([("area", code.as_str())]);
    if filter.area.is_none() {
        return Err(AppError::invalid(crate::text::t().err_unknown_area_code));
    }
    Ok(filtered_rows(&state, &filter))
}
