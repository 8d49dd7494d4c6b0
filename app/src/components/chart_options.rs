//! A survey result's chart as ECharts options, built on the server.
//!
//! The options go to the browser as JSON with the survey
//! (`server_fns::surveys::get_survey`), and the browser only hands them to
//! ECharts (`survey_chart.rs`). So charming's builders and serialisers
//! stay out of the wasm bundle that every page downloads. The text in
//! them (the tooltip's percent format, the description screen readers
//! hear) is in the request's language, as the rest of the page.

use crate::model::{ChartKind, SurveyResult};
use charming::component::{Aria, Axis, Decal, Grid, Legend, LegendType};
use charming::element::{AxisType, Color, Label, Tooltip, Trigger};
use charming::series::{Bar, Pie};
use charming::Chart;
use serde_json::{json, Value};

/// Where a donut's names around it get cut (the chart's own width, px):
/// below it the legend, the tooltip and the table carry them.
const NARROW_PX: u32 = 479;

/// The ECharts option object, as JSON: `baseOption` plus a `media` rule
/// for narrow charts, which ECharts applies itself, so a phone turned
/// sideways gets its labels back. The browser sets `baseOption.animation`
/// to false for readers who ask for reduced motion.
pub fn options_json(result: &SurveyResult) -> String {
    let mut base = serde_json::to_value(chart(result)).unwrap_or_default();
    fix_aria(&mut base, result);
    let media = match result.chart {
        ChartKind::Donut => json!([{
            "query": { "maxWidth": NARROW_PX },
            "option": { "series": [{ "label": { "show": false } }] },
        }]),
        ChartKind::Bar => json!([]),
    };
    json!({ "baseOption": base, "media": media }).to_string()
}

fn chart(result: &SurveyResult) -> Chart {
    let shares = result.shares();
    let base = Chart::new()
        .animation(true)
        .aria(Aria::new().enabled(true).decal(Decal::new().show(true)))
        .color(
            [
                "#0b4f8a", "#d1495b", "#2a9d8f", "#e9a03b", "#6c4f9c", "#5c6b73",
            ]
            .into_iter()
            .map(Color::from)
            .collect(),
        );
    match result.chart {
        ChartKind::Donut => base
            .tooltip(
                Tooltip::new()
                    .trigger(Trigger::Item)
                    .formatter(format!("{{b}}: {}", crate::format::percent("{d}")).as_str()),
            )
            .legend(Legend::new().type_(LegendType::Scroll).bottom(0))
            .series(
                Pie::new()
                    .name(result.title.as_str())
                    .label(Label::new().show(true))
                    .radius(vec!["38%", "68%"])
                    .center(vec!["50%", "44%"])
                    .data(
                        result
                            .rows
                            .iter()
                            .zip(shares)
                            .map(|(row, share)| (share, row.label.as_str()))
                            .collect(),
                    ),
            ),
        ChartKind::Bar => {
            let labels: Vec<String> = result
                .rows
                .iter()
                .map(|r| wrap_label(&r.label, 30))
                .collect();
            base.tooltip(
                Tooltip::new()
                    .trigger(Trigger::Item)
                    .formatter(format!("{{b}}: {}", crate::format::percent("{c}")).as_str()),
            )
            .legend(Legend::new().bottom(0))
            .grid(
                Grid::new()
                    .left(8)
                    .right(24)
                    .top(8)
                    .bottom(40)
                    .contain_label(true),
            )
            .x_axis(Axis::new().type_(AxisType::Value).max(100))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .inverse(true)
                    .data(labels),
            )
            .series(Bar::new().name(result.title.as_str()).data(shares))
        }
    }
}

/// charming 0.6 writes `aria.label: null` and `aria.decal.decals: []`,
/// which ECharts takes as "no decals" and then fails on: drop them so the
/// default decal patterns apply. The description screen readers hear is
/// ours, in the page's language (ECharts' own generated one is English).
fn fix_aria(option: &mut Value, result: &SurveyResult) {
    let Some(aria) = option.get_mut("aria").and_then(|a| a.as_object_mut()) else {
        return;
    };
    let t = crate::text::t();
    aria.insert(
        "label".into(),
        json!({
            "enabled": true,
            "description": format!(
                "{}. {}",
                t.fill(t.chart_label, &[("title", &result.title)]),
                super::survey_result::summarise(result)
            ),
        }),
    );
    if let Some(decal) = aria.get_mut("decal").and_then(|d| d.as_object_mut()) {
        decal.retain(|_, v| !v.as_array().is_some_and(|a| a.is_empty()));
    }
}

/// Breaks long labels onto several lines so bar charts stay readable on phones.
fn wrap_label(label: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ResultRow, Unit};

    fn donut() -> SurveyResult {
        SurveyResult {
            key: "k".into(),
            title: "Sektori".into(),
            unit: Unit::Count,
            chart: ChartKind::Donut,
            rows: vec![
                ResultRow {
                    label: "A".into(),
                    value: 3.0,
                },
                ResultRow {
                    label: "B".into(),
                    value: 1.0,
                },
            ],
        }
    }

    #[test]
    fn long_labels_wrap_at_word_boundaries() {
        assert_eq!(
            wrap_label(
                "Kumppanuuteen tähtäävä yhteistyö hyvinvointialueiden kanssa",
                30
            ),
            "Kumppanuuteen tähtäävä\nyhteistyö hyvinvointialueiden\nkanssa"
        );
        assert_eq!(wrap_label("Muu", 22), "Muu");
    }

    #[test]
    fn a_donut_has_shares_our_description_decals_and_a_narrow_rule() {
        let option: Value = serde_json::from_str(&options_json(&donut())).unwrap();
        let base = &option["baseOption"];
        assert_eq!(base["animation"], json!(true));
        assert_eq!(base["series"][0]["type"], json!("pie"));
        assert_eq!(base["series"][0]["data"][0]["value"], json!(75.0));
        assert_eq!(base["series"][0]["data"][1]["name"], json!("B"));
        assert_eq!(
            base["aria"]["label"]["description"],
            json!("Kaavio: Sektori. Suurin osuus: A 75 %; seuraavina B 25 %.")
        );
        // An empty decal list would switch ECharts' patterns off.
        assert!(base["aria"]["decal"].get("decals").is_none());
        assert_eq!(option["media"][0]["query"]["maxWidth"], json!(NARROW_PX));
        assert_eq!(
            option["media"][0]["option"]["series"][0]["label"]["show"],
            json!(false)
        );
    }

    #[test]
    fn bars_wrap_their_labels_and_have_no_narrow_rule() {
        let mut result = donut();
        result.chart = ChartKind::Bar;
        result.rows[0].label = "Kumppanuuteen tähtäävä yhteistyö hyvinvointialueiden kanssa".into();
        let option: Value = serde_json::from_str(&options_json(&result)).unwrap();
        assert_eq!(
            option["baseOption"]["yAxis"]["data"][0],
            json!("Kumppanuuteen tähtäävä\nyhteistyö hyvinvointialueiden\nkanssa")
        );
        assert_eq!(option["baseOption"]["series"][0]["type"], json!("bar"));
        assert_eq!(option["media"], json!([]));
    }
}
