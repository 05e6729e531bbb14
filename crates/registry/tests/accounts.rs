//! What each role may write through a registry acting as its account, and
//! the audit trail: who changed what, reverts of edits and of reviews.

mod common;

use common::registry_with_networks;
use citynets_model::{AccountRole, Fact, NewFact, Status};
use citynets_registry::audit::ChangeKind;
use citynets_registry::store::FactQuery;
use citynets_registry::{Registry, RegistryError};

fn fact(json: &str, status: Status) -> NewFact {
    NewFact { fact: serde_json::from_str::<Fact>(json).unwrap(), status, sources: Vec::new() }
}

const TWINNING: &str = r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962"}"#;
const DESIGNATION: &str = r#"{"kind":"designation","city":"Bologna","network":"UNESCO Creative Cities Network","field":"Music","since":"2006"}"#;

async fn current(r: &Registry) -> usize {
    r.store().facts(&FactQuery::default()).await.unwrap().len()
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, RegistryError>) -> String {
    match r {
        Err(RegistryError::Forbidden(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn roles_write_within_their_scope_only() {
    let (r, _d) = registry_with_networks().await;
    let pw = "a long enough password";
    let bologna = r.add_user("bo", pw, AccountRole::CityEditor, Some("Bologna")).await.unwrap();
    let leipzig = r.add_user("le", pw, AccountRole::CityEditor, Some("Leipzig")).await.unwrap();
    let uccn = r.add_user("un", pw, AccountRole::NetworkEditor, Some("UNESCO Creative Cities Network")).await.unwrap();
    let reviewer = r.add_user("re", pw, AccountRole::Reviewer, None).await.unwrap();
    assert_eq!(bologna.scope.as_deref(), Some("bologna-it"), "scopes are stored as keys");

    // The UCCN's editor adds the designation, not the twinning; a refused
    // batch writes nothing, not even its other facts.
    let as_uccn = r.acting_as(&uccn);
    let both = [fact(DESIGNATION, Status::Accepted), fact(TWINNING, Status::Accepted)];
    let m = forbidden(as_uccn.add(&both, Vec::new(), None).await);
    assert!(m.contains("un (network_editor of uccn)") && m.contains("fact 1"), "{m}");
    assert_eq!(current(&r).await, 0);
    let ids = as_uccn.add(&both[..1], Vec::new(), Some("designation list".into())).await.unwrap().ids;
    let designation = r.store().fact(ids[0]).await.unwrap().unwrap();
    assert_eq!((designation.author.as_deref(), designation.comment.as_deref()), (Some("un"), Some("designation list")));

    // Either city of a twinning may edit it; the reviewer only proposes.
    let twinning = r.acting_as(&leipzig).add(&[fact(TWINNING, Status::Accepted)], Vec::new(), None).await.unwrap().ids[0];
    let fixed = r.acting_as(&bologna).correct(twinning, &serde_json::json!({ "since": "1963" }), Some("typo".into())).await.unwrap();
    forbidden(r.acting_as(&uccn).correct(fixed.id, &serde_json::json!({ "since": "1964" }), None).await);
    forbidden(r.acting_as(&reviewer).correct(fixed.id, &serde_json::json!({ "since": "1964" }), None).await);
    forbidden(r.acting_as(&reviewer).add(&[fact(TWINNING, Status::Accepted)], Vec::new(), None).await);

    // The Bologna editor reverts its own correction: a new version, 1962 again.
    let back = r.acting_as(&bologna).revert(fixed.id, Some("the register says 1962")).await.unwrap();
    assert_eq!((back.supersedes, back.author.as_deref()), (Some(fixed.id), Some("bo")));
    assert!(matches!(back.fact, Fact::Twinning { ref since, .. } if since.map(|d| d.to_string()).as_deref() == Some("1962")));
    assert!(matches!(r.revert(fixed.id, None).await, Err(RegistryError::Store(_))), "an older version is not reverted");

    // A reviewer's decision is reverted by a reviewer (back to proposed),
    // not by an editor of another city.
    let proposal = r.acting_as(&reviewer).add(&[fact(r#"{"kind":"twinning","city":"Leipzig","other":"Kraków","since":"1995"}"#, Status::Proposed)], Vec::new(), None).await.unwrap().ids[0];
    let accepted = r.acting_as(&reviewer).decide(&[proposal], true, Some("checked")).await.unwrap()[0];
    forbidden(r.acting_as(&bologna).revert(accepted, None).await);
    let undone = r.acting_as(&reviewer).revert(accepted, Some("too early")).await.unwrap();
    assert_eq!(undone.status, Status::Proposed);

    // The history of Bologna lists each change, newest first, with what it changed.
    let history = r.city_history("bologna-it", 50, 0).await.unwrap();
    let kinds: Vec<(ChangeKind, Option<&str>)> = history.iter().map(|c| (c.change, c.version.author.as_deref())).collect();
    assert_eq!(kinds, [(ChangeKind::Edited, Some("bo")), (ChangeKind::Edited, Some("bo")), (ChangeKind::Added, Some("le")), (ChangeKind::Added, Some("un"))]);
    assert_eq!(history[1].fields, ["since"]);
    let leipzig_history = r.city_history("leipzig-de", 50, 0).await.unwrap();
    assert_eq!(leipzig_history.iter().filter(|c| c.change == ChangeKind::Reviewed).count(), 1, "the acceptance; its revert is an edit back to proposed");
}

/// An account's name is 1 to 64 characters (not bytes), as docs/api.md says.
#[tokio::test]
async fn account_names_are_counted_in_characters() {
    let (r, _d) = registry_with_networks().await;
    let pw = "a long enough password";
    r.add_user(&"ł".repeat(64), pw, AccountRole::Admin, None).await.unwrap();
    let refused = r.add_user(&"ł".repeat(65), pw, AccountRole::Admin, None).await.unwrap_err();
    assert!(refused.to_string().contains("1 to 64 characters"), "{refused}");
}
