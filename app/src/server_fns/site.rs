//! Server functions about the service itself: who maintains it.

use crate::error::AppError;
use leptos::prelude::*;

/// The maintainer's address for feedback (`--contact-email`), which the
/// server provides as context.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Default)]
pub struct Maintainer(pub Option<String>);

/// The maintainer's e-mail address, if the operator gave one.
#[server]
pub async fn site_contact() -> Result<Option<String>, AppError> {
    Ok(use_context::<Maintainer>().and_then(|c| c.0))
}
