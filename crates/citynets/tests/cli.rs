//! The `citynets` binary as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn citynets(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citynets"))
        .args(args)
        .env("CITYNETS_DATABASE", db)
        .env_remove("CITYNETS_LOG")
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A database the first command creates with the bundled data, shared by
/// the read-only tests.
fn shared_db() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let path = tempfile::tempdir().unwrap().keep().join("cli.db");
        let o = citynets(&path, &["query", "city", "bologna"]);
        assert!(o.status.success(), "{}", stderr(&o));
        path
    })
}

#[test]
fn help_teaches_with_examples() {
    let o = Command::new(env!("CARGO_BIN_EXE_citynets")).arg("--help").output().unwrap();
    let text = stdout(&o);
    for cmd in ["serve", "import", "export", "query", "extract", "Exit codes"] {
        assert!(text.contains(cmd), "--help lacks {cmd}: {text}");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_citynets")).args(["query", "gaps", "--help"]).output().unwrap();
    assert!(stdout(&o).contains("citynets query gaps --network uccn --country IT --as-of 2020"));
    let o = Command::new(env!("CARGO_BIN_EXE_citynets")).args(["query", "members"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "a usage error exits 2");
}

#[test]
fn answers_the_questions_as_tables_and_json() {
    let db = shared_db();
    let o = citynets(db, &["query", "gaps", "--network", "uccn", "--country", "Italia", "--as-of", "2020"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<String> = stdout(&o).lines().skip(2).map(str::to_string).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("Media Arts"));

    let o = citynets(db, &["query", "roles", "--organ", "EUROCITIES Culture Forum", "--as-of", "2014", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let holders: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["holder"].as_str().unwrap()).collect();
    assert_eq!(holders, ["Bologna"]);

    let o = citynets(db, &["query", "events", "--network", "UCCN", "--year", "2010"]);
    assert!(stdout(&o).contains("Shenzhen"), "{}", stdout(&o));

    let o = citynets(db, &["query", "twinnings", "--city", "Bologna"]);
    let leipzig = stdout(&o).lines().find(|l| l.contains("Leipzig")).map(str::to_string).unwrap_or_default();
    assert!(leipzig.contains("1962"), "{leipzig}");

    let o = citynets(db, &["query", "members", "--network", "uccn", "--country", "IT", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let turin = v.as_array().unwrap().iter().find(|m| m["city"]["name"] == "Turin").expect("Turin is a member");
    assert_eq!(turin["facts"][0]["field"], "Design");

    let o = citynets(db, &["query", "roles", "--organ", "Italian Coordination of UNESCO Creative Cities"]);
    let out = stdout(&o);
    assert!(out.lines().any(|l| l.starts_with("Fabriano") && l.contains("Lead")), "{out}");
    assert!(out.lines().filter(|l| l.contains("Support")).count() == 2, "{out}");
}

#[test]
fn bad_parameters_exit_3_and_say_which() {
    let db = shared_db();
    let o = citynets(db, &["query", "gaps", "--network", "uccn", "--country", "IT", "--as-of", "2020-13"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("as_of") && stderr(&o).contains("month 13"), "{}", stderr(&o));
    let o = citynets(db, &["query", "members", "--network", "League of Xqz"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("network"), "{}", stderr(&o));
}

#[test]
fn import_is_all_or_nothing_with_located_errors_and_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.db");
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, "{\"kind\":\"membership\",\"city\":\"Como\",\"country\":\"IT\",\"network\":\"EUROCITIES\",\"since\":\"2030\",\"sources\":[{\"document\":\"note-1\"}]}\n").unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"kind\":\"membership\",\"city\":\"Lecco\",\"country\":\"IT\",\"network\":\"EUROCITIES\"}\n{\"kind\":\"membership\",\"city\":\"Como\",\"network\":\"EUROCITIES\",\"since\":\"2030-13\"}\n").unwrap();

    let o = citynets(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("bad.jsonl:2: since: month 13"), "{}", stderr(&o));
    let o = citynets(&db, &["query", "city", "Lecco", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let memberships = v["timeline"].as_array().unwrap().iter().filter(|f| f["kind"] == "membership" && f["network"] == "EUROCITIES").count();
    assert_eq!(memberships, 0, "the good first line was not written either");

    // Text past its field's limit, a span that ends before it starts, a
    // comment past its limit: bad input naming the file, line and field.
    let lecco = r#"{"kind":"membership","city":"Lecco","country":"IT","network":"EUROCITIES"}"#;
    let holder = "h".repeat(1024 * 1024);
    let long = dir.path().join("long.jsonl");
    std::fs::write(&long, format!("{lecco}\n{{\"kind\":\"role\",\"holder\":\"{holder}\",\"role\":\"Member\",\"organ\":\"EUROCITIES\"}}\n")).unwrap();
    let span = dir.path().join("span.jsonl");
    std::fs::write(&span, format!("{lecco}\n{}\n", r#"{"kind":"membership","city":"Como","network":"EUROCITIES","sources":[{"document":"n","span":[50,10]}]}"#)).unwrap();
    for (file, extra, says) in [(&long, None, "long.jsonl:2: holder: 1048576 characters; at most 300"), (&span, None, "span.jsonl:2: span: [50, 10]"), (&good, Some("c".repeat(2001)), "comment: 2001 characters")] {
        let mut args = vec!["import", file.to_str().unwrap()];
        if let Some(c) = &extra {
            args.extend(["--comment", c.as_str()]);
        }
        let o = citynets(&db, &args);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{says}: {}", stderr(&o));
        assert!(stderr(&o).len() < 2000, "the value is not echoed: {}", stderr(&o).len());
    }
    let o = citynets(&db, &["query", "city", "Lecco", "-o", "json"]);
    assert!(!stdout(&o).contains("EUROCITIES"), "nothing was written");

    let o = citynets(&db, &["import", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 added"), "{}", stderr(&o));

    let o = citynets(&db, &["export"]);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() > 10_000, "{} facts", lines.len());
    let como = lines.iter().find(|f| f["city"] == "Como" && f["network"] == "EUROCITIES").expect("imported fact exported");
    assert_eq!(como["since"], "2030");
    assert_eq!(como["sources"][0]["document"], "note-1");

    let o = citynets(&db, &["export", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(csv.starts_with("id,kind,status,city"));
    assert_eq!(csv.lines().count(), lines.len() + 1);
}

#[test]
fn extract_prints_the_fact_format() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("note-7.txt");
    std::fs::write(&doc, "The City of Bologna is member of EUROCITIES since 1991. Bologna has been twinned with Leipzig since 1962.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_citynets")).arg("extract").arg(&doc).arg(&missing).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "a missing file is reported");
    assert!(stderr(&o).contains("missing.txt"));
    let line: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(line["doc_id"], "note-7");
    assert_eq!(line["language"], "en");
    let facts = line["facts"].as_array().unwrap();
    assert!(facts.iter().any(|f| f["kind"] == "membership" && f["city"] == "Bologna" && f["since"] == "1991"), "{facts:?}");
}

#[test]
fn serve_answers_on_the_listen_address() {
    let db = shared_db();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_citynets"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("CITYNETS_DATABASE", db)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Up to a minute for the server to start (a debug build on a busy
    // machine takes many seconds to read the gazetteer): a bound, not a
    // measurement.
    let mut body = String::new();
    for _ in 0..600 {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            write!(s, "GET /api/networks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
            s.read_to_string(&mut body).unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    let _ = child.wait();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("EUROCITIES"));
}

#[test]
fn ingest_then_review_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let doc = dir.path().join("carrara-news.txt");
    std::fs::write(&doc, "Carrara nel coordinamento\n\nmercoledì, 24 febbraio 2021\n\nDal novembre 2017 Carrara è stata designata Città Creativa UNESCO per l'artigianato e le arti popolari.\n").unwrap();
    let o = citynets(&db, &["ingest", doc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("document carrara-news"), "{}", stderr(&o));
    let o = citynets(&db, &["ingest", doc.to_str().unwrap()]);
    assert!(stderr(&o).contains("nothing changed"), "{}", stderr(&o));

    let o = citynets(&db, &["review", "list", "--document", "carrara-news", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let proposals = v.as_array().unwrap();
    assert!(!proposals.is_empty(), "{}", stderr(&o));
    assert!(proposals.iter().all(|p| p["status"] == "proposed" && p["sources"][0]["quote"].is_string()));
    assert!(proposals.iter().all(|p| p["sources"][0]["confidence"].is_number() && p["sources"][0]["cue"].is_string()));
    let o = citynets(&db, &["review", "list", "--document", "carrara-news"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("confidence"), "{}", stderr(&o));
    // Above a floor no proposal reaches, nothing is accepted.
    let o = citynets(&db, &["review", "accept", "--document", "carrara-news", "--min-confidence", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("0 facts accepted") || proposals.iter().any(|p| p["sources"][0]["confidence"] == 1.0), "{}", stderr(&o));
    let o = citynets(&db, &["review", "reject", "--document", "carrara-news", "--min-confidence", "0.5"]);
    assert!(!o.status.success(), "a floor is for accepting");

    let o = citynets(&db, &["review", "accept", "--document", "carrara-news", "--comment", "checked"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = citynets(&db, &["review", "list", "--document", "carrara-news", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 0);
    let o = citynets(&db, &["review", "reject", "999999"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
}

/// The README's quick start is `cargo run --release -- serve` at the
/// workspace root: the root's default member must be this binary.
#[test]
fn the_workspace_runs_this_binary_by_default() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).unwrap();
    let line = manifest.lines().find(|l| l.starts_with("default-members")).expect("a default-members line");
    assert_eq!(line.trim(), r#"default-members = ["crates/citynets"]"#);
}

/// `citynets` with a password on standard input.
fn citynets_with_input(db: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_citynets"))
        .args(args)
        .env("CITYNETS_DATABASE", db)
        .env_remove("CITYNETS_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write the password");
    child.wait_with_output().expect("the binary ends")
}

#[test]
fn accounts_are_added_listed_and_given_tokens() {
    let db = tempfile::tempdir().unwrap().keep().join("users.db");
    let o = citynets_with_input(&db, &["user", "add", "ana", "--admin"], "a long passphrase\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = citynets_with_input(&db, &["user", "add", "marco", "--role", "network-editor", "--scope", "UNESCO Creative Cities Network"], "another passphrase\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("network_editor of uccn"), "the scope is stored as the network's key: {}", stderr(&o));

    // Taken names, short or common passwords, missing scopes and unknown
    // roles are bad input.
    for (args, input, says) in [
        (&["user", "add", "ana", "--admin"][..], "a long passphrase\n", "already exists"),
        (&["user", "add", "bea", "--admin"][..], "short\n", "at least 12"),
        (&["user", "add", "bea", "--admin"][..], "aaaaaaaaaa\n", "at least 12"),
        (&["user", "add", "bea", "--admin"][..], "aaaaaaaaaaaa\n", "few different characters"),
        (&["user", "add", "bea", "--admin"][..], "Password1234\n", "most common"),
        (&["user", "add", "bea", "--admin"][..], "qwerty123456\n", "most common"),
        (&["user", "add", "bea", "--role", "city_editor"][..], "a long passphrase\n", "needs a scope"),
        (&["user", "add", "bea", "--role", "owner"][..], "a long passphrase\n", "--role"),
    ] {
        let o = citynets_with_input(&db, args, input);
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }

    let o = citynets(&db, &["user", "list"]);
    let text = stdout(&o);
    assert!(text.contains("ana") && text.contains("admin") && text.contains("uccn"), "{text}");
    assert!(!text.contains("argon2"), "no secrets in the list");

    let o = citynets(&db, &["user", "token", "ana", "--label", "test"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let token = stdout(&o).trim().to_string();
    assert_eq!(token.len(), 64, "a 256-bit token in hex: {token}");
    let o = citynets(&db, &["user", "token", "nobody"]);
    assert_eq!(o.status.code(), Some(4), "an unknown account is not found");
    let o = citynets(&db, &["user", "token", "ana", "--label", &"l".repeat(201)]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("label: 201 characters; at most 200"), "{}", stderr(&o));
}

/// `export --all` then `import --all` into a new database: the same backup
/// again, the same answers; a second restore into the now full database
/// exits 3.
#[test]
fn backup_and_restore_round_trip_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    // The bundled data, then a correction and a review so that the
    // backup holds superseded versions.
    let o = citynets(&a, &["query", "city", "bologna"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = dir.path().join("note.txt");
    std::fs::write(&text, "Carrara joined the Italian Coordination of UNESCO Creative Cities in 2023.").unwrap();
    let o = citynets(&a, &["ingest", text.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = citynets(&a, &["review", "reject", "--document", "note", "--comment", "checked"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let first = dir.path().join("first.jsonl");
    let o = citynets(&a, &["export", "--all", "--output", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dump = std::fs::read_to_string(&first).unwrap();
    // It holds password hashes and token digests: for its owner only,
    // also when it replaces a file others could read, whose readers keep
    // reading what it held.
    #[cfg(unix)]
    {
        use std::io::Read;
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&first).unwrap().permissions().mode() & 0o777, 0o600);
        std::fs::write(&first, "an older file\n").unwrap();
        std::fs::set_permissions(&first, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut reader = std::fs::File::open(&first).unwrap();
        let o = citynets(&a, &["export", "--all", "--output", first.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(std::fs::metadata(&first).unwrap().permissions().mode() & 0o777, 0o600);
        let mut seen = String::new();
        reader.read_to_string(&mut seen).unwrap();
        assert_eq!(seen, "an older file\n", "a reader of the old file never sees the backup");
    }
    // A backup that fails leaves the file as it was, and nothing beside it.
    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, "not a database, but long enough to be read as one's header\n".repeat(20)).unwrap();
    let before = std::fs::read_to_string(&first).unwrap();
    let o = citynets(&bad, &["export", "--all", "--output", first.to_str().unwrap()]);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&first).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().starts_with(".citynets-export")), "{left:?}");
    let header: serde_json::Value = serde_json::from_str(dump.lines().next().unwrap()).unwrap();
    assert_eq!((header["format"].as_str(), header["backend"].as_str()), (Some("citynets-backup"), Some("sqlite")));
    assert!(dump.contains(r#""superseded_at":"20"#), "superseded versions are in the backup");

    // Restored by recognising the header (no --all), then backed up again.
    let b = dir.path().join("b.db");
    let o = citynets(&b, &["import", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("restored"), "{}", stderr(&o));
    let o = citynets(&b, &["export", "--all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o) == dump, "the restored registry backs up to the same bytes");
    for args in [&["query", "city", "bologna", "-o", "json"][..], &["review", "list", "-o", "json"], &["query", "members", "--network", "uccn", "--as-of", "2015", "-o", "json"]] {
        assert_eq!(stdout(&citynets(&a, args)), stdout(&citynets(&b, args)), "{args:?}");
    }

    // Not into a database that holds facts.
    let o = citynets(&b, &["import", "--all", first.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    // A broken line is named.
    let broken = dir.path().join("broken.jsonl");
    let mut lines: Vec<&str> = dump.lines().collect();
    lines[2] = r#"{"table":"countries","row":{"code":7}}"#;
    std::fs::write(&broken, lines.join("\n")).unwrap();
    let o = citynets(&dir.path().join("c.db"), &["import", "--all", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 3: countries.code"), "{}", stderr(&o));
}

/// The documented move: `export --all | import --all -` from SQLite to
/// PostgreSQL (when `CITYNETS_TEST_POSTGRES` names a server).
#[test]
fn a_registry_moves_from_sqlite_to_postgres_through_a_pipe() {
    let Some(server) = citynets_registry::store::scratch::test_server() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let pg = rt.block_on(citynets_registry::store::scratch::ScratchPostgres::create(&server, "citynets_cli")).unwrap();
    let db = shared_db();
    let mut export = Command::new(env!("CARGO_BIN_EXE_citynets"))
        .args(["export", "--all", "--database"])
        .arg(db)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_citynets"))
        .args(["import", "--all", "-", "--database", &pg.url])
        .stdin(export.stdout.take().unwrap())
        .output()
        .unwrap();
    assert!(export.wait().unwrap().success(), "the export failed");
    assert!(import.status.success(), "{}", stderr(&import));
    let args = ["query", "members", "--network", "eurocities", "--as-of", "2016", "-o", "json"];
    let on_pg = Command::new(env!("CARGO_BIN_EXE_citynets")).args(args).args(["--database", &pg.url]).output().unwrap();
    assert!(on_pg.status.success(), "{}", stderr(&on_pg));
    assert_eq!(stdout(&on_pg), stdout(&citynets(db, &args)));
    // The PostgreSQL backup has the same rows as the SQLite one.
    let a = stdout(&citynets(db, &["export", "--all"]));
    let b = Command::new(env!("CARGO_BIN_EXE_citynets")).args(["export", "--all", "--database", &pg.url]).output().unwrap();
    let b = stdout(&b);
    assert_eq!(a.split_once('\n').unwrap().1, b.split_once('\n').unwrap().1);
    // New facts on PostgreSQL get new ids.
    let fact = r#"{"kind":"twinning","city":"Bologna","other":"Kraków","since":"2021","status":"proposed"}"#;
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), fact).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_citynets")).args(["import", "--database", &pg.url]).arg(file.path()).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 added"), "{}", stderr(&o));
    rt.block_on(pg.drop()).unwrap();
}

#[test]
fn serve_help_gives_each_limit_its_default_and_variable() {
    let citynets = || Command::new(env!("CARGO_BIN_EXE_citynets"));
    let text = stdout(&citynets().args(["serve", "--help"]).output().unwrap());
    for (flag, var, default) in [
        ("--header-timeout", "CITYNETS_HEADER_TIMEOUT", "[default: 10]"),
        ("--idle-timeout", "CITYNETS_IDLE_TIMEOUT", "[default: 60]"),
        ("--request-timeout", "CITYNETS_REQUEST_TIMEOUT", "[default: 60]"),
        ("--max-connections", "CITYNETS_MAX_CONNECTIONS", "[default: 512]"),
    ] {
        // The option's own entry: from its line to the next option's.
        let option = format!("      {flag} <");
        let at = text.find(&option).unwrap_or_else(|| panic!("no {flag}: {text}"));
        let rest = &text[at + 6..];
        let entry = &rest[..rest.find("\n      -").unwrap_or(rest.len())];
        assert!(entry.contains(var) && entry.contains(default), "{flag}: {entry}");
    }
    let proxies = text.contains("--trusted-proxy") && text.contains("CITYNETS_TRUSTED_PROXIES");
    assert!(proxies, "{text}");
    let o = citynets().args(["serve", "--idle-timeout", "0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "a timeout of 0 s is a usage error");
    let o = citynets().args(["serve", "--trusted-proxy", "proxy"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not an IP address or network"), "{}", stderr(&o));
}
