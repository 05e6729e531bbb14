//! Extracts a large generated corpus once (for profiling): the corpus is
//! the benchmark's, written by repeating the test cases.
use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(path).expect("readable");
    let x = Extractor::new(Gazetteer::bundled());
    for _ in 0..4 {
        let t = std::time::Instant::now();
        let n = x.extract("c", &bytes, Format::Text).expect("extracts").facts.len();
        let dt = t.elapsed().as_secs_f64();
        println!("{n} facts, {:.1} MB/s", bytes.len() as f64 / dt / 1e6);
    }
}
