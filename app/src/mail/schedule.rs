//! When digests are due: once a day or once a week, at a morning hour of
//! Finnish time. A period is named by a key (`d2026-12-07`,
//! `w2026-50`); a person's digest is due when the period now is not the
//! one their last digest was for. The key, not a timer, is what makes a
//! digest happen once per period, whichever process looks first.

use super::DigestEvery;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

/// The hour (Finnish time) a new day's or week's digest starts.
pub const DIGEST_HOUR: u32 = 7;

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("a valid date");
    let last = first_of_next - Duration::days(1);
    last - Duration::days(i64::from(last.weekday().num_days_from_sunday()))
}

/// Local time in Finland: UTC+2, and UTC+3 in summer (the EU rule: from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
/// of October). A rule rather than a time-zone database: it is the only
/// zone the product needs.
pub fn helsinki(now: DateTime<Utc>) -> NaiveDateTime {
    let utc = now.naive_utc();
    let year = utc.year();
    let start = last_sunday(year, 3).and_hms_opt(1, 0, 0).expect("a time");
    let end = last_sunday(year, 10).and_hms_opt(1, 0, 0).expect("a time");
    let offset = if utc >= start && utc < end { 3 } else { 2 };
    utc + Duration::hours(offset)
}

/// The period `now` is in, for a digest that starts at `hour` local time:
/// a day starts at `hour`, a week at `hour` on Monday. `None` for no digest.
pub fn period(every: DigestEvery, now: DateTime<Utc>, hour: u32) -> Option<String> {
    let shifted = helsinki(now) - Duration::hours(i64::from(hour.min(23)));
    match every {
        DigestEvery::Off => None,
        DigestEvery::Daily => Some(format!("d{}", shifted.date().format("%Y-%m-%d"))),
        DigestEvery::Weekly => {
            let week = shifted.date().iso_week();
            Some(format!("w{}-{:02}", week.year(), week.week()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn finnish_time_follows_summer_time() {
        // Winter: +2.
        assert_eq!(
            helsinki(utc(2026, 12, 6, 10, 0)).to_string(),
            "2026-12-06 12:00:00"
        );
        // Summer: +3.
        assert_eq!(
            helsinki(utc(2026, 7, 1, 10, 0)).to_string(),
            "2026-07-01 13:00:00"
        );
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            helsinki(utc(2026, 3, 29, 0, 59)).to_string(),
            "2026-03-29 02:59:00"
        );
        assert_eq!(
            helsinki(utc(2026, 3, 29, 1, 0)).to_string(),
            "2026-03-29 04:00:00"
        );
        assert_eq!(
            helsinki(utc(2026, 10, 25, 0, 59)).to_string(),
            "2026-10-25 03:59:00"
        );
        assert_eq!(
            helsinki(utc(2026, 10, 25, 1, 0)).to_string(),
            "2026-10-25 03:00:00"
        );
    }

    #[test]
    fn a_day_starts_at_the_digest_hour() {
        // 06:59 Finnish time (winter) is still the previous day's period.
        let before = utc(2026, 12, 7, 4, 59);
        let after = utc(2026, 12, 7, 5, 0);
        assert_eq!(
            period(DigestEvery::Daily, before, 7).as_deref(),
            Some("d2026-12-06")
        );
        assert_eq!(
            period(DigestEvery::Daily, after, 7).as_deref(),
            Some("d2026-12-07")
        );
        assert_eq!(period(DigestEvery::Off, after, 7), None);
    }

    #[test]
    fn a_week_starts_on_monday_morning() {
        // Monday 7 December 2026 is in ISO week 50.
        let sunday = utc(2026, 12, 6, 20, 0);
        let monday_early = utc(2026, 12, 7, 4, 0);
        let monday = utc(2026, 12, 7, 6, 0);
        assert_eq!(
            period(DigestEvery::Weekly, sunday, 7).as_deref(),
            Some("w2026-49")
        );
        assert_eq!(
            period(DigestEvery::Weekly, monday_early, 7).as_deref(),
            Some("w2026-49")
        );
        assert_eq!(
            period(DigestEvery::Weekly, monday, 7).as_deref(),
            Some("w2026-50")
        );
    }
}
