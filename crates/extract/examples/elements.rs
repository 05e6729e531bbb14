//! Prints the elements the rules see for each sentence of a file.
use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;

fn main() {
    let x = Extractor::new(Gazetteer::bundled());
    for arg in std::env::args().skip(1) {
        let bytes = std::fs::read(&arg).expect("readable file");
        let text = x.extract(&arg, &bytes, Format::Auto).expect("extractable").text;
        print!("{}", x.debug_elements(&text));
    }
}
