//! Server functions of the surveys: the list, one survey, and the CSV
//! import (a preview that stores nothing, then all or nothing).

#[cfg(feature = "ssr")]
use super::context;
use crate::model::Survey;
use leptos::prelude::*;

#[server]
pub async fn list_surveys() -> Result<Vec<Survey>, ServerFnError> {
    context::store()?
        .list_surveys()
        .await
        .map_err(context::failed)
}

#[server]
pub async fn get_survey(id: String) -> Result<Option<Survey>, ServerFnError> {
    context::store()?
        .get_survey(id.trim())
        .await
        .map_err(context::failed)
}

/// Checks a CSV file and shows what it would import; stores nothing.
#[server]
pub async fn preview_survey_import(
    csv: String,
) -> Result<crate::model::ImportPreview, ServerFnError> {
    crate::model::parse_survey_csv(&csv).map_err(context::invalid)
}

/// Imports a CSV file as a new survey: all of it, or nothing.
#[server]
pub async fn import_survey(
    csv: String,
    #[server(default)] csrf: String,
) -> Result<Survey, ServerFnError> {
    let editor = context::require(crate::auth::Role::Editor, &csrf).await?;
    let preview = crate::model::parse_survey_csv(&csv).map_err(context::invalid)?;
    let store = context::store()?;
    let survey = store
        .create_survey(preview.survey)
        .await
        .map_err(context::failed)?;
    // The survey and its audit line are separate writes; a lost audit
    // line is logged, the import stands.
    if let Err(e) = store
        .audit(
            &editor.account.aid,
            "survey_imported",
            &survey.id,
            &survey.title,
        )
        .await
    {
        tracing::error!("cannot write the audit log: {e}");
    }
    Ok(survey)
}
