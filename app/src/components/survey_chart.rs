//! A survey result as an ECharts chart, drawn in the browser.
//!
//! The server renders an empty, labelled container and builds the chart's
//! options (`chart_options.rs`, with charming), which come with the
//! survey; after hydration the chart is drawn into the container with the
//! SVG renderer, once the trimmed ECharts bundle (loaded only on survey
//! pages) is there. Donuts for shares, bars
//! where comparing many options reads better; tooltips, a clickable
//! legend, ECharts' generated aria description and decal patterns so that
//! colour is never the only cue. The table next to it has the same numbers.

use crate::model::SurveyResult;
use leptos::html::Div;
use leptos::prelude::*;

/// Where the trimmed ECharts build is served (made by tools/echarts-bundle).
pub const ECHARTS_SRC: &str = "/vendor/echarts.min.js";

#[component]
pub fn SurveyChart(
    survey_id: String,
    result: SurveyResult,
    /// The ECharts options as JSON, built by the server.
    options: String,
) -> impl IntoView {
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
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let options = options.clone();
            leptos::task::spawn_local(async move {
                browser::draw(el, &options).await;
            });
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&options, node);
    view! {
        <div class="chart" node_ref=node role="img" aria-label=label data-chart=key style=height></div>
        <button type="button" class="secondary" data-testid="save-png" on:click=save_png>
            {t.download_png}
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use gloo_timers::future::TimeoutFuture;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    // Our own binding to the global `echarts`: the server's options go
    // over as JSON (exactly what ECharts documents), and the SVG renderer
    // keeps chart parts in the DOM.
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

    pub async fn draw(el: web_sys::HtmlDivElement, options: &str) {
        if !wait_for_echarts().await {
            return; // The table still has everything.
        }
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"renderer".into(), &"svg".into());
        let element: &web_sys::Element = el.unchecked_ref();
        let chart = echarts_init(element, JsValue::NULL, opts.into());
        let Ok(option) = js_sys::JSON::parse(options) else {
            return; // The table still has everything.
        };
        if reduced_motion() {
            if let Ok(base) = js_sys::Reflect::get(&option, &"baseOption".into()) {
                let _ = js_sys::Reflect::set(&base, &"animation".into(), &false.into());
            }
        }
        chart.set_option(option);
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
