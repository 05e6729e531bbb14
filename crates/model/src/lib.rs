//! The citynets domain model.
//!
//! This crate knows what a city network fact *is* and nothing about where it
//! is stored or how it was found: no I/O, no async, no database. Everything
//! else in the workspace speaks these types.
//!
//! - [`PartialDate`]: `1991`, `2017-11`, `2013-09-18`, exactly as precise as a
//!   text is.
//! - [`ValidTime`] and [`ValidTime::holds_at`]: the "as of" rule.
//! - [`Fact`]: the seven fact kinds in the exchange shape of `facts.md`.
//! - [`FactRecord`], [`Source`], [`Status`]: a fact as the registry keeps it.
//! - [`City`], [`Network`], [`Body`], [`Document`]: the entities facts are about.
//! - [`fold`]: the one name-comparison rule (case, accents, punctuation).

mod account;
mod date;
mod entity;
mod fact;
pub mod limits;
mod names;
mod record;
mod time;
mod vocab;

pub use account::{AccountRole, User};
pub use date::{DateError, PartialDate, Precision};
pub use entity::{Body, BodyKind, City, Country, Document, Name, Network, NetworkKind};
pub use fact::{Fact, FactError, FactKind};
pub use names::{fold, slug};
pub use record::{FactRecord, NewFact, Refs, Source, Status, ValidFrom};
pub use time::{DayBound, ValidTime, DAY_MAX, DAY_MIN};
pub use vocab::{Field, Role, UnknownTerm};
