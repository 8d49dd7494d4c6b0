//! Tables and indexes. Applied at every start; each statement is
//! idempotent so that several processes may start at once.

use super::{Conn, StoreError};

pub(super) const SCHEMA: &str = r#"
DEFINE TABLE IF NOT EXISTS area SCHEMALESS;
DEFINE INDEX IF NOT EXISTS area_code ON area FIELDS code UNIQUE;
DEFINE TABLE IF NOT EXISTS area_change SCHEMALESS;
DEFINE INDEX IF NOT EXISTS area_change_area ON area_change FIELDS area;
DEFINE TABLE IF NOT EXISTS survey SCHEMALESS;
DEFINE INDEX IF NOT EXISTS survey_slug ON survey FIELDS slug UNIQUE;
DEFINE TABLE IF NOT EXISTS roadmap_item SCHEMALESS;
DEFINE TABLE IF NOT EXISTS roadmap_change SCHEMALESS;
DEFINE INDEX IF NOT EXISTS roadmap_change_seq ON roadmap_change FIELDS seq UNIQUE;
DEFINE INDEX IF NOT EXISTS roadmap_change_cid ON roadmap_change FIELDS cid UNIQUE;
DEFINE INDEX IF NOT EXISTS roadmap_change_item ON roadmap_change FIELDS item;
DEFINE TABLE IF NOT EXISTS roadmap_counter SCHEMALESS;
INSERT IGNORE INTO roadmap_counter { id: 'head', seq: 0 };
DEFINE TABLE IF NOT EXISTS roadmap_presence SCHEMALESS;
DEFINE TABLE IF NOT EXISTS presence_process SCHEMALESS;
DEFINE INDEX IF NOT EXISTS roadmap_change_account ON roadmap_change FIELDS account;
DEFINE INDEX IF NOT EXISTS area_change_account ON area_change FIELDS account;
DEFINE TABLE IF NOT EXISTS account SCHEMALESS;
DEFINE INDEX IF NOT EXISTS account_email ON account FIELDS email UNIQUE;
DEFINE INDEX IF NOT EXISTS account_aid ON account FIELDS aid UNIQUE;
DEFINE TABLE IF NOT EXISTS session SCHEMALESS;
DEFINE INDEX IF NOT EXISTS session_token ON session FIELDS token UNIQUE;
DEFINE INDEX IF NOT EXISTS session_account ON session FIELDS account;
DEFINE TABLE IF NOT EXISTS invitation SCHEMALESS;
DEFINE INDEX IF NOT EXISTS invitation_token ON invitation FIELDS token UNIQUE;
DEFINE TABLE IF NOT EXISTS sign_in_failure SCHEMALESS;
DEFINE INDEX IF NOT EXISTS sign_in_failure_email ON sign_in_failure FIELDS email;
DEFINE INDEX IF NOT EXISTS sign_in_failure_ip ON sign_in_failure FIELDS ip;
DEFINE TABLE IF NOT EXISTS audit SCHEMALESS;
DEFINE INDEX IF NOT EXISTS audit_at ON audit FIELDS at;
DEFINE INDEX IF NOT EXISTS audit_account ON audit FIELDS account;
DEFINE TABLE IF NOT EXISTS follow SCHEMALESS;
DEFINE INDEX IF NOT EXISTS follow_account ON follow FIELDS account;
DEFINE TABLE IF NOT EXISTS inbox_mark SCHEMALESS;
DEFINE TABLE IF NOT EXISTS activity_visit SCHEMALESS;
DEFINE TABLE IF NOT EXISTS mail_outbox SCHEMALESS;
DEFINE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox FIELDS state, next_at;
DEFINE TABLE IF NOT EXISTS mail_pref SCHEMALESS;
DEFINE INDEX IF NOT EXISTS mail_pref_unsubscribe ON mail_pref FIELDS unsubscribe;
DEFINE INDEX IF NOT EXISTS mail_pref_digest ON mail_pref FIELDS digest;
DEFINE TABLE IF NOT EXISTS mail_cursor SCHEMALESS;
DEFINE TABLE IF NOT EXISTS password_reset SCHEMALESS;
DEFINE INDEX IF NOT EXISTS password_reset_token ON password_reset FIELDS token UNIQUE;
DEFINE INDEX IF NOT EXISTS password_reset_account ON password_reset FIELDS account;
DEFINE TABLE IF NOT EXISTS reset_request SCHEMALESS;
DEFINE INDEX IF NOT EXISTS reset_request_email ON reset_request FIELDS email;
DEFINE INDEX IF NOT EXISTS reset_request_ip ON reset_request FIELDS ip;
"#;

pub(crate) async fn apply(db: &Conn) -> Result<(), StoreError> {
    db.query(SCHEMA).await?.check()?;
    Ok(())
}
