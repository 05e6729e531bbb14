//! Prints the facts of the files given as arguments as JSON Lines
//! (`doc_id` = file stem): `cargo run --example extract -- docs/*.txt`.

use std::path::Path;

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;

fn main() {
    let extractor = Extractor::new(Gazetteer::bundled());
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| arg.clone());
        let result = std::fs::read(path).map_err(|e| e.to_string()).and_then(|bytes| {
            extractor.extract(&id, &bytes, Format::Auto).map_err(|e| e.to_string())
        });
        match result {
            Ok(x) => println!("{}", x.to_json_line()),
            Err(e) => {
                eprintln!("{arg}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
