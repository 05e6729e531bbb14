//! A write large enough to load first and index after (it sets the
//! secondary indexes aside and builds them again in its transaction): the
//! indexes come back exactly as the migrations made them, and the facts
//! read back through them as from any write. On SQLite always, on PostgreSQL
//! when `CITYNETS_TEST_POSTGRES` holds a server URL.

mod common;

use citynets_model::{City, PartialDate};
use citynets_store::{Batch, FactQuery, SqlStore, Store};
use citynets_store::scratch::{self, ScratchPostgres};
use common::{city, doc, membership, network, on_postgres};

/// More facts than the store's threshold for a load (50,000).
const FACTS: usize = 60_000;

async fn load_then_index(store: &SqlStore) {
    let tables = ["facts", "fact_sources"];
    let mut before = Vec::new();
    for t in tables {
        before.push(store.secondary_indexes(t).await.unwrap());
    }
    assert!(before[0].len() >= 5, "the facts table has its indexes: {:?}", before[0]);

    let cities: Vec<City> = (0..FACTS).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    store
        .write(&Batch { cities, networks: vec![network()], documents: vec![doc("d1", Some("2020-01-01")), doc("d2", Some("2021-01-01"))], ..Batch::default() })
        .await
        .unwrap();
    let facts = (0..FACTS).map(|i| membership(&format!("C{i}"), Some(&format!("{}", 1950 + i % 70)), "d1")).collect();
    // A comment and author with the characters an insert must carry as
    // they are: the load binds them once for all its rows (PostgreSQL's
    // load writes them by COPY, whose text format ends a value at a tab, a
    // row at a line feed, and reads \N as a missing value; its binary
    // format, used now, gives each value's length).
    let (comment, author) = ("import of \"members\",\t{1950\\2019}:\n'NULL' \\N\r", "loader ✓ \\");
    let batch = Batch { facts, comment: Some(comment.into()), author: Some(author.into()), ..Batch::default() };
    let r = store.write(&batch).await.unwrap();
    assert_eq!(r.added, FACTS);
    assert_eq!(store.mismatched_entity_ids().await.unwrap(), 0, "every fact names its city and network by their ids");
    let all = store.facts(&FactQuery { network: Some("eurocities".into()), ..FactQuery::default() }).await.unwrap();
    assert_eq!(all.len(), FACTS);
    let recorded = &all[0].recorded_at;
    assert!(recorded.starts_with("20"), "a time of record: {recorded}");
    for f in &all {
        assert_eq!((f.comment.as_deref(), f.author.as_deref(), &f.recorded_at), (Some(comment), Some(author), recorded), "fact {}", f.id);
        assert_eq!(f.superseded_at, None, "fact {}", f.id);
    }

    for (t, b) in tables.iter().zip(&before) {
        assert_eq!(&store.secondary_indexes(t).await.unwrap(), b, "the indexes of {t} after the load");
    }
    // Read through the rebuilt indexes: a network's members as of a year,
    // the member counts, a city's facts.
    let as_of: PartialDate = "1960".parse().unwrap();
    let q = FactQuery { network: Some("eurocities".into()), as_of: Some(as_of), ..FactQuery::default() };
    let expected = (0..FACTS).filter(|i| 1950 + i % 70 <= 1960).count();
    assert_eq!(store.facts(&q).await.unwrap().len(), expected);
    let counts = store.member_counts(as_of).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.1).sum::<i64>(), expected as i64, "{counts:?}");
    let city = FactQuery { city: Some("c12345-it".into()), ..FactQuery::default() };
    let found = store.facts(&city).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].sources.len(), 1);

    // A small write after it goes the ordinary way and merges with the load.
    let again = (0..100).map(|i| membership(&format!("C{i}"), None, "d2")).collect();
    let r = store.write(&Batch { facts: again, ..Batch::default() }).await.unwrap();
    assert_eq!((r.added, r.corroborated), (0, 100));
    assert_eq!(store.facts(&city).await.unwrap()[0].sources.len(), 1);
    let first = FactQuery { city: Some("c7-it".into()), ..FactQuery::default() };
    assert_eq!(store.facts(&first).await.unwrap()[0].sources.len(), 2);
}

#[tokio::test]
async fn a_large_write_indexes_after_loading_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("load.db");
    let store = SqlStore::open(path.to_str().unwrap()).await.unwrap();
    load_then_index(&store).await;
    assert_eq!(dangling_references(&path).await, 0);
    // A large write empties the WAL after it (every read that misses the
    // page cache would search it): without the checkpoint it holds the
    // load's pages, with it only the small write after the load.
    let wal = std::fs::metadata(dir.path().join("load.db-wal")).map_or(0, |m| m.len());
    assert!(wal < 4 << 20, "the WAL holds {wal} bytes after the load");
}

/// The same load in a store opened for loading, which on SQLite runs it out
/// of WAL mode (through a rollback journal): the same indexes and reads,
/// and the database is back in WAL mode after it, with no journal left.
#[tokio::test]
async fn a_large_write_out_of_wal_mode_indexes_after_loading_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("load.db");
    let store = SqlStore::open_for_loading(path.to_str().unwrap()).await.unwrap();
    load_then_index(&store).await;
    store.close().await;
    assert_eq!(journal_mode(&path).await, "wal");
    assert!(!dir.path().join("load.db-journal").exists());
    assert_eq!(dangling_references(&path).await, 0);
}

/// A store opened for loading takes the file out of WAL mode for a load
/// even when its pool holds other connections, idle, to the file (SQLite
/// switches only while one connection has it open): during the load a
/// rollback journal is there beside the file. (The load used to go through
/// the WAL whenever earlier reads had left more than one connection open.)
#[tokio::test]
async fn a_load_leaves_wal_mode_with_idle_connections_in_the_pool() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pooled.db");
    let store = SqlStore::open_for_loading(path.to_str().unwrap()).await.unwrap();
    let cities: Vec<City> = (0..FACTS).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    store.write(&Batch { cities, networks: vec![network()], documents: vec![doc("d1", None)], ..Batch::default() }).await.unwrap();
    // Reads at once: each takes a connection of the pool.
    let q = FactQuery::default();
    let (a, b, c) = tokio::join!(store.facts(&q), store.facts(&q), store.counts());
    a.unwrap();
    b.unwrap();
    c.unwrap();
    if let Some(open) = open_files(&path) {
        assert!(open >= 2, "the pool holds several connections to the file: {open}");
    }
    let journal = dir.path().join("pooled.db-journal");
    let seen = std::sync::atomic::AtomicBool::new(false);
    let progress = |_, _| {
        if journal.exists() {
            seen.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let facts = (0..FACTS).map(|i| membership(&format!("C{i}"), None, "d1")).collect();
    let r = store.write_with_progress(&Batch { facts, ..Batch::default() }, &progress).await.unwrap();
    assert_eq!(r.added, FACTS);
    assert!(seen.into_inner(), "the load went through the WAL, not a rollback journal");
    assert_eq!(journal_mode(&path).await, "wal");
}

/// How many of this process's open files are `path`, where the system
/// tells (Linux's `/proc`).
fn open_files(path: &std::path::Path) -> Option<usize> {
    let fds = std::fs::read_dir("/proc/self/fd").ok()?;
    Some(fds.filter(|e| e.as_ref().is_ok_and(|e| std::fs::read_link(e.path()).is_ok_and(|l| l == path))).count())
}

/// The journal mode a SQLite file is in.
async fn journal_mode(path: &std::path::Path) -> String {
    sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut sqlite(path).await).await.unwrap()
}

/// A connection to a SQLite file that sets nothing.
async fn sqlite(path: &std::path::Path) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap()
}

/// Rows of a SQLite file whose foreign keys point at nothing (a large
/// write turns SQLite's own checks off, having checked every reference).
async fn dangling_references(path: &std::path::Path) -> usize {
    sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut sqlite(path).await).await.unwrap().len()
}

/// A batch large enough to be checked on several threads, in parts, still
/// names its first bad fact, whichever part holds it, and writes nothing.
/// It is a load, in a store opened for loading: each failed load leaves
/// the database in WAL mode again.
#[tokio::test]
async fn a_large_batch_names_its_first_bad_fact() {
    use citynets_store::StoreError;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.db");
    let store = SqlStore::open_for_loading(path.to_str().unwrap()).await.unwrap();
    let n = FACTS;
    let cities: Vec<City> = (0..n).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect();
    store.write(&Batch { cities, networks: vec![network()], documents: vec![doc("d1", None)], ..Batch::default() }).await.unwrap();
    let good = || (0..n).map(|i| membership(&format!("C{i}"), None, "d1")).collect::<Vec<_>>();
    // The first bad fact in the last part, the first part, the middle.
    for first in [n - 2, 3, n / 2] {
        let mut facts = good();
        facts[first] = membership("Nowhere", None, "d1");
        facts[n - 1] = membership("C1", None, "no-such-document");
        match store.write(&Batch { facts, ..Batch::default() }).await {
            Err(StoreError::Invalid { index, field, message }) => {
                assert_eq!((index, field.as_str()), (first, "city"), "{message}");
                assert!(message.contains("nowhere-it"), "{message}");
            }
            other => panic!("expected the fact at {first} to be refused: {other:?}"),
        }
        assert_eq!(journal_mode(&path).await, "wal", "after the load refused at {first}");
    }
    // A source in a document the registry lacks.
    let mut facts = good();
    facts[n - 1] = membership("C1", None, "no-such-document");
    match store.write(&Batch { facts, ..Batch::default() }).await {
        Err(StoreError::Invalid { index, field, message }) => {
            assert_eq!((index, field.as_str()), (n - 1, "sources"), "{message}");
            assert!(message.contains("'no-such-document' is not in the registry"), "{message}");
        }
        other => panic!("expected the fact at {} to be refused: {other:?}", n - 1),
    }
    assert_eq!(store.counts().await.unwrap().accepted, 0);
    // The checked batch writes, and refers to nothing missing.
    store.write(&Batch { facts: good(), ..Batch::default() }).await.unwrap();
    assert_eq!(dangling_references(&dir.path().join("bad.db")).await, 0);
}

/// Values that an insert of many rows must carry through as they are
/// (PostgreSQL gets them as array literals): quotes, backslashes, braces,
/// commas, the word NULL, empty text, line breaks, other scripts; numbers
/// and missing values.
async fn values_round_trip(store: &SqlStore) {
    let names = ["Quote \" inside", "Back\\slash \\\"", "{Braces}, commas", "NULL", "", "Line\nbreak\tand tab", "Ünïcödé 北京 ☃", "'single'"];
    let mut cities: Vec<City> = names.iter().enumerate().map(|(i, n)| city(&format!("v{i}-it"), n, "IT")).collect();
    cities[0].lat = Some(-0.000001);
    cities[1].lat = None;
    cities[1].population = None;
    cities[2].population = Some(i64::MAX);
    store.write(&Batch { cities: cities.clone(), ..Batch::default() }).await.unwrap();
    for c in &cities {
        let got = store.city(&c.key).await.unwrap().unwrap_or_else(|| panic!("{} is missing", c.key));
        assert_eq!((&got.name, got.lat, got.population), (&c.name, c.lat, c.population), "{}", c.key);
    }
}

#[tokio::test]
async fn values_round_trip_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    values_round_trip(&SqlStore::open(dir.path().join("v.db").to_str().unwrap()).await.unwrap()).await;
}

#[tokio::test]
async fn values_round_trip_on_postgres() {
    on_postgres(async |store| values_round_trip(store).await).await;
}

#[tokio::test]
async fn a_large_write_indexes_after_loading_on_postgres() {
    on_postgres(async |store| load_then_index(store).await).await;
}

/// On PostgreSQL a load sets the foreign keys aside and adds them back
/// `NOT VALID`, without a scan of the rows it wrote, whose references it
/// checked itself: every later write is checked (a row naming a missing
/// fact is refused), and the load's rows point at nothing missing
/// (`VALIDATE CONSTRAINT` passes). A first load sets the primary keys aside
/// too: they are back, and refuse an id twice.
#[tokio::test]
async fn a_load_on_postgres_brings_its_foreign_keys_back_enforced() {
    use sqlx::Connection;
    let Some(url) = citynets_store::scratch::test_server() else { return };
    let db = citynets_store::scratch::ScratchPostgres::create(&url, "citynets_test").await.unwrap();
    let store = SqlStore::open(&db.url).await.unwrap();
    load_then_index(&store).await;
    let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
    let fks: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT CAST(CAST(conrelid AS regclass) AS TEXT), CAST(conname AS TEXT), convalidated FROM pg_constraint \
         WHERE contype = 'f' AND conrelid IN (CAST('facts' AS regclass), CAST('fact_sources' AS regclass)) ORDER BY 1, 2",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(fks.len(), 10, "{fks:?}");
    assert!(fks.iter().all(|(_, _, valid)| !valid), "added back unchecked: {fks:?}");
    let refused = sqlx::query("INSERT INTO fact_sources (fact_id, document_id, added_at) VALUES (999999999, 1, 'now')").execute(&mut conn).await;
    assert!(refused.unwrap_err().to_string().contains("foreign key"), "a dangling reference is refused");
    for (table, name, _) in &fks {
        sqlx::query(sqlx::AssertSqlSafe(format!("ALTER TABLE {table} VALIDATE CONSTRAINT \"{name}\""))).execute(&mut conn).await.unwrap();
    }
    let keys: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(conname AS TEXT), pg_get_constraintdef(oid) FROM pg_constraint \
         WHERE contype = 'p' AND conrelid IN (CAST('facts' AS regclass), CAST('fact_sources' AS regclass)) ORDER BY 1",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let expected = [("fact_sources_pkey", "PRIMARY KEY (fact_id, document_id)"), ("facts_pkey", "PRIMARY KEY (id)")];
    assert_eq!(keys, expected.map(|(n, d)| (n.to_string(), d.to_string())));
    let twice = sqlx::query("INSERT INTO facts SELECT * FROM facts WHERE id = (SELECT MIN(id) FROM facts)").execute(&mut conn).await;
    assert!(twice.unwrap_err().to_string().contains("facts_pkey"), "an id twice is refused");
    // The statistics after the load cover the registry's other tables too.
    let (cities, sources): (f32, f32) = sqlx::query_as(
        "SELECT (SELECT reltuples FROM pg_class WHERE relname = 'cities'), (SELECT reltuples FROM pg_class WHERE relname = 'fact_sources')",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!((cities, sources), (FACTS as f32, FACTS as f32), "rows counted by ANALYZE");
    conn.close().await.unwrap();
    store.close().await;
    db.drop().await.unwrap();
}

/// One large batch whose facts enrich and corroborate each other, written
/// at once (a load: indexes set aside, checked on every core) and the same
/// facts written in batches of 5,000 (the ordinary path, which merges with
/// what earlier batches stored): the outcomes, ids, versions, sources and
/// valid times come out the same.
async fn one_batch_merges_as_many_small_ones(one: &SqlStore, many: &SqlStore) {
    const CITIES: usize = 25_000;
    let entities = Batch {
        cities: (0..CITIES).map(|i| city(&format!("c{i}-it"), &format!("C{i}"), "IT")).collect(),
        networks: vec![network()],
        documents: vec![doc("late", Some("2021-06-01")), doc("early", Some("2019-03-01")), doc("undated", None)],
        ..Batch::default()
    };
    let c = |i: usize| format!("C{i}");
    // Every city's membership from a 2021 text; then, far later in the
    // batch, a third of them again from a 2019 text (a new source that
    // moves the start of validity), a third with a start year (a new
    // version), a third as they were (nothing); then a fifth of them from
    // an undated text.
    let mut facts: Vec<_> = (0..CITIES).map(|i| membership(&c(i), None, "late")).collect();
    facts.extend((0..CITIES).map(|i| match i % 3 {
        0 => membership(&c(i), None, "early"),
        1 => membership(&c(i), Some("2000"), "undated"),
        _ => membership(&c(i), None, "late"),
    }));
    facts.extend((0..CITIES).step_by(5).map(|i| membership(&c(i), None, "undated")));
    assert!(facts.len() >= 50_000, "a load: {}", facts.len());

    let mut reports = Vec::new();
    for (store, chunk) in [(one, facts.len()), (many, 5_000)] {
        store.write(&entities).await.unwrap();
        let mut sum = (0, 0, 0, 0);
        for part in facts.chunks(chunk) {
            let r = store.write(&Batch { facts: part.to_vec(), ..Batch::default() }).await.unwrap();
            sum = (sum.0 + r.added, sum.1 + r.corroborated, sum.2 + r.enriched, sum.3 + r.unchanged);
        }
        reports.push(sum);
    }
    let third = CITIES / 3;
    assert_eq!(reports[0], reports[1], "added, corroborated, enriched, unchanged");
    assert_eq!(reports[0].2, third, "a version with a start year for every third city");

    // Members as of dates before, between and after the texts: the start of
    // validity of a membership without a start year is its earliest source.
    for date in ["1999", "2000", "2019-02", "2019-03", "2020", "2021-06", "2025"] {
        let q = FactQuery { network: Some("eurocities".into()), as_of: Some(date.parse().unwrap()), ..FactQuery::default() };
        let ids = |mut fs: Vec<citynets_model::FactRecord>| {
            fs.sort_by_key(|f| f.id);
            fs.into_iter().map(|f| f.id).collect::<Vec<_>>()
        };
        let a = ids(one.facts(&q).await.unwrap());
        assert_eq!(a, ids(many.facts(&q).await.unwrap()), "members as of {date}");
        if date == "2020" {
            // The 2019 sources and the start years hold; the 2021 texts alone
            // (an undated one does not move them) do not yet.
            assert_eq!(a.len(), (0..CITIES).filter(|i| i % 3 != 2).count(), "as of 2020");
        }
    }
    // Every version, with its sources, as both stores hold it (the times
    // of record differ; whether a version was closed must not).
    let current = one.facts(&FactQuery { network: Some("eurocities".into()), ..FactQuery::default() }).await.unwrap();
    assert_eq!(current.len(), CITIES);
    let plain = |mut h: Vec<citynets_model::FactRecord>| {
        for v in &mut h {
            v.recorded_at.clear();
            v.superseded_at = v.superseded_at.as_ref().map(|_| "closed".into());
        }
        h
    };
    for f in current.iter().step_by(7) {
        let a = plain(one.history(f.id).await.unwrap());
        assert_eq!(a, plain(many.history(f.id).await.unwrap()), "history of fact {}", f.id);
    }
    let enriched = current.iter().find(|f| f.supersedes.is_some()).expect("an enriched fact");
    let h = one.history(enriched.id).await.unwrap();
    assert_eq!(h.len(), 2, "{h:?}");
    assert!(h[0].superseded_at.is_some() && h[0].superseded_by == Some(enriched.id), "{h:?}");
}

#[tokio::test]
async fn one_batch_merges_as_many_small_ones_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let one = SqlStore::open(dir.path().join("one.db").to_str().unwrap()).await.unwrap();
    let many = SqlStore::open(dir.path().join("many.db").to_str().unwrap()).await.unwrap();
    one_batch_merges_as_many_small_ones(&one, &many).await;
}

/// On PostgreSQL the one batch also writes each of its rows once: a
/// version a later fact of the batch closes or gives a source goes out
/// after the merge, as it ends, and no row is updated (an update leaves a
/// dead row, whose removal reads every index).
#[tokio::test]
async fn one_batch_merges_as_many_small_ones_on_postgres() {
    let Some(server) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&server, "citynets_test").await.unwrap();
    let one = SqlStore::open(&db.url).await.unwrap();
    on_postgres(async |many| one_batch_merges_as_many_small_ones(&one, many).await).await;
    one.close().await;
    // The server counts a connection's writes when it goes idle or ends.
    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    let waited = std::time::Instant::now();
    loop {
        let (inserted, updated): (i64, i64) =
            sqlx::query_as("SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'facts'").fetch_one(&pool).await.unwrap();
        if inserted > 0 {
            assert_eq!(updated, 0, "rows of facts updated by a load into an empty table ({inserted} inserted)");
            break;
        }
        assert!(waited.elapsed().as_secs() < 60, "the server never counted the load's rows");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        sqlx::query("SELECT pg_stat_clear_snapshot()").execute(&pool).await.unwrap();
    }
    pool.close().await;
    db.drop().await.unwrap();
}

/// A write of 50,000 facts or more into a table that holds more: no load
/// (the indexes and foreign keys stay), but on PostgreSQL's own connection,
/// by `COPY`. Versions the batch both makes and closes go out after the
/// merge, each before its successor in the one `COPY`, whose foreign keys
/// are checked at its end; stored versions are closed or given sources by
/// updates, as ever. On both databases the histories come out whole.
async fn a_large_write_closes_its_own_versions(store: &SqlStore) {
    const CITIES: usize = 60_000;
    let c = |i: usize| format!("C{i}");
    let entities = Batch {
        cities: (0..CITIES).map(|i| city(&format!("c{i}-it"), &c(i), "IT")).collect(),
        networks: vec![network()],
        documents: vec![doc("late", Some("2021-06-01")), doc("early", Some("2019-03-01"))],
        ..Batch::default()
    };
    store.write(&entities).await.unwrap();
    let first: Vec<_> = (0..CITIES).map(|i| membership(&c(i), None, "late")).collect();
    assert_eq!(store.write(&Batch { facts: first, ..Batch::default() }).await.unwrap().added, CITIES);
    // A start year for 20,000 members, then its month for the same, then
    // an earlier source for 10,000 others: 50,000 facts.
    let mut facts: Vec<_> = (0..20_000).map(|i| membership(&c(i), Some("2000"), "early")).collect();
    facts.extend((0..20_000).map(|i| membership(&c(i), Some("2000-05"), "early")));
    facts.extend((20_000..30_000).map(|i| membership(&c(i), None, "early")));
    let r = store.write(&Batch { facts, ..Batch::default() }).await.unwrap();
    assert_eq!((r.added, r.corroborated, r.enriched, r.unchanged), (0, 10_000, 40_000, 0));
    for i in (0..20_000).step_by(997) {
        let q = FactQuery { city: Some(format!("c{i}-it")), ..FactQuery::default() };
        let current = store.facts(&q).await.unwrap();
        assert_eq!(current.len(), 1, "city {i}");
        let h = store.history(current[0].id).await.unwrap();
        assert_eq!(h.len(), 3, "city {i}: {h:?}");
        assert_eq!((h[0].superseded_by, h[1].superseded_by, h[2].superseded_by), (Some(h[1].id), Some(h[2].id), None), "city {i}");
        assert!(h[0].superseded_at.is_some() && h[1].superseded_at.is_some(), "city {i}: {h:?}");
        assert_eq!(h[2].supersedes, Some(h[1].id));
        assert_eq!(h[2].sources.len(), 2, "both texts: {h:?}");
    }
    // An earlier source moves the start of those without a year.
    let q = FactQuery { network: Some("eurocities".into()), as_of: Some("2020".parse().unwrap()), ..FactQuery::default() };
    assert_eq!(store.facts(&q).await.unwrap().len(), 30_000, "as of 2020: the years and the earlier source");
}

#[tokio::test]
async fn a_large_write_closes_its_own_versions_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::open(dir.path().join("large.db").to_str().unwrap()).await.unwrap();
    a_large_write_closes_its_own_versions(&store).await;
}

#[tokio::test]
async fn a_large_write_closes_its_own_versions_on_postgres() {
    on_postgres(async |store| a_large_write_closes_its_own_versions(store).await).await;
}
