//! Finnish formats for numbers, dates and times.

/// 522852 → "522 852" (a no-break space between groups of three).
pub fn number(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    out
}

/// "2023-02-09" → "9.2.2023"; anything else is shown as it is.
pub fn date(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%-d.%-m.%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// An RFC 3339 instant → "22.11.2026 klo 11.05 UTC".
pub fn timestamp(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t
            .with_timezone(&chrono::Utc)
            .format("%-d.%-m.%Y klo %-H.%M UTC")
            .to_string(),
        Err(_) => rfc3339.to_string(),
    }
}

/// Milliseconds since the epoch → "22.11.2026 klo 11.05.07 UTC".
pub fn timestamp_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%-d.%-m.%Y klo %-H.%M.%S UTC").to_string())
        .unwrap_or_default()
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn finnish_formats() {
        assert_eq!(super::number(522852), "522\u{a0}852");
        assert_eq!(super::number(67988), "67\u{a0}988");
        assert_eq!(super::number(999), "999");
        assert_eq!(super::number(5533793), "5\u{a0}533\u{a0}793");
        assert_eq!(super::date("2023-02-09"), "9.2.2023");
        assert_eq!(
            super::timestamp("2026-11-22T09:05:00Z"),
            "22.11.2026 klo 9.05 UTC"
        );
    }
}
