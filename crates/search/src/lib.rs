//! Full-text search over the registry: cities, networks and their bodies,
//! documents and facts, with accent folding, English and Italian stemming,
//! typo tolerance and facets. Built on tantivy.
//!
//! ```no_run
//! # async fn f(store: &dyn citynets_store::Store) -> Result<(), citynets_search::SearchError> {
//! use citynets_search::{HitKind, SearchIndex, SearchQuery};
//! let index = SearchIndex::new()?;          // empty, in RAM
//! index.rebuild(store).await?;              // at start: everything current
//! let res = index.search(&SearchQuery { text: "Bolgna".into(), ..Default::default() })?;
//! assert_eq!(res.hits[0].kind, HitKind::City);
//! # Ok(()) }
//! ```
//!
//! **What is indexed** (see `entry.rs` for the exact text):
//! - *cities* in the store: every name, the country code and the country's
//!   names, and a summary of the accepted facts about them ("Creative City
//!   of Music in the UNESCO Creative Cities Network since 2006", "Twinned
//!   with Leipzig since 1962");
//! - *networks*: name, aliases in every language, their bodies' names;
//!   *bodies* (forums, committees, UCCN fields): organ name ("EUROCITIES
//!   Culture Forum"), body name and aliases;
//! - *documents*: key, title and text;
//! - *facts*, current and accepted only: a rendering ("Bologna: Chair of
//!   EUROCITIES Culture Forum (2013–2014)") with the quote of each source,
//!   and, not shown but searchable, country names, network aliases and the
//!   names of the field or role in the catalogue's languages.
//!
//! **Matching** (`query.rs`): words are folded (case, accents: Montréal =
//! montreal), matched exactly, by English and Italian stem, by prefix
//! (three characters or more) and, when those find fewer than
//! [`TYPOS_BELOW`] entries, with typos (one edit from four characters, two
//! from eight), in tiers so that exact matches come first;
//! a word that names a city or network finds the entries about it ("Torino"
//! finds the facts about Turin). User text is never parsed as query syntax.
//!
//! **Facets**: every entry has a kind and may have countries (ISO codes),
//! networks (keys) and UCCN fields; results count them over all matches and
//! filter by them.
//!
//! **Keeping in step**: [`SearchIndex::rebuild`] reads everything from the
//! store (the facts a page at a time, into a new index that then replaces
//! the one in use); the `upsert_*`/`remove_*` methods and [`SearchIndex::refresh_facts`]
//! apply single writes. Each call is one commit, visible to searches when it
//! returns; searches running meanwhile see the state before it.
//!
//! The index lives in RAM (its rebuild and query times: `cargo bench -p
//! citynets-search --bench search`, docs/performance.md). An on-disk index would open the
//! same schema in a tantivy `MmapDirectory` (feature `mmap`) in
//! [`SearchIndex::new`]'s place; the rest is independent of where it lives,
//! but the city summaries' state ([`entry::State`]) is in memory, so a
//! process would still rebuild at start.

mod entry;
mod query;
mod schema;
mod snippet;

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use citynets_model::{City, Document, FactRecord, Field, Network, Status};
use citynets_store::{CityQuery, FactQuery, Store, StoreError};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::Query;
use tantivy::schema::{Facet, Value};
use tantivy::{DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument, Term};

pub use snippet::Snippet;

use entry::{indexable, Entry, Names, State};
use schema::{Analyzers, Fields};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bad filter value: the API answers 400 naming `parameter`.
    #[error("parameter {parameter}: {message}")]
    Input { parameter: &'static str, message: String },
    /// A write panicked earlier; the index should be rebuilt.
    #[error("search index: a write panicked earlier; rebuild the index")]
    Poisoned,
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    City,
    Network,
    /// A body of a network: a forum, committee, office or UCCN field.
    Body,
    Document,
    Fact,
}

impl HitKind {
    pub const ALL: &'static [HitKind] = &[HitKind::City, HitKind::Network, HitKind::Body, HitKind::Document, HitKind::Fact];

    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::City => "city",
            HitKind::Network => "network",
            HitKind::Body => "body",
            HitKind::Document => "document",
            HitKind::Fact => "fact",
        }
    }
}

impl fmt::Display for HitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HitKind {
    type Err = SearchError;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase();
        HitKind::ALL.iter().copied().find(|k| k.as_str() == s).ok_or_else(|| SearchError::Input {
            parameter: "kind",
            message: format!("unknown kind '{s}': expected one of city, network, body, document, fact"),
        })
    }
}

/// A search. Empty filters do not filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// What the user typed. Words only: no query syntax.
    pub text: String,
    /// Any of these kinds.
    pub kinds: Vec<HitKind>,
    /// ISO 3166-1 alpha-2, any case.
    pub country: Option<String>,
    /// A network key (`uccn`, `eurocities`).
    pub network: Option<String>,
    /// A UCCN field by its English name, any case ("Music", "media arts").
    pub field: Option<String>,
    /// Hits per page (at most [`MAX_LIMIT`]); 0 for counts only.
    pub limit: usize,
    pub offset: usize,
}

/// The most hits one search returns.
pub const MAX_LIMIT: usize = 200;

/// A search matches words with typos when it finds fewer entries than this
/// without them.
pub const TYPOS_BELOW: usize = 10;

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery { text: String::new(), kinds: Vec::new(), country: None, network: None, field: None, limit: 20, offset: 0 }
    }
}

impl SearchQuery {
    pub fn text(text: impl Into<String>) -> Self {
        SearchQuery { text: text.into(), ..Default::default() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// City, network or document key; `network/body` for a body; the fact id.
    pub key: String,
    pub title: String,
    pub snippet: Snippet,
    pub score: f32,
    /// The page the hit links to under the current routes.
    pub href: String,
}

/// A facet value and how many matching entries have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts over all matching entries (not only the page), most frequent
/// first. An entry can count under several countries or networks (a
/// twinning, a city in two networks); each kind count is one per entry, so
/// the kind counts add up to `total`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    /// ISO codes.
    pub country: Vec<FacetCount>,
    /// Network keys.
    pub network: Vec<FacetCount>,
    /// UCCN field names.
    pub field: Vec<FacetCount>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SearchResults {
    /// Matching entries, under the filters.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// The search index. Cheap to clone and share: clones are one index.
#[derive(Clone)]
pub struct SearchIndex {
    /// The index in use; a rebuild fills a new one and then puts it here.
    shared: Arc<RwLock<Arc<Inner>>>,
    /// Whether the index holds the store's entries (see
    /// [`SearchIndex::mark_ready`]).
    ready: Arc<AtomicBool>,
}

struct Inner {
    fields: Fields,
    reader: IndexReader,
    analyzers: Analyzers,
    /// One writer at a time, with the state it keeps in step.
    writing: Mutex<Writing>,
    /// The state's city and network names, as the last commit left them:
    /// searches read these, never waiting for a write.
    names: RwLock<Arc<Names>>,
}

struct Writing {
    writer: IndexWriter<TantivyDocument>,
    state: State,
}

/// Memory for the writer: its minimum with one thread is 15 MB; more makes
/// fewer segments on a rebuild.
const WRITER_MEMORY: usize = 20_000_000;

impl Inner {
    /// An empty index in RAM, with an empty state, for a rebuild: its writer
    /// merges nothing until [`Inner::merge_all`].
    fn new_for_rebuild() -> Result<Inner> {
        let inner = Inner::new()?;
        inner.lock()?.writer.set_merge_policy(Box::new(NoMergePolicy));
        Ok(inner)
    }

    /// An empty index in RAM, with an empty state.
    fn new() -> Result<Inner> {
        let (schema, fields) = schema::schema();
        let index = Index::create_in_ram(schema);
        let analyzers = Analyzers::new();
        analyzers.register(index.tokenizers());
        // One indexing thread: rebuilds are small and the machine is shared.
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Inner {
            fields,
            reader,
            analyzers,
            writing: Mutex::new(Writing { writer, state: State::default() }),
            names: RwLock::new(Arc::default()),
        })
    }
}

impl Inner {
    fn lock(&self) -> Result<MutexGuard<'_, Writing>> {
        self.writing.lock().map_err(|_| SearchError::Poisoned)
    }

    /// Runs `f` with the writer, then commits and makes the result visible;
    /// on error, rolls the uncommitted changes back.
    fn write<T>(&self, f: impl FnOnce(&mut Writing, &Fields) -> Result<T>) -> Result<T> {
        let mut w = self.lock()?;
        match f(&mut w, &self.fields) {
            Ok(v) => {
                w.writer.commit()?;
                self.reader.reload()?;
                if let Some(names) = w.state.take_names() {
                    *self.names.write().map_err(|_| SearchError::Poisoned)? = Arc::new(names);
                }
                Ok(v)
            }
            Err(e) => {
                if let Err(r) = w.writer.rollback() {
                    tracing::warn!("search index rollback failed: {r}");
                }
                Err(e)
            }
        }
    }

    /// Merges every segment into one, then lets the default policy merge
    /// what later writes add. A search pays for each segment: the facet
    /// counts read every segment's facet dictionary, and each prefix or
    /// typo is looked up in every segment's terms. A rebuild therefore
    /// writes its segments without merging them ([`Inner::new_for_rebuild`])
    /// and merges them all once at the end.
    fn merge_all(&self) -> Result<()> {
        let mut w = self.lock()?;
        let ids = w.writer.index().searchable_segment_ids()?;
        if ids.len() > 1 {
            w.writer.merge(&ids).wait()?;
        }
        w.writer.set_merge_policy(Box::<LogMergePolicy>::default());
        drop(w);
        self.reader.reload()?;
        Ok(())
    }
}

/// Facts a rebuild reads from the store at a time.
const REBUILD_PAGE: i64 = 10_000;

impl SearchIndex {
    /// An empty index in RAM.
    pub fn new() -> Result<Self> {
        Ok(SearchIndex { shared: Arc::new(RwLock::new(Arc::new(Inner::new()?))), ready: Arc::new(AtomicBool::new(false)) })
    }

    /// Marks the index as holding what the store holds: a server builds it
    /// while it already answers, and searches wait for this.
    pub fn mark_ready(&self) {
        self.ready.store(true, Ordering::Release);
    }

    /// Whether [`mark_ready`](Self::mark_ready) was called.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    /// The index in use (a rebuild replaces it).
    fn inner(&self) -> Arc<Inner> {
        match self.shared.read() {
            Ok(g) => Arc::clone(&g),
            // Only a pointer is written under this lock: what it holds is whole.
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Entries in the index.
    pub fn len(&self) -> u64 {
        self.inner().reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs `f` with the writer, then commits and makes the result visible;
    /// on error, rolls the uncommitted changes back.
    fn write<T>(&self, f: impl FnOnce(&mut Writing, &Fields) -> Result<T>) -> Result<T> {
        self.inner().write(f)
    }

    /// Replaces the whole index with the store's current state: cities,
    /// networks and bodies, documents, and current accepted facts. Returns
    /// the number of entries. Searches see the old index until it is done.
    ///
    /// The facts are read a page at a time into a new index, which then
    /// takes the old one's place: memory holds one page of records, not all
    /// of them. Writes made to the store while this reads it may be missed,
    /// and so are the upserts made meanwhile (they go to the old index):
    /// call it before serving, or call the upserts for such writes after it.
    pub async fn rebuild(&self, store: &dyn Store) -> Result<usize> {
        let started = std::time::Instant::now();
        let countries = store.countries().await?;
        let networks = store.networks().await?;
        let cities = store.cities(&CityQuery::default()).await?;
        let mut documents = Vec::new();
        for d in store.documents().await? {
            documents.push(store.document(&d.key).await?.unwrap_or(d));
        }
        let fresh = Inner::new_for_rebuild()?;
        let mut state = State::default();
        state.set_countries(countries);
        for n in &networks {
            state.set_network(n);
        }
        for c in &cities {
            state.set_city(c);
        }
        let f = &fresh.fields;
        let mut n = 0;
        // The writer stays locked only between reads: the lock is a
        // std one, and no one else knows this index yet.
        let mut after = i64::MIN;
        loop {
            let q = FactQuery { status: Some(Status::Accepted), after_id: Some(after), limit: Some(REBUILD_PAGE), ..Default::default() };
            let page = store.facts(&q).await?;
            {
                let w = fresh.lock()?;
                for rec in page.iter().filter(|r| indexable(r)) {
                    state.add_fact(rec);
                    w.writer.add_document(state.fact_entry(rec).to_doc(f))?;
                    n += 1;
                }
            }
            match page.last() {
                Some(last) if page.len() as i64 == REBUILD_PAGE => after = last.id,
                _ => break,
            }
        }
        let n = fresh.write(|w, f| {
            let mut n = n;
            let mut add = |e: Entry| -> Result<()> {
                w.writer.add_document(e.to_doc(f))?;
                n += 1;
                Ok(())
            };
            for c in &cities {
                add(state.city_entry(c))?;
            }
            for net in &networks {
                for e in state.network_entries(net) {
                    add(e)?;
                }
            }
            for d in &documents {
                add(state.document_entry(d))?;
            }
            w.state = state;
            Ok(n)
        })?;
        fresh.merge_all()?;
        match self.shared.write() {
            Ok(mut g) => *g = Arc::new(fresh),
            Err(p) => *p.into_inner() = Arc::new(fresh),
        }
        tracing::info!(entries = n, elapsed_ms = started.elapsed().as_millis() as u64, "search index rebuilt");
        Ok(n)
    }

    /// Adds or replaces cities (with the facts about them the index knows).
    pub fn upsert_cities(&self, cities: &[City]) -> Result<()> {
        self.write(|w, f| {
            for c in cities {
                w.state.set_city(c);
                replace(&w.writer, f, w.state.city_entry(c))?;
            }
            Ok(())
        })
    }

    pub fn upsert_city(&self, city: &City) -> Result<()> {
        self.upsert_cities(std::slice::from_ref(city))
    }

    /// Adds or replaces a network and its bodies.
    pub fn upsert_network(&self, network: &Network) -> Result<()> {
        self.write(|w, f| {
            // Bodies that are gone go too.
            if let Some(old) = w.state.networks.get(&network.key) {
                for b in &old.bodies {
                    w.writer.delete_term(id_term(f, &entry::id(HitKind::Body, &format!("{}/{}", old.key, b.key))));
                }
            }
            w.state.set_network(network);
            for e in w.state.network_entries(network) {
                replace(&w.writer, f, e)?;
            }
            Ok(())
        })
    }

    /// Adds or replaces a document (give it with its text).
    pub fn upsert_document(&self, document: &Document) -> Result<()> {
        self.write(|w, f| replace(&w.writer, f, w.state.document_entry(document)))
    }

    pub fn remove_document(&self, key: &str) -> Result<()> {
        self.write(|w, f| {
            w.writer.delete_term(id_term(f, &entry::id(HitKind::Document, key)));
            Ok(())
        })
    }

    /// Applies fact versions: a current accepted one is indexed (replacing
    /// the version it supersedes), any other is removed. The entries of the
    /// cities they are about are re-rendered.
    pub fn upsert_facts(&self, records: &[FactRecord]) -> Result<()> {
        self.write(|w, f| {
            let mut touched = BTreeSet::new();
            for rec in records {
                touched.extend(w.state.remove_fact(rec.id));
                w.writer.delete_term(id_term(f, &entry::id(HitKind::Fact, &rec.id.to_string())));
                if let Some(prev) = rec.supersedes {
                    touched.extend(w.state.remove_fact(prev));
                    w.writer.delete_term(id_term(f, &entry::id(HitKind::Fact, &prev.to_string())));
                }
                if indexable(rec) {
                    touched.extend(w.state.add_fact(rec));
                    w.writer.add_document(w.state.fact_entry(rec).to_doc(f))?;
                }
            }
            rerender(w, f, touched)
        })
    }

    pub fn upsert_fact(&self, record: &FactRecord) -> Result<()> {
        self.upsert_facts(std::slice::from_ref(record))
    }

    /// Removes facts by id.
    pub fn remove_facts(&self, ids: &[i64]) -> Result<()> {
        self.write(|w, f| {
            let mut touched = BTreeSet::new();
            for &id in ids {
                touched.extend(w.state.remove_fact(id));
                w.writer.delete_term(id_term(f, &entry::id(HitKind::Fact, &id.to_string())));
            }
            rerender(w, f, touched)
        })
    }

    pub fn remove_fact(&self, id: i64) -> Result<()> {
        self.remove_facts(&[id])
    }

    /// Brings the given facts in step with the store after a write: reads
    /// each id's version and applies it as [`upsert_facts`](Self::upsert_facts)
    /// does, first adding the cities they name that the index lacks. Give
    /// the ids a write returned (`WriteReport::ids`, the ids of a review)
    /// and the ids it changed.
    pub async fn refresh_facts(&self, store: &dyn Store, ids: &[i64]) -> Result<()> {
        let mut records = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(r) = store.fact(id).await? {
                records.push(r);
            }
        }
        let mut missing = BTreeSet::new();
        {
            let inner = self.inner();
            let w = inner.lock()?;
            for r in &records {
                for c in [&r.refs.city, &r.refs.other].into_iter().flatten() {
                    if !w.state.cities.contains_key(c) {
                        missing.insert(c.clone());
                    }
                }
            }
        }
        let mut cities = Vec::new();
        for key in missing {
            cities.extend(store.city(&key).await?);
        }
        if !cities.is_empty() {
            self.upsert_cities(&cities)?;
        }
        // A document a fact cites may be new too (ingest): index those.
        let docs: BTreeSet<String> = records.iter().flat_map(|r| r.sources.iter().map(|s| s.document.clone())).collect();
        for key in docs {
            let known = {
                let inner = self.inner();
                let searcher = inner.reader.searcher();
                let q = tantivy::query::TermQuery::new(
                    id_term(&inner.fields, &entry::id(HitKind::Document, &key)),
                    tantivy::schema::IndexRecordOption::Basic,
                );
                searcher.search(&q, &Count)? > 0
            };
            if !known && let Some(d) = store.document(&key).await? {
                self.upsert_document(&d)?;
            }
        }
        self.upsert_facts(&records)
    }

    /// Searches. An empty (or all-punctuation) text finds nothing.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let inner = self.inner();
        let f = &inner.fields;
        let mut analyzers = inner.analyzers.clone();
        let words = query::words(&mut analyzers, &q.text);
        if words.is_empty() {
            return Ok(SearchResults::default());
        }
        let names = Arc::clone(&*inner.names.read().map_err(|_| SearchError::Poisoned)?);
        let searcher = inner.reader.searcher();
        let mut facets = FacetCollector::for_field(schema::FACETS);
        for dim in ["/kind", "/country", "/network", "/field"] {
            facets.add_facet(dim);
        }
        let limit = q.limit.min(MAX_LIMIT);
        let top = (limit > 0).then(|| TopDocs::with_limit(limit).and_offset(q.offset).tweak_score(prior_score));
        let collectors = (top, Count, facets);
        // Exact, stemmed and prefix matches first; typos only when those
        // find few entries. A correct name in a registry of millions has
        // many neighbours one edit away, each with its facts: matching them
        // all made every search walk their postings.
        let typos = words.iter().any(|w| w.distance > 0);
        let mut found = searcher.search(&query::build(f, &names, &words, &q.text, filters(f, q)?, false), &collectors)?;
        if typos && found.1 < TYPOS_BELOW {
            found = searcher.search(&query::build(f, &names, &words, &q.text, filters(f, q)?, true), &collectors)?;
        }
        let (top, total, counts) = found;
        let mut hits = Vec::with_capacity(limit);
        for (score, addr) in top.unwrap_or_default() {
            hits.push(hit(f, &searcher, &mut analyzers, &words, score, addr)?);
        }
        let dim = |d: &str| {
            let mut v: Vec<FacetCount> = counts
                .get(Facet::from_path([d]))
                .map(|(facet, count)| FacetCount { value: facet.to_path().last().copied().unwrap_or_default().to_string(), count })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            v
        };
        let facets = Facets { kind: dim("kind"), country: dim("country"), network: dim("network"), field: dim("field") };
        Ok(SearchResults { total, hits, facets })
    }
}

fn hit(f: &Fields, searcher: &tantivy::Searcher, analyzers: &mut Analyzers, words: &[query::Word], score: Score, addr: DocAddress) -> Result<Hit> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let get = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let kind = get(f.kind).parse::<HitKind>()?;
    let key = get(f.key);
    let body = get(f.body);
    let href = match kind {
        HitKind::City => format!("/cities/{key}"),
        HitKind::Network => format!("/networks/{key}"),
        HitKind::Body => match key.split_once('/') {
            Some((n, b)) => format!("/networks/{n}#{b}"),
            None => format!("/networks/{key}"),
        },
        HitKind::Document => format!("/documents/{key}"),
        HitKind::Fact => format!("/facts/{key}"),
    };
    Ok(Hit { kind, title: get(f.title), snippet: snippet::snippet(analyzers, &body, words), score, href, key })
}

/// The score times a static rank: up to 20% more for a large city with
/// many facts, a network, a body.
fn prior_score(segment: &SegmentReader) -> impl Fn(DocId, Score) -> Score + use<> {
    let prior = segment.fast_fields().f64(schema::PRIOR).ok().map(|c| c.first_or_default_col(0.0));
    move |doc, score| match &prior {
        Some(p) => score * (1.0 + 0.2 * p.get_val(doc) as Score),
        None => score,
    }
}

fn id_term(f: &Fields, id: &str) -> Term {
    Term::from_field_text(f.id, id)
}

/// Replaces the entry with the same id.
fn replace(writer: &IndexWriter<TantivyDocument>, f: &Fields, e: Entry) -> Result<()> {
    writer.delete_term(id_term(f, &e.id));
    writer.add_document(e.to_doc(f))?;
    Ok(())
}

fn rerender(w: &mut Writing, f: &Fields, cities: BTreeSet<String>) -> Result<()> {
    for key in cities {
        if let Some(c) = w.state.cities.get(&key) {
            replace(&w.writer, f, w.state.city_entry(c))?;
        }
    }
    Ok(())
}

fn filters(f: &Fields, q: &SearchQuery) -> Result<Vec<Box<dyn Query>>> {
    let mut out = Vec::new();
    if !q.kinds.is_empty() {
        let kinds: Vec<&str> = q.kinds.iter().map(|k| k.as_str()).collect();
        out.push(query::facet_filter(f, "kind", &kinds));
    }
    if let Some(c) = q.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        out.push(query::facet_filter(f, "country", &[c.to_ascii_uppercase().as_str()]));
    }
    if let Some(n) = q.network.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        out.push(query::facet_filter(f, "network", &[n]));
    }
    if let Some(x) = q.field.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
        let field: Field = x.parse().map_err(|e: citynets_model::UnknownTerm| SearchError::Input { parameter: "field", message: e.to_string() })?;
        out.push(query::facet_filter(f, "field", &[field.as_str()]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str) -> Entry {
        Entry { id: entry::id(HitKind::City, key), kind: Some(HitKind::City), key: key.into(), title: key.into(), ..Default::default() }
    }

    fn segments(inner: &Inner) -> usize {
        inner.reader.searcher().segment_readers().len()
    }

    #[test]
    fn a_rebuild_merges_its_segments_into_one_and_later_writes_merge_as_usual() {
        let inner = Inner::new_for_rebuild().unwrap();
        // Each commit writes a segment; the rebuild's writer merges none.
        for key in ["alpha", "beta", "gamma"] {
            inner.write(|w, f| Ok(w.writer.add_document(entry(key).to_doc(f))?)).unwrap();
        }
        assert_eq!(segments(&inner), 3);
        inner.merge_all().unwrap();
        assert_eq!(segments(&inner), 1);
        assert_eq!(inner.reader.searcher().num_docs(), 3);
        // Writes after it add segments, which the default policy merges
        // once there are enough of them (8).
        for i in 0..12 {
            inner.write(|w, f| Ok(w.writer.add_document(entry(&format!("city{i}")).to_doc(f))?)).unwrap();
        }
        // Merges run in the background: wait for them.
        inner.writing.into_inner().unwrap().writer.wait_merging_threads().unwrap();
        inner.reader.reload().unwrap();
        let searcher = inner.reader.searcher();
        assert!(searcher.segment_readers().len() < 13, "{} segments: none merged", searcher.segment_readers().len());
        assert_eq!(searcher.num_docs(), 15);
    }
}
