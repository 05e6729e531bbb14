//! GeoJSON (RFC 7946): a `FeatureCollection` of cities.
//!
//! Each city with coordinates is a `Feature` with a `Point` geometry at
//! `[longitude, latitude]` (GeoJSON's order, the reverse of the usual
//! spoken one), its key as the feature `id`, and the properties `key`,
//! `name`, `country`, `population` plus whatever the caller adds per city
//! (its fields, its networks, a page URL). Cities without coordinates, or
//! with coordinates out of range, cannot be placed on a map: they are left
//! out and counted in [`GeoJson::skipped`].

use citynets_model::{City, Fact, FactRecord};
use serde_json::{json, Map, Value};

/// A GeoJSON `FeatureCollection` and what it had to leave out.
#[derive(Clone, Debug, PartialEq)]
pub struct GeoJson {
    /// The `FeatureCollection`.
    pub value: Value,
    /// Keys of the cities left out for want of valid coordinates, in input order.
    pub skipped: Vec<String>,
}

impl GeoJson {
    /// How many features the collection has.
    pub fn feature_count(&self) -> usize {
        self.value["features"].as_array().map_or(0, Vec::len)
    }

    /// The collection as compact JSON text (`application/geo+json`).
    pub fn to_json_string(&self) -> String {
        self.value.to_string()
    }
}

/// The standard properties of a city's feature; extra properties with these
/// names are ignored.
pub const CORE_PROPERTIES: [&str; 4] = ["key", "name", "country", "population"];

/// A `FeatureCollection` of `cities`, in their order.
///
/// `extra` gives each city's additional properties (e.g. `{"fields":
/// ["Music"], "networks": ["UCCN"]}`); pass `|_| Map::new()` for none. A key
/// of [`CORE_PROPERTIES`] in them is ignored so that the standard ones stay
/// what they say.
pub fn cities_to_geojson<'a, I, F>(cities: I, mut extra: F) -> GeoJson
where
    I: IntoIterator<Item = &'a City>,
    F: FnMut(&City) -> Map<String, Value>,
{
    let mut features = Vec::new();
    let mut skipped = Vec::new();
    for city in cities {
        let Some((lon, lat)) = coordinates(city) else {
            skipped.push(city.key.clone());
            continue;
        };
        let mut properties = Map::new();
        properties.insert("key".into(), json!(city.key));
        properties.insert("name".into(), json!(city.name));
        properties.insert("country".into(), json!(city.country));
        properties.insert("population".into(), json!(city.population));
        for (k, v) in extra(city) {
            if !CORE_PROPERTIES.contains(&k.as_str()) {
                properties.insert(k, v);
            }
        }
        features.push(json!({
            "type": "Feature",
            "id": city.key,
            "geometry": { "type": "Point", "coordinates": [lon, lat] },
            "properties": properties,
        }));
    }
    GeoJson { value: json!({ "type": "FeatureCollection", "features": features }), skipped }
}

/// `(lon, lat)` when both are known, finite and in range.
fn coordinates(city: &City) -> Option<(f64, f64)> {
    let (lat, lon) = (city.lat?, city.lon?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lon, lat))
}

/// The properties that say what a city is a member of, from its
/// memberships and designations (other facts are ignored), for a map to
/// colour and filter by:
/// - `memberships`: one `{"network", "field", "year"}` per fact, the
///   network by key where it resolved, `field` and `year` null where the
///   fact states none;
/// - `field`: the fields named, each once, joined by `"; "` (null when
///   none): `"Music; Gastronomy"`;
/// - `year`: the earliest year stated (null when none).
pub fn membership_properties<'a>(facts: impl IntoIterator<Item = &'a FactRecord>) -> Map<String, Value> {
    let mut memberships = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut first: Option<i32> = None;
    for f in facts {
        let (network, field) = match &f.fact {
            Fact::Membership { network, .. } => (network, None),
            Fact::Designation { network, field, .. } => (network, field.map(|x| x.to_string())),
            _ => continue,
        };
        let year = f.fact.valid_time().start.map(|d| d.year_value());
        first = match (first, year) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(x) = field.as_ref().filter(|x| !fields.contains(x)) {
            fields.push(x.clone());
        }
        let network = f.refs.network.as_ref().unwrap_or(network);
        memberships.push(json!({ "network": network, "field": field, "year": year }));
    }
    let mut m = Map::new();
    m.insert("memberships".into(), Value::Array(memberships));
    m.insert("field".into(), if fields.is_empty() { Value::Null } else { json!(fields.join("; ")) });
    m.insert("year".into(), json!(first));
    m
}
