//! Data-driven cases: each `tests/cases/NAME.{txt,md,html}` is extracted and
//! compared with `NAME.json` (`{"language", "published", "facts"}`); facts
//! are compared as sets. Every case runs and every difference is reported.

use std::collections::BTreeSet;
use std::path::Path;

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;
use serde_json::Value;

/// The differences between what the extractor finds in `text` and `expected`.
fn check(x: &Extractor<'_>, name: &str, text: &[u8], expected: &Value) -> Vec<String> {
    let got = x.extract(name, text, Format::Auto).expect("the case extracts");
    let line: Value = serde_json::from_str(&got.to_json_line()).expect("valid JSON");
    let mut diffs = Vec::new();
    for field in ["language", "published"] {
        if line[field] != expected[field] {
            diffs.push(format!("{field}: expected {} got {}", expected[field], line[field]));
        }
    }
    let set = |v: &Value| -> BTreeSet<String> {
        v.as_array().map(|a| a.iter().map(|f| f.to_string()).collect()).unwrap_or_default()
    };
    // The evidence keys (confidence, cue, new_entity) are the reviewer's,
    // not the fact's: the cases compare facts.
    let mut facts = line["facts"].clone();
    for f in facts.as_array_mut().into_iter().flatten() {
        if let Some(o) = f.as_object_mut() {
            for key in ["confidence", "cue", "new_entity"] {
                o.remove(key);
            }
        }
    }
    let (want, have) = (set(&expected["facts"]), set(&facts));
    diffs.extend(want.difference(&have).map(|f| format!("missing {f}")));
    diffs.extend(have.difference(&want).map(|f| format!("unexpected {f}")));
    // Every quote is the text at its span.
    let chars: Vec<char> = got.text.chars().collect();
    for f in &got.facts {
        let quoted: String = chars[f.span[0]..f.span[1]].iter().collect();
        if quoted != f.quote {
            diffs.push(format!("span {:?} does not give the quote {:?}", f.span, f.quote));
        }
    }
    diffs
}

#[test]
fn all_cases() {
    let x = Extractor::new(Gazetteer::bundled());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("cases folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "expected at least 9 cases");
    let mut report = String::new();
    for path in &names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("json")).unwrap_or_else(|_| panic!("{name}.json")),
        )
        .expect("expected JSON");
        let diffs = check(&x, &name, &std::fs::read(path).unwrap(), &expected);
        if !diffs.is_empty() {
            report.push_str(&format!("\n{name}:\n  {}", diffs.join("\n  ")));
        }
    }
    assert!(report.is_empty(), "cases differ:{report}");
}
