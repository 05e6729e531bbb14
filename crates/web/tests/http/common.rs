//! Helpers of the HTTP tests: one server for the whole test binary
//! ([`server`], shared with the browser tests) and JSON requests to it.

#[path = "../support/server.rs"]
mod server;

use reqwest::StatusCode;
use serde_json::Value;
pub use server::url;

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
