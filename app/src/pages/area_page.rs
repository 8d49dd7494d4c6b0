//! `/areas/{code}`: one area's contacts, places to influence and tour visit.

use super::NotFound;
use crate::any_view::Erase;
use crate::components::area_sections::LiveArea;
use crate::components::roadmap::{Board, BoardData, BoardStart, Notices, StatusBar};
use crate::components::{
    CommentThread, ContactsSection, FollowButton, HistorySection, PlacesSection, PrintButton,
    TourSection,
};
use crate::format;
use crate::model::{Area, Survey};
use crate::roadmap::filter::{filtered_rows, RoadmapFilter};
use crate::roadmap::Entry;
use crate::server_fns::areas::{get_area, get_area_history};
use crate::server_fns::surveys::list_surveys;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AreaPage() -> impl IntoView {
    let t = t();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    // Everything the page shows is loaded here, with the page, and awaited
    // before it renders (see `BoardData`): the server's HTML and the
    // hydrating browser then agree.
    let area = Resource::new(code, get_area);
    let roadmap = BoardData::fetch();
    let surveys = Resource::new(|| (), |_| list_surveys());
    let history = Resource::new(code, get_area_history);
    let auth = crate::auth::context::use_auth();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let me = auth.load().await;
                let surveys: Vec<Survey> = surveys
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|s| s.all_areas)
                    .collect();
                let history = history.await.ok();
                match (area.await, roadmap.load().await) {
                    (Ok(Some(area)), Ok(initial)) => view! { <AreaView area initial me surveys history/> }.erase(),
                    (Ok(None), _) => view! { <NotFound/> }.erase(),
                    _ => view! { <p role="alert">{t.load_failed}</p> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AreaView(
    area: Area,
    initial: BoardStart,
    me: Option<crate::auth::Me>,
    surveys: Vec<Survey>,
    history: Option<Vec<Entry>>,
) -> impl IntoView {
    let t = t();
    let locale = crate::i18n::locale();
    let short = area.short_name_in(locale);
    let name = area.name_in(locale).to_string();
    let (other_name, other_locale) = area.other_name_in(locale);
    let other_name = other_name.to_string();
    let population = format::number(area.population);
    let code = area.code.clone();
    let page_code = code.clone();
    let rendered_at = initial.state.head;
    // The area follows the log live: its item and its visit are on the
    // same board as the roadmap, so this page shares its sync, queue,
    // presence, conflicts and undo.
    let board = Board::provide(initial, me);
    let live = LiveArea {
        board,
        area: Memo::new(move |_| board.sync.view.with(|s| area.clone().with_live(s))),
        id: StoredValue::new(crate::roadmap::area_id(&code)),
        rendered_at,
        problem_form: RwSignal::new(""),
    };
    view! {
        <Title text=short/>
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <a href="/">{t.nav_map}</a>
        </nav>
        <article class="area-page" data-area-page=page_code>
            <header class="area-header">
                <h1>{name}</h1>
                <p class="sv-name"><span class="label">{t.other_name}": "</span><span lang=other_locale.code()>{other_name}</span></p>
                <p class="population"><span class="label">{t.population_label}": "</span><strong>{population}</strong></p>
                <p class="page-tools"><PrintButton/></p>
                <FollowButton key=crate::roadmap::area_id(&code)/>
            </header>
            <StatusBar/>
            <Notices/>
            {board.can_edit.then(|| view! { <p class="hint live-hint">{t.area_live_hint}</p> })}
            <div class="area-grid">
                <ContactsSection live/>
                <TourSection live/>
                <PlacesSection live/>
                <AreaRoadmap code=code.clone() board/>
                <AreaSurveys surveys/>
                <HistorySection live initial=history/>
                <CommentThread subject=crate::roadmap::area_id(&code)/>
            </div>
        </article>
    }
}

/// Surveys that reached every area, so they concern this one too.
#[component]
fn AreaSurveys(surveys: Vec<Survey>) -> impl IntoView {
    let t = t();
    view! {
        <section class="card" aria-labelledby="area-surveys-title">
            <h2 id="area-surveys-title">{t.area_surveys_title}</h2>
            <ul data-testid="area-surveys">
                {surveys
                    .into_iter()
                    .map(|s| view! { <li><a href=format!("/surveys/{}", s.id)>{s.title}</a>" ("{s.period}")"</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The roadmap actions that concern this area (its own and all areas'),
/// live from the board's log like the rest of the page.
#[component]
fn AreaRoadmap(code: String, board: Board) -> impl IntoView {
    let t = crate::text::t();
    let link = format!("/roadmap?area={code}");
    let filter = RoadmapFilter::from_pairs([("area", code.as_str())]);
    let rows = Memo::new(move |_| board.sync.view.with(|s| filtered_rows(s, &filter)));
    view! {
        <section class="card" aria-labelledby="area-roadmap-title">
            <h2 id="area-roadmap-title">{t.area_roadmap_title}</h2>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <p>{t.area_no_actions}</p> }.erase();
                }
                view! {
                    <ul class="area-actions" data-testid="area-actions">
                        {rows
                            .into_iter()
                            .map(|r| {
                                let all = r.action.concerns_all_areas();
                                view! {
                                    <li data-item=r.action.id.clone()>
                                        <strong>{r.action.title().to_string()}</strong>
                                        " – "{t.action_status(r.action.status())}
                                        {all.then(|| format!(" {}", t.area_all_areas_note))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .erase()
            }}
            <p><a class="more-link" href=link>{t.area_roadmap_link}</a></p>
        </section>
    }
}
