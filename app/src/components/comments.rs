//! A comment thread under a goal, an action, a visit or an area: the
//! comments (live, from the board's change log), a form to write one, and
//! each comment's own controls (its author edits and deletes it, an admin
//! hides it). Everyone signed in may comment, readers included: officials
//! and NGO staff with read-only roles are the people with questions.

use crate::any_view::Erase;
use crate::auth::context::{sign_in_href, use_auth, CsrfField};
use crate::components::roadmap::Board;
use crate::format;
use crate::live::{load_draft, save_draft};
use crate::roadmap::comment::{comments_on, linkify, Segment};
use crate::roadmap::field::{Field, MAX_COMMENT};
use crate::roadmap::inbox::complete_mention;
use crate::roadmap::{Item, ItemKind};
use crate::server_fns::roadmap::PostComment;
use crate::text::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde_json::Value;
use std::collections::BTreeMap;

/// One comment as the thread shows it (a plain value, so the list only
/// redraws the comments that changed).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Shown {
    id: String,
    by: String,
    at: String,
    body: String,
    edited: bool,
    hidden: bool,
    mine: bool,
    pending: bool,
}

impl Shown {
    fn of(item: &Item, account: &str, mine: &[String], pending: bool) -> Self {
        Shown {
            id: item.id.clone(),
            by: item.created.by.clone(),
            at: item.created.at.clone(),
            body: item.text(Field::Body).to_string(),
            edited: item.edited(),
            hidden: item.hidden(),
            mine: (!account.is_empty() && item.author == account)
                || mine.contains(&item.created.cid),
            pending,
        }
    }
}

/// What a comment's text looks like: its lines as text, its web
/// addresses as links (opening in a new tab, no referrer, `nofollow`).
#[component]
fn Body(text: String) -> impl IntoView {
    linkify(&text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(s) => s.to_string().erase(),
            Segment::Link(url) => view! {
                <a href=url.to_string() rel="nofollow noopener noreferrer" target="_blank">{url.to_string()}</a>
            }
            .erase(),
        })
        .collect_view()
}

#[component]
pub fn CommentThread(subject: String) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    let me = use_auth().me();
    let account = me.as_ref().map(|m| m.account.clone()).unwrap_or_default();
    let is_admin = me.as_ref().is_some_and(|m| m.role.can_admin());
    let signed_in = me.is_some();
    let dom = format!("comments-{subject}");
    let heading_id = format!("{dom}-heading");
    let list = {
        let subject = subject.clone();
        Memo::new(move |_| {
            let mine = board.sync.mine.get();
            board.sync.view.with(|s| {
                comments_on(s, &subject)
                    .into_iter()
                    .map(|c| Shown::of(c, &account, &mine, board.sync.is_pending(&c.id)))
                    .collect::<Vec<_>>()
            })
        })
    };
    let count = move || list.with(Vec::len);
    // One comment at a time is edited, or waits for its delete or hide
    // to be confirmed.
    let editing = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<(String, bool)>);
    let problem = RwSignal::new(None::<String>);
    let set = move |id: &str, field: Field, value: Value| {
        let result = board
            .sync
            .set(id, BTreeMap::from([(field.name().to_string(), value)]));
        problem.set(result.err());
    };
    let row = move |c: Shown| {
        let id = c.id.clone();
        let (edit_id, del_id, hide_id, save_id) = (id.clone(), id.clone(), id.clone(), id.clone());
        let is_editing = {
            let id = StoredValue::new(id.clone());
            move || editing.with(|e| id.with_value(|id| e.as_deref() == Some(id.as_str())))
        };
        let confirm_of = {
            let id = id.clone();
            move || {
                confirming
                    .get()
                    .filter(|(c, _)| *c == id)
                    .map(|(_, hide)| hide)
            }
        };
        let edit_box = format!("comment-edit-{id}");
        let body = c.body.clone();
        let closed = c.hidden;
        let content = move || {
            if closed {
                view! { <p class="comment-removed">{t.comment_hidden}</p> }.erase()
            } else if is_editing() {
                let save_id = save_id.clone();
                let text = RwSignal::new(body.clone());
                view! {
                    <div class="field">
                        <label for=edit_box.clone() class="sr-only">{t.field_body}</label>
                        <textarea id=edit_box.clone() rows="3" maxlength=MAX_COMMENT.to_string()
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="comment-actions">
                        <button type="button" class="button" on:click=move |_| {
                            set(&save_id, Field::Body, Value::from(text.get_untracked()));
                            if problem.get_untracked().is_none() {
                                editing.set(None);
                            }
                        }>{t.comment_save}</button>
                        <button type="button" class="button secondary"
                            on:click=move |_| editing.set(None)>{t.comment_cancel}</button>
                    </div>
                }
                .erase()
            } else {
                view! { <p class="comment-body" data-testid="comment-body"><Body text=body.clone()/></p> }
                    .erase()
            }
        };
        let controls = move || {
            if closed || is_editing() {
                return ().erase();
            }
            if let Some(hide) = confirm_of() {
                let (del_id, hide_id) = (del_id.clone(), hide_id.clone());
                return view! {
                    <p class="comment-confirm" role="alert">
                        {if hide { t.comment_hide_confirm } else { t.comment_delete_confirm }}" "
                        <button type="button" class="button danger" on:click=move |_| {
                            confirming.set(None);
                            if hide {
                                set(&hide_id, Field::Hidden, Value::Bool(true));
                            } else {
                                set(&del_id, Field::Deleted, Value::Bool(true));
                            }
                        }>{t.comment_confirm}</button>" "
                        <button type="button" class="button secondary"
                            on:click=move |_| confirming.set(None)>{t.comment_cancel}</button>
                    </p>
                }
                .erase();
            }
            let (edit_id, del_id, hide_id) = (edit_id.clone(), del_id.clone(), hide_id.clone());
            view! {
                <div class="comment-actions">
                    {c.mine.then(|| view! {
                        <button type="button" class="link-button"
                            on:click=move |_| editing.set(Some(edit_id.clone()))>{t.comment_edit}</button>
                        <button type="button" class="link-button"
                            on:click=move |_| confirming.set(Some((del_id.clone(), false)))>{t.comment_delete}</button>
                    })}
                    {is_admin.then(|| view! {
                        <button type="button" class="link-button"
                            on:click=move |_| confirming.set(Some((hide_id.clone(), true)))>{t.comment_hide}</button>
                    })}
                </div>
            }
            .erase()
        };
        view! {
            <li class="comment" id=format!("comment-{id}") data-testid="comment">
                <p class="comment-meta">
                    <strong class="comment-author">{c.by.clone()}</strong>" "
                    <time datetime=c.at.clone()>{(!c.at.is_empty()).then(|| format::timestamp(&c.at))}</time>
                    {c.edited.then(|| view! { " " <span class="comment-edited">"("{t.comment_edited}")"</span> })}
                    {c.pending.then(|| view! { " " <span class="pending-mark">{t.comment_pending}</span> })}
                </p>
                {content}
                {controls}
            </li>
        }
    };
    view! {
        <section class="card comments" aria-labelledby=heading_id.clone() data-testid="comments">
            <h2 id=heading_id.clone()>
                {t.comments_heading}" "
                <span class="count" data-testid="comment-count">"("{count}")"</span>
            </h2>
            {move || (count() == 0).then(|| view! { <p class="hint">{t.comments_none}</p> })}
            <ol class="comment-list">
                <For each=move || list.get() key=|c| c.clone() children=row/>
            </ol>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            {if signed_in {
                view! { <CommentForm subject dom/> }.erase()
            } else {
                view! { <p class="edit-denied"><a href=sign_in_href()>{t.comment_sign_in}</a></p> }.erase()
            }}
        </section>
    }
}

/// Writing a new comment. What is typed is kept as a draft in the
/// browser until it is sent, and the field is never redrawn by the live
/// thread above it.
#[component]
fn CommentForm(subject: String, dom: String) -> impl IntoView {
    let t = t();
    let board = expect_context::<Board>();
    // Without JavaScript the browser posts the form to `post_comment` and
    // comes back; a refusal comes back in the address, read here.
    let posted = ServerAction::<PostComment>::new();
    let refused = move || {
        posted.value().with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err().map(|e| e.to_string()))
        })
    };
    let subject_field = subject.clone();
    let draft_key = format!("comment-draft.{subject}");
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    {
        // After hydration only, so the server's HTML and the first
        // render agree.
        let key = draft_key.clone();
        Effect::new(move |_| text.set(load_draft(&key)));
    }
    let field_id = format!("{dom}-new");
    let hint_id = format!("{dom}-hint");
    let chars = move || {
        t.fill(
            t.comment_chars,
            &[
                ("n", &text.with(|s| s.chars().count()).to_string()),
                ("max", &MAX_COMMENT.to_string()),
            ],
        )
    };
    let input_key = draft_key.clone();
    let key_draft = StoredValue::new(draft_key.clone());
    let mention = Mention::new(field_id.clone());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked();
        let fields = BTreeMap::from([
            (
                Field::Subject.name().to_string(),
                Value::from(subject.clone()),
            ),
            (Field::Body.name().to_string(), Value::from(body)),
        ]);
        match board.sync.create(ItemKind::Comment, fields) {
            Ok(_) => {
                problem.set(None);
                text.set(String::new());
                save_draft(&draft_key, "");
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    view! {
        <form class="comment-form" action=PostComment::url() method="post" on:submit=send>
            <input type="hidden" name="subject" value=subject_field/>
            <CsrfField/>
            <div class="field">
                <label for=field_id.clone()>{t.comment_label}</label>
                <textarea id=field_id.clone() name="body" rows="3" maxlength=MAX_COMMENT.to_string() required
                    aria-describedby=format!("{hint_id} {field_id}-mention-status") data-testid="comment-input"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        save_draft(&input_key, &value);
                        text.set(value);
                        mention.look(text);
                    }
                    on:keydown=move |ev| {
                        if let Some(name) = mention.key(&ev) {
                            mention.choose(text, &name);
                            save_draft(&key_draft.get_value(), &text.get_untracked());
                        }
                    }
                    on:blur=move |_| mention.close()></textarea>
                <MentionList mention text draft=key_draft/>
                <p class="hint" id=hint_id>
                    {t.fill(t.comment_hint, &[("max", &MAX_COMMENT.to_string())])}" "
                    <span data-testid="comment-chars">{chars}</span>
                </p>
            </div>
            {move || problem.get().or_else(refused).map(|p| view! { <p class="form-error" role="alert" data-testid="comment-problem">{p}</p> })}
            <button type="submit" class="button">{t.comment_send}</button>
        </form>
    }
}

/// The @mention completion of one text field: the names that fit what is
/// being typed after an `@`, the one chosen with the arrow keys, and where
/// the mention starts. The list is announced through a live region (a
/// `textarea` cannot be a combobox), and Enter or Tab puts the name in.
#[derive(Clone, Copy)]
struct Mention {
    field: StoredValue<String>,
    names: RwSignal<Vec<String>>,
    active: RwSignal<usize>,
    /// Byte indexes of the `@` and of the caret when the names were asked.
    span: StoredValue<Option<(usize, usize)>>,
    /// Which question the newest answer must be for (browser only).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    asked: StoredValue<u64>,
}

impl Mention {
    fn new(field: String) -> Self {
        Mention {
            field: StoredValue::new(field),
            names: RwSignal::new(vec![]),
            active: RwSignal::new(0),
            span: StoredValue::new(None),
            asked: StoredValue::new(0),
        }
    }

    fn close(&self) {
        self.names.set(vec![]);
        self.span.set_value(None);
    }

    /// The caret's byte index in `text` (the browser counts UTF-16 units).
    #[cfg(feature = "hydrate")]
    fn caret(&self, text: &str) -> Option<usize> {
        use wasm_bindgen::JsCast;
        let el = document()
            .get_element_by_id(&self.field.get_value())?
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .ok()?;
        let units = el.selection_start().ok()?? as usize;
        let mut seen = 0;
        for (i, c) in text.char_indices() {
            if seen >= units {
                return Some(i);
            }
            seen += c.len_utf16();
        }
        Some(text.len())
    }

    /// After an input: ask for the names that fit the mention at the
    /// caret, if one is being typed.
    fn look(&self, text: RwSignal<String>) {
        #[cfg(feature = "hydrate")]
        {
            let value = text.get_untracked();
            let found = self.caret(&value).and_then(|c| {
                crate::roadmap::inbox::mention_token(&value, c)
                    .map(|(at, token)| (at, c, token.to_string()))
            });
            let Some((at, caret, token)) = found.filter(|(_, _, token)| !token.is_empty()) else {
                self.close();
                return;
            };
            let this = *self;
            let asked = self.asked.get_value() + 1;
            self.asked.set_value(asked);
            leptos::task::spawn_local(async move {
                let names = crate::server_fns::inbox::mention_names(token)
                    .await
                    .unwrap_or_default();
                // Only the answer to the newest question counts.
                if this.asked.get_value() == asked {
                    this.span.set_value(Some((at, caret)));
                    this.active.set(0);
                    this.names.set(names);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = text;
    }

    /// A key in the field while names are offered: moves the choice,
    /// closes the list, or returns the name to put in.
    fn key(&self, ev: &leptos::ev::KeyboardEvent) -> Option<String> {
        let n = self.names.with_untracked(Vec::len);
        if n == 0 {
            return None;
        }
        match ev.key().as_str() {
            "ArrowDown" => self.active.update(|a| *a = (*a + 1) % n),
            "ArrowUp" => self.active.update(|a| *a = (*a + n - 1) % n),
            "Escape" => self.close(),
            "Enter" | "Tab" => {
                ev.prevent_default();
                ev.stop_propagation();
                return self
                    .names
                    .with_untracked(|v| v.get(self.active.get_untracked()).cloned());
            }
            _ => return None,
        }
        // Keep the caret in place and the editor panel open.
        ev.prevent_default();
        ev.stop_propagation();
        None
    }

    /// Puts `@name ` in place of the mention being typed.
    fn choose(&self, text: RwSignal<String>, name: &str) {
        let Some((at, caret)) = self.span.get_value() else {
            return;
        };
        let (new, caret) = complete_mention(&text.get_untracked(), at, caret, name);
        text.set(new.clone());
        self.close();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(el) = document()
                .get_element_by_id(&self.field.get_value())
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                el.set_value(&new);
                let units = new[..caret].encode_utf16().count() as u32;
                let _ = el.set_selection_range(units, units);
                let _ = el.focus();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = caret;
    }
}

/// The names offered, under the field; clicking one puts it in.
#[component]
fn MentionList(
    mention: Mention,
    text: RwSignal<String>,
    draft: StoredValue<String>,
) -> impl IntoView {
    let t = t();
    let list_id = format!("{}-mentions", mention.field.get_value());
    let status_id = format!("{}-mention-status", mention.field.get_value());
    let status = move || {
        mention.names.with(|names| {
            names.get(mention.active.get()).map(|name| {
                t.fill(
                    t.mention_status,
                    &[
                        ("name", name),
                        ("i", &(mention.active.get() + 1).to_string()),
                        ("n", &names.len().to_string()),
                    ],
                )
            })
        })
    };
    view! {
        <ul id=list_id class="mention-list" data-testid="mention-list"
            hidden=move || mention.names.with(Vec::is_empty)>
            {move || mention.names.get().into_iter().enumerate().map(|(i, name)| {
                let chosen = name.clone();
                view! {
                    <li class:active=move || mention.active.get() == i data-testid="mention-option"
                        on:mousedown=move |ev| {
                            // Before the field's blur closes the list.
                            ev.prevent_default();
                            mention.choose(text, &chosen);
                            save_draft(&draft.get_value(), &text.get_untracked());
                        }>
                        "@"{name}
                    </li>
                }
            }).collect_view()}
        </ul>
        <p id=status_id class="sr-only" aria-live="polite">{status}</p>
    }
}
