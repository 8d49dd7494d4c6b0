//! A QR code that opens an area's event view on a phone.

use leptos::prelude::*;

#[component]
pub fn QrCode(code: String) -> impl IntoView {
    view! {
        <figure class="qr">
            <img src=format!("/api/v1/tour/{code}/qr.svg") width="120" height="120" loading="lazy"
                alt=format!("QR-koodi: avaa vierailun tapahtumanäkymä puhelimella (/tour/{code})")/>
            <figcaption>"Skannaa puhelimella"</figcaption>
        </figure>
    }
}
