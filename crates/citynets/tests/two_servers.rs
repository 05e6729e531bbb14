//! Two `citynets serve` processes on one PostgreSQL database, as two app
//! servers behind a load balancer: what one writes the other reads, a
//! correction through either is seen by both, two changes of one fact at
//! once leave one winner and a conflict, and search on one server finds
//! what the other wrote after its periodic sync. A server on a read-only
//! replica serves reads and refuses writes plainly.
//!
//! Needs `CITYNETS_TEST_POSTGRES` (a fresh database is created on that
//! server for the run and dropped after); skips, saying so, without it.

mod support;

use std::time::Duration;

use citynets_registry::store::scratch::{self, ScratchPostgres};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Server, connect, eventually, get, patch, post, scalar};

/// A role fact with a holder no other fact names.
fn role(holder: &str) -> Value {
    json!({ "kind": "role", "holder": holder, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2031" })
}

async fn add(server: &Server, token: &str, fact: &Value) -> i64 {
    let (status, v) = post(&server.url("/api/facts"), token, fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["added"], 1, "{v}");
    v["facts"][0]["id"].as_i64().expect("an id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_database_read_and_write_consistently() {
    let Some(admin) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&admin, "citynets_two_servers").await.expect("a scratch database");

    // A starts first and loads the bundled data; B finds it loaded.
    let a = Server::start(&db.url);
    assert!(a.log().contains("bundled data loaded"), "A loads the bundled data: {}", a.log());
    let token = support::admin_token(&db.url);
    let b = Server::start(&db.url);
    assert!(!b.log().contains("bundled data loaded"), "B does not load it again: {}", b.log());
    let (_, na) = get(&a.url("/api/networks")).await;
    let (_, nb) = get(&b.url("/api/networks")).await;
    assert_eq!(na, nb, "both serve the same registry");

    // Written through A, read through B.
    let id = add(&a, &token, &role("Orsolya Brennwald")).await;
    let (status, v) = get(&b.url(&format!("/api/facts/{id}"))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!((v["holder"].as_str(), v["superseded_by"].as_i64()), (Some("Orsolya Brennwald"), None), "{v}");

    // Corrected through B, seen by A.
    let (status, v) = patch(&b.url(&format!("/api/facts/{id}")), &token, &json!({ "to": "2033", "comment": "through B" })).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let mut current = v["id"].as_i64().expect("the new version");
    let (_, old) = get(&a.url(&format!("/api/facts/{id}"))).await;
    assert_eq!(old["superseded_by"].as_i64(), Some(current), "A sees the correction: {old}");
    let (_, new) = get(&a.url(&format!("/api/facts/{current}"))).await;
    assert_eq!((new["to"].as_str(), new["comment"].as_str()), (Some("2033"), Some("through B")), "{new}");

    // The same version changed through A and B at once: one wins, the other
    // is told it is no longer current.
    const ROUNDS: usize = 10;
    for round in 0..ROUNDS {
        let path = format!("/api/facts/{current}");
        let body = |server: &str| json!({ "comment": format!("round {round} through {server}"), "to": format!("{}", 2040 + round) });
        let (url_a, url_b, body_a, body_b) = (a.url(&path), b.url(&path), body("A"), body("B"));
        let (ra, rb) = tokio::join!(patch(&url_a, &token, &body_a), patch(&url_b, &token, &body_b));
        let mut statuses = [ra.0, rb.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "round {round}: {} / {}", ra.1, rb.1);
        let (winner, loser) = if ra.0 == StatusCode::OK { (ra.1, rb.1) } else { (rb.1, ra.1) };
        let message = loser["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(&format!("fact {current} is not current")), "the loser is told why: {loser}");
        current = winner["id"].as_i64().expect("the winner's version");
        assert!(message.contains(&format!("superseded by fact {current}")), "and which version to change: {loser}");
    }

    // One current version per lineage, and this lineage's history is
    // every winning change.
    let (_, v) = get(&b.url(&format!("/api/facts/{current}"))).await;
    let history = v["history"].as_array().expect("a history");
    assert_eq!(history.len(), 2 + ROUNDS, "{v}");
    assert_eq!(history.iter().filter(|h| h["superseded_at"].is_null()).count(), 1, "{v}");
    let mut conn = connect(&db.url).await;
    assert_eq!(scalar(&mut conn, support::LINEAGES_WITH_TWO_CURRENT).await, 0);
    // And none has none (only accepting a proposal into a known fact
    // closes a lineage for good, and nothing here does).
    let lineages = scalar(&mut conn, "SELECT COUNT(DISTINCT lineage) FROM facts").await;
    let current = scalar(&mut conn, "SELECT COUNT(*) FROM facts WHERE superseded_at IS NULL").await;
    assert_eq!(lineages, current, "every lineage has exactly one current version");

    // Search on B finds what A wrote once B has synced (every
    // SYNC_EVERY, 10 s); A finds it at once.
    let id = add(&a, &token, &role("Tamsin Quarrendel")).await;
    let (_, v) = get(&a.url("/api/search?q=Quarrendel&kind=fact")).await;
    assert_eq!(v["total"], 1, "A indexes its own write: {v}");
    let found = eventually(Duration::from_secs(60), || async {
        let (_, v) = get(&b.url("/api/search?q=Quarrendel&kind=fact")).await;
        (v["total"] == 1).then_some(v)
    })
    .await;
    let v = found.unwrap_or_else(|| panic!("B never found the fact A wrote; its log: {}", b.log()));
    assert!(v["hits"][0]["title"].as_str().unwrap_or_default().contains("Quarrendel"), "{v}");
    assert_eq!(v["hits"][0]["key"], id.to_string(), "{v}");

    drop(conn);
    drop((a, b));
    db.drop().await.expect("drop the scratch database");
}

/// A server whose database connections are read-only, as on a PostgreSQL
/// streaming replica (a hot standby refuses writes the same way, with
/// SQLSTATE 25006): it starts without migrating, serves what the primary's
/// server wrote, and answers a write with a 503 that says where to send it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_on_a_read_only_replica_serves_reads_and_refuses_writes() {
    let Some(admin) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&admin, "citynets_replica").await.expect("a scratch database");
    let primary = Server::start(&db.url);
    let token = support::admin_token(&db.url);
    let sep = if db.url.contains('?') { '&' } else { '?' };
    let replica = Server::start(&format!("{}{sep}options=-c%20default_transaction_read_only%3Don", db.url));

    let id = add(&primary, &token, &role("Eilif Sandvaer")).await;
    let (status, v) = get(&replica.url(&format!("/api/facts/{id}"))).await;
    assert_eq!((status, v["holder"].as_str()), (StatusCode::OK, Some("Eilif Sandvaer")), "{v}");
    let (status, v) = get(&replica.url("/api/networks/uccn/members?country=IT")).await;
    assert_eq!(status, StatusCode::OK, "{v}");

    let (status, v) = post(&replica.url("/api/facts"), &token, &role("Brynja Holtedahl")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["error"]["message"], "the database is read-only here; send writes to the primary", "{v}");
    let (status, v) = patch(&replica.url(&format!("/api/facts/{id}")), &token, &json!({ "to": "2033" })).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    let (_, v) = get(&primary.url(&format!("/api/facts/{id}"))).await;
    assert_eq!(v["superseded_by"], Value::Null, "the refused correction left no trace: {v}");

    drop((primary, replica));
    db.drop().await.expect("drop the scratch database");
}
