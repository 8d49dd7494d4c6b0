//! The stable JSON interface (`/api/v1/...`) and the health check.

use crate::AppState;
use app::roadmap::export::{export, to_csv, to_json};
use app::roadmap::filter::RoadmapFilter;
use app::store::{Store, StoreError};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
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
}

/// A JSON error body with a machine-readable code and a human message.
fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "error": code, "message": message.into() })),
    )
        .into_response()
}

fn store_error(e: StoreError) -> Response {
    tracing::error!("store error: {e}");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "database_unavailable",
        "The database did not answer.",
    )
}

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

async fn list_areas(State(store): State<Store>) -> Response {
    match store.list_areas().await {
        Ok(areas) => Json(areas).into_response(),
        Err(e) => store_error(e),
    }
}

/// Every change of an area's facts and of its visit, newest first: the
/// change-log entries (`seq`, `item`, `fields`, `prev`, `by`, `at`, ...).
async fn area_history(State(store): State<Store>, Path(code): Path<String>) -> Response {
    let Ok(valid) = app::model::validate_area_code(&code) else {
        return error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No area with code '{code}'."),
        );
    };
    match store.area_history(&valid, 1000).await {
        Ok(entries) => Json(entries).into_response(),
        Err(e) => store_error(e),
    }
}

async fn get_area(State(store): State<Store>, Path(code): Path<String>) -> Response {
    let not_found = || {
        error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No area with code '{code}'."),
        )
    };
    let Ok(valid) = app::model::validate_area_code(&code) else {
        return not_found();
    };
    match store.get_area(&valid).await {
        Ok(Some(area)) => Json(area).into_response(),
        Ok(None) => not_found(),
        Err(e) => store_error(e),
    }
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

async fn list_surveys(State(store): State<Store>) -> Response {
    match store.list_surveys().await {
        Ok(surveys) => Json(surveys).into_response(),
        Err(e) => store_error(e),
    }
}

fn no_survey(id: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("No survey with id '{id}'."),
    )
}

async fn get_survey(State(store): State<Store>, Path(id): Path<String>) -> Response {
    match store.get_survey(&id).await {
        Ok(Some(survey)) => Json(survey).into_response(),
        Ok(None) => no_survey(&id),
        Err(e) => store_error(e),
    }
}

/// `/api/v1/surveys/{id}/{question}.csv`: one question's results as CSV.
async fn survey_csv(
    State(store): State<Store>,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(key) = file.strip_suffix(".csv") else {
        return error(StatusCode::NOT_FOUND, "not_found", "Use {question}.csv.");
    };
    let survey = match store.get_survey(&id).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return no_survey(&id),
        Err(e) => return store_error(e),
    };
    match survey.results.iter().find(|r| r.key == key) {
        Some(result) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{id}-{key}.csv\""),
                ),
            ],
            result.to_csv(),
        )
            .into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Survey '{id}' has no question '{key}'."),
        ),
    }
}

fn roadmap_filter(query: &[(String, String)]) -> RoadmapFilter {
    RoadmapFilter::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// `/api/v1/roadmap?area=..&theme=..&place=..&status=..&owner=..&q=..`
async fn roadmap_json(
    State(store): State<Store>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    match store.roadmap_state().await {
        Ok(state) => Json(to_json(&export(&state, &roadmap_filter(&query)))).into_response(),
        Err(e) => store_error(e),
    }
}

/// `/api/v1/roadmap.csv` with the same filters.
async fn roadmap_csv(
    State(store): State<Store>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    match store.roadmap_state().await {
        Ok(state) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"tiekartta.csv\"",
                ),
            ],
            to_csv(&export(&state, &roadmap_filter(&query))),
        )
            .into_response(),
        Err(e) => store_error(e),
    }
}
