//! Accounts and roles: the types both halves share, the rules for what a
//! user may type, and (server side) passwords and sessions.
//!
//! Reading needs no account. Editors change areas, the roadmap, the tour
//! and survey imports; admins also manage accounts and read the audit log.

pub mod context;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;

use serde::{Deserialize, Serialize};

/// What a signed-in user may do. Ordered: each role can do what the ones
/// before it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Signed in, reads only (e.g. an official following the work).
    Viewer,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Admin];

    pub fn key(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key.trim())
    }

    pub fn can_edit(self) -> bool {
        self >= Role::Editor
    }

    pub fn can_admin(self) -> bool {
        self == Role::Admin
    }
}

/// The signed-in user as the pages see them. `csrf` is the session's
/// anti-forgery token: every write sends it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub account: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub csrf: String,
}

/// Who made a change: the account's opaque id (for the audit log, and a
/// comment's author), the name shown next to the change, and the role its
/// rights follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub account: String,
    pub name: String,
    /// What the account may do, as of the request or the change.
    pub role: Role,
}

/// An account as the admin page lists it (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Milliseconds since the epoch.
    pub created: i64,
}

/// An invitation as the accept page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub email: String,
    pub role: Role,
    /// Milliseconds since the epoch.
    pub expires: i64,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Milliseconds since the epoch.
    pub at: i64,
    /// The account that acted (empty for a failed anonymous attempt).
    pub account: String,
    /// E-mail of that account when known, else what was typed.
    pub who: String,
    /// `sign_in`, `area_edit`, `roadmap_change`, `role_changed`, ...
    pub action: String,
    /// What it was done to: an area code, a roadmap item, an e-mail.
    pub target: String,
    pub detail: String,
}

pub const MIN_PASSWORD: usize = 12;
pub const MAX_PASSWORD: usize = 256;
pub const MAX_DISPLAY_NAME: usize = 80;

/// A problem with what was typed into an account form, shown in the
/// interface language (on the server: the request's `lang` cookie).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountInputError {
    Email,
    PasswordTooShort,
    PasswordTooLong,
    PasswordsDiffer,
    NameMissing,
    NameTooLong,
    NameControl,
    Role,
}

impl AccountInputError {
    pub fn message_in(&self, locale: crate::i18n::Locale) -> String {
        let t = locale.texts();
        let (template, n) = match self {
            Self::Email => (t.err_email_invalid, 0),
            Self::PasswordTooShort => (t.err_password_too_short, MIN_PASSWORD),
            Self::PasswordTooLong => (t.err_password_too_long, MAX_PASSWORD),
            Self::PasswordsDiffer => (t.err_passwords_differ, 0),
            Self::NameMissing => (t.err_name_missing, 0),
            Self::NameTooLong => (t.err_name_too_long, MAX_DISPLAY_NAME),
            Self::NameControl => (t.err_name_control, 0),
            Self::Role => (t.err_unknown_role, 0),
        };
        let n = n.to_string();
        t.fill(template, &[("min", &n), ("max", &n)])
    }
}

impl std::fmt::Display for AccountInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_in(crate::i18n::locale()))
    }
}

impl std::error::Error for AccountInputError {}

/// E-mail addresses are compared in lower case.
pub fn normalize_email(value: &str) -> Result<String, AccountInputError> {
    let email = crate::model::validate_email(value).map_err(|_| AccountInputError::Email)?;
    if email.is_empty() {
        return Err(AccountInputError::Email);
    }
    Ok(email.to_lowercase())
}

pub fn validate_password(value: &str) -> Result<(), AccountInputError> {
    let n = value.chars().count();
    if n < MIN_PASSWORD {
        Err(AccountInputError::PasswordTooShort)
    } else if n > MAX_PASSWORD {
        Err(AccountInputError::PasswordTooLong)
    } else {
        Ok(())
    }
}

pub fn validate_display_name(value: &str) -> Result<String, AccountInputError> {
    let name = value.trim();
    if name.is_empty() {
        Err(AccountInputError::NameMissing)
    } else if name.chars().count() > MAX_DISPLAY_NAME {
        Err(AccountInputError::NameTooLong)
    } else if name.chars().any(char::is_control) {
        Err(AccountInputError::NameControl)
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_and_parse() {
        assert!(Role::Admin.can_edit() && Role::Editor.can_edit() && !Role::Viewer.can_edit());
        assert!(Role::Admin.can_admin() && !Role::Editor.can_admin());
        for r in Role::ALL {
            assert_eq!(Role::parse(r.key()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn account_input_rules() {
        assert_eq!(
            normalize_email(" Aino@Example.FI ").unwrap(),
            "aino@example.fi"
        );
        assert_eq!(
            normalize_email("not an address"),
            Err(AccountInputError::Email)
        );
        assert_eq!(normalize_email(""), Err(AccountInputError::Email));
        assert_eq!(
            validate_password("short"),
            Err(AccountInputError::PasswordTooShort)
        );
        assert!(validate_password("twelve chars").is_ok());
        assert_eq!(
            validate_password(&"x".repeat(300)),
            Err(AccountInputError::PasswordTooLong)
        );
        assert_eq!(
            validate_display_name("  "),
            Err(AccountInputError::NameMissing)
        );
        assert_eq!(
            validate_display_name("A\u{7}"),
            Err(AccountInputError::NameControl)
        );
        assert_eq!(validate_display_name(" Aino ").unwrap(), "Aino");
    }
}
