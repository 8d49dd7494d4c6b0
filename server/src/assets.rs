//! Headers of the build's static assets (`/pkg`: the wasm, its JS and the
//! CSS; `/vendor`: ECharts). Files are served by leptos_axum's fallback,
//! which sends a precompressed `<file>.br` or `<file>.gz` when one exists
//! and the browser accepts it; a release build writes those once
//! (`scripts/precompress.mjs`), so no request pays for compressing
//! megabytes. Without them (a debug build) the router's compression layer
//! gzips per request.

use axum::http::header;

/// Whether `path` is one of cargo-leptos's content-hashed assets
/// (`/pkg/<name>.<hash>.<ext>`): its content never changes under that name.
pub fn is_hashed_asset(path: &str) -> bool {
    let Some(file) = path.strip_prefix("/pkg/") else {
        return false;
    };
    let parts: Vec<&str> = file.split('.').collect();
    !file.contains('/')
        && parts.len() == 3
        && parts[1].len() >= 16
        && parts[1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn is_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/vendor/")
}

/// Middleware: hashed assets may be kept by browsers for a year, and
/// every asset says that its bytes depend on `Accept-Encoding` (a
/// precompressed file is answered with `Content-Encoding` already set, and
/// the compression layer adds `Vary` only to what it compresses itself).
pub async fn asset_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    let hashed = is_hashed_asset(path);
    let asset = is_asset(path);
    let mut response = next.run(request).await;
    if !response.status().is_success() {
        return response;
    }
    let headers = response.headers_mut();
    if hashed {
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    let varies = headers
        .get_all(header::VARY)
        .iter()
        .any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding"));
    if asset && !varies {
        headers.append(
            header::VARY,
            header::HeaderValue::from_static("accept-encoding"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_assets_are_kept_for_good() {
        assert!(is_hashed_asset(
            "/pkg/ngo-workspace.2y0YuiVREv1iMyJai3eIXg.wasm"
        ));
        assert!(is_hashed_asset(
            "/pkg/ngo-workspace.DD2mrk_8cYRItx9n6ICdAw.css"
        ));
        assert!(!is_hashed_asset("/pkg/ngo-workspace.wasm"));
        assert!(!is_hashed_asset("/icons/icon-192.png"));
        assert!(!is_hashed_asset(
            "/pkg/sub/ngo-workspace.2y0YuiVREv1iMyJai3eIXg.wasm"
        ));
        assert!(!is_hashed_asset("/pkg/a.b.c.d"));
    }
}
