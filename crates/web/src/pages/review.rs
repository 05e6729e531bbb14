//! The ingest form and the review pages. Forms post back and are answered
//! with a 303 redirect to the page that shows the outcome; a refused
//! request shows the page again with the message (4xx). The checks and the
//! registry calls are [`crate::review`]'s, the API's.

use std::collections::HashSet;

use askama::Template;
use axum::extract::{FromRequest, Multipart, RawQuery, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use citynets_model::{FactRecord, Status};
use citynets_registry::Registry;
use serde::Deserialize;
use serde_json::Value;

use super::present::{FactRow, document_href, encode};
use super::{PageResult, render};
use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::extract::{Form, Path, Query, form_field};
use crate::params::{ReviewParams, integer};
use crate::review::{self, BulkDecision, Decision, IngestRequest, MAX_TEXT_BYTES, Target, Upload, Verdict};
use crate::views::{self, DocumentView, ReviewQueue};

// ---------------------------------------------------------------- ingest

struct FormatOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Template)]
#[template(path = "ingest.html")]
struct IngestPage {
    text: String,
    title: String,
    url: String,
    key: String,
    formats: Vec<FormatOption>,
    max_kib: usize,
    error: Option<String>,
    csrf: String,
}

impl IngestPage {
    fn new(r: &IngestRequest, csrf: &str, error: Option<String>) -> IngestPage {
        let value = |v: &Option<String>| v.clone().unwrap_or_default();
        let chosen = r.format.as_deref().map(|f| f.trim().to_ascii_lowercase()).unwrap_or_default();
        let formats = [("auto", "Recognise (HTML, else Markdown)"), ("text", "Plain text, verbatim"), ("markdown", "Markdown"), ("html", "HTML")]
            .into_iter()
            .map(|(value, label)| FormatOption { value, label, selected: chosen == value })
            .collect();
        IngestPage {
            text: value(&r.text),
            title: value(&r.title),
            url: value(&r.url),
            key: value(&r.key),
            formats,
            max_kib: MAX_TEXT_BYTES / 1024,
            error,
            csrf: csrf.to_string(),
        }
    }
}

/// `GET /ingest`: the form, for a logged-in account.
pub(super) async fn ingest_form(caller: Result<Caller>) -> PageResult {
    let caller = caller?;
    caller.page_user("/ingest")?;
    render(StatusCode::OK, &IngestPage::new(&IngestRequest::default(), caller.csrf(), None))
}

/// `POST /ingest`: a URL-encoded or multipart form (with a file). Ingests,
/// then redirects to the document's review page.
pub(super) async fn ingest(State(reg): State<Registry>, caller: Result<Caller>, req: Request) -> PageResult {
    let caller = caller?;
    let (form, csrf) = match read_ingest_form(req).await {
        Ok(f) => f,
        Err(e) => return ingest_refused(&IngestRequest::default(), caller.csrf(), e),
    };
    let writer = caller.writer(&reg, csrf.as_deref(), "/ingest")?;
    match review::ingest(&writer, form.clone()).await {
        Ok(done) => {
            let r = &done.report;
            let query = if r.already_known {
                "done=known".to_string()
            } else {
                format!("done=ingested&n={}&unresolved={}", done.proposals.len(), r.unresolved.len())
            };
            Ok(Redirect::to(&format!("{}?{query}", review_href(&r.document))).into_response())
        }
        Err(e) => ingest_refused(&form, caller.csrf(), e),
    }
}

/// The form again, with what was sent (but the file) and the message.
fn ingest_refused(form: &IngestRequest, csrf: &str, e: Error) -> PageResult {
    if !e.shown_beside_a_form() {
        return Err(e.into());
    }
    e.log();
    render(e.status(), &IngestPage::new(form, csrf, Some(e.to_string())))
}

/// The ingest form's fields, from either encoding, and its CSRF token.
async fn read_ingest_form(req: Request) -> Result<(IngestRequest, Option<String>)> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mut out = IngestRequest::default();
    let mut csrf = None;
    let mut set = |out: &mut IngestRequest, name: &str, value: String| match name {
        "csrf" => csrf = Some(value),
        "text" => out.text = Some(value),
        "title" => out.title = Some(value),
        "url" => out.url = Some(value),
        "key" => out.key = Some(value),
        "format" => out.format = Some(value),
        _ => {}
    };
    if content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        let mut parts = Multipart::from_request(req, &()).await?;
        while let Some(field) = parts.next_field().await? {
            let name = field.name().unwrap_or_default().to_string();
            if name == "file" {
                let file_name = field.file_name().map(str::to_string);
                out.file = Some(Upload { name: file_name, bytes: field.bytes().await?.to_vec() });
            } else {
                let bytes = field.bytes().await?.to_vec();
                let value = String::from_utf8(bytes).map_err(|_| Error::field(name.clone(), "not UTF-8 text"))?;
                set(&mut out, &name, value);
            }
        }
    } else {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(req, &()).await?;
        for (name, value) in pairs {
            set(&mut out, &name, value);
        }
    }
    Ok((out, csrf))
}

// ---------------------------------------------------------------- the queue

struct QueueRow {
    href: String,
    title: String,
    published: String,
    language: String,
    proposals: usize,
}

#[derive(Template)]
#[template(path = "review_queue.html")]
struct QueuePage {
    rows: Vec<QueueRow>,
    total: usize,
    downloads: String,
}

pub(super) async fn queue(State(reg): State<Registry>, caller: Result<Caller>, RawQuery(raw): RawQuery, q: Result<Query<ReviewParams>>) -> PageResult {
    caller?.page_user("/review")?;
    let Query(p) = q?;
    let (document, _) = p.resolve(&reg).await?;
    // The page lists documents; it needs no proposals.
    let queue = ReviewQueue::load(&reg, document.as_deref(), 1).await?;
    let rows = queue
        .documents
        .into_iter()
        .map(|e| QueueRow {
            href: review_href(&e.document.key),
            title: e.document.title.unwrap_or_else(|| e.document.key.clone()),
            published: e.document.published.map(|d| d.to_string()).unwrap_or_default(),
            language: e.document.language.unwrap_or_default(),
            proposals: e.proposals,
        })
        .collect();
    render(StatusCode::OK, &QueuePage { rows, total: queue.total, downloads: super::downloads("/api/review", raw.as_deref(), &[("limit", "10000")]) })
}

// ---------------------------------------------------------------- a document's review

/// A stretch of a document's text and the facts whose quotes cover it.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub text: String,
    /// The facts whose quote covers it; none for plain text.
    pub facts: Vec<i64>,
    /// The fact whose quote starts here (the mark's `id`), and any other
    /// quotes starting at the same place (anchors inside the mark).
    pub anchor: Option<i64>,
    pub more_anchors: Vec<i64>,
    /// The mark's classes: `q`, `overlap` when quotes overlap, `decided`
    /// when no fact covering it is still proposed.
    pub class: String,
    pub title: String,
}

/// A quote to highlight: the fact, its `[start, end)` span in characters,
/// and whether the fact is still proposed.
#[derive(Clone, Copy, Debug)]
pub struct Quote {
    pub fact: i64,
    pub span: [usize; 2],
    pub proposed: bool,
}

/// `text` cut at every quote's start and end, each piece with the quotes
/// covering it, so that overlapping quotes are all marked. Spans are
/// character offsets; spans out of the text are clipped or left out.
pub fn highlight(text: &str, quotes: &[Quote]) -> Vec<Segment> {
    let n = text.chars().count();
    let quotes: Vec<Quote> = quotes
        .iter()
        .map(|q| Quote { span: [q.span[0], q.span[1].min(n)], ..*q })
        .filter(|q| q.span[0] < q.span[1])
        .collect();
    let mut cuts: Vec<usize> = quotes.iter().flat_map(|q| q.span).chain([0, n]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    // Byte offsets of the cuts (character offsets), in one pass.
    let mut bytes = Vec::with_capacity(cuts.len());
    let mut next = cuts.iter().peekable();
    for (i, (b, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
        while next.peek().is_some_and(|&&c| c == i) {
            bytes.push(b);
            next.next();
        }
    }
    let mut anchored = HashSet::new();
    let mut out = Vec::with_capacity(cuts.len());
    for (w, b) in cuts.windows(2).zip(bytes.windows(2)) {
        let covering: Vec<&Quote> = quotes.iter().filter(|q| q.span[0] <= w[0] && w[1] <= q.span[1]).collect();
        let mut facts: Vec<i64> = covering.iter().map(|q| q.fact).collect();
        facts.dedup();
        let mut starting = quotes.iter().filter(|q| q.span[0] == w[0] && anchored.insert(q.fact)).map(|q| q.fact);
        let anchor = starting.next();
        let more_anchors = starting.collect();
        let mut class = "q".to_string();
        if facts.len() > 1 {
            class.push_str(" overlap");
        }
        if !covering.iter().any(|q| q.proposed) {
            class.push_str(" decided");
        }
        let title = facts.iter().map(|f| format!("fact #{f}")).collect::<Vec<_>>().join(", ");
        out.push(Segment { text: text[b[0]..b[1]].to_string(), facts, anchor, more_anchors, class, title });
    }
    out
}

/// A fact read from the document, with what a reviewer can do with it.
struct ReviewItem {
    row: FactRow,
    /// `#q-{id}` when its quote is marked in the text.
    quote_href: Option<String>,
    quote: Option<String>,
    /// How sure the extractor was ("0.90") and why, when it proposed it.
    confidence: Option<String>,
    cue: Option<String>,
    proposed: bool,
    /// The fact's fields (fact format names) and values, for the correction.
    fields: Vec<(String, String)>,
    action: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    key: String,
    title: String,
    doc_href: String,
    action: String,
    url: Option<String>,
    language: Option<String>,
    published: Option<String>,
    has_text: bool,
    segments: Vec<Segment>,
    items: Vec<ReviewItem>,
    proposed: usize,
    notice: Option<String>,
    error: Option<String>,
    csrf: String,
}

/// The short notice a decision's redirect asks for: fixed sentences, only
/// the counts come from the query.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NoticeParams {
    done: Option<String>,
    n: Option<String>,
    unresolved: Option<String>,
}

impl NoticeParams {
    fn message(&self) -> Option<String> {
        let count = |v: &Option<String>| integer("n", v, 0..=1_000_000).ok().flatten().unwrap_or(0);
        let n = count(&self.n);
        let facts = |n: i64| if n == 1 { "1 fact".to_string() } else { format!("{n} facts") };
        let message = match self.done.as_deref()? {
            "ingested" => {
                let mut m = format!("Text read: {} proposed for review.", facts(n));
                let u = count(&self.unresolved);
                if u > 0 {
                    m.push_str(&format!(" {} named places or networks the gazetteer does not know and were not kept.", facts(u)));
                }
                m
            }
            "known" => "This text was already in the registry: nothing changed.".to_string(),
            "accept" => format!("Accepted {}.", facts(n)),
            "reject" => format!("Rejected {}.", facts(n)),
            "correct" => "Corrected and accepted.".to_string(),
            _ => return None,
        };
        Some(message)
    }
}

fn review_href(key: &str) -> String {
    format!("/review/{}", encode(key))
}

/// A fact's fields in the fact format, values as a form shows them.
fn editable_fields(r: &FactRecord) -> Vec<(String, String)> {
    let body = serde_json::to_value(&r.fact).unwrap_or_default();
    citynets_registry::exchange::fields_of(r.fact.kind())
        .into_iter()
        .map(|k| {
            let v = match &body[k] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            (k.to_string(), v)
        })
        .collect()
}

impl ReviewPage {
    async fn load(reg: &Registry, key: &str, csrf: &str, notice: Option<String>, error: Option<String>) -> Result<ReviewPage> {
        let v = DocumentView::load(reg, key, 1000).await?;
        let d = v.document;
        let action = review_href(&d.key);
        // This document's quote of each fact, in the order of the text.
        let own = |r: &FactRecord| r.sources.iter().find(|s| s.document == d.key).cloned();
        let mut facts: Vec<(FactRecord, Option<citynets_model::Source>)> = v
            .facts
            .into_iter()
            .map(|r| {
                let s = own(&r);
                (r, s)
            })
            .collect();
        // Proposals first, the surest first; then in the order of the text.
        let confidence = |s: &Option<citynets_model::Source>| s.as_ref().and_then(|s| s.confidence).unwrap_or(0.0);
        facts.sort_by(|(a, sa), (b, sb)| {
            (b.status == Status::Proposed)
                .cmp(&(a.status == Status::Proposed))
                .then(confidence(sb).total_cmp(&confidence(sa)))
                .then_with(|| {
                    let at = |s: &Option<citynets_model::Source>| s.as_ref().and_then(|s| s.span).map_or(usize::MAX, |s| s[0]);
                    (at(sa), a.id).cmp(&(at(sb), b.id))
                })
        });
        let text = d.text.clone().unwrap_or_default();
        let quotes: Vec<Quote> = facts
            .iter()
            .filter_map(|(r, s)| s.as_ref()?.span.map(|span| Quote { fact: r.id, span, proposed: r.status == Status::Proposed }))
            .collect();
        let segments = highlight(&text, &quotes);
        let marked: HashSet<i64> = segments.iter().flat_map(|s| s.facts.iter().copied()).collect();
        let places = super::places(reg, facts.iter().map(|(r, _)| r)).await?;
        let items: Vec<ReviewItem> = facts
            .iter()
            .map(|(r, s)| ReviewItem {
                row: places.place(FactRow::new(r)),
                quote_href: marked.contains(&r.id).then(|| format!("#q-{}", r.id)),
                quote: s.as_ref().and_then(|s| s.quote.clone()),
                confidence: s.as_ref().and_then(|s| s.confidence).map(|c| format!("{c:.2}")),
                cue: s.as_ref().and_then(|s| s.cue.clone()),
                proposed: r.status == Status::Proposed,
                fields: editable_fields(r),
                action: format!("{action}/facts/{}", r.id),
            })
            .collect();
        Ok(ReviewPage {
            title: d.title.clone().unwrap_or_else(|| d.key.clone()),
            doc_href: document_href(&d.key),
            key: d.key,
            action,
            url: d.url.filter(|u| u.starts_with("http://") || u.starts_with("https://")),
            language: d.language,
            published: d.published.map(|p| p.to_string()),
            has_text: !text.is_empty(),
            segments,
            proposed: items.iter().filter(|i| i.proposed).count(),
            items,
            notice,
            error,
            csrf: csrf.to_string(),
        })
    }
}

pub(super) async fn document(State(reg): State<Registry>, caller: Result<Caller>, path: Result<Path<String>>, q: Result<Query<NoticeParams>>) -> PageResult {
    let Path(key) = path?;
    let caller = caller?;
    caller.page_user(&review_href(&key))?;
    let notice = q.ok().and_then(|Query(n)| n.message());
    render(StatusCode::OK, &ReviewPage::load(&reg, &key, caller.csrf(), notice, None).await?)
}

/// The review page again, with the message of a refused decision.
async fn refused(reg: &Registry, caller: &Caller, key: &str, e: Error) -> PageResult {
    if !e.shown_beside_a_form() {
        return Err(e.into());
    }
    e.log();
    render(e.status(), &ReviewPage::load(reg, key, caller.csrf(), None, Some(e.to_string())).await?)
}

fn decided(key: &str, verdict: Verdict, ids: &[i64]) -> PageResult {
    let mut location = format!("{}?done={}&n={}", review_href(key), verdict.as_str(), ids.len());
    if let [id] = ids {
        location.push_str(&format!("#f-{id}"));
    }
    Ok(Redirect::to(&location).into_response())
}

/// `POST /review/{document}`: accept or reject all its proposals.
pub(super) async fn decide_all(
    State(reg): State<Registry>,
    caller: Result<Caller>,
    path: Result<Path<String>>,
    form: Result<Form<Vec<(String, String)>>>,
) -> PageResult {
    let Path(key) = path?;
    let caller = caller?;
    let outcome = async {
        let Form(form) = form?;
        let reg = caller.form_writer(&reg, &form, &review_href(&key))?;
        let verdict = Verdict::parse(form_field(&form, "decision"), false)?;
        let floor = match form_field(&form, "min_confidence").map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => Some(v.parse::<f64>().map_err(|_| Error::field("min_confidence", format!("'{v}' is not a number")))?),
            None => None,
        };
        let d = BulkDecision::new(Target::Document(key.clone()), verdict, floor, form_field(&form, "comment").map(str::to_string))?;
        Ok::<_, Error>((verdict, review::decide_many(&reg, &d).await?))
    };
    match outcome.await {
        Ok((verdict, ids)) => decided(&key, verdict, &ids),
        Err(e) => refused(&reg, &caller, &key, e).await,
    }
}

/// `POST /review/{document}/facts/{id}`: accept, reject or correct one.
pub(super) async fn decide_one(
    State(reg): State<Registry>,
    caller: Result<Caller>,
    path: Result<Path<(String, String)>>,
    form: Result<Form<Vec<(String, String)>>>,
) -> PageResult {
    let Path((key, id)) = path?;
    let id = views::fact_id(&id)?;
    let caller = caller?;
    let outcome = async {
        let Form(form) = form?;
        let reg = caller.form_writer(&reg, &form, &review_href(&key))?;
        let r = review::proposed(&reg, id).await?;
        if !r.sources.iter().any(|s| s.document == key) {
            return Err(Error::not_found(format!("fact {id} has no source in document '{key}'")));
        }
        let d = Decision::from_form(r.fact.kind(), &form)?;
        Ok((d.verdict, review::decide_fact(&reg, id, &d).await?))
    };
    match outcome.await {
        Ok((verdict, ids)) => decided(&key, verdict, &ids),
        Err(e) => refused(&reg, &caller, &key, e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(fact: i64, a: usize, b: usize) -> Quote {
        Quote { fact, span: [a, b], proposed: true }
    }

    fn pieces(s: &[Segment]) -> Vec<(&str, Vec<i64>)> {
        s.iter().map(|s| (s.text.as_str(), s.facts.clone())).collect()
    }

    #[test]
    fn overlapping_quotes_are_cut_into_segments() {
        let text = "Città één: Bologna twinned with Leipzig.";
        // "één: Bologna" (6..18) and "Bologna twinned" (11..26), in characters.
        let s = highlight(text, &[q(1, 6, 18), q(2, 11, 26)]);
        assert_eq!(pieces(&s), [
            ("Città ", vec![]),
            ("één: ", vec![1]),
            ("Bologna", vec![1, 2]),
            (" twinned", vec![2]),
            (" with Leipzig.", vec![]),
        ]);
        assert_eq!((s[1].anchor, s[2].anchor), (Some(1), Some(2)));
        assert!(s[2].class.contains("overlap"));
        assert_eq!(s.iter().map(|s| s.text.as_str()).collect::<String>(), text);
    }

    #[test]
    fn same_span_quotes_each_get_an_anchor() {
        let s = highlight("abc def", &[q(7, 0, 3), q(8, 0, 3), Quote { fact: 9, span: [4, 99], proposed: false }, q(10, 5, 5)]);
        assert_eq!(pieces(&s), [("abc", vec![7, 8]), (" ", vec![]), ("def", vec![9])]);
        assert_eq!((s[0].anchor, s[0].more_anchors.clone()), (Some(7), vec![8]));
        assert!(s[2].class.contains("decided"));
        assert_eq!(pieces(&highlight("", &[q(1, 0, 2)])), Vec::<(&str, Vec<i64>)>::new());
    }
}
