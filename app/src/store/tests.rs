//! The store against the real embedded SurrealDB (in memory, and on disk
//! with surrealkv for persistence).

use super::*;
use crate::auth::Actor;
use crate::model::{validate_contacts, ContactsInput, InfluencePlace, Progress, AREA_CODES};

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

#[tokio::test]
async fn a_place_edit_is_stored_with_its_history() {
    let store = Store::open_in_memory().await.unwrap();
    let area = store
        .update_place(
            "KS",
            InfluencePlace::Hyte,
            Progress::InProgress,
            "Neuvottelu 5.3.",
            &who("Anna"),
        )
        .await
        .unwrap();
    assert_eq!(area.places.hyte.status, Progress::InProgress);
    assert_eq!(area.places.hyte.note, "Neuvottelu 5.3.");
    assert_eq!(area.places.hyte.stamp.updated_by.as_deref(), Some("Anna"));
    assert!(area.places.hyte.stamp.updated_at.is_some());
    // Other places and areas are untouched.
    assert_eq!(area.places.grants.status, Progress::Unknown);
    let other = store.get_area("PI").await.unwrap().unwrap();
    assert_eq!(other.places.hyte.status, Progress::Unknown);
    // Reading again gives the same.
    assert_eq!(store.get_area("KS").await.unwrap().unwrap(), area);
    let history = store.area_history("KS", 50).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].section, "places.hyte");
    assert_eq!(history[0].by, "Anna");
}

#[tokio::test]
async fn an_edit_of_an_unknown_area_stores_nothing() {
    let store = Store::open_in_memory().await.unwrap();
    let err = store
        .update_place(
            "XX",
            InfluencePlace::Grants,
            Progress::Done,
            "",
            &who("Anna"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert!(store.area_history("XX", 50).await.unwrap().is_empty());
    assert_eq!(store.list_areas().await.unwrap().len(), 22);
}

#[tokio::test]
async fn contacts_can_be_named_and_cleared() {
    let store = Store::open_in_memory().await.unwrap();
    let named = validate_contacts(&ContactsInput {
        name: "Anna Virtanen".into(),
        role: "Järjestöyhdyshenkilö".into(),
        email: "anna@example.fi".into(),
        phone: "040 123 4567".into(),
        network_org: "Alueen järjestöverkosto ry".into(),
    })
    .unwrap();
    let area = store
        .update_contacts("LA", named, &who("Pekka"))
        .await
        .unwrap();
    let person = area.contacts.person.unwrap();
    assert_eq!(person.email, "anna@example.fi");
    assert_eq!(
        area.contacts.network_org.as_deref(),
        Some("Alueen järjestöverkosto ry")
    );
    let cleared = validate_contacts(&ContactsInput::default()).unwrap();
    let area = store
        .update_contacts("LA", cleared, &who("Pekka"))
        .await
        .unwrap();
    assert_eq!(area.contacts.person, None);
    assert_eq!(area.contacts.network_org, None);
    assert_eq!(store.area_history("LA", 50).await.unwrap().len(), 2);
}

#[tokio::test]
async fn text_is_stored_as_text() {
    let store = Store::open_in_memory().await.unwrap();
    let payload = "<script>alert('x')</script> '; DELETE area; --";
    let area = store
        .update_place(
            "EK",
            InfluencePlace::Hyte,
            Progress::Done,
            payload,
            &who("Ö'Brien"),
        )
        .await
        .unwrap();
    assert_eq!(area.places.hyte.note, payload);
    assert_eq!(area.places.hyte.status, Progress::Done);
    assert_eq!(store.list_areas().await.unwrap().len(), 22);
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
        store
            .update_place(
                "PO",
                InfluencePlace::Strategy,
                Progress::Done,
                "Hyväksytty",
                &who("Anna"),
            )
            .await
            .unwrap();
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
    }
}
