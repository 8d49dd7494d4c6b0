//! Server functions of notifications and following: the signed-in
//! person's notifications (read off the change log), their unread count
//! for the header, marking them read, and following or unfollowing an
//! item or a theme.

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use crate::roadmap::inbox::Group;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One item's notifications as `/notifications` shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub group: Group,
    /// The item's name in the page's language.
    pub title: String,
    /// Where the item (and its thread) is.
    pub href: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub notices: Vec<Notice>,
    pub unread: usize,
    /// The newest seq among them (what "mark all read" marks up to).
    pub head: u64,
}

/// The signed-in person's notifications, newest first.
#[server]
pub async fn get_inbox() -> Result<Inbox, AppError> {
    use crate::auth::Role;
    use crate::roadmap::activity::{item_href, item_title};
    use crate::roadmap::inbox::{unread_count, Reader};
    let signed = context::require_read(Role::Viewer).await?;
    let store = context::store()?;
    let me = Reader {
        account: &signed.account.aid,
        name: &signed.account.name,
    };
    let (state, groups) = store.inbox(&me).await?;
    let unread = unread_count(&groups);
    let head = groups.iter().map(|g| g.seq).max().unwrap_or(0);
    let notices = groups
        .into_iter()
        .filter_map(|group| {
            let item = state.items.get(&group.item)?;
            Some(Notice {
                title: item_title(item),
                href: item_href(item),
                group,
            })
        })
        .collect();
    Ok(Inbox {
        notices,
        unread,
        head,
    })
}

/// How many unread notifications the signed-in person has (0 for
/// someone not signed in: the header asks on every page).
#[server]
pub async fn unread_notifications() -> Result<usize, AppError> {
    use crate::roadmap::inbox::{unread_count, Reader};
    let Some(signed) = context::signed().await? else {
        return Ok(0);
    };
    let me = Reader {
        account: &signed.account.aid,
        name: &signed.account.name,
    };
    Ok(unread_count(&context::store()?.notifications(&me).await?))
}

/// Marks one item's notifications (or all, without `item`) read up to
/// `seq`.
#[server]
pub async fn mark_read(item: Option<String>, seq: u64, csrf: String) -> Result<(), AppError> {
    use crate::auth::Role;
    let signed = context::require(Role::Viewer, &csrf).await?;
    if item
        .as_deref()
        .is_some_and(|i| !crate::roadmap::field::is_valid_id(i))
    {
        return Err(AppError::invalid(crate::text::t().err_item_not_found));
    }
    context::store()?
        .mark_read(&signed.account.aid, item.as_deref(), seq)
        .await?;
    Ok(())
}

/// Everything the signed-in person follows (their own choices and the
/// defaults), or None for someone not signed in: one call per page, the
/// follow buttons read it.
#[server]
pub async fn followed_keys() -> Result<Option<Vec<String>>, AppError> {
    use crate::roadmap::inbox::{followed, Reader};
    let Some(signed) = context::signed().await? else {
        return Ok(None);
    };
    let store = context::store()?;
    let state = store.roadmap_state().await?;
    let follows = store.follows(&signed.account.aid).await?;
    let me = Reader {
        account: &signed.account.aid,
        name: &signed.account.name,
    };
    Ok(Some(followed(&state, &me, &follows).into_iter().collect()))
}

/// Follows `key` (an item that takes comments, or `theme:<key>`), or
/// stops following it.
#[server]
pub async fn set_follow(key: String, on: bool, csrf: String) -> Result<bool, AppError> {
    use crate::auth::Role;
    use crate::roadmap::{ItemKind, Theme};
    let signed = context::require(Role::Viewer, &csrf).await?;
    let store = context::store()?;
    let known = match key.strip_prefix("theme:") {
        Some(theme) => Theme::from_key(theme).is_some(),
        None => store
            .roadmap_state()
            .await?
            .items
            .get(&key)
            .is_some_and(|i| i.kind != ItemKind::Comment && !i.deleted()),
    };
    if !known {
        return Err(AppError::NotFound(
            crate::text::t().err_item_not_found.into(),
        ));
    }
    store.set_follow(&signed.account.aid, &key, on).await?;
    Ok(on)
}

/// The activity stream for `/activity` (anyone may read it): the query's
/// filters, at most 200 lines; for someone signed in, also when their
/// previous visit ended (this look is recorded).
#[server]
pub async fn get_activity(
    query: Vec<(String, String)>,
) -> Result<crate::roadmap::activity::ActivityView, AppError> {
    use crate::roadmap::activity::{ActivityFilter, ActivityView};
    let filter = ActivityFilter::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let store = context::store()?;
    let lines = store.activity(&filter, 200).await?;
    let last_visit = match context::signed().await? {
        Some(signed) => store.look_at_activity(&signed.account.aid).await?,
        None => None,
    };
    Ok(ActivityView { lines, last_visit })
}

/// Names to complete an @mention with: active accounts whose name (or a
/// word of it) starts with `prefix`, at most 8. Signed-in callers only.
#[server]
pub async fn mention_names(prefix: String) -> Result<Vec<String>, AppError> {
    use crate::auth::Role;
    context::require_read(Role::Viewer).await?;
    let prefix: String = prefix.chars().take(40).collect();
    Ok(context::store()?.names_starting(&prefix, 8).await?)
}
