//! The geometry of the roadmap's timeline view: which days an action
//! spans, the month axis that holds every dated action, and where on it
//! (in percent of its width) a day falls. Pure, so the server renders the
//! same bars the browser does and the rules are tested without a page.

use super::field::Field;
use super::model::Item;
use chrono::{Datelike, Months, NaiveDate};

/// The days an action spans, both ends included: `start` to `due`, or the
/// one day when only one of them is set. `None` for undated actions.
pub fn span(item: &Item) -> Option<(NaiveDate, NaiveDate)> {
    let day = |f: Field| NaiveDate::parse_from_str(item.text(f), "%Y-%m-%d").ok();
    match (day(Field::Start), day(Field::Due)) {
        (Some(s), Some(e)) if s <= e => Some((s, e)),
        // An end before the start (the rules allow it): draw the two
        // days in order rather than nothing.
        (Some(s), Some(e)) => Some((e, s)),
        (Some(d), None) | (None, Some(d)) => Some((d, d)),
        (None, None) => None,
    }
}

/// Whole months from the first of `first`'s month, `months` long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Axis {
    pub first: NaiveDate,
    pub months: u32,
}

/// One month on the axis: where it starts and how wide it is, in percent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    pub year: i32,
    /// 1–12.
    pub month: u32,
    pub left: f64,
    pub width: f64,
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl Axis {
    /// The months that hold every one of `days` (at least one month).
    pub fn covering(days: impl IntoIterator<Item = NaiveDate>) -> Option<Axis> {
        let mut days = days.into_iter();
        let first = days.next()?;
        let (lo, hi) = days.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        let first = month_start(lo);
        let months = (hi.year() - first.year()) * 12 + hi.month() as i32 - first.month() as i32 + 1;
        Some(Axis {
            first,
            months: months.max(1) as u32,
        })
    }

    /// The day after the axis ends.
    pub fn end(&self) -> NaiveDate {
        self.first + Months::new(self.months)
    }

    fn days(&self) -> f64 {
        (self.end() - self.first).num_days() as f64
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.first && d < self.end()
    }

    /// Where the start of day `d` falls, in percent of the axis (clamped).
    pub fn at(&self, d: NaiveDate) -> f64 {
        let x = (d - self.first).num_days() as f64 / self.days() * 100.0;
        x.clamp(0.0, 100.0)
    }

    /// A bar from the start of `from` to the end of `to`: left and width
    /// in percent. A one-day bar keeps a visible width.
    pub fn bar(&self, from: NaiveDate, to: NaiveDate) -> (f64, f64) {
        let left = self.at(from);
        let right = self.at(to + chrono::Days::new(1));
        (left, (right - left).max(0.4))
    }

    pub fn ticks(&self) -> Vec<Tick> {
        (0..self.months)
            .map(|i| {
                let start = self.first + Months::new(i);
                let next = self.first + Months::new(i + 1);
                let left = self.at(start);
                Tick {
                    year: start.year(),
                    month: start.month(),
                    left,
                    width: self.at(next) - left,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::model::ItemKind;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn action(start: &str, due: &str) -> Item {
        Item {
            id: "a1".into(),
            kind: ItemKind::Action,
            fields: [("start".into(), json!(start)), ("due".into(), json!(due))].into(),
            meta: Default::default(),
            created: crate::roadmap::model::FieldMeta {
                seq: 1,
                by: String::new(),
                at: String::new(),
                cid: String::new(),
            },
            author: String::new(),
        }
    }

    #[test]
    fn an_action_spans_start_to_due_or_its_one_date() {
        assert_eq!(
            span(&action("2022-06-01", "2022-12-31")),
            Some((d("2022-06-01"), d("2022-12-31")))
        );
        assert_eq!(
            span(&action("", "2023-02-09")),
            Some((d("2023-02-09"), d("2023-02-09")))
        );
        assert_eq!(
            span(&action("2023-01-01", "")),
            Some((d("2023-01-01"), d("2023-01-01")))
        );
        assert_eq!(span(&action("", "")), None);
        assert_eq!(span(&action("soon", "")), None);
        assert_eq!(
            span(&action("2023-05-01", "2023-03-01")),
            Some((d("2023-03-01"), d("2023-05-01")))
        );
    }

    #[test]
    fn the_axis_is_whole_months_around_every_date() {
        let axis = Axis::covering([d("2022-06-15"), d("2022-01-03"), d("2023-06-30")]).unwrap();
        assert_eq!(axis.first, d("2022-01-01"));
        assert_eq!(axis.months, 18);
        assert_eq!(axis.end(), d("2023-07-01"));
        let ticks = axis.ticks();
        assert_eq!(ticks.len(), 18);
        assert_eq!(
            (ticks[0].year, ticks[0].month, ticks[0].left),
            (2022, 1, 0.0)
        );
        assert_eq!((ticks[12].year, ticks[12].month), (2023, 1));
        let total: f64 = ticks.iter().map(|t| t.width).sum();
        assert!((total - 100.0).abs() < 1e-9);
        // February is shorter than March.
        assert!(ticks[1].width < ticks[2].width);
        assert_eq!(Axis::covering([]), None);
        assert_eq!(Axis::covering([d("2023-02-09")]).unwrap().months, 1);
    }

    #[test]
    fn bars_sit_on_their_days() {
        let axis = Axis::covering([d("2022-01-01"), d("2022-12-31")]).unwrap();
        let (left, width) = axis.bar(d("2022-01-01"), d("2022-12-31"));
        assert_eq!(left, 0.0);
        assert!((width - 100.0).abs() < 1e-9);
        let (left, width) = axis.bar(d("2022-07-01"), d("2022-07-01"));
        assert!((left - 181.0 / 365.0 * 100.0).abs() < 1e-9);
        assert!(width >= 0.4);
        assert!(axis.contains(d("2022-12-31")));
        assert!(!axis.contains(d("2023-01-01")));
        assert_eq!(axis.at(d("2030-01-01")), 100.0);
    }
}
