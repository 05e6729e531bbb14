//! The audit trail: what changed, who changed it and why, and reverting a
//! change by a new one.
//!
//! Nothing is ever overwritten (see `citynets_store`): every write records
//! fact versions with their author and comment, so the history of a fact is
//! its chain of versions and the history of a city is every version of every
//! fact about it. A revert is itself a change, recorded like any other.

use std::collections::HashMap;

use citynets_model::{FactRecord, Status};
use citynets_store::{Change, FactQuery, StoreError};
use serde::Serialize;

use crate::{Registry, RegistryError, Result};

/// One recorded change: a fact version and what it changed from the one
/// before it.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeEntry {
    #[serde(flatten)]
    pub version: FactRecord,
    pub change: ChangeKind,
    /// The fields of the fact whose value this version changed (for a
    /// [`ChangeKind::Edited`] or [`ChangeKind::Reviewed`] version).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// What kind of change recorded a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The first version of a fact.
    Added,
    /// A proposal accepted or rejected, with or without corrections.
    Reviewed,
    /// The content or status of a decided fact changed.
    Edited,
    /// Only sources were added (a corroboration).
    Sourced,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Reviewed => "reviewed",
            ChangeKind::Edited => "edited",
            ChangeKind::Sourced => "sourced",
        }
    }
}

/// How `version` differs from `previous`, the version it superseded.
pub fn describe(version: FactRecord, previous: Option<&FactRecord>) -> ChangeEntry {
    let Some(prev) = previous else {
        return ChangeEntry { version, change: ChangeKind::Added, fields: Vec::new() };
    };
    let (a, b) = (serde_json::to_value(&prev.fact).unwrap_or_default(), serde_json::to_value(&version.fact).unwrap_or_default());
    let mut fields: Vec<String> = match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
        }
        _ => Vec::new(),
    };
    if prev.status != version.status {
        fields.push("status".to_string());
    }
    let change = if prev.status == Status::Proposed && version.status != Status::Proposed {
        ChangeKind::Reviewed
    } else if fields.is_empty() {
        ChangeKind::Sourced
    } else {
        ChangeKind::Edited
    };
    ChangeEntry { version, change, fields }
}

impl Registry {
    /// Every version of every fact about `city` (in any place: member, host,
    /// holder, either side of a twinning), most recent first, with what each
    /// changed.
    pub async fn city_history(&self, city: &str, limit: i64, offset: i64) -> Result<Vec<ChangeEntry>> {
        let q = FactQuery {
            city: Some(city.to_string()),
            all_versions: true,
            newest_first: true,
            limit: Some(limit),
            offset: Some(offset),
            ..Default::default()
        };
        self.changes(self.store.facts(&q).await?).await
    }

    /// Every version of the fact `id` belongs to, oldest first, with what
    /// each changed.
    pub async fn fact_history(&self, id: i64) -> Result<Vec<ChangeEntry>> {
        let versions = self.store.history(id).await?;
        if versions.is_empty() {
            return Err(RegistryError::NotFound(format!("no fact with id {id}")));
        }
        self.changes(versions).await
    }

    /// Each version with the version it superseded.
    async fn changes(&self, versions: Vec<FactRecord>) -> Result<Vec<ChangeEntry>> {
        let mut by_id: HashMap<i64, FactRecord> = versions.iter().map(|v| (v.id, v.clone())).collect();
        let mut missing: Vec<i64> = versions.iter().filter_map(|v| v.supersedes).filter(|p| !by_id.contains_key(p)).collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let earlier = self.store.facts(&FactQuery { ids: missing, all_versions: true, ..Default::default() }).await?;
            by_id.extend(earlier.into_iter().map(|v| (v.id, v)));
        }
        let described = versions.into_iter().map(|v| {
            let previous = v.supersedes.and_then(|p| by_id.get(&p));
            describe(v, previous)
        });
        Ok(described.collect())
    }

    /// Reverts the change that recorded version `id`, by a new change: the
    /// fact gets back the content and status of the version before; a fact
    /// whose first version is reverted is rejected (withdrawn). Only the
    /// current version's change can be reverted (a later change would be
    /// undone with it): an older one is a conflict naming the current one.
    pub async fn revert(&self, id: i64, comment: Option<&str>) -> Result<FactRecord> {
        let version = self.store.fact(id).await?.ok_or_else(|| RegistryError::NotFound(format!("no fact with id {id}")))?;
        if let Some(successor) = version.superseded_by.filter(|_| !version.is_current()) {
            return Err(StoreError::NotCurrent { id, successor }.into());
        }
        let previous = match version.supersedes {
            Some(p) => Some(self.store.fact(p).await?.ok_or_else(|| StoreError::Corrupt(format!("fact {id} supersedes {p}, which is missing")))?),
            None => None,
        };
        let (fact, status, what) = match &previous {
            Some(p) if p.fact == version.fact && p.status == version.status => {
                return Err(RegistryError::input("fact", "id", format!("fact {id} only added sources to fact {}: there is nothing to revert", p.id)));
            }
            Some(p) => ((p.fact != version.fact).then(|| (p.fact.clone(), p.refs.clone())), p.status, format!("reverts fact {id} to fact {}", p.id)),
            None if version.status == Status::Rejected => {
                return Err(RegistryError::input("fact", "id", format!("fact {id} is already rejected: there is nothing to revert")));
            }
            None => (None, Status::Rejected, format!("reverts fact {id}: withdrawn")),
        };
        match &previous {
            // Undoing a review decision is a review decision.
            Some(p) if p.status == Status::Proposed => self.check_review(&[version.clone(), p.clone()])?,
            _ => self.check_change(&version, fact.as_ref().map(|(_, refs)| refs))?,
        }
        let comment = Some(match comment.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => format!("{what}: {c}"),
            None => what,
        });
        let change = Change { fact, status: Some(status), add_sources: Vec::new(), comment, author: self.author().map(str::to_string) };
        let record = self.store.change(id, &change).await?;
        self.after_write(&[record.id]).await;
        Ok(record)
    }
}
