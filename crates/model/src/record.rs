use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Fact, PartialDate};

/// Where a fact stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read from a text by the extractor, waiting for a person.
    #[default]
    Proposed,
    /// Checked by a person, or loaded from a curated dataset.
    Accepted,
    /// Checked by a person and found wrong; kept so that it is not proposed again.
    Rejected,
}

impl Status {
    pub const ALL: &'static [Status] = &[Status::Proposed, Status::Accepted, Status::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = crate::UnknownTerm;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL.iter().copied().find(|k| k.as_str() == s.trim().to_ascii_lowercase()).ok_or_else(|| {
            crate::UnknownTerm { what: "status", value: s.to_string(), expected: "proposed, accepted, rejected".into() }
        })
    }
}

/// The evidence for a fact: a document and, where known, the words in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The document's key (`seed-003`, a dataset name, ...).
    pub document: String,
    /// The sentence or phrase that states the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Character offsets `[start, end)` of the quote in the document's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
    /// How sure the extractor was, from 0 to 1, that the quote states the
    /// fact: for a fact it proposed from this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Why the fact was read so: the extractor's cue ("twinning word"), or
    /// for a dataset row whose city only size decided, that guess
    /// ("resolved by population among 5 places ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// Filled in by the registry on reading: the document's title and date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
}

impl Source {
    pub fn document(key: impl Into<String>) -> Self {
        Source { document: key.into(), quote: None, span: None, confidence: None, cue: None, title: None, published: None }
    }
}

/// Keys of the registry entities a fact's names resolved to.
///
/// `city` is the fact's city: the member, the designated city, the first
/// city of a twinning, the seat, the event's host or a role's holder when
/// the holder is a city (a holder that is no city is a person). `other` is
/// the second city of a twinning. `network` is the network, or the organ's
/// network; `body` the organ's body within it, or a designation's field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Refs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// A fact to add: the fact, its sources and its review status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewFact {
    #[serde(flatten)]
    pub fact: Fact,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A fact as the registry keeps it: one version of it.
///
/// Corrections never overwrite: a correction is a new version that
/// `supersedes` the old one, which gets `superseded_at` (its transaction time
/// ends). Reading "as known on" a date takes the versions recorded by then
/// and not yet superseded then.
///
/// Written as JSON, it also says since when it is known to hold
/// (`valid_from`, see [`FactRecord::valid_from`]); reading ignores that.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FactRecord {
    pub id: i64,
    #[serde(flatten)]
    pub fact: Fact,
    pub status: Status,
    pub sources: Vec<Source>,
    /// The registry entities the fact's names resolved to.
    #[serde(default)]
    pub refs: Refs,
    /// Transaction time: when this version was recorded (RFC 3339, UTC).
    pub recorded_at: String,
    /// When a later version replaced this one; `None` while it is current.
    #[serde(default)]
    pub superseded_at: Option<String>,
    #[serde(default)]
    pub supersedes: Option<i64>,
    #[serde(default)]
    pub superseded_by: Option<i64>,
    /// Why this version was recorded (a reviewer's note, an import's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The account that recorded this version; `None` for bundled data and
    /// writes made without an account (the CLI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// Since when a fact is known to hold, and whether a source states it: the
/// start the fact states, or else the date of its earliest dated source
/// (the as-of rule's earliest day), which says nothing of when it began.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ValidFrom {
    pub date: PartialDate,
    /// `true`: the start is stated; `false`: it is not, and `date` is the
    /// date of the source that states the fact.
    pub stated: bool,
}

/// The fields of a [`FactRecord`] as written, borrowed, with what is
/// derived from them.
#[derive(Serialize)]
struct Written<'a> {
    id: i64,
    #[serde(flatten)]
    fact: &'a Fact,
    status: Status,
    sources: &'a [Source],
    refs: &'a Refs,
    recorded_at: &'a str,
    superseded_at: Option<&'a str>,
    supersedes: Option<i64>,
    superseded_by: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from: Option<ValidFrom>,
}

impl Serialize for FactRecord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Written {
            id: self.id,
            fact: &self.fact,
            status: self.status,
            sources: &self.sources,
            refs: &self.refs,
            recorded_at: &self.recorded_at,
            superseded_at: self.superseded_at.as_deref(),
            supersedes: self.supersedes,
            superseded_by: self.superseded_by,
            comment: self.comment.as_deref(),
            author: self.author.as_deref(),
            valid_from: self.valid_from(),
        }
        .serialize(s)
    }
}

impl FactRecord {
    /// The earliest publication date among the sources: the day the fact is
    /// at least known to hold when it states no start.
    pub fn earliest_published(&self) -> Option<PartialDate> {
        self.sources.iter().filter_map(|s| s.published).min()
    }

    /// Since when the fact is known to hold, and whether that is its stated
    /// start or its source's date; `None` when it has neither.
    pub fn valid_from(&self) -> Option<ValidFrom> {
        match (self.fact.valid_time().start, self.earliest_published()) {
            (Some(date), _) => Some(ValidFrom { date, stated: true }),
            (None, Some(date)) => Some(ValidFrom { date, stated: false }),
            (None, None) => None,
        }
    }

    pub fn is_current(&self) -> bool {
        self.superseded_at.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_fact_reads_the_fact_shape_with_optional_status_and_sources() {
        let nf: NewFact = serde_json::from_str(
            r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962","sources":[{"document":"seed-003","quote":"twinned to Bologna since 1962","span":[10,40]}]}"#,
        )
        .unwrap();
        assert_eq!(nf.status, Status::Proposed);
        assert_eq!(nf.sources[0].span, Some([10, 40]));
        let back = serde_json::to_value(&nf).unwrap();
        assert_eq!(back["kind"], "twinning");
        assert_eq!(back["status"], "proposed");
    }

    #[test]
    fn record_serialises_flat_with_id_status_and_sources() {
        let rec = FactRecord {
            id: 7,
            fact: serde_json::from_str(r#"{"kind":"founded","network":"EUROCITIES","year":"1986"}"#).unwrap(),
            status: Status::Accepted,
            sources: vec![Source { published: Some("2021-09-27".parse().unwrap()), ..Source::document("seed-003") }],
            refs: Refs::default(),
            recorded_at: "2026-11-23T10:00:00Z".into(),
            superseded_at: None,
            supersedes: None,
            superseded_by: None,
            comment: None,
            author: Some("ana".into()),
        };
        let v = serde_json::to_value(&rec).unwrap();
        assert_eq!(v["id"], 7);
        assert_eq!(v["kind"], "founded");
        assert_eq!(v["year"], "1986");
        assert_eq!(v["status"], "accepted");
        assert_eq!(v["sources"][0]["document"], "seed-003");
        assert_eq!(rec.earliest_published().unwrap().to_string(), "2021-09-27");
        assert_eq!(v["valid_from"], serde_json::json!({ "date": "1986", "stated": true }));
        let back: FactRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
        // A twinning no source dates is known from its source's date, which
        // is no start.
        let twinning = FactRecord { fact: serde_json::from_str(r#"{"kind":"twinning","city":"Florence","other":"Kyoto"}"#).unwrap(), ..rec.clone() };
        let v = serde_json::to_value(&twinning).unwrap();
        assert_eq!(v["valid_from"], serde_json::json!({ "date": "2021-09-27", "stated": false }));
        assert_eq!(serde_json::from_value::<FactRecord>(v).unwrap(), twinning);
        let undated = FactRecord { sources: vec![Source::document("list")], ..twinning };
        assert!(serde_json::to_value(&undated).unwrap().get("valid_from").is_none());
    }
}
