//! [`Store`] over SQL: one implementation for SQLite and PostgreSQL.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use citynets_model::{
    limits, AccountRole, User, Body, BodyKind, City, Country, Document, Fact, FactKind, FactRecord, Name, Network, NetworkKind, PartialDate, Refs, Source,
    Status,
};
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgArguments, PgConnectOptions, PgConnection, Postgres};
use sqlx::sqlite::{Sqlite, SqliteArguments, SqliteConnectOptions, SqliteConnection};
use sqlx::{Any, AnyPool, Arguments, Connection, Encode, Row, Transaction, Type};

use crate::merge::{identity, identity_key, key_of_identity, merge};
use crate::{
    AccountEvent, Backend, Batch, Change, Completeness, Note, CityQuery, Counts, Decision,
    FactInput, FactQuery, Result, Store, StoreError, TOKEN_ID_LEN, TokenInfo, WriteReport,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The SQL store. Cheap to clone (a connection pool).
#[derive(Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
    /// How a load opens a connection of its own (see
    /// [`SqlStore::write_connection`]); none for a SQLite database in
    /// memory.
    own: Option<OwnConnection>,
    /// Opened with [`SqlStore::open_for_loading`].
    exclusive_loads: bool,
    /// The last member counts read, shared by the store's clones.
    member_counts: Arc<Mutex<Option<MemberCounts>>>,
    /// The last completeness read, and the registry version it is of.
    completeness: Arc<Mutex<Option<(i64, Vec<Completeness>)>>>,
}

/// How to open a connection of a database's own driver, outside the pool.
#[derive(Clone)]
enum OwnConnection {
    /// A SQLite file.
    Sqlite(SqliteConnectOptions),
    Postgres(PgConnectOptions),
}

/// The settings of every SQLite connection, in order.
fn sqlite_settings() -> Vec<String> {
    // Helper threads for SQLite's sorter: building an index after a bulk
    // load (see `bulk::IndexesAside`) sorts on every core instead of one.
    // (The sorter sorts in runs, on helper threads, only with temporary
    // files on disk, SQLite's default `temp_store`: with `temp_store =
    // MEMORY` it sorts all its keys in one list in one thread, whose sort
    // of a large index misses the CPU's caches.) Twice as many helpers
    // as cores: the sorter splits its final merge among them, and one that
    // waits on its temporary file leaves the core to another.
    let helpers = (2 * std::thread::available_parallelism().map_or(1, |n| n.get())).min(8);
    vec![
        // Pages of 16 KiB for a new database (an existing one keeps its
        // own): a load's index builds read and write a quarter as many
        // pages, and the reads are no slower than with 4 KiB. Only the
        // first connection to a new file sets it.
        "PRAGMA page_size = 16384".into(),
        "PRAGMA journal_mode = WAL".into(),
        "PRAGMA synchronous = NORMAL".into(),
        "PRAGMA foreign_keys = ON".into(),
        // Reads through the OS page cache, which the pool's connections
        // share, instead of a read call per page.
        "PRAGMA mmap_size = 4294967296".into(),
        format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"),
        // 64 MB of page cache (the default is 2 MB): bulk writes touch
        // every index of a large table.
        format!("PRAGMA cache_size = -{PAGE_CACHE_KIB}"),
        format!("PRAGMA threads = {helpers}"),
    ]
}

/// Member counts of every network as of one date, read when the registry's
/// version (migration 0008) was `version`: the home page and the networks
/// API ask for today's on every view, and counting them reads every
/// current membership of the registry.
struct MemberCounts {
    version: i64,
    as_of: PartialDate,
    counts: Vec<(String, i64)>,
}

/// A value to bind. sqlx's runtime-chosen driver takes these basic types.
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    /// A text the caller holds too (a load's words of a vocabulary, the
    /// same in every row), which SQLite's own driver binds without a copy
    /// of its own (see [`Tx`]); the `Any` driver takes a copy.
    Shared(Arc<str>),
    Real(f64),
    NullInt,
    NullText,
    NullReal,
    Bool(bool),
    NullBool,
}

impl Arg {
    /// The value as an element of a PostgreSQL array literal (for
    /// [`crate::bulk::insert_rows`]): a number as written, a boolean as `t`
    /// or `f`, a text quoted, with `"` and `\` escaped, and a missing
    /// value, or a number that is not finite (which the column of a finite
    /// one cannot hold), as `NULL`.
    pub(crate) fn write_array_element(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Arg::Int(v) => {
                let _ = write!(out, "{v}");
            }
            Arg::Real(v) if v.is_finite() => {
                let _ = write!(out, "{v}");
            }
            Arg::Text(_) | Arg::Shared(_) => {
                out.push('"');
                for c in self.text().unwrap_or_default().chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
            Arg::Bool(v) => out.push(if *v { 't' } else { 'f' }),
            Arg::Real(_) | Arg::NullInt | Arg::NullText | Arg::NullReal | Arg::NullBool => out.push_str("NULL"),
        }
    }

    /// The value as a field of `COPY`'s binary format (for
    /// `bulk::copy_rows`): its length in bytes, then its bytes, in network
    /// order (a `bigint` in 8, a `double precision` in 8, a `boolean` in 1,
    /// a text as its UTF-8); a missing value, or a number that is not
    /// finite (as in [`Arg::write_array_element`]), as the length -1. The
    /// column must be of the value's own type ([`Arg::postgres_type`]): the
    /// server reads the bytes as that type without converting them.
    pub(crate) fn write_copy_binary(&self, out: &mut Vec<u8>) {
        fn field(out: &mut Vec<u8>, bytes: &[u8]) {
            out.extend_from_slice(&(bytes.len() as i32).to_be_bytes());
            out.extend_from_slice(bytes);
        }
        match self {
            Arg::Int(v) => field(out, &v.to_be_bytes()),
            Arg::Real(v) if v.is_finite() => field(out, &v.to_bits().to_be_bytes()),
            Arg::Text(_) | Arg::Shared(_) => field(out, self.text().unwrap_or_default().as_bytes()),
            Arg::Bool(v) => field(out, &[u8::from(*v)]),
            Arg::Real(_) | Arg::NullInt | Arg::NullText | Arg::NullReal | Arg::NullBool => out.extend_from_slice(&(-1i32).to_be_bytes()),
        }
    }

    /// The value's text, if it is one.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Arg::Text(v) => Some(v),
            Arg::Shared(v) => Some(v),
            _ => None,
        }
    }

    /// The PostgreSQL type of the value.
    pub(crate) fn postgres_type(&self) -> &'static str {
        match self {
            Arg::Int(_) | Arg::NullInt => "bigint",
            Arg::Text(_) | Arg::Shared(_) | Arg::NullText => "text",
            Arg::Real(_) | Arg::NullReal => "double precision",
            Arg::Bool(_) | Arg::NullBool => "boolean",
        }
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        v.map_or(Arg::NullText, Arg::Text)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        v.map_or(Arg::NullText, |s| Arg::Text(s.to_string()))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Arg::NullInt, Arg::Int)
    }
}
impl From<Option<f64>> for Arg {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Arg::NullReal, Arg::Real)
    }
}

/// The driver a statement is made for: sqlx's `Any`, over either database,
/// or SQLite's own, which a load into a file writes through (see [`Tx`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Driver {
    Any(Backend),
    Sqlite,
    Postgres,
}

impl Driver {
    pub(crate) fn backend(self) -> Backend {
        match self {
            Driver::Any(backend) => backend,
            Driver::Sqlite => Backend::Sqlite,
            Driver::Postgres => Backend::Postgres,
        }
    }
}

/// A statement with its values bound, ready to run ([`Sql::into_statement`]).
pub(crate) enum Statement {
    Any(sqlx::query::Query<'static, Any, AnyArguments>),
    Sqlite(sqlx::query::Query<'static, Sqlite, SqliteArguments>),
    Postgres(sqlx::query::Query<'static, Postgres, PgArguments>),
}

/// SQL text with `$n` placeholders and the values they stand for, so that
/// one statement text serves both backends and no value is ever spliced in.
#[derive(Clone, Default)]
pub(crate) struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub(crate) fn new(text: &str) -> Self {
        Sql { text: text.to_string(), args: Vec::new() }
    }

    /// A text with `$1 ... $n` (or SQLite's `?`, from
    /// [`sqlite_placeholders`]) and its `n` values: for a text built once
    /// and run with many sets of values.
    pub(crate) fn with_args(text: &str, args: Vec<Arg>) -> Self {
        Sql { text: text.to_string(), args }
    }

    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends `'name'`: a name of a closed vocabulary (`FactKind`,
    /// `Status`), static text of lower-case letters and underscores.
    pub(crate) fn literal(&mut self, name: &'static str) -> &mut Self {
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "not a vocabulary name: {name}");
        self.text.push('\'');
        self.text.push_str(name);
        self.text.push('\'');
        self
    }

    /// Appends a placeholder for `v`.
    pub(crate) fn bind(&mut self, v: impl Into<Arg>) -> &mut Self {
        self.args.push(v.into());
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Adds a value for a placeholder the text already has.
    pub(crate) fn args_push(&mut self, v: Arg) {
        self.args.push(v);
    }

    /// Appends `$a, $b, ...` for the values of an `IN (...)` list, repeating
    /// the last one up to a power of two: lists of any length then share a
    /// few statement texts, which the driver prepares once per connection
    /// (a statement prepared afresh for every list length cost more than
    /// running it).
    pub(crate) fn bind_list<T: Into<Arg>>(&mut self, vs: impl IntoIterator<Item = T>) -> &mut Self {
        let vs: Vec<Arg> = vs.into_iter().map(Into::into).collect();
        if vs.is_empty() {
            return self;
        }
        let padded = vs.len().next_power_of_two();
        for i in 0..padded {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(vs[i.min(vs.len() - 1)].clone());
        }
        self
    }

    /// The statement for `backend`. On SQLite the placeholders become `?`:
    /// SQLite takes `$n` (and `?n`) for a *named* parameter, and preparing
    /// and binding a statement look each name up among the ones before it,
    /// which makes a statement with thousands of values (a multi-row
    /// `INSERT`) quadratic.
    pub(crate) fn query(&self, backend: Backend) -> Result<sqlx::query::Query<'static, Any, AnyArguments>> {
        let text = text_for(Cow::Borrowed(&self.text), backend);
        Ok(sqlx::query_with(sqlx::AssertSqlSafe(text), any_arguments(self.args.clone())?))
    }

    /// The statement for `driver`, taking the values instead of copying
    /// them (as [`Sql::query`] does): for statements of many long values
    /// (a bulk insert's chunk), where each copy of a text costs an
    /// allocation.
    pub(crate) fn into_statement(self, driver: Driver) -> Result<Statement> {
        let text = sqlx::AssertSqlSafe(text_for(Cow::Owned(self.text), driver.backend()));
        Ok(match driver {
            Driver::Any(_) => Statement::Any(sqlx::query_with(text, any_arguments(self.args)?)),
            Driver::Sqlite => Statement::Sqlite(sqlx::query_with(text, arguments(self.args, |a: &mut SqliteArguments, v| a.add(v))?)),
            // (PostgreSQL's arguments are bytes, written as they are added.)
            Driver::Postgres => Statement::Postgres(sqlx::query_with(text, arguments(self.args, |a: &mut PgArguments, v| a.add(&*v))?)),
        })
    }
}

/// `values` as the `Any` driver's arguments: it takes no shared text, so
/// each [`Arg::Shared`] goes as a copy.
fn any_arguments(values: Vec<Arg>) -> Result<AnyArguments> {
    arguments(values, |a: &mut AnyArguments, v| a.add(v.to_string()))
}

/// `values` as one driver's arguments, each [`Arg::Shared`] added by
/// `shared`.
fn arguments<A: Arguments>(values: Vec<Arg>, shared: impl Fn(&mut A, Arc<str>) -> std::result::Result<(), BoxDynError>) -> Result<A>
where
    for<'q> i64: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> String: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> f64: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> bool: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> Option<i64>: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> Option<String>: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> Option<f64>: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> Option<f32>: Encode<'q, A::Database> + Type<A::Database>,
    for<'q> Option<bool>: Encode<'q, A::Database> + Type<A::Database>,
    f32: Type<A::Database>,
{
    let mut args = A::default();
    args.reserve(values.len(), 0);
    for v in values {
        let added: std::result::Result<(), BoxDynError> = match v {
            Arg::Int(v) => args.add(v),
            Arg::Text(v) => args.add(v),
            Arg::Shared(v) => shared(&mut args, v),
            Arg::Real(v) => args.add(v),
            Arg::NullInt => args.add(None::<i64>),
            Arg::NullText => args.add(None::<String>),
            // sqlx 0.9's `Any` driver binds a missing `f64` as PostgreSQL's
            // `real` and a missing `f32` as `double precision` (the kinds
            // are swapped in `AnyArguments::convert_into`): a statement
            // first prepared with a missing value would then refuse a
            // present one. A missing `f32` is bound as `double precision`.
            Arg::NullReal => args.add(None::<f32>),
            Arg::Bool(v) => args.add(v),
            Arg::NullBool => args.add(None::<bool>),
        };
        added.map_err(|e| StoreError::Database(sqlx::Error::Encode(e)))?;
    }
    Ok(args)
}

/// The text of a statement for `backend`. The text is built only from this
/// crate's static fragments, checked identifiers and `$n` placeholders:
/// values are always bound, never spliced, so every `$` in it starts a
/// placeholder. A text without one is taken as it is (made for SQLite by
/// `sqlite_placeholders`).
fn text_for(text: Cow<'_, str>, backend: Backend) -> String {
    match backend {
        Backend::Sqlite if text.contains('$') => sqlite_placeholders(&text),
        _ => text.into_owned(),
    }
}

/// `$1, $2, ...` as SQLite's anonymous `?` when they come in that order
/// (as the builder writes them), else as `?n`. (See [`Sql::query`]; a text
/// built once and run many times is converted once.)
pub(crate) fn sqlite_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut anonymous = String::with_capacity(text.len());
    let mut next = 1u64;
    let mut in_order = true;
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        anonymous.push_str(before);
        let digits = tail[1..].bytes().take_while(u8::is_ascii_digit).count();
        let n: u64 = tail[1..1 + digits].parse().unwrap_or(0);
        in_order &= n == next;
        next += 1;
        out.push('?');
        out.push_str(&tail[1..1 + digits]);
        anonymous.push('?');
        rest = &tail[1 + digits..];
    }
    out.push_str(rest);
    anonymous.push_str(rest);
    if in_order { anonymous } else { out }
}

/// The id of the city whose key is bound next (closed by `)`).
const CITY_ID: &str = "(SELECT id FROM cities WHERE key = ";
/// The id of the network whose key is bound next (closed by `)`).
const NETWORK_ID: &str = "(SELECT id FROM networks WHERE key = ";

/// `sql` with `args` bound in order (for fixed statements).
fn stmt(text: &str, args: impl IntoIterator<Item = Arg>) -> Sql {
    Sql { text: text.to_string(), args: args.into_iter().collect() }
}

fn now() -> String {
    format!("{:.6}", jiff::Timestamp::now())
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

pub(crate) fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("model types serialise")
}

fn parse_json<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| corrupt(format!("{what}: {e}")))
}

pub(crate) fn parse_date(s: Option<String>) -> Result<Option<PartialDate>> {
    s.map(|s| s.parse().map_err(|e| corrupt(format!("date '{s}': {e}")))).transpose()
}

pub(crate) fn enum_text<T: serde::Serialize>(v: &T) -> String {
    json(v).trim_matches('"').to_string()
}

fn enum_parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    parse_json(&format!("\"{s}\""), "enum value")
}

/// The folded names of a city joined as `|a|b|`, for prefix search.
pub(crate) fn search_names(city: &City) -> String {
    let mut names: Vec<String> = std::iter::once(&city.name)
        .chain(city.names.iter().map(|n| &n.name))
        .map(|n| citynets_model::fold(n))
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    format!("|{}|", names.join("|"))
}

/// How long a SQLite statement waits for another connection's lock.
const SQLITE_BUSY_TIMEOUT_MS: u64 = 10_000;

/// The page cache of every SQLite connection, in KiB (64 MB).
pub(crate) const PAGE_CACHE_KIB: u64 = 65_536;

/// Writes of at least this many facts refresh the planner's statistics.
const ANALYZE_AFTER: usize = 1_000;

const FACT_COLUMNS: &str = "f.id, f.body, f.status, f.city_key, f.other_key, f.network_key, f.body_key, \
     f.recorded_at, f.superseded_at, f.supersedes, f.successor, f.comment, f.author";

/// A current fact row as the write path needs it.
pub(crate) struct Current {
    pub(crate) id: i64,
    pub(crate) lineage: i64,
    pub(crate) fact: Fact,
    pub(crate) refs: Refs,
    pub(crate) status: Status,
}

impl SqlStore {
    /// Opens the database, creating it (and its folder) when it is a SQLite
    /// file that does not exist yet, and applies pending migrations.
    ///
    /// `url` is `postgres://...`, `sqlite://PATH`, `sqlite::memory:` or a
    /// plain file path.
    pub async fn open(url: &str) -> Result<Self> {
        Self::open_with(url, None).await
    }

    /// [`SqlStore::open`] for a process that loads data and serves nobody
    /// (`citynets import`, a restore, the scale benchmark). A load into a
    /// SQLite file (a write that builds the indexes after its rows, see
    /// `bulk::IndexesAside`) then takes the database out of WAL mode for
    /// its transaction, when no other connection has the file open: its
    /// pages go once into the file instead of twice (WAL, then checkpoint),
    /// as whole pages (the WAL's frames, a page and a 24-byte header,
    /// straddle the OS's pages, which the kernel writes far more slowly
    /// than whole pages).
    /// The database returns to WAL mode after the load, done or failed.
    /// While the load runs, another process cannot open the file (its
    /// connections ask for WAL mode, which needs the file to itself; they
    /// fail with "database is locked"), and readers of a rollback-journal
    /// database would wait for the writer anyway: that is why a server
    /// never loads this way. With a server running, its open connections
    /// keep the database in WAL mode and a load goes through the WAL, as
    /// in [`SqlStore::open`].
    pub async fn open_for_loading(url: &str) -> Result<Self> {
        let store = Self::open_with(url, None).await?;
        Ok(SqlStore { exclusive_loads: true, ..store })
    }

    /// [`SqlStore::open`] with a pool of at most `connections`, when given.
    async fn open_with(url: &str, connections: Option<u32>) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let (url, backend) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (url.to_string(), Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            (url.to_string(), Backend::Sqlite)
        } else {
            if let Some(dir) = Path::new(url).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                    url: url.to_string(),
                    source: sqlx::Error::Io(e),
                })?;
            }
            (format!("sqlite://{url}?mode=rwc"), Backend::Sqlite)
        };
        let mut opts = AnyPoolOptions::new();
        let memory = backend == Backend::Sqlite && url.contains(":memory:");
        if backend == Backend::Sqlite {
            opts = opts.max_connections(connections.unwrap_or(if memory { 1 } else { 8 })).after_connect(|conn, _| {
                Box::pin(async move {
                    for setting in sqlite_settings() {
                        sqlx::query(sqlx::AssertSqlSafe(setting)).execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            });
            if !memory {
                // After some errors (SQLITE_FULL at commit, an I/O error)
                // SQLite rolls the transaction back itself; the driver's
                // ROLLBACK then fails and the driver goes on counting the
                // transaction as open, so every later BEGIN on that
                // connection would fail. Such a connection leaves the pool.
                opts = opts.after_release(|conn, _| {
                    Box::pin(async move {
                        // Runs the rollback queued when the transaction was dropped.
                        sqlx::Connection::ping(&mut *conn).await?;
                        Ok(!sqlx::Connection::is_in_transaction(&*conn))
                    })
                });
            }
        } else {
            opts = opts.max_connections(connections.unwrap_or(16));
        }
        // Statements are not logged: a bulk write's are megabytes long.
        let open = |source| StoreError::Open { url: url.clone(), source };
        let connect: sqlx::any::AnyConnectOptions = url.parse().map_err(open)?;
        let connect = sqlx::ConnectOptions::disable_statement_logging(connect);
        let own = match backend {
            Backend::Sqlite if memory => None,
            Backend::Sqlite => Some(OwnConnection::Sqlite(SqliteConnectOptions::try_from(&connect).map_err(open)?)),
            Backend::Postgres => Some(OwnConnection::Postgres(PgConnectOptions::try_from(&connect).map_err(open)?)),
        };
        let pool = opts.connect_with(connect).await.map_err(open)?;
        let migrate = match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await.map(|_| true)?,
            Backend::Postgres if postgres_read_only(&pool).await? => replica_schema(&pool).await.map(|_| false)?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await.map(|_| true)?,
        };
        let store = SqlStore { pool, backend, own, exclusive_loads: false, member_counts: Arc::default(), completeness: Arc::default() };
        if migrate {
            store.key_identities().await?;
        }
        tracing::debug!(%url, ?backend, "database open");
        Ok(store)
    }

    /// Gives every fact version its identity key, and builds the index of
    /// current identities, when migration 0009 has left both to it (the key
    /// is a hash computed in Rust, [`identity_key`]; the index is missing
    /// until this has run). In one transaction, so that a process killed
    /// half-way leaves the work to the next open; then the statistics are
    /// refreshed and, on SQLite, the WAL emptied, which every later open
    /// would otherwise read through. Once done, the check is one look-up
    /// in the catalog.
    async fn key_identities(&self) -> Result<()> {
        let indexes = match self.backend {
            Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'facts_current_identity'",
            Backend::Postgres => "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'facts_current_identity'",
        };
        if sqlx::query_scalar::<_, i64>(indexes).fetch_one(&self.pool).await? > 0 {
            return Ok(());
        }
        let mut w = self.writer(None, None).await?;
        // Another process opening the database may have done it while this
        // one waited for the write lock (the transaction is dropped: rolled
        // back).
        if w.rows(&Sql::new(indexes)).await?[0].try_get::<i64, _>(0)? > 0 {
            return Ok(());
        }
        let (mut after, mut keyed) = (0_i64, 0_usize);
        loop {
            let sql = stmt(
                "SELECT id, lineage, body, status, city_key, other_key, network_key, body_key FROM facts \
                 WHERE id > $1 ORDER BY id LIMIT 10000",
                [Arg::Int(after)],
            );
            let rows = w.rows(&sql).await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get(0)?;
            let keys = rows
                .iter()
                .map(|r| {
                    let c = current_from_row(r)?;
                    Ok((c.id, vec![Arg::Int(identity_key(&c.fact, &c.refs))]))
                })
                .collect::<Result<Vec<_>>>()?;
            crate::bulk::update_by_key(&mut w, "facts", &["identity"], None, "", &keys).await?;
            keyed += keys.len();
        }
        w.exec(&Sql::new("CREATE INDEX facts_current_identity ON facts (identity) WHERE superseded_at IS NULL")).await?;
        w.commit().await?;
        if keyed > 0 {
            self.analyze().await?;
            tracing::info!(versions = keyed, "identity keys computed (migration 0009)");
        }
        Ok(())
    }

    /// Refreshes the planner's statistics (on SQLite with a sample of each
    /// index, so it stays quick on large tables). On PostgreSQL it also
    /// vacuums, which marks the pages just written all-visible: index-only
    /// scans (member counts, from `facts_members`) read no table pages
    /// after that, where they would until autovacuum came by. A vacuum
    /// skips the pages already all-visible (all of a first load's, which
    /// `COPY` froze), so it costs what was written otherwise.
    pub async fn analyze(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        match self.backend {
            Backend::Sqlite => {
                sqlx::query("PRAGMA analysis_limit = 1000").execute(&mut *conn).await?;
                sqlx::query("ANALYZE").execute(&mut *conn).await?;
                // A large write leaves a WAL as large as itself, and every
                // read that misses the page cache searches the WAL's index
                // first, block by block, until a writer starts the WAL
                // again: copy it into the database and empty it now. (With a
                // reader in the way it copies what it can and returns.)
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *conn).await?;
            }
            Backend::Postgres => {
                sqlx::query("VACUUM (ANALYZE) facts").execute(&mut *conn).await?;
                // The registry's other tables, by name: `ANALYZE` alone
                // analyses the system catalogs too, and facts again.
                let others: Vec<&str> = crate::backup::TABLES.iter().map(|t| t.name).filter(|&t| t != "facts").collect();
                sqlx::query(sqlx::AssertSqlSafe(format!("ANALYZE {}", others.join(", ")))).execute(&mut *conn).await?;
            }
        }
        Ok(())
    }

    /// How many fact versions name a city or network by an id that is not
    /// their key's (migration 0012: the writers set both from one lookup,
    /// the upgrade and the restore of an older backup from the keys).
    /// Nought in a sound registry.
    pub async fn mismatched_entity_ids(&self) -> Result<i64> {
        let sql = Sql::new(
            "SELECT COUNT(*) FROM facts f LEFT JOIN cities c ON c.id = f.city_id LEFT JOIN cities o ON o.id = f.other_id \
             LEFT JOIN networks n ON n.id = f.network_id WHERE COALESCE(f.city_key, '') <> COALESCE(c.key, '') \
             OR COALESCE(f.other_key, '') <> COALESCE(o.key, '') OR COALESCE(f.network_key, '') <> COALESCE(n.key, '')",
        );
        Ok(self.fetch(&sql).await?[0].try_get(0)?)
    }

    /// The database's size in bytes.
    pub async fn database_size(&self) -> Result<i64> {
        let sql = match self.backend {
            Backend::Sqlite => "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            Backend::Postgres => "SELECT pg_database_size(current_database())",
        };
        Ok(sqlx::query_scalar::<_, i64>(sql).fetch_one(&self.pool).await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn fetch(&self, sql: &Sql) -> Result<Vec<AnyRow>> {
        Ok(sql.query(self.backend)?.fetch_all(&self.pool).await?)
    }

    /// ` IN (...)` these keys, as one parameter, a JSON array, however many
    /// they are: hundreds of bound values cost more to bind and plan than to
    /// look up, and the statement stays the same for the statement caches.
    fn in_keys(&self, sql: &mut Sql, keys: &[String]) {
        sql.push(match self.backend {
            Backend::Sqlite => " IN (SELECT value FROM json_each(",
            Backend::Postgres => " IN (SELECT json_array_elements_text(CAST(",
        })
        .bind(json(&keys))
        .push(match self.backend {
            Backend::Sqlite => "))",
            Backend::Postgres => " AS json)))",
        });
    }

    /// The facts table as a query names it: on SQLite, a query of current
    /// accepted memberships of a network is told to use their partial index
    /// (migration 0004), which its planner otherwise passes over for a
    /// city's index when the query lists the cities.
    fn facts_table(&self, members: bool) -> &'static str {
        if members && self.backend == Backend::Sqlite { "facts f INDEXED BY facts_members" } else { "facts f" }
    }

    fn fact_where(&self, q: &FactQuery, sql: &mut Sql) {
        match &q.known_on {
            _ if q.all_versions => {}
            Some(t) => {
                sql.push(" AND f.recorded_at <= ").bind(t.as_str());
                sql.push(" AND (f.superseded_at IS NULL OR f.superseded_at > ").bind(t.as_str()).push(")");
            }
            None => {
                sql.push(" AND f.superseded_at IS NULL");
            }
        }
        if !q.ids.is_empty() {
            sql.push(" AND f.id IN (").bind_list(q.ids.iter().copied()).push(")");
        }
        if let Some(t) = &q.recorded_after {
            sql.push(" AND f.recorded_at > ").bind(t.as_str());
        }
        if let Some(id) = q.after_id {
            sql.push(" AND f.id > ").bind(id);
        }
        // Kinds and statuses are closed vocabularies: their static names are
        // written as literals, so that the planners can match the partial
        // index of current accepted memberships (migration 0004), which a
        // bound value cannot prove.
        if !q.kinds.is_empty() {
            sql.push(" AND f.kind IN (");
            for (i, k) in q.kinds.iter().enumerate() {
                sql.push(if i == 0 { "" } else { ", " }).literal(k.as_str());
            }
            sql.push(")");
        }
        if let Some(s) = q.status {
            sql.push(" AND f.status = ").literal(s.as_str());
            // Proposed and rejected facts have a partial index of their own
            // (migration 0010), which SQLite uses only for a query that
            // states its condition.
            if s != Status::Accepted {
                sql.push(" AND f.").push(UNSETTLED);
            }
        }
        // Cities and networks are looked for by id, which leads their
        // indexes (migration 0012).
        if let Some(c) = &q.city {
            if q.city_only_first {
                sql.push(" AND f.city_id = ").push(CITY_ID).bind(c.as_str()).push(")");
            } else {
                sql.push(" AND (f.city_id = ").push(CITY_ID).bind(c.as_str()).push(") OR f.other_id = ").push(CITY_ID).bind(c.as_str()).push("))");
            }
        }
        if !q.cities.is_empty() {
            // Within a network, the members' index finds them by key.
            if q.network.is_some() {
                sql.push(" AND f.city_key");
                self.in_keys(sql, &q.cities);
            } else {
                sql.push(" AND f.city_id IN (SELECT id FROM cities WHERE key");
                self.in_keys(sql, &q.cities);
                sql.push(")");
            }
        }
        if let Some(c) = &q.country {
            sql.push(" AND EXISTS (SELECT 1 FROM cities c WHERE c.key = f.city_key AND c.country = ")
                .bind(c.as_str())
                .push(")");
        }
        if let Some(n) = &q.network {
            sql.push(" AND f.network_id = ").push(NETWORK_ID).bind(n.as_str()).push(")");
        }
        if let Some(b) = &q.body {
            sql.push(" AND f.body_key = ").bind(b.as_str());
        }
        if let Some(d) = &q.document {
            sql.push(
                " AND EXISTS (SELECT 1 FROM fact_sources s JOIN documents d ON d.id = s.document_id \
                 WHERE s.fact_id = f.id AND d.key = ",
            )
            .bind(d.as_str())
            .push(")");
        }
        if let Some(d) = q.as_of {
            sql.push(" AND f.lo <= ").bind(d.last_day() as i64).push(" AND f.hi >= ").bind(d.first_day() as i64);
        }
    }

    /// Fact records with their sources, in one statement.
    ///
    /// `filter` appends the conditions after `FROM facts f WHERE 1 = 1`;
    /// sources are those added by `known_on` when given. On SQLite the
    /// statement returns one row, a JSON array of the facts, each with the
    /// JSON array of its sources: the driver hands each row from its worker
    /// thread to the caller's, which cost more than the SQL. On PostgreSQL,
    /// where rows are cheap and building JSON is not, it returns a row per
    /// fact and source. (Sources used to be a statement per 500 facts, with
    /// their ids as bound values.)
    async fn read_records(&self, read: Read<'_>, filter: impl FnOnce(&mut Sql)) -> Result<Vec<FactRecord>> {
        Ok(self.read_rows(read, filter, false).await?.into_iter().map(|(f, _)| f).collect())
    }

    /// [`read_records`](Self::read_records), each fact with its city
    /// (`refs.city`) when `with_city`, read in the same statement (facts
    /// about no city are then left out); `None` otherwise.
    async fn read_rows(&self, read: Read<'_>, filter: impl FnOnce(&mut Sql), with_city: bool) -> Result<Vec<(FactRecord, Option<City>)>> {
        let Read { known_on, order, limit, offset, members } = read;
        let facts = self.facts_table(members);
        let (inner_order, outer_order) = match order {
            Order::Valid => ("f.lo, f.hi, f.id", "lo, hi, id"),
            Order::Newest => ("f.recorded_at DESC, f.id DESC", "recorded_at DESC, id DESC"),
            Order::Id => ("f.id", "id"),
        };
        let source = "d.key, d.title, d.published, s.quote, s.span_start, s.span_end, s.confidence, s.cue";
        // Undated documents last on both backends (SQLite sorts NULL first).
        let source_order = "(d.published IS NULL), d.published, d.key";
        let limit_page = |sql: &mut Sql| {
            if let Some(l) = limit {
                sql.push(" ORDER BY ").push(inner_order).push(" LIMIT ").bind(l.max(0));
                if let Some(o) = offset {
                    sql.push(" OFFSET ").bind(o.max(0));
                }
            }
        };
        if self.backend == Backend::Postgres {
            let mut sql = Sql::new("SELECT f.id, f.body, f.status, f.city_key, f.other_key, f.network_key, f.body_key, \
                 f.recorded_at, f.superseded_at, f.supersedes, f.successor, f.comment, f.author, ");
            sql.push(source);
            if with_city {
                sql.push(", ").push(CITY_COLUMNS);
            }
            sql.push(" FROM (SELECT f.* FROM ").push(facts).push(" WHERE 1 = 1");
            filter(&mut sql);
            limit_page(&mut sql);
            sql.push(") f");
            if with_city {
                sql.push(" JOIN cities c ON c.key = f.city_key");
            }
            sql.push(" LEFT JOIN fact_sources s ON s.fact_id = f.id");
            if let Some(t) = known_on {
                sql.push(" AND s.added_at <= ").bind(t);
            }
            sql.push(" LEFT JOIN documents d ON d.id = s.document_id ORDER BY ").push(inner_order).push(", ").push(source_order);
            let mut out: Vec<(FactRecord, Option<City>)> = Vec::new();
            for r in self.fetch(&sql).await? {
                let id: i64 = r.try_get(0)?;
                if out.last().is_none_or(|l| l.0.id != id) {
                    let fact: Fact = parse_json(&r.try_get::<String, _>(1)?, "fact body")?;
                    let record = record_from_row((
                        id,
                        fact,
                        status_parse(&r.try_get::<String, _>(2)?)?,
                        r.try_get(3)?,
                        r.try_get(4)?,
                        r.try_get(5)?,
                        r.try_get(6)?,
                        r.try_get(7)?,
                        r.try_get(8)?,
                        r.try_get(9)?,
                        r.try_get(10)?,
                        r.try_get(11)?,
                        r.try_get(12)?,
                        Vec::new(),
                    ))?;
                    let city = if with_city { Some(city_from_row_at(&r, 21)?) } else { None };
                    out.push((record, city));
                }
                if let Some(document) = r.try_get::<Option<String>, _>(13)? {
                    let row: SourceRow = (document, r.try_get(14)?, r.try_get(15)?, r.try_get(16)?, r.try_get(17)?, r.try_get(18)?, r.try_get(19)?, r.try_get(20)?);
                    if let Some((rec, _)) = out.last_mut() {
                        rec.sources.push(source_from_row(row)?);
                    }
                }
            }
            return Ok(out);
        }
        // Each fact is a JSON array: its columns, its body as JSON (parsed
        // once, with the rest, rather than as a string to parse again), its
        // sources; with its city, an array of the fact's and the city's.
        let fact = "json_array(id, json(body), status, city_key, other_key, network_key, body_key, \
                    recorded_at, superseded_at, supersedes, successor, comment, author, json(sources))";
        let element = if with_city {
            format!("json_array({fact}, json_array(city_key, c_name, c_country, c_region, c_lat, c_lon, c_population, c_geonames_id, c_wikidata_id, json(c_names)))")
        } else {
            fact.to_string()
        };
        let mut sql = Sql::new(&format!(
            "SELECT json_group_array({element} ORDER BY {outer_order}) FROM (SELECT {FACT_COLUMNS}, f.lo, f.hi, \
             (SELECT json_group_array(json_array({source}) ORDER BY {source_order}) \
             FROM fact_sources s JOIN documents d ON d.id = s.document_id WHERE s.fact_id = f.id"
        ));
        if let Some(t) = known_on {
            sql.push(" AND s.added_at <= ").bind(t);
        }
        sql.push(") AS sources");
        if with_city {
            // SQLite writes a REAL into JSON with 15 significant digits, which
            // would round some coordinates: they come as text of 17 digits,
            // which reads back as the same number.
            sql.push(
                ", c.name AS c_name, c.country AS c_country, c.region AS c_region, \
                 CASE WHEN c.lat IS NULL THEN NULL ELSE printf('%!.17g', c.lat) END AS c_lat, \
                 CASE WHEN c.lon IS NULL THEN NULL ELSE printf('%!.17g', c.lon) END AS c_lon, \
                 c.population AS c_population, c.geonames_id AS c_geonames_id, c.wikidata_id AS c_wikidata_id, c.names AS c_names \
                 FROM ",
            )
            .push(facts)
            .push(" JOIN cities c ON c.key = f.city_key WHERE 1 = 1");
        } else {
            sql.push(" FROM ").push(facts).push(" WHERE 1 = 1");
        }
        filter(&mut sql);
        limit_page(&mut sql);
        sql.push(")");
        let rows = self.fetch(&sql).await?;
        let text: Option<String> = rows.first().map(|r| r.try_get(0)).transpose()?;
        let text = text.as_deref().unwrap_or("[]");
        if with_city {
            let rows: Vec<(FactRow, CityRow)> = parse_json(text, "fact rows")?;
            rows.into_iter().map(|(f, c)| Ok((record_from_row(f)?, Some(city_from_json(c)?)))).collect()
        } else {
            let rows: Vec<FactRow> = parse_json(text, "fact rows")?;
            rows.into_iter().map(|f| Ok((record_from_row(f)?, None))).collect()
        }
    }
}

/// Whether the PostgreSQL database takes no writes: a replica (hot
/// standby), or a connection made read-only.
async fn postgres_read_only(pool: &AnyPool) -> Result<bool> {
    let on: String = sqlx::query_scalar("SELECT current_setting('transaction_read_only')").fetch_one(pool).await?;
    Ok(on == "on")
}

/// A read-only database is not migrated: its schema is the primary's, and
/// must be the one this build's migrations make.
async fn replica_schema(pool: &AnyPool) -> Result<()> {
    let need = POSTGRES_MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0);
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL").fetch_one(pool).await?;
    let have: i64 = if exists {
        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success").fetch_one(pool).await?
    } else {
        0
    };
    if have != need {
        return Err(StoreError::ReadOnlySchema { have, need });
    }
    Ok(())
}

/// What [`SqlStore::read_rows`] reads, besides the conditions of its filter.
#[derive(Clone, Copy)]
struct Read<'a> {
    /// Sources added by this moment only.
    known_on: Option<&'a str>,
    order: Order,
    limit: Option<i64>,
    offset: Option<i64>,
    /// The filter holds the conditions of the partial index `facts_members`.
    members: bool,
}

impl<'a> Read<'a> {
    /// Versions by id, all of their sources.
    const BY_ID: Read<'static> = Read { known_on: None, order: Order::Id, limit: None, offset: None, members: false };

    fn of(q: &'a FactQuery) -> Self {
        let order = if q.newest_first {
            Order::Newest
        } else if q.after_id.is_some() {
            Order::Id
        } else {
            Order::Valid
        };
        Read { known_on: q.known_on.as_deref().filter(|_| !q.all_versions), order, limit: q.limit, offset: q.offset, members: members_query(q) }
    }
}

/// The condition of the partial index of proposed and rejected facts
/// (migration 0010), for queries of either to state.
const UNSETTLED: &str = "status <> 'accepted'";

/// Whether `q` holds the conditions of the partial index `facts_members`
/// (migration 0004), as [`SqlStore::fact_where`] writes them: current,
/// accepted memberships and designations of a network.
fn members_query(q: &FactQuery) -> bool {
    q.network.is_some()
        && q.status == Some(Status::Accepted)
        && q.kinds == [FactKind::Membership, FactKind::Designation]
        && q.known_on.is_none()
        && !q.all_versions
}

/// How [`SqlStore::read_records`] orders facts.
#[derive(Clone, Copy)]
enum Order {
    /// By valid time: `lo`, `hi`, then id.
    Valid,
    /// Most recently recorded first.
    Newest,
    Id,
}

/// A source as `read_records` reads it: document key, title, published,
/// quote, span start and end, confidence, cue.
type SourceRow = (String, Option<String>, Option<String>, Option<String>, Option<i64>, Option<i64>, Option<f64>, Option<String>);

/// A fact as `read_records` reads it: id, body, status, city, other,
/// network, body key, recorded, superseded, supersedes, successor,
/// comment, author, sources.
type FactRow = (
    i64,
    Fact,
    Status,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Vec<SourceRow>,
);

/// A city as `read_rows` reads it on SQLite: the columns of
/// [`CITY_COLUMNS`], the coordinates as text.
type CityRow = (String, String, String, Option<String>, Option<String>, Option<String>, Option<i64>, Option<i64>, Option<String>, Vec<Name>);

fn source_from_row((document, title, published, quote, a, b, confidence, cue): SourceRow) -> Result<Source> {
    let span = match (a, b) {
        (Some(a), Some(b)) if a >= 0 && b >= a => Some([a as usize, b as usize]),
        _ => None,
    };
    Ok(Source { document, title, published: parse_date(published)?, quote, span, confidence: confidence.map(|c| c as f32), cue })
}

/// A status as stored (the words of [`Status::as_str`]).
fn status_parse(s: &str) -> Result<Status> {
    Status::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| corrupt(format!("status '{s}'")))
}

fn record_from_row(r: FactRow) -> Result<FactRecord> {
    let (id, fact, status, city, other, network, body_key, recorded_at, superseded_at, supersedes, successor, comment, author, sources) = r;
    let sources = sources.into_iter().map(source_from_row).collect::<Result<Vec<_>>>()?;
    Ok(FactRecord {
        id,
        fact,
        status,
        sources,
        refs: Refs { city, other, network, body: body_key },
        recorded_at,
        superseded_at,
        supersedes,
        superseded_by: successor,
        comment,
        author,
    })
}

fn city_from_json((key, name, country, region, lat, lon, population, geonames_id, wikidata_id, names): CityRow) -> Result<City> {
    let coordinate = |v: Option<String>| v.map(|t| t.parse::<f64>().map_err(|e| corrupt(format!("coordinate '{t}': {e}")))).transpose();
    Ok(City { key, name, country, region, lat: coordinate(lat)?, lon: coordinate(lon)?, population, geonames_id, wikidata_id, names })
}

fn city_from_row(r: &AnyRow) -> Result<City> {
    city_from_row_at(r, 0)
}

/// A city from the columns of [`CITY_COLUMNS`] from column `at` on.
fn city_from_row_at(r: &AnyRow, at: usize) -> Result<City> {
    Ok(City {
        key: r.try_get(at)?,
        name: r.try_get(at + 1)?,
        country: r.try_get(at + 2)?,
        region: r.try_get(at + 3)?,
        lat: r.try_get(at + 4)?,
        lon: r.try_get(at + 5)?,
        population: r.try_get(at + 6)?,
        geonames_id: r.try_get(at + 7)?,
        wikidata_id: r.try_get(at + 8)?,
        names: parse_json(&r.try_get::<String, _>(at + 9)?, "city names")?,
    })
}

const CITY_COLUMNS: &str = "c.key, c.name, c.country, c.region, c.lat, c.lon, c.population, c.geonames_id, c.wikidata_id, c.names";

/// A write's transaction: on a connection of the `Any` pool, or for a
/// load on a connection of the database's own driver
/// ([`SqlStore::write_connection`]). On SQLite the `Any` driver copies
/// every bound text once more on its way to SQLite's, with two
/// allocations, and converts every statement's values from one list into
/// another: a large part of the main thread's work in a load's insert,
/// where that thread is the busier of the two. PostgreSQL's own connection takes
/// a load's rows by `COPY` ([`Writer::copy_in`]), which the `Any` driver
/// does not offer.
pub(crate) enum Tx<'t> {
    Any(Transaction<'t, Any>),
    Sqlite(Transaction<'t, Sqlite>),
    Postgres(Transaction<'t, Postgres>),
}

/// The state of one write transaction: caches of what exists, and the time.
pub(crate) struct Writer<'t> {
    tx: Tx<'t>,
    pub(crate) backend: Backend,
    pub(crate) now: String,
    pub(crate) comment: Option<String>,
    /// The account recorded with every version this write creates.
    pub(crate) author: Option<String>,
    /// Keys the single-fact path found in their tables (`exists`).
    known_keys: HashSet<(&'static str, String)>,
    /// Documents by key: id, publication date, and the length in
    /// characters of the text the registry keeps (spans end within it).
    documents: HashMap<String, (i64, Option<PartialDate>, Option<usize>)>,
    /// Publication dates by document id (documents do not change in a write).
    pub(crate) published: HashMap<i64, Option<PartialDate>>,
    /// Tables this transaction emptied (`Writer::empty_for_load`): a `COPY`
    /// into them freezes its rows.
    pub(crate) emptied: Vec<&'static str>,
}

impl<'t> Writer<'t> {
    /// The driver this write's statements are made for.
    pub(crate) fn driver(&self) -> Driver {
        match self.tx {
            Tx::Any(_) => Driver::Any(self.backend),
            Tx::Sqlite(_) => Driver::Sqlite,
            Tx::Postgres(_) => Driver::Postgres,
        }
    }

    pub(crate) async fn commit(self) -> Result<()> {
        match self.tx {
            Tx::Any(tx) => tx.commit().await?,
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub(crate) async fn exec(&mut self, sql: &Sql) -> Result<()> {
        self.exec_count(sql).await.map(drop)
    }

    /// Runs a statement made (and bound) beforehand by
    /// [`Sql::into_statement`] for this write's [`Writer::driver`], and
    /// returns how many rows it changed.
    pub(crate) async fn run(&mut self, statement: Statement) -> Result<u64> {
        let done = match (&mut self.tx, statement) {
            (Tx::Any(tx), Statement::Any(q)) => q.execute(&mut **tx).await?.rows_affected(),
            (Tx::Sqlite(tx), Statement::Sqlite(q)) => q.execute(&mut **tx).await?.rows_affected(),
            (Tx::Postgres(tx), Statement::Postgres(q)) => q.execute(&mut **tx).await?.rows_affected(),
            _ => unreachable!("a statement is made for its writer's driver"),
        };
        Ok(done)
    }

    /// Runs a statement and returns how many rows it changed.
    pub(crate) async fn exec_count(&mut self, sql: &Sql) -> Result<u64> {
        let statement = sql.clone().into_statement(self.driver())?;
        self.run(statement).await
    }

    pub(crate) async fn rows(&mut self, sql: &Sql) -> Result<Vec<AnyRow>> {
        self.stream(sql.clone()).await?.try_collect().await
    }

    /// The rows of `sql` as they come.
    pub(crate) async fn stream(&mut self, sql: Sql) -> Result<BoxStream<'_, Result<AnyRow>>> {
        let statement = sql.into_statement(self.driver())?;
        Ok(match (&mut self.tx, statement) {
            (Tx::Any(tx), Statement::Any(q)) => q.fetch(&mut **tx).map_err(StoreError::from).boxed(),
            (Tx::Sqlite(tx), Statement::Sqlite(q)) => q.fetch(&mut **tx).map(|r| Ok(AnyRow::try_from(&r?)?)).boxed(),
            (Tx::Postgres(tx), Statement::Postgres(q)) => q.fetch(&mut **tx).map(|r| Ok(AnyRow::try_from(&r?)?)).boxed(),
            _ => unreachable!("a statement is made for its writer's driver"),
        })
    }

    /// Starts `COPY ... FROM STDIN` on PostgreSQL's own connection, or
    /// `None` when this write is on another ([`Tx`]).
    pub(crate) async fn copy_in(&mut self, statement: &str) -> Result<Option<sqlx::postgres::PgCopyIn<&mut PgConnection>>> {
        match &mut self.tx {
            Tx::Postgres(tx) => Ok(Some(tx.copy_in_raw(statement).await?)),
            _ => Ok(None),
        }
    }

    async fn exists(&mut self, table: &'static str, column: &str, key: &str) -> Result<bool> {
        if self.known_keys.contains(&(table, key.to_string())) {
            return Ok(true);
        }
        let sql = stmt(&format!("SELECT 1 FROM {table} WHERE {column} = $1"), [Arg::from(key)]);
        let found = !self.rows(&sql).await?.is_empty();
        if found {
            self.known_keys.insert((table, key.to_string()));
        }
        Ok(found)
    }

    async fn document(&mut self, key: &str) -> Result<Option<(i64, Option<PartialDate>, Option<usize>)>> {
        if let Some(d) = self.documents.get(key) {
            return Ok(Some(*d));
        }
        let rows = self.rows(&stmt("SELECT id, published, length(text) FROM documents WHERE key = $1", [Arg::from(key)])).await?;
        let Some(r) = rows.first() else { return Ok(None) };
        let chars = r.try_get::<Option<i64>, _>(2)?.map(|n| n as usize);
        let d = (r.try_get::<i64, _>(0)?, parse_date(r.try_get(1)?)?, chars);
        self.documents.insert(key.to_string(), d);
        Ok(Some(d))
    }

    /// Checks that what a fact refers to is in the registry.
    /// Checks `input` against the registry. `stored` is the fact's current
    /// version: when `input` keeps its content (a change of status alone),
    /// the lengths are not checked, so that a fact stored before the limits
    /// can still be withdrawn or reverted.
    async fn check_refs<'i>(
        &mut self,
        index: usize,
        input: &'i FactInput,
        stored: Option<&Fact>,
    ) -> Result<Vec<(i64, &'i Source)>> {
        let invalid = |field: &str, message: String| StoreError::Invalid { index, field: field.into(), message };
        let fact = &input.fact;
        let valid = if stored == Some(fact) { fact.validate_content() } else { fact.validate() };
        valid.and_then(|()| fact.check_refs(&input.refs)).map_err(|e| invalid(e.field, e.message))?;
        for (field, key) in [("city", &input.refs.city), ("other", &input.refs.other)] {
            if let Some(k) = key
                && !self.exists("cities", "key", k).await? {
                    return Err(invalid(field, format!("city '{k}' is not in the registry")));
                }
        }
        if let Some(n) = &input.refs.network {
            if !self.exists("networks", "key", n).await? {
                return Err(invalid("network", format!("network '{n}' is not in the registry")));
            }
            if let Some(b) = &input.refs.body
                && !self.exists("bodies", "network || '/' || key", &format!("{n}/{b}")).await? {
                    return Err(invalid("organ", format!("network '{n}' has no body '{b}'")));
                }
        }
        let mut docs = Vec::with_capacity(input.sources.len());
        for s in &input.sources {
            let found = self.document(&s.document).await?;
            s.check_in(found.map(|d| d.2)).map_err(|e| invalid(e.field, e.message))?;
            docs.extend(found.map(|(id, ..)| (id, s)));
        }
        Ok(docs)
    }

    /// The current facts with `ident`, found by its key (see
    /// [`key_of_identity`]).
    async fn current_with_identity(&mut self, ident: &str) -> Result<Vec<Current>> {
        let sql = stmt(
            "SELECT id, lineage, body, status, city_key, other_key, network_key, body_key FROM facts \
             WHERE identity = $1 AND superseded_at IS NULL ORDER BY id",
            [Arg::Int(key_of_identity(ident))],
        );
        let mut found = Vec::new();
        for r in self.rows(&sql).await? {
            let c = current_from_row(&r)?;
            if identity(&c.fact, &c.refs) == ident {
                found.push(c);
            }
        }
        Ok(found)
    }

    async fn current(&mut self, id: i64) -> Result<Current> {
        let sql = stmt(
            "SELECT id, lineage, body, status, city_key, other_key, network_key, body_key, successor FROM facts WHERE id = $1",
            [Arg::Int(id)],
        );
        let rows = self.rows(&sql).await?;
        let r = rows.first().ok_or(StoreError::NotFound(id))?;
        if let Some(successor) = r.try_get::<Option<i64>, _>(8)? {
            return Err(StoreError::NotCurrent { id, successor });
        }
        current_from_row(r)
    }

    /// A fact's sources: each document's id, and the source (without the
    /// document's key, title and date).
    async fn source_documents(&mut self, fact_id: i64) -> Result<Vec<(i64, Source)>> {
        let sql = stmt(
            "SELECT document_id, quote, span_start, span_end, confidence, cue FROM fact_sources WHERE fact_id = $1",
            [Arg::Int(fact_id)],
        );
        self.rows(&sql)
            .await?
            .iter()
            .map(|r| {
                let (a, b): (Option<i64>, Option<i64>) = (r.try_get(2)?, r.try_get(3)?);
                let source = Source {
                    quote: r.try_get(1)?,
                    span: a.zip(b).map(|(a, b)| [a as usize, b as usize]),
                    confidence: r.try_get::<Option<f64>, _>(4)?.map(|c| c as f32),
                    cue: r.try_get(5)?,
                    ..Source::document(String::new())
                };
                Ok((r.try_get(0)?, source))
            })
            .collect()
    }

    async fn add_source(&mut self, fact_id: i64, doc_id: i64, s: &Source) -> Result<()> {
        let sql = stmt(
            "INSERT INTO fact_sources (fact_id, document_id, quote, span_start, span_end, confidence, cue, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (fact_id, document_id) DO NOTHING",
            [
                Arg::Int(fact_id),
                Arg::Int(doc_id),
                s.quote.as_deref().into(),
                s.span.map(|s| s[0] as i64).into(),
                s.span.map(|s| s[1] as i64).into(),
                s.confidence.map(f64::from).into(),
                s.cue.as_deref().into(),
                self.now.clone().into(),
            ],
        );
        self.exec(&sql).await
    }

    /// The valid-time bounds of a fact given its sources' documents.
    async fn bounds(&mut self, fact: &Fact, doc_ids: &[i64]) -> Result<(i64, i64)> {
        let mut published = None;
        for id in doc_ids {
            let p = match self.published.get(id) {
                Some(p) => *p,
                None => {
                    let rows = self.rows(&stmt("SELECT published FROM documents WHERE id = $1", [Arg::Int(*id)])).await?;
                    let p = match rows.first() {
                        Some(r) => parse_date(r.try_get(0)?)?,
                        None => None,
                    };
                    self.published.insert(*id, p);
                    p
                }
            };
            published = match (published, p) {
                (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
                (a, b) => a.or(b),
            };
        }
        let (lo, hi) = fact.valid_time().bounds(published);
        Ok((lo as i64, hi as i64))
    }

    /// Inserts a fact version; a new lineage when `prev` is `None`, else the
    /// successor of `prev`, which is closed and whose sources it keeps.
    async fn insert_version(
        &mut self,
        fact: &Fact,
        refs: &Refs,
        status: Status,
        prev: Option<&Current>,
        doc_ids: &[i64],
        comment: Option<&str>,
    ) -> Result<i64> {
        let (lo, hi) = self.bounds(fact, doc_ids).await?;
        let comment = comment.map(str::to_string).or_else(|| self.comment.clone());
        let sql = stmt(
            &format!("INSERT INTO facts (lineage, kind, body, status, identity, city_key, other_key, network_key, body_key, \
             lo, hi, recorded_at, supersedes, comment, author, city_id, other_id, network_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
             {CITY_ID}$6), {CITY_ID}$7), {NETWORK_ID}$8)) RETURNING id"),
            [
                Arg::Int(prev.map_or(0, |p| p.lineage)),
                fact.kind().as_str().into(),
                json(fact).into(),
                status.as_str().into(),
                Arg::Int(identity_key(fact, refs)),
                refs.city.clone().into(),
                refs.other.clone().into(),
                refs.network.clone().into(),
                refs.body.clone().into(),
                Arg::Int(lo),
                Arg::Int(hi),
                self.now.clone().into(),
                prev.map(|p| p.id).into(),
                comment.into(),
                self.author.clone().into(),
            ],
        );
        let rows = self.rows(&sql).await?;
        let id: i64 = rows.first().ok_or_else(|| corrupt("INSERT returned no id"))?.try_get(0)?;
        match prev {
            None => self.exec(&stmt("UPDATE facts SET lineage = $1 WHERE id = $1", [Arg::Int(id)])).await?,
            Some(p) => {
                self.close(p.id, id).await?;
                self.copy_sources(p.id, id).await?;
            }
        }
        Ok(id)
    }

    /// Closes version `id` with its `successor`. It must still be current:
    /// when another transaction closed it first (two writers that both read
    /// it as current), this fails with [`StoreError::NotCurrent`] and the
    /// caller's transaction is rolled back when it is dropped, so a lineage
    /// never gets two current versions.
    pub(crate) async fn close(&mut self, id: i64, successor: i64) -> Result<()> {
        let sql = stmt(
            "UPDATE facts SET superseded_at = $1, successor = $2 WHERE id = $3 AND superseded_at IS NULL",
            [self.now.clone().into(), Arg::Int(successor), Arg::Int(id)],
        );
        if self.exec_count(&sql).await? == 1 {
            return Ok(());
        }
        Err(self.not_current(id).await?)
    }

    /// The error for a change to version `id`, which is no longer current.
    pub(crate) async fn not_current(&mut self, id: i64) -> Result<StoreError> {
        let rows = self.rows(&stmt("SELECT successor FROM facts WHERE id = $1", [Arg::Int(id)])).await?;
        let Some(r) = rows.first() else { return Ok(StoreError::NotFound(id)) };
        Ok(match r.try_get::<Option<i64>, _>(0)? {
            Some(successor) => StoreError::NotCurrent { id, successor },
            None => corrupt(format!("fact {id} was closed without a successor")),
        })
    }

    /// Copies `from`'s sources onto fact `to`.
    async fn copy_sources(&mut self, from: i64, to: i64) -> Result<()> {
        for (doc, source) in self.source_documents(from).await? {
            self.add_source(to, doc, &source).await?;
        }
        Ok(())
    }

    async fn recompute_bounds(&mut self, id: i64, fact: &Fact) -> Result<()> {
        let docs: Vec<i64> = self.source_documents(id).await?.into_iter().map(|d| d.0).collect();
        let (lo, hi) = self.bounds(fact, &docs).await?;
        self.exec(&stmt("UPDATE facts SET lo = $1, hi = $2 WHERE id = $3", [Arg::Int(lo), Arg::Int(hi), Arg::Int(id)]))
            .await
    }

    /// Merges accepted content with sources into the current accepted fact
    /// it duplicates, if there is one. Returns the outcome and the id.
    async fn merge_into_known(
        &mut self,
        fact: &Fact,
        refs: &Refs,
        sources: &[(i64, &Source)],
        exclude: Option<i64>,
    ) -> Result<Option<(Outcome, i64)>> {
        let candidates = self.current_with_identity(&identity(fact, refs)).await?;
        for c in candidates.iter().filter(|c| c.status == Status::Accepted && Some(c.id) != exclude) {
            let Some(merged) = merge(&c.fact, fact) else { continue };
            let have: HashSet<i64> = self.source_documents(c.id).await?.into_iter().map(|d| d.0).collect();
            let fresh: Vec<&(i64, &Source)> = sources.iter().filter(|(d, _)| !have.contains(d)).collect();
            if merged == c.fact {
                if fresh.is_empty() {
                    return Ok(Some((Outcome::Unchanged, c.id)));
                }
                for (doc, s) in fresh {
                    self.add_source(c.id, *doc, s).await?;
                }
                self.recompute_bounds(c.id, &c.fact).await?;
                return Ok(Some((Outcome::Corroborated, c.id)));
            }
            let docs: Vec<i64> = have.iter().copied().chain(fresh.iter().map(|(d, _)| *d)).collect();
            let id = self.insert_version(&merged, &c.refs, Status::Accepted, Some(c), &docs, None).await?;
            for (doc, s) in fresh {
                self.add_source(id, *doc, s).await?;
            }
            return Ok(Some((Outcome::Enriched, id)));
        }
        Ok(None)
    }
}

enum Outcome {
    Corroborated,
    Enriched,
    Unchanged,
}

pub(crate) fn current_from_row(r: &AnyRow) -> Result<Current> {
    Ok(Current {
        id: r.try_get(0)?,
        lineage: r.try_get(1)?,
        fact: parse_json(&r.try_get::<String, _>(2)?, "fact body")?,
        status: enum_parse(&r.try_get::<String, _>(3)?)?,
        refs: Refs { city: r.try_get(4)?, other: r.try_get(5)?, network: r.try_get(6)?, body: r.try_get(7)? },
    })
}

/// A document's content hash: FNV-1a 64 over the text, in hex. Identifies
/// re-ingested texts; not a security boundary.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl SqlStore {
    /// A write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then
    /// writes fails with "database is locked", without waiting, whenever
    /// another writer got there first.
    pub(crate) async fn writer(&self, comment: Option<String>, author: Option<String>) -> Result<Writer<'static>> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Writer::start(Tx::Any(tx), self.backend, comment, author).await
    }

    /// A connection for a write that adds up to `facts` fact versions (a
    /// restore: the rows of its facts table). When the write may be a load
    /// (see `bulk::LOAD_THEN_INDEX`), on a SQLite file or PostgreSQL, it is
    /// a connection of the database's own driver, outside the pool (see
    /// [`Tx`]), closed after the write: a load changes its settings, and a
    /// failed one would hand them on. Then, on SQLite:
    ///
    /// - when `checked`, the write checks every reference itself before it
    ///   writes (the bulk path: cities, networks and documents against the
    ///   registry, versions against the merge's), and SQLite's foreign-key
    ///   checks are turned off for it: two or three look-ups per row, a
    ///   large part of a load's insert. PostgreSQL's load sets its foreign keys aside instead
    ///   (`Writer::set_indexes_aside`). A restore keeps them, so that a
    ///   dangling reference is refused at its line of the backup;
    /// - a store opened for loading takes the database out of WAL mode
    ///   (see [`SqlStore::open_for_loading`]) when the write is a load
    ///   (`bulk::is_load`: at least as many facts as the table holds).
    pub(crate) async fn write_connection(&self, facts: usize, checked: bool) -> Result<WriteConnection> {
        match self.own.as_ref().filter(|_| facts >= crate::bulk::LOAD_THEN_INDEX) {
            None => Ok(WriteConnection::Pooled(self.pool.acquire().await?)),
            Some(OwnConnection::Postgres(options)) => Ok(WriteConnection::Postgres(PgConnection::connect_with(options).await?)),
            Some(OwnConnection::Sqlite(options)) => {
                let mut conn = SqliteConnection::connect_with(options).await?;
                for setting in sqlite_settings() {
                    sqlx::query(sqlx::AssertSqlSafe(setting)).execute(&mut conn).await?;
                }
                if checked {
                    sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut conn).await?;
                }
                let stored: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM facts").fetch_one(&mut conn).await?;
                let mut left_wal = false;
                if self.exclusive_loads && crate::bulk::is_load(facts, stored) {
                    self.close_pooled_connections().await?;
                    left_wal = leave_wal(&mut conn).await?;
                }
                Ok(WriteConnection::Sqlite { conn, left_wal })
            }
        }
    }
}

impl SqlStore {
    /// Closes the pool's connections, which have the file open too, before
    /// a load leaves WAL mode (the pool opens others when next asked). A
    /// connection just given back is idle only once the pool has checked
    /// it, on a task of its own: this waits for such ones, up to a second.
    async fn close_pooled_connections(&self) -> Result<()> {
        for _ in 0..100 {
            while let Some(idle) = self.pool.try_acquire() {
                idle.close().await?;
            }
            if self.pool.size() == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        Ok(())
    }
}

/// Switches a SQLite connection's database from WAL mode to a rollback
/// journal, at once or not at all: SQLite refuses while any other
/// connection, of this process or another, has the file open, and then the
/// write goes through the WAL. Returns whether it switched.
async fn leave_wal(conn: &mut SqliteConnection) -> Result<bool> {
    sqlx::query("PRAGMA busy_timeout = 0").execute(&mut *conn).await?;
    let mode = sqlx::query_scalar::<_, String>("PRAGMA journal_mode = DELETE").fetch_one(&mut *conn).await;
    sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"))).execute(&mut *conn).await?;
    match mode {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => {
            tracing::debug!("bulk write: out of WAL mode, through a rollback journal");
            Ok(true)
        }
        Ok(mode) => {
            tracing::debug!(mode, "bulk write: through the WAL");
            Ok(false)
        }
        Err(e) => {
            tracing::debug!(error = %e, "bulk write: through the WAL, as another connection has the database open");
            Ok(false)
        }
    }
}

/// See [`SqlStore::write_connection`].
pub(crate) enum WriteConnection {
    Pooled(sqlx::pool::PoolConnection<Any>),
    Sqlite { conn: SqliteConnection, left_wal: bool },
    Postgres(PgConnection),
}

impl WriteConnection {
    /// A write transaction on this connection (see [`SqlStore::writer`]).
    pub(crate) async fn writer(&mut self, backend: Backend, comment: Option<String>, author: Option<String>) -> Result<Writer<'_>> {
        let tx = match self {
            WriteConnection::Pooled(conn) => Tx::Any(conn.begin_with(if backend == Backend::Sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" }).await?),
            WriteConnection::Sqlite { conn, .. } => Tx::Sqlite(conn.begin_with("BEGIN IMMEDIATE").await?),
            WriteConnection::Postgres(conn) => Tx::Postgres(conn.begin().await?),
        };
        Writer::start(tx, backend, comment, author).await
    }

    /// Puts the database back into WAL mode if the write took it out, be
    /// the write done or failed, and closes a connection of its own.
    /// Should another process have opened the file meanwhile, SQLite
    /// refuses: the database then returns to WAL mode when a connection
    /// next opens it (every connection asks for it).
    pub(crate) async fn finish(self) {
        let closed = match self {
            WriteConnection::Pooled(_) => return,
            WriteConnection::Sqlite { mut conn, left_wal } => {
                if left_wal {
                    match sqlx::query_scalar::<_, String>("PRAGMA journal_mode = WAL").fetch_one(&mut conn).await {
                        Ok(mode) if mode.eq_ignore_ascii_case("wal") => tracing::debug!("bulk write: back in WAL mode"),
                        Ok(mode) => tracing::warn!(mode, "the database did not return to WAL mode after a load; it will when a connection next opens it"),
                        Err(e) => tracing::warn!(error = %e, "the database did not return to WAL mode after a load; it will when a connection next opens it"),
                    }
                }
                conn.close().await
            }
            WriteConnection::Postgres(conn) => conn.close().await,
        };
        if let Err(e) = closed {
            tracing::warn!(error = %e, "closing a load's connection");
        }
    }
}

impl<'t> Writer<'t> {
    /// The state of the write transaction `tx`. On PostgreSQL it takes the
    /// writers' lock first.
    async fn start(tx: Tx<'t>, backend: Backend, comment: Option<String>, author: Option<String>) -> Result<Self> {
        if let Some(c) = &comment {
            limits::check("comment", c, limits::COMMENT)?;
        }
        let mut w = Writer {
            backend,
            tx,
            now: now(),
            comment,
            author,
            known_keys: HashSet::new(),
            documents: HashMap::new(),
            published: HashMap::new(),
            emptied: Vec::new(),
        };
        if backend == Backend::Postgres {
            // Writers take turns, as SQLite's IMMEDIATE makes them: the
            // merge reads what it then writes, and the bulk path numbers
            // new versions itself.
            w.exec(&Sql::new("SELECT pg_advisory_xact_lock(7215388121)")).await?;
        }
        // Whatever the write changes, answers kept from before it are stale
        // once it commits (see `SqlStore::member_counts`).
        w.exec(&Sql::new("UPDATE registry_version SET version = version + 1")).await?;
        Ok(w)
    }
}

impl SqlStore {
    /// A read-only transaction that sees one snapshot of the registry.
    pub(crate) async fn reader(&self) -> Result<Writer<'static>> {
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
        }
        Ok(Writer {
            backend: self.backend,
            tx: Tx::Any(tx),
            now: now(),
            comment: None,
            author: None,
            known_keys: HashSet::new(),
            documents: HashMap::new(),
            published: HashMap::new(),
            emptied: Vec::new(),
        })
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn backup(&self, out: &mut (dyn std::io::Write + Send)) -> Result<crate::BackupHeader> {
        self.dump(out).await
    }

    async fn restore(&self, input: &mut (dyn std::io::BufRead + Send), progress: &(dyn Fn(u64, u64) + Send + Sync)) -> Result<crate::RestoreReport> {
        self.load_dump(input, progress).await
    }

    fn backend(&self) -> Backend {
        self.backend
    }

    async fn write_with_progress(&self, batch: &Batch, progress: &(dyn Fn(u64, u64) + Send + Sync)) -> Result<WriteReport> {
        let mut conn = self.write_connection(batch.facts.len(), true).await?;
        let written = async {
            let mut w = conn.writer(self.backend, batch.comment.clone(), batch.author.clone()).await?;
            let report = crate::bulk::write_batch(&mut w, self.backend, batch, progress).await?;
            let started = std::time::Instant::now();
            w.commit().await?;
            tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "bulk write: committed");
            Ok::<_, StoreError>(report)
        }
        .await;
        conn.finish().await;
        let report = written?;
        let started = std::time::Instant::now();
        // After a bulk load, fresh statistics let the planners choose the
        // selective indexes (without them SQLite scans by status).
        if batch.facts.len() >= ANALYZE_AFTER {
            self.analyze().await?;
            tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "bulk write: statistics (and on SQLite the WAL checkpoint)");
        }
        Ok(report)
    }

    async fn facts(&self, q: &FactQuery) -> Result<Vec<FactRecord>> {
        self.read_records(Read::of(q), |sql| self.fact_where(q, sql)).await
    }

    async fn facts_with_cities(&self, q: &FactQuery) -> Result<Vec<(FactRecord, City)>> {
        let rows = self.read_rows(Read::of(q), |sql| self.fact_where(q, sql), true).await?;
        rows.into_iter().map(|(f, c)| Ok((f, c.ok_or_else(|| corrupt("a fact read without its city"))?))).collect()
    }

    async fn fact_cities(&self, q: &FactQuery) -> Result<Vec<String>> {
        let facts = self.facts_table(members_query(q));
        let mut sql = Sql::new(&format!("SELECT DISTINCT f.city_key FROM {facts} WHERE f.city_key IS NOT NULL"));
        self.fact_where(q, &mut sql);
        // One row, a JSON array, rather than a row per city (see `read_rows`).
        let list = match self.backend {
            Backend::Sqlite => "json_group_array(city_key ORDER BY city_key)",
            Backend::Postgres => "COALESCE(json_agg(city_key ORDER BY city_key)::text, '[]')",
        };
        let list = Sql { text: format!("SELECT {list} FROM ({}) keys", sql.text), args: sql.args };
        let text: String = self.fetch(&list).await?.first().map(|r| r.try_get(0)).transpose()?.unwrap_or_default();
        parse_json(&text, "city keys")
    }

    async fn count_facts(&self, q: &FactQuery) -> Result<i64> {
        let mut sql = Sql::new(&format!("SELECT COUNT(*) FROM {} WHERE 1 = 1", self.facts_table(members_query(q))));
        self.fact_where(q, &mut sql);
        Ok(self.fetch(&sql).await?.first().map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    }

    async fn fact(&self, id: i64) -> Result<Option<FactRecord>> {
        let filter = |sql: &mut Sql| {
            sql.push(" AND f.id = ").bind(id);
        };
        Ok(self.read_records(Read::BY_ID, filter).await?.pop())
    }

    async fn history(&self, id: i64) -> Result<Vec<FactRecord>> {
        // The lineage's first version, by its id (the lineage's), and the
        // later ones, which alone the partial index `facts_lineage` holds
        // (migration 0006).
        let filter = |sql: &mut Sql| {
            let lineage = |sql: &mut Sql| {
                sql.push("(SELECT lineage FROM facts WHERE id = ").bind(id).push(")");
            };
            sql.push(" AND ((f.id = ");
            lineage(sql);
            sql.push(" AND f.lineage = ");
            lineage(sql);
            sql.push(") OR (f.lineage = ");
            lineage(sql);
            sql.push(" AND f.lineage <> f.id))");
        };
        self.read_records(Read::BY_ID, filter).await
    }

    async fn change(&self, id: i64, change: &Change) -> Result<FactRecord> {
        let mut w = self.writer(change.comment.clone(), change.author.clone()).await?;
        let cur = w.current(id).await?;
        let (fact, refs) = change.fact.clone().unwrap_or_else(|| (cur.fact.clone(), cur.refs.clone()));
        let status = change.status.unwrap_or(cur.status);
        let input = FactInput { fact, refs, status, sources: change.add_sources.clone() };
        let new_docs = w.check_refs(0, &input, Some(&cur.fact)).await?;
        let mut docs: Vec<i64> = w.source_documents(cur.id).await?.into_iter().map(|d| d.0).collect();
        let fresh: Vec<_> = new_docs.iter().filter(|(d, _)| !docs.contains(d)).collect();
        if input.fact == cur.fact && input.refs == cur.refs && status == cur.status && fresh.is_empty() {
            drop(w);
            return self.fact(id).await?.ok_or(StoreError::NotFound(id));
        }
        docs.extend(fresh.iter().map(|(d, _)| *d));
        let new_id = w.insert_version(&input.fact, &input.refs, status, Some(&cur), &docs, None).await?;
        for (doc, s) in fresh {
            w.add_source(new_id, *doc, s).await?;
        }
        w.commit().await?;
        self.fact(new_id).await?.ok_or(StoreError::NotFound(new_id))
    }

    async fn review(&self, ids: &[i64], decision: &Decision, note: &Note) -> Result<Vec<i64>> {
        let mut w = self.writer(note.comment.clone(), note.author.clone()).await?;
        let mut out = Vec::with_capacity(ids.len());
        for (i, &id) in ids.iter().enumerate() {
            let cur = w.current(id).await?;
            if cur.status != Status::Proposed {
                return Err(StoreError::NotProposed { id, status: cur.status });
            }
            let docs = w.source_documents(cur.id).await?;
            let doc_ids: Vec<i64> = docs.iter().map(|d| d.0).collect();
            let (fact, refs) = match decision {
                Decision::Reject => {
                    out.push(w.insert_version(&cur.fact, &cur.refs, Status::Rejected, Some(&cur), &doc_ids, None).await?);
                    continue;
                }
                Decision::Accept => (cur.fact.clone(), cur.refs.clone()),
                Decision::Correct(input) => {
                    let input = FactInput { status: Status::Accepted, sources: Vec::new(), ..(**input).clone() };
                    w.check_refs(i, &input, None).await?;
                    (input.fact, input.refs)
                }
            };
            // The proposal's own sources, for the merge.
            let src: Vec<Source> = docs.iter().map(|(_, s)| s.clone()).collect();
            let pairs: Vec<(i64, &Source)> = doc_ids.iter().copied().zip(src.iter()).collect();
            if let Some((_, known)) = w.merge_into_known(&fact, &refs, &pairs, Some(cur.id)).await? {
                w.close(cur.id, known).await?;
                out.push(known);
            } else {
                out.push(w.insert_version(&fact, &refs, Status::Accepted, Some(&cur), &doc_ids, None).await?);
            }
        }
        w.commit().await?;
        Ok(out)
    }

    async fn cities(&self, q: &CityQuery) -> Result<Vec<City>> {
        let mut sql = Sql::new(&format!("SELECT {CITY_COLUMNS} FROM cities c WHERE 1 = 1"));
        if !q.keys.is_empty() {
            sql.push(" AND c.key");
            self.in_keys(&mut sql, &q.keys);
        }
        if let Some(cc) = &q.country {
            sql.push(" AND c.country = ").bind(cc.as_str());
        }
        if let Some(n) = &q.name {
            let folded = citynets_model::fold(n);
            if !folded.is_empty() {
                sql.push(" AND c.search_names LIKE ").bind(format!("%|{folded}%"));
            }
        }
        if q.network.is_some() || q.body.is_some() || q.as_of.is_some() {
            sql.push(
                " AND EXISTS (SELECT 1 FROM facts f WHERE f.city_id = c.id AND f.superseded_at IS NULL \
                 AND f.status = 'accepted' AND f.kind IN ('membership', 'designation')",
            );
            if let Some(n) = &q.network {
                sql.push(" AND f.network_id = ").push(NETWORK_ID).bind(n.as_str()).push(")");
            }
            if let Some(b) = &q.body {
                sql.push(" AND f.body_key = ").bind(b.as_str());
            }
            if let Some(d) = q.as_of {
                sql.push(" AND f.lo <= ").bind(d.last_day() as i64).push(" AND f.hi >= ").bind(d.first_day() as i64);
            }
            sql.push(")");
        } else if q.with_facts {
            // Two EXISTS, one per indexed column: an OR inside one would
            // scan every fact for every city.
            sql.push(
                " AND (EXISTS (SELECT 1 FROM facts f WHERE f.city_id = c.id AND f.superseded_at IS NULL \
                 AND f.status = 'accepted') OR EXISTS (SELECT 1 FROM facts f WHERE f.other_id = c.id \
                 AND f.superseded_at IS NULL AND f.status = 'accepted'))",
            );
        }
        sql.push(" ORDER BY c.name, c.country");
        if let Some(l) = q.limit {
            sql.push(" LIMIT ").bind(l.max(0));
            if let Some(o) = q.offset {
                sql.push(" OFFSET ").bind(o.max(0));
            }
        }
        self.fetch(&sql).await?.iter().map(city_from_row).collect()
    }

    async fn city(&self, key: &str) -> Result<Option<City>> {
        let sql = stmt(&format!("SELECT {CITY_COLUMNS} FROM cities c WHERE c.key = $1"), [Arg::from(key)]);
        self.fetch(&sql).await?.first().map(city_from_row).transpose()
    }

    async fn countries(&self) -> Result<Vec<Country>> {
        let rows = self.fetch(&Sql::new("SELECT code, name, names, region, subregion FROM countries ORDER BY name")).await?;
        rows.iter()
            .map(|r| {
                Ok(Country {
                    code: r.try_get(0)?,
                    name: r.try_get(1)?,
                    names: parse_json(&r.try_get::<String, _>(2)?, "country names")?,
                    region: r.try_get(3)?,
                    subregion: r.try_get(4)?,
                })
            })
            .collect()
    }

    async fn networks(&self) -> Result<Vec<Network>> {
        let rows = self.fetch(&Sql::new("SELECT key, name, kind, parent, aliases FROM networks ORDER BY name")).await?;
        let mut nets = Vec::with_capacity(rows.len());
        for r in &rows {
            nets.push(Network {
                key: r.try_get(0)?,
                name: r.try_get(1)?,
                kind: enum_parse::<NetworkKind>(&r.try_get::<String, _>(2)?)?,
                parent: r.try_get(3)?,
                aliases: parse_json::<Vec<Name>>(&r.try_get::<String, _>(4)?, "network aliases")?,
                bodies: Vec::new(),
            });
        }
        let rows = self
            .fetch(&Sql::new("SELECT network, key, name, kind, aliases FROM bodies ORDER BY network, position, key"))
            .await?;
        for r in &rows {
            let net: String = r.try_get(0)?;
            if let Some(n) = nets.iter_mut().find(|n| n.key == net) {
                n.bodies.push(Body {
                    key: r.try_get(1)?,
                    name: r.try_get(2)?,
                    kind: enum_parse::<BodyKind>(&r.try_get::<String, _>(3)?)?,
                    aliases: parse_json(&r.try_get::<String, _>(4)?, "body aliases")?,
                });
            }
        }
        Ok(nets)
    }

    async fn network(&self, key: &str) -> Result<Option<Network>> {
        Ok(self.networks().await?.into_iter().find(|n| n.key == key))
    }

    async fn member_counts(&self, as_of: PartialDate) -> Result<Vec<(String, i64)>> {
        // The version is read before the counts: a write committed between
        // the two leaves counts newer than their version, which only costs
        // the next call a count of its own.
        let version: i64 = sqlx::query_scalar("SELECT version FROM registry_version").fetch_one(&self.pool).await?;
        if let Some(kept) = self.member_counts.lock().unwrap_or_else(|e| e.into_inner()).as_ref()
            && kept.version == version
            && kept.as_of == as_of
        {
            return Ok(kept.counts.clone());
        }
        // The conditions are those of the partial index `facts_members`
        // (migration 0004), which holds every column this reads, by network
        // and city: no table rows, no sort. SQLite's planner prefers the
        // status index unless told.
        let from = match self.backend {
            Backend::Sqlite => "facts INDEXED BY facts_members",
            Backend::Postgres => "facts",
        };
        let sql = stmt(
            &format!(
                "SELECT n.key, m.members FROM (SELECT network_id, COUNT(DISTINCT city_key) AS members FROM {from} \
                 WHERE superseded_at IS NULL AND status = 'accepted' AND kind IN ('membership', 'designation') \
                 AND lo <= $1 AND hi >= $2 GROUP BY network_id) AS m JOIN networks n ON n.id = m.network_id \
                 ORDER BY n.key"
            ),
            [Arg::Int(as_of.last_day() as i64), Arg::Int(as_of.first_day() as i64)],
        );
        let counts: Vec<(String, i64)> = self.fetch(&sql).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_>>()?;
        *self.member_counts.lock().unwrap_or_else(|e| e.into_inner()) = Some(MemberCounts { version, as_of, counts: counts.clone() });
        Ok(counts)
    }

    async fn member_completeness(&self) -> Result<Vec<Completeness>> {
        // Read before the counts, as in `member_counts`.
        let version: i64 = sqlx::query_scalar("SELECT version FROM registry_version").fetch_one(&self.pool).await?;
        if let Some((v, kept)) = self.completeness.lock().unwrap_or_else(|e| e.into_inner()).as_ref()
            && *v == version
        {
            return Ok(kept.clone());
        }
        // A membership states its start as `since`, a designation as `year`.
        let stated = match self.backend {
            Backend::Sqlite => "COALESCE(f.body ->> 'since', f.body ->> 'year') IS NOT NULL",
            Backend::Postgres => "COALESCE(f.body::jsonb ->> 'since', f.body::jsonb ->> 'year') IS NOT NULL",
        };
        let sql = Sql::new(&format!(
            "SELECT f.network_key, COUNT(DISTINCT f.city_key), \
             COUNT(DISTINCT CASE WHEN {stated} THEN f.city_key END), \
             COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM fact_sources s WHERE s.fact_id = f.id) THEN f.city_key END) \
             FROM facts f WHERE f.superseded_at IS NULL AND f.status = 'accepted' AND f.kind IN ('membership', 'designation') \
             AND f.network_key IS NOT NULL GROUP BY f.network_key ORDER BY f.network_key"
        ));
        let rows = self.fetch(&sql).await?;
        let out: Vec<Completeness> = rows
            .iter()
            .map(|r| {
                Ok(Completeness { network: r.try_get(0)?, members: r.try_get(1)?, with_year: r.try_get(2)?, with_source: r.try_get(3)? })
            })
            .collect::<Result<_>>()?;
        *self.completeness.lock().unwrap_or_else(|e| e.into_inner()) = Some((version, out.clone()));
        Ok(out)
    }

    async fn documents(&self) -> Result<Vec<Document>> {
        let rows = self
            .fetch(&Sql::new("SELECT key, title, url, language, published FROM documents ORDER BY published DESC, key"))
            .await?;
        rows.iter().map(|r| document_from_row(r, None)).collect()
    }

    async fn document(&self, key: &str) -> Result<Option<Document>> {
        let sql = stmt("SELECT key, title, url, language, published, text FROM documents WHERE key = $1", [Arg::from(key)]);
        self.fetch(&sql).await?.first().map(|r| document_from_row(r, r.try_get(5)?)).transpose()
    }

    async fn document_by_hash(&self, hash: &str) -> Result<Option<String>> {
        let sql = stmt("SELECT key FROM documents WHERE content_hash = $1 ORDER BY id LIMIT 1", [Arg::from(hash)]);
        Ok(self.fetch(&sql).await?.first().map(|r| r.try_get(0)).transpose()?)
    }

    async fn counts(&self) -> Result<Counts> {
        // Accepted facts are the current ones less the proposed and the
        // rejected, counted in the smallest index of current facts
        // (SQLite's planner would read the table).
        let current = match self.backend {
            Backend::Sqlite => "facts INDEXED BY facts_current_identity",
            Backend::Postgres => "facts",
        };
        let sql = Sql::new(&format!(
            "SELECT (SELECT COUNT(*) FROM cities), (SELECT COUNT(*) FROM networks), (SELECT COUNT(*) FROM documents), \
             (SELECT COUNT(*) FROM facts WHERE superseded_at IS NULL AND status = 'proposed' AND {UNSETTLED}), \
             (SELECT COUNT(*) FROM {current} WHERE superseded_at IS NULL), \
             (SELECT COUNT(*) FROM facts WHERE superseded_at IS NULL AND status = 'rejected' AND {UNSETTLED})",
        ));
        let rows = self.fetch(&sql).await?;
        let r = rows.first().ok_or_else(|| corrupt("no counts"))?;
        let (proposed, current, rejected): (i64, i64, i64) = (r.try_get(3)?, r.try_get(4)?, r.try_get(5)?);
        Ok(Counts {
            cities: r.try_get(0)?,
            networks: r.try_get(1)?,
            documents: r.try_get(2)?,
            proposed,
            accepted: current - proposed - rejected,
            rejected,
        })
    }

    async fn add_user(
        &self,
        name: &str,
        password_hash: &str,
        role: AccountRole,
        scope: Option<&str>,
        by: Option<&str>,
    ) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let taken = stmt("SELECT removed_at FROM users WHERE name = $1", [Arg::from(name)]);
        if let Some(row) = taken.query(self.backend)?.fetch_optional(&mut *tx).await? {
            let removed: Option<String> = row.try_get(0)?;
            return Err(StoreError::Duplicate(match removed {
                Some(_) => format!("a removed account named '{name}' (names are not given again)"),
                None => format!("an account named '{name}'"),
            }));
        }
        let sql = stmt(
            "INSERT INTO users (name, password_hash, role, scope, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            [
                Arg::from(name),
                Arg::from(password_hash),
                Arg::from(role.as_str()),
                scope.map(str::to_string).into(),
                Arg::from(now()),
            ],
        );
        let id: i64 = sql.query(self.backend)?.fetch_one(&mut *tx).await?.try_get(0)?;
        let scoped = scope.map(|s| format!(" of {s}")).unwrap_or_default();
        self.log_account(&mut tx, by, "added", name, &format!("{role}{scoped}")).await?;
        tx.commit().await?;
        Ok(User { id, name: name.to_string(), role, scope: scope.map(str::to_string) })
    }

    async fn user_named(&self, name: &str) -> Result<Option<(User, String)>> {
        let sql = stmt(
            "SELECT id, name, role, scope, password_hash FROM users \
             WHERE name = $1 AND removed_at IS NULL",
            [Arg::from(name)],
        );
        let rows = self.fetch(&sql).await?;
        rows.first().map(|r| Ok((user_from_row(r)?, r.try_get(4)?))).transpose()
    }

    async fn users(&self) -> Result<Vec<User>> {
        let sql = Sql::new(
            "SELECT id, name, role, scope FROM users WHERE removed_at IS NULL ORDER BY name",
        );
        self.fetch(&sql).await?.iter().map(user_from_row).collect()
    }

    async fn remove_user(&self, name: &str, by: Option<&str>) -> Result<Option<User>> {
        let set = ("removed_at", Arg::from(now()));
        self.change_account(name, set, true, by, "removed").await
    }

    async fn set_password(&self, name: &str, hash: &str, by: Option<&str>) -> Result<Option<User>> {
        let set = ("password_hash", Arg::from(hash));
        self.change_account(name, set, false, by, "password").await
    }

    async fn add_session(&self, token_hash: &str, user_id: i64, csrf: &str, expires_at: &str) -> Result<()> {
        let sql = stmt(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            [Arg::from(token_hash), Arg::Int(user_id), Arg::from(csrf), Arg::from(now()), Arg::from(expires_at)],
        );
        sql.query(self.backend)?.execute(&self.pool).await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str, now: &str) -> Result<Option<(User, String)>> {
        let sql = stmt(
            "SELECT u.id, u.name, u.role, u.scope, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.removed_at IS NULL",
            [Arg::from(token_hash), Arg::from(now)],
        );
        let rows = self.fetch(&sql).await?;
        rows.first().map(|r| Ok((user_from_row(r)?, r.try_get(4)?))).transpose()
    }

    async fn bundled_version(&self) -> Result<i64> {
        let rows = self.fetch(&Sql::new("SELECT version FROM bundled_data")).await?;
        Ok(rows.first().map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    }

    async fn set_bundled_version(&self, version: i64) -> Result<()> {
        stmt(
            "INSERT INTO bundled_data (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            [Arg::Int(version)],
        )
        .query(self.backend)?
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn drop_session(&self, token_hash: &str) -> Result<()> {
        stmt("DELETE FROM sessions WHERE token_hash = $1", [Arg::from(token_hash)]).query(self.backend)?.execute(&self.pool).await?;
        Ok(())
    }

    async fn add_token(
        &self,
        token_hash: &str,
        user: &User,
        label: &str,
        expires_at: &str,
        by: Option<&str>,
    ) -> Result<TokenInfo> {
        let mut tx = self.pool.begin().await?;
        let created = now();
        let sql = stmt(
            "INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
            [
                Arg::from(token_hash),
                Arg::Int(user.id),
                Arg::from(label),
                Arg::from(created.clone()),
                Arg::from(expires_at),
            ],
        );
        sql.query(self.backend)?.execute(&mut *tx).await?;
        let info = TokenInfo {
            id: token_hash.chars().take(TOKEN_ID_LEN).collect(),
            label: label.to_string(),
            created_at: created,
            expires_at: Some(expires_at.to_string()),
        };
        let detail = format!("token {} ({label}) until {expires_at}", info.id);
        self.log_account(&mut tx, by, "token", &user.name, &detail).await?;
        tx.commit().await?;
        Ok(info)
    }

    async fn token_user(&self, token_hash: &str, now: &str) -> Result<Option<User>> {
        let sql = stmt(
            "SELECT u.id, u.name, u.role, u.scope \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2) \
             AND u.removed_at IS NULL",
            [Arg::from(token_hash), Arg::from(now)],
        );
        self.fetch(&sql).await?.first().map(user_from_row).transpose()
    }

    async fn tokens(&self, user: &User) -> Result<Vec<TokenInfo>> {
        let sql = stmt(
            &format!(
                "SELECT substr(token_hash, 1, {TOKEN_ID_LEN}), label, created_at, expires_at \
                 FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, token_hash"
            ),
            [Arg::Int(user.id)],
        );
        let rows = self.fetch(&sql).await?;
        let token = |r: &AnyRow| -> Result<TokenInfo> {
            Ok(TokenInfo {
                id: r.try_get(0)?,
                label: r.try_get(1)?,
                created_at: r.try_get(2)?,
                expires_at: r.try_get(3)?,
            })
        };
        rows.iter().map(token).collect()
    }

    async fn revoke_tokens(
        &self,
        user: &User,
        ids: Option<&[String]>,
        by: Option<&str>,
    ) -> Result<u64> {
        let mut tx = self.pool.begin().await?;
        let mut count = 0;
        let mut names = Vec::new();
        match ids {
            None => {
                let sql = stmt("DELETE FROM api_tokens WHERE user_id = $1", [Arg::Int(user.id)]);
                count = sql.query(self.backend)?.execute(&mut *tx).await?.rows_affected();
                names.push("every token".to_string());
            }
            Some(ids) => {
                for id in ids {
                    let text = format!(
                        "DELETE FROM api_tokens \
                         WHERE user_id = $1 AND substr(token_hash, 1, {TOKEN_ID_LEN}) = $2"
                    );
                    let sql = stmt(&text, [Arg::Int(user.id), Arg::from(id.as_str())]);
                    let n = sql.query(self.backend)?.execute(&mut *tx).await?.rows_affected();
                    if n == 0 {
                        let message = format!("{} has no token {id} (see its tokens)", user.name);
                        return Err(StoreError::Field { field: "token".into(), message });
                    }
                    count += n;
                    names.push(format!("token {id}"));
                }
            }
        }
        let detail = format!("{} revoked", names.join(", "));
        self.log_account(&mut tx, by, "revoked", &user.name, &detail).await?;
        tx.commit().await?;
        Ok(count)
    }

    async fn account_events(&self, limit: i64) -> Result<Vec<AccountEvent>> {
        let sql = stmt(
            "SELECT at, actor, action, account, detail FROM account_events \
             ORDER BY id DESC LIMIT $1",
            [Arg::Int(limit)],
        );
        let event = |r: &AnyRow| -> Result<AccountEvent> {
            Ok(AccountEvent {
                at: r.try_get(0)?,
                actor: r.try_get(1)?,
                action: r.try_get(2)?,
                account: r.try_get(3)?,
                detail: r.try_get(4)?,
            })
        };
        self.fetch(&sql).await?.iter().map(event).collect()
    }
}

impl SqlStore {
    /// Sets a column of the live account `name` (`set`: the column, a
    /// static name, and its value), ends its sessions, and with `tokens`
    /// its API tokens, and records `action`, in one transaction. `None`
    /// when no live account has the name.
    async fn change_account(
        &self,
        name: &str,
        (column, value): (&'static str, Arg),
        tokens: bool,
        by: Option<&str>,
        action: &str,
    ) -> Result<Option<User>> {
        let mut tx = self.pool.begin().await?;
        let text = format!(
            "UPDATE users SET {column} = $1 WHERE name = $2 AND removed_at IS NULL \
             RETURNING id, name, role, scope"
        );
        let sql = stmt(&text, [value, Arg::from(name)]);
        let Some(row) = sql.query(self.backend)?.fetch_optional(&mut *tx).await? else {
            return Ok(None);
        };
        let user = user_from_row(&row)?;
        let (sessions, revoked) = self.end_access(&mut tx, user.id, tokens).await?;
        let mut detail = format!("{sessions} session(s) ended");
        if tokens {
            detail.push_str(&format!(", {revoked} token(s) revoked"));
        }
        self.log_account(&mut tx, by, action, name, &detail).await?;
        tx.commit().await?;
        Ok(Some(user))
    }

    /// Ends an account's sessions, and with `tokens` its API tokens: how
    /// many of each.
    async fn end_access(
        &self,
        tx: &mut Transaction<'_, Any>,
        user_id: i64,
        tokens: bool,
    ) -> Result<(u64, u64)> {
        let sql = stmt("DELETE FROM sessions WHERE user_id = $1", [Arg::Int(user_id)]);
        let sessions = sql.query(self.backend)?.execute(&mut **tx).await?.rows_affected();
        if !tokens {
            return Ok((sessions, 0));
        }
        let sql = stmt("DELETE FROM api_tokens WHERE user_id = $1", [Arg::Int(user_id)]);
        Ok((sessions, sql.query(self.backend)?.execute(&mut **tx).await?.rows_affected()))
    }

    /// Records a change to `account` in the transaction that makes it.
    async fn log_account(
        &self,
        tx: &mut Transaction<'_, Any>,
        by: Option<&str>,
        action: &str,
        account: &str,
        detail: &str,
    ) -> Result<()> {
        let sql = stmt(
            "INSERT INTO account_events (at, actor, action, account, detail) \
             VALUES ($1, $2, $3, $4, $5)",
            [
                Arg::from(now()),
                by.map(str::to_string).into(),
                Arg::from(action),
                Arg::from(account),
                Arg::from(detail),
            ],
        );
        sql.query(self.backend)?.execute(&mut **tx).await?;
        Ok(())
    }
}

fn user_from_row(r: &AnyRow) -> Result<User> {
    Ok(User { id: r.try_get(0)?, name: r.try_get(1)?, role: enum_parse(&r.try_get::<String, _>(2)?)?, scope: r.try_get(3)? })
}

fn document_from_row(r: &AnyRow, text: Option<String>) -> Result<Document> {
    Ok(Document {
        key: r.try_get(0)?,
        title: r.try_get(1)?,
        url: r.try_get(2)?,
        language: r.try_get(3)?,
        published: parse_date(r.try_get(4)?)?,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_placeholders_are_anonymous_when_in_order() {
        assert_eq!(super::sqlite_placeholders("VALUES ($1, $2), ($3, $4)"), "VALUES (?, ?), (?, ?)");
        assert_eq!(super::sqlite_placeholders("SET a = $1 WHERE id = $1"), "SET a = ?1 WHERE id = ?1");
        assert_eq!(super::sqlite_placeholders("SELECT 1"), "SELECT 1");
    }

    /// A transaction that SQLite rolled back itself (as it does after a
    /// full disk at commit) leaves no connection that cannot begin another.
    #[tokio::test]
    async fn a_transaction_sqlite_ended_itself_leaves_no_broken_connection() {
        use sqlx::Connection;
        let dir = tempfile::tempdir().unwrap();
        // One connection, so that the test gets back the one it used.
        let store = SqlStore::open_with(dir.path().join("rolled-back.db").to_str().unwrap(), Some(1)).await.unwrap();
        let mut tx = store.pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
        sqlx::query("INSERT INTO countries (code, name, names) VALUES ('XX', 'X', '[]')").execute(&mut *tx).await.unwrap();
        // SQLite ends the transaction behind the driver's back.
        sqlx::query("ROLLBACK").execute(&mut *tx).await.unwrap();
        drop(tx);
        let conn = store.pool.acquire().await.unwrap();
        assert!(!conn.is_in_transaction(), "a connection the driver thinks is in a transaction went back to the pool");
        drop(conn);
        let network = Network { key: "n".into(), name: "N".into(), kind: NetworkKind::Regional, parent: None, aliases: vec![], bodies: vec![] };
        store.write(&Batch { networks: vec![network], ..Default::default() }).await.unwrap();
        assert_eq!(store.counts().await.unwrap().networks, 1);
    }

    /// A database of schema 8, where identities were text, gets identity
    /// keys when it is opened (migration 0009 and `key_identities`): every
    /// version has its key, the index of current identities is back, and a
    /// fact written again is found by its key. With `two`, two stores open
    /// the database at once (two servers starting on one PostgreSQL
    /// database): both open, and one does the work.
    async fn identities_of_schema_8_get_keys_on_open(url: &str, two: bool) {
        sqlx::any::install_default_drivers();
        let pool = AnyPool::connect(url).await.unwrap();
        let migrations = if url.starts_with("postgres") { &POSTGRES_MIGRATIONS } else { &SQLITE_MIGRATIONS };
        migrations.run_to(8, &pool).await.unwrap();
        let body = r#"{"kind":"membership","city":"Bologna","country":"IT","network":"Eurocities","since":"1991","until":null}"#;
        for sql in [
            "INSERT INTO cities (key, name, country) VALUES ('bologna-it', 'Bologna', 'IT'), ('leipzig-de', 'Leipzig', 'DE')".to_string(),
            "INSERT INTO networks (key, name, kind) VALUES ('eurocities', 'Eurocities', 'regional')".into(),
            format!(
                "INSERT INTO facts (id, lineage, kind, body, status, identity, city_key, other_key, network_key, lo, hi, recorded_at, superseded_at, successor) VALUES \
                 (1, 1, 'membership', '{}', 'accepted', 'membership|bologna-it|eurocities', 'bologna-it', NULL, 'eurocities', 19910101, 99991231, '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', 2), \
                 (2, 1, 'membership', '{body}', 'accepted', 'membership|bologna-it|eurocities', 'bologna-it', NULL, 'eurocities', 19910101, 99991231, '2021-01-01T00:00:00Z', NULL, NULL), \
                 (3, 3, 'twinning', '{{\"kind\":\"twinning\",\"city\":\"Bologna\",\"other\":\"Leipzig\",\"since\":\"1962\"}}', 'accepted', 'twinning|bologna-it|leipzig-de', 'bologna-it', 'leipzig-de', NULL, 19620101, 99991231, '2020-01-01T00:00:00Z', NULL, NULL)",
                body.replace("\"1991\"", "null")
            ),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
        }
        pool.close().await;

        let store = if two {
            let (a, b) = tokio::join!(SqlStore::open(url), SqlStore::open(url));
            b.unwrap().close().await;
            a.unwrap()
        } else {
            SqlStore::open(url).await.unwrap()
        };
        let keys: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, identity FROM facts ORDER BY id").fetch_all(&store.pool).await.unwrap();
        assert_eq!(
            keys,
            [
                (1, Some(key_of_identity("membership|bologna-it|eurocities"))),
                (2, Some(key_of_identity("membership|bologna-it|eurocities"))),
                (3, Some(key_of_identity("twinning|bologna-it|leipzig-de"))),
            ]
        );
        let indexes = store.secondary_indexes("facts").await.unwrap();
        assert!(indexes.iter().any(|d| d.contains("facts_current_identity")), "{indexes:?}");
        // Migration 0012 numbered the cities and networks in key order and
        // gave each fact the ids of its keys.
        type Ids = (i64, Option<i64>, Option<i64>, Option<i64>);
        let ids: Vec<Ids> =
            sqlx::query_as("SELECT id, city_id, other_id, network_id FROM facts ORDER BY id").fetch_all(&store.pool).await.unwrap();
        assert_eq!(ids, [(1, Some(1), None, Some(1)), (2, Some(1), None, Some(1)), (3, Some(1), Some(2), None)]);
        assert_eq!(store.mismatched_entity_ids().await.unwrap(), 0);
        let fact: Fact = serde_json::from_str(body).unwrap();
        let refs = Refs { city: Some("bologna-it".into()), network: Some("eurocities".into()), ..Default::default() };
        let input = FactInput { fact, refs, status: Status::Accepted, sources: vec![] };
        let report = store.write(&Batch { facts: vec![input], ..Default::default() }).await.unwrap();
        assert_eq!((report.unchanged, report.ids.as_slice()), (1, &[2][..]), "found by its key: {report:?}");
        store.close().await;
    }

    #[tokio::test]
    async fn identities_of_schema_8_get_keys_on_open_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        identities_of_schema_8_get_keys_on_open(&format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display()), false).await;
    }

    #[tokio::test]
    async fn identities_of_schema_8_get_keys_on_open_on_postgres() {
        let Some(server) = crate::scratch::test_server() else { return };
        let db = crate::scratch::ScratchPostgres::create(&server, "citynets_keys").await.unwrap();
        identities_of_schema_8_get_keys_on_open(&db.url, true).await;
        db.drop().await.unwrap();
    }

    /// On PostgreSQL the keys and the vocabularies' words compare byte by
    /// byte (migration 0011), as every text does on SQLite, whatever the
    /// database's locale; names and texts keep the locale.
    #[tokio::test]
    async fn keys_compare_byte_by_byte_on_postgres() {
        let Some(server) = crate::scratch::test_server() else { return };
        let db = crate::scratch::ScratchPostgres::create(&server, "citynets_collation").await.unwrap();
        let store = SqlStore::open(&db.url).await.unwrap();
        let byte_order: Vec<String> = sqlx::query_scalar(
            "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND collation_name = 'C' ORDER BY 1",
        )
        .fetch_all(&store.pool)
        .await
        .unwrap();
        let keys = [
            "bodies.key", "bodies.network", "cities.country", "cities.key", "countries.code", "facts.body_key", "facts.city_key",
            "facts.kind", "facts.network_key", "facts.other_key", "facts.status", "networks.key", "networks.parent",
        ];
        assert_eq!(byte_order, keys);
        store.close().await;
        db.drop().await.unwrap();
    }

    /// Two identities that share a key (a hash collision, made here by
    /// hand) stay two facts: the key finds candidates, the identity decides,
    /// in a batch's merge and in a review's.
    #[tokio::test]
    async fn facts_whose_identities_share_a_key_stay_apart() {
        let store = SqlStore::open("sqlite::memory:").await.unwrap();
        for sql in [
            "INSERT INTO cities (id, key, name, country) VALUES (1, 'springfield-il', 'Springfield', 'US'), (2, 'springfield-mo', 'Springfield', 'US')",
            "INSERT INTO networks (id, key, name, kind) VALUES (1, 'n', 'N', 'regional')",
        ] {
            sqlx::query(sql).execute(&store.pool).await.unwrap();
        }
        // Two Springfields' memberships: one text, two cities.
        let of = |city: &str, status| {
            let fact = Fact::Membership { city: "Springfield".into(), country: Some("US".into()), network: "N".into(), since: None, until: None };
            FactInput { fact, refs: Refs { city: Some(city.into()), network: Some("n".into()), ..Default::default() }, status, sources: vec![] }
        };
        let write = |input: FactInput| {
            let store = &store;
            async move { store.write(&Batch { facts: vec![input], ..Default::default() }).await.unwrap() }
        };
        let illinois = write(of("springfield-il", Status::Accepted)).await.ids[0];
        let proposal = write(of("springfield-mo", Status::Proposed)).await.ids[0];
        // Illinois's key made Missouri's.
        let missouri = of("springfield-mo", Status::Accepted);
        let missouri_key = identity_key(&missouri.fact, &missouri.refs);
        sqlx::query("UPDATE facts SET identity = $1 WHERE id = $2").bind(missouri_key).bind(illinois).execute(&store.pool).await.unwrap();

        let accepted = store.review(&[proposal], &Decision::Accept, &Note::default()).await.unwrap();
        assert_ne!(accepted, [illinois], "a review merged Missouri into Illinois");
        let report = write(of("springfield-mo", Status::Accepted)).await;
        assert_eq!((report.unchanged, report.ids.as_slice()), (1, accepted.as_slice()), "a batch merged Missouri into Illinois");
    }

    /// Proposed and rejected facts are read through their partial index
    /// (migration 0010): SQLite takes it only for a query that states the
    /// index's condition, which `fact_where` adds.
    #[tokio::test]
    async fn unsettled_facts_are_read_through_their_index() {
        let store = SqlStore::open("sqlite::memory:").await.unwrap();
        for status in Status::ALL {
            let mut sql = Sql::new("EXPLAIN QUERY PLAN SELECT f.id FROM facts f WHERE 1 = 1");
            store.fact_where(&FactQuery { status: Some(*status), ..Default::default() }, &mut sql);
            let plan: Vec<String> = store.fetch(&sql).await.unwrap().iter().map(|r| r.try_get(3).unwrap()).collect();
            let indexed = plan.iter().any(|p| p.contains("USING INDEX facts_unsettled"));
            assert_eq!(indexed, *status != Status::Accepted, "{status:?}: {plan:?}");
        }
    }

    /// A new database file has pages of 16 KiB; one made with smaller
    /// pages keeps them when it is opened again.
    #[tokio::test]
    async fn new_sqlite_files_have_pages_of_16_kib() {
        let dir = tempfile::tempdir().unwrap();
        let page_size = |store: &SqlStore| {
            let pool = store.pool.clone();
            async move { sqlx::query_scalar::<_, i64>("PRAGMA page_size").fetch_one(&pool).await.unwrap() }
        };
        let new = SqlStore::open(dir.path().join("new.db").to_str().unwrap()).await.unwrap();
        assert_eq!(page_size(&new).await, 16384);
        let old = dir.path().join("old.db");
        let conn = sqlx::sqlite::SqliteConnectOptions::new().filename(&old).create_if_missing(true).page_size(4096);
        let mut conn = sqlx::ConnectOptions::connect(&conn).await.unwrap();
        sqlx::query("CREATE TABLE t (x)").execute(&mut conn).await.unwrap();
        sqlx::Connection::close(conn).await.unwrap();
        let old = SqlStore::open(old.to_str().unwrap()).await.unwrap();
        assert_eq!(page_size(&old).await, 4096);
        assert_eq!(old.counts().await.unwrap().cities, 0, "the old file was migrated");
    }

    /// Two writers that both read a version as current (as two PostgreSQL
    /// transactions could under READ COMMITTED without the write lock):
    /// the second to close it fails, and its new version is rolled back.
    #[tokio::test]
    async fn a_version_closed_by_another_writer_is_not_closed_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqlStore::open(dir.path().join("close.db").to_str().unwrap()).await.unwrap();
        let network = Network {
            key: "eurocities".into(),
            name: "EUROCITIES".into(),
            kind: NetworkKind::Regional,
            parent: None,
            aliases: vec![],
            bodies: vec![],
        };
        let fact: Fact = serde_json::from_value(serde_json::json!({"kind": "founded", "network": "EUROCITIES", "year": "1986"})).unwrap();
        let refs = Refs { network: Some("eurocities".into()), ..Refs::default() };
        let input = FactInput { fact: fact.clone(), refs: refs.clone(), status: Status::Accepted, sources: vec![] };
        let id = store.write(&Batch { networks: vec![network], facts: vec![input], ..Default::default() }).await.unwrap().ids[0];

        // The loser reads the version while it is current...
        let mut loser = store.writer(None, None).await.unwrap();
        let stale = loser.current(id).await.unwrap();
        drop(loser);
        // ...the winner changes it...
        let winner = store.change(id, &Change { status: Some(Status::Rejected), ..Default::default() }).await.unwrap();
        // ...and the loser, going on from what it read, cannot close it.
        let mut loser = store.writer(None, None).await.unwrap();
        let err = loser.insert_version(&fact, &refs, Status::Proposed, Some(&stale), &[], None).await.unwrap_err();
        match err {
            StoreError::NotCurrent { id: i, successor } => assert_eq!((i, successor), (id, winner.id)),
            other => panic!("expected NotCurrent, got {other:?}"),
        }
        drop(loser);

        let history = store.history(id).await.unwrap();
        assert_eq!(history.iter().map(|v| v.id).collect::<Vec<_>>(), [id, winner.id], "the loser's version was rolled back");
        assert_eq!(history.iter().filter(|v| v.superseded_at.is_none()).count(), 1);
        assert_eq!(history[0].superseded_by, Some(winner.id), "the winner's close stands");
    }
}
