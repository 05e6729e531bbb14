//! Ingest and review, shared by the API and the pages: what a request asks
//! for, checked field by field (an [`Error`] names the field at fault), and
//! the registry calls that do it.
//!
//! - [`IngestRequest`]: a text (pasted, or an uploaded file) with its title,
//!   address, key and format, read from a JSON body or a form;
//! - [`Decision`]: accept, reject or correct one proposed fact;
//!   [`BulkDecision`]: accept or reject facts by id or a document's all.
//!
//! Only current *proposed* facts are reviewed: a decided fact is a 409 (its
//! later changes go through `PATCH /api/facts/{id}`), as is a superseded
//! version.

use citynets_registry::ingest::Format;
use citynets_model::{FactKind, FactRecord, PartialDate, Status, limits};
use citynets_registry::ingest::{IngestInput, IngestReport};
use citynets_registry::store::FactQuery;
use citynets_registry::{Registry, RegistryError};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::extract::form_field;

/// The largest text (or file) ingest reads, in bytes.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

// ---------------------------------------------------------------- ingest

/// An uploaded file.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    /// The file's name as the client sent it.
    pub name: Option<String>,
    pub bytes: Vec<u8>,
}

/// A text to ingest, as a request states it: every field as sent.
#[derive(Clone, Debug, Default)]
pub struct IngestRequest {
    pub text: Option<String>,
    pub file: Option<Upload>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub key: Option<String>,
    /// `auto` (the default), `text`, `markdown` or `html`.
    pub format: Option<String>,
}

impl IngestRequest {
    /// The JSON body of `POST /api/documents`.
    pub fn from_json(body: &Value) -> Result<IngestRequest> {
        let m = object(body)?;
        only_fields(m, &["text", "title", "url", "key", "format"])?;
        Ok(IngestRequest {
            text: string(m, "text")?,
            file: None,
            title: string(m, "title")?,
            url: string(m, "url")?,
            key: string(m, "key")?,
            format: string(m, "format")?,
        })
    }

    /// The registry's input, and the name of the field the content came
    /// from (`text` or `file`), which errors about the content name.
    pub fn input(self) -> Result<(IngestInput, &'static str)> {
        let blank = |b: &[u8]| b.iter().all(u8::is_ascii_whitespace);
        let text = self.text.map(String::into_bytes);
        let file = self.file.filter(|f| f.name.as_deref().is_some_and(|n| !n.is_empty()) || !f.bytes.is_empty());
        let (field, bytes, file_name) = match (text, file) {
            (Some(t), Some(_)) if !blank(&t) => return Err(Error::field("file", "give either a text or a file, not both")),
            (_, Some(f)) if blank(&f.bytes) => return Err(Error::field("file", "the file is empty")),
            (_, Some(f)) => ("file", f.bytes, f.name),
            (Some(t), None) if blank(&t) => return Err(Error::field("text", "the text is empty")),
            (Some(t), None) => ("text", t, None),
            (None, None) => return Err(Error::field("text", "required: the text to read")),
        };
        if bytes.len() > MAX_TEXT_BYTES {
            let message = format!("{} bytes is more than the {MAX_TEXT_BYTES} bytes accepted", bytes.len());
            return Err(Error::TooLarge { field: field.into(), message });
        }
        let format = match parse_format(self.format.as_deref())? {
            Some(f) => f,
            None => file_name.as_deref().map_or(Format::Auto, format_of_file),
        };
        let title = label("title", self.title, limits::TITLE)?;
        // A file's name is the key's hint when nothing else names the text.
        let stem = file_name.as_deref().map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n)).map(|n| n.split('.').next().unwrap_or(n).to_string());
        let key = label("key", self.key, limits::DOCUMENT_KEY)?.or_else(|| if title.is_none() { stem.filter(|s| !s.trim().is_empty()) } else { None });
        let input = IngestInput { key, title, url: label("url", self.url, limits::URL)?, bytes, format };
        Ok((input, field))
    }
}

/// `auto`, `text`, `markdown` or `html`; `None` when not given.
pub fn parse_format(v: Option<&str>) -> Result<Option<Format>> {
    let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    match v.to_ascii_lowercase().as_str() {
        "auto" => Ok(Some(Format::Auto)),
        "text" | "txt" => Ok(Some(Format::Text)),
        "markdown" | "md" => Ok(Some(Format::Markdown)),
        "html" | "htm" => Ok(Some(Format::Html)),
        _ => Err(Error::field("format", format!("'{v}' is not a format: expected auto, text, markdown or html"))),
    }
}

/// The format a file's extension tells.
fn format_of_file(name: &str) -> Format {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        "txt" => Format::Text,
        _ => Format::Auto,
    }
}

/// A title, address or key: trimmed, `None` when blank, at most `max`
/// characters (see [`limits`]).
fn label(field: &'static str, v: Option<String>, max: usize) -> Result<Option<String>> {
    let Some(v) = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) else { return Ok(None) };
    limits::check(field, &v, max).map_err(|e| Error::field(e.field, e.message))?;
    if v.chars().any(char::is_control) {
        return Err(Error::field(field, "contains control characters"));
    }
    Ok(Some(v))
}

/// What ingesting a text did: the registry's report and the document's
/// current proposals.
#[derive(Clone, Debug, Serialize)]
pub struct Ingested {
    #[serde(flatten)]
    pub report: IngestReport,
    /// The document's current proposed facts, with their sources and quotes.
    pub proposals: Vec<FactRecord>,
}

/// Ingests a text (see [`Registry::ingest`]).
pub async fn ingest(reg: &Registry, req: IngestRequest) -> Result<Ingested> {
    let (input, field) = req.input()?;
    let report = reg.ingest(input).await.map_err(|e| match e {
        // The extractor's refusal (binary, not UTF-8) is about the content.
        RegistryError::Input { place, field: f, message } if place == "document" && f == "text" => Error::field(field, message),
        e => e.into(),
    })?;
    let proposals = reg.proposals(Some(&report.document), None).await?;
    Ok(Ingested { report, proposals })
}

// ---------------------------------------------------------------- review

/// A reviewer's verdict on a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    Reject,
    /// Accept with corrections.
    Correct,
}

impl Verdict {
    /// The `decision` field: `accept`, `reject`, or, for one fact, `correct`.
    pub fn parse(v: Option<&str>, one_fact: bool) -> Result<Verdict> {
        let expected = if one_fact { "accept, reject or correct" } else { "accept or reject" };
        match v.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") => Err(Error::field("decision", format!("required: {expected}"))),
            Some("accept") => Ok(Verdict::Accept),
            Some("reject") => Ok(Verdict::Reject),
            Some("correct") if one_fact => Ok(Verdict::Correct),
            Some(other) => Err(Error::field("decision", format!("'{other}' is not a decision: expected {expected}"))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Reject => "reject",
            Verdict::Correct => "correct",
        }
    }
}

/// A decision on one proposed fact.
#[derive(Clone, Debug)]
pub struct Decision {
    pub verdict: Verdict,
    /// For [`Verdict::Correct`]: the fields to change, in the fact format.
    pub patch: Option<Value>,
    pub comment: Option<String>,
}

impl Decision {
    /// The JSON body of `POST /api/facts/{id}/review`.
    pub fn from_json(body: &Value) -> Result<Decision> {
        let m = object(body)?;
        only_fields(m, &["decision", "patch", "comment"])?;
        let verdict = Verdict::parse(string(m, "decision")?.as_deref(), true)?;
        let patch = match m.get("patch") {
            None | Some(Value::Null) => None,
            Some(p @ Value::Object(_)) => Some(p.clone()),
            Some(_) => return Err(Error::field("patch", "expected an object with the fields to change")),
        };
        Decision::new(verdict, patch, string(m, "comment")?)
    }

    /// A page's form: `decision`, `comment`, and for a correction the
    /// fact's fields by their names in the fact format (a blank field
    /// clears it).
    pub fn from_form(kind: FactKind, form: &[(String, String)]) -> Result<Decision> {
        let verdict = Verdict::parse(form_field(form, "decision"), true)?;
        let patch = match verdict {
            Verdict::Correct => Some(patch_from_form(kind, form)?),
            _ => None,
        };
        Decision::new(verdict, patch, form_field(form, "comment").map(str::to_string))
    }

    fn new(verdict: Verdict, patch: Option<Value>, comment: Option<String>) -> Result<Decision> {
        match (verdict, &patch) {
            (Verdict::Correct, None) => return Err(Error::field("patch", "required to correct: the fields to change")),
            (Verdict::Accept | Verdict::Reject, Some(_)) => {
                return Err(Error::field("patch", "only a correction has a patch: use \"decision\": \"correct\""));
            }
            _ => {}
        }
        if let Some(Value::Object(m)) = &patch {
            check_dates(m)?;
        }
        Ok(Decision { verdict, patch, comment: comment_of(comment)? })
    }
}

/// The fact format's date fields.
const DATE_FIELDS: [&str; 7] = ["since", "until", "year", "start", "end", "from", "to"];

/// A patch's dates, checked here so that a bad one is named (`patch.since`):
/// the registry reads the patched fact as a whole, and its error cannot say
/// which field was wrong.
fn check_dates(patch: &Map<String, Value>) -> Result<()> {
    for (k, v) in patch.iter().filter(|(k, _)| DATE_FIELDS.contains(&k.as_str())) {
        match v {
            Value::Null => {}
            Value::String(s) => {
                s.parse::<PartialDate>().map_err(|e| Error::field(format!("patch.{k}"), e.to_string()))?;
            }
            _ => return Err(Error::field(format!("patch.{k}"), "expected a date (YYYY, YYYY-MM or YYYY-MM-DD) or null")),
        }
    }
    Ok(())
}

/// The fields of a fact of `kind` that a form sent, as a patch.
fn patch_from_form(kind: FactKind, form: &[(String, String)]) -> Result<Value> {
    let mut patch = Map::new();
    for field in citynets_registry::exchange::fields_of(kind) {
        let Some(v) = form_field(form, field) else { continue };
        let v = v.trim();
        let value = if v.is_empty() {
            Value::Null
        } else if field == "edition" {
            let n: u32 = v.parse().map_err(|_| Error::field(format!("patch.{field}"), format!("'{v}' is not a whole number")))?;
            Value::from(n)
        } else {
            Value::from(v)
        };
        patch.insert(field.to_string(), value);
    }
    Ok(Value::Object(patch))
}

/// Which facts a [`BulkDecision`] is about.
#[derive(Clone, Debug)]
pub enum Target {
    Ids(Vec<i64>),
    /// Every current proposal of the document.
    Document(String),
}

/// Accept or reject many proposals at once.
#[derive(Clone, Debug)]
pub struct BulkDecision {
    pub target: Target,
    /// [`Verdict::Accept`] or [`Verdict::Reject`].
    pub verdict: Verdict,
    /// With a document and an acceptance: only the proposals the extractor
    /// read with at least this confidence.
    pub min_confidence: Option<f32>,
    pub comment: Option<String>,
}

impl BulkDecision {
    /// The JSON body of `POST /api/review`: `ids` or `document`, `decision`,
    /// optionally `min_confidence` (with a document) and `comment`.
    pub fn from_json(body: &Value) -> Result<BulkDecision> {
        let m = object(body)?;
        only_fields(m, &["ids", "document", "decision", "min_confidence", "comment"])?;
        let ids = match m.get("ids") {
            None | Some(Value::Null) => None,
            Some(Value::Array(list)) if !list.is_empty() => {
                let ids = list
                    .iter()
                    .map(|v| v.as_i64().filter(|&n| n > 0).ok_or_else(|| Error::field("ids", format!("{v} is not a fact id"))))
                    .collect::<Result<Vec<i64>>>()?;
                Some(ids)
            }
            Some(_) => return Err(Error::field("ids", "expected a non-empty array of fact ids")),
        };
        let document = string(m, "document")?.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
        let target = match (ids, document) {
            (Some(_), Some(_)) => return Err(Error::field("ids", "give either ids or document, not both")),
            (Some(ids), None) => Target::Ids(ids),
            (None, Some(d)) => Target::Document(d),
            (None, None) => return Err(Error::field("ids", "required: the ids of the facts, or a document")),
        };
        let verdict = Verdict::parse(string(m, "decision")?.as_deref(), false)?;
        let min_confidence = match m.get("min_confidence") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_f64().ok_or_else(|| Error::field("min_confidence", format!("{v} is not a number")))?),
        };
        BulkDecision::new(target, verdict, min_confidence, comment_of(string(m, "comment")?)?)
    }

    /// A bulk decision, checked: a confidence floor needs a document and an
    /// acceptance (the registry checks that it lies between 0 and 1).
    pub fn new(target: Target, verdict: Verdict, min_confidence: Option<f64>, comment: Option<String>) -> Result<BulkDecision> {
        if min_confidence.is_some() && (!matches!(target, Target::Document(_)) || verdict != Verdict::Accept) {
            return Err(Error::field("min_confidence", "only with a document and decision \"accept\""));
        }
        Ok(BulkDecision { target, verdict, min_confidence: min_confidence.map(|c| c as f32), comment })
    }
}

/// The body of `POST /api/facts/{id}/revert`: none, or an optional
/// `comment`.
pub fn revert_comment(body: Option<&Value>) -> Result<Option<String>> {
    match body {
        None | Some(Value::Null) => Ok(None),
        Some(b) => {
            let m = object(b)?;
            only_fields(m, &["comment"])?;
            string(m, "comment")
        }
    }
}

fn comment_of(c: Option<String>) -> Result<Option<String>> {
    label("comment", c, limits::COMMENT)
}

/// Carries out a bulk decision; returns the resulting fact ids, in order.
pub async fn decide_many(reg: &Registry, d: &BulkDecision) -> Result<Vec<i64>> {
    let accept = d.verdict == Verdict::Accept;
    match &d.target {
        Target::Ids(ids) => {
            let mut unique: Vec<i64> = Vec::with_capacity(ids.len());
            for &id in ids {
                if !unique.contains(&id) {
                    unique.push(id);
                }
            }
            for &id in &unique {
                proposed(reg, id).await?;
            }
            Ok(reg.decide(&unique, accept, d.comment.as_deref()).await?)
        }
        Target::Document(key) => match d.min_confidence {
            Some(floor) => Ok(reg.accept_document_above(key, floor, d.comment.as_deref()).await?),
            None => Ok(reg.decide_document(key, accept, d.comment.as_deref()).await?),
        },
    }
}

/// Carries out a decision on fact `id`; returns the resulting fact ids.
pub async fn decide_fact(reg: &Registry, id: i64, d: &Decision) -> Result<Vec<i64>> {
    proposed(reg, id).await?;
    let comment = d.comment.as_deref();
    match (d.verdict, &d.patch) {
        (Verdict::Correct, Some(patch)) => reg.accept_corrected(id, patch, comment).await.map_err(in_patch),
        (Verdict::Correct, None) => Err(Error::field("patch", "required to correct: the fields to change")),
        (v, _) => Ok(reg.decide(&[id], v == Verdict::Accept, comment).await?),
    }
}

/// Fact `id`, which must be a proposal: 404 when there is no such fact, 409
/// when it was already decided. (A superseded version is the store's 409.)
pub async fn proposed(reg: &Registry, id: i64) -> Result<FactRecord> {
    let r = reg.store().fact(id).await?.ok_or_else(|| Error::not_found(format!("no fact with id {id}")))?;
    if r.is_current() && r.status != Status::Proposed {
        return Err(Error::Conflict(format!(
            "fact {id} is already {}: only proposed facts are reviewed (PATCH /api/facts/{id} changes a decided one)",
            r.status.as_str()
        )));
    }
    Ok(r)
}

/// A correction's errors name the patch's field (`patch.since`).
fn in_patch(e: RegistryError) -> Error {
    match e {
        RegistryError::Input { field, message, .. } => {
            let field = if field == "-" || field == "body" { "patch".to_string() } else { format!("patch.{field}") };
            Error::Field { field, message, at: None }
        }
        e => e.into(),
    }
}

/// The facts with these ids (current or not), in the order given.
pub async fn records(reg: &Registry, ids: &[i64]) -> Result<Vec<FactRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut facts = reg.store().facts(&FactQuery { ids: ids.to_vec(), ..Default::default() }).await?;
    facts.sort_by_key(|f| ids.iter().position(|&id| id == f.id));
    facts.dedup_by_key(|f| f.id);
    Ok(facts)
}

// ---------------------------------------------------------------- JSON fields

fn object(body: &Value) -> Result<&Map<String, Value>> {
    body.as_object().ok_or_else(|| Error::field("body", "expected a JSON object"))
}

fn only_fields(m: &Map<String, Value>, known: &[&str]) -> Result<()> {
    match m.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(Error::field(k.clone(), format!("unknown field: expected {}", known.join(", ")))),
        None => Ok(()),
    }
}

/// A string field; `None` when absent or null.
fn string(m: &Map<String, Value>, name: &str) -> Result<Option<String>> {
    match m.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::field(name, "expected a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(text: Option<&str>, file: Option<(&str, &[u8])>) -> IngestRequest {
        IngestRequest {
            text: text.map(str::to_string),
            file: file.map(|(n, b)| Upload { name: Some(n.to_string()), bytes: b.to_vec() }),
            ..Default::default()
        }
    }

    fn field_of(r: Result<(IngestInput, &'static str)>) -> (u16, String) {
        match r {
            Err(Error::Field { field, .. }) => (400, field),
            Err(Error::TooLarge { field, .. }) => (413, field),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn content_is_a_text_or_a_file() {
        assert_eq!(field_of(req(None, None).input()), (400, "text".into()));
        assert_eq!(field_of(req(Some("  \n"), None).input()), (400, "text".into()));
        assert_eq!(field_of(req(Some("Hello"), Some(("a.txt", b"World"))).input()), (400, "file".into()));
        assert_eq!(field_of(req(None, Some(("a.txt", b" "))).input()), (400, "file".into()));
        assert_eq!(field_of(req(Some(&"x".repeat(MAX_TEXT_BYTES + 1)), None).input()), (413, "text".into()));
        // A browser sends an empty file part when no file was chosen.
        let (input, field) = req(Some("Hello"), Some(("", b""))).input().unwrap();
        assert_eq!((field, input.bytes.as_slice(), input.format), ("text", b"Hello".as_slice(), Format::Auto));
        let (input, field) = req(Some(""), Some(("news/bologna.html", b"<p>Hi</p>"))).input().unwrap();
        assert_eq!((field, input.format, input.key.as_deref()), ("file", Format::Html, Some("bologna")));
    }

    #[test]
    fn formats_and_decisions() {
        assert_eq!(parse_format(Some("Markdown")).unwrap(), Some(Format::Markdown));
        assert_eq!(parse_format(Some(" ")).unwrap(), None);
        assert!(matches!(parse_format(Some("pdf")), Err(Error::Field { field, .. }) if field == "format"));
        assert_eq!(Verdict::parse(Some("Accept"), false).unwrap(), Verdict::Accept);
        assert!(Verdict::parse(Some("correct"), false).is_err());
        assert!(Verdict::parse(None, true).is_err());
    }

    #[test]
    fn bodies_name_the_field_at_fault() {
        let field = |v: Value| match BulkDecision::from_json(&v) {
            Err(Error::Field { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(serde_json::json!({ "decision": "accept" })), "ids");
        assert_eq!(field(serde_json::json!({ "ids": [1, "x"], "decision": "accept" })), "ids");
        assert_eq!(field(serde_json::json!({ "ids": [1], "document": "d", "decision": "accept" })), "ids");
        assert_eq!(field(serde_json::json!({ "ids": [1], "decision": "maybe" })), "decision");
        assert_eq!(field(serde_json::json!({ "ids": [1], "decision": "accept", "comment": 3 })), "comment");
        assert_eq!(field(serde_json::json!({ "ids": [1], "decison": "accept" })), "decison");
        let d = Decision::from_json(&serde_json::json!({ "decision": "correct" }));
        assert!(matches!(d, Err(Error::Field { field, .. }) if field == "patch"));
    }

    #[test]
    fn forms_become_patches() {
        let form = |pairs: &[(&str, &str)]| pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        let d = Decision::from_form(FactKind::Twinning, &form(&[("decision", "correct"), ("city", "Utrecht"), ("other", "Brno"), ("since", " "), ("x", "y")])).unwrap();
        assert_eq!(d.patch, Some(serde_json::json!({ "city": "Utrecht", "other": "Brno", "since": null })));
        let d = Decision::from_form(FactKind::Event, &form(&[("decision", "correct"), ("edition", "13")])).unwrap();
        assert_eq!(d.patch, Some(serde_json::json!({ "edition": 13 })));
        assert!(Decision::from_form(FactKind::Event, &form(&[("decision", "correct"), ("edition", "xiii")])).is_err());
        let d = Decision::from_form(FactKind::Event, &form(&[("decision", "accept"), ("comment", " ")])).unwrap();
        assert_eq!((d.verdict, d.patch, d.comment), (Verdict::Accept, None, None));
    }
}
