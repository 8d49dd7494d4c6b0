//! The interactive SVG map of the 22 areas.
//!
//! Accessibility model: the map is one tab stop (roving tabindex over the
//! area links); arrow keys move to the neighbouring area in that direction,
//! Enter follows the link, and a polite live region names the area and its
//! value. The inset repeats the five Uusimaa areas enlarged for pointers
//! and fingers; it is hidden from assistive technology because the main
//! map and the table already carry the same links.

use super::map_labels;
use crate::geo::{map_area, map_data, neighbour, Direction, INSET_CODES};
use crate::indicators::{Indicator, Level};
use crate::model::Area;
use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn FinlandMap(
    /// The areas, live: a changed value recolours the map in place.
    areas: Signal<Vec<Area>>,
    indicator: Signal<Indicator>,
    /// Where an area opens: its page by default, its tour visit on `/tour`.
    #[prop(default = "/areas/")]
    link_base: &'static str,
    /// Areas open in a new tab (the map embedded on another site).
    #[prop(optional)]
    new_tab: bool,
) -> impl IntoView {
    let target = new_tab.then_some("_blank");
    let rel = new_tab.then_some("noopener");
    let t = t();
    let data = map_data();
    // The area that holds the map's single tab stop.
    let active = RwSignal::new(String::from("HEL"));
    // The area pointed at, tapped or focused: highlighted and named.
    let selected: RwSignal<Option<String>> = RwSignal::new(None);
    // Whether the last pointer was a finger: a first tap selects, a second opens.
    let touch = StoredValue::new(false);
    // The area a finger tapped last: tapping it again opens it. (Focus and
    // hover also select, so "selected" cannot tell a first tap apart.)
    let armed: StoredValue<Option<String>> = StoredValue::new(None);

    let area_of = move |code: &str| areas.with(|a| a.iter().find(|x| x.code == code).cloned());
    let level_of = move |code: String| {
        move || {
            area_of(&code)
                .map(|a| indicator.get().level(&a))
                .unwrap_or(Level::L0)
        }
    };
    let describe = move |code: &str| -> String {
        match area_of(code) {
            Some(area) => {
                let ind = indicator.get();
                format!(
                    "{}: {} – {}",
                    area.short_name(),
                    t.indicator(ind),
                    t.indicator_level(ind, ind.level(&area))
                )
            }
            None => code.to_string(),
        }
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(direction) = Direction::from_key(&ev.key()) {
            ev.prevent_default();
            let current = active.get_untracked();
            if let Some(next) = neighbour(&current, direction) {
                active.set(next.to_string());
                selected.set(Some(next.to_string()));
                focus_area(next);
            }
        }
    };

    let shape = move |code: String, d: String, in_inset: bool| {
        let href = format!("{link_base}{code}");
        let level = level_of(code.clone());
        let level2 = level.clone();
        let c_class = code.clone();
        let c_tab = code.clone();
        let c_enter = code.clone();
        let c_focus = code.clone();
        let c_click = code.clone();
        let label = {
            let code = code.clone();
            move || describe(&code)
        };
        view! {
            <g>
                <a
                    href=href
                    target=target
                    rel=rel
                    class="area-link"
                    data-focus-area=(!in_inset).then(|| code.clone())
                    tabindex=move || {
                        if !in_inset && active.get() == c_tab { "0" } else { "-1" }
                    }
                    aria-label=label
                    on:pointerenter=move |ev: leptos::ev::PointerEvent| {
                        // A finger "enters" as it lands: only a hovering
                        // mouse selects on entry, taps select on click.
                        if ev.pointer_type() == "mouse" {
                            selected.set(Some(c_enter.clone()))
                        }
                    }
                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                        touch.set_value(ev.pointer_type() != "mouse")
                    }
                    on:focus=move |_| {
                        if !in_inset {
                            active.set(c_focus.clone());
                        }
                        selected.set(Some(c_focus.clone()));
                    }
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        // On touch screens the first tap names the area; the
                        // second (or the card's link) opens it.
                        if touch.get_value() && armed.get_value().as_deref() != Some(&c_click) {
                            ev.prevent_default();
                            armed.set_value(Some(c_click.clone()));
                            selected.set(Some(c_click.clone()));
                        }
                    }
                    on:keydown=on_key
                >
                    <path
                        d=d
                        data-area=code.clone()
                        class=move || {
                            let sel = selected.get().as_deref() == Some(c_class.as_str());
                            format!("area {}{}", level().css(), if sel { " is-selected" } else { "" })
                        }
                        fill=move || fill_url(level2(), in_inset)
                    />
                </a>
            </g>
        }
    };

    let main_shapes = data
        .areas
        .iter()
        .map(|a| shape(a.code.clone(), a.d.clone(), false))
        .collect_view();
    let inset_shapes = data
        .areas
        .iter()
        .filter(|a| INSET_CODES.contains(&a.code.as_str()))
        .map(|a| shape(a.code.clone(), a.d.clone(), true))
        .collect_view();
    // The names on the main map, those that fit at each text size
    // (map_labels); the inset's are its codes.
    let names: Vec<(String, f64, [f64; 2])> = data
        .areas
        .iter()
        .filter(|a| !INSET_CODES.contains(&a.code.as_str()))
        .map(|a| {
            let short = areas
                .with_untracked(|all| {
                    all.iter()
                        .find(|x| x.code == a.code)
                        .map(|x| x.short_name())
                })
                .unwrap_or_default();
            (short, a.area_km2, a.label)
        })
        .collect();
    let placed = map_labels::place(
        &names
            .iter()
            .map(|(text, km2, at)| map_labels::Name {
                text,
                at: *at,
                km2: *km2,
            })
            .collect::<Vec<_>>(),
        data.view_box,
        data.inset.target,
        t.map_inset_title,
    );
    let labels = names
        .into_iter()
        .zip(placed)
        .map(|((short, _, _), p)| {
            let class = format!(
                "map-label{}{}",
                if p.on_desktop { "" } else { " off-desktop" },
                if p.on_phone { "" } else { " off-phone" }
            );
            // At the phone size a name near the map's side sits further in.
            let style = (p.phone_dx.abs() >= 0.05).then(|| format!("--phone-dx:{:.1}px", p.phone_dx));
            view! { <g><text x=format!("{:.1}", p.x) y=format!("{:.1}", p.y) class=class style=style>{short}</text></g> }
        })
        .collect_view();
    let inset_labels = INSET_CODES
        .iter()
        .filter_map(|code| map_area(code))
        .map(|a| {
            let [x, y] = inset_point(clamp_to_window(a.label, &data.inset.source));
            view! { <g><text x=format!("{x:.1}") y=format!("{y:.1}") class="map-label inset-label">{a.code.clone()}</text></g> }
        })
        .collect_view();

    let inset = &data.inset;
    let [tx, ty, tw, th] = inset.target;
    let [sx, sy, sw, sh] = inset.source;
    // The inset's caption, an element per text size (map_labels decides
    // where it goes and whether it takes two lines).
    let caption = map_labels::captions(t.map_inset_title, inset.target)
        .into_iter()
        .zip(["inset-title off-phone", "inset-title off-desktop"])
        .map(|(c, class)| {
            let x = format!("{:.1}", c.x);
            let lines = c
                .lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    let dy = if i == 0 {
                        "0".to_string()
                    } else {
                        format!("{}em", map_labels::CAPTION_LINE_EM)
                    };
                    view! { <tspan x=x.clone() dy=dy>{line}</tspan> }
                })
                .collect_view();
            view! { <text class=class x=x.clone() y=format!("{:.1}", c.y)>{lines}</text> }
        })
        .collect_view();
    let view_box = data.view_box.map(|v| format!("{v:.1}")).join(" ");
    let outline = move || {
        selected
            .get()
            .and_then(|code| map_area(&code))
            .map(|a| a.d.clone())
            .unwrap_or_default()
    };
    let inset_outline = outline;
    let status = move || selected.get().map(|c| describe(&c)).unwrap_or_default();
    let card = move || {
        selected.get().and_then(|code| area_of(&code)).map(|area| {
            let ind = indicator.get();
            let level = ind.level(&area);
            view! {
                <p class="map-card-name">{area.short_name()}</p>
                <p class="map-card-value">
                    <super::LevelSwatch level/>
                    {t.indicator_level(ind, level)}
                </p>
                <a class="button" href=format!("{link_base}{}", area.code) target=target rel=rel>
                    {if link_base == "/tour/" { t.open_event_view } else { t.map_open_area }}
                </a>
            }
        })
    };

    view! {
        <div class="map-wrap">
            <p id="map-help" class="map-help">{t.map_keyboard_help}</p>
            <svg
                class="finland-map"
                viewBox=view_box
                role="group"
                aria-label=t.map_label
                aria-describedby="map-help"
                on:pointerleave=move |_| {
                    if !touch.get_value() {
                        selected.set(None)
                    }
                }
            >
                <MapPatterns suffix="" scale=1.0/>
                <MapPatterns suffix="-inset" scale=inset.scale()/>
                <clipPath id="inset-clip">
                    <rect x=format!("{sx:.1}") y=format!("{sy:.1}") width=format!("{sw:.1}") height=format!("{sh:.1}")/>
                </clipPath>
                <g class="areas">{main_shapes}</g>
                <g class="labels" aria-hidden="true">{labels}</g>
                <path class="area-outline" d=outline pointer-events="none"/>
                <rect class="inset-source" x=format!("{sx:.1}") y=format!("{sy:.1}") width=format!("{sw:.1}") height=format!("{sh:.1}") aria-hidden="true"/>
                <g class="inset" aria-hidden="true">
                    <rect class="inset-frame" x=format!("{tx:.1}") y=format!("{ty:.1}") width=format!("{tw:.1}") height=format!("{th:.1}")/>
                    <g transform=inset.transform()>
                        <g clip-path="url(#inset-clip)">
                            {inset_shapes}
                            <path class="area-outline" d=inset_outline pointer-events="none"/>
                        </g>
                    </g>
                    {inset_labels}
                    {caption}
                </g>
            </svg>
            <div class="map-card" aria-hidden="true">{card}</div>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{status}</p>
        </div>
    }
}

/// Where a point of the main map appears inside the inset.
fn inset_point(p: [f64; 2]) -> [f64; 2] {
    let inset = &map_data().inset;
    let s = inset.scale();
    [
        inset.target[0] + (p[0] - inset.source[0]) * s,
        inset.target[1] + (p[1] - inset.source[1]) * s,
    ]
}

/// The fill of an area: the level's pattern, drawn at the same on-screen
/// size in the enlarged inset as on the main map.
fn fill_url(level: Level, in_inset: bool) -> String {
    format!(
        "url(#fill-{}{})",
        level.css(),
        if in_inset { "-inset" } else { "" }
    )
}

/// Keeps a label inside the inset's window (with a margin), so areas that
/// reach into the window from outside are labelled at its edge.
fn clamp_to_window(p: [f64; 2], window: &[f64; 4]) -> [f64; 2] {
    let [x, y, w, h] = *window;
    let (mx, my) = (w * 0.08, h * 0.1);
    [
        p[0].clamp(x + mx, x + w - mx),
        p[1].clamp(y + my, y + h - my),
    ]
}

/// Fills for the four levels: colour plus a pattern, so that the levels
/// differ also in greyscale and for colour-blind users. `scale` shrinks
/// the pattern for a group that is drawn enlarged.
#[component]
fn MapPatterns(suffix: &'static str, scale: f64) -> impl IntoView {
    let n = |v: f64| format!("{:.3}", v / scale);
    view! {
        <defs>
            <pattern id=format!("fill-lvl0{suffix}") patternUnits="userSpaceOnUse" width=n(12.0) height=n(12.0)>
                <rect width=n(12.0) height=n(12.0) class="pat-bg lvl0"/>
            </pattern>
            <pattern id=format!("fill-lvl1{suffix}") patternUnits="userSpaceOnUse" width=n(10.0) height=n(10.0) patternTransform="rotate(45)">
                <rect width=n(10.0) height=n(10.0) class="pat-bg lvl1"/>
                <line x1="0" y1="0" x2="0" y2=n(10.0) class="pat-ink" stroke-width=n(2.2)/>
            </pattern>
            <pattern id=format!("fill-lvl2{suffix}") patternUnits="userSpaceOnUse" width=n(10.0) height=n(10.0)>
                <rect width=n(10.0) height=n(10.0) class="pat-bg lvl2"/>
                <circle cx=n(5.0) cy=n(5.0) r=n(1.8) class="pat-dot"/>
            </pattern>
            <pattern id=format!("fill-lvl3{suffix}") patternUnits="userSpaceOnUse" width=n(12.0) height=n(12.0)>
                <rect width=n(12.0) height=n(12.0) class="pat-bg lvl3"/>
            </pattern>
        </defs>
    }
}

/// Moves keyboard focus to an area of the main map.
fn focus_area(code: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let selector = format!("[data-focus-area=\"{code}\"]");
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = code;
}
