//! One storage scenario, run on SQLite always and on PostgreSQL when
//! `CITYNETS_TEST_POSTGRES` holds a server URL (a fresh database is created
//! on it for the run and dropped after).

mod common;

use citynets_model::City;
use citynets_store::{Batch, SqlStore, Store, StoreError};
use common::{city, doc, membership, network, on_postgres, scenario};

#[tokio::test]
async fn scenario_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/registry.db");
    let store = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    scenario(&store).await;
    assert_eq!(store.mismatched_entity_ids().await.unwrap(), 0, "every fact names its cities and network by their ids");
    store.close().await;
    // Reopening runs no migration twice and finds the data.
    let again = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(again.counts().await.unwrap().networks, 1);
}

#[tokio::test]
async fn scenario_on_postgres() {
    on_postgres(async |store| {
        scenario(store).await;
        assert_eq!(store.mismatched_entity_ids().await.unwrap(), 0, "every fact names its cities and network by their ids");
    })
    .await;
}

/// Writers that read before they write do not fail on each other: on SQLite
/// a write transaction takes the write lock when it begins.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_on_sqlite_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(SqlStore::open(dir.path().join("c.db").to_str().unwrap()).await.unwrap());
    let cities: Vec<City> = (0..16).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    let base = Batch { networks: vec![network()], cities, documents: vec![doc("a", None)], ..Default::default() };
    store.write(&base).await.unwrap();
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut f = membership(&format!("C{i}"), Some("2000"), "a");
                f.refs.city = Some(format!("c{i}-it"));
                for _ in 0..3 {
                    store.write(&Batch { facts: vec![f.clone()], ..Default::default() }).await?;
                }
                Ok::<_, StoreError>(())
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(store.counts().await.unwrap().accepted, 16);
}

/// Changes of one fact made at once: exactly one is recorded, the others
/// are told the fact is no longer current, and the lineage keeps one
/// current version.
async fn concurrent_changes_of_one_fact(store: std::sync::Arc<SqlStore>) {
    use citynets_model::Status;
    use citynets_store::Change;
    let base = Batch {
        networks: vec![network()],
        cities: vec![city("bologna-it", "Bologna", "IT")],
        documents: vec![doc("a", None)],
        facts: vec![membership("Bologna", Some("1991"), "a")],
        ..Default::default()
    };
    let id = store.write(&base).await.unwrap().ids[0];
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let change = Change { status: Some(Status::Rejected), comment: Some(format!("writer {i}")), ..Default::default() };
                store.change(id, &change).await
            })
        })
        .collect();
    let mut won = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(rec) => won.push(rec.id),
            Err(StoreError::NotCurrent { id: i, .. }) => assert_eq!(i, id),
            Err(other) => panic!("expected NotCurrent, got {other:?}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one change wins: {won:?}");
    let history = store.history(id).await.unwrap();
    assert_eq!(history.iter().map(|v| v.id).collect::<Vec<_>>(), [id, won[0]]);
    assert_eq!(history.iter().filter(|v| v.superseded_at.is_none()).count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_of_one_fact_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::open(dir.path().join("c.db").to_str().unwrap()).await.unwrap();
    concurrent_changes_of_one_fact(std::sync::Arc::new(store)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_of_one_fact_on_postgres() {
    on_postgres(async |store| concurrent_changes_of_one_fact(std::sync::Arc::new(store.clone())).await).await;
}
