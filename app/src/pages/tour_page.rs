//! `/tour`: the spring 2023 tour of every area, on a map and as a list in
//! date order, updated live by editors.

use crate::any_view::Erase;
use crate::components::roadmap::BoardData;
use crate::components::tour::TourSchedule;
use crate::components::PrintButton;
use crate::server_fns::areas::list_areas;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TourPage() -> impl IntoView {
    let t = t();
    let roadmap = BoardData::fetch();
    let areas = Resource::new(|| (), |_| list_areas());
    let auth = crate::auth::context::use_auth();
    view! {
        <Title text=t.nav_tour/>
        <article class="tour-page">
            <h1>{t.tour_page_title}</h1>
            <p class="intro">{t.tour_intro}</p>
            <p class="page-tools"><PrintButton/></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let me = auth.load().await;
                    match (roadmap.load().await, areas.await) {
                        (Ok(state), Ok(areas)) => view! { <TourSchedule initial=state areas me/> }.erase(),
                        _ => view! { <p role="alert">{t.load_failed}</p> }.erase(),
                    }
                })}
            </Suspense>
        </article>
    }
}
