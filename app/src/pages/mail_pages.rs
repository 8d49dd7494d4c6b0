//! The pages around e-mail: asking for a reset link (`/forgot-password`),
//! choosing a new password with it (`/reset/:token`), stopping
//! notification mail from a mail's link (`/unsubscribe/:token`), and the
//! mail choices on `/account` ([`MailPrefsForm`]). Every form works
//! before the page hydrates (plain form posts), like the sign-in form.

use super::account_pages::reload_to;
use crate::any_view::Erase;
use crate::components::NewPasswordFields;
use crate::mail::{DigestEvery, MailPrefs};
use crate::server_fns::mail::{
    check_reset, get_mail_prefs, get_mail_status, unsubscribe_target, RequestPasswordReset,
    ResetPassword, SetMailPrefs, Unsubscribe,
};
use crate::text::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The error of the last call, in an alert; `ok` once it succeeded.
#[component]
fn Outcome<S>(action: ServerAction<S>, ok: &'static str) -> impl IntoView
where
    S: ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let t = t();
    view! {
        <div class="form-feedback" aria-live="polite">
            {move || action.pending().get().then(|| view! { <p class="form-pending">{t.please_wait}</p> })}
            {move || match action.value().get() {
                Some(Err(e)) => Some(view! { <p class="form-error" role="alert" data-testid="form-error">{e.to_string()}</p> }.erase()),
                Some(Ok(_)) => Some(view! { <p class="form-ok" role="status" data-testid="form-ok">{ok}</p> }.erase()),
                None => None,
            }}
        </div>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let status = Resource::new(|| (), |_| get_mail_status());
    let t = t();
    view! {
        <Title text=t.forgot_title/>
        <article class="narrow-page">
            <h1>{t.forgot_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let enabled = status.await.map(|s| s.enabled).unwrap_or(false);
                    if !enabled {
                        return view! { <p class="intro" data-testid="no-mail">{t.forgot_no_mail}</p> }.erase();
                    }
                    view! {
                        <p class="intro">{t.fill(t.forgot_intro, &[("minutes", &crate::mail::RESET_MINUTES.to_string())])}</p>
                        <ActionForm action attr:class="card account-form" attr:id="forgot-form">
                            {view! {
                                <div class="field">
                                    <label for="forgot-email">{t.email_address}</label>
                                    <input id="forgot-email" name="email" type="email" autocomplete="username" required/>
                                </div>
                                <button type="submit">{t.forgot_button}</button>
                                <Outcome action ok=t.forgot_sent/>
                            }.erase()}
                        </ActionForm>
                    }.erase()
                })}
            </Suspense>
            <p><a href="/sign-in">{t.sign_in}</a></p>
        </article>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let valid = Resource::new(token, check_reset);
    let action = ServerAction::<ResetPassword>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            reload_to("/account");
        }
    });
    let t = t();
    view! {
        <Title text=t.reset_title/>
        <article class="narrow-page">
            <h1>{t.reset_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    if !valid.await.unwrap_or(false) {
                        return view! {
                            <p role="alert" data-testid="reset-invalid">{t.reset_invalid}</p>
                            <p><a href="/forgot-password">{t.forgot_link}</a></p>
                        }.erase();
                    }
                    view! {
                        <ActionForm action attr:class="card account-form" attr:id="reset-form">
                            {view! {
                                <input type="hidden" name="token" value=token()/>
                                <NewPasswordFields id="reset" name="password" replacing=true/>
                                <button type="submit">{t.reset_button}</button>
                                <Outcome action ok=t.password_changed/>
                            }.erase()}
                        </ActionForm>
                    }.erase()
                })}
            </Suspense>
        </article>
    }
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let target = Resource::new(token, unsubscribe_target);
    let action = ServerAction::<Unsubscribe>::new();
    let t = t();
    view! {
        <Title text=t.unsubscribe_title/>
        <article class="narrow-page">
            <h1>{t.unsubscribe_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match target.await {
                        Ok(Some(email)) => view! {
                            <p class="intro">{t.fill(t.unsubscribe_intro, &[("email", &email)])}</p>
                            // A button, not the link itself: mail scanners
                            // open links, and must not unsubscribe anyone.
                            <ActionForm action attr:class="card account-form" attr:id="unsubscribe-form">
                                {view! {
                                    <input type="hidden" name="token" value=token()/>
                                    <button type="submit">{t.unsubscribe_button}</button>
                                    <Outcome action ok=t.unsubscribe_done/>
                                }.erase()}
                            </ActionForm>
                        }.erase(),
                        _ => view! { <p role="alert" data-testid="unsubscribe-invalid">{t.unsubscribe_invalid}</p> }.erase(),
                    }
                })}
            </Suspense>
        </article>
    }
}

/// The mail choices on `/account`.
#[component]
pub fn MailPrefsForm(csrf: String) -> impl IntoView {
    let action = ServerAction::<SetMailPrefs>::new();
    let prefs = Resource::new(move || action.version().get(), |_| get_mail_prefs());
    let status = Resource::new(|| (), |_| get_mail_status());
    let t = t();
    let lang = crate::i18n::locale().native_name();
    let digest_label = move |d: DigestEvery| match d {
        DigestEvery::Off => t.digest_off,
        DigestEvery::Daily => t.digest_daily,
        DigestEvery::Weekly => t.digest_weekly,
    };
    view! {
        <h2 id="mail-prefs-title">{t.mail_prefs_title}</h2>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let csrf = csrf.clone();
                Suspend::new(async move {
                let p: MailPrefs = prefs.await.unwrap_or_default();
                let enabled = status.await.map(|s| s.enabled).unwrap_or(false);
                view! {
                    {(!enabled).then(|| view! { <p class="hint" data-testid="mail-off">{t.mail_off_note}</p> })}
                    <ActionForm action attr:class="card account-form" attr:id="mail-prefs-form">
                        {view! {
                            <input type="hidden" name="csrf" value=csrf/>
                            <div class="field field-check">
                                <input id="mail-mentions" name="mentions" type="checkbox" value="on" checked=p.mentions/>
                                <label for="mail-mentions">{t.mail_prefs_mentions}</label>
                            </div>
                            <fieldset class="field">
                                <legend>{t.mail_prefs_digest}</legend>
                                {DigestEvery::ALL.into_iter().map(|d| {
                                    let id = format!("digest-{}", d.key());
                                    view! {
                                        <div class="field-check">
                                            <input type="radio" id=id.clone() name="digest" value=d.key() checked=p.digest == d/>
                                            <label for=id>{digest_label(d)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <p class="hint">{t.fill(t.mail_prefs_lang, &[("lang", lang)])}</p>
                            <button type="submit">{t.mail_prefs_save}</button>
                            <Outcome action ok=t.mail_prefs_saved/>
                        }.erase()}
                    </ActionForm>
                }
            })}}
        </Suspense>
    }
}
