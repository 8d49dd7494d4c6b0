//! Server functions of accounts: sign-in and out, the own password,
//! invitations, and the admin's account list, roles and audit log.

#[cfg(feature = "ssr")]
use super::context;
#[cfg(feature = "ssr")]
use crate::auth::Role;
use crate::auth::{Account, AuditEvent, Invitation, Me};
use crate::error::AppError;
use leptos::prelude::*;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// Sign-in failures allowed per account and per address in
/// [`FAILURE_WINDOW_MS`] before further attempts get 429.
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
pub const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;

/// The signed-in user of this request, with the session's CSRF token.
#[server]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    Ok(context::signed().await?.map(|s| s.me()))
}

#[cfg(feature = "ssr")]
pub(crate) fn client_ip() -> String {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| {
            p.extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(feature = "ssr")]
fn set_cookie(value: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&value),
    ) {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
}

/// Sets `Retry-After` on the response (a refusal for too many attempts).
#[cfg(feature = "ssr")]
pub(crate) fn set_retry_after(seconds: i64) {
    if let (Some(response), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&seconds.to_string()),
    ) {
        response.insert_header(axum::http::header::RETRY_AFTER, v);
    }
}

/// Checks a new password and its repetition; its Argon2id hash.
#[cfg(feature = "ssr")]
pub(crate) async fn new_password_hash(password: String, repeat: &str) -> Result<String, AppError> {
    use crate::auth::{validate_password, AccountInputError};
    validate_password(&password).map_err(AppError::invalid)?;
    if password != repeat {
        return Err(AppError::invalid(AccountInputError::PasswordsDiffer));
    }
    crate::auth::password::hash(password)
        .await
        .map_err(AppError::internal)
}

#[cfg(feature = "ssr")]
fn https() -> bool {
    crate::url::is_https(&context::headers())
}

#[cfg(feature = "ssr")]
pub(crate) async fn start_session(aid: &str) -> Result<(), AppError> {
    use crate::auth::session::{digest, new_token, set_cookie as cookie};
    let token = new_token();
    let csrf = new_token();
    context::store()?
        .create_session(&digest(&token), aid, &csrf, &client_ip())
        .await?;
    set_cookie(cookie(&token, https()));
    Ok(())
}

/// Signs in with e-mail and password. Too many failures for the account
/// or from the address: 429 with Retry-After, before any password check.
#[server]
pub async fn sign_in(email: String, password: String) -> Result<Me, AppError> {
    use crate::auth::password;
    use crate::store::now_ms;
    let t = crate::text::t();
    let store = context::store()?;
    let email = email.trim().to_lowercase();
    let ip = client_ip();
    let now = now_ms();
    let (by_email, by_ip) = store
        .sign_in_failures(&email, &ip, now - FAILURE_WINDOW_MS)
        .await?;
    // When the oldest failure that counts leaves the window.
    let blocked_until = [
        (by_email, MAX_FAILURES_PER_ACCOUNT),
        (by_ip, MAX_FAILURES_PER_ADDRESS),
    ]
    .into_iter()
    .filter(|(times, max)| times.len() >= *max)
    .map(|(times, max)| times[times.len() - max] + FAILURE_WINDOW_MS)
    .max();
    if let Some(until) = blocked_until {
        let seconds = ((until - now) / 1000).max(1);
        set_retry_after(seconds);
        return Err(AppError::TooManyRequests(t.fill(
            t.err_too_many_attempts,
            &[("n", &((seconds + 59) / 60).to_string())],
        )));
    }
    let account = store.account_by_email(&email).await?;
    let ok = match &account {
        Some(a) => password::verify(password, a.password.clone()).await && a.active,
        None => {
            password::verify_nothing(password).await;
            false
        }
    };
    let Some(account) = account.filter(|_| ok) else {
        store.record_sign_in_failure(&email, &ip).await?;
        return Err(AppError::Unauthorized(t.err_wrong_credentials.into()));
    };
    start_session(&account.aid).await?;
    // The new session's token is only in the cookie; the page reloads and
    // reads it with `me`.
    Ok(Me {
        account: account.aid,
        email: account.email,
        name: account.name,
        role: account.role,
        csrf: String::new(),
    })
}

/// Ends this session.
#[server]
pub async fn sign_out(csrf: String) -> Result<(), AppError> {
    let signed = context::require(Role::Viewer, &csrf).await?;
    let store = context::store()?;
    store.delete_session(&signed.session.token).await?;
    context::audit(&store, &signed.account.aid, "sign_out", "", "").await;
    set_cookie(crate::auth::session::clear_cookie(https()));
    Ok(())
}

/// Changes the own password; other sessions of the account end.
#[server]
pub async fn change_password(
    #[server(default)] csrf: String,
    current: String,
    new: String,
    repeat: String,
) -> Result<(), AppError> {
    use crate::auth::password;
    let signed = context::require(Role::Viewer, &csrf).await?;
    if !password::verify(current, signed.account.password.clone()).await {
        return Err(AppError::invalid(
            crate::text::t().err_wrong_current_password,
        ));
    }
    let hash = new_password_hash(new, &repeat).await?;
    context::store()?
        .set_password(&signed.account.aid, &hash, &signed.session.token)
        .await
        .map_err(AppError::from)
}

/// A new invitation: the one-time link's path, and the address it was
/// mailed to when the server sends mail.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InviteSent {
    pub path: String,
    pub mailed_to: Option<String>,
}

/// Invites someone (admins only): the link is mailed to them, in `lang`
/// (default: the admin's interface language), when the server sends
/// mail, and always returned for copying.
#[server]
pub async fn invite(
    #[server(default)] csrf: String,
    email: String,
    role: String,
    #[server(default)] lang: String,
) -> Result<InviteSent, AppError> {
    use crate::auth::session::{digest, new_token};
    use crate::auth::{normalize_email, AccountInputError};
    let admin = context::require(Role::Admin, &csrf).await?;
    let email = normalize_email(&email).map_err(AppError::invalid)?;
    let role = Role::parse(&role).ok_or_else(|| AppError::invalid(AccountInputError::Role))?;
    let store = context::store()?;
    if store.account_by_email(&email).await?.is_some() {
        return Err(AppError::invalid(crate::text::t().err_account_exists));
    }
    let token = new_token();
    let expires = crate::store::now_ms() + INVITATION_DAYS * 24 * 3600 * 1000;
    let site = use_context::<crate::mail::MailSite>().unwrap_or_default();
    let mail = site.enabled.then(|| {
        let texts = crate::i18n::Locale::from_code(&lang)
            .unwrap_or_else(crate::i18n::locale)
            .texts();
        crate::mail::compose::invitation(
            texts,
            &site,
            &token,
            &email,
            &admin.account.name,
            role,
            INVITATION_DAYS,
        )
    });
    store
        .create_invitation(
            &digest(&token),
            &email,
            role,
            expires,
            &admin.account.aid,
            mail.as_ref(),
        )
        .await?;
    Ok(InviteSent {
        path: format!("/invite/{token}"),
        mailed_to: mail.map(|m| m.to),
    })
}

/// What an invitation link offers, if it still works.
#[server]
pub async fn get_invitation(token: String) -> Result<Option<Invitation>, AppError> {
    context::store()?
        .invitation(&crate::auth::session::digest(token.trim()))
        .await
        .map_err(AppError::from)
}

/// Takes an invitation: creates the account and signs it in.
#[server]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
    repeat: String,
) -> Result<(), AppError> {
    let name = crate::auth::validate_display_name(&name).map_err(AppError::invalid)?;
    let hash = new_password_hash(password, &repeat).await?;
    let account = context::store()?
        .accept_invitation(&crate::auth::session::digest(token.trim()), &name, &hash)
        .await?;
    start_session(&account.id).await
}

/// Every account (admins only).
#[server]
pub async fn list_accounts() -> Result<Vec<Account>, AppError> {
    context::require_read(Role::Admin).await?;
    context::store()?
        .list_accounts()
        .await
        .map_err(AppError::from)
}

/// Changes an account's role (admins only; not one's own).
#[server]
pub async fn set_role(
    #[server(default)] csrf: String,
    account: String,
    role: String,
) -> Result<(), AppError> {
    use crate::auth::AccountInputError;
    let admin = context::require(Role::Admin, &csrf).await?;
    let role = Role::parse(&role).ok_or_else(|| AppError::invalid(AccountInputError::Role))?;
    if admin.account.aid == account {
        return Err(AppError::invalid(crate::text::t().err_own_role));
    }
    context::store()?
        .set_role(&account, role, &admin.account.aid)
        .await
        .map_err(AppError::from)
}

/// Deactivates (ending its sessions and live connections at once) or
/// reactivates an account (admins only; not one's own).
#[server]
pub async fn set_active(
    #[server(default)] csrf: String,
    account: String,
    active: bool,
) -> Result<(), AppError> {
    let admin = context::require(Role::Admin, &csrf).await?;
    if admin.account.aid == account {
        return Err(AppError::invalid(crate::text::t().err_own_account));
    }
    context::store()?
        .set_active(&account, active, &admin.account.aid)
        .await
        .map_err(AppError::from)
}

/// The newest audit events (admins only), optionally of one account.
#[server]
pub async fn audit_log(account: Option<String>) -> Result<Vec<AuditEvent>, AppError> {
    context::require_read(Role::Admin).await?;
    let account = account.filter(|a| !a.trim().is_empty());
    context::store()?
        .audit_log(account.as_deref(), 300)
        .await
        .map_err(AppError::from)
}
