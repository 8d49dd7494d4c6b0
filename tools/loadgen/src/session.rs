//! Signing in once before the run: the sync socket lets only a signed-in
//! editor or admin change the roadmap (anonymous connections get
//! `unauthorized`, viewers `forbidden`). The session cookie is sent on every
//! WebSocket upgrade; sessions are not tied to a connection, so all clients
//! share one sign-in (the server limits failed sign-ins, not successful
//! ones, but one is enough).
//!
//! Two plain HTTP/1.1 requests need no HTTP client crate: `Connection:
//! close` and reading to the end keep it to a few lines, and this crate
//! stays out of the Leptos stack (see Cargo.toml).
//!
//! The sign-in server function's path ends in a hash of where the `app`
//! crate was built (`/api/sign_in<hash>`), so it is read from the sign-in
//! page's form unless `--sign-in-path` gives it.

use serde::Deserialize;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
pub use tokio_tungstenite::tungstenite::handshake::client::Request;
use tokio_tungstenite::tungstenite::http::HeaderValue;

/// Each request (connect, send, read to the end) may take this long;
/// password hashing makes a sign-in take a moment.
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The page whose form names the sign-in server function.
const SIGN_IN_PAGE: &str = "/sign-in";
/// The path every build of the sign-in function starts with.
const SIGN_IN_PREFIX: &str = "/api/sign_in";
/// The cookie that carries the session.
const COOKIE: &str = "ngo_session";

/// A signed-in account, as the run needs it.
#[derive(Debug)]
pub struct Session {
    /// `ngo_session=<token>`, the value of the `Cookie` header.
    pub cookie: String,
    pub name: String,
    pub role: String,
}

/// What the sign-in function answers on success.
#[derive(Debug, Deserialize)]
struct Me {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

/// Signs in as `email` on the server of the sync endpoint `ws_url`.
/// `path` overrides the sign-in function's path.
pub async fn sign_in(
    ws_url: &str,
    email: &str,
    password: &str,
    path: Option<&str>,
) -> Result<Session, String> {
    let server = Server::from_ws_url(ws_url)?;
    let path = match path {
        Some(p) => p.to_string(),
        None => discover_path(&server).await?,
    };
    let body = form_encode(&[("email", email), ("password", password)]);
    let res = server.request("POST", &path, Some(&body)).await?;
    if res.status != 200 {
        return Err(format!(
            "sign-in as {email} failed: HTTP {} from POST {path}: {}",
            res.status,
            brief(&res.body)
        ));
    }
    let cookie = session_cookie(&res.headers).ok_or_else(|| {
        format!("sign-in as {email} answered 200 but set no {COOKIE} cookie (POST {path})")
    })?;
    let me: Me = serde_json::from_str(&res.body).map_err(|e| {
        format!(
            "sign-in as {email}: unreadable answer ({e}): {}",
            brief(&res.body)
        )
    })?;
    Ok(Session {
        cookie,
        name: me.name,
        role: me.role,
    })
}

/// The WebSocket upgrade request for `url`, with the session cookie when
/// signed in: the server reads the session at the upgrade only.
pub fn upgrade_request(url: &str, cookie: Option<&str>) -> Result<Request, String> {
    let mut request = url
        .into_client_request()
        .map_err(|e| format!("bad --url {url}: {e}"))?;
    if let Some(cookie) = cookie {
        let value = HeaderValue::from_str(cookie).map_err(|e| format!("bad cookie: {e}"))?;
        request.headers_mut().insert("cookie", value);
    }
    Ok(request)
}

/// A body for an error message: an HTML page would fill the screen.
fn brief(body: &str) -> String {
    const MAX: usize = 300;
    let body = body.trim();
    match body.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}… ({} bytes)", &body[..end], body.len()),
        None => body.to_string(),
    }
}

/// The sign-in function's path, read from the sign-in page's form.
async fn discover_path(server: &Server) -> Result<String, String> {
    let page = server.request("GET", SIGN_IN_PAGE, None).await?;
    form_action(&page.body).ok_or_else(|| {
        format!(
            "no form posting to {SIGN_IN_PREFIX}… on GET {SIGN_IN_PAGE} (HTTP {}); \
             give the path with --sign-in-path",
            page.status
        )
    })
}

/// The HTTP server behind a `ws://host:port/...` URL.
#[derive(Debug, PartialEq)]
struct Server {
    /// `host:port` to connect to.
    addr: String,
    /// The `Host` header: the URL's authority as written.
    host: String,
}

impl Server {
    fn from_ws_url(url: &str) -> Result<Self, String> {
        let rest = if let Some(rest) = url.strip_prefix("ws://") {
            rest
        } else if url.starts_with("wss://") {
            return Err("signing in over wss:// is not supported (no TLS in loadgen)".into());
        } else {
            return Err(format!("--url must start with ws://, not {url}"));
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty() || host.contains('@') {
            return Err(format!("no host in --url {url}"));
        }
        // A port follows the last colon, unless that colon is inside an IPv6
        // literal ("[::1]").
        let has_port = host
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.contains(']'));
        let addr = if has_port {
            host.to_string()
        } else {
            format!("{host}:80")
        };
        Ok(Self {
            addr,
            host: host.to_string(),
        })
    }

    /// One request on a fresh connection, read to the end.
    async fn request(
        &self,
        method: &str,
        path: &str,
        form: Option<&str>,
    ) -> Result<Response, String> {
        let what = format!("{method} http://{}{path}", self.host);
        tokio::time::timeout(HTTP_TIMEOUT, self.exchange(method, path, form))
            .await
            .map_err(|_| format!("{what}: no answer in {} s", HTTP_TIMEOUT.as_secs()))?
            .map_err(|e| format!("{what}: {e}"))
    }

    async fn exchange(
        &self,
        method: &str,
        path: &str,
        form: Option<&str>,
    ) -> Result<Response, String> {
        let mut stream = TcpStream::connect(&self.addr)
            .await
            .map_err(|e| format!("cannot connect: {e}"))?;
        let request = request_text(method, &self.host, path, form);
        stream
            .write_all(request.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .map_err(|e| e.to_string())?;
        parse_response(&raw)
    }
}

/// The request as sent: JSON answers (the server function's default for a
/// form post would be a redirect), no keep-alive.
fn request_text(method: &str, host: &str, path: &str, form: Option<&str>) -> String {
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\
         User-Agent: loadgen\r\nConnection: close\r\n"
    );
    if let Some(body) = form {
        text.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    } else {
        text.push_str("\r\n");
    }
    text
}

/// An HTTP response, body decoded (chunked or not) as text.
#[derive(Debug)]
struct Response {
    status: u16,
    /// Names lower-cased.
    headers: Vec<(String, String)>,
    body: String,
}

fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("the answer ended inside its headers")?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| "headers are not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP answer: {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Decodes a chunked body (extensions and trailers ignored).
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let eol = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("a chunked body ended without its last chunk")?;
        let size_text = std::str::from_utf8(&data[..eol]).map_err(|_| "bad chunk size")?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err("a chunked body ended inside a chunk".into());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// `application/x-www-form-urlencoded`: unreserved characters as they are,
/// every other byte percent-encoded.
fn form_encode(fields: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `action` of the form that posts to the sign-in function.
fn form_action(html: &str) -> Option<String> {
    let needle = format!("action=\"{SIGN_IN_PREFIX}");
    let start = html.find(&needle)? + "action=\"".len();
    let len = html[start..].find('"')?;
    Some(html[start..start + len].to_string())
}

/// `ngo_session=<token>` from the `Set-Cookie` headers.
fn session_cookie(headers: &[(String, String)]) -> Option<String> {
    headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .filter_map(|(_, v)| v.split(';').next())
        .map(str::trim)
        .find(|c| {
            c.strip_prefix(COOKIE)
                .and_then(|rest| rest.strip_prefix('='))
                .is_some_and(|token| !token.is_empty())
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_http_server_of_the_sync_url() {
        let s = Server::from_ws_url("ws://127.0.0.1:3999/api/v1/sync").unwrap();
        assert_eq!(
            (s.addr.as_str(), s.host.as_str()),
            ("127.0.0.1:3999", "127.0.0.1:3999")
        );
        let s = Server::from_ws_url("ws://example.fi/api/v1/sync").unwrap();
        assert_eq!(
            (s.addr.as_str(), s.host.as_str()),
            ("example.fi:80", "example.fi")
        );
        assert_eq!(Server::from_ws_url("ws://[::1]").unwrap().addr, "[::1]:80");
        assert_eq!(
            Server::from_ws_url("ws://[::1]:80/x").unwrap().addr,
            "[::1]:80"
        );
        assert!(Server::from_ws_url("wss://example.fi/api/v1/sync").is_err());
        assert!(Server::from_ws_url("http://example.fi").is_err());
        assert!(Server::from_ws_url("ws:///api").is_err());
    }

    #[test]
    fn encodes_the_form() {
        assert_eq!(
            form_encode(&[("email", "a+b@x.fi"), ("password", "ä &=%x y")]),
            "email=a%2Bb%40x.fi&password=%C3%A4%20%26%3D%25x%20y"
        );
        let text = request_text("POST", "h:1", "/p", Some("a=1"));
        assert!(text.starts_with("POST /p HTTP/1.1\r\nHost: h:1\r\n"));
        assert!(text.ends_with("Content-Length: 3\r\n\r\na=1"));
        assert!(request_text("GET", "h", "/", None).ends_with("close\r\n\r\n"));
    }

    #[test]
    fn reads_a_sign_in_answer() {
        let raw = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                   Set-Cookie: other=1; Path=/\r\n\
                   set-cookie: ngo_session=abc123; Path=/; HttpOnly; SameSite=Lax\r\n\
                   content-length: 33\r\n\r\n{\"name\":\"Bench\",\"role\":\"admin\"}";
        let res = parse_response(raw.as_bytes()).unwrap();
        assert_eq!(res.status, 200);
        assert_eq!(
            session_cookie(&res.headers).as_deref(),
            Some("ngo_session=abc123")
        );
        let me: Me = serde_json::from_str(&res.body).unwrap();
        assert_eq!((me.name.as_str(), me.role.as_str()), ("Bench", "admin"));

        let raw = "HTTP/1.1 401 Unauthorized\r\ncontent-type: text/plain\r\n\r\nServerError|väärin";
        let res = parse_response(raw.as_bytes()).unwrap();
        assert_eq!((res.status, res.body.as_str()), (401, "ServerError|väärin"));
        assert_eq!(session_cookie(&res.headers), None);
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nx: y").is_err());
        assert_eq!(brief(" ok \n"), "ok");
        assert!(brief(&"ä".repeat(400)).ends_with("… (800 bytes)"));
        assert!(parse_response(b"garbage\r\n\r\n").is_err());
    }

    #[test]
    fn sends_the_cookie_on_the_upgrade() {
        let url = "ws://127.0.0.1:1/api/v1/sync";
        let r = upgrade_request(url, Some("ngo_session=abc")).unwrap();
        assert_eq!(r.headers()["cookie"], "ngo_session=abc");
        let r = upgrade_request(url, None).unwrap();
        assert!(r.headers().get("cookie").is_none());
        assert!(upgrade_request("not a url", None).is_err());
    }

    #[test]
    fn reads_the_sign_in_path_from_a_chunked_page() {
        // The action is split across two chunks, as a streamed page may be.
        let raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                   14\r\n<form action=\"/api/s\r\n\
                   1f;ext=1\r\nign_in123\" method=\"post\"></form\r\n\
                   1\r\n>\r\n0\r\n\r\n";
        let res = parse_response(raw.as_bytes()).unwrap();
        assert_eq!(
            res.body,
            "<form action=\"/api/sign_in123\" method=\"post\"></form>"
        );
        assert_eq!(form_action(&res.body).as_deref(), Some("/api/sign_in123"));
        assert_eq!(form_action("<form action=\"/api/sign_out1\">"), None);
        assert!(dechunk(b"5\r\nab").is_err());
        assert!(dechunk(b"zz\r\n").is_err());
    }
}
