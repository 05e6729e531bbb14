//! Any bytes in any format: an error or an extraction, never a panic.
#![no_main]

use std::sync::OnceLock;

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor<'static> {
    static X: OnceLock<Extractor<'static>> = OnceLock::new();
    X.get_or_init(|| Extractor::new(Gazetteer::bundled()))
}

fuzz_target!(|data: &[u8]| {
    let (format, input) = match data.split_first() {
        Some((f, rest)) => ([Format::Auto, Format::Text, Format::Markdown, Format::Html][*f as usize % 4], rest),
        None => (Format::Auto, data),
    };
    if let Ok(x) = extractor().extract("fuzz", input, format) {
        let line = x.to_json_line();
        assert!(line.starts_with("{\"doc_id\":\"fuzz\""));
        let chars = x.text.chars().count();
        for f in &x.facts {
            assert!(f.span[0] <= f.span[1] && f.span[1] <= chars);
        }
    }
});
