//! Faults, caused for real: an import killed with SIGKILL at points of its
//! write, a disk that fills up under a running server, and a server whose
//! PostgreSQL connections are ended by the database or cut by the network.
//!
//! The PostgreSQL tests need `CITYNETS_TEST_POSTGRES` and skip, saying so,
//! without it; the full disk needs to mount a tmpfs (root) and skips,
//! saying so, when it cannot.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use citynets_registry::store::scratch::{self, ScratchPostgres};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Server, command, connect, get, patch, post, run_ok, scalar};

// --- An import killed midway -------------------------------------------------

/// Documents per import file, and facts per document.
const DOCS: usize = 50;
const FACTS_PER_DOC: usize = 100;
const FACTS: i64 = (DOCS * FACTS_PER_DOC) as i64;

/// A JSON Lines file of `DOCS` documents (as `citynets extract` prints
/// them), each with `FACTS_PER_DOC` role facts that no other file states.
fn import_file(dir: &Path, tag: &str) -> PathBuf {
    import_file_of(dir, tag, DOCS)
}

/// [`import_file`] with `docs` documents.
fn import_file_of(dir: &Path, tag: &str, docs: usize) -> PathBuf {
    let path = dir.join(format!("import-{tag}.jsonl"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for d in 0..docs {
        let facts: Vec<Value> = (0..FACTS_PER_DOC)
            .map(|i| {
                json!({ "kind": "role", "holder": format!("Holder {tag} {d:02}-{i:03}"), "role": "Member",
                        "organ": "EUROCITIES Culture Forum", "from": format!("{}", 2000 + i % 30) })
            })
            .collect();
        let line = json!({ "doc_id": format!("import-{tag}-{d:02}"), "source": format!("Import {tag}, part {d}"), "facts": facts });
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    path
}

/// Rows of the tables an import writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rows {
    facts: i64,
    sources: i64,
    documents: i64,
}

impl Rows {
    /// The counts, from one snapshot.
    async fn of(db: &str) -> Rows {
        use sqlx::Row;
        let mut c = connect(db).await;
        let sql = "SELECT (SELECT COUNT(*) FROM facts), (SELECT COUNT(*) FROM fact_sources), (SELECT COUNT(*) FROM documents)";
        let r = sqlx::query(sql).fetch_one(&mut c).await.unwrap();
        Rows { facts: r.get(0), sources: r.get(1), documents: r.get(2) }
    }

    /// What a whole import file adds.
    fn plus_file(self) -> Rows {
        Rows { facts: self.facts + FACTS, sources: self.sources + FACTS, documents: self.documents + DOCS as i64 }
    }
}

/// When to kill the import: when it logs a step of its write (the store's
/// debug log, `bulk write: STEP`), or some time after it starts.
#[derive(Clone, Copy, Debug)]
enum KillAt {
    Step(&'static str),
    After(Duration),
}

/// Every point, from before the write to its last step before the commit.
/// "ready to insert" comes before any fact row is inserted, "facts inserted"
/// after every fact row is, with the sources still to go.
const KILL_POINTS: &[KillAt] = &[
    KillAt::After(Duration::from_millis(50)),
    KillAt::Step("entities"),
    KillAt::Step("stored facts read"),
    KillAt::Step("ready to insert"),
    KillAt::Step("facts inserted"),
    KillAt::Step("sources inserted"),
    KillAt::Step("done"),
    KillAt::After(Duration::from_millis(700)),
];

/// Runs `citynets import FILE` and kills it (SIGKILL) at `at`. Returns
/// whether the process was killed before it finished.
fn import_and_kill(db: &str, file: &Path, at: KillAt) -> bool {
    import_and_kill_logged(db, file, at).0
}

/// [`import_and_kill`], with the import's log up to the kill (for a kill at
/// a step; empty for a kill after a time).
fn import_and_kill_logged(db: &str, file: &Path, at: KillAt) -> (bool, String) {
    let mut child = command(db)
        .args(["import", file.to_str().unwrap()])
        .env("CITYNETS_LOG", "citynets_store=debug")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the import starts");
    let stderr = child.stderr.take().unwrap();
    let mut log = String::new();
    match at {
        KillAt::Step(step) => {
            let wanted = format!("bulk write: {step}");
            let mut lines = BufReader::new(stderr).lines();
            loop {
                let Some(Ok(line)) = lines.next() else {
                    let status = child.wait().unwrap();
                    panic!("the import ended ({status}) without logging '{wanted}': {log}");
                };
                log.push_str(&line);
                log.push('\n');
                if line.contains(&wanted) {
                    child.kill().expect("kill");
                    break;
                }
            }
            // Drained in the background, so the child never blocks on it.
            std::thread::spawn(move || for _ in lines {});
        }
        KillAt::After(d) => {
            std::thread::spawn(move || std::io::copy(&mut BufReader::new(stderr), &mut std::io::sink()));
            std::thread::sleep(d);
            child.kill().expect("kill");
        }
    }
    let status = child.wait().unwrap();
    (!status.success(), log)
}

/// Waits until the sessions of a killed client are gone (PostgreSQL ends a
/// session when it finds its client gone, and with it the transaction: a
/// COMMIT the client sent just before it died may still land until then).
async fn settle(db: &str) {
    if !db.starts_with("postgres") {
        return; // SQLite: what the dead process committed is all there is.
    }
    let mut c = connect(db).await;
    let others = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
    // At most a minute: a bound for a stuck server, not a measurement.
    for _ in 0..240 {
        if scalar(&mut c, others).await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the killed import's sessions did not end");
}

/// Kills imports at every point; each leaves the database as it was or
/// with the whole file, and it opens and takes a whole import after.
async fn killed_imports_write_all_or_nothing(db: &str, dir: &Path) {
    run_ok(db, &["query", "city", "bologna"]); // creates it, with the bundled data
    let mut rolled_back_mid_write = 0;
    for (n, &at) in KILL_POINTS.iter().enumerate() {
        let file = import_file(dir, &format!("k{n}"));
        let before = Rows::of(db).await;
        let killed = import_and_kill(db, &file, at);
        settle(db).await;
        let after = Rows::of(db).await;
        assert!(after == before || after == before.plus_file(), "killed at {at:?}: before {before:?}, after {after:?}");
        eprintln!("killed at {at:?}: killed {killed}, {}", if after == before { "nothing written" } else { "all written" });
        if after == before && matches!(at, KillAt::Step("ready to insert" | "facts inserted")) {
            rolled_back_mid_write += 1;
        }
    }
    assert!(rolled_back_mid_write > 0, "no kill landed inside the write: the test proved nothing");

    // The database opens, reads, and takes a whole import.
    run_ok(db, &["query", "twinnings", "--city", "Bologna"]);
    let before = Rows::of(db).await;
    let file = import_file(dir, "whole");
    let o = run_ok(db, &["import", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!("{FACTS} added")));
    assert_eq!(Rows::of(db).await, before.plus_file());
    let mut c = connect(db).await;
    assert_eq!(scalar(&mut c, support::LINEAGES_WITH_TWO_CURRENT).await, 0);
}

/// The schema objects a load sets aside (see the store's `IndexesAside`):
/// secondary indexes, and on PostgreSQL foreign keys.
async fn schema_objects(db: &str) -> i64 {
    let mut c = connect(db).await;
    if db.starts_with("postgres") {
        scalar(&mut c, "SELECT (SELECT COUNT(*) FROM pg_indexes WHERE tablename IN ('facts', 'fact_sources')) \
                        + (SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('facts'::regclass, 'fact_sources'::regclass))").await
    } else {
        scalar(&mut c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('facts', 'fact_sources')").await
    }
}

/// A load large enough to index after its rows (more facts than the
/// registry holds, and 50,000 or more), killed while its indexes are set
/// aside: nothing is written and every index and foreign key is still
/// there; the same file then loads whole. On SQLite `citynets import` runs
/// such a load out of WAL mode, through a rollback journal (nothing else
/// has the file open): the kill leaves a hot journal, which the next
/// connection rolls back, and the whole load leaves the database in WAL
/// mode.
async fn killed_loads_keep_their_indexes(db: &str, dir: &Path) {
    let sqlite = !db.starts_with("postgres");
    run_ok(db, &["query", "city", "bologna"]);
    let objects = schema_objects(db).await;
    assert!(objects >= 8, "{objects} indexes");
    let docs = 600; // 60,000 facts
    for (n, step) in ["indexes set aside", "facts inserted"].into_iter().enumerate() {
        let file = import_file_of(dir, &format!("load{n}"), docs);
        let before = Rows::of(db).await;
        assert!(before.facts < (docs * FACTS_PER_DOC) as i64, "the file must at least double the registry");
        let (killed, log) = import_and_kill_logged(db, &file, KillAt::Step(step));
        assert!(killed, "killed at {step}");
        if sqlite {
            assert!(log.contains("through a rollback journal"), "killed at {step}: {log}");
            assert!(Path::new(&format!("{db}-journal")).exists(), "killed at {step}: no journal left to roll back");
        }
        settle(db).await;
        assert_eq!(Rows::of(db).await, before, "killed at {step}: nothing written");
        assert_eq!(schema_objects(db).await, objects, "killed at {step}: the indexes are all there");
    }
    let file = import_file_of(dir, "load-whole", docs);
    let before = Rows::of(db).await;
    let log = import_logged(db, &file);
    let after = Rows::of(db).await;
    assert_eq!((after.facts - before.facts, after.documents - before.documents), ((docs * FACTS_PER_DOC) as i64, docs as i64));
    assert_eq!(schema_objects(db).await, objects);
    if sqlite {
        assert!(log.contains("through a rollback journal") && log.contains("back in WAL mode"), "{log}");
        assert_eq!(journal_mode(db).await, "wal");
    }
}

/// Runs `citynets import FILE` to its end; returns its log, with the
/// store's steps (debug level).
fn import_logged(db: &str, file: &Path) -> String {
    let o = command(db).args(["import", file.to_str().unwrap()]).env("CITYNETS_LOG", "citynets_store=debug").output().unwrap();
    let log = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{log}");
    log
}

/// The journal mode stored in a SQLite database (a connection that sets
/// none reports it).
async fn journal_mode(db: &str) -> String {
    let mut c = connect(db).await;
    sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut c).await.unwrap()
}

/// A load while another connection has the SQLite file open (a server, a
/// reader) stays in WAL mode: SQLite refuses the rollback journal, the
/// load goes through the WAL and the other connection reads on.
#[tokio::test]
async fn a_load_beside_another_connection_goes_through_the_wal_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    let db = db.to_str().unwrap();
    run_ok(db, &["query", "city", "bologna"]);
    let mut other = connect(db).await;
    let before = scalar(&mut other, "SELECT COUNT(*) FROM facts").await;
    let file = import_file_of(dir.path(), "beside", 600);
    let log = import_logged(db, &file);
    assert!(log.contains("through the WAL, as another connection has the database open"), "{log}");
    assert!(!log.contains("rollback journal"), "{log}");
    assert_eq!(scalar(&mut other, "SELECT COUNT(*) FROM facts").await, before + 600 * FACTS_PER_DOC as i64);
    assert_eq!(journal_mode(db).await, "wal");
}

#[tokio::test]
async fn a_load_killed_while_its_indexes_are_aside_keeps_them_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    killed_loads_keep_their_indexes(db.to_str().unwrap(), dir.path()).await;
}

#[tokio::test]
async fn a_load_killed_while_its_indexes_are_aside_keeps_them_on_postgres() {
    let Some(admin) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&admin, "citynets_killed").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    killed_loads_keep_their_indexes(&db.url, dir.path()).await;
    db.drop().await.unwrap();
}

#[tokio::test]
async fn an_import_killed_midway_writes_all_or_nothing_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("registry.db");
    let db = db.to_str().unwrap();
    killed_imports_write_all_or_nothing(db, dir.path()).await;
    let mut c = connect(db).await;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut c).await.unwrap();
    assert_eq!(check, "ok");
    let broken = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut c).await.unwrap();
    assert!(broken.is_empty(), "{} rows refer to nothing", broken.len());
}

#[tokio::test]
async fn an_import_killed_midway_writes_all_or_nothing_on_postgres() {
    let Some(admin) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&admin, "citynets_killed").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    killed_imports_write_all_or_nothing(&db.url, dir.path()).await;
    db.drop().await.unwrap();
}

// --- A full disk ---------------------------------------------------------------

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `bytes` at `at`, or says why it cannot.
    fn mount(at: &Path, bytes: u64) -> Result<Tmpfs, String> {
        std::fs::create_dir_all(at).map_err(|e| e.to_string())?;
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={}k", bytes.div_ceil(1024)), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !o.status.success() {
            return Err(format!("mount failed: {}", String::from_utf8_lossy(&o.stderr).trim()));
        }
        Ok(Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the file system of `path` with a file at `path`; ENOSPC ends it.
fn fill(path: &Path) {
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0xa5u8; 64 * 1024];
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
            Err(e) => panic!("filling {}: {e}", path.display()),
        }
    }
    let _ = f.sync_all();
}

fn a_role(holder: &str) -> Value {
    json!({ "kind": "role", "holder": holder, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2031" })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_writes_with_507_and_reads_go_on() {
    let dir = tempfile::tempdir().unwrap();
    // The registry, with its bundled data and an account, made off the small disk.
    let seed = dir.path().join("seed.db");
    let token = support::admin_token(seed.to_str().unwrap());
    // All of it in the database file, and no write-ahead log: every write
    // on the small disk then needs new space.
    let mut c = connect(seed.to_str().unwrap()).await;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut c).await.unwrap();
    sqlx::Connection::close(c).await.unwrap();
    let size = seed.metadata().unwrap().len();
    // Room for the database and a little more.
    let mnt = dir.path().join("small-disk");
    let disk = match Tmpfs::mount(&mnt, size + 2 * 1024 * 1024) {
        Ok(d) => d,
        Err(why) => {
            eprintln!("skipped: cannot mount a small tmpfs ({why}); this test needs root");
            return;
        }
    };
    let db = mnt.join("registry.db");
    std::fs::copy(&seed, &db).unwrap();
    let mut server = Server::start(db.to_str().unwrap());
    let facts = server.url("/api/facts");
    let (status, v) = post(&facts, &token, &a_role("Ilse Vantongeren")).await;
    assert_eq!(status, StatusCode::CREATED, "a write before the disk is full: {v}");
    let known = v["facts"][0]["id"].as_i64().unwrap();

    // The disk fills up.
    let filler = mnt.join("filler");
    fill(&filler);
    for (what, (status, v)) in [
        ("a new fact", post(&facts, &token, &a_role("Pieter Oudekerk")).await),
        ("a correction", patch(&server.url(&format!("/api/facts/{known}")), &token, &json!({ "to": "2035" })).await),
    ] {
        assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{what} on a full disk: {v}; the server's log: {}", server.log());
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("the database is full"), "{what}: {v}");
    }
    assert!(server.log().contains("database or disk is full"), "the cause is logged: {}", server.log());

    // Reads go on.
    let (status, v) = get(&server.url(&format!("/api/facts/{known}"))).await;
    assert_eq!((status, v["superseded_by"].as_i64()), (StatusCode::OK, None), "the refused correction left no trace: {v}");
    let (status, v) = get(&server.url("/api/networks/uccn/members?country=IT")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(v.to_string().contains("Turin"), "{v}");
    let page = reqwest::get(server.url("/cities/bologna-it")).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let (status, v) = get(&server.url("/api/search?q=Vantongeren")).await;
    assert_eq!((status, v["total"].as_i64()), (StatusCode::OK, Some(1)), "{v}");
    let (_, v) = get(&server.url("/api/search?q=Oudekerk")).await;
    assert_eq!(v["total"], 0, "the refused fact was not indexed: {v}");

    // Space freed: writes work again, without a restart.
    std::fs::remove_file(&filler).unwrap();
    let (status, v) = post(&facts, &token, &a_role("Pieter Oudekerk")).await;
    assert_eq!(status, StatusCode::CREATED, "{v}; the server's log: {}", server.log());
    let id = v["facts"][0]["id"].as_i64().unwrap();
    let (status, _) = get(&server.url(&format!("/api/facts/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(server.running());
    drop(server);
    drop(disk);
}

// --- A lost database connection --------------------------------------------

/// A TCP relay between the server and PostgreSQL that the test can cut,
/// as a network failure or a database failover would: every open
/// connection is closed, and new ones are closed as soon as they arrive,
/// until it is restored.
struct Relay {
    addr: std::net::SocketAddr,
    state: Arc<Mutex<RelayState>>,
}

struct RelayState {
    up: bool,
    open: Vec<TcpStream>,
}

impl Relay {
    fn start(target: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(RelayState { up: true, open: Vec::new() }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for inbound in listener.incoming().flatten() {
                let mut st = shared.lock().unwrap();
                if !st.up {
                    let _ = inbound.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(outbound) = TcpStream::connect(&target) else {
                    let _ = inbound.shutdown(Shutdown::Both);
                    continue;
                };
                st.open.push(inbound.try_clone().unwrap());
                st.open.push(outbound.try_clone().unwrap());
                for (mut from, mut to) in [(inbound.try_clone().unwrap(), outbound.try_clone().unwrap()), (outbound, inbound)] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(Shutdown::Both);
                        let _ = from.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Relay { addr, state }
    }

    /// Closes every connection and refuses new ones.
    fn cut(&self) {
        let mut st = self.state.lock().unwrap();
        st.up = false;
        for s in st.open.drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    fn restore(&self) {
        self.state.lock().unwrap().up = true;
    }
}

/// `url` with its host and port replaced by `addr`.
fn through(url: &str, addr: std::net::SocketAddr) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let user = authority.rsplit_once('@').map(|(u, _)| format!("{u}@")).unwrap_or_default();
    format!("{scheme}://{user}{addr}/{path}")
}

/// `host:port` of a PostgreSQL URL.
fn host_port(url: &str) -> String {
    let rest = url.split_once("://").expect("a URL").1;
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.contains(':') { host.to_string() } else { format!("{host}:5432") }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_database_connection_gives_503_and_the_server_recovers() {
    let Some(admin) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&admin, "citynets_lost").await.unwrap();
    let token = support::admin_token(&db.url);
    let relay = Relay::start(host_port(&db.url));
    let mut server = Server::start(&through(&db.url, relay.addr));
    let facts = server.url("/api/facts");
    let (status, v) = post(&facts, &token, &a_role("Wendelin Achterhoek")).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let fact = server.url(&format!("/api/facts/{}", v["facts"][0]["id"].as_i64().unwrap()));

    // The database ends the server's connections (an administrator, a
    // restart): the pool finds them dead and opens new ones.
    let mut c = connect(&admin).await;
    let name = db.url.rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    let ended: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = $1 AND pid <> pg_backend_pid()) AS t",
    )
    .bind(name)
    .fetch_one(&mut c)
    .await
    .unwrap();
    assert!(ended >= 1, "the server had connections to end");
    for _ in 0..3 {
        let (status, v) = get(&fact).await;
        assert_eq!(status, StatusCode::OK, "reads recover: {v}");
    }
    let (status, v) = post(&facts, &token, &a_role("Griet Mollenbeek")).await;
    assert_eq!(status, StatusCode::CREATED, "writes recover: {v}");

    // The network to the database goes down: a clear 503, and what needs
    // no database (search) goes on.
    relay.cut();
    for (what, (status, v)) in [
        ("a read", get(&fact).await),
        ("a list", get(&server.url("/api/networks/uccn/members?country=IT")).await),
        ("a write", post(&facts, &token, &a_role("Hiltrud Sassenberg")).await),
    ] {
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{what} without a database: {v}");
        assert_eq!(v["error"]["message"], "the database is unavailable; try again", "{what}: {v}");
    }
    let (status, v) = get(&server.url("/api/search?q=Achterhoek")).await;
    assert_eq!((status, v["total"].as_i64()), (StatusCode::OK, Some(1)), "search is served from memory: {v}");
    assert!(server.running());

    // Back: reads and writes work again, without a restart.
    relay.restore();
    let (status, v) = get(&fact).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let (status, v) = post(&facts, &token, &a_role("Hiltrud Sassenberg")).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    drop(server);
    drop(c);
    db.drop().await.unwrap();
}
