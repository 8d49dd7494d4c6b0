//! The roadmap's log and items against the real embedded SurrealDB.

use super::*;
use crate::roadmap::field::Field;
use crate::roadmap::{ChangeOp, ChangeRequest, ItemKind, RoadmapState};
use serde_json::json;

fn set(cid: &str, item: &str, fields: serde_json::Value) -> ChangeRequest {
    ChangeRequest {
        cid: cid.into(),
        item: item.into(),
        op: ChangeOp::Set,
        kind: None,
        fields: serde_json::from_value(fields).unwrap(),
        base: Default::default(),
    }
}

#[tokio::test]
async fn seeds_the_roadmap_through_the_log_once() {
    let store = Store::open_in_memory().await.unwrap();
    let state = store.roadmap_state().await.unwrap();
    let seeds = seed_requests();
    // The seeded goals and actions, then one visit and one item per area.
    assert_eq!(state.head, seeds.len() as u64 + 22 + 22);
    assert_eq!(state.items.len(), seeds.len() + 22 + 22);
    assert_eq!(state.live_items(ItemKind::Goal).count(), 7);
    let tour = &state.items["a-tour-pirkanmaa"];
    assert_eq!(tour.areas(), vec!["PI"]);
    assert_eq!(tour.created.by, SEED_AUTHOR);
    // Every seed goal has a theme, every seed action an existing goal.
    for item in state.items.values() {
        match item.kind {
            ItemKind::Goal => assert!(item.theme().is_some(), "{}", item.id),
            ItemKind::Action => assert!(state.items.contains_key(item.goal()), "{}", item.id),
            ItemKind::Visit => assert_eq!(item.id, crate::roadmap::visit_id(item.visit_area())),
            ItemKind::Area => assert_eq!(item.id, crate::roadmap::area_id(item.text(Field::Area))),
            ItemKind::Comment => panic!("the seed has no comments: {}", item.id),
        }
    }
    // Seeding again (a restart) changes nothing.
    store.seed_roadmap().await.unwrap();
    assert_eq!(store.roadmap_state().await.unwrap(), state);
    let log = store.roadmap_changes_since(0, 100).await.unwrap();
    assert_eq!(log.len(), seeds.len() + 22 + 22);
    assert!(log.iter().enumerate().all(|(i, e)| e.seq == i as u64 + 1));
}

#[tokio::test]
async fn a_commit_is_all_or_nothing_and_guarded_by_the_head() {
    let store = Store::open_in_memory().await.unwrap();
    let mut state = store.roadmap_state().await.unwrap();
    let head = state.head;
    let e1 = state
        .prepare(
            &set("c-1", "a-tour", json!({"status": "done"})),
            "Aino",
            "t",
            head + 1,
        )
        .unwrap();
    state.apply(&e1);
    let items = [&state.items["a-tour"]];
    store
        .commit_roadmap(head, std::slice::from_ref(&e1), &items)
        .await
        .unwrap();
    let stored = store.roadmap_state().await.unwrap();
    assert_eq!(stored.head, head + 1);
    assert_eq!(stored.items["a-tour"].fields["status"], json!("done"));
    assert_eq!(stored, state, "the stored state equals the writer's");

    // The same head again: refused, nothing written.
    let e2 = state
        .prepare(
            &set("c-2", "a-tour", json!({"title": "X"})),
            "Aino",
            "t",
            head + 1,
        )
        .unwrap();
    let err = store.commit_roadmap(head, &[e2], &items).await.unwrap_err();
    assert!(matches!(err, CommitError::Stale), "{err}");
    // A resent cid: refused by the unique index, nothing written.
    let e3 = state
        .prepare(
            &set("c-1", "a-tour", json!({"title": "Y"})),
            "Aino",
            "t",
            head + 2,
        )
        .unwrap();
    let err = store
        .commit_roadmap(head + 1, &[e3], &items)
        .await
        .unwrap_err();
    assert!(matches!(err, CommitError::Stale), "{err}");
    assert_eq!(store.roadmap_state().await.unwrap(), stored);
    assert_eq!(store.roadmap_head().await.unwrap(), head + 1);

    let found = store.roadmap_entry_by_cid("c-1").await.unwrap().unwrap();
    assert_eq!(found, e1);
    let history = store.roadmap_item_history("a-tour").await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].op, ChangeOp::Create);
    assert_eq!(history[1].prev["status"], json!("in_progress"));
    assert_eq!(
        store.roadmap_changes_since(head, 10).await.unwrap(),
        vec![e1]
    );
}

#[tokio::test]
async fn the_log_replays_to_the_stored_items() {
    let store = Store::open_in_memory().await.unwrap();
    let mut state = store.roadmap_state().await.unwrap();
    for i in 0..20u64 {
        let head = state.head;
        let e = state
            .prepare(
                &set(
                    &format!("r-{i}"),
                    "g-hyte",
                    json!({"title": format!("Otsikko {i}")}),
                ),
                "B",
                "t",
                head + 1,
            )
            .unwrap();
        state.apply(&e);
        store
            .commit_roadmap(head, &[e], &[&state.items["g-hyte"]])
            .await
            .unwrap();
    }
    let mut replayed = RoadmapState::default();
    for e in store.roadmap_changes_since(0, 1000).await.unwrap() {
        replayed.apply(&e);
    }
    assert_eq!(replayed, store.roadmap_state().await.unwrap());
}

#[tokio::test]
async fn presence_rows_come_and_go() {
    let store = Store::open_in_memory().await.unwrap();
    let peer = crate::roadmap::Peer {
        session: "s-1".into(),
        name: "Aino".into(),
        editing: None,
        field: None,
        page: "/roadmap".into(),
    };
    store.upsert_presence("p1", &peer).await.unwrap();
    let other = crate::roadmap::Peer {
        session: "s-2".into(),
        name: "Bertta".into(),
        editing: Some("area-pi".into()),
        field: Some("hyte_note".into()),
        page: "/areas/PI".into(),
    };
    store.upsert_presence("p2", &other).await.unwrap();
    assert_eq!(
        store.list_presence(60).await.unwrap(),
        vec![peer.clone(), other.clone()]
    );
    store.remove_presence("s-2").await.unwrap();
    assert_eq!(store.list_presence(60).await.unwrap(), vec![peer]);
}

#[tokio::test]
async fn a_refreshed_process_keeps_its_viewers_and_a_silent_one_loses_them() {
    let store = Store::open_in_memory().await.unwrap();
    let peer = |session: &str| crate::roadmap::Peer {
        session: session.into(),
        name: session.into(),
        editing: None,
        field: None,
        page: "/roadmap".into(),
    };
    store.upsert_presence("alive", &peer("s-a")).await.unwrap();
    store.upsert_presence("dead", &peer("s-d")).await.unwrap();
    store.refresh_presence("dead").await.unwrap();
    // Both rows are older than `fresh` now; only "alive" says so again.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    store.refresh_presence("alive").await.unwrap();
    assert_eq!(store.list_presence(1).await.unwrap(), vec![peer("s-a")]);
    // The dead process's rows are gone, not only hidden.
    store.refresh_presence("dead").await.unwrap();
    assert_eq!(store.list_presence(1).await.unwrap(), vec![peer("s-a")]);
}

#[tokio::test]
async fn every_area_has_one_visit_and_the_area_reads_it() {
    let store = Store::open_in_memory().await.unwrap();
    let state = store.roadmap_state().await.unwrap();
    assert_eq!(state.live_items(ItemKind::Visit).count(), 22);
    let pi = state.visit("PI").unwrap();
    assert_eq!(pi.text(Field::Date), "2023-02-09");
    assert_eq!(pi.visit_status(), crate::model::TourStatus::Confirmed);
    assert_eq!(pi.created.by, VISIT_SEED_AUTHOR);
    // An edit of the visit is what the area (page, map, API) shows.
    let mut state = state;
    let head = state.head;
    let e = state
        .prepare(
            &set(
                "c-visit",
                "visit-hel",
                json!({"date": "2023-03-14", "venue": "Kaupungintalo", "status": "planned"}),
            ),
            "Aino",
            "2026-11-22T10:00:00Z",
            head + 1,
        )
        .unwrap();
    state.apply(&e);
    store
        .commit_roadmap(head, std::slice::from_ref(&e), &[&state.items["visit-hel"]])
        .await
        .unwrap();
    let hel = store.get_area("HEL").await.unwrap().unwrap();
    assert_eq!(hel.tour.date.as_deref(), Some("2023-03-14"));
    assert_eq!(hel.tour.venue, "Kaupungintalo");
    assert_eq!(hel.tour.status, crate::model::TourStatus::Planned);
    assert_eq!(hel.tour.stamp.updated_by.as_deref(), Some("Aino"));
    let listed = store.list_areas().await.unwrap();
    assert_eq!(
        listed.iter().find(|a| a.code == "HEL").unwrap().tour,
        hel.tour
    );
}

#[tokio::test]
async fn a_database_from_before_visits_gets_them_from_its_area_tour_data() {
    let store = Store::open_in_memory().await.unwrap();
    // What an older database looks like: tour data in the area document,
    // no visits in the log.
    store
        .db
        .query(
            "DELETE roadmap_change WHERE kind = 'visit';
             DELETE roadmap_item WHERE doc.kind = 'visit';
             UPDATE area:EK SET tour = { date: '2023-04-20', status: 'visited', notes: 'Sovittiin tiloista' };",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    let before = store.roadmap_head().await.unwrap();
    store.seed_roadmap().await.unwrap();
    let state = store.roadmap_state().await.unwrap();
    assert_eq!(state.head, before + 22);
    let ek = state.visit("EK").unwrap();
    assert_eq!(ek.text(Field::Notes), "Sovittiin tiloista");
    assert_eq!(ek.visit_status(), crate::model::TourStatus::Visited);
    assert_eq!(state.visit("PI").unwrap().text(Field::Date), "2023-02-09");
    // And only once.
    store.seed_roadmap().await.unwrap();
    assert_eq!(store.roadmap_head().await.unwrap(), before + 22);
}
