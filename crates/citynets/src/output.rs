//! Printing answers: aligned text tables for people, JSON for programs.

use citynets_model::{Fact, FactRecord, PartialDate};
use citynets_registry::seats::{RoleTerm, Standing};

/// A text table with aligned columns. (Twenty lines do what the terminal
/// needs here; a table crate would add its terminal handling for nothing.)
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Table { header: header.iter().map(|s| s.to_string()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn print(&self) {
        if self.rows.is_empty() {
            println!("(nothing found)");
            return;
        }
        let width = |i: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..self.header.len()).map(width).collect();
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
            println!("{}", padded.join("  ").trim_end());
        };
        line(&self.header);
        line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
        for r in &self.rows {
            line(r);
        }
    }
}

pub fn date(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// What the other terms of a one-seat role say of this one.
pub fn seat_note(t: &RoleTerm) -> String {
    let Some(seat) = &t.seat else { return String::new() };
    let mut out = Vec::new();
    match (t.standing, &seat.ended_by_succession) {
        (Standing::Undated, _) => out.push("undated: not placed among the dated holders".to_string()),
        (Standing::EndedBySuccession, Some(next)) => out.push(format!("ended by succession: {} from {} (fact {})", next.holder, next.from, next.fact)),
        (_, Some(next)) => out.push(format!("until {}, when {} followed (fact {})", next.from, next.holder, next.fact)),
        (_, None) => {}
    }
    if !seat.conflicts.is_empty() {
        let ids: Vec<String> = seat.conflicts.iter().map(|id| format!("fact {id}")).collect();
        out.push(format!("conflicts with {}", ids.join(", ")));
    }
    out.join("; ")
}

/// The documents a fact cites.
pub fn sources(r: &FactRecord) -> String {
    r.sources.iter().map(|s| s.document.as_str()).collect::<Vec<_>>().join(", ")
}

/// A fact in a few words, from the point of view of `city` when given.
pub fn describe(fact: &Fact, city: Option<&str>) -> String {
    match fact {
        Fact::Membership { network, .. } => format!("member of {network}"),
        Fact::Designation { network, field, .. } => match field {
            Some(f) => format!("{network}: {f}"),
            None => format!("{network}: designated"),
        },
        Fact::Event { network, event, host, .. } => {
            let at = host.as_deref().map(|h| format!(" in {h}")).unwrap_or_else(|| " (online)".into());
            format!("{network} {event}{at}")
        }
        Fact::Role { holder, role, organ, .. } => format!("{holder}: {role} of {organ}"),
        Fact::Twinning { city: a, other, .. } => match city {
            Some(c) if c == other => format!("twinned with {a}"),
            Some(_) => format!("twinned with {other}"),
            None => format!("{a} – {other}"),
        },
        Fact::Headquarters { network, city } => format!("seat of {network} in {city}"),
        Fact::Founded { network, .. } => format!("{network} founded"),
    }
}

pub fn json<T: serde::Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
