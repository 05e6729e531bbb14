//! Networks the catalogue lacks, found by their shape: a head word ("Red",
//! "Network", "Association", "Union", "Bündnis" ...) opening a capitalised
//! name that speaks of cities or their governments ("Red Española de
//! Ciudades por el Clima", "Union of the Baltic Cities"), or a compound
//! ending with one ("Klima-Bündnis"); an acronym defined after the name in
//! parentheses names it too. Such a network is named as the text writes it
//! and its facts are flagged as naming a new entity.

use super::*;

/// Lower-case words inside a network's name.
const CONNECTORS: &[&str] = &[
    "de", "del", "della", "delle", "dei", "degli", "di", "of", "the", "for", "des", "du", "la", "le", "les", "el",
    "los", "las", "por", "per", "pour", "für", "der", "die", "y", "and", "et", "e", "und", "d", "l", "en", "in",
];

/// Words that say a name is of a network of cities or their governments.
const MUNICIPAL: &[&str] = &[
    "ciudades", "cities", "citta", "villes", "stadte", "municipios", "comuni", "communes", "maires", "mayors",
    "sindaci", "alcaldes", "local", "locales", "locali", "locaux", "municipalities", "gemeinden", "capitales",
    "capitals", "towns", "collectivites", "autorites", "authorities", "gobiernos", "governments", "municipal",
    "municipales", "municipalistas", "kommunen", "ostseestadte", "cites", "ciudad", "city", "town", "intendencias",
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
    for m in mentions {
        let senses = &x.lexicon.senses[m.pattern as usize];
        // A head word, or "the network" words ending with one ("a la Red
        // Española de Ciudades por el Clima").
        let head_start = if senses.contains(&Sense::Kw(Kw::NetHead)) {
            m.start
        } else if senses.contains(&Sense::Kw(Kw::NetworkRef)) {
            let last = text[m.start..m.end].rfind(' ').map_or(m.start, |i| m.start + i + 1);
            if last == m.start || !starts_upper(&text[last..m.end]) {
                continue;
            }
            last
        } else {
            continue;
        };
        if senses.iter().any(|s| matches!(s, Sense::Network(_) | Sense::Organ(..))) {
            continue;
        }
        let Some((start, end)) = name_around(text, head_start, m.end) else { continue };
        if spans.last().is_some_and(|&(_, e, _)| e > start) {
            continue;
        }
        // A name that holds a network of the catalogue is that network
        // ("Netzwerk Creative Cities", "Red de Ciudades Creativas").
        // A network word with creative cities is the UNESCO network; an
        // association of them is a network of its own ("Asociación
        // Española de Ciudades Creativas de la UNESCO").
        let head = fold(&text[head_start..text[head_start..].find(' ').map_or(text.len(), |i| head_start + i)]);
        let network_word = ["red", "rete", "reseau", "netzwerk", "network"].contains(&head.as_str());
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
        if holds_known {
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
    let mut extra = Vec::new();
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
    for t in toks.iter().take(14) {
        match t.kind {
            Kind::Word => {
                let w = t.text(text);
                if starts_upper(w) {
                    end = t.end;
                    words += 1;
                    municipal |= MUNICIPAL.contains(&fold(w).as_str());
                } else if !CONNECTORS.contains(&lower_into(w, &mut buf)) {
                    break;
                }
            }
            Kind::Punct('\'') => {}
            _ => break,
        }
    }
    // The head word itself may speak of cities ("Cités Unies").
    municipal |= MUNICIPAL.contains(&fold(head).split(' ').next().unwrap_or(""));
    (words >= 1 && municipal && text[he..end].contains(' ')).then_some((hs, end))
}
