//! E-mail: who wants which messages (shared with the account page), and,
//! on the server, what the messages say ([`compose`]) and when a digest is
//! due ([`schedule`]).
//!
//! Nothing is sent from a request. Every message is a row of the durable
//! outbox (`store/mail.rs`), written in the same transaction as its cause
//! where there is one (an invitation, a reset link), under a key that
//! names it for good, so a retry, a second process or a crash can never
//! queue it twice; the server's mailer (`server/src/mail.rs`) sends it.

#[cfg(feature = "ssr")]
pub mod compose;
#[cfg(feature = "ssr")]
pub mod schedule;

use serde::{Deserialize, Serialize};

/// How long a password-reset link works, in minutes.
pub const RESET_MINUTES: i64 = 15;
/// Reset links asked for one address in [`RESET_WINDOW_MS`] before more
/// are silently not sent, and asked from one client address before the
/// form answers 429.
pub const MAX_RESETS_PER_ACCOUNT: usize = 3;
pub const MAX_RESETS_PER_ADDRESS: usize = 10;
pub const RESET_WINDOW_MS: i64 = 60 * 60 * 1000;

/// How often someone wants a digest of what they follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DigestEvery {
    #[default]
    Off,
    Daily,
    Weekly,
}

impl DigestEvery {
    pub const ALL: [DigestEvery; 3] = [DigestEvery::Off, DigestEvery::Daily, DigestEvery::Weekly];

    pub fn key(self) -> &'static str {
        match self {
            DigestEvery::Off => "off",
            DigestEvery::Daily => "daily",
            DigestEvery::Weekly => "weekly",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// Someone's mail choices. By default: a mail for each @mention, no
/// digest (nobody gets a periodic mail they did not ask for), Finnish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPrefs {
    pub mentions: bool,
    pub digest: DigestEvery,
    /// The language of their messages: the interface's when they saved.
    pub lang: String,
}

impl Default for MailPrefs {
    fn default() -> Self {
        Self {
            mentions: true,
            digest: DigestEvery::Off,
            lang: "fi".into(),
        }
    }
}

/// What the pages need to know of mail on this server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatus {
    /// A mail server is configured: messages are sent.
    pub enabled: bool,
}

/// What server functions need to know of mail: whether it is sent, and
/// the public address that links in messages start with (no trailing
/// slash). Provided as context by the server.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct MailSite {
    pub enabled: bool,
    pub public_url: String,
    /// The hour (Finnish time) digests go out (`schedule::DIGEST_HOUR`).
    pub digest_hour: u32,
}

#[cfg(feature = "ssr")]
impl Default for MailSite {
    fn default() -> Self {
        Self {
            enabled: false,
            public_url: String::new(),
            digest_hour: schedule::DIGEST_HOUR,
        }
    }
}

#[cfg(feature = "ssr")]
impl MailSite {
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_keys_round_trip() {
        for d in DigestEvery::ALL {
            assert_eq!(DigestEvery::from_key(d.key()), Some(d));
        }
        assert_eq!(DigestEvery::from_key("hourly"), None);
    }

    #[test]
    fn by_default_mentions_mail_and_no_digest() {
        let p = MailPrefs::default();
        assert!(p.mentions);
        assert_eq!(p.digest, DigestEvery::Off);
    }
}
