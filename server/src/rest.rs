//! The stable JSON interface (`/api/v1/...`) and the health check. A
//! refused request answers with the one error type, `AppError`: its status
//! and `{"error": code, "message": ...}`, the message in the language of
//! the request's `lang` cookie (as the pages are).

use crate::AppState;
use app::error::AppError;
use app::i18n::{in_locale, request_locale};
use app::roadmap::export::{export, to_csv, to_json};
use app::roadmap::filter::RoadmapFilter;
use app::store::Store;
use app::text::t;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health))
        .route("/api/v1/areas", get(list_areas))
        .route("/api/v1/areas/{code}", get(get_area))
        .route("/api/v1/areas/{code}/history", get(area_history))
        .route("/api/v1/map.geojson", get(map_geojson))
        .route("/api/v1/surveys", get(list_surveys))
        .route("/api/v1/surveys/{id}", get(get_survey))
        .route("/api/v1/surveys/{id}/{file}", get(survey_csv))
        .route("/api/v1/roadmap", get(roadmap_json))
        .route("/api/v1/roadmap.csv", get(roadmap_csv))
        .layer(middleware::from_fn(in_request_language))
}

/// Runs the handler with the request's language as the catalogue's, so
/// that errors converted with `?` speak it too.
async fn in_request_language(req: Request, next: Next) -> Response {
    in_locale(request_locale(req.headers()), next.run(req)).await
}

type Answer = Result<Response, AppError>;

async fn health(State(store): State<Store>) -> Response {
    match store.health().await {
        Ok(()) => Json(json!({ "status": "ok", "database": "ok" })).into_response(),
        Err(e) => {
            tracing::warn!("health check failed: {e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "error" })),
            )
                .into_response()
        }
    }
}

async fn list_areas(State(store): State<Store>) -> Answer {
    Ok(Json(store.list_areas().await?).into_response())
}

fn no_area() -> AppError {
    AppError::NotFound(t().err_area_not_found.into())
}

fn no_survey() -> AppError {
    AppError::NotFound(t().err_survey_not_found.into())
}

/// Every change of an area's facts and of its visit, newest first: the
/// change-log entries (`seq`, `item`, `fields`, `prev`, `by`, `at`, ...).
async fn area_history(State(store): State<Store>, Path(code): Path<String>) -> Answer {
    let code = app::model::validate_area_code(&code).map_err(|_| no_area())?;
    Ok(Json(store.area_history(&code, 1000).await?).into_response())
}

async fn get_area(State(store): State<Store>, Path(code): Path<String>) -> Answer {
    let code = app::model::validate_area_code(&code).map_err(|_| no_area())?;
    let area = store.get_area(&code).await?.ok_or_else(no_area)?;
    Ok(Json(area).into_response())
}

async fn map_geojson() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/geo+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        app::geo::GEOJSON,
    )
        .into_response()
}

async fn list_surveys(State(store): State<Store>) -> Answer {
    Ok(Json(store.list_surveys().await?).into_response())
}

async fn get_survey(State(store): State<Store>, Path(id): Path<String>) -> Answer {
    let survey = store.get_survey(&id).await?.ok_or_else(no_survey)?;
    Ok(Json(survey).into_response())
}

/// `/api/v1/surveys/{id}/{question}.csv`: one question's results as CSV.
async fn survey_csv(
    State(store): State<Store>,
    Path((id, file)): Path<(String, String)>,
) -> Answer {
    let no_question = || AppError::NotFound(t().err_question_not_found.into());
    let key = file.strip_suffix(".csv").ok_or_else(no_question)?;
    let survey = store.get_survey(&id).await?.ok_or_else(no_survey)?;
    let result = survey
        .results
        .iter()
        .find(|r| r.key == key)
        .ok_or_else(no_question)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}-{key}.csv\""),
            ),
        ],
        result.to_csv(),
    )
        .into_response())
}

fn roadmap_filter(query: &[(String, String)]) -> RoadmapFilter {
    RoadmapFilter::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// `/api/v1/roadmap?area=..&theme=..&place=..&status=..&owner=..&q=..`
async fn roadmap_json(
    State(store): State<Store>,
    Query(query): Query<Vec<(String, String)>>,
) -> Answer {
    let state = store.roadmap_state().await?;
    Ok(Json(to_json(&export(&state, &roadmap_filter(&query)))).into_response())
}

/// `/api/v1/roadmap.csv` with the same filters.
async fn roadmap_csv(
    State(store): State<Store>,
    Query(query): Query<Vec<(String, String)>>,
) -> Answer {
    let state = store.roadmap_state().await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"tiekartta.csv\"",
            ),
        ],
        to_csv(&export(&state, &roadmap_filter(&query))),
    )
        .into_response())
}
