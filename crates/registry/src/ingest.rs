//! Ingest and review: texts in, proposed facts out, a person decides.
//!
//! [`Registry::ingest`] reads a text with the extractor, stores the document
//! (its plain text, so spans point into it) and its facts as *proposed*,
//! each citing the document with the quote and character span that state
//! it — all in one transaction. The same text ingested again (same plain
//! text, whatever its file name) changes nothing.
//!
//! Review decides on proposals one by one or a document at a time:
//! accepting a fact the registry already knows makes the document a further
//! source of the known fact instead of a duplicate (see the store's merge
//! rule).

use std::sync::OnceLock;

use citynets_extract::Extractor;
pub use citynets_extract::Format;
use citynets_model::{Document, FactRecord, NewFact, PartialDate, Source, Status};
use citynets_store::{content_hash, Batch, Decision, FactInput, FactQuery};

use crate::{locate, Registry, RegistryError, Result};

/// A text to ingest.
#[derive(Clone, Debug, Default)]
pub struct IngestInput {
    /// The document's key; from the title when `None`.
    pub key: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub bytes: Vec<u8>,
    pub format: Format,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct IngestReport {
    /// The document's key in the registry.
    pub document: String,
    /// The text was already in the registry: nothing changed.
    pub already_known: bool,
    pub language: Option<String>,
    pub published: Option<PartialDate>,
    /// Ids of the proposed facts (or of the known facts they duplicate).
    pub facts: Vec<i64>,
    /// Facts the extractor read whose names did not resolve.
    pub unresolved: Vec<String>,
}

/// The extractor over the bundled gazetteer, built on first use (it
/// compiles every name into one automaton, which takes a moment).
pub fn extractor() -> &'static Extractor<'static> {
    static EXTRACTOR: OnceLock<Extractor<'static>> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(citynets_gazetteer::Gazetteer::bundled()))
}

impl Registry {
    /// Reads a text and stores it with its proposed facts (see the module docs).
    pub async fn ingest(&self, input: IngestInput) -> Result<IngestReport> {
        let key_hint = input.key.clone().or_else(|| input.title.clone()).unwrap_or_else(|| "document".into());
        let x = extractor()
            .extract(&key_hint, &input.bytes, input.format)
            .map_err(|e| RegistryError::input("document", "text", e.to_string()))?;
        if x.text.trim().is_empty() {
            return Err(RegistryError::input("document", "text", "no text is left once the markup is removed"));
        }
        let hash = content_hash(&x.text);
        if let Some(known) = self.store.document_by_hash(&hash).await? {
            let facts = self
                .store
                .facts(&FactQuery { document: Some(known.clone()), ..Default::default() })
                .await?
                .into_iter()
                .map(|f| f.id)
                .collect();
            return Ok(IngestReport { document: known, already_known: true, language: x.language, published: x.published, facts, unresolved: Vec::new() });
        }
        let key = self.free_document_key(&citynets_model::slug(&key_hint)).await?;
        let title = input.title.clone().or_else(|| first_line(&x.text));
        let facts: Vec<NewFact> = x
            .facts
            .iter()
            .map(|e| NewFact {
                fact: e.fact.clone(),
                status: Status::Proposed,
                sources: vec![Source {
                    quote: Some(e.quote.clone()),
                    span: Some(e.span),
                    confidence: Some(e.confidence),
                    cue: Some(e.cue.to_string()),
                    ..Source::document(key.clone())
                }],
            })
            .collect();
        // A fact whose names do not resolve is reported, not stored: the
        // reviewer sees it in the report and can add it by hand.
        let mut inputs = Vec::new();
        let mut cities = Vec::new();
        let mut unresolved = Vec::new();
        let mut members = std::collections::HashSet::new();
        for (i, nf) in facts.iter().enumerate() {
            match self.resolve_all(std::slice::from_ref(nf), &|_| format!("{key}: fact {}", i + 1), &mut members) {
                Ok(mut r) => {
                    inputs.append(&mut r.facts);
                    cities.append(&mut r.cities);
                }
                Err(e) => unresolved.push(e.to_string()),
            }
        }
        let document = Document {
            key: key.clone(),
            title,
            url: input.url.clone(),
            language: x.language.clone(),
            published: x.published,
            text: Some(x.text.clone()),
        };
        let batch = Batch { cities, documents: vec![document], facts: inputs, comment: Some("ingested".into()), author: self.author().map(str::to_string), ..Default::default() };
        self.check_add(&batch.facts, &|i| format!("{key}: fact {}", i + 1))?;
        let report = self.store.write(&batch).await.map_err(|e| locate(e, &|i| format!("{key}: fact {}", i + 1)))?;
        if let (Some(index), Some(doc)) = (self.search(), batch.documents.first())
            && let Err(e) = index.upsert_document(doc)
        {
            tracing::warn!(error = %e, "search index: document {key} not indexed");
        }
        self.after_write(&report.ids).await;
        Ok(IngestReport { document: key, already_known: false, language: x.language, published: x.published, facts: report.ids, unresolved })
    }

    /// `base`, or `base-2`, `base-3`... whichever no document has yet.
    async fn free_document_key(&self, base: &str) -> Result<String> {
        // A slug of a long title or file name, cut to leave room for the
        // `-N` that tells it from a namesake.
        let base = key_stem(base);
        let mut key = base.to_string();
        let mut n = 1;
        while self.store.document(&key).await?.is_some() {
            n += 1;
            key = format!("{base}-{n}");
        }
        Ok(key)
    }

    /// The review queue: current proposed facts, of one document or all.
    pub async fn proposals(&self, document: Option<&str>, limit: Option<i64>) -> Result<Vec<FactRecord>> {
        let q = FactQuery { status: Some(Status::Proposed), document: document.map(str::to_string), limit, ..Default::default() };
        Ok(self.store.facts(&q).await?)
    }

    /// Accepts or rejects proposed facts (all in one transaction).
    pub async fn decide(&self, ids: &[i64], accept: bool, comment: Option<&str>) -> Result<Vec<i64>> {
        let decision = if accept { Decision::Accept } else { Decision::Reject };
        if self.actor().is_some() {
            let q = FactQuery { ids: ids.to_vec(), ..Default::default() };
            self.check_review(&self.store.facts(&q).await?)?;
        }
        let out = self.store.review(ids, &decision, &self.note(comment)).await?;
        self.after_write(&out).await;
        Ok(out)
    }

    /// Accepts or rejects every current proposal of a document.
    pub async fn decide_document(&self, document: &str, accept: bool, comment: Option<&str>) -> Result<Vec<i64>> {
        let ids: Vec<i64> = self.document_proposals(document).await?.into_iter().map(|f| f.id).collect();
        self.decide(&ids, accept, comment).await
    }

    /// Accepts the current proposals of a document that the extractor read
    /// with at least this confidence (see [`Source::confidence`]); the
    /// others stay proposed.
    pub async fn accept_document_above(&self, document: &str, min_confidence: f32, comment: Option<&str>) -> Result<Vec<i64>> {
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err(RegistryError::input("request", "min_confidence", format!("{min_confidence} is not between 0 and 1")));
        }
        let sure = |f: &FactRecord| {
            f.sources.iter().any(|s| s.document == document && s.confidence.is_some_and(|c| c >= min_confidence))
        };
        let ids: Vec<i64> = self.document_proposals(document).await?.into_iter().filter(sure).map(|f| f.id).collect();
        self.decide(&ids, true, comment).await
    }

    async fn document_proposals(&self, document: &str) -> Result<Vec<FactRecord>> {
        if self.store.document(document).await?.is_none() {
            return Err(RegistryError::NotFound(format!("no document '{document}'")));
        }
        self.proposals(Some(document), None).await
    }

    /// Accepts a proposed fact with corrections: `patch` holds the fields to
    /// change in the fact format (`{"since": "1992"}`).
    pub async fn accept_corrected(&self, id: i64, patch: &serde_json::Value, comment: Option<&str>) -> Result<Vec<i64>> {
        crate::check_comment(comment)?;
        let current = self.store.fact(id).await?.ok_or_else(|| RegistryError::NotFound(format!("no fact with id {id}")))?;
        let fact = crate::patched(&current.fact, patch)?;
        let r = self.resolve(&fact).await?;
        self.check_change(&current, Some(&r.refs))?;
        let cities = r.cities.iter().map(|c| (*c).clone()).collect();
        self.store.write(&Batch { cities, ..Default::default() }).await?;
        let input = FactInput { fact: r.fact, refs: r.refs, status: Status::Accepted, sources: Vec::new() };
        let out = self.store.review(&[id], &Decision::Correct(Box::new(input)), &self.note(comment)).await?;
        self.after_write(&out).await;
        Ok(out)
    }
}

/// A title from the text: its first line with words, skipping datelines
/// ("Published on 3 May 2021", "24 febbraio 2021, 16:14").
fn first_line(text: &str) -> Option<String> {
    let dateline = |l: &str| {
        let words = l.split_whitespace().count();
        let year = l.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
        year && words <= 6
    };
    text.lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !dateline(l))
        .map(|l| {
            if l.chars().count() > 160 {
                let mut t: String = l.chars().take(159).collect();
                t.push('…');
                t
            } else {
                l.to_string()
            }
        })
}

/// Room kept at the end of a document key for `-N` (`N` up to 9 digits).
const KEY_SUFFIX: usize = 10;

/// The start of `slug`, short enough that `-N` after it makes a key within
/// [`citynets_model::limits::DOCUMENT_KEY`], cut on a character boundary
/// and without a trailing `-`.
fn key_stem(slug: &str) -> &str {
    use citynets_model::limits;
    limits::cut(slug, limits::DOCUMENT_KEY - KEY_SUFFIX).trim_end_matches('-')
}

#[cfg(test)]
mod tests {
    use super::{first_line, key_stem, KEY_SUFFIX};
    use citynets_model::limits::DOCUMENT_KEY;

    #[test]
    fn keys_of_long_titles_leave_room_for_a_suffix() {
        assert_eq!(key_stem("bologna-page"), "bologna-page");
        let long = citynets_model::slug(&"Città metropolitana ".repeat(50));
        let stem = key_stem(&long);
        assert!(long.starts_with(stem) && !stem.ends_with('-'), "{stem}");
        assert!(stem.chars().count() + KEY_SUFFIX <= DOCUMENT_KEY, "{}", stem.len());
        assert_eq!(key_stem(&"é".repeat(300)).chars().count(), DOCUMENT_KEY - KEY_SUFFIX, "characters");
    }

    #[test]
    fn titles_skip_datelines() {
        assert_eq!(first_line("\n Published on 3 May 2021\n# Carrara joins the coordination\nText").as_deref(), Some("Carrara joins the coordination"));
        assert_eq!(first_line("mercoledì, 24 febbraio 2021, 16:14\nCarrara nel coordinamento").as_deref(), Some("Carrara nel coordinamento"));
        assert_eq!(first_line("2021\n12").as_deref(), None);
        assert_eq!(first_line(&"word ".repeat(100)).unwrap().chars().count(), 160);
    }
}
