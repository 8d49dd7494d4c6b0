//! `/admin`: accounts (invite, change role, deactivate) and the audit log.
//! The server checks the admin role on every call; the page only hides
//! what others could not use.

use crate::any_view::Erase;
use crate::auth::context::use_auth;
use crate::auth::{Account, Role};
use crate::i18n::{locale, Locale};
use crate::server_fns::accounts::{audit_log, list_accounts, Invite, SetActive, SetRole};
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminPage() -> impl IntoView {
    let auth = use_auth();
    let t = t();
    view! {
        <Title text=t.nav_admin/>
        <article class="admin-page">
            <h1>{t.nav_admin}</h1>
            <Transition fallback=|| ()>
                {move || {
                    if auth.can_admin() {
                        view! { <AdminTools/> }.erase()
                    } else {
                        view! {
                            <p role="alert">
                                {t.admin_only}" "
                                <a href="/sign-in?next=%2Fadmin">{t.sign_in}</a>
                            </p>
                        }.erase()
                    }
                }}
            </Transition>
        </article>
    }
}

#[component]
fn AdminTools() -> impl IntoView {
    let auth = use_auth();
    let t = t();
    let csrf = auth.csrf();
    let invite = ServerAction::<Invite>::new();
    let set_role = ServerAction::<SetRole>::new();
    let set_active = ServerAction::<SetActive>::new();
    // Refetched after every change an admin makes here.
    let version = move || {
        (
            set_role.version().get(),
            set_active.version().get(),
            invite.version().get(),
        )
    };
    // Fetched in the browser only: the page is for signed-in admins, and
    // rendering it on the server would gain nothing.
    let accounts = LocalResource::new(move || {
        let _ = version();
        list_accounts()
    });
    let audit_filter = RwSignal::new(String::new());
    let audit = LocalResource::new(move || {
        let _ = version();
        audit_log(Some(audit_filter.get()))
    });
    let my_id = auth.me().map(|m| m.account).unwrap_or_default();
    let role_options = move |current: Role| {
        Role::ALL
            .into_iter()
            .map(|r| view! { <option value=r.key() selected=r == current>{t.role(r)}</option> })
            .collect_view()
    };
    let invite_csrf = csrf.clone();
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t.invite_title}</h2>
            <p class="hint">{t.invite_hint}</p>
            <ActionForm action=invite attr:class="account-form" attr:id="invite-create-form">
                {view! {
                    <input type="hidden" name="csrf" value=invite_csrf/>
                    <div class="field">
                        <label for="invite-email">{t.email_address}</label>
                        <input id="invite-email" name="email" type="email" required/>
                    </div>
                    <div class="field">
                        <label for="invite-role">{t.role}</label>
                        <select id="invite-role" name="role">{role_options(Role::Editor)}</select>
                    </div>
                    <div class="field">
                        <label for="invite-lang">{t.invite_language}</label>
                        <select id="invite-lang" name="lang">
                            {Locale::ALL.into_iter().map(|l| view! {
                                <option value=l.code() selected=l == locale()>{l.native_name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{t.invite_create}</button>
                }.erase()}
            </ActionForm>
            <div class="form-feedback" aria-live="polite">
                {move || match invite.value().get() {
                    Some(Ok(sent)) => {
                        #[cfg(feature = "hydrate")]
                        let link = format!("{}{}", window().location().origin().unwrap_or_default(), sent.path);
                        #[cfg(not(feature = "hydrate"))]
                        let link = sent.path;
                        let said = match &sent.mailed_to {
                            Some(to) => t.fill(t.invite_mailed, &[("email", to)]),
                            None => format!("{}:", t.invite_link),
                        };
                        view! {
                            <p class="form-ok" data-testid="invite-sent">{said}" "
                                <input class="invite-link" data-testid="invite-link" readonly value=link aria-label=t.invite_link/>
                            </p>
                        }.erase()
                    }
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                    None => ().erase(),
                }}
            </div>
        </section>

        <section class="card" aria-labelledby="accounts-title">
            <h2 id="accounts-title">{t.users_title}</h2>
            <div class="form-feedback" aria-live="polite">
                {move || match (set_role.value().get(), set_active.value().get()) {
                    (Some(Err(e)), _) | (_, Some(Err(e))) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }),
                    _ => None,
                }}
            </div>
            <div class="table-wrap">
            <table class="data-table" data-testid="accounts">
                <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.contact_email}</th><th scope="col">{t.role}</th><th scope="col">{t.status}</th></tr></thead>
                <tbody>
                    <Transition fallback=|| ()>
                        {
                            let csrf = csrf.clone();
                            let my_id = my_id.clone();
                            move || {
                                let csrf = csrf.clone();
                                let my_id = my_id.clone();
                                accounts.get().map(move |r| match r {
                                    Ok(list) => list.into_iter().map(|a: Account| {
                                        let own = a.id == my_id;
                                        let role_id = format!("role-{}", a.id);
                                        let role_label = t.fill(t.role_of, &[("email", &a.email)]);
                                        let (csrf1, csrf2) = (csrf.clone(), csrf.clone());
                                        let (id1, id2) = (a.id.clone(), a.id.clone());
                                        let options = role_options(a.role);
                                        let active = a.active;
                                        view! {
                                            <tr data-account=a.email.clone()>
                                                <td>{a.name.clone()}</td>
                                                <td>{a.email.clone()}</td>
                                                <td>
                                                    <ActionForm action=set_role attr:class="inline-form">
                                                        {view! {
                                                            <input type="hidden" name="csrf" value=csrf1/>
                                                            <input type="hidden" name="account" value=id1/>
                                                            <label class="sr-only" for=role_id.clone()>{role_label}</label>
                                                            <select id=role_id name="role" disabled=own>{options}</select>
                                                            <button type="submit" class="secondary" disabled=own>{t.change}</button>
                                                        }.erase()}
                                                    </ActionForm>
                                                </td>
                                                <td>
                                                    <ActionForm action=set_active attr:class="inline-form">
                                                        {view! {
                                                            <input type="hidden" name="csrf" value=csrf2/>
                                                            <input type="hidden" name="account" value=id2/>
                                                            <input type="hidden" name="active" value=(!active).to_string()/>
                                                            {if active { t.account_active } else { t.account_inactive }}" "
                                                            <button type="submit" class="secondary" disabled=own>
                                                                {if active { t.deactivate } else { t.activate }}
                                                            </button>
                                                        }.erase()}
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view().erase(),
                                    Err(e) => view! { <tr><td colspan="4" role="alert">{e.to_string()}</td></tr> }.erase(),
                                })
                            }
                        }
                    </Transition>
                </tbody>
            </table>
            </div>
        </section>

        <section class="card" aria-labelledby="audit-title">
            <h2 id="audit-title">{t.audit_title}</h2>
            <p class="hint">{t.audit_hint}</p>
            <div class="field">
                <label for="audit-account">{t.audit_filter}</label>
                <select id="audit-account" on:change=move |ev| audit_filter.set(event_target_value(&ev))>
                    <option value="">{t.all}</option>
                    {move || accounts.get().and_then(Result::ok).map(|list| list.into_iter()
                        .map(|a| view! { <option value=a.id>{a.email}</option> })
                        .collect_view())}
                </select>
            </div>
            <div class="table-wrap">
            <table class="data-table" data-testid="audit-log">
                <thead><tr><th scope="col">{t.col_time}</th><th scope="col">{t.col_who}</th><th scope="col">{t.col_what}</th><th scope="col">{t.col_target}</th><th scope="col">{t.col_details}</th></tr></thead>
                <tbody>
                    <Transition fallback=|| ()>
                        {move || audit.get().map(|r| match r {
                            Ok(events) => events.into_iter().map(|e| view! {
                                <tr data-action=e.action.clone()>
                                    <td>{crate::format::timestamp_ms(e.at)}</td>
                                    <td>{e.who}</td>
                                    <td>{t.audit_action(&e.action).to_string()}</td>
                                    <td>{e.target}</td>
                                    <td>{e.detail}</td>
                                </tr>
                            }).collect_view().erase(),
                            Err(e) => view! { <tr><td colspan="5" role="alert">{e.to_string()}</td></tr> }.erase(),
                        })}
                    </Transition>
                </tbody>
            </table>
            </div>
        </section>
    }
}
