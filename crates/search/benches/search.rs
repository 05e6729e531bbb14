//! Search on the bundled registry (SQLite): rebuilding the index from the
//! store, and query latency for a misspelt name and a faceted query.
//!
//! `cargo bench -p citynets-search --bench search`

use std::time::Duration;

use citynets_registry::{no_progress, Registry};
use citynets_search::{HitKind, SearchIndex, SearchQuery};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let registry = rt.block_on(async {
        let r = Registry::open(dir.path().join("bench.db").to_str().unwrap()).await.unwrap();
        r.ensure_bundled(&no_progress).await.unwrap();
        r
    });
    let index = SearchIndex::new().unwrap();
    let entries = rt.block_on(index.rebuild(registry.store())).unwrap();
    eprintln!("{entries} entries");

    let mut g = c.benchmark_group("rebuild");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("rebuild from the bundled registry", |b| {
        b.iter(|| rt.block_on(index.rebuild(registry.store())).unwrap())
    });
    g.finish();

    let typo = SearchQuery::text("Bolgna");
    c.bench_function("query: typo (Bolgna)", |b| b.iter(|| index.search(&typo).unwrap()));
    let two = SearchQuery::text("Leipzgi twinned");
    c.bench_function("query: two words, one misspelt (Leipzgi twinned)", |b| b.iter(|| index.search(&two).unwrap()));
    let facet = SearchQuery { text: "music".into(), kinds: vec![HitKind::City], country: Some("IT".into()), ..Default::default() };
    c.bench_function("query: facets (music, kind=city, country=IT)", |b| b.iter(|| index.search(&facet).unwrap()));
    let broad = SearchQuery::text("twinned");
    c.bench_function("query: broad, ~15k matches (twinned)", |b| b.iter(|| index.search(&broad).unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
