//! One question's results: a text summary and the numbers as a table, with
//! a bar in each row as a visual cue and a CSV download.

use super::SurveyChart;
use crate::format;
use crate::model::{trim_number, SurveyResult, Unit};
use crate::text::t;
use leptos::prelude::*;

/// "Largest: X (41 %), then Y (34 %)…" — the gist for everyone, including
/// those who cannot see the chart.
pub fn summarise(result: &SurveyResult) -> String {
    let mut ranked: Vec<(&str, f64)> = result
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .zip(result.shares())
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let parts: Vec<String> = ranked
        .iter()
        .map(|(label, share)| format!("{label} {}", format::percent(&format_share(*share))))
        .collect();
    let t = t();
    match parts.split_first() {
        Some((first, [])) => t.fill(t.summary_only, &[("first", first)]),
        Some((first, rest)) => t.fill(
            t.summary_ranked,
            &[("first", first), ("rest", &rest.join(", "))],
        ),
        None => t.summary_none.to_string(),
    }
}

/// 40.96 → "41", 7.5 → "7,5" (decimal comma in Finnish and Swedish,
/// point in English).
pub fn format_share(share: f64) -> String {
    format::decimal(&trim_number((share * 10.0).round() / 10.0))
}

#[component]
pub fn SurveyResultView(
    survey_id: String,
    result: SurveyResult,
    /// Off in the import preview, where nothing is stored yet.
    #[prop(default = true)]
    download: bool,
    /// The chart's ECharts options, built by the server. None (the import
    /// preview) shows no chart: the table is enough there, and the ECharts
    /// bundle is loaded only on survey pages.
    #[prop(default = None)]
    chart: Option<String>,
    /// Off where the result is itself embedded on another site.
    #[prop(default = true)]
    embed: bool,
) -> impl IntoView {
    let t = t();
    let summary = summarise(&result);
    let shares = result.shares();
    let csv_href = format!("/api/v1/surveys/{survey_id}/{}.csv", result.key);
    let value_header = match result.unit {
        Unit::Percent => t.col_share,
        Unit::Count => t.col_count,
    };
    let show_share_column = result.unit == Unit::Count;
    let heading_id = format!("result-{}", result.key);
    let labelled_by = heading_id.clone();
    view! {
        <section class="card survey-result" data-result=result.key.clone() aria-labelledby=labelled_by>
            <h2 id=heading_id>{result.title.clone()}</h2>
            <p class="result-summary">{summary}</p>
            {chart.map(|options| view! { <SurveyChart survey_id=survey_id.clone() result=result.clone() options/> })}
            <table class="result-table">
                <caption class="visually-hidden">{result.title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_answer}</th>
                        <th scope="col" class="num">{value_header}</th>
                        {show_share_column.then(|| view! { <th scope="col" class="num">{t.col_share}</th> })}
                        <th scope="col" class="bar-col"><span class="visually-hidden">{t.col_bar}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {result
                        .rows
                        .iter()
                        .zip(shares)
                        .map(|(row, share)| {
                            view! {
                                <tr>
                                    <th scope="row">{row.label.clone()}</th>
                                    <td class="num">{format::decimal(&trim_number(row.value))}</td>
                                    {show_share_column.then(|| view! { <td class="num">{format_share(share)}</td> })}
                                    <td class="bar-col" aria-hidden="true">
                                        <span class="bar" style=format!("width: {:.1}%", share.clamp(0.0, 100.0))></span>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {download.then(|| view! { <p><a class="download" href=csv_href download="">{t.download_data_csv}</a></p> })}
            {(download && embed).then(|| {
                let path = format!("/embed/surveys/{survey_id}/{}", result.key);
                view! { <super::EmbedCode path=Signal::stored(path) height=560/> }
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChartKind, ResultRow};

    #[test]
    fn summary_ranks_the_answers() {
        let result = SurveyResult {
            key: "k".into(),
            title: "t".into(),
            unit: Unit::Count,
            chart: ChartKind::Donut,
            rows: vec![
                ResultRow {
                    label: "B".into(),
                    value: 1.0,
                },
                ResultRow {
                    label: "A".into(),
                    value: 3.0,
                },
            ],
        };
        assert_eq!(
            summarise(&result),
            "Suurin osuus: A 75 %; seuraavina B 25 %."
        );
        assert_eq!(format_share(7.46), "7,5");
    }
}
