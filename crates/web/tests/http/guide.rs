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

/// The `href`s of the links in `html`.
fn links(html: &str) -> Vec<&str> {
    html.split("href=\"").skip(1).filter_map(|t| t.split('"').next()).collect()
}

#[tokio::test]
async fn the_home_page_says_what_the_site_is_and_where_to_start() {
    let html = page("/").await;
    let lead = html.split(r#"<p class="lead">"#).nth(1).and_then(|t| t.split("</p>").next()).expect("a lead");
    assert!(lead.contains("citynets is") && lead.matches(". ").count() + 1 == 2, "two sentences: {lead}");
    // A way in for each question people come with, and each answers.
    let start = between(&html, "h-start", "h-networks");
    let ways = links(start);
    for want in ["/networks/uccn?country=IT", "/networks/eurocities#h-gov", "/events", "/ingest"] {
        assert!(ways.contains(&want), "no way in to {want}: {ways:?}");
    }
    assert!(start.contains(r#"action="/search""#) && start.contains(r#"name="kind" value="city""#), "{start}");
    for way in ways.iter().filter(|w| w.starts_with('/') && !w.starts_with("/api/")) {
        page(way.split('#').next().unwrap()).await;
    }
    let (_, found) = get_text("/search?kind=city&q=Bologna").await;
    assert!(found.contains(r#"href="/cities/bologna-it""#), "the city form finds the city");
    // Networks with members first; those without fold away.
    let networks = between(&html, "h-networks", "h-latest");
    let (table, folded) = networks.split_once("<details").expect("networks without members fold away");
    assert!(table.contains(">UNESCO Creative Cities Network<") && !table.contains(">Mayors for Peace<"), "{table}");
    assert!(folded.contains(">Mayors for Peace<"), "{folded}");
}

#[tokio::test]
async fn the_home_page_shows_reviewed_facts_from_texts_not_datasets() {
    let html = page("/").await;
    let latest = between(&html, "h-latest", "none");
    let ids: Vec<&str> = links(latest).into_iter().filter_map(|l| l.strip_prefix("/facts/")).collect();
    assert!(!ids.is_empty(), "{latest}");
    for id in ids {
        let fact = get_ok(&format!("/api/facts/{id}")).await;
        assert_eq!(fact["status"], "accepted", "{fact}");
        let mut from_text = false;
        for s in fact["sources"].as_array().unwrap() {
            let doc = get_ok(&format!("/api/documents/{}", s["document"].as_str().unwrap())).await;
            from_text |= doc["document"]["text"].as_str().is_some_and(|t| !t.trim().is_empty());
        }
        assert!(from_text, "fact {id} cites no text: {fact}");
    }
}

#[tokio::test]
async fn calendars_are_linked_from_the_home_and_meetings_pages_with_a_subscription() {
    let networks = ["uccn", "eurocities"];
    for path in ["/", "/events", "/networks/uccn", "/networks/eurocities"] {
        let html = page(path).await;
        let hrefs = links(&html);
        for key in networks.iter().filter(|k| !path.starts_with("/networks/") || path.ends_with(*k)) {
            let ics = format!("/api/networks/{key}/events.ics");
            assert!(hrefs.contains(&ics.as_str()), "{path}: no {ics}");
            // The subscription is the same file, at the server's address.
            let webcal = format!("webcal://{}{ics}", url("").trim_start_matches("http://"));
            assert!(hrefs.contains(&webcal.as_str()), "{path}: no {webcal}");
        }
        // Every calendar linked is one, and has its subscription.
        let files: Vec<&&str> = hrefs.iter().filter(|h| h.ends_with("/events.ics") && h.starts_with('/')).collect();
        let subscriptions = hrefs.iter().filter(|h| h.starts_with("webcal://")).count();
        assert_eq!(files.len(), subscriptions, "{path}");
        for f in files {
            let r = reqwest::get(url(f)).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{f}");
            assert!(r.text().await.unwrap().starts_with("BEGIN:VCALENDAR"), "{f}");
        }
    }
    // The menu leads to the calendars.
    let html = page("/cities").await;
    assert!(links(&html).contains(&"/events"));
    assert!(between(&page("/events").await, "calendars", "none").contains("subscribe"));
}

#[tokio::test]
async fn the_api_menu_item_opens_a_page_of_every_route() {
    let html = page("/cities").await;
    let menu = html.split(r#"<nav aria-label="Main">"#).nth(1).and_then(|t| t.split("</nav>").next()).unwrap();
    assert!(menu.contains(r#"<a href="/api-docs">API</a>"#), "{menu}");
    let html = page("/api-docs").await;
    let doc = get_ok("/api/openapi.json").await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let heading = format!(r#"<span class="method">{}</span> <code>{path}</code></h2>"#, method.to_uppercase());
            assert!(html.contains(&heading), "no {heading}");
            let summary = op["summary"].as_str().unwrap().replace('\'', "&#39;");
            assert!(html.contains(&format!("<strong>{summary}.</strong>")), "no summary of {method} {path}");
        }
    }
    // Descriptions read as text: code spans in <code>, no backticks.
    assert!(html.contains("<code>format=csv</code>") && !html.contains('`'), "raw Markdown left");
    // The example addresses of GET routes open.
    assert!(html.contains(r#"<a href="/api/networks/uccn/members">"#), "members' example");
    assert_eq!(get_text("/api/networks/uccn/members").await.0, StatusCode::OK);
}
