//! How facts read on a page: a sentence with links, the valid time as the
//! sources wrote it, and the sources. Everything here is plain text that
//! the templates escape.

use citynets_model::{Fact, FactRecord, PartialDate, ValidTime};
use citynets_registry::seats::{RoleTerm, Standing};

/// A piece of text, linked when `href` is set.
#[derive(Clone, Debug)]
pub struct Link {
    pub text: String,
    pub href: Option<String>,
}

impl Link {
    fn text(text: impl Into<String>) -> Self {
        Link { text: text.into(), href: None }
    }

    fn to(text: impl Into<String>, href: Option<String>) -> Self {
        Link { text: text.into(), href }
    }
}

/// A source of a fact as a page shows it.
#[derive(Clone, Debug)]
pub struct SourceRow {
    pub href: String,
    pub title: String,
    pub published: Option<String>,
    pub quote: Option<String>,
    /// Why the source was read so: the extractor's cue, or how a dataset
    /// row's name was resolved when only size decided it.
    pub note: Option<String>,
}

/// A fact as a line of a page.
#[derive(Clone, Debug)]
pub struct FactRow {
    pub id: i64,
    pub href: String,
    pub kind: &'static str,
    pub summary: Vec<Link>,
    /// The valid time, partial dates as written: "2013 – 2014", "since 1962",
    /// "since: not stated".
    pub when: String,
    /// With no stated start: "stated in a source of 2016".
    pub stated_in: Option<String>,
    pub status: &'static str,
    pub current: bool,
    pub recorded_at: String,
    pub superseded_at: Option<String>,
    pub comment: Option<String>,
    /// The account that recorded this version.
    pub author: Option<String>,
    pub sources: Vec<SourceRow>,
    /// What other facts say of this one (a term ended by succession, a
    /// conflict), linked to them; empty for most facts.
    pub note: Vec<Link>,
}

impl FactRow {
    pub fn new(r: &FactRecord) -> FactRow {
        FactRow {
            id: r.id,
            href: format!("/facts/{}", r.id),
            kind: r.fact.kind().as_str(),
            summary: summary(r),
            when: when(&r.fact),
            stated_in: stated_in(r),
            status: r.status.as_str(),
            current: r.is_current(),
            recorded_at: r.recorded_at.clone(),
            superseded_at: r.superseded_at.clone(),
            comment: r.comment.clone(),
            author: r.author.clone(),
            sources: r
                .sources
                .iter()
                .map(|s| SourceRow {
                    href: document_href(&s.document),
                    title: s.title.clone().unwrap_or_else(|| s.document.clone()),
                    published: s.published.map(|d| d.to_string()),
                    quote: s.quote.clone(),
                    note: s.cue.clone(),
                })
                .collect(),
            note: Vec::new(),
        }
    }

    pub fn all(records: &[FactRecord]) -> Vec<FactRow> {
        records.iter().map(FactRow::new).collect()
    }

    /// A role's term, with what the other terms of its seat say of it.
    pub fn term(t: &RoleTerm) -> FactRow {
        let mut row = FactRow::new(&t.record);
        let Some(seat) = &t.seat else { return row };
        let fact = |id: i64| Some(format!("/facts/{id}"));
        match (t.standing, &seat.ended_by_succession) {
            (Standing::Undated, _) => row.note.push(Link::text("Term not stated: it cannot be placed among the dated holders.")),
            (Standing::EndedBySuccession, Some(next)) => row.note.extend([
                Link::text(format!("Ended by succession in {}: ", next.from)),
                Link::to(next.holder.clone(), fact(next.fact)),
                Link::text(" followed."),
            ]),
            (_, Some(next)) => row.note.extend([
                Link::text(format!("Until {}, when ", next.from)),
                Link::to(next.holder.clone(), fact(next.fact)),
                Link::text(" followed."),
            ]),
            (_, None) => {
                if let Some(next) = &seat.next {
                    row.note.extend([Link::text("Next known holder: "), Link::to(next.holder.clone(), fact(next.fact)), Link::text(format!(" ({}).", next.from))]);
                }
            }
        }
        if !seat.conflicts.is_empty() {
            row.note.push(Link::to("Conflict", Some("/conflicts".to_string())));
            row.note.push(Link::text(" with"));
            for id in &seat.conflicts {
                row.note.push(Link::text(" "));
                row.note.push(Link::to(format!("#{id}"), fact(*id)));
            }
            row.note.push(Link::text("."));
        }
        row
    }

    pub fn terms(terms: &[RoleTerm]) -> Vec<FactRow> {
        terms.iter().map(FactRow::term).collect()
    }
}

/// Where the cities a list names are, by their pages' addresses: "Saxony,
/// DE". A city in a list beside other cities shows it, so that namesakes
/// (Florence, IT and Florence, US; Saint-Louis, SN and Saint Louis, US)
/// are told apart.
#[derive(Clone, Debug, Default)]
pub struct Places(std::collections::HashMap<String, String>);

impl Places {
    pub fn new(cities: &[citynets_model::City]) -> Places {
        Places(cities.iter().map(|c| (city_href(&c.key), c.whereabouts())).collect())
    }

    /// The keys of the cities `records` name.
    pub fn keys<'a>(records: impl IntoIterator<Item = &'a FactRecord>) -> Vec<String> {
        let mut keys: Vec<String> = records.into_iter().flat_map(|r| [r.refs.city.clone(), r.refs.other.clone()]).flatten().collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// `rows` with each linked city followed by where it is.
    pub fn apply(&self, rows: Vec<FactRow>) -> Vec<FactRow> {
        rows.into_iter().map(|r| self.place(r)).collect()
    }

    /// `row` with each linked city followed by where it is.
    pub fn place(&self, mut row: FactRow) -> FactRow {
        for link in &mut row.summary {
            if let Some(label) = link.href.as_ref().and_then(|h| self.0.get(h)) {
                link.text = format!("{} ({label})", link.text);
            }
        }
        row
    }
}

pub fn city_href(key: &str) -> String {
    format!("/cities/{}", encode(key))
}

pub fn network_href(key: &str) -> String {
    format!("/networks/{}", encode(key))
}

/// A network's meetings calendar as a page links it: the file to
/// download and, when the site knows its public address, the same
/// address as a `webcal:` subscription, which a calendar app follows.
pub struct Calendar {
    pub name: String,
    pub href: String,
    pub webcal: Option<String>,
}

impl Calendar {
    pub fn new(key: &str, name: &str, public_url: Option<&url::Url>) -> Calendar {
        let href = format!("/api/networks/{}/events.ics", encode(key));
        let webcal = public_url.and_then(|u| {
            let rest = u.as_str().split_once("://")?.1.trim_end_matches('/');
            Some(format!("webcal://{rest}{href}"))
        });
        Calendar { name: name.to_string(), href, webcal }
    }
}

pub fn document_href(key: &str) -> String {
    format!("/documents/{}", encode(key))
}

/// The fact as a sentence, its entities linked to their pages.
fn summary(r: &FactRecord) -> Vec<Link> {
    let city = |name: &str| Link::to(name, r.refs.city.as_deref().map(city_href));
    let other = |name: &str| Link::to(name, r.refs.other.as_deref().map(city_href));
    let network = |name: &str| Link::to(name, r.refs.network.as_deref().map(network_href));
    match &r.fact {
        Fact::Membership { city: c, network: n, .. } => vec![city(c), Link::text(" is a member of "), network(n)],
        Fact::Designation { city: c, network: n, field, .. } => {
            let field = field.map_or_else(|| "a field not stated".to_string(), |f| f.to_string());
            vec![city(c), Link::text(" is designated in "), network(n), Link::text(format!(" for {field}"))]
        }
        Fact::Event { network: n, event, edition, host, .. } => {
            let mut out = vec![Link::text(event.clone())];
            if let Some(e) = edition {
                out.push(Link::text(format!(" (edition {e})")));
            }
            out.extend([Link::text(" of "), network(n)]);
            match host {
                Some(h) => out.extend([Link::text(", hosted by "), city(h)]),
                None => out.push(Link::text(", no host city stated")),
            }
            out
        }
        Fact::Role { holder, role, organ, .. } => {
            let holder = if r.refs.city.is_some() { city(holder) } else { Link::text(holder.clone()) };
            vec![holder, Link::text(format!(": {role} of ")), network(organ)]
        }
        Fact::Twinning { city: c, other: o, .. } => vec![city(c), Link::text(" is twinned with "), other(o)],
        Fact::Headquarters { network: n, city: c } => vec![network(n), Link::text(" has its seat in "), city(c)],
        Fact::Founded { network: n, .. } => vec![network(n), Link::text(" was founded")],
    }
}

/// The valid time as stated, partial dates as written: a start no source
/// states is "not stated", whatever the sources' dates ([`stated_in`]).
pub fn when(fact: &Fact) -> String {
    if let Fact::Founded { year: Some(y), .. } = fact {
        return y.to_string();
    }
    let ValidTime { start, end, open_ended } = fact.valid_time();
    let d = |d: PartialDate| d.to_string();
    match (start, end) {
        (Some(s), Some(e)) if s == e => d(s),
        (Some(s), Some(e)) => format!("{} – {}", d(s), d(e)),
        (Some(s), None) if open_ended => format!("since {}", d(s)),
        (Some(s), None) => d(s),
        (None, Some(e)) => format!("until {}", d(e)),
        (None, None) if open_ended => "since: not stated".to_string(),
        (None, None) => "date not stated".to_string(),
    }
}

/// For a fact whose start no source states, the date of the source that
/// states it: the earliest day the fact is known to hold, which is not
/// when it began.
pub fn stated_in(r: &FactRecord) -> Option<String> {
    match r.valid_from() {
        Some(v) if !v.stated => Some(format!("stated in a source of {}", v.date)),
        _ => None,
    }
}

/// A whole number with thin spaces between thousands: 371 217.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Percent-encodes a path segment or query value (RFC 3986 unreserved
/// characters stay as they are).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A query string (`?a=1&b=x`) of the given, non-blank pairs.
pub fn query_string(pairs: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.map(str::trim).filter(|v| !v.is_empty()).map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

/// The link that downloads a page's list: the API route that answers it,
/// with the page's own filters and `extra` (paging is dropped: a download
/// is the whole list), ending so that `format=csv` or `format=jsonl` can
/// follow.
pub fn downloads(api_path: &str, raw_query: Option<&str>, extra: &[(&str, &str)]) -> String {
    let pairs: Vec<(String, String)> = raw_query.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let mut kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(k, v)| !v.trim().is_empty() && !matches!(k.as_str(), "page" | "offset" | "limit" | "format"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    kept.extend_from_slice(extra);
    let query = serde_urlencoded::to_string(&kept).unwrap_or_default();
    if query.is_empty() { format!("{api_path}?") } else { format!("{api_path}?{query}&") }
}

/// Whether a city's other name is a machine romanisation rather than a
/// name people write, and so not shown beside `name`, its Latin-script
/// name: an ASCII form with no capital letter ("bwlwnyh"), with a mark no
/// name has ("faentsu~a": anything but letters, spaces, `-`, `'` and
/// `.`), or with no vowel (an abbreviation: "SPb", "TPHCM"; an `r`
/// between consonants counts, as in Slovene "Trst"). Names in other
/// scripts or with accents are kept, as is every name of a city whose own
/// name is not in Latin script.
pub fn romanisation_noise(other: &str, name: &str) -> bool {
    if !other.is_ascii() || !name.chars().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let marks = other.chars().any(|c| !(c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.')));
    let lower = other.to_ascii_lowercase();
    let b = lower.as_bytes();
    let vowel = |i: usize| match b[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => true,
        b'r' => {
            let consonant = |j: Option<usize>| j.and_then(|j| b.get(j)).is_some_and(|c| c.is_ascii_alphabetic());
            consonant(i.checked_sub(1)) && consonant(Some(i + 1))
        }
        _ => false,
    };
    marks || !other.chars().any(|c| c.is_ascii_uppercase()) || !(0..b.len()).any(vowel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendars_subscribe_at_the_public_address() {
        let url = url::Url::parse("https://cities.example/registry/").unwrap();
        let c = Calendar::new("uccn", "UCCN", Some(&url));
        assert_eq!(c.href, "/api/networks/uccn/events.ics");
        assert_eq!(c.webcal.as_deref(), Some("webcal://cities.example/registry/api/networks/uccn/events.ics"));
        assert!(Calendar::new("uccn", "UCCN", None).webcal.is_none(), "no address, no subscription");
    }

    #[test]
    fn romanisation_noise_is_told_from_names() {
        for noise in ["faentsu~a", "bwlwnyh", "SPb", "TPHCM", "Sfvks", "Ng kng"] {
            assert!(romanisation_noise(noise, "Bologna"), "{noise}");
        }
        for name in ["Bolonja", "Baljon'ja", "Trst", "Den Haag", "St. Gallen", "ボローニャ", "BolòGna", "Krk"] {
            assert!(!romanisation_noise(name, "Bologna"), "{name}");
        }
        // A city named in another script keeps its romanisations.
        assert!(!romanisation_noise("bwlwnyh", "بولونيا"));
    }

    #[test]
    fn downloads_keep_the_filters_and_drop_the_paging() {
        assert_eq!(downloads("/api/roles", Some("organ=EUROCITIES+Culture+Forum&as_of=&page=2"), &[]), "/api/roles?organ=EUROCITIES+Culture+Forum&");
        assert_eq!(downloads("/api/cities", None, &[("limit", "10")]), "/api/cities?limit=10&");
        assert_eq!(downloads("/api/networks", None, &[]), "/api/networks?");
    }

    #[test]
    fn valid_times_read_as_written() {
        let f = |s: &str| serde_json::from_str::<Fact>(s).unwrap();
        assert_eq!(when(&f(r#"{"kind":"role","holder":"Bologna","role":"Chair","organ":"X","from":"2013","to":"2014"}"#)), "2013 – 2014");
        assert_eq!(when(&f(r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962"}"#)), "since 1962");
        assert_eq!(when(&f(r#"{"kind":"event","network":"N","event":"M","start":"2010-09"}"#)), "2010-09");
        assert_eq!(when(&f(r#"{"kind":"event","network":"N","event":"M"}"#)), "date not stated");
        assert_eq!(when(&f(r#"{"kind":"headquarters","network":"N","city":"Brussels"}"#)), "since: not stated");
        assert_eq!(when(&f(r#"{"kind":"role","holder":"Fabriano","role":"Lead","organ":"X"}"#)), "since: not stated");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(371217), "371\u{202f}217");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(-1000), "-1\u{202f}000");
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(query_string(&[("q", Some("Tor")), ("country", Some(" ")), ("page", None)]), "?q=Tor");
    }
}
