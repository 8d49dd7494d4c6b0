//! URL helpers shared by the pages and the server: percent-encoding and
//! the rule for where a `next=` parameter may send someone.

/// Percent-encodes everything but the unreserved characters (RFC 3986).
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Only paths of this site, never another host (`//host`, `/\host`,
/// `https://...`); anything else becomes `/`.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.contains('\\')
            && !n.chars().any(|c| c.is_control())
    })
    .unwrap_or_else(|| "/".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/roadmap?x=1".into())), "/roadmap?x=1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\r\nSet-Cookie: x".into())), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn only_unreserved_characters_stay_as_they_are() {
        assert_eq!(
            url_encode("/areas/PI?a=1 ä~"),
            "%2Fareas%2FPI%3Fa%3D1%20%C3%A4~"
        );
    }
}
