//! Accounts, sessions, invitations and sign-in failures against the real
//! embedded SurrealDB.

use super::*;
use crate::auth::Role;

async fn store_with(policy: SessionPolicy) -> Store {
    Store::open_in_memory()
        .await
        .unwrap()
        .with_session_policy(policy)
}

#[tokio::test]
async fn accounts_are_unique_by_email_and_sessions_follow_them() {
    let store = Store::open_in_memory().await.unwrap();
    let a = store
        .create_account("aino@test.fi", "Aino", Role::Editor, "$hash", "cli")
        .await
        .unwrap();
    let again = store
        .create_account("aino@test.fi", "Toinen", Role::Admin, "$hash", "cli")
        .await
        .unwrap_err();
    assert!(matches!(again, AccountError::EmailTaken), "{again:?}");
    assert_eq!(store.list_accounts().await.unwrap().len(), 1);

    store
        .create_session("t1", &a.id, "c1", "127.0.0.1")
        .await
        .unwrap();
    store
        .create_session("t2", &a.id, "c2", "127.0.0.1")
        .await
        .unwrap();
    let (s, acc) = store
        .session("t1", store.session_policy())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (s.csrf.as_str(), acc.email.as_str()),
        ("c1", "aino@test.fi")
    );
    assert!(store
        .session("nope", store.session_policy())
        .await
        .unwrap()
        .is_none());

    // A password change keeps this session and ends the others.
    store.set_password(&a.id, "$new", "t1").await.unwrap();
    assert!(store
        .session("t1", store.session_policy())
        .await
        .unwrap()
        .is_some());
    assert!(store
        .session("t2", store.session_policy())
        .await
        .unwrap()
        .is_none());

    // Deactivation ends every session at once; reactivation needs a new
    // sign-in.
    store.set_active(&a.id, false, "admin").await.unwrap();
    assert!(store
        .session("t1", store.session_policy())
        .await
        .unwrap()
        .is_none());
    store.set_active(&a.id, true, "admin").await.unwrap();
    assert!(store
        .session("t1", store.session_policy())
        .await
        .unwrap()
        .is_none());
    store.set_role(&a.id, Role::Viewer, "admin").await.unwrap();
    assert_eq!(
        store.account(&a.id).await.unwrap().unwrap().role,
        Role::Viewer
    );
    let log = store.audit_log(None, 50).await.unwrap();
    let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "account_created",
        "sign_in",
        "password_changed",
        "deactivated",
        "reactivated",
        "role_changed",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
}

#[tokio::test]
async fn idle_sessions_expire() {
    let store = store_with(SessionPolicy {
        idle_ms: 50,
        max_ms: 60_000,
    })
    .await;
    let a = store
        .create_account("b@test.fi", "B", Role::Editor, "$h", "cli")
        .await
        .unwrap();
    store.create_session("t", &a.id, "c", "ip").await.unwrap();
    assert!(store
        .session("t", store.session_policy())
        .await
        .unwrap()
        .is_some());
    tokio::time::sleep(std::time::Duration::from_millis(120)).await;
    assert!(store
        .session("t", store.session_policy())
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn an_invitation_is_used_once() {
    let store = Store::open_in_memory().await.unwrap();
    let far = now_ms() + 60_000;
    store
        .create_invitation("inv", "new@test.fi", Role::Editor, far, "admin", None)
        .await
        .unwrap();
    store
        .create_invitation(
            "old",
            "old@test.fi",
            Role::Editor,
            now_ms() - 1,
            "admin",
            None,
        )
        .await
        .unwrap();
    assert!(store.invitation("old").await.unwrap().is_none(), "expired");
    let inv = store.invitation("inv").await.unwrap().unwrap();
    assert_eq!(
        (inv.email.as_str(), inv.role),
        ("new@test.fi", Role::Editor)
    );
    let a = store.accept_invitation("inv", "Uusi", "$h").await.unwrap();
    assert_eq!(a.role, Role::Editor);
    let again = store
        .accept_invitation("inv", "Toinen", "$h")
        .await
        .unwrap_err();
    assert!(
        matches!(again, AccountError::InvitationInvalid),
        "{again:?}"
    );
    assert_eq!(store.list_accounts().await.unwrap().len(), 1);
}

#[tokio::test]
async fn sign_in_failures_are_counted_by_email_and_address() {
    let store = Store::open_in_memory().await.unwrap();
    let since = now_ms() - 1000;
    for _ in 0..3 {
        store
            .record_sign_in_failure("x@test.fi", "10.0.0.1")
            .await
            .unwrap();
    }
    store
        .record_sign_in_failure("y@test.fi", "10.0.0.1")
        .await
        .unwrap();
    let (by_email, by_ip) = store
        .sign_in_failures("x@test.fi", "10.0.0.1", since)
        .await
        .unwrap();
    assert_eq!((by_email.len(), by_ip.len()), (3, 4));
    store.prune_sign_in_failures(now_ms() + 1).await.unwrap();
    let (by_email, _) = store
        .sign_in_failures("x@test.fi", "10.0.0.1", since)
        .await
        .unwrap();
    assert!(by_email.is_empty());
}
