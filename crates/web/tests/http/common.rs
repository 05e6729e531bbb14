//! Helpers of the HTTP tests: one server for the whole test binary
//! ([`server`], shared with the browser tests) and JSON requests to it.
//! Writes go as the server's admin (its API token) unless a test says
//! otherwise; [`session`] logs a browser-like client in.

#[path = "../support/server.rs"]
mod server;

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::Value;
pub use server::{ADMIN, ADMIN_PASSWORD, admin_token, database, token_of, url};

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

/// POST JSON as the admin.
pub async fn post_json(path: &str, body: &Value) -> (StatusCode, Value) {
    post_json_as(Some(admin_token()), path, body).await
}

/// POST JSON with this API token, or with no credentials.
pub async fn post_json_as(token: Option<&str>, path: &str, body: &Value) -> (StatusCode, Value) {
    json_of(bearer(client().post(url(path)), token).json(body).send().await.expect("POST")).await
}

pub async fn post_raw(path: &str, body: &str) -> (StatusCode, Value) {
    let req = client().post(url(path)).bearer_auth(admin_token()).header("content-type", "application/json").body(body.to_string());
    json_of(req.send().await.expect("POST")).await
}

/// PATCH JSON as the admin.
pub async fn patch_json(path: &str, body: &Value) -> (StatusCode, Value) {
    patch_json_as(Some(admin_token()), path, body).await
}

pub async fn patch_json_as(token: Option<&str>, path: &str, body: &Value) -> (StatusCode, Value) {
    json_of(bearer(client().patch(url(path)), token).json(body).send().await.expect("PATCH")).await
}

fn bearer(req: reqwest::RequestBuilder, token: Option<&str>) -> reqwest::RequestBuilder {
    match token {
        Some(t) => req.bearer_auth(t),
        None => req,
    }
}

/// A client that shows redirects instead of following them.
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().expect("a client")
}

/// A browser's login: the session cookie (`name=value`) and its CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// The login form of the server at `base` as a browser gets it: the
/// cookie that holds its CSRF token (`name=value`), and the token.
pub async fn login_form_at(base: &str) -> (String, String) {
    let resp = no_redirects().get(format!("{base}/login")).send().await.expect("GET /login");
    let set = resp.headers().get("set-cookie").expect("the login form sets a cookie").to_str().expect("a cookie");
    let cookie = set.split(';').next().expect("name=value").to_string();
    let html = resp.text().await.expect("a page");
    let field = r#"name="csrf" value=""#;
    let start = html.find(field).expect("the form has a CSRF token") + field.len();
    let csrf = html[start..].split('"').next().expect("a value").to_string();
    (cookie, csrf)
}

/// Posts the login form of the server at `base` as a browser does: with
/// the form's CSRF token and its cookie.
pub async fn login_at(base: &str, name: &str, password: &str, next: &str) -> reqwest::Response {
    let (cookie, csrf) = login_form_at(base).await;
    let form = [("name", name), ("password", password), ("next", next), ("csrf", csrf.as_str())];
    no_redirects().post(format!("{base}/login")).header("cookie", cookie).form(&form).send().await.expect("POST /login")
}

/// Logs in through the login form as `name`, as a browser does.
pub async fn session_of(name: &str, password: &str) -> Session {
    let resp = login_at(server::base(), name, password, "/").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "login of {name}");
    let set = resp.headers()["set-cookie"].to_str().expect("a cookie").to_string();
    let cookie = set.split(';').next().expect("name=value").to_string();
    let (_, v) = json_of(client().get(url("/api/session")).header("cookie", &cookie).send().await.expect("GET /api/session")).await;
    let csrf = v["csrf"].as_str().expect("a CSRF token").to_string();
    Session { cookie, csrf }
}

/// The admin's browser session.
pub async fn session() -> Session {
    session_of(ADMIN, ADMIN_PASSWORD).await
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
