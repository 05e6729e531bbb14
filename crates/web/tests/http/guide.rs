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

#[tokio::test]
async fn a_city_shows_its_names_not_their_romanisations() {
    // Saint Petersburg's alternate names hold the abbreviation "SPb";
    // Trieste's the Slovene "Trst", a name with no written vowel.
    let names = |html: &str| -> String {
        html.split("<dt>Other names</dt>").nth(1).and_then(|t| t.split("</dd>").next()).expect("other names").to_string()
    };
    let v = get_ok("/api/cities/saint-petersburg-ru").await;
    let all: Vec<&str> = v["city"]["names"].as_array().unwrap().iter().filter_map(|n| n["name"].as_str()).collect();
    assert!(all.contains(&"SPb") && all.contains(&"Leningrad"), "the data has both: {all:?}");
    let shown = names(&page("/cities/saint-petersburg-ru").await);
    assert!(shown.contains("Leningrad") && !shown.contains("SPb"), "{shown}");
    let shown = names(&page("/cities/trieste-it").await);
    assert!(shown.contains("Trst"), "{shown}");
}

#[tokio::test]
async fn a_drawing_says_when_it_shows_only_part() {
    // Carrara's partners, as the API lists them: each network's other
    // members, and its twins; the drawing takes at most 120 of a group.
    let v = get_ok("/api/graph/neighbours?city=Carrara").await;
    let (mut all, mut drawn, mut twins) = (0, 0, 0);
    for c in v["connections"].as_array().unwrap() {
        match c["members"].as_array() {
            Some(members) => {
                all += members.len();
                drawn += members.len().min(120);
            }
            None => twins += 1,
        }
    }
    all += twins;
    drawn += twins.min(120);
    assert!(drawn < all, "Carrara's UCCN has more members than a drawing takes: {all}");
    let html = page("/graph?city=Carrara").await;
    let caption = format!("{drawn} of {all} partners shown (at most 120 per group).");
    assert!(html.contains(&caption), "no {caption:?}");
    // A drawing of everything (Leipzig's networks are smaller) says
    // nothing of the kind.
    let html = page("/graph?city=Leipzig").await;
    assert!(html.contains(r#"<figure class="graph">"#) && !html.contains("partners shown"), "{html}");
}
