//! The index schema and its analyzers.
//!
//! Every entry, whatever its kind, is one tantivy document with the same
//! fields; what differs is what each kind puts in them (see `entry.rs`).
//!
//! | field   | analyzer  | stored | what |
//! |---------|-----------|--------|------|
//! | `id`    | raw       | yes    | `city:bologna-it`, `fact:123`: the unique id, for updates |
//! | `kind`  | raw       | yes    | `city`, `network`, `body`, `document`, `fact` |
//! | `key`   | —         | yes    | the key to link to |
//! | `title` | folded    | yes    | the display title |
//! | `names` | folded    | no     | every name of the entity (the strongest field) |
//! | `full`  | raw       | no     | each name folded whole, for the whole-name bonus |
//! | `body`  | folded    | yes    | the text: summaries, renderings, quotes, document text |
//! | `aka`   | folded    | no     | words that find the entry without being shown: country names, names of a field or role in other languages, aliases |
//! | `refs`  | raw       | no     | keys of the cities and networks an entry is about |
//! | `en`, `it` | folded + Snowball English / Italian | no | title, names, body and aka again, stemmed |
//! | `facets`| facet     | —      | `/kind/..`, `/country/..`, `/network/..`, `/field/..` |
//! | `prior` | f64 fast  | —      | a static rank in [0, 1] (population, facts known, kind) |

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};

/// Case and accents folded: "Montréal" and "montreal" are one token.
pub(crate) const FOLDED: &str = "citynets_folded";
pub(crate) const ENGLISH: &str = "citynets_en";
pub(crate) const ITALIAN: &str = "citynets_it";

/// Tokens longer than this (in bytes) are dropped: URLs, garbage.
const MAX_TOKEN: usize = 40;

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub kind: Field,
    pub key: Field,
    pub title: Field,
    pub names: Field,
    pub full: Field,
    pub body: Field,
    pub aka: Field,
    pub refs: Field,
    pub en: Field,
    pub it: Field,
    pub facets: Field,
    pub prior: Field,
}

pub(crate) const PRIOR: &str = "prior";
pub(crate) const FACETS: &str = "facets";

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqs);
        let o = TextOptions::default().set_indexing_options(indexing);
        if stored { o.set_stored() } else { o }
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        key: b.add_text_field("key", STORED),
        title: b.add_text_field("title", text(FOLDED, true)),
        names: b.add_text_field("names", text(FOLDED, false)),
        full: b.add_text_field("full", STRING),
        body: b.add_text_field("body", text(FOLDED, true)),
        aka: b.add_text_field("aka", text(FOLDED, false)),
        refs: b.add_text_field("refs", STRING),
        en: b.add_text_field("en", text(ENGLISH, false)),
        it: b.add_text_field("it", text(ITALIAN, false)),
        facets: b.add_facet_field(FACETS, FacetOptions::default()),
        prior: b.add_f64_field(PRIOR, FAST),
    };
    (b.build(), fields)
}

fn folded() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The three analyzers, as the index and the query side both use them.
#[derive(Clone)]
pub(crate) struct Analyzers {
    pub folded: TextAnalyzer,
    pub en: TextAnalyzer,
    pub it: TextAnalyzer,
}

impl Analyzers {
    pub fn new() -> Self {
        Analyzers {
            folded: folded().build(),
            en: folded().filter(Stemmer::new(Language::English)).build(),
            it: folded().filter(Stemmer::new(Language::Italian)).build(),
        }
    }

    pub fn register(&self, m: &TokenizerManager) {
        m.register(FOLDED, self.folded.clone());
        m.register(ENGLISH, self.en.clone());
        m.register(ITALIAN, self.it.clone());
    }
}

/// The tokens of `text` under `analyzer`, with their byte offsets in `text`.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut s = analyzer.token_stream(text);
    s.process(&mut |t| out.push((t.text.clone(), t.offset_from, t.offset_to)));
    out
}

/// The single token `word` becomes under `analyzer` (a stem), if one.
pub(crate) fn one_token(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut s = analyzer.token_stream(word);
    let mut out = None;
    s.process(&mut |t| {
        out.get_or_insert_with(|| t.text.clone());
    });
    out
}
