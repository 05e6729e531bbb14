//! Any text as an import file, JSON Lines or CSV: an error that names its
//! place in the file, or facts that survive the fact format's round trip
//! and resolve (or fail to) without a panic.
#![no_main]

use citynets_gazetteer::Gazetteer;
use citynets_model::{Fact, Status};
use citynets_registry::RegistryError;
use citynets_registry::exchange::{self, Format, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let format = if mode & 1 == 0 { Format::Jsonl } else { Format::Csv };
    let status = [None, Some(Status::Proposed), Some(Status::Accepted), Some(Status::Rejected)][usize::from(mode >> 1) % 4];
    let text = String::from_utf8_lossy(rest);
    let g = Gazetteer::bundled();
    let opts = ImportOptions { status, comment: None };
    match exchange::parse(g, "fuzz", &text, format, &opts) {
        Err(RegistryError::Input { place, .. }) => assert!(place.starts_with("fuzz:"), "an error placed at '{place}'"),
        Err(e) => panic!("not an input error: {e}"),
        Ok(parsed) => {
            assert_eq!(parsed.facts.len(), parsed.places.len());
            for nf in &parsed.facts {
                if let Some(s) = status {
                    assert_eq!(nf.status, s, "--status applies to every fact");
                }
                // What an export writes, an import reads back the same.
                let json = serde_json::to_string(&nf.fact).expect("facts serialise");
                let back: Fact = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
                assert_eq!(back, nf.fact, "{json}");
                if nf.fact.validate().is_ok() {
                    let (lo, hi) = nf.fact.valid_time().bounds(None);
                    assert!(lo <= hi, "{json}: {lo} > {hi}");
                    if let Ok(r) = g.resolve(&nf.fact, &|_| false) {
                        let _ = citynets_registry::store::identity(&r.fact, &r.refs);
                    }
                }
            }
        }
    }
});
