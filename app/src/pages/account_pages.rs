//! Signing in, one's own account, taking an invitation: `/sign-in`,
//! `/account`, `/invite/:token`. After signing in or out the page reloads,
//! so every part of it (and the live connection) starts from the new
//! session.

use crate::account_api::{
    get_invitation, AcceptInvitation, ChangePassword, SignIn, SignOut, MAX_FAILURES_PER_ACCOUNT,
};
use crate::api::error_message;
use crate::auth::context::use_auth;
use crate::auth::MIN_PASSWORD;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Goes to `path` with a full page load (the session changed).
pub fn reload_to(path: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(path);
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Only paths of this site, never another host.
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/".into())
}

/// The error of the last call, in an alert.
#[component]
fn ActionError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    view! {
        <div class="form-feedback" aria-live="polite">
            {move || action.pending().get().then(|| view! { <p class="form-pending">"Hetkinen…"</p> })}
            {move || match action.value().get() {
                Some(Err(e)) => Some(view! { <p class="form-error" role="alert" data-testid="form-error">{error_message(&e)}</p> }),
                _ => None,
            }}
        </div>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || safe_next(query.with(|q| q.get("next")));
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            reload_to(&next());
        }
    });
    view! {
        <Title text="Kirjaudu sisään"/>
        <article class="narrow-page">
            <h1>"Kirjaudu sisään"</h1>
            <p class="intro">
                "Kaikki voivat lukea karttaa, aluesivuja, kyselyjä ja tiekarttaa ilman tunnusta. "
                "Muokkaamiseen tarvitaan tunnus; sen saa ylläpitäjän lähettämällä kutsulinkillä."
            </p>
            <ActionForm action attr:class="card account-form" attr:id="sign-in-form">
                <div class="field">
                    <label for="sign-in-email">"Sähköpostiosoite"</label>
                    <input id="sign-in-email" name="email" type="email" autocomplete="username" required/>
                </div>
                <div class="field">
                    <label for="sign-in-password">"Salasana"</label>
                    <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button type="submit">"Kirjaudu"</button>
                <p class="hint">
                    {format!("{MAX_FAILURES_PER_ACCOUNT} väärän yrityksen jälkeen kirjautuminen estetään hetkeksi.")}
                </p>
                <ActionError action/>
            </ActionForm>
        </article>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = use_auth();
    let change = ServerAction::<ChangePassword>::new();
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = sign_out.value().get() {
            reload_to("/");
        }
    });
    view! {
        <Title text="Oma tili"/>
        <article class="narrow-page">
            <h1>"Oma tili"</h1>
            <Transition fallback=|| ()>
                {move || match auth.me() {
                    None => view! {
                        <p><a href="/sign-in?next=%2Faccount">"Kirjaudu sisään"</a>" nähdäksesi tilisi."</p>
                    }.into_any(),
                    Some(me) => {
                        let (csrf1, csrf2) = (me.csrf.clone(), me.csrf.clone());
                        view! {
                        <dl class="card account-facts" data-testid="account-facts">
                            <dt>"Nimi"</dt><dd>{me.name.clone()}</dd>
                            <dt>"Sähköposti"</dt><dd>{me.email.clone()}</dd>
                            <dt>"Rooli"</dt><dd>{me.role.title_fi()}</dd>
                        </dl>
                        <h2>"Vaihda salasana"</h2>
                        <ActionForm action=change attr:class="card account-form" attr:id="password-form">
                            <input type="hidden" name="csrf" value=csrf1/>
                            <div class="field">
                                <label for="pw-current">"Nykyinen salasana"</label>
                                <input id="pw-current" name="current" type="password" autocomplete="current-password" required/>
                            </div>
                            <div class="field">
                                <label for="pw-new">"Uusi salasana"</label>
                                <input id="pw-new" name="new" type="password" autocomplete="new-password" required
                                    minlength=MIN_PASSWORD.to_string() aria-describedby="pw-new-hint"/>
                                <p class="hint" id="pw-new-hint">{format!("Vähintään {MIN_PASSWORD} merkkiä. Muut istuntosi päättyvät.")}</p>
                            </div>
                            <div class="field">
                                <label for="pw-repeat">"Uusi salasana uudelleen"</label>
                                <input id="pw-repeat" name="repeat" type="password" autocomplete="new-password" required/>
                            </div>
                            <button type="submit">"Vaihda salasana"</button>
                            <ActionError action=change/>
                            {move || matches!(change.value().get(), Some(Ok(_)))
                                .then(|| view! { <p class="form-ok" role="status">"Salasana vaihdettu."</p> })}
                        </ActionForm>
                        <ActionForm action=sign_out attr:class="sign-out-form">
                            <input type="hidden" name="csrf" value=csrf2/>
                            <button type="submit" class="secondary">"Kirjaudu ulos"</button>
                        </ActionForm>
                    }.into_any()
                    }
                }}
            </Transition>
        </article>
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let invitation = Resource::new(token, get_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = accept.value().get() {
            reload_to("/");
        }
    });
    view! {
        <Title text="Kutsu"/>
        <article class="narrow-page">
            <h1>"Tervetuloa mukaan"</h1>
            <Suspense fallback=|| view! { <p>"Ladataan…"</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Ok(Some(inv)) => view! {
                            <p class="intro">
                                {format!("Sinut on kutsuttu osoitteella {} rooliin {}. Valitse nimi, joka näkyy muutostesi vieressä, ja salasana.",
                                    inv.email, inv.role.title_fi().to_lowercase())}
                            </p>
                            <ActionForm action=accept attr:class="card account-form" attr:id="invite-form">
                                <input type="hidden" name="token" value=token()/>
                                <div class="field">
                                    <label for="inv-name">"Nimi"</label>
                                    <input id="inv-name" name="name" type="text" autocomplete="name" required maxlength="80"/>
                                </div>
                                <div class="field">
                                    <label for="inv-password">"Salasana"</label>
                                    <input id="inv-password" name="password" type="password" autocomplete="new-password"
                                        required minlength=MIN_PASSWORD.to_string()/>
                                    <p class="hint">{format!("Vähintään {MIN_PASSWORD} merkkiä.")}</p>
                                </div>
                                <div class="field">
                                    <label for="inv-repeat">"Salasana uudelleen"</label>
                                    <input id="inv-repeat" name="repeat" type="password" autocomplete="new-password" required/>
                                </div>
                                <button type="submit">"Luo tunnus"</button>
                                <ActionError action=accept/>
                            </ActionForm>
                        }.into_any(),
                        _ => view! {
                            <p role="alert" data-testid="invitation-invalid">
                                "Kutsulinkki ei ole voimassa: se on jo käytetty tai vanhentunut. Pyydä ylläpitäjältä uusi."
                            </p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/roadmap?x=1".into())), "/roadmap?x=1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
