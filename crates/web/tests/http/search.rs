//! Full-text search over HTTP: typos, languages, facets, the page, and
//! writes that become searchable at once.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn a_typo_finds_the_city() {
    let v = get_ok("/api/search?q=Bolgna&kind=city").await;
    assert_eq!(v["hits"][0]["key"], "bologna-it", "{v}");
    assert_eq!(v["hits"][0]["href"], "/cities/bologna-it");
    for q in ["Montreal", "Montr%C3%A9al", "montreal"] {
        let v = get_ok(&format!("/api/search?q={q}&kind=city")).await;
        assert_eq!(v["hits"][0]["key"], "montreal-ca", "{q}: {v}");
    }
    let v = get_ok("/api/search?q=Torino&kind=city").await;
    assert_eq!(v["hits"][0]["key"], "turin-it");
}

#[tokio::test]
async fn facets_and_filters_agree() {
    let v = get_ok("/api/search?q=music&kind=city&country=Italia&limit=50").await;
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().any(|h| h["key"] == "bologna-it"), "{v}");
    let countries = v["facets"]["country"].as_array().unwrap();
    assert_eq!(countries.len(), 1, "{countries:?}");
    assert_eq!(countries[0]["value"], "IT");
    assert_eq!(countries[0]["count"], v["total"]);
    let v = get_ok("/api/search?q=forum&network=Eurocities&kind=body").await;
    assert!(v["hits"].as_array().unwrap().iter().all(|h| h["href"].as_str().unwrap().starts_with("/networks/eurocities")), "{v}");
}

#[tokio::test]
async fn bad_parameters_are_named() {
    let (s, v) = get_json("/api/search?q=x&kind=planet").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "kind", "{v}");
    let (s, v) = get_json("/api/search?q=x&network=League%20of%20Xqz").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "network", "{v}");
    let v = get_ok("/api/search?q=%20%21%21").await;
    assert_eq!(v["total"], 0);
}

#[tokio::test]
async fn the_search_page_and_the_header_box() {
    let (s, html) = get_text("/search?q=Bolgna").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("href=\"/cities/bologna-it\""), "{html}");
    assert!(html.contains("<mark>"), "matches are highlighted");
    assert!(html.contains("action=\"/search\""), "every page has the search box");
    let (_, html) = get_text("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(!html.contains("<script>alert(1)"), "the query is escaped");
}

/// A fact found names its cities with where they are.
#[tokio::test]
async fn fact_hits_place_their_cities() {
    let v = get_ok("/api/search?q=Leipzig%20Bologna&kind=fact").await;
    let titles: Vec<&str> = v["hits"].as_array().unwrap().iter().filter_map(|h| h["title"].as_str()).collect();
    let twinning = titles.iter().find(|t| t.contains("twinned with")).unwrap_or_else(|| panic!("{v}"));
    assert!(twinning.contains("Bologna (Emilia-Romagna, IT)") && twinning.contains("Leipzig (Saxony, DE)"), "{twinning}");
}

#[tokio::test]
async fn a_fact_written_through_the_api_is_found_at_once() {
    let holder = "Xylophonia Quendelmayr";
    let (s, v) = post_json(
        "/api/facts",
        &json!({"kind": "role", "holder": holder, "role": "Secretary General", "organ": "Cittaslow", "from": "2031"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let v = get_ok("/api/search?q=Quendelmayr&kind=fact").await;
    assert_eq!(v["total"], 1, "{v}");
    assert!(v["hits"][0]["title"].as_str().unwrap().contains("Quendelmayr"), "{v}");
}

/// A bundled text is Markdown: its snippets show the words of its links,
/// not their syntax.
#[tokio::test]
async fn snippets_show_text_without_markdown() {
    let (_, raw) = get_text("/documents/seed-001").await;
    assert!(raw.contains("[ITALY](#)"), "the text this test is about keeps its Markdown");
    let v = get_ok("/api/search?q=ITALY%20INTERNATIONAL&kind=document").await;
    let hit = v["hits"].as_array().unwrap().iter().find(|h| h["key"] == "seed-001").expect("seed-001 found");
    let text = hit["snippet"]["text"].as_str().unwrap();
    assert!(text.contains("ITALY") && !text.contains("](") && !text.contains("[ITALY"), "{text}");
    let (_, html) = get_text("/search?q=ITALY%20INTERNATIONAL&kind=document").await;
    assert!(html.contains("<mark>ITALY</mark>") && !html.contains("[<mark>ITALY</mark>]"), "{html}");
}
