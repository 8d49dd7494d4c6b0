//! `/admin`: accounts (invite, change role, deactivate) and the audit log.
//! The server checks the admin role on every call; the page only hides
//! what others could not use.

use crate::account_api::{audit_log, list_accounts, Invite, SetActive, SetRole};
use crate::api::error_message;
use crate::auth::context::use_auth;
use crate::auth::{Account, Role};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="Ylläpito"/>
        <article class="admin-page">
            <h1>"Ylläpito"</h1>
            <Transition fallback=|| ()>
                {move || {
                    if auth.can_admin() {
                        view! { <AdminTools/> }.into_any()
                    } else {
                        view! {
                            <p role="alert">
                                "Tämä sivu on vain ylläpitäjille. "
                                <a href="/sign-in?next=%2Fadmin">"Kirjaudu sisään"</a>
                            </p>
                        }.into_any()
                    }
                }}
            </Transition>
        </article>
    }
}

#[component]
fn AdminTools() -> impl IntoView {
    let auth = use_auth();
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
            .map(|r| view! { <option value=r.key() selected=r == current>{r.title_fi()}</option> })
            .collect_view()
    };
    let invite_csrf = csrf.clone();
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">"Kutsu uusi käyttäjä"</h2>
            <p class="hint">"Kutsulinkki toimii kerran ja vanhenee 7 vuorokaudessa. Lähetä se kutsuttavalle itse."</p>
            <ActionForm action=invite attr:class="account-form" attr:id="invite-create-form">
                <input type="hidden" name="csrf" value=invite_csrf/>
                <div class="field">
                    <label for="invite-email">"Sähköpostiosoite"</label>
                    <input id="invite-email" name="email" type="email" required/>
                </div>
                <div class="field">
                    <label for="invite-role">"Rooli"</label>
                    <select id="invite-role" name="role">{role_options(Role::Editor)}</select>
                </div>
                <button type="submit">"Luo kutsulinkki"</button>
            </ActionForm>
            <div class="form-feedback" aria-live="polite">
                {move || match invite.value().get() {
                    Some(Ok(path)) => {
                        #[cfg(feature = "hydrate")]
                        let link = format!("{}{path}", window().location().origin().unwrap_or_default());
                        #[cfg(not(feature = "hydrate"))]
                        let link = path;
                        view! {
                            <p class="form-ok">"Kutsulinkki: "
                                <input class="invite-link" data-testid="invite-link" readonly value=link aria-label="Kutsulinkki"/>
                            </p>
                        }.into_any()
                    }
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{error_message(&e)}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>

        <section class="card" aria-labelledby="accounts-title">
            <h2 id="accounts-title">"Käyttäjät"</h2>
            <div class="form-feedback" aria-live="polite">
                {move || match (set_role.value().get(), set_active.value().get()) {
                    (Some(Err(e)), _) | (_, Some(Err(e))) => Some(view! { <p class="form-error" role="alert">{error_message(&e)}</p> }),
                    _ => None,
                }}
            </div>
            <div class="table-wrap">
            <table class="data-table" data-testid="accounts">
                <thead><tr><th scope="col">"Nimi"</th><th scope="col">"Sähköposti"</th><th scope="col">"Rooli"</th><th scope="col">"Tila"</th></tr></thead>
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
                                        let role_label = format!("Rooli: {}", a.email);
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
                                                        <input type="hidden" name="csrf" value=csrf1/>
                                                        <input type="hidden" name="account" value=id1/>
                                                        <label class="sr-only" for=role_id.clone()>{role_label}</label>
                                                        <select id=role_id name="role" disabled=own>{options}</select>
                                                        <button type="submit" class="secondary" disabled=own>"Vaihda"</button>
                                                    </ActionForm>
                                                </td>
                                                <td>
                                                    <ActionForm action=set_active attr:class="inline-form">
                                                        <input type="hidden" name="csrf" value=csrf2/>
                                                        <input type="hidden" name="account" value=id2/>
                                                        <input type="hidden" name="active" value=(!active).to_string()/>
                                                        {if active { "Käytössä " } else { "Poistettu käytöstä " }}
                                                        <button type="submit" class="secondary" disabled=own>
                                                            {if active { "Poista käytöstä" } else { "Ota käyttöön" }}
                                                        </button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view().into_any(),
                                    Err(e) => view! { <tr><td colspan="4" role="alert">{error_message(&e)}</td></tr> }.into_any(),
                                })
                            }
                        }
                    </Transition>
                </tbody>
            </table>
            </div>
        </section>

        <section class="card" aria-labelledby="audit-title">
            <h2 id="audit-title">"Tapahtumaloki"</h2>
            <p class="hint">"Uusimmat 300 tapahtumaa: kirjautumiset, tilien muutokset, kyselyjen tuonnit ja jokainen alueiden ja tiekartan muutos tekijöineen."</p>
            <div class="field">
                <label for="audit-account">"Näytä vain käyttäjän tapahtumat"</label>
                <select id="audit-account" on:change=move |ev| audit_filter.set(event_target_value(&ev))>
                    <option value="">"Kaikki"</option>
                    {move || accounts.get().and_then(Result::ok).map(|list| list.into_iter()
                        .map(|a| view! { <option value=a.id>{a.email}</option> })
                        .collect_view())}
                </select>
            </div>
            <div class="table-wrap">
            <table class="data-table" data-testid="audit-log">
                <thead><tr><th scope="col">"Aika"</th><th scope="col">"Kuka"</th><th scope="col">"Mitä"</th><th scope="col">"Kohde"</th><th scope="col">"Lisätiedot"</th></tr></thead>
                <tbody>
                    <Transition fallback=|| ()>
                        {move || audit.get().map(|r| match r {
                            Ok(events) => events.into_iter().map(|e| view! {
                                <tr data-action=e.action.clone()>
                                    <td>{crate::format::timestamp_ms(e.at)}</td>
                                    <td>{e.who}</td>
                                    <td>{action_title(&e.action).to_string()}</td>
                                    <td>{e.target}</td>
                                    <td>{e.detail}</td>
                                </tr>
                            }).collect_view().into_any(),
                            Err(e) => view! { <tr><td colspan="5" role="alert">{error_message(&e)}</td></tr> }.into_any(),
                        })}
                    </Transition>
                </tbody>
            </table>
            </div>
        </section>
    }
}

fn action_title(action: &str) -> &str {
    match action {
        "sign_in" => "Kirjautui sisään",
        "sign_in_failed" => "Epäonnistunut kirjautuminen",
        "sign_out" => "Kirjautui ulos",
        "password_changed" => "Vaihtoi salasanan",
        "account_created" => "Tili luotu",
        "invited" => "Kutsui käyttäjän",
        "invitation_accepted" => "Otti kutsun vastaan",
        "role_changed" => "Vaihtoi roolin",
        "deactivated" => "Poisti tilin käytöstä",
        "reactivated" => "Otti tilin käyttöön",
        "survey_imported" => "Toi kyselyn",
        "area_edit" => "Muokkasi aluetta",
        "roadmap_change" => "Muokkasi tiekarttaa",
        other => other,
    }
}
