//! The signed-in user in the pages: loaded once per page load (the page
//! reloads after signing in or out, so the live connection and every
//! form start from the new session).

use super::Me;
use crate::any_view::Erase;
use crate::server_fns::accounts::current_user;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Auth {
    me: Resource<Result<Option<Me>, crate::error::AppError>>,
}

impl Auth {
    /// Called once, by the app.
    pub fn provide() -> Self {
        let auth = Auth {
            me: Resource::new(|| (), |_| current_user()),
        };
        provide_context(auth);
        auth
    }

    /// The user, when known and signed in: the value a page has already
    /// awaited ([`Known`]), else the resource (tracked: read it inside a
    /// Suspense or Transition).
    pub fn me(self) -> Option<Me> {
        if let Some(Known(me)) = use_context::<Known>() {
            return me;
        }
        self.me.get().and_then(Result::ok).flatten()
    }

    /// Waits for the user (for use inside `Suspend`).
    pub async fn load(self) -> Option<Me> {
        self.me.await.ok().flatten()
    }

    pub fn can_edit(self) -> bool {
        self.me().is_some_and(|m| m.role.can_edit())
    }

    pub fn can_admin(self) -> bool {
        self.me().is_some_and(|m| m.role.can_admin())
    }

    /// The anti-forgery token writes send back (empty when signed out).
    pub fn csrf(self) -> String {
        self.me
            .get_untracked()
            .and_then(Result::ok)
            .flatten()
            .map(|m| m.csrf)
            .unwrap_or_default()
    }
}

/// The user as a page awaited it before rendering its parts: provided by
/// that page, so its parts render the same on the server and while
/// hydrating (no resource read outside a Suspense).
#[derive(Clone, Debug)]
pub struct Known(pub Option<Me>);

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Where the sign-in link sends the user back to.
pub fn sign_in_href() -> String {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    format!("/sign-in?next={}", crate::url::url_encode(&path))
}

/// The hidden field that carries the token in forms. An attribute, not a
/// `prop:`: the server renders attributes only, and the field is there
/// for the browser that posts the form without JavaScript (a hidden
/// input's value is its attribute anyway).
#[component]
pub fn CsrfField() -> impl IntoView {
    let auth = use_auth();
    view! { <input type="hidden" name="csrf" value=move || auth.me().map(|m| m.csrf).unwrap_or_default()/> }
}

/// Shown instead of the edit forms to those who may not edit: why, and
/// where to sign in.
#[component]
pub fn EditNote() -> impl IntoView {
    let auth = use_auth();
    let t = crate::text::t();
    move || {
        if auth.can_edit() {
            ().erase()
        } else if auth.me().is_some() {
            view! { <p class="edit-denied">{t.edit_denied}</p> }.erase()
        } else {
            view! {
                <p class="edit-denied">
                    <a href=sign_in_href()>{t.sign_in}</a>
                    {t.edit_sign_in_suffix}
                </p>
            }
            .erase()
        }
    }
}
