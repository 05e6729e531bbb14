//! The synthetic world at 1/10,000: deterministic, the promised shape, and
//! written through the store's bulk path with its history.

use std::collections::BTreeMap;

use citynets_model::FactKind;
use citynets_store::{FactQuery, SqlStore, Store};
use citynets_synth::{Shape, World};

const SCALE: f64 = 1e-4;

fn kinds(world: &World) -> BTreeMap<FactKind, usize> {
    let mut out = BTreeMap::new();
    for i in 0..world.shape().inputs() {
        *out.entry(world.fact(i).fact.kind()).or_default() += 1;
    }
    out
}

#[test]
fn the_same_seed_makes_the_same_world_and_another_seed_another() {
    let (a, b, c) = (World::new(7, SCALE), World::new(7, SCALE), World::new(8, SCALE));
    let json = |w: &World| {
        let facts: Vec<_> = (0..w.shape().inputs()).map(|i| serde_json::to_string(&w.fact(i).fact).unwrap()).collect();
        (serde_json::to_string(&w.cities()).unwrap(), serde_json::to_string(&w.networks()).unwrap(), facts)
    };
    assert_eq!(json(&a), json(&b));
    assert_ne!(json(&a), json(&c));
}

#[test]
fn the_world_has_the_promised_shape() {
    let s = Shape::at(SCALE);
    assert_eq!((s.cities, s.networks, s.documents), (10, 2, 1));
    assert_eq!(s.facts(), 500, "{s:?}");
    let full = Shape::at(1.0);
    assert_eq!((full.cities, full.networks, full.facts(), full.documents), (100_000, 1_000, 5_000_000, 5_000));
    assert_eq!(full.memberships, 2_500_000);
    assert_eq!(full.twinnings, 700_000);
    assert!(full.roles > 1_000_000 && full.events > 30_000, "{full:?}");

    let w = World::new(1, SCALE);
    let k = kinds(&w);
    assert_eq!(k[&FactKind::Founded], s.founded);
    assert_eq!(k[&FactKind::Headquarters], s.headquarters);
    assert_eq!(k[&FactKind::Event], s.events);
    assert_eq!(k[&FactKind::Twinning], s.twinnings);
    assert_eq!(k[&FactKind::Role], s.roles);
    // Memberships and designations, each restated once in 25.
    assert_eq!(k[&FactKind::Membership] + k[&FactKind::Designation], s.memberships + s.restatements);
    assert!(k[&FactKind::Designation] > 0, "every tenth network designates in fields");
    assert_eq!(w.cities().len(), s.cities);
    assert_eq!(w.networks().len(), s.networks);
    for i in 0..s.inputs() {
        let f = w.fact(i);
        f.fact.validate().unwrap_or_else(|e| panic!("fact {i}: {e}: {:?}", f.fact));
        assert_eq!(f.sources.len(), 1);
    }
    let batches: Vec<usize> = w.batches(200).map(|b| b.facts.len()).collect();
    assert_eq!(batches.iter().sum::<usize>(), s.inputs());
    assert!(batches[..batches.len() - 1].iter().all(|&n| n == 200));
}

#[tokio::test]
async fn the_world_writes_through_the_store_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::open(dir.path().join("synth.db").to_str().unwrap()).await.unwrap();
    let w = World::new(1, SCALE);
    let s = w.shape().clone();
    store.write(&w.entities()).await.unwrap();
    let (mut added, mut enriched, mut other) = (0, 0, 0);
    for b in w.batches(150) {
        let r = store.write(&b).await.unwrap();
        added += r.added;
        enriched += r.enriched;
        other += r.corroborated + r.unchanged;
        assert_eq!(r.ids.len(), b.facts.len());
    }
    assert_eq!(enriched, s.restatements / 2, "each membership first stated without its start gains a version");
    assert_eq!(added + enriched + other, s.inputs());
    let counts = store.counts().await.unwrap();
    assert_eq!((counts.cities, counts.networks, counts.documents), (s.cities as i64, s.networks as i64, s.documents as i64));
    assert_eq!(counts.accepted as usize, added, "every added fact is current, enriched ones in a new version");
    let superseded = store.facts(&FactQuery { kinds: vec![FactKind::Membership, FactKind::Designation], ..Default::default() }).await.unwrap();
    let versioned = superseded.iter().find(|f| f.supersedes.is_some()).expect("an enriched membership");
    let history = store.history(versioned.id).await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].superseded_at.is_some() && history[1].superseded_at.is_none());
    let old = store.fact(history[0].id).await.unwrap().unwrap();
    assert_eq!(old.superseded_by, Some(versioned.id));
}
