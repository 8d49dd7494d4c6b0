//! Surveys and their results. The record id is the survey's slug; the
//! document keeps it as `slug` because `id` is the database's own field.

use super::{Store, StoreError};
use crate::model::{Imported, Survey};
use serde_json::{json, Value};

const SURVEYS_JSON: &str = include_str!("../../seed/surveys.json");

/// The surveys the product starts with (FACTS.md).
pub fn initial_surveys() -> Vec<Survey> {
    serde_json::from_str(SURVEYS_JSON).expect("seed/surveys.json is valid (checked by a test)")
}

fn to_doc(survey: &Survey) -> Result<Value, StoreError> {
    let mut doc = serde_json::to_value(survey)?;
    doc["slug"] = Value::String(survey.id.clone());
    doc["id"] = Value::String(survey.id.clone());
    Ok(doc)
}

fn from_doc(mut doc: Value) -> Result<Survey, StoreError> {
    if let Some(slug) = doc.get("slug").cloned() {
        doc["id"] = slug;
    }
    Ok(serde_json::from_value(doc)?)
}

impl Store {
    pub(super) async fn seed_surveys(&self) -> Result<(), StoreError> {
        let docs = initial_surveys()
            .iter()
            .map(to_doc)
            .collect::<Result<Vec<_>, _>>()?;
        self.db
            .query("INSERT IGNORE INTO survey $docs")
            .bind(json!({ "docs": docs }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn list_surveys(&self) -> Result<Vec<Survey>, StoreError> {
        let docs: Vec<Value> = self
            .rows(
                "SELECT * OMIT id FROM survey ORDER BY date DESC, slug",
                json!({}),
                0,
            )
            .await?;
        docs.into_iter().map(from_doc).collect()
    }

    /// The surveys someone imported (the activity stream lists them), not
    /// the ones the product starts with.
    pub async fn imported_surveys(&self) -> Result<Vec<Survey>, StoreError> {
        let docs: Vec<Value> = self
            .rows(
                "SELECT * OMIT id FROM survey WHERE imported != NONE",
                json!({}),
                0,
            )
            .await?;
        docs.into_iter().map(from_doc).collect()
    }

    pub async fn get_survey(&self, slug: &str) -> Result<Option<Survey>, StoreError> {
        let mut docs: Vec<Value> = self
            .rows(
                "SELECT * OMIT id FROM survey WHERE slug = $slug",
                json!({ "slug": slug }),
                0,
            )
            .await?;
        docs.pop().map(from_doc).transpose()
    }

    /// Stores an imported survey, marked with who imported it and when
    /// (the activity stream lists it), as [`Self::create_survey`] does.
    pub async fn import_survey(&self, mut survey: Survey, by: &str) -> Result<Survey, StoreError> {
        survey.imported = Some(Imported {
            at: super::roadmap::now(),
            by: by.to_string(),
            after: self.roadmap_head().await?,
        });
        self.create_survey(survey).await
    }

    /// Stores a new survey in one statement (all or nothing). When its
    /// slug is taken, `-2`, `-3`, ... is added; returns it as stored.
    pub async fn create_survey(&self, mut survey: Survey) -> Result<Survey, StoreError> {
        let base = survey.id.clone();
        for attempt in 1..=50 {
            if attempt > 1 {
                survey.id = format!("{base}-{attempt}");
            }
            if self.get_survey(&survey.id).await?.is_some() {
                continue;
            }
            let result = self
                .db
                .query("CREATE survey CONTENT $doc")
                .bind(json!({ "doc": to_doc(&survey)? }))
                .await?
                .check();
            match result {
                Ok(_) => return Ok(survey),
                // Another process took the slug in between: try the next.
                Err(e) if e.to_string().contains("already exists") => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Conflict("no free id for the survey".into()))
    }

    pub async fn survey_count(&self) -> Result<usize, StoreError> {
        let rows: Vec<Value> = self
            .rows("SELECT count() AS n FROM survey GROUP ALL", json!({}), 0)
            .await?;
        Ok(rows.first().and_then(|r| r["n"].as_u64()).unwrap_or(0) as usize)
    }
}
