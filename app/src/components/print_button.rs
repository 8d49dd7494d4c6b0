//! "Print or save as PDF": the browser's own print dialog, whose "Save as
//! PDF" gives the document the print stylesheet lays out (style/main.css,
//! `@media print`). The PDF is made by the browser on purpose: no server
//! crate lays this HTML out as well, and the browser's copy keeps the
//! user's fonts and paper size.

use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn PrintButton() -> impl IntoView {
    let t = t();
    view! {
        <button type="button" class="link-button print-button" data-testid="print" on:click=move |_| {
            #[cfg(feature = "hydrate")]
            let _ = window().print();
        }>{t.print}</button>
    }
}
