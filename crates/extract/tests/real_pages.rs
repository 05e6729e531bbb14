//! Real public pages: `../shared/corpus/{train,check,dev}` (beside the
//! workspace) are extracted and scored against their gold facts the way
//! `shared/tools/score.py` scores. The pages are third-party text kept out
//! of the repository: without `../shared` the tests print why and pass.
//!
//! `train` is where rules are developed; its report lists every miss
//! (`cargo test -p citynets-extract --test real_pages -- --nocapture`).
//! `check` measures text the rules were not written from: only its
//! aggregate figures are printed, never its misses, so that it keeps
//! measuring unseen text. Each test fails when a figure falls below its
//! floor: the figure reached when the rules last changed, less a margin.

mod scoring;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;
use scoring::{facts_by_key, Counts, Names};
use serde_json::Value;

/// The corpus folder of one set, if `../shared` is there.
fn corpus(set: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(set);
    if dir.join("docs").is_dir() && dir.join("gold").is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent (the real pages live beside the workspace, in ../shared)", dir.display());
        None
    }
}

/// Scores of one set: the total, per kind and per language, and the misses
/// of each document (printed for `train` only).
struct SetScore {
    total: Counts,
    per_kind: BTreeMap<String, Counts>,
    per_lang: BTreeMap<String, Counts>,
    /// Documents without gold facts that got some.
    noisy_negatives: Vec<String>,
    misses: String,
}

fn score_set(x: &Extractor<'_>, names: &Names, dir: &Path) -> SetScore {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(dir.join("docs"))
        .expect("docs folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    docs.sort();
    let mut out = SetScore {
        total: Counts::default(),
        per_kind: BTreeMap::new(),
        per_lang: BTreeMap::new(),
        noisy_negatives: Vec::new(),
        misses: String::new(),
    };
    for path in &docs {
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let Ok(gold) = std::fs::read_to_string(dir.join("gold").join(format!("{id}.json"))) else { continue };
        let gold: Value = serde_json::from_str(&gold).expect("gold JSON");
        let got = x.extract(&id, &std::fs::read(path).unwrap(), Format::Auto).expect("extracts");
        let line: Value = serde_json::from_str(&got.to_json_line()).unwrap();
        let (g, p) = (facts_by_key(names, &gold["facts"]), facts_by_key(names, &line["facts"]));
        let lang = id.split('-').next().unwrap_or("?").to_string();
        if g.is_empty() && !p.is_empty() {
            out.noisy_negatives.push(id.clone());
        }
        let mut doc = Counts::default();
        let count = |key: &str, c: Counts, out: &mut SetScore| {
            let kind = key.split('|').next().unwrap_or("?").to_string();
            out.per_kind.entry(kind).or_default().add(c);
            out.per_lang.entry(lang.clone()).or_default().add(c);
            out.total.add(c);
        };
        for (k, ga) in &g {
            let c = match p.get(k) {
                Some(pa) if ga == pa => Counts { tp: 1, strict: 1, ..Counts::default() },
                Some(_) => {
                    out.misses.push_str(&format!("  {id} ATTR {k}\n"));
                    Counts { tp: 1, ..Counts::default() }
                }
                None => {
                    out.misses.push_str(&format!("  {id} FN {k}\n"));
                    Counts { fn_: 1, ..Counts::default() }
                }
            };
            doc.add(c);
            count(k, c, &mut out);
        }
        for k in p.keys().filter(|k| !g.contains_key(*k)) {
            out.misses.push_str(&format!("  {id} FP {k}\n"));
            let c = Counts { fp: 1, ..Counts::default() };
            doc.add(c);
            count(k, c, &mut out);
        }
    }
    out
}

fn precision(c: &Counts) -> f64 {
    if c.tp + c.fp == 0 { 0.0 } else { c.tp as f64 / (c.tp + c.fp) as f64 }
}

fn recall(c: &Counts) -> f64 {
    if c.tp + c.fn_ == 0 { 0.0 } else { c.tp as f64 / (c.tp + c.fn_) as f64 }
}

fn summary(set: &str, s: &SetScore) -> String {
    let line = |c: &Counts| {
        format!(
            "key F1 {:.3} P {:.3} R {:.3} strict F1 {:.3} (tp {} fp {} fn {})",
            c.key_f1(),
            precision(c),
            recall(c),
            c.strict_f1(),
            c.tp,
            c.fp,
            c.fn_
        )
    };
    let mut out = format!("== {set}: {}\n", line(&s.total));
    for (k, c) in &s.per_kind {
        out.push_str(&format!("  {k:<13} {}\n", line(c)));
    }
    for (l, c) in &s.per_lang {
        out.push_str(&format!("  [{l}]          {}\n", line(c)));
    }
    if !s.noisy_negatives.is_empty() {
        out.push_str(&format!("  facts on pages that state none: {}\n", s.noisy_negatives.join(", ")));
    }
    out
}

#[test]
fn train_pages() {
    let Some(dir) = corpus("train") else { return };
    let x = Extractor::new(Gazetteer::bundled());
    let s = score_set(&x, &Names::load(), &dir);
    println!("{}misses:\n{}", summary("train", &s), s.misses);
    assert!(s.total.key_f1() >= 0.85, "train key F1 {:.3} fell", s.total.key_f1());
    assert!(precision(&s.total) >= 0.91, "train precision {:.3} fell", precision(&s.total));
    assert!(s.total.strict_f1() >= 0.66, "train strict F1 {:.3} fell", s.total.strict_f1());
    assert!(s.noisy_negatives.is_empty(), "facts on pages that state none: {:?}", s.noisy_negatives);
}

/// Aggregate figures only: never the misses of `check`.
#[test]
fn check_pages() {
    let Some(dir) = corpus("check") else { return };
    let x = Extractor::new(Gazetteer::bundled());
    let s = score_set(&x, &Names::load(), &dir);
    println!("{}", summary("check", &s));
    assert!(s.total.key_f1() >= 0.63, "check key F1 {:.3} fell", s.total.key_f1());
    assert!(precision(&s.total) >= 0.84, "check precision {:.3} fell", precision(&s.total));
    assert!(s.total.strict_f1() >= 0.53, "check strict F1 {:.3} fell", s.total.strict_f1());
    assert!(s.noisy_negatives.is_empty(), "facts on {} pages that state none", s.noisy_negatives.len());
}

/// The four example documents of the project stay at their level.
#[test]
fn example_documents() {
    let Some(dir) = corpus("dev") else { return };
    let x = Extractor::new(Gazetteer::bundled());
    let s = score_set(&x, &Names::load(), &dir);
    println!("{}misses:\n{}", summary("dev", &s), s.misses);
    assert!(s.total.key_f1() >= 0.95, "example documents key F1 {:.3} fell below 0.95", s.total.key_f1());
}
