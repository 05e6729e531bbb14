//! The length limits of `citynets_model::limits` bound what a write brings,
//! not what was stored before them: a fact stored with a longer name can
//! still change its status (be withdrawn or reverted) as it is.

mod common;

use citynets_model::Status;
use citynets_store::{Batch, Change, FactInput, SqlStore, Store, StoreError};
use common::{city, doc, membership, network};
use sqlx::Connection;

#[tokio::test]
async fn a_fact_stored_before_the_limits_can_be_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limits.db");
    let store = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    let batch = Batch {
        networks: vec![network()],
        cities: vec![city("bologna-it", "Bologna", "IT")],
        documents: vec![doc("a", None)],
        facts: vec![membership("Bologna", None, "a")],
        ..Batch::default()
    };
    store.write(&batch).await.unwrap();

    // The fact as a registry from before the limits may hold it.
    let long = "Bologna ".repeat(100);
    let mut raw = sqlx::AnyConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM facts").fetch_one(&mut raw).await.unwrap();
    let body = format!("\"city\":\"{long}\"");
    sqlx::query("UPDATE facts SET body = replace(body, '\"city\":\"Bologna\"', $1)").bind(&body).execute(&mut raw).await.unwrap();
    raw.close().await.unwrap();
    let stored = store.fact(id).await.unwrap().unwrap();
    assert!(stored.fact.validate().is_err(), "the stored fact is over the limits: {:?}", stored.fact);

    let withdraw = Change { status: Some(Status::Rejected), comment: Some("withdrawn".into()), ..Default::default() };
    let record = store.change(id, &withdraw).await.unwrap();
    assert_eq!((record.status, &record.fact), (Status::Rejected, &stored.fact), "withdrawn as it was");

    // A change of its content is checked as any write.
    let input = FactInput { status: Status::Accepted, sources: Vec::new(), ..membership("Bologna", None, "a") };
    let mut fact = input.fact.clone();
    if let citynets_model::Fact::Membership { city, .. } = &mut fact {
        *city = format!("{long}!");
    }
    let edit = Change { fact: Some((fact, input.refs)), ..Default::default() };
    let refused = store.change(record.id, &edit).await.unwrap_err();
    assert!(matches!(&refused, StoreError::Invalid { field, .. } if field == "city"), "{refused:?}");
    store.close().await;
}
