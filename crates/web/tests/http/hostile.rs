//! Hostile input that needs no account: SQL in every parameter a query
//! reads, bytes that are not text, absurd numbers and sizes, paths that
//! climb out of the site, markup in paths; and the security headers on
//! every kind of answer; and bodies that nest without end or carry SQL
//! in the fields of a posted fact (posted with the admin's token).

use citynets_model::fold;
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{get_json, get_ok, get_text, post_json, post_raw, url};

/// SQL that would do damage, or match everything, if it were spliced into
/// a statement instead of bound.
const INJECTIONS: &[&str] = &[
    "'; DROP TABLE facts; --",
    "bologna-it' OR '1'='1",
    "1 OR 1=1",
    "\" OR \"\"=\"",
    "x'); DELETE FROM cities; --",
    "%' OR 1=1 --",
];

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// What must survive: the networks, a city, and every current fact.
async fn registry_state() -> (Value, Value, i64) {
    let networks = get_ok("/api/networks").await;
    let bologna = get_ok("/api/cities/bologna-it").await["city"].clone();
    let total = get_ok("/api/facts?limit=1").await["total"].as_i64().expect("a total");
    (networks, bologna, total)
}

#[tokio::test]
async fn sql_in_any_parameter_is_only_data() {
    let (networks, bologna, total) = registry_state().await;
    for &raw in INJECTIONS {
        let p = encode(raw);
        // Free text that reaches SQL as a value: matched as text ("or" of
        // `" OR ""="` finds Oradea), never as a condition.
        let text = fold(raw);
        let v = get_ok(&format!("/api/cities?q={p}")).await;
        for c in v["cities"].as_array().expect("cities") {
            let names = std::iter::once(&c["name"]).chain(c["names"].as_array().into_iter().flatten().map(|n| &n["name"]));
            assert!(names.filter_map(Value::as_str).any(|n| fold(n).starts_with(&text)), "q={raw} matched {c}");
        }
        let v = get_ok(&format!("/api/roles?holder={p}")).await;
        for r in v["roles"].as_array().expect("roles") {
            assert_eq!(fold(r["holder"].as_str().unwrap_or_default()), text, "holder={raw} matched {r}");
        }
        // Names, keys, dates, numbers and terms: refused, or nothing found.
        for path in [
            format!("/api/cities?country={p}"),
            format!("/api/cities?network={p}"),
            format!("/api/cities?as_of={p}"),
            format!("/api/cities?limit={p}"),
            format!("/api/cities/{p}"),
            format!("/api/networks/{p}"),
            format!("/api/networks/uccn/members?country={p}&field={p}"),
            format!("/api/networks/uccn/members?not_in={p}"),
            format!("/api/facts?city={p}"),
            format!("/api/facts?network={p}"),
            format!("/api/facts?organ={p}"),
            format!("/api/facts?source={p}"),
            format!("/api/facts?kind={p}"),
            format!("/api/facts?status={p}"),
            format!("/api/facts?as_of={p}"),
            format!("/api/facts?known_on={p}"),
            format!("/api/facts?offset={p}"),
            format!("/api/facts/{p}"),
            format!("/api/documents/{p}"),
            format!("/api/review?document={p}"),
            format!("/api/events?network={p}&host={p}&year={p}"),
            format!("/api/twinnings?city={p}"),
            format!("/api/gaps?network={p}&country={p}"),
            format!("/api/countries?network={p}"),
            format!("/api/graph/neighbours?city={p}"),
            format!("/api/graph/chain?from={p}&to={p}"),
            format!("/api/search?q={p}&country={p}"),
            format!("/api/export?format={p}"),
        ] {
            let (status, v) = get_json(&path).await;
            assert!(matches!(status, StatusCode::OK | StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND), "{path}: {status} {v}");
            if status != StatusCode::OK {
                assert!(v["error"]["message"].is_string(), "{path}: {v}");
            }
            if let Some(n) = v["total"].as_i64().filter(|_| path.starts_with("/api/facts")) {
                assert!(n < total, "{path} matched {n} of {total} facts");
            }
        }
        // The pages that read the same parameters.
        for path in [format!("/cities?q={p}"), format!("/search?q={p}"), format!("/roles?holder={p}"), format!("/facts/{p}")] {
            let (status, html) = get_text(&path).await;
            assert!(matches!(status, StatusCode::OK | StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND), "{path}: {status}");
            assert!(!html.contains(raw) || !raw.contains(['<', '"', '\'']), "{path} echoes the value unescaped");
        }
    }
    let (networks_after, bologna_after, total_after) = registry_state().await;
    assert_eq!(networks_after, networks, "the networks are intact");
    assert_eq!(bologna_after, bologna, "the cities are intact");
    assert!(total_after >= total, "no fact went missing: {total} then {total_after}");
}

/// Bytes that are not text, numbers out of range, too many or too long
/// parameters: 4xx answers that say what is wrong, never a 500, and the
/// server goes on answering.
#[tokio::test]
async fn malformed_parameters_are_4xx_not_5xx() {
    let long = "a".repeat(20_000);
    let many: String = (0..5_000).map(|i| format!("&p{i}=1")).collect();
    for path in [
        "/api/cities?q=%FF%FE".to_string(),
        "/api/cities?q=%00".to_string(),
        "/api/cities?q=%".to_string(),
        "/api/cities?limit=99999999999999999999999".to_string(),
        "/api/cities?limit=-1".to_string(),
        "/api/facts?offset=-5".to_string(),
        "/api/facts?limit=1e9".to_string(),
        "/api/facts?as_of=99999-99-99".to_string(),
        "/api/facts?as_of=2014-02-30".to_string(),
        "/api/facts/99999999999999999999999".to_string(),
        "/api/facts/-1".to_string(),
        "/api/facts/0x10".to_string(),
        "/api/events?year=-2147483649".to_string(),
        format!("/api/search?q={long}"),
        format!("/api/cities?q={long}"),
        format!("/api/cities?q=bologna{many}"),
        "/api/cities?q=a&q=b".to_string(),
    ] {
        let (status, text) = get_text(&path).await;
        let shown = &path[..path.len().min(80)];
        assert!(status.is_success() || status.is_client_error(), "{shown}: {status} {text}");
        if status.is_client_error() {
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{shown}: not JSON ({e}): {text}"));
            assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{shown}: {v}");
        }
    }
    // A request line larger than the server reads is refused at the door.
    let huge = format!("/api/cities?q={}", "a".repeat(2 * 1024 * 1024));
    let resp = reqwest::get(url(&huge)).await;
    if let Ok(r) = resp {
        assert!(r.status().is_client_error(), "a 2 MB URL: {}", r.status());
    }
    get_ok("/api/networks").await;
}

/// Paths that climb out of the site or name files find nothing.
#[tokio::test]
async fn paths_out_of_the_site_find_nothing() {
    for path in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/style.css/..%2f..%2f..%2fetc%2fpasswd",
        "/documents/..%2f..%2fetc%2fpasswd",
        "/api/documents/..%2f..%2fetc%2fpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
    ] {
        let (status, body) = get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!body.contains("root:") && !body.contains("[package]") && !body.contains("[workspace]"), "{path} served a file");
    }
}

/// Markup in a path comes back escaped: on 404 pages, and as JSON (not
/// HTML) from the API.
#[tokio::test]
async fn markup_in_paths_is_escaped() {
    let evil = "<script>alert(1)</script>";
    let p = encode(evil);
    for path in [format!("/cities/{p}"), format!("/networks/{p}"), format!("/documents/{p}"), format!("/no-such-page/{p}")] {
        let resp = reqwest::get(url(&path)).await.unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/html"), "{path}");
        let html = resp.text().await.unwrap();
        assert!(!html.contains(evil), "{path} echoes the markup: {html}");
    }
    for path in [format!("/api/cities/{p}"), format!("/api/no-such-route/{p}")] {
        let resp = reqwest::get(url(&path)).await.unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{path}");
    }
}

/// The security headers are on every kind of answer: errors, downloads,
/// a method the route does not take.
#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let client = reqwest::Client::new();
    for (method, path) in [
        ("GET", "/api/facts?limit=x"),
        ("GET", "/api/cities?format=csv&limit=3"),
        ("GET", "/api/cities?format=jsonl&limit=3"),
        ("GET", "/api/cities.geojson"),
        ("GET", "/api/networks/uccn/events.ics"),
        ("GET", "/api/graph.graphml"),
        ("GET", "/api/export?format=csv"),
        ("GET", "/facts/999999999"),
        ("DELETE", "/api/facts/1"),
        ("PUT", "/api/networks"),
    ] {
        let r = client.request(method.parse().unwrap(), url(path)).send().await.expect("a request");
        let h = r.headers();
        let csp = h.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("{method} {path}: no CSP"));
        assert!(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"), "{method} {path}: {csp}");
        assert_eq!(h.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{method} {path}");
        assert_eq!(h.get("x-frame-options").map(|v| v.as_bytes()), Some(&b"DENY"[..]), "{method} {path}");
        if method != "GET" {
            assert!(r.status().is_client_error(), "{method} {path}: {}", r.status());
        }
    }
    // A download is an attachment, not a page the browser renders.
    let r = reqwest::get(url("/api/export?format=csv")).await.unwrap();
    let disposition = r.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(disposition.starts_with("attachment"), "{disposition}");
}

/// A body nested far deeper than any fact is refused with a JSON 400 (the
/// parser stops at its depth limit instead of recursing until the stack
/// overflows), and the server goes on answering.
#[tokio::test]
async fn deeply_nested_bodies_are_refused() {
    let (networks, bologna, _) = registry_state().await;
    let depth = 100_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}null{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let in_a_field = format!(r#"{{"kind":"membership","city":{arrays},"network":"EUROCITIES"}}"#);
    for body in [&arrays, &objects, &in_a_field] {
        let (status, v) = post_raw("/api/facts", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    }
    let (n, b, _) = registry_state().await;
    assert_eq!((n, b), (networks, bologna), "still serving, nothing changed");
    // (Other tests write beside this one, so the count of facts is not compared.)
}

/// SQL in the fields of a posted fact is stored and shown as the text it is.
#[tokio::test]
async fn sql_in_posted_facts_is_only_data() {
    let (networks, bologna, _) = registry_state().await;
    for (i, &raw) in INJECTIONS.iter().enumerate() {
        let holder = format!("{raw} {i}");
        let fact = serde_json::json!({ "kind": "role", "holder": holder, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2041" });
        let (status, v) = post_json("/api/facts", &fact).await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        let id = v["facts"][0]["id"].as_i64().expect("an id");
        let stored = get_ok(&format!("/api/facts/{id}")).await;
        assert_eq!(stored["holder"].as_str(), Some(holder.as_str()), "{stored}");
        let found = get_ok(&format!("/api/roles?holder={}", encode(&holder))).await;
        assert_eq!(found["roles"].as_array().map(Vec::len), Some(1), "{found}");
    }
    let (n, b, _) = registry_state().await;
    assert_eq!((n, b), (networks, bologna), "the networks and Bologna are untouched");
}
