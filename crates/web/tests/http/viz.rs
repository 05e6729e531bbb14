//! The map and the city timeline: SVG drawn on the server, read back with
//! an XML parser.

use reqwest::StatusCode;

use crate::common::*;

#[tokio::test]
async fn the_map_shows_one_clickable_point_per_member_and_field() {
    let (s, html) = get_text("/map?network=uccn&country=IT&as_of=2020").await;
    assert_eq!(s, StatusCode::OK);
    let svg = svg(&html);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let circles: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("circle")).collect();
    let members = get_ok("/api/networks/uccn/members?country=IT&as_of=2020").await;
    let designations: usize = members["members"].as_array().unwrap().iter().map(|m| m["facts"].as_array().unwrap().len()).sum();
    assert_eq!(circles.len(), designations, "one point per designation");
    assert!(html.contains(&format!("{} points", circles.len())));
    for c in &circles {
        let a = c.ancestors().find(|n| n.has_tag_name("a")).expect("each point is a link");
        let href = a.attributes().find(|at| at.name() == "href").unwrap().value();
        assert!(href.starts_with("/cities/"), "{href}");
    }
    // Italy as of 2020 had no Media Arts city, and the legend says what is drawn.
    assert!(!svg.contains("Media Arts"));
    assert!(svg.contains("Music"));

    let (s, html) = get_text("/map?network=uccn&field=arti%20digitali&country=IT&as_of=2020").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("0 points"), "no Italian Media Arts city in 2020");
    let (s, _) = get_text("/map?network=uccn&as_of=2020-13").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_city_page_draws_its_timeline() {
    let (_, html) = get_text("/cities/bologna-it").await;
    let svg = svg(&html);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let links: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|n| n.attributes().find(|a| a.name() == "href").map(|a| a.value()))
        .collect();
    assert!(links.iter().any(|h| h.starts_with("/facts/")), "bars link to their facts: {links:?}");
    assert!(svg.contains("EUROCITIES") && svg.contains("Chair"), "rows per network, roles drawn");
}

#[tokio::test]
async fn network_and_meeting_charts_count_what_the_api_lists() {
    let (_, html) = get_text("/networks/uccn").await;
    let marker = "2020 — Music: ";
    let at = html.find(marker).expect("a Music segment for 2020");
    let drawn: usize = html[at + marker.len()..].chars().take_while(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap();
    let listed = get_ok("/api/networks/uccn/members?field=Music&as_of=2020").await;
    assert_eq!(drawn, listed["members"].as_array().unwrap().len(), "the chart and the member list agree on 2020");

    let (_, html) = get_text("/events?network=uccn").await;
    let svg = svg(&html);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let drawn: u32 = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("data-count").is_some())
        .map(|n| n.attribute("data-count").unwrap().parse::<u32>().unwrap())
        .sum();
    let listed = get_ok("/api/events?network=uccn").await;
    let dated = listed["events"].as_array().unwrap().iter().filter(|e| !e["start"].is_null()).count();
    assert_eq!(drawn as usize, dated, "every dated meeting is drawn once");
}
