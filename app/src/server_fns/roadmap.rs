//! Server functions of the roadmap: the whole state for a page's first
//! render (it then follows the live log), and a comment posted without
//! JavaScript.

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use leptos::prelude::*;

/// The whole roadmap as of now; the page then follows it live.
#[server]
pub async fn get_roadmap() -> Result<crate::roadmap::RoadmapState, AppError> {
    context::store()?
        .roadmap_state()
        .await
        .map_err(AppError::from)
}

/// A comment from a thread's form on a page without JavaScript (with it,
/// the form sends the comment over the live connection instead): one new
/// comment on `subject`, through the writer like every change, so the
/// same rules and limits apply. The browser then comes back to the page
/// (the server function's form redirect), where the comment now is; a
/// refusal comes back in the address and the form shows it.
#[server]
pub async fn post_comment(
    subject: String,
    body: String,
    #[server(default)] csrf: String,
) -> Result<(), AppError> {
    use crate::roadmap::field::Field;
    use crate::roadmap::{ChangeOp, ChangeRequest, ItemKind};
    use serde_json::Value;
    let by = context::require(crate::auth::Role::Viewer, &csrf)
        .await?
        .actor();
    let req = ChangeRequest {
        cid: uuid::Uuid::new_v4().to_string(),
        item: format!("c-{}", uuid::Uuid::new_v4().simple()),
        op: ChangeOp::Create,
        kind: Some(ItemKind::Comment),
        fields: std::collections::BTreeMap::from([
            (Field::Subject.name().to_string(), Value::from(subject)),
            (Field::Body.name().to_string(), Value::from(body)),
        ]),
        base: std::collections::BTreeMap::new(),
    };
    context::submit(req, by).await?;
    Ok(())
}
