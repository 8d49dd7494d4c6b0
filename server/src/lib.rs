#![recursion_limit = "256"]
//! The server: HTTP routes (pages, server functions, REST API, health)
//! around the Leptos app, and the command line that starts it.

pub mod admin;
mod assets;
pub mod background;
pub mod backup;
pub mod calendar;
pub mod cli;
mod lang;
pub mod mail;
pub mod memory;
pub mod observe;
mod offline;
pub mod ops;
mod proxy;
mod qr;
mod rest;
mod security;
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
    /// The stop of every task that outlives a request.
    pub background: background::Background,
    /// Take the client's address from `X-Forwarded-For` (see proxy.rs).
    pub trust_proxy: bool,
    /// The maintainer's address for the statement pages.
    pub contact_email: Option<String>,
    /// Whether mail is sent, and the public address for its links.
    pub mail: app::mail::MailSite,
}

impl AppState {
    /// Starts the roadmap's writer, fan-out and presence on `store`.
    pub async fn start(
        leptos: LeptosOptions,
        store: Store,
    ) -> Result<Self, app::store::StoreError> {
        // The recorder first, so that nothing counted at start is lost.
        observe::metrics();
        let background = background::Background::new();
        let hub = Hub::start(store.clone(), background.clone()).await?;
        background.spawn(sweep(store.clone()));
        background.spawn(observe::upkeep());
        memory::spawn(&background);
        Ok(Self {
            leptos,
            store,
            hub,
            background,
            trust_proxy: false,
            contact_email: None,
            mail: app::mail::MailSite::default(),
        })
    }

    /// Behind a reverse proxy that appends the client's address to
    /// `X-Forwarded-For`: count that address, not the proxy's.
    pub fn trusting_proxy(mut self, trust: bool) -> Self {
        self.trust_proxy = trust;
        self
    }

    /// Sends mail through `mailer` (the outbox, mention mail, digests),
    /// with links to `public_url`.
    pub fn with_mail(mut self, mailer: mail::Mailer, public_url: String, digest_hour: u32) -> Self {
        self.mail = app::mail::MailSite {
            enabled: true,
            public_url,
            digest_hour,
        };
        mail::spawn(
            &self.background,
            self.store.clone(),
            mailer,
            self.mail.clone(),
        );
        self
    }

    /// The address the statement pages give for feedback.
    pub fn with_contact(mut self, email: Option<String>) -> Self {
        self.contact_email = email.filter(|e| !e.trim().is_empty());
        self
    }
}

/// Deletes expired sessions (their open sockets close through the live
/// query on `session`) and forgets old sign-in failures, every minute.
async fn sweep(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        let policy = store.session_policy();
        if let Err(e) = store.expire_sessions(policy).await {
            tracing::warn!("cannot expire sessions: {e}");
        }
        let before = app::store::now_ms() - 24 * 3600 * 1000;
        if let Err(e) = store.prune_sign_in_failures(before).await {
            tracing::warn!("cannot prune sign-in failures: {e}");
        }
        if let Err(e) = store.prune_resets(before).await {
            tracing::warn!("cannot prune reset links: {e}");
        }
        // Sent and given-up mail is kept a month (no bodies), for the
        // operator's questions.
        let month = app::store::now_ms() - 30 * 24 * 3600 * 1000;
        if let Err(e) = store.prune_outbox(month).await {
            tracing::warn!("cannot prune the outbox: {e}");
        }
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
    let submitter = state.hub.submitter();
    let leptos = state.leptos.clone();
    let worker = std::sync::Arc::new(offline::script(std::path::Path::new(
        &*state.leptos.site_root,
    )));
    let trust_proxy = state.trust_proxy;
    // What every page and server function finds in its context.
    let contact = app::server_fns::site::Maintainer(state.contact_email.clone());
    let mail = state.mail.clone();
    let context = move || {
        provide_context(store.clone());
        provide_context(submitter.clone());
        provide_context(contact.clone());
        provide_context(mail.clone());
    };
    let app = Router::new()
        .route(
            "/sw.js",
            axum::routing::get(move || {
                let worker = worker.clone();
                async move { offline::response(&worker) }
            }),
        )
        .merge(rest::routes())
        .route("/api/v1/sync", axum::routing::get(sync::sync_handler))
        .route(
            "/api/v1/tour/{code}/qr.svg",
            axum::routing::get(qr::tour_qr),
        )
        .route("/lang/{code}", axum::routing::get(lang::switch))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(leptos.clone())
        })
        // The "not found" page has the same header (who is signed in) as
        // every page, so it gets the same context.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        // Phones on weak networks: compress text, JS and wasm (assets a
        // release build compressed already are sent as they are).
        .layer(axum::middleware::from_fn(assets::asset_headers))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::middleware::from_fn(security::headers))
        // Router::layer wraps every route after routing, so this sees the
        // pattern that matched (`/areas/{code}`), never the raw path. Last,
        // so outermost: its time and status are what the client got.
        .layer(axum::middleware::from_fn(observe::requests));
    let app = if trust_proxy {
        app.layer(axum::middleware::from_fn(proxy::client_from_forwarded))
    } else {
        app
    };
    app.with_state(state)
}
