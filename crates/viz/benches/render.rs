//! Rendering the world map with 350 points (about the UCCN's size), a
//! timeline and a bar chart.
//!
//! `cargo bench -p citynets-viz --bench render`

use citynets_model::Field;
use citynets_viz::{bar_chart, BarDatum, BarSpec, GeoBox, MapPoint, MapSpec, View, WorldMap};
use criterion::{criterion_group, criterion_main, Criterion};

const GEOJSON: &str = include_str!("../../../data/boundaries/ne_110m_admin_0_countries.geojson");

fn points(n: usize) -> Vec<MapPoint> {
    (0..n)
        .map(|i| {
            let lat = -40.0 + ((i * 37) % 100) as f64 * 0.95;
            let lon = -170.0 + ((i * 61) % 340) as f64;
            let field = Field::ALL[i % Field::ALL.len()].as_str();
            MapPoint::new(lat, lon, format!("City {i}"), format!("/cities/city-{i}"), field)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    c.bench_function("parse the 1:110m world GeoJSON", |b| b.iter(|| WorldMap::from_geojson(GEOJSON).unwrap()));
    let map = WorldMap::from_geojson(GEOJSON).unwrap();
    let world = MapSpec { title: "UNESCO Creative Cities".into(), points: points(350), ..Default::default() };
    eprintln!("world map with 350 points: {} bytes", map.render(&world).len());
    c.bench_function("render the world map with 350 points", |b| b.iter(|| map.render(&world)));
    let europe = MapSpec { view: View::Box(GeoBox::EUROPE), ..world.clone() };
    c.bench_function("render Europe with 350 points given", |b| b.iter(|| map.render(&europe)));
    let bars = BarSpec {
        title: "Members per year".into(),
        data: (2004..2025).flat_map(|y| Field::ALL.iter().map(move |f| BarDatum::new(y, f.as_str(), (y as u32 % 5) + 1))).collect(),
        ..Default::default()
    };
    c.bench_function("bar chart, 21 years x 7 fields", |b| b.iter(|| bar_chart(&bars)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
