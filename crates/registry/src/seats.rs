//! Seats: how many hold a role at once, and what follows from it.
//!
//! The catalogue says which roles one holder holds at a time: a president,
//! a chair, a secretary general, the lead of a coordination
//! ([`Gazetteer::role_seats`](citynets_gazetteer::Gazetteer::role_seats)).
//! The terms of such a role in one organ are read together:
//! - a term whose end no source states ends when the next holder's term
//!   begins: it is **ended by succession**, derived here when asked, with
//!   both facts as its evidence, and never written as a fact;
//! - a term no source dates (no start, no dated source) cannot be placed
//!   among the dated ones: it is **undated**, and never current beside them;
//! - the terms of two holders that surely overlap are a **conflict**, until
//!   a reviewer corrects one of them.
//!
//! "Surely" reads partial dates at their narrowest: a term from 2016 to
//! 2018 is surely held from the last day of 2016 to the first day of 2018,
//! so a successor from 2018 is a hand-over within the year, not a conflict,
//! and a successor from 2017 is one.

use std::collections::BTreeMap;

use citynets_gazetteer::Gazetteer;
use citynets_model::{fold, Fact, FactRecord, PartialDate, Role, DAY_MAX};
use serde::Serialize;

/// A role's term, with what the other terms of its seat say about it.
#[derive(Clone, Debug, Serialize)]
pub struct RoleTerm {
    #[serde(flatten)]
    pub record: FactRecord,
    /// How the term stands at the date asked about (today when none).
    pub standing: Standing,
    /// Set for roles one holder holds at a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<Seat>,
}

/// A term of a one-seat role beside the other terms of the seat.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Seat {
    /// The next holder, when this term's end is not stated: the term ended
    /// when theirs began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_by_succession: Option<Successor>,
    /// The next holder known, whatever this term's end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Successor>,
    /// No source dates the term: it cannot be placed among the dated ones.
    pub undated: bool,
    /// The facts of other holders whose terms surely overlap this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<i64>,
}

/// The holder who came next, and the fact that says so.
#[derive(Clone, Debug, Serialize)]
pub struct Successor {
    pub fact: i64,
    pub holder: String,
    /// When their term began: the start their fact states, or the date of
    /// its earliest source.
    pub from: PartialDate,
}

/// How a term stands at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// It holds by what its sources state, and no successor began before.
    Holds,
    /// It holds by what its sources state, but a successor began by then.
    EndedBySuccession,
    /// No source dates it, and the seat has dated holders.
    Undated,
    /// It does not hold at that date.
    Outside,
}

impl RoleTerm {
    /// How this term stands at `q` (a partial date: a year asks about any
    /// day of it).
    pub fn standing_at(&self, q: PartialDate) -> Standing {
        let r = &self.record;
        if !r.fact.valid_time().holds_at(q, r.earliest_published()) {
            return Standing::Outside;
        }
        match &self.seat {
            Some(s) if s.undated => Standing::Undated,
            Some(Seat { ended_by_succession: Some(next), .. }) if next.from.first_day() <= q.last_day() => Standing::EndedBySuccession,
            _ => Standing::Holds,
        }
    }
}

/// Two holders of a one-seat role whose terms surely overlap.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub role: Role,
    pub organ: String,
    /// Both facts, the earlier start first.
    pub facts: [FactRecord; 2],
    /// When both are stated to hold: from the later start to the earlier
    /// end (none: both still hold).
    pub from: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
}

/// A term as the seat reads it.
struct Placed {
    /// Index into the terms.
    at: usize,
    holder: Holder,
    /// The holder and the organ as the fact writes them.
    written: (String, String),
    /// The start stated, else the earliest source's date.
    from: PartialDate,
    end: Option<PartialDate>,
}

/// Who holds a term: the same city or name is the same holder (a fact
/// whose city did not resolve still names it).
struct Holder {
    city: Option<String>,
    name: String,
}

impl Holder {
    fn is(&self, other: &Holder) -> bool {
        self.name == other.name || (self.city.is_some() && self.city == other.city)
    }
}

/// The terms of `records` (role facts), each with its seat when its role
/// has one holder at a time and how it stands at `at`, and the conflicts
/// among them. Records that are not roles pass through without a seat.
pub fn read(gazetteer: &Gazetteer, records: Vec<FactRecord>, at: PartialDate) -> (Vec<RoleTerm>, Vec<Conflict>) {
    let mut seats: BTreeMap<(String, Option<String>, Role), Vec<Placed>> = BTreeMap::new();
    let mut undated: BTreeMap<(String, Option<String>, Role), Vec<usize>> = BTreeMap::new();
    for (at, r) in records.iter().enumerate() {
        let Fact::Role { holder, role, organ, from, to } = &r.fact else { continue };
        if gazetteer.role_seats(*role) != Some(1) {
            continue;
        }
        let network = r.refs.network.clone().unwrap_or_else(|| fold(organ));
        let seat = (network, r.refs.body.clone(), *role);
        match from.or(r.earliest_published()) {
            Some(start) => seats.entry(seat).or_default().push(Placed {
                at,
                holder: Holder { city: r.refs.city.clone(), name: fold(holder) },
                written: (holder.clone(), organ.clone()),
                from: start,
                end: *to,
            }),
            None => undated.entry(seat).or_default().push(at),
        }
    }
    let mut terms: Vec<RoleTerm> = records.into_iter().map(|record| RoleTerm { record, standing: Standing::Holds, seat: None }).collect();
    let mut conflicts = Vec::new();
    for (seat, placed) in &seats {
        // Each term's next holder: the earliest later start of another.
        let next: Vec<Option<usize>> = placed
            .iter()
            .map(|t| {
                (0..placed.len())
                    .filter(|&s| !placed[s].holder.is(&t.holder) && placed[s].from.first_day() > t.from.first_day())
                    .min_by_key(|&s| (placed[s].from.first_day(), terms[placed[s].at].record.id))
            })
            .collect();
        let succeeded = |i: usize| next[i].filter(|_| placed[i].end.is_none());
        // Surely held: from the last day of the start to the first day of
        // the end, stated or the successor's start.
        let sure = |i: usize| {
            let hi = match (placed[i].end, succeeded(i)) {
                (Some(e), _) => e.first_day(),
                (None, Some(s)) => placed[s].from.first_day(),
                (None, None) => DAY_MAX,
            };
            (placed[i].from.last_day(), hi)
        };
        let successor = |s: usize| {
            let r = &terms[placed[s].at].record;
            Successor { fact: r.id, holder: placed[s].written.0.clone(), from: placed[s].from }
        };
        let mut notes: Vec<Seat> = (0..placed.len())
            .map(|i| Seat { ended_by_succession: succeeded(i).map(successor), next: next[i].map(successor), ..Seat::default() })
            .collect();
        for i in 0..placed.len() {
            for j in i + 1..placed.len() {
                let (a, b) = (&placed[i], &placed[j]);
                if a.holder.is(&b.holder) || succeeded(i) == Some(j) || succeeded(j) == Some(i) {
                    continue;
                }
                let ((alo, ahi), (blo, bhi)) = (sure(i), sure(j));
                if alo.max(blo) > ahi.min(bhi) {
                    continue;
                }
                let (first, second) = if a.from.first_day() <= b.from.first_day() { (a, b) } else { (b, a) };
                let end = |t: usize| placed[t].end.or(succeeded(t).map(|s| placed[s].from));
                let until = match (end(i), end(j)) {
                    (Some(x), Some(y)) => Some(if x.first_day() <= y.first_day() { x } else { y }),
                    (x, y) => x.or(y),
                };
                conflicts.push(Conflict {
                    role: seat.2,
                    organ: a.written.1.clone(),
                    facts: [terms[first.at].record.clone(), terms[second.at].record.clone()],
                    from: second.from,
                    until,
                });
                notes[i].conflicts.push(terms[b.at].record.id);
                notes[j].conflicts.push(terms[a.at].record.id);
            }
        }
        for (t, note) in placed.iter().zip(notes) {
            terms[t.at].seat = Some(note);
        }
        for &at in undated.get(seat).into_iter().flatten() {
            terms[at].seat = Some(Seat { undated: true, ..Seat::default() });
        }
    }
    for t in &mut terms {
        t.standing = t.standing_at(at);
    }
    (terms, conflicts)
}
