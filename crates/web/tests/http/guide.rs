//! What guides a reader: the home page's ways in, the calendars and their
//! subscriptions, the API's routes as a page, and the small things that
//! make a page read right (where a download sits, which names a city
//! shows, what a drawing leaves out).

use reqwest::StatusCode;

use crate::common::*;

/// GET a page that must answer 200 with HTML; `&` as a browser reads it
/// in attribute values.
async fn page(path: &str) -> String {
    let (status, html) = get_text(path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {html}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
    html.replace("&#38;", "&").replace("&amp;", "&")
}

/// The part of `html` from the element with id `from` to the one with id
/// `to` (the rest of the page when `to` is absent).
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(&format!(r#"id="{from}""#)).unwrap_or_else(|| panic!("no #{from}"));
    let rest = &html[start..];
    rest.find(&format!(r#"id="{to}""#)).map_or(rest, |end| &rest[..end])
}

#[tokio::test]
async fn a_networks_members_download_sits_with_its_members() {
    let html = page("/networks/uccn?country=IT").await;
    let link = r#"href="/api/networks/uccn/members?country=IT&limit=100000&format=csv""#;
    let members = between(&html, "h-members", "h-gov");
    assert!(members.contains("Download this list") && members.contains(link), "{members}");
    assert_eq!(html.matches("Download this list").count(), 1, "one list, one download");
    assert!(!between(&html, "h-meetings", "none").contains("Download this list"));
}
