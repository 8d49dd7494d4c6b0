use crate::any_view::Erase;
use crate::auth::context::{use_auth, Auth};
use crate::components::{Bell, LanguageSwitcher, SearchBox, SiteMenu};
use crate::pages::{
    AccessibilityPage, AccountPage, ActivityPage, AdminPage, AreaPage, EmbedMapPage,
    EmbedSurveyPage, ForgotPasswordPage, InvitePage, MapPage, NotFound, NotificationsPage,
    PrivacyPage, ResetPasswordPage, RoadmapPage, SearchPage, SignInPage, SurveyPage, SurveysPage,
    TourEventPage, TourPage, UnsubscribePage,
};
use crate::text::t;
use crate::url::EMBED_PREFIX;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};

/// The HTML document around the app (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The inline scripts Leptos writes (hydration, resolved resources,
    // cargo-leptos's reload script) carry the nonce the server's header
    // middleware made for this response and put in its CSP header. The
    // middleware, not the render, sets the header: a header set during an
    // async render can miss the response.
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::security::CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    // The request's language (its `lang` cookie): the whole page renders in
    // it, and the browser reads it back from `<html lang>` to hydrate.
    let locale = crate::i18n::locale();
    provide_context(locale);
    // For the stylesheet's content-hashed name (see `stylesheet_href`).
    provide_context(options.clone());
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <meta name="theme-color" content="#0b4f8a"/>
                <meta name="description" content=locale.texts().meta_description/>
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

/// This build's stylesheet. cargo-leptos names it by content hash and
/// writes the hash in `hash.txt` beside the server binary: the server reads
/// it there; the browser, hydrating, keeps the address the server gave.
/// (The stylesheet stays an `App` element: leptos_meta's `HashedStylesheet`
/// in the shell instead changes what hydration expects.)
fn stylesheet_href() -> String {
    let fallback = || "/pkg/ngo-workspace.css".to_string();
    #[cfg(feature = "ssr")]
    {
        let Some(options) = use_context::<LeptosOptions>() else {
            return fallback();
        };
        if !options.hash_files {
            return format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
        }
        // Read once: the file belongs to this binary's build.
        static CSS_HASH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let hash = CSS_HASH.get_or_init(|| {
            std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(&*options.hash_file)))
                .and_then(|file| std::fs::read_to_string(file).ok())
                .and_then(|text| {
                    text.lines().find_map(|line| {
                        line.trim()
                            .strip_prefix("css:")
                            .map(|h| h.trim().to_string())
                    })
                })
        });
        match hash {
            Some(hash) => format!(
                "/{}/{}.{hash}.css",
                options.site_pkg_dir, options.output_name
            ),
            None => format!("/{}/{}.css", options.site_pkg_dir, options.output_name),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        if let Some(href) = document()
            .get_element_by_id("leptos")
            .and_then(|link| link.get_attribute("href"))
        {
            return href;
        }
        fallback()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The server's shell provided it; in the browser it comes from `<html lang>`.
    provide_context(crate::i18n::locale());
    Auth::provide();
    provide_context(crate::live::InboxPulse(RwSignal::new(0)));
    let t = t();
    // Marks the page as interactive once hydrated (tests and styles wait
    // for it; effects never run on the server).
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
            // Pages visited once keep working offline (/sw.js, made at start
            // by the server from server/src/sw.js: server/src/offline.rs).
            // Not from a page framed by another site.
            let embedded = window()
                .location()
                .pathname()
                .is_ok_and(|p| p.starts_with(EMBED_PREFIX));
            if !embedded {
                let _ = window().navigator().service_worker().register("/sw.js");
            }
        }
    });
    // A page framed by another site (`/embed/...`) is its content only.
    // (Called inside the router, which provides the location.)
    let embedded = move || {
        use_location()
            .pathname
            .get_untracked()
            .starts_with(EMBED_PREFIX)
    };
    view! {
        <Stylesheet id="leptos" href=stylesheet_href()/>
        <Title formatter=|page: String| {
            if page.is_empty() { t.site_name.to_string() } else { format!("{page} – {}", t.site_name) }
        }/>
        <Router>
            <Show when=move || !embedded()>
                {view! { <SiteHeader/> }.erase()}
            </Show>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }.erase()>
                    <Route path=path!("/") view=|| MapPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/areas/:code") view=|| AreaPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/roadmap") view=|| RoadmapPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/tour") view=|| TourPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/tour/:code") view=|| TourEventPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=|| SearchPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=|| NotificationsPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/activity") view=|| ActivityPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/surveys") view=|| SurveysPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:id") view=|| SurveyPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=|| SignInPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=|| AccountPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:token") view=|| InvitePage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=|| ForgotPasswordPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/reset/:token") view=|| ResetPasswordPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe/:token") view=|| UnsubscribePage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=|| AdminPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/accessibility") view=|| AccessibilityPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=|| PrivacyPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/embed/map") view=|| EmbedMapPage().erase() ssr=SsrMode::Async/>
                    <Route path=path!("/embed/surveys/:id/:question") view=|| EmbedSurveyPage().erase() ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Show when=move || !embedded()>
                {view! { <SiteFooter/> }.erase()}
            </Show>
        </Router>
    }
}

/// The site's header (a page framed by another site has none).
#[component]
fn SiteHeader() -> impl IntoView {
    let t = t();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <A href="/" attr:class="site-name">{t.site_name}</A>
            <Bell/>
            <SiteMenu>
                <nav aria-label=t.nav_label>
                    <A href="/">{t.nav_map}</A>
                    <A href="/roadmap">{t.nav_roadmap}</A>
                    <A href="/surveys">{t.nav_surveys}</A>
                    <A href="/tour">{t.nav_tour}</A>
                </nav>
                <SearchBox/>
                <UserMenu/>
                <LanguageSwitcher/>
            </SiteMenu>
        </header>
        <OfflineBanner/>
        <PrintMeta/>
    }
}

/// On paper: when and from where (the address carries the filters).
#[component]
fn PrintMeta() -> impl IntoView {
    let t = t();
    let location = use_location();
    let printed = move || {
        let today = crate::format::today();
        let search = location.search.get();
        let url = format!(
            "{}{}{}{search}",
            crate::url::request_origin(),
            location.pathname.get(),
            if search.is_empty() { "" } else { "?" },
        );
        t.fill(
            t.print_meta,
            &[
                ("date", &crate::format::date(&today.to_string())),
                ("url", &url),
            ],
        )
    };
    view! { <p class="print-only print-meta" data-testid="print-meta">{printed}</p> }
}

/// The site's footer, with the statement pages.
#[component]
fn SiteFooter() -> impl IntoView {
    let t = t();
    view! {
        <footer class="site-footer">
            <nav class="footer-links" aria-label=t.footer_links>
                <A href="/activity">{t.nav_activity}</A>
                <A href="/accessibility">{t.footer_accessibility}</A>
                <A href="/privacy">{t.footer_privacy}</A>
            </nav>
            <p>{t.attribution}</p>
        </footer>
    }
}

/// A visible note on every page while the device has no network: what
/// still works. Rendered online on the server; the browser corrects it.
#[component]
fn OfflineBanner() -> impl IntoView {
    let online = RwSignal::new(true);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| online.set(window().navigator().on_line()));
        let up = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let down = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            up.remove();
            down.remove();
        });
    }
    view! {
        <p class="offline-banner" role="status" data-testid="offline-banner" hidden=move || online.get()>
            {t().offline_note}
        </p>
    }
}

/// Who is signed in, or the way to sign in.
#[component]
fn UserMenu() -> impl IntoView {
    let auth = use_auth();
    let t = t();
    view! {
        <div class="user-menu" data-testid="user-menu">
            <Transition fallback=|| ()>
                {move || match auth.me() {
                    Some(me) => view! {
                        <A href="/account" attr:class="user-name">{me.name}</A>
                        {me.role.can_admin().then(|| view! { <A href="/admin">{t.nav_admin}</A> })}
                    }.erase(),
                    None => view! { <a href=crate::auth::context::sign_in_href()>{t.sign_in}</a> }.erase(),
                }}
            </Transition>
        </div>
    }
}
