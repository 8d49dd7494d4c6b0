//! The roadmap (or a filtered view of it) as JSON and CSV, for
//! `/api/v1/roadmap` and `/api/v1/roadmap.csv`.

use super::filter::{filtered_rows, ordered_goals, RoadmapFilter};
use super::merge::RoadmapState;
use super::model::Item;
use crate::model::csv_field;
use crate::roadmap::field::Field;
use serde::Serialize;
use serde_json::Value;

/// One action, flat, with its goal's theme and place.
#[derive(Serialize)]
pub struct ExportAction {
    pub id: String,
    pub goal: String,
    pub goal_title: String,
    pub theme: String,
    pub place: String,
    pub title: String,
    pub description: String,
    pub owner: String,
    pub responsible: String,
    pub status: String,
    pub start: String,
    pub due: String,
    pub areas: Vec<String>,
    pub position: String,
    pub updated_at: String,
    pub updated_by: String,
}

#[derive(Serialize)]
pub struct ExportGoal {
    pub id: String,
    pub title: String,
    pub description: String,
    pub theme: String,
    pub place: String,
    pub position: String,
}

#[derive(Serialize)]
pub struct Export {
    /// The newest change included.
    pub head: u64,
    pub filter: RoadmapFilter,
    pub goals: Vec<ExportGoal>,
    pub actions: Vec<ExportAction>,
}

fn goal_row(g: &Item) -> ExportGoal {
    ExportGoal {
        id: g.id.clone(),
        title: g.title().to_string(),
        description: g.text(Field::Description).to_string(),
        theme: g.text(Field::Theme).to_string(),
        place: g.text(Field::Place).to_string(),
        position: g.position().to_string(),
    }
}

pub fn export(state: &RoadmapState, filter: &RoadmapFilter) -> Export {
    let rows = filtered_rows(state, filter);
    let actions: Vec<ExportAction> = rows
        .iter()
        .map(|r| {
            let last = r.action.last_change();
            ExportAction {
                id: r.action.id.clone(),
                goal: r.goal.id.clone(),
                goal_title: r.goal.title().to_string(),
                theme: r.goal.text(Field::Theme).to_string(),
                place: r.goal.text(Field::Place).to_string(),
                title: r.action.title().to_string(),
                description: r.action.text(Field::Description).to_string(),
                owner: r.action.text(Field::Owner).to_string(),
                responsible: r.action.text(Field::Responsible).to_string(),
                status: r.action.text(Field::Status).to_string(),
                start: r.action.text(Field::Start).to_string(),
                due: r.action.text(Field::Due).to_string(),
                areas: r.action.areas(),
                position: r.action.position().to_string(),
                updated_at: last.at.clone(),
                updated_by: last.by.clone(),
            }
        })
        .collect();
    // Without a filter every goal is listed, with one only the goals of
    // the actions shown.
    let goals = ordered_goals(state)
        .into_iter()
        .filter(|g| filter.is_empty() || actions.iter().any(|a| a.goal == g.id))
        .map(goal_row)
        .collect();
    Export {
        head: state.head,
        filter: filter.clone(),
        goals,
        actions,
    }
}

/// The CSV's columns: an action's fields under their change-log names,
/// with its id, its goal's title and the last change around them.
pub const CSV_COLUMNS: [&str; 15] = [
    "id",
    Field::Goal.name(),
    "goal_title",
    Field::Theme.name(),
    Field::Place.name(),
    Field::Title.name(),
    Field::Description.name(),
    Field::Owner.name(),
    Field::Responsible.name(),
    Field::Status.name(),
    Field::Start.name(),
    Field::Due.name(),
    Field::Areas.name(),
    "updated_at",
    "updated_by",
];

/// The actions as CSV (comma-separated, UTF-8, header row, `areas`
/// separated by spaces, `*` for all).
pub fn to_csv(export: &Export) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for a in &export.actions {
        let areas = a.areas.join(" ");
        let cells = [
            &a.id,
            &a.goal,
            &a.goal_title,
            &a.theme,
            &a.place,
            &a.title,
            &a.description,
            &a.owner,
            &a.responsible,
            &a.status,
            &a.start,
            &a.due,
            &areas,
            &a.updated_at,
            &a.updated_by,
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// JSON of the export.
pub fn to_json(export: &Export) -> Value {
    serde_json::to_value(export).expect("exports serialise")
}
