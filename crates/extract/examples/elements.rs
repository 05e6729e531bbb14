//! Prints the elements the rules see, one sentence a line, for each file
//! given (for developing rules): `cargo run --example elements -- FILE`.

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;

fn main() {
    let extractor = Extractor::new(Gazetteer::bundled());
    for arg in std::env::args().skip(1) {
        let bytes = std::fs::read(&arg).expect("readable file");
        let extraction = extractor.extract(&arg, &bytes, Format::Auto).expect("a text document");
        println!("== {arg}");
        print!("{}", extractor.debug_elements(&extraction.text));
    }
}
