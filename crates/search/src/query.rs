//! The query, built from the user's words: never parsed as query syntax.
//!
//! Each word (folded: case and accents) becomes the best of these, in tiers
//! of constant scores, so that an exact match always outranks a stemmed one,
//! which outranks a prefix, which outranks a typo:
//!
//! | match | names | title | aka | body |
//! |-------|-------|-------|-----|------|
//! | exact | 6 | 5 | 4 | 3 |
//! | English or Italian stem | 2.5 (on the stemmed fields) ||||
//! | prefix (word ≥ 3 chars) | 1.5 | 1.3 | 1.2 | — |
//! | typo: distance 1 (≥ 4 chars), 2 (≥ 8 chars) | 1.0 / 0.8 | 0.8 / 0.64 | 0.7 / 0.56 | 0.5 / 0.4 |
//! | the word names a city or network (≥ 4 chars): entries about it | 3.5 ||||
//!
//! Typos are matched only when the other tiers find fewer than
//! `TYPOS_BELOW` entries (a second search). Plus BM25 on `body` and `en`
//! (small weights) to order entries within a
//! tier. Words are combined with OR, at least all of them for one or two
//! words, all but a quarter for more. The whole text, folded, equal to one of
//! an entry's names adds 8; naming a city or network adds 4 to the entries
//! about it. Filters (kind, country, network, field) are required facet terms
//! that add no score.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

use crate::entry::Names;
use crate::schema::{one_token, tokens, Analyzers, Fields};

/// At most this many words of a query are used.
pub(crate) const MAX_WORDS: usize = 16;

/// One word of the query, with what it may match.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Folded.
    pub text: String,
    pub en: Option<String>,
    pub it: Option<String>,
    /// Edit distance allowed: 0, 1 or 2.
    pub distance: u8,
    pub prefix: bool,
}

pub(crate) fn words(analyzers: &mut Analyzers, text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (t, _, _) in tokens(&mut analyzers.folded, text) {
        if out.iter().any(|w| w.text == t) {
            continue;
        }
        let n = t.chars().count();
        let stem = |a: &mut tantivy::tokenizer::TextAnalyzer| one_token(a, &t);
        out.push(Word {
            en: stem(&mut analyzers.en),
            it: stem(&mut analyzers.it),
            distance: if n >= 8 { 2 } else if n >= 4 { 1 } else { 0 },
            prefix: n >= 3,
            text: t,
        });
        if out.len() == MAX_WORDS {
            break;
        }
    }
    out
}

fn term_q(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

fn konst(q: Box<dyn Query>, score: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, score))
}

/// The entries about the cities or networks `name` names (folded).
fn about(f: &Fields, names: &Names, name: &str, score: f32) -> Option<Box<dyn Query>> {
    let keys = names.get(name)?;
    let qs: Vec<Box<dyn Query>> =
        keys.iter().take(8).map(|k| konst(Box::new(TermQuery::new(Term::from_field_text(f.refs, k), IndexRecordOption::Basic)), score)).collect();
    Some(Box::new(DisjunctionMaxQuery::new(qs)))
}

fn word_query(f: &Fields, names: &Names, w: &Word, typos: bool) -> Box<dyn Query> {
    let mut alts: Vec<Box<dyn Query>> = vec![
        konst(term_q(f.names, &w.text), 6.0),
        konst(term_q(f.title, &w.text), 5.0),
        konst(term_q(f.aka, &w.text), 4.0),
        konst(term_q(f.body, &w.text), 3.0),
    ];
    if let Some(s) = &w.en {
        alts.push(konst(term_q(f.en, s), 2.5));
    }
    if let Some(s) = &w.it {
        alts.push(konst(term_q(f.it, s), 2.5));
    }
    if w.prefix {
        for (field, score) in [(f.names, 1.5), (f.title, 1.3), (f.aka, 1.2)] {
            let q = FuzzyTermQuery::new_prefix(Term::from_field_text(field, &w.text), 0, true);
            alts.push(konst(Box::new(q), score));
        }
    }
    if typos && w.distance > 0 {
        let k = if w.distance == 1 { 1.0 } else { 0.8 };
        for (field, score) in [(f.names, 1.0), (f.title, 0.8), (f.aka, 0.7), (f.body, 0.5)] {
            let q = FuzzyTermQuery::new(Term::from_field_text(field, &w.text), w.distance, true);
            alts.push(konst(Box::new(q), score * k));
        }
    }
    if w.text.chars().count() >= 4
        && let Some(q) = about(f, names, &w.text, 3.5)
    {
        alts.push(q);
    }
    let best: Box<dyn Query> = Box::new(DisjunctionMaxQuery::with_tie_breaker(alts, 0.1));
    // BM25 orders entries within a tier.
    let mut clauses = vec![(Occur::Must, best), (Occur::Should, Box::new(BoostQuery::new(term_q(f.body, &w.text), 0.2)) as Box<dyn Query>)];
    if let Some(s) = &w.en {
        clauses.push((Occur::Should, Box::new(BoostQuery::new(term_q(f.en, s), 0.1))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Filters on the facet field: any of `values` under `dimension`.
pub(crate) fn facet_filter(f: &Fields, dimension: &str, values: &[&str]) -> Box<dyn Query> {
    let qs: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|v| {
            let t = Term::from_facet(f.facets, &Facet::from_path([dimension, v]));
            (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
        })
        .collect();
    konst(Box::new(BooleanQuery::new(qs)), 0.0)
}

/// The query for `words` (not empty) and the whole `text`, under `filters`.
/// With `typos`, words also match one or two edits away.
pub(crate) fn build(f: &Fields, names: &Names, words: &[Word], text: &str, filters: Vec<Box<dyn Query>>, typos: bool) -> Box<dyn Query> {
    let n = words.len();
    let matched: Box<dyn Query> = if n == 1 {
        word_query(f, names, &words[0], typos)
    } else {
        let min = if n <= 2 { n } else { n - n / 4 };
        let clauses = words.iter().map(|w| (Occur::Should, word_query(f, names, w, typos))).collect();
        Box::new(BooleanQuery::with_minimum_required_clauses(clauses, min))
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matched)];
    let whole = citynets_model::fold(text);
    if !whole.is_empty() {
        clauses.push((Occur::Should, konst(Box::new(TermQuery::new(Term::from_field_text(f.full, &whole), IndexRecordOption::Basic)), 8.0)));
        if n > 1
            && let Some(q) = about(f, names, &whole, 4.0)
        {
            clauses.push((Occur::Should, q));
        }
    }
    clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
    Box::new(BooleanQuery::new(clauses))
}
