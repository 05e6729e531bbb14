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
    /// Why the extractor proposed it: the cue it read ("twinning word").
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

impl FactRecord {
    /// The earliest publication date among the sources: the day the fact is
    /// at least known to hold when it states no start.
    pub fn earliest_published(&self) -> Option<PartialDate> {
        self.sources.iter().filter_map(|s| s.published).min()
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
        let back: FactRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
    }
}
