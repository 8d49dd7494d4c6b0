//! The header's menu. On a phone the header is one row: the site's name
//! and a "Menu" button that opens the navigation, search, account and
//! languages below it. On a wide screen (where the browser can style a
//! `<details>` element's content, `::details-content`) the same elements
//! stand in the row and the button is hidden; an older browser keeps the
//! button there too, which still works.
//!
//! A native `<details>`: it opens and closes, by keyboard and for screen
//! readers (a button with its expanded state), before the WebAssembly has
//! arrived and without JavaScript. Once hydrated, Escape closes it, and
//! following one of its links closes it (the header stays on the page).

use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn SiteMenu<C: IntoView + 'static>(children: TypedChildren<C>) -> impl IntoView {
    let t = t();
    let menu = NodeRef::<leptos::html::Details>::new();
    let button = NodeRef::<leptos::html::Summary>::new();
    // Whether the menu is a button here (a phone), not the header's row.
    let folded = move || {
        button
            .get_untracked()
            .is_some_and(|b| b.offset_parent().is_some())
    };
    let close = move |focus_button: bool| {
        let Some(menu) = menu.get_untracked() else {
            return;
        };
        if folded() && menu.has_attribute("open") {
            let _ = menu.remove_attribute("open");
            if focus_button {
                if let Some(button) = button.get_untracked() {
                    let _ = button.focus();
                }
            }
        }
    };
    let location = use_location();
    Effect::new(move |before: Option<String>| {
        let path = location.pathname.get();
        match before {
            // Where the row shows it all, the menu is open for assistive
            // technology too (the style shows it either way).
            None if !folded() => {
                if let Some(menu) = menu.get_untracked() {
                    let _ = menu.set_attribute("open", "");
                }
            }
            // Not on the first run: a menu opened while the page hydrated
            // stays open.
            Some(before) if before != path => close(false),
            _ => {}
        }
        path
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close(true);
        }
    };
    view! {
        <details class="site-menu" node_ref=menu on:keydown=on_keydown data-testid="site-menu">
            <summary class="menu-button" node_ref=button>
                <span class="menu-icon" aria-hidden="true"></span>
                <span class="menu-label">{t.menu}</span>
            </summary>
            <div class="site-menu-body">{children.into_inner()()}</div>
        </details>
    }
}
