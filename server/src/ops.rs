//! The operator address (`--ops-bind`): metrics and backups of the running
//! process. It has no sign-in of its own — a backup holds every account's
//! password hash — so it is off unless asked for, meant for 127.0.0.1 or a
//! private network, and never part of the public router.
//!
//! - `GET /metrics`: Prometheus text (observe.rs).
//! - `GET /backup`: a backup file of the whole database (store/backup.rs),
//!   which is how `server backup --from` backs up a server that holds the
//!   embedded database open.

use crate::observe;
use app::store::Store;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router(store: Store) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/backup", get(backup))
        .with_state(store)
}

async fn metrics() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        observe::metrics().render(),
    )
        .into_response()
}

async fn backup(State(store): State<Store>) -> Response {
    match store.export_backup().await {
        Ok(file) => {
            tracing::info!("backup read: {} bytes", file.len());
            ([(header::CONTENT_TYPE, "application/x-ndjson")], file).into_response()
        }
        Err(e) => {
            observe::database_error("backup");
            tracing::error!("cannot read a backup: {e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("cannot read a backup: {e}\n"),
            )
                .into_response()
        }
    }
}
