//! Server functions: the page components call these; on the server they
//! run against the store, in the browser they become HTTP calls.

use crate::model::{Area, Survey};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::auth::session::{self, authorize, Denied, Signed};
    use crate::auth::Role;
    use crate::store::{Store, StoreError};
    use leptos::prelude::*;

    /// The request's headers (server functions and pages alike).
    pub fn headers() -> axum::http::HeaderMap {
        use_context::<axum::http::request::Parts>()
            .map(|p| p.headers)
            .unwrap_or_default()
    }

    /// The live session of this request, if any.
    pub async fn signed() -> Result<Option<Signed>, ServerFnError> {
        session::from_headers(&store()?, &headers())
            .await
            .map_err(failed)
    }

    /// Every write goes through this: a live session, at least `role`,
    /// and the session's anti-forgery token. Refusals are 401 or 403.
    pub async fn require(role: Role, csrf: &str) -> Result<Signed, ServerFnError> {
        authorize(signed().await?, role, csrf).map_err(denied)
    }

    pub fn denied(d: Denied) -> ServerFnError {
        status(d.status());
        ServerFnError::new(d.to_string())
    }

    pub fn status(code: u16) {
        if let (Some(response), Ok(code)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(code),
        ) {
            response.set_status(code);
        }
    }

    /// The shared application state that the server provides as context.
    pub fn store() -> Result<Store, ServerFnError> {
        use_context::<Store>().ok_or_else(|| ServerFnError::new("store missing from context"))
    }

    /// Refused input (a `ValidationError` or an `ImportError`, both of
    /// which display in the request's language): the caller's mistake, not
    /// a server fault, so 422 with the message.
    pub fn invalid(e: impl std::fmt::Display) -> ServerFnError {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY);
        }
        ServerFnError::new(e.to_string())
    }

    pub fn failed(e: StoreError) -> ServerFnError {
        match e {
            StoreError::Invalid(v) => invalid(v),
            StoreError::NotFound => ServerFnError::new(crate::text::t().err_area_not_found),
            other => {
                tracing::error!("store error: {other}");
                ServerFnError::new(crate::text::t().err_database)
            }
        }
    }
}

#[server]
pub async fn list_areas() -> Result<Vec<Area>, ServerFnError> {
    server::store()?.list_areas().await.map_err(server::failed)
}

#[server]
pub async fn get_area(code: String) -> Result<Option<Area>, ServerFnError> {
    let Ok(code) = crate::model::validate_area_code(&code) else {
        return Ok(None);
    };
    server::store()?
        .get_area(&code)
        .await
        .map_err(server::failed)
}

/// The newest changes of an area's facts and of its visit (at most 30),
/// newest first.
#[server]
pub async fn get_area_history(code: String) -> Result<Vec<crate::roadmap::Entry>, ServerFnError> {
    let Ok(code) = crate::model::validate_area_code(&code) else {
        return Ok(Vec::new());
    };
    server::store()?
        .area_history(&code, 30)
        .await
        .map_err(server::failed)
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
) -> Result<Area, ServerFnError> {
    use crate::roadmap::{area_id, ChangeOp, ChangeRequest, ErrorCode};
    let code = crate::model::validate_area_code(&code).map_err(server::invalid)?;
    let editor = server::require(crate::auth::Role::Editor, &csrf)
        .await?
        .actor();
    let changed: std::collections::BTreeMap<String, serde_json::Value> = fields
        .into_iter()
        .filter(|(name, value)| orig.get(name) != Some(value))
        .map(|(name, value)| (name, serde_json::Value::from(value)))
        .collect();
    let store = server::store()?;
    if !changed.is_empty() {
        let req = ChangeRequest {
            cid: uuid::Uuid::new_v4().to_string(),
            item: area_id(&code),
            op: ChangeOp::Set,
            kind: None,
            base: changed.keys().map(|k| (k.clone(), base)).collect(),
            fields: changed,
        };
        let submitter = use_context::<crate::roadmap::submit::Submitter>()
            .ok_or_else(|| ServerFnError::new("writer missing from context"))?;
        if let Err(e) = submitter.submit(req, editor, crate::i18n::locale()).await {
            server::status(match e.code {
                ErrorCode::Invalid | ErrorCode::BadMessage => 422,
                ErrorCode::NotFound => 404,
                _ => 503,
            });
            return Err(ServerFnError::new(e.message));
        }
    }
    store
        .get_area(&code)
        .await
        .map_err(server::failed)?
        .ok_or_else(|| ServerFnError::new(crate::text::t().err_area_not_found))
}

#[server]
pub async fn list_surveys() -> Result<Vec<Survey>, ServerFnError> {
    server::store()?
        .list_surveys()
        .await
        .map_err(server::failed)
}

#[server]
pub async fn get_survey(id: String) -> Result<Option<Survey>, ServerFnError> {
    server::store()?
        .get_survey(id.trim())
        .await
        .map_err(server::failed)
}

/// Checks a CSV file and shows what it would import; stores nothing.
#[server]
pub async fn preview_survey_import(
    csv: String,
) -> Result<crate::model::ImportPreview, ServerFnError> {
    crate::model::parse_survey_csv(&csv).map_err(server::invalid)
}

/// Imports a CSV file as a new survey: all of it, or nothing.
#[server]
pub async fn import_survey(
    csv: String,
    #[server(default)] csrf: String,
) -> Result<Survey, ServerFnError> {
    let editor = server::require(crate::auth::Role::Editor, &csrf).await?;
    let preview = crate::model::parse_survey_csv(&csv).map_err(server::invalid)?;
    let store = server::store()?;
    let survey = store
        .create_survey(preview.survey)
        .await
        .map_err(server::failed)?;
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

/// The message of a failed server call, without the framework's prefix.
pub fn error_message(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message.clone(),
        other => format!("{}: {other}", crate::text::t().save_failed),
    }
}

/// The whole roadmap as of now; the page then follows it live.
#[server]
pub async fn get_roadmap() -> Result<crate::roadmap::RoadmapState, ServerFnError> {
    server::store()?
        .roadmap_state()
        .await
        .map_err(server::failed)
}

/// The actions that concern one area (directly or as "all areas").
#[server]
pub async fn roadmap_for_area(
    code: String,
) -> Result<Vec<crate::roadmap::filter::ActionRow>, ServerFnError> {
    use crate::roadmap::filter::{filtered_rows, RoadmapFilter};
    let state = server::store()?
        .roadmap_state()
        .await
        .map_err(server::failed)?;
    let filter = RoadmapFilter::from_pairs([("area", code.as_str())]);
    if filter.area.is_none() {
        return Err(server::invalid(crate::text::t().err_unknown_area_code));
    }
    Ok(filtered_rows(&state, &filter))
}
