//! Rendering the city page of Bologna over the bundled data: the whole
//! page function (registry reads and template), and the template alone.

use std::hint::black_box;

use citynets_registry::{Registry, no_progress};
use citynets_web::pages::{CityPage, city_page};
use citynets_web::views::CityView;
use criterion::{Criterion, criterion_group, criterion_main};

fn city_page_of_bologna(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("bench.db");
    let reg = rt.block_on(async {
        let reg = Registry::open(db.to_str().expect("utf-8 path")).await.expect("open the registry");
        reg.ensure_bundled(&no_progress).await.expect("load the bundled data");
        reg
    });

    c.bench_function("city page of Bologna: load and render", |b| {
        b.iter(|| rt.block_on(city_page(&reg, black_box("bologna-it"))).expect("the page renders"))
    });

    let view = rt.block_on(CityView::load(&reg, "bologna-it")).expect("Bologna is known");
    c.bench_function("city page of Bologna: render the template", |b| {
        b.iter(|| CityPage::new(black_box(&view)).to_html().expect("the page renders"))
    });
}

criterion_group!(benches, city_page_of_bologna);
criterion_main!(benches);
