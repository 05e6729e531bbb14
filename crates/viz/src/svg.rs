//! A minimal SVG (XML) writer.
//!
//! Element and attribute *names* are `&'static str`: they come from this
//! crate, never from data. Everything that comes from data — attribute
//! values, text, link targets — goes through [`escape`], so any string
//! (`<script>`, `&`, quotes, control characters) yields well-formed XML and
//! reads back as the same text. Numbers are written with at most one decimal
//! ([`Writer::num`]), which keeps the output small.

use std::fmt::Write as _;

/// Escapes `s` for XML text and for attribute values in either quote style.
///
/// `&`, `<`, `>`, `"` and `'` become entities. Characters XML 1.0 forbids
/// (control characters other than tab, newline and carriage return, and
/// U+FFFE/U+FFFF) become U+FFFD, so the output always parses; tab, newline
/// and carriage return are written as character references, so they also
/// survive attribute-value normalisation.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`] appending to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// A link target safe to put in `href`: schemes that run code
/// (`javascript:`, `vbscript:`, `data:`) become `#`. Other values, relative
/// or absolute, are kept as given (and escaped when written).
pub fn safe_href(href: &str) -> &str {
    let lowered: String = href
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .flat_map(char::to_lowercase)
        .collect();
    if ["javascript:", "vbscript:", "data:"].iter().any(|s| lowered.starts_with(s)) {
        "#"
    } else {
        href
    }
}

/// Appends `v` rounded to one decimal, without a trailing `.0`
/// (`12`, `-3.5`, `0`). Non-finite values are written as `0`.
pub fn push_num(out: &mut String, v: f64) {
    let tenths = if v.is_finite() { (v * 10.0).round() as i64 } else { 0 };
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let _ = write!(out, "{}", t / 10);
    if t % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (t % 10) as u8));
    }
}

/// `v` rounded to one decimal, as [`push_num`] writes it.
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Writes an SVG document element by element.
///
/// ```
/// use citynets_viz::svg::Writer;
/// let mut w = Writer::new();
/// w.start("text").num("x", 1.25).attr("class", "a&b").open();
/// w.text("<script>");
/// w.close();
/// assert_eq!(w.finish(), r#"<text x="1.3" class="a&amp;b">&lt;script&gt;</text>"#);
/// ```
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    pending: Option<&'static str>,
    stack: Vec<&'static str>,
}

impl Writer {
    pub fn new() -> Self {
        Self::with_capacity(4096)
    }

    pub fn with_capacity(bytes: usize) -> Self {
        Writer { out: String::with_capacity(bytes), pending: None, stack: Vec::new() }
    }

    /// Begins a start tag; add attributes, then [`open`](Self::open) or
    /// [`empty`](Self::empty).
    pub fn start(&mut self, tag: &'static str) -> &mut Self {
        debug_assert!(self.pending.is_none(), "start tag <{tag}> inside an unfinished one");
        self.out.push('<');
        self.out.push_str(tag);
        self.pending = Some(tag);
        self
    }

    /// An attribute with an escaped value.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.attr_begin(name);
        escape_into(&mut self.out, value);
        self.out.push('"');
        self
    }

    /// An `href` attribute, through [`safe_href`] and escaped.
    pub fn href(&mut self, value: &str) -> &mut Self {
        self.attr("href", safe_href(value))
    }

    /// A numeric attribute, rounded to one decimal.
    pub fn num(&mut self, name: &'static str, value: f64) -> &mut Self {
        self.attr_begin(name);
        push_num(&mut self.out, value);
        self.out.push('"');
        self
    }

    /// An attribute whose value `f` writes unescaped. Only for values made
    /// of numbers and letters this crate chooses (path data, transforms).
    pub(crate) fn attr_raw(&mut self, name: &'static str, f: impl FnOnce(&mut String)) -> &mut Self {
        self.attr_begin(name);
        f(&mut self.out);
        self.out.push('"');
        self
    }

    fn attr_begin(&mut self, name: &'static str) {
        debug_assert!(self.pending.is_some(), "attribute {name} outside a start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
    }

    /// Ends the start tag; the element stays open until [`close`](Self::close).
    pub fn open(&mut self) -> &mut Self {
        let tag = self.pending.take().expect("open() without start()");
        self.out.push('>');
        self.stack.push(tag);
        self
    }

    /// Ends the start tag as an empty element (`<circle .../>`).
    pub fn empty(&mut self) -> &mut Self {
        self.pending.take().expect("empty() without start()");
        self.out.push_str("/>");
        self
    }

    /// Escaped text content.
    pub fn text(&mut self, s: &str) -> &mut Self {
        debug_assert!(self.pending.is_none());
        escape_into(&mut self.out, s);
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        let tag = self.stack.pop().expect("close() with no open element");
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// `<tag>text</tag>` with no attributes.
    pub fn leaf(&mut self, tag: &'static str, text: &str) -> &mut Self {
        self.start(tag).open().text(text).close()
    }

    /// `<title>text</title>`: a tooltip and accessible name.
    pub fn title(&mut self, text: &str) -> &mut Self {
        self.leaf("title", text)
    }

    /// Raw markup this crate wrote itself (a style sheet).
    pub(crate) fn raw(&mut self, s: &str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    /// The document; every open element is closed.
    pub fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.close();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_forbidden_characters() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\nc"), "a\u{fffd}b&#10;c");
        assert_eq!(escape("Città"), "Città");
    }

    #[test]
    fn numbers_have_one_decimal_at_most() {
        for (v, s) in [(0.0, "0"), (1.25, "1.3"), (-0.04, "0"), (-0.05, "-0.1"), (-12.36, "-12.4"), (480.0, "480"), (f64::NAN, "0")] {
            assert_eq!(num(v), s, "{v}");
        }
    }

    #[test]
    fn code_schemes_are_not_links() {
        assert_eq!(safe_href(" JavaScript:alert(1)"), "#");
        assert_eq!(safe_href("java\tscript:x"), "#");
        assert_eq!(safe_href("/cities/bologna-it"), "/cities/bologna-it");
        assert_eq!(safe_href("https://example.org/?a=1&b=2"), "https://example.org/?a=1&b=2");
    }
}
