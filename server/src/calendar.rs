//! Calendar feeds (RFC 5545, built with the `icalendar` crate, which also
//! escapes the text): the tour's dated visits (`/api/v1/tour.ics`, one
//! visit at `/api/v1/tour/{code}.ics`) and the roadmap actions' due dates
//! (`/api/v1/roadmap.ics`, with the roadmap's filters).
//!
//! A subscribed calendar recognises an event by its UID and takes the
//! version with the higher SEQUENCE, so both come from the change log:
//! the UID from the item's id (never from the host the feed was fetched
//! through, nor from the date), SEQUENCE, DTSTAMP and LAST-MODIFIED from
//! the item's last change. An edited visit thus moves in people's
//! calendars instead of appearing twice.

use app::model::{Area, TourStatus};
use app::roadmap::filter::{filtered_rows, RoadmapFilter};
use app::roadmap::{Field, Item, RoadmapState};
use app::text::t;
use app::url::url_encode;
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// The right-hand side of every UID: fixed, so that the same item has
/// the same UID whichever address served the feed.
pub const UID_DOMAIN: &str = "ngo-workspace.invalid";

/// The UID of item `id`'s event.
pub fn uid(id: &str) -> String {
    format!("{id}@{UID_DOMAIN}")
}

/// A date field's value, when it has one.
fn date(item: &Item, field: Field) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(item.text(field), "%Y-%m-%d").ok()
}

/// An all-day event on `day` (DTSTART;VALUE=DATE and DTEND the next day,
/// as RFC 5545 wants: the end is exclusive), stamped with the item's last
/// change.
fn all_day(item: &Item, day: NaiveDate, summary: &str, url: &str) -> Event {
    let last = item.last_change();
    let at = DateTime::parse_from_rfc3339(&last.at)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(DateTime::UNIX_EPOCH);
    let mut event = Event::new();
    event
        .uid(&uid(&item.id))
        .timestamp(at)
        .last_modified(at)
        // The log's `seq` only grows, so a later change always has a
        // higher SEQUENCE.
        .sequence(u32::try_from(last.seq).unwrap_or(u32::MAX))
        .starts(day)
        .ends(day.succ_opt().unwrap_or(day))
        .summary(summary)
        .url(url);
    event
}

/// The event of a visit, if it has a date.
fn visit_event(area: &Area, visit: &Item, origin: &str) -> Option<Event> {
    let t = t();
    let day = date(visit, Field::Date)?;
    let url = format!("{origin}/tour/{}", area.code);
    let mut event = all_day(
        visit,
        day,
        &t.fill(t.visit_of_area, &[("area", area.name())]),
        &url,
    );
    let status = visit.visit_status();
    event
        .description(&format!("{}\n{url}", t.tour_status_label(status)))
        .status(match status {
            TourStatus::Confirmed | TourStatus::Visited => EventStatus::Confirmed,
            TourStatus::Unknown | TourStatus::Planned => EventStatus::Tentative,
        });
    let venue = visit.text(Field::Venue).trim();
    if !venue.is_empty() {
        event.location(venue);
    }
    Some(event.done())
}

/// A calendar named `name` holding `events`, as text.
fn calendar(name: &str, events: impl IntoIterator<Item = Event>) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    for event in events {
        cal.push(event);
    }
    cal.done().to_string()
}

/// Every dated visit, in date order.
pub fn tour(areas: &[Area], state: &RoadmapState, origin: &str) -> String {
    let mut visits: Vec<(&Area, &Item)> = areas
        .iter()
        .filter_map(|a| Some((a, state.visit(&a.code)?)))
        .filter(|(_, v)| date(v, Field::Date).is_some())
        .collect();
    visits.sort_by(|a, b| a.1.text(Field::Date).cmp(b.1.text(Field::Date)));
    calendar(
        t().ics_tour_name,
        visits
            .into_iter()
            .filter_map(|(a, v)| visit_event(a, v, origin)),
    )
}

/// One visit's calendar; None when it has no date.
pub fn visit(area: &Area, state: &RoadmapState, origin: &str) -> Option<String> {
    let event = visit_event(area, state.visit(&area.code)?, origin)?;
    Some(calendar(t().ics_tour_name, [event]))
}

/// The due dates of the actions that pass `filter`.
pub fn roadmap(state: &RoadmapState, filter: &RoadmapFilter, origin: &str) -> String {
    let t = t();
    let events = filtered_rows(state, filter).into_iter().filter_map(|row| {
        let day = date(&row.action, Field::Due)?;
        let title = row.action.title();
        let url = format!("{origin}/roadmap?q={}", url_encode(title));
        let mut event = all_day(
            &row.action,
            day,
            &t.fill(t.ics_action_summary, &[("title", title)]),
            &url,
        );
        let owner = row.action.text(Field::Owner);
        let mut description = format!(
            "{}\n{}: {}",
            row.goal.title(),
            t.field(Field::Status),
            t.action_status(row.action.status())
        );
        if !owner.is_empty() {
            description.push_str(&format!("\n{}: {owner}", t.field(Field::Owner)));
        }
        description.push_str(&format!("\n{url}"));
        event.description(&description);
        Some(event.done())
    });
    calendar(t.ics_roadmap_name, events)
}
