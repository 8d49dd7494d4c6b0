use crate::pages::{AreaPage, MapPage, NotFound, RoadmapPage, SurveyPage, SurveysPage};
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

/// The HTML document around the app (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fi">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <meta name="description" content="Järjestöjen ja hyvinvointialueiden yhteinen työtila"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let t = t();
    // Marks the page as interactive once hydrated (tests and styles wait
    // for it; effects never run on the server).
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
            // Pages visited once keep working offline (public/sw.js).
            let _ = window().navigator().service_worker().register("/sw.js");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/ngo-workspace.css"/>
        <Title formatter=|page: String| {
            if page.is_empty() { t.site_name.to_string() } else { format!("{page} – {}", t.site_name) }
        }/>
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="site-header">
                <A href="/" attr:class="site-name">{t.site_name}</A>
                <nav aria-label="Päävalikko">
                    <A href="/">{t.nav_map}</A>
                    <A href="/roadmap">"Tiekartta"</A>
                    <A href="/surveys">"Kyselyt"</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=MapPage ssr=SsrMode::Async/>
                    <Route path=path!("/areas/:code") view=AreaPage ssr=SsrMode::Async/>
                    <Route path=path!("/roadmap") view=RoadmapPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys") view=SurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:id") view=SurveyPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{t.attribution}</p>
            </footer>
        </Router>
    }
}
