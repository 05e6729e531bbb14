//! Helpers of the tests that run the binary as a user and an operator do:
//! servers as child processes on ephemeral ports, accounts and tokens made
//! with the CLI, JSON requests, and SQL on the database the binary uses.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;

/// The password of the accounts the tests make.
pub const PASSWORD: &str = "a long password for the tests";

/// The binary with `db` as its database and no log filter from the
/// environment.
pub fn command(db: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_citynets"));
    c.env("CITYNETS_DATABASE", db).env("NO_COLOR", "1").env_remove("CITYNETS_LOG").env_remove("RUST_LOG");
    c
}

/// Runs a command to its end; panics with its output when it fails.
pub fn run_ok(db: &str, args: &[&str]) -> Output {
    let o = command(db).args(args).output().expect("the binary runs");
    assert!(o.status.success(), "citynets {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// An admin account made with the CLI, and a new API token for it.
pub fn admin_token(db: &str) -> String {
    let o = command(db).args(["user", "add", "admin", "--admin"]).env("CITYNETS_PASSWORD", PASSWORD).output().expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() || err.contains("already exists"), "user add: {err}");
    let o = run_ok(db, &["user", "token", "admin", "--label", "tests"]);
    let token = String::from_utf8(o.stdout).expect("UTF-8").trim().to_string();
    assert!(token.len() >= 32, "a token: {token}");
    token
}

/// `citynets serve` on an ephemeral port, killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts a server and waits until it serves (its bundled data loaded
    /// and its search index built): at most `STARTUP`, a bound for a
    /// broken start, not a measurement. Its request timeout is as long:
    /// a debug build on a busy machine may take more than the default's
    /// minute to build the search index a search waits for.
    pub fn start(db: &str) -> Server {
        const STARTUP: Duration = Duration::from_secs(180);
        let mut child = command(db)
            .args(["serve", "--listen", "127.0.0.1:0", "--request-timeout", "180"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stderr = child.stderr.take().expect("piped");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let kept = log.clone();
        std::thread::spawn(move || {
            let mut addr = None;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
                // "citynets on http://127.0.0.1:PORT (database ...), building the search index"
                if let Some(rest) = line.split("citynets on http://").nth(1) {
                    addr = rest.split_whitespace().next().map(str::to_string);
                }
                if line.contains(" serving")
                    && let Some(a) = addr.take()
                {
                    let _ = tx.send(a);
                }
            }
        });
        match rx.recv_timeout(STARTUP) {
            Ok(addr) => Server { child, base: format!("http://{addr}"), log },
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not start ({e}): {}", log.lock().unwrap());
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("wait").is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A JSON answer: its status and body.
pub async fn json_of(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    let text = resp.text().await.expect("a body");
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}), status {status}: {text}"));
    (status, v)
}

pub async fn get(url: &str) -> (StatusCode, Value) {
    json_of(reqwest::get(url).await.expect("GET")).await
}

/// A write (POST or PATCH) with the token, as every API write needs.
pub async fn write(method: reqwest::Method, url: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    let resp = reqwest::Client::new().request(method, url).bearer_auth(token).json(body).send().await.expect("a write");
    json_of(resp).await
}

pub async fn post(url: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    write(reqwest::Method::POST, url, token, body).await
}

pub async fn patch(url: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    write(reqwest::Method::PATCH, url, token, body).await
}

/// Polls `check` until it answers `Some`, for at most `bound`: for what
/// happens in the background (a server's periodic sync), waited for
/// without a fixed sleep.
pub async fn eventually<T, F, Fut>(bound: Duration, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + bound;
    loop {
        if let Some(t) = check().await {
            return Some(t);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A connection to the database the binary uses (a SQLite path or a
/// PostgreSQL URL), for checks the API does not offer.
pub async fn connect(db: &str) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url = if db.starts_with("postgres") { db.to_string() } else { format!("sqlite://{db}") };
    sqlx::AnyConnection::connect(&url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"))
}

/// One integer a statement selects.
pub async fn scalar(conn: &mut sqlx::AnyConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Lineages with more than one current version (there must be none).
pub const LINEAGES_WITH_TWO_CURRENT: &str =
    "SELECT COUNT(*) FROM (SELECT lineage FROM facts WHERE superseded_at IS NULL GROUP BY lineage HAVING COUNT(*) > 1) AS l";
