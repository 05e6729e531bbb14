//! The member counts of every network are kept between reads, and a write
//! (by this store or by another server's on the same database) makes the
//! next read count again; how complete each network's member data is
//! counts members with a stated start and with a source. On SQLite always,
//! and on PostgreSQL when `CITYNETS_TEST_POSTGRES` holds a server URL.

mod common;

use citynets_model::PartialDate;
use citynets_store::scratch::{self, ScratchPostgres};
use citynets_store::{Batch, Completeness, SqlStore, Store};
use common::{city, doc, membership, network, on_postgres};
use sqlx::Connection;

async fn counts(store: &SqlStore, as_of: &str) -> Vec<(String, i64)> {
    store.member_counts(as_of.parse::<PartialDate>().unwrap()).await.unwrap()
}

fn member(n: usize) -> Batch {
    let mut f = membership(&format!("C{n}"), Some("2000"), "a");
    f.refs.city = Some(format!("c{n}-it"));
    Batch { facts: vec![f], ..Batch::default() }
}

/// `a` and `b` are two stores on one database; `url` reaches it directly.
async fn counts_follow_writes(a: &SqlStore, b: &SqlStore, url: &str) {
    let cities = (0..4).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    a.write(&Batch { networks: vec![network()], cities, documents: vec![doc("a", None)], ..Batch::default() }).await.unwrap();
    assert_eq!(counts(a, "2010").await, []);
    a.write(&member(0)).await.unwrap();
    assert_eq!(counts(a, "2010").await, [("eurocities".to_string(), 1)], "a write of this store");
    b.write(&member(1)).await.unwrap();
    assert_eq!(counts(a, "2010").await, [("eurocities".to_string(), 2)], "a write of another store");
    assert_eq!(counts(a, "1990").await, [], "another date");
    assert_eq!(counts(a, "2010").await, [("eurocities".to_string(), 2)]);

    // A change behind the stores' backs moves no version: the kept counts
    // answer until the next write.
    let mut raw = sqlx::AnyConnection::connect(url).await.unwrap();
    sqlx::query("UPDATE facts SET status = 'rejected'").execute(&mut raw).await.unwrap();
    raw.close().await.unwrap();
    assert_eq!(counts(a, "2010").await, [("eurocities".to_string(), 2)], "the counts were kept");
    b.write(&member(2)).await.unwrap();
    assert_eq!(counts(a, "2010").await, [("eurocities".to_string(), 1)], "counted again after a write");
}

#[tokio::test]
async fn member_counts_follow_writes_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counts.db");
    let a = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    let b = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    counts_follow_writes(&a, &b, &format!("sqlite://{}", path.display())).await;
}

#[tokio::test]
async fn member_counts_follow_writes_on_postgres() {
    let Some(server) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&server, "citynets_test").await.unwrap();
    let a = SqlStore::open(&db.url).await.unwrap();
    let b = SqlStore::open(&db.url).await.unwrap();
    counts_follow_writes(&a, &b, &db.url).await;
    a.close().await;
    b.close().await;
    db.drop().await.unwrap();
}

async fn completeness_counts_years_and_sources(s: &SqlStore) {
    let cities = (0..3).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    s.write(&Batch { networks: vec![network()], cities, documents: vec![doc("a", None)], ..Batch::default() }).await.unwrap();
    assert_eq!(s.member_completeness().await.unwrap(), []);
    let dated = membership("C0", Some("2000"), "a");
    let undated = membership("C1", None, "a");
    let mut unsourced = membership("C2", Some("1999"), "a");
    unsourced.sources.clear();
    s.write(&Batch { facts: vec![dated, undated, unsourced], ..Batch::default() }).await.unwrap();
    let expected = Completeness { network: "eurocities".into(), members: 3, with_year: 2, with_source: 2 };
    assert_eq!(s.member_completeness().await.unwrap(), [expected]);
}

#[tokio::test]
async fn completeness_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let s = SqlStore::open(dir.path().join("c.db").to_str().unwrap()).await.unwrap();
    completeness_counts_years_and_sources(&s).await;
}

#[tokio::test]
async fn completeness_on_postgres() {
    on_postgres(completeness_counts_years_and_sources).await;
}
