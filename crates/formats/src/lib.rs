//! Export formats of citynets: pure functions from model values to bytes.
//!
//! - [`geojson`]: a GeoJSON `FeatureCollection` of cities (points at
//!   `[lon, lat]`), for maps.
//! - [`ical`]: an iCalendar (RFC 5545) feed of a network's meetings, with
//!   partial dates shown as the whole period they name.
//! - [`jsonld`]: schema.org JSON-LD for a city, a network and an event, to
//!   embed in pages (`<script type="application/ld+json">`, see
//!   [`jsonld::embed`]).
//! - [`graph`]: the network graph built from facts (cities linked by shared
//!   memberships and twinnings), its questions ("who is connected to
//!   Carrara, and through what", the shortest chain between two cities) and
//!   its GraphML and GEXF writers for Gephi.
//!
//! Nothing here reads or writes files, a database or the clock: the caller
//! chooses the facts (current, accepted, as of a date) and gets a value or a
//! string back.
//!
//! # What is hand-written, and why
//!
//! XML (GraphML, GEXF) and iCalendar are written by two tiny writers in this
//! crate ([`xml`] and the line writer in [`ical`]). The subsets we emit are
//! small — a handful of element and property names, text escaping, and
//! iCalendar's line folding — and each writer is a few dozen lines, while an
//! XML or iCalendar crate would add dependencies, a builder API to learn and
//! (for iCalendar) a date-time library, to save about as much code as it
//! costs. The tests check every output with independent readers
//! (`roxmltree`, `geojson`, `icalendar`'s parser).

pub mod geojson;
pub mod graph;
pub mod ical;
pub mod jsonld;
pub mod xml;

mod facts;

pub use geojson::{cities_to_geojson, membership_properties, GeoJson};
pub use graph::{Chain, Edge, EdgeKind, Graph, GraphOptions, Neighbour, Node, NodeKind};
pub use ical::{network_calendar, Calendar, CalendarOptions};
pub use jsonld::{city_place, embed, event, network_organization};

/// What can go wrong turning model values into an export format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// A fact's transaction time is not an RFC 3339 timestamp.
    #[error("fact {fact}: recorded_at '{value}' is not an RFC 3339 timestamp")]
    Timestamp { fact: i64, value: String },
    /// A function that formats one kind of fact was given another kind.
    #[error("fact {fact} is a {found} fact, not an {expected}")]
    WrongKind { fact: i64, expected: &'static str, found: &'static str },
}

/// The public URLs of the site's pages, from its base URL.
///
/// Exports link back to the pages a person can check: a calendar entry's
/// `URL`, the `@id` and `url` of JSON-LD nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrls {
    base: String,
}

impl SiteUrls {
    /// `base` is the site's root, such as `https://citynets.example`; a
    /// trailing `/` is ignored.
    pub fn new(base: &str) -> Self {
        SiteUrls { base: base.trim_end_matches('/').to_string() }
    }

    /// The base URL, without a trailing `/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `/cities/{key}`.
    pub fn city(&self, key: &str) -> String {
        format!("{}/cities/{}", self.base, key)
    }

    /// `/networks/{key}`.
    pub fn network(&self, key: &str) -> String {
        format!("{}/networks/{}", self.base, key)
    }

    /// A body of a network: `/networks/{network}#{body}`.
    pub fn body(&self, network: &str, body: &str) -> String {
        format!("{}/networks/{}#{}", self.base, network, body)
    }

    /// `/facts/{id}`.
    pub fn fact(&self, id: i64) -> String {
        format!("{}/facts/{}", self.base, id)
    }
}
