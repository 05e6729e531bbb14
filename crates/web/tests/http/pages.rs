//! The pages: they render, show what the registry knows with its sources,
//! escape what they show, and answer unknown ids with a 404 page.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

/// GET a page that must answer 200 with HTML, and return it.
async fn page(path: &str) -> String {
    let (status, html) = get_text(path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {html}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
    // Every page has the navigation and the search box.
    assert!(html.contains(r#"<nav aria-label="Main">"#) && html.contains(r#"action="/search""#), "{path}");
    html
}

fn contains_all(html: &str, path: &str, needles: &[&str]) {
    for n in needles {
        assert!(html.contains(n), "{path} does not contain {n:?}");
    }
}

#[tokio::test]
async fn home_lists_networks_latest_facts_and_counts() {
    let html = page("/").await;
    contains_all(&html, "/", &["UNESCO Creative Cities Network", "EUROCITIES", "Latest from the texts", "accepted facts", r#"href="/networks/uccn""#]);
    // Networks whose members are not in the data are listed apart, not as
    // networks of no members.
    for path in ["/", "/networks"] {
        let html = page(path).await;
        let (table, apart) = html.split_once("No members on record yet for").unwrap_or_else(|| panic!("{path}: {html}"));
        assert!(table.contains("EUROCITIES") && !table.contains(">Mayors for Peace<"), "{path}");
        assert!(apart.split("</p>").next().unwrap().contains(">Mayors for Peace<"), "{path}");
    }
    // Each network listed says how complete its member data is, as its own
    // page counts it: member cities on record, with a year, with a source.
    let numbers = |text: &str| -> Vec<usize> { text.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect() };
    let network_page = page("/networks/uccn").await;
    let own = numbers(network_page.split("On record: ").nth(1).and_then(|t| t.split("</p>").next()).expect("completeness line"));
    for path in ["/", "/networks", "/countries"] {
        let html = page(path).await;
        let row = html.split(r#"<a href="/networks/uccn">"#).nth(1).and_then(|r| r.split("</tr>").next()).expect("a row for UCCN");
        let listed = numbers(row.split("</td>").skip(3).collect::<String>().as_str());
        assert_eq!(listed, vec![own[1], own[0], own[2], own[0]], "{path}: {row}");
    }
}

#[tokio::test]
async fn directory_filters_and_pages() {
    let path = "/cities?country=IT&network=uccn&field=Music";
    let html = page(path).await;
    contains_all(&html, path, &["Bologna", r#"href="/cities/bologna-it""#, r#"value="Music""#]);
    assert!(!html.contains(">Turin<"), "Turin is a city of Design");

    let html = page("/cities?page=2").await;
    contains_all(&html, "/cities?page=2", &["Page 2", r#"rel="prev""#, r#"rel="next""#]);

    let (status, html) = get_text("/cities?as_of=2014-13").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains(r#"role="alert""#) && html.contains("month 13"), "{html}");
}

#[tokio::test]
async fn city_page_shows_timeline_with_valid_times_and_sources() {
    let path = "/cities/bologna-it";
    let html = page(path).await;
    contains_all(&html, path, &[
        "<h1>Bologna</h1>",
        "Italy (IT)",
        "Music",
        "since 2006",
        "EUROCITIES Culture Forum",
        "2013 – 2014",
        "Leipzig",
        "since 1962",
        r#"href="/documents/seed-003""#,
        r#"href="/facts/"#,
        "Population",
    ]);
    // By name, too.
    let html = page("/cities/Torino").await;
    assert!(html.contains("<h1>Turin</h1>"));
}

#[tokio::test]
async fn network_page_shows_members_governance_and_meetings() {
    let path = "/networks/uccn?as_of=2010";
    let html = page(path).await;
    contains_all(&html, path, &["Members as of 2010", "Music", "Bologna", "Shenzhen", "Annual General Meeting"]);
    assert!(!html.contains(">Carrara<"), "Carrara joined in 2017");

    // Members whose designation year no source states: "not stated", and
    // the chart says how many it leaves out; the page says how complete
    // the members' data is.
    let html = page("/networks/uccn").await;
    let on_record = html.split("On record: ").nth(1).and_then(|t| t.split("</p>").next()).expect("completeness line");
    let numbers: Vec<usize> = on_record.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    assert!(numbers.len() == 3 && numbers[1] < numbers[0] && numbers[2] <= numbers[0], "{on_record}");
    assert!(html.contains("since: not stated") && html.contains("stated in a source of 2024-10-01"), "{html}");
    assert!(!html.contains("known since"));
    assert!(html.contains("Counted from the years the sources state:"), "{html}");

    let path = "/networks/eurocities";
    let html = page(path).await;
    contains_all(&html, path, &["Governance", "Current holders", "Past holders", "Culture Forum", "founded", "1986", "Executive Committee (12 seats)"]);
    // One current president: Stockholm's term, whose end no source states,
    // is past, ended by Florence's.
    let (current, past) = html.split_once("<caption>Current holders").unwrap().1.split_once("<caption>Past holders").unwrap();
    assert!(current.contains("President of") && !current.contains("Stockholm"), "{current}");
    assert!(past.contains("Stockholm (Stockholm, SE)") && past.contains("Ended by succession in 2020"), "{past}");
    // Stockholm's own page says so too, and draws the term to 2020, not
    // to today.
    let html = page("/cities/stockholm-se").await;
    let roles = html.split("<caption>Roles").nth(1).and_then(|t| t.split("</table>").next()).expect("a table of roles");
    assert!(roles.contains("Ended by succession in 2020"), "{roles}");
    let drawn = html.split("<title>President: ").nth(1).and_then(|t| t.split("</title>").next()).expect("the presidency drawn");
    assert!(drawn.contains("2020"), "{drawn}");

    let path = "/networks/it-uccn-coordination";
    let html = page(path).await;
    contains_all(&html, path, &["Fabriano", "Lead", "Carrara", "Pesaro", "Support"]);
}

#[tokio::test]
async fn events_roles_and_gaps_pages() {
    let html = page("/events?network=uccn&year=2010").await;
    contains_all(&html, "/events", &["Shenzhen", r#"value="uccn" selected"#]);
    let html = page("/roles?organ=EUROCITIES+Culture+Forum&as_of=2014").await;
    contains_all(&html, "/roles", &["Bologna", "Chair", "2013 – 2014"]);
    let html = page("/gaps?network=uccn&country=IT&as_of=2020").await;
    contains_all(&html, "/gaps", &["Media Arts", "as of 2020"]);
    assert!(!html.contains("<li>Music</li>"));
    page("/gaps").await;
    let (status, html) = get_text("/events?network=nonesuch").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("nonesuch"));
}

#[tokio::test]
async fn fact_and_document_pages() {
    let v = get_ok("/api/twinnings?city=Bologna").await;
    let id = facts(&v["twinnings"]).iter().find(|t| t["other"] == "Leipzig").unwrap()["id"].as_i64().unwrap();
    let path = format!("/facts/{id}");
    let html = page(&path).await;
    contains_all(&html, &path, &["Leipzig", "since 1962", "Sources", "History", "Comune di Bologna", "current"]);

    let html = page("/documents/seed-003").await;
    contains_all(&html, "/documents/seed-003", &["Facts citing it", "Leipzig", "Text"]);
    page("/documents").await;
    page("/networks").await;
}

#[tokio::test]
async fn unknown_ids_are_404_pages() {
    for path in ["/cities/nowhere-zz", "/networks/hanse", "/facts/999999999", "/facts/x", "/documents/nope", "/no/such/page"] {
        let (status, html) = get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("404 Not Found") && html.contains(r#"<nav aria-label="Main">"#), "{path}: {html}");
    }
}

#[tokio::test]
async fn everything_shown_is_escaped() {
    let evil = "<script>alert(1)</script>";
    let fact = json!({ "kind": "role", "holder": evil, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2031", "to": "2032" });
    let (status, v) = post_json("/api/facts", &fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let id = v["facts"][0]["id"].as_i64().unwrap();
    let html = page(&format!("/facts/{id}")).await;
    assert!(!html.contains(evil), "the holder is not escaped");
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;") || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");

    // Query values echoed into forms and messages, too.
    let (_, html) = get_text("/cities?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&as_of=%3Cscript%3E").await;
    assert!(!html.contains("<script>"), "{html}");
}

#[tokio::test]
async fn stylesheet_is_served() {
    let resp = reqwest::get(url("/static/style.css")).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    assert!(resp.text().await.unwrap().contains("@media"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for path in ["/", "/cities/bologna-it", "/api/networks", "/api/nothing-here", "/static/style.css"] {
        let r = reqwest::get(url(path)).await.expect("GET");
        let h = r.headers();
        let csp = h.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{path}");
        assert_eq!(h.get("x-frame-options").map(|v| v.as_bytes()), Some(&b"DENY"[..]), "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
}
