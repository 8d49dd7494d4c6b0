//! Tables and indexes. Applied at every start; each statement is
//! idempotent so that several processes may start at once.

use super::StoreError;
use surrealdb::engine::any::Any;
use surrealdb::Surreal;

const SCHEMA: &str = r#"
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
"#;

pub async fn apply(db: &Surreal<Any>) -> Result<(), StoreError> {
    db.query(SCHEMA).await?.check()?;
    Ok(())
}
