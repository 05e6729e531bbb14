//! One storage scenario, run on SQLite always and on PostgreSQL when
//! `CITYNETS_TEST_POSTGRES` holds a server URL (a fresh database is created
//! on it for the run and dropped after).

mod common;

use citynets_store::scratch::{self, ScratchPostgres};
use citynets_model::City;
use citynets_store::{Batch, SqlStore, Store, StoreError};
use common::{city, doc, membership, network, scenario};

#[tokio::test]
async fn scenario_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/registry.db");
    let store = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    scenario(&store).await;
    store.close().await;
    // Reopening runs no migration twice and finds the data.
    let again = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(again.counts().await.unwrap().networks, 1);
}

#[tokio::test]
async fn scenario_on_postgres() {
    let Some(url) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&url, "citynets_test").await.unwrap();
    let store = SqlStore::open(&db.url).await.unwrap();
    scenario(&store).await;
    store.close().await;
    db.drop().await.unwrap();
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
