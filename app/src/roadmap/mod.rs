//! The change log's items: the cooperation roadmap's goals and actions, the
//! tour's visits and the areas' own facts. Model, merge rules, ordering
//! keys and the sync protocol, shared by the server, the browser and the
//! load generator.

pub mod activity;
pub mod comment;
pub mod export;
pub mod field;
pub mod filter;
pub mod inbox;
pub mod merge;
pub mod model;
pub mod position;
pub mod presence;
pub mod protocol;
#[cfg(feature = "ssr")]
pub mod submit;
pub mod timeline;

pub use merge::{ChangeError, RoadmapState, COMMENT_LIMIT, COMMENT_WINDOW_SECONDS};
pub use model::*;
pub use protocol::*;
