//! Extracts documents repeatedly and prints the throughput (for
//! profiling): `cargo run --release --example bench_corpus -- FILE...`.
//! Each file is one document, as `citynets extract` reads them.
use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;

fn main() {
    let docs: Vec<Vec<u8>> = std::env::args().skip(1).map(|p| std::fs::read(p).expect("readable")).collect();
    assert!(!docs.is_empty(), "usage: bench_corpus FILE...");
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let x = Extractor::new(Gazetteer::bundled());
    for _ in 0..4 {
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..20 {
            for doc in &docs {
                n += x.extract("c", doc, Format::Auto).expect("extracts").facts.len();
            }
        }
        let dt = t.elapsed().as_secs_f64();
        println!("{n} facts, {:.1} MB/s", 20.0 * bytes as f64 / dt / 1e6);
    }
}
