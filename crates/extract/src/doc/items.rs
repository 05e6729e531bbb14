//! Structure: list items and flattened table rows, one line each, read
//! with what the line before them (a heading, or a sentence ending with
//! a colon) says they are.
//!
//! A page lists facts more often than it tells them: "Alba (Italy) –
//! Gastronomy", "Montbéliard - Ludwigsburg (1950)", "- ESP Altea, Spain"
//! under "The founding members were:", "Heidelberg DE" under "Board of
//! directors". Each line is read by its shape: a place at its start, then
//! what the shape allows after it. A place the gazetteer lacks is taken as
//! written when the shape says clearly that it is a place, and its fact is
//! flagged as naming a new entity.

use super::rules::{Organ, BETWEEN, WITH};
use super::*;

/// What a heading or an introducing line says the items after it are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Frame {
    /// Members of a network ("The original founding members were:"), since
    /// its founding when the line says they founded it.
    Members { net: u16, founding: bool },
    /// Seats on a body ("Executive committee", "Board of directors"),
    /// for the term the introducing line gives ("per il triennio
    /// 2021/2023").
    Seats { organ: Organ, term: Option<DateValue> },
    /// Twinnings ("Città gemelle", "Partnerstädte", "Jumelages"), with
    /// the one town the introducing line names ("Die Stadt Ludwigsburg
    /// pflegt Partnerschaften mit folgenden Städten:").
    Twins { town: Option<u32> },
    /// Meetings of a network ("Past conferences", "Annual meetings:").
    Meetings { net: u16, kind: EventType },
    /// Successive holders of an office ("Past presidents", "Presidenti").
    Office { net: u16, role: Role },
}

/// A place written in an item: a city of the gazetteer, or the words as
/// written when the gazetteer lacks it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Place {
    Known(u32),
    New(String),
}

/// Administrative words a city's name does not need ("Daegu Metropolitan
/// City", "City of Greater Geelong").
const ADMIN_WORDS: &[&str] = &[
    "city", "metropolitan", "municipality", "greater", "town", "comune", "ville", "ciudad", "stadt", "gemeinde",
    "markt", "marktgemeinde", "of", "di", "de",
];

/// Lower-case words that may join the words of a place's name ("Zell am
/// Main", "Greve in Chianti", "San Javier de Loncomilla").
const NAME_JOINERS: &[&str] = &[
    "am", "im", "an", "in", "der", "sur", "les", "le", "la", "de", "del", "di", "da", "do", "dos", "das", "en",
    "upon", "on", "ob", "bei", "sul", "sulla", "al", "alla", "nel", "sopra", "sotto", "sous", "lès", "under",
    "by", "y",
];

/// Words between a place and its field: "per la", "pour", "for".
const FIELD_GLUE: &[&str] = &[
    "per", "la", "il", "l", "le", "lo", "i", "gli", "for", "pour", "por", "für", "el", "los", "the", "its", "son",
    "sa", "su", "sua", "suo", "ses", "les", "de", "des", "du", "di", "in", "en", "also", "anche", "aussi",
    "también", "auch", "city", "of", "città", "ville", "ciudad", "stadt", "der", "des", "creative", "creativa",
    "créative", "creativa", "unesco",
];

impl Ctx<'_, '_> {
    /// The place whose name starts at `j`, and the index after it.
    pub(super) fn place_at(&self, els: &[El], j: usize, end: usize) -> Option<(usize, Place)> {
        let mut k = j;
        let mut words = 0;
        let mut city = None;
        let mut other_words = false;
        while k < end && words < 6 {
            let glued = k > j && els[k].start == els[k - 1].end;
            match els[k].e {
                E::City(c) => {
                    if city.is_some() {
                        other_words = true;
                    }
                    city = Some(c);
                }
                E::W { cap: true } => {
                    if !self.is_word(Some(&els[k]), ADMIN_WORDS) {
                        other_words = true;
                    }
                }
                // "Bad-Wurzach", "Xi'an": glued punctuation inside a name;
                // but a hyphen between two known towns joins a pair
                // ("Nürnberg-Kraków"), unless an article says it is a
                // region's name ("dans le Bade-Wurtemberg").
                E::P('-' | '\'')
                    if glued
                        && k + 1 < end
                        && els[k + 1].start == els[k].end
                        && k > j
                        && !(els[k].e == E::P('-')
                            && matches!((els[k - 1].e, els[k + 1].e), (E::City(_), E::City(_)))
                            && !(j > 0 && self.is_word(Some(&els[j - 1]), DETERMINERS))) =>
                {
                    k += 1;
                    continue;
                }
                // "Greve in Chianti", but not "Shibetsu City in Hokkaido".
                // "Lima y Lisboa" is two places: a word that also joins a
                // list does not glue a known city to the next name.
                E::W { cap: false }
                    if k > j
                        && self.is_word(Some(&els[k]), NAME_JOINERS)
                        && !self.is_word(Some(&els[k - 1]), ADMIN_WORDS)
                        && !(self.is_word(Some(&els[k]), LIST_JOINERS)
                            && (city.is_some() || matches!(els.get(k + 1).map(|x| x.e), Some(E::City(_)))))
                        && matches!(els.get(k + 1).map(|x| x.e), Some(E::W { cap: true } | E::City(_))) =>
                {
                    other_words = true;
                    k += 1;
                    continue;
                }
                _ => break,
            }
            words += 1;
            k += 1;
        }
        if k == j {
            return None;
        }
        // A trailing joiner or punctuation is not part of the name.
        let last = els[k - 1].e;
        if !matches!(last, E::City(_) | E::W { cap: true }) {
            return None;
        }
        match city {
            Some(c) if !other_words => Some((k, Place::Known(c))),
            _ => {
                let name = self.text[els[j].start..els[k - 1].end].trim();
                // Leading administrative words are no part of the name.
                let name = strip_admin_suffix(strip_admin_prefix(name));
                // "German town Leer": a word before a noun of place is an
                // adjective, not a place.
                if els.get(k).is_some_and(|x| self.is_word(Some(x), &["town", "city", "ville", "città", "ciudad", "stadt", "municipality", "comune", "commune", "village", "villa"])) {
                    return None;
                }
                // "Comuni aderenti a ...": a noun for towns is none of them.
                let town_noun = k == j + 1 && self.is_word(Some(&els[j]), super::rules::TOWN_NOUNS);
                let plausible = name.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !name.chars().all(|c| !c.is_lowercase())
                    && name.split_whitespace().count() <= 5
                    && !town_noun;
                plausible.then(|| (k, Place::New(name.to_string())))
            }
        }
    }

    /// The index of an item's first element: after bullets and a short
    /// country code ("- ESP Altea, Spain").
    fn item_start(&self, els: &[El]) -> usize {
        let mut j = 0;
        while j < els.len() && matches!(els[j].e, E::P('•' | '·' | '*' | '-' | '–' | '▪' | '◦' | '>' | '|')) {
            j += 1;
        }
        // "1. Bra (CN)", "2) Orvieto": a list's number.
        if let Some(el) = els.get(j)
            && (1..=3).contains(&(el.end - el.start))
            && self.text[el.start..el.end].bytes().all(|b| b.is_ascii_digit())
            && els.get(j + 1).is_some_and(|x| matches!(x.e, E::P('.' | ')')))
            && els.get(j + 2).is_some_and(|x| matches!(x.e, E::City(_) | E::W { cap: true }))
        {
            j += 2;
        }
        if let Some(el) = els.get(j) {
            let w = &self.text[el.start..el.end];
            let code = (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase());
            // "Frankreich Antibes, Frankreich, seit 1976": a flag's
            // country before the place, as encyclopedias flatten it.
            let flag = matches!(el.e, E::Country(_)) && self.text[el.end..els.get(j + 1).map_or(el.end, |x| x.start)].trim().is_empty();
            if (code || flag) && matches!(els.get(j + 1).map(|x| x.e), Some(E::City(_) | E::W { cap: true })) {
                j += 1;
            }
        }
        // "Comune di Alba", "City of Bath", "Stadt Kempten": the town's
        // name after its administrative word.
        const ADMIN: &[&str] = &["comune", "città", "city", "town", "ville", "commune", "municipio", "ayuntamiento", "stadt", "gemeinde", "markt", "municipality", "borough"];
        if self.is_word(els.get(j), ADMIN) {
            if self.is_word(els.get(j + 1), &["di", "of", "de", "du", "del"]) && matches!(els.get(j + 2).map(|x| x.e), Some(E::City(_) | E::W { cap: true })) {
                j += 2;
            } else if matches!(els.get(j + 1).map(|x| x.e), Some(E::City(_))) {
                j += 1;
            }
        }
        j
    }

    pub(super) fn place_name(&self, p: &Place) -> String {
        match p {
            Place::Known(c) => self.city_name(*c),
            Place::New(n) => n.clone(),
        }
    }

    fn place_country(&self, p: &Place, written: Option<u16>) -> Option<String> {
        match p {
            Place::Known(c) => self.city_country(*c),
            Place::New(_) => written.map(|c| self.x.gazetteer.countries()[c as usize].code.clone()),
        }
    }

    /// After a place: "(Italy)", "(Bolivia [Plurinational State of])",
    /// ", Spain", ", Texas": the index after it and the country named.
    fn place_apposition(&self, els: &[El], mut k: usize, end: usize) -> (usize, Option<u16>) {
        let mut country = None;
        // "Granada[1] – Design": a footnote's mark.
        if k + 2 < end && els[k].e == E::P('[') && els[k + 2].e == E::P(']') && els[k].start == els[k - 1].end {
            k += 3;
        }
        if k < end && els[k].e == E::P('(') {
            if let Some(close) = els[k..end].iter().position(|x| x.e == E::P(')')).map(|p| k + p) {
                if close - k <= 8 && els[k + 1..close].iter().all(|x| matches!(x.e, E::Country(_) | E::W { .. } | E::P(_) | E::City(_))) {
                    country = els[k + 1..close].iter().find_map(|x| if let E::Country(c) = x.e { Some(c) } else { None });
                    return (close + 1, country);
                }
            }
            return (k, None);
        }
        if k + 1 < end && matches!(els[k].e, E::P(',' | '|')) {
            if let E::Country(c) = els[k + 1].e {
                country = Some(c);
                k += 2;
            }
        }
        (k, country)
    }

    /// "Alba (Italy) – Gastronomy", "ALBA per la Gastronomia", "Austin,
    /// Texas (Media Arts)": a designation item on a page about the UNESCO
    /// Creative Cities.
    pub(super) fn designation_item(&mut self, els: &[El], s: usize, e: usize) {
        if !self.uccn_context {
            return;
        }
        let mut start = self.item_start(els);
        // "• 2013 Fabriano (artigianato)": the year of the designation may
        // lead.
        let lead = match els.get(start).map(|x| x.e) {
            Some(E::Date(DateValue::Point(d))) if d.month().is_none() => {
                start += 1;
                while start < els.len() && matches!(els[start].e, E::P('-' | '–' | ':' | ',')) {
                    start += 1;
                }
                Some(d)
            }
            _ => None,
        };
        let Some((k, place)) = self.place_at(els, start, els.len()).or_else(|| self.ambiguous_city_at(els, start)) else { return };
        let (mut k, country) = self.place_apposition(els, k, els.len());
        let mut glue = 0;
        while k < els.len() && (matches!(els[k].e, E::P('-' | '–' | ':' | ',' | '\'' | '(')) || self.is_word(Some(&els[k]), FIELD_GLUE) || els[k].e == E::Kw(Kw::CreativeCity)) {
            k += 1;
            glue += 1;
        }
        // "Asaba, recognized for its achievements in Film.": a short
        // description after a comma leads to the field.
        if glue == 1 && els[k - 1].e == E::P(',') {
            let words = els[k..].iter().take_while(|x| matches!(x.e, E::W { cap: false } | E::Kw(Kw::Designated))).count();
            if (1..=10).contains(&words) && matches!(els.get(k + words).map(|x| x.e), Some(E::Field(_) | E::CField(_))) {
                k += words;
                glue += words;
            }
        }
        if glue == 0 || glue > 10 {
            return;
        }
        let mut fields = Vec::new();
        // "Alba - Gastronomia (2017)": the year may close the row.
        let mut trailing = None;
        while k < els.len() {
            match els[k].e {
                E::Field(f) | E::CField(f) if trailing.is_none() => {
                    if !fields.contains(&f) {
                        fields.push(f);
                    }
                }
                E::Date(DateValue::Point(d)) if d.month().is_none() && !fields.is_empty() && trailing.is_none() => trailing = Some(d),
                E::P(',' | '&' | '.' | ';' | ')' | '(') => {}
                _ if self.is_word(Some(&els[k]), LIST_JOINERS) => {}
                _ => return,
            }
            k += 1;
        }
        if fields.is_empty() {
            return;
        }
        let year = lead.or(trailing).or_else(|| self.item_year.and_then(|y| PartialDate::year(y).ok()));
        self.cue = Cue::new("designation list item", if matches!(place, Place::Known(_)) { 0.9 } else { 0.75 });
        for f in fields {
            let fact = Fact::Designation {
                city: self.place_name(&place),
                country: self.place_country(&place, country),
                network: self.net_name(self.uccn.expect("UNESCO context has the network")),
                field: Some(f),
                year,
                until: None,
            };
            self.push_found(fact, s, e, false, matches!(place, Place::New(_)));
        }
    }

    /// A city name that is also a common word, taken at the start of an
    /// item when the item's shape says it is a place.
    fn ambiguous_city_at(&self, els: &[El], j: usize) -> Option<(usize, Place)> {
        let el = els.get(j)?;
        el.maybe_city.map(|c| (j + 1, Place::Known(c)))
    }

    /// "Monte Castello di Vibio, piccolo borgo ..., è uno degli 88 comuni
    /// italiani che hanno aderito a Cittaslow": the town that opens the
    /// sentence is one of the network's members.
    pub(super) fn one_of_the_members(&mut self, els: &[El], s: usize, e: usize, nets: &[u16]) {
        const ONE: &[&str] = &["uno", "una", "one", "une", "un", "eine", "einer", "einen"];
        const OF_THE: &[&str] = &["degli", "delle", "dei", "of", "des", "de", "der", "los", "las"];
        let Some(E::City(town)) = els.iter().take(3).find(|x| matches!(x.e, E::City(_))).map(|x| x.e) else { return };
        let Some(q) = (0..els.len()).find(|&q| self.is_word(Some(&els[q]), ONE) && self.is_word(els.get(q + 1), OF_THE)) else { return };
        let Some(noun) = (q + 2..els.len().min(q + 6)).find(|&j| self.is_word(Some(&els[j]), super::rules::TOWN_NOUNS)) else { return };
        let Some(verb) = (noun + 1..els.len().min(noun + 7)).find(|&j| matches!(els[j].e, E::Kw(Kw::Join | Kw::Member | Kw::TakePart))) else { return };
        let Some(organ) = (verb + 1..els.len().min(verb + 4)).find_map(|j| self.organ_at(els, j, nets)) else { return };
        if organ.body.is_some() || Some(organ.net) == self.uccn {
            return;
        }
        self.cue = Cue::new("one of the network's towns", 0.75);
        let fact = Fact::Membership { city: self.city_name(town), country: self.city_country(town), network: self.net_name(organ.net), since: None, until: None };
        self.push(fact, s, e);
    }

    /// Gives the twins listed before the page named its town to that town,
    /// once the whole page is read.
    pub(super) fn resolve_pending_twins(&mut self) {
        let pending = std::mem::take(&mut self.pending_twins);
        let Some(town) = self.page_town() else { return };
        for (place, since, s, e) in pending {
            if place == Place::Known(town) {
                continue;
            }
            let new = matches!(place, Place::New(_));
            self.cue = Cue { confidence: if new { 0.6 } else { 0.7 }, ..super::TWIN_OF_PAGE_TOWN };
            let fact = Fact::Twinning { city: self.city_name(town), other: self.place_name(&place), since };
            self.push_found(fact, s, e, false, new);
        }
    }

    /// "Montbéliard - Ludwigsburg (1950)", "Bad Tölz: Vipiteno (Italien),
    /// seit 1971": a pair of towns with a year, on a page about twinning.
    pub(super) fn twin_pair_item(&mut self, els: &[El], s: usize, e: usize) -> bool {
        let start = self.item_start(els);
        let Some((k, a)) = self.place_at(els, start, els.len()) else { return false };
        // ... or "Barcelona con Boston", a heading on a page about twins:
        // two known towns.
        let with = matches!(a, Place::Known(_)) && self.is_word(els.get(k), WITH);
        if !with && els.get(k).is_none_or(|x| !matches!(x.e, E::P('-' | ':'))) {
            return false;
        }
        // "Friendship City: Kumamoto": words the gazetteer lacks before a
        // colon are a label, not a town.
        if matches!(a, Place::New(_)) && els[k].e == E::P(':') {
            return false;
        }
        let Some((k, b)) = self.place_at(els, k + 1, els.len()) else { return false };
        if with && !matches!(b, Place::Known(_)) {
            return false;
        }
        let mut since = None;
        let (mut k, _) = self.place_apposition(els, k, els.len());
        if k < els.len() && els[k].e == E::P('(') {
            if let (Some(E::Date(DateValue::Point(d) | DateValue::Since(d))), Some(E::P(')'))) = (els.get(k + 1).map(|x| x.e), els.get(k + 2).map(|x| x.e)) {
                since = Some(d);
                k += 3;
            }
        } else if let (Some(E::P(',')), Some(E::Date(DateValue::Point(d) | DateValue::Since(d)))) = (els.get(k).map(|x| x.e), els.get(k + 1).map(|x| x.e)) {
            since = Some(d);
            k += 2;
        }
        if els[k..].iter().any(|x| !matches!(x.e, E::P(_))) || a == b {
            return false;
        }
        let new = matches!(a, Place::New(_)) || matches!(b, Place::New(_));
        self.cue = Cue::new("twinning pair item", if new { 0.75 } else { 0.9 });
        let fact = Fact::Twinning { city: self.place_name(&a), other: self.place_name(&b), since };
        self.push_found(fact, s, e, false, new);
        true
    }

    /// "Fulda, in Germania – 1960" under "Città gemelle": a twin of the
    /// town the page is about, with the year of the twinning.
    pub(super) fn twin_of_subject_item(&mut self, els: &[El], town: Option<u32>, s: usize, e: usize) {
        let subject = town.or_else(|| self.page_town());
        let mut start = self.item_start(els);
        // "1960 – Fulda": a year may lead.
        let lead = els.get(start).and_then(|x| if let E::Date(DateValue::Point(d) | DateValue::Since(d)) = x.e { Some(d) } else { None });
        if lead.is_some() {
            start += 1;
            while start < els.len() && matches!(els[start].e, E::P('-' | ':' | ',')) {
                start += 1;
            }
        }
        let Some((k, place)) = self.place_at(els, start, els.len()) else { return };
        // "Bragança (Portugal): Proximidad geográfica ...": prose after a
        // colon describes the twin.
        let els = match (k..els.len()).find(|&j| els[j].e == E::P(':')) {
            Some(colon) if els[colon..].iter().any(|x| matches!(x.e, E::W { cap: false })) => &els[..colon],
            _ => els,
        };
        if subject.is_some_and(|t| place == Place::Known(t)) {
            // Only the most named city was taken for the page's town, and
            // it is one of the twins listed.
            if town.or_else(|| self.page_town_named()).is_none() {
                self.doc_city_is_twin = true;
            }
            return;
        }
        // After the place only its country (or a region in parentheses:
        // "Caerphilly (Wales)"), a year and punctuation.
        // ... or after a comma ("Bad Dürkheim, Rheinland-Pfalz").
        let mut depth = 0;
        let mut comma = false;
        let rest_ok = els[k..].iter().all(|x| {
            match x.e {
                E::P('(') => depth += 1,
                E::P(')') => depth -= 1,
                E::P(',') => comma = true,
                _ => {}
            }
            // ... or a twinning word ("Freital (Germany) - twinned 1990").
            matches!(x.e, E::P(_) | E::Country(_) | E::Date(DateValue::Point(_) | DateValue::Since(_)) | E::Kw(Kw::Twin | Kw::TwinNoun))
                || ((depth > 0 || comma) && matches!(x.e, E::W { cap: true }))
                || self.is_word(Some(x), &["in", "en", "im", "since", "dal", "dal", "depuis", "desde", "seit"])
        });
        let new = matches!(place, Place::New(_));
        let has_country = els[k..].iter().any(|x| matches!(x.e, E::Country(_)));
        if !rest_ok || els.len() > 14 || (new && !has_country) {
            return;
        }
        let since = lead.or_else(|| els[k..].iter().find_map(|x| if let E::Date(DateValue::Point(d) | DateValue::Since(d)) = x.e { Some(d) } else { None }));
        let Some(subject) = subject else {
            self.pending_twins.push((place, since, s, e));
            return;
        };
        self.cue = if new { Cue { confidence: 0.65, ..super::TWIN_OF_PAGE_TOWN } } else { super::TWIN_OF_PAGE_TOWN };
        let fact = Fact::Twinning { city: self.city_name(subject), other: self.place_name(&place), since };
        self.push_found(fact, s, e, false, new);
    }

    /// "2008 – Santa Fe, New Mexico", "Seoul (2010)", "13th: Fabriano,
    /// 2019" under a heading of meetings: a meeting in the one city of the
    /// line, in the year it gives.
    pub(super) fn meeting_item(&mut self, els: &[El], net: u16, kind: EventType, s: usize, e: usize) {
        let cities: Vec<u32> = els.iter().filter_map(|x| if let E::City(c) = x.e { Some(c) } else { None }).collect();
        let dates: Vec<DateValue> = els.iter().filter_map(|x| if let E::Date(d @ (DateValue::Point(_) | DateValue::Range(..))) = x.e { Some(d) } else { None }).collect();
        let ([city], [date]) = (cities.as_slice(), dates.as_slice()) else { return };
        if els.len() > 16 {
            return;
        }
        let edition = els.iter().take(3).find_map(|x| match x.e {
            E::Ordinal(n) | E::Kw(Kw::Ordinal(n)) => Some(n),
            _ => None,
        });
        self.cue = Cue::new("meeting list item", 0.75);
        self.event(net, kind, edition, *city, *date, s, e);
    }

    /// "- ESP Altea, Spain" under "The founding members were:": a member.
    /// "Ancona, Bari, Bologna, Brescia": a line of known towns between
    /// commas gives one member each.
    pub(super) fn member_item(&mut self, els: &[El], net: u16, founding: bool, s: usize, e: usize) {
        // Founders are members from the founding the page states.
        let founded = || {
            self.facts.iter().find_map(|f| match &f.fact {
                Fact::Founded { network, year } if *network == self.net_name(net) => *year,
                _ => None,
            })
        };
        let since = if founding { founded() } else { None };
        let start = self.item_start(els);
        let towns: Vec<u32> = els[start..].iter().filter_map(|x| if let E::City(c) = x.e { Some(c) } else { None }).collect();
        let only_towns = els[start..].iter().all(|x| matches!(x.e, E::City(_) | E::P(',' | ';' | '.')) || self.is_word(Some(x), LIST_JOINERS));
        if towns.len() >= 3 && only_towns && Some(net) != self.uccn {
            self.cue = Cue::new("member list item", 0.8);
            for c in towns {
                let fact = Fact::Membership { city: self.city_name(c), country: self.city_country(c), network: self.net_name(net), since, until: None };
                self.push(fact, s, e);
            }
            return;
        }
        // "Bra" alone on its line: a town whose name is also a word.
        let alone = || self.ambiguous_city_at(els, start).filter(|&(k, _)| k == els.len() || els[k].e == E::P('('));
        let Some((k, place)) = alone().or_else(|| self.place_at(els, start, els.len())) else { return };
        let (k2, country) = self.place_apposition(els, k, els.len());
        // The item is the place, maybe with its country or region ...
        // or a known place then a colon and who stands for it ("Albi :
        // Sophie Camman [technicien]").
        let described = matches!(place, Place::Known(_)) && els.get(k2).is_some_and(|x| x.e == E::P(':'));
        let rest_ok = k2 == els.len() || matches!(els[k2].e, E::P(',' | '(' | ';' | '.' | '|')) || k == els.len() || described;
        // A place the gazetteer lacks needs its country or region after a
        // comma ("Sherborne, England, United Kingdom").
        // ... or a province code in parentheses ("Amalfi (SA)").
        let code = els.get(k).is_some_and(|x| x.e == E::P('('))
            && els.get(k + 1).is_some_and(|x| {
                let w = &self.text[x.start..x.end];
                (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
            })
            && els.get(k + 2).is_some_and(|x| x.e == E::P(')'));
        let located = country.is_some() || code || (els.get(k).is_some_and(|x| x.e == E::P(',')) && els[k..].iter().any(|x| matches!(x.e, E::Country(_))));
        if !rest_ok || (matches!(place, Place::New(_)) && !located) {
            return;
        }
        self.cue = Cue::new("member list item", if matches!(place, Place::Known(_)) { 0.85 } else { 0.7 });
        if Some(net) == self.uccn {
            return;
        }
        let fact = Fact::Membership {
            city: self.place_name(&place),
            country: self.place_country(&place, country),
            network: self.net_name(net),
            since,
            until: None,
        };
        self.push_found(fact, s, e, false, matches!(place, Place::New(_)));
    }

    /// "Heidelberg DE", "• Dario Nardella Mayor of Florence President"
    /// under the name of a body: the city holds a seat on it, and the
    /// role the line names.
    pub(super) fn seat_item(&mut self, els: &[El], organ: Organ, term: Option<DateValue>, s: usize, e: usize) {
        if self.is_presidency(organ) && self.term_item(els, Role::President, organ.net, s, e) {
            return;
        }
        let Some(city) = self.seat_holder(els) else { return };
        let (from, to) = term.and_then(super::rules::term).unwrap_or((None, None));
        self.cue = Cue::new("seat list item", 0.8);
        let fact = Fact::Role { holder: self.city_name(city), role: Role::Member, organ: self.organ_name(organ), from, to };
        self.push_found(fact, s, e, false, false);
        let role = els.iter().find_map(|x| if let E::Role(r) = x.e { Some(r) } else { None });
        if let Some(role @ (Role::President | Role::VicePresident | Role::Chair)) = role {
            let fact = Fact::Role { holder: self.city_name(city), role, organ: self.net_name(organ.net), from, to };
            self.push_found(fact, s, e, false, false);
        }
    }

    /// A row of an office's holders with its term ("2000-2005 City of
    /// Odense (DK), represented by ...", "1990-1994 Robert Schwint, Mayor
    /// of Besançon") under "Presidency of Energy Cities" or "Past
    /// presidents": the row's city holds the office for that term. False
    /// when the row states no one term or no one city.
    pub(super) fn term_item(&mut self, els: &[El], role: Role, net: u16, s: usize, e: usize) -> bool {
        let mut dates = els.iter().filter_map(|x| if let E::Date(d) = x.e { Some(d) } else { None });
        let Some((from, to)) = (match (dates.next(), dates.next()) {
            (Some(d), None) => super::rules::term(d),
            _ => None,
        }) else {
            return false;
        };
        // The one city the row names, however often ("City of Odense (DK),
        // represented by ..., Deputy Mayor of Odense").
        let city = {
            let mut cities = self.row_cities(els);
            let Some(city) = cities.next() else { return false };
            if cities.any(|c| c != city) {
                return false;
            }
            city
        };
        self.cue = Cue::new("office term item", 0.8);
        let fact = Fact::Role { holder: self.city_name(city), role, organ: self.net_name(net), from, to };
        self.push_found(fact, s, e, false, false);
        true
    }

    /// "• Mme Lydie Polfer, Bourgmestre de Luxembourg" under
    /// "Vice-Présidents": the city whose mayor the row names (else its one
    /// city) holds the office now.
    fn office_holder_item(&mut self, els: &[El], role: Role, net: u16, s: usize, e: usize) {
        if els.len() > 20 {
            return;
        }
        let Some(city) = self.seat_holder(els) else { return };
        self.cue = Cue::new("holder under a heading of the office", 0.75);
        let fact = Fact::Role { holder: self.city_name(city), role, organ: self.net_name(net), from: None, to: None };
        self.push_found(fact, s, e, false, false);
    }

    /// The cities a row names that are no word of a person's name.
    fn row_cities<'e>(&'e self, els: &'e [El]) -> impl Iterator<Item = u32> + 'e {
        (0..els.len()).filter_map(move |j| if let E::City(c) = els[j].e { (!self.in_person_name(els, j)).then_some(c) } else { None })
    }

    /// Whether the body is a network's presidency, whose rows with terms
    /// are its successive presidents.
    fn is_presidency(&self, o: Organ) -> bool {
        o.body.and_then(|b| b.checked_sub(crate::lexicon::GENERIC_BODY_BASE)).is_some_and(|g| crate::lexicon::GENERIC_BODIES[g as usize].0 == "Presidency")
    }

    /// The city a row of a body's seats or of an office's holders names:
    /// the one whose mayor it names, else the one that opens it ("Amalfi
    /// (SA), sindaco Daniele Milano"), else the one city that is no word
    /// of a person's name. None for a sentence.
    fn seat_holder(&self, els: &[El]) -> Option<u32> {
        if els.len() > 14 || els.last().is_some_and(|x| x.e == E::P('.')) {
            return None;
        }
        // "Karin Wanngård, mayor of Stockholm": Karin is also a town.
        if let Some(c) = self.mayor_city(els, 0..els.len()) {
            return Some(c);
        }
        let start = self.item_start(els);
        let first = els.get(start).and_then(|x| if let E::City(c) = x.e { Some(c) } else { None }).filter(|_| !self.in_person_name(els, start));
        let mut cities: Vec<u32> = self.row_cities(els).collect();
        // "City of Odense (DK), represented by ..., Deputy Mayor of Odense"
        // names one city twice.
        cities.sort_unstable();
        cities.dedup();
        match (first, cities.as_slice()) {
            (Some(c), _) => Some(c),
            (None, [c]) => Some(*c),
            _ => None,
        }
    }

    /// Items written on one line after a colon, between semicolons: "Les
    /// villes suivantes viennent de rejoindre le Réseau : Bilbao (Espagne)
    /// – Design ; Busan (République de Corée) – Film ; ...". Each is read
    /// as a line item, under the frame the words before the colon set,
    /// when the sentence's own reading found nothing.
    pub(super) fn inline_items(&mut self, els: &[El], s: usize, e: usize) {
        let mut depth = 0i32;
        let mut colon = None;
        let mut cuts = Vec::new();
        for (j, x) in els.iter().enumerate() {
            match x.e {
                E::P('(') => depth += 1,
                E::P(')') => depth -= 1,
                E::P(':') if depth == 0 && colon.is_none() => colon = Some(j),
                E::P(';') if depth == 0 && colon.is_some() => cuts.push(j),
                _ => {}
            }
        }
        let Some(colon) = colon else { return };
        if cuts.len() < 2 {
            return;
        }
        let saved = self.frame;
        if let Some(frame) = self.frame_of(&els[..colon], false) {
            self.frame = Some(frame);
        }
        let mut from = colon + 1;
        for to in cuts.into_iter().chain([els.len()]) {
            if to > from {
                self.item(&els[from..to], s, e);
            }
            from = to + 1;
        }
        self.frame = saved;
    }

    /// Reads one line item with the frame it is in.
    pub(super) fn item(&mut self, els: &[El], s: usize, e: usize) {
        self.designation_item(els, s, e);
        match self.frame {
            Some(Frame::Members { net, founding }) => self.member_item(els, net, founding, s, e),
            Some(Frame::Seats { organ, term }) => self.seat_item(els, organ, term, s, e),
            Some(Frame::Twins { town }) => {
                if !self.twin_pair_item(els, s, e) {
                    self.twin_of_subject_item(els, town, s, e);
                }
            }
            Some(Frame::Meetings { net, kind }) => self.meeting_item(els, net, kind, s, e),
            Some(Frame::Office { net, role }) => {
                if !self.term_item(els, role, net, s, e) {
                    self.office_holder_item(els, role, net, s, e);
                }
            }
            None if self.twin_context => {
                self.twin_pair_item(els, s, e);
            }
            None => {}
        }
    }

    /// Updates the frame after a line: an introducing line or a heading
    /// sets the frame it names; a heading that names none ends the frame
    /// unless it is a row of column names ("Municipality Country"); prose
    /// ends it.
    pub(super) fn update_frame(&mut self, els: &[El], shape: LineShape) {
        // "Freital (Germany) - twinned 1990" under "Our twinning
        // partners": an item that starts with a place keeps the frame of
        // twins, whatever else it names.
        let start = self.item_start(els);
        if matches!(self.frame, Some(Frame::Twins { .. })) && shape.item && self.place_at(els, start, els.len()).is_some() {
            return;
        }
        // "Dario Nardella, Mayor of Florence (President)" under "The
        // Executive Committee is composed of:": a row of a holder, whatever
        // office it names, keeps the frame of seats.
        if matches!(self.frame, Some(Frame::Seats { .. })) && shape.item && self.seat_holder(els).is_some() && self.nets_in(els, 0..els.len()).is_empty() {
            return;
        }
        // ... and so does a label of an office or of seats ("Vicepresidenti:
        // Orvieto, Bra", "Consiglieri: Todi, Spello").
        if matches!(self.frame, Some(Frame::Seats { .. }))
            && els.get(1).is_some_and(|x| x.e == E::P(':'))
            && (matches!(els[0].e, E::Role(_) | E::Kw(Kw::Member)) || self.is_word(Some(&els[0]), super::rules::SEAT_LABELS))
        {
            return;
        }
        // ... and so does a row of a holder under a heading of an office.
        if matches!(self.frame, Some(Frame::Office { .. }))
            && shape.item
            && self.seat_holder(els).is_some()
        {
            return;
        }
        if shape.intro {
            if let Some(f) = self.frame_of(els, shape.heading) {
                self.frame = Some(f);
                return;
            }
            let column_names = shape.heading && els.len() <= 4 && els.iter().all(|x| matches!(x.e, E::W { cap: true }));
            let names_role = els.iter().any(|x| matches!(x.e, E::Role(_)));
            // A short line that starts with a place is an item, not a
            // heading.
            let item = shape.heading && (self.place_at(els, start, els.len()).is_some() || els.get(start).is_some_and(|x| x.maybe_city.is_some() || matches!(x.e, E::Date(_))));
            // "Kempten pflegt Beziehungen zu folgenden Städten:" under
            // "Partnerstädte der Stadt Kempten" introduces the same twins.
            let same_twins = match self.frame {
                Some(Frame::Twins { town }) => {
                    let mut cities = els.iter().filter_map(|x| if let E::City(c) = x.e { Some(c) } else { None });
                    cities.all(|c| town.is_none_or(|t| t == c)) && self.nets_in(els, 0..els.len()).is_empty()
                }
                _ => false,
            };
            if names_role || !(column_names || item || same_twins) {
                self.frame = None;
            }
        } else if !shape.item && !shape.in_item {
            self.frame = None;
        }
    }

    /// The frame a heading or an introducing line sets for the items after
    /// it: `Some(frame)` to set (or clear, with `None` inside), `None` when
    /// the line sets nothing.
    pub(super) fn frame_of(&self, els: &[El], heading: bool) -> Option<Frame> {
        let nets = self.nets_in(els, 0..els.len());
        if els.iter().any(|x| matches!(x.e, E::Kw(Kw::Negation))) {
            return None;
        }
        // A line with a verb of its own states something: it is no heading
        // of a list ("Florence chairs the Executive Committee").
        // ("I Comuni aderenti", a heading with no town, joins nothing.)
        let adjective = heading && !els.iter().any(|x| matches!(x.e, E::City(_)));
        let verb = els.iter().any(|x| {
            matches!(x.e, E::Kw(Kw::RoleVerb(_) | Kw::RoleBy(_) | Kw::TakePart | Kw::HeldIn | Kw::Host | Kw::HostedBy | Kw::Founded | Kw::Hq | Kw::Designated))
                || (x.e == E::Kw(Kw::Join) && !adjective)
        });
        if verb {
            return None;
        }
        let organ = (0..els.len()).filter_map(|j| self.organ_at(els, j, &nets)).find(|o| self.has_seats(*o));
        if let Some(organ) = organ {
            let term = els.iter().find_map(|x| match x.e {
                E::Date(d @ DateValue::Range(..)) => Some(d),
                _ => None,
            });
            return Some(Frame::Seats { organ, term });
        }
        // A heading of an office names no city of its own ("Past
        // presidents of Energy Cities").
        let role = els.iter().find_map(|x| if let E::Role(r) = x.e { Some(r) } else { None });
        if heading
            && let Some(role @ (Role::President | Role::VicePresident | Role::Chair | Role::SecretaryGeneral | Role::Coordinator)) = role
            && !els.iter().any(|x| matches!(x.e, E::City(_)))
        {
            let net = nets.first().copied().or(self.salient)?;
            return Some(Frame::Office { net, role });
        }
        // A heading of meetings names no city of its own.
        let kind = els.iter().find_map(|x| if let E::Kw(Kw::Event(k)) = x.e { Some(k) } else { None });
        if let Some(kind) = kind
            && !els.iter().any(|x| matches!(x.e, E::City(_)))
        {
            let net = nets.first().copied().or(self.salient)?;
            return Some(Frame::Meetings { net, kind });
        }
        if els.iter().any(|x| matches!(x.e, E::Kw(Kw::Twin | Kw::TwinNoun))) {
            let mut cities = els.iter().filter_map(|x| if let E::City(c) = x.e { Some(c) } else { None });
            let town = cities.next().filter(|_| cities.next().is_none());
            return Some(Frame::Twins { town });
        }
        if els.iter().any(|x| matches!(x.e, E::Kw(Kw::Member | Kw::Join))) {
            let net = nets.first().copied().or(self.salient)?;
            const FOUNDING: &[&str] = &["found", "fonda", "funda", "gründ"];
            let founding = els.iter().any(|x| {
                let w = fold(&self.text[x.start..x.end]);
                FOUNDING.iter().any(|f| w.contains(f))
            });
            return Some(Frame::Members { net, founding });
        }
        // "I comuni della rete sono:", "Member cities": the towns of a
        // network.
        let towns = els.iter().any(|x| self.is_word(Some(x), super::rules::TOWN_NOUNS));
        let network_named = !nets.is_empty() || els.iter().any(|x| x.e == E::Kw(Kw::NetworkRef));
        if towns && network_named && (heading || els.last().is_some_and(|x| x.e == E::P(':'))) {
            let net = nets.first().copied().or(self.salient)?;
            return Some(Frame::Members { net, founding: false });
        }
        // A heading that is a network's name ("Le Cittaslow italiane"):
        // the places listed under it are its members.
        let names_only = els.len() <= 5 && els.iter().all(|x| matches!(x.e, E::Net(_) | E::W { .. } | E::Country(_)));
        if heading && names_only && let Some(&net) = nets.first() && Some(net) != self.uccn {
            return Some(Frame::Members { net, founding: false });
        }
        None
    }
}

/// "Shibetsu City" → "Shibetsu".
fn strip_admin_suffix(name: &str) -> &str {
    let mut rest = name;
    while let Some((head, last)) = rest.rsplit_once(' ') {
        if ["city", "metropolitan", "municipality", "town"].contains(&last.to_lowercase().as_str()) && !head.is_empty() {
            rest = head.trim_end();
        } else {
            break;
        }
    }
    rest
}

/// "City of Greater Geelong" → "Geelong".
fn strip_admin_prefix(name: &str) -> &str {
    let mut rest = name;
    loop {
        let Some((first, tail)) = rest.split_once(' ') else { return rest };
        if ADMIN_WORDS.contains(&first.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric())) && !tail.is_empty() {
            rest = tail.trim_start();
        } else {
            return rest;
        }
    }
}

/// Possessive determiners that refer back to a network ("Its
/// headquarters", "Su sede").
pub(super) const POSSESSIVES: &[&str] = &["its", "their", "son", "sa", "ses", "leur", "su", "sus", "suo", "sua", "la sua", "il suo", "ihr", "ihre", "ihren", "ihrer", "sein", "seine", "seinen", "seiner"];

/// Words for the head of a city's government.
pub(super) const MAYOR_WORDS: &[&str] = &[
    "mayor", "mayors", "sindaco", "sindaca", "sindaci", "maire", "maires", "alcalde", "alcaldesa", "alcaldes",
    "intendente", "intendenta", "bürgermeister", "bürgermeisterin", "oberbürgermeister", "oberbürgermeisterin",
    "stadtpräsident", "stadtpräsidentin", "burgomaster", "lord", "prefeito", "prefeita", "primo", "cittadino",
    "bourgmestre", "burgemeester", "gouverneur", "governor", "gobernador",
];

impl Ctx<'_, '_> {
    /// The one city whose mayor the range names: "Mayor of Florence",
    /// "sindaco di Pollica", "maire de Nantes", "Hiroshima Mayor",
    /// "Bürgermeister von Kalmar". `None` when none or several.
    pub(super) fn mayor_city(&self, els: &[El], r: Range) -> Option<u32> {
        let mut found = None;
        for k in r.clone() {
            if !self.is_word(Some(&els[k]), MAYOR_WORDS) {
                continue;
            }
            let mut j = k + 1;
            // "Mayor Kate Hoey of Hobart": the mayor's name, then the town.
            let mut named = j;
            while named < r.end && named <= k + 3 && matches!(els[named].e, E::W { cap: true }) {
                named += 1;
            }
            if named > j && named < r.end && (self.is_word(Some(&els[named]), OF) || self.is_word(Some(&els[named]), &["aus", "from"])) {
                j = named;
            }
            let start = j;
            while j < r.end && j <= start + 3 && (self.is_word(Some(&els[j]), OF) || self.is_word(Some(&els[j]), DETERMINERS) || els[j].e == E::P('\'') || self.is_word(Some(&els[j]), &["city", "città", "ville", "ciudad", "stadt", "town", "aus", "from", "district", "distrito", "distretto"])) {
                j += 1;
            }
            let after = (j > k + 1 && j < r.end).then(|| if let E::City(c) = els[j].e { Some(c) } else { None }).flatten();
            let before = (k > r.start).then(|| if let E::City(c) = els[k - 1].e { Some(c) } else { None }).flatten();
            let city = after.or(before);
            match (found, city) {
                (None, Some(c)) => found = Some(c),
                (Some(f), Some(c)) if f != c => return None,
                _ => {}
            }
        }
        found
    }
}

type Range = std::ops::Range<usize>;

/// Words that say a list names a network's members or founders.
const COMPOSED_OF: &[&str] = &[
    "composed", "comprising", "consisting", "composto", "composta", "formato", "formata", "composé", "composée",
    "compuesto", "compuesta", "formado", "formada", "bestehend", "founders", "founding", "fondatrici", "fondatori",
    "fondateurs", "fondatrices", "fundadores", "fundadoras", "Gründungsmitglieder", "includes", "including",
    "include", "comprende", "comprend", "incluye", "umfasst", "riunisce", "raggruppa", "associa", "brings",
    "gathers", "unites", "regroupe", "rassemble", "réunit", "reúne", "agrupa", "vereint", "verbindet",
];

/// Words that open a pair of twinned towns besides "between" ("the
/// twinning of A and B").
const PAIR_OF: &[&str] = &["of", "di", "de", "des", "del", "von"];

impl Ctx<'_, '_> {
    /// Twinning told in prose around a noun of twinning: "Städtepartnerschaft
    /// Ansbach-Anglet", "Trowbridge and Leer celebrated 30 years of
    /// twinning", "the Sister City arrangement between Goulburn and
    /// Shibetsu", "El Astillero y Chiclana conmemoraron ... hermanamiento".
    pub(super) fn twin_prose(&mut self, els: &[El], r: &Range, s: usize, e: usize) {
        if !els[r.clone()].iter().any(|x| matches!(x.e, E::Kw(Kw::TwinNoun | Kw::Twin))) {
            return;
        }
        if self.negated(els, r.end, r) {
            return;
        }
        let mut pairs: Vec<(Place, Place)> = Vec::new();
        let mut k = r.start;
        while k < r.end {
            let starts_name = k == r.start || !matches!(els[k - 1].e, E::W { cap: true } | E::City(_));
            let Some((next, a)) = starts_name.then(|| self.place_at(els, k, r.end)).flatten() else {
                k += 1;
                continue;
            };
            // "A-B", "A - B", "A and B", "A y B".
            let joined = next < r.end && (els[next].e == E::P('-') || self.is_word(Some(&els[next]), LIST_JOINERS));
            let after_joiner = if joined && next + 1 < r.end && self.is_word(Some(&els[next + 1]), DETERMINERS) { next + 2 } else { next + 1 };
            if joined && let Some((end, b)) = self.place_at(els, after_joiner, r.end) {
                // Two names led by a twinning word or "between", or a subject
                // pair at the clause start, or a hyphenated pair.
                // ("twinned with Dresden and Volgograd" leads twins of the
                // subject, not a pair.)
                let with = |x: &El| self.ends_with_word(x, &["with", "con", "avec", "mit", "to"]);
                // ... or "between", or "of" ("the twinning of A and B").
                let led = k > r.start
                    && ((matches!(els[k - 1].e, E::Kw(Kw::TwinNoun | Kw::Twin)) && !with(&els[k - 1]))
                        || self.is_word(Some(&els[k - 1]), BETWEEN)
                        || self.is_word(Some(&els[k - 1]), PAIR_OF));
                let opening = k <= r.start + 3 && !els[r.start..k].iter().any(|x| matches!(x.e, E::Kw(Kw::TwinNoun | Kw::Twin)));
                // "A y B se hermanaron", "A and B were twinned": a twinning
                // verb right after the pair.
                let followed = (end..r.end.min(end + 4))
                    .find(|&j| !matches!(els[j].e, E::W { cap: false }))
                    .is_some_and(|j| els[j].e == E::Kw(Kw::Twin));
                let hyphen = els[next].e == E::P('-');
                let list_continues = end < r.end && matches!(els[end].e, E::P(',')) && matches!(els.get(end + 1).map(|x| x.e), Some(E::City(_)));
                let known = matches!(a, Place::Known(_)) || matches!(b, Place::Known(_));
                // "entre Lieusaint et Méderdra": "between" says both are
                // places, known or not.
                let between = k > r.start && self.is_word(Some(&els[k - 1]), BETWEEN);
                if (led || opening || followed || hyphen) && !list_continues && a != b && (known || between) {
                    pairs.push((a, b));
                }
                k = end;
                continue;
            }
            k = next;
        }
        if pairs.len() != 1 {
            return;
        }
        let (a, b) = pairs.pop().expect("one pair");
        let since = self.dates_in(els, r, None).into_iter().find_map(|(_, d)| if let DateValue::Since(d) = d { Some(d) } else { None });
        let new = matches!(a, Place::New(_)) || matches!(b, Place::New(_));
        self.cue = Cue::new("twinned pair beside a twinning word", if new { 0.65 } else { 0.8 });
        // "Seit 50 Jahren sind Rüsselsheim und Évreux Partnerstädte" near
        // the top of a page that names no town of its own: the first is
        // the page's town.
        if let Place::Known(c) = a
            && self.page_town_named().is_none()
            && self.sentence_no < 6
        {
            self.twin_owner = Some(c);
        }
        let fact = Fact::Twinning { city: self.place_name(&a), other: self.place_name(&b), since };
        self.push_found(fact, s, e, false, new);
    }

    /// "Sawbridgeworth is twinned with Bry-sur-Marne", "Zwingenberg,
    /// gemellata con Brisighella": the place that opens the clause, a
    /// twinning verb right after it, the place right after the verb; the
    /// places may be towns the gazetteer lacks (the verb rule reads the
    /// known ones).
    pub(super) fn twinned_with(&mut self, els: &[El], r: &Range, s: usize, e: usize) {
        const AUX: &[&str] = &["is", "was", "has", "been", "è", "e", "stata", "stato", "est", "a", "été", "es", "está", "fue", "ha", "sido", "ist", "wurde", "also", "anche", "aussi", "también", "auch"];
        const OPENERS: &[&str] = &["the", "town", "city", "of", "la", "ville", "de", "il", "comune", "di", "città", "die", "stadt", "gemeinde", "el", "municipio"];
        for k in r.clone() {
            if els[k].e != E::Kw(Kw::Twin) || self.negated(els, k, r) {
                continue;
            }
            if !self.ends_with_word(&els[k], &["with", "con", "avec", "mit", "von", "to"]) {
                continue;
            }
            // The place that opens the clause.
            let mut start = r.start;
            while start < k && self.is_word(Some(&els[start]), OPENERS) {
                start += 1;
            }
            let Some((end_a, a)) = self.place_at(els, start, k) else { continue };
            let mut q = end_a;
            while q < k && (els[q].e == E::P(',') || self.is_word(Some(&els[q]), AUX)) {
                q += 1;
            }
            if q != k {
                continue;
            }
            // The place right after the verb, then the end of the clause or
            // its country, a date or a list.
            let mut j = k + 1;
            while j < r.end && (self.is_word(Some(&els[j]), DETERMINERS) || self.is_word(Some(&els[j]), OPENERS)) {
                j += 1;
            }
            let Some((end_b, b)) = self.place_at(els, j, r.end) else { continue };
            let ends = end_b == r.end || matches!(els[end_b].e, E::P(_) | E::Date(_) | E::Country(_)) || self.is_word(Some(&els[end_b]), &["in", "en", "since", "dal", "depuis", "desde", "seit", "and", "e", "et", "y", "und"]);
            let known = matches!(a, Place::Known(_)) && matches!(b, Place::Known(_));
            if a == b || !ends || known {
                continue;
            }
            let since = self.dates_in(els, r, None).into_iter().find_map(|(_, d)| if let DateValue::Since(d) = d { Some(d) } else { None });
            self.cue = Cue::new("places around a twinning verb", 0.65);
            let fact = Fact::Twinning { city: self.place_name(&a), other: self.place_name(&b), since };
            self.push_found(fact, s, e, false, true);
        }
    }

    /// The members a sentence enumerates after a word of membership or
    /// composition: "il Coordinamento ..., composto da Alba, Bergamo,
    /// Bologna ...", "fondé en 1986 par les maires de six villes :
    /// Barcelone, Birmingham ...", "una delle fondatrici con Greve in
    /// Chianti, Positano e Bra".
    pub(super) fn member_enumeration(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        // "composto da", "founding members", or "founded ... by".
        let founded_by = |k: usize| {
            els[k].e == E::Kw(Kw::Founded)
                && els[k + 1..r.end].iter().take(4).any(|x| self.is_word(Some(x), &["by", "par", "da", "dai", "dalle", "von", "por", "durch"]))
        };
        // "los cuatro primeros miembros Dénia, Manises, Llíria y Burgos": a
        // member noun right before the list.
        // ... or after "del grupo," ("todos los miembros del grupo, A, B").
        let member_noun = |k: usize| {
            els[k].e == E::Kw(Kw::Member)
                && (matches!(els.get(k + 1).map(|x| x.e), Some(E::City(_)))
                    || (k + 1..r.end).take(4).find(|&j| matches!(els[j].e, E::P(',' | ':'))).is_some_and(|j| {
                        els[k + 1..j].iter().all(|x| matches!(x.e, E::W { cap: false })) && matches!(els.get(j + 1).map(|x| x.e), Some(E::City(_)))
                    }))
        };
        // Most clauses name no network: nothing to enumerate members of.
        let names_organ = els[r.clone()].iter().any(|x| matches!(x.e, E::Net(_) | E::Organ(..) | E::Bodies(_) | E::Kw(Kw::NetworkRef | Kw::CoordRef | Kw::Member)));
        if !names_organ {
            self.members_continued(els, r, s, e);
            return;
        }
        let cue = r.clone().find(|&k| founded_by(k) || self.is_word(Some(&els[k]), COMPOSED_OF) || member_noun(k));
        let Some(k) = cue else {
            self.members_continued(els, r, s, e);
            return;
        };
        if self.negated(els, k, r) {
            return;
        }
        // The list: the first run of two or more places after the cue.
        let mut j = k + 1;
        let mut list: Vec<(usize, Place)> = Vec::new();
        while j < r.end && j <= k + 12 {
            if matches!(els[j].e, E::City(_) | E::W { cap: true }) {
                list = self.place_list_after(els, j, r.end);
                if !list.is_empty() {
                    break;
                }
            }
            if matches!(els[j].e, E::Kw(_)) && !matches!(els[j].e, E::Kw(Kw::Member | Kw::NetworkRef | Kw::CoordRef)) {
                break;
            }
            j += 1;
        }
        if list.is_empty() {
            return;
        }
        let founded = els[k].e == E::Kw(Kw::Founded);
        // The network: named before the cue, else in the sentence, else the
        // one the page is about.
        // ("Il Comitato Esecutivo di Eurocities è composto da": the body,
        // not its network named after it.)
        let before = (r.start..k).rev().find_map(|q| self.organ_at(els, q, nets).map(|o| (q, o))).map(|(q, o)| {
            let body_of = (q.saturating_sub(3).max(r.start)..q).find_map(|b| self.organ_at(els, b, nets).filter(|ob| ob.body.is_some() && ob.net == o.net));
            body_of.filter(|_| o.body.is_none()).unwrap_or(o)
        });
        let organ = before.or_else(|| (k..r.end).find_map(|q| self.organ_at(els, q, nets)));
        // A member noun right before its list speaks of the page's network.
        let organ = organ.or_else(|| (member_noun(k)).then(|| self.salient.map(|net| Organ { net, body: None })).flatten());
        let Some(organ) = organ else { return };
        // An office sits in a town, no town in it: "the secretariat sits
        // in Sherborne".
        if self.sits_in(&els[k]) && organ.body.is_some_and(|b| office_body(self.x.gazetteer.networks(), organ.net, b)) {
            return;
        }
        let since = if founded {
            els[k..r.end].iter().take(4).find_map(|x| if let E::Date(DateValue::Point(d)) = x.e { Some(d) } else { None })
        } else {
            None
        };
        let coordination_of_uccn = self.coordination == Some(organ.net)
            && self.x.gazetteer.networks().get(organ.net as usize).is_some_and(|n| n.parent.as_deref() == Some("uccn"));
        if organ.body.is_none() && Some(organ.net) != self.uccn {
            self.last_members = Some((self.sentence_no, organ.net));
        }
        for (_, place) in list {
            let new = matches!(place, Place::New(_));
            self.cue = Cue::new("members enumerated after a word of membership", if new { 0.6 } else { 0.75 });
            if Some(organ.net) == self.uccn {
                if let Place::Known(c) = place {
                    self.designation(c, None, None, s, e);
                }
                continue;
            }
            if organ.body.is_some() {
                let fact = Fact::Role { holder: self.place_name(&place), role: Role::Member, organ: self.organ_name(organ), from: None, to: None };
                self.push_found(fact, s, e, false, new);
                continue;
            }
            let fact = Fact::Membership { city: self.place_name(&place), country: self.place_country(&place, None), network: self.net_name(organ.net), since, until: None };
            self.push_found(fact, s, e, false, new);
            if coordination_of_uccn && let Place::Known(c) = place {
                self.designation(c, None, None, s, e);
            }
        }
    }

    /// "También, Madrid, Managua, Montevideo ...": a list of members that
    /// goes on in the next sentence.
    fn members_continued(&mut self, els: &[El], r: &Range, s: usize, e: usize) {
        let Some((n, net)) = self.last_members else { return };
        if n + 1 != self.sentence_no || r.start != 0 || !self.is_word(els.first(), &["también", "also", "anche", "aussi", "auch", "inoltre", "además", "ainsi", "sowie"]) {
            return;
        }
        let mut j = 1;
        while j < r.end && els[j].e == E::P(',') {
            j += 1;
        }
        let list = self.place_list_after(els, j, r.end);
        if list.len() < 3 {
            return;
        }
        self.last_members = Some((self.sentence_no, net));
        for (_, place) in list {
            let new = matches!(place, Place::New(_));
            self.cue = Cue::new("members listed on from the sentence before", if new { 0.55 } else { 0.7 });
            let fact = Fact::Membership { city: self.place_name(&place), country: self.place_country(&place, None), network: self.net_name(net), since: None, until: None };
            self.push_found(fact, s, e, false, new);
        }
    }

    /// A list of places starting at `k` ("Pettorano sul Gizio, Caramanico
    /// Terme (PE) e Scanno"): places joined by commas and "and", each maybe
    /// with a parenthesis (its province or country). Places the gazetteer
    /// lacks count only in a list of three or more, or beside a known one.
    pub(super) fn place_list_after(&self, els: &[El], k: usize, end: usize) -> Vec<(usize, Place)> {
        let mut out = Vec::new();
        let mut j = k;
        loop {
            // "le città di", "i comuni di" before the first place.
            while out.is_empty() && j < end && (self.is_word(Some(&els[j]), LIST_OPENERS) || els[j].e == E::P(':')) {
                j += 1;
            }
            let Some((next, place)) = self.place_at(els, j, end) else { break };
            out.push((j, place));
            j = next;
            if j < end && els[j].e == E::P('(') {
                match els[j..end.min(j + 8)].iter().position(|x| x.e == E::P(')')) {
                    Some(p) => j += p + 1,
                    None => break,
                }
            }
            if j < end && (els[j].e == E::P(',') || self.is_word(Some(&els[j]), LIST_JOINERS)) {
                j += 1;
                if j < end && self.is_word(Some(&els[j]), LIST_JOINERS) {
                    j += 1;
                }
                continue;
            }
            break;
        }
        let known = out.iter().filter(|(_, p)| matches!(p, Place::Known(_))).count();
        if out.len() >= 3 || (out.len() == 2 && known >= 1) {
            out
        } else {
            Vec::new()
        }
    }
}

/// Words that open a list of places ("le città di", "the towns of").
const LIST_OPENERS: &[&str] = &[
    "the", "towns", "cities", "municipalities", "of", "le", "la", "i", "gli", "città", "comuni", "di", "les",
    "villes", "communes", "de", "los", "las", "ciudades", "municipios", "die", "städte", "gemeinden", "von",
];

impl Ctx<'_, '_> {
    /// Whether the element is "sits in", which places an office as well as
    /// a member.
    fn sits_in(&self, el: &El) -> bool {
        self.text[el.start..el.end].to_lowercase().starts_with("sits in")
    }

    /// "as other three Vice-Presidents Deputy Mayor of Gdańsk Piotr
    /// Grzelak, ... and Councillor of the City of Kristiansand Jørgen H.
    /// Kristiansen": a plural role, then titled holders, each "of" a city.
    /// Returns whether it read such a list.
    pub(super) fn titled_holders(&mut self, els: &[El], k: usize, role: Role, s: usize, e: usize, nets: &[u16]) -> bool {
        let w = fold(&self.text[els[k].start..els[k].end]);
        let plural = w.ends_with('s') || w.ends_with("enti") || w.ends_with("enten");
        if !plural || !matches!(els.get(k + 1).map(|x| x.e), Some(E::W { cap: true })) {
            return false;
        }
        // The list runs past the clause: ", and Councillor of ...".
        let cities: Vec<u32> = (k + 1..els.len())
            .take_while(|&j| !matches!(els[j].e, E::P(';' | '.')))
            .filter_map(|j| match els[j].e {
                E::City(c) if self.is_word(els.get(j - 1), OF) || (j >= 2 && self.is_word(els.get(j - 2), OF) && self.is_word(els.get(j - 1), DETERMINERS)) => Some(c),
                _ => None,
            })
            .collect();
        let Some(organ) = self.organ_nearby(nets).filter(|_| cities.len() >= 2) else { return false };
        self.cue = Cue::new("titled holders after a plural role", 0.7);
        for c in cities {
            self.role_fact(self.city_name(c), role, Organ { net: organ.net, body: None }, None, None, s, e);
        }
        true
    }

    /// A role noun with no organ of its own, given to a mayor: "Anna König
    /// Jerlmyr, sindaca di Stoccolma, è stata eletta Presidente e Dario
    /// Nardella, Sindaco di Firenze, Vicepresidente", "Neuer Präsident ist
    /// der Oberbürgermeister von Leuven". The city holds the role in the
    /// network the sentence names (or the last sentences did).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn mayor_role(&mut self, els: &[El], k: usize, role: Role, r: &Range, s: usize, e: usize, nets: &[u16]) {
        if !matches!(role, Role::President | Role::VicePresident | Role::Chair | Role::ViceChair | Role::SecretaryGeneral | Role::Coordinator) {
            return;
        }
        // "i vice presidenti sono i sindaci di: Nagasaki (Giappone), Akron
        // (USA), Firenze (Italia)": a plural role, a copula, a list.
        let mut j = k + 1;
        let mut copula = false;
        while j < r.end && j <= k + 8 {
            if self.is_word(Some(&els[j]), &["are", "were", "sono", "erano", "sont", "étaient", "son", "eran", "sind", "waren"]) {
                copula = true;
            } else if !(self.is_word(Some(&els[j]), DETERMINERS) || self.is_word(Some(&els[j]), MAYOR_WORDS) || self.is_word(Some(&els[j]), OF) || els[j].e == E::P(':')) {
                break;
            }
            j += 1;
        }
        if copula {
            let (list, _) = self.list_after(els, j, r.end);
            if list.len() >= 2
                && let Some(organ) = self.organ_nearby(nets)
            {
                self.cue = Cue::new("cities listed after a plural role", 0.75);
                for (_, c) in list {
                    self.role_fact(self.city_name(c), role, Organ { net: organ.net, body: None }, None, None, s, e);
                }
                return;
            }
        }
        let is_bound = |x: &El| matches!(x.e, E::Role(_) | E::P(';'));
        // The stretch that belongs to this role noun: back to the previous
        // role noun, else forward to the next one.
        let back = (r.start..k).rev().find(|&j| is_bound(&els[j])).map_or(r.start, |j| j + 1);
        // ... and not past a person named before it, whose office it is
        // ("Oberbürgermeister Jung sowie Dario Nardella, Präsident").
        let back = self.person_before(els, k, r).map_or(back, |(p, _)| back.max(p.saturating_sub(3)));
        let forward_end = (k + 1..r.end).find(|&j| is_bound(&els[j])).unwrap_or(r.end).min(k + 10);
        let city = self.mayor_city(els, back..k).or_else(|| self.mayor_city(els, k + 1..forward_end));
        let Some(city) = city else { return };
        // ... or the network of a body the sentence names ("per il rinnovo
        // della Presidenza e del Comitato esecutivo: ...").
        let organ = self.organ_nearby(nets).or_else(|| (0..els.len()).find_map(|j| self.organ_at(els, j, nets).filter(|o| o.body.is_some())));
        let Some(organ) = organ else { return };
        let (from, to) = self.role_dates_after(els, r, k, None);
        self.cue = Cue::new("role noun beside a mayor of a city", 0.75);
        self.role_fact(self.city_name(city), role, Organ { net: organ.net, body: None }, from, to, s, e);
    }
}

impl Ctx<'_, '_> {
    /// Whether a body has seats a city can hold: a committee, a forum, a
    /// working group or a body the catalogue lacks; not an office, a
    /// secretariat or an assembly.
    pub(super) fn has_seats(&self, o: Organ) -> bool {
        let Some(b) = o.body else { return false };
        if b >= crate::lexicon::GENERIC_BODY_BASE {
            return true;
        }
        self.x.gazetteer.networks().get(o.net as usize).and_then(|n| n.bodies.get(b as usize)).is_some_and(|body| {
            matches!(body.kind, citynets_model::BodyKind::Committee | citynets_model::BodyKind::Forum | citynets_model::BodyKind::WorkingGroup)
        })
    }

    /// Whether the city at `j` is a word of a person's name ("Ada Colau",
    /// "Jan Van Zanen", "Fernando Medina"): a capitalised word is written
    /// right beside it.
    fn in_person_name(&self, els: &[El], j: usize) -> bool {
        let cap_word = |x: &El| {
            let w = &self.text[x.start..x.end];
            // German capitalises nouns: "der Städte Porto" names no person.
            matches!(x.e, E::W { cap: true })
                && !w.chars().all(|c| c.is_uppercase())
                && !ADMIN_WORDS.contains(&w.to_lowercase().as_str())
                && !self.is_word(Some(x), super::rules::TOWN_NOUNS)
                && !self.is_word(Some(x), MAYOR_WORDS)
        };
        let prev = j.checked_sub(1).map(|p| &els[p]).filter(|p| self.text[p.end..els[j].start].chars().all(|c| c == ' '));
        let next = els.get(j + 1).filter(|n| self.text[els[j].end..n.start].chars().all(|c| c == ' '));
        // "Anna Weber": two names of places side by side are a person's.
        let city = |x: &El| matches!(x.e, E::City(_));
        prev.is_some_and(|p| cap_word(p) || city(p)) || next.is_some_and(|n| cap_word(n) || city(n))
    }

    /// Whether the city at `j` holds a role a role noun beside it names
    /// ("X, sindaca di Stoccolma, è stata eletta Presidente"): the nearest
    /// role noun before or after it, with no other city and no semicolon
    /// between.
    fn holds_named_role(&self, els: &[El], j: usize) -> bool {
        let stop = |x: &El| matches!(x.e, E::City(_) | E::P(';'));
        let named = |x: &El| matches!(x.e, E::Role(r) if r != Role::Member);
        let before = (0..j).rev().take_while(|&q| !stop(&els[q])).any(|q| {
            named(&els[q]) && !(q >= 2 && els[q - 1].e == E::P('-') && self.is_word(Some(&els[q - 2]), &["co"]))
        });
        let after = (j + 1..els.len()).take_while(|&q| !stop(&els[q])).any(|q| named(&els[q]));
        before || after
    }
}

/// Words that add others to a sentence's subject ("gemeinsam mit",
/// "together with").
const TOGETHER: &[&str] = &["gemeinsam", "zusammen", "together", "alongside", "insieme", "junto", "conjuntamente", "ensemble"];

/// Verbs of belonging to a body ("Diesem gehören ... an").
const BELONG: &[&str] = &[
    "gehören", "gehört", "angehören", "angehört", "belong", "belongs", "appartengono", "appartiennent", "pertenecen",
    "sit", "sits", "siedono", "siègent", "represented", "rappresentato", "représenté", "representado",
];

impl Ctx<'_, '_> {
    /// The cities of a sentence that names a body with a word of
    /// membership or a colon after it: each holds a seat on the body.
    /// "Mitgliedsstädte im Vorstand werden neben Rostock auch Aalborg
    /// (Dänemark), Tartu (Estland) ... sein", "The newly elected presidency
    /// and officers are: President: X, Mayor of Al Hoceima; ...", "Diesem
    /// [Vorstand] gehören neben Heidelberg ... Porto (Portugal), ... an".
    pub(super) fn body_enumeration(&mut self, els: &[El], s: usize, e: usize, nets: &[u16]) {
        // The body with seats the sentence names: the last one before a
        // colon when there is one ("per il rinnovo della Presidenza e del
        // Comitato esecutivo: ..."), else the first.
        // Most sentences name no body: the organs are resolved only when
        // one is there.
        let names_body = els.iter().any(|x| matches!(x.e, E::Organ(..) | E::Bodies(_)));
        if !names_body && self.last_body.is_none_or(|(n, _)| n + 1 != self.sentence_no) {
            return;
        }
        let colon = els.iter().position(|x| x.e == E::P(':')).unwrap_or(els.len());
        let bodies: Vec<(usize, Organ)> = if !names_body { Vec::new() } else {
            (0..els.len()).filter_map(|j| self.organ_at(els, j, nets).filter(|o| self.has_seats(*o)).map(|o| (j, o))).collect()
        };
        let in_sentence = bodies.iter().copied().filter(|&(j, _)| j < colon).last().or(bodies.first().copied());
        // "hat hier einen Sitz inne ... gemeinsam mit": a seat is belonging.
        // ... and so is a line of the body's members after it ("ha eletto
        // il nuovo Consiglio direttivo." then "Consiglieri: A, B, C").
        const SEAT_HOLDERS: &[&str] = &["consiglieri", "componenti", "vocales", "vocali", "councillors", "conseillers", "beisitzer", "board members"];
        let members_line = els.get(1).is_some_and(|x| x.e == E::P(':')) && els.first().is_some_and(|x| x.e == E::Kw(Kw::Member) || self.is_word(Some(x), SEAT_HOLDERS));
        let belong = members_line || els.iter().any(|x| self.is_word(Some(x), BELONG) || x.e == E::Kw(Kw::SeatNoun));
        let (at, organ) = match in_sentence {
            Some(found) => found,
            None => match self.last_body {
                Some((n, o)) if n + 1 == self.sentence_no && belong => (0, o),
                _ => return,
            },
        };
        if let Some((j, o)) = in_sentence {
            let _ = j;
            self.last_body = Some((self.sentence_no, o));
        }
        let cue = belong
            || els.iter().any(|x| matches!(x.e, E::Kw(Kw::Member | Kw::Join | Kw::TakePart)) || self.is_word(Some(x), COMPOSED_OF))
            || els[at + 1..].iter().take(5).any(|x| x.e == E::P(':'));
        if !cue || els.iter().any(|x| x.e == E::Kw(Kw::Negation)) {
            return;
        }
        // The cities outside parentheses, not the place of a meeting.
        let mut depth = 0;
        let mut cities: Vec<u32> = Vec::new();
        // "Leipzig hat seit 2009 einen Sitz inne ... gemeinsam mit
        // Stockholm, Florenz ...": the cities after "together with" hold
        // their seats, but the subject's date is not theirs.
        let mut undated_from = usize::MAX;
        for j in 0..els.len() {
            match els[j].e {
                E::P('(') => depth += 1,
                E::P(')') => depth -= 1,
                E::City(c) if depth == 0 => {
                    let locative = j > 0 && self.is_word(Some(&els[j - 1]), LOCATIVE) && !self.is_word(Some(&els[j - 1]), &["a", "à", "en"]);
                    if !locative && !cities.contains(&c) && !self.in_person_name(els, j) && !self.holds_named_role(els, j) {
                        cities.push(c);
                    }
                }
                _ if undated_from == usize::MAX && self.is_word(Some(&els[j]), TOGETHER) && !cities.is_empty() => undated_from = cities.len(),
                _ => {}
            }
        }
        if cities.len() < 2 {
            return;
        }
        let (from, to) = self.role_dates(els, &(0..els.len()), None);
        let (from, to) = if from == to { (from, None) } else { (from, to) };
        // "Mitgliedsstädte im Vorstand werden ... Aalborg, Tartu": seats
        // of member cities, each a member of the network too.
        let member_noun = Some(organ.net) != self.uccn
            && els.iter().any(|x| {
                x.e == E::Kw(Kw::Member) && {
                    let w = fold(&self.text[x.start..x.end]);
                    ["member", "mitglied", "membr", "miembr"].iter().any(|m| w.starts_with(m))
                }
            });
        self.cue = Cue::new("cities in a sentence about a body's seats", 0.7);
        for (i, c) in cities.into_iter().enumerate() {
            let (from, to) = if i >= undated_from { (None, None) } else { (from, to) };
            let fact = Fact::Role { holder: self.city_name(c), role: Role::Member, organ: self.organ_name(organ), from, to };
            self.push(fact, s, e);
            if member_noun {
                let fact = Fact::Membership { city: self.city_name(c), country: self.city_country(c), network: self.net_name(organ.net), since: None, until: None };
                self.push(fact, s, e);
            }
        }
    }
}

/// Verbs that place a seat ("is located in", "befindet sich in").
const LOCATED: &[&str] = &[
    "located", "based", "situated", "housed", "befindet", "liegt", "trouve", "situé", "située", "sis", "sise",
    "installé", "installée", "trova", "situata", "situato", "encuentra", "ubicada", "ubicado", "está", "funciona",
    "radicada", "radicado", "sita", "sito",
];

impl Ctx<'_, '_> {
    /// "The association premises are located in Brussels (BE) and Besançon
    /// (FR)", "Der Hauptsitz von Cittaslow befindet sich ... in der Stadt
    /// Orvieto", "Le siège principal d'Eurocities est sis ... de
    /// Bruxelles": a noun of a seat, a verb that places it, and the cities
    /// after the verb.
    pub(super) fn seat_located(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        let office = |n: u16, b: u16| office_body(self.x.gazetteer.networks(), n, b);
        let seat_noun = |x: &El| match x.e {
            E::Kw(Kw::SeatNoun) => true,
            // "ICLEI's World Secretariat", "la Secretaría Técnica".
            E::Bodies(p) => self.x.lexicon.senses[p as usize].iter().any(|s| match *s {
                Sense::Kw(Kw::SeatNoun) => true,
                Sense::Body(n, b) => office(n, b),
                _ => false,
            }),
            // "The EUROCITIES secretariat", "the Brussels Office".
            E::Organ(n, b) => office(n, b),
            _ => false,
        };
        let Some(noun) = r.clone().find(|&k| seat_noun(&els[k])) else { return };
        // A verb that places it, a copula and a locative ("is in"), or the
        // locative right after the noun ("has offices in Brussels", "tiene
        // su sede permanente en Quito").
        const COPULA: &[&str] = &["is", "are", "est", "sont", "è", "sono", "ist", "sind", "es", "son", "was", "war", "fue", "était"];
        // "is hosted by the City of Bonn", "sits in Sherborne".
        let places = |k: usize| {
            self.is_word(Some(&els[k]), LOCATED)
                || (self.is_word(Some(&els[k]), COPULA) && self.is_word(els.get(k + 1), LOCATIVE))
                || els[k].e == E::Kw(Kw::HostedBy)
                || (els[k].e == E::Kw(Kw::Member) && self.sits_in(&els[k]))
        };
        // "Barcelona hosts the World Secretariat of UCLG": the host before
        // the verb.
        if let Some(h) = (r.start..noun).rev().take(3).find(|&k| els[k].e == E::Kw(Kw::Host))
            && let Some(E::City(city)) = (r.start..h).rev().take(2).map(|j| els[j].e).find(|x| matches!(x, E::City(_)))
            && let Some(net) = (noun..r.end).take(6).find_map(|j| match els[j].e {
                E::Net(n) | E::Organ(n, _) => Some(n),
                _ => None,
            })
            && !self.negated(els, h, r)
        {
            self.cue = Cue::new("city hosting a network's seat", 0.8);
            let fact = Fact::Headquarters { network: self.net_name(net), city: self.city_name(city) };
            self.push(fact, s, e);
            return;
        }
        // "Energy Cities (headquarters: Besançon)".
        if els.get(noun + 1).is_some_and(|x| x.e == E::P(':'))
            && let Some(E::City(city)) = els.get(noun + 2).map(|x| x.e)
            && let Some(net) = (r.start..noun).rev().take(3).find_map(|j| if let E::Net(n) = els[j].e { Some(n) } else { None })
        {
            self.cue = Cue::new("seat noun placed in a city", 0.8);
            let fact = Fact::Headquarters { network: self.net_name(net), city: self.city_name(city) };
            self.push(fact, s, e);
            return;
        }
        let right_after = (noun + 1..r.end).take(2).find(|&k| self.is_word(Some(&els[k]), LOCATIVE)).filter(|&k| {
            els[noun + 1..k].iter().all(|x| matches!(x.e, E::W { cap: false }) && !self.is_word(Some(x), COPULA))
                && (k + 1..r.end).take(7).any(|j| matches!(els[j].e, E::City(_)))
        });
        let verb = (noun + 1..r.end).take(8).find(|&k| places(k));
        let placed_by_verb = verb.is_some();
        let Some(verb) = verb.or(right_after) else { return };
        if self.negated(els, verb, r) {
            return;
        }
        // A national office ("die deutsche Geschäftsstelle") is not the
        // network's seat.
        if noun > r.start && matches!(els[noun - 1].e, E::W { cap: false }) && self.lang == Some("de") {
            let w = fold(&self.text[els[noun - 1].start..els[noun - 1].end]);
            if w.ends_with("sche") || w.ends_with("schen") {
                return;
            }
        }
        // A network the clause names ("the secretariat of Mayors for
        // Peace") before one a generic body stands for.
        let named = (r.start..verb).find_map(|j| match els[j].e {
            E::Net(net) | E::Organ(net, _) => Some(Organ { net, body: None }),
            _ => None,
        });
        // Placed by a preposition alone, the seat needs its network named.
        // "Its headquarters are ...": the network just named.
        let possessive = noun > r.start && self.is_word(Some(&els[noun - 1]), POSSESSIVES);
        let organ = named
            .or_else(|| (r.start..verb).find_map(|j| self.organ_at(els, j, nets)))
            .or_else(|| if possessive { self.organ_nearby(&[]) } else { None })
            .or_else(|| self.salient.filter(|_| placed_by_verb).map(|net| Organ { net, body: None }));
        let Some(organ) = organ else { return };
        let mut cities = Vec::new();
        let mut j = verb + 1;
        while j < r.end && j <= verb + 16 {
            match els[j].e {
                E::City(c) => {
                    if !cities.contains(&c) {
                        cities.push(c);
                    }
                    // "Brussels (BE) and Besançon (FR)": the list goes on.
                    let mut q = j + 1;
                    if q < r.end && els[q].e == E::P('(') {
                        q = els[q..r.end].iter().position(|x| x.e == E::P(')')).map_or(r.end, |p| q + p + 1);
                    }
                    if !(q < r.end && (els[q].e == E::P(',') || self.is_word(Some(&els[q]), LIST_JOINERS))) {
                        break;
                    }
                    j = q;
                }
                E::Kw(_) | E::Net(_) => break,
                _ => {}
            }
            j += 1;
        }
        self.cue = Cue::new("seat noun placed in a city", 0.8);
        for c in cities {
            let fact = Fact::Headquarters { network: self.net_name(organ.net), city: self.city_name(c) };
            self.push(fact, s, e);
        }
    }
}

impl Ctx<'_, '_> {
    /// Members the gazetteer lacks, for a verb of membership at `k` with its
    /// organ at `oj`: "Pettorano sul Gizio è entrata a far parte di
    /// Cittaslow nel 2010" (the place opening the clause), "Fanno parte di
    /// Cittaslow anche Scanno, Caramanico Terme e Pettorano sul Gizio" (a
    /// list after the organ).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn open_world_members(&mut self, els: &[El], r: &Range, k: usize, oj: usize, kw: Kw, net: u16, s: usize, e: usize) {
        const AUX: &[&str] = &["is", "was", "has", "have", "been", "è", "sono", "stata", "stato", "ha", "hanno", "est", "a", "été", "es", "está", "fue", "se", "ist", "wurde", "hat", "also", "anche", "aussi", "también", "auch", "already", "già", "déjà", "ya", "bereits", "now", "ora"];
        const OPENERS: &[&str] = &["the", "town", "city", "of", "la", "ville", "de", "il", "comune", "di", "città", "die", "stadt", "gemeinde", "el", "municipio", "le", "commune"];
        let mut places: Vec<Place> = Vec::new();
        let mut start = r.start;
        while start < k && self.is_word(Some(&els[start]), OPENERS) {
            start += 1;
        }
        // "Sono soci dell'Associazione ...": a capitalised verb opening
        // the sentence is no town.
        let verb_first = self.is_word(els.get(start), AUX);
        if let Some((end, place)) = self.place_at(els, start, k).filter(|_| !verb_first) {
            let mut q = end;
            while q < k && (els[q].e == E::P(',') || self.is_word(Some(&els[q]), AUX)) {
                q += 1;
            }
            if q == k {
                places.push(place);
            }
        }
        if places.is_empty() {
            let mut j = oj + 1;
            while j < r.end && (self.is_word(Some(&els[j]), &["anche", "also", "aussi", "auch", "también", "sono", "are", "sont", "sind", "son"]) || els[j].e == E::P(':')) {
                j += 1;
            }
            places = self.place_list_after(els, j, r.end).into_iter().map(|(_, p)| p).collect();
        }
        let since = self.dates_in(els, r, None).into_iter().find_map(|(j, d)| match d {
            DateValue::Since(d) => Some(d),
            DateValue::Point(d) if kw == Kw::Join && j > k => Some(d),
            _ => None,
        });
        for place in places {
            let new = matches!(place, Place::New(_));
            self.cue = Cue::new("membership verb with towns the gazetteer lacks", if new { 0.6 } else { 0.8 });
            let fact = Fact::Membership { city: self.place_name(&place), country: self.place_country(&place, None), network: self.net_name(net), since, until: None };
            self.push_found(fact, s, e, false, new);
        }
    }
}

/// Words before a city's field: "por su gastronomía", "en la categoría de
/// música".
const FOR: &[&str] = &["por", "pour", "per", "for", "für", "en", "in", "nella", "dans", "im"];

impl Ctx<'_, '_> {
    /// "Cuenca (Ecuador), por su gastronomía, y San Luis Potosí (México),
    /// por la literatura", "Gizeh (Égypte), pour le cinéma": on a page about
    /// the UNESCO Creative Cities, a city and "for" its field.
    pub(super) fn city_for_field(&mut self, els: &[El], s: usize, e: usize) {
        // ... or "in" its field: "Ibagué (Colombia) en la categoría de
        // música", "Xalapa, en música".
        const GLUE: &[&str] = &[
            "su", "sa", "son", "ses", "sus", "la", "le", "el", "il", "l", "lo", "its", "their", "the", "ihre", "seine", "i",
            "les", "los", "las", "categoría", "categoria", "catégorie", "category", "ámbito", "campo", "domaine", "field",
            "kategorie", "bereich", "de", "del", "di", "of", "des", "du", "der", "sección", "seccion", "apartado",
            "section", "sezione", "rubrique", "sparte",
        ];
        if !self.uccn_context {
            return;
        }
        for q in 0..els.len() {
            let E::Field(field) = els[q].e else { continue };
            // Back over the article and "for".
            let mut j = q;
            while j > 0 && (self.is_word(Some(&els[j - 1]), GLUE) || matches!(els[j - 1].e, E::P('\'' | '„' | '"' | '“' | '«'))) {
                j -= 1;
            }
            if j == 0 || !self.is_word(Some(&els[j - 1]), FOR) {
                continue;
            }
            j -= 1;
            // "En la sección de gastronomía entraron la colombiana
            // Buenaventura (oeste) y la brasileña Paraty": the field opens
            // the clause, its cities follow the verb.
            let joined = j > 0 && (els[j - 1].e == E::P(',') || self.is_word(Some(&els[j - 1]), LIST_JOINERS));
            if j == 0 || (joined && !(j >= 2 && matches!(els[j - 2].e, E::City(_) | E::Country(_) | E::P(')')))) {
                self.cue = Cue::new("cities after their field", 0.75);
                for c in self.cities_after_field(els, q + 1) {
                    self.designation(c, Some(field), None, s, e);
                }
                continue;
            }
            // "Terrassa (noreste) fue reconocida en el apartado de cine": a
            // verb of two words or fewer between the city and its field.
            let verb = (1..=2).find(|&n| {
                j >= n && els[j - n..j].iter().all(|x| matches!(x.e, E::W { cap: false } | E::Kw(Kw::Designated | Kw::Join))) && j > n && matches!(els[j - n - 1].e, E::City(_) | E::P(')'))
            });
            if let Some(n) = verb {
                j -= n;
            }
            // Back over "también", a comma, the city's parenthesis.
            while j > 0 && (els[j - 1].e == E::P(',') || self.is_word(Some(&els[j - 1]), &["también", "aussi", "anche", "also", "auch"])) {
                j -= 1;
            }
            // "Abuja (Nigéria), Conakry (Guinée) et Tanger (Maroc), pour la
            // littérature": every city of the group before it.
            self.cue = Cue::new("city for its field", 0.8);
            for c in self.group_before(els, j) {
                self.designation(c, Some(field), None, s, e);
            }
        }
    }

    /// "Mannheim und Hannover können sich nun „Stadt der Musik“,
    /// Heidelberg „Stadt der Literatur“ nennen": on a page about the
    /// creative cities, the cities just before a title of a creative city,
    /// past a few lower-case words.
    pub(super) fn cities_before_title(&mut self, els: &[El], s: usize, e: usize) {
        if !self.uccn_context {
            return;
        }
        for q in 0..els.len() {
            let E::CField(field) = els[q].e else { continue };
            let mut j = q;
            while j > 0 && matches!(els[j - 1].e, E::P('„' | '"' | '“' | '«' | '\'')) {
                j -= 1;
            }
            let words = (1..=4).take_while(|&n| j >= n && matches!(els[j - n].e, E::W { cap: false })).last().unwrap_or(0);
            j -= words;
            self.cue = Cue::new("cities before a creative city's title", 0.75);
            for c in self.group_before(els, j) {
                self.designation(c, Some(field), None, s, e);
            }
        }
    }

    /// The cities of a group that ends before `j`, each perhaps with its
    /// apposition, joined by commas and "and" ("Abuja (Nigéria), Conakry
    /// (Guinée) et Tanger (Maroc)"), last first.
    fn group_before(&self, els: &[El], mut j: usize) -> Vec<u32> {
        let mut out = Vec::new();
        loop {
            j = self.before_apposition(els, j);
            let Some(E::City(c)) = j.checked_sub(1).map(|p| els[p].e) else { break };
            out.push(c);
            j -= 1;
            if j == 0 || !(els[j - 1].e == E::P(',') || self.is_word(Some(&els[j - 1]), LIST_JOINERS)) {
                break;
            }
            j -= 1;
        }
        out
    }

    /// The cities listed after a field that opens a clause, past a verb
    /// of three words or fewer: "(gastronomía) entraron la colombiana
    /// Buenaventura (oeste), la boliviana Cochabamba y la brasileña
    /// Paraty", each perhaps after an article and an adjective.
    fn cities_after_field(&self, els: &[El], from: usize) -> Vec<u32> {
        let mut j = from;
        while j < els.len() && j < from + 4 && matches!(els[j].e, E::W { cap: false } | E::P(',') | E::Kw(Kw::Designated | Kw::Join)) && !self.is_word(Some(&els[j]), FOR) {
            j += 1;
        }
        let mut out = Vec::new();
        while j < els.len() {
            // An article and an adjective of nationality before the city.
            let mut q = j;
            while q < els.len() && q < j + 3 && matches!(els[q].e, E::W { cap: false }) && !self.is_word(Some(&els[q]), FOR) {
                q += 1;
            }
            let Some(E::City(c)) = els.get(q).map(|x| x.e) else { break };
            out.push(c);
            j = q + 1;
            if els.get(j).is_some_and(|x| x.e == E::P('(')) {
                match els[j..].iter().position(|x| x.e == E::P(')')) {
                    Some(p) => j += p + 1,
                    None => break,
                }
            }
            if els.get(j).is_some_and(|x| x.e == E::P(',') || self.is_word(Some(x), LIST_JOINERS)) {
                j += 1;
            } else {
                break;
            }
        }
        out
    }

    /// Where a city's apposition before `j` starts: "(Kenya)", "en
    /// Ecuador"; `j` when there is none.
    fn before_apposition(&self, els: &[El], j: usize) -> usize {
        if j > 0 && els[j - 1].e == E::P(')') {
            return (0..j - 1).rev().take(6).find(|&p| els[p].e == E::P('(')).unwrap_or(j);
        }
        // "Cuenca en Ecuador": a country after "in".
        if j > 1 && matches!(els[j - 1].e, E::Country(_)) && self.is_word(Some(&els[j - 2]), &["en", "in", "à", "a"]) {
            return j - 2;
        }
        j
    }
}

impl Ctx<'_, '_> {
    /// "Nueva York, Caracas, La Habana ... tienen Madrid como denominador
    /// común en forma de acuerdo de hermanamiento", "una declaración de
    /// Hermanamiento ... que incluyó a Asunción (Paraguay), Bogotá
    /// (Colombia), ...": a sentence about twinning that names the page's
    /// town and lists three cities or more; each is its twin.
    pub(super) fn twins_of_page_town(&mut self, els: &[El], s: usize, e: usize) {
        let Some(town) = self.page_town() else { return };
        if !els.iter().any(|x| matches!(x.e, E::Kw(Kw::TwinNoun | Kw::Twin))) || !els.iter().any(|x| x.e == E::City(town)) {
            return;
        }
        if els.iter().any(|x| matches!(x.e, E::Kw(Kw::Negation | Kw::TwinBetween))) {
            return;
        }
        // The longest enumeration of cities.
        let mut best: Vec<(usize, u32)> = Vec::new();
        let mut j = 0;
        while j < els.len() {
            if matches!(els[j].e, E::City(_)) && (j == 0 || !matches!(els[j - 1].e, E::City(_))) {
                let (list, end) = self.list_after(els, j, els.len());
                if list.len() > best.len() {
                    best = list;
                }
                j = end.max(j + 1);
                continue;
            }
            j += 1;
        }
        let twins: Vec<(usize, u32)> = best.into_iter().filter(|&(_, c)| c != town).collect();
        if twins.len() < 3 {
            return;
        }
        self.cue = Cue::new("cities listed in a sentence about the town's twinnings", 0.7);
        for (j, c) in twins {
            // "Besançon (1959)", "Innsbruck (seit 1963)".
            let since = (els.get(j + 1).map(|x| x.e) == Some(E::P('(')))
                .then(|| els[j + 2..].iter().take(3).take_while(|x| x.e != E::P(')')).find_map(|x| if let E::Date(DateValue::Point(d) | DateValue::Since(d)) = x.e { Some(d) } else { None }))
                .flatten();
            let fact = Fact::Twinning { city: self.city_name(town), other: self.city_name(c), since };
            self.push(fact, s, e);
        }
    }
}
