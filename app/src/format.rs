//! Numbers, dates and times in the interface language's format:
//! Finnish and Swedish (as written in Finland) `5 503 664`, `9.2.2023`,
//! `41 %`, decimal comma; English `5,503,664`, `9 Feb 2023`, `41%`,
//! decimal point. The plain functions use the current [`locale()`]; the
//! `*_in` ones take it explicitly.

use crate::i18n::{locale, Locale};

/// 522852 → "522 852" (fi, sv: a no-break space between groups of three)
/// or "522,852" (en).
pub fn number(n: u32) -> String {
    number_in(locale(), n)
}

pub fn number_in(locale: Locale, n: u32) -> String {
    let sep = match locale {
        Locale::Fi | Locale::Sv => '\u{a0}',
        Locale::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A decimal as written in the locale: 7.5 → "7,5" (fi, sv) or "7.5" (en).
pub fn decimal(s: &str) -> String {
    decimal_in(locale(), s)
}

pub fn decimal_in(locale: Locale, s: &str) -> String {
    match locale {
        Locale::Fi | Locale::Sv => s.replace('.', ","),
        Locale::En => s.to_string(),
    }
}

/// "41" → "41 %" (fi, sv) or "41%" (en).
pub fn percent(value: &str) -> String {
    percent_in(locale(), value)
}

pub fn percent_in(locale: Locale, value: &str) -> String {
    match locale {
        Locale::Fi | Locale::Sv => format!("{value} %"),
        Locale::En => format!("{value}%"),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn day_in(locale: Locale, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match locale {
        Locale::Fi | Locale::Sv => d.format("%-d.%-m.%Y").to_string(),
        Locale::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
    }
}

/// "2023-02-09" → "9.2.2023" (fi, sv) or "9 Feb 2023" (en); anything else
/// is shown as it is.
pub fn date(iso: &str) -> String {
    date_in(locale(), iso)
}

/// Today: the server's UTC day while rendering, then the browser's own.
pub fn today() -> chrono::NaiveDate {
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::new_0();
        if let Some(d) = chrono::NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        ) {
            return d;
        }
    }
    #[cfg(feature = "ssr")]
    {
        chrono::Utc::now().date_naive()
    }
    #[cfg(not(feature = "ssr"))]
    chrono::NaiveDate::default()
}

pub fn date_in(locale: Locale, iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => day_in(locale, d),
        Err(_) => iso.to_string(),
    }
}

fn instant_in(locale: Locale, t: chrono::DateTime<chrono::Utc>, seconds: bool) -> String {
    let day = day_in(locale, t.date_naive());
    match (locale, seconds) {
        (Locale::Fi, false) => format!("{day} klo {} UTC", t.format("%-H.%M")),
        (Locale::Fi, true) => format!("{day} klo {} UTC", t.format("%-H.%M.%S")),
        (Locale::Sv, false) => format!("{day} kl. {} UTC", t.format("%-H.%M")),
        (Locale::Sv, true) => format!("{day} kl. {} UTC", t.format("%-H.%M.%S")),
        (Locale::En, false) => format!("{day}, {} UTC", t.format("%H:%M")),
        (Locale::En, true) => format!("{day}, {} UTC", t.format("%H:%M:%S")),
    }
}

/// An RFC 3339 instant → "22.11.2026 klo 11.05 UTC" (fi),
/// "22.11.2026 kl. 11.05 UTC" (sv), "22 Nov 2026, 11:05 UTC" (en).
pub fn timestamp(rfc3339: &str) -> String {
    timestamp_in(locale(), rfc3339)
}

pub fn timestamp_in(locale: Locale, rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => instant_in(locale, t.with_timezone(&chrono::Utc), false),
        Err(_) => rfc3339.to_string(),
    }
}

/// Milliseconds since the epoch → "22.11.2026 klo 11.05.07 UTC" (fi).
pub fn timestamp_ms(ms: i64) -> String {
    timestamp_ms_in(locale(), ms)
}

pub fn timestamp_ms_in(locale: Locale, ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| instant_in(locale, t, true))
        .unwrap_or_default()
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

    #[test]
    fn swedish_and_english_formats() {
        use super::*;
        use crate::i18n::Locale::{En, Sv};
        assert_eq!(number_in(Sv, 5503664), "5\u{a0}503\u{a0}664");
        assert_eq!(number_in(En, 5503664), "5,503,664");
        assert_eq!(number_in(En, 999), "999");
        assert_eq!(date_in(Sv, "2023-02-09"), "9.2.2023");
        assert_eq!(date_in(En, "2023-02-09"), "9 Feb 2023");
        assert_eq!(percent_in(Sv, "41"), "41 %");
        assert_eq!(percent_in(En, "41"), "41%");
        assert_eq!(decimal_in(Sv, "7.5"), "7,5");
        assert_eq!(decimal_in(En, "7.5"), "7.5");
        assert_eq!(
            timestamp_in(Sv, "2026-11-22T09:05:00Z"),
            "22.11.2026 kl. 9.05 UTC"
        );
        assert_eq!(
            timestamp_in(En, "2026-11-22T09:05:00Z"),
            "22 Nov 2026, 09:05 UTC"
        );
        assert_eq!(timestamp_ms_in(En, 0), "1 Jan 1970, 00:00:00 UTC");
    }
}
