#![recursion_limit = "256"]
//! The server: HTTP routes (pages, server functions, REST API, health)
//! around the Leptos app, and the command line that starts it.

pub mod cli;
mod rest;
pub mod sync;

use app::store::Store;
use app::{shell, App};
use axum::extract::FromRef;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use sync::Hub;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub store: Store,
    pub hub: Arc<Hub>,
}

impl AppState {
    /// Starts the roadmap's writer, fan-out and presence on `store`.
    pub async fn start(
        leptos: LeptosOptions,
        store: Store,
    ) -> Result<Self, app::store::StoreError> {
        let hub = Hub::start(store.clone()).await?;
        Ok(Self { leptos, store, hub })
    }
}

impl FromRef<AppState> for Arc<Hub> {
    fn from_ref(state: &AppState) -> Self {
        state.hub.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

/// All routes of the product.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let store = state.store.clone();
    let leptos = state.leptos.clone();
    Router::new()
        .merge(rest::routes())
        .route("/api/v1/sync", axum::routing::get(sync::sync_handler))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(store.clone()),
            move || shell(leptos.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Phones on weak networks: compress text, JS and wasm.
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}
