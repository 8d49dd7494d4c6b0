//! The stable JSON interface (`/api/v1/...`) and the health check.

use crate::AppState;
use app::store::{Store, StoreError};
use axum::extract::{Path, State};
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
        .route("/api/v1/map.geojson", get(map_geojson))
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
