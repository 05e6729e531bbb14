//! CSV and JSON Lines of every list the API returns.
//!
//! A list route answers JSON with its rows in one field (`"members"`,
//! `"roles"`, ...). With `?format=csv` or `?format=jsonl` the same route
//! answers those rows as a file instead: the handler runs as usual (the
//! `format` parameter is taken off the query first, so handlers never see
//! it) and [`list_formats`] turns its JSON into the format asked for.
//!
//! JSON Lines is lossless: one row per line. CSV flattens each row: nested
//! objects become dotted columns (`city.name`), and the values of an array
//! share one cell, separated by `"; "` (a member's `facts.field`:
//! `"Music; Gastronomy"`). The columns are every key any row has, in a
//! fixed order ([`column_order`]): identity first (`id`, `key`, `kind`,
//! `status`, `name`), then the fact format's fields in its export order
//! (`city`, `country`, `network`, ...) and where a city is (`region`,
//! `lat`, ...), then other fields as first seen,
//! then sources and bookkeeping, `comment` last; nested keys (`city.name`)
//! by the same rule, after their parent's place.
//! Text that a spreadsheet would take for a formula (it starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`
//! ([`csv_cell`]).

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use citynets_registry::exchange::{CSV_COLUMNS, csv_cell};
use serde_json::Value;

use crate::error::Error;

/// How a list is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Json,
    Csv,
    Jsonl,
}

impl ListFormat {
    pub fn parse(v: &str) -> Result<ListFormat, Error> {
        match v.trim().to_ascii_lowercase().as_str() {
            "" | "json" => Ok(ListFormat::Json),
            "csv" => Ok(ListFormat::Csv),
            "jsonl" | "ndjson" => Ok(ListFormat::Jsonl),
            other => Err(Error::parameter("format", format!("'{other}' is not a list format: expected json, csv or jsonl"))),
        }
    }
}

/// Takes `format` off a query string: its value, and the query without it.
fn take_format(query: &str) -> Result<(Option<String>, String), Error> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query).map_err(|e| Error::parameter("format", format!("the query string is malformed: {e}")))?;
    let (format, rest): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(k, _)| k == "format");
    let rest = serde_urlencoded::to_string(&rest).map_err(|e| Error::Internal(e.to_string()))?;
    Ok((format.into_iter().next_back().map(|(_, v)| v), rest))
}

/// Middleware of a list route whose JSON answer holds its rows in `field`.
pub async fn list_formats(State(field): State<&'static str>, mut req: Request, next: Next) -> Response {
    let query = req.uri().query().unwrap_or_default();
    if req.method() != Method::GET || !query.contains("format") {
        return next.run(req).await;
    }
    let format = match take_format(query) {
        Ok((format, rest)) => {
            let path_and_query = if rest.is_empty() { req.uri().path().to_string() } else { format!("{}?{rest}", req.uri().path()) };
            match path_and_query.parse::<Uri>() {
                Ok(uri) => *req.uri_mut() = uri,
                Err(e) => return Error::Internal(e.to_string()).into_response(),
            }
            match format.as_deref().map(ListFormat::parse).transpose() {
                Ok(f) => f.unwrap_or(ListFormat::Json),
                Err(e) => return e.into_response(),
            }
        }
        Err(e) => return e.into_response(),
    };
    let response = next.run(req).await;
    if format == ListFormat::Json || response.status() != StatusCode::OK {
        return response;
    }
    match convert(response, field, format).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn convert(response: Response, field: &str, format: ListFormat) -> Result<Response, Error> {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.map_err(|e| Error::Internal(e.to_string()))?;
    let mut v: Value = serde_json::from_slice(&bytes).map_err(|e| Error::Internal(format!("a list answered no JSON: {e}")))?;
    let rows = match v.get_mut(field).map(Value::take) {
        Some(Value::Array(rows)) => rows,
        _ => return Err(Error::Internal(format!("a list answered no '{field}' array"))),
    };
    let (content_type, extension, body) = match format {
        ListFormat::Csv => ("text/csv; charset=utf-8", "csv", to_csv(&rows)?),
        ListFormat::Jsonl | ListFormat::Json => ("application/x-ndjson", "jsonl", to_jsonl(&rows)),
    };
    let disposition = format!("attachment; filename=\"{field}.{extension}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], Body::from(body)).into_response())
}

/// One JSON document per line.
pub fn to_jsonl(rows: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in rows {
        // A `Value` always serializes.
        serde_json::to_writer(&mut out, r).expect("a JSON value serializes");
        out.push(b'\n');
    }
    out
}

/// Rows flattened to a table: a header of every column, then a record per row.
pub fn to_csv(rows: &[Value]) -> Result<Vec<u8>, Error> {
    let mut columns: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut table: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<String> = vec![String::new(); columns.len()];
        let mut flat = Vec::new();
        flatten("", row, &mut flat);
        for (key, text) in flat {
            let i = *index.entry(key.clone()).or_insert_with(|| {
                columns.push(key);
                columns.len() - 1
            });
            if cells.len() <= i {
                cells.resize(i + 1, String::new());
            }
            let cell = &mut cells[i];
            if !cell.is_empty() {
                cell.push_str("; ");
            }
            cell.push_str(&text);
        }
        table.push(cells);
    }
    let order = column_order(&columns);
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| Error::Internal(e.to_string());
    if !columns.is_empty() {
        w.write_record(order.iter().map(|&i| &columns[i])).map_err(csv_error)?;
    }
    for mut cells in table {
        cells.resize(columns.len(), String::new());
        w.write_record(order.iter().map(|&i| &cells[i])).map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| Error::Internal(e.to_string()))
}

/// Keys that lead a row, in this order, before the fact format's fields.
const LEADING: &[&str] = &["id", "key", "document", "kind", "status", "name", "title"];

/// Keys that follow the fact format's fields: where a city is.
const PLACE: &[&str] = &["region", "lat", "lon", "population"];

/// Keys that close a row, in this order: where a fact comes from and its
/// bookkeeping, the comment last.
const TRAILING: &[&str] = &[
    "sources", "refs", "valid_from", "recorded_at", "superseded_at", "supersedes", "superseded_by",
    "author", "comment",
];

/// Where a key goes among its siblings: [`LEADING`], the fact format's
/// fields ([`CSV_COLUMNS`]), [`PLACE`], any other key, [`TRAILING`].
fn key_rank(key: &str) -> usize {
    let fields = CSV_COLUMNS.iter().filter(|c| !LEADING.contains(c) && !TRAILING.contains(c));
    let before = LEADING.iter().chain(fields).chain(PLACE).position(|k| *k == key);
    let other = LEADING.len() + CSV_COLUMNS.len() + PLACE.len();
    match (before, TRAILING.iter().position(|k| *k == key)) {
        (Some(i), _) => i,
        (None, Some(i)) => other + 1 + i,
        (None, None) => other,
    }
}

/// The order in which to write `columns` (dotted paths, in the order
/// first seen): compared level by level by the rank of the key there,
/// then by where that key's path was first seen, so that a parent's
/// columns stay together and keys of one rank keep their order.
fn column_order(columns: &[String]) -> Vec<usize> {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let sort_keys: Vec<Vec<(usize, usize)>> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ends = c.match_indices('.').map(|(at, _)| at).chain([c.len()]);
            let mut start = 0;
            ends.map(|end| {
                let (key, prefix) = (&c[start..end], &c[..end]);
                start = end + 1;
                (key_rank(key), *first_seen.entry(prefix).or_insert(i))
            })
            .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by(|&a, &b| sort_keys[a].cmp(&sort_keys[b]));
    order
}

/// `(column, text)` of every scalar in `v`; an array's elements share their
/// column.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Null => {}
        Value::Bool(b) => out.push((column(prefix), b.to_string())),
        Value::Number(n) => out.push((column(prefix), n.to_string())),
        Value::String(s) => out.push((column(prefix), csv_cell(s).into_owned())),
        Value::Array(items) => items.iter().for_each(|i| flatten(prefix, i, out)),
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
    }
}

/// A scalar row (a list of strings) has no key: its column is `value`.
fn column(prefix: &str) -> String {
    if prefix.is_empty() { "value".to_string() } else { prefix.to_string() }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
        let mut r = csv::Reader::from_reader(bytes);
        let header = r.headers().expect("a header").iter().map(str::to_string).collect();
        let rows = r.records().map(|rec| rec.expect("a record").iter().map(str::to_string).collect()).collect();
        (header, rows)
    }

    #[test]
    fn nested_objects_become_dotted_columns_and_arrays_share_a_cell() {
        let rows = vec![
            json!({ "city": { "name": "Bologna", "country": "IT" }, "facts": [ { "field": "Music", "year": 2006 } ] }),
            json!({ "city": { "name": "Parma", "country": "IT" }, "facts": [ { "field": "Gastronomy" }, { "field": "Music", "year": 2015 } ], "note": "two" }),
        ];
        let (header, table) = read(&to_csv(&rows).expect("csv"));
        assert_eq!(header, ["city.name", "city.country", "facts.field", "facts.year", "note"]);
        assert_eq!(table[0], ["Bologna", "IT", "Music", "2006", ""]);
        assert_eq!(table[1], ["Parma", "IT", "Gastronomy; Music", "2015", "two"]);
    }

    #[test]
    fn columns_lead_with_identity_and_fields_and_end_with_the_comment() {
        // A fact as the API writes it (serde_json sorts an object's keys).
        let rows = vec![json!({
            "comment": "checked", "country": "IT", "city": "Bologna", "id": 7, "kind": "designation",
            "network": "UCCN", "field": "Music", "year": "2006", "recorded_at": "2025-01-01",
            "refs": { "city": "bologna-it" }, "sources": [{ "document": "d", "quote": "q" }],
            "status": "accepted", "zone": "z", "author": "rita",
        })];
        let (header, table) = read(&to_csv(&rows).expect("csv"));
        assert_eq!(header, [
            "id", "kind", "status", "city", "country", "network", "field", "year", "zone",
            "sources.document", "sources.quote", "refs.city", "recorded_at", "author", "comment",
        ]);
        assert_eq!(table[0][0], "7");
        assert_eq!(table[0][14], "checked");
    }

    #[test]
    fn keys_of_one_rank_keep_the_order_first_seen() {
        let rows = vec![json!({ "b": { "y": 1 }, "a": 2 }), json!({ "c": 3 })];
        let (header, _) = read(&to_csv(&rows).expect("csv"));
        // serde_json sorts `a` before `b`; `c` comes in a later row.
        assert_eq!(header, ["a", "b.y", "c"]);
    }

    #[test]
    fn commas_quotes_and_newlines_survive_a_csv_reader() {
        let rows = vec![json!({ "quote": "\"Bologna, city of music\",\nsaid the mayor" })];
        let (_, table) = read(&to_csv(&rows).expect("csv"));
        assert_eq!(table[0][0], "\"Bologna, city of music\",\nsaid the mayor");
    }

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        let rows = vec![json!({ "a": "=HYPERLINK(\"http://x\")", "b": "-8.6", "c": -8.6, "d": "@SUM(1)", "e": "\tx", "f": "x=1" })];
        let (_, table) = read(&to_csv(&rows).expect("csv"));
        assert_eq!(table[0], ["'=HYPERLINK(\"http://x\")", "-8.6", "-8.6", "'@SUM(1)", "'\tx", "x=1"]);
    }

    #[test]
    fn json_lines_are_one_row_each() {
        let rows = vec![json!({ "a": 1 }), json!({ "b": [1, 2] })];
        let text = String::from_utf8(to_jsonl(&rows)).expect("utf-8");
        let back: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
        assert_eq!(back, rows);
    }

    #[test]
    fn the_format_parameter_is_taken_off_the_query() {
        let (f, rest) = take_format("country=IT&format=csv&as_of=2020").expect("parsed");
        assert_eq!(f.as_deref(), Some("csv"));
        assert_eq!(rest, "country=IT&as_of=2020");
        assert!(ListFormat::parse("xlsx").is_err());
    }
}
