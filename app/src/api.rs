//! Server functions: the page components call these; on the server they
//! run against the store, in the browser they become HTTP calls.

use crate::model::{Area, AreaChange, Survey};
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
                ServerFnError::new("Tietokantavirhe: muutosta ei tallennettu.")
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

/// The newest changes of an area (at most 30), newest first.
#[server]
pub async fn get_area_history(code: String) -> Result<Vec<AreaChange>, ServerFnError> {
    let Ok(code) = crate::model::validate_area_code(&code) else {
        return Ok(Vec::new());
    };
    server::store()?
        .area_history(&code, 30)
        .await
        .map_err(server::failed)
}

#[server]
pub async fn update_contacts(
    code: String,
    #[server(default)] csrf: String,
    name: String,
    role: String,
    email: String,
    phone: String,
    network_org: String,
) -> Result<Area, ServerFnError> {
    use crate::model::*;
    let code = validate_area_code(&code).map_err(server::invalid)?;
    let editor = server::require(crate::auth::Role::Editor, &csrf)
        .await?
        .actor();
    let contacts = validate_contacts(&ContactsInput {
        name,
        role,
        email,
        phone,
        network_org,
    })
    .map_err(server::invalid)?;
    server::store()?
        .update_contacts(&code, contacts, &editor)
        .await
        .map_err(server::failed)
}

#[server]
pub async fn update_place(
    code: String,
    #[server(default)] csrf: String,
    place: String,
    status: String,
    note: String,
) -> Result<Area, ServerFnError> {
    use crate::model::*;
    let code = validate_area_code(&code).map_err(server::invalid)?;
    let editor = server::require(crate::auth::Role::Editor, &csrf)
        .await?
        .actor();
    let place = validate_place(&place).map_err(server::invalid)?;
    let status = validate_progress(&status).map_err(server::invalid)?;
    let note = validate_note(Field::Note, &note).map_err(server::invalid)?;
    server::store()?
        .update_place(&code, place, status, &note, &editor)
        .await
        .map_err(server::failed)
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
        return Err(server::invalid("Tuntematon aluekoodi."));
    }
    Ok(filtered_rows(&state, &filter))
}
