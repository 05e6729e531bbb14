//! Extraction throughput on a corpus of over 10 MB, beside one
//! Aho-Corasick scan of the gazetteer names over the same text.
//!
//! `cargo bench -p citynets-extract --bench throughput`

use std::hint::black_box;

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CASES: &[&str] = &[
    include_str!("../tests/cases/en-eurocities-member.txt"),
    include_str!("../tests/cases/en-uccn-designation.md"),
    include_str!("../tests/cases/en-no-facts.txt"),
    include_str!("../tests/cases/it-coordinamento.txt"),
    include_str!("../tests/cases/it-gemellaggio.txt"),
    include_str!("../tests/cases/fr-villes-creatives.txt"),
    include_str!("../tests/cases/es-red-ciudades.txt"),
    include_str!("../tests/cases/de-netzwerk.txt"),
];

/// Filler prose without network facts, as news pages mostly are.
const PROSE: &str = "The council discussed the budget for the coming year, the renovation of the old market \
    and the new cycling lanes along the river. Residents asked for more green spaces and better buses. \
    Il consiglio comunale ha discusso il bilancio e i lavori della piazza centrale. \
    Le conseil municipal a voté le budget et les travaux du marché couvert. \
    El ayuntamiento aprobó el presupuesto y las obras del mercado. \
    Der Stadtrat hat den Haushalt und den Umbau des Marktplatzes beschlossen.\n";

/// A corpus of at least `min` bytes: the cases, varied by year and by city,
/// between paragraphs of filler prose.
fn corpus(min: usize) -> String {
    let cities = ["Bologna", "Torino", "Lyon", "Sevilla", "Leipzig", "Krakow", "Ghent", "Lisbon"];
    let mut out = String::with_capacity(min + 4096);
    let mut i = 0usize;
    while out.len() < min {
        let case = CASES[i % CASES.len()];
        let year = 1990 + (i % 30);
        // "Related articles" would end the text's body: keep it all read.
        let varied = case
            .replace("1991", &year.to_string())
            .replace("Bergamo", cities[i % cities.len()])
            .replace("Related articles", "Articles");
        out.push_str(&varied);
        out.push('\n');
        for _ in 0..3 {
            out.push_str(PROSE);
        }
        out.push('\n');
        i += 1;
    }
    out
}

fn throughput(c: &mut Criterion) {
    let x = Extractor::new(Gazetteer::bundled());
    let text = corpus(10 * 1024 * 1024);
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("extract", |b| {
        b.iter(|| x.extract("bench", black_box(text.as_bytes()), Format::Text).unwrap().facts.len())
    });
    g.bench_function("scan_names", |b| b.iter(|| x.scan_names(black_box(&text))));
    g.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
