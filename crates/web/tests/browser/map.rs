//! The map draws the member cities a filter selects, a point for each of
//! their memberships and designations (as the page says), and a point opens
//! its city.

use std::collections::{BTreeMap, BTreeSet};

use fantoccini::Locator;

use crate::api;
use crate::chrome::{Browser, attr, text};

/// A point on the map: a `<circle class="point">` inside the `<a>` to its
/// city (`crates/viz/src/map.rs`).
const POINT: &str = "figure.map svg a > circle.point";

/// The UCCN members a filter selects, by the JSON API: each city's page
/// and the number of its facts there (memberships and designations; the
/// map draws a point for each).
async fn member_cities(filter: &str) -> BTreeMap<String, usize> {
    let v = api::get(&format!("/api/networks/uccn/members?limit=1000&{filter}")).await;
    api::array(&v["members"], "members")
        .iter()
        .map(|m| (format!("/cities/{}", api::str(&m["city"]["key"], "city.key")), api::array(&m["facts"], "facts").len()))
        .collect()
}

/// The links of the points the map page draws for a filter.
async fn map_points(b: &Browser, filter: &str) -> Vec<String> {
    b.open(&format!("/map?network=uccn&{filter}")).await;
    b.wait_for("figure.map svg").await;
    let mut hrefs = Vec::new();
    for circle in b.find_all(POINT).await {
        let a = circle.find(Locator::XPath("..")).await.expect("a point's link");
        hrefs.push(attr(&a, "href").await);
    }
    hrefs
}

#[tokio::test]
async fn the_map_draws_a_point_per_member_city_and_a_point_opens_its_city() {
    let Some(b) = Browser::start().await else { return };

    let mut counts = Vec::new();
    for filter in ["field=music&country=IT", "country=IT"] {
        let cities = member_cities(filter).await;
        assert!(!cities.is_empty(), "{filter}: the API lists no members");
        let points = map_points(&b, filter).await;
        let drawn: BTreeSet<&String> = points.iter().collect();
        assert_eq!(drawn.len(), cities.len(), "{filter}: cities on the map, member cities in the API");
        assert!(drawn.iter().all(|p| cities.contains_key(*p)), "{filter}: the points' cities are the members");
        let facts: usize = cities.values().sum();
        assert_eq!(points.len(), facts, "{filter}: a point per membership or designation");
        let shown = text(&b.wait_for("p.count").await).await;
        assert!(shown.starts_with(&format!("{} point", points.len())), "{filter}: the page says {shown:?}");
        counts.push(cities.len());
    }
    assert_ne!(counts[0], counts[1], "the two filters select different cities");

    // The last point is drawn on top of the others, so a click reaches it.
    let points = b.find_all(POINT).await;
    let point = points.last().expect("a point");
    let href = attr(&point.find(Locator::XPath("..")).await.expect("the point's link"), "href").await;
    point.click().await.expect("click the point");
    b.wait_for_location(&href).await;
    let city = api::get(&format!("/api{href}")).await;
    let name = api::str(&city["city"]["name"], "city.name");
    assert_eq!(b.h1().await, name, "the page {href}");
}
