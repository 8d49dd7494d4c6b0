//! `/roadmap`: the cooperation roadmap, edited live.

use crate::any_view::Erase;
use crate::components::roadmap::{BoardData, RoadmapBoard};
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let t = t();
    let roadmap = BoardData::fetch();
    let auth = crate::auth::context::use_auth();
    view! {
        <Title text=t.nav_roadmap/>
        <article class="roadmap-page">
            <h1>{t.roadmap_title}</h1>
            <p class="intro">{t.roadmap_intro}</p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let me = auth.load().await;
                    match roadmap.load().await {
                        Ok(state) => view! { <RoadmapBoard initial=state me/> }.erase(),
                        Err(_) => view! { <p role="alert">{t.load_failed}</p> }.erase(),
                    }
                })}
            </Suspense>
        </article>
    }
}
