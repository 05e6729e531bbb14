//! Search on the bundled registry: a fresh SQLite registry loaded with the
//! bundled data once per test binary, indexed once; the tests that write
//! build their own index from the same file.

use std::path::PathBuf;
use std::sync::OnceLock;

use citynets_model::{fold, FactRecord, Status};
use citynets_registry::{no_progress, Registry};
use citynets_search::{Hit, HitKind, SearchIndex, SearchQuery, SearchResults};
use citynets_store::FactQuery;

/// A registry file with the bundled data, built once for this test binary.
fn bundled_db() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let path = dir.join("search.db");
        let p = path.clone();
        std::thread::spawn(move || {
            tokio::runtime::Runtime::new().unwrap().block_on(async {
                let r = Registry::open(p.to_str().unwrap()).await.unwrap();
                r.ensure_bundled(&no_progress).await.unwrap();
            })
        })
        .join()
        .unwrap();
        path
    })
}

async fn registry() -> Registry {
    Registry::open(bundled_db().to_str().unwrap()).await.unwrap()
}

/// A new index built from the bundled registry.
fn build_index() -> SearchIndex {
    let db = bundled_db().clone();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let r = Registry::open(db.to_str().unwrap()).await.unwrap();
            let index = SearchIndex::new().unwrap();
            let n = index.rebuild(r.store()).await.unwrap();
            assert!(n > 1000, "only {n} entries");
            assert_eq!(index.len(), n as u64);
            index
        })
    })
    .join()
    .unwrap()
}

/// The index the tests that write share (each with its own words).
fn writable_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

/// The index the read-only tests share.
fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn search(q: SearchQuery) -> SearchResults {
    index().search(&q).unwrap()
}

fn text(t: &str) -> SearchResults {
    search(SearchQuery::text(t))
}

fn show(hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| format!("{} {} {:?} {:.2}", h.kind, h.key, h.title, h.score)).collect()
}

fn first(r: &SearchResults) -> &Hit {
    r.hits.first().unwrap_or_else(|| panic!("no hits"))
}

#[test]
fn a_typo_finds_bologna_first() {
    let r = text("Bolgna");
    let h = first(&r);
    assert_eq!((h.kind, h.key.as_str()), (HitKind::City, "bologna-it"), "{:#?}", show(&r.hits));
    assert_eq!(h.href, "/cities/bologna-it");
    // The snippet marks the word that was meant.
    let marked: Vec<&str> = h.snippet.highlights.iter().map(|&(a, b)| &h.snippet.text[a..b]).collect();
    assert!(marked.contains(&"Bologna"), "{:?}", h.snippet);
    // Two typos in a long word.
    let r = text("Leipzgi Bolonga");
    assert!(r.hits.iter().take(5).any(|h| h.title.contains("Bologna") && h.title.contains("Leipzig")), "{:#?}", show(&r.hits));
}

#[test]
fn exact_matches_come_before_typos() {
    // "Parma" is a city; "Palma" (one edit away) is another.
    let r = search(SearchQuery { text: "Parma".into(), limit: 200, ..Default::default() });
    assert_eq!(first(&r).key, "parma-it", "{:#?}", show(&r.hits));
    let exact = r.hits.iter().rposition(|h| fold(&h.title).contains("parma"));
    let typo = r.hits.iter().position(|h| !fold(&h.title).contains("parma") && fold(&h.title).contains("palma"));
    if let (Some(e), Some(t)) = (exact, typo) {
        assert!(e < t, "{:#?}", show(&r.hits));
    }
}

#[test]
fn small_towns_are_found() {
    // Viitasaari (6,000 people) is a GeoNames place; Mainhausen, a
    // municipality GeoNames lacks, was placed from its twinning row.
    for (q, key) in [("Viitasaari", "viitasaari-fi"), ("Mainhausen", "mainhausen-de")] {
        let r = text(q);
        let h = first(&r);
        assert_eq!((h.kind, h.key.as_str()), (HitKind::City, key), "{q}: {:#?}", show(&r.hits));
    }
}

#[test]
fn accents_and_case_do_not_matter() {
    let a = text("Montreal");
    let b = text("Montréal");
    let c = text("montreal");
    assert_eq!(first(&a).key, "montreal-ca", "{:#?}", show(&a.hits));
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn names_in_other_languages_find_the_city() {
    for (q, key) in [("Torino", "turin-it"), ("Turin", "turin-it"), ("Lipsia", "leipzig-de"), ("Bruxelles", "brussels-be")] {
        let r = text(q);
        let h = first(&r);
        assert_eq!((h.kind, h.key.as_str()), (HitKind::City, key), "{q}: {:#?}", show(&r.hits));
    }
    // "Torino" also finds the facts about Turin, which name it "Turin".
    let r = search(SearchQuery { text: "Torino".into(), kinds: vec![HitKind::Fact], ..Default::default() });
    assert!(r.total > 0 && r.hits.iter().all(|h| h.kind == HitKind::Fact));
    assert!(r.hits.iter().take(5).all(|h| h.title.contains("Turin")), "{:#?}", show(&r.hits));
}

#[test]
fn networks_and_bodies_by_alias_in_any_language() {
    let r = text("Rete delle Città Creative UNESCO");
    assert_eq!((first(&r).kind, first(&r).key.as_str()), (HitKind::Network, "uccn"), "{:#?}", show(&r.hits));
    let r = text("eurocities");
    assert_eq!(first(&r).key, "eurocities", "{:#?}", show(&r.hits));
    let r = text("EUROCITIES Culture Forum");
    assert_eq!((first(&r).kind, first(&r).key.as_str()), (HitKind::Body, "eurocities/culture-forum"), "{:#?}", show(&r.hits));
    assert_eq!(first(&r).href, "/networks/eurocities#culture-forum");
}

#[test]
fn italian_stemming() {
    // "gastronomiche" shares its stem with "gastronomia" in the Italian texts.
    let r = text("gastronomiche");
    assert!(r.total > 0);
    assert!(
        r.hits.iter().take(10).all(|h| fold(&h.snippet.text).contains("gastronom")),
        "{:#?}",
        show(&r.hits)
    );
    // "città creative": the Italian texts and the UCCN (by its Italian name).
    let r = text("città creative");
    let top: Vec<&str> = r.hits.iter().take(10).map(|h| h.key.as_str()).collect();
    assert!(top.contains(&"uccn"), "{:#?}", show(&r.hits));
    let docs = search(SearchQuery { text: "città creative".into(), kinds: vec![HitKind::Document], ..Default::default() });
    let keys: Vec<&str> = docs.hits.iter().map(|h| h.key.as_str()).collect();
    assert!(keys.contains(&"seed-002") && keys.contains(&"seed-004"), "{keys:?}");
}

#[test]
fn english_stemming() {
    // "meetings" finds the facts about meetings ("Annual General Meeting").
    let r = search(SearchQuery { text: "meetings".into(), kinds: vec![HitKind::Fact], ..Default::default() });
    assert!(r.total >= 5, "{}", r.total);
    assert!(r.hits.iter().take(10).all(|h| h.title.to_lowercase().contains("meeting")), "{:#?}", show(&r.hits));
    let marked: Vec<String> =
        r.hits[0].snippet.highlights.iter().map(|&(a, b)| r.hits[0].snippet.text[a..b].to_lowercase()).collect();
    assert!(marked.contains(&"meeting".to_string()), "{:?}", r.hits[0].snippet);
}

#[test]
fn facets_filter_and_count() {
    let q = SearchQuery { text: "music".into(), kinds: vec![HitKind::City], country: Some("it".into()), limit: 200, ..Default::default() };
    let r = search(q);
    assert!(r.total >= 2, "{:#?}", show(&r.hits));
    assert_eq!(r.hits.len(), r.total);
    let keys: Vec<&str> = r.hits.iter().map(|h| h.key.as_str()).collect();
    assert!(keys.contains(&"bologna-it") && keys.contains(&"pesaro-it"), "{keys:?}");
    assert!(r.hits.iter().all(|h| h.kind == HitKind::City && h.key.ends_with("-it")), "{keys:?}");
    // Counts are over the matches: one kind, one country, as many as hits.
    assert_eq!(r.facets.kind.len(), 1);
    assert_eq!((r.facets.kind[0].value.as_str(), r.facets.kind[0].count), ("city", r.total as u64));
    assert_eq!(r.facets.country.len(), 1);
    assert_eq!((r.facets.country[0].value.as_str(), r.facets.country[0].count), ("IT", r.total as u64));
    let music = r.facets.field.iter().find(|c| c.value == "Music").expect("a Music field count");
    assert!(music.count >= 2 && music.count <= r.total as u64);
    assert!(r.facets.network.iter().any(|c| c.value == "uccn"));

    // Unfiltered, the kind counts add up to the total, and filtering by one
    // gives its count.
    let all = text("music");
    assert_eq!(all.facets.kind.iter().map(|c| c.count).sum::<u64>(), all.total as u64);
    for c in &all.facets.kind {
        let kind: HitKind = c.value.parse().unwrap();
        let one = search(SearchQuery { text: "music".into(), kinds: vec![kind], limit: 0, ..Default::default() });
        assert_eq!(one.total as u64, c.count, "{kind}");
        assert!(one.hits.is_empty());
    }
    let it = all.facets.country.iter().find(|c| c.value == "IT").unwrap();
    let only_it = search(SearchQuery { text: "music".into(), country: Some("IT".into()), limit: 0, ..Default::default() });
    assert_eq!(only_it.total as u64, it.count);

    // Field and network filters.
    let r = search(SearchQuery { text: "Italy".into(), kinds: vec![HitKind::City], field: Some("music".into()), network: Some("uccn".into()), limit: 200, ..Default::default() });
    let keys: Vec<&str> = r.hits.iter().map(|h| h.key.as_str()).collect();
    assert!(keys.contains(&"bologna-it") && !keys.contains(&"turin-it"), "{keys:?}");
    // A bad field is an input error naming it.
    let e = index().search(&SearchQuery { text: "x".into(), field: Some("cooking".into()), ..Default::default() }).unwrap_err();
    assert!(e.to_string().contains("field"), "{e}");
}

#[test]
fn pages_do_not_overlap() {
    let q = |offset| SearchQuery { text: "Bologna".into(), limit: 5, offset, ..Default::default() };
    let a = search(q(0));
    let b = search(q(5));
    assert_eq!(a.total, b.total);
    assert_eq!(a.hits.len(), 5);
    for h in &b.hits {
        assert!(!a.hits.iter().any(|x| x.kind == h.kind && x.key == h.key), "{} on both pages", h.key);
    }
}

#[tokio::test]
async fn a_fact_is_found_by_a_word_of_its_quote() {
    let r = registry().await;
    let facts = r.store().facts(&FactQuery { status: Some(Status::Accepted), ..Default::default() }).await.unwrap();
    // A mayor's name is only in the quote: "Johanna Rolland (Nantes), President, ...".
    let (rec, word) = facts
        .iter()
        .filter_map(|f| {
            let quote = f.sources.iter().find_map(|s| s.quote.as_deref().filter(|q| q.contains(" (")))?;
            let title = fold(&serde_json::to_string(&f.fact).unwrap());
            let word = quote.split(|c: char| !c.is_alphabetic()).find(|w| w.len() >= 5 && !title.contains(&fold(w)))?;
            Some((f, word.to_string()))
        })
        .next()
        .expect("a fact with a quote that says more than the fact");
    let res = search(SearchQuery { text: word.clone(), kinds: vec![HitKind::Fact], limit: 200, ..Default::default() });
    let hit = res.hits.iter().find(|h| h.key == rec.id.to_string()).unwrap_or_else(|| panic!("fact {} not found by '{word}': {:#?}", rec.id, show(&res.hits)));
    assert!(hit.snippet.text.contains(&word), "{:?}", hit.snippet);
}

fn fact_record(id: i64, json: &str) -> FactRecord {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    let base = serde_json::json!({
        "id": id,
        "status": "accepted",
        "recorded_at": "2026-01-01T00:00:00Z",
        "sources": [{"document": "seed-test", "quote": "the festival was held in Bologna with the mayor Wombatoquokka"}],
        "refs": {"city": "bologna-it", "network": "uccn"},
    });
    for (k, x) in base.as_object().unwrap() {
        v[k] = x.clone();
    }
    serde_json::from_value(v).unwrap()
}

#[test]
fn upserted_facts_are_found_and_removed_ones_are_not() {
    let index = writable_index();
    let q = |t: &str| index.search(&SearchQuery::text(t)).unwrap();
    assert_eq!(q("Wombatoquokka").total, 0);
    let mut rec = fact_record(
        900_001,
        r#"{"kind": "event", "network": "UNESCO Creative Cities Network", "event": "Quokkafestival", "host": "Bologna", "start": "2030"}"#,
    );
    index.upsert_fact(&rec).unwrap();
    let r = q("Wombatoquokka");
    assert_eq!(r.total, 1, "{:#?}", show(&r.hits));
    assert_eq!((r.hits[0].kind, r.hits[0].key.as_str()), (HitKind::Fact, "900001"));
    assert_eq!(r.hits[0].href, "/facts/900001");
    // The city's entry now tells of it too, with a typo.
    let city = index.search(&SearchQuery { text: "Quokkafestivl".into(), kinds: vec![HitKind::City], ..Default::default() }).unwrap();
    assert_eq!(city.hits.iter().map(|h| h.key.as_str()).collect::<Vec<_>>(), ["bologna-it"]);

    // A correction supersedes it: the old version goes, the new one comes.
    let mut next = fact_record(
        900_002,
        r#"{"kind": "event", "network": "UNESCO Creative Cities Network", "event": "Wombatfestival", "host": "Bologna", "start": "2030"}"#,
    );
    next.supersedes = Some(900_001);
    index.upsert_fact(&next).unwrap();
    assert_eq!(q("Quokkafestival").total, 0);
    assert_eq!(q("Wombatfestival").hits.iter().map(|h| h.key.as_str()).collect::<Vec<_>>(), ["900002", "bologna-it"]);

    // Removed, or no longer accepted: gone, from the city's entry too.
    index.remove_fact(900_002).unwrap();
    assert_eq!(q("Wombatfestival").total, 0);
    assert_eq!(q("Wombatoquokka").total, 0);
    rec.status = Status::Proposed;
    index.upsert_fact(&rec).unwrap();
    assert_eq!(q("Quokkafestival").total, 0);

    // Documents and cities too.
    let doc = citynets_model::Document { key: "seed-test".into(), title: Some("Notizie dal Quokkadromo".into()), url: None, language: Some("it".into()), published: None, text: Some("Il Quokkadromo ospita le riunioni.".into()) };
    index.upsert_document(&doc).unwrap();
    assert_eq!(q("quokkadromo").hits[0].href, "/documents/seed-test");
    index.remove_document("seed-test").unwrap();
    assert_eq!(q("quokkadromo").total, 0);
}

#[tokio::test]
async fn refresh_follows_the_store_after_a_correction() {
    let r = registry().await;
    let index = writable_index();
    let facts = r.store().facts(&FactQuery { status: Some(Status::Accepted), city: Some("leipzig-de".into()), kinds: vec![citynets_model::FactKind::Twinning], ..Default::default() }).await.unwrap();
    let bologna_leipzig = facts.iter().find(|f| f.refs.city.as_deref() == Some("bologna-it") || f.refs.other.as_deref() == Some("bologna-it")).expect("Bologna–Leipzig");
    // The correction is made on a copy of the database, so the other tests
    // keep the bundled one.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    std::fs::copy(bundled_db(), &copy).unwrap();
    let r = Registry::open(copy.to_str().unwrap()).await.unwrap();
    let corrected = r.correct(bologna_leipzig.id, &serde_json::json!({"since": "1961"}), Some("test".into())).await.unwrap();
    index.refresh_facts(r.store(), &[corrected.id]).await.unwrap();
    let res = index.search(&SearchQuery { text: "Bologna Leipzig".into(), kinds: vec![HitKind::Fact], ..Default::default() }).unwrap();
    let keys: Vec<&str> = res.hits.iter().map(|h| h.key.as_str()).collect();
    assert!(keys.contains(&corrected.id.to_string().as_str()), "{:#?}", show(&res.hits));
    assert!(!keys.contains(&bologna_leipzig.id.to_string().as_str()), "{:#?}", show(&res.hits));
    assert!(res.hits.iter().any(|h| h.title.contains("since 1961")));
}

#[test]
fn empty_or_punctuation_queries_find_nothing() {
    for t in ["", "   ", "!!! ... ???", "\"", "*:*"] {
        assert_eq!(text(t), SearchResults::default(), "{t:?}");
    }
    // Query syntax is not parsed: these are words, and do not fail.
    for t in ["title:Bologna", "kind:city AND (x", "bologna~2", "\"unbalanced", "+-&&||!(){}[]^~*?:\\/"] {
        index().search(&SearchQuery::text(t)).unwrap();
    }
}

#[test]
fn typos_are_matched_only_when_the_words_themselves_find_few() {
    // Its own index: the facts below quote the words of the test above.
    let index = &build_index();
    let keys = |t: &str| -> Vec<String> { index.search(&SearchQuery { text: t.into(), limit: 200, kinds: vec![HitKind::Fact], ..Default::default() }).unwrap().hits.into_iter().map(|h| h.key).collect() };
    let event = |id: i64, name: &str| {
        let json = format!(r#"{{"kind": "event", "network": "UNESCO Creative Cities Network", "event": "{name}", "host": "Bologna", "start": "2031"}}"#);
        index.upsert_fact(&fact_record(id, &json)).unwrap();
    };
    // Many entries with a word, one with the word one edit away.
    let many: Vec<i64> = (0..citynets_search::TYPOS_BELOW as i64).map(|i| 910_000 + i).collect();
    for id in &many {
        event(*id, "Ocelotfestival");
    }
    event(910_100, "Ocelotfestivel");

    let exact = keys("Ocelotfestival");
    assert_eq!(exact.len(), many.len(), "the word finds enough alone: no typos: {exact:?}");
    assert!(!exact.contains(&"910100".to_string()));
    // Few entries with the other word: its neighbours one edit away come too,
    // after it.
    let few = keys("Ocelotfestivel");
    assert_eq!(few.first().map(String::as_str), Some("910100"), "{few:?}");
    assert_eq!(few.len(), many.len() + 1, "{few:?}");
}
