//! Language detection by function words.
//!
//! Each of the five languages has a short list of its most frequent function
//! words that are rare in the others; the language whose words occur most
//! often wins, if it has enough of them and clearly leads.

/// ISO 639-1 codes of the languages the extractor reads.
pub const LANGUAGES: [&str; 5] = ["en", "it", "fr", "es", "de"];

const EN: &[&str] = &[
    "the", "and", "of", "to", "is", "in", "was", "for", "with", "that", "which", "has", "have", "are", "its", "from",
    "by", "this", "were", "will", "been", "their", "at", "on", "an",
];
const IT: &[&str] = &[
    "il", "di", "che", "della", "delle", "dei", "degli", "e", "è", "per", "una", "gli", "nel", "nella", "con", "del",
    "le", "alla", "sono", "anche", "dal", "al", "ha", "questo", "tra", "lo", "ai", "dalla", "più",
];
const FR: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "et", "est", "une", "pour", "dans", "qui", "sur", "au", "aux", "avec",
    "par", "sont", "ont", "été", "cette", "ville", "depuis", "leur", "ses",
];
const ES: &[&str] = &[
    "el", "la", "los", "las", "de", "del", "y", "es", "una", "para", "en", "que", "con", "por", "se", "su", "sus",
    "desde", "fue", "ha", "al", "como", "ciudad", "este", "esta",
];
const DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "ein", "eine", "den", "dem", "des", "mit", "für", "von", "im", "auf", "wird",
    "wurde", "sich", "seit", "nicht", "auch", "zum", "zur", "bei", "als",
];

fn words(lang: usize) -> &'static [&'static str] {
    [EN, IT, FR, ES, DE][lang]
}

/// The language of a text, or `None` when too few function words say.
///
/// Reads at most the first 200 KB: a language does not change half-way.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut cut = text.len().min(200_000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut scores = [0usize; 5];
    let mut buf = String::new();
    for w in text[..cut].split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let w = w.trim_matches('\'');
        if w.is_empty() || w.len() > 8 {
            continue;
        }
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        for (l, score) in scores.iter_mut().enumerate() {
            if words(l).contains(&buf.as_str()) {
                *score += 1;
            }
        }
    }
    let (best, &top) = scores.iter().enumerate().max_by_key(|&(_, s)| *s)?;
    let second = scores.iter().enumerate().filter(|&(l, _)| l != best).map(|(_, s)| *s).max().unwrap_or(0);
    (top >= 3 && top * 10 >= second * 12).then_some(LANGUAGES[best])
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn detects_the_five_languages() {
        assert_eq!(detect("The City of Bologna is a member of the network since 1991 and it was president."), Some("en"));
        assert_eq!(detect("Carrara entra nel Coordinamento delle Città Creative e ha deciso di aderire alla rete."), Some("it"));
        assert_eq!(detect("La ville de Lyon est membre du réseau depuis 2008 et a accueilli la réunion des villes."), Some("fr"));
        assert_eq!(detect("La ciudad de Sevilla es miembro de la red desde 2006 y fue la sede del encuentro."), Some("es"));
        assert_eq!(detect("Die Stadt Leipzig ist seit 2020 Mitglied im Netzwerk und wird die Konferenz ausrichten."), Some("de"));
        assert_eq!(detect("12345 !!!"), None);
    }
}
