//! Security headers on every response (pages, REST, health, errors,
//! static files), the pages' nonce-based Content-Security-Policy, and the
//! refusal of cross-site writes.

use app::store::Store;
use leptos::server_fn::ServerFn;
use reqwest::header::HeaderMap;
use reqwest::Response;
use std::net::SocketAddr;

mod common;

/// The refusal body of the middleware (`server/src/security.rs`).
const REFUSED: &str = "cross-site request refused";

const PAGES: [&str; 6] = [
    "/",
    "/areas/PI",
    "/roadmap",
    "/surveys",
    "/tour",
    "/tour/PI",
];
const OTHERS: [&str; 5] = [
    "/api/v1/areas",
    "/api/v1/tour/PI/qr.svg",
    "/api/v1/roadmap",
    "/api/v1/roadmap.csv",
    "/healthz",
];

async fn start() -> (String, Store) {
    let store = Store::open_in_memory().await.expect("in-memory store");
    let addr = common::serve(store.clone()).await;
    (format!("http://{addr}"), store)
}

/// A page or file; a request that hangs fails the test after 10 s
/// instead of stalling the suite.
async fn get(url: String) -> Response {
    match tokio::time::timeout(std::time::Duration::from_secs(10), reqwest::get(&url)).await {
        Ok(r) => r.unwrap(),
        Err(_) => panic!("HUNG {url}"),
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

fn script_src(csp: &str) -> &str {
    csp.split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("no script-src in {csp}"))
}

/// The headers every response has, whatever made it.
fn assert_security_headers(what: &str, headers: &HeaderMap) {
    assert_eq!(
        header(headers, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(
        header(headers, "referrer-policy"),
        "strict-origin-when-cross-origin",
        "{what}"
    );
    assert_eq!(header(headers, "x-frame-options"), "DENY", "{what}");
    assert_eq!(
        header(headers, "permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
        "{what}"
    );
    assert_eq!(
        header(headers, "cross-origin-opener-policy"),
        "same-origin",
        "{what}"
    );
    assert_eq!(
        headers.get_all("content-security-policy").iter().count(),
        1,
        "{what}: one policy"
    );
    let csp = header(headers, "content-security-policy");
    assert!(csp.starts_with("default-src 'self'; "), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(csp.contains("object-src 'none'"), "{what}: {csp}");
    assert!(csp.contains("base-uri 'self'"), "{what}: {csp}");
    assert!(
        !script_src(csp).contains("unsafe-inline") && !script_src(csp).contains("'unsafe-eval'"),
        "{what}: {csp}"
    );
}

/// The nonce of a page's policy.
fn nonce_of(csp: &str) -> String {
    let src = script_src(csp);
    let nonce = src
        .split(' ')
        .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("no nonce in {src}"));
    assert!(nonce.len() >= 22, "128 bits or more: {nonce}");
    assert!(
        nonce
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{nonce}"
    );
    nonce.to_string()
}

/// Checks a page: nonce policy, and every `<script` carries the nonce.
async fn check_page(what: &str, res: Response, status: u16) -> String {
    assert_eq!(res.status(), status, "{what}");
    let headers = res.headers().clone();
    assert_security_headers(what, &headers);
    assert!(
        header(&headers, "content-type").starts_with("text/html"),
        "{what}"
    );
    let csp = header(&headers, "content-security-policy");
    assert_eq!(
        csp,
        app::security::content_security_policy(Some(&nonce_of(csp))),
        "{what}"
    );
    let nonce = nonce_of(csp);
    let html = res.text().await.unwrap();
    let tags: Vec<&str> = html
        .match_indices("<script")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
        .collect();
    assert!(!tags.is_empty(), "{what}: the hydration script");
    for tag in &tags {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "{what}: a script without this page's nonce: {tag}"
        );
    }
    // Inline event handlers would be refused by the policy.
    for handler in [
        " onclick=",
        " onload=",
        " onerror=",
        " onsubmit=",
        "javascript:",
    ] {
        assert!(!html.contains(handler), "{what}: {handler}");
    }
    nonce
}

#[tokio::test]
async fn every_route_has_the_security_headers() {
    let (base, _store) = start().await;
    for path in OTHERS {
        let res = get(format!("{base}{path}")).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_security_headers(path, res.headers());
        // Not a page: no inline script at all.
        assert_eq!(
            header(res.headers(), "content-security-policy"),
            app::security::content_security_policy(None),
            "{path}"
        );
    }
    // A JSON error of the REST API.
    let res = get(format!("{base}/api/v1/areas/XX")).await;
    assert_eq!(res.status(), 404);
    assert_security_headers("/api/v1/areas/XX", res.headers());
    // A server function (a POST answered as JSON).
    let res = reqwest::Client::new()
        .post(format!(
            "{base}{}",
            <app::server_fns::areas::ListAreas as ServerFn>::PATH
        ))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_security_headers("list_areas", res.headers());
    // Compressed responses too.
    let res = reqwest::Client::new()
        .get(format!("{base}/api/v1/areas"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header(res.headers(), "content-encoding"), "gzip");
    assert_security_headers("gzip", res.headers());
}

#[tokio::test]
async fn pages_run_only_scripts_with_their_own_nonce() {
    let (base, _store) = start().await;
    let surveys: serde_json::Value = get(format!("{base}/api/v1/surveys"))
        .await
        .json()
        .await
        .unwrap();
    let survey = format!("/surveys/{}", surveys[0]["id"].as_str().unwrap());
    for path in PAGES.iter().copied().chain([survey.as_str()]) {
        let first = check_page(path, get(format!("{base}{path}")).await, 200).await;
        let second = check_page(path, get(format!("{base}{path}")).await, 200).await;
        assert_ne!(first, second, "{path}: a fresh nonce per response");
    }
    // The not-found page is rendered by the fallback, with its own nonce.
    check_page(
        "/no-such-page",
        get(format!("{base}/no-such-page")).await,
        404,
    )
    .await;
    check_page("/areas/XX", get(format!("{base}/areas/XX")).await, 404).await;
}

#[tokio::test]
async fn static_files_have_the_security_headers() {
    let site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");
    // cargo-leptos names the stylesheet by its content hash.
    let css = std::fs::read_dir(std::path::Path::new(site_root).join("pkg"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("ngo-workspace.") && name.ends_with(".css"));
    let Some(css) = css else {
        eprintln!("skipped: no {site_root}/pkg/ngo-workspace.*.css (run cargo leptos build)");
        return;
    };
    let path = format!("/pkg/{css}");
    let store = Store::open_in_memory().await.expect("in-memory store");
    let addr = common::serve_site(store, site_root).await;
    let res = get(format!("http://{addr}{path}")).await;
    assert_eq!(res.status(), 200);
    assert!(header(res.headers(), "content-type").starts_with("text/css"));
    assert_security_headers(&path, res.headers());
    assert_eq!(
        header(res.headers(), "content-security-policy"),
        app::security::content_security_policy(None)
    );
    // A hashed name never changes content: browsers keep it.
    assert_eq!(
        header(res.headers(), "cache-control"),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn precompressed_assets_are_sent_as_they_are() {
    // A site as a release build leaves it: the wasm with `.br` and `.gz`
    // beside it (scripts/precompress.mjs), a script without them.
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm = "ngo-workspace.MMBIlPyZJL9uFtSUyQFz-A.wasm";
    std::fs::write(pkg.join(wasm), "the plain wasm ".repeat(200)).unwrap();
    std::fs::write(pkg.join(format!("{wasm}.br")), "brotli bytes").unwrap();
    std::fs::write(pkg.join(format!("{wasm}.gz")), "gzip bytes").unwrap();
    std::fs::write(pkg.join("extra.js"), "console.log(1);\n".repeat(200)).unwrap();
    let store = Store::open_in_memory().await.expect("in-memory store");
    let addr = common::serve_site(store, dir.path().to_str().unwrap()).await;
    let client = reqwest::Client::new();
    let fetch = |path: String, accept: Option<&'static str>| {
        let mut req = client.get(format!("http://{addr}{path}"));
        if let Some(accept) = accept {
            req = req.header("Accept-Encoding", accept);
        }
        req.send()
    };
    let path = format!("/pkg/{wasm}");
    for (accept, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            "brotli bytes".to_string(),
        ),
        (Some("gzip"), Some("gzip"), "gzip bytes".to_string()),
        (None, None, "the plain wasm ".repeat(200)),
    ] {
        let res = fetch(path.clone(), accept).await.unwrap();
        let what = format!("{path} with {accept:?}");
        assert_eq!(res.status(), 200, "{what}");
        let headers = res.headers().clone();
        assert_security_headers(&what, &headers);
        assert_eq!(
            header(&headers, "content-type"),
            "application/wasm",
            "{what}"
        );
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{what}"
        );
        let varies: Vec<_> = headers.get_all("vary").iter().collect();
        assert_eq!(varies, ["accept-encoding"], "{what}");
        assert_eq!(
            header(&headers, "cache-control"),
            "public, max-age=31536000, immutable",
            "{what}"
        );
        assert_eq!(res.text().await.unwrap(), body, "{what}");
    }
    // Without a precompressed file, it is compressed on the way out.
    let res = fetch("/pkg/extra.js".into(), Some("br, gzip"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(res.headers(), "content-encoding"), "gzip");
    assert_eq!(res.headers().get_all("vary").iter().count(), 1);
    assert!(res.headers().get("cache-control").is_none(), "not hashed");
    let res = fetch("/pkg/missing.js".into(), Some("br")).await.unwrap();
    assert_eq!(res.status(), 404);
    assert_security_headers("/pkg/missing.js", res.headers());
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let (base, store) = start().await;
    let addr: SocketAddr = base.trim_start_matches("http://").parse().unwrap();
    let editor = common::account(addr, &store, "Anna", app::auth::Role::Editor).await;
    let path = <app::server_fns::areas::EditArea as ServerFn>::PATH;
    let form = [
        ("code", "KS"),
        ("fields[hyte_status]", "in_progress"),
        ("fields[hyte_note]", "Toiselta sivustolta"),
        ("csrf", editor.csrf.as_str()),
    ];
    let post = |extra: &[(&'static str, String)]| {
        let mut req = reqwest::Client::new()
            .post(format!("{base}{path}"))
            .header("Accept", "application/json")
            .header("cookie", &editor.cookie)
            .form(&form);
        for (name, value) in extra {
            req = req.header(*name, value);
        }
        req.send()
    };

    // Even with the editor's cookie and token: another site's page, by
    // its Origin or by the browser's Sec-Fetch-Site, is refused.
    for extra in [
        vec![("origin", "http://evil.example".to_string())],
        vec![("origin", "null".to_string())],
        vec![("sec-fetch-site", "cross-site".to_string())],
        vec![
            ("origin", format!("http://{addr}")),
            ("sec-fetch-site", "cross-site".to_string()),
        ],
    ] {
        let res = post(&extra).await.unwrap();
        assert_eq!(res.status(), 403, "{extra:?}");
        assert_security_headers("refusal", res.headers());
        assert_eq!(res.text().await.unwrap(), REFUSED, "{extra:?}");
    }
    let ks: serde_json::Value = get(format!("{base}/api/v1/areas/KS"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ks["places"]["hyte"]["status"], "unknown", "nothing saved");

    // Another write method of another site, on any path.
    let res = reqwest::Client::new()
        .delete(format!("{base}/api/v1/areas/KS"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Reading is not writing: a cross-site GET is answered.
    let res = reqwest::Client::new()
        .get(format!("{base}/api/v1/areas"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // A post without Origin passes the middleware: without the session
    // cookie it is the function that refuses it (401), not the middleware.
    let res = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .header("Accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 403);
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_ne!(res.text().await.unwrap(), REFUSED);

    // The product's own page posting (same Origin, same-origin fetch) and a
    // program sending neither header both go through.
    let res = post(&[
        ("origin", format!("http://{addr}")),
        ("sec-fetch-site", "same-origin".to_string()),
    ])
    .await
    .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let res = post(&[]).await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let ks: serde_json::Value = get(format!("{base}/api/v1/areas/KS"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ks["places"]["hyte"]["status"], "in_progress");
}

/// `/embed/...` pages may be framed by any site and set no cookie; every
/// other page keeps refusing to be framed.
#[tokio::test]
async fn only_embed_pages_may_be_framed_and_they_set_no_cookie() {
    let (base, _store) = start().await;
    for path in [
        "/embed/map?indicator=hyte",
        "/embed/surveys/aivoriihi-2022/sektori",
    ] {
        let res = get(format!("{base}{path}")).await;
        assert_eq!(res.status(), 200, "{path}");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("frame-ancestors *"), "{path}: {csp}");
        assert!(!res.headers().contains_key("x-frame-options"), "{path}");
        assert!(!res.headers().contains_key("set-cookie"), "{path}");
        let html = res.text().await.unwrap();
        // No header, navigation or footer: only the content.
        assert!(!html.contains("site-header"), "{path}");
        assert!(html.contains("target=\"_blank\""), "{path}");
    }
    // The language comes with the address.
    let sv = get(format!("{base}/embed/map?lang=sv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(sv.contains("<html lang=\"sv\""), "{}", &sv[..200]);
    // Not a page of the embeds: refused as before.
    let missing = get(format!("{base}/embed/surveys/aivoriihi-2022/nope")).await;
    assert_eq!(missing.status(), 404);
    for path in PAGES {
        let res = get(format!("{base}{path}")).await;
        let csp = res.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(res.headers()["x-frame-options"], "DENY", "{path}");
        // A `lang` in the address does not change a normal page.
        let html = get(format!("{base}{path}?lang=sv"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("<html lang=\"fi\""), "{path}");
    }
}

/// The statement pages, linked from every page's footer, in the page's
/// language; the maintainer's address when the operator gave one.
#[tokio::test]
async fn statement_pages_are_linked_from_every_page_and_name_the_maintainer() {
    let store = Store::open_in_memory().await.expect("in-memory store");
    let addr = common::serve_configured(store, |s| {
        s.with_contact(Some("palaute@jarjestot.example".into()))
    })
    .await;
    let base = format!("http://{addr}");
    for path in PAGES {
        let html = get(format!("{base}{path}")).await.text().await.unwrap();
        assert!(html.contains("href=\"/accessibility\""), "{path}");
        assert!(html.contains("href=\"/privacy\""), "{path}");
    }
    let a11y = get(format!("{base}/accessibility")).await;
    assert_eq!(a11y.status(), 200);
    let html = a11y.text().await.unwrap();
    assert!(html.contains("Saavutettavuusseloste"));
    assert!(html.contains("WCAG 2.1"));
    assert!(html.contains("saavutettavuusvaatimukset.fi"));
    assert!(html.contains("mailto:palaute@jarjestot.example"));
    let privacy = reqwest::Client::new()
        .get(format!("{base}/privacy"))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(privacy.contains("Privacy notice"));
    assert!(privacy.contains("tietosuoja.fi"));
    assert!(privacy.contains("mailto:palaute@jarjestot.example"));
    // Without an address, the page says whom to ask instead.
    let (plain, _) = start().await;
    let html = get(format!("{plain}/accessibility"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("mailto:"));
    assert!(html.contains("yhteyshenkilöön"));
}
