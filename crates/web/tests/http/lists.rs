//! CSV and JSON Lines of every list: the same rows as the JSON answer, read
//! back with the csv crate and serde_json.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

/// A request for each list route, and the field holding its rows.
const LISTS: &[(&str, &str, &str)] = &[
    ("/api/cities", "/api/cities?country=IT", "cities"),
    ("/api/cities/{id}", "/api/cities/bologna-it", "timeline"),
    ("/api/cities/{id}/history", "/api/cities/fabriano-it/history", "changes"),
    ("/api/networks", "/api/networks", "networks"),
    ("/api/networks/{id}/members", "/api/networks/uccn/members?country=IT", "members"),
    ("/api/roles", "/api/roles?organ=EUROCITIES%20Culture%20Forum", "roles"),
    ("/api/conflicts", "/api/conflicts?network=uccn", "conflicts"),
    ("/api/events", "/api/events?network=uccn", "events"),
    ("/api/search", "/api/search?q=Bologna", "hits"),
    ("/api/graph/neighbours", "/api/graph/neighbours?city=Carrara", "connections"),
    ("/api/graph/chain", "/api/graph/chain?from=Carrara&to=Leipzig", "nodes"),
    ("/api/graph/in-both", "/api/graph/in-both?a=uccn&b=eurocities", "cities"),
    ("/api/countries", "/api/countries?network=uccn", "countries"),
    ("/api/twinnings", "/api/twinnings?city=Bologna", "twinnings"),
    ("/api/gaps", "/api/gaps?network=uccn&country=IT&as_of=2020", "gaps"),
    ("/api/facts", "/api/facts?city=Bologna", "facts"),
    ("/api/documents", "/api/documents", "documents"),
    ("/api/review", "/api/review", "proposals"),
];

async fn file(path: &str) -> (String, String, String) {
    let r = reqwest::get(url(path)).await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let header = |h| r.headers().get(h).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let (ct, disposition) = (header(reqwest::header::CONTENT_TYPE), header(reqwest::header::CONTENT_DISPOSITION));
    (ct, disposition, r.text().await.expect("a body"))
}

fn with_format(path: &str, format: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}format={format}")
}

#[test]
fn every_list_route_is_checked_here() {
    let routes: BTreeSet<&str> = citynets_web::api::routes().into_iter().filter(|r| r.list.is_some()).map(|r| r.path).collect();
    let tested: BTreeSet<&str> = LISTS.iter().map(|(route, _, _)| *route).collect();
    assert_eq!(routes, tested, "a list route without a case in LISTS (or a case for no list)");
    for r in citynets_web::api::routes() {
        if let Some((_, _, field)) = LISTS.iter().find(|(route, _, _)| *route == r.path) {
            assert_eq!(r.list, Some(*field), "{}", r.path);
        }
    }
}

/// The downloads of one list, and its JSON answer read before and after them:
/// other tests write to the shared server, so a list may change in between.
struct Downloads {
    rows: Vec<Value>,
    jsonl: (String, String, String),
    csv: (String, String, String),
}

async fn downloads(path: &str, field: &str) -> Downloads {
    let rows_of = |v: Value| v[field].as_array().unwrap_or_else(|| panic!("{path}: no {field}")).clone();
    for _ in 0..5 {
        let rows = rows_of(get_ok(path).await);
        let jsonl = file(&with_format(path, "jsonl")).await;
        let csv = file(&with_format(path, "csv")).await;
        if rows_of(get_ok(path).await) == rows {
            return Downloads { rows, jsonl, csv };
        }
    }
    panic!("{path}: the list changed during each of 5 tries")
}

#[tokio::test]
async fn every_list_downloads_as_csv_and_json_lines_with_the_same_rows() {
    for (_, path, field) in LISTS {
        let Downloads { rows, jsonl: (ct, disposition, body), csv } = downloads(path, field).await;
        assert_eq!(ct, "application/x-ndjson", "{path}");
        assert!(disposition.contains(&format!("{field}.jsonl")), "{path}: {disposition}");
        let lines: Vec<Value> = body.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
        assert_eq!(lines, rows, "{path}: JSON Lines hold the rows of the JSON answer");

        let (ct, _, body) = csv;
        assert!(ct.starts_with("text/csv"), "{path}: {ct}");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let records = reader.records().collect::<Result<Vec<_>, _>>().unwrap_or_else(|e| panic!("{path}: not CSV: {e}"));
        assert_eq!(records.len(), rows.len(), "{path}: a CSV record per row");
        if !rows.is_empty() {
            let width = reader.headers().expect("a header").len();
            assert!(records.iter().all(|r| r.len() == width), "{path}: every record has every column");
        }
    }
}

#[tokio::test]
async fn csv_columns_are_the_rows_fields_flattened() {
    let (_, _, body) = file("/api/networks/uccn/members?country=IT&as_of=2020&format=csv").await;
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {header:?}"));
    let (name, field) = (col("city.name"), col("facts.field"));
    let bologna = reader.records().map(|r| r.expect("a record")).find(|r| &r[name] == "Bologna").expect("Bologna is a row");
    assert!(bologna[field].contains("Music"), "{:?}", bologna);
}

#[tokio::test]
async fn csv_columns_lead_with_what_a_row_is_and_end_with_its_comment() {
    let (_, _, body) = file("/api/facts?city=Bologna&format=csv").await;
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_string).collect();
    assert_eq!(header[..6], ["id", "kind", "status", "city", "country", "network"], "{header:?}");
    assert_eq!(header.last().map(String::as_str), Some("comment"), "{header:?}");
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}: {header:?}"));
    assert!(at("other") < at("sources.document") && at("sources.document") < at("recorded_at"), "{header:?}");
    let (_, _, body) = file("/api/networks/uccn/members?country=IT&format=csv").await;
    let header = body.lines().next().unwrap_or_default();
    assert!(header.starts_with("city.key,city.name,city.country,"), "{header}");
}

#[tokio::test]
async fn an_unknown_format_is_a_400_naming_the_parameter() {
    let (status, v) = get_json("/api/roles?format=xlsx").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "format", "{v}");
    // A bad filter is reported as such, not as a file.
    let (status, v) = get_json("/api/networks/uccn/members?as_of=2020-13&format=csv").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "as_of", "{v}");
}

#[tokio::test]
async fn list_pages_link_their_downloads() {
    for (page, api) in [
        ("/networks/uccn?country=IT", "/api/networks/uccn/members?country=IT&limit=100000&format=csv"),
        ("/roles?organ=EUROCITIES+Culture+Forum", "/api/roles?organ=EUROCITIES+Culture+Forum&format=csv"),
        ("/events", "/api/events?format=jsonl"),
        ("/conflicts", "/api/conflicts?format=csv"),
        ("/cities?country=IT&page=2", "/api/cities?country=IT&limit=100000&format=csv"),
        ("/countries", "/api/countries?format=csv"),
    ] {
        let (status, html) = get_text(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        // Attribute values as a browser reads them.
        let html = html.replace("&#38;", "&").replace("&amp;", "&");
        assert!(html.contains(&format!("href=\"{api}\"")), "{page} does not link {api}");
        file(api).await;
    }
}
