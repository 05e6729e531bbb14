//! Backup and restore: lossless, history included, on SQLite always and on
//! PostgreSQL when `CITYNETS_TEST_POSTGRES` is set.

mod common;

use citynets_model::{City, Network, NetworkKind, Status};
use citynets_store::scratch::{self, ScratchPostgres};
use citynets_store::{Batch, FactQuery, SqlStore, Store, StoreError, TABLES};
use common::{doc, membership, network, scenario};

/// A registry with history: the shared scenario, plus a network whose
/// parent comes after it in key order, and a city whose coordinates need all
/// 17 digits of a double (a JSON parser that rounds them loses a unit in
/// the last place).
async fn build(store: &dyn Store) {
    scenario(store).await;
    let net = |key: &str, parent: Option<&str>| Network {
        key: key.into(),
        name: key.to_uppercase(),
        kind: NetworkKind::National,
        parent: parent.map(Into::into),
        ..network()
    };
    let precise = City { lat: Some(37.774_929_5), lon: Some(-122.419_415_500_000_01), ..common::city("san-francisco-us", "San Francisco", "US") };
    let batch = Batch { networks: vec![net("a-national", Some("zz-global")), net("zz-global", None)], cities: vec![precise], ..Default::default() };
    store.write(&batch).await.unwrap();
}

async fn backup(store: &dyn Store) -> String {
    let mut out = Vec::new();
    store.backup(&mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

/// Everything but the header's `backend`.
fn body(dump: &str) -> (serde_json::Value, &str) {
    let (head, rows) = dump.split_once('\n').unwrap();
    let mut head: serde_json::Value = serde_json::from_str(head).unwrap();
    head["backend"] = serde_json::Value::Null;
    (head, rows)
}

async fn round_trip(from: &SqlStore, to: &SqlStore) {
    build(from).await;
    let first = backup(from).await;
    let header: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert_eq!(header["format"], "citynets-backup");
    let tables: Vec<&str> = header["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tables, TABLES.iter().map(|t| t.name).collect::<Vec<_>>());
    let rows_of = |name: &str| header["tables"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap()["rows"].as_u64().unwrap();
    let counts = from.counts().await.unwrap();
    let current = (counts.accepted + counts.proposed + counts.rejected) as u64;
    assert!(rows_of("facts") > current, "superseded versions are in the backup: {} rows, {current} current", rows_of("facts"));
    assert_eq!(first.lines().count() as u64, 1 + header["tables"].as_array().unwrap().iter().map(|t| t["rows"].as_u64().unwrap()).sum::<u64>());
    assert!(first.contains(r#""text":"text of a""#), "documents keep their texts");

    let report = to.restore(&mut first.as_bytes(), &|_, _| {}).await.unwrap();
    assert_eq!(report.rows.iter().find(|(t, _)| t == "facts").unwrap().1, rows_of("facts"));
    assert_eq!(to.mismatched_entity_ids().await.unwrap(), 0, "every fact names its cities and network by their ids");
    let second = backup(to).await;
    if from.backend() == to.backend() {
        assert_eq!(first, second, "a restored registry backs up to the same bytes");
    } else {
        assert_eq!(body(&first), body(&second), "the same rows in the same order on both backends");
    }

    // The same answers, now and as known on every past moment.
    assert_eq!(to.counts().await.unwrap(), counts);
    let all = from.facts(&FactQuery::default()).await.unwrap();
    let mut moments: Vec<String> = Vec::new();
    for f in &all {
        let history = from.history(f.id).await.unwrap();
        assert_eq!(to.history(f.id).await.unwrap(), history, "history of fact {}", f.id);
        moments.extend(history.iter().map(|h| h.recorded_at.clone()));
    }
    moments.sort();
    moments.dedup();
    assert!(moments.len() > 2, "{moments:?}");
    for t in &moments {
        let q = FactQuery { known_on: Some(t.clone()), ..Default::default() };
        assert_eq!(to.facts(&q).await.unwrap(), from.facts(&q).await.unwrap(), "as known on {t}");
    }
    let q = FactQuery { as_of: Some("1995".parse().unwrap()), ..Default::default() };
    assert_eq!(to.facts(&q).await.unwrap(), from.facts(&q).await.unwrap());
    let nets = to.networks().await.unwrap();
    assert_eq!(nets.iter().find(|n| n.key == "a-national").unwrap().parent.as_deref(), Some("zz-global"));

    // New writes after a restore get new ids (PostgreSQL's sequences moved on).
    let max = all.iter().map(|f| f.id).max().unwrap().max(rows_of("facts") as i64);
    let mut f = membership("Turin", Some("1999"), "b");
    f.refs.network = Some("zz-global".into());
    f.status = Status::Proposed;
    let r = to.write(&Batch { documents: vec![doc("e", None)], facts: vec![f], ..Default::default() }).await.unwrap();
    assert!(r.ids[0] > max, "new id {} after {max}", r.ids[0]);
    let rec = to.change(r.ids[0], &citynets_store::Change { status: Some(Status::Rejected), ..Default::default() }).await.unwrap();
    assert!(rec.id > r.ids[0]);

    // A restore only goes into an empty database.
    match to.restore(&mut first.as_bytes(), &|_, _| {}).await {
        Err(StoreError::NotEmpty(m)) => assert!(m.contains("facts"), "{m}"),
        other => panic!("expected NotEmpty, got {other:?}"),
    }
}

fn sqlite(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_str().unwrap().to_string()
}

/// Runs `test` from a store on one new SQLite file to a store on another
/// (opened for loading when `loading`).
async fn between_two_sqlite(loading: bool, test: impl AsyncFnOnce(&SqlStore, &SqlStore)) {
    let dir = tempfile::tempdir().unwrap();
    let a = SqlStore::open(&sqlite(&dir, "a.db")).await.unwrap();
    let b = if loading { SqlStore::open_for_loading(&sqlite(&dir, "b.db")).await } else { SqlStore::open(&sqlite(&dir, "b.db")).await }.unwrap();
    test(&a, &b).await;
}

#[tokio::test]
async fn round_trip_on_sqlite() {
    between_two_sqlite(false, async |a, b| round_trip(a, b).await).await;
}

/// Runs `test` from a store on one fresh database of the PostgreSQL server
/// at `url` to a store on another (opened for loading when `loading`),
/// both dropped after.
async fn between_two_postgres(url: &str, loading: bool, test: impl AsyncFnOnce(&SqlStore, &SqlStore)) {
    let (da, db) = (ScratchPostgres::create(url, "citynets_test").await.unwrap(), ScratchPostgres::create(url, "citynets_test").await.unwrap());
    let a = SqlStore::open(&da.url).await.unwrap();
    let b = if loading { SqlStore::open_for_loading(&db.url).await } else { SqlStore::open(&db.url).await }.unwrap();
    test(&a, &b).await;
    a.close().await;
    b.close().await;
    da.drop().await.unwrap();
    db.drop().await.unwrap();
}

#[tokio::test]
async fn round_trip_on_postgres_and_from_sqlite_to_postgres() {
    let Some(url) = scratch::test_server() else { return };
    between_two_postgres(&url, false, async |a, b| round_trip(a, b).await).await;

    let dir = tempfile::tempdir().unwrap();
    let a = SqlStore::open(&sqlite(&dir, "a.db")).await.unwrap();
    let dc = ScratchPostgres::create(&url, "citynets_test").await.unwrap();
    let c = SqlStore::open(&dc.url).await.unwrap();
    round_trip(&a, &c).await;
    c.close().await;
    dc.drop().await.unwrap();
}

/// A backup of schema 8 holds each fact's identity as text, where the
/// schema now holds a key (migration 0009): a restore computes the keys from
/// the facts, whatever the backup holds, and gives back the same registry.
/// A fact's body that cannot give one is named by line and field.
#[tokio::test]
async fn a_backup_of_schema_8_with_text_identities_restores() {
    between_two_sqlite(false, async |a, b| {
        build(a).await;
        let first = backup(a).await;
        let mut lines: Vec<String> = first.lines().map(str::to_string).collect();
        let mut header: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
        header["schema"] = 8.into();
        lines[0] = header.to_string();
        let mut texts = 0;
        for line in &mut lines[1..] {
            let mut row: serde_json::Value = serde_json::from_str(line).unwrap();
            if row["table"] == "facts" {
                row["row"]["identity"] = format!("{}|as schema 8 wrote it", row["row"]["kind"].as_str().unwrap()).into();
                *line = row.to_string();
                texts += 1;
            }
        }
        assert!(texts > 5, "{texts} facts");
        b.restore(&mut lines.join("\n").as_bytes(), &|_, _| {}).await.unwrap();
        assert_eq!(body(&backup(b).await), body(&first), "the keys computed again, the rows the same");
        // Found by their keys: the scenario's facts written again change nothing.
        let again = Batch { facts: b.facts(&FactQuery { status: Some(Status::Accepted), ..Default::default() }).await.unwrap().into_iter().map(|f| citynets_store::FactInput { fact: f.fact, refs: f.refs, status: f.status, sources: vec![] }).collect(), ..Default::default() };
        assert!(!again.facts.is_empty());
        let report = b.write(&again).await.unwrap();
        assert_eq!(report.unchanged, again.facts.len(), "{report:?}");
    })
    .await;
}

/// A backup taken before migration 0012 has no ids for cities and
/// networks, and its facts only their keys: a restore numbers the cities
/// and networks in key order and gives each fact the ids of its keys. The
/// registry is the same but for those ids, and is found by them.
#[tokio::test]
async fn a_backup_without_entity_ids_restores_with_them() {
    /// The backup's lines without the ids of cities and networks, in the
    /// header and the rows.
    fn without_ids(dump: &str, schema: Option<i64>) -> Vec<serde_json::Value> {
        let gone = |table: &str, column: &str| matches!((table, column), ("cities" | "networks", "id") | ("facts", "city_id" | "other_id" | "network_id"));
        let mut lines: Vec<serde_json::Value> = dump.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        if let Some(schema) = schema {
            lines[0]["schema"] = schema.into();
        }
        for t in lines[0]["tables"].as_array_mut().unwrap() {
            let name = t["name"].as_str().unwrap().to_string();
            t["columns"].as_array_mut().unwrap().retain(|c| !gone(&name, c.as_str().unwrap()));
        }
        for row in &mut lines[1..] {
            let table = row["table"].as_str().unwrap().to_string();
            row["row"].as_object_mut().unwrap().retain(|c, _| !gone(&table, c));
        }
        lines
    }
    between_two_sqlite(false, async |a, b| {
        build(a).await;
        let first = backup(a).await;
        let old: Vec<String> = without_ids(&first, Some(11)).iter().map(|l| l.to_string()).collect();
        b.restore(&mut old.join("\n").as_bytes(), &|_, _| {}).await.unwrap();
        assert_eq!(b.mismatched_entity_ids().await.unwrap(), 0);
        assert_eq!(without_ids(&backup(b).await, Some(11)), without_ids(&first, Some(11)), "the same registry but for its ids");
        // Cities numbered in key order.
        let keys: Vec<String> = backup(b).await.lines().skip(1).map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).filter(|r| r["table"] == "cities").map(|r| format!("{}:{}", r["row"]["id"], r["row"]["key"].as_str().unwrap())).collect();
        assert_eq!(keys.first().map(String::as_str), Some("1:bologna-it"), "{keys:?}");
        // Found by them: a network's and a city's facts.
        for q in [FactQuery { network: Some("eurocities".into()), ..Default::default() }, FactQuery { city: Some("bologna-it".into()), ..Default::default() }] {
            let (x, y) = (a.facts(&q).await.unwrap(), b.facts(&q).await.unwrap());
            assert!(!x.is_empty(), "{q:?}");
            assert_eq!(x.iter().map(|f| f.id).collect::<Vec<_>>(), y.iter().map(|f| f.id).collect::<Vec<_>>(), "{q:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn bad_backups_name_the_line_and_field_and_restore_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = SqlStore::open(&sqlite(&dir, "a.db")).await.unwrap();
    build(&a).await;
    let good = backup(&a).await;
    let lines: Vec<&str> = good.lines().collect();
    let facts_at = lines.iter().position(|l| l.starts_with(r#"{"table":"facts""#)).unwrap();

    let restore = |text: String| {
        let dir = &dir;
        async move {
            let path = dir.path().join(format!("t{}.db", text.len()));
            let _ = std::fs::remove_file(&path);
            let s = SqlStore::open(path.to_str().unwrap()).await.unwrap();
            let e = s.restore(&mut text.as_bytes(), &|_, _| {}).await.unwrap_err();
            assert_eq!(s.counts().await.unwrap(), Default::default(), "nothing restored after: {e}");
            e
        }
    };
    // A value of the wrong type.
    let mut bad = lines.clone();
    let broken = lines[facts_at].replacen(r#""lineage":"#, r#""lineage":"one","x":"#, 1);
    bad[facts_at] = &broken;
    match restore(bad.join("\n")).await {
        StoreError::Backup { line, field, message } => {
            assert_eq!((line, field.as_str()), (facts_at as u64 + 1, "facts.lineage"));
            assert!(message.contains("whole number"), "{message}");
        }
        other => panic!("expected a located error, got {other:?}"),
    }
    // A fact whose body is no fact: its identity is computed from it.
    let mut bad = lines.clone();
    let broken = lines[facts_at].replacen(r#""body":"{"#, r#""body":"x{"#, 1);
    assert_ne!(broken, lines[facts_at]);
    bad[facts_at] = &broken;
    match restore(bad.join("\n")).await {
        StoreError::Backup { line, field, message } => {
            assert_eq!((line, field.as_str()), (facts_at as u64 + 1, "facts.identity"));
            assert!(message.contains("body is not a fact"), "{message}");
        }
        other => panic!("expected a located error, got {other:?}"),
    }
    // A file cut short.
    let cut = lines[..lines.len() - 1].join("\n");
    match restore(cut).await {
        StoreError::Backup { field, message, .. } => {
            // The last line's table is short of a row (or, if that was its
            // only row, has none: the error then names it in the message).
            let last: serde_json::Value = serde_json::from_str(lines[lines.len() - 1]).expect("a JSON line");
            let table = last["table"].as_str().expect("a table");
            assert!(field == table || (field == "-" && message.contains(table)), "{field}: {message}");
            assert!(message.contains("cut short"), "{message}");
        }
        other => panic!("expected a located error, got {other:?}"),
    }
    // Not a backup at all.
    match restore(r#"{"kind":"membership","city":"Bologna"}"#.to_string()).await {
        StoreError::Backup { line: 1, field, .. } => assert_eq!(field, "header"),
        other => panic!("expected a header error, got {other:?}"),
    }
    // A row that is not JSON.
    let mut bad = lines.clone();
    bad[3] = "{not json";
    match restore(bad.join("\n")).await {
        StoreError::Backup { line: 4, message, .. } => assert!(message.contains("not JSON"), "{message}"),
        other => panic!("expected line 4, got {other:?}"),
    }
}

/// A backup of more facts than a load's threshold (50,000) restores through
/// the load's path (a connection of the database's own driver, on
/// PostgreSQL by `COPY`, on SQLite out of the pool) to the same bytes, with
/// a history, and with texts that `COPY`'s format must escape: a tab, a
/// line feed, a backslash, a literal `\N`.
async fn large_round_trip(from: &dyn Store, to: &dyn Store) {
    const FACTS: usize = 60_000;
    let odd = "Tab\there \\N\nline";
    let mut cities: Vec<City> = (0..FACTS).map(|i| common::city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    cities.push(common::city(&format!("{}-it", odd.to_lowercase()), odd, "IT"));
    let documents = vec![doc("d1", Some("2020-01-01")), doc("d2", Some("2021"))];
    from.write(&Batch { cities, networks: vec![network()], documents, ..Default::default() }).await.unwrap();
    let mut facts: Vec<_> = (0..FACTS).map(|i| membership(&format!("C{i}"), Some(&format!("{}", 1950 + i % 70)), "d1")).collect();
    facts.push(membership(odd, None, "d1"));
    let comment = Some("a load,\twith a tab and a \\N".to_string());
    assert_eq!(from.write(&Batch { facts, comment, ..Default::default() }).await.unwrap().added, FACTS + 1);
    // A history: corroborations, and versions a correction closed.
    let again: Vec<_> = (0..100).map(|i| membership(&format!("C{i}"), None, "d2")).collect();
    let r = from.write(&Batch { facts: again, ..Default::default() }).await.unwrap();
    for &id in &r.ids[..10] {
        from.change(id, &citynets_store::Change { status: Some(Status::Rejected), ..Default::default() }).await.unwrap();
    }
    let first = backup(from).await;
    to.restore(&mut first.as_bytes(), &|_, _| {}).await.unwrap();
    let second = backup(to).await;
    if from.backend() == to.backend() {
        assert!(first == second, "a restored registry backs up to the same bytes");
    } else {
        assert!(body(&first) == body(&second), "the same rows in the same order on both backends");
    }
    let q = FactQuery { city: Some(format!("{}-it", odd.to_lowercase())), ..Default::default() };
    let odd_facts = to.facts(&q).await.unwrap();
    assert_eq!(odd_facts.len(), 1);
    assert_eq!(odd_facts[0].sources[0].quote.as_deref(), Some(format!("{odd} is a member").as_str()));
    assert_eq!(to.counts().await.unwrap(), from.counts().await.unwrap());
}

#[tokio::test]
async fn a_large_backup_round_trips_on_sqlite() {
    between_two_sqlite(true, async |a, b| large_round_trip(a, b).await).await;
}

#[tokio::test]
async fn a_large_backup_round_trips_on_postgres() {
    let Some(url) = scratch::test_server() else { return };
    between_two_postgres(&url, true, async |a, b| large_round_trip(a, b).await).await;
}
