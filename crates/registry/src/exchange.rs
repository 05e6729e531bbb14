//! Import and export of facts: JSON Lines and CSV.
//!
//! **JSON Lines**: each line is either a document object as `citynets
//! extract` prints it (`{"doc_id": ..., "facts": [...]}`, its facts citing
//! the document), or one fact as `citynets export` prints it (the fact
//! format plus optional `status` and `sources`; `id` and other registry
//! fields are ignored).
//!
//! **CSV**: a header row naming columns of the fact format (see
//! [`CSV_COLUMNS`]); `sources` holds document keys separated by `;`. A
//! cell that would start with `=`, `+`, `-`, `@`, a tab, a carriage
//! return or a `'` is written with a leading `'` and read back without it
//! ([`csv_cell`]).
//!
//! An import is one transaction: the first bad line stops it with its file,
//! line and field, and nothing is written.

use std::collections::HashSet;
use std::io::Write;

use citynets_gazetteer::Gazetteer;
use citynets_model::{Document, FactRecord, Field, NewFact, PartialDate, Role, Source, Status};
use citynets_store::{Batch, FactQuery, WriteReport};
use serde_json::{Map, Value};

use crate::{locate, Guessed, Progress, Registry, RegistryError, Resolution, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

/// The CSV columns, in export order.
pub const CSV_COLUMNS: &[&str] = &[
    "id", "kind", "status", "city", "country", "network", "field", "year", "since", "until", "event", "edition", "host",
    "start", "end", "holder", "role", "organ", "from", "to", "other", "sources",
];

const DATE_FIELDS: &[&str] = &["since", "until", "year", "start", "end", "from", "to"];

/// What an import wrote, and the cities it took for the largest of their
/// namesakes (each noted on its fact's sources too).
#[derive(Debug)]
pub struct Imported {
    pub written: WriteReport,
    pub guessed: Vec<Guessed>,
}

#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The status of every imported fact; else each line's own, else accepted.
    pub status: Option<Status>,
    /// Recorded with every fact version the import creates.
    pub comment: Option<String>,
}

/// Checks the typed fields of a fact object one by one, so that an error
/// names its field ("since: month 13 is out of range 1-12").
fn check_fields(obj: &Map<String, Value>) -> std::result::Result<(), (String, String)> {
    let kind = obj.get("kind").and_then(Value::as_str).ok_or(("kind".to_string(), "missing".to_string()))?;
    kind.parse::<citynets_model::FactKind>().map_err(|e| ("kind".to_string(), e.to_string()))?;
    for (k, v) in obj {
        let bad = |m: String| Err((k.clone(), m));
        match (k.as_str(), v) {
            (_, Value::Null) => {}
            (f, Value::String(s)) if DATE_FIELDS.contains(&f) => {
                if let Err(e) = s.parse::<PartialDate>() {
                    return bad(e.to_string());
                }
            }
            (f, Value::Number(n)) if DATE_FIELDS.contains(&f)
                && n.as_i64().and_then(|y| PartialDate::year(y as i32).ok()).is_none() => {
                    return bad(format!("{n} is not a year"));
                }
            ("field", Value::String(s)) => {
                if let Err(e) = s.parse::<Field>() {
                    return bad(e.to_string());
                }
            }
            ("role", Value::String(s)) => {
                if let Err(e) = s.parse::<Role>() {
                    return bad(e.to_string());
                }
            }
            ("status", Value::String(s)) => {
                if let Err(e) = s.parse::<Status>() {
                    return bad(e.to_string());
                }
            }
            ("edition", v) if !v.is_u64() => return bad(format!("{v} is not a whole number")),
            _ => {}
        }
    }
    Ok(())
}

/// A fact object to a [`NewFact`], with `default_status` when it has none.
/// Fields and roles may be written in any of the catalogue's languages
/// ("gastronomia", "presidente").
fn new_fact(g: &Gazetteer, mut obj: Map<String, Value>, default_status: Status, place: &str) -> Result<NewFact> {
    if let Some(Value::String(f)) = obj.get("field")
        && let Some(canonical) = g.field_named(f) {
            obj.insert("field".into(), Value::String(canonical.as_str().into()));
        }
    if let Some(Value::String(r)) = obj.get("role")
        && let Some(canonical) = g.role_named(r) {
            obj.insert("role".into(), Value::String(canonical.as_str().into()));
        }
    check_fields(&obj).map_err(|(f, m)| RegistryError::input(place, f, m))?;
    if !obj.contains_key("status") {
        obj.insert("status".into(), Value::String(default_status.as_str().into()));
    }
    serde_json::from_value(Value::Object(obj)).map_err(|e| RegistryError::input(place, "-", e.to_string()))
}

/// An import file, parsed: what [`import`] resolves and writes.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub facts: Vec<NewFact>,
    /// Where each fact is in the file (`name:line`, `name:line: fact N`).
    pub places: Vec<String>,
    /// The documents of the file's document objects (JSON Lines).
    pub documents: Vec<Document>,
}

/// Parses an import file into facts and the documents it names, without
/// the registry: no I/O, no resolution (for tests and fuzzing; [`import`]
/// parses with it). `name` places errors (`name:line`).
pub fn parse(g: &Gazetteer, name: &str, text: &str, format: Format, opts: &ImportOptions) -> Result<Parsed> {
    let status = opts.status.unwrap_or(Status::Accepted);
    let mut facts = Vec::new();
    let mut places = Vec::new();
    let mut docs = Vec::new();
    match format {
        Format::Jsonl => {
            for (i, line) in text.lines().enumerate() {
                let place = format!("{name}:{}", i + 1);
                if line.trim().is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(line).map_err(|e| RegistryError::input(&place, "-", format!("not JSON: {e}")))?;
                let Value::Object(mut obj) = v else {
                    return Err(RegistryError::input(&place, "-", "expected a JSON object"));
                };
                if let Some(list) = obj.remove("facts") {
                    let doc_id = obj.get("doc_id").and_then(Value::as_str).filter(|s| !s.trim().is_empty());
                    let doc_id = doc_id.ok_or_else(|| RegistryError::input(&place, "doc_id", "a document object needs a doc_id"))?;
                    let published = match obj.get("published") {
                        Some(Value::String(s)) => Some(s.parse::<PartialDate>().map_err(|e| RegistryError::input(&place, "published", e.to_string()))?),
                        _ => None,
                    };
                    let doc = Document {
                        key: doc_id.to_string(),
                        title: obj.get("source").and_then(Value::as_str).map(str::to_string),
                        url: obj.get("url").and_then(Value::as_str).map(str::to_string),
                        language: obj.get("language").and_then(Value::as_str).map(str::to_string),
                        published,
                        text: None,
                    };
                    doc.validate().map_err(|e| {
                        // The fields as the document object names them.
                        let field = match e.field {
                            "key" => "doc_id",
                            "title" => "source",
                            f => f,
                        };
                        RegistryError::input(&place, field, e.message)
                    })?;
                    docs.push(doc);
                    let Value::Array(list) = list else {
                        return Err(RegistryError::input(&place, "facts", "expected an array of facts"));
                    };
                    for (j, f) in list.into_iter().enumerate() {
                        let fplace = format!("{place}: fact {}", j + 1);
                        let Value::Object(fo) = f else {
                            return Err(RegistryError::input(&fplace, "-", "expected a fact object"));
                        };
                        let mut nf = new_fact(g, fo, status, &fplace)?;
                        if nf.sources.is_empty() {
                            nf.sources.push(Source::document(doc_id));
                        }
                        if let Some(s) = opts.status {
                            nf.status = s;
                        }
                        facts.push(nf);
                        places.push(fplace);
                    }
                } else {
                    let mut nf = new_fact(g, obj, status, &place)?;
                    if let Some(s) = opts.status {
                        nf.status = s;
                    }
                    facts.push(nf);
                    places.push(place);
                }
            }
        }
        Format::Csv => {
            let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
            let headers = rdr.headers().map_err(|e| RegistryError::input(format!("{name}:1"), "header", e.to_string()))?.clone();
            for h in &headers {
                if !CSV_COLUMNS.contains(&h) {
                    return Err(RegistryError::input(format!("{name}:1"), h, format!("unknown column; the columns are {}", CSV_COLUMNS.join(", "))));
                }
            }
            for rec in rdr.records() {
                let rec = rec.map_err(|e| {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    RegistryError::input(format!("{name}:{line}"), "-", e.to_string())
                })?;
                let place = format!("{name}:{}", rec.position().map(|p| p.line()).unwrap_or(0));
                let mut obj = Map::new();
                let mut sources = Vec::new();
                for (h, v) in headers.iter().zip(rec.iter()) {
                    let v = csv_text(v.trim());
                    if v.is_empty() || h == "id" {
                        continue;
                    }
                    match h {
                        "sources" => sources = v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(Source::document).collect(),
                        "edition" => {
                            let n: u64 = v.parse().map_err(|_| RegistryError::input(&place, "edition", format!("'{v}' is not a whole number")))?;
                            obj.insert(h.into(), Value::from(n));
                        }
                        _ => {
                            obj.insert(h.into(), Value::String(v.into()));
                        }
                    }
                }
                let mut nf = new_fact(g, obj, status, &place)?;
                nf.sources = sources;
                if let Some(s) = opts.status {
                    nf.status = s;
                }
                facts.push(nf);
                places.push(place);
            }
        }
    }
    Ok(Parsed { facts, places, documents: docs })
}

/// Imports a file's facts in one transaction.
pub async fn import(registry: &Registry, name: &str, text: &str, format: Format, opts: &ImportOptions, progress: Progress<'_>) -> Result<Imported> {
    let Parsed { facts, places, documents } = parse(registry.gazetteer(), name, text, format, opts)?;
    write_parsed(registry, facts, places, documents, opts, progress).await
}

/// Imports fact objects (the fact format, with optional `status` and
/// `sources`), as a request body carries them, in one transaction. Errors
/// are placed as `fact N`, counting from 1.
pub async fn import_objects(registry: &Registry, objects: Vec<Map<String, Value>>, opts: &ImportOptions) -> Result<Imported> {
    let default_status = opts.status.unwrap_or(Status::Accepted);
    let mut facts = Vec::with_capacity(objects.len());
    let mut places = Vec::with_capacity(objects.len());
    for (i, obj) in objects.into_iter().enumerate() {
        let place = format!("fact {}", i + 1);
        let mut nf = new_fact(registry.gazetteer(), obj, default_status, &place)?;
        if let Some(s) = opts.status {
            nf.status = s;
        }
        facts.push(nf);
        places.push(place);
    }
    write_parsed(registry, facts, places, Vec::new(), opts, &crate::no_progress).await
}

/// Resolves parsed facts and writes them with their documents.
async fn write_parsed(
    registry: &Registry,
    facts: Vec<NewFact>,
    places: Vec<String>,
    mut documents: Vec<Document>,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<Imported> {
    let place = |i: usize| places.get(i).cloned().unwrap_or_else(|| format!("fact {}", i + 1));
    let mut members = HashSet::new();
    let Resolution { facts: inputs, cities, guessed } = registry.resolve_all(&facts, &place, &mut members)?;
    registry.check_add(&inputs, &place)?;
    // Sources that name documents the registry does not have yet: add them
    // by key, so an export of one registry imports into another.
    let mut known: HashSet<String> = documents.iter().map(|d| d.key.clone()).collect();
    for f in &facts {
        for s in &f.sources {
            if known.insert(s.document.clone()) && registry.store().document(&s.document).await?.is_none() {
                documents.push(Document { key: s.document.clone(), title: None, url: None, language: None, published: None, text: None });
            }
        }
    }
    let batch = Batch { cities, documents, facts: inputs, comment: opts.comment.clone(), author: registry.author().map(str::to_string), ..Default::default() };
    let report = registry.store().write_with_progress(&batch, progress).await.map_err(|e| locate(e, &place))?;
    registry.after_write(&report.ids).await;
    Ok(Imported { written: report, guessed })
}

/// The characters that make a spreadsheet read a cell as a formula when
/// they lead it (OWASP's list for CSV injection).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` is written with a leading `'`: it starts like a formula
/// (but is not a number such as `-8.6`), or with a `'` of its own, which
/// would otherwise be taken for ours when read back.
fn quoted(text: &str) -> bool {
    (text.starts_with(FORMULA_STARTS) && text.parse::<f64>().is_err()) || text.starts_with('\'')
}

/// A cell of a CSV export, safe to open in a spreadsheet: text that starts
/// like a formula gets a leading `'`, which spreadsheets show as text (a
/// number such as `-8.6` stays as it is), and so does text that starts with
/// `'`. [`parse`] reads such a cell back without the `'`, exactly.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if quoted(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A CSV cell as [`csv_cell`] wrote it, to the text it was: one leading
/// `'` goes only where [`csv_cell`] would have put it.
fn csv_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if quoted(rest) => rest,
        _ => cell,
    }
}

fn csv_row(r: &FactRecord) -> Vec<String> {
    let v = serde_json::to_value(&r.fact).expect("facts serialise");
    CSV_COLUMNS
        .iter()
        .map(|c| match *c {
            "id" => r.id.to_string(),
            "status" => r.status.to_string(),
            "sources" => csv_cell(&r.sources.iter().map(|s| s.document.as_str()).collect::<Vec<_>>().join(";")).into_owned(),
            c => match v.get(c) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => csv_cell(s).into_owned(),
                Some(other) => other.to_string(),
            },
        })
        .collect()
}

/// Writes the facts `q` selects, page by page. Returns how many.
pub async fn export(registry: &Registry, q: &FactQuery, format: Format, out: &mut (dyn Write + Send)) -> Result<usize> {
    let fail = |e: String| RegistryError::input("output", "-", e);
    match format {
        Format::Jsonl => {
            let n = each_fact(registry, q, |r| {
                serde_json::to_writer(&mut *out, r).map_err(|e| e.to_string())?;
                out.write_all(b"\n").map_err(|e| e.to_string())
            })
            .await?;
            out.flush().map_err(|e| fail(e.to_string()))?;
            Ok(n)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_COLUMNS).map_err(|e| fail(e.to_string()))?;
            let n = each_fact(registry, q, |r| w.write_record(csv_row(r)).map_err(|e| e.to_string())).await?;
            w.flush().map_err(|e| fail(e.to_string()))?;
            Ok(n)
        }
    }
}

/// Calls `emit` on each fact `q` selects, reading a page at a time.
async fn each_fact(registry: &Registry, q: &FactQuery, mut emit: impl FnMut(&FactRecord) -> std::result::Result<(), String>) -> Result<usize> {
    const PAGE: i64 = 5_000;
    let mut n = 0usize;
    let mut offset = q.offset.unwrap_or(0);
    loop {
        let page = FactQuery { limit: Some(PAGE), offset: Some(offset), ..q.clone() };
        let facts = registry.store().facts(&page).await?;
        for r in &facts {
            emit(r).map_err(|e| RegistryError::input("output", "-", e))?;
        }
        n += facts.len();
        if (facts.len() as i64) < PAGE {
            return Ok(n);
        }
        offset += PAGE;
    }
}

/// The fact format's field names for a kind, for documentation and forms.
pub fn fields_of(kind: citynets_model::FactKind) -> Vec<&'static str> {
    use citynets_model::FactKind::*;
    match kind {
        Membership => vec!["city", "country", "network", "since", "until"],
        Designation => vec!["city", "country", "network", "field", "year"],
        Event => vec!["network", "event", "edition", "host", "start", "end"],
        Role => vec!["holder", "role", "organ", "from", "to"],
        Twinning => vec!["city", "other", "since"],
        Headquarters => vec!["network", "city"],
        Founded => vec!["network", "year"],
    }
}


#[cfg(test)]
mod tests {
    use super::{csv_cell, csv_text};

    #[test]
    fn csv_cells_round_trip_exactly() {
        let texts = [
            "Bologna", "=SUM(1)", "+39", "-8.6", "-x", "@a", "\tx", "'", "'=SUM(1)", "''=x", "'-8.6", "'plain",
            "it's", "",
        ];
        for text in texts {
            let cell = csv_cell(text);
            assert_eq!(csv_text(&cell), text, "{text:?} written as {cell:?}");
        }
        assert_eq!(csv_cell("=SUM(1)"), "'=SUM(1)");
        assert_eq!(csv_cell("'=SUM(1)"), "''=SUM(1)");
        assert_eq!(csv_cell("-8.6"), "-8.6");
        // A `'` written by hand before text that needs none is kept.
        assert_eq!(csv_text("'plain"), "'plain");
    }
}
