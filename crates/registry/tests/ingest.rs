//! Ingest a text, review its proposals.

mod common;

use common::registry_with_networks;
use citynets_model::{Fact, NewFact, Source, Status};
use citynets_registry::ingest::IngestInput;
use citynets_registry::store::FactQuery;

const TEXT: &str = "Bologna and Eurocities\n\n\
The City of Bologna is member of EUROCITIES since 1991. In 2013 and 2014 Bologna chaired the Culture Forum.\n\
Bologna has been twinned with Leipzig since 1962.\n\n\
Ultimo aggiornamento: lunedì 27 settembre 2021\n";

fn input(key: &str) -> IngestInput {
    IngestInput { key: Some(key.into()), title: None, url: Some("https://example.org/bologna".into()), bytes: TEXT.as_bytes().to_vec(), ..Default::default() }
}

#[tokio::test]
async fn ingest_stores_text_and_proposals_with_quotes_and_spans() {
    let (r, _d) = registry_with_networks().await;
    let report = r.ingest(input("bologna-page")).await.unwrap();
    assert!(!report.already_known);
    assert_eq!(report.document, "bologna-page");
    assert_eq!(report.language.as_deref(), Some("en"));
    assert!(report.facts.len() >= 3, "{report:?}");
    let doc = r.store().document("bologna-page").await.unwrap().unwrap();
    assert_eq!(doc.title.as_deref(), Some("Bologna and Eurocities"));
    let text: Vec<char> = doc.text.unwrap().chars().collect();
    let proposals = r.proposals(Some("bologna-page"), None).await.unwrap();
    assert_eq!(proposals.len(), report.facts.len());
    for p in &proposals {
        assert_eq!(p.status, Status::Proposed);
        let s = &p.sources[0];
        let [a, b] = s.span.unwrap();
        let quoted: String = text[a..b].iter().collect();
        assert_eq!(Some(quoted.as_str()), s.quote.as_deref(), "the span points at the quote");
        // The extractor's confidence and cue are kept with the source.
        assert!(s.confidence.is_some_and(|c| c > 0.0 && c <= 1.0), "{s:?}");
        assert!(s.cue.as_deref().is_some_and(|c| !c.is_empty()), "{s:?}");
    }
    assert!(proposals.iter().any(|p| matches!(&p.fact, Fact::Twinning { since: Some(s), .. } if s.to_string() == "1962")));

    // The same text again, under another name: nothing changes.
    let counts = r.store().counts().await.unwrap();
    let again = r.ingest(input("another-name")).await.unwrap();
    assert!(again.already_known);
    assert_eq!(again.document, "bologna-page");
    assert_eq!(r.store().counts().await.unwrap(), counts);
}

#[tokio::test]
async fn a_long_title_makes_a_key_within_the_limit_twice() {
    let (r, _d) = registry_with_networks().await;
    let title = "Bologna e le reti di città europee ".repeat(28);
    assert!(title.trim().chars().count() <= citynets_model::limits::TITLE);
    let long = |text: &str| IngestInput { key: None, title: Some(title.trim().into()), bytes: text.as_bytes().to_vec(), ..Default::default() };
    let first = r.ingest(long(TEXT)).await.unwrap().document;
    let second = r.ingest(long(&format!("{TEXT}\nAnother page.\n"))).await.unwrap().document;
    assert!(first.len() <= citynets_model::limits::DOCUMENT_KEY, "{first}");
    assert_eq!(second, format!("{first}-2"), "a namesake's key has room for its suffix");
}

#[tokio::test]
async fn accepting_a_known_fact_adds_a_source_not_a_duplicate() {
    let (r, _d) = registry_with_networks().await;
    // The registry already knows Bologna's membership, from a dataset.
    let known: Fact = serde_json::from_str(r#"{"kind":"membership","city":"Bologna","country":"IT","network":"EUROCITIES","since":"1991"}"#).unwrap();
    let docs = vec![citynets_model::Document { key: "dataset".into(), title: None, url: None, language: None, published: None, text: None }];
    let w = r.add(&[NewFact { fact: known, status: Status::Accepted, sources: vec![Source::document("dataset")] }], docs, None).await.unwrap();
    let known_id = w.ids[0];
    let before = r.store().count_facts(&FactQuery { status: Some(Status::Accepted), ..Default::default() }).await.unwrap();

    r.ingest(input("page")).await.unwrap();
    let accepted = r.decide_document("page", true, Some("checked against the page")).await.unwrap();
    assert!(accepted.contains(&known_id), "{accepted:?}");
    let after = r.store().count_facts(&FactQuery { status: Some(Status::Accepted), ..Default::default() }).await.unwrap();
    assert_eq!(after, before + accepted.len() as i64 - 1, "the membership was not duplicated");
    let rec = r.store().fact(known_id).await.unwrap().unwrap();
    let docs: Vec<&str> = rec.sources.iter().map(|s| s.document.as_str()).collect();
    assert!(docs.contains(&"dataset") && docs.contains(&"page"), "{docs:?}");
    assert!(r.proposals(Some("page"), None).await.unwrap().is_empty());
    assert!(r.decide_document("no-such-page", true, None).await.is_err());
}

#[tokio::test]
async fn a_document_is_accepted_above_a_confidence() {
    let (r, _d) = registry_with_networks().await;
    r.ingest(input("page")).await.unwrap();
    let proposals = r.proposals(Some("page"), None).await.unwrap();
    let confidence = |p: &citynets_model::FactRecord| p.sources[0].confidence.unwrap();
    let floor = proposals.iter().map(confidence).fold(0.0f32, f32::max);
    let sure: Vec<i64> = proposals.iter().filter(|p| confidence(p) >= floor).map(|p| p.id).collect();
    assert!(r.accept_document_above("page", 1.5, None).await.is_err(), "a confidence is at most 1");
    let accepted = r.accept_document_above("page", floor, None).await.unwrap();
    assert_eq!(accepted.len(), sure.len());
    let left: Vec<i64> = r.proposals(Some("page"), None).await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(left.len(), proposals.len() - sure.len(), "the less sure stay proposed");
    assert!(left.iter().all(|id| !sure.contains(id)));
}

#[tokio::test]
async fn reject_and_correct_during_review() {
    let (r, _d) = registry_with_networks().await;
    r.ingest(input("page")).await.unwrap();
    let proposals = r.proposals(Some("page"), None).await.unwrap();
    let twinning = proposals.iter().find(|p| matches!(p.fact, Fact::Twinning { .. })).unwrap();
    let membership = proposals.iter().find(|p| matches!(p.fact, Fact::Membership { .. })).unwrap();

    let ids = r.decide(&[twinning.id], false, Some("not what the page says")).await.unwrap();
    assert_eq!(r.store().fact(ids[0]).await.unwrap().unwrap().status, Status::Rejected);

    let ids = r.accept_corrected(membership.id, &serde_json::json!({"since": "1990"}), Some("typo")).await.unwrap();
    let rec = r.store().fact(ids[0]).await.unwrap().unwrap();
    assert_eq!(rec.status, Status::Accepted);
    assert!(matches!(rec.fact, Fact::Membership { since: Some(s), .. } if s.to_string() == "1990"));
    assert_eq!(rec.sources[0].document, "page", "the correction keeps its source");
    let history = r.store().history(rec.id).await.unwrap();
    assert_eq!(history.len(), 2);

    // A bad correction names the field, and changes nothing.
    let other = r.proposals(Some("page"), None).await.unwrap();
    if let Some(p) = other.first() {
        let e = r.accept_corrected(p.id, &serde_json::json!({"colour": "red"}), None).await.unwrap_err().to_string();
        assert!(e.contains("colour"), "{e}");
        assert_eq!(r.store().fact(p.id).await.unwrap().unwrap().status, Status::Proposed);
    }

    // Re-ingesting the text does not bring the rejected twinning back.
    let again = r.ingest(input("page-again")).await.unwrap();
    assert!(again.already_known);
}
