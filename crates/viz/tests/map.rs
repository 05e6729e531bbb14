//! The world map, read back with roxmltree.

mod common;

use std::sync::OnceLock;

use citynets_model::Field;
use citynets_viz::{field_colour, GeoBox, LatLon, LineStyle, MapLine, MapPoint, MapSpec, View, VizError, WorldMap, OTHER_PALETTE};
use common::*;

const GEOJSON: &str = include_str!("../../../data/boundaries/ne_110m_admin_0_countries.geojson");

fn world() -> &'static WorldMap {
    static MAP: OnceLock<WorldMap> = OnceLock::new();
    MAP.get_or_init(|| WorldMap::from_geojson(GEOJSON).expect("the bundled boundaries parse"))
}

fn city(lat: f64, lon: f64, name: &str, category: &str) -> MapPoint {
    MapPoint::new(lat, lon, name, format!("/cities/{}", name.to_lowercase()), category)
}

fn cities() -> Vec<MapPoint> {
    vec![
        city(44.49, 11.34, "Bologna", "Music"),
        city(45.07, 7.69, "Turin", "Design"),
        city(51.34, 12.37, "Leipzig", "twinning"),
        city(48.86, 2.35, "Paris", "Gastronomy"),
        city(35.68, 139.69, "Tokyo", "Design"),
        city(40.71, -74.01, "New York", "Film"),
    ]
}

fn spec(points: Vec<MapPoint>, view: View) -> MapSpec {
    MapSpec { title: "Creative cities".into(), points, view, ..Default::default() }
}

/// The map area: the ocean rectangle (x, y, width, height).
fn ocean(doc: &roxmltree::Document) -> (f64, f64, f64, f64) {
    let r = elements(doc, "rect", "ocean");
    assert_eq!(r.len(), 1);
    (num(&r[0], "x"), num(&r[0], "y"), num(&r[0], "width"), num(&r[0], "height"))
}

#[test]
fn the_bundled_boundaries_parse_into_every_country() {
    let map = world();
    assert_eq!(map.countries().len(), 177);
    let france = map.country("FRA").expect("France by ADM0_A3");
    assert_eq!((france.name(), france.iso_a2()), ("France", None), "ISO_A2 -99 is no code");
    assert_eq!(map.country("IT").unwrap().name(), "Italy");
    assert!(map.country("RU").unwrap().rings() > 1, "Russia is a MultiPolygon");
}

#[test]
fn n_points_are_n_circles_inside_links_with_their_hrefs() {
    let points = cities();
    let svg = world().render(&spec(points.clone(), View::World));
    let doc = parse(&svg);
    let circles = elements(&doc, "circle", "point");
    assert_eq!(circles.len(), points.len());
    assert_eq!(elements(&doc, "circle", "").len(), points.len(), "no other circles");
    for (c, p) in circles.iter().zip(&points) {
        let a = c.parent_element().unwrap();
        assert!(is(&a, "a"), "circle not inside <a>");
        assert_eq!(a.attribute("href"), Some(p.href.as_str()));
        assert!(title(c).starts_with(&format!("{} — ", p.label)), "{}", title(c));
    }
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SVG_NS));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-label"), Some("Creative cities"));
    assert_eq!(title(&root), "Creative cities");
    let desc = root.children().find(|n| is(n, "desc")).and_then(|n| n.text()).unwrap();
    assert!(desc.contains("6 cities"), "{desc}");
    assert_eq!(root.attribute("data-points"), Some("6"));
}

#[test]
fn countries_are_paths_with_class_and_name() {
    let doc_text = world().render(&spec(vec![], View::World));
    let doc = parse(&doc_text);
    let paths = elements(&doc, "path", "country");
    assert_eq!(paths.len(), 177, "the world view draws every country");
    let france = paths.iter().find(|p| has_class(p, "c-FRA")).expect("France has a path");
    assert_eq!(title(france), "France");
    // No points, no categories, no legend.
    assert!(elements(&doc, "g", "legend").is_empty());
}

#[test]
fn legend_lists_exactly_the_categories_present_with_their_colours() {
    let svg = world().render(&spec(cities(), View::World));
    let doc = parse(&svg);
    let items = elements(&doc, "g", "legend-item");
    let legend: Vec<(String, String)> = items
        .iter()
        .map(|g| {
            let rect = g.children().find(|n| is(n, "rect")).unwrap();
            let text = g.children().find(|n| is(n, "text")).unwrap();
            (text.text().unwrap().to_string(), rect.attribute("fill").unwrap().to_string())
        })
        .collect();
    let expected = [
        ("Design", field_colour(Field::Design)),
        ("Film", field_colour(Field::Film)),
        ("Gastronomy", field_colour(Field::Gastronomy)),
        ("Music", field_colour(Field::Music)),
        ("twinning", OTHER_PALETTE[0]),
    ];
    assert_eq!(legend, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    // Each point has its category's colour.
    for c in elements(&doc, "circle", "point") {
        let category = title(&c).split(" — ").nth(1).unwrap().to_string();
        let colour = expected.iter().find(|(l, _)| *l == category).unwrap().1;
        assert_eq!(c.attribute("fill"), Some(colour), "{category}");
    }

    // Points outside a zoom do not bring their category into the legend.
    let europe = world().render(&spec(cities(), View::Box(GeoBox::EUROPE)));
    let doc = parse(&europe);
    let labels: Vec<&str> = elements(&doc, "g", "legend-item")
        .iter()
        .map(|g| g.children().find(|n| is(n, "text")).unwrap().text().unwrap())
        .collect();
    assert_eq!(labels, ["Design", "Gastronomy", "Music", "twinning"], "no Film (New York is off the map)");
}

#[test]
fn lon_0_lat_0_is_the_centre_of_the_world_view() {
    let svg = world().render(&spec(vec![city(0.0, 0.0, "Null Island", "Music")], View::World));
    let doc = parse(&svg);
    let (x, y, w, h) = ocean(&doc);
    assert_eq!((w, h), (960.0, 480.0), "equirectangular: twice as wide as high");
    let c = &elements(&doc, "circle", "point")[0];
    assert_eq!((num(c, "cx"), num(c, "cy")), (x + w / 2.0, y + h / 2.0));
    // And the corners: lon -180 lat 90 top left, lon 180 lat -90 bottom right.
    let svg = world().render(&spec(vec![city(90.0, -180.0, "a", "x"), city(-90.0, 180.0, "b", "x")], View::World));
    let doc = parse(&svg);
    let c = elements(&doc, "circle", "point");
    assert_eq!((num(&c[0], "cx"), num(&c[0], "cy")), (x, y));
    assert_eq!((num(&c[1], "cx"), num(&c[1], "cy")), (x + w, y + h));
}

#[test]
fn bologna_projects_inside_italys_outline() {
    for view in [View::World, View::Box(GeoBox::EUROPE), View::FitPoints { padding: 2.0 }] {
        let svg = world().render(&spec(vec![city(44.49, 11.34, "Bologna", "Music")], view));
        let doc = parse(&svg);
        let italy = elements(&doc, "path", "country").into_iter().find(|p| has_class(p, "c-ITA")).expect("Italy");
        assert_eq!(title(&italy), "Italy");
        let (x0, y0, x1, y1) = path_bbox(italy.attribute("d").unwrap());
        let c = &elements(&doc, "circle", "point")[0];
        let (cx, cy) = (num(c, "cx"), num(c, "cy"));
        assert!(x0 < cx && cx < x1 && y0 < cy && cy < y1, "{view:?}: ({cx}, {cy}) outside {:?}", (x0, y0, x1, y1));
        // And not inside Norway's box, where it is drawn (a negative check).
        if let Some(norway) = elements(&doc, "path", "country").into_iter().find(|p| has_class(p, "c-NOR")) {
            let (nx0, ny0, nx1, ny1) = path_bbox(norway.attribute("d").unwrap());
            assert!(!(nx0 < cx && cx < nx1 && ny0 < cy && cy < ny1));
        }
    }
}

#[test]
fn a_zoom_drops_points_outside_it_and_says_so() {
    let svg = world().render(&spec(cities(), View::Box(GeoBox::EUROPE)));
    let doc = parse(&svg);
    let hrefs: Vec<&str> = elements(&doc, "a", "").iter().filter_map(|a| a.attribute("href")).collect();
    assert_eq!(hrefs, ["/cities/bologna", "/cities/turin", "/cities/leipzig", "/cities/paris"]);
    let root = doc.root_element();
    assert_eq!(root.attribute("data-points"), Some("4"));
    assert_eq!(root.attribute("data-hidden-points"), Some("2"));
    let desc = root.children().find(|n| is(n, "desc")).and_then(|n| n.text()).unwrap();
    assert!(desc.contains("2 outside the view not shown"), "{desc}");
    // Europe is 70° x 38°: the map keeps that shape, and the points are in it.
    let (x, y, w, h) = ocean(&doc);
    assert!((h / w - 38.0 / 70.0).abs() < 0.01);
    for c in elements(&doc, "circle", "point") {
        let (cx, cy) = (num(&c, "cx"), num(&c, "cy"));
        assert!(x <= cx && cx <= x + w && y <= cy && cy <= y + h);
    }
    // Countries far from Europe are not drawn at all.
    assert!(!elements(&doc, "path", "country").iter().any(|p| has_class(p, "c-AUS")));
}

#[test]
fn fitting_to_the_points_zooms_in_on_them() {
    let italy = vec![
        city(44.49, 11.34, "Bologna", "Music"),
        city(45.07, 7.69, "Turin", "Design"),
        city(38.12, 13.36, "Palermo", "Gastronomy"),
    ];
    let svg = world().render(&spec(italy, View::FitPoints { padding: 2.0 }));
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("data-hidden-points"), Some("0"));
    let (x, y, w, h) = ocean(&doc);
    let circles = elements(&doc, "circle", "point");
    assert_eq!(circles.len(), 3);
    for c in &circles {
        let (cx, cy) = (num(c, "cx"), num(c, "cy"));
        assert!(x < cx && cx < x + w && y < cy && cy < y + h);
    }
    // Bologna to Turin is 3.65° of longitude: far more than 10 px now (2.7 px per degree on the world map).
    let dx = num(&circles[0], "cx") - num(&circles[1], "cx");
    assert!(dx > 100.0, "{dx}");
    assert!(!elements(&doc, "path", "country").iter().any(|p| has_class(p, "c-AUS")));
}

#[test]
fn script_and_ampersands_are_escaped_and_round_trip() {
    let evil = "<script>alert('x')</script> & \"Co\"";
    let mut p = MapPoint::new(44.49, 11.34, evil, "/cities?a=1&b=<2>", "Tom & <Jerry>");
    p.year = Some("2006".parse().unwrap());
    let bad_link = MapPoint::new(45.07, 7.69, "Turin", " javascript:alert(1)", "Design");
    let mut s = spec(vec![p, bad_link], View::World);
    s.title = "Map of <b>cities</b> & friends".into();
    s.lines.push(MapLine {
        from: Some(LatLon { lat: 44.49, lon: 11.34 }),
        to: Some(LatLon { lat: 45.07, lon: 7.69 }),
        title: "</title><script>x</script>".into(),
        category: None,
        href: Some("/facts/1?x=1&y=2".into()),
    });
    let svg = world().render(&s);
    assert!(!svg.contains("<script"), "raw markup leaked");
    let doc = parse(&svg);
    assert!(elements(&doc, "script", "").is_empty() && elements(&doc, "b", "").is_empty());
    let root = doc.root_element();
    assert_eq!(title(&root), "Map of <b>cities</b> & friends");
    assert_eq!(root.attribute("aria-label"), Some("Map of <b>cities</b> & friends"));
    let heading = elements(&doc, "text", "heading");
    assert_eq!(heading[0].text(), Some("Map of <b>cities</b> & friends"));
    let circles = elements(&doc, "circle", "point");
    assert_eq!(title(&circles[0]), format!("{evil} — Tom & <Jerry>, 2006"));
    assert_eq!(circles[0].parent_element().unwrap().attribute("href"), Some("/cities?a=1&b=<2>"));
    assert_eq!(circles[1].parent_element().unwrap().attribute("href"), Some("#"), "javascript: is not a link");
    let line = &elements(&doc, "path", "line")[0];
    assert_eq!(title(line), "</title><script>x</script>");
    assert_eq!(line.parent_element().unwrap().attribute("href"), Some("/facts/1?x=1&y=2"));
    let legend: Vec<&str> = elements(&doc, "g", "legend-item")
        .iter()
        .map(|g| g.children().find(|n| is(n, "text")).unwrap().text().unwrap())
        .collect();
    assert_eq!(legend, ["Design", "Tom & <Jerry>"]);
}

#[test]
fn lines_join_a_city_to_its_partners() {
    let bologna = LatLon { lat: 44.49, lon: 11.34 };
    let partners = [("Leipzig", 51.34, 12.37), ("Valencia", 39.47, -0.38), ("Zagreb", 45.81, 15.98)];
    for style in [LineStyle::Arc, LineStyle::Straight] {
        let mut s = spec(vec![city(44.49, 11.34, "Bologna", "Music")], View::Box(GeoBox::EUROPE));
        s.line_style = style;
        for (name, lat, lon) in partners {
            s.points.push(city(lat, lon, name, "twinning"));
            s.lines.push(MapLine {
                from: Some(bologna),
                to: Some(LatLon { lat, lon }),
                title: format!("Bologna – {name}"),
                category: Some("twinning".into()),
                href: None,
            });
        }
        s.lines.push(MapLine { from: Some(bologna), to: None, title: "unknown place".into(), ..Default::default() });
        let svg = world().render(&s);
        let doc = parse(&svg);
        let lines = elements(&doc, "path", "line");
        assert_eq!(lines.len(), 3, "a line with an unknown end is skipped");
        let circles = elements(&doc, "circle", "point");
        let (bx, by) = (num(&circles[0], "cx"), num(&circles[0], "cy"));
        for (line, c) in lines.iter().zip(&circles[1..]) {
            let d = line.attribute("d").unwrap();
            assert!(d.contains(if style == LineStyle::Arc { 'Q' } else { 'L' }), "{d}");
            let nums: Vec<f64> = d.split(|c: char| c.is_ascii_alphabetic() || c == ' ').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect();
            assert_eq!((nums[0], nums[1]), (bx, by), "starts at Bologna");
            assert_eq!((nums[nums.len() - 2], nums[nums.len() - 1]), (num(c, "cx"), num(c, "cy")), "ends at the partner");
            assert_eq!(line.attribute("stroke"), Some(OTHER_PALETTE[0]));
        }
    }
}

/// 350 points spread over the land-ish latitudes, deterministic.
pub fn many_points(n: usize) -> Vec<MapPoint> {
    let fields = Field::ALL;
    (0..n)
        .map(|i| {
            let lat = -40.0 + ((i * 37) % 100) as f64 * 0.95;
            let lon = -170.0 + ((i * 61) % 340) as f64;
            city(lat, lon, &format!("City {i}"), fields[i % fields.len()].as_str())
        })
        .collect()
}

#[test]
fn the_world_map_with_350_points_is_small() {
    let empty = world().render(&spec(vec![], View::World));
    let full = world().render(&spec(many_points(350), View::World));
    let europe = world().render(&spec(many_points(350), View::Box(GeoBox::EUROPE)));
    eprintln!("world map: {} bytes empty, {} bytes with 350 points; Europe: {} bytes", empty.len(), full.len(), europe.len());
    assert!(full.len() < 300_000, "{} bytes", full.len());
    let doc = parse(&full);
    assert_eq!(elements(&doc, "circle", "point").len(), 350);
    // Coordinates carry at most one decimal.
    for c in elements(&doc, "circle", "point") {
        for a in ["cx", "cy"] {
            let v = c.attribute(a).unwrap();
            assert!(v.split('.').nth(1).is_none_or(|f| f.len() == 1), "{a}={v}");
        }
    }
}

#[test]
fn bad_geojson_is_an_error() {
    assert!(matches!(WorldMap::from_geojson("not json"), Err(VizError::Json(_))));
    assert!(matches!(WorldMap::from_geojson(r#"{"type":"FeatureCollection","features":[]}"#), Err(VizError::Geometry { .. })));
    let point = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
    assert!(WorldMap::from_geojson(point).is_err(), "no polygon at all");
    let tri = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"NAME":"Tri","ISO_A2":"-99","ADM0_A3":"TRI"},
         "geometry":{"type":"Polygon","coordinates":[[[0,0,5],[10,0,5],[0,10,5],[0,0,5]]]}},
        {"type":"Feature","properties":{"NAME":"Dot"},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
    let map = WorldMap::from_geojson(tri).expect("3-D positions and other geometries are fine");
    assert_eq!(map.countries().len(), 1);
    assert_eq!(map.countries()[0].bbox(), GeoBox { west: 0.0, south: 0.0, east: 10.0, north: 10.0 });
}
