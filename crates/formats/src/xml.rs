//! A tiny XML writer: elements, attributes and text, correctly escaped.
//!
//! GraphML and GEXF need a dozen element names, attributes and text; this
//! is all the XML writing they need (see the crate docs for why it is
//! hand-written). Element and attribute *names* are the caller's static
//! strings; every *value* is escaped here, and characters XML 1.0 cannot
//! carry at all (control characters other than tab, line feed and carriage
//! return; U+FFFE, U+FFFF) are dropped.

use std::fmt::Write as _;

/// Writes an indented XML document into a string.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl XmlWriter {
    /// A document starting with the XML declaration (UTF-8).
    pub fn new() -> Self {
        XmlWriter { out: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_string(), open: Vec::new() }
    }

    fn start_tag(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            // Keys are the caller's literals; values are data.
            let _ = write!(self.out, " {key}=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// Opens an element that will contain others; close it with [`close`](Self::close).
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
    }

    /// An element with no content: `<name a="v"/>`.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// An element with text content: `<name a="v">text</name>`.
    pub fn text(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        let _ = writeln!(self.out, "</{name}>");
    }

    /// Closes the innermost open element.
    ///
    /// # Panics
    ///
    /// When no element is open: that is a bug in the caller.
    pub fn close(&mut self) {
        let name = self.open.pop().expect("close() without an open element");
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
        let _ = writeln!(self.out, "</{name}>");
    }

    /// The document, with every element still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// `s` escaped for XML text (`attribute == false`) or a double-quoted
/// attribute value (`attribute == true`).
pub fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, attribute);
    out
}

fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            // Attribute-value normalisation would turn these into spaces.
            '\t' | '\n' | '\r' if attribute => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_drops_what_xml_cannot_carry() {
        assert_eq!(escape(r#"<a & "b" 'c'>"#, true), "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
        assert_eq!(escape(r#"<a & "b">"#, false), r#"&lt;a &amp; "b"&gt;"#);
        assert_eq!(escape("a\u{1}b\nc", true), "ab&#10;c");
        assert_eq!(escape("a\u{1}b\nc", false), "ab\nc");
    }

    #[test]
    fn nests_and_closes() {
        let mut w = XmlWriter::new();
        w.open("a", &[("x", "1")]);
        w.text("b", &[], "t<");
        w.empty("c", &[]);
        let doc = w.finish();
        assert!(doc.ends_with("<a x=\"1\">\n  <b>t&lt;</b>\n  <c/>\n</a>\n"), "{doc}");
    }
}
