//! Held-out evaluation: the documents in `tests/heldout/` (written before
//! the rules they exercise) and `tests/fresh/` (written after the rules were
//! final) are extracted and scored against their gold `NAME.json` the way
//! `shared/tools/score.py` scores: facts match on their key, "strict" also
//! requires every attribute to be equal. Prints per-language figures and
//! every miss (`cargo test -p citynets-extract --test heldout -- --nocapture`),
//! and fails only when the key F1 falls below a floor.

use std::collections::BTreeMap;
use std::path::Path;

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;
use serde_json::Value;

mod scoring;

use scoring::{facts_by_key, Counts, Names};

/// Scores one folder; returns the total and a report.
fn score_dir(x: &Extractor<'_>, n: &Names, dir: &str) -> Option<(Counts, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(dir);
    let mut docs: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .collect();
    docs.sort();
    let mut report = String::new();
    let mut total = Counts::default();
    let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
    for path in &docs {
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).expect("gold")).expect("gold JSON");
        let got = x.extract(&id, &std::fs::read(path).unwrap(), Format::Auto).expect("extracts");
        let line: Value = serde_json::from_str(&got.to_json_line()).unwrap();
        let (g, p) = (facts_by_key(n, &gold["facts"]), facts_by_key(n, &line["facts"]));
        let mut c = Counts::default();
        let mut misses = Vec::new();
        for (k, ga) in &g {
            match p.get(k) {
                Some(pa) => {
                    c.tp += 1;
                    let diff: Vec<String> =
                        ga.iter().zip(pa).filter(|(a, b)| a.1 != b.1).map(|(a, b)| format!("{} gold {:?} got {:?}", a.0, a.1, b.1)).collect();
                    if diff.is_empty() {
                        c.strict += 1;
                    } else {
                        misses.push(format!("ATTR {k}: {}", diff.join(", ")));
                    }
                }
                None => {
                    c.fn_ += 1;
                    misses.push(format!("FN {k}"));
                }
            }
        }
        for k in p.keys().filter(|k| !g.contains_key(*k)) {
            c.fp += 1;
            misses.push(format!("FP {k}"));
        }
        if gold["published"] != line["published"] {
            misses.push(format!("published: gold {} got {}", gold["published"], line["published"]));
        }
        let lang = gold["language"].as_str().unwrap_or("?").to_string();
        if gold["language"] != line["language"] {
            misses.push(format!("language: gold {} got {}", gold["language"], line["language"]));
        }
        total.add(c);
        per_lang.entry(lang).or_default().add(c);
        report.push_str(&format!("{id}: key F1 {:.3} strict F1 {:.3}\n", c.key_f1(), c.strict_f1()));
        for m in misses {
            report.push_str(&format!("    {m}\n"));
        }
    }
    for (l, c) in &per_lang {
        report.push_str(&format!("[{l}] key F1 {:.3} strict F1 {:.3} (tp {} fp {} fn {})\n", c.key_f1(), c.strict_f1(), c.tp, c.fp, c.fn_));
    }
    report.push_str(&format!(
        "TOTAL {} docs: key F1 {:.3} strict F1 {:.3} (tp {} fp {} fn {} strict {})\n",
        docs.len(),
        total.key_f1(),
        total.strict_f1(),
        total.tp,
        total.fp,
        total.fn_,
        total.strict
    ));
    Some((total, report))
}

#[test]
fn heldout_documents() {
    let x = Extractor::new(Gazetteer::bundled());
    let n = Names::load();
    let (total, report) = score_dir(&x, &n, "heldout").expect("tests/heldout");
    println!("== held-out ==\n{report}");
    // Floor: the figure recorded when the rules were last changed, less a
    // margin; a fall below it is a regression.
    assert!(total.key_f1() >= 0.90, "held-out key F1 {:.3} fell:\n{report}", total.key_f1());
}

#[test]
fn fresh_documents() {
    let x = Extractor::new(Gazetteer::bundled());
    let n = Names::load();
    let Some((total, report)) = score_dir(&x, &n, "fresh") else { return };
    println!("== fresh ==\n{report}");
    // Floor: the key F1 reached when the rules for real pages were added
    // (0.979), less 0.05.
    assert!(total.key_f1() >= 0.929, "fresh key F1 {:.3} fell:\n{report}", total.key_f1());
}

/// `tests/fresh2/`: ten documents (two per language, one without network
/// facts) written before the round of rules that followed them and scored
/// only before and after it. The floor is the key F1 reached then, less
/// 0.05: a regression guard, not a target.
#[test]
fn fresh2_documents() {
    let x = Extractor::new(Gazetteer::bundled());
    let n = Names::load();
    let (total, report) = score_dir(&x, &n, "fresh2").expect("tests/fresh2");
    println!("== fresh2 ==\n{report}");
    // Scored once before the round (key 0.667, strict 0.576) and once after
    // it (key 0.687, strict 0.627); floor = 0.687 - 0.05.
    assert!(total.key_f1() >= 0.637, "fresh2 key F1 {:.3} fell:\n{report}", total.key_f1());
}
