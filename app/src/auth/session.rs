//! Sessions: random tokens in an HttpOnly cookie, looked up by their
//! SHA-256 digest, and the server-side checks every write goes through.

use super::{Actor, Me, Role};
use crate::store::{Store, StoreError, StoredAccount, StoredSession};
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "ngo_session";

/// 256 random bits as 64 hex digits (two v4 UUIDs: 244 random bits).
pub fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
}

pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A signed-in request.
#[derive(Clone, Debug)]
pub struct Signed {
    pub session: StoredSession,
    pub account: StoredAccount,
}

impl Signed {
    pub fn me(&self) -> Me {
        Me {
            account: self.account.aid.clone(),
            email: self.account.email.clone(),
            name: self.account.name.clone(),
            role: self.account.role,
            csrf: self.session.csrf.clone(),
        }
    }

    pub fn actor(&self) -> Actor {
        Actor {
            account: self.account.aid.clone(),
            name: self.account.name.clone(),
            role: self.account.role,
        }
    }
}

/// The session of a request, if it has a live one.
pub async fn from_headers(
    store: &Store,
    headers: &HeaderMap,
) -> Result<Option<Signed>, StoreError> {
    let Some(token) = cookie_value(headers, COOKIE) else {
        return Ok(None);
    };
    Ok(store
        .session(&digest(&token), store.session_policy())
        .await?
        .map(|(session, account)| Signed { session, account }))
}

/// Why a write was refused.
/// Shown in the interface language of the request (Finnish elsewhere).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    SignedOut,
    Forbidden,
    Csrf,
}

impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::text::t();
        f.write_str(match self {
            Denied::SignedOut => t.err_sign_in_to_edit,
            Denied::Forbidden => t.err_forbidden,
            Denied::Csrf => t.err_csrf,
        })
    }
}

impl std::error::Error for Denied {}

impl Denied {
    pub fn status(&self) -> u16 {
        match self {
            Denied::SignedOut => 401,
            Denied::Forbidden | Denied::Csrf => 403,
        }
    }
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The check of every cookie-authenticated write: a live session, at
/// least `role`, and the session's anti-forgery token.
pub fn authorize(signed: Option<Signed>, role: Role, csrf: &str) -> Result<Signed, Denied> {
    let signed = signed.ok_or(Denied::SignedOut)?;
    if signed.account.role < role {
        return Err(Denied::Forbidden);
    }
    if !same(&signed.session.csrf, csrf) {
        return Err(Denied::Csrf);
    }
    Ok(signed)
}

/// The check of reads that only some roles may make (no token: reads
/// change nothing).
pub fn authorize_read(signed: Option<Signed>, role: Role) -> Result<Signed, Denied> {
    let signed = signed.ok_or(Denied::SignedOut)?;
    if signed.account.role < role {
        return Err(Denied::Forbidden);
    }
    Ok(signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_and_written_safely() {
        let mut h = HeaderMap::new();
        h.insert("cookie", "a=1; ngo_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie_value(&h, COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie_value(&h, "c"), None);
        let c = set_cookie("t", false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        assert!(set_cookie("t", true).ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn tokens_are_long_random_and_stored_as_digests() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), a);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
