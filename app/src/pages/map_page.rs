//! `/`: the map of the 22 areas beside the same data as a table.

use crate::api::list_areas;
use crate::components::{AreaTable, FinlandMap, IndicatorPicker, Legend};
use crate::indicators::Indicator;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MapPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    // The chosen indicator lives in the URL, so a coloured map can be shared.
    let indicator = Signal::derive(move || {
        query
            .read()
            .get("indicator")
            .and_then(|k| Indicator::from_key(&k))
            .unwrap_or(Indicator::ContactNamed)
    });
    let areas = Resource::new(|| (), |_| list_areas());

    view! {
        <Title text=""/>
        <h1>{t.map_title}</h1>
        <p class="lead">{t.map_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match areas.await {
                    Ok(areas) => {
                        let areas = StoredValue::new(areas);
                        view! {
                            <div class="map-layout">
                                <div class="map-column">
                                    <IndicatorPicker indicator/>
                                    <FinlandMap areas indicator/>
                                    <Legend indicator/>
                                </div>
                                <AreaTable areas indicator/>
                            </div>
                        }
                            .into_any()
                    }
                    Err(_) => view! { <p role="alert">{t.load_failed}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
