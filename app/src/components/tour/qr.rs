//! A QR code that opens an area's event view on a phone.

use crate::text::t;
use leptos::prelude::*;

#[component]
pub fn QrCode(code: String) -> impl IntoView {
    view! {
        <figure class="qr">
            <img src=format!("/api/v1/tour/{code}/qr.svg") width="120" height="120" loading="lazy"
                alt=t().fill(t().qr_alt, &[("code", &code)])/>
            <figcaption>{t().qr_caption}</figcaption>
        </figure>
    }
}
