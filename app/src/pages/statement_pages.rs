//! `/accessibility` and `/privacy`: the accessibility statement that
//! Finnish law asks of public services, and the privacy notice. Their text
//! is in the catalogue (three languages); a list is one catalogue string
//! with an item per line. Both end with the maintainer's address when the
//! operator gave one (`--contact-email`).

use crate::any_view::Erase;
use crate::server_fns::site::site_contact;
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// A catalogue string with an item per line, as a list.
fn lines(text: &'static str) -> impl IntoView {
    view! { <ul>{text.lines().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
}

/// How to reach the maintainer.
#[component]
fn Contact() -> impl IntoView {
    let t = t();
    let contact = Resource::new(|| (), |_| site_contact());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match contact.await.ok().flatten() {
                    Some(email) => {
                        let href = format!("mailto:{email}");
                        let parts: Vec<&str> = t.contact_maintainer.splitn(2, "{email}").collect();
                        view! {
                            <p data-testid="contact">
                                {parts.first().copied()}<a href=href>{email.clone()}</a>{parts.get(1).copied()}
                            </p>
                        }
                            .erase()
                    }
                    None => view! { <p data-testid="contact">{t.contact_maintainer_missing}</p> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.footer_accessibility/>
        <article class="statement">
            <h1>{t.footer_accessibility}</h1>
            <p>{t.a11y_intro}</p>
            <h2>{t.a11y_status_heading}</h2>
            <p>{t.a11y_status}</p>
            <p>{t.a11y_tested}</p>
            <h2>{t.a11y_gaps_heading}</h2>
            {lines(t.a11y_gaps)}
            <h2>{t.a11y_feedback_heading}</h2>
            <p>{t.a11y_feedback}</p>
            <Contact/>
            <h2>{t.a11y_authority_heading}</h2>
            <p>{t.a11y_authority}" "
                <a href="https://www.saavutettavuusvaatimukset.fi" rel="external">"www.saavutettavuusvaatimukset.fi"</a>
            </p>
        </article>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.footer_privacy/>
        <article class="statement">
            <h1>{t.footer_privacy}</h1>
            <p>{t.privacy_intro}</p>
            <h2>{t.privacy_data_heading}</h2>
            {lines(t.privacy_data)}
            <h2>{t.privacy_why_heading}</h2>
            <p>{t.privacy_why}</p>
            <h2>{t.privacy_time_heading}</h2>
            {lines(t.privacy_time)}
            <h2>{t.privacy_who_heading}</h2>
            <p>{t.privacy_who}</p>
            <h2>{t.privacy_cookies_heading}</h2>
            <p>{t.privacy_cookies}</p>
            <h2>{t.privacy_rights_heading}</h2>
            <p>{t.privacy_rights}" "
                <a href="https://tietosuoja.fi" rel="external">"tietosuoja.fi"</a>
            </p>
            <h2>{t.privacy_contact_heading}</h2>
            <Contact/>
        </article>
    }
}
