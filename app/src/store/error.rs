use crate::model::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] surrealdb::Error),
    /// The embedded datastore could not be opened (its files, its version).
    #[error("embedded database: {0}")]
    Embedded(String),
    #[error("stored data could not be read: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}
