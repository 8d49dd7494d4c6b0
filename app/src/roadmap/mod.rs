//! The cooperation roadmap: model, merge rules, ordering keys and the sync
//! protocol, shared by the server, the browser and the load generator.

pub mod client;
pub mod export;
pub mod field;
pub mod filter;
pub mod merge;
pub mod model;
pub mod position;
pub mod protocol;

pub use merge::{ChangeError, RoadmapState};
pub use model::*;
pub use protocol::*;
