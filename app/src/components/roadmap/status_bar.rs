//! Connection, unsent changes, who is here, the editor's name, undo/redo;
//! and notices (refused changes, overwritten versions with a restore).

use super::Board;
use crate::live::Status;
use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn StatusBar() -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    let sync = board.sync;
    let status = move || match sync.status.get() {
        Status::Online => ("online", t.sync_online),
        Status::Connecting => ("connecting", t.sync_connecting),
        Status::Offline => ("offline", t.sync_offline),
    };
    let pending = move || sync.pending.with(|p| p.len());
    let peers = move || {
        let me = sync.session.get();
        let page = crate::live::current_page();
        sync.peers
            .get()
            .into_iter()
            // Those on this page (a client that does not say is everywhere).
            .filter(|p| p.page.is_empty() || p.page == page)
            .map(|p| {
                let name = if p.name.is_empty() {
                    t.guest.to_string()
                } else {
                    p.name
                };
                if p.session == me {
                    t.fill(t.you, &[("name", &name)])
                } else {
                    name
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="sync-bar" aria-label=t.sync_bar>
            <p class="sync-status" data-testid="sync-status" data-status=move || status().0 role="status">
                <span class="dot" aria-hidden="true"></span>{move || status().1}
            </p>
            <p class="pending-count" data-testid="pending-count" data-count=pending>
                {move || match pending() {
                    0 => t.all_saved.to_string(),
                    1 => t.one_pending.to_string(),
                    n => t.fill(t.n_pending, &[("n", &n.to_string())]),
                }}
            </p>
            <p class="presence" data-testid="presence">
                <span class="label">{t.present_now}" "</span>
                {move || {
                    let list = peers();
                    let more = sync.more_here.get();
                    let more = (more > 0).then(|| t.fill(t.n_more_here, &[("n", &more.to_string())]));
                    match (list.is_empty(), more) {
                        (true, None) => "–".to_string(),
                        (true, Some(more)) => more,
                        (false, None) => list.join(", "),
                        (false, Some(more)) => format!("{} {more}", list.join(", ")),
                    }
                }}
            </p>
            <div class="sync-tools">
                <div class="undo-redo">
                    <button type="button" data-testid="undo" prop:disabled=move || sync.undo.with(|u| u.is_empty())
                        on:click=move |_| sync.undo() aria-keyshortcuts="Control+Z">{t.undo}</button>
                    <button type="button" data-testid="redo" prop:disabled=move || sync.redo.with(|r| r.is_empty())
                        on:click=move |_| sync.redo() aria-keyshortcuts="Control+Shift+Z">{t.redo}</button>
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn Notices() -> impl IntoView {
    let board = expect_context::<Board>();
    let t = t();
    let sync = board.sync;
    view! {
        <div class="notices" role="status" aria-live="polite" data-testid="notices">
            {move || {
                sync.notices
                    .get()
                    .into_iter()
                    .map(|n| {
                        let id = n.id;
                        let restore = n.restore.clone().map(|(item, field, value)| {
                            view! {
                                <button type="button" data-testid="restore-mine" on:click=move |_| {
                                    let result = sync.restore(&item, &field, value.clone());
                                    board.problem.set(result.err());
                                    sync.dismiss(id);
                                }>{t.restore_mine}</button>
                            }
                        });
                        view! {
                            <p class="notice">
                                {n.text}" "{restore}
                                <button type="button" class="link-button" on:click=move |_| sync.dismiss(id)>{t.close}</button>
                            </p>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
