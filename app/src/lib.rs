#![recursion_limit = "256"]
//! The web app: pages and components (rendered on the server and hydrated
//! in the browser), the shared domain model, and, with the `ssr` feature,
//! the server functions' database access.

pub mod any_view;
pub mod auth;
pub mod components;
pub mod error;
pub mod format;
pub mod geo;
pub mod i18n;
pub mod indicators;
pub mod live;
pub mod mail;
pub mod model;
pub mod pages;
pub mod roadmap;
pub mod search;
pub mod security;
pub mod server_fns;
mod shell;
pub mod text;
pub mod url;

#[cfg(feature = "ssr")]
pub mod store;

pub use shell::{shell, App};

/// Entry point of the WebAssembly bundle: attaches to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The language the server rendered in, before anything renders here.
    i18n::init_browser_locale();
    leptos::mount::hydrate_body(App);
}
