//! One server for the whole test binary: the bundled data loaded once into
//! a fresh SQLite file, served by `citynets_web::serve` on an ephemeral
//! port from a runtime on a thread of its own (a test's runtime ends with
//! the test; the server must outlive them all).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use citynets_registry::{Registry, no_progress};
use reqwest::StatusCode;
use serde_json::Value;

static SERVER: OnceLock<String> = OnceLock::new();

/// The server's base URL (`http://127.0.0.1:PORT`), started on first use.
pub fn base() -> &'static str {
    SERVER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
            rt.block_on(async move {
                let db = fresh_dir().join("registry.db");
                let reg = Registry::open(db.to_str().expect("utf-8 path")).await.expect("open the registry");
                reg.ensure_bundled(&no_progress).await.expect("load the bundled data");
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
                let addr = listener.local_addr().expect("address");
                tx.send(format!("http://{addr}")).expect("report the address");
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

pub fn url(path: &str) -> String {
    format!("{}{path}", base())
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn json_of(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    let text = resp.text().await.expect("a body");
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}), status {status}: {text}"));
    (status, v)
}

pub async fn get_json(path: &str) -> (StatusCode, Value) {
    json_of(client().get(url(path)).send().await.expect("GET")).await
}

/// GET a path that must answer 200 with JSON.
pub async fn get_ok(path: &str) -> Value {
    let (status, v) = get_json(path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {v}");
    v
}

pub async fn get_text(path: &str) -> (StatusCode, String) {
    let resp = client().get(url(path)).send().await.expect("GET");
    let status = resp.status();
    (status, resp.text().await.expect("a body"))
}

pub async fn post_json(path: &str, body: &Value) -> (StatusCode, Value) {
    json_of(client().post(url(path)).json(body).send().await.expect("POST")).await
}

pub async fn post_raw(path: &str, body: &str) -> (StatusCode, Value) {
    let req = client().post(url(path)).header("content-type", "application/json").body(body.to_string());
    json_of(req.send().await.expect("POST")).await
}

pub async fn patch_json(path: &str, body: &Value) -> (StatusCode, Value) {
    json_of(client().patch(url(path)).json(body).send().await.expect("PATCH")).await
}

/// The facts of a list, as (kind, fact) JSON objects, for searching.
pub fn facts(v: &Value) -> &Vec<Value> {
    v.as_array().expect("an array of facts")
}

/// The page's drawing: from its first `<svg` to the last `</svg>` (a
/// drawing may nest another, e.g. its legend).
pub fn svg(html: &str) -> String {
    let start = html.find("<svg").expect("an SVG");
    let end = html.rfind("</svg>").expect("a closed SVG") + "</svg>".len();
    html[start..end].to_string()
}

/// The number before `what` in a page's text: `12` of "12 points".
pub fn count_before(html: &str, what: &str) -> usize {
    let at = html.find(what).unwrap_or_else(|| panic!("no '{what}' on the page"));
    let digits: String = html[..at].trim_end().chars().rev().take_while(|c| c.is_ascii_digit()).collect();
    digits.chars().rev().collect::<String>().parse().unwrap_or_else(|_| panic!("no number before '{what}'"))
}
