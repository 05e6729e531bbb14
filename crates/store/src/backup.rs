//! Backup and restore: the whole registry as one JSON Lines stream.
//!
//! **Format** (`citynets-backup`, version 1). The first line is a header:
//!
//! ```json
//! {"format":"citynets-backup","version":1,"backend":"sqlite","schema":2,
//!  "tables":[{"name":"countries","columns":["code","name",...],"rows":250}, ...]}
//! ```
//!
//! `schema` is the last migration the database had applied. Then one line
//! per row, table by table in [`TABLES`] order, each table's rows in key
//! order: `{"table":"facts","row":{"id":1,"lineage":1,...}}`, with every
//! column of the row as JSON (integers, numbers, strings, booleans, `null`).
//! Superseded fact versions, every source row and document texts are rows
//! like any other: a restore gives back the registry's whole history, ids
//! included.
//!
//! **Restore** goes into an empty database only, in one transaction, and
//! checks as it reads: the header, that each row's table and columns are
//! the header's, each value's type, and at the end each table's row count.
//! Columns that point forward (a fact's `successor`, a network's `parent`)
//! are filled once their table is in. On PostgreSQL the id sequences are
//! then moved past the restored ids.
//!
//! Table and column names are read from the database's catalog and checked
//! to be plain identifiers before they go into SQL; values are always bound.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use futures_util::TryStreamExt;
use serde_json::{Map, Value};
use sqlx::Row;

use citynets_model::{Fact, Refs};

use crate::merge::identity_key;
use crate::sql::{Arg, Sql, SqlStore, Writer};
use crate::{Backend, Result, StoreError};

/// The name in a backup's header.
pub const BACKUP_FORMAT: &str = "citynets-backup";
/// The version of the backup format this build reads and writes.
pub const BACKUP_VERSION: u64 = 1;

/// A table a backup holds.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    /// The primary key: rows are written in its order.
    pub key: &'static [&'static str],
    /// Columns that may refer to rows that come later in key order; a
    /// restore fills them in once the whole table is in.
    pub deferred: &'static [&'static str],
    /// Columns a restore computes from the row, whatever the backup holds
    /// in them: derived state, stored in a form a newer schema may change.
    pub(crate) derived: &'static [(&'static str, Derive)],
}

/// How a restore computes a derived column from a row: its value, or what
/// is wrong with the row.
pub(crate) type Derive = fn(&Map<String, Value>) -> std::result::Result<Arg, String>;

/// Every table of the registry, parents before the tables that refer to
/// them. A new table is one line here. (`registry_version`, a counter of
/// writes, is derived state: a restore's own write moves it.)
pub const TABLES: &[Table] = &[
    Table { name: "countries", key: &["code"], deferred: &[], derived: &[] },
    Table { name: "cities", key: &["key"], deferred: &[], derived: &[] },
    Table { name: "networks", key: &["key"], deferred: &["parent"], derived: &[] },
    Table { name: "bodies", key: &["network", "key"], deferred: &[], derived: &[] },
    Table { name: "documents", key: &["id"], deferred: &[], derived: &[] },
    Table { name: "facts", key: &["id"], deferred: &["successor"], derived: &[("identity", fact_identity_key)] },
    Table { name: "fact_sources", key: &["fact_id", "document_id"], deferred: &[], derived: &[] },
    Table { name: "users", key: &["id"], deferred: &[], derived: &[] },
    Table { name: "sessions", key: &["token_hash"], deferred: &[], derived: &[] },
    Table { name: "api_tokens", key: &["token_hash"], deferred: &[], derived: &[] },
    Table { name: "account_events", key: &["id"], deferred: &[], derived: &[] },
    Table { name: "bundled_data", key: &["id"], deferred: &[], derived: &[] },
];

/// A fact row's identity key, from its body and keys (a backup of schema 8
/// or older holds the identity's text).
fn fact_identity_key(row: &Map<String, Value>) -> std::result::Result<Arg, String> {
    let text = |name: &str| match row.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v) => Err(format!("{name} is {v}, expected a string")),
    };
    let body = text("body")?.ok_or("the row has no body to compute it from")?;
    let fact: Fact = serde_json::from_str(&body).map_err(|e| format!("the body is not a fact: {e}"))?;
    let refs = Refs { city: text("city_key")?, other: text("other_key")?, network: text("network_key")?, body: text("body_key")? };
    Ok(Arg::Int(identity_key(&fact, &refs)))
}

/// The header line of a backup.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BackupHeader {
    pub format: String,
    pub version: u64,
    /// `sqlite` or `postgres`: where the backup was taken.
    pub backend: String,
    /// The last schema migration the database had applied.
    pub schema: i64,
    pub tables: Vec<TableHeader>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TableHeader {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: u64,
}

impl BackupHeader {
    /// Whether `line` looks like a backup's header (for telling a backup
    /// from a file of facts).
    pub fn sniff(line: &str) -> bool {
        serde_json::from_str::<Value>(line).ok().and_then(|v| v.get("format").and_then(Value::as_str).map(|f| f == BACKUP_FORMAT)).unwrap_or(false)
    }

    pub fn total_rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

/// How a column's values are read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Real,
    Bool,
    Text,
    /// Another type (a PostgreSQL timestamp, say): read as text; the
    /// database reads it back into its type on restore.
    Cast,
}

#[derive(Clone, Debug)]
struct Column {
    name: String,
    kind: Kind,
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') && !s.as_bytes()[0].is_ascii_digit()
}

fn kind_of(backend: Backend, declared: &str) -> Kind {
    let d = declared.to_ascii_lowercase();
    if d.contains("int") {
        Kind::Int
    } else if d.contains("double") || d.contains("real") || d.contains("float") || d.contains("numeric") || d.contains("decimal") {
        Kind::Real
    } else if d.contains("bool") {
        Kind::Bool
    } else if backend == Backend::Postgres && !(d == "text" || d.starts_with("character")) {
        Kind::Cast
    } else {
        Kind::Text
    }
}

fn backup_error(line: u64, field: impl Into<String>, message: impl Into<String>) -> StoreError {
    StoreError::Backup { line, field: field.into(), message: message.into() }
}

impl Writer<'_> {
    /// The columns of `table`, in the database's order.
    async fn columns(&mut self, backend: Backend, table: &str) -> Result<Vec<Column>> {
        let sql = match backend {
            Backend::Sqlite => {
                let mut s = Sql::new("SELECT name, type FROM pragma_table_info(");
                s.bind(table).push(") ORDER BY cid");
                s
            }
            Backend::Postgres => {
                let mut s = Sql::new(
                    "SELECT column_name::text, data_type::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = ",
                );
                s.bind(table).push(" ORDER BY ordinal_position");
                s
            }
        };
        let mut out = Vec::new();
        for r in self.rows(&sql).await? {
            let name: String = r.try_get(0)?;
            let declared: String = r.try_get(1)?;
            if !is_identifier(&name) {
                return Err(crate::sql::corrupt(format!("table {table} has a column named {name:?}")));
            }
            out.push(Column { kind: kind_of(backend, &declared), name });
        }
        if out.is_empty() {
            return Err(crate::sql::corrupt(format!("the database has no table {table}")));
        }
        Ok(out)
    }

    async fn schema_version(&mut self) -> Result<i64> {
        let rows = self.rows(&Sql::new("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")).await?;
        Ok(rows[0].try_get(0)?)
    }

    async fn count(&mut self, table: &str) -> Result<u64> {
        let rows = self.rows(&Sql::new(&format!("SELECT COUNT(*) FROM {table}"))).await?;
        Ok(rows[0].try_get::<i64, _>(0)? as u64)
    }
}

fn select_list(columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| if c.kind == Kind::Cast { format!("CAST({} AS TEXT)", c.name) } else { c.name.clone() })
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_of(r: &sqlx::any::AnyRow, i: usize, kind: Kind, backend: Backend) -> Result<Value> {
    Ok(match kind {
        Kind::Int => r.try_get::<Option<i64>, _>(i)?.map_or(Value::Null, Value::from),
        Kind::Real => match r.try_get::<Option<f64>, _>(i)? {
            None => Value::Null,
            Some(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        },
        Kind::Bool if backend == Backend::Sqlite => r.try_get::<Option<i64>, _>(i)?.map_or(Value::Null, |v| Value::Bool(v != 0)),
        Kind::Bool => r.try_get::<Option<bool>, _>(i)?.map_or(Value::Null, Value::Bool),
        Kind::Text | Kind::Cast => r.try_get::<Option<String>, _>(i)?.map_or(Value::Null, Value::String),
    })
}

/// A JSON value as the column's argument, or what is wrong with it.
fn arg_of(v: &Value, kind: Kind, backend: Backend) -> std::result::Result<Arg, String> {
    Ok(match (kind, v) {
        (Kind::Int, Value::Null) => Arg::NullInt,
        (Kind::Int, Value::Number(n)) => Arg::Int(n.as_i64().ok_or_else(|| format!("{n} is not a whole number"))?),
        (Kind::Real, Value::Null) => Arg::NullReal,
        (Kind::Real, Value::Number(n)) => Arg::Real(n.as_f64().ok_or_else(|| format!("{n} is not a number"))?),
        (Kind::Bool, Value::Null) if backend == Backend::Sqlite => Arg::NullInt,
        (Kind::Bool, Value::Bool(b)) if backend == Backend::Sqlite => Arg::Int(*b as i64),
        (Kind::Bool, Value::Null) => Arg::NullBool,
        (Kind::Bool, Value::Bool(b)) => Arg::Bool(*b),
        (Kind::Text | Kind::Cast, Value::Null) => Arg::NullText,
        (Kind::Text | Kind::Cast, Value::String(s)) => Arg::Text(s.clone()),
        (Kind::Int, other) => return Err(format!("expected a whole number, got {other}")),
        (Kind::Real, other) => return Err(format!("expected a number, got {other}")),
        (Kind::Bool, other) => return Err(format!("expected true or false, got {other}")),
        (Kind::Text | Kind::Cast, other) => return Err(format!("expected a string, got {other}")),
    })
}

/// What a restore did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestoreReport {
    /// Rows restored per table, in [`TABLES`] order.
    pub rows: Vec<(String, u64)>,
}

/// Rows of one table on their way in.
struct Pending<'a> {
    table: &'a Table,
    columns: Vec<Column>,
    rows: Vec<Vec<Arg>>,
    /// First line of the buffered rows, for errors.
    first_line: u64,
    /// Deferred values: (key values, column, value).
    deferred: Vec<(Vec<Arg>, usize, Arg)>,
    key_at: Vec<usize>,
    seen: u64,
}

/// Rows a restore holds before it writes them.
const RESTORE_ROWS: usize = 20_000;

impl SqlStore {
    /// Writes the whole registry to `out` as a backup (see the module
    /// docs), from one consistent snapshot. Returns the header written.
    pub(crate) async fn dump(&self, out: &mut (dyn Write + Send)) -> Result<BackupHeader> {
        let mut w = self.reader().await?;
        let backend = crate::Store::backend(self);
        let mut tables = Vec::new();
        let mut columns = Vec::new();
        for t in TABLES {
            let cols = w.columns(backend, t.name).await?;
            let rows = w.count(t.name).await?;
            tables.push(TableHeader { name: t.name.to_string(), columns: cols.iter().map(|c| c.name.clone()).collect(), rows });
            columns.push(cols);
        }
        let header = BackupHeader {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            backend: match backend {
                Backend::Sqlite => "sqlite".into(),
                Backend::Postgres => "postgres".into(),
            },
            schema: w.schema_version().await?,
            tables,
        };
        let io = |e: std::io::Error| StoreError::Io(e.to_string());
        serde_json::to_writer(&mut *out, &header).map_err(|e| StoreError::Io(e.to_string()))?;
        out.write_all(b"\n").map_err(io)?;
        for (t, cols) in TABLES.iter().zip(&columns) {
            // Text keys in byte order on both backends, so that a backup
            // reads the same wherever it was taken.
            let order: Vec<String> = t
                .key
                .iter()
                .map(|k| match cols.iter().find(|c| c.name == *k) {
                    Some(c) if backend == Backend::Postgres && c.kind == Kind::Text => format!("{k} COLLATE \"C\""),
                    _ => k.to_string(),
                })
                .collect();
            let text = format!("SELECT {} FROM {} ORDER BY {}", select_list(cols), t.name, order.join(", "));
            let sql = Sql::new(&text);
            let prefix = format!("{{\"table\":\"{}\",\"row\":{{", t.name);
            let keys: Vec<String> = cols.iter().map(|c| format!("\"{}\":", c.name)).collect();
            let mut stream = w.stream(sql).await?;
            let mut line = Vec::with_capacity(1024);
            while let Some(r) = stream.try_next().await? {
                line.clear();
                line.extend_from_slice(prefix.as_bytes());
                for (i, c) in cols.iter().enumerate() {
                    if i > 0 {
                        line.push(b',');
                    }
                    line.extend_from_slice(keys[i].as_bytes());
                    serde_json::to_writer(&mut line, &value_of(&r, i, c.kind, backend)?).map_err(|e| StoreError::Io(e.to_string()))?;
                }
                line.extend_from_slice(b"}}\n");
                out.write_all(&line).map_err(io)?;
            }
        }
        out.flush().map_err(io)?;
        drop(w);
        Ok(header)
    }

    /// Restores a backup into this database, which must be empty, in one
    /// transaction (see the module docs). `progress(done, total)` counts rows.
    pub(crate) async fn load_dump(&self, input: &mut (dyn BufRead + Send), progress: &(dyn Fn(u64, u64) + Send + Sync)) -> Result<RestoreReport> {
        let mut line = String::new();
        if !read(input, &mut line, 1)? {
            return Err(backup_error(1, "-", "the file is empty: expected a citynets-backup header"));
        }
        let header: BackupHeader = serde_json::from_str(line.trim_end())
            .map_err(|e| backup_error(1, "header", format!("not a citynets-backup header: {e}")))?;
        if header.format != BACKUP_FORMAT {
            return Err(backup_error(1, "format", format!("'{}' is not {BACKUP_FORMAT}", header.format)));
        }
        if header.version != BACKUP_VERSION {
            return Err(backup_error(1, "version", format!("version {} of the format; this build reads version {BACKUP_VERSION}", header.version)));
        }
        let facts = header.tables.iter().find(|t| t.name == "facts").map_or(0, |t| t.rows);
        let mut conn = self.write_connection(usize::try_from(facts).unwrap_or(usize::MAX), false).await?;
        let restored = async {
            let mut w = conn.writer(crate::Store::backend(self), Some("restore".into()), None).await?;
            let report = self.restore_rows(&mut w, &header, input, progress).await?;
            w.commit().await?;
            Ok::<_, StoreError>(report)
        }
        .await;
        conn.finish().await;
        let report = restored?;
        self.analyze().await?;
        progress(header.total_rows(), header.total_rows());
        Ok(report)
    }

    /// The rows of a backup after its header (line 1), through `w`.
    async fn restore_rows(
        &self,
        w: &mut Writer<'_>,
        header: &BackupHeader,
        input: &mut (dyn BufRead + Send),
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<RestoreReport> {
        let backend = crate::Store::backend(self);
        let mut line = String::new();
        let mut n: u64 = 1;
        let schema = w.schema_version().await?;
        if header.schema > schema {
            return Err(backup_error(1, "schema", format!("the backup has schema {}, newer than this database's {schema}: restore with a newer citynets", header.schema)));
        }
        // Only into an empty registry.
        let mut held = Vec::new();
        for t in TABLES {
            let c = w.count(t.name).await?;
            if c > 0 {
                held.push(format!("{c} {}", t.name));
            }
        }
        if !held.is_empty() {
            return Err(StoreError::NotEmpty(held.join(", ")));
        }
        // The header's tables, checked against this database's.
        let mut plan: HashMap<&str, (usize, Vec<Column>)> = HashMap::new();
        for th in &header.tables {
            let Some(pos) = TABLES.iter().position(|t| t.name == th.name) else {
                return Err(backup_error(1, "tables", format!("unknown table '{}'", th.name)));
            };
            let here = w.columns(backend, &th.name).await?;
            let mut cols = Vec::with_capacity(th.columns.len());
            for c in &th.columns {
                match here.iter().find(|h| &h.name == c) {
                    Some(h) => cols.push(h.clone()),
                    None => return Err(backup_error(1, "tables", format!("table {}: column '{c}' is not in this database", th.name))),
                }
            }
            for k in TABLES[pos].key {
                if !th.columns.iter().any(|c| c == k) {
                    return Err(backup_error(1, "tables", format!("table {}: key column '{k}' is missing", th.name)));
                }
            }
            plan.insert(TABLES[pos].name, (pos, cols));
        }
        // Into an empty registry: the large tables are indexed after their rows.
        let aside = w.set_indexes_aside(&["facts", "fact_sources"], false).await?;
        let total = header.total_rows();
        let mut done: u64 = 0;
        let mut report = RestoreReport::default();
        let mut pending: Option<Pending> = None;
        let mut last_pos: Option<usize> = None;
        loop {
            n += 1;
            if !read(input, &mut line, n)? {
                break;
            }
            let text = line.trim_end();
            if text.is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(text).map_err(|e| backup_error(n, "-", format!("not JSON: {e}")))?;
            let Value::Object(mut obj) = v else { return Err(backup_error(n, "-", "expected a JSON object")) };
            let table = match obj.get("table") {
                Some(Value::String(t)) => t.clone(),
                _ => return Err(backup_error(n, "table", "expected the name of a table")),
            };
            let Some(Value::Object(row)) = obj.remove("row") else { return Err(backup_error(n, "row", "expected an object")) };
            let Some((pos, cols)) = plan.get(table.as_str()) else {
                return Err(backup_error(n, "table", format!("'{table}' is not a table of the header")));
            };
            if pending.as_ref().is_none_or(|p| p.table.name != table) {
                if last_pos.is_some_and(|l| l >= *pos) {
                    return Err(backup_error(n, "table", format!("rows of '{table}' after rows of a later table: tables must come in dependency order")));
                }
                if let Some(p) = pending.take() {
                    report.rows.push((p.table.name.to_string(), p.seen));
                    flush_table(w, p, header, n).await?;
                }
                let t = &TABLES[*pos];
                let key_at = t.key.iter().map(|k| cols.iter().position(|c| &c.name == k).expect("checked above")).collect();
                pending = Some(Pending { table: t, columns: cols.clone(), rows: Vec::new(), first_line: n, deferred: Vec::new(), key_at, seen: 0 });
                last_pos = Some(*pos);
            }
            let p = pending.as_mut().expect("a table in progress");
            p.push(n, row, backend)?;
            if p.rows.len() >= RESTORE_ROWS {
                done += p.rows.len() as u64;
                p.insert(w).await?;
                progress(done, total);
            }
        }
        if let Some(p) = pending.take() {
            report.rows.push((p.table.name.to_string(), p.seen));
            flush_table(w, p, header, n).await?;
        }
        for th in &header.tables {
            if th.rows > 0 && !report.rows.iter().any(|(t, _)| t == &th.name) {
                return Err(backup_error(n, "-", format!("the header promises {} rows of {}, the file has none: is it cut short?", th.rows, th.name)));
            }
        }
        let has = |table: &str, column: &str| header.tables.iter().any(|t| t.name == table && t.columns.iter().any(|c| c == column));
        if !has("cities", "id") || !has("networks", "id") || !has("facts", "network_id") {
            fill_entity_ids(w).await?;
        }
        w.rebuild_indexes(aside).await?;
        if backend == Backend::Postgres {
            fix_sequences(w).await?;
        }
        Ok(report)
    }
}

/// The ids a backup taken before migration 0012 lacks: cities and networks
/// without one get theirs in key order, after any the backup holds (as the
/// migration numbers them), and facts the ids of the keys they name.
async fn fill_entity_ids(w: &mut Writer<'_>) -> Result<()> {
    for table in ["cities", "networks"] {
        w.exec(&Sql::new(&format!(
            "UPDATE {table} SET id = n.id FROM (SELECT key, (SELECT COALESCE(MAX(id), 0) FROM {table}) \
             + row_number() OVER (ORDER BY key) AS id FROM {table} WHERE id IS NULL) AS n WHERE n.key = {table}.key"
        )))
        .await?;
    }
    w.exec(&Sql::new(
        "UPDATE facts SET city_id = (SELECT id FROM cities WHERE key = facts.city_key), \
         other_id = (SELECT id FROM cities WHERE key = facts.other_key), \
         network_id = (SELECT id FROM networks WHERE key = facts.network_key) \
         WHERE city_key IS NOT NULL OR other_key IS NOT NULL OR network_key IS NOT NULL",
    ))
    .await?;
    Ok(())
}

/// Reads line `n` of a backup into `line`; false at the end of the file.
fn read(input: &mut (dyn BufRead + Send), line: &mut String, n: u64) -> Result<bool> {
    line.clear();
    let got = input.read_line(line).map_err(|e| backup_error(n, "-", format!("cannot read: {e}")))?;
    Ok(got > 0)
}

impl Pending<'_> {
    fn push(&mut self, line: u64, mut row: Map<String, Value>, backend: Backend) -> Result<()> {
        if self.rows.is_empty() {
            self.first_line = line;
        }
        let derived = (self.table.derived.iter())
            .map(|(c, derive)| Ok((*c, derive(&row).map_err(|m| backup_error(line, format!("{}.{c}", self.table.name), m))?)))
            .collect::<Result<Vec<_>>>()?;
        let mut args = Vec::with_capacity(self.columns.len());
        for (i, c) in self.columns.iter().enumerate() {
            let Some(v) = row.remove(&c.name) else {
                return Err(backup_error(line, format!("{}.{}", self.table.name, c.name), "missing"));
            };
            let arg = match derived.iter().find(|(d, _)| *d == c.name) {
                Some((_, arg)) => arg.clone(),
                None => arg_of(&v, c.kind, backend).map_err(|m| backup_error(line, format!("{}.{}", self.table.name, c.name), m))?,
            };
            if self.table.deferred.contains(&c.name.as_str()) && !v.is_null() {
                let key = self.key_at.iter().map(|&k| args.get(k).cloned()).collect::<Option<Vec<Arg>>>();
                // Keys come before deferred columns in every table; when
                // not, read them from the row now.
                let key = match key {
                    Some(k) => k,
                    None => self
                        .key_at
                        .iter()
                        .map(|&k| {
                            let col = &self.columns[k];
                            let v = row.get(&col.name).cloned().unwrap_or(Value::Null);
                            arg_of(&v, col.kind, backend).map_err(|m| backup_error(line, format!("{}.{}", self.table.name, col.name), m))
                        })
                        .collect::<Result<Vec<Arg>>>()?,
                };
                self.deferred.push((key, i, arg));
                args.push(match c.kind {
                    Kind::Int => Arg::NullInt,
                    Kind::Real => Arg::NullReal,
                    _ => Arg::NullText,
                });
            } else {
                args.push(arg);
            }
        }
        if let Some(extra) = row.keys().next() {
            return Err(backup_error(line, format!("{}.{extra}", self.table.name), "not a column of the header"));
        }
        self.rows.push(args);
        self.seen += 1;
        Ok(())
    }

    async fn insert(&mut self, w: &mut Writer<'_>) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        let rows = std::mem::take(&mut self.rows);
        let first = self.first_line;
        crate::bulk::insert_rows(w, self.table.name, &names, rows, &[], "").await.map_err(|e| match e {
            StoreError::Database(e) => backup_error(first, self.table.name, format!("the rows from this line on were refused: {e}")),
            e => e,
        })
    }
}

/// The last rows of a table, then its deferred columns; checks its count.
async fn flush_table(w: &mut Writer<'_>, mut p: Pending<'_>, header: &BackupHeader, line: u64) -> Result<()> {
    p.insert(w).await?;
    for (key, col, value) in std::mem::take(&mut p.deferred) {
        let mut sql = Sql::new(&format!("UPDATE {} SET {} = ", p.table.name, p.columns[col].name));
        sql.bind(value).push(" WHERE ");
        for (i, (k, a)) in p.table.key.iter().zip(key).enumerate() {
            if i > 0 {
                sql.push(" AND ");
            }
            sql.push(&format!("{k} = ")).bind(a);
        }
        w.exec(&sql).await?;
    }
    let promised = header.tables.iter().find(|t| t.name == p.table.name).map_or(0, |t| t.rows);
    if promised != p.seen {
        return Err(backup_error(line, p.table.name, format!("the header promises {promised} rows, the file has {}: is it cut short?", p.seen)));
    }
    Ok(())
}

/// Moves every id sequence of the backed-up tables past the largest id.
async fn fix_sequences(w: &mut Writer<'_>) -> Result<()> {
    for t in TABLES {
        for c in w.columns(Backend::Postgres, t.name).await? {
            if c.kind != Kind::Int {
                continue;
            }
            let mut sql = Sql::new("SELECT pg_get_serial_sequence(");
            sql.bind(t.name).push(", ").bind(c.name.as_str()).push(")");
            let seq: Option<String> = w.rows(&sql).await?[0].try_get(0)?;
            if let Some(seq) = seq {
                let mut sql = Sql::new("SELECT setval(CAST(");
                sql.bind(seq).push(&format!(" AS regclass), (SELECT COALESCE(MAX({}), 0) FROM {}) + 1, false)", c.name, t.name));
                w.exec(&sql).await?;
            }
        }
    }
    Ok(())
}
