//! Reads on the bundled registry (SQLite): members of a network as of a
//! date, and a city's timeline.
//!
//! `cargo bench -p citynets-registry --bench queries`

use criterion::{criterion_group, criterion_main, Criterion};
use citynets_registry::{no_progress, Registry};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let registry = rt.block_on(async {
        let r = Registry::open(dir.path().join("bench.db").to_str().unwrap()).await.unwrap();
        r.ensure_bundled(&no_progress).await.unwrap();
        r
    });
    let (uccn, bologna) = rt.block_on(async {
        (registry.network_param("uccn").await.unwrap(), registry.city_param("Bologna", "city").await.unwrap())
    });
    let as_of = "2020".parse().ok();

    c.bench_function("members of UCCN as of 2020 (all fields)", |b| {
        b.iter(|| rt.block_on(registry.members(&uccn, as_of, None, None)).unwrap())
    });
    c.bench_function("members of UCCN from IT as of 2020", |b| {
        b.iter(|| rt.block_on(registry.members(&uccn, as_of, None, Some("IT"))).unwrap())
    });
    c.bench_function("timeline of Bologna", |b| b.iter(|| rt.block_on(registry.timeline(&bologna)).unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
