//! The most each free-text field takes, in characters. What is longer is
//! refused with its field named, before anything is written: names of
//! cities, networks, bodies and people are short, a quote is a passage,
//! and nothing a person writes by hand is a book.

use crate::{Document, Fact, FactError, Source};

/// A city, network, organ, host or holder as a fact names it.
pub const NAME: usize = 300;
/// An event's name ("UCCN Annual Conference").
pub const EVENT: usize = 500;
/// The passage of a document that states a fact.
pub const QUOTE: usize = 10_000;
/// Why a fact was read so (the extractor's cue, the resolver's guesses).
pub const CUE: usize = 2_000;
/// The comment recorded with a change: why it was made.
pub const COMMENT: usize = 2_000;
/// A document's key (`seed-003`).
pub const DOCUMENT_KEY: usize = 200;
/// A document's title.
pub const TITLE: usize = 1_000;
/// A document's address.
pub const URL: usize = 2_000;
/// A document's language tag: the 35 characters RFC 5646 (section 4.4.1)
/// recommends as the least buffer for one (BCP 47 sets no maximum).
pub const LANGUAGE: usize = 35;
/// A document's text, and so the end of any span in it: the extractor's
/// size limit, in characters.
pub const TEXT: usize = 50 * 1024 * 1024;
/// What an API token is for.
pub const LABEL: usize = 200;

/// Refuses `value` when it is longer than `max` characters.
pub fn check(field: &'static str, value: &str, max: usize) -> Result<(), FactError> {
    // A text of at most `max` bytes has at most `max` characters.
    if value.len() <= max {
        return Ok(());
    }
    let n = value.chars().count();
    if n <= max {
        return Ok(());
    }
    Err(FactError { field, message: format!("{n} characters; at most {max} are taken") })
}

/// The start of `value`, to name it in a message: a value refused for
/// its length is not echoed whole.
pub fn excerpt(value: &str) -> String {
    const SHOWN: usize = 60;
    let shown = cut(value, SHOWN);
    if shown.len() < value.len() { format!("{shown}…") } else { value.to_string() }
}

/// The first `max` characters of `value`, cut on a character boundary.
pub fn cut(value: &str, max: usize) -> &str {
    value.char_indices().nth(max).map_or(value, |(i, _)| &value[..i])
}

fn check_opt(field: &'static str, value: &Option<String>, max: usize) -> Result<(), FactError> {
    value.as_deref().map_or(Ok(()), |v| check(field, v, max))
}

impl Fact {
    /// Refuses a name or an event's name longer than its limit.
    pub(crate) fn check_lengths(&self) -> Result<(), FactError> {
        match self {
            Fact::Membership { city, network, .. } | Fact::Designation { city, network, .. } => {
                check("city", city, NAME)?;
                check("network", network, NAME)
            }
            Fact::Event { network, event, host, .. } => {
                check("network", network, NAME)?;
                check("event", event, EVENT)?;
                check_opt("host", host, NAME)
            }
            Fact::Role { holder, organ, .. } => {
                check("holder", holder, NAME)?;
                check("organ", organ, NAME)
            }
            Fact::Twinning { city, other, .. } => {
                check("city", city, NAME)?;
                check("other", other, NAME)
            }
            Fact::Headquarters { network, city } => {
                check("network", network, NAME)?;
                check("city", city, NAME)
            }
            Fact::Founded { network, .. } => check("network", network, NAME),
        }
    }
}

impl Source {
    /// Checks what can be checked without the document: the lengths of
    /// its key, quote and cue, a span that starts before it ends and ends
    /// within the longest text, a confidence from 0 to 1. (Whether the
    /// span ends within the document's own text is the store's to check.)
    pub fn validate(&self) -> Result<(), FactError> {
        check("document", &self.document, DOCUMENT_KEY)?;
        check_opt("quote", &self.quote, QUOTE)?;
        check_opt("cue", &self.cue, CUE)?;
        if let Some([start, end]) = self.span {
            if start > end {
                return Err(FactError { field: "span", message: format!("[{start}, {end}] ends before it starts") });
            }
            if end > TEXT {
                return Err(FactError { field: "span", message: format!("[{start}, {end}] ends past the longest text ({TEXT} characters)") });
            }
        }
        match self.confidence {
            Some(c) if !(0.0..=1.0).contains(&c) => Err(FactError { field: "confidence", message: format!("{c} is not from 0 to 1") }),
            _ => Ok(()),
        }
    }

    /// Checks the source against the registry: [`Source::validate`], then
    /// its document, `None` when the registry has no document of its key,
    /// else the length of the text it keeps ([`Source::check_span`]).
    pub fn check_in(&self, document: Option<Option<usize>>) -> Result<(), FactError> {
        self.validate()?;
        let Some(chars) = document else {
            let message = format!("document '{}' is not in the registry", self.document);
            return Err(FactError { field: "sources", message });
        };
        self.check_span(chars)
    }

    /// Refuses a span that ends past the end of its document's text,
    /// `chars` characters long (`None`: a document whose text the registry
    /// does not keep, where [`Source::validate`]'s bound holds).
    pub fn check_span(&self, chars: Option<usize>) -> Result<(), FactError> {
        match (self.span, chars) {
            (Some([start, end]), Some(n)) if end > n => Err(FactError {
                field: "span",
                message: format!("[{start}, {end}] ends past the end of document '{}' ({n} characters)", self.document),
            }),
            _ => Ok(()),
        }
    }
}

impl Document {
    /// Refuses a key, title, address or language tag longer than its limit,
    /// and an empty key.
    pub fn validate(&self) -> Result<(), FactError> {
        if self.key.trim().is_empty() {
            return Err(FactError { field: "key", message: "a document needs a key".into() });
        }
        check("key", &self.key, DOCUMENT_KEY)?;
        check_opt("title", &self.title, TITLE)?;
        check_opt("url", &self.url, URL)?;
        check_opt("language", &self.language, LANGUAGE)?;
        check_opt("text", &self.text, TEXT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_are_refused_naming_the_field() {
        let f: Fact = serde_json::from_value(serde_json::json!({ "kind": "role", "holder": "x".repeat(NAME + 1), "role": "Member", "organ": "EUROCITIES" })).unwrap();
        assert_eq!(f.validate().unwrap_err().field, "holder");
        let f: Fact = serde_json::from_value(serde_json::json!({ "kind": "role", "holder": "é".repeat(NAME), "role": "Member", "organ": "EUROCITIES" })).unwrap();
        assert_eq!(f.validate(), Ok(()), "characters, not bytes");
        let s = Source { quote: Some("q".repeat(QUOTE + 1)), ..Source::document("d") };
        assert_eq!(s.validate().unwrap_err().field, "quote");
    }

    #[test]
    fn cuts_fall_on_characters() {
        assert_eq!(cut("Łódź", 2), "Łó");
        assert_eq!(cut("Łódź", 9), "Łódź");
        assert_eq!(excerpt(&"é".repeat(61)), format!("{}…", "é".repeat(60)));
    }

    #[test]
    fn spans_start_before_they_end_and_end_within_the_text() {
        let span = |a: usize, b: usize| Source { span: Some([a, b]), ..Source::document("d") };
        assert_eq!(span(0, 10).validate(), Ok(()));
        for bad in [span(50, 10), span(0, 99_999_999), span(0, usize::MAX), span(usize::MAX, usize::MAX)] {
            assert_eq!(bad.validate().unwrap_err().field, "span", "{:?}", bad.span);
        }
        assert_eq!(span(0, 10).check_span(Some(10)), Ok(()));
        assert_eq!(span(0, 11).check_span(Some(10)).unwrap_err().field, "span");
        assert_eq!(span(0, 11).check_span(None), Ok(()));
    }
}
