//! The "embed" button of the map and of each survey question: the
//! `<iframe>` code for another site, with this server's address and the
//! page's language (see `pages/embed_pages.rs`).

use crate::text::t;
use leptos::prelude::*;

/// The `<iframe>` code to copy, in a disclosure.
#[component]
pub fn EmbedCode(
    /// The embed page's path and query, e.g. `/embed/map?indicator=hyte`.
    path: Signal<String>,
    /// The frame's height in pixels.
    height: u32,
) -> impl IntoView {
    let t = t();
    let origin = crate::url::request_origin();
    // One per question on a survey page: ids from the path keep them apart.
    let field_id = format!(
        "embed-{}",
        path.get_untracked()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
    let code = Signal::derive(move || {
        let lang = crate::i18n::locale().code();
        let sep = if path.get().contains('?') { '&' } else { '?' };
        format!(
            "<iframe src=\"{origin}{}{sep}lang={lang}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>",
            path.get(),
            t.site_name
        )
    });
    view! {
        <details class="embed-code">
            <summary>{t.embed_button}</summary>
            <label for=field_id.clone()>{t.embed_code_label}</label>
            <textarea id=field_id readonly rows="4" data-testid="embed-code" prop:value=code>{code}</textarea>
        </details>
    }
}
