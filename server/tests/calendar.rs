//! The calendar feeds, read back with the `icalendar` crate's parser from
//! the real server on a real socket: every dated visit on its day (all
//! day, the end the next day), UIDs that do not change between requests
//! nor when a visit is edited through the real write path (the sync
//! socket), while its date, place and SEQUENCE do; text escaped; the
//! roadmap's filters; unknown codes answered with the one error type.

mod common;

use app::auth::Role;
use app::roadmap::Field;
use app::store::Store;
use chrono::NaiveDate;
use common::{account, serve, set, SyncClient};
use icalendar::{Calendar, Component, DatePerhapsTime, Event, EventLike};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;

async fn start() -> (SocketAddr, Store) {
    let store = Store::open_in_memory().await.unwrap();
    (serve(store.clone()).await, store)
}

/// The feed at `path`: its text (checked to be iCalendar) and parsed.
async fn feed(addr: SocketAddr, path: &str) -> (String, Calendar) {
    let res = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(
        res.headers()["content-type"],
        "text/calendar; charset=utf-8",
        "{path}"
    );
    let text = res.text().await.unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let parsed: Calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{path} parses: {e}\n{text}"))
        .into();
    (text, parsed)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Each event's UID → (start, end) dates; the start and end must be
/// dates (all day), not times.
fn days(cal: &Calendar) -> BTreeMap<String, (NaiveDate, NaiveDate)> {
    cal.events()
        .map(|e| {
            let uid = e.get_uid().expect("every event has a UID").to_string();
            match (e.get_start(), e.get_end()) {
                (Some(DatePerhapsTime::Date(s)), Some(DatePerhapsTime::Date(end))) => {
                    (uid, (s, end))
                }
                other => panic!("{uid} is not all day: {other:?}"),
            }
        })
        .collect()
}

fn event<'a>(cal: &'a Calendar, uid: &str) -> &'a Event {
    cal.events()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

/// The `seq` each field of `item` was last set in.
async fn base(store: &Store, item: &str, fields: &[Field]) -> Value {
    let state = store.roadmap_state().await.unwrap();
    let item = &state.items[item];
    fields
        .iter()
        .map(|f| (f.name().to_string(), json!(item.field_seq(f.name()))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[tokio::test]
async fn tour_feed_has_every_dated_visit_with_stable_uids_and_follows_edits() {
    let (addr, store) = start().await;
    let session = account(addr, &store, "Aino", Role::Editor).await;
    let head = store.roadmap_head().await.unwrap();
    let (mut aino, _) = SyncClient::join_with(addr, Some(&session), Some(head)).await;
    // A second dated visit besides the seeded Pirkanmaa one.
    let seen = base(&store, "visit-ka", &[Field::Date, Field::Status]).await;
    let ack = aino
        .change(set(
            "ka-date",
            "visit-ka",
            json!({"date": "2023-05-04", "status": "planned"}),
            seen,
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");

    let (first, cal) = feed(addr, "/api/v1/tour.ics").await;
    // Every visit the store holds with a date, and no other.
    let state = store.roadmap_state().await.unwrap();
    let want: BTreeMap<String, (NaiveDate, NaiveDate)> = state
        .items
        .values()
        .filter(|i| i.kind == app::roadmap::ItemKind::Visit && !i.text(Field::Date).is_empty())
        .map(|i| {
            let d = day(i.text(Field::Date));
            (
                format!("{}@ngo-workspace.invalid", i.id),
                (d, d.succ_opt().unwrap()),
            )
        })
        .collect();
    assert_eq!(days(&cal), want);
    assert_eq!(
        want["visit-pi@ngo-workspace.invalid"],
        (day("2023-02-09"), day("2023-02-10"))
    );
    assert!(want.contains_key("visit-ka@ngo-workspace.invalid"));
    assert!(first.contains("DTSTART;VALUE=DATE:20230209\r\n"), "{first}");
    assert!(first.contains("DTEND;VALUE=DATE:20230210\r\n"), "{first}");
    let pi = event(&cal, "visit-pi@ngo-workspace.invalid");
    assert_eq!(
        pi.get_summary(),
        Some("Kiertuevierailu: Pirkanmaan hyvinvointialue")
    );
    assert_eq!(
        pi.get_url(),
        Some(format!("http://{addr}/tour/PI").as_str())
    );
    // The description's line break is escaped and read back as one.
    assert_eq!(
        pi.get_description(),
        Some(format!("Vahvistettu\nhttp://{addr}/tour/PI").as_str())
    );
    // Made from the log, not the clock: the same answer twice.
    let (second, again) = feed(addr, "/api/v1/tour.ics").await;
    assert_eq!(first, second);
    assert_eq!(
        days(&cal).keys().collect::<Vec<_>>(),
        days(&again).keys().collect::<Vec<_>>()
    );
    let sequence = pi.get_sequence().unwrap();
    let stamp = pi.get_timestamp().unwrap();

    // Moved and given a venue that needs escaping: the same event, changed.
    let venue = r"Tampere-talo, Sali A; ovi \ 2";
    let seen = base(&store, "visit-pi", &[Field::Date, Field::Venue]).await;
    let ack = aino
        .change(set(
            "pi-move",
            "visit-pi",
            json!({"date": "2023-03-15", "venue": venue}),
            seen,
        ))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let (text, one) = feed(addr, "/api/v1/tour/PI.ics").await;
    assert_eq!(
        days(&one),
        BTreeMap::from([(
            "visit-pi@ngo-workspace.invalid".to_string(),
            (day("2023-03-15"), day("2023-03-16"))
        )])
    );
    let moved = event(&one, "visit-pi@ngo-workspace.invalid");
    assert_eq!(moved.get_location(), Some(venue));
    assert!(
        text.contains(r"LOCATION:Tampere-talo\, Sali A\; ovi \\ 2"),
        "{text}"
    );
    assert!(moved.get_sequence().unwrap() > sequence);
    // DTSTAMP has whole seconds: the edit may fall in the seed's second.
    assert!(moved.get_timestamp().unwrap() >= stamp);
    // The whole feed says the same.
    let (_, cal) = feed(addr, "/api/v1/tour.ics").await;
    let moved_in_feed = event(&cal, "visit-pi@ngo-workspace.invalid");
    assert_eq!(moved_in_feed.get_location(), Some(venue));
    assert_eq!(days(&cal).len(), want.len());
}

#[tokio::test]
async fn unknown_or_undated_visits_are_404_in_the_one_error_format() {
    let (addr, _store) = start().await;
    for path in [
        "/api/v1/tour/XX.ics",
        "/api/v1/tour/PI",
        "/api/v1/tour/PI.txt",
        // A real area whose visit has no date yet.
        "/api/v1/tour/LA.ics",
    ] {
        let res = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "not_found", "{path}: {body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn roadmap_feed_has_the_due_dates_of_the_filtered_actions() {
    let (addr, _store) = start().await;
    async fn due(addr: SocketAddr, query: &str) -> BTreeMap<String, (NaiveDate, NaiveDate)> {
        let export: Value = reqwest::get(format!("http://{addr}/api/v1/roadmap{query}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        export["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| !a["due"].as_str().unwrap().is_empty())
            .map(|a| {
                let d = day(a["due"].as_str().unwrap());
                (
                    format!("{}@ngo-workspace.invalid", a["id"].as_str().unwrap()),
                    (d, d.succ_opt().unwrap()),
                )
            })
            .collect()
    }
    let (_, all) = feed(addr, "/api/v1/roadmap.ics").await;
    let every = due(addr, "").await;
    assert_eq!(days(&all), every);
    assert!(every.len() >= 2);
    for query in ["?status=in_progress", "?status=done", "?q=kiertue"] {
        let (_, filtered) = feed(addr, &format!("/api/v1/roadmap.ics{query}")).await;
        let want = due(addr, query).await;
        assert_eq!(days(&filtered), want, "{query}");
        assert!(!want.is_empty() && want.len() < every.len(), "{query}");
    }
    let (_, one) = feed(addr, "/api/v1/roadmap.ics?q=kiertue").await;
    let tour = event(&one, "a-tour-pirkanmaa@ngo-workspace.invalid");
    assert!(tour.get_summary().unwrap().starts_with("Määräaika: "));
    assert!(tour
        .get_url()
        .unwrap()
        .starts_with(&format!("http://{addr}/roadmap?q=")));
}
