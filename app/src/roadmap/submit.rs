//! The one way a change reaches the change log from inside the server: the
//! sync socket and the forms that work without JavaScript both hand their
//! change to the process's writer (`server/src/sync/writer.rs`), which
//! orders, checks and stores it. The server provides a [`Submitter`] as
//! context, so server functions never write on their own.

use super::{ChangeError, ChangeRequest, Entry};
use crate::auth::Actor;
use crate::i18n::Locale;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The writer's answer: the stored entry, and whether it was stored
/// before (a resend).
pub type Outcome = Result<(Entry, bool), ChangeError>;

type SubmitFn = dyn Fn(ChangeRequest, Actor, Locale) -> Pin<Box<dyn Future<Output = Outcome> + Send>>
    + Send
    + Sync;

/// Hands a change to the writer and waits for its answer.
#[derive(Clone)]
pub struct Submitter(Arc<SubmitFn>);

impl Submitter {
    pub fn new<F, Fut>(submit: F) -> Self
    where
        F: Fn(ChangeRequest, Actor, Locale) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        Self(Arc::new(move |req, by, locale| {
            Box::pin(submit(req, by, locale))
        }))
    }

    /// The change as `by` made it, refusals written in `locale`.
    pub async fn submit(&self, req: ChangeRequest, by: Actor, locale: Locale) -> Outcome {
        (self.0)(req, by, locale).await
    }
}
