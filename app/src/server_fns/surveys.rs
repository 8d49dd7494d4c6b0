//! Server functions of the surveys: the list, one survey, and the CSV
//! import (a preview that stores nothing, then all or nothing).

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use crate::model::{ChartedSurvey, Survey};
use leptos::prelude::*;

#[server]
pub async fn list_surveys() -> Result<Vec<Survey>, AppError> {
    context::store()?
        .list_surveys()
        .await
        .map_err(AppError::from)
}

/// One survey, with its charts' options in the request's language.
#[server]
pub async fn get_survey(id: String) -> Result<Option<ChartedSurvey>, AppError> {
    let survey = context::store()?.get_survey(id.trim()).await?;
    Ok(survey.map(|survey| {
        let charts = survey
            .results
            .iter()
            .map(|r| {
                let json = crate::components::chart_options::options_json(r);
                (r.key.clone(), json)
            })
            .collect();
        ChartedSurvey { survey, charts }
    }))
}

/// Checks a CSV file and shows what it would import; stores nothing.
#[server]
pub async fn preview_survey_import(csv: String) -> Result<crate::model::ImportPreview, AppError> {
    crate::model::parse_survey_csv(&csv).map_err(AppError::invalid)
}

/// Imports a CSV file as a new survey: all of it, or nothing.
#[server]
pub async fn import_survey(
    csv: String,
    #[server(default)] csrf: String,
) -> Result<Survey, AppError> {
    let editor = context::require(crate::auth::Role::Editor, &csrf).await?;
    let preview = crate::model::parse_survey_csv(&csv).map_err(AppError::invalid)?;
    let store = context::store()?;
    let survey = store
        .import_survey(preview.survey, &editor.account.name)
        .await?;
    // The survey and its audit line are separate writes.
    context::audit(
        &store,
        &editor.account.aid,
        "survey_imported",
        &survey.id,
        &survey.title,
    )
    .await;
    Ok(survey)
}
