//! One server for the whole test binary: the bundled data loaded once into
//! a fresh SQLite file, served by `citynets_web::serve` on an ephemeral
//! port from a runtime on a thread of its own (a test's runtime ends with
//! the test; the server must outlive them all). Its registry has one admin
//! account, [`ADMIN`], and the [`ACCOUNTS`] of the other roles, all with
//! [`ADMIN_PASSWORD`] and an API token each ([`token_of`]) for the tests'
//! writes.
//!
//! Included with `#[path]` by each test binary that needs the server (the
//! HTTP tests and the browser tests), so each binary has its own.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use citynets_model::AccountRole;
use citynets_registry::{Registry, no_progress};

/// The test registry's admin account and its password.
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "a test password of the admin";

/// The other accounts, each with an API token: (name, role, scope).
pub const ACCOUNTS: &[(&str, AccountRole, Option<&str>)] = &[
    ("rita", AccountRole::Reviewer, None),
    ("porto-office", AccountRole::CityEditor, Some("Porto")),
    ("uccn-secretariat", AccountRole::NetworkEditor, Some("uccn")),
];

struct Server {
    base: String,
    /// The SQLite file the server serves.
    database: String,
    /// (account name, API token), the admin first.
    tokens: Vec<(String, String)>,
}

static SERVER: OnceLock<Server> = OnceLock::new();

/// The server's base URL (`http://127.0.0.1:PORT`), started on first use.
pub fn base() -> &'static str {
    &server().base
}

/// The database the server serves, for a test that serves it again with
/// another configuration.
#[allow(dead_code)]
pub fn database() -> &'static str {
    &server().database
}

/// An API token of [`ADMIN`]: `Authorization: Bearer` it.
#[allow(dead_code)]
pub fn admin_token() -> &'static str {
    token_of(ADMIN)
}

/// An API token of [`ADMIN`] or one of the [`ACCOUNTS`].
pub fn token_of(name: &str) -> &'static str {
    let s = server();
    &s.tokens.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no account {name}")).1
}

fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
            rt.block_on(async move {
                let db = fresh_dir().join("registry.db");
                let reg = Registry::open(db.to_str().expect("utf-8 path")).await.expect("open the registry");
                reg.ensure_bundled(&no_progress).await.expect("load the bundled data");
                let mut tokens = Vec::new();
                let accounts = std::iter::once((ADMIN, AccountRole::Admin, None)).chain(ACCOUNTS.iter().copied());
                for (name, role, scope) in accounts {
                    let user = reg.add_user(name, ADMIN_PASSWORD, role, scope).await.expect("add an account");
                    tokens.push((name.to_string(), reg.new_token(&user, "tests").await.expect("a token")));
                }
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
                let addr = listener.local_addr().expect("address");
                let database = db.to_str().expect("utf-8 path").to_string();
                tx.send(Server { base: format!("http://{addr}"), database, tokens }).expect("report the address");
                citynets_web::serve(reg, listener).await.expect("serve");
            });
        });
        rx.recv().expect("the server starts")
    })
}

/// A directory for this process's database. A test process cannot remove
/// it (the server outlives the tests), so this removes what earlier,
/// finished runs left.
fn fresh_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("citynets-web-tests");
    if let Ok(entries) = std::fs::read_dir(&root) {
        for e in entries.flatten() {
            let pid = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok());
            if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = root.join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the test directory");
    dir
}

/// The server's URL of a path (`/api/cities` → `http://127.0.0.1:PORT/api/cities`).
pub fn url(path: &str) -> String {
    format!("{}{path}", base())
}
