use crate::indicators::{Indicator, Level};
use crate::text::t;
use leptos::prelude::*;

/// A small swatch with the level's pattern and symbol, as on the map.
#[component]
pub fn LevelSwatch(level: Level) -> impl IntoView {
    view! {
        <span class=format!("swatch {}", level.css()) aria-hidden="true">{level.symbol()}</span>
    }
}

#[component]
pub fn Legend(indicator: Signal<Indicator>) -> impl IntoView {
    view! {
        <div class="legend">
            <h2 class="legend-title">{t().legend_title}": "{move || t().indicator(indicator.get())}</h2>
            <ul>
                {move || {
                    let indicator = indicator.get();
                    indicator
                        .levels()
                        .iter()
                        .map(|&level| {
                            view! {
                                <li>
                                    <LevelSwatch level/>
                                    {t().indicator_level(indicator, level)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
