//! The world map: country outlines, cities as linked points, lines between
//! cities.
//!
//! # Projection
//!
//! **Equirectangular** (plate carrée, standard parallel 0°): `x` is
//! proportional to longitude and `y` to latitude, with the same scale on both
//! axes, so one degree is `k` pixels everywhere. It is the projection a
//! reader can check by eye (lon 0, lat 0 is the centre of the world view;
//! the whole world is twice as wide as high) and it needs no trigonometry,
//! so a point is placed by two multiply-adds. High latitudes are stretched
//! east-west; for the city networks' maps (Europe, the world at a glance)
//! that is acceptable. Lines between cities are drawn in the same plane
//! (straight or as a gentle arc), not as great circles, and are not wrapped
//! across the antimeridian.
//!
//! The outlines are the GeoJSON's as given (Natural Earth 1:110m, about
//! 10,700 vertices): nothing is simplified; coordinates are rounded to
//! 0.1 px, and a vertex that rounds to the same place as the one before it
//! is written once. The world map is about 140 KB.
//!
//! # Views and layout
//!
//! The map is `width` pixels wide (960 by default); its height follows from
//! the view: the world (360° × 180°, so 960 × 480), a given [`GeoBox`]
//! (e.g. [`GeoBox::EUROPE`]), or the box around the points with a margin
//! ([`View::FitPoints`]). A view whose height would be under 0.35 or over
//! 0.85 times its width is widened the other way around its centre, so the
//! map never becomes a sliver; the requested box is always inside what is
//! shown.
//!
//! **Points outside the shown area are dropped**, not drawn at the edge: the
//! root element says how many in `data-hidden-points` and in its `<desc>`
//! (points with coordinates that are not finite or not on Earth count as
//! outside too). Lines are kept and clipped at the map's edge, since
//! "partners of this city" is still true when a partner is off-map.
//!
//! Top to bottom: the title, the map (an ocean `<rect class="ocean">`,
//! then the countries, lines and points in a nested `<svg>` that clips
//! them), and the legend of the categories actually drawn. Every city is an
//! `<a href>` around a `<circle>` whose `<title>` is its tooltip and
//! accessible name, so a click opens the city's page without JavaScript.

use citynets_model::PartialDate;
use serde::Deserialize;

use crate::legend::Legend;
use crate::svg::{push_num, Writer};
use crate::{begin_document, VizError};

/// A rectangle in longitude and latitude (degrees), west < east.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl GeoBox {
    /// The whole world.
    pub const WORLD: GeoBox = GeoBox { west: -180.0, south: -90.0, east: 180.0, north: 90.0 };
    /// Europe from Iceland and the Canaries' latitude to the Urals' west.
    pub const EUROPE: GeoBox = GeoBox { west: -25.0, south: 34.0, east: 45.0, north: 72.0 };

    /// True when the point lies in the box (edges included).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }

    fn intersects(&self, o: &GeoBox) -> bool {
        self.west <= o.east && o.west <= self.east && self.south <= o.north && o.south <= self.north
    }

    fn width(&self) -> f64 {
        self.east - self.west
    }

    fn height(&self) -> f64 {
        self.north - self.south
    }
}

/// What part of the world a map shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum View {
    /// The whole world.
    #[default]
    World,
    /// This box (widened to a reasonable shape, see the module docs).
    Box(GeoBox),
    /// The box around the points, with `padding` degrees on every side and
    /// at least 10° × 5°; the world when there are no points.
    FitPoints { padding: f64 },
}

/// A city on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    pub lat: f64,
    pub lon: f64,
    /// The city's name, shown in its tooltip.
    pub label: String,
    /// Where a click goes (the city's page).
    pub href: String,
    /// A UCCN field name (`"Music"`), `"twinning"`, a network…: the colour
    /// and the legend entry.
    pub category: String,
    /// When, shown in the tooltip (e.g. the designation year).
    pub year: Option<PartialDate>,
}

impl MapPoint {
    pub fn new(lat: f64, lon: f64, label: impl Into<String>, href: impl Into<String>, category: impl Into<String>) -> Self {
        MapPoint { lat, lon, label: label.into(), href: href.into(), category: category.into(), year: None }
    }

    /// The tooltip: `Bologna — Music, 2006`.
    fn tooltip(&self, legend: &Legend) -> String {
        let category = legend.entry(&self.category).map_or(self.category.as_str(), |e| e.label.as_str());
        let mut t = format!("{} — {}", self.label, category);
        if let Some(y) = self.year {
            t.push_str(&format!(", {y}"));
        }
        t
    }
}

/// A position in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// A line between two places, e.g. from a city to one of its partners.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLine {
    pub from: Option<LatLon>,
    pub to: Option<LatLon>,
    /// The line's tooltip (`Bologna – Leipzig, twinned since 1962`).
    pub title: String,
    /// Its colour and legend entry; none draws it in neutral grey.
    pub category: Option<String>,
    /// A link, e.g. to the twinning fact.
    pub href: Option<String>,
}

/// How lines are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineStyle {
    /// A quadratic arc bending to the left of its direction by a fifth of
    /// its length, so lines from one city fan out and stay apart.
    #[default]
    Arc,
    Straight,
}

/// What to draw on a [`WorldMap`].
#[derive(Clone, Debug, PartialEq)]
pub struct MapSpec {
    /// The heading, also the image's accessible name.
    pub title: String,
    /// The image's `<desc>`; none writes one from the content.
    pub description: Option<String>,
    pub points: Vec<MapPoint>,
    pub lines: Vec<MapLine>,
    pub line_style: LineStyle,
    pub view: View,
    /// Pixels; the height follows from the view.
    pub width: f64,
    /// Point radius in pixels.
    pub radius: f64,
}

impl Default for MapSpec {
    fn default() -> Self {
        MapSpec {
            title: String::new(),
            description: None,
            points: Vec::new(),
            lines: Vec::new(),
            line_style: LineStyle::Arc,
            view: View::World,
            width: 960.0,
            radius: 4.5,
        }
    }
}

/// One country's outline, in degrees.
#[derive(Clone, Debug)]
pub struct Country {
    name: String,
    iso_a2: Option<String>,
    adm0_a3: String,
    rings: Vec<Vec<[f64; 2]>>,
    bbox: GeoBox,
}

impl Country {
    /// The `NAME` property (`ADMIN` when it has none).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `ISO_A2` code; none where the data says `-99` (France, Norway…).
    pub fn iso_a2(&self) -> Option<&str> {
        self.iso_a2.as_deref()
    }

    /// The `ADM0_A3` code, always present (`FRA`, `NOR`); the path's class
    /// is `country c-` followed by it.
    pub fn adm0_a3(&self) -> &str {
        &self.adm0_a3
    }

    /// The outline's bounding box.
    pub fn bbox(&self) -> GeoBox {
        self.bbox
    }

    /// The number of rings (outer rings and holes).
    pub fn rings(&self) -> usize {
        self.rings.len()
    }
}

/// Country outlines parsed once from GeoJSON, ready to render many maps.
#[derive(Clone, Debug)]
pub struct WorldMap {
    countries: Vec<Country>,
}

// GeoJSON, only as much as the map needs.
#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    properties: Properties,
    geometry: Option<Geometry>,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(rename = "NAME")]
    name: Option<String>,
    #[serde(rename = "ADMIN")]
    admin: Option<String>,
    #[serde(rename = "ISO_A2")]
    iso_a2: Option<String>,
    #[serde(rename = "ADM0_A3")]
    adm0_a3: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon { coordinates: Vec<Vec<Position>> },
    MultiPolygon { coordinates: Vec<Vec<Vec<Position>>> },
    #[serde(other)]
    Other,
}

/// `[lon, lat]`, or `[lon, lat, elevation]` with the elevation ignored.
struct Position(f64, f64);

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Position;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a position [lon, lat]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
                use serde::de::Error;
                let lon = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let lat = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(1, &self))?;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Position(lon, lat))
            }
        }
        d.deserialize_seq(V)
    }
}

impl WorldMap {
    /// Parses a GeoJSON `FeatureCollection` of `Polygon` and `MultiPolygon`
    /// country features with the properties `NAME`, `ISO_A2` and `ADM0_A3`
    /// (Natural Earth's admin-0 countries). Other geometry types are
    /// skipped; a collection with no polygon at all is an error.
    pub fn from_geojson(geojson: &str) -> Result<WorldMap, VizError> {
        let fc: FeatureCollection = serde_json::from_str(geojson).map_err(|e| VizError::Json(e.to_string()))?;
        let mut countries = Vec::with_capacity(fc.features.len());
        for (i, f) in fc.features.into_iter().enumerate() {
            let polygons = match f.geometry {
                Some(Geometry::Polygon { coordinates }) => vec![coordinates],
                Some(Geometry::MultiPolygon { coordinates }) => coordinates,
                Some(Geometry::Other) | None => continue,
            };
            let mut rings = Vec::new();
            let mut bbox = GeoBox { west: f64::MAX, south: f64::MAX, east: f64::MIN, north: f64::MIN };
            for ring in polygons.into_iter().flatten() {
                let mut r: Vec<[f64; 2]> = Vec::with_capacity(ring.len());
                for Position(lon, lat) in ring {
                    if !(lon.is_finite() && lat.is_finite()) {
                        return Err(VizError::Geometry { feature: i, message: "a coordinate is not a number".into() });
                    }
                    bbox.west = bbox.west.min(lon);
                    bbox.east = bbox.east.max(lon);
                    bbox.south = bbox.south.min(lat);
                    bbox.north = bbox.north.max(lat);
                    r.push([lon, lat]);
                }
                // GeoJSON repeats the first vertex at the end; `Z` closes.
                if r.len() > 1 && r.first() == r.last() {
                    r.pop();
                }
                if r.len() >= 3 {
                    rings.push(r);
                }
            }
            if rings.is_empty() {
                continue;
            }
            let p = f.properties;
            let name = p.name.or(p.admin).unwrap_or_else(|| format!("feature {i}"));
            let iso_a2 = p.iso_a2.filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()));
            let adm0_a3 = p
                .adm0_a3
                .map(|c| c.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| format!("F{i}"));
            countries.push(Country { name, iso_a2, adm0_a3, rings, bbox });
        }
        if countries.is_empty() {
            return Err(VizError::Geometry { feature: 0, message: "no Polygon or MultiPolygon feature".into() });
        }
        Ok(WorldMap { countries })
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this `ISO_A2` or `ADM0_A3` code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso_a2() == Some(code) || c.adm0_a3 == code)
    }

    /// The map as an SVG document (see the module docs for the layout).
    pub fn render(&self, spec: &MapSpec) -> String {
        let width = if spec.width.is_finite() && spec.width >= 100.0 { spec.width } else { 960.0 };
        let view = resolve_view(spec);
        let k = width / view.width();
        let map_h = view.height() * k;
        let title_h = if spec.title.is_empty() { 8.0 } else { 36.0 };
        let proj = Projection { view, k, y0: title_h };

        let (shown, hidden): (Vec<&MapPoint>, Vec<&MapPoint>) =
            spec.points.iter().partition(|p| p.lat.is_finite() && p.lon.is_finite() && view.contains(p.lat, p.lon));
        let legend = Legend::new(
            shown
                .iter()
                .map(|p| p.category.as_str())
                .chain(spec.lines.iter().filter_map(|l| l.category.as_deref())),
        );
        let legend_w = width - 16.0;
        let legend_h = legend.height(legend_w);
        let height = title_h + map_h + if legend.is_empty() { 0.0 } else { 10.0 + legend_h };

        let description = spec.description.clone().unwrap_or_else(|| {
            let mut d = format!(
                "Map (equirectangular projection) of {} {}",
                shown.len(),
                if shown.len() == 1 { "city" } else { "cities" }
            );
            if !legend.is_empty() {
                let cats: Vec<&str> = legend.entries().iter().map(|e| e.label.as_str()).collect();
                d.push_str(&format!(" by category: {}", cats.join(", ")));
            }
            if !spec.lines.is_empty() {
                d.push_str(&format!(", with {} connecting lines", spec.lines.len()));
            }
            d.push('.');
            if !hidden.is_empty() {
                d.push_str(&format!(" {} outside the view not shown.", hidden.len()));
            }
            d
        });

        let mut w = Writer::with_capacity(200_000 + 200 * spec.points.len());
        let counts = [("data-points", shown.len().to_string()), ("data-hidden-points", hidden.len().to_string())];
        begin_document(&mut w, "cn-map", width, height, &spec.title, &description, MAP_CSS, &counts);
        if !spec.title.is_empty() {
            w.start("text").attr("class", "heading").num("x", 8.0).num("y", 24.0).open().text(&spec.title).close();
        }

        // The map area clips what it holds; its viewBox keeps the outer
        // coordinates, so every position in the document is absolute.
        w.start("svg").num("x", 0.0).num("y", title_h).num("width", width).num("height", map_h);
        w.attr_raw("viewBox", |o| {
            push_num(o, 0.0);
            o.push(' ');
            push_num(o, title_h);
            o.push(' ');
            push_num(o, width);
            o.push(' ');
            push_num(o, map_h);
        });
        w.attr("class", "map-area").open();
        w.start("rect").attr("class", "ocean").num("x", 0.0).num("y", title_h).num("width", width).num("height", map_h).empty();

        w.start("g").attr("class", "countries").open();
        for c in self.countries.iter().filter(|c| c.bbox.intersects(&view)) {
            w.start("path").attr_raw("class", |o| {
                o.push_str("country c-");
                o.push_str(&c.adm0_a3);
            });
            w.attr_raw("d", |o| proj.path(o, &c.rings)).open().title(&c.name).close();
        }
        w.close();

        if !spec.lines.is_empty() {
            w.start("g").attr("class", "lines").open();
            for line in &spec.lines {
                let (Some(a), Some(b)) = (line.from, line.to) else { continue };
                let ((x1, y1), (x2, y2)) = (proj.xy(a.lat, a.lon), proj.xy(b.lat, b.lon));
                if ![x1, y1, x2, y2].iter().all(|v| v.is_finite()) {
                    continue;
                }
                if let Some(h) = &line.href {
                    w.start("a").href(h).open();
                }
                let colour = line.category.as_deref().map_or("#555555", |c| legend.colour(c));
                w.start("path").attr("class", "line").attr("stroke", colour);
                w.attr_raw("d", |o| {
                    o.push('M');
                    push_pair(o, x1, y1);
                    match spec.line_style {
                        LineStyle::Straight => o.push('L'),
                        LineStyle::Arc => {
                            // Control point: left of the direction, a fifth of the length out.
                            let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
                            let (cx, cy) = (mx + (y2 - y1) * 0.2, my - (x2 - x1) * 0.2);
                            o.push('Q');
                            push_pair(o, cx, cy);
                            o.push(' ');
                        }
                    }
                    push_pair(o, x2, y2);
                });
                w.open().title(&line.title).close();
                if line.href.is_some() {
                    w.close();
                }
            }
            w.close();
        }

        w.start("g").attr("class", "points").open();
        let r = if spec.radius.is_finite() && spec.radius > 0.0 { spec.radius } else { 4.5 };
        for p in &shown {
            let (x, y) = proj.xy(p.lat, p.lon);
            let tip = p.tooltip(&legend);
            w.start("a").href(&p.href).open();
            w.start("circle").attr("class", "point").num("cx", x).num("cy", y).num("r", r);
            w.attr("fill", legend.colour(&p.category)).open().title(&tip).close();
            w.close();
        }
        w.close();
        w.close(); // map area

        legend.draw(&mut w, 8.0, title_h + map_h + 10.0, legend_w);
        w.finish()
    }
}

const MAP_CSS: &str = ".cn-map text{font:12px sans-serif;fill:#222}\
.cn-map .heading{font-size:16px;font-weight:bold}\
.cn-map .ocean{fill:#eef4f8}\
.cn-map .country{fill:#dcdcd6;stroke:#fff;stroke-width:.5;fill-rule:evenodd}\
.cn-map .country:hover{fill:#c8c8c0}\
.cn-map .line{fill:none;stroke-width:1.3;stroke-opacity:.75}\
.cn-map .point{stroke:#fff;stroke-width:1}\
.cn-map a:hover .point,.cn-map a:focus .point{stroke:#000;stroke-width:2}";

fn push_pair(o: &mut String, x: f64, y: f64) {
    push_num(o, x);
    o.push(' ');
    push_num(o, y);
}

/// The box a spec shows, before widening to a reasonable shape.
fn resolve_view(spec: &MapSpec) -> GeoBox {
    let wanted = match spec.view {
        View::World => GeoBox::WORLD,
        View::Box(b) if b.west < b.east && b.south < b.north && [b.west, b.east, b.south, b.north].iter().all(|v| v.is_finite()) => b,
        View::Box(_) => GeoBox::WORLD,
        View::FitPoints { padding } => {
            let pad = if padding.is_finite() { padding.max(0.0) } else { 0.0 };
            let mut b: Option<GeoBox> = None;
            for p in spec.points.iter().filter(|p| GeoBox::WORLD.contains(p.lat, p.lon)) {
                let g = b.get_or_insert(GeoBox { west: p.lon, south: p.lat, east: p.lon, north: p.lat });
                g.west = g.west.min(p.lon);
                g.east = g.east.max(p.lon);
                g.south = g.south.min(p.lat);
                g.north = g.north.max(p.lat);
            }
            match b {
                None => GeoBox::WORLD,
                Some(g) => {
                    let g = GeoBox { west: g.west - pad, south: g.south - pad, east: g.east + pad, north: g.north + pad };
                    grow(g, 10.0_f64.max(g.width()), 5.0_f64.max(g.height()))
                }
            }
        }
    };
    // Widen to a height between 0.35 and 0.85 of the width.
    let ratio = wanted.height() / wanted.width();
    let b = if ratio < 0.35 {
        grow(wanted, wanted.width(), wanted.width() * 0.35)
    } else if ratio > 0.85 {
        grow(wanted, wanted.height() / 0.85, wanted.height())
    } else {
        wanted
    };
    shift_into_world(b)
}

/// `b` resized to `w` × `h` degrees around its centre.
fn grow(b: GeoBox, w: f64, h: f64) -> GeoBox {
    let (cx, cy) = ((b.west + b.east) / 2.0, (b.south + b.north) / 2.0);
    GeoBox { west: cx - w / 2.0, east: cx + w / 2.0, south: cy - h / 2.0, north: cy + h / 2.0 }
}

/// Moves a box that sticks out of the world back in, where it fits.
fn shift_into_world(mut b: GeoBox) -> GeoBox {
    let shift = |lo: &mut f64, hi: &mut f64, min: f64, max: f64| {
        if *hi - *lo <= max - min {
            let d = if *lo < min { min - *lo } else if *hi > max { max - *hi } else { 0.0 };
            *lo += d;
            *hi += d;
        }
    };
    shift(&mut b.west, &mut b.east, -180.0, 180.0);
    shift(&mut b.south, &mut b.north, -90.0, 90.0);
    b
}

/// Equirectangular: degrees to pixels, `k` pixels per degree on both axes.
struct Projection {
    view: GeoBox,
    k: f64,
    y0: f64,
}

impl Projection {
    fn xy(&self, lat: f64, lon: f64) -> (f64, f64) {
        ((lon - self.view.west) * self.k, self.y0 + (self.view.north - lat) * self.k)
    }

    /// Path data for rings: `M x y x y … Z` per ring (after `M`, further
    /// pairs are implicit line-tos), skipping vertices that round to the
    /// previous one.
    fn path(&self, o: &mut String, rings: &[Vec<[f64; 2]>]) {
        for ring in rings {
            let mut last = (i64::MIN, i64::MIN);
            let mut first = true;
            for &[lon, lat] in ring {
                let (x, y) = self.xy(lat, lon);
                let key = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
                if key == last {
                    continue;
                }
                last = key;
                o.push(if first { 'M' } else { ' ' });
                first = false;
                push_pair(o, x, y);
            }
            o.push('Z');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_widened_and_kept_in_the_world() {
        let spec = |view| MapSpec { view, ..Default::default() };
        assert_eq!(resolve_view(&spec(View::World)), GeoBox::WORLD);
        assert_eq!(resolve_view(&spec(View::Box(GeoBox::EUROPE))), GeoBox::EUROPE);
        let thin = resolve_view(&spec(View::Box(GeoBox { west: 0.0, south: 0.0, east: 100.0, north: 10.0 })));
        assert!((thin.height() - 35.0).abs() < 1e-9 && (thin.south + 12.5).abs() < 1e-9);
        let mut one = spec(View::FitPoints { padding: 1.0 });
        one.points.push(MapPoint::new(89.0, 179.0, "x", "#", "c"));
        let b = resolve_view(&one);
        assert!(b.contains(89.0, 179.0) && b.north <= 90.0 && b.east <= 180.0, "{b:?}");
    }
}
