//! GeoJSON output read back with the `geojson` crate.

mod common;

use citynets_formats::{cities_to_geojson, membership_properties};
use common::*;
use geojson::{GeoJson, GeometryValue};
use serde_json::{json, Map};

#[test]
fn feature_collection_parses_with_points_in_lon_lat_order() {
    let cities = cities();
    let out = cities_to_geojson(&cities, |c| {
        let mut extra = Map::new();
        extra.insert("networks".into(), json!(if c.country == "IT" { vec!["UCCN"] } else { vec![] }));
        extra.insert("name".into(), json!("must not override"));
        extra
    });
    assert_eq!(out.skipped, vec!["nowhere-xx"], "the city without coordinates is skipped and counted");
    assert_eq!(out.feature_count(), cities.len() - 1);

    let parsed: GeoJson = out.to_json_string().parse().expect("valid GeoJSON");
    let GeoJson::FeatureCollection(fc) = parsed else { panic!("not a FeatureCollection") };
    assert_eq!(fc.features.len(), 5);
    for (feature, city) in fc.features.iter().zip(cities.iter().filter(|c| c.lat.is_some())) {
        let geometry = feature.geometry.as_ref().expect("geometry");
        let GeometryValue::Point { coordinates } = &geometry.value else { panic!("not a Point") };
        assert_eq!(coordinates.as_slice(), &[city.lon.unwrap(), city.lat.unwrap()], "[lon, lat] for {}", city.key);
        let props = feature.properties.as_ref().expect("properties");
        assert_eq!(props["key"], json!(city.key));
        assert_eq!(props["name"], json!(city.name), "core properties win over extras");
        assert_eq!(props["country"], json!(city.country));
        assert_eq!(props["population"], json!(100_000));
        assert!(props["networks"].is_array());
        assert_eq!(feature.id, Some(geojson::feature::Id::String(city.key.clone())));
    }
    let tricky = fc.features.iter().find(|f| f.properties.as_ref().unwrap()["key"] == "tom-jerrys-town-fr").unwrap();
    assert_eq!(tricky.properties.as_ref().unwrap()["name"], json!(TRICKY));
    let carrara = &fc.features[0];
    let GeometryValue::Point { coordinates } = &carrara.geometry.as_ref().unwrap().value else { unreachable!() };
    assert_eq!((coordinates[0], coordinates[1]), (10.0978, 44.0793), "longitude first");
}

#[test]
fn out_of_range_coordinates_are_skipped_and_empty_input_is_an_empty_collection() {
    let mut cities = cities();
    cities[0].lat = Some(123.0);
    let out = cities_to_geojson(&cities, |_| Map::new());
    assert_eq!(out.skipped, vec!["carrara-it", "nowhere-xx"]);
    let empty = cities_to_geojson(&[], |_| Map::new());
    assert_eq!(empty.to_json_string(), r#"{"features":[],"type":"FeatureCollection"}"#);
    assert!(empty.to_json_string().parse::<GeoJson>().is_ok());
}

#[test]
fn membership_properties_give_each_network_with_field_and_year() {
    let facts = facts();
    let of = |key: &str| membership_properties(facts.iter().filter(|f| f.refs.city.as_deref() == Some(key)));
    let bologna = of("bologna-it");
    // The designation and the membership; the twinning and the role are no membership.
    assert_eq!(bologna["memberships"], json!([
        { "network": "uccn", "field": "Music", "year": 2006 },
        { "network": "eurocities", "field": null, "year": 1991 },
    ]));
    assert_eq!(bologna["field"], json!("Music"));
    assert_eq!(bologna["year"], json!(1991), "the earliest stated year");
    let paris = of("paris-fr");
    assert_eq!(paris["memberships"], json!([]), "a seat is no membership");
    assert_eq!((&paris["field"], &paris["year"]), (&json!(null), &json!(null)));
    // The properties go into a feature as they are.
    let cities = cities();
    let out = cities_to_geojson(&cities, |c| of(&c.key));
    let parsed: GeoJson = out.to_json_string().parse().expect("valid GeoJSON");
    let GeoJson::FeatureCollection(fc) = parsed else { panic!("not a FeatureCollection") };
    let turin = fc.features.iter().find(|f| f.properties.as_ref().unwrap()["key"] == "turin-it").expect("Turin");
    let props = turin.properties.as_ref().unwrap();
    assert_eq!((&props["field"], &props["year"]), (&json!("Design"), &json!(1991)));
}
