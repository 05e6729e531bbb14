//! One document: its date, its sentences and clauses, the entities in them
//! and the relation rules that turn them into facts.
//!
//! Each sentence becomes a sequence of [`El`]ements: recognised names
//! (cities, networks, bodies, fields, roles), relation signals ([`Kw`]),
//! dates and the remaining words and punctuation. Rules read these
//! sequences the way a reader does: a subject before a verb, an object
//! after it, a list of cities with a field in parentheses, a date in the
//! same clause. The document's subject (the last city that was a subject)
//! stands in for pronouns and elided subjects; "the network" and a bare
//! body name ("the Executive Committee") resolve to the network the
//! document is about.

use std::collections::HashMap;

use citynets_model::{fold, Fact, Field, PartialDate, Role};

use crate::dates::{find_dates, DateValue};
use crate::lexicon::{is_coordination, EventType, Kw, Sense, AMBIGUOUS_AT_START, NOT_CITIES_IN, SUBJECT_NEXT};
use crate::token::{lower_into, starts_upper, tokenize, Kind};
use crate::{Extracted, Extractor};

/// An element of a sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
enum E {
    City(u32),
    Country(u16),
    Net(u16),
    Organ(u16, u16),
    /// A bare body name: the pattern id, whose senses list the candidates.
    Bodies(u32),
    Field(Field),
    CField(Field),
    Role(Role),
    Kw(Kw),
    Date(DateValue),
    Ordinal(u32),
    P(char),
    /// Another word; `cap` when capitalised.
    W { cap: bool },
}

#[derive(Clone, Copy, Debug)]
struct El {
    start: usize,
    end: usize,
    e: E,
    /// For a body named after a city ("the Brussels office"): the city.
    city_in_name: Option<u32>,
    /// For a word that names a city only where the structure says so (a
    /// common word at the start of a sentence, "Alba", "Nice"): the city.
    maybe_city: Option<u32>,
}

/// A raw match of the automaton, with word boundaries checked.
#[derive(Clone, Copy)]
pub(crate) struct Mention {
    start: usize,
    end: usize,
    pattern: u32,
}

const LIST_JOINERS: &[&str] = &["and", "e", "ed", "et", "y", "und", "&"];
const CLAUSE_CONJ: &[&str] = &[
    "whereas", "while", "but", "and", "mentre", "invece", "ma", "e", "tandis", "alors", "mais", "et", "mientras",
    "pero", "y", "während", "aber", "sondern", "und",
];
const LOCATIVE: &[&str] = &["in", "at", "a", "à", "en", "im", "nach", "ad", "au"];
const OF: &[&str] = &[
    "of", "di", "del", "della", "dello", "dei", "degli", "delle", "de", "des", "du", "von", "der", "des", "in", "im",
    "nel", "nella", "al", "alla", "all", "nell", "dell", "within", "within the", "en", "within", "d",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "il", "lo", "la", "l", "i", "gli", "le", "un", "una", "uno", "les", "el", "los", "las", "der",
    "die", "das", "den", "dem", "its", "their", "his", "her", "sua", "suo", "son", "sa", "su", "sein", "seine",
];
const BOILERPLATE: &[&str] = &[
    "similar content", "related content", "related articles", "related posts", "related news", "read also",
    "see also", "you may also like", "more news", "leggi anche", "articoli correlati", "potrebbe interessarti",
    "notizie correlate", "contenuti correlati", "voir aussi", "a lire aussi", "lire aussi", "articles similaires",
    "articles lies", "sur le meme sujet", "noticias relacionadas", "articulos relacionados", "te puede interesar",
    "lee tambien", "ahnliche artikel", "verwandte artikel", "das konnte sie auch interessieren", "weitere artikel",
    "mehr zum thema", "lesen sie auch",
];
const PUBLISHED_LABELS: &[&str] = &[
    "posted on", "published on", "published", "posted", "pubblicato il", "pubblicato", "publie le", "publie",
    "publicado el", "publicado", "veroffentlicht am", "veroffentlicht", "date", "data", "datum", "fecha",
];
const UPDATED_LABELS: &[&str] = &[
    "ultimo aggiornamento", "last updated", "last update", "updated", "aggiornato", "mis a jour", "actualizado",
    "aktualisiert", "stand",
];

struct Ctx<'a, 'g> {
    x: &'a Extractor<'g>,
    text: &'a str,
    published: Option<PartialDate>,
    /// Network counts → the network the document is about.
    salient: Option<u16>,
    /// Networks explicitly named in the document.
    named_networks: Vec<u16>,
    coordination: Option<u16>,
    uccn: Option<u16>,
    uccn_context: bool,
    topic: Option<u32>,
    /// The networks named in the last sentences (most recent last).
    recent: Vec<(usize, u16)>,
    sentence_no: usize,
    /// The document's language.
    lang: Option<&'a str>,
    /// The city the document is about: named most often, and more than once.
    doc_city: Option<u32>,
    /// The kind of the last event named, for lists of hosts with no noun.
    last_event: Option<EventType>,
    /// The field last named in the paragraph.
    para_field: Option<Field>,
    /// Facts with their sentence's byte span, found so far.
    facts: Vec<Found>,
    /// The last sentence before this one that spoke of members or
    /// joining ("... sono oltre 400. Tra queste: Bologna, Firenze ..."),
    /// with the body of seats it named ("los miembros del Consejo de
    /// Mercociudades ... Las ciudades son Rosario, ...").
    membership_said: Option<(usize, Option<rules::Organ>)>,
    /// People the page names as a city's mayor ("Stefano Pisani, sindaco
    /// di Pollica"): a role such a person holds is the city's.
    mayors: HashMap<String, u32>,
    /// The cue of the rule running now: what its facts are stamped with.
    cue: Cue,
    /// What the last heading or introducing line says the items after it
    /// are.
    frame: Option<items::Frame>,
    /// Whether the page is about twinning (it names one).
    twin_context: bool,
    /// The year of designations listed as news: the page's own year when
    /// it tells of new designations.
    item_year: Option<i32>,
    /// Networks the catalogue lacks, found by their shape: network index
    /// `catalogue_len + i` names `shaped[i]`.
    shaped: Vec<shaped::ShapedNetwork>,
    /// Where the text names them: `(start, end, index)`, sorted.
    shaped_spans: Vec<(usize, usize, usize)>,
    catalogue_len: usize,
    /// The last body named, with its sentence number: "Diesem gehören"
    /// in the next sentence speaks of it.
    last_body: Option<(usize, rules::Organ)>,
    /// The first city of the page's opening heading: the town a page of
    /// twin towns is about.
    title_city: Option<u32>,
    /// The town a sentence gave twins without naming them ("Tübingen hat
    /// sieben Partnerstädte"): the owner of the twins listed after it.
    twin_owner: Option<u32>,
    /// Twins listed before the page said whose they are ("Épinal,
    /// Frankreich" under "Partnerstädte", then "Zamość ist Partnerstadt
    /// von Schwäbisch Hall"): the page's town takes them at the end.
    pending_twins: Vec<(items::Place, Option<PartialDate>, usize, usize)>,
    /// The sentence number of an infobox label alone on its line
    /// ("Headquarters", "Secretary general") and what it labels: the next
    /// line is its value.
    label: Option<(usize, rules::Label)>,
    /// Whether the most named city, taken for the page's town, is itself
    /// listed as a twin: then it is not the page's town.
    doc_city_is_twin: bool,
    /// The sentence and network of the last list of members, which the
    /// next sentence may go on with ("También, A, B, C").
    last_members: Option<(usize, u16)>,
    /// How the text writes each city it names (its fullest mention).
    spellings: HashMap<u32, &'a str>,
    /// The national coordination the page names, and its country: that
    /// country's creative cities listed here are its members.
    coordination_members: Option<(u16, &'a str)>,
    /// Whether the page tells of a city joining that coordination: then
    /// the creative cities it lists are not stated to be members.
    coordination_joined: bool,
    /// Town names read as German nouns, by the mention's start, with the
    /// town: a place slot may still take them.
    nouns: HashMap<usize, u32>,
}

/// The cue of a member of a national coordination read from a creative
/// city of its country on a page that names the coordination.
const COORDINATION_MEMBER: Cue = Cue::new("creative city on a page of its national coordination", 0.7);

/// The cue of a twin listed on its town's page (the weight is the known
/// town's; an unknown twin's is lower).
const TWIN_OF_PAGE_TOWN: Cue = Cue::new("twin town item on the town's page", 0.75);

/// Why a fact was proposed: the rule's cue and its weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Cue {
    pub name: &'static str,
    pub confidence: f32,
}

impl Cue {
    pub const fn new(name: &'static str, confidence: f32) -> Cue {
        Cue { name, confidence }
    }
}

/// A fact found in a sentence, before facts with the same key are merged.
#[derive(Clone, Debug)]
struct Found {
    fact: Fact,
    /// Byte span of the sentence that states it.
    start: usize,
    end: usize,
    /// Whether a date in it is only the document's date standing in for an
    /// unstated one.
    provisional: bool,
    cue: Cue,
    new_entity: bool,
}

/// Analyses a plain text: returns its date and its facts.
pub(crate) fn analyse(x: &Extractor<'_>, text: &str, lang: Option<&str>) -> (Option<PartialDate>, Vec<Extracted>) {
    let cut = boilerplate_cut(text);
    let body = &text[..cut];
    let published = published_date(text, cut);
    let mentions = find_mentions(x, body, lang);
    let g = x.gazetteer;
    let nets = g.networks();
    let uccn = nets.iter().position(|n| n.key == "uccn").map(|i| i as u16);
    let coordination_candidates: Vec<u16> = nets
        .iter()
        .enumerate()
        .filter(|(_, n)| is_coordination(n.kind, &n.name))
        .map(|(i, _)| i as u16)
        .collect();
    // Network counts and context countries.
    let mut counts: HashMap<u16, usize> = HashMap::new();
    let mut countries: Vec<String> = Vec::new();
    let mut coord_refs = 0;
    let mut uccn_context = false;
    let mut twin_context = false;
    let mut designation_news = false;
    for (i, m) in mentions.iter().enumerate() {
        // "le Réseau des villes créatives", "la Red de Ciudades Creativas":
        // the network words name the UNESCO network.
        let creative_next = || {
            mentions.get(i + 1).is_some_and(|n| n.start <= m.end + 12 && x.lexicon.flags[n.pattern as usize].has(crate::lexicon::PatternFlags::CREATIVE))
        };
        if x.lexicon.flags[m.pattern as usize].has(crate::lexicon::PatternFlags::NETWORK_REF)
            && let Some(u) = uccn
            && creative_next()
        {
            *counts.entry(u).or_default() += 1;
        }
        for s in &x.lexicon.senses[m.pattern as usize] {
            match *s {
                Sense::Network(n) | Sense::Organ(n, _) => {
                    *counts.entry(n).or_default() += 1;
                    if Some(n) == uccn {
                        uccn_context = true;
                    }
                }
                Sense::Kw(Kw::CoordRef) => coord_refs += 1,
                Sense::Kw(Kw::Twin | Kw::TwinNoun | Kw::TwinBetween) => twin_context = true,
                Sense::Kw(Kw::Designated) => designation_news = true,
                Sense::Kw(Kw::CreativeCity) | Sense::CreativeField(_) => uccn_context = true,
                Sense::Country(c) => countries.push(g.countries()[c as usize].code.clone()),
                _ => {}
            }
        }
    }
    // A bare "Coordinamento" names the national coordination whose parent
    // network the document names.
    let coordination = coordination_candidates.iter().copied().find(|&c| {
        counts.contains_key(&c)
            || nets[c as usize].parent.as_deref().is_some_and(|p| {
                nets.iter().position(|n| n.key == p).is_some_and(|pi| counts.contains_key(&(pi as u16)))
                    || (p == "uccn" && uccn_context)
            })
    });
    if let Some(c) = coordination {
        *counts.entry(c).or_default() += coord_refs;
    }
    // A page that names a national coordination of the UNESCO network
    // lists its members when it lists that country's creative cities.
    let coordination_members = coordination
        .filter(|c| counts.get(c).is_some_and(|&n| n > 0) && nets[*c as usize].parent.as_deref() == Some("uccn"))
        .and_then(|c| g.network_country(c as usize).map(|cc| (c, cc)));
    // Networks the catalogue lacks count like the others.
    let (shaped, shaped_spans) = shaped::shaped_networks(x, body, &mentions);
    for &(_, _, i) in &shaped_spans {
        *counts.entry((nets.len() + i) as u16).or_default() += 1;
    }
    let mut named_networks: Vec<u16> = counts.keys().copied().filter(|&n| counts[&n] > 0).collect();
    named_networks.sort_by_key(|n| (std::cmp::Reverse(counts[n]), *n));
    // The most named network; on a tie the more specific (national) one.
    let salient = named_networks
        .iter()
        .copied()
        .max_by_key(|n| (counts[n], nets.get(*n as usize).is_some_and(|n| n.parent.is_some()), std::cmp::Reverse(*n)))
        // A page of creative cities that names no network by name is about
        // the UNESCO network ("Dénia ingresó en 2015 en la red como Ciudad
        // Creativa de la Gastronomía").
        .or(uccn.filter(|_| uccn_context));
    match lang {
        Some("it") => countries.push("IT".into()),
        Some("fr") => countries.push("FR".into()),
        Some("es") => countries.push("ES".into()),
        Some("de") => countries.push("DE".into()),
        _ => {}
    }
    let (resolved, nouns) = resolve_cities(x, body, &mentions, &countries, lang);
    let doc_city = {
        let mut n: HashMap<u32, usize> = HashMap::new();
        // (A name written in lower case is a word: Spanish "como".)
        for (m, c) in mentions.iter().zip(&resolved) {
            if let Some(c) = c
                && starts_upper(&body[m.start..m.end])
            {
                *n.entry(*c).or_default() += 1;
            }
        }
        let mut v: Vec<(usize, u32)> = n.into_iter().map(|(c, k)| (k, c)).collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        match v.as_slice() {
            // A twin named twice is no page's town: the town is named
            // three times or more, and more often than any other.
            [(a, c), (b, _), ..] if *a >= 3 && a > b => Some(*c),
            [(a, c)] if *a >= 2 => Some(*c),
            _ => None,
        }
    };

    let mut ctx = Ctx {
        x,
        text,
        published,
        salient,
        named_networks,
        coordination,
        uccn,
        uccn_context,
        topic: None,
        recent: Vec::new(),
        sentence_no: 0,
        lang,
        doc_city,
        last_event: None,
        para_field: None,
        facts: Vec::new(),
        mayors: HashMap::new(),
        membership_said: None,
        cue: Cue::new("rule", 0.8),
        frame: None,
        twin_context,
        item_year: published.filter(|_| designation_news).map(|p| p.year_value()),
        shaped,
        shaped_spans,
        catalogue_len: nets.len(),
        last_body: None,
        title_city: None,
        twin_owner: None,
        pending_twins: Vec::new(),
        label: None,
        doc_city_is_twin: false,
        last_members: None,
        spellings: HashMap::new(),
        coordination_members,
        coordination_joined: false,
        nouns,
    };
    // The fullest way the text writes each city ("Freiburg im Breisgau"
    // over a later "Freiburg").
    for (m, c) in mentions.iter().zip(&resolved) {
        if let Some(c) = c {
            let written = &body[m.start..m.end];
            let known = ctx.spellings.entry(*c).or_insert(written);
            if written.len() > known.len() {
                *known = written;
            }
        }
    }
    // A secretariat or an office placed somewhere says where a network
    // sits ("ICLEI's World Secretariat is located in Bonn").
    let seat_body = |s: &Sense| matches!(*s, Sense::Body(n, b) if office_body(nets, n, b));
    let mut mi = 0;
    for (s, e) in sentences(body) {
        while mi < mentions.len() && mentions[mi].start < s {
            mi += 1;
        }
        let mut mj = mi;
        while mj < mentions.len() && mentions[mj].end <= e {
            mj += 1;
        }
        let ms = &mentions[mi..mj];
        // Only sentences with a signal are read further.
        let has_signal = ms.iter().any(|m| {
            x.lexicon.senses[m.pattern as usize].iter().any(|s| matches!(s, Sense::Kw(k) if !matches!(k, Kw::Negation | Kw::Next | Kw::Past | Kw::Now | Kw::Ordinal(_) | Kw::NetHead)) || matches!(s, Sense::CreativeField(_) | Sense::Role(_)) || matches!(s, Sense::GenericBody(g) if !crate::lexicon::named_with_network_only(*g)) || (uccn_context && matches!(s, Sense::Field(_))) || seat_body(s))
        }) || names_three_cities(&resolved[mi..mj]);
        // A paragraph ends at a blank line.
        if body[..s].trim_end_matches([' ', '\t']).ends_with("\n\n") || body[..s].trim_end_matches([' ', '\t', '\r']).ends_with("\n\n") {
            ctx.para_field = None;
        }
        // A question states nothing ("è membro di Cittaslow? No, ...").
        let question = body[..e].ends_with('?');
        let shape = LineShape::of(body, s, e);
        // Only a line that names something (or writes a year, as a pair of
        // towns the gazetteer lacks does) is read as an item.
        let names_something = || !ms.is_empty() || body[s..e].bytes().any(|b| b.is_ascii_digit());
        // (A heading under a frame is one of its items.)
        if ctx.sentence_no < 3 && shape.heading && ctx.title_city.is_none() && ctx.frame.is_none() {
            ctx.title_city = resolved[mi..mj].iter().flatten().next().copied();
        }
        // With no frame open, a line is read as an item only when it may
        // be one: a field on a UNESCO page, a dash between towns on a page
        // about twinning. A heading is read only when it names a cue of a
        // frame. Reading every short line costs a quarter of the time.
        let senses = |f: &dyn Fn(&Sense) -> bool| ms.iter().any(|m| x.lexicon.senses[m.pattern as usize].iter().any(f));
        let may_be_item = || {
            ctx.frame.is_some()
                || (ctx.uccn_context && senses(&|s| matches!(s, Sense::Field(_) | Sense::CreativeField(_))))
                || (ctx.twin_context && (body[s..e].contains(['-', '\u{2013}', '\u{2014}']) || [" con ", " mit ", " avec ", " with "].iter().any(|w| body[s..e].contains(w))))
        };
        let structural = shape.item && names_something() && may_be_item();
        let frame_cue = || {
            senses(&|s| {
                matches!(
                    s,
                    Sense::Kw(Kw::Member | Kw::Join | Kw::Twin | Kw::TwinNoun | Kw::Event(_) | Kw::NetworkRef)
                        | Sense::Body(..)
                        | Sense::GenericBody(_)
                        | Sense::Organ(..)
                        | Sense::Network(_)
                        | Sense::Role(_)
                )
            })
        };
        let frames = shape.intro && frame_cue();
        let labelled = ctx.label.is_some_and(|(n, _)| n + 1 == ctx.sentence_no) && shape.item;
        if labelled {
            let els = elements(&ctx, s, e, ms, &resolved[mi..mj]);
            ctx.label_value(&els, s, e);
        }
        if (has_signal || structural || frames) && !question {
            let mut els = elements(&ctx, s, e, ms, &resolved[mi..mj]);
            // The date of a dateline is the document's, no fact's.
            // ... when it is the page's date: "20 maggio 2010 - Sottoscrizione
            // del Patto di Gemellaggio" in a timeline dates its row.
            let p = dateline_prefix(text, &els);
            let pages_date = els[..p].iter().any(|el| matches!(el.e, E::Date(DateValue::Point(d)) if Some(d) == ctx.published));
            for el in els[..p].iter_mut().filter(|_| pages_date) {
                // ... and so is its city ("Brussels, 4 June 2024 – members
                // of EUROCITIES elected ...").
                if matches!(el.e, E::Date(_) | E::City(_)) {
                    el.e = E::W { cap: false };
                }
            }
            let found = ctx.facts.len();
            if has_signal {
                ctx.sentence(&els, s, e);
            }
            if shape.item {
                ctx.item(&els, s, e);
            }
            if ctx.facts.len() == found {
                ctx.inline_items(&els, s, e);
            }
            ctx.update_frame(&els, shape);
        } else {
            if !shape.item && !shape.in_item {
                ctx.frame = None;
            }
            // Keep the document's subject and recent networks up to date.
            for m in ms {
                if let Some(Sense::Network(n)) = x.lexicon.senses[m.pattern as usize].first() {
                    ctx.recent.push((ctx.sentence_no, *n));
                }
            }
            // ... and the networks the catalogue lacks.
            let first = ctx.shaped_spans.partition_point(|&(start, _, _)| start < s);
            for i in first..ctx.shaped_spans.len() {
                let (start, _, idx) = ctx.shaped_spans[i];
                if start >= e {
                    break;
                }
                ctx.recent.push((ctx.sentence_no, (ctx.catalogue_len + idx) as u16));
            }
            if ctx.recent.len() > 32 {
                ctx.recent.drain(..16);
            }
        }
        ctx.sentence_no += 1;
        mi = mj;
    }
    if ctx.coordination_joined {
        ctx.facts.retain(|f| f.cue != COORDINATION_MEMBER);
    }
    ctx.resolve_pending_twins();
    if ctx.doc_city_is_twin && let Some(town) = ctx.doc_city.map(|c| ctx.city_name(c)) {
        ctx.facts.retain(|f| !(f.cue.name == TWIN_OF_PAGE_TOWN.name && matches!(&f.fact, Fact::Twinning { city, .. } if *city == town)));
    }
    ctx.give_mayors_roles_to_cities();
    let facts = merge(ctx.facts, text);
    (published, facts)
}

/// The elements of a dateline that opens a sentence ("Biella, 30 ottobre
/// 2019 – Biella è stata nominata"): a day-precise date among the first
/// elements, then a dash. Returns how many elements to skip.
fn dateline_prefix(text: &str, els: &[El]) -> usize {
    // "date 2022-08 La Città di Ivrea ...": a label and the page's date.
    if let [label, El { e: E::Date(_), .. }, ..] = els
        && matches!(label.e, E::W { .. })
        && PUBLISHED_LABELS.contains(&fold(&text[label.start..label.end]).as_str())
    {
        return 2;
    }
    let mut date = false;
    for (k, el) in els.iter().enumerate().take(9) {
        match el.e {
            E::Date(DateValue::Point(d)) if d.day().is_some() => date = true,
            E::P('–' | '—' | '-') if date => return k + 1,
            E::P('.' | ':' | '|') if date => return k + 1,
            E::City(_) | E::Country(_) | E::P(_) | E::W { .. } | E::Date(_) => {}
            _ => return 0,
        }
    }
    0
}

/// The byte offset where navigation or "related content" starts, if any.
fn boilerplate_cut(text: &str) -> usize {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n > 2 && line.len() < 80 {
            let f = fold(line);
            // "See also: List of twin towns" points elsewhere in a line of
            // its own, before the section goes on.
            let pointer = line.split_once(':').is_some_and(|(_, rest)| !rest.trim().is_empty());
            if !f.is_empty() && !pointer && BOILERPLATE.iter().any(|b| f == *b || f.starts_with(&format!("{b} "))) {
                return offset;
            }
        }
        offset += line.len();
    }
    text.len()
}

/// The document's own date: a labelled date ("POSTED ON 11 OCT 2013",
/// "date 2021-02"), refined by a dateline of the same period; else a
/// dateline near the top; else a "last updated" date; else the year before
/// the first year the text announces as coming ("the next meetings in 2021").
/// The largest char boundary of `s` at or before `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn published_date(text: &str, cut: usize) -> Option<PartialDate> {
    let lines: Vec<(usize, &str)> = {
        let mut off = 0;
        let mut v = Vec::new();
        for l in text[..cut].split_inclusive('\n') {
            if !l.trim().is_empty() {
                v.push((off, l));
            }
            off += l.len();
        }
        v
    };
    let dates_in = |s: &str| {
        let toks = tokenize(s, 0, s.len());
        find_dates(s, &toks, None)
    };
    let first_date = |from: usize| -> Option<PartialDate> {
        for (_, l) in lines.iter().skip(from).take(2) {
            if let Some(d) = dates_in(l).into_iter().find_map(|m| match m.value {
                DateValue::Point(d) => Some(d),
                _ => None,
            }) {
                return Some(d);
            }
        }
        None
    };
    let head = lines.len().min(30);
    let mut labelled = None;
    let mut updated = None;
    let mut dateline = None;
    for (k, (_, l)) in lines.iter().enumerate() {
        let near_top = k < head;
        let near_end = k + 8 >= lines.len();
        if !near_top && !near_end {
            continue;
        }
        // Labels open their line: its head is enough.
        let f = fold(&l[..floor_char_boundary(l, 48)]);
        let label = |set: &[&str]| set.iter().any(|lab| f.strip_prefix(lab).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')));
        if labelled.is_none() && near_top && label(PUBLISHED_LABELS) {
            labelled = first_date(k);
        } else if updated.is_none() && label(UPDATED_LABELS) {
            updated = first_date(k);
        } else if dateline.is_none() && near_top && k < 15 {
            // A line that is mostly one day-precise date, maybe glued to the
            // word before it by a flattened page ("© UNESCO31 October 2017").
            // ... so a date among the first words of a line: its head
            // is enough to find it.
            let unglued = unglue(l);
            let l = unglued.as_str();
            let ds = dates_in(&l[..floor_char_boundary(l, 160)]);
            if let Some(m) = ds.first()
                && let DateValue::Point(d) = m.value {
                    // Few words besides the date ("Nota de prensa – 1 de
                    // diciembre de 2014"), or a dateline opening a paragraph
                    // ("Biella, 30 ottobre 2019 – Biella è ...").
                    let outside = l[..m.start].split_whitespace().count() + l[m.end..].split_whitespace().count();
                    let rest = l[m.end..].trim_start();
                    let opening = l[..m.start].split_whitespace().count() <= 4
                        && (rest.is_empty() || rest.starts_with(['–', '—', '-', '.', ':', '|']));
                    if d.day().is_some() && (outside <= 5 || opening) {
                        dateline = Some(d);
                    }
                }
        }
    }
    match (labelled, dateline) {
        (Some(l), Some(d)) if l.contains(d) => return Some(d),
        (Some(l), _) => return Some(l),
        (None, Some(d)) => return Some(d),
        _ => {}
    }
    if updated.is_some() {
        return updated;
    }
    infer_year(&text[..cut])
}

/// `line` with a space between a letter and a digit right after it.
fn unglue(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut prev_letter = false;
    for c in line.chars() {
        if prev_letter && c.is_ascii_digit() {
            out.push(' ');
        }
        prev_letter = c.is_alphabetic();
        out.push(c);
    }
    out
}

/// The year before the first year the text speaks of as coming ("will
/// host the next meetings in 2021"), when no year it speaks of otherwise
/// comes after it. A year is spoken of as coming when a future word is among
/// the eight words before it.
fn infer_year(text: &str) -> Option<PartialDate> {
    const FUTURE: &[&str] = &[
        "next", "upcoming", "will", "prossim", "ospiter", "terr", "prochain", "aura", "accueillera", "próxim",
        "proxim", "será", "acogerá", "nächst", "wird", "werden", "kommend",
    ];
    let mut future: Option<i32> = None;
    let mut past: Option<i32> = None;
    let toks = tokenize(text, 0, text.len());
    let mut buf = String::new();
    for d in find_dates(text, &toks, None) {
        if d.value.start().month().is_some() {
            continue;
        }
        let k = toks.partition_point(|t| t.start < d.start);
        let is_future = toks[k.saturating_sub(8)..k].iter().filter(|t| t.kind == Kind::Word).any(|t| {
            let w = lower_into(t.text(text), &mut buf);
            FUTURE.iter().any(|f| w.starts_with(f))
        });
        let y = d.value.start().year_value();
        if is_future {
            future = Some(future.map_or(y, |f| f.min(y)));
        } else {
            past = Some(past.map_or(y, |p| p.max(y)));
        }
    }
    let f = future?;
    (past.is_none_or(|p| p < f)).then(|| PartialDate::year(f - 1).ok()).flatten()
}

/// Whether a sentence names three cities or more: its cue may be a plain
/// word ("Il Coordinamento riunisce A, B e C"), so it is read.
fn names_three_cities(cities: &[Option<u32>]) -> bool {
    cities.iter().flatten().nth(2).is_some()
}

/// Where a sentence stands in the page's layout.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineShape {
    /// A whole short line: a list item, a table row or a heading.
    item: bool,
    /// A heading (a short line with no final stop) or a line ending with a
    /// colon: it may say what the items after it are.
    intro: bool,
    heading: bool,
    /// A later sentence of a bulleted line: the item goes on.
    in_item: bool,
}

impl LineShape {
    fn of(text: &str, s: usize, e: usize) -> LineShape {
        let before = text[..s].trim_end_matches([' ', '\t']);
        let after = text[e..].trim_start_matches([' ', '\t', '\r']);
        let starts_line = before.is_empty() || before.ends_with('\n');
        let whole_line = starts_line && (after.is_empty() || after.starts_with('\n'));
        let line = &text[s..e];
        // "- Bragança (Portugal): Proximidad geográfica. Ambas ciudades
        // ...": a bulleted line's first sentence is its item.
        let bulleted = |t: &str| t.trim_start().starts_with(['-', '\u{2022}', '*', '\u{2013}', '\u{00b7}', '\u{25aa}']);
        let item = (whole_line || (starts_line && bulleted(line))) && line.len() <= 160;
        // (Looked for a few hundred bytes back only: a page of one long
        // line would make it quadratic.)
        let mut from = s.saturating_sub(400);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let in_item = !starts_line && text[from..s].rfind('\n').is_some_and(|i| bulleted(&text[from + i + 1..s]));
        let colon = line.trim_end_matches(|c: char| c == ']' || c == '[' || c.is_ascii_digit() || c == ' ').ends_with(':');
        let heading = whole_line && line.len() <= 60 && !line.ends_with(['.', ',', ';']);
        LineShape { item, intro: colon || heading, heading, in_item }
    }
}

/// Sentence boundaries: `.`, `!`, `?` before a capital or a line end, and
/// line breaks that end a heading or a paragraph.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if e - trail > s + lead {
            out.push((s + lead, e - trail));
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            // A line break continues the sentence only when the line ends
            // mid-phrase and the next one starts in lower case.
            let prev = text[start..i].trim_end();
            let next = text[i + 1..].trim_start_matches([' ', '\t']);
            let continues = prev.ends_with(|c: char| c.is_alphanumeric() || c == ',')
                && (next.starts_with(|c: char| c.is_lowercase()) || wraps_at(text, i))
                && !prev.is_empty();
            if !continues {
                push(&mut out, start, i);
                start = i + 1;
            }
        } else if matches!(c, b'.' | b'!' | b'?') {
            let after = &text[i + 1..];
            let next_char = after.trim_start_matches([' ', '\t']).chars().next();
            let spaced = after.starts_with([' ', '\t', '\n']) || after.is_empty();
            let word_before: &str = text[start..i].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let abbreviation = (word_before.chars().count() == 1 && word_before.chars().all(char::is_uppercase))
                || ["st", "dr", "mr", "mrs", "ms", "prof", "dott", "sig", "avv", "ing", "nr", "no", "n", "ca", "etc", "vs", "eg", "ie"].contains(&word_before.to_lowercase().as_str())
                || (c == b'.' && !word_before.is_empty() && word_before.len() <= 2 && word_before.bytes().all(|b| b.is_ascii_digit()))
                // "lire encadré p. 13", "pp. 4-5".
                || (["p", "pp", "pag", "vol"].contains(&word_before) && next_char.is_some_and(|ch| ch.is_numeric()));
            if spaced && !abbreviation && next_char.is_none_or(|ch| ch.is_uppercase() || ch == '\n' || ch.is_numeric() || !ch.is_alphanumeric()) {
                push(&mut out, start, i + 1);
                start = i + 1;
            }
        }
        i += 1;
    }
    push(&mut out, start, b.len());
    out
}

/// Whether the line break at byte `nl` only wraps a paragraph at a fixed
/// width: a long line that ends mid-phrase ("... Sevilla y") goes on in
/// the next, whatever its first letter ("Llíria (Música)").
fn wraps_at(text: &str, nl: usize) -> bool {
    // (Each line is walked once: a run of blank lines costs no more.)
    let line = text[..nl].trim_end_matches([' ', '\t', '\r']);
    let line = line.rfind('\n').map_or(line, |p| &line[p + 1..]);
    let next = text[nl + 1..].trim_start_matches([' ', '\t']);
    line.chars().count() >= 60 && line.ends_with(|c: char| c.is_alphanumeric() || c == ',') && next.starts_with(|c: char| c.is_alphanumeric() || c == '(')
}

/// The text with the line breaks that only wrap a paragraph made spaces,
/// so that names run across them ("ciudades\ncreativas"); `None` when it
/// has none. Offsets are unchanged.
fn unwrapped(text: &str) -> Option<String> {
    let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).filter(|&i| wraps_at(text, i)).collect();
    if breaks.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for i in breaks {
        bytes[i] = b' ';
    }
    String::from_utf8(bytes).ok()
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Every name and signal in the text, word boundaries checked. Matching
/// runs on the text with accents stripped (patterns are stripped alike), so
/// "Montréal" and "Citta" match "Montreal" and "Città"; it is one anchored
/// walk of the automaton at each word start, taking the longest name there.
pub(crate) fn find_mentions(x: &Extractor<'_>, text: &str, lang: Option<&str>) -> Vec<Mention> {
    use aho_corasick::{Anchored, Input};
    let (folded, shifts) = crate::token::strip_accents(text);
    let unwrapped = unwrapped(folded.as_ref());
    let f = unwrapped.as_deref().unwrap_or(folded.as_ref());
    let b = f.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev_word = false;
    while i < b.len() {
        let c = b[i];
        // Word starts: an alphanumeric character after a non-alphanumeric one.
        let (is_word, len) = if c < 0x80 {
            (c.is_ascii_alphanumeric(), 1)
        } else {
            let ch = f[i..].chars().next().unwrap_or(' ');
            (ch.is_alphanumeric(), ch.len_utf8())
        };
        if is_word && !prev_word {
            let mut input = Input::new(f).span(i..b.len()).anchored(Anchored::Yes);
            // The longest name here may run into a longer word ("Sitz in"
            // in "Sitz inne"): then the longest one that ends at a word's
            // end.
            let mut found = x.lexicon.automaton.find(input.clone());
            while let Some(m) = found {
                let ends_word = !is_word_char(f[m.end()..].chars().next()) || (b.get(m.end()) == Some(&b's') && m.end() - m.start() >= 4 && !is_word_char(f[m.end() + 1..].chars().next()));
                // Only a name of several words can hold a shorter name that
                // ends a word.
                if ends_word || m.end() <= i + 1 || !f[m.start()..m.end()].contains(' ') {
                    break;
                }
                input = input.span(i..m.end() - 1);
                found = x.lexicon.automaton.find(input.clone());
            }
            let name = found.and_then(|m| {
                // A German genitive "s" ("des Kulturforums", "Leipzigs") is
                // part of the name.
                let rest = &b[m.end()..];
                let end = if !is_word_char(f[m.end()..].chars().next()) {
                    Some(m.end())
                } else if rest.first() == Some(&b's') && m.end() - m.start() >= 4 && !is_word_char(f[m.end() + 1..].chars().next()) {
                    Some(m.end() + 1)
                } else if rest.starts_with(b"ses") && f[..m.end()].ends_with("nis") && !is_word_char(f[m.end() + 3..].chars().next()) {
                    // ... and so is "-ses" after "-nis" ("des Klima-Bündnisses").
                    Some(m.end() + 3)
                } else {
                    None
                };
                end.map(|end| (end, m.pattern().as_u32()))
            });
            // "the city of Brussels": a place's other name written in lower
            // case ("city of Brussels") would hide the name inside it.
            let name = name.filter(|&(end, p)| {
                !(b[i].is_ascii_lowercase() && f[i..end].contains(' ') && x.lexicon.senses[p as usize].iter().all(|s| matches!(s, Sense::City(_))))
            });
            // A town's name, when longer than what the automaton found,
            // and not the second word of a name the lexicon does not know
            // or reads as a place ("David Miller": David and Miller are
            // also towns).
            let last_word = out.last().filter(|m: &&Mention| !x.lexicon.senses[m.pattern as usize].iter().any(|s| matches!(s, Sense::City(_)))).map(|m| m.end);
            let office = after_office_of(f, i);
            let town = if office { x.lexicon.town_name_at(f, i) } else { x.lexicon.town_at(f, i).filter(|_| !after_unknown_capitalised(f, i, last_word)) };
            let name = match (name, town) {
                (Some(n), Some(t)) => Some(if t.0 > n.0 { t } else { n }),
                (n, t) => n.or(t),
            };
            // "Marco Example", "Anna Rossi": a smaller place's name before
            // another capitalised word is a person's first name.
            // ... unless an office of the town comes before ("il sindaco di
            // Pollica Stefano Pisani").
            let name = name.filter(|&(end, pattern)| office || !(only_smaller_places(x, pattern) && before_capitalised(b, end) && !names_at(x, f, end + 1)));
            let name = name.or_else(|| if lang == Some("de") { demonym_at(x, f, i) } else { None });
            // "La Unión de Ciudades Capitales Iberoamericanas": a network's
            // name that starts inside a shorter name and runs past it wins.
            if let Some((end, _)) = name
                && let Some(w) = network_inside(x, f, i, end)
            {
                i = w;
                prev_word = false;
                continue;
            }
            if let Some((end, pattern)) = name {
                let s = crate::token::original_offset(&shifts, i);
                let e = crate::token::original_offset(&shifts, end);
                out.push(Mention { start: s, end: e, pattern });
                i = end;
                prev_word = false;
                continue;
            }
        }
        prev_word = is_word;
        i += len;
    }
    out
}

/// The start of the next word inside the name `at..end` where a
/// network's or a body's name starts that ends after `end`.
fn network_inside(x: &Extractor<'_>, f: &str, at: usize, end: usize) -> Option<usize> {
    use aho_corasick::{Anchored, Input};
    let mut w = at;
    while let Some(sp) = f[w..end].find(' ') {
        w += sp + 1;
        // Names of networks and bodies start with a capital.
        if !f.as_bytes()[w].is_ascii_uppercase() && f.as_bytes()[w] < 0x80 {
            continue;
        }
        let m = x.lexicon.automaton.find(Input::new(f).span(w..f.len()).anchored(Anchored::Yes));
        if let Some(m) = m
            && m.end() > end
            && !is_word_char(f[m.end()..].chars().next())
            && x.lexicon.senses[m.pattern().as_usize()].iter().any(|s| matches!(s, Sense::Network(_) | Sense::Organ(..) | Sense::Body(..)))
        {
            return Some(w);
        }
    }
    None
}

/// A German town's adjective, which names the town: "der Kalmarer
/// Bürgermeister" (Kalmar), "Esslinger" (Esslingen), "Dresdner"
/// (Dresden). Only a city of [`DEMONYM_FROM`] people or more is read so.
fn demonym_at(x: &Extractor<'_>, f: &str, at: usize) -> Option<(usize, u32)> {
    use aho_corasick::{Anchored, Input};
    let len = f[at..].find(|c: char| !is_word_char(Some(c))).unwrap_or(f.len() - at);
    let word = &f[at..at + len];
    if len < 5 || !word.starts_with(|c: char| c.is_ascii_uppercase()) || !word.ends_with("er") {
        return None;
    }
    let stem = &word[..len - 2];
    let mut stems = vec![stem.to_string(), format!("{stem}en")];
    if let Some(s) = stem.strip_suffix('n') {
        stems.push(format!("{s}en"));
    }
    stems.into_iter().find_map(|s| {
        let m = x.lexicon.automaton.find(Input::new(&s).anchored(Anchored::Yes))?;
        let whole = m.end() == s.len();
        let large = x.lexicon.senses[m.pattern().as_usize()]
            .iter()
            .any(|sense| matches!(sense, Sense::City(c) if x.gazetteer.place(*c as usize).population().unwrap_or(0) >= DEMONYM_FROM));
        (whole && large).then(|| (at + len, m.pattern().as_u32()))
    })
}

/// The fewest people a city has whose German adjective is read as it.
const DEMONYM_FROM: i64 = 20_000;

/// A place this large is not taken for a first name (see
/// [`only_smaller_places`]).
const FIRST_NAME_BELOW: i64 = 100_000;

/// Whether every sense of `pattern` is a place of fewer than
/// [`FIRST_NAME_BELOW`] people.
fn only_smaller_places(x: &Extractor<'_>, pattern: u32) -> bool {
    let senses = &x.lexicon.senses[pattern as usize];
    !senses.is_empty()
        && senses.iter().all(|s| matches!(s, Sense::City(c) if x.gazetteer.place(*c as usize).population().unwrap_or(0) < FIRST_NAME_BELOW))
}

/// Whether a name of the lexicon starts at `at` and ends a word there
/// ("Biella Bologna": a list without its comma).
fn names_at(x: &Extractor<'_>, f: &str, at: usize) -> bool {
    use aho_corasick::{Anchored, Input};
    let input = Input::new(f).span(at..f.len()).anchored(Anchored::Yes);
    x.lexicon.automaton.find(input).is_some_and(|m| !is_word_char(f[m.end()..].chars().next()))
}

/// Whether one space and a capitalised word follow `end`.
fn before_capitalised(b: &[u8], end: usize) -> bool {
    b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_uppercase) && b.get(end + 2).is_some_and(u8::is_ascii_lowercase)
}

/// Whether body `b` of network `n` is its secretariat or an office: where
/// such a body is, the network sits.
fn office_body(nets: &[citynets_model::Network], n: u16, b: u16) -> bool {
    nets.get(n as usize)
        .and_then(|n| n.bodies.get(b as usize))
        .is_some_and(|b| matches!(b.kind, citynets_model::BodyKind::Secretariat | citynets_model::BodyKind::Office))
}

/// Whether the word at `i` follows the office of a town's head and "of":
/// "sindaco di", "Mayor of", "maire de", "Bürgermeister von".
fn after_office_of(f: &str, i: usize) -> bool {
    let before = f[..i].trim_end_matches(' ');
    // Most words follow no "of": that is looked at first, without
    // allocating.
    let Some((rest, of)) = before.rsplit_once(' ') else { return false };
    if !["di", "of", "de", "von", "du"].iter().any(|w| of.eq_ignore_ascii_case(w)) {
        return false;
    }
    let office = rest.trim_end_matches(' ').rsplit(' ').next().unwrap_or("");
    // `f` is written without accents ("Burgermeister").
    items::MAYOR_WORDS.iter().any(|m| crate::token::strip_accents(m).0.eq_ignore_ascii_case(office))
}

/// Nouns (capitalised in German, or in titles) that introduce a town's
/// name.
const NAME_INTRODUCERS: &[&str] = &[
    "Stadt", "Gemeinde", "Hansestadt", "Kreisstadt", "Landeshauptstadt", "Marktgemeinde", "Markt", "Stadtgemeinde",
    "Partnerstadt", "Partnergemeinde", "Mitgliedsstadt", "Mitgliedskommune", "Kommune", "Town", "City", "Village",
    "Municipality", "Ville", "Commune", "Città", "Comune", "Ciudad", "Municipio", "Villa",
];

/// Whether the word at `i` follows, after one space, a capitalised word
/// inside a sentence that no mention other than a place covers
/// (`last_end`: where the last such mention ends, in the original text;
/// offsets compared are equal for ASCII, the case that matters).
fn after_unknown_capitalised(f: &str, i: usize, last_end: Option<usize>) -> bool {
    let b = f.as_bytes();
    if i < 2 || b[i - 1] != b' ' {
        return false;
    }
    let word_start = f[..i - 1].char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(p, c)| p + c.len_utf8());
    let word = &f[word_start..i - 1];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    // "Die Stadt Hersbruck", "Comune Pollica": a noun for a place
    // introduces the town's name.
    // "Partnerschaftsverein Eningen", "Freundeskreis Kolín": a society
    // named after its town.
    // "Nachbargemeinde Village-Neuf", "Partnerstadt Sens": a compound
    // noun for a place too.
    let society = ["verein", "komitee", "kreis", "ausschuss", "stadt", "gemeinde", "kommune"].iter().any(|e| word.len() > e.len() + 3 && word.to_lowercase().ends_with(e));
    if society || NAME_INTRODUCERS.iter().any(|n| n.eq_ignore_ascii_case(word)) {
        return false;
    }
    let opens_sentence = f[..word_start].trim_end_matches([' ', '\t']).chars().next_back().is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '(' | '-' | '•' | '*'));
    capitalised && !opens_sentence && last_end != Some(i - 1)
}

/// Towns smaller than this whose one-word name is a German noun are not
/// read as places in German text outside their countries.
const NOUN_TOWN_BELOW: i64 = 15_000;

/// Countries whose towns' names a German text uses as they are.
const GERMAN_SPEAKING: &[&str] = &["DE", "AT", "CH", "LI", "LU"];

/// German articles, which come before nouns and not before town names.
const GERMAN_ARTICLES: &[&str] = &["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines", "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine"];

/// For each mention, the city it names (if it can name one), chosen by
/// the countries of the document and then by population; and the
/// mentions set aside as German nouns, by their start, with the city they
/// would name.
fn resolve_cities(x: &Extractor<'_>, text: &str, mentions: &[Mention], countries: &[String], lang: Option<&str>) -> (Vec<Option<u32>>, HashMap<usize, u32>) {
    let place = |c: u32| x.gazetteer.place(c as usize);
    // German capitalises every noun: a one-word name only small towns
    // abroad bear ("Schulen", a Belgian village) is a noun there unless the
    // text names the town's country.
    // A town's name after an article is a noun too ("in der Welt").
    // After a preposition that takes a place ("eine Partnerschaft mit
    // Budrio"), a word that does not end as German nouns do is the town.
    let noun_not_town = |m: &Mention, cands: &[u32]| {
        let written = &text[m.start..m.end];
        if lang != Some("de") || written.contains([' ', '-', '\'']) {
            return false;
        }
        let before = text[..m.start].trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let article = GERMAN_ARTICLES.contains(&before);
        let german_ending = ["en", "ung", "heit", "keit", "schaft", "ion", "tät", "nis", "er", "e"].iter().any(|e| written.ends_with(e));
        if ["mit", "nach", "aus", "von"].contains(&before) && !german_ending {
            return false;
        }
        cands.iter().all(|&c| {
            let cc = place(c).country();
            place(c).population().unwrap_or(0) < NOUN_TOWN_BELOW && (article || !(GERMAN_SPEAKING.contains(&cc) || countries.iter().any(|k| k == cc)))
        })
    };
    let mut unambiguous: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for m in mentions {
        let cands: Vec<u32> =
            x.lexicon.senses[m.pattern as usize].iter().filter_map(|s| if let Sense::City(c) = s { Some(*c) } else { None }).collect();
        if cands.len() == 1 {
            unambiguous.insert(place(cands[0]).country());
        }
    }
    // Resolution depends on the name only: once per pattern.
    let mut memo: HashMap<u32, Option<u32>> = HashMap::new();
    let mut nouns = HashMap::new();
    // The country written right after a name ("Chinon in France",
    // "Jalapa, Nicaragua", "Sens (Frankreich)"), if any.
    let country_after = |i: usize| -> Option<&str> {
        let m = &mentions[i];
        mentions[i + 1..].iter().take(4).filter(|n| n.start >= m.end && n.start <= m.end + 4).find_map(|n| {
            let gap = text.get(m.end..n.start)?.trim();
            if !["", ",", "(", "in", "-", "–"].contains(&gap) {
                return None;
            }
            x.lexicon.senses[n.pattern as usize].iter().find_map(|s| if let Sense::Country(c) = s { Some(x.gazetteer.countries()[*c as usize].code.as_str()) } else { None })
        })
    };
    let resolved = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let cands = || -> Vec<u32> { x.lexicon.senses[m.pattern as usize].iter().filter_map(|s| if let Sense::City(c) = s { Some(*c) } else { None }).collect() };
            // Whether the word is a noun depends on its neighbours: once
            // per mention.
            let noun = lang == Some("de") && noun_not_town(m, &cands());
            // A country written right after the name picks the place in it.
            let placed = || {
                let cc = country_after(i)?;
                let cands = cands();
                if cands.len() <= 1 {
                    return None;
                }
                cands.into_iter().filter(|&c| place(c).country() == cc).max_by_key(|&c| place(c).population().unwrap_or(0))
            };
            if let Some(c) = placed() {
                return if noun {
                    nouns.insert(m.start, c);
                    None
                } else {
                    Some(c)
                };
            }
            let city = *memo.entry(m.pattern).or_insert_with(|| {
                // A town that shares a large city's name is taken only
                // where its country is written right after it.
                let mut cands = cands();
                if cands.iter().any(|&c| place(c).population().unwrap_or(0) >= 100_000) {
                    cands.retain(|&c| place(c).population().unwrap_or(0) >= crate::lexicon::TOWN_BELOW);
                }
                if cands.len() <= 1 {
                    return cands.first().copied();
                }
                let pop = |c: u32| place(c).population().unwrap_or(0);
                // Names compared folded, "St. Petersburg" as "Saint
                // Petersburg" written short.
                let key = |n: &str| {
                    let f = fold(n);
                    match f.strip_prefix("st ") {
                        Some(rest) => format!("saint {rest}"),
                        None => f,
                    }
                };
                let matched = key(&text[m.start..m.end]);
                let in_context = |c: u32| {
                    let cc = place(c).country();
                    countries.iter().any(|k| k == cc) || unambiguous.contains(&cc)
                };
                // The country of the document counts unless the other
                // candidate is much larger (a capital against a town); then
                // a city whose English name is the one written.
                let best = cands.iter().copied().max_by_key(|&c| (in_context(c), key(place(c).name()) == matched, pop(c)))?;
                let top = cands.iter().copied().max_by_key(|&c| pop(c)).unwrap_or(best);
                // The much larger city wins, unless the name written is the
                // smaller one's own English name and only another name of
                // the larger one outside the document's countries ("Valence"
                // is not Valencia).
                let top_native = place(top).other_names().take(2).any(|n| key(n) == matched);
                let own_name = key(place(best).name()) == matched && key(place(top).name()) != matched && !top_native;
                // A middling town abroad that bears the name only as
                // another name does not outweigh the document's own
                // ("Barga" in an Italian text is not Zelenogorsk).
                let outweighs = in_context(top) || (!own_name && (pop(top) >= 100_000 || !in_context(best)));
                Some(if pop(top) > 10 * pop(best).max(1) && outweighs { top } else { best })
            });
            match city {
                Some(c) if noun => {
                    nouns.insert(m.start, c);
                    None
                }
                _ => city,
            }
        })
        .collect();
    (resolved, nouns)
}

/// The elements of a sentence.
fn elements(ctx: &Ctx<'_, '_>, s: usize, e: usize, ms: &[Mention], cities: &[Option<u32>]) -> Vec<El> {
    let text = ctx.text;
    let lex = &ctx.x.lexicon;
    let toks = tokenize(text, s, e);
    let dates = find_dates(text, &toks, ctx.published);
    let mut out = Vec::with_capacity(toks.len());
    let (mut ti, mut di, mut mi) = (0, 0, 0);
    let mut si = ctx.shaped_spans.partition_point(|&(start, _, _)| start < s);
    let mut buf = String::new();
    while ti < toks.len() {
        let t = toks[ti];
        while si < ctx.shaped_spans.len() && ctx.shaped_spans[si].0 < t.start {
            si += 1;
        }
        if let Some(&(start, end, i)) = ctx.shaped_spans.get(si)
            && start == t.start
            && end <= e
        {
            let net = (ctx.catalogue_len + i) as u16;
            out.push(El { start, end, e: E::Net(net), city_in_name: None, maybe_city: None });
            while ti < toks.len() && toks[ti].start < end {
                ti += 1;
            }
            continue;
        }
        while mi < ms.len() && ms[mi].start < t.start {
            mi += 1;
        }
        while di < dates.len() && dates[di].start < t.start {
            di += 1;
        }
        let at_start = out.is_empty();
        let el = if di < dates.len() && dates[di].start == t.start && !(mi < ms.len() && ms[mi].start == t.start && ms[mi].end > dates[di].end && !is_kw_like(lex, ms[mi])) {
            let d = dates[di];
            Some(El { start: d.start, end: d.end, e: E::Date(d.value), city_in_name: None, maybe_city: None })
        } else if mi < ms.len()
            && ms[mi].start == t.start
            // A name found by its shape inside the mention wins ("a la
            // Red Española ..." is no bare "the network").
            && !ctx.shaped_spans.get(si).is_some_and(|&(start, _, _)| start < ms[mi].end)
        {
            let m = ms[mi];
            choose(ctx, m, cities[mi], at_start).map(|(e, cin)| El { start: m.start, end: m.end, e, city_in_name: cin, maybe_city: None })
        } else {
            None
        };
        if let Some(el) = el {
            out.push(el);
            while ti < toks.len() && toks[ti].start < el.end {
                ti += 1;
            }
            continue;
        }
        let w = t.text(text);
        let e = match t.kind {
            Kind::Punct(c) => E::P(c),
            Kind::Num => E::W { cap: false },
            Kind::Word => {
                let digits = w.bytes().take_while(u8::is_ascii_digit).count();
                let suffix = lower_into(&w[digits..], &mut buf);
                if digits > 0 && digits <= 2 && ["st", "nd", "rd", "th", "ª", "º", "a", "e", "ème", "eme"].contains(&suffix) {
                    E::Ordinal(w[..digits].parse().unwrap_or(0))
                } else {
                    E::W { cap: starts_upper(w) }
                }
            }
        };
        // A city name set aside as a common word stays a candidate.
        let maybe_city = (mi < ms.len() && ms[mi].start == t.start && ms[mi].end == t.end && matches!(e, E::W { cap: true }))
            .then(|| cities[mi].or_else(|| ctx.nouns.get(&ms[mi].start).copied()))
            .flatten();
        out.push(El { start: t.start, end: t.end, e, city_in_name: None, maybe_city });
        ti += 1;
    }
    out
}

fn is_kw_like(lex: &crate::lexicon::Lexicon, m: Mention) -> bool {
    lex.senses[m.pattern as usize].iter().any(|s| matches!(s, Sense::Kw(_)))
}

/// Picks what a mention means here.
fn choose(ctx: &Ctx<'_, '_>, m: Mention, city: Option<u32>, at_start: bool) -> Option<(E, Option<u32>)> {
    let senses = &ctx.x.lexicon.senses[m.pattern as usize];
    let matched = &ctx.text[m.start..m.end];
    let cap = starts_upper(matched);
    let has = |f: &dyn Fn(&Sense) -> bool| senses.iter().find(|s| f(s)).copied();
    let city_in_name = || {
        let first = matched.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if !starts_upper(first) {
            return None;
        }
        ctx.x.lexicon.single_city_words.get(&fold(first)).and_then(|v| v.first().copied())
    };
    if let Some(s) = has(&|s| matches!(s, Sense::Organ(..) | Sense::Network(_))) {
        return Some((match s {
            Sense::Organ(n, b) => E::Organ(n, b),
            Sense::Network(n) => E::Net(n),
            _ => unreachable!(),
        }, None));
    }
    if let Some(Sense::Kw(k @ Kw::Event(_))) = has(&|s| matches!(s, Sense::Kw(Kw::Event(_)))) {
        return Some((E::Kw(k), None));
    }
    if let Some(Sense::CreativeField(f)) = has(&|s| matches!(s, Sense::CreativeField(_))) {
        return Some((E::CField(f), None));
    }
    if let Some(Sense::Field(f)) = has(&|s| matches!(s, Sense::Field(_))) {
        return Some((E::Field(f), None));
    }
    if has(&|s| matches!(s, Sense::Body(..) | Sense::GenericBody(_))).is_some() {
        return Some((E::Bodies(m.pattern), city_in_name()));
    }
    if let Some(Sense::Role(r)) = has(&|s| matches!(s, Sense::Role(_))) {
        return Some((E::Role(r), None));
    }
    let city_ok = city.is_some() && cap && {
        let f = fold(matched);
        let lang_word = ctx.lang.is_some_and(|l| NOT_CITIES_IN.iter().any(|(wl, w)| *wl == l && fold(w) == f));
        // German writes its umlauts: "Nägel" is no Nagel, unless the
        // place's own names have one.
        let umlaut = |n: &str| n.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü']);
        let lang_word = lang_word
            || (ctx.lang == Some("de") && umlaut(matched) && city.is_some_and(|c| {
                let p = ctx.x.gazetteer.place(c as usize);
                !umlaut(p.name()) && !p.other_names().any(umlaut)
            }));
        // At the start of a sentence a name that is also a common word is
        // the city only as the subject of a statement ("Granada fue ...").
        // ... or placed by its region or country ("Bath, Somerset").
        let subject = || {
            let next = ctx.text[m.end..].split_whitespace().next().unwrap_or("");
            let placed = ctx.text[m.end..].strip_prefix(", ").is_some_and(starts_upper);
            placed || SUBJECT_NEXT.iter().any(|w| next.eq_ignore_ascii_case(w) || next.to_lowercase() == *w)
        };
        let ambiguous_opening = at_start && AMBIGUOUS_AT_START.contains(&f.as_str()) && !subject();
        // "Over the next two years": a town's name that opens a sentence
        // followed by an article is a word, not the town.
        let next_word = || ctx.text[m.end..].split_whitespace().next().unwrap_or("").to_lowercase();
        let article_next = || {
            let next = next_word();
            // ("Positano a accueilli", "Positano a ospitato": "a" is an
            // article in English only.)
            let verb_a = next == "a" && matches!(ctx.lang, Some("fr" | "it" | "es"));
            // ... or "to" or "of" ("Welcome to the ...", "List of").
            (DETERMINERS.contains(&next.as_str()) && !verb_a) || next == "to" || next == "of"
        };
        let word_opening = at_start && only_smaller_places(ctx.x, m.pattern) && article_next();
        // "Gouverneur de Kinshasa": a word of office before "of" is the
        // office, not a town of that name.
        let office = items::MAYOR_WORDS.contains(&f.as_str()) && OF.contains(&next_word().as_str());
        !(lang_word || ambiguous_opening || word_opening || office)
    };
    if let Some(Sense::Kw(k)) = has(&|s| matches!(s, Sense::Kw(k) if *k != Kw::NetHead)) {
        let weak = matches!(k, Kw::Negation | Kw::Now | Kw::Next | Kw::Past | Kw::Ordinal(_));
        if k == Kw::CoordRef {
            // "Coordinamento" as a name, or "il coordinamento" after an article.
            return Some((E::Kw(k), None));
        }
        if !(weak && city_ok && !at_start) {
            return Some((E::Kw(k), None));
        }
    }
    if let (Some(Sense::Country(c)), true) = (has(&|s| matches!(s, Sense::Country(_))), cap) {
        // A city-state is its country's name: keep the city when its
        // English name is exactly this.
        // (a city-state: the city is in the country it names; "Colombia"
        // the country wins over a town of that name elsewhere).
        let folded = fold(matched);
        let country = &ctx.x.gazetteer.countries()[c as usize];
        let keeps = |ci: u32| {
            let city = ctx.x.gazetteer.place(ci as usize);
            fold(city.name()) == folded && (city.country() == country.code || city.population().unwrap_or(0) >= 100_000)
        };
        // "Granada is twinned with": a large city whose own name it is
        // beats a country it names in another language (Spanish
        // "Granada", Grenada), however the document's places resolved.
        let large = || {
            (fold(&country.name) != folded)
                .then(|| senses.iter().filter_map(|s| if let Sense::City(ci) = s { Some(*ci) } else { None }).filter(|&ci| keeps(ci)).max_by_key(|&ci| ctx.x.gazetteer.place(ci as usize).population().unwrap_or(0)))
                .flatten()
        };
        match city.filter(|&ci| keeps(ci)).or_else(large) {
            Some(ci) => return Some((E::City(ci), None)),
            None => return Some((E::Country(c), None)),
        }
    }
    if city_ok {
        return Some((E::City(city?), None));
    }
    None
}

/// Merges facts with the same key, keeping the first quote and filling
/// missing attributes from later ones (a merged fact keeps the highest
/// confidence and its cue); converts byte spans to char spans.
fn merge(facts: Vec<Found>, text: &str) -> Vec<Extracted> {
    let mut out: Vec<Found> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for f in facts {
        let key = fact_key(&f.fact);
        if let Some(&i) = index.get(&key) {
            let kept = &mut out[i];
            if kept.provisional && !f.provisional {
                // A stated date beats the document's date standing in.
                let old = std::mem::replace(&mut kept.fact, f.fact.clone());
                fill(&mut kept.fact, &old);
                kept.provisional = false;
            } else {
                fill(&mut kept.fact, &f.fact);
            }
            if f.cue.confidence > kept.cue.confidence {
                kept.cue = f.cue;
            }
            kept.new_entity &= f.new_entity;
        } else {
            index.insert(key, out.len());
            out.push(f);
        }
    }
    // Byte offsets to char offsets in one pass.
    let mut marks: Vec<usize> = out.iter().flat_map(|f| [f.start, f.end]).collect();
    marks.sort_unstable();
    marks.dedup();
    let mut map = HashMap::with_capacity(marks.len());
    let (mut chars, mut last) = (0, 0);
    for m in marks {
        chars += text[last..m].chars().count();
        last = m;
        map.insert(m, chars);
    }
    out.into_iter()
        .map(|f| Extracted {
            quote: text[f.start..f.end].to_string(),
            span: [map[&f.start], map[&f.end]],
            confidence: f.cue.confidence,
            cue: f.cue.name,
            new_entity: f.new_entity,
            fact: f.fact,
        })
        .collect()
}

/// The scorer's key of a fact: what makes two facts the same fact.
fn fact_key(f: &Fact) -> String {
    use Fact::*;
    match f {
        Membership { city, network, .. } => format!("m|{city}|{network}"),
        Designation { city, network, .. } => format!("d|{city}|{network}"),
        Event { network, host, start, .. } => {
            format!("e|{network}|{}|{:?}", host.as_deref().unwrap_or(""), start.map(|d| d.year_value()))
        }
        Role { holder, role, organ, .. } => format!("r|{holder}|{role}|{organ}"),
        Twinning { city, other, .. } => {
            let (a, b) = if city <= other { (city, other) } else { (other, city) };
            format!("t|{a}|{b}")
        }
        Headquarters { network, city } => format!("h|{network}|{city}"),
        Founded { network, .. } => format!("f|{network}"),
    }
}

/// Fills the attributes `a` lacks from `b` (a more precise start wins for
/// events).
fn fill(a: &mut Fact, b: &Fact) {
    use Fact::*;
    fn opt<T: Copy>(x: &mut Option<T>, y: &Option<T>) {
        if x.is_none() {
            *x = *y;
        }
    }
    match (a, b) {
        (Membership { since, until, .. }, Membership { since: s2, until: u2, .. }) => {
            opt(since, s2);
            opt(until, u2);
        }
        (Designation { field, year, .. }, Designation { field: f2, year: y2, .. }) => {
            opt(field, f2);
            opt(year, y2);
        }
        (Event { edition, start, end, .. }, Event { edition: e2, start: s2, end: n2, .. }) => {
            opt(edition, e2);
            if let (Some(s), Some(t)) = (start.as_ref(), s2.as_ref())
                && t.precision() > s.precision() && s.contains(*t) {
                    *start = *s2;
                    *end = *n2;
                }
            opt(end, n2);
        }
        (Role { from, to, .. }, Role { from: f2, to: t2, .. }) => {
            opt(from, f2);
            opt(to, t2);
        }
        (Twinning { since, .. }, Twinning { since: s2, .. }) => opt(since, s2),
        (Founded { year, .. }, Founded { year: y2, .. }) => opt(year, y2),
        _ => {}
    }
}

mod items;
mod rules;
mod shaped;

/// The elements of each sentence with a signal, for debugging.
pub(crate) fn debug(x: &Extractor<'_>, text: &str) -> String {
    let lang = crate::lang::detect(text);
    let mentions = find_mentions(x, text, lang);
    let (resolved, nouns) = resolve_cities(x, text, &mentions, &[], lang);
    let ctx = Ctx {
        x,
        text,
        published: None,
        salient: None,
        named_networks: Vec::new(),
        coordination: None,
        uccn: None,
        uccn_context: false,
        topic: None,
        recent: Vec::new(),
        sentence_no: 0,
        lang,
        doc_city: None,
        last_event: None,
        para_field: None,
        facts: Vec::new(),
        mayors: HashMap::new(),
        membership_said: None,
        cue: Cue::new("rule", 0.8),
        frame: None,
        twin_context: false,
        item_year: None,
        shaped: Vec::new(),
        shaped_spans: Vec::new(),
        catalogue_len: x.gazetteer.networks().len(),
        last_body: None,
        title_city: None,
        twin_owner: None,
        pending_twins: Vec::new(),
        label: None,
        doc_city_is_twin: false,
        last_members: None,
        spellings: HashMap::new(),
        coordination_members: None,
        coordination_joined: false,
        nouns,
    };
    let mut out = String::new();
    for (s, e) in sentences(text) {
        let idx: Vec<usize> = (0..mentions.len()).filter(|&i| mentions[i].start >= s && mentions[i].end <= e).collect();
        let (a, b) = (idx.first().copied().unwrap_or(0), idx.last().map_or(0, |l| l + 1));
        for el in elements(&ctx, s, e, &mentions[a..b], &resolved[a..b]) {
            match el.e {
                E::W { .. } | E::P(_) => out.push_str(&text[el.start..el.end]),
                E::City(c) => out.push_str(&format!("[City {}]", x.gazetteer.place(c as usize).name())),
                other => out.push_str(&format!("[{:?} {}]", other, &text[el.start..el.end])),
            }
            out.push(' ');
        }
        out.push('\n');
    }
    out
}
