//! The JSON API of the test server, read with reqwest: what the pages must
//! agree with.

use reqwest::StatusCode;
use serde_json::Value;

use crate::server;

/// The status of a GET.
pub async fn status(path: &str) -> StatusCode {
    reqwest::get(server::url(path)).await.unwrap_or_else(|e| panic!("GET {path}: {e}")).status()
}

/// A GET that must answer 200 with JSON.
pub async fn get(path: &str) -> Value {
    let resp = reqwest::get(server::url(path)).await.unwrap_or_else(|e| panic!("GET {path}: {e}"));
    assert_eq!(resp.status(), StatusCode::OK, "GET {path}");
    resp.json().await.unwrap_or_else(|e| panic!("GET {path}: not JSON: {e}"))
}

/// The elements of a JSON array.
pub fn array<'a>(v: &'a Value, what: &str) -> &'a [Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_else(|| panic!("{what} is not an array: {v}"))
}

/// A JSON string.
pub fn str<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str().unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

/// A city's key, by any of its names (`/api/cities/{name}`).
pub async fn city_key(name: &str) -> String {
    let v = get(&format!("/api/cities/{name}")).await;
    str(&v["city"]["key"], "city.key").to_string()
}
