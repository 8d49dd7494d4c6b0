//! `/`: the map of the 22 areas beside the same data as a table.

use crate::any_view::Erase;
use crate::components::roadmap::{Board, BoardStart};
use crate::components::{AreaTable, EmbedCode, FinlandMap, IndicatorPicker, Legend};
use crate::server_fns::areas::list_areas;
use crate::server_fns::roadmap::get_roadmap;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MapPage() -> impl IntoView {
    let t = t();
    let indicator = crate::components::indicator_in_url();
    let areas = Resource::new(|| (), |_| list_areas());
    let roadmap = Resource::new(|| (), |_| get_roadmap());
    let auth = crate::auth::context::use_auth();

    view! {
        <Title text=""/>
        <h1>{t.map_title}</h1>
        <p class="lead">{t.map_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let me = auth.load().await;
                match (areas.await, roadmap.await) {
                    (Ok(areas), Ok(initial)) => {
                        // The map follows the change log: a status set on
                        // an area page recolours it here at once.
                        // Nothing here is followed: no follow list to load.
                        let start = BoardStart { state: initial, followed: None };
                        let board = Board::provide(start, me);
                        let areas = StoredValue::new(areas);
                        let live = Memo::new(move |_| {
                            board.sync.view.with(|s| {
                                areas.with_value(|a| a.iter().cloned().map(|x| x.with_live(s)).collect::<Vec<_>>())
                            })
                        });
                        let areas: Signal<Vec<_>> = live.into();
                        view! {
                            <div class="map-layout">
                                <div class="map-column">
                                    <IndicatorPicker indicator/>
                                    <FinlandMap areas indicator/>
                                    <Legend indicator/>
                                    <EmbedCode path=Signal::derive(move || format!("/embed/map?indicator={}", indicator.get().key())) height=640/>
                                </div>
                                <AreaTable areas indicator/>
                            </div>
                        }
                            .erase()
                    }
                    _ => view! { <p role="alert">{t.load_failed}</p> }.erase(),
                }
            })}
        </Suspense>
    }
}
