//! Server functions of the area pages: the areas, one area, its history,
//! and the area form of browsers without JavaScript.

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use crate::model::Area;
use leptos::prelude::*;

#[server]
pub async fn list_areas() -> Result<Vec<Area>, AppError> {
    context::store()?.list_areas().await.map_err(AppError::from)
}

#[server]
pub async fn get_area(code: String) -> Result<Option<Area>, AppError> {
    let Ok(code) = crate::model::validate_area_code(&code) else {
        return Ok(None);
    };
    context::store()?
        .get_area(&code)
        .await
        .map_err(AppError::from)
}

/// The newest changes of an area's facts and of its visit (at most 30),
/// newest first.
#[server]
pub async fn get_area_history(code: String) -> Result<Vec<crate::roadmap::Entry>, AppError> {
    let Ok(code) = crate::model::validate_area_code(&code) else {
        return Ok(Vec::new());
    };
    context::store()?
        .area_history(&code, 30)
        .await
        .map_err(AppError::from)
}

/// An area page's form as a browser without JavaScript posts it: the
/// fields (`fields[contact_name]`, `fields[hyte_status]`...), the values
/// the page showed (`orig[...]`) and the `seq` it was rendered at
/// (`base`). Only the fields the person changed become one change on the
/// log, ordered and checked by the writer exactly like a change from the
/// live page, so a field someone else changed meanwhile is left as they
/// set it, and a same-field collision is recorded for its loser.
#[server]
pub async fn edit_area(
    code: String,
    #[server(default)] csrf: String,
    #[server(default)] base: u64,
    #[server(default)] fields: std::collections::BTreeMap<String, String>,
    #[server(default)] orig: std::collections::BTreeMap<String, String>,
) -> Result<Area, AppError> {
    use crate::roadmap::{area_id, ChangeOp, ChangeRequest};
    let code = crate::model::validate_area_code(&code).map_err(AppError::invalid)?;
    let editor = context::require(crate::auth::Role::Editor, &csrf)
        .await?
        .actor();
    let changed: std::collections::BTreeMap<String, serde_json::Value> = fields
        .into_iter()
        .filter(|(name, value)| orig.get(name) != Some(value))
        .map(|(name, value)| (name, serde_json::Value::from(value)))
        .collect();
    let store = context::store()?;
    if !changed.is_empty() {
        let req = ChangeRequest {
            cid: uuid::Uuid::new_v4().to_string(),
            item: area_id(&code),
            op: ChangeOp::Set,
            kind: None,
            base: changed.keys().map(|k| (k.clone(), base)).collect(),
            fields: changed,
        };
        context::submit(req, editor).await?;
    }
    store
        .get_area(&code)
        .await?
        .ok_or_else(|| AppError::NotFound(crate::text::t().err_area_not_found.into()))
}
