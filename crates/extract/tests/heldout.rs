//! Held-out evaluation: the documents in `tests/heldout/` (written before
//! the rules they exercise) and `tests/fresh/` (written after the rules were
//! final) are extracted and scored against their gold `NAME.json` the way
//! `shared/tools/score.py` scores: facts match on their key, "strict" also
//! requires every attribute to be equal. Prints per-language figures and
//! every miss (`cargo test -p citynets-extract --test heldout -- --nocapture`),
//! and fails only when the key F1 falls below a floor.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use citynets_extract::{Extractor, Format};
use citynets_gazetteer::Gazetteer;
use citynets_model::fold;
use serde_json::Value;

/// Names are compared folded, after the aliases of `shared/spec/aliases.json`
/// when the file is there.
struct Names(HashMap<String, String>);

impl Names {
    fn load() -> Names {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/aliases.json");
        let mut table = HashMap::new();
        if let Ok(raw) = std::fs::read_to_string(path)
            && let Ok(Value::Object(m)) = serde_json::from_str::<Value>(&raw) {
                for (canonical, aliases) in m {
                    table.insert(fold(&canonical), fold(&canonical));
                    for a in aliases.as_array().into_iter().flatten() {
                        if let Some(a) = a.as_str() {
                            table.insert(fold(a), fold(&canonical));
                        }
                    }
                }
            }
        Names(table)
    }

    fn name(&self, v: &Value) -> String {
        let f = fold(v.as_str().unwrap_or(""));
        self.0.get(&f).cloned().unwrap_or(f)
    }
}

fn val(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    }
}

/// (key, attributes) of a fact, as the scorer computes them.
fn key_attrs(n: &Names, f: &Value) -> Option<(String, Vec<(String, String)>)> {
    let kind = f["kind"].as_str()?;
    let (key, attrs): (Vec<String>, &[&str]) = match kind {
        "membership" => (vec![n.name(&f["city"]), n.name(&f["network"])], &["since", "until"]),
        "designation" => (vec![n.name(&f["city"]), n.name(&f["network"])], &["field", "year"]),
        "event" => {
            let y = val(&f["start"]).chars().take(4).collect();
            (vec![n.name(&f["network"]), n.name(&f["host"]), y], &["start", "end", "edition"])
        }
        "role" => (vec![n.name(&f["holder"]), n.name(&f["role"]), n.name(&f["organ"])], &["from", "to"]),
        "twinning" => {
            let mut p = vec![n.name(&f["city"]), n.name(&f["other"])];
            p.sort();
            (p, &["since"])
        }
        "headquarters" => (vec![n.name(&f["network"]), n.name(&f["city"])], &[]),
        "founded" => (vec![n.name(&f["network"])], &["year"]),
        _ => return None,
    };
    let attrs = attrs
        .iter()
        .map(|a| {
            let v = &f[*a];
            let v = if *a == "field" { n.name(v) } else { val(v) };
            (a.to_string(), v)
        })
        .collect();
    Some((format!("{kind}|{}", key.join("|")), attrs))
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    strict: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.strict += o.strict;
    }
    fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
        if tp == 0 {
            return if fp + fn_ == 0 { 1.0 } else { 0.0 };
        }
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
    fn key_f1(&self) -> f64 {
        Self::f1(self.tp, self.fp, self.fn_)
    }
    fn strict_f1(&self) -> f64 {
        let loose = self.tp - self.strict;
        Self::f1(self.strict, self.fp + loose, self.fn_ + loose)
    }
}

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
        let index = |v: &Value| -> BTreeMap<String, Vec<(String, String)>> {
            let mut m = BTreeMap::new();
            for f in v.as_array().into_iter().flatten() {
                if let Some((k, a)) = key_attrs(n, f) {
                    m.entry(k).or_insert(a);
                }
            }
            m
        };
        let (g, p) = (index(&gold["facts"]), index(&line["facts"]));
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
    assert!(total.key_f1() >= 0.0);
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
