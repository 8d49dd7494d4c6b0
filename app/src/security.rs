//! The Content-Security-Policy of the product, in one place. The server's
//! header middleware (`server/src/security.rs`) makes a [`CspNonce`] per
//! request, the page shell puts it on Leptos's inline scripts, and the
//! middleware sends the policy with that nonce on every HTML response and
//! without one on every other response (static files, JSON, CSV, errors).
//!
//! Scripts: only our own files and, on pages, the inline scripts Leptos
//! writes with this response's nonce (hydration, resolved resources); never
//! `'unsafe-inline'`. `'wasm-unsafe-eval'` lets the page compile the
//! WebAssembly bundle. Styles allow `'unsafe-inline'` because style
//! attributes (ECharts' SVG, bar widths, chart heights) cannot carry a nonce.

/// The nonce of one page response: made by the server's header middleware
/// (request extension), used by the shell for Leptos's inline scripts and
/// by the middleware for the response's CSP header.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    /// 122 random bits (a v4 UUID), hex.
    pub fn new() -> Self {
        #[cfg(feature = "ssr")]
        let value = uuid::Uuid::new_v4().simple().to_string();
        #[cfg(not(feature = "ssr"))]
        let value = String::new();
        Self(value)
    }
}

impl Default for CspNonce {
    fn default() -> Self {
        Self::new()
    }
}

/// Every directive but `script-src`, in the order they are sent.
const OTHER_DIRECTIVES: [&str; 10] = [
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // The roadmap's sync socket (and cargo-leptos's reload socket in watch
    // mode, on its own port).
    "connect-src 'self' ws: wss:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
];

/// The policy; with `nonce`, inline scripts carrying it may run.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let mut script_src = String::from("script-src 'self'");
    if let Some(nonce) = nonce {
        script_src.push_str(&format!(" 'nonce-{nonce}'"));
    }
    script_src.push_str(" 'wasm-unsafe-eval'");
    let mut policy = String::from("default-src 'self'; ");
    policy.push_str(&script_src);
    for directive in OTHER_DIRECTIVES {
        policy.push_str("; ");
        policy.push_str(directive);
    }
    policy
}

/// The policy of the pages other sites may frame (`/embed/...`): the same,
/// but any site may be the frame's parent.
pub fn embeddable_policy(nonce: Option<&str>) -> String {
    content_security_policy(nonce).replace("frame-ancestors 'none'", "frame-ancestors *")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive<'a>(policy: &'a str, name: &str) -> &'a str {
        policy
            .split("; ")
            .find(|d| d.split(' ').next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} in {policy}"))
    }

    #[test]
    fn the_whole_policy() {
        assert_eq!(
            content_security_policy(Some("N0nce")),
            "default-src 'self'; script-src 'self' 'nonce-N0nce' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
             connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'; \
             manifest-src 'self'; worker-src 'self'"
        );
    }

    #[test]
    fn pages_allow_scripts_with_their_nonce_only() {
        let policy = content_security_policy(Some("abc-123_XY"));
        assert_eq!(
            directive(&policy, "script-src"),
            "script-src 'self' 'nonce-abc-123_XY' 'wasm-unsafe-eval'"
        );
        assert!(!directive(&policy, "script-src").contains("unsafe-inline"));
    }

    #[test]
    fn other_responses_allow_no_inline_script() {
        let policy = content_security_policy(None);
        assert_eq!(
            directive(&policy, "script-src"),
            "script-src 'self' 'wasm-unsafe-eval'"
        );
        assert!(!policy.contains("nonce"));
    }

    #[test]
    fn the_policy_locks_framing_plugins_and_base() {
        let policy = content_security_policy(None);
        assert!(policy.starts_with("default-src 'self'; "));
        assert_eq!(
            directive(&policy, "frame-ancestors"),
            "frame-ancestors 'none'"
        );
        assert_eq!(directive(&policy, "object-src"), "object-src 'none'");
        assert_eq!(directive(&policy, "base-uri"), "base-uri 'self'");
        assert_eq!(directive(&policy, "form-action"), "form-action 'self'");
        assert_eq!(
            directive(&policy, "style-src"),
            "style-src 'self' 'unsafe-inline'"
        );
        assert_eq!(
            directive(&policy, "connect-src"),
            "connect-src 'self' ws: wss:"
        );
        // One line, no trailing separator: valid as a header value.
        assert!(!policy.ends_with(';') && !policy.contains('\n'));
    }

    #[test]
    fn only_embeddable_pages_may_be_framed() {
        let own = content_security_policy(Some("n"));
        let embed = embeddable_policy(Some("n"));
        assert_eq!(directive(&own, "frame-ancestors"), "frame-ancestors 'none'");
        assert_eq!(directive(&embed, "frame-ancestors"), "frame-ancestors *");
        // Nothing else differs.
        assert_eq!(
            embed.replace("frame-ancestors *", "frame-ancestors 'none'"),
            own
        );
    }
}
