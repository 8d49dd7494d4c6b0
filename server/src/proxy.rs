//! The client's address when the server runs behind a reverse proxy.
//!
//! Behind a proxy every connection comes from the proxy, so whatever
//! counts per address (sign-in failures) would count every user as one:
//! twenty wrong passwords from anyone would lock everyone out. With
//! `--trust-proxy` the address is taken from `X-Forwarded-For` instead —
//! its **last** entry, the one our proxy appended; earlier entries are
//! whatever the client wrote and prove nothing. Without the option the
//! header is ignored, so a client reaching the server directly cannot
//! pick its own address.

use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

/// Replaces the peer address of the request with the forwarded one.
pub async fn client_from_forwarded(mut req: Request, next: Next) -> Response {
    if let Some(ip) = forwarded_client(req.headers()) {
        let port = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(0, |peer| peer.0.port());
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, port)));
    }
    next.run(req).await
}

/// The last address of the last `X-Forwarded-For` line, if it is one.
fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    let last_line = headers.get_all("x-forwarded-for").iter().next_back()?;
    last_line
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(lines: &[&'static str]) -> Option<IpAddr> {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append("x-forwarded-for", line.parse().unwrap());
        }
        forwarded_client(&headers)
    }

    #[test]
    fn the_address_the_proxy_appended_wins_over_what_the_client_wrote() {
        assert_eq!(
            forwarded(&["6.6.6.6, 203.0.113.7"]),
            Some("203.0.113.7".parse().unwrap())
        );
        assert_eq!(
            forwarded(&["6.6.6.6", "2001:db8::1"]),
            Some("2001:db8::1".parse().unwrap())
        );
        // Nothing usable: the peer address stays.
        assert_eq!(forwarded(&[]), None);
        assert_eq!(forwarded(&["203.0.113.7, not-an-address"]), None);
        assert_eq!(forwarded(&["203.0.113.7:443"]), None);
    }
}
