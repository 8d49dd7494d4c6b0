//! A survey result as an ECharts chart (charming, in the browser only).
//!
//! The server renders an empty, labelled container; after hydration the
//! chart is drawn into it with the SVG renderer, once the trimmed ECharts
//! bundle (loaded only on survey pages) is there. Donuts for shares, bars
//! where comparing many options reads better; tooltips, a clickable
//! legend, ECharts' generated aria description and decal patterns so that
//! colour is never the only cue. The table next to it has the same numbers.

use crate::model::SurveyResult;
use leptos::html::Div;
use leptos::prelude::*;

/// Where the trimmed ECharts build is served (made by tools/echarts-bundle).
pub const ECHARTS_SRC: &str = "/vendor/echarts.min.js";

#[component]
pub fn SurveyChart(survey_id: String, result: SurveyResult) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let t = crate::text::t();
    let label = t.fill(t.chart_label, &[("title", &result.title)]);
    let key = result.key.clone();
    let file_name = format!("{survey_id}-{}.png", result.key);
    // Bars need room for their (wrapped) labels.
    let height = match result.chart {
        crate::model::ChartKind::Bar => format!("height: {}px", 90 + 64 * result.rows.len()),
        crate::model::ChartKind::Donut => String::new(),
    };
    let save_png = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(el) = node.get_untracked() {
            let _ = browser::save_png(&el, &file_name);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &file_name;
    };
    #[cfg(feature = "hydrate")]
    {
        let result = result.clone();
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                let result = result.clone();
                leptos::task::spawn_local(async move {
                    browser::draw(el, &result).await;
                });
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&result, node);
    view! {
        <div class="chart" node_ref=node role="img" aria-label=label data-chart=key style=height></div>
        <button type="button" class="secondary" data-testid="save-png" on:click=save_png>
            {t.download_png}
        </button>
    }
}

#[cfg(any(feature = "hydrate", test))]
/// Breaks long labels onto several lines so bar charts stay readable on phones.
pub fn wrap_label(label: &str, width: usize) -> String {
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

#[cfg(feature = "hydrate")]
mod browser {
    use super::wrap_label;
    use crate::model::{ChartKind, SurveyResult};
    use charming::component::{Aria, Axis, Decal, Grid, Legend, LegendType};
    use charming::element::{AxisType, Color, Label, Tooltip, Trigger};
    use charming::series::{Bar, Pie};
    use charming::Chart;
    use gloo_timers::future::TimeoutFuture;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    // Our own binding to the global `echarts`: charming builds the options,
    // which go over as JSON (exactly what ECharts documents), and the SVG
    // renderer keeps chart parts in the DOM.
    #[wasm_bindgen]
    extern "C" {
        type EchartsInstance;

        #[wasm_bindgen(js_namespace = echarts, js_name = init)]
        fn echarts_init(el: &web_sys::Element, theme: JsValue, opts: JsValue) -> EchartsInstance;

        #[wasm_bindgen(method, js_name = setOption)]
        fn set_option(this: &EchartsInstance, option: JsValue);

        #[wasm_bindgen(method)]
        fn resize(this: &EchartsInstance);

        /// From the bundle's entry (tools/echarts-bundle/entry.js).
        #[wasm_bindgen(js_name = ngoSaveChartPng)]
        fn save_chart_png(dom: &web_sys::Element, file_name: &str) -> js_sys::Promise;
    }

    pub fn save_png(el: &web_sys::HtmlDivElement, file_name: &str) -> Option<()> {
        echarts_loaded().then(|| {
            let _ = save_chart_png(el.unchecked_ref(), file_name);
        })
    }

    fn echarts_loaded() -> bool {
        js_sys::Reflect::has(&leptos::prelude::window(), &JsValue::from_str("echarts"))
            .unwrap_or(false)
    }

    /// Waits (up to 15 s) for the ECharts script that the page loads.
    ///
    /// It always waits for a later task first, even when ECharts is there:
    /// hydration runs every chart's effect in the task that hydrates the
    /// page, and drawing them all there made one long task of the page's
    /// start (most of the survey page's blocking time in Lighthouse). Each
    /// chart now draws in a task of its own, and input can come between.
    async fn wait_for_echarts() -> bool {
        TimeoutFuture::new(0).await;
        for _ in 0..300 {
            if echarts_loaded() {
                return true;
            }
            TimeoutFuture::new(50).await;
        }
        false
    }

    fn reduced_motion() -> bool {
        leptos::prelude::window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .map(|m| m.matches())
            .unwrap_or(false)
    }

    pub fn options(result: &SurveyResult, animate: bool, narrow: bool) -> Chart {
        let shares = result.shares();
        let base = Chart::new()
            .animation(animate)
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
                        // On a phone, names around the donut get cut: the
                        // legend, the tooltip and the table carry them.
                        .label(Label::new().show(!narrow))
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

    /// The options as ECharts JSON. charming 0.6 writes `aria.label: null`
    /// and `aria.decal.decals: []`, which ECharts takes as "no decals" and
    /// then fails on: drop them so the default decal patterns apply. The
    /// description screen readers hear is ours, in Finnish (ECharts' own
    /// generated one is English).
    pub fn options_json(result: &SurveyResult, animate: bool, narrow: bool) -> String {
        let mut value = serde_json::to_value(options(result, animate, narrow)).unwrap_or_default();
        if let Some(aria) = value.get_mut("aria").and_then(|a| a.as_object_mut()) {
            aria.insert(
                "label".into(),
                serde_json::json!({
                    "enabled": true,
                    "description": format!(
                        "{}. {}",
                        crate::text::t().fill(crate::text::t().chart_label, &[("title", &result.title)]),
                        crate::components::survey_result::summarise(result)
                    ),
                }),
            );
            if let Some(decal) = aria.get_mut("decal").and_then(|d| d.as_object_mut()) {
                decal.retain(|_, v| !v.as_array().is_some_and(|a| a.is_empty()));
            }
        }
        value.to_string()
    }

    pub async fn draw(el: web_sys::HtmlDivElement, result: &SurveyResult) {
        if !wait_for_echarts().await {
            return; // The table still has everything.
        }
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"renderer".into(), &"svg".into());
        let element: &web_sys::Element = el.unchecked_ref();
        let chart = echarts_init(element, JsValue::NULL, opts.into());
        let narrow = el.client_width() < 480;
        let json = options_json(result, !reduced_motion(), narrow);
        match js_sys::JSON::parse(&json) {
            Ok(option) => chart.set_option(option),
            Err(_) => return,
        }
        // Follow the window's size (and phone rotation).
        let chart = std::rc::Rc::new(chart);
        let resize = Closure::<dyn Fn()>::new({
            let chart = chart.clone();
            move || chart.resize()
        });
        let _ = leptos::prelude::window()
            .add_event_listener_with_callback("resize", resize.as_ref().unchecked_ref());
        resize.forget();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_labels_wrap_at_word_boundaries() {
        assert_eq!(
            super::wrap_label(
                "Kumppanuuteen tähtäävä yhteistyö hyvinvointialueiden kanssa",
                30
            ),
            "Kumppanuuteen tähtäävä\nyhteistyö hyvinvointialueiden\nkanssa"
        );
        assert_eq!(super::wrap_label("Muu", 22), "Muu");
    }
}
