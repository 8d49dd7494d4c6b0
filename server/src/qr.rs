//! QR codes (SVG) that open an area's tour event view on a phone: printed
//! on the area page and the event view, scanned at the meeting.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The address the code opens: this server as the browser reached it.
fn event_url(headers: &HeaderMap, code: &str) -> String {
    format!("{}/tour/{code}", app::url::origin_from_headers(headers))
}

/// `GET /api/v1/tour/{code}/qr.svg`
pub async fn tour_qr(Path(code): Path<String>, headers: HeaderMap) -> Response {
    if !app::model::AREA_CODES.contains(&code.as_str()) {
        return (StatusCode::NOT_FOUND, "no such area").into_response();
    }
    let url = event_url(&headers, &code);
    let Ok(qr) = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "QR code failed").into_response();
    };
    let image = qr
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        image,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_this_server_and_never_a_forged_host() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "ngo.example.fi".parse().unwrap());
        h.insert("x-forwarded-proto", "https".parse().unwrap());
        assert_eq!(event_url(&h, "PI"), "https://ngo.example.fi/tour/PI");
        h.insert(header::HOST, "evil.example/x?".parse().unwrap());
        assert_eq!(event_url(&h, "PI"), "https://localhost/tour/PI");
    }
}
