//! The header's bell (unread notifications, live where the page holds a
//! sync connection) and the follow button of areas, visits, themes, goals
//! and actions.

use crate::any_view::Erase;
use crate::auth::context::use_auth;
use crate::live::InboxPulse;
use crate::server_fns::inbox::{set_follow, unread_notifications};
use crate::text::t;
use leptos::prelude::*;

/// Asks for the unread count again at most once a second after the page's
/// live connection brought someone else's change (`InboxPulse`).
fn refetch_on_pulse() -> RwSignal<u64> {
    let fetch = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    if let Some(InboxPulse(pulse)) = use_context::<InboxPulse>() {
        let scheduled = StoredValue::new(false);
        Effect::new(move |first: Option<()>| {
            pulse.track();
            if first.is_none() || scheduled.get_value() {
                return;
            }
            scheduled.set_value(true);
            gloo_timers::callback::Timeout::new(1_000, move || {
                scheduled.set_value(false);
                fetch.update(|n| *n += 1);
            })
            .forget();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = use_context::<InboxPulse>();
    fetch
}

/// The bell: a link to `/notifications` with the unread count, for
/// someone signed in.
#[component]
pub fn Bell() -> impl IntoView {
    let t = t();
    let auth = use_auth();
    let fetch = refetch_on_pulse();
    // 0 for someone not signed in (the server function says so), so the
    // source is the same on the server and while hydrating.
    let count = Resource::new(
        move || fetch.get(),
        |_| async move { unread_notifications().await.unwrap_or(0) },
    );
    view! {
        <Transition fallback=|| ()>
            {move || {
                auth.me()?;
                let n = count.get().unwrap_or(0);
                Some(view! {
                    <a href="/notifications" class="bell" data-testid="bell" data-count=n.to_string()
                        aria-label=t.fill(t.bell_label, &[("n", &n.to_string())])>
                        <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
                            <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
                        </svg>
                        <span class="bell-count" aria-hidden="true" hidden={n == 0}>{n}</span>
                    </a>
                })
            }}
        </Transition>
    }
}

/// What the signed-in person follows, as the page loaded it
/// ([`crate::components::roadmap::BoardData`]; `Board` provides it); None
/// for someone not signed in.
#[derive(Clone, Copy)]
pub struct FollowedKeys(pub StoredValue<Option<Vec<String>>>);

/// Follow or stop following `key` (an item id or `theme:<key>`); nothing
/// for someone not signed in.
#[component]
pub fn FollowButton(key: String) -> impl IntoView {
    let t = t();
    let auth = use_auth();
    let Some(FollowedKeys(keys)) = use_context::<FollowedKeys>() else {
        return ().erase();
    };
    let Some(initially) = keys.with_value(|k| k.as_ref().map(|k| k.contains(&key))) else {
        return ().erase();
    };
    let chosen = RwSignal::new(initially);
    let problem = RwSignal::new(None::<String>);
    let key = StoredValue::new(key);
    let toggle = move || {
        let csrf = auth.csrf();
        let following = chosen.get_untracked();
        leptos::task::spawn_local(async move {
            match set_follow(key.get_value(), !following, csrf).await {
                Ok(now) => {
                    problem.set(None);
                    chosen.set(now);
                    // A panel opened again later starts from this choice.
                    keys.update_value(|k| {
                        if let Some(k) = k {
                            k.retain(|x| *x != key.get_value());
                            if now {
                                k.push(key.get_value());
                            }
                        }
                    });
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="follow" data-testid="follow" data-following=move || chosen.get().to_string()>
            <button type="button" class="follow-button" on:click=move |_| toggle()>
                {move || if chosen.get() { t.unfollow } else { t.follow }}
            </button>
            <p class="hint" role="status">{move || chosen.get().then_some(t.following_now)}</p>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
        </div>
    }
    .erase()
}
