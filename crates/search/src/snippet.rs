//! Snippets: the passage of an entry's text where the query's words are,
//! with the words marked, typos and stems included (tantivy's own snippet
//! generator only knows exact terms).

use serde::Serialize;

use crate::query::Word;
use crate::schema::{one_token, tokens, Analyzers};

/// Characters of text a snippet shows, about.
const WIDTH: usize = 200;
/// Characters before the first match.
const LEAD: usize = 50;

/// A passage of text with the matched words marked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// Plain text ("…" where it was cut).
    pub text: String,
    /// Byte ranges of `text` to highlight, in order, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The snippet as HTML: text escaped, matches in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut at = 0;
        for &(a, b) in &self.highlights {
            escape(&mut out, &self.text[at..a]);
            out.push_str("<mark>");
            escape(&mut out, &self.text[a..b]);
            out.push_str("</mark>");
            at = b;
        }
        escape(&mut out, &self.text[at..]);
        out
    }
}

fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Edit distance with adjacent transpositions counting one (the rule of
/// the fuzzy query), giving up past `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, x) in d.iter_mut().enumerate().take(w) {
        *x = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// Which query word a text token matches, if any, and how well.
fn matches(analyzers: &mut Analyzers, words: &[Word], token: &str) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    let mut consider = |i: usize, s: f32| {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    };
    for (i, w) in words.iter().enumerate() {
        if token == w.text {
            consider(i, 3.0);
            continue;
        }
        // Stems and typos share a start with the word, nearly always.
        let head = |s: &str| s.chars().next();
        if head(token) != head(&w.text) {
            continue;
        }
        let en = w.en.is_some() && one_token(&mut analyzers.en, token) == w.en;
        if en || (w.it.is_some() && one_token(&mut analyzers.it, token) == w.it) {
            consider(i, 2.5);
        } else if [&w.en, &w.it].into_iter().flatten().any(|s| s.len() >= 5 && token.starts_with(s.as_str())) {
            // A stem shared across languages: "gastronomiche" and "Gastronomy".
            consider(i, 2.0);
        } else if w.prefix && token.starts_with(&w.text) {
            consider(i, 1.5);
        } else if w.distance > 0 && distance(token, &w.text, w.distance as usize) <= w.distance as usize {
            consider(i, 1.0);
        }
    }
    best
}

/// The best passage of `text` for `words`; its start when nothing matches.
pub(crate) fn snippet(analyzers: &mut Analyzers, text: &str, words: &[Word]) -> Snippet {
    let toks = tokens(&mut analyzers.folded.clone(), text);
    let mut hits: Vec<(usize, usize, usize, f32)> = Vec::new(); // from, to, word, score
    for (t, from, to) in toks {
        if let Some((w, s)) = matches(analyzers, words, &t) {
            hits.push((from, to, w, s));
        }
    }
    // The window (of hits starting within WIDTH of a first one) that
    // matches the most distinct words, best first.
    let mut best = (0.0f32, 0usize, 0usize); // score, first hit, last hit
    for i in 0..hits.len() {
        let mut seen = vec![0.0f32; words.len()];
        let mut j = i;
        while j < hits.len() && hits[j].1 <= hits[i].0 + WIDTH - LEAD {
            let (_, _, w, s) = hits[j];
            seen[w] = seen[w].max(s);
            j += 1;
        }
        let score: f32 = seen.iter().sum();
        if score > best.0 {
            best = (score, i, j);
        }
    }
    let (start, end) = if best.0 > 0.0 {
        let first = hits[best.1].0;
        let start = floor_boundary(text, first.saturating_sub(LEAD));
        // Start at a word: after the last space before the match.
        let start = text[start..first].find(' ').filter(|_| start > 0).map(|p| start + p + 1).unwrap_or(start);
        (start, ceil_boundary(text, (start + WIDTH).min(text.len())))
    } else {
        (0, ceil_boundary(text, WIDTH.min(text.len())))
    };
    // End at a word.
    let end = if end < text.len() { text[start..end].rfind(' ').map(|p| start + p).filter(|&p| p > start).unwrap_or(end) } else { end };
    let mut out = Snippet::default();
    if start > 0 {
        out.text.push('…');
    }
    // Runs of white space (line breaks of the text) become one space;
    // `at[i]` is where byte `start + i` of the text went.
    let mut at = Vec::with_capacity(end - start + 1);
    let mut space = false;
    for (i, c) in text[start..end].char_indices() {
        while at.len() < i {
            at.push(out.text.len());
        }
        at.push(out.text.len());
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.text.is_empty() && !out.text.ends_with('…') {
            out.text.push(' ');
            *at.last_mut().expect("pushed") = out.text.len();
        }
        space = false;
        out.text.push(c);
    }
    while at.len() <= end - start {
        at.push(out.text.len());
    }
    if end < text.len() {
        out.text.push('…');
    }
    for &(from, to, _, _) in &hits {
        if from >= start && to <= end {
            out.highlights.push((at[from - start], at[to - start]));
        }
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::words;

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("bolgna", "bologna", 2), 1);
        assert_eq!(distance("bolonga", "bologna", 2), 1);
        assert_eq!(distance("milan", "milano", 2), 1);
        assert!(distance("rome", "bologna", 1) > 1);
    }

    #[test]
    fn marks_exact_stemmed_and_misspelt_words() {
        let mut a = Analyzers::new();
        let ws = words(&mut a, "Bolgna meetings");
        let s = snippet(&mut a, "The annual meeting took place in Bologna, Italy.", &ws);
        let marked: Vec<&str> = s.highlights.iter().map(|&(x, y)| &s.text[x..y]).collect();
        assert_eq!(marked, ["meeting", "Bologna"]);
        assert_eq!(s.to_html(), "The annual <mark>meeting</mark> took place in <mark>Bologna</mark>, Italy.");
    }

    #[test]
    fn cuts_long_text_around_the_match_on_char_boundaries() {
        let mut a = Analyzers::new();
        let text = format!("{} Città creative di Torino {}", "àèì ".repeat(100), "òù ".repeat(100));
        let ws = words(&mut a, "torino");
        let s = snippet(&mut a, &text, &ws);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        let marked: Vec<&str> = s.highlights.iter().map(|&(x, y)| &s.text[x..y]).collect();
        assert_eq!(marked, ["Torino"]);
        assert!(s.text.chars().count() <= WIDTH + 2);
        let s = snippet(&mut a, "Nasce a\n\n  Torino il nuovo", &ws);
        assert_eq!(s.text, "Nasce a Torino il nuovo");
        assert_eq!(&s.text[s.highlights[0].0..s.highlights[0].1], "Torino");
        let none = snippet(&mut a, "short", &ws);
        assert_eq!(none, Snippet { text: "short".into(), highlights: vec![] });
    }
}
