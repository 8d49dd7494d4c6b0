//! `/notifications`: mentions, and comments and changes on what the
//! signed-in person follows, one row per item, newest first; mark one or
//! all read.

use crate::any_view::Erase;
use crate::auth::context::{sign_in_href, use_auth};
use crate::format;
use crate::live::InboxPulse;
use crate::server_fns::inbox::{get_inbox, mark_read, Inbox, Notice};
use crate::text::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = t();
    let auth = use_auth();
    let version = RwSignal::new(0u64);
    let inbox = Resource::new(move || version.get(), |_| get_inbox());
    let problem = RwSignal::new(None::<String>);
    // Marks, then shows the list again.
    let send = move |item: Option<String>, seq: u64| {
        let csrf = auth.csrf();
        leptos::task::spawn_local(async move {
            match mark_read(item, seq, csrf).await {
                Ok(()) => {
                    problem.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    let pulse = use_context::<InboxPulse>();
    // ...and the bell asks again (after the mark is stored: its 1 s delay).
    let mark = move |item: Option<String>, seq: u64| {
        send(item, seq);
        if let Some(InboxPulse(p)) = pulse {
            p.update(|n| *n += 1);
        }
    };
    view! {
        <Title text=t.nav_notifications/>
        <article class="narrow-page notifications-page">
            <h1>{t.nav_notifications}</h1>
            <p class="intro">{t.notifications_intro}" "<a href="/activity">{t.notifications_all_activity}</a></p>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Err(_) => view! {
                            <p><a href=sign_in_href()>{t.notifications_sign_in}</a></p>
                        }.erase(),
                        Ok(inbox) => view! { <List inbox mark/> }.erase(),
                    }
                })}
            </Transition>
        </article>
    }
}

#[component]
fn List(
    inbox: Inbox,
    mark: impl Fn(Option<String>, u64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = t();
    if inbox.notices.is_empty() {
        return view! { <p data-testid="no-notices">{t.notifications_none}</p> }.erase();
    }
    let head = inbox.head;
    view! {
        <div class="notices-head">
            <p data-testid="unread-total">{t.fill(t.notifications_unread, &[("n", &inbox.unread.to_string())])}</p>
            {(inbox.unread > 0).then(|| view! {
                <button type="button" class="button secondary" on:click=move |_| mark(None, head)>
                    {t.notifications_mark_all}
                </button>
            })}
        </div>
        <ol class="notice-list">
            {inbox.notices.into_iter().map(|n| view! { <Row n mark/> }).collect_view()}
        </ol>
    }
    .erase()
}

#[component]
fn Row(
    n: Notice,
    mark: impl Fn(Option<String>, u64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = t();
    let g = n.group;
    let count =
        |template: &str, k: usize| (k > 0).then(|| t.fill(template, &[("n", &k.to_string())]));
    let counts: Vec<String> = [
        count(t.note_mentions, g.mentions),
        count(t.note_comments, g.comments),
        count(t.note_changes, g.changes),
    ]
    .into_iter()
    .flatten()
    .collect();
    let href = match &g.comment {
        Some(c) if !n.href.contains('?') => format!("{}#comment-{c}", n.href),
        _ => n.href.clone(),
    };
    let last = t.fill(
        t.note_last,
        &[("name", &g.by), ("time", &format::timestamp(&g.at))],
    );
    let (item, seq, unread) = (g.item.clone(), g.seq, g.unread);
    view! {
        <li class="notice-row" class:unread={unread > 0} data-testid="notice" data-item=g.item.clone()>
            <p class="notice-title">
                <a href=href>{n.title}</a>
                {(unread > 0).then(|| view! {
                    " " <span class="unread-badge">{t.fill(t.notifications_unread, &[("n", &unread.to_string())])}</span>
                })}
            </p>
            <p class="notice-meta">{counts.join(" · ")}" · "{last}</p>
            {(unread > 0).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| mark(Some(item.clone()), seq)>
                    {t.notifications_mark_read}
                </button>
            })}
        </li>
    }
}
