//! The bundled data, loaded into a fresh SQLite registry.

use citynets_model::{Fact, Status};
use citynets_registry::store::{identity, FactQuery};
use citynets_registry::bundled::Cause;
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

#[tokio::test]
async fn every_uccn_member_and_nearly_every_twinning_is_reconciled() {
    let (reg, _dir) = fresh().await;
    let report = citynets_registry::bundled::load(&reg, &no_progress).await.unwrap();
    let skipped_in = |file: &str| report.skipped.iter().filter(|s| s.place.starts_with(file)).collect::<Vec<_>>();
    let uccn = skipped_in("data/uccn/");
    assert!(uccn.is_empty(), "UCCN members not reconciled: {uccn:#?}");
    let members = reg
        .store()
        .count_facts(&FactQuery { document: Some("uccn-members-2024".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(members, 349, "every member of the 2024 list, one designation each");
    // Of the twinning rows whose two sides are places (not a region, an
    // administrative area or a city's district), the share reconciled.
    let rows = 25_917.0;
    let twins = skipped_in("data/twinning/");
    let not_places = twins.iter().filter(|s| s.cause == Cause::NotACity).count() as f64;
    let failed = twins.len() as f64 - not_places;
    let reconciled = 1.0 - failed / (rows - not_places);
    assert!(reconciled >= 0.97, "{:.2} % of the twinning rows between places reconciled", reconciled * 100.0);
    // What is left is told by cause, each row with its reason.
    for (cause, rows) in report.skipped_by_cause() {
        assert!(!cause.describe().is_empty());
        assert!(rows.iter().all(|s| s.place.contains(':') && !s.message.is_empty()), "{cause:?}");
    }
}

/// A town GeoNames lacks is made from the twinning row that names and
/// places it, with the region of the places around it; a town GeoNames
/// spells otherwise nearby is GeoNames' town.
#[tokio::test]
async fn towns_the_gazetteer_lacks_are_placed_from_their_rows() {
    let (reg, _dir) = fresh().await;
    let report = citynets_registry::bundled::load(&reg, &no_progress).await.unwrap();
    // Mainhausen, Hesse: a municipality of villages, no GeoNames place.
    let town = reg.store().city("mainhausen-de").await.unwrap().expect("Mainhausen is made from its row");
    assert_eq!((town.geonames_id, town.region.as_deref(), town.population), (None, Some("Hesse"), None));
    assert!(town.lat.is_some_and(|lat| (lat - 50.0).abs() < 0.5), "{town:?}");
    let twins = reg.store().count_facts(&FactQuery { city: Some("mainhausen-de".into()), ..Default::default() }).await.unwrap();
    assert!(twins >= 1);
    // "Deutschkreuz" is GeoNames' Deutschkreutz, 400 m from the row's point.
    assert!(reg.store().city("deutschkreuz-at").await.unwrap().is_none());
    let kreutz = reg.gazetteer().resolve_city("Deutschkreutz", Some("AT")).unwrap().key.clone();
    let twins = reg.store().count_facts(&FactQuery { city: Some(kreutz), ..Default::default() }).await.unwrap();
    assert!(twins >= 1, "Deutschkreuz's twinnings are Deutschkreutz's");
    // "Athens, United States" placed in Greece stays ambiguous.
    assert!(report.skipped.iter().any(|s| s.message.starts_with("'Athens' is ambiguous")));
}

/// Which Florence: the country a row states decides first; coordinates only
/// among that country's places (Florence, Italy's point under "United
/// States" makes no US Florence); size only as a guess that says so.
#[tokio::test]
async fn rows_decide_by_country_then_coordinates_and_guess_only_out_loud() {
    let (reg, _dir) = fresh().await;
    let report = citynets_registry::bundled::load(&reg, &no_progress).await.unwrap();
    let florence = reg.store().city("florence-it").await.unwrap().expect("Florence, Italy");
    let twins = reg.twinnings(Some(&florence), None).await.unwrap();
    let names: Vec<String> = twins.iter().map(|f| match &f.fact {
        Fact::Twinning { city, other, .. } => if city == "Florence" { other.clone() } else { city.clone() },
        _ => unreachable!(),
    }).collect();
    assert!(names.iter().any(|n| n == "Dresden"), "{names:?}");
    assert!(!names.iter().any(|n| n == "Yamagata"), "the US row is not Italy's Florence: {names:?}");
    let florence_us = report.skipped.iter().find(|s| s.message.starts_with("'Florence' is ambiguous")).expect("the US Florences are reported");
    assert!(florence_us.message.contains("US"), "{florence_us}");
    // The row's own words, countries included, are the source's quote.
    let dresden = twins.iter().find(|f| matches!(&f.fact, Fact::Twinning { city, other, .. } if city == "Dresden" || other == "Dresden")).unwrap();
    assert_eq!(dresden.sources[0].quote.as_deref(), Some("Dresden (Germany) – Florence (Italy)"));
    // A city taken for the largest of its namesakes: listed, and noted on
    // its fact's source.
    let guess = report.guessed.iter().find(|g| g.message.starts_with("Ontario: resolved by population among")).expect("Ontario, US is a guess");
    assert!(guess.message.contains("places so named in United States (Ontario, "), "{guess}");
    let ontario = reg.gazetteer().resolve_city("Ontario", Some("US")).unwrap().key.clone();
    let facts = reg.store().facts(&FactQuery { city: Some(ontario), ..Default::default() }).await.unwrap();
    assert!(!facts.is_empty() && facts.iter().all(|f| f.sources.iter().any(|s| s.cue.as_deref() == Some(guess.message.as_str()))), "{facts:?}");
}

/// A registry loaded by an earlier build (an older bundled version, cities
/// without regions) is brought up to date on open: the facts it held keep
/// their ids and cities their keys, the cities get their regions, and the
/// bundled data's new facts are added.
#[tokio::test]
async fn an_existing_registry_upgrades_on_open() {
    use citynets_model::{Document, NewFact, Source};
    use citynets_registry::store::Batch;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let reg = Registry::open(path.to_str().unwrap()).await.unwrap();
    let fact: Fact = serde_json::from_str(r#"{"kind":"membership","city":"Bologna","network":"EUROCITIES","since":"1991"}"#).unwrap();
    let r = reg.resolve(&fact).await.unwrap();
    let cities: Vec<_> = r.cities.iter().map(|c| citynets_model::City { region: None, ..(*c).clone() }).collect();
    let nf = NewFact { fact: r.fact.clone(), status: Status::Accepted, sources: vec![Source::document("old-page")] };
    reg.store()
        .write(&Batch {
            countries: reg.gazetteer().countries().to_vec(),
            networks: reg.gazetteer().networks().to_vec(),
            cities,
            documents: vec![Document { key: "old-page".into(), title: None, url: None, language: None, published: None, text: None }],
            facts: vec![citynets_registry::store::FactInput { fact: r.fact, refs: r.refs, status: nf.status, sources: nf.sources }],
            ..Default::default()
        })
        .await
        .unwrap();
    let old = reg.store().facts(&FactQuery::default()).await.unwrap();
    assert_eq!(old.len(), 1);
    assert_eq!(reg.store().city("bologna-it").await.unwrap().unwrap().region, None);
    drop(reg);

    let reg = Registry::open(path.to_str().unwrap()).await.unwrap();
    let report = reg.ensure_bundled(&no_progress).await.unwrap().expect("an older registry loads the newer bundled data");
    assert!(report.written.added > 10_000, "{:?}", report.written);
    let kept = reg.store().fact(old[0].id).await.unwrap().unwrap();
    assert_eq!((kept.superseded_at.as_deref(), &kept.refs), (None, &old[0].refs), "the stored fact stays, with its id");
    let bologna = reg.store().city("bologna-it").await.unwrap().unwrap();
    assert_eq!(bologna.region.as_deref(), Some("Emilia-Romagna"));
    let kitzbuehel = reg.find_city("Kitzbühel").await.unwrap().unwrap();
    assert_eq!((kitzbuehel.country.as_str(), kitzbuehel.region.as_deref()), ("AT", Some("Tyrol")));
    assert_eq!(reg.store().bundled_version().await.unwrap(), citynets_registry::bundled::VERSION);
    assert!(reg.ensure_bundled(&no_progress).await.unwrap().is_none(), "once is enough");
}
