//! Server functions of e-mail: one's mail choices, password reset by a
//! one-time link, unsubscribing by the link in a notification mail.

#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use crate::mail::{MailPrefs, MailStatus};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn site() -> crate::mail::MailSite {
    use_context::<crate::mail::MailSite>().unwrap_or_default()
}

/// Whether this server sends mail (the sign-in page offers a reset link
/// only then).
#[server]
pub async fn get_mail_status() -> Result<MailStatus, AppError> {
    Ok(MailStatus {
        enabled: site().enabled,
    })
}

/// The signed-in person's mail choices.
#[server]
pub async fn get_mail_prefs() -> Result<MailPrefs, AppError> {
    let signed = context::require_read(crate::auth::Role::Viewer).await?;
    Ok(context::store()?.mail_prefs(&signed.account.aid).await?)
}

/// Saves the signed-in person's mail choices; messages will come in the
/// interface language of this request.
#[server]
pub async fn set_mail_prefs(
    #[server(default)] csrf: String,
    #[server(default)] mentions: Option<String>,
    digest: String,
) -> Result<(), AppError> {
    use crate::mail::{schedule, DigestEvery};
    let signed = context::require(crate::auth::Role::Viewer, &csrf).await?;
    let digest = DigestEvery::from_key(&digest)
        .ok_or_else(|| AppError::invalid(crate::text::t().digest_off))?;
    let prefs = MailPrefs {
        mentions: mentions.is_some(),
        digest,
        lang: crate::i18n::locale().code().to_string(),
    };
    let store = context::store()?;
    let period = schedule::period(digest, chrono::Utc::now(), site().digest_hour);
    let head = store.roadmap_head().await?;
    store
        .set_mail_prefs(&signed.account.aid, &prefs, period, head)
        .await?;
    Ok(())
}

/// Asks for a password-reset link. The answer is the same whether or not
/// the address has an account, and so is the time it takes: once the
/// request is counted, the link is looked up, made and mailed after the
/// answer (`make_reset_link`). Too many requests from one client address
/// get 429, and past the limit for one address no more links are made
/// (the answer still says nothing).
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::mail::{MAX_RESETS_PER_ACCOUNT, MAX_RESETS_PER_ADDRESS, RESET_WINDOW_MS};
    use crate::store::now_ms;
    let t = crate::text::t();
    let site = site();
    if !site.enabled {
        return Err(AppError::invalid(t.forgot_no_mail));
    }
    let email = email.trim().to_lowercase();
    let ip = super::accounts::client_ip();
    let store = context::store()?;
    let now = now_ms();
    let (by_email, by_ip) = store
        .reset_requests(&email, &ip, now - RESET_WINDOW_MS)
        .await?;
    if by_ip.len() >= MAX_RESETS_PER_ADDRESS {
        let until = by_ip[by_ip.len() - MAX_RESETS_PER_ADDRESS] + RESET_WINDOW_MS;
        let minutes = ((until - now) / 60_000).max(1);
        super::accounts::set_retry_after(minutes * 60);
        return Err(AppError::TooManyRequests(
            t.fill(t.err_too_many_resets, &[("n", &minutes.to_string())]),
        ));
    }
    store.record_reset_request(&email, &ip).await?;
    if by_email.len() < MAX_RESETS_PER_ACCOUNT {
        tokio::spawn(async move {
            if let Err(e) = make_reset_link(&store, &site, &email, now).await {
                tracing::warn!("password reset link not made: {e}");
            }
        });
    }
    Ok(())
}

/// Makes and queues the reset link of an active account with this
/// address; nothing for any other address.
#[cfg(feature = "ssr")]
async fn make_reset_link(
    store: &crate::store::Store,
    site: &crate::mail::MailSite,
    email: &str,
    now: i64,
) -> Result<(), AppError> {
    use crate::auth::session::{digest, new_token};
    let Some(account) = store.account_by_email(email).await?.filter(|a| a.active) else {
        return Ok(());
    };
    let token = new_token();
    let lang = store.mail_prefs(&account.aid).await?.lang;
    let texts = crate::i18n::Locale::from_code(&lang)
        .unwrap_or_default()
        .texts();
    let mail = crate::mail::compose::password_reset(texts, site, &token, &account.email);
    store
        .create_password_reset(
            &digest(&token),
            &account.aid,
            now + crate::mail::RESET_MINUTES * 60_000,
            &mail,
        )
        .await?;
    Ok(())
}

/// Whether a reset link still works.
#[server]
pub async fn check_reset(token: String) -> Result<bool, AppError> {
    Ok(context::store()?
        .password_reset_account(&crate::auth::session::digest(token.trim()))
        .await?
        .is_some())
}

/// Sets a new password with a reset link (once), ends every session of
/// the account and signs this browser in.
#[server]
pub async fn reset_password(
    token: String,
    password: String,
    repeat: String,
) -> Result<(), AppError> {
    let hash = super::accounts::new_password_hash(password, &repeat).await?;
    let account = context::store()?
        .use_password_reset(&crate::auth::session::digest(token.trim()), &hash)
        .await?;
    super::accounts::start_session(&account).await
}

/// The address an unsubscribe link stops mail to (None: not a link of ours).
#[server]
pub async fn unsubscribe_target(token: String) -> Result<Option<String>, AppError> {
    Ok(context::store()?
        .unsubscribe_target(token.trim())
        .await?
        .map(|(_, email)| email))
}

/// Stops every notification mail of the link's account (no sign-in: the
/// link in the mail is the proof, as mail clients' one-click unsubscribe
/// expects).
#[server]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    if context::store()?.unsubscribe(token.trim()).await? {
        Ok(())
    } else {
        Err(AppError::invalid(crate::text::t().unsubscribe_invalid))
    }
}
