//! Import and export: located errors, all-or-nothing, round trips.

use citynets_model::Status;
use citynets_registry::exchange::{export, import, Format, ImportOptions};
use citynets_registry::store::FactQuery;
use citynets_registry::{no_progress, Registry, RegistryError};

async fn empty() -> (Registry, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let r = Registry::open(dir.path().join("x.db").to_str().unwrap()).await.unwrap();
    // The networks and countries only: an import needs the catalogue.
    let g = r.gazetteer();
    let batch = citynets_registry::store::Batch { networks: g.networks().to_vec(), ..Default::default() };
    r.store().write(&batch).await.unwrap();
    (r, dir)
}

const GOOD: &str = r#"{"doc_id":"d1","language":"en","published":"2021-09-27","facts":[{"kind":"membership","city":"Bologna","country":"IT","network":"EUROCITIES","since":"1991","until":null},{"kind":"twinning","city":"Bologna","other":"Lipsia","since":"1962"}]}
{"kind":"role","holder":"Torino","role":"Chair","organ":"Eurocities Culture Forum","from":"2013","to":"2014","sources":[{"document":"d2","quote":"Turin chaired"}]}
"#;

fn input_error(e: RegistryError) -> (String, String, String) {
    match e {
        RegistryError::Input { place, field, message } => (place, field, message),
        other => panic!("expected an input error, got {other}"),
    }
}

#[tokio::test]
async fn jsonl_imports_documents_and_facts() {
    let (r, _d) = empty().await;
    let w = import(&r, "good.jsonl", GOOD, Format::Jsonl, &ImportOptions::default(), &no_progress).await.unwrap().written;
    assert_eq!(w.added, 3);
    let d1 = r.store().document("d1").await.unwrap().unwrap();
    assert_eq!(d1.published.unwrap().to_string(), "2021-09-27");
    assert!(r.store().document("d2").await.unwrap().is_some(), "a cited document is added by key");
    let facts = r.store().facts(&FactQuery::default()).await.unwrap();
    assert!(facts.iter().all(|f| f.status == Status::Accepted));
    assert!(facts.iter().any(|f| f.refs.other.as_deref() == Some("leipzig-de")));
    // Importing it again changes nothing.
    let w = import(&r, "good.jsonl", GOOD, Format::Jsonl, &ImportOptions::default(), &no_progress).await.unwrap().written;
    assert_eq!((w.added, w.unchanged), (0, 3));
}

#[tokio::test]
async fn a_bad_line_names_file_line_and_field_and_nothing_is_written() {
    let (r, _d) = empty().await;
    let cases = [
        (format!("{GOOD}{{\"kind\":\"membership\",\"city\":\"Bologna\",\"network\":\"EUROCITIES\",\"since\":\"1991-13\"}}\n"), "bad.jsonl:3", "since", "month 13"),
        (format!("{GOOD}not json\n"), "bad.jsonl:3", "-", "not JSON"),
        (format!("{GOOD}{{\"kind\":\"twinning\",\"city\":\"Bologna\",\"other\":\"Xqzville\"}}\n"), "bad.jsonl:3", "other", "no city named 'Xqzville'"),
        (format!("{GOOD}{{\"kind\":\"role\",\"holder\":\"Bologna\",\"role\":\"Emperor\",\"organ\":\"EUROCITIES\"}}\n"), "bad.jsonl:3", "role", "Emperor"),
        (format!("{GOOD}{{\"kind\":\"founded\",\"network\":\"League of Xqz\"}}\n"), "bad.jsonl:3", "network", "League of Xqz"),
        ("{\"doc_id\":\"d9\",\"facts\":[{\"kind\":\"membership\",\"city\":\"Bologna\",\"network\":\"EUROCITIES\"},{\"kind\":\"membership\",\"city\":\"Bologna\",\"country\":\"Italy\",\"network\":\"EUROCITIES\"}]}\n".to_string(), "bad.jsonl:1: fact 2", "country", "ISO 3166-1"),
    ];
    for (text, place, field, message) in cases {
        let e = import(&r, "bad.jsonl", &text, Format::Jsonl, &ImportOptions::default(), &no_progress).await.unwrap_err();
        let (p, f, m) = input_error(e);
        assert_eq!((p.as_str(), f.as_str()), (place, field), "{m}");
        assert!(m.contains(message), "{m}");
        assert_eq!(r.store().counts().await.unwrap().accepted, 0, "nothing half-imported after {place}");
        assert!(r.store().document("d1").await.unwrap().is_none());
    }
}

#[tokio::test]
async fn csv_imports_and_errors_are_located() {
    let (r, _d) = empty().await;
    let csv = "kind,city,country,network,field,year,sources\n\
               designation,Torino,IT,UCCN,Design,2014,press\n\
               designation,Alba,IT,UCCN,gastronomia,2017,press\n";
    let w = import(&r, "d.csv", csv, Format::Csv, &ImportOptions { status: Some(Status::Proposed), comment: None }, &no_progress).await.unwrap().written;
    assert_eq!(w.added, 2);
    assert_eq!(r.store().counts().await.unwrap().proposed, 2);
    let bad = "kind,city,network,year\ndesignation,Alba,UCCN,2017\ndesignation,Alba,UCCN,twenty\n";
    let (p, f, _) = input_error(import(&r, "b.csv", bad, Format::Csv, &ImportOptions::default(), &no_progress).await.unwrap_err());
    assert_eq!((p.as_str(), f.as_str()), ("b.csv:3", "year"));
    let (p, f, m) = input_error(import(&r, "h.csv", "kind,town\nmembership,Alba\n", Format::Csv, &ImportOptions::default(), &no_progress).await.unwrap_err());
    assert_eq!((p.as_str(), f.as_str()), ("h.csv:1", "town"));
    assert!(m.contains("unknown column"));
}

#[tokio::test]
async fn a_city_only_size_decided_is_a_guess_noted_and_listed() {
    let (r, _d) = empty().await;
    // Two Ontarios in the United States, one far larger: a guess. Lyon and
    // Bologna have no namesakes: nothing to note.
    let csv = "kind,city,other,sources\n\
               twinning,Ontario (United States),Lyon,list\n\
               twinning,Lyon,Bologna,list\n";
    let imported = import(&r, "t.csv", csv, Format::Csv, &ImportOptions::default(), &no_progress).await.unwrap();
    assert_eq!(imported.written.added, 2);
    assert_eq!(imported.guessed.len(), 1, "{:?}", imported.guessed);
    let g = &imported.guessed[0];
    assert_eq!(g.place, "t.csv:2");
    assert!(g.message.starts_with("Ontario (United States): resolved by population among"), "{}", g.message);
    assert!(g.message.ends_with("so named in United States (Ontario, California, US)"), "{}", g.message);
    let facts = r.store().facts(&FactQuery::default()).await.unwrap();
    let ontario = facts.iter().find(|f| f.refs.city.as_deref().is_some_and(|c| c.starts_with("ontario-us"))).expect("Ontario, US");
    assert_eq!(ontario.sources[0].cue.as_deref(), Some(g.message.as_str()), "the guess is on the fact's source");
    let lyon = facts.iter().find(|f| f.refs.city.as_deref() == Some("lyon-fr")).expect("Lyon twinned with Bologna");
    assert_eq!(lyon.sources[0].cue, None, "no guess, no note");
}

/// A cue at its limit takes the note of a guess cut to fit: a user within
/// the limits is not refused for what the registry appends.
#[tokio::test]
async fn a_guess_noted_on_a_cue_at_its_limit_is_cut_to_fit() {
    let (r, _d) = empty().await;
    let cue = "c".repeat(citynets_model::limits::CUE);
    let line = serde_json::json!({ "kind": "twinning", "city": "Ontario (United States)", "other": "Lyon", "sources": [{ "document": "list", "cue": cue }] });
    let imported = import(&r, "t.jsonl", &format!("{line}\n"), Format::Jsonl, &ImportOptions::default(), &no_progress).await.unwrap();
    assert_eq!((imported.written.added, imported.guessed.len()), (1, 1));
    let facts = r.store().facts(&FactQuery::default()).await.unwrap();
    let kept = facts[0].sources[0].cue.as_deref().unwrap();
    assert_eq!(kept.chars().count(), citynets_model::limits::CUE);
    assert_eq!(kept, cue, "the user's cue is kept whole");
}

#[tokio::test]
async fn export_then_import_round_trips() {
    let (a, _d1) = empty().await;
    import(&a, "good.jsonl", GOOD, Format::Jsonl, &ImportOptions::default(), &no_progress).await.unwrap();
    for format in [Format::Jsonl, Format::Csv] {
        let mut out = Vec::new();
        let n = export(&a, &FactQuery::default(), format, &mut out).await.unwrap();
        assert_eq!(n, 3);
        let text = String::from_utf8(out).unwrap();
        let (b, _d2) = empty().await;
        let w = import(&b, "export", &text, format, &ImportOptions::default(), &no_progress).await.unwrap().written;
        assert_eq!(w.added, 3, "{format:?}");
        assert_eq!(contents(&a).await, contents(&b).await, "{format:?}");
    }
}

/// The registry's facts with status and source documents, sorted.
async fn contents(r: &Registry) -> Vec<String> {
    let mut v: Vec<String> = r
        .store()
        .facts(&FactQuery::default())
        .await
        .unwrap()
        .into_iter()
        .map(|f| {
            let docs: Vec<&str> = f.sources.iter().map(|s| s.document.as_str()).collect();
            format!("{} {:?} {docs:?}", serde_json::to_string(&f.fact).unwrap(), f.status)
        })
        .collect();
    v.sort();
    v
}
