//! Accounts, sessions, invitations, sign-in failures and the audit log.
//!
//! Secrets are never stored as such: passwords as Argon2id hashes,
//! session and invitation tokens as SHA-256 digests. Times are
//! milliseconds since the epoch, so that expiry is a number comparison.

use super::{Store, StoreError};
use crate::auth::{Account, AuditEvent, Invitation, Role};
use serde::Deserialize;
use serde_json::json;

/// How long a session lives without use, and at most.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub idle_ms: i64,
    pub max_ms: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle_ms: 8 * 3600 * 1000,
            max_ms: 30 * 24 * 3600 * 1000,
        }
    }
}

/// A stored account with its password hash (never leaves the server).
#[derive(Clone, Debug, Deserialize)]
pub struct StoredAccount {
    pub aid: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub password: String,
    pub created: i64,
}

impl StoredAccount {
    pub fn public(&self) -> Account {
        Account {
            id: self.aid.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
            active: self.active,
            created: self.created,
        }
    }
}

/// A live session row.
#[derive(Clone, Debug, Deserialize)]
pub struct StoredSession {
    pub token: String,
    pub account: String,
    pub csrf: String,
    pub created: i64,
    pub last_seen: i64,
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Why an account could not be created. Displays in the interface
/// language (on the server: the request's `lang` cookie).
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{}", crate::text::t().err_account_exists)]
    EmailTaken,
    #[error("{}", crate::text::t().err_invitation_invalid)]
    InvitationInvalid,
    #[error("{}", crate::text::t().reset_invalid)]
    ResetInvalid,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn taken(e: StoreError) -> AccountError {
    let text = e.to_string();
    if text.contains("account_email") || text.contains("already contains") {
        AccountError::EmailTaken
    } else {
        AccountError::Store(e)
    }
}

// `$token`, like `$session` and `$auth`, is reserved by SurrealDB: the
// token parameter is `$tok`.
impl Store {
    /// Creates an account; the e-mail must be new.
    pub async fn create_account(
        &self,
        email: &str,
        name: &str,
        role: Role,
        password_hash: &str,
        by: &str,
    ) -> Result<Account, AccountError> {
        let aid = format!("u{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
        let now = now_ms();
        let vars = json!({
            "aid": aid, "email": email, "name": name, "role": role, "password": password_hash,
            "now": now, "by": by,
        });
        self.db
            .query(
                "BEGIN TRANSACTION;
                 CREATE account CONTENT { aid: $aid, email: $email, name: $name, role: $role,
                     active: true, password: $password, created: $now };
                 CREATE audit CONTENT { at: $now, account: $by, action: 'account_created',
                     target: $email, detail: $role };
                 COMMIT TRANSACTION;",
            )
            .bind(vars)
            .await
            .map_err(StoreError::from)?
            .check()
            .map_err(|e| taken(e.into()))?;
        Ok(self
            .account(&aid)
            .await?
            .ok_or(StoreError::NotFound)?
            .public())
    }

    pub async fn account_by_email(&self, email: &str) -> Result<Option<StoredAccount>, StoreError> {
        let mut rows: Vec<StoredAccount> = self
            .rows(
                "SELECT * OMIT id FROM account WHERE email = $email",
                json!({ "email": email }),
                0,
            )
            .await?;
        Ok(rows.pop())
    }

    pub async fn account(&self, aid: &str) -> Result<Option<StoredAccount>, StoreError> {
        let mut rows: Vec<StoredAccount> = self
            .rows(
                "SELECT * OMIT id FROM account WHERE aid = $aid",
                json!({ "aid": aid }),
                0,
            )
            .await?;
        Ok(rows.pop())
    }

    pub async fn list_accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows: Vec<StoredAccount> = self
            .rows("SELECT * OMIT id FROM account ORDER BY email", json!({}), 0)
            .await?;
        Ok(rows.iter().map(StoredAccount::public).collect())
    }

    /// Names of active accounts that start with `prefix` (or have a word
    /// that does), any case, at most `limit`, in order: for @mentions.
    pub async fn names_starting(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        let p = prefix.trim().to_lowercase();
        let rows: Vec<String> = self
            .rows(
                "SELECT VALUE name FROM account WHERE active = true
                   AND (string::starts_with(string::lowercase(name), $p)
                        OR string::contains(string::lowercase(name), string::concat(' ', $p)))
                 ORDER BY name LIMIT $limit",
                json!({ "p": p, "limit": limit }),
                0,
            )
            .await?;
        Ok(rows)
    }

    pub async fn count_admins(&self) -> Result<usize, StoreError> {
        let rows: Vec<serde_json::Value> = self
            .rows(
                "SELECT aid FROM account WHERE role = 'admin' AND active = true",
                json!({}),
                0,
            )
            .await?;
        Ok(rows.len())
    }

    /// Starts a session for `aid` under the (already hashed) token.
    pub async fn create_session(
        &self,
        token_hash: &str,
        aid: &str,
        csrf: &str,
        ip: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        self.db
            .query(
                "BEGIN TRANSACTION;
                 CREATE session CONTENT { token: $tok, account: $aid, csrf: $csrf,
                     created: $now, last_seen: $now };
                 CREATE audit CONTENT { at: $now, account: $aid, action: 'sign_in',
                     target: '', detail: $ip };
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "tok": token_hash, "aid": aid, "csrf": csrf, "now": now, "ip": ip }))
            .await?
            .check()?;
        Ok(())
    }

    /// The session and its account, when the session is alive and the
    /// account active. Marks the session used (at most once a minute).
    /// An expired session is deleted.
    pub async fn session(
        &self,
        token_hash: &str,
        policy: SessionPolicy,
    ) -> Result<Option<(StoredSession, StoredAccount)>, StoreError> {
        let mut rows: Vec<StoredSession> = self
            .rows(
                "SELECT * OMIT id FROM session WHERE token = $tok",
                json!({ "tok": token_hash }),
                0,
            )
            .await?;
        let Some(session) = rows.pop() else {
            return Ok(None);
        };
        let now = now_ms();
        if now - session.last_seen > policy.idle_ms || now - session.created > policy.max_ms {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        let Some(account) = self.account(&session.account).await? else {
            return Ok(None);
        };
        if !account.active {
            return Ok(None);
        }
        if now - session.last_seen > 60_000 {
            self.db
                .query("UPDATE session SET last_seen = $now WHERE token = $tok")
                .bind(json!({ "tok": token_hash, "now": now }))
                .await?
                .check()?;
        }
        Ok(Some((session, account)))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.db
            .query("DELETE session WHERE token = $tok")
            .bind(json!({ "tok": token_hash }))
            .await?
            .check()?;
        Ok(())
    }

    /// Deletes every session that is past its time.
    pub async fn expire_sessions(&self, policy: SessionPolicy) -> Result<(), StoreError> {
        let now = now_ms();
        self.db
            .query("DELETE session WHERE last_seen < $idle OR created < $max")
            .bind(json!({ "idle": now - policy.idle_ms, "max": now - policy.max_ms }))
            .await?
            .check()?;
        Ok(())
    }

    /// Changes a password and ends the account's other sessions.
    pub async fn set_password(
        &self,
        aid: &str,
        password_hash: &str,
        keep_session: &str,
    ) -> Result<(), StoreError> {
        self.db
            .query(
                "BEGIN TRANSACTION;
                 UPDATE account SET password = $hash WHERE aid = $aid;
                 DELETE session WHERE account = $aid AND token != $keep;
                 CREATE audit CONTENT { at: $now, account: $aid, action: 'password_changed',
                     target: '', detail: '' };
                 COMMIT TRANSACTION;",
            )
            .bind(
                json!({ "aid": aid, "hash": password_hash, "keep": keep_session, "now": now_ms() }),
            )
            .await?
            .check()?;
        Ok(())
    }

    /// Changes a role. The account's open connections pick it up through
    /// the live query on `account`.
    pub async fn set_role(&self, aid: &str, role: Role, by: &str) -> Result<(), StoreError> {
        let account = self.account(aid).await?.ok_or(StoreError::NotFound)?;
        self.db
            .query(
                "BEGIN TRANSACTION;
                 UPDATE account SET role = $role WHERE aid = $aid;
                 CREATE audit CONTENT { at: $now, account: $by, action: 'role_changed',
                     target: $email, detail: $role };
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "aid": aid, "role": role, "by": by, "email": account.email, "now": now_ms() }))
            .await?
            .check()?;
        Ok(())
    }

    /// Deactivates (ending every session at once) or reactivates.
    pub async fn set_active(&self, aid: &str, active: bool, by: &str) -> Result<(), StoreError> {
        let account = self.account(aid).await?.ok_or(StoreError::NotFound)?;
        let action = if active { "reactivated" } else { "deactivated" };
        self.db
            .query(
                "BEGIN TRANSACTION;
                 UPDATE account SET active = $active WHERE aid = $aid;
                 IF !$active { DELETE session WHERE account = $aid; };
                 CREATE audit CONTENT { at: $now, account: $by, action: $action,
                     target: $email, detail: '' };
                 COMMIT TRANSACTION;",
            )
            .bind(json!({
                "aid": aid, "active": active, "by": by, "action": action,
                "email": account.email, "now": now_ms(),
            }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn create_invitation(
        &self,
        token_hash: &str,
        email: &str,
        role: Role,
        expires: i64,
        by: &str,
        mail: Option<&crate::mail::compose::Outgoing>,
    ) -> Result<(), StoreError> {
        let mails: Vec<_> = mail.into_iter().collect();
        self.db
            .query(format!(
                "BEGIN TRANSACTION;
                 CREATE invitation CONTENT {{ token: $tok, email: $email, role: $role,
                     expires: $expires, used: false, by: $by, created: $now }};
                 {}
                 CREATE audit CONTENT {{ at: $now, account: $by, action: 'invited',
                     target: $email, detail: $role }};
                 COMMIT TRANSACTION;",
                super::mail::ENQUEUE
            ))
            .bind(json!({
                "tok": token_hash, "email": email, "role": role, "expires": expires,
                "by": by, "now": now_ms(), "mails": mails,
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// The invitation behind a token, if it can still be used.
    pub async fn invitation(&self, token_hash: &str) -> Result<Option<Invitation>, StoreError> {
        let mut rows: Vec<Invitation> = self
            .rows(
                "SELECT email, role, expires FROM invitation
                 WHERE token = $tok AND used = false AND expires > $now",
                json!({ "tok": token_hash, "now": now_ms() }),
                0,
            )
            .await?;
        Ok(rows.pop())
    }

    /// Uses an invitation once: marks it used and creates the account in
    /// one transaction, so two tabs cannot both use it.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<Account, AccountError> {
        let invitation = self
            .invitation(token_hash)
            .await?
            .ok_or(AccountError::InvitationInvalid)?;
        let aid = format!("u{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
        let now = now_ms();
        let vars = json!({
            "tok": token_hash, "aid": aid, "email": invitation.email, "name": name,
            "role": invitation.role, "password": password_hash, "now": now,
        });
        let result = self
            .db
            .query(
                "BEGIN TRANSACTION;
                 LET $n = (UPDATE invitation SET used = true
                     WHERE token = $tok AND used = false AND expires > $now RETURN AFTER);
                 IF array::len($n) != 1 { THROW 'invitation used' };
                 CREATE account CONTENT { aid: $aid, email: $email, name: $name, role: $role,
                     active: true, password: $password, created: $now };
                 CREATE audit CONTENT { at: $now, account: $aid, action: 'invitation_accepted',
                     target: $email, detail: $role };
                 COMMIT TRANSACTION;",
            )
            .bind(vars)
            .await
            .map_err(StoreError::from)?
            .check();
        if let Err(e) = result {
            let text = e.to_string();
            return Err(if text.contains("invitation used") {
                AccountError::InvitationInvalid
            } else {
                taken(e.into())
            });
        }
        Ok(self
            .account(&aid)
            .await?
            .ok_or(StoreError::NotFound)?
            .public())
    }

    /// Records a failed sign-in, for the rate limits and the audit log.
    pub async fn record_sign_in_failure(&self, email: &str, ip: &str) -> Result<(), StoreError> {
        let now = now_ms();
        self.db
            .query(
                "BEGIN TRANSACTION;
                 CREATE sign_in_failure CONTENT { email: $email, ip: $ip, at: $now };
                 CREATE audit CONTENT { at: $now, account: '', action: 'sign_in_failed',
                     target: $email, detail: $ip };
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "email": email, "ip": ip, "now": now }))
            .await?
            .check()?;
        Ok(())
    }

    /// The times (ms) of the rows of `table` (`email`, `ip`, `at`: a
    /// counter of attempts) since `since`, for an e-mail and for a client
    /// address, oldest first.
    pub(super) async fn attempts_since(
        &self,
        table: &'static str,
        email: &str,
        ip: &str,
        since: i64,
    ) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
        // The table is named in the query itself (a constant of ours), so
        // its `email` and `ip` indexes serve it.
        let mut response = self
            .db
            .query(format!(
                "SELECT VALUE at FROM {table} WHERE email = $email AND at > $since ORDER BY at;
                 SELECT VALUE at FROM {table} WHERE ip = $ip AND at > $since ORDER BY at;"
            ))
            .bind(json!({ "email": email, "ip": ip, "since": since }))
            .await?
            .check()?;
        Ok((response.take(0)?, response.take(1)?))
    }

    /// The times (ms) of failed sign-ins since `since`, for an e-mail and
    /// for an address, oldest first.
    pub async fn sign_in_failures(
        &self,
        email: &str,
        ip: &str,
        since: i64,
    ) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
        self.attempts_since("sign_in_failure", email, ip, since)
            .await
    }

    /// Forgets old failures (kept in the audit log).
    pub async fn prune_sign_in_failures(&self, before: i64) -> Result<(), StoreError> {
        self.db
            .query("DELETE sign_in_failure WHERE at < $before")
            .bind(json!({ "before": before }))
            .await?
            .check()?;
        Ok(())
    }

    /// Writes one audit line of its own (changes to areas and the roadmap
    /// are audited by their change logs).
    pub async fn audit(
        &self,
        account: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.db
            .query("CREATE audit CONTENT { at: $now, account: $account, action: $action, target: $target, detail: $detail }")
            .bind(json!({
                "now": now_ms(), "account": account, "action": action,
                "target": target, "detail": detail,
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// The newest `limit` events: account events and the change log (area
    /// edits and roadmap changes; the areas' history from before the log is
    /// on it since the migration), merged newest first; `account` narrows to one account.
    pub async fn audit_log(
        &self,
        account: Option<&str>,
        limit: usize,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        #[derive(Deserialize)]
        struct Row {
            at: serde_json::Value,
            #[serde(default)]
            account: Option<String>,
            action: String,
            #[serde(default)]
            target: Option<String>,
            #[serde(default)]
            detail: Option<serde_json::Value>,
        }
        let filter = if account.is_some() {
            "WHERE account = $account"
        } else {
            ""
        };
        let query = format!(
            "SELECT at, account, action, target, detail FROM audit {filter} ORDER BY at DESC LIMIT $limit;
             SELECT at, account,
                 IF kind = 'area' THEN 'area_edit' ELSE 'roadmap_change' END AS action,
                 item AS target,
                 object::keys(fields) AS detail
                 FROM roadmap_change {filter} ORDER BY seq DESC LIMIT $limit;"
        );
        let mut response = self
            .db
            .query(query)
            .bind(json!({ "account": account, "limit": limit }))
            .await?
            .check()?;
        let accounts: std::collections::HashMap<String, String> = self
            .list_accounts()
            .await?
            .into_iter()
            .map(|a| (a.id, a.email))
            .collect();
        let mut events = Vec::new();
        for index in 0..2 {
            let rows: Vec<serde_json::Value> = response.take(index)?;
            for row in rows {
                let row: Row = serde_json::from_value(row)?;
                let at = match &row.at {
                    serde_json::Value::Number(n) => n.as_i64().unwrap_or_default(),
                    serde_json::Value::String(s) => chrono::DateTime::parse_from_rfc3339(s)
                        .map(|t| t.timestamp_millis())
                        .unwrap_or_default(),
                    _ => 0,
                };
                let account = row.account.unwrap_or_default();
                let mut target = row.target.unwrap_or_default();
                // An area's item (`area-pi`) is shown as its code.
                if let Some(code) = target
                    .strip_prefix("area-")
                    .filter(|_| row.action == "area_edit")
                {
                    target = code.to_ascii_uppercase();
                }
                let who = accounts.get(&account).cloned().unwrap_or_else(|| {
                    if row.action == "sign_in_failed" {
                        target.clone()
                    } else {
                        String::new()
                    }
                });
                let detail = match row.detail {
                    Some(serde_json::Value::String(s)) => s,
                    Some(serde_json::Value::Array(a)) => a
                        .iter()
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                };
                events.push(AuditEvent {
                    at,
                    account,
                    who,
                    action: row.action,
                    target,
                    detail,
                });
            }
        }
        events.sort_by_key(|e| std::cmp::Reverse(e.at));
        events.truncate(limit);
        Ok(events)
    }
}
