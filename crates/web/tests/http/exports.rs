//! Exports, each read back with an independent parser: GeoJSON (as JSON),
//! iCalendar (line structure), GraphML and GEXF (roxmltree), and the
//! JSON-LD embedded in pages.

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

async fn download(path: &str) -> (String, String) {
    let r = reqwest::get(url(path)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let ct = r.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().to_string();
    (ct, r.text().await.unwrap())
}

#[tokio::test]
async fn geojson_of_a_networks_members() {
    let (ct, body) = download("/api/cities.geojson?network=uccn&country=IT").await;
    assert_eq!(ct, "application/geo+json");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    let members = get_ok("/api/networks/uccn/members?country=IT").await;
    assert_eq!(features.len(), members["members"].as_array().unwrap().len());
    let bologna = features.iter().find(|f| f["properties"]["key"] == "bologna-it").expect("Bologna");
    let c = bologna["geometry"]["coordinates"].as_array().unwrap();
    assert!((c[0].as_f64().unwrap() - 11.34).abs() < 0.1 && (c[1].as_f64().unwrap() - 44.49).abs() < 0.1, "[lon, lat]: {c:?}");
    assert!(bologna["properties"]["url"].as_str().unwrap().ends_with("/cities/bologna-it"));
    // Each feature carries its field and year, as the members list states them.
    for m in members["members"].as_array().unwrap() {
        let key = m["city"]["key"].as_str().unwrap();
        let f = features.iter().find(|f| f["properties"]["key"] == key).unwrap_or_else(|| panic!("{key}"));
        let p = &f["properties"];
        let facts = m["facts"].as_array().unwrap();
        let fields: Vec<&str> = facts.iter().filter_map(|x| x["field"].as_str()).collect();
        assert!(!fields.is_empty() && fields.iter().all(|x| p["field"].as_str().unwrap().contains(x)), "{key}: {p}");
        let years = facts.iter().filter_map(|x| x["year"].as_str()?.get(..4)?.parse::<i64>().ok());
        assert_eq!(p["year"].as_i64(), years.min(), "{key}: {p}");
        assert_eq!(p["memberships"].as_array().unwrap().len(), facts.len(), "{key}: {p}");
        assert!(p["memberships"].as_array().unwrap().iter().all(|x| x["network"] == "uccn"), "{key}: {p}");
    }
    assert_eq!(bologna["properties"]["field"], "Music", "{bologna}");
    assert_eq!(bologna["properties"]["year"], 2006, "{bologna}");
}

#[tokio::test]
async fn icalendar_of_a_networks_meetings() {
    let (ct, body) = download("/api/networks/uccn/events.ics").await;
    assert!(ct.starts_with("text/calendar"), "{ct}");
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n") && body.trim_end().ends_with("END:VCALENDAR"));
    let events = get_ok("/api/events?network=uccn").await;
    let dated = events["events"].as_array().unwrap().iter().filter(|e| !e["start"].is_null()).count();
    assert_eq!(body.matches("BEGIN:VEVENT").count(), dated);
    assert!(body.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    // The 2010 meeting in Shenzhen is a year: the whole of 2010.
    let shenzhen = body.split("BEGIN:VEVENT").find(|e| e.contains("Shenzhen")).expect("Shenzhen's meeting");
    assert!(shenzhen.contains("DTSTART;VALUE=DATE:20100101") && shenzhen.contains("DTEND;VALUE=DATE:20110101"), "{shenzhen}");
    let (s, _) = get_json("/api/networks/nowhere/events.ics").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn graph_exports_parse_and_agree() {
    let (ct, gexf) = download("/api/graph.gexf?network=Coordinamento%20Italiano%20delle%20Citt%C3%A0%20Creative%20UNESCO").await;
    assert_eq!(ct, "application/gexf+xml");
    let doc = roxmltree::Document::parse(&gexf).unwrap();
    let nodes: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("node")).collect();
    let edges: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("edge")).collect();
    assert_eq!(nodes.len(), 11, "the 11 Italian creative cities");
    let ids: std::collections::HashSet<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    assert!(edges.iter().all(|e| ids.contains(e.attribute("source").unwrap()) && ids.contains(e.attribute("target").unwrap())));
    assert_eq!(edges.len(), 11 * 10 / 2, "each pair shares the coordination");

    let (_, graphml) = download("/api/graph.graphml?network=it-uccn-coordination").await;
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("node")).count(), 11);
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("edge")).count(), 55);

    // A filter no member matches is an empty graph, not every city.
    let (_, graphml) = download("/api/graph.graphml?network=it-uccn-coordination&as_of=1900").await;
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("node")).count(), 0, "no member in 1900");

    let (s, v) = get_json("/api/graph.gexf?network=League%20of%20Xqz").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "network");
}

/// The JSON-LD a page embeds, parsed.
fn jsonld(html: &str) -> Value {
    let start = html.find(r#"<script type="application/ld+json">"#).expect("a JSON-LD script") + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[tokio::test]
async fn pages_embed_schema_org_json_ld() {
    let (_, html) = get_text("/cities/bologna-it").await;
    let v = jsonld(&html);
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["name"], "Bologna");
    let roles = v["memberOf"].as_array().unwrap();
    assert!(roles.iter().any(|r| r["startDate"] == "1991"), "EUROCITIES since 1991: {roles:?}");
    let (_, html) = get_text("/networks/eurocities").await;
    let v = jsonld(&html);
    assert_eq!(v["name"], "EUROCITIES");
    assert!(html.contains("/api/networks/eurocities/events.ics"), "the calendar is linked");
}

#[tokio::test]
async fn who_is_connected_to_carrara_and_through_what() {
    let v = get_ok("/api/graph/neighbours?city=Carrara").await;
    let conns = v["connections"].as_array().unwrap();
    let coordination = conns
        .iter()
        .find(|c| c["node"]["key"] == "it-uccn-coordination")
        .expect("Carrara is in the Italian coordination");
    let members: Vec<&str> = coordination["members"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert!(members.contains(&"Fabriano") && !members.contains(&"Carrara"), "{members:?}");
    assert!(conns.iter().any(|c| c["node"]["key"] == "uccn"));
    let (s, v) = get_json("/api/graph/neighbours").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["parameter"], "city");
}

#[tokio::test]
async fn shortest_chain_and_cities_in_both_networks() {
    let v = get_ok("/api/graph/chain?from=Carrara&to=Lipsia").await;
    let nodes: Vec<&str> = v["nodes"].as_array().unwrap().iter().map(|n| n["key"].as_str().unwrap()).collect();
    assert_eq!(nodes.first(), Some(&"carrara-it"));
    assert_eq!(nodes.last(), Some(&"leipzig-de"));
    assert_eq!(v["links"].as_array().unwrap().len(), nodes.len() - 1);
    assert!(nodes.len() >= 3, "no direct link: {nodes:?}");

    let v = get_ok("/api/graph/in-both?a=uccn&b=eurocities").await;
    let both: Vec<&str> = v["cities"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert!(both.contains(&"bologna-it"), "{both:?}");
    let uccn = get_ok("/api/networks/uccn/members?limit=1000").await;
    let uccn: Vec<&str> = uccn["members"].as_array().unwrap().iter().map(|m| m["city"]["key"].as_str().unwrap()).collect();
    assert!(both.iter().all(|c| uccn.contains(c)), "every city in both is a UCCN member");

    let (s, html) = get_text("/graph?city=Carrara&from=Carrara&to=Leipzig&a=uccn&b=eurocities").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Fabriano") && html.contains("href=\"/cities/leipzig-de\"") && html.contains("href=\"/cities/bologna-it\""));
}
