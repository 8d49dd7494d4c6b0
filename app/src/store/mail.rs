//! The mail outbox, people's mail choices, password-reset links, and the
//! mailer's cursor over the change log.
//!
//! - `mail_outbox:⟨key⟩`: one message (see `mail::compose::Outgoing`),
//!   `state` queued → sent or failed. Queued with `INSERT IGNORE`, so a
//!   key is queued once whoever queues it again. A sender takes a message
//!   by setting `lease_until` in a conditional update (one process wins);
//!   the body, which may hold a one-time link, is dropped once sent.
//! - `mail_pref:⟨account⟩`: [`MailPrefs`], the account's unsubscribe
//!   token, and the period and log position of its last digest.
//! - `password_reset`: a link's token digest, account, expiry, `used`.
//! - `reset_request`: who asked for links when, for the rate limits.
//! - `mail_cursor:mentions`: the log position mention mails are made up to.

use super::{now_ms, AccountError, Store, StoreError};
use crate::mail::compose::Outgoing;
use crate::mail::{DigestEvery, MailPrefs};
use serde::Deserialize;
use serde_json::json;

/// Queues every message of `$mails` (in whatever transaction it is part of).
pub(super) const ENQUEUE: &str = "FOR $m IN $mails {
    INSERT IGNORE INTO mail_outbox { id: $m.key, key: $m.key, to: $m.to, subject: $m.subject,
        body: $m.body, unsubscribe: $m.unsubscribe, created: $now, next_at: $now,
        attempts: 0, state: 'queued', lease_until: 0, error: '' };
};";

/// A message taken for sending.
#[derive(Clone, Debug, Deserialize)]
pub struct QueuedMail {
    pub key: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    #[serde(default)]
    pub unsubscribe: Option<String>,
    pub attempts: u32,
}

/// How many messages are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub queued: usize,
    pub sent: usize,
    pub failed: usize,
}

/// A stored `mail_pref` row with what only the server uses.
#[derive(Clone, Debug, Deserialize)]
pub struct StoredMailPrefs {
    pub account: String,
    pub mentions: bool,
    pub digest: DigestEvery,
    pub lang: String,
    pub unsubscribe: String,
    #[serde(default)]
    pub digest_period: String,
    #[serde(default)]
    pub digest_seq: u64,
}

impl StoredMailPrefs {
    pub fn prefs(&self) -> MailPrefs {
        MailPrefs {
            mentions: self.mentions,
            digest: self.digest,
            lang: self.lang.clone(),
        }
    }
}

impl Store {
    /// Queues messages on their own (mentions, digests).
    pub async fn enqueue_mail(&self, mails: &[Outgoing]) -> Result<(), StoreError> {
        if mails.is_empty() {
            return Ok(());
        }
        self.db
            .query(ENQUEUE)
            .bind(json!({ "mails": mails, "now": now_ms() }))
            .await?
            .check()?;
        Ok(())
    }

    /// Keys of the messages due to be sent, oldest first.
    pub async fn due_mail(&self, now: i64, limit: usize) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT VALUE key FROM mail_outbox
             WHERE state = 'queued' AND next_at <= $now AND lease_until <= $now
             ORDER BY next_at LIMIT $limit",
            json!({ "now": now, "limit": limit }),
            0,
        )
        .await
    }

    /// Takes message `key` for `lease_ms`, if it is still due and nobody
    /// else has it. A write conflict with another process taking it at
    /// the same moment counts as not taken.
    pub async fn claim_mail(
        &self,
        key: &str,
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<QueuedMail>, StoreError> {
        let result: Result<Vec<QueuedMail>, StoreError> = self
            .rows(
                "UPDATE type::record('mail_outbox', $key) SET lease_until = $until
                 WHERE state = 'queued' AND next_at <= $now AND lease_until <= $now
                 RETURN AFTER",
                json!({ "key": key, "now": now, "until": now + lease_ms }),
                0,
            )
            .await;
        match result {
            Ok(mut rows) => Ok(rows.pop()),
            Err(e) if e.to_string().contains("conflict") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Marks a message sent; its body (which may hold a one-time link)
    /// is not kept.
    pub async fn mail_sent(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .query(
                "UPDATE type::record('mail_outbox', $key)
                 SET state = 'sent', sent_at = $now, body = '', error = ''",
            )
            .bind(json!({ "key": key, "now": now_ms() }))
            .await?
            .check()?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up
    /// (`None`), when the body is dropped too.
    pub async fn mail_failed(
        &self,
        key: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<(), StoreError> {
        let query = if retry_at.is_some() {
            "UPDATE type::record('mail_outbox', $key)
             SET attempts += 1, next_at = $retry, lease_until = 0, error = $error"
        } else {
            "UPDATE type::record('mail_outbox', $key)
             SET attempts += 1, state = 'failed', body = '', error = $error"
        };
        self.db
            .query(query)
            .bind(json!({ "key": key, "retry": retry_at, "error": error }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        #[derive(Deserialize)]
        struct Row {
            state: String,
            n: usize,
        }
        let rows: Vec<Row> = self
            .rows(
                "SELECT state, count() AS n FROM mail_outbox GROUP BY state",
                json!({}),
                0,
            )
            .await?;
        let mut counts = OutboxCounts::default();
        for r in rows {
            match r.state.as_str() {
                "queued" => counts.queued = r.n,
                "sent" => counts.sent = r.n,
                _ => counts.failed += r.n,
            }
        }
        Ok(counts)
    }

    /// Forgets sent and failed messages older than `before` (their
    /// bodies are gone already).
    pub async fn prune_outbox(&self, before: i64) -> Result<(), StoreError> {
        self.db
            .query("DELETE mail_outbox WHERE state != 'queued' AND created < $before")
            .bind(json!({ "before": before }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn stored_mail_prefs(
        &self,
        account: &str,
    ) -> Result<Option<StoredMailPrefs>, StoreError> {
        let mut rows: Vec<StoredMailPrefs> = self
            .rows(
                "SELECT * OMIT id FROM type::record('mail_pref', $account)",
                json!({ "account": account }),
                0,
            )
            .await?;
        Ok(rows.pop())
    }

    /// Someone's choices (the defaults when they made none).
    pub async fn mail_prefs(&self, account: &str) -> Result<MailPrefs, StoreError> {
        Ok(self
            .stored_mail_prefs(account)
            .await?
            .map(|p| p.prefs())
            .unwrap_or_default())
    }

    /// The account's stored choices, creating the row (with its
    /// unsubscribe token) when it has none: every notification mail
    /// carries the token.
    pub async fn ensure_mail_prefs(&self, account: &str) -> Result<StoredMailPrefs, StoreError> {
        if let Some(p) = self.stored_mail_prefs(account).await? {
            return Ok(p);
        }
        let d = MailPrefs::default();
        self.db
            .query(
                "INSERT IGNORE INTO mail_pref { id: $account, account: $account,
                     mentions: $mentions, digest: $digest, lang: $lang, unsubscribe: $tok,
                     digest_period: '', digest_seq: 0 }",
            )
            .bind(json!({
                "account": account, "mentions": d.mentions, "digest": d.digest,
                "lang": d.lang, "tok": crate::auth::session::new_token(),
            }))
            .await?
            .check()?;
        self.stored_mail_prefs(account)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Saves someone's choices. A digest newly switched on starts from
    /// now: its first mail is for the next period (`period`), covering
    /// what happens after log position `head`.
    pub async fn set_mail_prefs(
        &self,
        account: &str,
        prefs: &MailPrefs,
        period: Option<String>,
        head: u64,
    ) -> Result<(), StoreError> {
        let old = self.ensure_mail_prefs(account).await?;
        let (digest_period, digest_seq) = if old.digest == prefs.digest {
            (old.digest_period, old.digest_seq)
        } else {
            (period.unwrap_or_default(), head)
        };
        self.db
            .query(
                "UPDATE type::record('mail_pref', $account) SET mentions = $mentions,
                     digest = $digest, lang = $lang, digest_period = $period, digest_seq = $seq",
            )
            .bind(json!({
                "account": account, "mentions": prefs.mentions, "digest": prefs.digest,
                "lang": prefs.lang, "period": digest_period, "seq": digest_seq,
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// The account an unsubscribe token belongs to, with its e-mail.
    pub async fn unsubscribe_target(
        &self,
        token: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        if token.is_empty() {
            return Ok(None);
        }
        let rows: Vec<String> = self
            .rows(
                "SELECT VALUE account FROM mail_pref WHERE unsubscribe = $tok",
                json!({ "tok": token }),
                0,
            )
            .await?;
        let Some(account) = rows.into_iter().next() else {
            return Ok(None);
        };
        Ok(self.account(&account).await?.map(|a| (a.aid, a.email)))
    }

    /// Stops every notification mail of the token's account. `false`: no
    /// such token.
    pub async fn unsubscribe(&self, token: &str) -> Result<bool, StoreError> {
        let Some((account, email)) = self.unsubscribe_target(token).await? else {
            return Ok(false);
        };
        self.db
            .query(
                "BEGIN TRANSACTION;
                 UPDATE type::record('mail_pref', $account) SET mentions = false, digest = 'off';
                 CREATE audit CONTENT { at: $now, account: $account, action: 'mail_unsubscribed',
                     target: $email, detail: '' };
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "account": account, "email": email, "now": now_ms() }))
            .await?
            .check()?;
        Ok(true)
    }

    /// Everyone who wants a digest.
    pub async fn digest_subscribers(&self) -> Result<Vec<StoredMailPrefs>, StoreError> {
        self.rows(
            "SELECT * OMIT id FROM mail_pref WHERE digest != 'off'",
            json!({}),
            0,
        )
        .await
    }

    /// Records that `account`'s digest for `period` is done, up to log
    /// position `seq`, and queues its mail (if there was anything to
    /// tell) in the same transaction.
    pub async fn digest_done(
        &self,
        account: &str,
        period: &str,
        seq: u64,
        mail: Option<&Outgoing>,
    ) -> Result<(), StoreError> {
        let mails: Vec<&Outgoing> = mail.into_iter().collect();
        self.db
            .query(format!(
                "BEGIN TRANSACTION;
                 UPDATE type::record('mail_pref', $account) SET digest_period = $period, digest_seq = $seq;
                 {ENQUEUE}
                 COMMIT TRANSACTION;"
            ))
            .bind(json!({
                "account": account, "period": period, "seq": seq, "mails": mails, "now": now_ms(),
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// Where mail of kind `name` has been made up to in the change log.
    pub async fn mail_cursor(&self, name: &str) -> Result<Option<u64>, StoreError> {
        let rows: Vec<u64> = self
            .rows(
                "SELECT VALUE seq FROM type::record('mail_cursor', $name)",
                json!({ "name": name }),
                0,
            )
            .await?;
        Ok(rows.into_iter().next())
    }

    /// Moves a cursor forward (never back: two processes may both move it).
    pub async fn advance_mail_cursor(&self, name: &str, seq: u64) -> Result<(), StoreError> {
        self.db
            .query(
                "UPSERT type::record('mail_cursor', $name)
                 SET seq = math::max([seq ?? 0, $seq])",
            )
            .bind(json!({ "name": name, "seq": seq }))
            .await?
            .check()?;
        Ok(())
    }

    /// Records a request for a reset link (whether or not the address has
    /// an account: the limits must not tell).
    pub async fn record_reset_request(&self, email: &str, ip: &str) -> Result<(), StoreError> {
        self.db
            .query("CREATE reset_request CONTENT { email: $email, ip: $ip, at: $now }")
            .bind(json!({ "email": email, "ip": ip, "now": now_ms() }))
            .await?
            .check()?;
        Ok(())
    }

    /// The times (ms) of reset requests since `since`, for an e-mail and
    /// for a client address, oldest first.
    pub async fn reset_requests(
        &self,
        email: &str,
        ip: &str,
        since: i64,
    ) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
        self.attempts_since("reset_request", email, ip, since).await
    }

    /// Forgets old reset requests and links.
    pub async fn prune_resets(&self, before: i64) -> Result<(), StoreError> {
        self.db
            .query(
                "DELETE reset_request WHERE at < $before;
                 DELETE password_reset WHERE expires < $before;",
            )
            .bind(json!({ "before": before }))
            .await?
            .check()?;
        Ok(())
    }

    /// Creates a reset link for `account` and queues its mail, at once.
    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        account: &str,
        expires: i64,
        mail: &Outgoing,
    ) -> Result<(), StoreError> {
        self.db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE password_reset CONTENT {{ token: $tok, account: $account,
                     expires: $expires, used: false, created: $now }};
                 {ENQUEUE}
                 CREATE audit CONTENT {{ at: $now, account: $account,
                     action: 'password_reset_requested', target: $to, detail: '' }};
                 COMMIT TRANSACTION;"
            ))
            .bind(json!({
                "tok": token_hash, "account": account, "expires": expires,
                "mails": [mail], "to": mail.to, "now": now_ms(),
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// The account whose reset link this is, if it still works.
    pub async fn password_reset_account(
        &self,
        token_hash: &str,
    ) -> Result<Option<String>, StoreError> {
        let rows: Vec<String> = self
            .rows(
                "SELECT VALUE account FROM password_reset
                 WHERE token = $tok AND used = false AND expires > $now",
                json!({ "tok": token_hash, "now": now_ms() }),
                0,
            )
            .await?;
        Ok(rows.into_iter().next())
    }

    /// Uses a reset link once: marks it (and every other open link of the
    /// account) used, sets the password and ends every session of the
    /// account, in one transaction. Returns the account.
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
    ) -> Result<String, AccountError> {
        let account = self
            .password_reset_account(token_hash)
            .await?
            .ok_or(AccountError::ResetInvalid)?;
        let result = self
            .db
            .query(
                "BEGIN TRANSACTION;
                 LET $n = (UPDATE password_reset SET used = true
                     WHERE token = $tok AND used = false AND expires > $now RETURN AFTER);
                 IF array::len($n) != 1 { THROW 'reset used' };
                 UPDATE password_reset SET used = true WHERE account = $account;
                 UPDATE account SET password = $hash WHERE aid = $account AND active = true;
                 DELETE session WHERE account = $account;
                 CREATE audit CONTENT { at: $now, account: $account, action: 'password_reset',
                     target: '', detail: '' };
                 COMMIT TRANSACTION;",
            )
            .bind(json!({
                "tok": token_hash, "account": account, "hash": password_hash, "now": now_ms(),
            }))
            .await
            .map_err(StoreError::from)?
            .check();
        match result {
            Ok(_) => Ok(account),
            Err(e) if e.to_string().contains("reset used") => Err(AccountError::ResetInvalid),
            Err(e) => Err(AccountError::Store(e.into())),
        }
    }
}
