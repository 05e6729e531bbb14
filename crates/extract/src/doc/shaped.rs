//! Networks the catalogue lacks, found by their shape: a head word ("Red",
//! "Network", "Association", "Union", "Bündnis" ...) opening a capitalised
//! name that speaks of cities or their governments ("Red Española de
//! Ciudades por el Clima", "Union of the Baltic Cities"), or a compound
//! ending with one ("Klima-Bündnis"); an acronym defined after the name in
//! parentheses names it too. Such a network is named as the text writes it
//! and its facts are flagged as naming a new entity.

use super::*;
use crate::lexicon::PatternFlags;

/// Lower-case words inside a network's name.
const CONNECTORS: &[&str] = &[
    "de", "del", "della", "delle", "dei", "degli", "di", "of", "the", "for", "des", "du", "la", "le", "les", "el",
    "los", "las", "por", "per", "pour", "für", "der", "die", "y", "and", "et", "e", "und", "d", "l", "en",
    "dell", "degl", "più", "plus", "más",
];

/// Superlatives inside a name, each with the adjective after it ("I Borghi
/// più belli d'Italia", "Los Pueblos más Bonitos de España").
const SUPERLATIVES: &[&str] = &["più", "plus", "más", "most"];

/// Words that say a name is of a network of cities or their governments.
const MUNICIPAL: &[&str] = &[
    "ciudades", "cities", "citta", "villes", "stadte", "municipios", "comuni", "communes", "maires", "mayors",
    "sindaci", "alcaldes", "local", "locales", "locali", "locaux", "municipalities", "gemeinden", "capitales",
    "capitals", "towns", "collectivites", "autorites", "authorities", "gobiernos", "governments", "municipal",
    "municipales", "municipalistas", "kommunen", "ostseestadte", "cites", "ciudad", "city", "town", "intendencias",
    "borghi", "villages", "pueblos", "dorfer",
];

/// A network found by its shape.
#[derive(Clone, Debug)]
pub(super) struct ShapedNetwork {
    pub name: String,
}

/// The networks a text names by shape, and where: `(start, end, index)`
/// spans sorted by start, the index into the returned names.
pub(super) fn shaped_networks(x: &Extractor<'_>, text: &str, mentions: &[Mention]) -> (Vec<ShapedNetwork>, Vec<(usize, usize, usize)>) {
    let mut names: Vec<ShapedNetwork> = Vec::new();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut acronyms: Vec<(String, usize)> = Vec::new();
    let mut extra_first: Vec<(usize, usize, usize)> = Vec::new();
    for m in mentions {
        let flags = x.lexicon.flags[m.pattern as usize];
        if !flags.has(PatternFlags::NET_HEAD | PatternFlags::NETWORK_REF) || flags.has(PatternFlags::NETWORK) {
            continue;
        }
        // A head word, or "the network" words ending with one ("a la Red
        // Española de Ciudades por el Clima").
        let mut after_ref = false;
        let (head_start, head_end) = if flags.has(PatternFlags::NET_HEAD) {
            (m.start, m.end)
        } else if flags.has(PatternFlags::NETWORK_REF) {
            // ... or with an elided article ("L'Associazione Nazionale").
            let last = text[m.start..m.end].rfind([' ', '\'', '’']).map_or(m.start, |i| m.start + i + text[m.start + i..].chars().next().map_or(1, char::len_utf8));
            if last > m.start && starts_upper(&text[last..m.end]) {
                (last, m.end)
            } else if let Some(named) = name_after_ref(text, m.end) {
                // ... or "the network" of a capitalised name ("alla rete
                // delle Città del Vino"): the name alone.
                after_ref = true;
                named
            } else {
                continue;
            }
        } else {
            continue;
        };
        let Some((start, end)) = name_around(text, head_start, head_end) else { continue };
        if spans.last().is_some_and(|&(_, e, _)| e > start) {
            continue;
        }
        // A name that holds a network of the catalogue is that network
        // ("Netzwerk Creative Cities", "Red de Ciudades Creativas").
        // A network word with creative cities is the UNESCO network; an
        // association of them is a network of its own ("Asociación
        // Española de Ciudades Creativas de la UNESCO").
        let head = fold(&text[head_start..text[head_start..].find(' ').map_or(text.len(), |i| head_start + i)]);
        // (Genitives too: "Netzwerks", "Netzwerkes".)
        let stem = head.strip_suffix("es").or_else(|| head.strip_suffix('s')).unwrap_or(&head);
        let network_word = after_ref || ["red", "rete", "reseau", "netzwerk", "network"].iter().any(|w| head == *w || stem == *w);
        // Mentions are sorted and do not overlap: those within the name
        // are found by two binary searches.
        let first = mentions.partition_point(|o| o.end <= start);
        let last = mentions.partition_point(|o| o.start < end);
        let holds_known = mentions[first..last.max(first)].iter().any(|o| {
            o.start < end
                && o.end > start
                && x.lexicon.senses[o.pattern as usize].iter().any(|s| {
                    matches!(s, Sense::Network(_) | Sense::Organ(..))
                        || (network_word && matches!(s, Sense::Kw(Kw::CreativeCity) | Sense::CreativeField(_)))
                })
        });
        // "la Unión Internacional de Autoridades y Gobiernos Locales
        // (IULA)": a known network's acronym after the name says which.
        let acronym_known = text[end..].starts_with(" (") && {
            let at = mentions.partition_point(|o| o.start < end + 2);
            mentions.get(at).is_some_and(|o| o.start == end + 2 && text[o.end..].starts_with(')') && x.lexicon.senses[o.pattern as usize].iter().any(|s| matches!(s, Sense::Network(_))))
        };
        // "des UNESCO-Netzwerks der Kreativstädte": a network word followed
        // by the creative cities is the UNESCO network.
        let creative_after = network_word && {
            let at = mentions.partition_point(|o| o.start < end);
            mentions.get(at).is_some_and(|o| o.start <= end + 6 && x.lexicon.flags[o.pattern as usize].has(PatternFlags::CREATIVE))
        };
        if holds_known || acronym_known || creative_after {
            continue;
        }
        let name = text[start..end].to_string();
        let folded = fold(&name);
        let idx = match names.iter().position(|n| fold(&n.name) == folded) {
            Some(i) => i,
            None => {
                names.push(ShapedNetwork { name });
                names.len() - 1
            }
        };
        spans.push((start, end, idx));
        // "Unión de Ciudades Capitales Iberoamericanas (UCCI)".
        let rest = &text[end..];
        if let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|(a, _)| a)
            && (2..=8).contains(&inner.len())
            && inner.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
            && !acronyms.iter().any(|(a, _)| a == inner)
        {
            acronyms.push((inner.to_string(), idx));
        }
    }
    // Compounds ending with a word of networks ("Klimabündnis",
    // "Mercociudades") and acronyms defined beside a network's words
    // ("L'AIMF, Association internationale des maires francophones").
    for (start, end) in compound_names(text, mentions) {
        let name = text[start..end].to_string();
        let idx = names.iter().position(|n| n.name == name).unwrap_or_else(|| {
            names.push(ShapedNetwork { name });
            names.len() - 1
        });
        extra_first.push((start, end, idx));
    }
    let caps = capital_words(text, 3, 7);
    for acronym in defined_acronyms(text, &caps).into_iter().chain(acronyms_in_network_context(text, mentions, &caps)) {
        // A word the lexicon knows somewhere ("UNESCO", "CGLU") is no new
        // network.
        let known = text.match_indices(acronym.as_str()).any(|(p, _)| {
            let first = mentions.partition_point(|o| o.end <= p);
            mentions.get(first).is_some_and(|o| o.start < p + acronym.len())
        });
        // Nor the acronym of the UNESCO network ("Le Réseau des villes
        // créatives de l'UNESCO (RVCU)").
        let creative = text.match_indices(&format!("({acronym})")).any(|(p, _)| {
            let first = mentions.partition_point(|o| o.end <= p.saturating_sub(120));
            mentions[first..].iter().take_while(|o| o.start < p).any(|o| {
                x.lexicon.senses[o.pattern as usize].iter().any(|s| matches!(s, Sense::Kw(Kw::CreativeCity) | Sense::CreativeField(_) | Sense::Network(_)))
            })
        });
        if known || creative || NOT_CITY_NETWORKS.contains(&acronym.as_str()) {
            continue;
        }
        if !acronyms.iter().any(|(a, _)| *a == acronym) && !names.iter().any(|n| n.name == acronym) {
            names.push(ShapedNetwork { name: acronym.clone() });
            acronyms.push((acronym, names.len() - 1));
        }
    }
    let mut extra = extra_first;
    for (acronym, idx) in acronyms {
        for (p, _) in text.match_indices(acronym.as_str()) {
            let before = text[..p].chars().next_back();
            let after = text[p + acronym.len()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            extra.push((p, p + acronym.len(), idx));
        }
    }
    // An acronym inside a name found already is part of it.
    let named = spans.clone();
    for (p, end, idx) in extra {
        let before = named.partition_point(|&(s, _, _)| s <= p);
        if !(before > 0 && p < named[before - 1].1) {
            spans.push((p, end, idx));
        }
    }
    spans.sort_unstable();
    (names, spans)
}

/// The first word of a capitalised name after "the network of" at `at`
/// ("rete| delle Città del Vino", "réseau| des Villes Santé"), if any.
fn name_after_ref(text: &str, at: usize) -> Option<(usize, usize)> {
    const OF_THE: &[&str] = &[" delle ", " della ", " dei ", " degli ", " del ", " des ", " de la ", " de las ", " de los ", " de ", " of the ", " of ", " der "];
    const HEADS: &[&str] = &[
        "reseau", "rete", "red", "network", "netzwerk", "association", "associazione", "asociacion", "union", "alliance",
        "alleanza", "alianza", "federation", "federazione", "federacion", "bundnis",
    ];
    let rest = &text[at..];
    // "l'association Réseau français des Villes-Santé": a name in
    // apposition, opening with a head word.
    if let Some(word) = rest.strip_prefix(' ').and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
        && starts_upper(word)
        && HEADS.contains(&fold(word).as_str())
    {
        return Some((at + 1, at + 1 + word.len()));
    }
    // "alla rete Città Sane": the name right after, opening with a word
    // of towns.
    if let Some(word) = rest.strip_prefix(' ').and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
        && starts_upper(word)
        && is_municipal(&fold(word))
    {
        return Some((at + 1, at + 1 + word.len()));
    }
    let of = OF_THE.iter().find(|o| rest.starts_with(*o))?;
    let start = at + of.len();
    if !starts_upper(&text[start..]) {
        return None;
    }
    let end = start + text[start..].find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len() - start);
    Some((start, end))
}

/// The span of a network's name around a head word at `[hs, he)`, if the
/// words around it have the shape of one.
fn name_around(text: &str, hs: usize, he: usize) -> Option<(usize, usize)> {
    let head = &text[hs..he];
    if !starts_upper(head) {
        return None;
    }
    // "Klima-Bündnis": a compound ending with the head word.
    let before = &text[..hs];
    if before.ends_with('-') {
        let word_start = before[..before.len() - 1].rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + 1);
        let first = &before[word_start..before.len() - 1];
        if starts_upper(first) && first.chars().count() >= 3 {
            return Some((word_start, he));
        }
        return None;
    }
    // Words after the head: capitalised ones and connectors.
    let mut limit = (he + 160).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let toks = tokenize(text, he, limit);
    let mut end = he;
    let mut words = 0;
    let mut municipal = false;
    let mut buf = String::new();
    let mut last = he;
    let mut prev_superlative = false;
    for t in toks.iter().take(14) {
        // A name ends with its line.
        if text[last..t.start].contains('\n') {
            break;
        }
        last = t.end;
        match t.kind {
            Kind::Word => {
                let w = t.text(text);
                let after_superlative = prev_superlative;
                prev_superlative = SUPERLATIVES.contains(&lower_into(w, &mut buf));
                if starts_upper(w) {
                    end = t.end;
                    words += 1;
                    municipal |= is_municipal(w);
                } else if after_superlative {
                    end = t.end;
                } else if !CONNECTORS.contains(&lower_into(w, &mut buf)) {
                    // "Réseau français des Villes-Santé": an adjective
                    // right after the head (not "Netzwerk der großen
                    // Städte", a description).
                    if !text[he..t.start].chars().any(char::is_alphanumeric) {
                        continue;
                    }
                    break;
                }
            }
            Kind::Punct('\'' | '’') => {}
            // "Villes-Santé": a hyphen inside a word.
            Kind::Punct('-') if t.start == end && text[t.end..].starts_with(|c: char| c.is_alphabetic()) => {}
            _ => break,
        }
    }
    // The head word itself may speak of cities ("Cités Unies").
    municipal |= is_municipal(head.split(' ').next().unwrap_or(""));
    if words >= 1 && municipal && text[he..end].contains(' ') {
        return Some((hs, end));
    }
    named_by_acronym(text, hs, he, &toks)
}

/// "Réseau français des villes-santé de l'OMS (RFVSOMS)": words of any
/// case after the head, speaking of cities, up to an acronym in
/// parentheses that starts with the head's letter.
fn named_by_acronym(text: &str, hs: usize, he: usize, toks: &[crate::token::Token]) -> Option<(usize, usize)> {
    let mut end = he;
    let mut municipal = false;
    let mut buf = String::new();
    for t in toks.iter().take(14) {
        if text[end..t.start].contains('\n') {
            return None;
        }
        match t.kind {
            Kind::Word => {
                municipal |= is_municipal(lower_into(t.text(text), &mut buf));
                end = t.end;
            }
            Kind::Punct('-' | '\'' | '’') => {}
            Kind::Punct('(') => {
                let inner = text[t.end..].split_once(')')?.0;
                let first = text[hs..].chars().next()?;
                let acronym = (2..=10).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
                return (acronym && municipal && inner.starts_with(first) && end > he).then_some((hs, end));
            }
            _ => return None,
        }
    }
    None
}

/// Endings of a one-word network's name ("Klimabündnis", "Mercociudades").
const COMPOUND_ENDINGS: &[&str] = &["bündnis", "ciudades", "cidades"];

/// One-word names ending with a word of networks, capitalised, with three
/// letters or more before the ending, that no mention covers.
fn compound_names(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for ending in COMPOUND_ENDINGS {
        for (p, _) in text.match_indices(ending) {
            let end = p + ending.len();
            if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let start = text[..p].rfind(|c: char| !c.is_alphanumeric() && c != '-').map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
            let prefix = text[start..p].trim_end_matches('-');
            if prefix.chars().filter(|c| c.is_alphabetic()).count() < 3 || !starts_upper(&text[start..end]) {
                continue;
            }
            let first = mentions.partition_point(|o| o.end <= start);
            if mentions.get(first).is_some_and(|o| o.start < end) {
                continue;
            }
            out.push((start, end));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Acronyms the text defines beside a network's words: "AIMF (Association
/// internationale des maires francophones)", "L'AIMF, Association
/// internationale ...", "... de Ciudades Educadoras (AICE)".
fn defined_acronyms(text: &str, caps: &[(usize, usize)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let speaks_of_network = |phrase: &str| {
        let words: Vec<String> = phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).map(fold).collect();
        let head = words.first().is_some_and(|w| HEAD_WORDS.contains(&w.as_str()));
        head && words.iter().any(|w| MUNICIPAL.contains(&w.as_str()))
    };
    for &(i, j) in caps {
        let acronym = &text[i..j];
        if out.iter().any(|a| a == acronym) {
            continue;
        }
        let before = &text[..i];
        let after = &text[j..];
        let defined = if before.ends_with('(') && after.starts_with(')') {
            // "Name (ACR)": the name before the parenthesis.
            let mut from = (i - 1).saturating_sub(120);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let window = &text[from..i - 1];
            let phrase_start = window.rfind(|c: char| matches!(c, '.' | ',' | ';' | '(' | '\n')).map_or(0, |k| k + 1);
            let phrase = &window[phrase_start..];
            let from_head = phrase.split_whitespace().skip_while(|w| !HEAD_WORDS.contains(&fold(w).as_str())).collect::<Vec<_>>().join(" ");
            speaks_of_network(&from_head)
        } else if let Some(rest) = after.strip_prefix(" (") {
            // "ACR (Name)".
            speaks_of_network(rest.split(')').next().unwrap_or(""))
        } else if let Some(rest) = after.strip_prefix(", ") {
            // "ACR, Name,".
            speaks_of_network(rest.split([',', '(', '.', ';']).next().unwrap_or(""))
        } else {
            false
        };
        if defined {
            out.push(acronym.to_string());
        }
    }
    out
}

/// The words of `min` to `max` capital ASCII letters, as byte spans, in one
/// pass over the text.
fn capital_words(text: &str, min: usize, max: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_uppercase() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80)) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_uppercase() {
            j += 1;
        }
        let bounded = j == b.len() || !(b[j].is_ascii_alphanumeric() || b[j] >= 0x80);
        if bounded && (min..=max).contains(&(j - i)) {
            out.push((i, j));
        }
        i = j.max(i + 1);
    }
    out
}

/// The head words of networks' names, folded.
const HEAD_WORDS: &[&str] = &[
    "network", "red", "rete", "reseau", "netzwerk", "association", "asociacion", "associazione", "union", "unione",
    "alliance", "alianza", "alleanza", "bundnis", "federation", "federacion", "federazione", "verband", "league",
    "liga", "lega", "ligue", "organizacion", "organisation", "organization", "organizzazione", "council", "consejo",
    "conseil", "consiglio", "cites", "ciudades", "coalition", "coalicion",
];

/// Words after which "of the ACRONYM" names a network: "presidente de la
/// UCCI", "membre de l'AIMF", "Asamblea General de la UCCI".
const NETWORK_CONTEXT: &[&str] = &[
    "president", "presidente", "presidenta", "vicepresident", "vicepresidente", "vice", "chair", "member", "members",
    "membre", "membres", "miembro", "miembros", "membro", "membri", "mitglied", "mitglieder", "assembly",
    "assemblee", "asamblea", "assemblea", "congress", "congres", "congreso", "congresso", "summit", "cumbre",
    "sommet", "vertice", "secretary", "secretario", "secretaria", "secretaire", "segretario", "secretariat",
    "sede", "siege", "network", "red", "reseau", "rete", "netzwerk", "presidency", "presidencia", "presidence",
    "presidenza", "general", "generale", "rencontres", "meeting", "meetings", "reunion", "encuentro", "incontro",
    "conference", "conferencia", "conferenza", "konferenz", "council", "consejo", "conseil", "bureau",
];

/// Acronyms of bodies that are not networks of cities.
const NOT_CITY_NETWORKS: &[&str] = &[
    "UNESCO", "ONU", "UNO", "OECD", "OCDE", "NATO", "OTAN", "WHO", "OMS", "FIFA", "UEFA", "IMF", "FMI", "UNDP",
    "PNUD", "UNICEF", "ASEAN", "OSCE", "UNHCR", "ACNUR", "CEO", "CFO",
];

/// All-capital words of three to six letters that some occurrence puts
/// after a word of a network's life and "of (the)": "elegido presidente de
/// la UCCI", "la Asamblea General de la UCCI". Mentions of the catalogue
/// are not taken.
fn acronyms_in_network_context(text: &str, mentions: &[Mention], caps: &[(usize, usize)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A word seen often without the context is looked at a few times only.
    let mut tried: HashMap<&str, u8> = HashMap::new();
    for &(i, j) in caps.iter().filter(|&&(i, j)| j - i <= 6) {
        if out.iter().any(|a| a.as_bytes() == &text.as_bytes()[i..j]) {
            continue;
        }
        let n = tried.entry(&text[i..j]).or_default();
        if *n >= 16 {
            continue;
        }
        *n += 1;
        let first = mentions.partition_point(|o| o.end <= i);
        let covered = mentions.get(first).is_some_and(|o| o.start < j);
        if !covered && network_context_before(text, i) {
            out.push(text[i..j].to_string());
        }
    }
    out
}

/// Whether the words before `at` are a word of a network's life and "of
/// (the)": "presidente de la ", "membre de l'", "members of the ".
fn network_context_before(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let words: Vec<String> = text[from..at].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).collect();
    let mut rest = words.iter().rev();
    // Back over the article and "of".
    let mut saw_of = false;
    for w in rest.by_ref() {
        match w.as_str() {
            "la" | "el" | "l" | "le" | "the" | "der" | "des" | "del" | "della" | "dell" => {}
            "de" | "of" | "di" | "du" | "von" => saw_of = true,
            other => return saw_of && NETWORK_CONTEXT.contains(&other),
        }
    }
    false
}

/// Whether a word, folded, is one of [`MUNICIPAL`] (without allocating for
/// the plain ASCII words most are).
fn is_municipal(w: &str) -> bool {
    if w.is_ascii() {
        return MUNICIPAL.iter().any(|m| w.eq_ignore_ascii_case(m));
    }
    MUNICIPAL.contains(&fold(w).as_str())
}
