//! Signing in, one's own account, taking an invitation: `/sign-in`,
//! `/account`, `/invite/:token`. After signing in or out the page reloads,
//! so every part of it (and the live connection) starts from the new
//! session.

use crate::any_view::Erase;
use crate::auth::context::use_auth;
use crate::components::NewPasswordFields;
use crate::server_fns::accounts::{
    get_invitation, AcceptInvitation, ChangePassword, SignIn, SignOut, MAX_FAILURES_PER_ACCOUNT,
};
use crate::text::t;
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

use crate::url::safe_next;

/// The error of the last call, in an alert.
#[component]
fn ActionError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let t = t();
    view! {
        <div class="form-feedback" aria-live="polite">
            {move || action.pending().get().then(|| view! { <p class="form-pending">{t.please_wait}</p> })}
            {move || match action.value().get() {
                Some(Err(e)) => Some(view! { <p class="form-error" role="alert" data-testid="form-error">{e.to_string()}</p> }),
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
    let t = t();
    view! {
        <Title text=t.sign_in/>
        <article class="narrow-page">
            <h1>{t.sign_in}</h1>
            <p class="intro">{t.sign_in_intro}</p>
            <ActionForm action attr:class="card account-form" attr:id="sign-in-form">
                {view! {
                    <div class="field">
                        <label for="sign-in-email">{t.email_address}</label>
                        <input id="sign-in-email" name="email" type="email" autocomplete="username" required/>
                    </div>
                    <div class="field">
                        <label for="sign-in-password">{t.password}</label>
                        <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required/>
                    </div>
                    <button type="submit">{t.sign_in_button}</button>
                    <p class="hint">
                        {t.fill(t.sign_in_limit, &[("n", &MAX_FAILURES_PER_ACCOUNT.to_string())])}
                    </p>
                    <ActionError action/>
                }.erase()}
            </ActionForm>
            <p><a href="/forgot-password" data-testid="forgot-link">{t.forgot_link}</a></p>
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
    let t = t();
    view! {
        <Title text=t.account_title/>
        <article class="narrow-page">
            <h1>{t.account_title}</h1>
            <Transition fallback=|| ()>
                {move || match auth.me() {
                    None => view! {
                        <p><a href="/sign-in?next=%2Faccount">{t.sign_in}</a>{t.account_sign_in_suffix}</p>
                    }.erase(),
                    Some(me) => {
                        let (csrf1, csrf2, csrf3) = (me.csrf.clone(), me.csrf.clone(), me.csrf.clone());
                        view! {
                        <dl class="card account-facts" data-testid="account-facts">
                            <dt>{t.name}</dt><dd>{me.name.clone()}</dd>
                            <dt>{t.contact_email}</dt><dd>{me.email.clone()}</dd>
                            <dt>{t.role}</dt><dd>{t.role(me.role)}</dd>
                        </dl>
                        <h2>{t.change_password}</h2>
                        <ActionForm action=change attr:class="card account-form" attr:id="password-form">
                            {view! {
                                <input type="hidden" name="csrf" value=csrf1/>
                                <div class="field">
                                    <label for="pw-current">{t.current_password}</label>
                                    <input id="pw-current" name="current" type="password" autocomplete="current-password" required/>
                                </div>
                                <NewPasswordFields id="pw" name="new" replacing=true/>
                                <button type="submit">{t.change_password}</button>
                                <ActionError action=change/>
                                {move || matches!(change.value().get(), Some(Ok(_)))
                                    .then(|| view! { <p class="form-ok" role="status">{t.password_changed}</p> })}
                            }.erase()}
                        </ActionForm>
                        <crate::pages::MailPrefsForm csrf=csrf3/>
                        <ActionForm action=sign_out attr:class="sign-out-form">
                            {view! {
                                <input type="hidden" name="csrf" value=csrf2/>
                                <button type="submit" class="secondary">{t.sign_out}</button>
                            }.erase()}
                        </ActionForm>
                    }.erase()
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
    let t = t();
    view! {
        <Title text=t.invitation/>
        <article class="narrow-page">
            <h1>{t.invitation_welcome}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Ok(Some(inv)) => view! {
                            <p class="intro">
                                {t.fill(t.invitation_intro, &[("email", &inv.email), ("role", &t.role(inv.role).to_lowercase())])}
                            </p>
                            <ActionForm action=accept attr:class="card account-form" attr:id="invite-form">
                                {view! {
                                    <input type="hidden" name="token" value=token()/>
                                    <div class="field">
                                        <label for="inv-name">{t.name}</label>
                                        <input id="inv-name" name="name" type="text" autocomplete="name" required maxlength="80"/>
                                    </div>
                                    <NewPasswordFields id="inv" name="password" replacing=false/>
                                    <button type="submit">{t.create_account}</button>
                                    <ActionError action=accept/>
                                }.erase()}
                            </ActionForm>
                        }.erase(),
                        _ => view! {
                            <p role="alert" data-testid="invitation-invalid">
                                {t.invitation_invalid}
                            </p>
                        }.erase(),
                    }
                })}
            </Suspense>
        </article>
    }
}
