//! The registry's storage.
//!
//! [`Store`] is the boundary: everything above it (HTTP, CLI, importers)
//! speaks the model's types through it, nothing above it writes SQL.
//! [`SqlStore`] implements it once over sqlx's runtime-chosen driver, so the
//! same SQL runs on embedded SQLite (the default, a file created on first
//! start, WAL) and on PostgreSQL (`postgres://` URLs); each backend has its
//! own migrations under `migrations/`.
//!
//! Invariants the implementation keeps:
//! - every [`Store::write`] and [`Store::review`] is one transaction: all of
//!   it or nothing;
//! - fact rows are versions: a change inserts a version and closes the old
//!   one, nothing is updated in place or deleted, so "as known on" any past
//!   moment can be answered;
//! - one current accepted fact per identity and compatible content: adding
//!   what is already known adds a source, not a duplicate.

pub mod backup;
mod bulk;
mod merge;
pub mod scratch;
mod sql;

use async_trait::async_trait;
use citynets_model::{AccountRole, User, City, Country, Document, Fact, FactKind, FactRecord, Network, PartialDate, Refs, Source, Status};

pub use backup::{BackupHeader, RestoreReport, TableHeader, TABLES};
pub use merge::identity;
pub use sql::{content_hash, SqlStore};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    /// A read-only database (a replica) is not migrated, and its schema is
    /// not the one this build needs.
    #[error("the database is read-only (a replica?) and has schema version {have}; this build needs {need}: run it on the primary first")]
    ReadOnlySchema { have: i64, need: i64 },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A fact of a batch is not acceptable; nothing of the batch was written.
    #[error("fact {index}: {field}: {message}")]
    Invalid { index: usize, field: String, message: String },
    /// A field of a write that belongs to no one fact (a comment, a
    /// document's title) is not acceptable; nothing was written.
    #[error("{field}: {message}")]
    Field { field: String, message: String },
    #[error("no fact with id {0}")]
    NotFound(i64),
    /// The fact was already superseded: changes apply to the current version.
    #[error("fact {id} is not current: it was superseded by fact {successor}; change that one")]
    NotCurrent { id: i64, successor: i64 },
    /// A review decision on a fact that is no longer a proposal.
    #[error("fact {id} is {status}, not proposed: it was already reviewed")]
    NotProposed { id: i64, status: Status },
    /// A name that must be unique is taken.
    #[error("{0} already exists")]
    Duplicate(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A backup that cannot be restored: the line (1 is the header) and
    /// the field (`table.column`) at fault. Nothing was restored.
    #[error("line {line}: {field}: {message}")]
    Backup { line: u64, field: String, message: String },
    /// A restore into a database that already holds data.
    #[error("the database is not empty (it holds {0}): restore into a new, empty database")]
    NotEmpty(String),
    #[error("cannot write the backup: {0}")]
    Io(String),
}

/// A field refused on its own ([`StoreError::Field`]).
impl From<citynets_model::FactError> for StoreError {
    fn from(e: citynets_model::FactError) -> Self {
        StoreError::Field { field: e.field.into(), message: e.message }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A failure of the database itself, rather than of what was asked of it:
/// what a client can be told, and whether trying again may help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The disk (or the server's space for the database) is full: reads
    /// still work, writes fail until space is freed.
    Full,
    /// The database cannot be reached, or is too busy, for now: the
    /// connection was lost or refused, no connection came free in time,
    /// the server is shutting down, or (SQLite) another writer held the
    /// lock past the busy timeout. Trying again later may work.
    Unavailable,
    /// The database takes no writes: a PostgreSQL replica, a read-only
    /// SQLite file. Reads work; writes must go to the primary.
    ReadOnly,
}

impl StoreError {
    /// The [`Fault`] this error is, if it is one.
    pub fn fault(&self) -> Option<Fault> {
        let e = match self {
            StoreError::Database(e) | StoreError::Open { source: e, .. } => e,
            _ => return None,
        };
        match e {
            sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => {
                Some(Fault::Unavailable)
            }
            sqlx::Error::Database(db) if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() => {
                // The extended result code; the primary code is its low byte.
                match db.code()?.parse::<i32>().ok()? & 0xff {
                    13 => Some(Fault::Full),       // SQLITE_FULL
                    5 => Some(Fault::Unavailable), // SQLITE_BUSY
                    8 => Some(Fault::ReadOnly),    // SQLITE_READONLY
                    _ => None,
                }
            }
            sqlx::Error::Database(db) => postgres_fault(&db.code()?),
            _ => None,
        }
    }
}

/// The PostgreSQL SQLSTATEs that are faults.
fn postgres_fault(code: &str) -> Option<Fault> {
    match code {
        // disk_full; out of memory and too many connections are passing.
        "53100" => Some(Fault::Full),
        // read_only_sql_transaction: a replica, or a read-only session.
        "25006" => Some(Fault::ReadOnly),
        "53200" | "53300" => Some(Fault::Unavailable),
        // admin_shutdown, crash_shutdown, cannot_connect_now,
        // database_dropped; connection exceptions.
        "57P01" | "57P02" | "57P03" | "57P04" => Some(Fault::Unavailable),
        c if c.starts_with("08") => Some(Fault::Unavailable),
        _ => None,
    }
}

/// A fact ready to store: canonical names, the keys they resolved to, its
/// status and sources (see `citynets_gazetteer::Gazetteer::resolve`).
#[derive(Clone, Debug, PartialEq)]
pub struct FactInput {
    pub fact: Fact,
    pub refs: Refs,
    pub status: Status,
    pub sources: Vec<Source>,
}

/// What one [`Store::write`] adds. Entities are added when new and left as
/// they are when their key exists (but for a city's region, filled when the
/// stored city has none); facts are merged (see the crate docs).
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub countries: Vec<Country>,
    pub networks: Vec<Network>,
    pub cities: Vec<City>,
    pub documents: Vec<Document>,
    pub facts: Vec<FactInput>,
    /// Recorded with every fact version the batch creates.
    pub comment: Option<String>,
    /// The account that makes the batch, recorded with every version.
    pub author: Option<String>,
}

/// Who makes a change, and why: recorded with every version it creates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    pub author: Option<String>,
    pub comment: Option<String>,
}

impl Note {
    pub fn new(author: Option<&str>, comment: Option<&str>) -> Self {
        Note { author: author.map(str::to_string), comment: comment.map(str::to_string) }
    }
}

/// What happened to the facts of a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// New facts.
    pub added: usize,
    /// Facts already known, that gained a source.
    pub corroborated: usize,
    /// Facts already known, that gained a source and detail (a new version).
    pub enriched: usize,
    /// Facts already known with this very source: nothing changed.
    pub unchanged: usize,
    /// For each input fact, the id of the current fact that holds it.
    pub ids: Vec<i64>,
}

/// Which facts to read. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct FactQuery {
    pub ids: Vec<i64>,
    pub kinds: Vec<FactKind>,
    /// Facts about this city in any place: member, host, holder, either
    /// side of a twinning.
    pub city: Option<String>,
    /// Only the fact's first city (`refs.city`), not the twinning's other.
    pub city_only_first: bool,
    /// Facts whose first city (`refs.city`) is one of these: a page of the
    /// cities [`Store::fact_cities`] found. No filter when empty.
    pub cities: Vec<String>,
    /// The city's country (ISO alpha-2), for facts about cities.
    pub country: Option<String>,
    pub network: Option<String>,
    /// A body of `network` (a forum, or a UCCN field).
    pub body: Option<String>,
    pub status: Option<Status>,
    /// Facts with a source in this document.
    pub document: Option<String>,
    /// Facts that hold as of this date (the rule of `citynets_model::ValidTime`).
    pub as_of: Option<PartialDate>,
    /// Read the registry as it was known at this moment (RFC 3339); the
    /// current state when `None`.
    pub known_on: Option<String>,
    /// Only versions recorded after this moment (RFC 3339).
    pub recorded_after: Option<String>,
    /// Every version, current or superseded: the audit trail. Overrides
    /// `known_on`.
    pub all_versions: bool,
    /// Most recently recorded first, instead of valid-time order.
    pub newest_first: bool,
    /// Only facts with a greater id, in id order: reads everything a page
    /// at a time (with `limit`) at the cost of one index range per page,
    /// where an `offset` rereads and sorts all the pages before it.
    pub after_id: Option<i64>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct CityQuery {
    /// These cities (by key) only.
    pub keys: Vec<String>,
    pub country: Option<String>,
    /// Cities that are members (or designated) in this network...
    pub network: Option<String>,
    /// ...in this body or field...
    pub body: Option<String>,
    /// ...as of this date.
    pub as_of: Option<PartialDate>,
    /// Cities with a name that starts with these words (folded).
    pub name: Option<String>,
    /// Only cities the registry has facts about (the default for listings).
    pub with_facts: bool,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A review decision on proposed facts.
#[derive(Clone, Debug)]
pub enum Decision {
    Accept,
    Reject,
    /// Accept with corrected content.
    Correct(Box<FactInput>),
}

/// A change to one current fact, recorded as its new version.
#[derive(Clone, Debug, Default)]
pub struct Change {
    /// The corrected fact with its resolved refs; `None` keeps the content.
    pub fact: Option<(Fact, Refs)>,
    pub status: Option<Status>,
    /// Sources to add to the ones the fact has.
    pub add_sources: Vec<Source>,
    pub comment: Option<String>,
    pub author: Option<String>,
}

/// How complete a network's member data is: its member cities on record
/// at any time (an accepted membership or designation), how many of them
/// have one that states when it began, and how many have one with a source.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Completeness {
    pub network: String,
    pub members: i64,
    pub with_year: i64,
    pub with_source: i64,
}

/// An API token as listed: what it is for and how long it lasts, never its
/// secret. Its `id` is the start of its digest (see [`TOKEN_ID_LEN`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    pub id: String,
    pub label: String,
    pub created_at: String,
    /// `None`: a token made before tokens expired (migration 0015).
    pub expires_at: Option<String>,
}

impl TokenInfo {
    /// Whether the token no longer opens anything.
    pub fn expired(&self) -> bool {
        let now = format!("{:.6}", jiff::Timestamp::now());
        self.expires_at.as_deref().is_some_and(|at| at <= now.as_str())
    }
}

/// How many hex digits of a token's digest name it: enough that an
/// account's tokens never share one, and nothing of the secret.
pub const TOKEN_ID_LEN: usize = 12;

/// A recorded change to an account.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AccountEvent {
    pub at: String,
    /// Who made it: an account's name, `None` for the command line.
    pub actor: Option<String>,
    /// `added`, `removed`, `password`, `token` or `revoked`.
    pub action: String,
    /// The account changed, by name.
    pub account: String,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub cities: i64,
    pub networks: i64,
    pub documents: i64,
    /// Current facts by status.
    pub proposed: i64,
    pub accepted: i64,
    pub rejected: i64,
}

/// Which SQL backend a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Writes a batch in one transaction; on any error nothing is written.
    async fn write(&self, batch: &Batch) -> Result<WriteReport> {
        self.write_with_progress(batch, &|_, _| {}).await
    }

    /// [`write`](Self::write), calling `progress(done, total)` as the facts
    /// are written.
    async fn write_with_progress(&self, batch: &Batch, progress: &(dyn Fn(u64, u64) + Send + Sync)) -> Result<WriteReport>;

    /// Current facts (or as known on `q.known_on`), in valid-time order
    /// (or as `q.newest_first` and `q.after_id` say).
    async fn facts(&self, q: &FactQuery) -> Result<Vec<FactRecord>>;

    /// [`facts`](Self::facts), each with the city it is about
    /// (`refs.city`), read with it: facts about no city are left out.
    /// "Members of a network" reads its facts and their cities this way,
    /// in one statement instead of the facts and then the cities by key.
    async fn facts_with_cities(&self, q: &FactQuery) -> Result<Vec<(FactRecord, City)>>;

    /// The first cities (`refs.city`) of the facts `q` finds, each once, in
    /// key order, ignoring its limit and offset: the members of a network,
    /// read from an index alone, to be paged before their facts are read.
    async fn fact_cities(&self, q: &FactQuery) -> Result<Vec<String>>;

    /// How many facts `q` finds, ignoring its limit and offset.
    async fn count_facts(&self, q: &FactQuery) -> Result<i64>;

    /// One version of a fact, current or not.
    async fn fact(&self, id: i64) -> Result<Option<FactRecord>>;

    /// Every version of a fact, oldest first.
    async fn history(&self, id: i64) -> Result<Vec<FactRecord>>;

    /// Records a change to a current fact as its new version.
    async fn change(&self, id: i64, change: &Change) -> Result<FactRecord>;

    /// Accepts, rejects or corrects proposed facts, all in one transaction.
    /// An accepted fact that is already known becomes a further source of
    /// the known one. Returns the resulting current fact ids.
    async fn review(&self, ids: &[i64], decision: &Decision, note: &Note) -> Result<Vec<i64>>;

    async fn cities(&self, q: &CityQuery) -> Result<Vec<City>>;
    async fn city(&self, key: &str) -> Result<Option<City>>;
    async fn countries(&self) -> Result<Vec<Country>>;
    async fn networks(&self) -> Result<Vec<Network>>;
    async fn network(&self, key: &str) -> Result<Option<Network>>;
    /// Distinct member cities per network (membership or designation) as of a date.
    async fn member_counts(&self, as_of: PartialDate) -> Result<Vec<(String, i64)>>;
    /// How complete each network's member data is, for the networks with
    /// members on record, by network key.
    async fn member_completeness(&self) -> Result<Vec<Completeness>>;
    async fn documents(&self) -> Result<Vec<Document>>;
    /// A document with its text.
    async fn document(&self, key: &str) -> Result<Option<Document>>;
    /// The key of a stored document with this content hash, if any.
    async fn document_by_hash(&self, hash: &str) -> Result<Option<String>>;
    async fn counts(&self) -> Result<Counts>;
    /// The version of the bundled data the registry holds (0: none, or an
    /// unversioned one).
    async fn bundled_version(&self) -> Result<i64>;
    async fn set_bundled_version(&self, version: i64) -> Result<()>;

    // Accounts (see `citynets_model::User`). Secrets arrive already hashed:
    // a password as an argon2 PHC string, session and API tokens as digests.

    // Every change to an account is recorded in `account_events`, in its
    // transaction, with `by`: the acting account's name (`None`: the
    // operator at the command line).

    /// Adds an account; [`StoreError::Duplicate`] when the name is taken,
    /// also by a removed account (names are not given again).
    async fn add_user(
        &self,
        name: &str,
        password_hash: &str,
        role: AccountRole,
        scope: Option<&str>,
        by: Option<&str>,
    ) -> Result<User>;
    /// An account by name, with its password hash (not a removed one).
    async fn user_named(&self, name: &str) -> Result<Option<(User, String)>>;
    /// The accounts, removed ones left out, by name.
    async fn users(&self) -> Result<Vec<User>>;
    /// Removes an account: its sessions and tokens are deleted, its row
    /// kept (marked removed) so that its name stays taken and on the trail.
    /// `None` when no account has the name.
    async fn remove_user(&self, name: &str, by: Option<&str>) -> Result<Option<User>>;
    /// Gives an account a new password hash and ends its sessions. `None`
    /// when no account has the name.
    async fn set_password(&self, name: &str, hash: &str, by: Option<&str>) -> Result<Option<User>>;
    async fn add_session(&self, token_hash: &str, user_id: i64, csrf: &str, expires_at: &str) -> Result<()>;
    /// The account and CSRF token of a session that expires after `now`.
    async fn session(&self, token_hash: &str, now: &str) -> Result<Option<(User, String)>>;
    async fn drop_session(&self, token_hash: &str) -> Result<()>;
    /// Adds an API token of `user` that opens nothing after `expires_at`.
    async fn add_token(
        &self,
        token_hash: &str,
        user: &User,
        label: &str,
        expires_at: &str,
        by: Option<&str>,
    ) -> Result<TokenInfo>;
    /// The account of an API token that has not expired by `now`.
    async fn token_user(&self, token_hash: &str, now: &str) -> Result<Option<User>>;
    /// An account's API tokens, expired ones included, newest first.
    async fn tokens(&self, user: &User) -> Result<Vec<TokenInfo>>;
    /// Deletes the tokens of `user` with these ids (every one with
    /// `None`); the number deleted. An id the account has no token of is
    /// a [`StoreError::Field`] (`token`), and nothing is deleted.
    async fn revoke_tokens(&self, user: &User, ids: Option<&[String]>, by: Option<&str>)
    -> Result<u64>;
    /// The most recent `limit` changes to accounts, newest first.
    async fn account_events(&self, limit: i64) -> Result<Vec<AccountEvent>>;

    /// Writes the whole registry, history included, as a backup (see
    /// [`backup`]), from one consistent snapshot.
    async fn backup(&self, out: &mut (dyn std::io::Write + Send)) -> Result<BackupHeader>;

    /// Restores a backup into this store, which must be empty, in one
    /// transaction, keeping every id; `progress(done, total)` counts rows.
    async fn restore(&self, input: &mut (dyn std::io::BufRead + Send), progress: &(dyn Fn(u64, u64) + Send + Sync)) -> Result<RestoreReport>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Connection;

    /// Real errors from the driver the store uses, classified.
    #[tokio::test]
    async fn a_full_a_read_only_and_an_unreachable_database_are_faults() {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE TABLE t (x BLOB)").execute(&mut conn).await.unwrap();
        // A database that may not grow: SQLite says it is full.
        sqlx::query("PRAGMA max_page_count = 3").execute(&mut conn).await.unwrap();
        let full = sqlx::query("INSERT INTO t VALUES (zeroblob(100000))").execute(&mut conn).await.unwrap_err();
        let full = StoreError::Database(full);
        assert_eq!(full.fault(), Some(Fault::Full), "{full}");
        let bad = StoreError::Database(sqlx::query("SELEKT 1").execute(&mut conn).await.unwrap_err());
        assert_eq!(bad.fault(), None, "a bad statement is not a fault: {bad}");

        // A file opened read-only.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.db");
        let mut rw = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)").execute(&mut rw).await.unwrap();
        rw.close().await.unwrap();
        let mut ro = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
        let refused = StoreError::Database(sqlx::query("INSERT INTO t VALUES (1)").execute(&mut ro).await.unwrap_err());
        assert_eq!(refused.fault(), Some(Fault::ReadOnly), "{refused}");

        // Nothing listens on port 1.
        let url = "postgres://postgres@127.0.0.1:1/citynets".to_string();
        let Err(source) = sqlx::AnyConnection::connect(&url).await else { panic!("a server on port 1") };
        let lost = StoreError::Open { url, source };
        assert_eq!(lost.fault(), Some(Fault::Unavailable), "{lost}");
        assert_eq!(StoreError::NotFound(1).fault(), None);
    }
}
