//! The stable JSON interface (`/api/v1/...`) and the health check. A
//! refused request answers with the one error type, `AppError`: its status
//! and `{"error": code, "message": ...}`, the message in the language of
//! the request's `lang` cookie (as the pages are).

use crate::AppState;
use app::error::AppError;
use app::i18n::{in_locale, request_locale};
use app::roadmap::comment::{comments_on, CommentView};
use app::roadmap::export::{export, to_csv, to_json};
use app::roadmap::filter::RoadmapFilter;
use app::store::Store;
use app::text::t;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
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
        .route("/api/v1/items/{id}/comments", get(item_comments))
        .route("/api/v1/activity", get(activity))
        .route("/api/v1/roadmap.csv", get(roadmap_csv))
        .route("/api/v1/roadmap.ics", get(roadmap_ics))
        .route("/api/v1/tour.ics", get(tour_ics))
        // `{code}.ics`; the same parameter name as `/api/v1/tour/{code}/qr.svg`.
        .route("/api/v1/tour/{code}", get(visit_ics))
        .route("/api/v1/search", get(search))
        .route(
            "/api/v1/unsubscribe/{token}",
            axum::routing::post(unsubscribe),
        )
        .layer(middleware::from_fn(in_request_language))
}

/// Runs the handler with the request's language as the catalogue's, so
/// that errors converted with `?` speak it too.
async fn in_request_language(req: Request, next: Next) -> Response {
    in_locale(request_locale(req.headers()), next.run(req)).await
}

type Answer = Result<Response, AppError>;

/// RFC 8058 one-click unsubscribe: the mail client posts to the address
/// in a notification's `List-Unsubscribe` header. Every notification mail
/// of the token's account stops.
async fn unsubscribe(State(store): State<Store>, Path(token): Path<String>) -> Answer {
    if store.unsubscribe(token.trim()).await? {
        Ok(Json(json!({ "unsubscribed": true })).into_response())
    } else {
        Err(AppError::NotFound(t().unsubscribe_invalid.to_string()))
    }
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

/// `/api/v1/items/{id}/comments`: the thread under a goal, an action, a
/// visit or an area, oldest first (deleted comments left out, hidden ones
/// without their text).
async fn item_comments(State(store): State<Store>, Path(id): Path<String>) -> Answer {
    let state = store.roadmap_state().await?;
    if !state
        .items
        .get(&id)
        .is_some_and(|i| i.kind.takes_comments() && !i.deleted())
    {
        return Err(AppError::NotFound(t().err_item_not_found.into()));
    }
    let list: Vec<CommentView> = comments_on(&state, &id)
        .into_iter()
        .map(CommentView::from)
        .collect();
    Ok(Json(list).into_response())
}

/// `/api/v1/activity?area=PI&theme=ict&kind=comment&since=<seq>`: what
/// changed, newest first, at most 200 lines.
async fn activity(
    State(store): State<Store>,
    Query(query): Query<Vec<(String, String)>>,
) -> Answer {
    let filter = app::roadmap::activity::ActivityFilter::from_pairs(
        query.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    Ok(Json(store.activity(&filter, 200).await?).into_response())
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

/// The first value of `key` in the query ("" when absent).
fn param<'a>(query: &'a [(String, String)], key: &str) -> &'a str {
    query
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// An iCalendar answer. Calendars that subscribe poll it; `no-cache` makes
/// every poll see the newest change.
fn ics(body: String, disposition: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (header::CACHE_CONTROL, "no-cache".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `/api/v1/tour.ics`: every dated visit, for subscribing.
async fn tour_ics(State(store): State<Store>, headers: HeaderMap) -> Answer {
    let (areas, state) = tokio::try_join!(store.list_areas(), store.roadmap_state())?;
    let body = crate::calendar::tour(&areas, &state, &app::url::origin_from_headers(&headers));
    Ok(ics(body, "inline; filename=\"tour.ics\"".into()))
}

/// `/api/v1/tour/{code}.ics`: one visit ("add to calendar").
async fn visit_ics(
    State(store): State<Store>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let code = file.strip_suffix(".ics").ok_or_else(no_area)?;
    let code = app::model::validate_area_code(code).map_err(|_| no_area())?;
    let (area, state) = tokio::try_join!(store.get_area(&code), store.roadmap_state())?;
    let area = area.ok_or_else(no_area)?;
    let body = crate::calendar::visit(&area, &state, &app::url::origin_from_headers(&headers))
        .ok_or_else(|| AppError::NotFound(t().err_visit_undated.into()))?;
    Ok(ics(
        body,
        format!("attachment; filename=\"tour-{code}.ics\""),
    ))
}

/// `/api/v1/roadmap.ics?area=..&theme=..`: the due dates of the actions
/// that pass the roadmap's filters.
async fn roadmap_ics(
    State(store): State<Store>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Answer {
    let state = store.roadmap_state().await?;
    let body = crate::calendar::roadmap(
        &state,
        &roadmap_filter(&query),
        &app::url::origin_from_headers(&headers),
    );
    Ok(ics(body, "inline; filename=\"roadmap.ics\"".into()))
}

/// `/api/v1/search?q=`: areas, goals, actions, visits and surveys that
/// match, grouped by kind (see `app::search`). No `q` or an empty one
/// finds nothing; more than 200 characters is refused (422).
async fn search(State(store): State<Store>, Query(query): Query<Vec<(String, String)>>) -> Answer {
    let results = app::search::search_store(&store, param(&query, "q")).await?;
    Ok(Json(results).into_response())
}
