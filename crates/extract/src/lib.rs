//! Extraction of city-network facts from news texts.
//!
//! [`Extractor::extract`] turns one document (plain text, Markdown or HTML,
//! detected by content) into an [`Extraction`]: its language, its own date
//! and the facts it states, each with the quote and the character span that
//! states it. The output contract is `shared/spec/facts.md`;
//! [`Extraction::to_json_line`] prints it.
//!
//! The pipeline, one module per step:
//! 1. [`input`]: bytes to plain text (size cap, UTF-8, HTML and Markdown
//!    reduced to text, non-recursively).
//! 2. [`lang`]: the language, by function words.
//! 3. [`lexicon`]: one Aho-Corasick pass finds every name (cities with
//!    alternate names, countries, networks, bodies, fields, roles) and every
//!    relation signal of the five languages.
//! 4. [`dates`]: dates, ranges, openings and relative dates.
//! 5. [`doc`]: the document's date, boilerplate, sentences and clauses, city
//!    resolution by context, and the relation rules.
//!
//! The crate does no I/O: the gazetteer is passed in.

pub mod dates;
mod doc;
pub mod input;
pub mod lang;
pub mod lexicon;
mod token;

use citynets_gazetteer::Gazetteer;
use citynets_model::{Fact, PartialDate};
use serde::Serialize;

pub use input::MAX_INPUT_BYTES;

/// How the input is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// HTML when it looks like HTML, else Markdown (which covers plain text).
    #[default]
    Auto,
    /// Verbatim text: nothing is removed.
    Text,
    Markdown,
    Html,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("input of {size} bytes is larger than the {max} bytes accepted")]
    TooLarge { size: usize, max: usize },
    #[error("input is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { offset: usize },
    #[error("input looks binary, not text")]
    Binary,
}

/// What one document states.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    pub doc_id: String,
    /// ISO 639-1, or `None` when the text is too short to say.
    pub language: Option<String>,
    /// The document's own date, as precise as the document gives it.
    pub published: Option<PartialDate>,
    /// The plain text the spans refer to.
    pub text: String,
    pub facts: Vec<Extracted>,
}

/// One fact with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    pub fact: Fact,
    /// The sentence (or list item) that states the fact.
    pub quote: String,
    /// Character offsets `[start, end)` of the quote in [`Extraction::text`].
    pub span: [usize; 2],
    /// How sure the extractor is, from 0 to 1: the weight of the cue that
    /// produced the fact (a review page orders by it and may accept every
    /// fact of a document above a chosen value).
    pub confidence: f32,
    /// The cue that produced the fact, a short stable name such as
    /// `"membership verb"` or `"designation list item"`, for the reviewer.
    pub cue: &'static str,
    /// Whether the fact names an entity (a city or a network) that the
    /// gazetteer lacks, written as the text writes it: it must be reviewed
    /// as a new entity rather than matched to a known one.
    pub new_entity: bool,
}

/// A fact as printed: the fact format plus the evidence keys the format
/// allows (`confidence`, `cue`, and `new_entity` when true).
#[derive(Serialize)]
struct FactLine<'a> {
    #[serde(flatten)]
    fact: &'a Fact,
    confidence: f32,
    cue: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    new_entity: bool,
}

#[derive(Serialize)]
struct DocumentLine<'a> {
    doc_id: &'a str,
    language: Option<&'a str>,
    published: Option<PartialDate>,
    facts: Vec<FactLine<'a>>,
}

impl Extraction {
    /// The document object of `facts.md` on one line:
    /// `{"doc_id","language","published","facts":[...]}`; each fact carries
    /// its `confidence` and `cue` (and `"new_entity": true` when it names an
    /// entity the gazetteer lacks) beside the keys of its kind.
    pub fn to_json_line(&self) -> String {
        let line = DocumentLine {
            doc_id: &self.doc_id,
            language: self.language.as_deref(),
            published: self.published,
            facts: self
                .facts
                .iter()
                .map(|f| FactLine { fact: &f.fact, confidence: f.confidence, cue: f.cue, new_entity: f.new_entity })
                .collect(),
        };
        serde_json::to_string(&line).expect("facts serialise")
    }
}

/// The extractor: built once per gazetteer (it compiles the vocabularies
/// into one automaton), then used for any number of documents.
pub struct Extractor<'g> {
    gazetteer: &'g Gazetteer,
    lexicon: lexicon::Lexicon,
}

impl<'g> Extractor<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> Self {
        Extractor { gazetteer, lexicon: lexicon::Lexicon::build(gazetteer) }
    }

    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gazetteer
    }

    /// Extracts the facts of one document.
    pub fn extract(&self, doc_id: &str, input: &[u8], format: Format) -> Result<Extraction, ExtractError> {
        let raw = input::decode(input)?;
        let text = input::to_plain_text(raw, format);
        Ok(self.extract_text(doc_id, text))
    }

    /// Extracts the facts of a text that is already plain.
    pub fn extract_text(&self, doc_id: &str, text: String) -> Extraction {
        let language = lang::detect(&text);
        let (published, facts) = doc::analyse(self, &text, language);
        Extraction { doc_id: doc_id.to_string(), language: language.map(str::to_string), published, text, facts }
    }

    /// The elements the rules see, one sentence a line (for debugging rules).
    #[doc(hidden)]
    pub fn debug_elements(&self, text: &str) -> String {
        doc::debug(self, text)
    }

    /// Counts the gazetteer names and signal words in a text: the same
    /// automaton pass as extraction with no further analysis, the baseline
    /// the benchmark compares with.
    pub fn scan_names(&self, text: &str) -> usize {
        doc::find_mentions(self, text, None).len()
    }
}
