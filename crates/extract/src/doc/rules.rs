//! The relation rules, one method per pattern family. Each reads a
//! sentence's elements and pushes facts with the sentence as their quote.

use super::*;
use super::items::{Place, MAYOR_WORDS};
use crate::lexicon::{GENERIC_BODIES, GENERIC_BODY_BASE};

type Range = std::ops::Range<usize>;

/// Prepositions (with an article) before a role noun that make it the
/// object of something else ("al Presidente", "to the President").
const OBJECT_PREPOSITIONS: &[&str] = &[
    "al", "alla", "allo", "ai", "dal", "dalla", "col", "au", "aux", "du", "to", "from", "with", "del", "della",
    "dello", "dem", "vom", "beim", "avec", "con",
];

/// Plural nouns of towns ("85 comuni", "the member cities", "French
/// communities Suresnes and Puteaux").
pub(super) const TOWN_NOUNS: &[&str] = &[
    "cities", "towns", "communities", "municipalities", "città", "comuni", "cittadine", "villes", "communes",
    "ciudades", "municipios", "localidades", "städte", "städten", "gemeinden", "kommunen",
];

/// Verbs a town keeps its twins with: "Tübingen hat sieben
/// Partnerstädte", "Ludwigsburg unterhält Partnerschaften".
const TWINS_HELD: &[&str] = &[
    "hat", "pflegt", "unterhält", "has", "maintains", "keeps", "ha", "intrattiene", "mantiene", "conta", "vanta",
    "a", "entretient", "compte", "tiene", "cuenta", "possède", "hält",
];

/// Labels of the seats on a body ("Consiglieri: Todi, Spello").
pub(super) const SEAT_LABELS: &[&str] = &[
    "consiglieri", "councillors", "councilors", "conseillers", "consejeros", "vocales", "beisitzer", "membri",
    "members", "membres", "miembros", "mitglieder",
];

/// Nouns of an area named after its main town ("provincia di Perugia").
const AREA_NOUNS: &[&str] = &[
    "provincia", "province", "région", "regione", "landkreis", "kreis", "county", "département", "departamento",
    "comarca", "distretto", "district", "metropolitana", "metropolitan", "diocesi", "diocese", "área", "area",
];

/// "With", that joins a twin to its town.
pub(super) const WITH: &[&str] = &["with", "mit", "con", "avec"];
/// "Between", that opens a pair of twinned towns ("between A and B").
pub(super) const BETWEEN: &[&str] = &["between", "zwischen", "entre", "tra", "fra"];

/// Nouns of a place, between a locative and a city's name ("in the city
/// of Valladolid", "en la localidad valenciana de Manises").
const PLACE_NOUNS: &[&str] = &[
    "city", "town", "municipality", "città", "comune", "cittadina", "ville", "commune", "ciudad", "localidad",
    "municipio", "stadt", "gemeinde",
];

/// Words that link a role to its holder before it ("was elected", "and
/// former", "nuovo"): any other word makes the role an object.
const LINKS: &[&str] = &[
    "is", "was", "has", "been", "will", "be", "became", "becomes", "as", "also", "now", "newly", "current",
    "è", "era", "sarà", "stato", "stata", "est", "était", "sera", "a", "été", "es", "fue", "será", "ha", "sido",
    "ist", "war", "wird", "wurde", "zum", "zur", "elected", "re", "appointed", "named", "eletto", "eletta",
    "nominato", "nominata", "élu", "élue", "nommé", "nommée", "elegido", "elegida", "nombrado", "nombrada",
    "gewählt", "ernannt", "electo", "electa", "and", "e", "et", "y", "und", "former", "ex", "como", "come",
    "comme", "als", "new", "nuovo", "nuova", "neo", "nouveau", "nouvelle", "nuevo", "nueva", "neuer", "neue",
    "neuen", "nonché", "qualità", "di", "già", "attuale", "actual", "actuel", "actuelle", "outgoing",
    "uscente", "sortant", "sortante", "saliente", "rieletto", "rieletta", "confermato", "confermata",
    "confirmed", "confirmé", "confirmée", "confirmado", "confirmada", "anche", "aussi", "también", "auch",
    "quale", "vice", "of", "del", "della", "de", "du", "des", "der", "réélu", "réélue", "reelected",
    "reelegido", "reelegida", "reelecto", "reelecta", "wiedergewählt", "riconfermato", "riconfermata",
];

/// Participles of an election or an appointment ("elected", "eletto",
/// "gewählt"): a role's holder stands before them, and the year beside
/// them begins the term.
const ELECTED: &[&str] = &[
    "elected", "reelected", "appointed", "eletto", "eletta", "rieletto", "rieletta", "élu", "élue", "réélu", "réélue",
    "nommé", "nommée", "elegido", "elegida", "reelegido", "reelegida", "nombrado", "nombrada", "gewählt", "ernannt",
];

/// What an infobox label alone on its line labels.
#[derive(Clone, Copy, Debug)]
pub(super) enum Label {
    Seat,
    Founding,
    Office(Role, Organ),
}

/// A resolved organ: a network and maybe one of its bodies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Organ {
    pub net: u16,
    pub body: Option<u16>,
}

impl Ctx<'_, '_> {
    pub(super) fn word<'t>(&self, el: &El, buf: &'t mut String) -> Option<&'t str> {
        match el.e {
            E::W { .. } => Some(lower_into(&self.text[el.start..el.end], buf)),
            _ => None,
        }
    }

    /// Whether the element is a plain word of `set` (lower-case words),
    /// compared without allocating: the rules ask this of every element.
    /// Whether a keyword of several words ends with one of `set`
    /// ("twinned with", "Partnerstadt von").
    pub(super) fn ends_with_word(&self, el: &El, set: &[&str]) -> bool {
        self.text[el.start..el.end].rsplit_once(' ').is_some_and(|(_, w)| set.iter().any(|s| w.eq_ignore_ascii_case(s)))
    }

    pub(super) fn is_word(&self, el: Option<&El>, set: &[&str]) -> bool {
        // "gehört" is a keyword for its signal and a word for the rest.
        let Some(el) = el.filter(|el| matches!(el.e, E::W { .. } | E::Kw(Kw::Belong))) else { return false };
        let w = &self.text[el.start..el.end];
        // Plain ASCII words, lower-cased on the stack, compared as bytes.
        if w.is_ascii() && w.len() <= 32 {
            let mut buf = [0u8; 32];
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            return set.iter().any(|s| s.as_bytes() == &*lower);
        }
        set.iter().any(|s| eq_lowercase(w, s))
    }

    /// A city's name: the gazetteer's, or the text's when the text writes
    /// a longer or shorter form of it ("Freiburg im Breisgau", "Chiclana"
    /// for Chiclana de la Frontera), not an administrative word or the
    /// country more ("Baguio City", "Santiago de Chile").
    pub(super) fn city_name(&self, c: u32) -> String {
        let place = self.x.gazetteer.place(c as usize);
        let name = place.name();
        let Some(&written) = self.spellings.get(&c) else { return name.to_string() };
        let (n, w) = (fold(name), fold(written));
        // A name in two languages ("Gasteiz / Vitoria") as the text writes
        // it ("Vitoria-Gasteiz", "Vitoria").
        if name.contains(" / ") {
            return written.to_string();
        }
        // A letter with a stroke, which no folding takes off, as the text
        // writes it ("Wrocław" for Wroclaw), unless it shouts the name.
        let plain = |x: &str| fold(x).replace('ł', "l").replace('ø', "o").replace('đ', "d");
        if n != w && plain(name) == plain(written) && written.chars().any(char::is_lowercase) {
            return written.to_string();
        }
        let extra = if let Some(rest) = w.strip_prefix(&n) {
            rest
        } else if let Some(rest) = n.strip_prefix(&w) {
            rest
        } else {
            return name.to_string();
        };
        let Some(extra) = extra.strip_prefix(' ') else { return name.to_string() };
        let admin = extra.split(' ').all(|x| ["city", "metropolitan", "municipality", "town", "si", "shi", "ciudad", "de", "di", "of"].contains(&x));
        let country = || self.x.lexicon.country_names.iter().any(|k| extra.ends_with(k.as_str()));
        if admin || country() || written.chars().any(|ch| ch.is_lowercase()) && !written.chars().next().is_some_and(char::is_uppercase) {
            return name.to_string();
        }
        written.to_string()
    }

    pub(super) fn city_country(&self, c: u32) -> Option<String> {
        Some(self.x.gazetteer.place(c as usize).country().to_string())
    }

    pub(super) fn net_name(&self, n: u16) -> String {
        match self.x.gazetteer.networks().get(n as usize) {
            Some(net) => net.name.clone(),
            None => self.shaped[n as usize - self.catalogue_len].name.clone(),
        }
    }

    pub(super) fn organ_name(&self, o: Organ) -> String {
        if let Some(b) = o.body.filter(|&b| b >= GENERIC_BODY_BASE) {
            return format!("{} {}", self.net_name(o.net), GENERIC_BODIES[(b - GENERIC_BODY_BASE) as usize].0);
        }
        let Some(net) = self.x.gazetteer.networks().get(o.net as usize) else { return self.net_name(o.net) };
        match o.body {
            Some(b) => net.organ_name(&net.bodies[b as usize]),
            None => net.name.clone(),
        }
    }

    pub(super) fn push(&mut self, fact: Fact, s: usize, e: usize) {
        self.push_with(fact, s, e, false);
    }

    pub(super) fn push_with(&mut self, fact: Fact, s: usize, e: usize, provisional: bool) {
        self.push_found(fact, s, e, provisional, false);
    }

    /// Records a fact with the current cue; `new_entity` when it names an
    /// entity the gazetteer lacks.
    pub(super) fn push_found(&mut self, fact: Fact, s: usize, e: usize, provisional: bool, new_entity: bool) {
        if fact.validate().is_ok() {
            let new_entity = new_entity || self.names_shaped_network(&fact);
            // A creative city of the country of the national coordination
            // the page names is listed as its member too.
            if let (Fact::Designation { city, country: Some(cc), .. }, Some((coord, coord_cc))) = (&fact, self.coordination_members)
                && cc == coord_cc
            {
                let member = Fact::Membership { city: city.clone(), country: Some(cc.clone()), network: self.net_name(coord), since: None, until: None };
                self.facts.push(Found { fact: member, start: s, end: e, provisional, cue: COORDINATION_MEMBER, new_entity: false });
            }
            self.facts.push(Found { fact, start: s, end: e, provisional, cue: self.cue, new_entity });
        }
    }

    /// Whether a fact names a network the catalogue lacks.
    pub(super) fn names_shaped_network(&self, fact: &Fact) -> bool {
        let named = match fact {
            Fact::Membership { network, .. } | Fact::Designation { network, .. } | Fact::Event { network, .. } => network,
            Fact::Headquarters { network, .. } | Fact::Founded { network, .. } => network,
            Fact::Role { organ, .. } => organ,
            Fact::Twinning { .. } => return false,
        };
        self.shaped.iter().any(|n| named.starts_with(n.name.as_str()))
    }

    /// The dates between a subject and its verb belong to an apposition
    /// only when a comma sets them apart ("Fabriano, ... del 2019, a
    /// guidare"); "Leipzig ist seit 1991 Mitglied" keeps its date.
    pub(super) fn apposition(&self, els: &[El], subject: Option<usize>, k: usize) -> Option<Range> {
        let j = subject?;
        (els.get(j + 1).is_some_and(|x| x.e == E::P(','))).then_some(j + 1..k)
    }

    /// Splits a sentence into clauses: at `;` and at a comma before a
    /// conjunction that does not continue a list of cities.
    pub(super) fn clauses(&self, els: &[El]) -> Vec<Range> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut depth = 0i32;
        for k in 0..els.len() {
            match els[k].e {
                E::P('(') => depth += 1,
                E::P(')') => depth = (depth - 1).max(0),
                _ => {}
            }
            let split = depth == 0
                && (els[k].e == E::P(';')
                    || (els[k].e == E::P(',')
                        && self.is_word(els.get(k + 1), CLAUSE_CONJ)
                        && !(self.is_word(els.get(k + 1), LIST_JOINERS)
                            && matches!(els.get(k + 2).map(|e| e.e), Some(E::City(_)) | Some(E::Country(_)) | None))));
            if split {
                if k > start {
                    out.push(start..k);
                }
                start = k + 1;
            }
        }
        if start < els.len() {
            out.push(start..els.len());
        }
        out
    }

    /// Resolves an organ element at `k`, if it is one.
    pub(super) fn organ_at(&self, els: &[El], k: usize, sentence_nets: &[u16]) -> Option<Organ> {
        let nets = self.x.gazetteer.networks();
        match els[k].e {
            E::Net(n) => Some(Organ { net: n, body: None }),
            E::Organ(n, b) => Some(Organ { net: n, body: Some(b) }),
            // "ins Netzwerk Creative Cities", "la rete Città Creative": the
            // network's words with the creative-city words.
            E::Kw(Kw::NetworkRef) if matches!(els.get(k + 1).map(|x| x.e), Some(E::Kw(Kw::CreativeCity))) => self.uccn.map(|net| Organ { net, body: None }),
            E::Kw(Kw::NetworkRef) => self.network_ref(&els[k], sentence_nets).map(|net| Organ { net, body: None }),
            E::Kw(Kw::CoordRef) => self.coordination.map(|net| Organ { net, body: None }),
            E::Bodies(p) => {
                let cands: Vec<(u16, u16)> = self.x.lexicon.senses[p as usize]
                    .iter()
                    .filter_map(|s| if let Sense::Body(n, b) = s { Some((*n, *b)) } else { None })
                    .collect();
                // "the Executive Committee of EUROCITIES".
                let mut j = k + 1;
                while j < els.len() && j <= k + 3 && matches!(els[j].e, E::W { .. } | E::P('\'')) {
                    j += 1;
                }
                let follow = els.get(j).and_then(|el| match el.e {
                    E::Net(n) => Some(n),
                    E::Kw(Kw::CoordRef) => self.coordination,
                    E::Kw(Kw::NetworkRef) => self.network_ref(el, sentence_nets),
                    _ => None,
                });
                let order: Vec<u16> = follow
                    .into_iter()
                    .chain(sentence_nets.iter().copied())
                    .chain(self.salient)
                    .chain(self.named_networks.iter().copied())
                    .collect();
                let _ = nets;
                let generic = self.x.lexicon.senses[p as usize].iter().find_map(|s| if let Sense::GenericBody(g) = s { Some(*g) } else { None });
                // "Vorstand (Board of directors)": a gloss names the body.
                let glossed = (els.get(k + 1).is_some_and(|x| x.e == E::P('(')))
                    .then(|| els.get(k + 2))
                    .flatten()
                    .and_then(|x| if let E::Bodies(q) = x.e { Some(q) } else { None })
                    .and_then(|q| self.x.lexicon.senses[q as usize].iter().find_map(|s| if let Sense::GenericBody(g) = s { Some(*g) } else { None }));
                order
                    .iter()
                    .find_map(|n| cands.iter().find(|(cn, _)| cn == n))
                    .map(|&(net, b)| Organ { net, body: Some(b) })
                    .or_else(|| {
                        let g = glossed.or(generic)?;
                        if follow.is_none() && crate::lexicon::named_with_network_only(g) {
                            return None;
                        }
                        order.first().map(|&net| Organ { net, body: Some(GENERIC_BODY_BASE + g as u16) })
                    })
            }
            _ => None,
        }
    }

    /// "the network": a network named earlier in the sentence, else the one
    /// the document is about.
    pub(super) fn network_ref(&self, el: &El, sentence_nets: &[u16]) -> Option<u16> {
        // "la asociación" after "la Asociación Española de Ciudades
        // Creativas": the network just named whose name has the noun
        // (a word more telling than "network").
        let words = fold(&self.text[el.start..el.end]);
        let head = words.rsplit(' ').next().unwrap_or_default();
        let telling = !head.is_empty() && !["network", "networks", "red", "rete", "reseau", "netzwerk", "net"].contains(&head);
        let named = |n: u16| telling && fold(&self.net_name(n)).split(' ').any(|w| w == head);
        sentence_nets
            .iter()
            .copied()
            .find(|&n| named(n))
            .or_else(|| self.recent.iter().rev().map(|&(_, n)| n).find(|&n| named(n)))
            .or(sentence_nets.first().copied())
            .or(self.salient)
    }

    /// The first organ after `k` in `r`, within `reach` elements, skipping
    /// words and dates ("trat 1995 dem Klima-Bündnis bei", "è entrata nel
    /// 2015 nella rete") and stopping at a signal or a city.
    pub(super) fn organ_after(&self, els: &[El], k: usize, r: &Range, reach: usize, nets: &[u16]) -> Option<(usize, Organ)> {
        let mut j = k + 1;
        while j < r.end && j <= k + reach {
            if let Some(o) = self.organ_at(els, j, nets) {
                return Some((j, o));
            }
            match els[j].e {
                E::W { .. } | E::P('\'') | E::P('(') | E::P(')') | E::Kw(Kw::CreativeCity) | E::Country(_) | E::Date(_) => {}
                E::Kw(Kw::Now) => {}
                _ => return None,
            }
            j += 1;
        }
        None
    }

    /// The networks named in a range of elements, in order.
    pub(super) fn nets_in(&self, els: &[El], r: Range) -> Vec<u16> {
        let mut v = Vec::new();
        for el in &els[r] {
            let n = match el.e {
                E::Net(n) | E::Organ(n, _) => Some(n),
                E::Kw(Kw::CoordRef) => self.coordination,
                _ => None,
            };
            if let Some(n) = n
                && !v.contains(&n) {
                    v.push(n);
                }
        }
        v
    }

    /// The organ for a statement with none of its own: a network of the
    /// sentence, else one named in the last two sentences, else none.
    pub(super) fn organ_nearby(&self, sentence_nets: &[u16]) -> Option<Organ> {
        sentence_nets
            .first()
            .copied()
            .or_else(|| self.recent.last().filter(|(s, _)| s + 2 >= self.sentence_no).map(|&(_, n)| n))
            .map(|net| Organ { net, body: None })
    }

    /// A list of cities starting at `k` ("Alba, Bergamo e Parma (gastronomia),
    /// Biella ..."), with parentheses skipped. Returns the cities and the
    /// index after the list.
    pub(super) fn list_after(&self, els: &[El], k: usize, end: usize) -> (Vec<(usize, u32)>, usize) {
        let mut out = Vec::new();
        let mut j = k;
        while j < end {
            match els[j].e {
                E::City(c) => out.push((j, c)),
                E::P(',') if matches!(els.get(j + 1).map(|e| e.e), Some(E::City(_))) || self.is_word(els.get(j + 1), LIST_JOINERS) => {}
                // "Barga, Pratovecchio Stia, Radda in Chianti": a place the
                // gazetteer lacks does not end the list.
                E::P(',') if !out.is_empty() && self.unknown_item(els, j + 1, end).is_some() => {}
                E::W { cap: true } | E::Country(_) if !out.is_empty() && els[j - 1].e == E::P(',') && let Some(q) = self.unknown_item(els, j, end) => j = q - 1,
                E::P('(') if !out.is_empty() => {
                    // Skip to the closing parenthesis.
                    match els[j..end].iter().position(|e| e.e == E::P(')')) {
                        Some(p) => j += p,
                        None => break,
                    }
                }
                E::W { .. } if self.is_word(Some(&els[j]), LIST_JOINERS) && !out.is_empty() => {}
                // "d'Hiroshima et de Nagasaki": a preposition repeated
                // after the joiner.
                E::W { .. } if !out.is_empty() && self.is_word(Some(&els[j]), OF) && j > 0 && self.is_word(Some(&els[j - 1]), LIST_JOINERS) && matches!(els.get(j + 1).map(|e| e.e), Some(E::City(_))) => {}
                E::W { .. } if out.is_empty() && self.is_word(Some(&els[j]), &["the", "la", "le", "di", "of", "de", "città", "city", "cities", "villes", "ville", "ciudades", "ciudad", "städte", "stadt", "die", "der", "città di", "i", "gli", "comuni", "comune", "towns", "municipalities", "communes", "municipios", "gemeinden", "les", "los", "las"]) => {}
                E::P('&') if !out.is_empty() => {}
                _ => break,
            }
            j += 1;
        }
        (out, j)
    }

    /// The towns of a list of people each followed by their town in
    /// parentheses ("Camille Gira (Beckerich), Jean Wagner & André Pulli
    /// (Esch)"), from `j`; empty unless every item has that shape.
    fn towns_of_people(&self, els: &[El], j: usize, end: usize) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let mut q = j;
        while q < end {
            let name = els[q..end].iter().take(7).take_while(|x| matches!(x.e, E::W { cap: true } | E::City(_) | E::P('&')) && x.e != E::P('(')).count();
            if name == 0 || els.get(q + name).map(|x| x.e) != Some(E::P('(')) {
                return Vec::new();
            }
            match (els.get(q + name + 1).map(|x| x.e), els.get(q + name + 2).map(|x| x.e)) {
                (Some(E::City(c)), Some(E::P(')'))) => out.push((q + name + 1, c)),
                // A town the gazetteer lacks is skipped, not the list.
                _ => match els[q + name..end].iter().position(|x| x.e == E::P(')')) {
                    Some(p) if p <= 5 => {}
                    _ => return Vec::new(),
                },
            }
            q += name + els[q + name..end].iter().position(|x| x.e == E::P(')')).unwrap_or(0) + 1;
            match els.get(q).map(|x| x.e) {
                Some(E::P(',' | ';')) => q += 1,
                _ if self.is_word(els.get(q), LIST_JOINERS) => q += 1,
                _ => break,
            }
        }
        out
    }

    /// One to three capitalised words from `j` that a comma or a joiner
    /// before a known city ends, as a list names a place the gazetteer
    /// lacks: the index of that comma or joiner.
    fn unknown_item(&self, els: &[El], j: usize, end: usize) -> Option<usize> {
        // ... or a country's name standing for its capital ("Managua
        // (Nicaragua), México, Montevideo (Uruguay)").
        let n = els[j..end].iter().take(4).take_while(|x| matches!(x.e, E::W { cap: true } | E::Country(_))).count();
        let q = j + n;
        let closes = q < end && (els[q].e == E::P(',') || self.is_word(Some(&els[q]), LIST_JOINERS));
        let city_next = matches!(els.get(q + 1).map(|x| x.e), Some(E::City(_)));
        ((1..=3).contains(&n) && closes && city_next).then_some(q)
    }

    /// The cities just before `k` in `r` (a subject list), skipping words,
    /// an apposition and names that are no cities.
    pub(super) fn subject_before(&self, els: &[El], k: usize, r: &Range) -> Vec<(usize, u32)> {
        let mut j = k;
        let mut skipped = 0;
        let mut depth = 0;
        while j > r.start {
            j -= 1;
            match els[j].e {
                E::P(')') => depth += 1,
                E::P('(') => depth -= 1,
                _ if depth > 0 => {}
                // "Die Delegierten in Stockholm hatten ...": a place, not
                // the subject.
                E::City(_) if j > r.start && self.is_word(Some(&els[j - 1]), &["in", "im", "at", "à", "en", "nach", "aus", "from"]) => {}
                // "in provincia di Perugia": a province's seat, no subject.
                E::City(_) if j > r.start + 1 && self.is_word(Some(&els[j - 1]), OF) && self.is_word(Some(&els[j - 2]), AREA_NOUNS) => {}
                E::City(_) => {
                    // Take the whole list ending here.
                    let mut first = j;
                    while first > r.start {
                        let prev = &els[first - 1];
                        let joiner = matches!(prev.e, E::P(',')) || self.is_word(Some(prev), LIST_JOINERS);
                        if joiner && first >= r.start + 2 && matches!(els[first - 2].e, E::City(_)) {
                            first -= 2;
                        } else if joiner
                            && first >= r.start + 2
                            && els[first - 2].e == E::P(')')
                            && let Some(open) = (r.start..first - 2).rev().take(6).find(|&i| els[i].e == E::P('('))
                            && open > r.start
                            && matches!(els[open - 1].e, E::City(_))
                        {
                            // "Bologna (2016-2019) e Fabriano": past the
                            // previous city's parenthesis.
                            first = open - 1;
                        } else if matches!(prev.e, E::City(_)) {
                            first -= 1;
                        } else {
                            break;
                        }
                    }
                    // "Leipzig, twinned with Bologna since 1962, hosted":
                    // a city after a relation word is that relation's.
                    let governed = (r.start..first).rev().take(3).take_while(|&i| !matches!(els[i].e, E::City(_) | E::P(','))).any(|i| {
                        matches!(els[i].e, E::Kw(Kw::Twin | Kw::TwinBetween | Kw::HostedBy | Kw::RoleBy(_) | Kw::Delegates | Kw::HeldIn))
                    });
                    if governed {
                        j = first;
                        skipped += 1;
                        continue;
                    }
                    return (first..=j).filter_map(|i| if let E::City(c) = els[i].e { Some((i, c)) } else { None }).collect();
                }
                E::Kw(Kw::Delegates | Kw::HeldIn) => return Vec::new(),
                _ => {}
            }
            skipped += 1;
            if skipped > 14 {
                break;
            }
        }
        Vec::new()
    }

    /// A noun for a town: "city", "comune", or a German compound of one
    /// ("Nachbargemeinde", "Kreisstadt").
    pub(super) fn place_noun(&self, x: Option<&El>) -> bool {
        self.is_word(x, PLACE_NOUNS)
            || x.is_some_and(|x| {
                let w = self.text[x.start..x.end].to_lowercase();
                matches!(x.e, E::W { cap: true }) && ["stadt", "gemeinde"].iter().any(|e| w.len() > e.len() + 3 && w.ends_with(e))
            })
    }

    /// Negation in the clause before `k`.
    pub(super) fn negated(&self, els: &[El], k: usize, r: &Range) -> bool {
        els[r.start..k].iter().any(|el| el.e == E::Kw(Kw::Negation))
    }

    /// Whether the clause tells of a plan, a bid or an application, which
    /// states no membership ("Faenza is applying to become a Creative
    /// City", "la candidatura di Faenza").
    pub(super) fn planned(&self, els: &[El], r: &Range) -> bool {
        const PLAN: &[&str] = &[
            "candidate", "candidates", "candidacy", "candidature", "candidatura", "candidata", "candidato",
            "candidarsi", "candidata", "bid", "bids", "applying", "application", "applications", "apply", "applied",
            "bewerbung", "bewerbungen", "bewirbt", "postulación", "postulacion", "postule", "postula", "aspira",
            "aspire", "aspires", "intends", "intende", "souhaite", "wants", "vuole", "quiere", "möchte", "want",
            "vogliono", "veulent", "quieren", "möchten", "desea", "desean", "souhaitent", "hopes", "hope", "spera",
            "espère", "espera", "aspiraba", "aspiraban", "aspirait", "aspiraient", "aspirava", "aspiravano",
            "aspired", "hoped", "wanted", "wollte", "voulait", "voleva", "quería",
        ];
        els[r.clone()].iter().any(|x| self.is_word(Some(x), PLAN))
    }

    /// Dates of a clause, outside `skip` (an apposition) and outside
    /// parentheses that state a designation.
    pub(super) fn dates_in(&self, els: &[El], r: &Range, skip: Option<Range>) -> Vec<(usize, DateValue)> {
        let mut out = Vec::new();
        let mut depth = 0;
        let mut paren_designation = false;
        for j in r.clone() {
            match els[j].e {
                E::P('(') => {
                    depth += 1;
                    let close = els[j..r.end].iter().position(|e| e.e == E::P(')')).map_or(r.end, |p| j + p);
                    paren_designation = els[j..close]
                        .iter()
                        .any(|e| matches!(e.e, E::Kw(Kw::Designated | Kw::CreativeCity) | E::CField(_)));
                }
                E::P(')') => depth = (depth - 1).max(0),
                E::Date(d) => {
                    if skip.as_ref().is_some_and(|s| s.contains(&j)) || (depth > 0 && paren_designation) {
                        continue;
                    }
                    out.push((j, d));
                }
                _ => {}
            }
        }
        out
    }

    /// Handles one sentence.
    pub(super) fn sentence(&mut self, els: &[El], s: usize, e: usize) {
        let all = 0..els.len();
        if let Some(f) = els.iter().find_map(|x| match x.e {
            E::Field(f) | E::CField(f) => Some(f),
            _ => None,
        }) {
            self.para_field = Some(f);
        }
        let sentence_nets = self.nets_in(els, all.clone());
        self.cue = Cue::new("designation in parentheses", 0.9);
        self.designation_parens(els, s, e);
        self.cue = Cue::new("cities with a field in parentheses", 0.9);
        self.field_groups(els, s, e);
        self.respective_fields(els, s, e);
        self.cue = Cue::new("enumeration of creative cities", 0.85);
        self.creative_enumeration(els, s, e);
        self.those_of_the_field(els, s, e);
        self.city_for_field(els, s, e);
        self.cities_before_title(els, s, e);
        self.body_enumeration(els, s, e, &sentence_nets);
        self.one_of_the_members(els, s, e, &sentence_nets);
        self.note_mayors(els);
        let before = self.facts.len();
        self.twins_of_page_town(els, s, e);
        let clauses = self.clauses(els);
        for r in &clauses {
            self.cue = Cue::new("designation verb", 0.9);
            self.designation_predicate(els, r, s, e);
            self.cue = Cue::new("membership verb", 0.9);
            self.membership(els, r, s, e, &sentence_nets);
            self.belongs_de(els, r, s, e, &sentence_nets);
            self.cue = Cue::new("role word", 0.85);
            self.roles(els, r, s, e, &sentence_nets);
            self.cue = Cue::new("meeting held in a city", 0.85);
            self.events(els, r, s, e, &sentence_nets);
            self.cue = Cue::new("twinning word", 0.9);
            self.twinning(els, r, s, e);
            self.cue = Cue::new("seat word", 0.9);
            self.headquarters(els, r, s, e, &sentence_nets);
            self.cue = Cue::new("founding word with a year", 0.9);
            self.founded(els, r, s, e, &sentence_nets);
            self.label_line(els, r, s, e, &sentence_nets);
            self.cue = Cue::new("delegates of listed cities", 0.8);
            self.delegates(els, r, s, e);
            self.cue = Cue::new("list after an inclusion word", 0.85);
            self.member_list(els, r, s, e, &sentence_nets);
            self.cue = Cue::new("hosts with years", 0.85);
            self.host_list(els, r, s, e, &sentence_nets);
            self.twin_prose(els, r, s, e);
            self.twinned_with(els, r, s, e);
            self.seat_located(els, r, s, e, &sentence_nets);
            self.member_enumeration(els, r, s, e, &sentence_nets);
            // The first city of a clause that starts with it is the subject
            // of what follows.
            if let Some(el) = els[r.clone()].iter().take(4).find(|el| matches!(el.e, E::City(_)))
                && let E::City(c) = el.e {
                    self.topic = Some(c);
                }
        }
        self.date_twins_by_anniversary(els, before);
        if els.iter().any(|x| matches!(x.e, E::Kw(Kw::Member | Kw::Join))) {
            let seats = (0..els.len()).filter_map(|j| self.organ_at(els, j, &sentence_nets)).find(|&o| o.body.is_some() && self.has_seats(o));
            self.membership_said = Some((self.sentence_no, seats));
        }
        for n in sentence_nets {
            self.recent.push((self.sentence_no, n));
        }
        if self.recent.len() > 32 {
            self.recent.drain(..16);
        }
    }

    /// "anlässlich des 50-jährigen Jubiläums der Städtepartnerschaft", "the
    /// 20th anniversary of the Sister City arrangement", "celebrated 30
    /// years of twinning": in a page dated by its year, the twinnings the
    /// sentence gave without a date date from that many years before.
    fn date_twins_by_anniversary(&mut self, els: &[El], from: usize) {
        const ANNIVERSARY: &[&str] = &[
            "anniversary", "anniversario", "anniversaire", "aniversario", "jubiläum", "jubiläums", "jahrestag", "jahrestages",
        ];
        const YEARS: &[&str] = &["years", "anni", "ans", "años", "jahre", "jahren"];
        if !self.facts[from..].iter().any(|f| matches!(f.fact, Fact::Twinning { since: None, .. })) {
            return;
        }
        let Some(published) = self.published else { return };
        let number = |x: &El| match x.e {
            E::Ordinal(n) => Some(n as i32),
            E::W { .. } => {
                let w = &self.text[x.start..x.end];
                let digits = w.bytes().take_while(u8::is_ascii_digit).count();
                (1..=3).contains(&digits).then(|| w[..digits].parse().ok()).flatten()
            }
            _ => None,
        };
        let years = (0..els.len()).find_map(|k| {
            let n = number(&els[k])?;
            let after = (k + 1..els.len().min(k + 4)).find(|&j| self.is_word(Some(&els[j]), ANNIVERSARY) || self.is_word(Some(&els[j]), YEARS))?;
            let twins = self.is_word(Some(&els[after]), ANNIVERSARY)
                || els[after + 1..els.len().min(after + 4)].iter().any(|x| matches!(x.e, E::Kw(Kw::Twin | Kw::TwinNoun | Kw::TwinBetween)));
            twins.then_some(n)
        });
        let Some(since) = years.filter(|n| (1..=150).contains(n)).and_then(|n| PartialDate::year(published.year_value() - n).ok()) else { return };
        for f in &mut self.facts[from..] {
            if let Fact::Twinning { since: s @ None, .. } = &mut f.fact {
                *s = Some(since);
            }
        }
    }

    pub(super) fn designation(&mut self, city: u32, field: Option<Field>, year: Option<PartialDate>, s: usize, e: usize) {
        self.designation_with(city, field, year, s, e, false);
    }

    pub(super) fn designation_with(&mut self, city: u32, field: Option<Field>, year: Option<PartialDate>, s: usize, e: usize, provisional: bool) {
        let Some(net) = self.uccn else { return };
        // A designation's date is its year, whatever the text gives.
        let year = year.and_then(|d| PartialDate::year(d.year_value()).ok());
        let fact = Fact::Designation {
            city: self.city_name(city),
            country: self.city_country(city),
            network: self.net_name(net),
            field,
            year,
            until: None,
        };
        self.push_with(fact, s, e, provisional);
    }

    /// "Bologna, Italy (designated UNESCO Creative City of Music in 2006)".
    pub(super) fn designation_parens(&mut self, els: &[El], s: usize, e: usize) {
        for k in 0..els.len() {
            let E::City(c) = els[k].e else { continue };
            let mut j = k + 1;
            if els.get(j).is_some_and(|x| x.e == E::P(',')) && matches!(els.get(j + 1).map(|x| x.e), Some(E::Country(_))) {
                j += 2;
            }
            if els.get(j).is_none_or(|x| x.e != E::P('(')) {
                continue;
            }
            let Some(close) = els[j..].iter().position(|x| x.e == E::P(')')).map(|p| j + p) else { continue };
            let inner = &els[j + 1..close];
            let creative = inner.iter().any(|x| matches!(x.e, E::Kw(Kw::CreativeCity) | E::CField(_)));
            let designated = inner.iter().any(|x| matches!(x.e, E::Kw(Kw::Designated)));
            let field = inner.iter().find_map(|x| match x.e {
                E::Field(f) | E::CField(f) => Some(f),
                _ => None,
            });
            if !(creative || (designated && field.is_some())) {
                continue;
            }
            let year = inner.iter().find_map(|x| match x.e {
                E::Date(DateValue::Point(d) | DateValue::Since(d)) => Some(d),
                _ => None,
            });
            self.designation(c, field, year, s, e);
        }
    }

    /// "Cracovie et Katowice (Pologne), respectivement Villes créatives de
    /// littérature et de musique": as many cities before "respectively" as
    /// fields after it, taken in order.
    pub(super) fn respective_fields(&mut self, els: &[El], s: usize, e: usize) {
        const RESPECTIVELY: &[&str] = &["respectively", "respectivement", "rispettivamente", "respectivamente", "jeweils"];
        let Some(k) = (1..els.len()).find(|&k| self.is_word(Some(&els[k]), RESPECTIVELY)) else { return };
        let mut cities = Vec::new();
        let mut j = k;
        let mut depth = 0;
        while j > 0 {
            j -= 1;
            match els[j].e {
                E::P(')') => depth += 1,
                E::P('(') => depth -= 1,
                _ if depth > 0 => {}
                E::City(c) => cities.push(c),
                E::P(',') => {}
                _ if self.is_word(Some(&els[j]), LIST_JOINERS) || self.is_word(Some(&els[j]), OF) => {}
                _ => break,
            }
        }
        cities.reverse();
        let fields: Vec<Field> = els[k + 1..]
            .iter()
            .take_while(|x| !matches!(x.e, E::P('.' | ';') | E::City(_)))
            .filter_map(|x| match x.e {
                E::Field(f) | E::CField(f) => Some(f),
                _ => None,
            })
            .collect();
        let creative = self.uccn_context || els[k + 1..].iter().take(3).any(|x| x.e == E::Kw(Kw::CreativeCity));
        if cities.len() < 2 || cities.len() != fields.len() || !creative {
            return;
        }
        self.cue = Cue::new("cities and their fields respectively", 0.85);
        for (c, f) in cities.into_iter().zip(fields) {
            self.designation(c, Some(f), None, s, e);
        }
    }

    /// "Alba, Bergamo e Parma (gastronomia), Biella e Carrara (artigianato)":
    /// a list of cities followed by a field in parentheses.
    pub(super) fn field_groups(&mut self, els: &[El], s: usize, e: usize) {
        if !self.uccn_context {
            return;
        }
        for k in 0..els.len() {
            if els[k].e != E::P('(') {
                continue;
            }
            let Some(close) = els[k..].iter().position(|x| x.e == E::P(')')).map(|p| k + p) else { continue };
            let inner = &els[k + 1..close];
            let fields: Vec<Field> = inner.iter().filter_map(|x| if let E::Field(f) = x.e { Some(f) } else { None }).collect();
            let others = inner.iter().all(|x| matches!(x.e, E::Field(_) | E::Date(_) | E::P(',') | E::W { cap: false }));
            if fields.len() != 1 || !others || inner.len() > 6 {
                continue;
            }
            let year = inner.iter().find_map(|x| if let E::Date(d) = x.e { Some(d.start()) } else { None });
            // The group before the parenthesis.
            let mut j = k;
            let mut group = Vec::new();
            while j > 0 {
                j -= 1;
                match els[j].e {
                    E::City(c) => group.push(c),
                    E::P(',') => {}
                    _ if self.is_word(Some(&els[j]), LIST_JOINERS) => {}
                    _ => break,
                }
            }
            for c in group {
                self.designation(c, Some(fields[0]), year, s, e);
            }
        }
        // "Torino, dal 2014 unica città ... del design": a city, then an
        // apposition with an opening date and a field.
        for k in 0..els.len() {
            let E::City(c) = els[k].e else { continue };
            if els.get(k + 1).is_none_or(|x| x.e != E::P(',')) {
                continue;
            }
            let end = els[k + 2..].iter().position(|x| matches!(x.e, E::P(',') | E::P(')') | E::P('(') | E::P(';') | E::City(_))).map_or(els.len(), |p| k + 2 + p);
            let seg = &els[k + 2..end];
            let since = seg.first().and_then(|x| if let E::Date(DateValue::Since(d)) = x.e { Some(d) } else { None });
            let field = seg.iter().find_map(|x| if let E::Field(f) = x.e { Some(f) } else { None });
            if let (Some(d), Some(f)) = (since, field) {
                self.designation(c, Some(f), Some(d), s, e);
            }
        }
    }

    /// "Le 11 Città Creative Italiane (Alba, Biella, ...)", "Creative Cities:
    /// Alba, ...".
    pub(super) fn creative_enumeration(&mut self, els: &[El], s: usize, e: usize) {
        for k in 0..els.len() {
            let field = match els[k].e {
                E::Kw(Kw::CreativeCity) => None,
                E::CField(f) => Some(f),
                E::Net(n) if Some(n) == self.uccn => None,
                _ => continue,
            };
            let mut j = k + 1;
            while j < els.len() && j <= k + 3 && matches!(els[j].e, E::W { .. } | E::Net(_)) {
                // "Die Unesco-Städte der Musik sind neben Hannover und
                // Mannheim Sevilla, Bologna, ...": a plural, a copula, and
                // the cities after it.
                if self.is_word(Some(&els[j]), &["sind", "are", "sono", "son", "sont", "include", "umfassen", "comprennent", "incluyen", "includono"])
                    && self.plural_creative(&els[k])
                {
                    let cities: Vec<u32> = els[j + 1..]
                        .iter()
                        .take_while(|x| {
                            matches!(x.e, E::City(_) | E::P(',') | E::Country(_))
                                || self.is_word(Some(x), LIST_JOINERS)
                                || self.is_word(Some(x), &["neben", "besides", "oltre", "a", "además", "de", "outre", "also", "anche", "auch", "aussi", "también"])
                        })
                        .filter_map(|x| if let E::City(c) = x.e { Some(c) } else { None })
                        .collect();
                    if cities.len() >= 2 {
                        for c in cities {
                            self.designation(c, field, None, s, e);
                        }
                    }
                    break;
                }
                j += 1;
            }
            if !matches!(els.get(j).map(|x| x.e), Some(E::P('(') | E::P(':'))) {
                continue;
            }
            let (list, _) = self.list_after(els, j + 1, els.len());
            if list.len() >= 2 {
                for (_, c) in list {
                    self.designation(c, field, None, s, e);
                }
            }
        }
    }

    /// "There are 18 Cities of Film ... Those are Bitola, Bradford, ...": a
    /// sentence that opens with "those are" lists the creative cities of
    /// the field just named.
    fn those_of_the_field(&mut self, els: &[El], s: usize, e: usize) {
        const THOSE_ARE: &[(&str, &str)] = &[
            ("those", "are"), ("these", "are"), ("they", "are"), ("ce", "sont"), ("esas", "son"), ("estas", "son"), ("es", "sind"),
            ("das", "sind"), ("queste", "sono"), ("esse", "sono"),
        ];
        let (Some(field), true) = (self.para_field, self.uccn_context) else { return };
        let opens = THOSE_ARE.iter().any(|(a, b)| self.is_word(els.first(), &[a]) && self.is_word(els.get(1), &[b]));
        if !opens || els.iter().any(|x| matches!(x.e, E::Field(_) | E::CField(_))) {
            return;
        }
        let (list, _) = self.list_after(els, 2, els.len());
        if list.len() < 2 {
            return;
        }
        self.cue = Cue::new("creative cities of the field just named", 0.7);
        for (_, c) in list {
            self.designation(c, Some(field), None, s, e);
        }
    }

    /// "Carrara è stata designata Creative City for Crafts and Folk Art",
    /// "Bologna, UNESCO City of Music".
    pub(super) fn designation_predicate(&mut self, els: &[El], r: &Range, s: usize, e: usize) {
        for k in r.clone() {
            let (is_trigger, direct) = match els[k].e {
                E::Kw(Kw::Designated) => (true, false),
                E::Kw(Kw::CreativeCity) | E::CField(_) => (true, true),
                _ => (false, false),
            };
            if !is_trigger {
                continue;
            }
            if self.planned(els, r) {
                continue;
            }
            // Inside parentheses it is the parenthesis rule's.
            let open = els[r.start..k].iter().filter(|x| x.e == E::P('(')).count();
            let closed = els[r.start..k].iter().filter(|x| x.e == E::P(')')).count();
            if open > closed {
                continue;
            }
            // The creative-city words must follow a designation verb or the
            // city directly ("Carrara Città Creativa", "Bologna, City of Music").
            if self.negated(els, k, r) {
                continue;
            }
            let mut subjects = self.subject_before(els, k, r);
            let verb = els[k].e == E::Kw(Kw::Designated);
            // "nominato coordinatore della rete delle città creative": the
            // verb names a role, not a creative city.
            if verb && els[k + 1..r.end].iter().take(2).any(|x| matches!(x.e, E::Role(_))) {
                continue;
            }
            // "Enghien-les-Bains recibe a las ciudades creativas": one city
            // and the plural is an object, not what the city is.
            if direct && subjects.len() == 1 && self.plural_creative(&els[k]) && subjects[0].0 + 2 < k {
                continue;
            }
            // "sono state designate oggi anche Bergamo e Alba per la
            // gastronomia": the subjects follow a passive verb.
            let inverted = subjects.is_empty() && verb;
            if inverted {
                let mut j = k + 1;
                while j < r.end && j <= k + 4 && matches!(els[j].e, E::W { cap: false } | E::Kw(Kw::Now) | E::Date(_)) {
                    j += 1;
                }
                let (list, _) = self.list_after(els, j, r.end);
                subjects = list;
                // "Nommée ville créative ... en 2013, Enghien-les-Bains
                // est ...": an opening participle, its subject after the
                // comma.
                if subjects.is_empty()
                    && k <= r.start + 1
                    && let Some(comma) = (k + 1..r.end).take(16).find(|&q| els[q].e == E::P(','))
                    && let Some((q, c)) = (comma + 1..r.end).take(4).find_map(|q| if let E::City(c) = els[q].e { Some((q, c)) } else { None })
                {
                    subjects = vec![(q, c)];
                }
            }
            if subjects.is_empty() {
                continue;
            }
            let last = if inverted { k } else { subjects.last().unwrap().0 };
            let between = if inverted { &els[k..k] } else { &els[last + 1..k] };
            let close_enough = if direct {
                // ... or after a short apposition ("Dundee, the UK's only
                // UNESCO City of Design", "became the world's first").
                between.iter().all(|x| matches!(x.e, E::P(',' | '-' | '\'') | E::W { .. } | E::Country(_) | E::Kw(Kw::Designated | Kw::Ordinal(_)))) && between.len() <= 7
            } else {
                between.len() <= 6
            };
            if !close_enough {
                continue;
            }
            // A field after the trigger, in the clause, else between the
            // subject and a passive verb ("wurde zur Stadt der Musik ernannt").
            let after_from = if inverted { subjects.last().unwrap().0 } else { k };
            let field = match els[k].e {
                E::CField(f) => Some(f),
                _ => els[after_from + 1..r.end]
                    .iter()
                    .take(10)
                    .chain(between.iter())
                    // ... or before a subject that follows a comma.
                    .chain(els[k + 1..after_from.max(k + 1)].iter().filter(|_| inverted))
                    .find_map(|x| match x.e {
                        E::Field(f) | E::CField(f) => Some(f),
                        _ => None,
                    }),
            };
            let creative = els[k..r.end].iter().take(8).any(|x| matches!(x.e, E::Kw(Kw::CreativeCity) | E::CField(_)))
                || els[k..r.end].iter().any(|x| matches!(x.e, E::Net(n) if Some(n) == self.uccn))
                || (verb && between.iter().any(|x| matches!(x.e, E::Kw(Kw::CreativeCity) | E::CField(_))))
                || (verb && self.uccn_context && field.is_some());
            if !creative {
                continue;
            }
            if els[k].e == E::Kw(Kw::CreativeCity) && field.is_none() && !direct {
                continue;
            }
            let point = |x: &El| match x.e {
                E::Date(DateValue::Point(d) | DateValue::Since(d)) => Some(d),
                _ => None,
            };
            // "Bilbao Ciudad del Diseño en 2014, Sevilla Ciudad de la Música
            // en 2006": each title's own year right after it.
            let own = if direct { els[k + 1..r.end].iter().take(3).take_while(|x| !matches!(x.e, E::City(_))).find_map(point) } else { None };
            let year = own.or_else(|| self.dates_in(els, r, if inverted { None } else { Some(last + 1..k) }).into_iter().find_map(|(j, _)| point(&els[j])));
            // "Llíria obtuvo en 2019 el título": a date between the city and
            // the verb with no apposition around it.
            let year = year.or_else(|| {
                (!between.iter().any(|x| matches!(x.e, E::P(',' | '(')))).then(|| between.iter().find_map(|x| match x.e {
                    E::Date(DateValue::Point(d) | DateValue::Since(d)) => Some(d),
                    _ => None,
                })).flatten()
            });
            // A designation told as news ("has been designated", "fue
            // designada") with no date of its own is of the document's year.
            let provisional = year.is_none() && verb && !self.is_word(els.get(k.wrapping_sub(1)), &["avait", "had", "aveva", "hatte", "había"]);
            let year = year.or_else(|| if provisional { self.published.and_then(|p| PartialDate::year(p.year_value()).ok()) } else { None });
            for (_, c) in subjects {
                self.designation_with(c, field, year, s, e, provisional && year.is_some());
            }
        }
    }

    /// Whether a creative-city word is plural ("Creative Cities", "città
    /// creative", "ciudades creativas", "Kreativstädte").
    fn plural_creative(&self, el: &El) -> bool {
        let w = fold(&self.text[el.start..el.end]);
        match el.e {
            E::Kw(Kw::CreativeCity) => w.ends_with('s') || w.ends_with("creative") || w.ends_with("stadte"),
            // "Cities of Music", "Städte der Musik", "villes de musique".
            E::CField(_) => ["cities", "stadte", "villes", "ciudades", "citta creative", "unesco cities"].iter().any(|p| w.starts_with(p)),
            _ => false,
        }
    }

    /// "Bologna is member of EUROCITIES since 1991", "Carrara entra nel
    /// Coordinamento ...", "was member of the Executive Committee from 1993
    /// to 1999", "prendendo parte all'Ufficio di Coordinamento".
    pub(super) fn membership(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        for k in r.clone() {
            let E::Kw(kw @ (Kw::Member | Kw::Join | Kw::TakePart)) = els[k].e else { continue };
            // "Membership of Eurocities is open to any city": the noun of
            // membership names a member only after a town.
            let word = self.text[els[k].start..els[k].end].to_lowercase();
            if (word.starts_with("membership") || word.starts_with("mitgliedschaft")) && !els[r.start..k].iter().any(|x| matches!(x.e, E::City(_))) {
                continue;
            }
            if kw == Kw::Join && self.organ_after(els, k, r, 6, nets).is_none() && self.passive_joiners(els, r, k, s, e, nets) {
                continue;
            }
            // German puts the verb last: "die 2009 der Vereinigung beitrat".
            let verb_last = || {
                (self.lang == Some("de") && kw == Kw::Join)
                    .then(|| (r.start.max(k.saturating_sub(4))..k).rev().find_map(|j| self.organ_at(els, j, nets).map(|o| (j, o))))
                    .flatten()
            };
            // "Ne fanno parte A, B e C", "en font partie": the network of the
            // sentence before.
            let clitic = || {
                (k > r.start && self.is_word(Some(&els[k - 1]), &["ne", "en"]) && kw == Kw::TakePart)
                    .then(|| self.organ_nearby(nets).map(|o| (k, o)))
                    .flatten()
            };
            // "Ferrara, a Cittaslow member since 2008", "one of the ICLEI
            // member cities": the network right before the noun.
            // Only as the city's apposition or predicate: "Mayor of Toronto
            // convened C40 member cities" says nothing of Toronto.
            let before_noun = || {
                const GLUE: &[&str] = &[
                    "a", "an", "one", "of", "the", "is", "was", "also", "now", "un", "una", "uno", "è", "est", "es", "ist",
                    "ein", "eine", "delle", "dei", "des", "de", "las", "los", "der",
                ];
                let apposed = k >= r.start + 2
                    && (r.start..k - 1).rev().find(|&j| !(els[j].e == E::P(',') || self.is_word(Some(&els[j]), GLUE))).is_some_and(|j| matches!(els[j].e, E::City(_)));
                (kw == Kw::Member && apposed)
                    .then(|| self.organ_at(els, k - 1, nets).filter(|o| o.body.is_none()).map(|o| (k, o)))
                    .flatten()
            };
            // "Del comitato esecutivo fanno parte Orvieto e Bra": the organ
            // opens the clause, the members follow the verb.
            let fronted = || {
                (kw == Kw::TakePart && k > r.start && k <= r.start + 4 && !els[r.start..k].iter().any(|x| matches!(x.e, E::City(_))))
                    .then(|| (r.start..k).find_map(|j| self.organ_at(els, j, nets)).map(|o| (k, o)))
                    .flatten()
            };
            let after = self.organ_after(els, k, r, 6, nets).or_else(clitic).or_else(before_noun).or_else(fronted);
            let is_fronted = after.is_some_and(|(oj, _)| oj == k) && kw == Kw::TakePart;
            let verb_is_last = after.is_none();
            // "In Thüringen sind Erfurt, Jena und Weimar bereits
            // Mitgliedskommunen": a noun of members ends the clause after a
            // copula, of the network just named.
            let predicate_noun = || {
                let ends = els[k + 1..r.end].iter().all(|x| matches!(x.e, E::P(_)));
                let copula = els[r.start..k].iter().any(|x| self.is_word(Some(x), &["sind", "are", "sont", "son", "sono", "were", "waren", "étaient", "eran", "erano"]));
                (kw == Kw::Member && ends && copula).then(|| self.organ_nearby(nets).map(|o| (k, o))).flatten()
            };
            // "Canelones, miembro fundador desde 1995, ...": a member noun
            // in a town's apposition, with its date, is of the page's
            // network.
            let apposed_since = || {
                let apposed = k >= r.start + 2 && els[k - 1].e == E::P(',') && matches!(els[k - 2].e, E::City(_));
                let dated = els[k + 1..r.end].iter().take(2).any(|x| matches!(x.e, E::Date(DateValue::Since(_))));
                (kw == Kw::Member && apposed && dated).then(|| self.organ_nearby(nets).filter(|o| o.body.is_none()).map(|o| (k, o))).flatten()
            };
            let Some((mut oj, mut organ)) = after.or_else(verb_last).or_else(predicate_noun).or_else(apposed_since) else { continue };
            // "alla rete Mayors for Peace": the name after the network word.
            if oj + 1 < r.end && matches!(els[oj].e, E::Kw(Kw::NetworkRef)) && let Some(o) = self.organ_at(els, oj + 1, nets) {
                oj += 1;
                organ = o;
            }
            if self.negated(els, k, r) || self.planned(els, r) {
                continue;
            }
            let (mut subjects, explicit) = self.subjects_or_topic_flag(els, k, r);
            // "Fanno parte della rete Cittaslow anche Orvieto, Bra e Todi":
            // the subjects follow the organ when the verb opens the clause
            // or the page has no subject to stand in.
            let verb_first = k <= r.start + 1
                || is_fronted
                || (k == r.start + 1 + 1 && self.is_word(Some(&els[r.start]), &["sono", "are", "sont", "son", "sind", "ne", "en"]));
            let mut inverted = false;
            if subjects.is_empty() || (verb_first && !explicit) {
                let mut j = oj + 1;
                while j < r.end && (self.is_word(Some(&els[j]), &["anche", "also", "aussi", "auch", "también", "sono", "are", "sont", "sind", "son", "inoltre", "están", "figuran", "figurano", "figurent", "figure", "figura", "include", "includes", "incluyen", "comprendono", "gehören", "zählen"]) || els[j].e == E::P(':')) {
                    j += 1;
                }
                let j = self.list_intro_end(els, j, r.end);
                let (list, _) = self.list_after(els, j, r.end);
                if list.len() >= 2 && list[0].0 <= j + 3 {
                    subjects = list;
                    inverted = true;
                }
            }
            // "Membre de ce réseau depuis 1984, la Ville de Genève ...": an
            // opening phrase, then its subject after the comma.
            if k <= r.start + 1 && !inverted && (!explicit || subjects.is_empty())
                && let Some(comma) = (oj + 1..r.end).take(6).take_while(|&j| matches!(els[j].e, E::Date(_) | E::W { cap: false } | E::P(','))).find(|&j| els[j].e == E::P(','))
                && let Some(j) = (comma + 1..r.end).take(5).find(|&j| matches!(els[j].e, E::City(_)))
                && let E::City(c) = els[j].e
            {
                subjects = vec![(j, c)];
            }
            // Towns the gazetteer lacks: the one that opens the clause, or a
            // list after the organ.
            if subjects.is_empty() && !verb_is_last && organ.body.is_none() && Some(organ.net) != self.uccn {
                self.open_world_members(els, r, k, oj, kw, organ.net, s, e);
                continue;
            }
            // A verb-last relative clause names its subject: the page's
            // subject is no stand-in there.
            if subjects.is_empty() || (verb_is_last && !explicit) {
                continue;
            }
            // ("Deidesheim, die 2009 der Vereinigung beitrat": the date of a
            // verb-last relative clause is the verb's.)
            let skip = if verb_is_last { None } else { self.apposition(els, subjects.last().filter(|_| explicit).map(|&(i, _)| i), k) };
            let local = self.local(els, r, k);
            let after = self.dates_in(els, &(k + 1..local.end), None);
            // Before the word, only dates after a joiner that opens this
            // statement ("miembro desde 2004 y participa en ...").
            // (A joiner inside the subject list opens nothing: "In 2015
            // Freiburg and Münster joined".)
            let last_subject = subjects.last().map_or(0, |&(i, _)| i);
            let opened = (local.start..k).rev().find(|&i| i > last_subject && (self.is_word(Some(&els[i]), LIST_JOINERS) || self.is_word(Some(&els[i]), CLAUSE_CONJ)));
            let local = opened.map_or(local.clone(), |o| o..local.end);
            let dates = if after.is_empty() { self.dates_in(els, &local, skip) } else { after };
            let (mut since, mut until) = (None, None);
            for (_, d) in &dates {
                match *d {
                    DateValue::Since(d) if since.is_none() => since = Some(d),
                    DateValue::Range(a, b) if since.is_none() => {
                        since = Some(a);
                        until = Some(b);
                    }
                    DateValue::Point(d) if since.is_none() && kw == Kw::Join => since = Some(d),
                    DateValue::Until(d) => until = Some(d),
                    _ => {}
                }
            }
            let mut provisional = false;
            // Joining is news of the day; taking part too when it comes with
            // joining ("ha deciso di aderire ..., prendendo parte a ...").
            let joining = kw == Kw::Join || (kw == Kw::TakePart && els[r.clone()].iter().any(|x| x.e == E::Kw(Kw::Join)));
            if since.is_none() && joining && dates.is_empty() {
                // "Carrara entra nel Coordinamento": news of the day.
                since = self.published.and_then(|p| PartialDate::new(p.year_value(), p.month(), None).ok());
                provisional = since.is_some();
            }
            // "participa en el Foro de Desarrollo Económico y en el Foro de
            // Cultura": further organs joined to the first.
            let mut organs = vec![organ];
            let mut j = oj + 1;
            while j < r.end && self.is_word(Some(&els[j]), LIST_JOINERS) {
                let mut q = j + 1;
                while q < r.end && q <= j + 3 && (self.is_word(Some(&els[q]), OF) || self.is_word(Some(&els[q]), DETERMINERS) || self.is_word(Some(&els[q]), LOCATIVE) || self.is_word(Some(&els[q]), &["bei", "beim", "zum", "zur"])) {
                    q += 1;
                }
                match (q < r.end).then(|| self.organ_at(els, q, nets)).flatten() {
                    Some(o) if o.body.is_some() == organ.body.is_some() => {
                        organs.push(o);
                        j = q + 1;
                    }
                    _ => break,
                }
            }
            if joining && organs.iter().any(|o| self.coordination_members.is_some_and(|(c, _)| c == o.net)) {
                self.coordination_joined = true;
            }
            for organ in organs {
            for &(_, c) in &subjects {
                if organ.body.is_some() {
                    let fact = Fact::Role { holder: self.city_name(c), role: Role::Member, organ: self.organ_name(organ), from: since, to: until };
                    self.push_with(fact, s, e, provisional);
                } else if Some(organ.net) == self.uccn {
                    let field = els[r.clone()].iter().find_map(|x| match x.e {
                        E::Field(f) | E::CField(f) => Some(f),
                        _ => None,
                    });
                    self.designation(c, field, since.filter(|_| !provisional), s, e);
                } else {
                    let fact = Fact::Membership {
                        city: self.city_name(c),
                        country: self.city_country(c),
                        network: self.net_name(organ.net),
                        since,
                        until,
                    };
                    self.push_with(fact, s, e, provisional);
                }
            }
            }
        }
    }

    /// Past the words that introduce a list of towns at `j`: "85:", "i
    /// comuni di", "the cities of", "les villes de", "die Städte". Returns
    /// `j` when what follows is no such introduction.
    pub(super) fn list_intro_end(&self, els: &[El], j: usize, end: usize) -> usize {
        let number = |x: &El| matches!(x.e, E::W { cap: false }) && self.text[x.start..x.end].bytes().all(|b| b.is_ascii_digit());
        let mut q = j;
        let mut noun = false;
        while q < end && q < j + 5 {
            let x = &els[q];
            if self.is_word(Some(x), TOWN_NOUNS) {
                noun = true;
            } else if !(number(x) || x.e == E::P(':') || self.is_word(Some(x), DETERMINERS) || self.is_word(Some(x), OF) || self.is_word(Some(x), &["anche", "also", "aussi", "auch", "también"])) {
                break;
            }
            q += 1;
        }
        let lands_on_city = q < end && matches!(els[q].e, E::City(_));
        let numbered = els[j..q].iter().any(|x| number(x) || x.e == E::P(':'));
        if lands_on_city && (noun || numbered) { q } else { j }
    }

    /// "The Covenant of Mayors was signed by Bristol", "firmato da Padova e
    /// Vicenza": a joining verb in the passive, its subjects after "by" and
    /// the network before. Returns whether it read the clause so.
    fn passive_joiners(&mut self, els: &[El], r: &Range, k: usize, s: usize, e: usize, nets: &[u16]) -> bool {
        const BY: &[&str] = &["by", "da", "dal", "dalla", "par", "por", "von"];
        if !self.is_word(els.get(k + 1), BY) || k + 2 >= r.end {
            return false;
        }
        let (list, _) = self.list_after(els, k + 2, r.end);
        let Some(&(first, _)) = list.first() else { return false };
        if first != k + 2 || self.negated(els, k, r) || self.planned(els, r) {
            return false;
        }
        let Some(organ) = (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets)).filter(|o| o.body.is_none() && Some(o.net) != self.uccn) else {
            return false;
        };
        let since = self.dates_in(els, r, None).into_iter().find_map(|(_, d)| match d {
            DateValue::Since(d) | DateValue::Point(d) => Some(d),
            _ => None,
        });
        for (_, c) in list {
            let fact = Fact::Membership { city: self.city_name(c), country: self.city_country(c), network: self.net_name(organ.net), since, until: None };
            self.push(fact, s, e);
        }
        true
    }

    /// "Dem Netzwerk EUROCITIES gehören Leipzig und Dresden an", "Leipzig
    /// gehört seit 1992 dem Netzwerk an": German "belongs to", its particle
    /// "an" closing the clause.
    pub(super) fn belongs_de(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        // The words are German's alone: no need to know the language.
        if r.is_empty() {
            return;
        }
        let last = (r.start..r.end).rev().find(|&j| !matches!(els[j].e, E::P(_)));
        let particle = last.is_some_and(|j| self.is_word(Some(&els[j]), &["an"]));
        let Some(k) = r.clone().find(|&j| els[j].e == E::Kw(Kw::Belong)) else { return };
        let bare = !self.text[els[k].start..els[k].end].starts_with("an");
        if self.negated(els, k, r) {
            return;
        }
        let Some((oj, organ)) = r.clone().find_map(|j| self.organ_at(els, j, nets).map(|o| (j, o))) else { return };
        // "Seit 2015 gehört Mannheim zum Netzwerk der UNESCO Creative
        // Cities": "gehört ... zu" before the network, else the particle.
        let zu = oj > k && els[k + 1..oj].iter().any(|x| self.is_word(Some(x), &["zum", "zur", "zu"]));
        if bare && !particle && !zu {
            return;
        }
        if organ.body.is_some() || (Some(organ.net) == self.uccn && !zu) {
            return;
        }
        let subjects = if oj < k {
            let (list, _) = self.list_after(els, k + 1, r.end);
            if list.first().is_some_and(|&(i, _)| i == k + 1) { list } else { self.subject_before(els, oj, r) }
        } else {
            // "Seit 2015 gehört Mannheim zum ...": the subject after the verb.
            let inverted: Vec<(usize, u32)> = (k + 1..oj).filter_map(|j| if let E::City(c) = els[j].e { Some((j, c)) } else { None }).collect();
            if inverted.is_empty() { self.subjects_or_topic(els, k, r) } else { inverted }
        };
        let since = self.dates_in(els, r, None).into_iter().find_map(|(_, d)| match d {
            DateValue::Since(d) => Some(d),
            _ => None,
        });
        for (_, c) in subjects {
            if Some(organ.net) == self.uccn {
                self.designation(c, None, since, s, e);
                continue;
            }
            let fact = Fact::Membership { city: self.city_name(c), country: self.city_country(c), network: self.net_name(organ.net), since, until: None };
            self.push(fact, s, e);
        }
    }

    /// Explicit subjects before `k`, else the document's subject when the
    /// clause names no city before `k`.
    pub(super) fn subjects_or_topic(&self, els: &[El], k: usize, r: &Range) -> Vec<(usize, u32)> {
        self.subjects_or_topic_flag(els, k, r).0
    }

    /// Like `subjects_or_topic`, telling whether the subject is explicit.
    pub(super) fn subjects_or_topic_flag(&self, els: &[El], k: usize, r: &Range) -> (Vec<(usize, u32)>, bool) {
        let subjects = self.subject_before(els, k, r);
        if !subjects.is_empty() {
            return (subjects, true);
        }
        (self.topic_unless_other(els, k, r), false)
    }

    /// The document's subject, unless another capitalised name in the
    /// clause (past its first word) before `k` is the subject.
    pub(super) fn topic_unless_other(&self, els: &[El], k: usize, r: &Range) -> Vec<(usize, u32)> {
        // German capitalises every noun: there a capital says nothing.
        if self.lang != Some("de") && els[(r.start + 1).min(k)..k].iter().any(|x| matches!(x.e, E::W { cap: true })) {
            return Vec::new();
        }
        // "The network's secretariat ... coordinates": a network or a body
        // opening the clause is its subject.
        if els[r.start..k].iter().take(3).any(|x| matches!(x.e, E::Net(_) | E::Organ(..) | E::Bodies(_) | E::Kw(Kw::NetworkRef | Kw::SeatNoun))) {
            return Vec::new();
        }
        self.topic.map(|t| vec![(r.start, t)]).unwrap_or_default()
    }

    /// The dates of a role: those after its word if any ("ha presieduto
    /// il Forum nel 2015"), else those of the clause ("In 2007 and 2008
    /// Bologna led ...").
    pub(super) fn role_dates_after(&self, els: &[El], r: &Range, k: usize, skip: Option<Range>) -> (Option<PartialDate>, Option<PartialDate>) {
        let local = self.local(els, r, k);
        let after = self.role_dates(els, &(k + 1..local.end), None);
        if after.0.is_some() || after.1.is_some() {
            return after;
        }
        self.role_dates(els, &local, skip)
    }

    /// The part of a clause that belongs to the relation word at `k`: from
    /// after the previous relation word to before the next one ("chaired the
    /// Culture Forum from 2012 to 2014 and was elected to the Executive
    /// Committee in 2018").
    pub(super) fn local(&self, els: &[El], r: &Range, k: usize) -> Range {
        let relation = |x: &El| {
            matches!(
                x.e,
                E::Kw(Kw::Member | Kw::Join | Kw::TakePart | Kw::Designated | Kw::Twin | Kw::TwinBetween | Kw::Hq | Kw::Founded | Kw::Host | Kw::HostedBy | Kw::HeldIn | Kw::RoleVerb(_) | Kw::RoleBy(_))
                    | E::Role(_)
            )
        };
        // The previous relation counts only when a joiner separates them.
        let joined = |j: usize| els[j..k].iter().any(|x| self.is_word(Some(x), LIST_JOINERS) || self.is_word(Some(x), CLAUSE_CONJ));
        let start = (r.start..k).rev().find(|&j| relation(&els[j]) && joined(j)).map_or(r.start, |j| j + 1);
        let sep = |x: &El| self.is_word(Some(x), LIST_JOINERS) || self.is_word(Some(x), CLAUSE_CONJ) || x.e == E::P(',');
        // It ends at the joiner before the next relation word ("seit 1991
        // Mitglied des Netzwerks und hatte von 2019 bis 2021 den Vorsitz").
        let end = (k + 1..r.end)
            .find(|&j| relation(&els[j]) && els[k + 1..j].iter().any(sep))
            .map_or(r.end, |j| (k + 1..j).rev().find(|&i| sep(&els[i])).unwrap_or(j));
        start..end
    }

    pub(super) fn role_dates(&self, els: &[El], r: &Range, skip: Option<Range>) -> (Option<PartialDate>, Option<PartialDate>) {
        let dates = self.dates_in(els, r, skip);
        let mut from: Option<PartialDate> = None;
        let mut to: Option<PartialDate> = None;
        // "was elected president in 2021": the year of an election or an
        // appointment begins the term, it does not end it.
        // ... and so does taking office ("asumió", "übernimmt").
        const TAKEN: &[&str] = &["wiedergewählt", "asumió", "assume", "assunto", "übernimmt", "übernahm"];
        let elected = els.iter().any(|x| self.is_word(Some(x), ELECTED) || self.is_word(Some(x), TAKEN));
        let points_only = dates.iter().all(|(_, d)| matches!(d, DateValue::Point(_)));
        if elected && points_only && let Some(&(_, DateValue::Point(a))) = dates.first() {
            return (Some(a), None);
        }
        for (_, d) in dates {
            match d {
                DateValue::Range(a, b) => {
                    from = Some(from.map_or(a, |f| f.min(a)));
                    to = Some(to.map_or(b, |t| t.max(b)));
                }
                DateValue::Since(a) => from = Some(from.map_or(a, |f| f.min(a))),
                DateValue::Until(b) => to = Some(to.map_or(b, |t| t.max(b))),
                DateValue::Point(a) => {
                    from = Some(from.map_or(a, |f| f.min(a)));
                    to = Some(to.map_or(a, |t| t.max(a)));
                }
            }
        }
        (from, to)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn role_fact(&mut self, holder: String, role: Role, organ: Organ, from: Option<PartialDate>, to: Option<PartialDate>, s: usize, e: usize) {
        // A treasurer or a secretary holds a seat on the body, no office
        // of the network.
        let role = match role {
            Role::Treasurer | Role::Secretary if organ.body.is_some() => Role::Member,
            Role::Treasurer | Role::Secretary => return,
            // A network's vice-chair ("la vice-présidence du réseau") is
            // its vice-president.
            Role::ViceChair if organ.body.is_none() => Role::VicePresident,
            r => r,
        };
        let fact = Fact::Role { holder, role, organ: self.organ_name(organ), from, to };
        self.push(fact, s, e);
    }

    /// Notes the people a sentence names as a city's mayor: "Stefano
    /// Pisani, sindaco di Pollica", "the Mayor of Florence, Dario Nardella".
    pub(super) fn note_mayors(&mut self, els: &[El]) {
        let all = 0..els.len();
        for k in 1..els.len() {
            if !self.is_word(Some(&els[k]), MAYOR_WORDS) {
                continue;
            }
            let Some(city) = self.mayor_city(els, k..els.len().min(k + 7)) else { continue };
            let before = (els[k - 1].e == E::P(',')).then(|| self.person_before(els, k, &all).map(|(_, p)| p)).flatten();
            let after = || {
                let comma = (k + 1..els.len().min(k + 8)).find(|&j| els[j].e == E::P(','))?;
                matches!(els[comma - 1].e, E::City(_)).then(|| self.person_after(els, comma, &all).map(|(_, p)| p)).flatten()
            };
            if let Some(person) = before.or_else(after) {
                self.mayors.insert(person, city);
            }
        }
    }

    /// A role held by a person the page names as a city's mayor is the
    /// city's (the annotation's rule: the city holds the role).
    pub(super) fn give_mayors_roles_to_cities(&mut self) {
        if self.mayors.is_empty() {
            return;
        }
        for i in 0..self.facts.len() {
            let Fact::Role { holder, .. } = &self.facts[i].fact else { continue };
            let Some(&city) = self.mayors.get(holder) else { continue };
            let name = self.city_name(city);
            if let Fact::Role { holder, .. } = &mut self.facts[i].fact {
                *holder = name;
            }
            self.facts[i].new_entity = false;
        }
    }

    /// A person's name after `k`: two to four capitalised words.
    pub(super) fn person_after(&self, els: &[El], k: usize, r: &Range) -> Option<(usize, String)> {
        let mut j = k + 1;
        while j < r.end && self.is_word(Some(&els[j]), DETERMINERS) {
            j += 1;
        }
        let first = j;
        while j < r.end && matches!(els[j].e, E::W { cap: true } | E::City(_)) && j - first < 4 {
            j += 1;
        }
        let n = j - first;
        if !(2..=4).contains(&n) || !els[first..j].iter().any(|x| matches!(x.e, E::W { .. })) {
            return None;
        }
        // A name is followed by punctuation or a lower-case word, not by
        // more of a title.
        let name = self.text[els[first].start..els[j - 1].end].to_string();
        Some((j, name))
    }

    /// A person's name just before `k` ("Anna Lisa Boni, secretary general"),
    /// also as the subject of a copula ("Oberbürgermeister Burkhard Jung ist
    /// seit 2020 Präsident", "Johanna Rolland, maire de Nantes, est
    /// présidente", "the mayor of Ghent, Mathias De Clercq, chairs").
    pub(super) fn person_before(&self, els: &[El], k: usize, r: &Range) -> Option<(usize, String)> {
        const COPULA: &[&str] = &["is", "was", "has", "been", "has been", "è", "era", "sarà", "est", "était", "sera", "es", "fue", "será", "ist", "war", "wird", "also", "anche", "aussi", "también", "auch", "zudem", "now", "ora"];
        const TITLES: &[&str] = &[
            "mayor", "sindaco", "sindaca", "maire", "alcalde", "alcaldesa", "bürgermeister", "bürgermeisterin",
            "oberbürgermeister", "oberbürgermeisterin", "president", "presidente", "präsident", "präsidentin", "dr",
            "prof", "mr", "mrs", "ms", "the", "der", "die", "il", "la", "le", "el", "stadtpräsident", "lord",
        ];
        // ... and the words of an election ("was re-elected", "wurde zum").
        const ELECTION: &[&str] = &["re", "named", "nominato", "nominata", "zum", "zur"];
        let mut j = k;
        while j > r.start
            && (matches!(els[j - 1].e, E::Date(_) | E::P('-'))
                || self.is_word(Some(&els[j - 1]), COPULA)
                || self.is_word(Some(&els[j - 1]), ELECTED)
                || self.is_word(Some(&els[j - 1]), ELECTION)
                || self.is_word(Some(&els[j - 1]), DETERMINERS))
        {
            j -= 1;
        }
        let name_at = |end: usize| -> Option<(usize, String)> {
            let mut j = end;
            // A word of a name may be a town's too ("Anna Lisa Boni").
            while j > r.start && matches!(els[j - 1].e, E::W { cap: true } | E::City(_)) && end - j < 4 {
                j -= 1;
            }
            // Titles before the name are not part of it.
            let mut first = j;
            let mut buf = String::new();
            while first < end && self.word(&els[first], &mut buf).is_some_and(|w| TITLES.contains(&w)) {
                first += 1;
            }
            let words = first..end;
            let named = els[words.clone()].iter().any(|x| matches!(x.e, E::W { cap: true }));
            (named && words.len() >= 2 && words.len() <= 4).then(|| (first, self.text[els[first].start..els[end - 1].end].to_string()))
        };
        if j > r.start && els[j - 1].e == E::P(',') {
            if let Some(n) = name_at(j - 1) {
                return Some(n);
            }
            // Skip an apposition back to its opening comma.
            let open = (r.start..j - 1).rev().take(8).find(|&i| els[i].e == E::P(','))?;
            return name_at(open);
        }
        if j == k {
            return None;
        }
        name_at(j)
    }

    /// Who holds a role a person named just before `k` holds: the city
    /// whose mayor the person is, said beside the name ("Leipzigs
    /// Oberbürgermeister Burkhard Jung, Präsident"), else the person.
    pub(super) fn person_holder(&self, els: &[El], k: usize, r: &Range) -> Option<String> {
        let (start, person) = self.person_before(els, k, r)?;
        let window = r.start.max(start.saturating_sub(3))..(k + 8).min(r.end);
        Some(self.mayor_city(els, window).map_or(person, |c| self.city_name(c)))
    }

    /// Roles: "President of the network in 1995", "secretary general Anna
    /// Lisa Boni", "a Chair city (now Florence)", "Bologna led the Knowledge
    /// Society Forum", "guidato da Fabriano", "con il supporto di Carrara".
    pub(super) fn roles(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        for k in r.clone() {
            match els[k].e {
                E::Role(role) => self.role_noun(els, k, role, r, s, e, nets),
                E::Kw(Kw::RoleVerb(role)) => {
                    if self.negated(els, k, r) {
                        continue;
                    }
                    // "Metrópolis, ... que preside el alcalde de Barcelona":
                    // after a relative pronoun the holder follows the verb,
                    // and the network is the one the pronoun stands for.
                    if k > 0
                        && self.is_word(Some(&els[k - 1]), &["que", "che", "qui", "which", "die", "der"])
                        && let Some(c) = self.mayor_after(els, k + 1, r.end, &[])
                        && let Some(organ) = (0..k).rev().find_map(|j| self.organ_at(els, j, nets))
                    {
                        let role = if role == Role::Chair && organ.body.is_none() { Role::President } else { role };
                        self.role_fact(self.city_name(c), role, organ, None, None, s, e);
                        continue;
                    }
                    let (subjects, explicit) = self.subjects_or_topic_flag(els, k, r);
                    if subjects.is_empty() {
                        continue;
                    }
                    let organ = match self.organ_after(els, k, r, 5, nets) {
                        Some((_, o)) => Some(o),
                        None => {
                            // No object: "a guidare i lavori" of the network at hand.
                            let obj_city = els[k + 1..r.end].iter().take(3).any(|x| matches!(x.e, E::City(_)));
                            if obj_city { None } else { self.organ_nearby(nets) }
                        }
                    };
                    let Some(organ) = organ else { continue };
                    // Chairing a network is presiding it ("presidirá
                    // Mercociudades"); a body is chaired.
                    let role = if role == Role::Chair && organ.body.is_none() { Role::President } else { role };
                    let skip = self.apposition(els, subjects.last().filter(|_| explicit).map(|&(i, _)| i), k);
                    let (from, to) = self.role_dates_after(els, r, k, skip);
                    // A person named as the subject holds the role.
                    if k > r.start && els[k - 1].e == E::P(',')
                        && let Some(holder) = self.person_holder(els, k, r) {
                            self.role_fact(holder, role, organ, from, to, s, e);
                            continue;
                        }
                    for (_, c) in subjects {
                        self.role_fact(self.city_name(c), role, organ, from, to, s, e);
                    }
                }
                E::Kw(Kw::RoleBy(role)) => {
                    // "coordinated by a Chair city": the role noun says it.
                    if els[k + 1..r.end].iter().take(3).any(|x| matches!(x.e, E::Role(_))) {
                        continue;
                    }
                    let (mut holders, _) = self.list_after(els, k + 1, r.end);
                    // "presieduta dal sindaco di Firenze": the mayor's city.
                    if holders.is_empty()
                        && let Some(c) = self.mayor_city(els, k + 1..r.end.min(k + 5))
                    {
                        holders = els.iter().enumerate().skip(k + 1).find(|(_, x)| x.e == E::City(c)).map(|(j, _)| (j, c)).into_iter().collect();
                    }
                    if holders.is_empty() {
                        continue;
                    }
                    // The organ before, in the clause, else nearby.
                    let before = (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets));
                    let Some(organ) = before.or_else(|| self.organ_nearby(nets)) else { continue };
                    let role = if role == Role::Chair && organ.body.is_none() { Role::President } else { role };
                    let (from, to) = self.role_dates(els, &(holders.last().unwrap().0 + 1..r.end), None);
                    for (_, c) in holders {
                        self.role_fact(self.city_name(c), role, organ, from, to, s, e);
                    }
                }
                _ => {}
            }
        }
        // "guidato quest'anno da Bergamo": a participle and its agent apart.
        const PARTICIPLES: &[(&str, Role)] = &[
            ("guidato", Role::Lead), ("guidata", Role::Lead), ("led", Role::Lead), ("coordinato", Role::Lead),
            ("coordinata", Role::Lead), ("coordinated", Role::Lead), ("dirigé", Role::Lead), ("dirigée", Role::Lead),
            ("piloté", Role::Lead), ("pilotée", Role::Lead), ("liderado", Role::Lead), ("liderada", Role::Lead),
            ("geleitet", Role::Lead), ("chaired", Role::Chair), ("presieduto", Role::Chair), ("presieduta", Role::Chair),
            ("présidé", Role::Chair), ("présidée", Role::Chair), ("presidido", Role::Chair), ("presidida", Role::Chair),
        ];
        for k in r.clone() {
            let mut buf = String::new();
            let Some(role) = self.word(&els[k], &mut buf).and_then(|w| PARTICIPLES.iter().find(|(p, _)| *p == w).map(|&(_, r)| r)) else { continue };
            let by = (k + 1..r.end.min(k + 6)).take_while(|&j| matches!(els[j].e, E::Date(_) | E::W { .. } | E::P('\''))).find(|&j| self.is_word(Some(&els[j]), &["da", "by", "par", "por", "von"]));
            let Some(by) = by else { continue };
            let date = els[k + 1..by].iter().find_map(|x| if let E::Date(d) = x.e { Some(d.start()) } else { None });
            let Some(from) = date else { continue };
            let (holders, _) = self.list_after(els, by + 1, r.end);
            let Some(organ) = (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets)).or_else(|| self.organ_nearby(nets)) else { continue };
            for (_, c) in holders {
                self.role_fact(self.city_name(c), role, organ, Some(from), None, s, e);
            }
        }
        self.office_taken(els, r, s, e, nets);
        // "con Carrara e Pesaro a supporto": the cities before support.
        for k in r.clone() {
            if !self.is_word(Some(&els[k]), &["supporto", "support", "soutien", "apoyo"]) || k < r.start + 2 || !self.is_word(Some(&els[k - 1]), &["a", "in", "di", "en", "as", "de"]) {
                continue;
            }
            let holders = self.subject_before(els, k - 1, r);
            let Some(&(last, _)) = holders.last() else { continue };
            if last + 2 != k || !holders.first().is_some_and(|&(i, _)| i > r.start && self.is_word(Some(&els[i - 1]), &["con", "with", "avec", "mit", "e", "and"])) {
                continue;
            }
            let Some(organ) = (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets)).or_else(|| self.organ_nearby(nets)) else { continue };
            self.cue = Cue::new("cities in support", 0.75);
            for (_, c) in holders {
                self.role_fact(self.city_name(c), Role::Support, organ, None, None, s, e);
            }
        }
        // "affiancare la città di Fabriano nell'organizzazione": the one
        // assisted leads.
        for k in r.clone() {
            if !self.is_word(Some(&els[k]), &["affiancare", "affianca", "affiancherà", "assist", "assists", "seconder", "secunda"]) {
                continue;
            }
            let (holders, _) = self.list_after(els, k + 1, r.end);
            let holders: Vec<_> = holders.into_iter().filter(|&(i, _)| i <= k + 5).collect();
            if holders.len() != 1 {
                continue;
            }
            let Some(organ) = self.organ_nearby(nets) else { continue };
            self.role_fact(self.city_name(holders[0].1), Role::Lead, organ, None, None, s, e);
        }
    }

    /// "Canelones asumió la Presidencia de Mercociudades", "Florence holds
    /// the vice-presidency of EUROCITIES", "Bergamo assume la presidenza di
    /// Cittaslow": a verb of taking or holding an office, the office, its
    /// network (or body) after it.
    fn office_taken(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        const TAKE: &[&str] = &[
            "holds", "hold", "held", "assumes", "assumed", "assume", "assumerà", "ricopre", "detiene", "asumió", "asume",
            "asumirá", "ocupa", "ocupará", "ocupó", "ejerce", "übernimmt", "übernahm", "übernehmen", "innehat", "assure",
            "assurera", "exerce", "prend", "over", "ocupan", "asumen", "ricoprono", "detengono", "assumono",
            "détiennent", "occupent", "assurent", "innehaben", "ostenta", "ostentará", "ostentó", "ostentan",
        ];
        for k in r.clone() {
            // ("vicepresidencias" is also read as a role.)
            if !matches!(els[k].e, E::Bodies(_) | E::W { .. } | E::Role(_)) {
                continue;
            }
            let w = fold(&self.text[els[k].start..els[k].end]).replace('-', " ");
            let president = w.starts_with("presidenc") || w.starts_with("presidenz") || w == "presidency" || w == "prasidentschaft" || w == "presidence";
            let vice_word = w.starts_with("vicepresiden") || w.starts_with("vice presiden") || w.starts_with("vizeprasidentschaft");
            if !(president || vice_word) {
                continue;
            }
            // "the vice-presidency": a "vice" before the noun.
            let vice = vice_word || (k >= 2 && els[k - 1].e == E::P('-') && self.is_word(Some(&els[k - 2]), &["vice"]));
            let mut j = k;
            // ... past an adverb of time ("ocupa actualmente la presidencia").
            const NOW: &[&str] = &["actualmente", "currently", "now", "attualmente", "ora", "actuellement", "désormais", "derzeit", "jetzt", "also", "anche", "aussi", "también", "auch"];
            // ... and a year ("übernimmt 2020 die Präsidentschaft").
            while j > r.start && (self.is_word(Some(&els[j - 1]), DETERMINERS) || matches!(els[j - 1].e, E::P('-') | E::Date(_)) || self.is_word(Some(&els[j - 1]), &["vice"]) || self.is_word(Some(&els[j - 1]), NOW) || els[j - 1].e == E::Kw(Kw::Now)) {
                j -= 1;
            }
            // "élue à la présidence", "elected to the presidency": a
            // verb of election and its preposition.
            let mut elected = false;
            if j > r.start + 1 && self.is_word(Some(&els[j - 1]), &["à", "to", "alla", "a", "zur", "zum", "para"]) && self.is_word(Some(&els[j - 2]), ELECTED) {
                j -= 1;
                elected = true;
            }
            // ("was elected to", one element.)
            let elected = elected || (j > r.start && els[j - 1].e == E::Kw(Kw::Join) && fold(&self.text[els[j - 1].start..els[j - 1].end]).contains("elect"));
            // "holds" is also a verb of meeting: any element may be the verb.
            let taken = elected || j > r.start && {
                let w = fold(&self.text[els[j - 1].start..els[j - 1].end]);
                TAKE.iter().any(|t| fold(t) == w)
            };
            if !taken {
                self.office_entrusted(els, k, vice, r, s, e, nets);
                continue;
            }
            if self.negated(els, j - 1, r) {
                continue;
            }
            // "Firenze ne detiene la presidenza": the network at hand.
            // ... else the page's ("Niterói ... ocupa actualmente la
            // presidencia", on a page about Mercociudades).
            let Some(organ) = self
                .organ_after(els, k, r, 4, nets)
                .map(|(_, o)| o)
                .or_else(|| self.organ_nearby(nets))
                .or_else(|| self.salient.map(|net| Organ { net, body: None }))
            else {
                continue;
            };
            let role = office_role(vice, organ);
            // "Montevideo y Asunción ocupan las vicepresidencias": each.
            let subjects = self.subject_before(els, j - 1, r);
            let (from, to) = self.office_term(els, k, r);
            self.cue = Cue::new("verb of taking an office", 0.8);
            for (_, c) in subjects {
                self.role_fact(self.city_name(c), role, organ, from, to, s, e);
            }
        }
    }

    /// The term of an office named at `k`, from the dates after it: taking
    /// an office in a year is when the term began, not when it ended.
    fn office_term(&self, els: &[El], k: usize, r: &Range) -> (Option<PartialDate>, Option<PartialDate>) {
        let (from, to) = self.role_dates(els, &(k + 1..r.end), None);
        (from, to.filter(|t| Some(*t) != from))
    }

    /// "La presidenza dell'ANCI è stata affidata al sindaco di Napoli",
    /// "la présidence a été confiée à Lyon": an office of a network given
    /// to a city, or to its mayor, by a verb after it.
    #[allow(clippy::too_many_arguments)]
    fn office_entrusted(&mut self, els: &[El], k: usize, vice: bool, r: &Range, s: usize, e: usize, nets: &[u16]) {
        const ENTRUSTED: &[&str] = &[
            "affidata", "affidato", "assegnata", "assegnato", "confiée", "confié", "attribuée", "entrusted", "assigned", "given",
            "awarded", "recayó", "recae", "confiada", "asignada", "übertragen", "cargo", "assurée", "assuré",
        ];
        let Some((oj, organ)) = self.organ_after(els, k, r, 4, nets) else { return };
        // ("La presidencia de la red durante el año 2024 estará a cargo de
        // la ciudad de San Pablo": a date between.)
        let Some(v) = (oj + 1..r.end.min(oj + 14)).take_while(|&q| !matches!(els[q].e, E::City(_))).find(|&q| self.is_word(Some(&els[q]), ENTRUSTED)) else { return };
        if self.negated(els, v, r) {
            return;
        }
        let window = v + 1..r.end.min(v + 7);
        let holder = self.mayor_city(els, window.clone()).or_else(|| {
            els[window].iter().take(5).take_while(|x| !matches!(x.e, E::W { cap: true })).find_map(|x| if let E::City(c) = x.e { Some(c) } else { None })
        });
        let Some(city) = holder else { return };
        let role = office_role(vice, organ);
        let (from, to) = self.office_term(els, k, r);
        self.cue = Cue::new("office entrusted to a city", 0.75);
        self.role_fact(self.city_name(city), role, organ, from, to, s, e);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn role_noun(&mut self, els: &[El], k: usize, role: Role, r: &Range, s: usize, e: usize, nets: &[u16]) {
        if self.negated(els, k, r) {
            return;
        }
        // "X of Y" where Y is not an organ: someone else's role.
        let mut j = k + 1;
        // ("a vice president city of Mayors for Peace": a noun of towns
        // between.)
        if self.is_word(els.get(j), &["city", "città", "ville", "ciudad", "stadt", "town"]) && self.is_word(els.get(j + 1), OF) {
            j += 1;
        }
        let of_follows = self.is_word(els.get(j), OF);
        if of_follows {
            j += 1;
            while j < r.end && (self.is_word(els.get(j), DETERMINERS) || els[j].e == E::P('\'')) {
                j += 1;
            }
        }
        let mut organ_after = if of_follows { (j < r.end).then(|| self.organ_at(els, j, nets)).flatten() } else { None };
        // "la vice-présidence du réseau Energy Cities": the network's words
        // hold the "of".
        if !of_follows
            && let Some(x) = els.get(k + 1).filter(|x| x.e == E::Kw(Kw::NetworkRef))
            && self.text[x.start..x.end].split(' ').next().is_some_and(|w| OF.contains(&w.to_lowercase().as_str()))
        {
            organ_after = self.organ_at(els, k + 1, nets);
            j = k + 1;
        }
        let of_follows = of_follows || organ_after.is_some();
        // "Präsident des weltweiten Netzwerkes", "president of the global
        // network": a noun of networks after an adjective or two is the
        // network at hand.
        if of_follows && organ_after.is_none() {
            const NETWORK_NOUNS: &[&str] = &[
                "network", "netzwerk", "netzwerks", "netzwerkes", "bündnis", "bündnisses", "réseau", "rete", "red",
                "alliance", "alleanza", "alianza", "association", "associazione", "asociación", "organisation", "organization",
            ];
            let q = (j..r.end.min(j + 3)).find(|&q| !matches!(els[q].e, E::W { cap: false }) || self.is_word(Some(&els[q]), NETWORK_NOUNS));
            if let Some(q) = q.filter(|&q| q > j && self.is_word(Some(&els[q]), NETWORK_NOUNS)) {
                j = q;
                organ_after = self.organ_nearby(nets).or(self.salient.map(|net| Organ { net, body: None }));
            }
        }
        if of_follows && organ_after.is_none() {
            return;
        }
        if !of_follows && self.titled_holders(els, k, role, s, e, nets) {
            return;
        }
        let (from, to) = self.role_dates_after(els, r, k, None);
        // A person after the role: "the secretary general Anna Lisa Boni".
        if let Some((pj, person)) = self.person_after(els, k, r) {
            // A title before a name ("President Bill Clinton's initiative")
            // is the network's only when the sentence names the network.
            let named = (0..els.len()).any(|j| self.organ_at(els, j, nets).is_some() && !matches!(els[j].e, E::Kw(_)));
            let organ = organ_after.or_else(|| if named { self.organ_for_person(els, r, nets) } else { None });
            // A mayor holds the role for the city.
            let window = r.start.max(k.saturating_sub(8))..(pj + 8).min(r.end);
            let person = self.mayor_city(els, window).map_or(person, |c| self.city_name(c));
            if let Some(o) = organ {
                self.role_fact(person, role, Organ { net: o.net, body: if organ_after.is_some() { o.body } else { None } }, from, to, s, e);
            }
            return;
        }
        // "composto da: Firenze (presidente), Lipsia (vicepresidente)": the
        // city before the parenthesis holds the office; on a body of seats
        // a president is the network's.
        if k >= 2
            && els[k - 1].e == E::P('(')
            && els.get(k + 1).is_some_and(|x| x.e == E::P(')'))
            && let E::City(c) = els[k - 2].e
        {
            let organ = (0..els.len()).find_map(|j| self.organ_at(els, j, nets)).or_else(|| self.organ_nearby(nets));
            if let Some(o) = organ {
                let seats = o.body.is_some() && self.has_seats(o) && matches!(role, Role::President | Role::VicePresident);
                let o = if seats { Organ { net: o.net, body: None } } else { o };
                self.role_fact(self.city_name(c), role, o, from, to, s, e);
            }
            return;
        }
        // A city right after: "a Chair city (now Florence)".
        let city_after = els[k + 1..r.end].iter().take(4).find_map(|x| if let E::City(c) = x.e { Some(c) } else { None });
        if let (Some(c), None) = (city_after, organ_after) {
            let organ = (r.start..k)
                .chain(0..r.start)
                .filter_map(|j| self.organ_at(els, j, nets).map(|o| (j, o)))
                .max_by_key(|(j, o)| (o.body.is_some(), std::cmp::Reverse(*j)))
                .map(|(_, o)| o)
                .or_else(|| self.organ_nearby(nets))
                // "Vicepresidente: Comune di Orvieto", a line of a list of
                // offices: the page's network.
                .or_else(|| (els.get(k + 1).map(|x| x.e) == Some(E::P(':'))).then(|| self.salient.map(|net| Organ { net, body: None })).flatten());
            if let Some(o) = organ {
                self.role_fact(self.city_name(c), role, o, from, to, s, e);
            }
            return;
        }
        // "Mpho Parks Tau, outgoing UCLG President": the organ just before
        // the noun, the person before them, past an adjective or two.
        if organ_after.is_none()
            && k > r.start
            && let Some(o) = self.organ_at(els, k - 1, nets)
        {
            let mut q = k - 1;
            while q > r.start && k - q <= 3 && matches!(els[q - 1].e, E::W { cap: false }) {
                q -= 1;
            }
            if let Some(holder) = self.person_holder(els, q, r) {
                self.role_fact(holder, role, o, from, to, s, e);
                return;
            }
        }
        let Some(organ) = organ_after else {
            self.mayor_role(els, k, role, r, s, e, nets);
            return;
        };
        // The holder after the organ: "eletto coordinatore di Cittaslow
        // Italia Stefano Pisani, sindaco di Pollica".
        let name_end = (j + 1..r.end).take_while(|&q| matches!(els[q].e, E::W { cap: true })).last();
        if let Some(q) = name_end.filter(|&q| q > j + 1 && q <= j + 4)
            && els.get(q + 1).is_some_and(|x| x.e == E::P(','))
            && self.is_word(els.get(q + 2), MAYOR_WORDS)
            && let Some(c) = self.mayor_city(els, q + 2..(q + 6).min(r.end))
        {
            self.role_fact(self.city_name(c), role, organ, from, to, s, e);
            return;
        }
        // "Neuer Präsident von Energy Cities ist der Oberbürgermeister von
        // Leuven": a copula, then the mayor of the city that holds it.
        const COPULAS: &[&str] = &["is", "was", "è", "era", "est", "était", "es", "fue", "ist", "war", "wird"];
        if (self.is_word(els.get(j + 1), COPULAS) || self.is_word(els.get(j + 1), DETERMINERS))
            && let Some(c) = self.mayor_after(els, j + 1, r.end, COPULAS)
        {
            self.role_fact(self.city_name(c), role, organ, from, to, s, e);
            return;
        }
        // A person before: "Anna Lisa Boni, secretary general of EUROCITIES".
        if let Some(holder) = self.person_holder(els, k, r) {
            self.role_fact(holder, role, organ, from, to, s, e);
            return;
        }
        // ... else after the organ, in an apposition: "the secretary
        // general of the UCCI, Fernando Villalonga, said".
        if els.get(j + 1).is_some_and(|x| x.e == E::P(','))
            && let Some((pj, person)) = self.person_after(els, j + 1, r)
            && (pj == r.end || matches!(els[pj].e, E::P(',' | '.' | ')')))
            // ... not a person of a list with their own titles ("...,
            // Normunds Popens, Deputy Director General").
            && !(els.get(pj).is_some_and(|x| x.e == E::P(',')) && els.get(pj + 1).is_some_and(|x| matches!(x.e, E::W { cap: true } | E::Role(_))))
        {
            let holder = self.mayor_city(els, pj..(pj + 6).min(r.end)).map_or(person, |c| self.city_name(c));
            self.role_fact(holder, role, organ, from, to, s, e);
            return;
        }
        // "ha risposto al Presidente di Mayors for Peace": a role after a
        // preposition is someone else's, not the subject's.
        if k > r.start && self.is_word(Some(&els[k - 1]), OBJECT_PREPOSITIONS) {
            return;
        }
        // "A presiederla X, Sindaco di Pollica, e Presidente di Cittaslow":
        // the mayor named before holds it, in this clause or, when the
        // clause opens with "and" before the role, the one before.
        let and_role = self.is_word(els.get(r.start), LIST_JOINERS) && self.role_linked(els, r.start + 1, k);
        let before = if and_role { k.saturating_sub(12) } else { r.start.max(k.saturating_sub(12)) }..k;
        if let Some(c) = self.mayor_city(els, before.clone()) {
            // Only as the mayor's predicate: "The Mayor of Bristol met the
            // President of EUROCITIES" names someone else.
            let last = (before.clone()).rev().find(|&j| els[j].e == E::City(c)).unwrap_or(before.start);
            if self.role_linked(els, last + 1, k) {
                self.role_fact(self.city_name(c), role, organ, from, to, s, e);
            }
            return;
        }
        // A mayor of a town the gazetteer lacks: not the page's subject.
        if before.clone().any(|j| self.is_word(Some(&els[j]), MAYOR_WORDS)) {
            return;
        }
        // "The delegation from Lyon included the vice-president": a role
        // that is an object belongs to no subject.
        if !self.role_linked(els, r.start, k) {
            return;
        }
        for (i, c) in self.subjects_or_topic(els, k, r) {
            // "Bologna (2016-2019) e Fabriano (2020-2024)": each its own term.
            let (from, to) = self.own_term(els, i).unwrap_or((from, to));
            self.role_fact(self.city_name(c), role, organ, from, to, s, e);
        }
    }

    /// The city whose mayor is named from `q` on, past articles and the
    /// words of `skip`: "(ist) der Oberbürgermeister von Leuven", "(que
    /// preside) el alcalde de Barcelona".
    fn mayor_after(&self, els: &[El], mut q: usize, end: usize, skip: &[&str]) -> Option<u32> {
        while q < end && (self.is_word(els.get(q), skip) || self.is_word(els.get(q), DETERMINERS)) {
            q += 1;
        }
        if !self.is_word(els.get(q), MAYOR_WORDS) {
            return None;
        }
        self.mayor_city(els, q..(q + 5).min(end))
    }

    /// The term in parentheses right after a holder at `i`: "(2016-2019)",
    /// "(2020)".
    fn own_term(&self, els: &[El], i: usize) -> Option<(Option<PartialDate>, Option<PartialDate>)> {
        if els.get(i + 1)?.e != E::P('(') || els.get(i + 3)?.e != E::P(')') {
            return None;
        }
        match els[i + 2].e {
            E::Date(d) => term(d),
            _ => None,
        }
    }

    /// Whether the role at `k` is said of what stands before it (from
    /// `start`): the word before it, past its article, is punctuation, a
    /// name, a date or a linking word ("was elected", "and former"), not
    /// a verb of another action ("met the President").
    fn role_linked(&self, els: &[El], start: usize, k: usize) -> bool {
        let mut q = k;
        while q > start && self.is_word(Some(&els[q - 1]), DETERMINERS) {
            q -= 1;
        }
        q <= start
            || matches!(els[q - 1].e, E::P(_) | E::W { cap: true } | E::Date(_) | E::City(_) | E::Kw(_) | E::Net(_) | E::Organ(..) | E::Role(_))
            || self.is_word(Some(&els[q - 1]), LINKS)
    }

    /// The organ of a person's role: the network of the sentence (a body
    /// that is an office stands for its network).
    pub(super) fn organ_for_person(&self, els: &[El], r: &Range, nets: &[u16]) -> Option<Organ> {
        let _ = r;
        (0..els.len()).find_map(|j| self.organ_at(els, j, nets)).map(|o| Organ { net: o.net, body: None }).or_else(|| self.organ_nearby(nets))
    }

    /// Events: "The Seventh ... Annual General Meeting took place in Bologna
    /// ... from 18 to 21 September 2013", "meetings have been held in Paris
    /// (UNESCO HQ, 2008), Santa Fe (2008)", "scheduled in 2014 in Chengdu and
    /// in 2015 in Kanazawa", "Torino ospiterà i prossimi incontri nel 2021 e
    /// 2022", "Quest'anno a Carrara si terrà un evento".
    pub(super) fn events(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        // An event noun, or an assembly of a network named with it ("the
        // EUROCITIES Annual General Meeting").
        // "Kazan hosted the UCLG World Council": a body a city hosts meets.
        let hosted = |j: usize| j > 0 && matches!(els[j - 1].e, E::Kw(Kw::Host)) || (j > 1 && matches!(els[j - 2].e, E::Kw(Kw::Host)) && self.is_word(Some(&els[j - 1]), DETERMINERS));
        let assembly = |x: &El| match x.e {
            E::Organ(n, b) => self.x.gazetteer.networks().get(n as usize).and_then(|n| n.bodies.get(b as usize)).is_some_and(|b| b.kind == citynets_model::BodyKind::Assembly),
            _ => false,
        };
        let assembly = |j: usize| assembly(&els[j]) || (matches!(els[j].e, E::Organ(..)) && hosted(j));
        let noun = r.clone().find(|&k| matches!(els[k].e, E::Kw(Kw::Event(_))) || assembly(k));
        let (ev_k, kind, network) = match noun.map(|k| (k, els[k].e)) {
            Some((k, E::Kw(Kw::Event(kind)))) => (k, kind, self.event_network(els, k, r, nets)),
            Some((k, E::Organ(n, b))) => {
                let agm = self.x.gazetteer.networks().get(n as usize).and_then(|n| n.bodies.get(b as usize)).is_some_and(|b| b.kind == citynets_model::BodyKind::Assembly);
                (k, if agm { EventType::AnnualGeneralMeeting } else { EventType::Meeting }, Some(n))
            }
            Some(_) => return,
            // No meeting noun: a network that meets ("si riunirà a
            // Fabriano", "will meet in Santos").
            None => {
                let Some(k) = r.clone().find(|&k| els[k].e == E::Kw(Kw::HeldIn) && self.meet_verb(&els[k])) else { return };
                let Some(o) = (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets)) else { return };
                (k, EventType::Meeting, Some(o.net))
            }
        };
        // A bare "event" is the page's network's only when the sentence
        // names it ("événement phare ... du ministère" is the ministry's)
        // or it refers to a meeting named before ("Leipzig war 2000
        // Gastgeber der Veranstaltung").
        let network = network.filter(|_| kind != EventType::Event || !nets.is_empty() || self.last_event.is_some());
        if kind != EventType::Event {
            self.last_event = Some(kind);
        }
        let Some(network) = network else { return };
        let edition = self.edition(els, ev_k);
        // "La conférence de Barcelone (1989)": a meeting named by its city,
        // its year in parentheses after it.
        if self.is_word(els.get(ev_k + 1), OF)
            && let Some(E::City(c)) = els.get(ev_k + 2).map(|x| x.e)
            && els.get(ev_k + 3).is_some_and(|x| x.e == E::P('('))
            && let Some(E::Date(d @ DateValue::Point(_))) = els.get(ev_k + 4).map(|x| x.e)
            && els.get(ev_k + 5).is_some_and(|x| x.e == E::P(')'))
        {
            self.event(network, kind, edition, c, d, s, e);
        }
        let found = self.facts.len();
        // "the C40 Summit in Seoul", "at the annual general meeting in
        // Milan": the meeting's place right after its noun, no verb. Read
        // when no verb of the clause placed it.
        // The network named with the noun ("the C40 Summit", "UBC-
        // Generalkonferenz"), not only the page's.
        let own_network = || (ev_k.saturating_sub(3).max(r.start)..ev_k).any(|j| self.organ_at(els, j, nets).is_some());
        // ... or named after it ("le Sommet mondial de CGLU à Durban").
        let mut of = ev_k + 1;
        if els.get(of).is_some_and(|x| matches!(x.e, E::W { cap: false })) && !self.is_word(els.get(of), LOCATIVE) && self.is_word(els.get(of + 1), OF) {
            of += 1;
        }
        // ("du Congrès annuel de l'AIMF à Lausanne": an elided article
        // between.)
        let elided = |j: usize| {
            if self.is_word(els.get(j), &["l"]) && els.get(j + 1).is_some_and(|x| matches!(x.e, E::P('\'' | '’'))) { j + 2 } else { j }
        };
        let net_at = elided(of + 1);
        let named_after = self.is_word(els.get(of), OF) && els.get(net_at).is_some_and(|x| matches!(x.e, E::Net(_)));
        let at = if named_after { net_at } else { ev_k };
        let placed_after_noun = match (els.get(at + 1), els.get(at + 2).map(|x| x.e)) {
            (Some(w), Some(E::City(c))) if at + 2 < r.end && kind != EventType::Event && self.is_word(Some(w), LOCATIVE) && (named_after || own_network()) => Some(c),
            _ => None,
        };
        for k in r.clone() {
            match els[k].e {
                E::Kw(Kw::HeldIn) => {
                    // The event noun before the verb, or just after it.
                    // The event noun before the verb or after it in the
                    // clause ("Si è svolta ... ad Edimburgo l'assemblea").
                    if !(ev_k < k || ev_k <= k + 12) {
                        continue;
                    }
                    let hosts = self.hosts_after(els, k, r);
                    if hosts.is_empty() {
                        // "a Carrara si terrà un evento".
                        let before = (r.start..k).rev().find(|&j| matches!(els[j].e, E::City(_)) && j > 0 && self.is_word(els.get(j - 1), LOCATIVE));
                        if let Some(j) = before {
                            let E::City(c) = els[j].e else { continue };
                            let date = self.dates_in(els, r, None).into_iter().map(|(_, d)| d).find(|d| !matches!(d, DateValue::Since(_)));
                            if let Some(d) = date {
                                self.event(network, kind, edition, c, d, s, e);
                            }
                        }
                        continue;
                    }
                    let dates: Vec<(usize, DateValue)> =
                        self.dates_in(els, r, None).into_iter().filter(|(_, d)| !matches!(d, DateValue::Since(_) | DateValue::Until(_))).collect();
                    let preceding = dates.iter().any(|&(j, _)| j > k && j < hosts[0].0);
                    for (h, &(hj, c)) in hosts.iter().enumerate() {
                        let lo = if preceding { if h == 0 { k } else { hosts[h - 1].0 } } else { hj };
                        let hi = if preceding { hj } else { hosts.get(h + 1).map_or(r.end, |x| x.0) };
                        let in_window: Vec<DateValue> = dates.iter().filter(|&&(j, _)| j > lo && j < hi).map(|&(_, d)| d).collect();
                        let d = if preceding { in_window.last().copied() } else { most_precise(in_window.iter().copied()) };
                        // A date before the verb is the first host's, or
                        // every host's when none has its own ("Last year the
                        // meeting was held in Kraków and Katowice").
                        let shared = !dates.iter().any(|&(j, _)| j > k);
                        let d = d.or_else(|| if h == 0 || shared { dates.iter().find(|&&(j, _)| j < k).map(|&(_, d)| d) } else { None });
                        if let Some(d) = d {
                            self.event(network, kind, if h == 0 { edition } else { None }, c, d, s, e);
                        }
                    }
                }
                E::Kw(Kw::Host) => {
                    if ev_k < k {
                        continue;
                    }
                    let subjects = self.subject_before(els, k, r);
                    // "C40 hosted significant events in Berlin, Rotterdam
                    // and Tokyo": a network hosts in the cities after.
                    if subjects.is_empty() && (r.start..k).any(|j| self.organ_at(els, j, nets).is_some()) {
                        let dated = self.dates_in(els, r, None).into_iter().any(|(_, d)| !matches!(d, DateValue::Since(_) | DateValue::Until(_)));
                        if !dated {
                            for (_, c) in self.hosts_after(els, k, r) {
                                self.undated_event(network, kind, None, c, s, e);
                            }
                        }
                        continue;
                    }
                    let Some(&(sj, c)) = subjects.last() else { continue };
                    for (_, d) in self.dates_in(els, r, self.apposition(els, Some(sj), k)) {
                        if !matches!(d, DateValue::Since(_) | DateValue::Until(_)) {
                            self.event(network, kind, edition, c, d, s, e);
                        }
                    }
                }
                E::Kw(Kw::HostedBy) => {
                    if ev_k > k {
                        continue;
                    }
                    let (hosts, _) = self.list_after(els, k + 1, r.end);
                    if let Some(&(_, c)) = hosts.first()
                        && let Some((_, d)) = self.dates_in(els, r, None).into_iter().find(|(_, d)| !matches!(d, DateValue::Since(_))) {
                            self.event(network, kind, edition, c, d, s, e);
                        }
                }
                _ => {}
            }
        }
        // A verb of meeting that placed nothing ("trafen sich ... zur
        // Jahreskonferenz in Wien") leaves the place after the noun.
        if let Some(c) = placed_after_noun
            && self.facts.len() == found
            && !r.clone().any(|k| matches!(els[k].e, E::Kw(Kw::Host | Kw::HostedBy | Kw::Negation | Kw::Next)) || (els[k].e == E::Kw(Kw::HeldIn) && !self.meet_verb(&els[k])))
        {
            let cue = self.cue;
            self.cue = Cue::new("meeting named with its place", 0.65);
            match most_precise(self.dates_in(els, r, None).into_iter().map(|(_, d)| d)) {
                Some(d) => self.event(network, kind, edition, c, d, s, e),
                None => self.undated_event(network, kind, edition, c, s, e),
            }
            self.cue = cue;
        }
    }

    /// An event the clause gives no date of ("C40 hosted events in
    /// Berlin"): dated by the page's year when the page has a date, else
    /// undated.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn undated_event(&mut self, network: u16, kind: EventType, edition: Option<u32>, host: u32, s: usize, e: usize) {
        let start = self.published.and_then(|p| PartialDate::year(p.year_value()).ok());
        let fact = Fact::Event { network: self.net_name(network), event: kind.name().to_string(), edition, host: Some(self.city_name(host)), start, end: None };
        let cue = self.cue;
        self.cue = Cue::new("meeting held in a city, no date", 0.6);
        self.push_with(fact, s, e, true);
        self.cue = cue;
    }

    /// A verb of meeting ("si riunirà", "se réunira", "will meet in").
    pub(super) fn meet_verb(&self, el: &El) -> bool {
        let w = fold(&self.text[el.start..el.end]);
        ["riun", "reun", "meet", "met ", "trifft", "traf", "tagt"].iter().any(|m| w.contains(m.trim_end()) && (m != &"met " || w.starts_with("met")))
    }

    /// The cities an event is held in, after the verb at `k`: after "in",
    /// "a", "à", "en", and the next ones of an enumeration.
    pub(super) fn hosts_after(&self, els: &[El], k: usize, r: &Range) -> Vec<(usize, u32)> {
        let mut out: Vec<(usize, u32)> = Vec::new();
        let mut j = k + 1;
        while j < r.end {
            match els[j].e {
                E::Kw(Kw::Twin | Kw::TwinBetween | Kw::Member | Kw::Join | Kw::Hq | Kw::RoleBy(_) | Kw::RoleVerb(_)) => break,
                E::City(c) => {
                    let prev = j.checked_sub(1).map(|p| &els[p]);
                    // "en la localidad valenciana de Manises", "in the city
                    // of Valladolid": a place noun between.
                    let place_noun = self.is_word(prev, OF)
                        && (j.saturating_sub(4)..j.saturating_sub(1)).any(|q| self.place_noun(Some(&els[q])))
                        && (j.saturating_sub(6)..j.saturating_sub(2)).any(|q| self.is_word(Some(&els[q]), LOCATIVE));
                    // "celebrada en La Paz", "tenue à Kigali": the verb's
                    // own preposition.
                    let verb_locative = j == k + 1 && {
                        let verb = &self.text[els[k].start..els[k].end];
                        verb.rsplit(' ').next().is_some_and(|w| LOCATIVE.contains(&w.to_lowercase().as_str())) && verb.contains(' ')
                    };
                    // "im schottischen Edinburgh": an adjective between.
                    let adjective = j >= 2
                        && prev.is_some_and(|p| matches!(p.e, E::W { cap: false }))
                        && !self.is_word(prev, OF)
                        && !self.is_word(prev, LIST_JOINERS)
                        && self.is_word(els.get(j - 2), LOCATIVE);
                    // "al Lingotto di Torino", "en la Casa de la Villa de
                    // Madrid": a venue's name between, then "of".
                    const OPENERS: &[&str] = &["al", "alla", "nel", "nella", "en", "in", "at", "à", "au", "im", "a"];
                    let venue = self.is_word(prev, OF) && {
                        let mut q = j - 1;
                        let mut caps = 0;
                        while q > k + 1
                            && q + 7 > j
                            && !(caps > 0 && self.is_word(Some(&els[q - 1]), OPENERS))
                            && (matches!(els[q - 1].e, E::W { cap: true } | E::City(_)) || self.is_word(Some(&els[q - 1]), OF) || self.is_word(Some(&els[q - 1]), DETERMINERS))
                        {
                            q -= 1;
                            caps += usize::from(matches!(els[q].e, E::W { cap: true } | E::City(_)));
                        }
                        caps >= 1 && q > 0 && self.is_word(Some(&els[q - 1]), OPENERS) && !self.is_word(Some(&els[q]), OF)
                    };
                    let locative = self.is_word(prev, LOCATIVE)
                        || verb_locative
                        || place_noun
                        || adjective
                        || venue
                        || (j >= 2 && self.is_word(prev, DETERMINERS) && self.is_word(els.get(j - 2), LOCATIVE));
                    // "Paris (2008), Santa Fe (2008)": after the previous host's parenthesis.
                    let enumerated = !out.is_empty()
                        && prev.is_some_and(|p| p.e == E::P(',') || self.is_word(Some(p), LIST_JOINERS))
                        && j >= 2
                        && matches!(els[j - 2].e, E::P(')') | E::City(_));
                    if locative || enumerated {
                        out.push((j, c));
                    }
                }
                E::P('(') => {
                    if let Some(p) = els[j..r.end].iter().position(|x| x.e == E::P(')')) {
                        j += p;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        out
    }

    pub(super) fn event_network(&self, els: &[El], ev_k: usize, r: &Range, nets: &[u16]) -> Option<u16> {
        // Just before the event noun: "UNESCO Creative Cities Network Annual General Meeting".
        if ev_k > 0
            && let Some(o) = self.organ_at(els, ev_k - 1, nets) {
                return Some(o.net);
            }
        // After it: "meetings of the network", "incontri del Coordinamento".
        if let Some((_, o)) = self.organ_after(els, ev_k, r, 3, nets) {
            return Some(o.net);
        }
        // "la conférence annuelle des villes créatives".
        let creative = els[r.clone()].iter().any(|x| x.e == E::Kw(Kw::CreativeCity));
        nets.first().copied().or(self.uccn.filter(|_| creative)).or(self.salient)
    }

    /// An ordinal just before the event noun: "Seventh", "7th", "settima".
    pub(super) fn edition(&self, els: &[El], ev_k: usize) -> Option<u32> {
        let mut j = ev_k;
        let mut steps = 0;
        while j > 0 && steps < 4 {
            j -= 1;
            steps += 1;
            match els[j].e {
                E::Kw(Kw::Ordinal(n)) | E::Ordinal(n) => return Some(n),
                // "por primera vez en la reunión": not an edition.
                E::W { .. } if self.is_word(Some(&els[j]), &["vez", "volta", "fois", "time", "mal", "en", "per", "for", "in", "à", "a", "zum", "am", "von", "of", "di", "de"]) => return None,
                E::W { cap: true } => {
                    // A Roman numeral: "the XIII Annual Conference".
                    let w = &self.text[els[j].start..els[j].end];
                    if let Some(n) = roman(w) {
                        return Some(n);
                    }
                }
                // "Die 6. turnusmäßige Generalkonferenz": a German ordinal,
                // a number and its full stop.
                E::P('.') if j > 0 && els[j - 1].end == els[j].start => {
                    let w = &self.text[els[j - 1].start..els[j - 1].end];
                    if (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) {
                        return w.parse().ok();
                    }
                    return None;
                }
                E::Net(_) | E::W { .. } | E::Organ(..) | E::Kw(Kw::CreativeCity) => {}
                _ => return None,
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn event(&mut self, network: u16, kind: EventType, edition: Option<u32>, host: u32, d: DateValue, s: usize, e: usize) {
        let (start, end) = match d {
            DateValue::Range(a, b) => (Some(a), Some(b)),
            DateValue::Point(a) => (Some(a), None),
            _ => return,
        };
        let fact = Fact::Event {
            network: self.net_name(network),
            event: kind.name().to_string(),
            edition,
            host: Some(self.city_name(host)),
            start,
            end,
        };
        self.push(fact, s, e);
    }

    /// "Leipzig, the German city twinned to Bologna since 1962",
    /// "gemellaggio tra Bologna e Lipsia".
    pub(super) fn twinning(&mut self, els: &[El], r: &Range, s: usize, e: usize) {
        // "The Tiverton Twinning Association", "Comité de jumelage de
        // Condom": a twinning society's town is the page's town.
        if self.page_town_named().is_none()
            && let Some(town) = (r.start..r.end).find_map(|k| self.society_town(els, k))
        {
            self.twin_owner = Some(town);
        }
        // "Tübingen hat sieben Partnerstädte", "Die Stadt Ludwigsburg
        // unterhält Partnerschaften mit folgenden Städten": one town before
        // the word and none after owns the twins the page goes on to list.
        if let Some(k) = (r.start..r.end).find(|&k| matches!(els[k].e, E::Kw(Kw::Twin | Kw::TwinNoun)))
            && !els[k..r.end].iter().any(|x| matches!(x.e, E::City(_)))
            && let [owner] = els[r.start..k].iter().filter_map(|x| if let E::City(c) = x.e { Some(c) } else { None }).collect::<Vec<_>>().as_slice()
            && !self.negated(els, k, r)
        {
            // "Seit 1965 ist Ann Arbor Partnerstadt": a town that is a twin
            // is one of the owner's twins.
            // ... unless a partner follows that is no known place ("è
            // gemellata con ...").
            let partner_follows = els[k + 1..r.end].iter().any(|x| self.is_word(Some(x), &["mit", "with", "to", "con", "avec", "von", "of", "di", "de", "a", "zu"]));
            // A participle ("Como è gemellata") may say the town owns twins.
            let word = self.text[els[k].start..els[k].end].to_lowercase();
            let noun = els[k].e == E::Kw(Kw::Twin) && !["gemellat", "twinned", "jumel", "hermanad", "verschwistert", "verbunden"].iter().any(|p| word.starts_with(p));
            let copula = noun && !partner_follows && els[r.start..k].iter().any(|x| self.is_word(Some(x), &["ist", "is", "è", "est", "es", "wurde", "became", "diventa", "divenne", "devient", "devint", "se convirtió"]));
            match self.page_town() {
                Some(town) if copula && town != *owner => {
                    let since = self.twinned_since(els, r);
                    let fact = Fact::Twinning { city: self.city_name(town), other: self.city_name(*owner), since };
                    self.push(fact, s, e);
                    return;
                }
                _ if copula => {}
                _ => {
                    let has = els[r.start..k].iter().any(|x| self.is_word(Some(x), TWINS_HELD));
                    if has {
                        self.twin_owner = Some(*owner);
                    }
                }
            }
        }
        if self.twins_of_owner(els, r, s, e) {
            return;
        }
        for k in r.clone() {
            let pair = match els[k].e {
                E::Kw(Kw::Twin) => {
                    // "Penzberg ist mit Rovinj verschwistert, Icking mit
                    // Avigliana und Münsing mit Crossey": pairs after the
                    // verb with the verb left out.
                    let gapped: Vec<(u32, u32)> = (k + 1..r.end.saturating_sub(2))
                        .filter_map(|j| match (els[j].e, els[j + 2].e) {
                            (E::City(a), E::City(b)) if self.is_word(Some(&els[j + 1]), WITH) && a != b => Some((a, b)),
                            _ => None,
                        })
                        .collect();
                    if !gapped.is_empty() && !self.negated(els, k, r) {
                        let first = (r.start..k).rev().take(6).find(|&j| self.is_word(Some(&els[j]), WITH)).and_then(|w| {
                            let E::City(b) = els.get(w + 1)?.e else { return None };
                            self.subject_before_twin(els, w, r).filter(|&a| a != b).map(|a| (a, b))
                        });
                        for (a, b) in first.into_iter().chain(gapped) {
                            let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(b), since: None };
                            self.push(fact, s, e);
                        }
                        continue;
                    }
                    // "Die Partnerstädte von Erlangen sind ...": the owner
                    // after the noun, the twins after it.
                    // ... or "Le città gemellate con Como sono ...".
                    let copula_follows = || els.get(k + 3).is_some_and(|x| self.is_word(Some(x), &["sono", "are", "sind", "sont", "son", "include", "includes", "umfassen"]));
                    // "our twin towns of Chinon and Hofheim": the page's own
                    // twins, no owner.
                    let ours = k > r.start && self.is_word(Some(&els[k - 1]), &["our", "unsere", "unserer", "unseren", "nos", "nostre", "nostri", "nuestras", "nuestros"]);
                    let owner = (!ours && k + 2 < r.end && (self.is_word(Some(&els[k + 1]), OF) || (self.is_word(Some(&els[k + 1]), WITH) && copula_follows())))
                        .then(|| if let E::City(c) = els[k + 2].e { Some((k + 2, c)) } else { None })
                        .flatten()
                        .filter(|_| self.subject_before_twin(els, k, r).is_none());
                    let of_ours = ours && self.is_word(els.get(k + 1), OF);
                    let list_from = owner.map_or(if of_ours { k + 1 } else { k }, |(o, _)| o);
                    let explicit = self.subject_before_twin(els, k, r).or(owner.map(|(_, c)| c));
                    // With no subject ("Weitere Partnerstädte sind ..."), the
                    // city the document is about.
                    let a = explicit.or_else(|| self.page_town()).or(self.topic);
                    // "Wexford is twinned with Couëron" near the top of a
                    // page that names no town of its own: Wexford's page.
                    // ... and "Seit 1989 ist Zamość Partnerstadt von Schwäbisch
                    // Hall" after Zamość was listed as a twin: the town after
                    // "of" owns the page's twins; "Rüsselsheim und Évreux
                    // sind Partnerstädte" near the top: the first of the
                    // pair.
                    let word_of = self.ends_with_word(&els[k], OF);
                    let after_of = if word_of { k + 1 } else { k + 2 };
                    let owner_of = (word_of || self.is_word(els.get(k + 1), OF))
                        .then(|| if let Some(E::City(c)) = els.get(after_of).map(|x| x.e) { Some(c) } else { None })
                        .flatten()
                        .filter(|_| explicit.is_some_and(|c| self.pending_twins.iter().any(|(p, ..)| *p == Place::Known(c))));
                    if self.page_town_named().is_none() && !self.negated(els, k, r) {
                        if owner_of.is_some() {
                            self.twin_owner = owner_of;
                        } else if self.sentence_no < 6 {
                            self.twin_owner = self.pair_head_before(els, k, r).or(explicit);
                        }
                    }
                    // The twin just after, or after a noun of place ("its
                    // twin, the French town of Reze").
                    let b = els[list_from + 1..r.end]
                        .iter()
                        .take(4)
                        .find_map(|x| if let E::City(c) = x.e { Some(c) } else { None })
                        .or_else(|| self.twin_list(els, list_from, r).first().map(|&(c, _)| c));
                    // "Seit 1964 ist Erlangen mit Rennes verschwistert": the
                    // verb last, the twin after "mit" before it.
                    // "Erlangen ist mit Eskilstuna (seit 1961) und mit Jena
                    // (seit 1987) verbunden": several twins before the verb.
                    let with = |j: usize| self.is_word(Some(&els[j]), WITH);
                    if b.is_none()
                        && let Some(w) = (k.saturating_sub(18).max(r.start)..k).find(|&j| with(j))
                        && let Some(one) = self.subject_before_twin(els, w, r)
                        && let list = self.twin_list(els, w, &(r.start..k))
                        && list.len() >= 2
                        && list.iter().all(|(c, _)| *c != one)
                        && !self.negated(els, k, r)
                    {
                        for (other, since) in list {
                            let fact = Fact::Twinning { city: self.city_name(one), other: self.city_name(other), since };
                            self.push(fact, s, e);
                        }
                        continue;
                    }
                    if b.is_none()
                        && let Some(w) = (r.start..k).rev().take(6).find(|&j| with(j))
                        && let Some(E::City(other)) = els[w + 1..k]
                            .iter()
                            .take(4)
                            .find(|x| !(matches!(x.e, E::W { cap: false }) || self.place_noun(Some(x))))
                            .map(|x| x.e)
                        && let Some(one) = self.subject_before_twin(els, w, r).or_else(|| self.page_town())
                        && one != other
                        && !self.negated(els, k, r)
                    {
                        let since = self.twinned_since(els, r);
                        let fact = Fact::Twinning { city: self.city_name(one), other: self.city_name(other), since };
                        self.push(fact, s, e);
                        continue;
                    }
                    if let (Some(a), Some(_)) = (a, b)
                        && !self.negated(els, k, r) {
                            let others = self.twin_list(els, list_from, r);
                            if let [(c, Some(d))] = others.as_slice()
                                && Some(*c) == b && *c != a {
                                    let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(*c), since: Some(*d) };
                                    self.push(fact, s, e);
                                    continue;
                                }
                            if others.len() >= 2 {
                                self.push_twins(a, self.twin_places(els, list_from, r), s, e);
                                continue;
                            }
                        }
                    a.zip(b)
                }
                E::Kw(Kw::TwinBetween) => {
                    let (list, _) = self.list_after(els, k + 1, r.end);
                    (list.len() == 2).then(|| (list[0].1, list[1].1))
                }
                // "Erlangen pflegt Städtepartnerschaften mit Rennes (seit
                // 1964), Eskilstuna (seit 1961) und Jena": the twins after
                // "with", each with its date.
                // "Seit 1982 besteht mit dem Markt Mauterndorf eine
                // Partnerschaft": the twin before the noun, after "mit".
                // ("serment de jumelage qu'avec Rome": "only with".)
                E::Kw(Kw::TwinNoun) if !self.is_word(els.get(k + 1), &["mit", "with", "con", "avec", "zu", "qu"]) => {
                    // "el hermanamiento de Pamplona con Bayona (Francia)": the
                    // town after "of", its twins after "with".
                    if self.is_word(els.get(k + 1), OF)
                        && let Some(E::City(a)) = els.get(k + 2).map(|x| x.e)
                        && self.is_word(els.get(k + 3), WITH)
                        && !self.negated(els, k, r)
                    {
                        let twins = self.twin_places(els, k + 3, r);
                        self.push_twins(a, twins, s, e);
                        continue;
                    }
                    // "Die jüngste Partnergemeinde ist Valmontone": the twins
                    // after a copula.
                    if self.is_word(els.get(k + 1), &["ist", "is", "è", "est", "es", "sind", "are", "sono", "sont", "son"])
                        && let Some(a) = self.subject_before_twin(els, k, r).or_else(|| self.page_town())
                        && !self.negated(els, k, r)
                    {
                        for (c, since) in self.twin_list(els, k + 1, r) {
                            if c != a {
                                let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(c), since };
                                self.push(fact, s, e);
                            }
                        }
                        continue;
                    }
                    // "The first twinning was between Keighley and
                    // Poix-du-Nord", "Seit 1913 pflegen Brugg (Schweiz) und
                    // Rottweil eine Städtepartnerschaft": a pair joined by
                    // "and", after "between" or before the noun.
                    let between = (k + 1..r.end).take(5).take_while(|&j| matches!(els[j].e, E::W { .. } | E::Country(_))).find(|&j| self.is_word(Some(&els[j]), BETWEEN));
                    let first_city = (r.start..k).find(|&j| matches!(els[j].e, E::City(_)));
                    let pair = match (between, first_city) {
                        (Some(b), _) => self.pair_after(els, b + 1, r.end),
                        (None, Some(f)) => self.pair_after(els, f, k).filter(|&(_, end)| !els[end..k].iter().any(|x| matches!(x.e, E::City(_)))),
                        _ => None,
                    };
                    if let Some(((a, b), _)) = pair
                        && !self.negated(els, k, r)
                    {
                        let since = self.twinned_since(els, r);
                        let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(b), since };
                        self.push(fact, s, e);
                        continue;
                    }
                    let with = (r.start..k).rev().take(8).find(|&j| self.is_word(Some(&els[j]), &["mit", "con", "avec"]));
                    // "Seit 1989 verbindet Unna mit Döbeln eine
                    // Städtepartnerschaft": the town before "mit" is one of
                    // the pair; else the page's town.
                    let subject = with.filter(|&w| w >= r.start + 1).and_then(|w| match (els[w - 1].e, w.checked_sub(2).filter(|&v| v >= r.start).map(|v| els[v].e)) {
                        (E::City(c), _) | (E::W { cap: false }, Some(E::City(c))) => Some(c),
                        _ => None,
                    });
                    let Some(a) = subject.or_else(|| self.page_town()).or_else(|| self.subject_before_twin(els, k, r)) else { continue };
                    let Some(w) = with else {
                        // "Die älteste Partnerschaft besteht seit 1959 mit
                        // Monthey": the twin after a verb of being.
                        // "Keighley had a twinning arrangement with French
                        // communities Suresnes and Puteaux": the subject's.
                        if let Some(v) = (k + 1..r.end).take(4).find(|&j| self.is_word(Some(&els[j]), WITH))
                            && els[k + 1..v].iter().all(|x| matches!(x.e, E::W { cap: false } | E::Date(_)))
                            && !self.negated(els, k, r)
                        {
                            let since = self.twinned_since(els, r);
                            let a = self.subject_before_twin(els, k, r).unwrap_or(a);
                            for (b, own) in self.twin_list(els, v - 1, r) {
                                if b != a {
                                    let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(b), since: own.or(since) };
                                    self.push(fact, s, e);
                                }
                            }
                        }
                        continue;
                    };
                    let twin = els[w + 1..k].iter().take(4).find_map(|x| if let E::City(c) = x.e { Some(c) } else { None });
                    let between_ok = els[w + 1..k].iter().take_while(|x| !matches!(x.e, E::City(_))).all(|x| matches!(x.e, E::W { .. }));
                    if let Some(b) = twin.filter(|&b| b != a && between_ok)
                        && !self.negated(els, k, r)
                    {
                        let since = self.twinned_since(els, r);
                        let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(b), since };
                        self.push(fact, s, e);
                    }
                    continue;
                }
                E::Kw(Kw::TwinNoun) => {
                    // (With no town of its own, the page's, else the last
                    // town that was a subject: "Königswinter liegt am Rhein.
                    // Die erste Städtepartnerschaft mit ... Cleethorpes".)
                    let Some(a) = self.subject_before_twin(els, k, r).or_else(|| self.page_town()).or(self.topic) else { continue };
                    if self.negated(els, k, r) {
                        continue;
                    }
                    let mut twins = self.twin_places(els, k, r);
                    // "Die Partnerschaft mit Châteauroux wurde 1977
                    // besiegelt": one twin, the clause's date.
                    if let [(_, since @ None)] = twins.as_mut_slice() {
                        *since = self.twinned_since(els, &(k + 1..r.end));
                    }
                    self.push_twins(a, twins, s, e);
                    continue;
                }
                _ => None,
            };
            let Some((a, b)) = pair else { continue };
            if a == b || self.negated(els, k, r) {
                continue;
            }
            let since = self.dates_in(els, r, None).into_iter().find_map(|(j, d)| match d {
                DateValue::Since(d) => Some(d),
                DateValue::Point(d) if j > k => Some(d),
                _ => None,
            });
            let fact = Fact::Twinning { city: self.city_name(a), other: self.city_name(b), since };
            self.push(fact, s, e);
        }
    }

    /// Two cities joined by "and" from `j`, each perhaps with its country
    /// or a region in parentheses ("Paderborn, Germany, and Le Mans,
    /// France"), and the index after them.
    fn pair_after(&self, els: &[El], j: usize, end: usize) -> Option<((u32, u32), usize)> {
        let mut cities = Vec::new();
        let mut joined = false;
        let mut q = j;
        while q < end {
            match els[q].e {
                E::City(c) => cities.push(c),
                E::Country(_) | E::P(',') => {}
                E::P('(') => q += els[q..end].iter().position(|x| x.e == E::P(')'))?,
                _ if self.is_word(Some(&els[q]), LIST_JOINERS) => joined = true,
                _ => break,
            }
            q += 1;
        }
        match cities.as_slice() {
            [a, b] if joined && a != b => Some(((*a, *b), q)),
            _ => None,
        }
    }

    /// "Les villes jumelles d'Aix-en-Provence sont Tübingen, Perugia et
    /// Bath", "Le città gemellate con Perugia sono ...", "Zu den
    /// Partnerstädten Tübingens gehören ...": the owner right after the
    /// word of twins, a copula, then its twins. True when it read some.
    fn twins_of_owner(&mut self, els: &[El], r: &Range, s: usize, e: usize) -> bool {
        const ARE: &[&str] = &["are", "include", "sono", "sont", "son", "sind", "gehören", "umfassen", "comprennent", "incluyen", "includono"];
        let Some(k) = r.clone().find(|&k| matches!(els[k].e, E::Kw(Kw::Twin | Kw::TwinNoun))) else { return false };
        let mut j = k + 1;
        if self.is_word(els.get(j), &["d", "l"]) && els.get(j + 1).is_some_and(|x| x.e == E::P('\'')) {
            j += 2;
        } else if self.is_word(els.get(j), OF) {
            j += 1;
        }
        let Some(E::City(owner)) = els.get(j).map(|x| x.e) else { return false };
        let copula = j + 1;
        if j + 1 >= r.end || !(self.is_word(Some(&els[copula]), ARE) || els[copula].e == E::Kw(Kw::Belong)) || self.negated(els, k, r) {
            return false;
        }
        let twins = self.twin_places(els, copula, r);
        if twins.is_empty() {
            return false;
        }
        self.push_twins(owner, twins, s, e);
        true
    }

    /// The twinnings of `town` with each place listed, a place the
    /// gazetteer lacks flagged as a new entity.
    fn push_twins(&mut self, town: u32, twins: Vec<(Place, Option<PartialDate>)>, s: usize, e: usize) {
        for (place, since) in twins {
            if place == Place::Known(town) {
                continue;
            }
            let new = matches!(place, Place::New(_));
            let fact = Fact::Twinning { city: self.city_name(town), other: self.place_name(&place), since };
            self.push_found(fact, s, e, false, new);
        }
    }

    /// The cities after a twinning word, each with its own date: "twinned
    /// with Nuremberg (since 1985), Rostov-on-Don (since 1986) and Havana",
    /// "gemellata dal 1985 con Marsiglia e dal 1988 con Odessa", "seit 1961
    /// Partnerstadt von Swansea und seit 1986 von Toulon". A date before the
    /// word belongs to the first city.
    pub(super) fn twin_list(&self, els: &[El], k: usize, r: &Range) -> Vec<(u32, Option<PartialDate>)> {
        self.twin_places(els, k, r).into_iter().filter_map(|(p, d)| if let Place::Known(c) = p { Some((c, d)) } else { None }).collect()
    }

    /// The twins after a twinning word as [`Self::twin_list`] reads them,
    /// with the places the gazetteer lacks that the list's shape names
    /// ("Mante, Mexico; Yamagata, Japan": a name before its country).
    pub(super) fn twin_places(&self, els: &[El], k: usize, r: &Range) -> Vec<(Place, Option<PartialDate>)> {
        const PREP: &[&str] = &[
            "with", "to", "con", "avec", "von", "mit", "zu", "y", "e", "et", "and", "und", "&", "also", "anche", "aussi",
            "también", "auch", "sind", "are", "sono", "sont", "son", "include", "notamment", "qu",
            // "twinned with Stalingrad and later with Dresden".
            "later", "then", "poi", "später", "dann", "luego", "después", "puis", "ensuite",
        ];
        let mut out: Vec<(Place, Option<PartialDate>)> = Vec::new();
        let mut pending: Option<PartialDate> = None;
        let mut j = k + 1;
        // "Mante, Mexico", "Yateras (Cuba)": a name the gazetteer lacks,
        // then its country; the index after the name.
        let new_place = |j: usize| -> Option<(usize, String)> {
            let (q, place) = self.place_at(els, j, r.end.max(els.len().min(j + 8)))?;
            let Place::New(name) = place else { return None };
            let country_next = matches!((els.get(q).map(|x| x.e), els.get(q + 1).map(|x| x.e)), (Some(E::P(',' | '(')), Some(E::Country(_))));
            country_next.then_some((q, name))
        };
        let date_of = |d: DateValue| match d {
            DateValue::Since(d) | DateValue::Point(d) => Some(d),
            _ => None,
        };
        let mut end = r.end;
        loop {
            // "Almaty, Kazakhstan; Ciudad Obregón, Mexico; ... and Trikala":
            // the list goes on past a semicolon.
            // ... or past ", and later with".
            if j == end && !out.is_empty() && end < els.len() && matches!(els[end].e, E::P(';' | ',')) {
                let mut next = if self.is_word(els.get(end + 1), LIST_JOINERS) { end + 2 } else { end + 1 };
                let adverbs = els[next.min(els.len())..].iter().take(3).take_while(|x| matches!(x.e, E::W { cap: false }) && !self.is_word(Some(x), WITH)).count();
                if adverbs <= 2 && self.is_word(els.get(next + adverbs), WITH) {
                    next += adverbs + 1;
                }
                if matches!(els.get(next).map(|x| x.e), Some(E::City(_))) || new_place(next).is_some() {
                    end = (next..els.len()).find(|&q| els[q].e == E::P(';')).unwrap_or(els.len());
                    j = next;
                }
            }
            if j >= end {
                break;
            }
            // A town's name set aside as a word is the town here.
            let el = match els[j] {
                El { e: E::W { cap: true }, maybe_city: Some(c), .. } => E::City(c),
                ref x => x.e,
            };
            // A name the gazetteer lacks, placed by its country, in a list
            // begun with known twins.
            if !out.is_empty()
                && matches!(el, E::W { cap: true })
                && matches!(els[j - 1].e, E::P(',' | ';') | E::W { .. })
                && let Some((q, name)) = new_place(j)
            {
                out.push((Place::New(name), pending.take()));
                j = q;
                continue;
            }
            match el {
                E::City(c) => {
                    out.push((Place::Known(c), pending.take()));
                    // A date just after: "(since 1985)", "desde 1993",
                    // "(Estados Unidos) desde 1993".
                    let mut q = j + 1;
                    let mut depth = 0;
                    while q < end && q <= j + 8 {
                        match els[q].e {
                            E::P('(') => depth += 1,
                            E::P(')') => depth -= 1,
                            E::Date(d) if out.last().is_some_and(|o| o.1.is_none()) && date_of(d).is_some() => {
                                // Inside parentheses anything; outside only
                                // "since" dates that are not the next city's.
                                if depth > 0 || matches!(d, DateValue::Since(_)) {
                                    out.last_mut().unwrap().1 = date_of(d);
                                }
                            }
                            E::Country(_) | E::W { .. } if depth > 0 => {}
                            // "Esztergom in Ungarn, Bedford in England": the
                            // twin's country or region after "in".
                            E::W { cap: false }
                                if self.is_word(Some(&els[q]), &["in", "en", "im", "au", "nel", "nella"])
                                    && matches!(els.get(q + 1).map(|x| x.e), Some(E::Country(_) | E::W { cap: true })) =>
                            {
                                q += 1;
                            }
                            E::Date(_) => {}
                            _ if depth > 0 => {}
                            _ => break,
                        }
                        q += 1;
                    }
                    j = q;
                    continue;
                }
                E::Date(d) => pending = date_of(d),
                E::P(',' | '&' | ':' | ';') => {}
                // "qu'avec Rome".
                E::P('\'' | '’') if self.is_word(els.get(j - 1), &["qu"]) => {}
                // "Almaty, Kazakhstan; Roma, Italy": a twin's country.
                E::Country(_) if !out.is_empty() => {}
                // "Sapporo, Japan (1959); Guadalajara, Mexico (1983)": the
                // year after the twin's country is the twin's.
                E::P('(') if !out.is_empty() && matches!(els[j - 1].e, E::Country(_)) => {
                    let Some(close) = els[j..end].iter().take(6).position(|x| x.e == E::P(')')).map(|p| j + p) else { break };
                    if let Some(last) = out.last_mut().filter(|o| o.1.is_none()) {
                        last.1 = els[j + 1..close].iter().find_map(|x| if let E::Date(d) = x.e { date_of(d) } else { None });
                    }
                    j = close;
                }
                E::Kw(Kw::Twin | Kw::TwinNoun) => {}
                // "Lhasa, Tibet; Mante, Mexico": a twin's region before the
                // semicolon that ends its entry.
                E::W { cap: true }
                    if !out.is_empty()
                        && els[j - 1].e == E::P(',')
                        && (1..=2).any(|n| els.get(j + n).is_some_and(|x| x.e == E::P(';')) && els[j..j + n].iter().all(|x| matches!(x.e, E::W { cap: true }))) => {}
                // "con la città tedesca di Fulda": a noun of place, maybe an
                // adjective, then "of".
                E::W { .. } if self.place_noun(Some(&els[j])) => {
                    let mut q = j + 1;
                    if q < end && matches!(els[q].e, E::W { cap: false }) && !self.is_word(Some(&els[q]), OF) {
                        q += 1;
                    }
                    if q < end && self.is_word(Some(&els[q]), OF) {
                        j = q;
                    } else if !(q < end && matches!(els[q].e, E::City(_))) {
                        // "mit der Stadt Schio": the name right after.
                        break;
                    }
                }
                // "mit der italienischen Stadt Schio", "the French town of
                // Reze": an adjective before the noun of place.
                E::W { .. } if self.place_noun(els.get(j + 1)) => {}
                // "French communities Suresnes and Puteaux": a plural noun
                // of places, maybe after an adjective, right before them.
                E::W { .. } if (self.is_word(Some(&els[j]), TOWN_NOUNS) && matches!(els.get(j + 1).map(|x| x.e), Some(E::City(_))))
                    || (self.is_word(els.get(j + 1), TOWN_NOUNS) && matches!(els.get(j + 2).map(|x| x.e), Some(E::City(_)))) => {}
                E::W { .. } if self.is_word(Some(&els[j]), PREP) || self.is_word(Some(&els[j]), DETERMINERS) => {}
                // "mit dem englischen Cleethorpes", "con la francese Arles":
                // an adjective between the article and the twin.
                E::W { cap: false } if j > k + 1 && self.is_word(Some(&els[j - 1]), DETERMINERS) && matches!(els.get(j + 1).map(|x| x.e), Some(E::City(_))) => {}
                // "with eight cities around the world: Almaty, ...": words
                // that introduce the list before a colon.
                E::W { .. } if out.is_empty() && let Some(c) = els[j..end].iter().take(8).position(|x| x.e == E::P(':')) && els[j..j + c].iter().all(|x| matches!(x.e, E::W { .. })) => {
                    j += c;
                }
                _ => break,
            }
            j += 1;
        }
        // The first city's date may come before the word: "seit 1961
        // Partnerstadt von Swansea".
        if let Some(first) = out.first_mut()
            && first.1.is_none() {
                // ... or a year with no town between it and the word but
                // its subject ("In 1973 Abingdon twinned with Schongau").
                first.1 = (r.start..k).rev().take_while(|&q| q + 1 == k || !matches!(els[q].e, E::City(_))).find_map(|q| match els[q].e {
                    E::Date(DateValue::Since(d) | DateValue::Point(d)) => Some(d),
                    _ => None,
                });
                if first.1.is_none() {
                    first.1 = (r.start..k).rev().find_map(|q| if let E::Date(DateValue::Since(d)) = els[q].e { Some(d) } else { None });
                }
            }
        out
    }

    /// The town a page of twins is about when the text names it: the town
    /// that keeps the twins, else the town of the opening heading.
    pub(super) fn page_town_named(&self) -> Option<u32> {
        self.twin_owner.or(self.title_city)
    }

    /// The town a page of twins is about: as named, else its most named
    /// city.
    pub(super) fn page_town(&self) -> Option<u32> {
        self.page_town_named().or(self.doc_city)
    }

    /// The first date of `r` that can start a twinning: "seit 1959", "1959".
    fn twinned_since(&self, els: &[El], r: &Range) -> Option<PartialDate> {
        self.dates_in(els, r, None).into_iter().find_map(|(_, d)| if let DateValue::Since(d) | DateValue::Point(d) = d { Some(d) } else { None })
    }

    /// The town of a twinning society named at `k`: written right before
    /// it ("Tiverton Twinning Association") or right after it, past "of"
    /// ("Comité de jumelage de Condom").
    fn society_town(&self, els: &[El], k: usize) -> Option<u32> {
        if els[k].e != E::Kw(Kw::TwinNoun) {
            return None;
        }
        const SOCIETY: &[&str] = &["association", "society", "committee", "comité", "comite", "comitato", "associazione", "asociación", "asociacion", "club", "verein", "circle"];
        let around = |a: usize, b: usize| self.text.get(a..b).unwrap_or("").to_lowercase();
        let before = k.checked_sub(1).map(|j| &els[j]);
        let society = |t: String| SOCIETY.iter().any(|w| t.contains(w));
        if let Some(El { e: E::City(c), .. }) = before
            && society(around(els[k].start, els[k].end))
        {
            return Some(*c);
        }
        let mut j = k + 1;
        if self.is_word(els.get(j), OF) {
            j += 1;
        }
        let after = if let Some(E::City(c)) = els.get(j).map(|x| x.e) { Some(c) } else { None };
        let opener = around(els[k.saturating_sub(2)].start, els[k].end);
        after.filter(|_| society(opener))
    }

    /// The first town of a pair "A and B" right before `k`, if the
    /// subject before `k` is one.
    fn pair_head_before(&self, els: &[El], k: usize, r: &Range) -> Option<u32> {
        let j = (r.start..k).rev().take(10).find(|&j| matches!(els[j].e, E::City(_)))?;
        match (j >= r.start + 2).then(|| els[j - 2].e) {
            Some(E::City(a)) if self.is_word(Some(&els[j - 1]), LIST_JOINERS) => Some(a),
            _ => None,
        }
    }

    pub(super) fn subject_before_twin(&self, els: &[El], k: usize, r: &Range) -> Option<u32> {
        (r.start..k).rev().take(10).find_map(|j| if let E::City(c) = els[j].e { Some(c) } else { None })
    }

    /// "The network is headquartered in the Brussels office", "ha sede a
    /// Bruxelles", "mit Sitz in Brüssel".
    pub(super) fn headquarters(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        for k in r.clone() {
            if els[k].e != E::Kw(Kw::Hq) {
                continue;
            }
            let net = (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets)).map(|o| o.net);
            // "Headquartered in London, C40 connects ...": opening the
            // sentence, the network after it.
            let opening = k <= 1 && r.start == 0;
            let net = net.or_else(|| if opening { (k + 1..els.len()).find_map(|j| self.organ_at(els, j, nets)).map(|o| o.net) } else { None });
            let net = net.or_else(|| (0..r.start).rev().find_map(|j| self.organ_at(els, j, nets)).map(|o| o.net));
            // "Su sede está en Montevideo": the network just named, else
            // the page's.
            // ... unless the clause names what owns it ("The foundation
            // has its seat in Bonn").
            let possessive = (k > 0 && self.is_word(Some(&els[k - 1]), super::items::POSSESSIVES)
                || self.text[els[k].start..els[k].end].split(' ').any(|w| super::items::POSSESSIVES.contains(&w.to_lowercase().as_str())))
                && els[r.start..k].iter().all(|x| self.is_word(Some(x), super::items::POSSESSIVES) || self.is_word(Some(x), DETERMINERS) || matches!(x.e, E::Kw(Kw::NetworkRef)));
            let net = net.or_else(|| if possessive { self.organ_nearby(nets).map(|o| o.net).or(self.salient) } else { None });
            let Some(net) = net else { continue };
            let city = els[k + 1..r.end].iter().take(4).find_map(|x| match x.e {
                E::City(c) => Some(c),
                E::Bodies(_) | E::Organ(..) => x.city_in_name,
                _ => None,
            });
            if let Some(c) = city {
                let fact = Fact::Headquarters { network: self.net_name(net), city: self.city_name(c) };
                self.push(fact, s, e);
            }
        }
    }

    /// A label and its value, as an infobox flattens them: "Headquarters:
    /// Bonn, Germany", "Sede: Montevideo", "Founded: 1990", "Création :
    /// 1975": the page's network's seat or founding year; "Secrétaire
    /// général | André Sobczak |": the holder of its office.
    fn label_line(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        if r.start != 0 || r.end != els.len() {
            return;
        }
        // "Consiglieri: Todi, Spello, Trevi" under a body with seats.
        if let Some(super::items::Frame::Seats { organ: body, .. }) = self.frame
            && (els[0].e == E::Kw(Kw::Member) || self.is_word(Some(&els[0]), SEAT_LABELS))
            && els.get(1).is_some_and(|x| x.e == E::P(':'))
            && let Some(cities) = self.cities_only(&els[2..])
        {
            self.cue = Cue::new("seat label", 0.75);
            for c in cities {
                self.role_fact(self.city_name(c), Role::Member, body, None, None, s, e);
            }
            return;
        }
        if let Some((role, organ, value)) = self.office_label(els, nets) {
            match value {
                Some(v) => self.office_value(role, organ, &els[v..], s, e),
                None => self.label = Some((self.sentence_no, Label::Office(role, organ))),
            }
            return;
        }
        // A label alone on its line: its value is the next line.
        if let [only] = els
            && (self.seat_label(only) || only.e == E::Kw(Kw::Founded))
            && (nets.first().copied().or(self.salient)).is_some()
        {
            let label = if self.seat_label(only) { Label::Seat } else { Label::Founding };
            self.label = Some((self.sentence_no, label));
            return;
        }
        // ("Sitz | Frankfurt am Main, Brüssel |": a table's row.)
        if !(3..=8).contains(&els.len()) || !matches!(els[1].e, E::P(':' | '|')) {
            return;
        }
        let Some(net) = nets.first().copied().or(self.salient) else { return };
        let founding = els[0].e == E::Kw(Kw::Founded);
        let seat = self.seat_label(&els[0]);
        self.labelled(net, seat, founding, &els[2], s, e);
        // A seat in two cities: "Sitz | Frankfurt am Main, Brüssel".
        if seat && matches!(els[2].e, E::City(_)) {
            for pair in els[2..].windows(2) {
                if pair[0].e == E::P(',') && matches!(pair[1].e, E::City(_)) {
                    self.labelled(net, true, false, &pair[1], s, e);
                }
            }
        }
    }

    /// An office as an infobox labels it: a role opening the line, the
    /// body it is of ("Président du comité exécutif"), then the end of the
    /// line or a separator before its value. The office is of the page's
    /// network unless the label names another; the value's index, if any.
    fn office_label(&self, els: &[El], nets: &[u16]) -> Option<(Role, Organ, Option<usize>)> {
        let E::Role(role) = els.first()?.e else { return None };
        let mut j = 1;
        if self.is_word(els.get(j), &["of", "du", "de", "des", "del", "della", "dello", "der"]) {
            j += 1;
            while self.is_word(els.get(j), DETERMINERS) {
                j += 1;
            }
        }
        let named = (j < els.len()).then(|| self.organ_at(els, j, nets)).flatten();
        if named.is_some() {
            j += 1;
        } else {
            j = 1;
        }
        let organ = named.or_else(|| self.salient.map(|net| Organ { net, body: None }))?;
        let role = match role {
            Role::President if organ.body.is_some() => Role::Chair,
            r => r,
        };
        match els.get(j).map(|x| x.e) {
            None => Some((role, organ, None)),
            Some(E::P(':' | '|')) if j + 1 < els.len() => Some((role, organ, Some(j + 1))),
            _ => None,
        }
    }

    /// The value of an office's label: a city or several ("Vicepresidenti:
    /// Orvieto, Bra"), a mayor's city ("Mauro Migliorini, sindaco di Greve
    /// in Chianti"), or a person's name of two to four capitalised words (a
    /// person holds it when no city does). Under a heading of a body with
    /// seats, each holder also sits on that body.
    fn office_value(&mut self, role: Role, organ: Organ, value: &[El], s: usize, e: usize) {
        let value = match value {
            [rest @ .., last] if last.e == E::P('|') => rest,
            v => v,
        };
        let words = value.iter().all(|x| matches!(x.e, E::W { cap: true } | E::City(_)));
        // (A person, staff of the network, holds no seat.)
        let (holders, cities): (Vec<String>, bool) = if let Some(c) = self.mayor_city(value, 0..value.len()) {
            (vec![self.city_name(c)], true)
        } else if let Some(cities) = self.cities_only(value) {
            (cities.into_iter().map(|c| self.city_name(c)).collect(), true)
        } else {
            match value {
                [first, .., last] if words && value.len() <= 4 && value.iter().any(|x| matches!(x.e, E::W { .. })) => {
                    (vec![self.text[first.start..last.end].to_string()], false)
                }
                _ => return,
            }
        };
        self.cue = Cue::new("office label", 0.75);
        let seats = match self.frame {
            Some(super::items::Frame::Seats { organ: body, .. }) if cities && body.net == organ.net && body != organ => Some(body),
            _ => None,
        };
        for holder in holders {
            self.role_fact(holder.clone(), role, organ, None, None, s, e);
            if let Some(body) = seats {
                self.role_fact(holder, Role::Member, body, None, None, s, e);
            }
        }
    }

    /// The cities of a value that names only cities, between commas and
    /// "and", each maybe after "Comune di" ("Orvieto, Bra", "Carrara e
    /// Pesaro"); a town whose name is also a word counts here.
    pub(super) fn cities_only(&self, value: &[El]) -> Option<Vec<u32>> {
        const ADMIN: &[&str] = &["comune", "città", "city", "town", "ville", "commune", "municipio", "ayuntamiento", "stadt", "gemeinde", "di", "of", "de", "du", "del"];
        let mut cities = Vec::new();
        for x in value {
            match (x.e, x.maybe_city) {
                (E::City(c), _) | (E::W { cap: true }, Some(c)) => cities.push(c),
                (E::P(',' | ';' | '.'), _) => {}
                _ if self.is_word(Some(x), LIST_JOINERS) || self.is_word(Some(x), ADMIN) => {}
                _ => return None,
            }
        }
        (!cities.is_empty()).then_some(cities)
    }

    /// Whether an element is a label of a network's seat.
    fn seat_label(&self, el: &El) -> bool {
        match el.e {
            E::Kw(Kw::SeatNoun | Kw::Hq) => true,
            E::Bodies(p) => self.x.lexicon.senses[p as usize].contains(&Sense::Kw(Kw::SeatNoun)),
            _ => false,
        }
    }

    /// The line after a label alone on its line: "Headquarters" then
    /// "Bonn, Germany".
    pub(super) fn label_value(&mut self, els: &[El], s: usize, e: usize) {
        let Some((_, label)) = self.label.take() else { return };
        let (Some(net), Some(first)) = (self.salient, els.first()) else { return };
        if els.len() > 6 {
            return;
        }
        match label {
            Label::Office(role, organ) => self.office_value(role, organ, els, s, e),
            Label::Seat => self.labelled(net, true, false, first, s, e),
            Label::Founding => self.labelled(net, false, true, first, s, e),
        }
    }

    /// A label of a seat or of a founding, and its value: the seat's city
    /// or the founding year.
    fn labelled(&mut self, net: u16, seat_label: bool, founding_label: bool, value: &El, s: usize, e: usize) {
        match value.e {
            E::City(c) if seat_label => {
                self.cue = Cue::new("seat label", 0.8);
                let fact = Fact::Headquarters { network: self.net_name(net), city: self.city_name(c) };
                self.push(fact, s, e);
            }
            E::Date(DateValue::Point(d)) if founding_label => {
                self.cue = Cue::new("founding label", 0.8);
                let fact = Fact::Founded { network: self.net_name(net), year: Some(d) };
                self.push(fact, s, e);
            }
            _ => {}
        }
    }

    /// "EUROCITIES is the network of major European cities founded in 1986".
    pub(super) fn founded(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        for k in r.clone() {
            if els[k].e != E::Kw(Kw::Founded) {
                continue;
            }
            // The year just after the verb ("fondata nel 2004", "fue creada
            // por la UNESCO en 2004"), before any other date or city.
            // "established as an association of European local
            // authorities in 1990": further on, past a place ("in Gdańsk").
            let year = els[k + 1..r.end]
                .iter()
                .take(10)
                // ("istituito la rete delle Città Creative nel 2004": past
                // the network's own words.)
                .take_while(|x| !matches!(x.e, E::Kw(_)) || matches!(x.e, E::Kw(Kw::NetworkRef | Kw::CreativeCity)))
                // ... or before it, at the head of a timeline's line ("2005
                // – C40 is founded").
                .chain(els[r.start..k].iter().rev().take(5).take_while(|x| !matches!(x.e, E::Kw(_) | E::City(_))))
                // ... or before its founders ("wurde 1990 von Frankfurt und
                // München gegründet").
                .chain(els[r.start..k].iter().rev().take(24).skip_while(|x| !self.is_word(Some(x), &["von", "durch"])).take_while(|x| !matches!(x.e, E::Kw(_))))
                .find_map(|x| if let E::Date(DateValue::Point(d)) = x.e { Some(d) } else { None });
            let Some(year) = year else { continue };
            // The network: named in the sentence before the verb, else after.
            let explicit = (r.start..k).rev().find_map(|j| match els[j].e {
                E::Net(n) => Some(n),
                _ => None,
            });
            // "una Rete, creata nel 2004", "Né en 1999 en Italie ..., ce
            // mouvement prône": a word for a network beside the verb is the
            // page's network.
            const NET_WORDS: &[&str] = &["rete", "network", "réseau", "red", "netzwerk", "mouvement", "movimento", "movimiento", "movement", "associazione", "association", "asociación"];
            let refers = |j: usize| self.is_word(Some(&els[j]), NET_WORDS) || els[j].e == E::Kw(Kw::NetworkRef);
            // ("ein 1990 gegründetes Netzwerk": the word right after it.)
            // ("Depuis sa création en 1990": a possessive before it.)
            let possessive = k > r.start && self.is_word(Some(&els[k - 1]), super::items::POSSESSIVES);
            let beside = possessive || (k.saturating_sub(3).max(r.start)..k).any(refers) || (k + 1 < r.end && refers(k + 1)) || (k == r.start && (k + 1..els.len().min(k + 24)).any(refers));
            // "ha istituito la rete delle Città Creative": the network of
            // the creative cities named right after the verb.
            let creative_after = els.get(k + 1).is_some_and(|x| x.e == E::Kw(Kw::NetworkRef))
                && els[k + 1..r.end].iter().take(3).any(|x| x.e == E::Kw(Kw::CreativeCity));
            let net = explicit
                .or_else(|| if creative_after { self.uccn } else { None })
                .or_else(|| (r.start..k).rev().find_map(|j| self.organ_at(els, j, nets).filter(|o| o.body.is_none()).map(|o| o.net)))
                .or_else(|| (k + 1..r.end).find_map(|j| if let E::Net(n) = els[j].e { Some(n) } else { None }))
                .or_else(|| if beside { nets.first().copied().or(self.salient) } else { None });
            let Some(net) = net else { continue };
            // A city between the network and the verb is what was founded
            // ... unless the city founded it ("von Frankfurt gegründet").
            let by_cities = (r.start..k).rev().take(24).any(|j| self.is_word(Some(&els[j]), &["von", "durch"]));
            if !by_cities && (r.start..k).rev().take(3).any(|j| matches!(els[j].e, E::City(_))) {
                continue;
            }
            self.founders(els, k, r, net, year, s, e);
            // A founding is dated by its year, however precise the text.
            let year = PartialDate::year(year.year_value()).unwrap_or(year);
            let fact = Fact::Founded { network: self.net_name(net), year: Some(year) };
            self.push(fact, s, e);
        }
    }

    /// The cities that founded a network are its members from then:
    /// "founded in 1986 by the mayors of six cities: Barcelona, Lyon,
    /// ...", "1989 von Essen, Gießen und Mainz gegründet".
    #[allow(clippy::too_many_arguments)]
    fn founders(&mut self, els: &[El], k: usize, r: &Range, net: u16, since: PartialDate, s: usize, e: usize) {
        // ... or "on the initiative of": "nata nel 1999 per iniziativa dei
        // sindaci di Bra, Greve in Chianti, Orvieto e Positano".
        const BY: &[&str] = &["by", "von", "par", "por", "da", "dai", "dalle", "dalla", "durch", "iniziativa", "initiative", "iniciativa"];
        let agent = (k + 1..r.end).take(8).find(|&j| self.is_word(Some(&els[j]), BY)).or_else(|| (r.start..k).rev().take(24).find(|&j| self.is_word(Some(&els[j]), BY)));
        let Some(agent) = agent else { return };
        // Past the words that describe them ("the mayors of six cities:").
        let first = (agent + 1..r.end).take(8).take_while(|&j| matches!(els[j].e, E::W { .. } | E::P(':'))).last().map_or(agent + 1, |j| j + 1);
        let (list, _) = self.list_after(els, first, r.end);
        if list.len() < 2 || Some(net) == self.uccn || self.negated(els, k, r) {
            return;
        }
        let cue = self.cue;
        self.cue = Cue::new("founders of a network", 0.75);
        for (_, c) in list {
            let fact = Fact::Membership { city: self.city_name(c), country: self.city_country(c), network: self.net_name(net), since: Some(since), until: None };
            self.push(fact, s, e);
        }
        self.cue = cue;
    }

    /// "i delegati di Alba, Bergamo e Parma ...": the cities of the network
    /// the document is about.
    pub(super) fn delegates(&mut self, els: &[El], r: &Range, s: usize, e: usize) {
        for k in r.clone() {
            if els[k].e != E::Kw(Kw::Delegates) {
                continue;
            }
            let Some(net) = self.salient else { return };
            let (list, _) = self.list_after(els, k + 1, r.end);
            if list.len() < 2 {
                continue;
            }
            for (_, c) in list {
                if Some(net) == self.uccn {
                    self.designation(c, None, None, s, e);
                } else {
                    let fact = Fact::Membership {
                        city: self.city_name(c),
                        country: self.city_country(c),
                        network: self.net_name(net),
                        since: None,
                        until: None,
                    };
                    self.push(fact, s, e);
                }
            }
        }
    }

    /// "member cities include Berlin, Montreal and Turin", "Zu den
    /// Musikstädten des Netzwerks gehören Bologna, Sevilla und Gent", "des
    /// villes de littérature comme Édimbourg, Dublin et Cracovie": a list
    /// after an inclusion word, of the field named before it (UCCN) or of
    /// the network whose members it lists.
    pub(super) fn member_list(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        const INCLUDE: &[&str] = &[
            "include", "includes", "including", "are", "tra", "come", "comme", "notamment", "como", "entre", "gehören",
            "darunter", "wie", "sind", "son", "sont", "sono", "figuran", "figurano", "figurent", "destacan", "zählen",
            "comprend", "comprende", "comprenden", "umfasst",
        ];
        const SKIP: &[&str] = &["cui", "queste", "questi", "such", "as", "unter", "anderem", "ellas", "ellos", "anche", "also", "among", "them", "others", "otras", "altre"];
        for k in r.clone() {
            // "Cittaslow network in Italy: Abbiategrasso, Acquapendente,
            // Amalfi", "Signatories: Almada (Portugal), Aarhus (Denmark),
            // ...": a colon after a network or a noun of members, and no
            // other relation, introduces three places or more.
            // ... or after a verb of membership and the network it names,
            // however described ("i comuni che fanno parte della rete
            // internazionale delle città del buon vivere: Anghiari, ...").
            let colon = els[k].e == E::P(':') && {
                let before = &els[r.start..k];
                let joined = before.iter().any(|x| matches!(x.e, E::Kw(Kw::TakePart | Kw::Join)));
                let plain = !before.iter().any(|x| matches!(x.e, E::City(_) | E::Date(_) | E::Role(_) | E::Field(_) | E::CField(_)) || matches!(x.e, E::Kw(kw) if !matches!(kw, Kw::Member | Kw::NetworkRef | Kw::NetHead | Kw::TakePart | Kw::Join)));
                let member_noun = before.iter().any(|x| x.e == E::Kw(Kw::Member));
                let plain = plain && k - r.start <= if joined { 16 } else if member_noun { 12 } else { 8 };
                plain && (before.iter().any(|x| x.e == E::Kw(Kw::Member)) || (r.start..k).any(|j| self.organ_at(els, j, nets).is_some_and(|o| o.body.is_none())))
            };
            if !colon && !self.is_word(Some(&els[k]), INCLUDE) {
                continue;
            }
            let mut j = k + 1;
            // ... past where they are ("sind in Deutschland unter anderem").
            while j < r.end
                && (self.is_word(els.get(j), SKIP)
                    || els[j].e == E::P(':')
                    || (self.is_word(els.get(j), &["in", "im", "en", "au"]) && matches!(els.get(j + 1).map(|x| x.e), Some(E::Country(_))))
                    || (matches!(els[j].e, E::Country(_)) && j > k + 1 && self.is_word(els.get(j - 1), &["in", "im", "en", "au"])))
            {
                j += 1;
            }
            let (mut list, _) = self.list_after(els, j, r.end);
            // "6 Mitgliedskommunen ... geschickt: Camille Gira (Beckerich),
            // Laurent Hennes (Walferdange), ...": people, each with the town
            // they stand for.
            if colon && list.is_empty() {
                list = self.towns_of_people(els, j, r.end);
            }
            if list.len() < if colon { 3 } else { 2 } || list.first().is_some_and(|&(i, _)| i > j + 1 && !colon) || self.negated(els, k, r) {
                continue;
            }
            // A city in parentheses with a field is the parenthesis rule's.
            let before = &els[r.start..k];
            // The field named before it, else earlier in the paragraph
            // ("the Film cluster ... has grown. Its member cities include").
            let field = before.iter().rev().find_map(|x| match x.e {
                E::Field(f) | E::CField(f) => Some(f),
                _ => None,
            }).or_else(|| self.para_field.filter(|_| before.iter().any(|x| matches!(x.e, E::Kw(Kw::Member | Kw::NetworkRef)))));
            // "La rete Cittaslow conta 85 comuni, tra cui", "Le città
            // italiane di EUROCITIES sono": a network and a plural noun of
            // towns before the list say it lists members.
            let towns_of_network = before.iter().any(|x| self.is_word(Some(x), TOWN_NOUNS))
                && (r.start..k).any(|j| self.organ_at(els, j, nets).is_some_and(|o| o.body.is_none() && Some(o.net) != self.uccn));
            // ... or a noun or adjective of membership ("i comuni aderenti
            // sono oltre 500, tra cui").
            // ... or words of designation ("designó a 66 nuevas ciudades
            // creativas, entre ellas Cáceres, ...").
            let designated = self.uccn_context && before.iter().any(|x| matches!(x.e, E::Kw(Kw::Designated))) && before.iter().any(|x| matches!(x.e, E::Kw(Kw::CreativeCity)));
            // "Tra queste: Bologna, ...", "Among them are ...": a list that
            // opens the sentence after one about members goes on with it.
            // ("Las ciudades son Rosario, ...": after a determiner and a
            // noun of towns too.)
            let said = self.membership_said.filter(|&(n, _)| n + 1 == self.sentence_no);
            let continues = said.is_some()
                && k <= r.start + 3
                && before.iter().all(|x| self.is_word(Some(x), SKIP) || self.is_word(Some(x), INCLUDE) || self.is_word(Some(x), DETERMINERS) || self.is_word(Some(x), TOWN_NOUNS));
            let member = colon || towns_of_network || designated || continues || before.iter().any(|x| matches!(x.e, E::Kw(Kw::Member | Kw::Join)));
            let copula = self.is_word(Some(&els[k]), &["are", "sind", "son", "sont", "sono"]);
            if let (Some(f), true) = (field, self.uccn_context) {
                if copula && !member && !before.iter().any(|x| matches!(x.e, E::Kw(Kw::NetworkRef | Kw::CreativeCity) | E::Net(_))) {
                    continue;
                }
                for &(_, c) in &list {
                    self.designation(c, Some(f), None, s, e);
                }
            } else if (member && !copula) || (copula && (towns_of_network || continues || before.iter().any(|x| matches!(x.e, E::Kw(Kw::Join | Kw::TakePart | Kw::Member))))) {
                // The network of the clause, else one just named, else the
                // page's.
                // ... or the body of seats the sentence it goes on named.
                let organ = (r.start..k)
                    .find_map(|j| self.organ_at(els, j, nets))
                    .or(said.filter(|_| continues).and_then(|(_, seats)| seats))
                    .or_else(|| self.organ_nearby(nets))
                    .or_else(|| self.salient.map(|net| Organ { net, body: None }));
                let Some(o) = organ else { continue };
                for &(_, c) in &list {
                    if Some(o.net) == self.uccn {
                        self.designation(c, None, None, s, e);
                    } else if o.body.is_some() && self.has_seats(o) {
                        let fact = Fact::Role { holder: self.city_name(c), role: Role::Member, organ: self.organ_name(o), from: None, to: None };
                        self.push(fact, s, e);
                    } else if o.body.is_none() {
                        let fact = Fact::Membership {
                            city: self.city_name(c),
                            country: self.city_country(c),
                            network: self.net_name(o.net),
                            since: None,
                            until: None,
                        };
                        self.push(fact, s, e);
                    }
                }
            }
        }
    }

    /// "Past hosts include Santa Fe, New Mexico (2008), Seoul (2010) and
    /// Beijing (2012)", "à Édimbourg (2018) et Gdańsk (2017)": hosts each
    /// with a year in parentheses, in a clause about meetings.
    pub(super) fn host_list(&mut self, els: &[El], r: &Range, s: usize, e: usize, nets: &[u16]) {
        let about_meetings = els[r.clone()].iter().any(|x| matches!(x.e, E::Kw(Kw::Host | Kw::HeldIn | Kw::Event(_))));
        let designation = els[r.clone()].iter().any(|x| matches!(x.e, E::Kw(Kw::Designated | Kw::CreativeCity) | E::CField(_) | E::Field(_)));
        if !about_meetings || designation {
            return;
        }
        let mut items: Vec<(u32, DateValue)> = Vec::new();
        for k in r.clone() {
            let E::City(c) = els[k].e else { continue };
            // The city, maybe its region or country, then "(2008)".
            let mut j = k + 1;
            // "Leipzig 2020, Prague 2019": the year right after, then the
            // list goes on.
            let separator = |q: usize| q >= r.end || matches!(els[q].e, E::P(',' | ';' | '.')) || self.is_word(Some(&els[q]), LIST_JOINERS);
            if let Some(E::Date(d @ DateValue::Point(_))) = els.get(j).filter(|_| j < r.end).map(|x| x.e)
                && separator(j + 1)
            {
                items.push((c, d));
                continue;
            }
            // "Past conferences: 2019 Fabriano (Italy), 2018 Krakow and
            // Katowice (Poland)": the year before each host, and a host
            // joined to the one before shares its year.
            if k > r.start
                && let E::Date(d @ DateValue::Point(_)) = els[k - 1].e
                && (k - 1 == r.start || matches!(els[k - 2].e, E::P(',' | ';' | ':')) || self.is_word(Some(&els[k - 2]), LIST_JOINERS))
            {
                items.push((c, d));
                continue;
            }
            if k >= r.start + 2
                && self.is_word(Some(&els[k - 1]), LIST_JOINERS)
                && let E::City(before) = els[k - 2].e
                && let Some(&(last, d)) = items.last()
                && last == before
                && els.get(j).is_none_or(|x| !matches!(x.e, E::Date(_)))
            {
                items.push((c, d));
                continue;
            }
            while j < r.end && j <= k + 4 && matches!(els[j].e, E::P(',') | E::W { cap: true } | E::Country(_)) {
                j += 1;
            }
            if els.get(j).is_none_or(|x| x.e != E::P('(')) || j >= r.end {
                continue;
            }
            let Some(close) = els[j..r.end].iter().position(|x| x.e == E::P(')')).map(|p| j + p) else { continue };
            let inner = &els[j + 1..close];
            let date = match inner {
                [x] => match x.e {
                    E::Date(d @ (DateValue::Point(_) | DateValue::Range(..))) => Some(d),
                    _ => None,
                },
                _ => None,
            };
            if let Some(d) = date {
                items.push((c, d));
            }
        }
        let host_word = els[r.clone()].iter().any(|x| matches!(x.e, E::Kw(Kw::Host | Kw::HeldIn)));
        if items.len() < 2 && !(host_word && items.len() == 1) {
            return;
        }
        let ev_k = r.clone().find(|&k| matches!(els[k].e, E::Kw(Kw::Event(_))));
        let kind = ev_k.and_then(|k| if let E::Kw(Kw::Event(t)) = els[k].e { Some(t) } else { None }).or(self.last_event).unwrap_or(EventType::Meeting);
        let network = match ev_k {
            Some(k) => self.event_network(els, k, r, nets),
            None => nets.first().copied().or(self.salient),
        };
        let Some(network) = network else { return };
        for (c, d) in items {
            self.event(network, kind, None, c, d, s, e);
        }
    }
}

/// Whether `word` lower-cased is `lower`.
#[inline]
/// The office a presidency word names: a vice-presidency, a body's chair,
/// else the network's presidency.
fn office_role(vice: bool, organ: Organ) -> Role {
    match (vice, organ.body.is_some()) {
        (false, false) => Role::President,
        (false, true) => Role::Chair,
        (true, _) => Role::VicePresident,
    }
}

/// A holder's term as a date states it: a range from and to, a year or
/// "since" from; None for an end alone.
/// The first date of a meeting, or a later one of the same year that is
/// more precise ("the 2024 Annual Conference in Braga, from 1 to 5 July
/// 2024").
fn most_precise(dates: impl Iterator<Item = DateValue>) -> Option<DateValue> {
    let dates: Vec<DateValue> = dates.filter(|d| matches!(d, DateValue::Point(_) | DateValue::Range(..))).collect();
    let first = *dates.first()?;
    let year = first.start();
    if year.month().is_some() {
        return Some(first);
    }
    Some(dates.into_iter().find(|d| d.start().year_value() == year.year_value() && d.start().month().is_some()).unwrap_or(first))
}

pub(super) fn term(d: DateValue) -> Option<(Option<PartialDate>, Option<PartialDate>)> {
    match d {
        DateValue::Range(a, b) => Some((Some(a), Some(b))),
        DateValue::Point(a) | DateValue::Since(a) => Some((Some(a), None)),
        DateValue::Until(_) => None,
    }
}

fn eq_lowercase(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(lower);
    }
    // Accented letters keep their length in either case.
    word.len() == lower.len() && word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// The value of a Roman numeral of two or more letters ("XIII"), up to 50.
fn roman(w: &str) -> Option<u32> {
    if w.len() < 2 || !w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L')) {
        return None;
    }
    let val = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        _ => 50,
    };
    let b = w.as_bytes();
    let mut n: i32 = 0;
    for i in 0..b.len() {
        let v = val(b[i]);
        if b.get(i + 1).is_some_and(|&nb| val(nb) > v) {
            n -= v;
        } else {
            n += v;
        }
    }
    (1..=50).contains(&n).then_some(n as u32)
}
