//! `/tour/{code}`: the event view of one area's visit, for a phone at the
//! meeting.

use super::NotFound;
use crate::any_view::Erase;
use crate::components::roadmap::BoardData;
use crate::components::tour::TourEvent;
use crate::server_fns::areas::get_area;
use crate::server_fns::surveys::list_surveys;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TourEventPage() -> impl IntoView {
    let t = t();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let area = Resource::new(code, get_area);
    let roadmap = BoardData::fetch();
    let surveys = Resource::new(|| (), |_| list_surveys());
    let auth = crate::auth::context::use_auth();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let me = auth.load().await;
                let surveys = surveys.await.unwrap_or_default();
                match (area.await, roadmap.load().await) {
                    (Ok(Some(area)), Ok(state)) => {
                        let short = area.short_name();
                        let page_code = area.code.clone();
                        view! {
                            <Title text=format!("{short} – {}", t.nav_tour)/>
                            <nav class="breadcrumb" aria-label=t.breadcrumb>
                                <a href="/tour">{t.nav_tour}</a>
                            </nav>
                            <article class="tour-event" data-event-area=page_code>
                                <h1>{t.fill(t.tour_event_heading, &[("area", &short)])}</h1>
                                <TourEvent area initial=state surveys me/>
                            </article>
                        }
                        .erase()
                    }
                    (Ok(None), _) => view! { <NotFound/> }.erase(),
                    _ => view! { <p role="alert">{t.load_failed}</p> }.erase(),
                }
            })}
        </Suspense>
    }
}
