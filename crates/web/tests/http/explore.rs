//! Gaps and candidates, maps of meetings and partners, and the drawn graph,
//! checked against the API's lists.

use std::collections::HashSet;

use reqwest::StatusCode;
use crate::common::*;

/// The keys of the cities a members request lists.
/// The member cities the API lists at `path`, all of them (in one page).
async fn member_keys(path: &str) -> HashSet<String> {
    let v = get_ok(&format!("{path}{}limit=100000", if path.contains('?') { '&' } else { '?' })).await;
    assert_eq!(v["total"], v["members"].as_array().expect("members").len(), "{path}: one page holds them all");
    v["members"].as_array().expect("members").iter().map(|m| m["city"]["key"].as_str().expect("a key").to_string()).collect()
}

#[tokio::test]
async fn members_of_one_network_but_not_another() {
    let all = member_keys("/api/networks/uccn/members").await;
    let euro = member_keys("/api/networks/eurocities/members").await;
    let outside = member_keys("/api/networks/uccn/members?not_in=EUROCITIES").await;
    let both = &all & &euro;
    assert!(!both.is_empty(), "the bundled data has cities in both");
    assert_eq!(outside, &all - &euro);
    let (status, html) = get_text("/networks/uccn?not_in=eurocities").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("{} member cities, none of them in EUROCITIES", outside.len())), "the page counts them");
    let (status, v) = get_json("/api/networks/uccn/members?not_in=nowhere").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "not_in");
}

#[tokio::test]
async fn countries_by_number_of_memberships() {
    let v = get_ok("/api/countries?network=uccn&as_of=2020").await;
    let list = v["countries"].as_array().unwrap();
    let italy = list.iter().find(|c| c["code"] == "IT").expect("Italy");
    let members = get_ok("/api/networks/uccn/members?country=IT&as_of=2020").await;
    assert_eq!(italy["cities"].as_u64().unwrap() as usize, members["members"].as_array().unwrap().len());
    let memberships: Vec<u64> = list.iter().map(|c| c["memberships"].as_u64().unwrap()).collect();
    assert!(memberships.windows(2).all(|w| w[0] >= w[1]), "most memberships first");
    // Across every network a country counts at least what it counts in one.
    let all = get_ok("/api/countries?as_of=2020").await;
    let italy_all = all["countries"].as_array().unwrap().iter().find(|c| c["code"] == "IT").expect("Italy");
    assert!(italy_all["memberships"].as_u64() >= italy["memberships"].as_u64());
    assert!(italy_all["networks"].as_array().unwrap().len() > 1, "Italian cities are in several networks");
    let (status, html) = get_text("/countries?network=uccn&as_of=2020").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/cities?country=IT\""));
}

/// Whether the registry has coordinates for a city.
async fn located(key: &str) -> bool {
    get_ok(&format!("/api/cities/{key}")).await["city"]["lat"].is_number()
}

#[tokio::test]
async fn meeting_hosts_over_time_on_the_map() {
    let events = get_ok("/api/events?network=uccn").await;
    let mut expected = 0;
    for e in events["events"].as_array().unwrap() {
        let host = e["refs"]["city"].as_str();
        if !e["start"].is_null() && host.is_some() && located(host.unwrap()).await {
            expected += 1;
        }
    }
    assert!(expected >= 2, "the bundled data has UCCN meetings with hosts");
    let (status, html) = get_text("/map?show=meetings&network=uccn").await;
    assert_eq!(status, StatusCode::OK);
    let doc_text = svg(&html);
    let doc = roxmltree::Document::parse(&doc_text).expect("SVG");
    let points = doc.descendants().filter(|n| n.has_tag_name("circle") && n.attribute("class") == Some("point")).count();
    assert_eq!(points, expected, "a point per dated meeting at a located host");
    assert_eq!(count_before(&html, "points"), expected);
    assert_eq!(count_before(&html, "lines"), expected - 1, "a line from each host to the next");
    assert!(html.contains("Shenzhen"), "the 2010 meeting's host");

    let (_, html) = get_text("/map?show=meetings&network=uccn&from=2010&to=2010").await;
    assert_eq!(count_before(&html, "point"), 1, "one meeting in 2010");
    let (status, _) = get_text("/map?show=meetings&from=soon").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_citys_partners_on_the_map() {
    let twinnings = get_ok("/api/twinnings?city=Bologna").await;
    let mut expected = 0;
    for t in twinnings["twinnings"].as_array().unwrap() {
        let other = if t["refs"]["city"] == "bologna-it" { &t["refs"]["other"] } else { &t["refs"]["city"] };
        if located(other.as_str().expect("a resolved twin")).await {
            expected += 1;
        }
    }
    let (status, html) = get_text("/map?show=partners&city=Bologna").await;
    assert_eq!(status, StatusCode::OK);
    let text = svg(&html);
    let doc = roxmltree::Document::parse(&text).expect("SVG");
    let lines = doc.descendants().filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("line")).count();
    assert_eq!(lines, expected, "a line per located twin");
    assert!(text.contains("/cities/leipzig-de"), "Leipzig is drawn and linked");
    assert!(text.contains("UNESCO Creative Cities Network"), "co-members are drawn by network");
    let (status, _) = get_text("/map?show=partners").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "partners of no city");
}

#[tokio::test]
async fn the_graph_page_draws_a_citys_connections_and_a_networks_members() {
    let v = get_ok("/api/graph/neighbours?city=Carrara").await;
    let connections = v["connections"].as_array().unwrap();
    let networks = connections.iter().filter(|c| c["node"]["kind"] == "network").count();
    let twins = connections.iter().filter(|c| c["node"]["kind"] == "city").count();
    let (status, html) = get_text("/graph?city=Carrara").await;
    assert_eq!(status, StatusCode::OK);
    let text = svg(&html);
    let doc = roxmltree::Document::parse(&text).expect("SVG");
    let root = doc.root_element();
    assert_eq!(root.attribute("data-groups"), Some((networks + usize::from(twins > 0)).to_string().as_str()));
    let hubs: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a") && n.attribute("class") == Some("node hub")).collect();
    assert_eq!(hubs.len(), networks, "a hub per network");
    assert!(text.contains("/networks/uccn"));

    let n = member_keys("/api/networks/uccn/members?as_of=2020").await.len();
    let (status, html) = get_text("/graph?network=uccn&as_of=2020").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("{n} members as of 2020")), "the drawing counts the API's members");
    let text = svg(&html);
    let doc = roxmltree::Document::parse(&text).expect("SVG");
    let hubs = doc.descendants().filter(|n| n.has_tag_name("a") && n.attribute("class") == Some("node hub")).count();
    assert_eq!(hubs, 7, "the seven UCCN fields as of 2020");
}

#[tokio::test]
async fn members_come_in_pages_that_add_up_to_the_whole() {
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v["members"].as_array().expect("members").iter().map(|m| m["city"]["key"].as_str().expect("a key").to_string()).collect()
    };
    let whole = get_ok("/api/networks/uccn/members?as_of=2020&limit=100000").await;
    let all = keys(&whole);
    assert!(all.len() > 120, "more members than two pages of 60: {}", all.len());
    assert!(all.windows(2).all(|w| w[0] < w[1]), "in key order, each city once");
    let first = get_ok("/api/networks/uccn/members?as_of=2020").await;
    assert_eq!((first["limit"].as_i64(), first["offset"].as_i64()), (Some(100), Some(0)), "a first page of 100 by default");
    assert_eq!(keys(&first), all[..100]);

    let mut paged = Vec::new();
    for page in 1.. {
        let v = get_ok(&format!("/api/networks/uccn/members?as_of=2020&limit=60&page={page}")).await;
        assert_eq!(v["total"], all.len(), "page {page} counts all the members");
        let k = keys(&v);
        if k.is_empty() {
            break;
        }
        assert!(k.len() <= 60);
        paged.extend(k);
    }
    assert_eq!(paged, all, "the pages in turn are the whole list");
    let past = get_ok(&format!("/api/networks/uccn/members?as_of=2020&offset={}", all.len())).await;
    assert_eq!((keys(&past).len(), past["total"].as_u64()), (0, Some(all.len() as u64)));

    for (query, parameter) in [("limit=0", "limit"), ("limit=100001", "limit"), ("offset=-1", "offset"), ("page=0", "page")] {
        let (status, v) = get_json(&format!("/api/networks/uccn/members?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(v["error"]["parameter"], parameter, "{query}: {v}");
    }
}
