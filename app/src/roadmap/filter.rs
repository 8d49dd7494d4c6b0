//! Roadmap filters. They live in the URL (`?area=PI&status=planned&q=...`)
//! so a filtered view can be shared, and the same filter selects what the
//! page shows and what the CSV/JSON export contains.

use super::merge::RoadmapState;
use super::model::{sort_items, ActionStatus, Item, ItemKind, Theme};
use crate::model::{InfluencePlace, AREA_CODES};
use crate::roadmap::field::Field;
use serde::{Deserialize, Serialize};

/// How the roadmap page groups the actions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    #[default]
    Theme,
    Place,
    List,
    /// Actions as bars on a time axis (`roadmap::timeline`).
    Timeline,
}

impl Grouping {
    pub fn key(self) -> &'static str {
        match self {
            Grouping::Theme => "theme",
            Grouping::Place => "place",
            Grouping::List => "list",
            Grouping::Timeline => "timeline",
        }
    }

    pub fn from_key(key: &str) -> Self {
        match key {
            "place" => Grouping::Place,
            "list" => Grouping::List,
            "timeline" => Grouping::Timeline,
            _ => Grouping::Theme,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoadmapFilter {
    pub area: Option<String>,
    pub theme: Option<Theme>,
    pub place: Option<InfluencePlace>,
    pub status: Option<ActionStatus>,
    /// Part of the owner organisation's name, any case.
    pub owner: String,
    /// Words that must all appear in the title, description, owner or
    /// responsible person of the action or its goal.
    pub q: String,
}

impl RoadmapFilter {
    /// Reads the filter from URL query pairs; unknown values are ignored
    /// (a shared link with an old value still opens).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = Self::default();
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "area" => f.area = AREA_CODES.contains(&value).then(|| value.to_string()),
                "theme" => f.theme = Theme::from_key(value),
                "place" => f.place = InfluencePlace::from_key(value),
                "status" => f.status = ActionStatus::from_key(value),
                "owner" => f.owner = value.chars().take(200).collect(),
                "q" => f.q = value.chars().take(200).collect(),
                _ => {}
            }
        }
        f
    }

    /// The filter as URL query pairs (only what is set).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(a) = &self.area {
            pairs.push(("area", a.clone()));
        }
        if let Some(t) = self.theme {
            pairs.push(("theme", t.key().to_string()));
        }
        if let Some(p) = self.place {
            pairs.push(("place", p.key().to_string()));
        }
        if let Some(s) = self.status {
            pairs.push(("status", s.key().to_string()));
        }
        if !self.owner.is_empty() {
            pairs.push(("owner", self.owner.clone()));
        }
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        pairs
    }

    pub fn is_empty(&self) -> bool {
        self.to_pairs().is_empty()
    }

    /// Does the action (under `goal`) pass?
    pub fn matches(&self, action: &Item, goal: Option<&Item>) -> bool {
        if let Some(area) = &self.area {
            if !action.concerns_area(area) {
                return false;
            }
        }
        if let Some(theme) = self.theme {
            if goal.and_then(Item::theme) != Some(theme) {
                return false;
            }
        }
        if let Some(place) = self.place {
            if goal.and_then(Item::place) != Some(place) {
                return false;
            }
        }
        if let Some(status) = self.status {
            if action.status() != status {
                return false;
            }
        }
        if !self.owner.is_empty()
            && !action
                .text(Field::Owner)
                .to_lowercase()
                .contains(&self.owner.to_lowercase())
        {
            return false;
        }
        if !self.q.is_empty() {
            let mut haystack = String::new();
            for item in std::iter::once(action).chain(goal) {
                for f in [
                    Field::Title,
                    Field::Description,
                    Field::Owner,
                    Field::Responsible,
                ] {
                    haystack.push_str(&item.text(f).to_lowercase());
                    haystack.push('\n');
                }
            }
            if !self
                .q
                .to_lowercase()
                .split_whitespace()
                .all(|w| haystack.contains(w))
            {
                return false;
            }
        }
        true
    }
}

/// An action with its goal, as the list view and the exports show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    pub action: Item,
    pub goal: Item,
}

/// Goals in order: by theme, then position.
pub fn ordered_goals(state: &RoadmapState) -> Vec<&Item> {
    let mut goals: Vec<&Item> = state.live_items(ItemKind::Goal).collect();
    sort_items(&mut goals);
    goals.sort_by_key(|g| g.theme());
    goals
}

/// The actions of one goal, in order.
pub fn actions_of<'a>(state: &'a RoadmapState, goal: &str) -> Vec<&'a Item> {
    let mut actions: Vec<&Item> = state
        .live_items(ItemKind::Action)
        .filter(|a| a.goal() == goal)
        .collect();
    sort_items(&mut actions);
    actions
}

/// Every action that passes `filter`, in roadmap order (goal by goal).
pub fn filtered_rows(state: &RoadmapState, filter: &RoadmapFilter) -> Vec<ActionRow> {
    let mut rows = Vec::new();
    for goal in ordered_goals(state) {
        for action in actions_of(state, &goal.id) {
            if filter.matches(action, Some(goal)) {
                rows.push(ActionRow {
                    action: action.clone(),
                    goal: goal.clone(),
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_url_and_ignores_junk() {
        let f = RoadmapFilter::from_pairs([
            ("area", "PI"),
            ("theme", "ict"),
            ("status", "done"),
            ("owner", " SOSTE "),
            ("q", "kiertue"),
            ("colour", "red"),
        ]);
        assert_eq!(f.area.as_deref(), Some("PI"));
        assert_eq!(f.owner, "SOSTE");
        let pairs = f.to_pairs();
        let back = RoadmapFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, f);
        let junk = RoadmapFilter::from_pairs([("area", "XX"), ("status", "lost")]);
        assert!(junk.is_empty());
    }
}
