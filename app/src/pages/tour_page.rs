//! `/tour`: the spring 2023 tour of every area, on a map and as a list in
//! date order, updated live by editors.

use crate::api::{get_roadmap, list_areas};
use crate::components::tour::TourSchedule;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TourPage() -> impl IntoView {
    let t = t();
    let roadmap = Resource::new(|| (), |_| get_roadmap());
    let areas = Resource::new(|| (), |_| list_areas());
    let auth = crate::auth::context::use_auth();
    view! {
        <Title text="Kiertue"/>
        <article class="tour-page">
            <h1>"Hyvinvointialuekiertue, kevät 2023"</h1>
            <p class="intro">
                "Järjestöjen edustajat tapaavat jokaisen 22 alueen johtoa: puheena alueen strategiat, "
                "lakisääteiset HYTE-neuvottelut ja järjestöjen toimintaedellytykset. Kiertue alkaa "
                "Pirkanmaalta 9.2.2023; muut päivät sovitaan kevään mittaan ja päivitetään tähän. "
                "Avaa alue kartalta tai listasta: tapahtumanäkymä toimii puhelimessa myös ilman verkkoa, "
                "kun se on kerran avattu."
            </p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let me = auth.load().await;
                    match (roadmap.await, areas.await) {
                        (Ok(state), Ok(areas)) => view! { <TourSchedule initial=state areas me/> }.into_any(),
                        _ => view! { <p role="alert">{t.load_failed}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </article>
    }
}
