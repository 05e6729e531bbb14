//! The bundled data, loaded into a fresh SQLite registry.

use citynets_model::{Fact, Status};
use citynets_registry::store::{identity, FactQuery};
use citynets_registry::{no_progress, Registry};
use serde_json::Value;

async fn fresh() -> (Registry, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let reg = Registry::open(dir.path().join("r.db").to_str().unwrap()).await.unwrap();
    let report = reg.ensure_bundled(&no_progress).await.unwrap().expect("a new registry loads the bundled data");
    let w = &report.written;
    assert!(w.added > 10_000, "added {}, corroborated {}, skipped {}", w.added, w.corroborated, report.skipped.len());
    if std::env::var_os("CITYNETS_SHOW_SKIPPED").is_some() {
        eprintln!("read {:?}; added {} corroborated {} enriched {} unchanged {}", report.read, w.added, w.corroborated, w.enriched, w.unchanged);
        for s in &report.skipped {
            eprintln!("skipped {s}");
        }
    }
    (reg, dir)
}

/// Every non-null attribute of `expected` has the same value in `got`.
fn covers(got: &Fact, expected: &Fact) -> bool {
    let (Value::Object(g), Value::Object(e)) = (serde_json::to_value(got).unwrap(), serde_json::to_value(expected).unwrap()) else {
        return false;
    };
    e.iter().all(|(k, v)| v.is_null() || k == "event" || g.get(k) == Some(v))
}

#[tokio::test]
async fn every_example_document_fact_is_in_the_registry_with_its_source() {
    let (reg, _dir) = fresh().await;
    for n in 1..=4 {
        let doc = format!("seed-00{n}");
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(format!("../../data/documents/{doc}.json")).unwrap()).unwrap();
        let cited = reg.store().facts(&FactQuery { document: Some(doc.clone()), ..Default::default() }).await.unwrap();
        for f in gold["facts"].as_array().unwrap() {
            let fact: Fact = serde_json::from_value(f.clone()).unwrap();
            let r = reg.resolve(&fact).await.unwrap();
            let id = identity(&r.fact, &r.refs);
            let found = cited.iter().any(|rec| {
                rec.status == Status::Accepted && identity(&rec.fact, &rec.refs) == id && covers(&rec.fact, &r.fact)
            });
            assert!(found, "{doc}: {f} is not in the registry with {doc} as its source");
        }
    }
}

#[tokio::test]
async fn loading_twice_changes_nothing() {
    let (reg, _dir) = fresh().await;
    let before = reg.store().counts().await.unwrap();
    let report = citynets_registry::bundled::load(&reg, &no_progress).await.unwrap();
    assert_eq!(report.written.added, 0);
    assert_eq!(report.written.enriched, 0);
    assert_eq!(reg.store().counts().await.unwrap(), before);
    assert!(reg.ensure_bundled(&no_progress).await.unwrap().is_none());
}
