//! The bulk write path: [`Store::write`](crate::Store::write) of a whole
//! batch in a few statements per thousand facts.
//!
//! The rules are the ones the single-fact path (`sql.rs`) applies, run in
//! memory over the batch:
//!
//! 1. entities and documents go in with multi-row `INSERT`s;
//! 2. every fact is checked (fields, then the cities, network, body and
//!    documents it names) against sets read once per batch; the first bad
//!    fact stops the write with its index;
//! 3. the current facts that share an identity's key (`identity_key`) with
//!    a fact of the batch are read once (by chunks of keys, or by one scan
//!    of the current keys when the batch is large next to the table), with
//!    their sources;
//! 4. the batch is merged fact by fact, in order, against those and against
//!    the facts the batch itself adds, exactly as one write per fact would
//!    (added, corroborated, enriched, unchanged); new versions get their ids
//!    here, from the table's largest id, under the write lock. The merge
//!    runs as the new versions go out, in multi-row `INSERT`s (a load on
//!    PostgreSQL: `COPY`), each version in the statement after the one the
//!    database is running when it is made;
//! 5. then new sources go out, and chunked `UPDATE`s close the versions the
//!    batch replaced and move the valid-time bounds of versions that gained
//!    a source (stored ones, and new ones already written).
//!
//! The write lock makes step 4's ids safe: SQLite's `BEGIN IMMEDIATE`, and on
//! PostgreSQL a transaction-level advisory lock every write transaction
//! takes; after the insert the PostgreSQL sequence is moved past the ids
//! used.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::num::NonZeroI64;
use std::sync::Arc;

use citynets_model::{City, Country, Document, Fact, FactKind, Network, PartialDate, Refs, Status};
use citynets_model::limits;
use futures_util::future::join;
use sqlx::Row;

use crate::merge::{identity, identity_key, merge};
use crate::sql::{content_hash, corrupt, enum_text, json, parse_date, search_names, sqlite_placeholders, Arg, Driver, Sql, Statement, Writer};
use crate::{Backend, Batch, FactInput, Result, StoreError, WriteReport};

/// Sets and maps of a batch's keys, looked up millions of times in a load,
/// with a fast hash (foldhash, already built for hashbrown) instead of the
/// standard library's SipHash.
type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Values per `IN (...)` list when reading by keys.
const KEYS_PER_LOOKUP: usize = 5_000;

/// Inserts `rows` into `table`, many rows per statement, in the way each
/// database takes them fastest: on
/// SQLite as a multi-row `VALUES` list of bound values, whose statement text
/// is built once for all the chunks of one size; on PostgreSQL as one value
/// per column and chunk, an array literal of the column's values, which the
/// server unpacks itself (`unnest`), where a value per column and row costs
/// the driver and the server far more per value. (A JSON array of row
/// objects, unpacked by `json_populate_recordset`, took the server
/// longer; on SQLite the same JSON, unpacked by `json_each`, spends
/// more time parsing and copying JSON than inserting rows.) The values of a
/// column must be of one type, which its first row's value gives. The
/// columns of `same` take one value for every row, bound once per
/// statement (a load's time of record, comment and author: a fifth of a
/// fact's values). `tail` follows the rows (`ON CONFLICT ...`). On
/// PostgreSQL's own connection (a load, see `Tx`) rows without a `tail` go
/// in by `COPY` instead ([`copy_rows`]).
///
/// The next statement is made, rows and bound values, while the database
/// runs one (sqlx runs SQLite on a thread of its own, and PostgreSQL in its
/// server): a load's statements cost about as much to make (a fact's JSON
/// body, a driver's copy of every value) as to run. A row is any list of
/// values (an array needs no allocation of its own): a statement's values
/// go into one vector.
pub(crate) async fn insert_rows<R: IntoIterator<Item = Arg>>(
    w: &mut Writer<'_>,
    table: &str,
    columns: &[&str],
    rows: impl IntoIterator<Item = R, IntoIter: Send>,
    same: &[(&str, Arg)],
    tail: &str,
) -> Result<()> {
    let mut rows = rows.into_iter();
    let list: Vec<&str> = columns.iter().copied().chain(same.iter().map(|(c, _)| *c)).collect();
    if tail.is_empty() && copies(w) {
        return copy_rows(w, table, &list, rows, same).await;
    }
    let mut maker = Inserts {
        driver: w.driver(),
        head: format!("INSERT INTO {table} ({})", list.join(", ")),
        columns: columns.len(),
        same: same.iter().map(|(_, v)| v.clone()).collect(),
        tail,
        text: (0, String::new()),
    };
    let mut next = maker.make(&mut rows)?;
    while let Some(statement) = next {
        let (done, following) = join(w.run(statement), async { maker.make(&mut rows) }).await;
        done?;
        next = following?;
    }
    Ok(())
}

/// Whether [`insert_rows`] writes rows without a `tail` by one `COPY`
/// ([`copy_rows`]): on PostgreSQL's own connection (see `Tx`).
fn copies(w: &Writer<'_>) -> bool {
    w.driver() == Driver::Postgres
}

/// Rows per message of [`copy_rows`].
const ROWS_PER_COPY: usize = 5_000;

/// [`insert_rows`] on PostgreSQL's own connection (see `Tx`), for rows
/// without a `tail`: `COPY` in its binary format, a message of
/// `ROWS_PER_COPY` rows at a time, the next made while the last is sent.
/// The server takes each value's bytes as they are, where the arrays of an
/// `INSERT` (the `Any` driver's way) are parsed as arrays and then
/// unpacked, and `COPY`'s text format is parsed line by line and value by
/// value. Each value must be of
/// its column's type (`Arg::write_copy_binary`): every integer column of
/// the registry is a `bigint`, every real one a `double precision`.
async fn copy_rows<R: IntoIterator<Item = Arg>>(
    w: &mut Writer<'_>,
    table: &str,
    list: &[&str],
    mut rows: impl Iterator<Item = R>,
    same: &[(&str, Arg)],
) -> Result<()> {
    // What ends every row: the values of `same`.
    let mut end = Vec::new();
    for (_, v) in same {
        v.write_copy_binary(&mut end);
    }
    let fields = (list.len() as i16).to_be_bytes();
    // The format's signature, flags and the length of an extension of
    // the header (none).
    let mut data = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0".to_vec();
    let mut make = |mut data: Vec<u8>| {
        for row in rows.by_ref().take(ROWS_PER_COPY) {
            data.extend_from_slice(&fields);
            for v in row {
                v.write_copy_binary(&mut data);
            }
            data.extend_from_slice(&end);
        }
        data
    };
    let freeze = if w.emptied.contains(&table) { ", FREEZE" } else { "" };
    let statement = format!("COPY {table} ({}) FROM STDIN WITH (FORMAT binary{freeze})", list.join(", "));
    let Some(mut copy) = w.copy_in(&statement).await? else { unreachable!("COPY is asked only of PostgreSQL's own connection") };
    data = make(data);
    loop {
        let (sent, following) = join(copy.send(data), async { make(Vec::with_capacity(ROWS_PER_COPY * 256)) }).await;
        sent?;
        data = following;
        if data.is_empty() {
            break;
        }
    }
    // The end of the rows: a count of fields of -1.
    copy.send((-1i16).to_be_bytes().as_slice()).await?;
    copy.finish().await?;
    Ok(())
}

/// The statements of one [`insert_rows`].
struct Inserts<'a> {
    driver: Driver,
    /// `INSERT INTO table (columns)`
    head: String,
    /// Values per row.
    columns: usize,
    /// The values of every row's last columns.
    same: Vec<Arg>,
    tail: &'a str,
    /// The last statement text and, on SQLite, how many rows it has; on
    /// PostgreSQL the one text, made from the first row.
    text: (usize, String),
}

impl Inserts<'_> {
    /// The values of the next `n` rows at most, one row after the other,
    /// and how many rows they are.
    fn values<R: IntoIterator<Item = Arg>>(&self, rows: &mut impl Iterator<Item = R>, n: usize) -> (Vec<Arg>, usize) {
        let mut values = Vec::with_capacity(n * self.columns);
        let mut count = 0;
        for row in rows.take(n) {
            values.extend(row);
            count += 1;
        }
        debug_assert_eq!(values.len(), count * self.columns);
        (values, count)
    }

    /// The next statement, with its values bound; `None` when `rows` are
    /// all in.
    fn make<R: IntoIterator<Item = Arg>>(&mut self, rows: &mut impl Iterator<Item = R>) -> Result<Option<Statement>> {
        if self.driver.backend() == Backend::Sqlite {
            let (values, count) = self.values(rows, SQLITE_VALUES_PER_STATEMENT / self.columns);
            if count == 0 {
                return Ok(None);
            }
            if self.text.0 != count {
                // The values of `same` come first, and the rows in a
                // subquery: their placeholders then run in order.
                let mut t = self.head.clone();
                let mut n = self.same.len();
                if n > 0 {
                    t.push_str(" SELECT *");
                    for i in 1..=n {
                        t.push_str(&format!(", ${i}"));
                    }
                    t.push_str(" FROM (VALUES ");
                } else {
                    t.push_str(" VALUES ");
                }
                for i in 0..count {
                    t.push_str(if i > 0 { ",(" } else { "(" });
                    for j in 0..self.columns {
                        n += 1;
                        t.push_str(&format!("{}${n}", if j > 0 { "," } else { "" }));
                    }
                    t.push(')');
                }
                if !self.same.is_empty() {
                    // (`WHERE true` keeps `ON CONFLICT` from reading as a
                    // join's `ON`.)
                    t.push_str(") WHERE true");
                }
                t.push_str(self.tail);
                self.text = (count, sqlite_placeholders(&t));
            }
            let values = self.same.iter().cloned().chain(values).collect();
            return Sql::with_args(&self.text.1, values).into_statement(self.driver).map(Some);
        }
        let (values, count) = self.values(rows, ROWS_PER_STATEMENT);
        if count == 0 {
            return Ok(None);
        }
        let first = &values[..self.columns];
        if self.text.1.is_empty() {
            // Each column's array type, from the first row's values (a NULL
            // is typed too). `WHERE true` keeps a parser from reading `ON
            // CONFLICT` as a join's `ON`.
            let c = self.same.len();
            let same: String = self.same.iter().enumerate().map(|(i, a)| format!(", CAST(${} AS {})", i + 1, a.postgres_type())).collect();
            let arrays: Vec<String> = first.iter().enumerate().map(|(j, a)| format!("CAST(${} AS {}[])", c + j + 1, a.postgres_type())).collect();
            self.text.1 = format!("{} SELECT *{same} FROM unnest({}) WHERE true{}", self.head, arrays.join(", "), self.tail);
        }
        let mut sql = Sql::new(&self.text.1);
        for a in self.same.iter().cloned().chain(column_arrays(&values, self.columns)) {
            sql.args_push(a);
        }
        sql.into_statement(self.driver).map(Some)
    }
}

/// One PostgreSQL array literal per column of `values` (rows of `columns`
/// values, one row after the other), for `unnest` to turn back into rows.
fn column_arrays(values: &[Arg], columns: usize) -> impl Iterator<Item = Arg> + '_ {
    (0..columns).map(move |j| {
        let mut array = String::with_capacity(values.len() / columns * 16);
        array.push('{');
        for (i, value) in values.iter().skip(j).step_by(columns).enumerate() {
            if i > 0 {
                array.push(',');
            }
            value.write_array_element(&mut array);
        }
        array.push('}');
        Arg::Text(array)
    })
}

/// How many KiB of changed pages a load in WAL mode keeps in memory
/// before it spills them into the WAL (`PRAGMA cache_spill`): 4 GiB, the
/// pages of a load of about 5 million facts, which then stay in memory
/// until the commit. Every page that spills goes into the WAL, and every
/// read of one (the index builds read the whole table) searches the WAL's
/// index. SQLite takes the memory only as pages are changed. Out of WAL
/// mode (see `SqlStore::open_for_loading`) a load spills at the ordinary
/// cache size: its new pages go straight into the file.
const LOAD_SPILL_KIB: u64 = 4 << 20;

/// The SQLite page cache while a load builds its indexes, in KiB. SQLite's
/// sorter sorts runs of at most the cache's size, each on a helper thread,
/// then merges them: small runs fit the CPU's caches, where a large cache
/// sorts all the keys at once. The changed pages stay (`LOAD_SPILL_KIB`).
const SORT_PAGE_CACHE_KIB: u64 = 4 << 10;

/// Rows per statement of [`insert_rows`] on PostgreSQL.
const ROWS_PER_STATEMENT: usize = 5_000;

/// Bound values per statement of [`insert_rows`] on SQLite, which takes at
/// most 32,766.
const SQLITE_VALUES_PER_STATEMENT: usize = 32_000;

/// A write of at least this many facts, and at least as many as the table
/// holds (a load), builds the secondary indexes after its rows instead of
/// updating them row by row (see [`IndexesAside`]). It is decided by the
/// batch's size, before the merge, whose new versions go out as it makes
/// them: a load of facts already stored rebuilds the indexes for nothing.
pub(crate) const LOAD_THEN_INDEX: usize = 50_000;

/// Whether a write of `facts` facts into a table whose largest id is
/// `stored` is a load (see [`LOAD_THEN_INDEX`]): the write's indexes (here)
/// and its journal (`SqlStore::write_connection`) are chosen by it.
pub(crate) fn is_load(facts: usize, stored: i64) -> bool {
    facts >= LOAD_THEN_INDEX && facts as i64 >= stored
}

/// The secondary indexes of some tables, dropped for a bulk load and built
/// again (by [`Writer::rebuild_indexes`]) in the same transaction once the
/// rows are in. Building an index once is a sort of its keys; updating it
/// row by row inserts each key at a random place of a B-tree that soon
/// outgrows the page cache: from a few hundred thousand rows on the first
/// is much cheaper, and the gap grows with the table. The
/// definitions are read from the database itself, so the migrations stay
/// their only source. Indexes that back a key or a uniqueness constraint
/// stay, as `ON CONFLICT` and the merge need them. On PostgreSQL the
/// tables' foreign keys may go aside too (see
/// [`Writer::set_indexes_aside`]): the bulk path has checked every
/// reference against the registry before it writes.
///
/// Readers do not notice on SQLite, whose readers see the last committed
/// state; on PostgreSQL the dropped indexes lock the table until the commit,
/// which is why only a write at least as large as the table does this.
#[must_use = "the indexes must be rebuilt"]
pub(crate) struct IndexesAside {
    definitions: Vec<String>,
}

/// The kinds of constraint a load sets aside ([`Writer::drop_constraints`]).
enum Constraint {
    ForeignKey,
    PrimaryKey,
}

/// Partial indexes that hold a small part of a load's rows, and stay
/// through it: a build reads the whole table (for the lineages' index,
/// whose rows are only the later versions of a lineage, a small part of a
/// load), where the rows that go into it one by one cost next to nothing.
const KEPT_THROUGH_LOADS: &[&str] = &["facts_lineage"];

/// Runs `SELECT ... WHERE column IN (keys)` by chunks; `head` ends with
/// `IN (`.
async fn select_in(w: &mut Writer<'_>, head: &str, keys: Vec<Arg>, tail: &str) -> Result<Vec<sqlx::any::AnyRow>> {
    let mut out = Vec::new();
    for chunk in keys.chunks(KEYS_PER_LOOKUP) {
        let mut sql = Sql::new(head);
        sql.bind_list(chunk.iter().cloned()).push(")").push(tail);
        out.extend(w.rows(&sql).await?);
    }
    Ok(out)
}

/// Sets `columns` of the rows of `table` whose ids `rows` lists, each row to
/// its own values (and `extra`'s column to one value for all), where
/// `guard` (`AND ...`) holds; returns how many rows changed. The new values
/// come as a list joined on the id (`UPDATE ... FROM`): on SQLite a
/// `VALUES` list of bound values, on PostgreSQL one array per column,
/// unpacked by `unnest`, 5,000 rows a statement. (A `CASE id WHEN k THEN v
/// ... END` per column is searched one `WHEN` at a time: its cost grows
/// with the square of a chunk's size.)
pub(crate) async fn update_by_key(
    w: &mut Writer<'_>,
    table: &str,
    columns: &[&str],
    extra: Option<(&str, Arg)>,
    guard: &str,
    rows: &[(i64, Vec<Arg>)],
) -> Result<u64> {
    let per = match w.backend {
        Backend::Sqlite => SQLITE_VALUES_PER_STATEMENT / (columns.len() + 1),
        Backend::Postgres => ROWS_PER_STATEMENT,
    };
    let mut changed = 0;
    for chunk in rows.chunks(per) {
        let mut sql = Sql::new(&format!("UPDATE {table} SET "));
        for (j, c) in columns.iter().enumerate() {
            sql.push(&format!("{}{c} = v.c{j}", if j > 0 { ", " } else { "" }));
        }
        if let Some((c, v)) = &extra {
            sql.push(&format!(", {c} = ")).bind(v.clone());
        }
        match w.backend {
            Backend::Sqlite => {
                // (A `VALUES` list's columns are column1, column2, ...)
                let names: Vec<String> = (0..columns.len()).map(|j| format!(", column{} AS c{j}", j + 2)).collect();
                sql.push(&format!(" FROM (SELECT column1 AS id{} FROM (VALUES ", names.concat()));
                for (i, (id, values)) in chunk.iter().enumerate() {
                    sql.push(if i > 0 { ", (" } else { "(" }).bind(*id);
                    for v in values {
                        sql.push(", ").bind(v.clone());
                    }
                    sql.push(")");
                }
                sql.push(")) AS v");
            }
            Backend::Postgres => {
                // Each column's array type, from the first row's values.
                let values: Vec<Arg> = chunk.iter().flat_map(|(id, values)| std::iter::once(Arg::Int(*id)).chain(values.iter().cloned())).collect();
                sql.push(" FROM unnest(");
                for (j, array) in column_arrays(&values, columns.len() + 1).enumerate() {
                    sql.push(if j > 0 { ", CAST(" } else { "CAST(" }).bind(array).push(&format!(" AS {}[])", values[j].postgres_type()));
                }
                let names: Vec<String> = (0..columns.len()).map(|j| format!(", c{j}")).collect();
                sql.push(&format!(") AS v(id{})", names.concat()));
            }
        }
        sql.push(&format!(" WHERE {table}.id = v.id")).push(guard);
        changed += w.exec_count(&sql).await?;
    }
    Ok(changed)
}

impl Writer<'_> {
    /// The secondary indexes of `table` (those that back no key or
    /// uniqueness constraint): names and definitions, by name.
    pub(crate) async fn secondary_indexes(&mut self, table: &str) -> Result<Vec<(String, String)>> {
        let mut sql = Sql::new(match self.backend {
            Backend::Sqlite => "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
                                AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name = ",
            Backend::Postgres => "SELECT CAST(c.relname AS TEXT), pg_get_indexdef(c.oid) FROM pg_index x \
                                  JOIN pg_class c ON c.oid = x.indexrelid \
                                  WHERE NOT x.indisunique AND NOT x.indisprimary AND x.indrelid = CAST(CAST(",
        });
        sql.bind(table);
        if self.backend == Backend::Postgres {
            sql.push(" AS TEXT) AS regclass)");
        }
        sql.push(" ORDER BY 1");
        self.rows(&sql).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// Drops the secondary indexes of `tables`, and on PostgreSQL their
    /// foreign keys when `foreign_keys`: see [`IndexesAside`]. (A restore
    /// keeps the foreign keys, so that a dangling reference is refused at
    /// the line of the backup that holds it.)
    pub(crate) async fn set_indexes_aside(&mut self, tables: &[&str], foreign_keys: bool) -> Result<IndexesAside> {
        let mut definitions = Vec::new();
        for table in tables {
            for (name, definition) in self.secondary_indexes(table).await? {
                if KEPT_THROUGH_LOADS.contains(&name.as_str()) {
                    continue;
                }
                self.exec(&Sql::new(&format!("DROP INDEX \"{name}\""))).await?;
                definitions.push(definition);
            }
        }
        if self.backend == Backend::Sqlite {
            let mode: String = self.rows(&Sql::new("PRAGMA journal_mode")).await?[0].try_get(0)?;
            if mode.eq_ignore_ascii_case("wal") {
                self.exec(&Sql::new(&format!("PRAGMA cache_spill = -{LOAD_SPILL_KIB}"))).await?;
            }
        }
        // PostgreSQL checks a foreign key row by row with a trigger, which
        // costs a load more than the insert itself. The constraints come
        // back `NOT VALID`: enforced for every later write, without a scan
        // of the rows this load wrote, whose every reference it has checked
        // itself, as on
        // SQLite, which cannot drop a constraint: a bulk write's connection
        // turns its checks off instead (`SqlStore::write_connection`).
        // `ALTER TABLE ... VALIDATE CONSTRAINT` checks the rows when asked
        // (docs/deploy.md).
        if self.backend == Backend::Postgres && foreign_keys {
            for table in tables {
                for definition in self.drop_constraints(table, Constraint::ForeignKey).await? {
                    let unchecked = if definition.ends_with("NOT VALID") { "" } else { " NOT VALID" };
                    definitions.push(format!("{definition}{unchecked}"));
                }
            }
        }
        tracing::debug!(indexes = definitions.len(), "bulk write: indexes set aside");
        Ok(IndexesAside { definitions })
    }

    /// Drops `table`'s constraints of one kind, on PostgreSQL, and returns
    /// the statements that add them back, by name.
    async fn drop_constraints(&mut self, table: &str, kind: Constraint) -> Result<Vec<String>> {
        let contype = match kind {
            Constraint::ForeignKey => "'f'",
            Constraint::PrimaryKey => "'p'",
        };
        let mut sql = Sql::new(&format!(
            "SELECT CAST(conname AS TEXT), pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = {contype} AND conrelid = CAST(CAST("
        ));
        sql.bind(table).push(" AS TEXT) AS regclass) ORDER BY 1");
        let mut add = Vec::new();
        for r in self.rows(&sql).await? {
            let (name, definition): (String, String) = (r.try_get(0)?, r.try_get(1)?);
            self.exec(&Sql::new(&format!("ALTER TABLE {table} DROP CONSTRAINT \"{name}\""))).await?;
            add.push(format!("ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}"));
        }
        Ok(add)
    }

    /// Makes a first load into `tables` cheaper on PostgreSQL's own
    /// connection, when they hold no rows (and their foreign keys are
    /// `aside`), in two ways:
    ///
    /// - it truncates them, so that [`copy_rows`] freezes the rows it
    ///   writes: `COPY ... WITH (FREEZE)`, which PostgreSQL allows only into
    ///   a table created or truncated in the same transaction, writes its
    ///   rows visible to every later transaction and marks their pages so.
    ///   No page is then left for the vacuum after the load to mark (which
    ///   index-only scans need, see `SqlStore::analyze`; it read the whole
    ///   table), nor for the first reads to dirty again with hint bits (the
    ///   index builds read the table once each). `TRUNCATE` takes the lock
    ///   that `DROP INDEX` already took. (PostgreSQL's one exception to its
    ///   snapshots: a repeatable-read transaction that began before the
    ///   load committed sees the frozen rows, as it sees a truncated table
    ///   empty. Only a read that began during a first load can tell.)
    /// - it sets their primary keys aside with the other indexes: a `COPY`
    ///   into a table with its key spends more on the key's index, row by
    ///   row, than a build after it. Nothing reads a row by its
    ///   id before the build: the table held no version to close.
    pub(crate) async fn empty_for_load(&mut self, tables: &[&'static str], aside: &mut IndexesAside) -> Result<()> {
        for table in tables {
            if !self.rows(&Sql::new(&format!("SELECT 1 FROM {table} LIMIT 1"))).await?.is_empty() {
                return Ok(());
            }
        }
        self.exec(&Sql::new(&format!("TRUNCATE {}", tables.join(", ")))).await?;
        self.emptied.extend(tables);
        for table in tables {
            // Built first, before the foreign keys that need them.
            let keys = self.drop_constraints(table, Constraint::PrimaryKey).await?;
            aside.definitions.splice(0..0, keys);
        }
        Ok(())
    }

    /// Builds the indexes [`Writer::set_indexes_aside`] dropped, and on
    /// SQLite gives the connection back its ordinary cache settings.
    pub(crate) async fn rebuild_indexes(&mut self, aside: IndexesAside) -> Result<()> {
        match self.backend {
            // The default (64 MB) sorts a large index on disk, in runs.
            Backend::Postgres => self.exec(&Sql::new("SET LOCAL maintenance_work_mem = '512MB'")).await?,
            Backend::Sqlite => self.exec(&Sql::new(&format!("PRAGMA cache_size = -{SORT_PAGE_CACHE_KIB}"))).await?,
        }
        for definition in &aside.definitions {
            let started = std::time::Instant::now();
            self.exec(&Sql::new(definition)).await?;
            tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "bulk write: {definition}");
        }
        if self.backend == Backend::Sqlite {
            self.exec(&Sql::new(&format!("PRAGMA cache_size = -{}", crate::sql::PAGE_CACHE_KIB))).await?;
            // SQLite's default: spill at the cache's size.
            self.exec(&Sql::new("PRAGMA cache_spill = 1")).await?;
        }
        Ok(())
    }

    pub(crate) async fn put_countries(&mut self, countries: &[Country]) -> Result<()> {
        let mut seen = HashSet::new();
        let rows: Vec<Vec<Arg>> = countries.iter().filter(|c| seen.insert(c.code.as_str())).map(|c| {
            vec![c.code.as_str().into(), c.name.as_str().into(), json(&c.names).into(), c.region.clone().into(), c.subregion.clone().into()]
        }).collect();
        insert_rows(self, "countries", &["code", "name", "names", "region", "subregion"], rows, &[], " ON CONFLICT (code) DO NOTHING").await
    }

    pub(crate) async fn put_networks(&mut self, networks: &[Network]) -> Result<()> {
        // The last statement of a network wins, as one upsert after another would.
        let mut last: HashMap<&str, &Network> = HashMap::new();
        let mut order = Vec::new();
        for n in networks {
            if last.insert(n.key.as_str(), n).is_none() {
                order.push(n.key.as_str());
            }
        }
        let nets: Vec<&Network> = order.iter().map(|k| last[k]).collect();
        let mut id = self.next_id("networks").await?;
        let rows: Vec<Vec<Arg>> = nets
            .iter()
            .map(|n| {
                id += 1;
                vec![n.key.as_str().into(), n.name.as_str().into(), enum_text(&n.kind).into(), json(&n.aliases).into(), Arg::Int(id)]
            })
            .collect();
        insert_rows(
            self,
            "networks",
        &["key", "name", "kind", "aliases", "id"],
            rows,
            &[],
            " ON CONFLICT (key) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases",
        )
        .await?;
        let mut bodies: Vec<Vec<Arg>> = Vec::new();
        let mut seen = HashSet::new();
        for n in &nets {
            for (i, b) in n.bodies.iter().enumerate().rev() {
                // Reversed so that the last of two same-keyed bodies wins.
                if seen.insert((n.key.as_str(), b.key.as_str())) {
                    bodies.push(vec![
                        n.key.as_str().into(),
                        b.key.as_str().into(),
                        b.name.as_str().into(),
                        enum_text(&b.kind).into(),
                        json(&b.aliases).into(),
                        (i as i64).into(),
                    ]);
                }
            }
        }
        insert_rows(
            self,
            "bodies",
        &["network", "key", "name", "kind", "aliases", "position"],
            bodies,
            &[],
            " ON CONFLICT (network, key) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
             aliases = excluded.aliases, position = excluded.position",
        )
        .await?;
        // Parents may come after their children: link them once all exist.
        for n in &nets {
            let mut sql = Sql::new("UPDATE networks SET parent = ");
            sql.bind(n.parent.clone()).push(" WHERE key = ").bind(n.key.as_str());
            self.exec(&sql).await?;
        }
        Ok(())
    }

    pub(crate) async fn put_cities(&mut self, cities: &[City]) -> Result<()> {
        let mut seen = HashSet::new();
        let mut id = self.next_id("cities").await?;
        let rows: Vec<Vec<Arg>> = cities.iter().filter(|c| seen.insert(c.key.as_str())).map(|c| {
            id += 1;
            vec![
                Arg::Int(id),
                c.key.as_str().into(),
                c.name.as_str().into(),
                c.country.as_str().into(),
                c.region.clone().into(),
                c.lat.into(),
                c.lon.into(),
                c.population.into(),
                c.geonames_id.into(),
                c.wikidata_id.clone().into(),
                json(&c.names).into(),
                search_names(c).into(),
            ]
        }).collect();
        insert_rows(
            self,
            "cities",
        &["id", "key", "name", "country", "region", "lat", "lon", "population", "geonames_id", "wikidata_id", "names", "search_names"],
            rows,
            &[],
            // A city stored before regions were known gets its region.
            " ON CONFLICT (key) DO UPDATE SET region = excluded.region \
             WHERE cities.region IS NULL AND excluded.region IS NOT NULL",
        )
        .await
    }

    /// The last id of `table`'s rows (cities, networks): a new row takes
    /// the next. An entity already stored keeps its id (the insert of one
    /// again does nothing, or updates what it says), and leaves the id it
    /// was offered unused. Under the write lock, as fact ids are.
    async fn next_id(&mut self, table: &'static str) -> Result<i64> {
        Ok(self.rows(&Sql::new(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))).await?[0].try_get(0)?)
    }

    pub(crate) async fn put_documents(&mut self, docs: &[Document]) -> Result<()> {
        for d in docs {
            d.validate().map_err(|e| StoreError::Field { field: e.field.into(), message: format!("document '{}': {}", limits::excerpt(&d.key), e.message) })?;
        }
        let mut seen = HashSet::new();
        let now = self.now.clone();
        let rows: Vec<Vec<Arg>> = docs.iter().filter(|d| seen.insert(d.key.as_str())).map(|d| {
            vec![
                d.key.as_str().into(),
                d.title.clone().into(),
                d.url.clone().into(),
                d.language.clone().into(),
                d.published.map(|p| p.to_string()).into(),
                d.text.clone().into(),
                d.text.as_deref().map(content_hash).into(),
                now.clone().into(),
            ]
        }).collect();
        insert_rows(
            self,
            "documents",
        &["key", "title", "url", "language", "published", "text", "content_hash", "added_at"],
            rows,
            &[],
            " ON CONFLICT (key) DO NOTHING",
        )
        .await
    }

    /// The ids of those of `keys` that are in `table` (cities, networks),
    /// read once a write: the check looks every fact's keys up in the one
    /// map this returns, and the rows take their ids from it.
    async fn ids_of<'k>(&mut self, table: &'static str, keys: FastSet<&'k str>) -> Result<FastMap<&'k str, i64>> {
        let list = keys.iter().map(|k| Arg::from(*k)).collect();
        let mut found = FastMap::default();
        for r in select_in(self, &format!("SELECT key, id FROM {table} WHERE key IN ("), list, "").await? {
            let (key, id): (&str, i64) = (r.try_get(0)?, r.try_get(1)?);
            if let Some(k) = keys.get(key) {
                found.insert(*k, id);
            }
        }
        Ok(found)
    }

    /// Ids of documents by key, with the length in characters of the text
    /// the registry keeps of each (spans end within it); their publication
    /// dates go to `published`.
    async fn documents_by_key(&mut self, keys: FastSet<&str>) -> Result<FastMap<String, (i64, Option<usize>)>> {
        let mut out = FastMap::default();
        let list = keys.iter().map(|k| Arg::from(*k)).collect();
        let rows = select_in(self, "SELECT id, key, published, length(text) FROM documents WHERE key IN (", list, "").await?;
        for r in rows {
            let id: i64 = r.try_get(0)?;
            let chars = r.try_get::<Option<i64>, _>(3)?.map(|n| n as usize);
            out.insert(r.try_get(1)?, (id, chars));
            self.published.insert(id, parse_date(r.try_get(2)?)?);
        }
        Ok(out)
    }

    /// Publication dates of the documents in `ids` not read yet.
    async fn load_published(&mut self, ids: impl IntoIterator<Item = i64>) -> Result<()> {
        let missing: HashSet<i64> = ids.into_iter().filter(|id| !self.published.contains_key(id)).collect();
        let rows = select_in(self, "SELECT id, published FROM documents WHERE id IN (", missing.iter().map(|i| Arg::Int(*i)).collect(), "").await?;
        for r in rows {
            self.published.insert(r.try_get(0)?, parse_date(r.try_get(1)?)?);
        }
        Ok(())
    }

    /// The current facts whose identity has one of `keys` (see
    /// [`identity_key`]), in id order, with their sources, from a table
    /// whose largest id is `max`.
    async fn current_with_identities(&mut self, keys: &FastSet<i64>, max: i64, batch_facts: usize) -> Result<Vec<Known<'static>>> {
        if keys.is_empty() || max == 0 {
            return Ok(Vec::new());
        }
        // A large batch next to the table reads every current identity key
        // once instead of looking its own up chunk by chunk.
        let ids: Vec<i64> = if batch_facts as i64 * 4 >= max {
            let rows = self.rows(&Sql::new("SELECT identity, id FROM facts WHERE superseded_at IS NULL")).await?;
            let mut ids = Vec::new();
            for r in rows {
                if keys.contains(&r.try_get::<i64, _>(0)?) {
                    ids.push(r.try_get(1)?);
                }
            }
            ids
        } else {
            let rows = select_in(
                self,
                "SELECT id FROM facts WHERE superseded_at IS NULL AND identity IN (",
                keys.iter().map(|k| Arg::Int(*k)).collect(),
                "",
            )
            .await?;
            rows.iter().map(|r| r.try_get(0)).collect::<std::result::Result<_, _>>()?
        };
        let rows = select_in(
            self,
            "SELECT id, lineage, body, status, city_key, other_key, network_key, body_key, identity FROM facts WHERE id IN (",
            ids.iter().map(|i| Arg::Int(*i)).collect(),
            "",
        )
        .await?;
        let mut known = Vec::with_capacity(rows.len());
        let mut at = HashMap::new();
        for r in &rows {
            let c = crate::sql::current_from_row(r)?;
            at.insert(c.id, known.len());
            known.push(Known {
                id: c.id,
                lineage: c.lineage,
                identity: r.try_get(8)?,
                fact: Held::Owned(Box::new(c.fact)),
                refs: Held::Owned(Box::new(c.refs)),
                status: c.status,
                sources: Vec::new(),
                stored_sources: 0,
                new: false,
                open: false,
                grown: false,
                supersedes: None,
                closed_by: None,
            });
        }
        let rows = select_in(
            self,
            "SELECT fact_id, document_id, quote, span_start, span_end, confidence, cue FROM fact_sources WHERE fact_id IN (",
            ids.iter().map(|i| Arg::Int(*i)).collect(),
            " ORDER BY fact_id, document_id",
        )
        .await?;
        for r in &rows {
            let k = at[&r.try_get::<i64, _>(0)?];
            known[k].sources.push(SourceRow {
                document: r.try_get(1)?,
                quote: r.try_get(2)?,
                start: r.try_get(3)?,
                end: r.try_get(4)?,
                confidence: r.try_get::<Option<f64>, _>(5)?.map(|c| c as f32),
                cue: r.try_get(6)?,
            });
        }
        let mut docs = HashSet::new();
        for k in &mut known {
            k.stored_sources = k.sources.len() as u32;
            docs.extend(k.sources.iter().map(|s| s.document));
        }
        self.load_published(docs).await?;
        known.sort_by_key(|k| k.id);
        Ok(known)
    }
}

/// The valid-time bounds of `fact` stated by the documents `docs`, whose
/// publication dates `published` holds (the earliest is the start of a
/// fact without one).
fn bounds_of(published: &HashMap<i64, Option<PartialDate>>, fact: &Fact, docs: impl IntoIterator<Item = i64>) -> (i64, i64) {
    let first: Option<PartialDate> = docs.into_iter().filter_map(|d| published.get(&d).copied().flatten()).min();
    let (lo, hi) = fact.valid_time().bounds(first);
    (lo as i64, hi as i64)
}

/// A source row of a fact.
#[derive(Clone, Debug)]
struct SourceRow {
    document: i64,
    quote: Option<String>,
    start: Option<i64>,
    end: Option<i64>,
    confidence: Option<f32>,
    cue: Option<String>,
}

/// A value borrowed from the batch, or one of the merge's own, boxed: a
/// load holds a [`Known`] per fact, and a small one costs less memory to
/// fill (a `Cow` would hold a whole fact in each).
#[derive(Clone)]
enum Held<'a, T> {
    Borrowed(&'a T),
    Owned(Box<T>),
}

impl<T> std::ops::Deref for Held<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Held::Borrowed(v) => v,
            Held::Owned(v) => v,
        }
    }
}

/// A fact version the merge works on: a stored current one, or one this
/// batch adds (borrowed from the batch until a merge changes it).
struct Known<'a> {
    id: i64,
    lineage: i64,
    /// The key of its identity ([`identity_key`]): [`Merge::current`]'s key.
    identity: i64,
    fact: Held<'a, Fact>,
    refs: Held<'a, Refs>,
    status: Status,
    sources: Vec<SourceRow>,
    /// How many of `sources` are stored already.
    stored_sources: u32,
    /// Added by this batch.
    new: bool,
    /// In [`Merge::current`] when it was made: a later fact of the batch
    /// may still close it or give it a source, so on PostgreSQL a new
    /// version goes out once the batch is merged, final (see `write_batch`).
    open: bool,
    /// Gained a source after it was read or made: its valid-time bounds
    /// are written again if it was stored or had gone out.
    grown: bool,
    /// (Ids are positive: `NonZeroI64` keeps an `Option` of one in 8
    /// bytes, where an `Option<i64>` takes 16.)
    supersedes: Option<NonZeroI64>,
    /// The version that replaced this one in this batch.
    closed_by: Option<NonZeroI64>,
}

// A load holds one version a fact, and a map entry an identity that more
// than one of its facts has.
const _: () = assert!(std::mem::size_of::<Known<'static>>() == 104);
const _: () = assert!(std::mem::size_of::<Versions>() == 16);

impl Known<'_> {
    fn has_document(&self, d: i64) -> bool {
        self.sources.iter().any(|s| s.document == d)
    }
}

enum Outcome {
    Added,
    Corroborated,
    Enriched,
    Unchanged,
}

/// The batch merged in memory: every version, current by identity.
struct Merge<'a> {
    facts: Vec<Known<'a>>,
    /// Current versions by the key of their identity, in id order (indexes
    /// into `facts`): candidates, whose identity decides. It holds the
    /// versions a later fact of the batch may meet: stored ones, those a
    /// merge made, and those of facts whose key `shared` holds; a version
    /// whose key no other fact of the batch has is left out. (A map of
    /// every version of a load is large, filled at random, and costs a
    /// cache miss a fact.)
    current: FastMap<i64, Versions>,
    /// The keys that more than one fact of the batch has ([`shared_keys`]).
    shared: FastSet<i64>,
    next_id: i64,
}

/// The current versions of one identity, in id order: almost always one,
/// kept without a heap allocation of its own, in 16 bytes (a load has
/// millions, and the map keeps room for more).
#[derive(Clone)]
enum Versions {
    None,
    One(usize),
    /// More than one (or, after a removal, fewer).
    #[allow(clippy::box_collection, reason = "a thin pointer keeps the value in 16 bytes; a `Vec` would take 32")]
    Many(Box<Vec<usize>>),
}

impl Versions {
    fn as_slice(&self) -> &[usize] {
        match self {
            Versions::None => &[],
            Versions::One(one) => std::slice::from_ref(one),
            Versions::Many(many) => many,
        }
    }

    fn push(&mut self, i: usize) {
        match self {
            Versions::None => *self = Versions::One(i),
            Versions::One(first) => *self = Versions::Many(Box::new(vec![*first, i])),
            Versions::Many(many) => many.push(i),
        }
    }

    fn remove(&mut self, i: usize) {
        match self {
            Versions::One(only) if *only == i => *self = Versions::None,
            Versions::None | Versions::One(_) => {}
            Versions::Many(many) => many.retain(|&k| k != i),
        }
    }
}

impl<'a> Merge<'a> {
    fn push(&mut self, mut k: Known<'a>) -> usize {
        let i = self.facts.len();
        k.open = true;
        match self.current.entry(k.identity) {
            Entry::Occupied(mut e) => e.get_mut().push(i),
            Entry::Vacant(e) => {
                e.insert(Versions::One(i));
            }
        }
        self.facts.push(k);
        i
    }

    fn take_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// One fact of the batch, as `add_fact` of the single-fact path would
    /// write it.
    fn add(&mut self, input: &'a FactInput, key: i64, sources: Vec<SourceRow>) -> (Outcome, i64) {
        let mut candidates = self.current.get(&key).cloned().unwrap_or(Versions::None);
        // Versions whose identity only shares its key are none of its own
        // (rare: the identities are computed only when the key is shared).
        if !matches!(candidates, Versions::None) {
            let ident = identity(&input.fact, &input.refs);
            for k in candidates.as_slice().to_vec() {
                if identity(&self.facts[k].fact, &self.facts[k].refs) != ident {
                    candidates.remove(k);
                }
            }
        }
        if input.status == Status::Accepted {
            for &k in candidates.as_slice() {
                let c = &self.facts[k];
                if c.status != Status::Accepted {
                    continue;
                }
                let Some(merged) = merge(&c.fact, &input.fact) else { continue };
                let mut fresh: Vec<SourceRow> = Vec::new();
                for s in &sources {
                    if !c.has_document(s.document) && !fresh.iter().any(|f| f.document == s.document) {
                        fresh.push(s.clone());
                    }
                }
                if merged == *c.fact {
                    if fresh.is_empty() {
                        return (Outcome::Unchanged, c.id);
                    }
                    let id = c.id;
                    self.facts[k].sources.extend(fresh);
                    self.facts[k].grown = true;
                    return (Outcome::Corroborated, id);
                }
                let id = self.take_id();
                let c = &self.facts[k];
                let mut all = c.sources.clone();
                all.extend(fresh);
                let next = Known {
                    id,
                    lineage: c.lineage,
                    identity: identity_key(&merged, &c.refs),
                    fact: Held::Owned(Box::new(merged)),
                    refs: c.refs.clone(),
                    status: Status::Accepted,
                    sources: all,
                    stored_sources: 0,
                    new: true,
                    open: false,
                    grown: false,
                    supersedes: NonZeroI64::new(c.id),
                    closed_by: None,
                };
                self.close(k, id);
                self.push(next);
                return (Outcome::Enriched, id);
            }
        } else {
            // A proposal (or rejection) already on record from the same
            // sources changes nothing: re-reading a text must not resurrect
            // what a reviewer settled.
            for &k in candidates.as_slice() {
                let c = &self.facts[k];
                if merge(&c.fact, &input.fact).as_ref() == Some(&c.fact)
                    && sources.iter().all(|s| c.has_document(s.document))
                    && (c.status != Status::Proposed || *c.fact == input.fact)
                {
                    return (Outcome::Unchanged, c.id);
                }
            }
        }
        let id = self.take_id();
        // One row a document: the first of each, in order.
        let mut own = sources;
        let mut kept = 0;
        for j in 0..own.len() {
            if !own[..kept].iter().any(|o| o.document == own[j].document) {
                own.swap(kept, j);
                kept += 1;
            }
        }
        own.truncate(kept);
        let k = Known {
            id,
            lineage: id,
            identity: key,
            fact: Held::Borrowed(&input.fact),
            refs: Held::Borrowed(&input.refs),
            status: input.status,
            sources: own,
            stored_sources: 0,
            new: true,
            open: false,
            grown: false,
            supersedes: None,
            closed_by: None,
        };
        if self.shared.contains(&key) {
            self.push(k);
        } else {
            self.facts.push(k);
        }
        (Outcome::Added, id)
    }

    fn close(&mut self, k: usize, successor: i64) {
        self.facts[k].closed_by = NonZeroI64::new(successor);
        if let Some(versions) = self.current.get_mut(&self.facts[k].identity) {
            versions.remove(k);
        }
    }
}

impl crate::SqlStore {
    /// The definitions of `table`'s secondary indexes as the database holds
    /// them, by name: what a bulk load sets aside and builds again.
    pub async fn secondary_indexes(&self, table: &str) -> Result<Vec<String>> {
        let mut r = self.reader().await?;
        Ok(r.secondary_indexes(table).await?.into_iter().map(|(_, d)| d).collect())
    }
}

/// The identity keys that more than one fact of `checked` has: on every
/// core for a large batch, each core sorting the keys of one residue class
/// (keys are hashes, spread evenly).
fn shared_keys(checked: &[Vec<i64>]) -> FastSet<i64> {
    let facts: usize = checked.iter().map(Vec::len).sum();
    let lanes = if facts < PARALLEL_FROM { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    let lane = |l: usize| -> Vec<i64> {
        let mut keys: Vec<i64> = checked.iter().flatten().copied().filter(|k| k.rem_euclid(lanes as i64) as usize == l).collect();
        keys.sort_unstable();
        let mut shared = Vec::new();
        for w in keys.windows(2) {
            if w[0] == w[1] && shared.last() != Some(&w[0]) {
                shared.push(w[0]);
            }
        }
        shared
    };
    std::thread::scope(|s| {
        let others: Vec<_> = (1..lanes).map(|l| s.spawn(move || lane(l))).collect();
        let mut shared: FastSet<i64> = lane(0).into_iter().collect();
        for o in others {
            shared.extend(o.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        shared
    })
}

/// Batches smaller than this are worked on in one thread.
const PARALLEL_FROM: usize = 20_000;

/// `work(offset, part)` over consecutive parts of `items`, one part per
/// core, each on a thread of its own, for a batch of at least
/// `PARALLEL_FROM` (checking and identifying a load's facts in one thread
/// keeps the database waiting). The results come in the order of the parts.
fn on_every_core<'t, T: Sync, R: Send>(items: &'t [T], work: impl Fn(usize, &'t [T]) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if items.len() < PARALLEL_FROM || cores == 1 {
        return vec![work(0, items)];
    }
    let size = items.len().div_ceil(cores);
    let work = &work;
    std::thread::scope(|s| {
        let parts: Vec<_> = items.chunks(size).enumerate().map(|(i, part)| s.spawn(move || work(i * size, part))).collect();
        parts.into_iter().map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Writes `batch` through `w` (see the module docs). The caller commits.
pub(crate) async fn write_batch(
    w: &mut Writer<'_>,
    backend: Backend,
    batch: &Batch,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<WriteReport> {
    let total = batch.facts.len() as u64;
    let started = std::time::Instant::now();
    let mark = |what: &str| tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "bulk write: {what}");
    w.put_countries(&batch.countries).await?;
    w.put_networks(&batch.networks).await?;
    w.put_cities(&batch.cities).await?;
    w.put_documents(&batch.documents).await?;
    mark("entities");
    if batch.facts.is_empty() {
        return Ok(WriteReport::default());
    }

    // What the facts refer to, read once: the keys they name, gathered on
    // every core (four look-ups a fact).
    let mut parts = on_every_core(&batch.facts, |_, part| {
        let (mut cities, mut networks, mut documents) = (FastSet::default(), FastSet::default(), FastSet::default());
        for f in part {
            cities.extend(f.refs.city.as_deref());
            cities.extend(f.refs.other.as_deref());
            networks.extend(f.refs.network.as_deref());
            documents.extend(f.sources.iter().map(|s| s.document.as_str()));
        }
        (cities, networks, documents)
    })
    .into_iter();
    let (mut city_keys, mut net_keys, mut doc_keys) = parts.next().unwrap_or_default();
    for (cities, networks, documents) in parts {
        city_keys.extend(cities);
        net_keys.extend(networks);
        doc_keys.extend(documents);
    }
    let cities = w.ids_of("cities", city_keys).await?;
    let networks = w.ids_of("networks", net_keys.clone()).await?;
    // Body keys by network.
    let mut bodies: FastMap<String, FastSet<String>> = FastMap::default();
    let nets: Vec<&str> = net_keys.into_iter().collect();
    for r in select_in(w, "SELECT network, key FROM bodies WHERE network IN (", nets.iter().map(|n| Arg::from(*n)).collect(), "").await? {
        bodies.entry(r.try_get(0)?).or_default().insert(r.try_get(1)?);
    }
    let documents = w.documents_by_key(doc_keys).await?;

    // Check every fact: the first bad one stops the batch. (Its source
    // rows are made as it is merged, where the database has the time:
    // every document they name is in `documents` then.)
    let check = |index: usize, input: &FactInput| -> Result<()> {
        let invalid = |field: &str, message: String| StoreError::Invalid { index, field: field.into(), message };
        input.fact.validate().and_then(|()| input.fact.check_refs(&input.refs)).map_err(|e| invalid(e.field, e.message))?;
        for (field, key) in [("city", &input.refs.city), ("other", &input.refs.other)] {
            if let Some(k) = key
                && !cities.contains_key(k.as_str())
            {
                return Err(invalid(field, format!("city '{k}' is not in the registry")));
            }
        }
        if let Some(n) = &input.refs.network {
            if !networks.contains_key(n.as_str()) {
                return Err(invalid("network", format!("network '{n}' is not in the registry")));
            }
            if let Some(b) = &input.refs.body
                && !bodies.get(n).is_some_and(|keys| keys.contains(b))
            {
                return Err(invalid("organ", format!("network '{n}' has no body '{b}'")));
            }
        }
        for s in &input.sources {
            s.check_in(documents.get(&s.document).map(|d| d.1)).map_err(|e| invalid(e.field, e.message))?;
        }
        Ok(())
    };
    // Each fact's identity key, checked, in one pass over the batch on
    // every core, part by part: the first bad fact of the first part that
    // has one stops the batch.
    let checked: Vec<Vec<i64>> = on_every_core(&batch.facts, |offset, part| {
        let mut keys = Vec::with_capacity(part.len());
        for (i, input) in part.iter().enumerate() {
            check(offset + i, input)?;
            keys.push(identity_key(&input.fact, &input.refs));
        }
        Ok(keys)
    })
    .into_iter()
    .collect::<Result<Vec<_>>>()?;
    mark("checked");
    // The stored facts the batch may merge with, and the merge.
    let max: i64 = w.rows(&Sql::new("SELECT COALESCE(MAX(id), 0) FROM facts")).await?[0].try_get(0)?;
    let stored = if max > 0 {
        let keys: FastSet<i64> = checked.iter().flatten().copied().collect();
        w.current_with_identities(&keys, max, batch.facts.len()).await?
    } else {
        Vec::new()
    };
    let size = stored.len() + batch.facts.len();
    let shared = shared_keys(&checked);
    let mut m = Merge {
        facts: Vec::with_capacity(size),
        current: HashMap::with_capacity_and_hasher(stored.len() + shared.len(), Default::default()),
        shared,
        next_id: max,
    };
    for k in stored {
        m.push(k);
    }
    let first_new = m.facts.len();
    mark("stored facts read");
    mark("ready to insert");
    // A load builds the indexes after its rows.
    let mut aside = if is_load(batch.facts.len(), max) {
        Some(w.set_indexes_aside(&["facts", "fact_sources"], true).await?)
    } else {
        None
    };
    if let Some(aside) = aside.as_mut()
        && max == 0
        && copies(w)
    {
        w.empty_for_load(&["facts", "fact_sources"], aside).await?;
    }
    // The batch is merged as its rows go out: each new version goes into
    // the next statement as soon as the fact that makes it is merged, while
    // the database runs the statement before (`insert_rows`), so that the
    // merge and the database's insert share the time. A version a later
    // fact may still close or give a source (`Known::open`) goes out after
    // the last fact is merged, as it ends: a new row is written once, never
    // updated (an update leaves PostgreSQL a dead row, whose removal reads
    // every index, and which the vacuum after a load then has to remove).
    // That needs a row's successor to be allowed to come
    // after it: on PostgreSQL's own connection, which takes the rows in one
    // `COPY` (`Tx`). A pooled connection checks references statement by
    // statement: there an open version goes out as it is made, and is
    // updated after the insert, as a stored version is. So it is on SQLite,
    // whose table of facts is kept in id order: rows out of order cost its
    // insert more than their updates.
    let hold_open = copies(w);
    let mut report = WriteReport { ids: Vec::with_capacity(batch.facts.len()), ..Default::default() };
    let published = w.published.clone();
    // The vocabularies' words, shared by every row (`Arg::Shared`).
    let word = |name: &'static str| -> Arg { Arg::Shared(Arc::from(name)) };
    let kinds: Vec<(FactKind, Arg)> = FactKind::ALL.iter().map(|k| (*k, word(k.as_str()))).collect();
    let statuses: Vec<(Status, Arg)> = Status::ALL.iter().map(|s| (*s, word(s.as_str()))).collect();
    fn shared_word<T: PartialEq>(words: &[(T, Arg)], of: T) -> Option<Arg> {
        words.iter().find(|(w, _)| *w == of).map(|(_, a)| a.clone())
    }
    let mut inputs = batch.facts.iter().zip(checked.into_iter().flatten()).enumerate();
    let mut made = first_new;
    let mut open = Vec::new();
    let mut next_open = 0;
    let (merge, counts) = (&mut m, &mut report);
    let now = w.now.clone();
    let closed_at: Arg = now.as_str().into();
    // A fact names its cities and network by id beside their keys
    // (migration 0012): the ids of the keys the check found. A version the
    // merge makes holds the keys of a fact of the batch (its identity
    // holds every key it has), so each is there.
    let id_of = |ids: &FastMap<&str, i64>, key: &Option<String>| -> Arg { key.as_deref().map(|k| ids[k]).into() };
    let row = move |k: &Known| -> [Arg; 18] {
        let (lo, hi) = bounds_of(&published, &k.fact, k.sources.iter().map(|s| s.document));
        [
            Arg::Int(k.id),
            Arg::Int(k.lineage),
            shared_word(&kinds, k.fact.kind()).unwrap_or_else(|| k.fact.kind().as_str().into()),
            json(&*k.fact).into(),
            shared_word(&statuses, k.status).unwrap_or_else(|| k.status.as_str().into()),
            Arg::Int(k.identity),
            k.refs.city.clone().into(),
            k.refs.other.clone().into(),
            k.refs.network.clone().into(),
            k.refs.body.clone().into(),
            Arg::Int(lo),
            Arg::Int(hi),
            k.supersedes.map(NonZeroI64::get).into(),
            id_of(&cities, &k.refs.city),
            id_of(&cities, &k.refs.other),
            id_of(&networks, &k.refs.network),
            if k.closed_by.is_some() { closed_at.clone() } else { Arg::NullText },
            k.closed_by.map(NonZeroI64::get).into(),
        ]
    };
    let rows: Box<dyn Iterator<Item = [Arg; 18]> + Send + '_> = Box::new(std::iter::from_fn(move || loop {
        if let Some(k) = merge.facts.get(made) {
            made += 1;
            if !(k.open && hold_open) {
                return Some(row(k));
            }
            open.push(made - 1);
            continue;
        }
        let Some((i, (input, key))) = inputs.next() else {
            // Every fact is merged: the open versions are final.
            let k = *open.get(next_open)?;
            next_open += 1;
            return Some(row(&merge.facts[k]));
        };
        let rows = input
            .sources
            .iter()
            .map(|s| SourceRow {
                document: documents[&s.document].0,
                quote: s.quote.clone(),
                start: s.span.map(|s| s[0] as i64),
                end: s.span.map(|s| s[1] as i64),
                confidence: s.confidence,
                cue: s.cue.clone(),
            })
            .collect();
        let (outcome, id) = merge.add(input, key, rows);
        match outcome {
            Outcome::Added => counts.added += 1,
            Outcome::Corroborated => counts.corroborated += 1,
            Outcome::Enriched => counts.enriched += 1,
            Outcome::Unchanged => counts.unchanged += 1,
        }
        counts.ids.push(id);
        if i % 4096 == 4095 {
            progress(i as u64 + 1, total);
        }
    }));
    let columns = [
        "id", "lineage", "kind", "body", "status", "identity", "city_key", "other_key", "network_key", "body_key", "lo", "hi", "supersedes",
        "city_id", "other_id", "network_id", "superseded_at", "successor",
    ];
    // (A row that goes out as it is made is not closed yet.)
    let columns = if hold_open { &columns[..] } else { &columns[..16] };
    insert_rows(
        w,
        "facts",
        columns,
        rows.map(|row| row.into_iter().take(columns.len())),
        &[("recorded_at", now.as_str().into()), ("comment", w.comment.clone().into()), ("author", w.author.clone().into())],
        "",
    )
    .await?;
    // (The merge ran within the insert.)
    mark("facts inserted");
    let source_rows: Box<dyn Iterator<Item = [Arg; 7]> + Send + '_> = Box::new(m.facts.iter().flat_map(|k| {
        k.sources[k.stored_sources as usize..].iter().map(move |s| {
            let confidence = s.confidence.map(f64::from).into();
            [Arg::Int(k.id), Arg::Int(s.document), s.quote.clone().into(), s.start.into(), s.end.into(), confidence, s.cue.clone().into()]
        })
    }));
    insert_rows(
        w,
        "fact_sources",
        &["fact_id", "document_id", "quote", "span_start", "span_end", "confidence", "cue"],
        source_rows,
        &[("added_at", now.as_str().into())],
        "",
    )
    .await?;
    mark("sources inserted");
    // Stored versions this batch closed: their end and successor, if they
    // are still current (see `Writer::close`); versions it added and
    // closed after they went out: the same.
    let closed_by = |k: &Known| k.closed_by.map(|s| (k.id, vec![Arg::Int(s.get())]));
    let closed_stored: Vec<(i64, Vec<Arg>)> = m.facts[..first_new].iter().filter_map(closed_by).collect();
    let closed = update_by_key(w, "facts", &["successor"], Some(("superseded_at", now.as_str().into())), " AND superseded_at IS NULL", &closed_stored).await?;
    if closed != closed_stored.len() as u64 {
        for k in m.facts[..first_new].iter().filter(|k| k.closed_by.is_some()) {
            if let e @ StoreError::NotCurrent { successor, .. } = w.not_current(k.id).await?
                && NonZeroI64::new(successor) != k.closed_by {
                    return Err(e);
                }
        }
        return Err(corrupt("a write closed fewer versions than it read as current"));
    }
    let updated = if hold_open { &m.facts[..first_new] } else { &m.facts[..] };
    let closed_new: Vec<(i64, Vec<Arg>)> = updated[first_new..].iter().filter_map(closed_by).collect();
    update_by_key(w, "facts", &["successor"], Some(("superseded_at", now.as_str().into())), "", &closed_new).await?;
    // Versions that gained sources after they were read or went out: their
    // valid-time bounds.
    let bounds: Vec<(i64, Vec<Arg>)> = updated
        .iter()
        .filter(|k| k.grown)
        .map(|k| {
            let (lo, hi) = bounds_of(&w.published, &k.fact, k.sources.iter().map(|s| s.document));
            (k.id, vec![Arg::Int(lo), Arg::Int(hi)])
        })
        .collect();
    update_by_key(w, "facts", &["lo", "hi"], None, "", &bounds).await?;
    mark("closed versions and bounds updated");
    if let Some(aside) = aside {
        w.rebuild_indexes(aside).await?;
        mark("indexes rebuilt");
    }
    if backend == Backend::Postgres && m.facts.len() > first_new {
        w.exec(&Sql::new("SELECT setval(pg_get_serial_sequence('facts', 'id'), (SELECT MAX(id) FROM facts))")).await?;
    }
    if m.facts.iter().any(|k| k.new && k.id <= max) {
        return Err(corrupt("a new fact version got a stored id"));
    }
    mark("done");
    progress(total, total);
    Ok(report)
}
