//! The store against the real embedded SurrealDB (in memory, and on disk
//! with surrealkv for persistence).

use super::*;
use crate::auth::Actor;
use crate::model::{Area, Progress, AREA_CODES};
use crate::roadmap::field::Field;

#[tokio::test]
async fn opens_with_the_22_seeded_areas_in_a_fixed_order() {
    let store = Store::open_in_memory().await.unwrap();
    store.health().await.unwrap();
    let areas = store.list_areas().await.unwrap();
    let codes: Vec<_> = areas.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, AREA_CODES);
    let pi = store.get_area("PI").await.unwrap().unwrap();
    assert_eq!(pi.name_sv, "Birkalands välfärdsområde");
    assert_eq!(pi.population, 522_852);
    assert_eq!(pi.tour.date.as_deref(), Some("2023-02-09"));
    let hel = store.get_area("HEL").await.unwrap().unwrap();
    assert_eq!(hel.tour.date, None);
    assert_eq!(hel.places.hyte.status, Progress::Unknown);
    assert_eq!(hel.contacts.person, None);
    assert!(store.get_area("XX").await.unwrap().is_none());
}

/// Sets fields of an area's item the way the sync writer does: prepared
/// against the stored state, committed with the guarded commit.
async fn set_area(store: &Store, code: &str, fields: serde_json::Value, by: &Actor) -> Area {
    let req = crate::roadmap::ChangeRequest {
        cid: uuid::Uuid::new_v4().to_string(),
        item: crate::roadmap::area_id(code),
        op: crate::roadmap::ChangeOp::Set,
        kind: None,
        fields: serde_json::from_value(fields).unwrap(),
        base: Default::default(),
    };
    commit_as(store, req, by).await.unwrap();
    store.get_area(code).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_place_edit_is_read_back_from_the_log_with_its_history() {
    let store = Store::open_in_memory().await.unwrap();
    let area = set_area(
        &store,
        "KS",
        serde_json::json!({"hyte_status": "in_progress", "hyte_note": "Neuvottelu 5.3."}),
        &who("Anna"),
    )
    .await;
    assert_eq!(area.places.hyte.status, Progress::InProgress);
    assert_eq!(area.places.hyte.note, "Neuvottelu 5.3.");
    assert_eq!(area.places.hyte.stamp.updated_by.as_deref(), Some("Anna"));
    assert!(area.places.hyte.stamp.updated_at.is_some());
    // Other places and areas are untouched, and never changed.
    assert_eq!(area.places.grants.status, Progress::Unknown);
    assert_eq!(area.places.grants.stamp.updated_at, None);
    let other = store.get_area("PI").await.unwrap().unwrap();
    assert_eq!(other.places.hyte.status, Progress::Unknown);
    // The list says the same as the single read.
    let listed = store.list_areas().await.unwrap();
    assert_eq!(listed.iter().find(|a| a.code == "KS"), Some(&area));
    let history = store.area_history("KS", 50).await.unwrap();
    assert_eq!(history[0].by, "Anna");
    assert_eq!(history[0].account, "u-Anna");
    assert_eq!(history[0].prev["hyte_status"], serde_json::json!("unknown"));
    assert!(store.area_history("XX", 50).await.unwrap().is_empty());
}

#[tokio::test]
async fn every_area_has_its_item_on_the_log() {
    let store = Store::open_in_memory().await.unwrap();
    let state = store.roadmap_state().await.unwrap();
    for code in AREA_CODES {
        let item = state.area_item(code).expect(code);
        assert_eq!(item.text(Field::Area), code);
        assert_eq!(item.created.by, AREA_SEED_AUTHOR);
    }
    // Reopening the same database adds nothing.
    let head = state.head;
    store.seed_roadmap().await.unwrap();
    assert_eq!(store.roadmap_head().await.unwrap(), head);
}

#[tokio::test]
async fn contacts_can_be_named_and_cleared() {
    let store = Store::open_in_memory().await.unwrap();
    let area = set_area(
        &store,
        "LA",
        serde_json::json!({
            "contact_name": "Anna Virtanen", "contact_role": "Järjestöyhdyshenkilö",
            "contact_email": "anna@example.fi", "contact_phone": "040 123 4567",
            "network_org": "Alueen järjestöverkosto ry"
        }),
        &who("Pekka"),
    )
    .await;
    let person = area.contacts.person.unwrap();
    assert_eq!(person.email, "anna@example.fi");
    assert_eq!(
        area.contacts.network_org.as_deref(),
        Some("Alueen järjestöverkosto ry")
    );
    let cleared = serde_json::json!({
        "contact_name": "", "contact_role": "", "contact_email": "",
        "contact_phone": "", "network_org": ""
    });
    let area = set_area(&store, "LA", cleared, &who("Pekka")).await;
    assert_eq!(area.contacts.person, None);
    assert_eq!(area.contacts.network_org, None);
    assert_eq!(area.contacts.stamp.updated_by.as_deref(), Some("Pekka"));
}

#[tokio::test]
async fn text_is_stored_as_text() {
    let store = Store::open_in_memory().await.unwrap();
    let payload = "<script>alert('x')</script> '; DELETE area; --";
    let area = set_area(
        &store,
        "EK",
        serde_json::json!({"hyte_note": payload, "hyte_status": "done"}),
        &who("Ö'Brien"),
    )
    .await;
    assert_eq!(area.places.hyte.note, payload);
    assert_eq!(area.places.hyte.status, Progress::Done);
    assert_eq!(store.list_areas().await.unwrap().len(), 22);
}

/// A database as the layout before areas were on the log left it: area
/// documents with their sections written in place, one `area_change` row
/// per edit, and no `area-<code>` items.
async fn old_layout(url: &str) {
    let store = Store::open(&DbConfig::new(url)).await.unwrap();
    // Undo what today's open did for areas: no area items on the log.
    store
        .db
        .query(
            "DELETE roadmap_change WHERE kind = 'area';
             DELETE roadmap_item WHERE doc.kind = 'area';
             UPDATE roadmap_counter:head SET seq = (math::max((SELECT VALUE seq FROM roadmap_change)) ?? 0);",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    let contacts_1 = serde_json::json!({"person": {"name": "Anna", "role": "Yhdyshenkilö", "email": "anna@pirha.fi", "phone": ""}, "network_org": null, "updated_at": "2025-03-01T09:00:00.000Z", "updated_by": "Anna"});
    let contacts_2 = serde_json::json!({"person": {"name": "Anna Virtanen", "role": "Yhdyshenkilö", "email": "anna@pirha.fi", "phone": "040 123 4567"}, "network_org": "Pirkanmaan verkosto", "updated_at": "2025-03-02T09:00:00.000Z", "updated_by": "Olli"});
    let hyte = serde_json::json!({"status": "in_progress", "note": "Neuvottelu 5.3.", "updated_at": "2025-03-03T09:00:00.000Z", "updated_by": "Olli"});
    store
        .db
        .query(
            "UPDATE area SET contacts = $c2, places.hyte = $hyte WHERE code = 'PI';
             CREATE area_change CONTENT { area: 'PI', section: 'contacts', value: $c1, at: '2025-03-01T09:00:00.000Z', by: 'Anna', account: 'u-anna' };
             CREATE area_change CONTENT { area: 'PI', section: 'contacts', value: $c2, at: '2025-03-02T09:00:00.000Z', by: 'Olli', account: 'u-olli' };
             CREATE area_change CONTENT { area: 'PI', section: 'places.hyte', value: $hyte, at: '2025-03-03T09:00:00.000Z', by: 'Olli', account: 'u-olli' };
             UPDATE area SET places.grants = { status: 'done', note: 'Ennen historiaa', updated_at: '2024-01-01T00:00:00.000Z', updated_by: 'Vanha' } WHERE code = 'KS';",
        )
        .bind(serde_json::json!({"c1": contacts_1, "c2": contacts_2, "hyte": hyte}))
        .await
        .unwrap()
        .check()
        .unwrap();
}

#[tokio::test]
async fn an_old_database_moves_its_areas_onto_the_log_once() {
    let dir = std::env::temp_dir().join(format!(
        "ngo-migration-test-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let url = format!("surrealkv://{}", dir.display());
    old_layout(&url).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let store = Store::open(&DbConfig::new(&url)).await.unwrap();
    let pi = store.get_area("PI").await.unwrap().unwrap();
    let person = pi.contacts.person.clone().unwrap();
    assert_eq!(person.name, "Anna Virtanen");
    assert_eq!(person.phone, "040 123 4567");
    assert_eq!(
        pi.contacts.network_org.as_deref(),
        Some("Pirkanmaan verkosto")
    );
    assert_eq!(pi.contacts.stamp.updated_by.as_deref(), Some("Olli"));
    assert_eq!(pi.places.hyte.status, Progress::InProgress);
    assert_eq!(pi.places.hyte.note, "Neuvottelu 5.3.");
    // The history is on the log, oldest edit first, with its authors,
    // times and accounts.
    let mut history = store.area_history("PI", 100).await.unwrap();
    history.retain(|e| e.item == "area-pi");
    history.reverse();
    let summary: Vec<(&str, &str, &str)> = history
        .iter()
        .map(|e| (e.by.as_str(), e.at.as_str(), e.account.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (AREA_SEED_AUTHOR, history[0].at.as_str(), ""),
            ("Anna", "2025-03-01T09:00:00.000Z", "u-anna"),
            ("Olli", "2025-03-02T09:00:00.000Z", "u-olli"),
            ("Olli", "2025-03-03T09:00:00.000Z", "u-olli"),
        ]
    );
    assert_eq!(history[1].fields["contact_name"], serde_json::json!("Anna"));
    assert_eq!(
        history[2].fields["contact_name"],
        serde_json::json!("Anna Virtanen")
    );
    assert_eq!(history[2].prev["contact_name"], serde_json::json!("Anna"));
    // A value without history is kept too, attributed to its stamp.
    let ks = store.get_area("KS").await.unwrap().unwrap();
    assert_eq!(ks.places.grants.status, Progress::Done);
    assert_eq!(ks.places.grants.note, "Ennen historiaa");
    assert_eq!(ks.places.grants.stamp.updated_by.as_deref(), Some("Vanha"));
    // Every area got its item, the log has no gaps, and opening again
    // migrates nothing twice.
    let head = store.roadmap_head().await.unwrap();
    let log = store.roadmap_changes_since(0, 100_000).await.unwrap();
    assert_eq!(log.len() as u64, head);
    assert!(log.iter().enumerate().all(|(i, e)| e.seq == i as u64 + 1));
    assert_eq!(
        store.roadmap_state().await.unwrap(),
        crate::roadmap::RoadmapState::from_items(
            store
                .roadmap_state()
                .await
                .unwrap()
                .items
                .into_values()
                .collect(),
            head
        )
    );
    drop(store);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let store = Store::open(&DbConfig::new(&url)).await.unwrap();
    assert_eq!(store.roadmap_head().await.unwrap(), head);
    assert_eq!(store.get_area("PI").await.unwrap().unwrap(), pi);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn edits_survive_a_restart_and_reseeding_keeps_them() {
    let dir = std::env::temp_dir().join(format!(
        "ngo-store-test-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let url = format!("surrealkv://{}", dir.display());
    {
        let store = Store::open(&DbConfig::new(&url)).await.unwrap();
        set_area(
            &store,
            "PO",
            serde_json::json!({"strategy_status": "done", "strategy_note": "Hyväksytty"}),
            &who("Anna"),
        )
        .await;
    }
    // Give the engine a moment to release its files before reopening.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let store = Store::open(&DbConfig::new(&url)).await.unwrap();
    let po = store.get_area("PO").await.unwrap().unwrap();
    assert_eq!(po.places.strategy.status, Progress::Done);
    assert_eq!(store.list_areas().await.unwrap().len(), 22);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn surveys_are_seeded_and_imports_are_whole() {
    use crate::model::parse_survey_csv;
    let store = Store::open_in_memory().await.unwrap();
    let surveys = store.list_surveys().await.unwrap();
    assert_eq!(surveys.len(), 3);
    let brainstorm = store.get_survey("aivoriihi-2022").await.unwrap().unwrap();
    assert_eq!(brainstorm.respondents, Some(464));
    assert!(brainstorm.all_areas);
    let sectors = &brainstorm.results[0];
    assert_eq!(sectors.rows.iter().map(|r| r.value).sum::<f64>(), 100.0);
    let poll = store
        .get_survey("webinaarikysely-2022")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(poll.respondents, Some(244));
    assert_eq!(poll.results[0].rows[0].value, 41.0);

    // Importing the same file twice keeps both, under different ids.
    let csv = "title,Kevätkysely\ndate,2023-04-01\nn,50\nquestion,Mitä?\nlabel,count\nA,20\nB,30\n";
    let first = store
        .create_survey(parse_survey_csv(csv).unwrap().survey)
        .await
        .unwrap();
    let second = store
        .create_survey(parse_survey_csv(csv).unwrap().survey)
        .await
        .unwrap();
    assert_eq!(first.id, "kevatkysely-2023");
    assert_eq!(second.id, "kevatkysely-2023-2");
    assert_eq!(store.survey_count().await.unwrap(), 5);
    assert_eq!(
        store.get_survey("kevatkysely-2023").await.unwrap(),
        Some(first)
    );
    // Reopening (reseeding) does not duplicate the seeded surveys.
    store.seed_surveys().await.unwrap();
    assert_eq!(store.survey_count().await.unwrap(), 5);
}

fn who(name: &str) -> Actor {
    Actor {
        account: format!("u-{name}"),
        name: name.to_string(),
        role: crate::auth::Role::Editor,
    }
}

/// Authorizes, prepares and commits one change the way the sync writer
/// does; the refusal if there is one.
async fn commit_as(
    store: &Store,
    req: crate::roadmap::ChangeRequest,
    by: &Actor,
) -> Result<(), crate::roadmap::ChangeError> {
    let mut state = store.roadmap_state().await.unwrap();
    state.authorize(&req, by, "2026-12-06T10:00:00.000Z")?;
    let head = state.head;
    let mut entry = state.prepare(&req, &by.name, "2026-12-06T10:00:00.000Z", head + 1)?;
    entry.account = by.account.clone();
    state.apply(&entry);
    let item = state.items[&req.item].clone();
    store
        .commit_roadmap(head, &[entry], &[&item])
        .await
        .unwrap();
    Ok(())
}

fn comment_req(
    item: &str,
    op: crate::roadmap::ChangeOp,
    fields: serde_json::Value,
) -> crate::roadmap::ChangeRequest {
    crate::roadmap::ChangeRequest {
        cid: uuid::Uuid::new_v4().to_string(),
        item: item.into(),
        op,
        kind: (op == crate::roadmap::ChangeOp::Create).then_some(crate::roadmap::ItemKind::Comment),
        fields: serde_json::from_value(fields).unwrap(),
        base: Default::default(),
    }
}

#[tokio::test]
async fn hiding_a_comment_takes_its_text_out_of_the_log_and_into_the_audit_log() {
    use crate::auth::Role;
    use crate::roadmap::ChangeOp::{Create, Set};
    let store = Store::open_in_memory().await.unwrap();
    let viewer = Actor {
        role: Role::Viewer,
        ..who("Ville")
    };
    let admin = Actor {
        role: Role::Admin,
        ..who("Aino")
    };
    let body = |text: &str| serde_json::json!({ "subject": "area-pi", "body": text });
    commit_as(
        &store,
        comment_req("k-1", Create, body("ensimmäinen salaisuus")),
        &viewer,
    )
    .await
    .unwrap();
    commit_as(
        &store,
        comment_req("k-1", Set, serde_json::json!({"body": "toinen salaisuus"})),
        &viewer,
    )
    .await
    .unwrap();
    // A second comment, deleted by its author: gone from the log, not audited.
    commit_as(
        &store,
        comment_req("k-2", Create, body("poistuva salaisuus")),
        &viewer,
    )
    .await
    .unwrap();
    commit_as(
        &store,
        comment_req("k-2", Set, serde_json::json!({"deleted": true})),
        &viewer,
    )
    .await
    .unwrap();
    let hide = comment_req("k-1", Set, serde_json::json!({"hidden": true}));
    let refused = commit_as(&store, hide.clone(), &viewer).await.unwrap_err();
    assert_eq!(refused.code, crate::roadmap::ErrorCode::Forbidden);
    commit_as(&store, hide, &admin).await.unwrap();

    let log =
        serde_json::to_string(&store.roadmap_changes_since(0, 10_000).await.unwrap()).unwrap();
    let state = serde_json::to_string(&store.roadmap_state().await.unwrap()).unwrap();
    for text in [&log, &state] {
        assert!(!text.contains("salaisuus"), "{text}");
    }
    assert_eq!(store.roadmap_item_history("k-1").await.unwrap().len(), 3);
    let audit = store.audit_log(None, 50).await.unwrap();
    let hidden: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "comment_hidden")
        .collect();
    assert_eq!(hidden.len(), 1, "{audit:?}");
    assert_eq!(
        (hidden[0].target.as_str(), hidden[0].detail.as_str()),
        ("k-1", "toinen salaisuus")
    );
    assert_eq!(hidden[0].account, admin.account);
    assert!(!serde_json::to_string(&audit).unwrap().contains("poistuva"));
}
