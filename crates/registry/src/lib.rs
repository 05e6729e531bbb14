//! The registry as a service: what the CLI and the web application share.
//!
//! [`Registry`] ties the reference data ([`Gazetteer`]) to the [`Store`]:
//! facts come in with names ("Torino", "Eurocities Culture Forum"), are
//! validated and resolved to registry entities, and are written in one
//! transaction per request or file. Importers and exporters of the exchange
//! formats ([`exchange`]) and the loader of the bundled data ([`bundled`])
//! live here too.

pub mod bundled;
pub mod exchange;
pub mod accounts;
pub mod audit;
pub mod ingest;
pub mod queries;
pub mod seats;

use std::collections::HashSet;
use std::sync::Arc;

use citynets_gazetteer::{FactResolveError, Gazetteer};
use citynets_model::{City, Document, Fact, FactRecord, NewFact, PartialDate, Status};
use citynets_search::SearchIndex;
use citynets_store::{Batch, Change, CityQuery, FactInput, FactQuery, SqlStore, Store, StoreError, WriteReport};

pub use citynets_search as search;
pub use citynets_store as store;

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Bad input, located: `file:line: field: message` (or `fact N` for a
    /// request body). Nothing of the input was written.
    #[error("{place}: {field}: {message}")]
    Input { place: String, field: String, message: String },
    #[error("{0}")]
    NotFound(String),
    /// The acting account may not make this write (see [`Registry::acting_as`]).
    /// Nothing was written.
    #[error("{0}")]
    Forbidden(String),
}

impl RegistryError {
    pub fn input(place: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        RegistryError::Input { place: place.into(), field: field.into(), message: message.into() }
    }
}

pub type Result<T, E = RegistryError> = std::result::Result<T, E>;

/// Called with (done, total) as long work advances.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Send + Sync);

/// No progress to report.
pub fn no_progress(_: u64, _: u64) {}

/// Facts resolved for the store ([`Registry::resolve_all`]).
#[derive(Debug)]
pub struct Resolution {
    pub facts: Vec<FactInput>,
    /// The cities the facts name, once each.
    pub cities: Vec<City>,
    pub guessed: Vec<Guessed>,
}

/// A fact whose city was taken to be the largest of several namesakes:
/// nothing else in the fact or its row told them apart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Guessed {
    /// Where the fact was read: `file:line`, `fact 3`.
    pub place: String,
    /// "Florence: resolved by population among 3 places so named in United States".
    pub message: String,
}

impl std::fmt::Display for Guessed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

#[derive(Clone)]
pub struct Registry {
    store: Arc<dyn Store>,
    gazetteer: &'static Gazetteer,
    search: Option<SearchIndex>,
    /// The account that makes this registry's writes (see
    /// [`Registry::acting_as`]); `None` is the local operator.
    actor: Option<citynets_model::User>,
}

/// Writes of more facts than this rebuild the search index instead of
/// updating it fact by fact.
const REBUILD_AFTER: usize = 1_000;

impl Registry {
    pub fn new(store: Arc<dyn Store>, gazetteer: &'static Gazetteer) -> Self {
        Registry { store, gazetteer, search: None, actor: None }
    }

    /// This registry, writing as `user`: every write is checked against the
    /// account's role (a [`RegistryError::Forbidden`] writes nothing), and
    /// every fact version it records names the account as its author, the
    /// audit trail's "who". A registry that acts as nobody is the local
    /// operator, who holds the database itself (the CLI): it may write
    /// anything and records no author.
    pub fn acting_as(&self, user: &citynets_model::User) -> Registry {
        Registry { actor: Some(user.clone()), ..self.clone() }
    }

    /// The account this registry writes as.
    pub fn actor(&self) -> Option<&citynets_model::User> {
        self.actor.as_ref()
    }

    /// The account recorded with this registry's writes.
    pub fn author(&self) -> Option<&str> {
        self.actor.as_ref().map(|u| u.name.as_str())
    }

    /// Who writes, and why.
    pub(crate) fn note(&self, comment: Option<&str>) -> citynets_store::Note {
        citynets_store::Note::new(self.author(), comment)
    }

    /// This registry, keeping `index` in step with every write it makes.
    pub fn with_search(mut self, index: SearchIndex) -> Self {
        self.search = Some(index);
        self
    }

    /// The full-text index, when the registry keeps one.
    pub fn search(&self) -> Option<&SearchIndex> {
        self.search.as_ref()
    }

    /// Brings the search index up to date with facts just written. The index
    /// can always be rebuilt from the store, so a failure here is logged and
    /// never fails the write.
    pub(crate) async fn after_write(&self, ids: &[i64]) {
        let Some(index) = &self.search else { return };
        let result = if ids.len() > REBUILD_AFTER {
            index.rebuild(self.store.as_ref()).await.map(|_| ())
        } else {
            index.refresh_facts(self.store.as_ref(), ids).await
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "search index not updated; it is rebuilt on the next start");
        }
    }

    /// Indexes the facts recorded after `since` (RFC 3339; `None` for all),
    /// for a server that shares its database with other writers (the CLI,
    /// other servers). Returns the newest recording time seen, to pass next
    /// time.
    pub async fn sync_search(&self, since: Option<&str>) -> Result<Option<String>> {
        let q = FactQuery { recorded_after: since.map(str::to_string), newest_first: true, ..Default::default() };
        let facts = self.store.facts(&q).await?;
        let Some(newest) = facts.first().map(|f| f.recorded_at.clone()) else {
            return Ok(since.map(str::to_string));
        };
        let ids: Vec<i64> = facts.iter().map(|f| f.id).collect();
        self.after_write(&ids).await;
        Ok(Some(newest))
    }

    /// Opens the database at `url` (see [`SqlStore::open`]) with the bundled
    /// reference data.
    pub async fn open(url: &str) -> Result<Self> {
        let store = SqlStore::open(url).await?;
        Ok(Registry::new(Arc::new(store), Gazetteer::bundled()))
    }

    /// [`Registry::open`] for a process that loads data and serves nobody
    /// (see [`SqlStore::open_for_loading`]).
    pub async fn open_for_loading(url: &str) -> Result<Self> {
        let store = SqlStore::open_for_loading(url).await?;
        Ok(Registry::new(Arc::new(store), Gazetteer::bundled()))
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// Loads the bundled data when the registry has none yet (first start),
    /// or holds an older version of it ([`bundled::VERSION`]): the load
    /// merges into what is there, adding what the registry lacks (facts
    /// the newer gazetteer reconciles, the regions of stored cities) and
    /// leaving every stored fact, city key and id as it is.
    pub async fn ensure_bundled(&self, progress: Progress<'_>) -> Result<Option<bundled::Report>> {
        let first = self.store.counts().await?.networks == 0;
        if !first && self.store.bundled_version().await? >= bundled::VERSION {
            return Ok(None);
        }
        let report = bundled::load(self, progress).await?;
        self.store.set_bundled_version(bundled::VERSION).await?;
        Ok(Some(report))
    }

    /// Resolves and validates facts into store input. `place(i)` names the
    /// i-th fact in errors ("facts.jsonl:12", "fact 3"). A city that only
    /// size told from its namesakes is a guess: noted on the fact's
    /// sources (`cue`) and listed in the result.
    pub fn resolve_all(
        &self,
        facts: &[NewFact],
        place: &dyn Fn(usize) -> String,
        members: &mut HashSet<(String, String)>,
    ) -> Result<Resolution> {
        let mut inputs = Vec::with_capacity(facts.len());
        let mut cities = Vec::new();
        let mut guessed = Vec::new();
        let mut seen = HashSet::new();
        for (i, nf) in facts.iter().enumerate() {
            nf.fact.validate().map_err(|e| RegistryError::input(place(i), e.field, e.message))?;
            for s in &nf.sources {
                s.validate().map_err(|e| RegistryError::input(place(i), e.field, e.message))?;
            }
            let network = network_key(self.gazetteer, &nf.fact);
            let prefer = |c: &City| network.as_ref().is_some_and(|n| members.contains(&(n.clone(), c.key.clone())));
            let r = self
                .gazetteer
                .resolve(&nf.fact, &prefer)
                .map_err(|FactResolveError { field, error }| RegistryError::input(place(i), field, error.to_string()))?;
            if matches!(r.fact, Fact::Membership { .. } | Fact::Designation { .. })
                && let (Some(n), Some(c)) = (&r.refs.network, &r.refs.city) {
                    members.insert((n.clone(), c.clone()));
                }
            for c in r.cities {
                if seen.insert(c.key.clone()) {
                    cities.push(c.clone());
                }
            }
            let mut sources = nf.sources.clone();
            if !r.guesses.is_empty() {
                let note = r.guesses.join("; ");
                use citynets_model::limits;
                for s in &mut sources {
                    let cue = match s.cue.take() {
                        Some(cue) if !cue.is_empty() => format!("{cue}; {note}"),
                        _ => note.clone(),
                    };
                    // The cue was checked; what is appended to it is cut
                    // to its limit, never refused.
                    s.cue = Some(limits::cut(&cue, limits::CUE).to_string());
                }
                guessed.extend(r.guesses.into_iter().map(|message| Guessed { place: place(i), message }));
            }
            inputs.push(FactInput { fact: r.fact, refs: r.refs, status: nf.status, sources });
        }
        Ok(Resolution { facts: inputs, cities, guessed })
    }

    /// The (network, city) pairs of current accepted memberships and
    /// designations in the networks `facts` name, to prefer members among
    /// same-named cities.
    async fn members_of(&self, facts: &[NewFact]) -> Result<HashSet<(String, String)>> {
        let mut out = HashSet::new();
        let nets: HashSet<String> = facts.iter().filter_map(|f| network_key(self.gazetteer, &f.fact)).collect();
        for n in nets {
            let q = citynets_store::CityQuery { network: Some(n.clone()), ..Default::default() };
            for c in self.store.cities(&q).await? {
                out.insert((n.clone(), c.key));
            }
        }
        Ok(out)
    }

    /// Resolves one fact as [`add`](Self::add) would.
    pub async fn resolve(&self, fact: &Fact) -> Result<citynets_gazetteer::Resolved<'static>> {
        let nf = [NewFact { fact: fact.clone(), status: Status::Accepted, sources: Vec::new() }];
        let members = self.members_of(&nf).await?;
        let network = network_key(self.gazetteer, fact);
        let prefer = |c: &City| network.as_ref().is_some_and(|n| members.contains(&(n.clone(), c.key.clone())));
        self.gazetteer
            .resolve(fact, &prefer)
            .map_err(|FactResolveError { field, error }| RegistryError::input("fact", field, error.to_string()))
    }

    /// Adds facts (and the documents they cite) in one transaction.
    pub async fn add(&self, facts: &[NewFact], documents: Vec<Document>, comment: Option<String>) -> Result<WriteReport> {
        let mut members = self.members_of(facts).await?;
        let Resolution { facts: inputs, cities, .. } = self.resolve_all(facts, &|i| format!("fact {i}"), &mut members)?;
        self.check_add(&inputs, &|i| format!("fact {i}"))?;
        let batch = Batch { cities, documents, facts: inputs, comment, author: self.author().map(str::to_string), ..Default::default() };
        let report = self.store.write(&batch).await.map_err(|e| locate(e, &|i| format!("fact {i}")))?;
        self.after_write(&report.ids).await;
        Ok(report)
    }

    /// Corrects a current fact: `patch` holds the fields to change, in the
    /// fact format (`{"since": "1992"}`), and may set `status`.
    pub async fn correct(&self, id: i64, patch: &serde_json::Value, comment: Option<String>) -> Result<FactRecord> {
        // Before the cities a correction introduces are written.
        check_comment(comment.as_deref())?;
        let current = self.store.fact(id).await?.ok_or_else(|| RegistryError::NotFound(format!("no fact with id {id}")))?;
        let status = match patch.get("status") {
            Some(v) => {
                let s = v.as_str().ok_or_else(|| RegistryError::input("body", "status", "expected a string"))?;
                Some(s.parse::<Status>().map_err(|e| RegistryError::input("body", "status", e.to_string()))?)
            }
            None => None,
        };
        let patched = patched(&current.fact, patch)?;
        let fact = if patched != current.fact {
            let r = self.resolve(&patched).await?;
            self.check_change(&current, Some(&r.refs))?;
            let cities: Vec<City> = r.cities.iter().map(|c| (*c).clone()).collect();
            // Cities a correction introduces enter the registry first.
            self.store.write(&Batch { cities, ..Default::default() }).await?;
            Some((r.fact, r.refs))
        } else {
            self.check_change(&current, None)?;
            None
        };
        let change = Change { fact, status, add_sources: Vec::new(), comment, author: self.author().map(str::to_string) };
        let record = self.store.change(id, &change).await?;
        self.after_write(&[record.id]).await;
        Ok(record)
    }

    /// A city named in a request parameter: its key, or any of its names
    /// (through case, accents and other languages). Among same-named
    /// places, one the registry has facts about wins (the largest such),
    /// then the gazetteer's rule (see [`Gazetteer::resolve_city`]).
    pub async fn find_city(&self, name: &str) -> Result<Option<City>> {
        if let Some(c) = self.store.city(name).await? {
            return Ok(Some(c));
        }
        let namesakes = self.gazetteer.cities_named(name);
        if !namesakes.is_empty() {
            let keys = namesakes.iter().map(|&i| self.gazetteer.place(i).key().to_string()).collect();
            let stored = self.store.cities(&CityQuery { keys, ..Default::default() }).await?;
            if let Some(&i) = namesakes.iter().find(|&&i| stored.iter().any(|c| c.key == self.gazetteer.place(i).key())) {
                let key = self.gazetteer.place(i).key();
                return Ok(stored.into_iter().find(|c| c.key == key));
            }
        }
        Ok(self.gazetteer.resolve_city(name, None).ok().cloned())
    }

    /// Today's date, for "current" views.
    pub fn today() -> PartialDate {
        let d = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
        PartialDate::new(d.year() as i32, Some(d.month() as u32), Some(d.day() as u32)).expect("today is a date")
    }
}

/// `fact` with the fields of `patch` (an object in the fact format) changed.
/// Registry fields (`id`, `status`, `sources`, `comment`, ...) are ignored;
/// a field the fact's kind does not have, or a change of kind, is an error.
pub fn patched(fact: &Fact, patch: &serde_json::Value) -> Result<Fact> {
    let serde_json::Value::Object(patch) = patch else {
        return Err(RegistryError::input("body", "-", "expected a JSON object with the fields to change"));
    };
    let mut body = serde_json::to_value(fact).expect("facts serialise");
    for (k, v) in patch {
        match k.as_str() {
            "status" | "comment" | "id" | "sources" | "refs" | "recorded_at" | "superseded_at" | "supersedes" | "superseded_by" => {}
            "kind" if v != &body["kind"] => {
                return Err(RegistryError::input("body", "kind", "a fact's kind cannot change: add a new fact instead"));
            }
            _ if body.get(k).is_none() && !(k == "until" && fact.kind() == citynets_model::FactKind::Designation) => {
                return Err(RegistryError::input("body", k.clone(), format!("a {} fact has no field '{k}'", fact.kind())));
            }
            _ => body[k] = v.clone(),
        }
    }
    let fact: Fact = serde_json::from_value(body).map_err(|e| RegistryError::input("body", "-", e.to_string()))?;
    fact.validate().map_err(|e| RegistryError::input("body", e.field, e.message))?;
    Ok(fact)
}

/// Refuses a comment longer than [`citynets_model::limits::COMMENT`]: the
/// store refuses it too, this before a write that comes first (the cities
/// a correction introduces).
pub(crate) fn check_comment(comment: Option<&str>) -> Result<()> {
    use citynets_model::limits;
    comment.map_or(Ok(()), |c| limits::check("comment", c, limits::COMMENT).map_err(|e| RegistryError::input("body", e.field, e.message)))
}

/// The network key a fact is about, if its network resolves.
fn network_key(g: &Gazetteer, fact: &Fact) -> Option<String> {
    let name = match fact {
        Fact::Membership { network, .. }
        | Fact::Designation { network, .. }
        | Fact::Event { network, .. }
        | Fact::Headquarters { network, .. }
        | Fact::Founded { network, .. } => network,
        Fact::Role { organ, .. } => return g.organ_named(organ).ok().map(|(n, _)| n.key.clone()),
        Fact::Twinning { .. } => return None,
    };
    g.network_named(name).ok().map(|n| n.key.clone())
}

/// A store error about the i-th fact of a batch, located with `place`.
pub(crate) fn locate(e: StoreError, place: &dyn Fn(usize) -> String) -> RegistryError {
    match e {
        StoreError::Invalid { index, field, message } => RegistryError::Input { place: place(index), field, message },
        e => RegistryError::Store(e),
    }
}
