//! Follows, read marks and notifications against the real embedded
//! SurrealDB.

use super::*;
use crate::roadmap::inbox::{theme_key, Reader};
use crate::roadmap::Theme;
use serde_json::json;

#[tokio::test]
async fn follows_and_read_marks_are_kept_per_account_and_marks_only_move_forward() {
    let store = Store::open_in_memory().await.unwrap();
    store.set_follow("acc-a", "area-pi", true).await.unwrap();
    store
        .set_follow("acc-a", &theme_key(Theme::Ict), true)
        .await
        .unwrap();
    store.set_follow("acc-a", "g-1", false).await.unwrap();
    // Following again, then not: one row, the last choice.
    store.set_follow("acc-a", "area-pi", false).await.unwrap();
    store.set_follow("acc-a", "area-pi", true).await.unwrap();
    store.set_follow("acc-b", "area-ks", true).await.unwrap();
    let a = store.follows("acc-a").await.unwrap();
    assert_eq!(
        a.on.iter().map(String::as_str).collect::<Vec<_>>(),
        ["area-pi", "theme:ict"]
    );
    assert_eq!(
        a.off.iter().map(String::as_str).collect::<Vec<_>>(),
        ["g-1"]
    );
    assert_eq!(store.follows("acc-b").await.unwrap().on.len(), 1);

    assert_eq!(store.read_marks("acc-a").await.unwrap(), Default::default());
    store.mark_read("acc-a", Some("area-pi"), 40).await.unwrap();
    store.mark_read("acc-a", Some("area-pi"), 30).await.unwrap();
    store.mark_read("acc-a", None, 20).await.unwrap();
    let m = store.read_marks("acc-a").await.unwrap();
    assert_eq!(
        (m.all, m.read_up_to("area-pi"), m.read_up_to("g-1")),
        (20, 40, 20)
    );
    store.mark_read("acc-a", None, 50).await.unwrap();
    store.mark_read("acc-a", None, 10).await.unwrap();
    let m = store.read_marks("acc-a").await.unwrap();
    assert_eq!((m.all, m.items.len()), (50, 0));
    assert_eq!(store.read_marks("acc-b").await.unwrap().all, 0);
    // Nothing followed has changed: no notifications.
    let me = Reader {
        account: "acc-a",
        name: "Aino",
    };
    assert!(store.notifications(&me).await.unwrap().is_empty());
}

#[tokio::test]
async fn mention_names_match_any_word_start_of_active_accounts() {
    use crate::auth::Role;
    let store = Store::open_in_memory().await.unwrap();
    for (email, name) in [
        ("a@x.fi", "Aino Virtanen"),
        ("b@x.fi", "Bertta Aalto"),
        ("c@x.fi", "Cecilia"),
    ] {
        store
            .create_account(email, name, Role::Viewer, "hash", "test")
            .await
            .unwrap();
    }
    assert_eq!(
        store.names_starting("a", 8).await.unwrap(),
        ["Aino Virtanen", "Bertta Aalto"]
    );
    assert_eq!(
        store.names_starting("VIR", 8).await.unwrap(),
        ["Aino Virtanen"]
    );
    assert_eq!(store.names_starting("a", 1).await.unwrap().len(), 1);
    assert!(store.names_starting("z", 8).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_look_at_activity_after_a_break_marks_what_came_since_the_last_one() {
    let store = Store::open_in_memory().await.unwrap();
    // A first visit marks nothing, nor do looks during it.
    assert_eq!(store.look_at_activity("acc-a").await.unwrap(), None);
    assert_eq!(store.look_at_activity("acc-a").await.unwrap(), None);
    // The last look was long ago: this is the next visit.
    let long_ago = "2026-01-01T08:00:00.000Z";
    store
        .db
        .query("UPDATE type::record('activity_visit', $a) SET visits.last = $t")
        .bind(json!({ "a": "acc-a", "t": long_ago }))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        store.look_at_activity("acc-a").await.unwrap().as_deref(),
        Some(long_ago)
    );
    // Looks during this visit keep the same mark.
    assert_eq!(
        store.look_at_activity("acc-a").await.unwrap().as_deref(),
        Some(long_ago)
    );
    // Per account.
    assert_eq!(store.look_at_activity("acc-b").await.unwrap(), None);
}
