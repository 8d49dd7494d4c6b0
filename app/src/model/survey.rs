use serde::{Deserialize, Serialize};

/// The largest CSV file accepted for import (bytes), as a float for the
/// browser's `File.size`.
pub const MAX_IMPORT_BYTES_F64: f64 = 64.0 * 1024.0;

/// A survey of NGOs and its results, as shown on `/surveys/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    /// URL slug, e.g. `aivoriihi-2022`.
    pub id: String,
    pub title: String,
    /// Who ran it.
    pub organiser: String,
    pub method: String,
    /// When, as people say it ("7.–25.2.2022").
    pub period: String,
    /// ISO date of the start, for ordering.
    pub date: String,
    /// Number of respondents, when published.
    pub respondents: Option<u32>,
    pub respondents_note: String,
    /// The question asked.
    pub question: String,
    /// The main finding in a sentence or two.
    pub summary: String,
    /// Whether answers came from all 22 areas (then every area page links here).
    #[serde(default)]
    pub all_areas: bool,
    #[serde(default)]
    pub results: Vec<SurveyResult>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Who imported it and when; None for the surveys the product starts
    /// with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<Imported>,
}

/// A survey as its pages get it: with each result's chart as ECharts
/// options (JSON), built by the server (`components::chart_options`) so
/// that the charting code is not in the browser's bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartedSurvey {
    pub survey: Survey,
    /// (result key, options JSON) for each result.
    pub charts: Vec<(String, String)>,
}

impl ChartedSurvey {
    /// The options of the result with this key.
    pub fn chart(&self, key: &str) -> Option<String> {
        self.charts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, json)| json.clone())
    }
}

/// A survey's import, for the activity stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// When, as the change log writes its times (RFC 3339, UTC, ms).
    pub at: String,
    /// The importer's name.
    pub by: String,
    /// The change log's head at the time: the import comes after that
    /// change in the stream (`?since=<seq>` lists it when `after >= seq`).
    pub after: u64,
}

/// One question's numeric results: one chart and one table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyResult {
    /// URL-safe key, unique within the survey (`/surveys/{id}/{key}.csv`).
    pub key: String,
    pub title: String,
    pub unit: Unit,
    pub chart: ChartKind,
    pub rows: Vec<ResultRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Values are shares in per cent.
    Percent,
    /// Values are numbers of answers.
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Donut,
    Bar,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub label: String,
    pub value: f64,
}

/// Qualitative results: a titled list of themes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub title: String,
    pub items: Vec<String>,
}

impl SurveyResult {
    /// Each row's share of the whole in per cent (counts are converted).
    pub fn shares(&self) -> Vec<f64> {
        match self.unit {
            Unit::Percent => self.rows.iter().map(|r| r.value).collect(),
            Unit::Count => {
                let total: f64 = self.rows.iter().map(|r| r.value).sum();
                self.rows
                    .iter()
                    .map(|r| {
                        if total > 0.0 {
                            r.value * 100.0 / total
                        } else {
                            0.0
                        }
                    })
                    .collect()
            }
        }
    }

    /// The results as CSV (label, value, share %), RFC 4180 quoting.
    pub fn to_csv(&self) -> String {
        let value_header = match self.unit {
            Unit::Percent => "percent",
            Unit::Count => "count",
        };
        let mut out = format!("label,{value_header},share_percent\r\n");
        for (row, share) in self.rows.iter().zip(self.shares()) {
            out.push_str(&format!(
                "{},{},{}\r\n",
                csv_field(&row.label),
                trim_number(row.value),
                trim_number((share * 10.0).round() / 10.0)
            ));
        }
        out
    }
}

/// 41.0 → "41", 40.5 → "40.5".
pub fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub fn csv_field(s: &str) -> String {
    // A leading =, +, - or @ would be run as a formula by spreadsheets.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(unit: Unit, rows: &[(&str, f64)]) -> SurveyResult {
        SurveyResult {
            key: "k".into(),
            title: "t".into(),
            unit,
            chart: ChartKind::Bar,
            rows: rows
                .iter()
                .map(|(l, v)| ResultRow {
                    label: l.to_string(),
                    value: *v,
                })
                .collect(),
        }
    }

    #[test]
    fn counts_become_shares() {
        let r = result(Unit::Count, &[("a", 30.0), ("b", 10.0)]);
        assert_eq!(r.shares(), vec![75.0, 25.0]);
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let r = result(
            Unit::Percent,
            &[("Yhteistyö, kumppanuus", 41.0), ("=cmd()", 59.0)],
        );
        assert_eq!(
            r.to_csv(),
            "label,percent,share_percent\r\n\"Yhteistyö, kumppanuus\",41,41\r\n'=cmd(),59,59\r\n"
        );
    }
}

/// A parsed import file: the survey it would create and anything worth a
/// second look (such as shares that do not add up to 100 %).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub survey: Survey,
    pub warnings: Vec<String>,
}
