//! The domain types shared by the server and the browser.
//!
//! Everything here compiles for both targets: the browser uses the same
//! validation as the server, so a form can explain a problem before it is
//! sent, and the server never trusts the browser's word for it.

mod area;
mod survey;
#[cfg(feature = "ssr")]
mod survey_import;
mod validate;

pub use area::*;
pub use survey::*;
#[cfg(feature = "ssr")]
pub use survey_import::*;
pub use validate::*;
