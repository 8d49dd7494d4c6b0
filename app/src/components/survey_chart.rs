//! A survey result as an ECharts chart, drawn in the browser.
//!
//! The server renders an empty, labelled container and builds the chart's
//! options (`chart_options.rs`, with charming), which come with the
//! survey. In the browser a chart is drawn with the SVG renderer when it
//! comes near the screen (and every chart at once before printing), once
//! the trimmed ECharts bundle (loaded only on survey pages) is there: a
//! phone does not draw, at the page's start, charts nobody has scrolled
//! to. Donuts for shares, bars where comparing many options reads better;
//! tooltips, a clickable legend, our aria description and decal patterns
//! so that colour is never the only cue. The summary above and the table
//! below have the same numbers, drawn or not.

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
    #[cfg(feature = "hydrate")]
    let options = std::rc::Rc::new(options);
    let save_png = {
        #[cfg(feature = "hydrate")]
        let options = options.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            if let Some(el) = node.get_untracked() {
                browser::save_png(&el, &options, &file_name);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = &file_name;
        }
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let watch = send_wrapper::SendWrapper::new(browser::Watch::start(el, options.clone()));
            on_cleanup(move || watch.take().stop());
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
    use leptos::prelude::{window_event_listener, WindowListenerHandle};
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

    /// How far from the screen a chart starts to be drawn, so that it is
    /// there when it scrolls in.
    const NEAR: &str = "300px 0px";

    // Our own binding to the global `echarts`: the server's options go
    // over as JSON (exactly what ECharts documents), and the SVG renderer
    // keeps chart parts in the DOM.
    #[wasm_bindgen]
    extern "C" {
        type EchartsInstance;

        #[wasm_bindgen(js_namespace = echarts, js_name = init)]
        fn echarts_init(el: &web_sys::Element, theme: JsValue, opts: JsValue) -> EchartsInstance;

        #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom)]
        fn instance_of(el: &web_sys::Element) -> Option<EchartsInstance>;

        #[wasm_bindgen(method, js_name = setOption)]
        fn set_option(this: &EchartsInstance, option: JsValue);

        #[wasm_bindgen(method)]
        fn resize(this: &EchartsInstance);

        /// From the bundle's entry (tools/echarts-bundle/entry.js).
        #[wasm_bindgen(js_name = ngoSaveChartPng)]
        fn save_chart_png(dom: &web_sys::Element, file_name: &str) -> js_sys::Promise;
    }

    /// Saves the chart as PNG, drawing it first if it has not been yet.
    pub fn save_png(el: &web_sys::HtmlDivElement, options: &str, file_name: &str) {
        if echarts_loaded() {
            draw(el, options, false);
            let _ = save_chart_png(el.unchecked_ref(), file_name);
        }
    }

    fn echarts_loaded() -> bool {
        js_sys::Reflect::has(&leptos::prelude::window(), &JsValue::from_str("echarts"))
            .unwrap_or(false)
    }

    /// Waits (up to 15 s) for the ECharts script that the page loads
    /// (`defer`: after the page is parsed, usually before hydration).
    async fn wait_for_echarts() -> bool {
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

    type OnSeen = Closure<dyn Fn(js_sys::Array, IntersectionObserver)>;

    /// What draws a chart when it comes near the screen, before the page
    /// is printed (or saved as PDF) if it has not been drawn by then, and
    /// resizes it with the window; stopped when the chart leaves the page.
    pub struct Watch {
        observer: Option<(IntersectionObserver, OnSeen)>,
        print: WindowListenerHandle,
        resize: WindowListenerHandle,
    }

    impl Watch {
        /// Each chart draws in a task of its own, never in the task that
        /// hydrates the page or in the one that reports several charts in
        /// view: drawing them all together made one long task of the
        /// page's start, and input now comes between.
        pub fn start(el: web_sys::HtmlDivElement, options: Rc<String>) -> Self {
            // `beforeprint` handlers run before the page is laid out for
            // print, and ECharts draws synchronously without animation.
            let print = window_event_listener(leptos::ev::beforeprint, {
                let (el, options) = (el.clone(), options.clone());
                move |_| {
                    if echarts_loaded() {
                        draw(&el, &options, false);
                    }
                }
            });
            // Follow the window's size (and phone rotation).
            let resize = window_event_listener(leptos::ev::resize, {
                let el = el.clone();
                move |_| {
                    if echarts_loaded() {
                        if let Some(chart) = instance_of(el.unchecked_ref()) {
                            chart.resize();
                        }
                    }
                }
            });
            let draw_soon = move |el: web_sys::HtmlDivElement, options: Rc<String>| {
                leptos::task::spawn_local(async move {
                    TimeoutFuture::new(0).await;
                    if wait_for_echarts().await {
                        draw(&el, &options, !reduced_motion());
                    }
                });
            };
            let on_seen = OnSeen::new({
                let (el, options) = (el.clone(), options.clone());
                move |entries: js_sys::Array, observer: IntersectionObserver| {
                    let seen = entries.iter().any(|e| {
                        e.unchecked_into::<IntersectionObserverEntry>()
                            .is_intersecting()
                    });
                    if seen {
                        observer.disconnect();
                        draw_soon(el.clone(), options.clone());
                    }
                }
            });
            let init = IntersectionObserverInit::new();
            init.set_root_margin(NEAR);
            let observer = match IntersectionObserver::new_with_options(
                on_seen.as_ref().unchecked_ref(),
                &init,
            ) {
                Ok(observer) => {
                    observer.observe(&el);
                    Some((observer, on_seen))
                }
                // A browser without IntersectionObserver: draw now.
                Err(_) => {
                    draw_soon(el, options);
                    None
                }
            };
            Watch {
                observer,
                print,
                resize,
            }
        }

        pub fn stop(self) {
            if let Some((observer, _on_seen)) = self.observer {
                observer.disconnect();
            }
            self.print.remove();
            self.resize.remove();
        }
    }

    /// Draws the chart unless it is drawn already.
    fn draw(el: &web_sys::HtmlDivElement, options: &str, animate: bool) {
        let element: &web_sys::Element = el.unchecked_ref();
        if instance_of(element).is_some() {
            return;
        }
        let Ok(option) = js_sys::JSON::parse(options) else {
            return; // The table still has everything.
        };
        if !animate {
            if let Ok(base) = js_sys::Reflect::get(&option, &"baseOption".into()) {
                let _ = js_sys::Reflect::set(&base, &"animation".into(), &false.into());
            }
        }
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"renderer".into(), &"svg".into());
        echarts_init(element, JsValue::NULL, opts.into()).set_option(option);
    }
}
