//! The scoring of `shared/tools/score.py`, shared by the tests that score
//! documents against gold facts: facts match on their key; "strict" also
//! requires every attribute to equal the gold value.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use citynets_model::fold;
use serde_json::Value;

/// Names are compared folded, after the aliases of `shared/spec/aliases.json`
/// when the file is there.
pub struct Names(HashMap<String, String>);

impl Names {
    pub fn load() -> Names {
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

    pub fn name(&self, v: &Value) -> String {
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
pub fn key_attrs(n: &Names, f: &Value) -> Option<(String, Vec<(String, String)>)> {
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

/// A document's facts (a JSON array) by scorer key, each with its
/// attributes; of facts that share a key, the first.
pub fn facts_by_key(n: &Names, facts: &Value) -> BTreeMap<String, Vec<(String, String)>> {
    let mut m = BTreeMap::new();
    for f in facts.as_array().into_iter().flatten() {
        if let Some((k, a)) = key_attrs(n, f) {
            m.entry(k).or_insert(a);
        }
    }
    m
}

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub strict: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.strict += o.strict;
    }
    pub fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
        if tp == 0 {
            return if fp + fn_ == 0 { 1.0 } else { 0.0 };
        }
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
    pub fn key_f1(&self) -> f64 {
        Self::f1(self.tp, self.fp, self.fn_)
    }
    pub fn strict_f1(&self) -> f64 {
        let loose = self.tp - self.strict;
        Self::f1(self.strict, self.fp + loose, self.fn_ + loose)
    }
}
