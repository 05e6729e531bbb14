//! From input bytes to the plain text the extractor reads.
//!
//! - Bytes are checked first: a size cap ([`MAX_INPUT_BYTES`]), valid UTF-8
//!   (a UTF-8 byte-order mark is dropped), and no binary content (NUL or
//!   many control characters).
//! - HTML is detected by content ([`looks_like_html`]) and reduced to its
//!   text by a flat, non-recursive scan: block tags become line breaks,
//!   `script`/`style`/`nav`/`footer`/`aside`/... contents are dropped, and
//!   character references are decoded. Nesting depth costs nothing.
//! - Markdown is reduced to its text: emphasis markers, heading and quote
//!   markers and link targets go, link texts stay. Plain text goes through
//!   the same reduction (texts are often Markdown without saying so); only
//!   [`Format::Text`] keeps the input verbatim.
//!
//! Spans in the output refer to the returned text, so no offset map back to
//! the input is needed.

use crate::{ExtractError, Format};

/// The largest input accepted: 50 MiB.
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// Checks and decodes the input bytes.
pub(crate) fn decode(input: &[u8]) -> Result<&str, ExtractError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::TooLarge { size: input.len(), max: MAX_INPUT_BYTES });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = std::str::from_utf8(input).map_err(|e| ExtractError::InvalidUtf8 { offset: e.valid_up_to() })?;
    if memchr::memchr(0, input).is_some() {
        return Err(ExtractError::Binary);
    }
    // Other control characters than tab, CR, LF and form feed: a few are
    // noise, many mean the input is no text.
    let sample = &input[..input.len().min(64 * 1024)];
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    if controls > 8 && controls * 100 > sample.len() {
        return Err(ExtractError::Binary);
    }
    Ok(text)
}

/// Reduces decoded input to plain text according to `format`.
pub(crate) fn to_plain_text(text: &str, format: Format) -> String {
    let format = match format {
        Format::Auto if looks_like_html(text) => Format::Html,
        Format::Auto => Format::Markdown,
        f => f,
    };
    let text = match format {
        Format::Html => html_to_text(text),
        Format::Markdown | Format::Auto => markdown_to_text(text),
        Format::Text => text.replace("\r\n", "\n"),
    };
    unglue_labels(text.replace('\u{a0}', " "))
}

/// Labels of an infobox, which some flatteners glue to their value
/// ("Founded1990", "HeadquartersBonn").
const INFOBOX_LABELS: &[&str] = &[
    "Founded", "Headquarters", "Location", "Founder", "Fundación", "Fundada", "Sede", "Fondation", "Création", "Siège",
    "Gründung", "Sitz", "Fondazione", "Established", "Formation",
];

/// Puts ": " between an infobox label that opens a line and the value a
/// flattener glued to it, so that "Founded1990" reads "Founded: 1990".
fn unglue_labels(text: String) -> String {
    let glued = |line: &str| {
        INFOBOX_LABELS.iter().find_map(|l| {
            let rest = line.strip_prefix(l)?;
            rest.chars().next().filter(|c| c.is_uppercase() || c.is_ascii_digit()).map(|_| l.len())
        })
    };
    if !text.lines().any(|l| glued(l).is_some()) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        match glued(line) {
            Some(n) => {
                out.push_str(&line[..n]);
                out.push_str(": ");
                out.push_str(&line[n..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// True when the text is HTML: it starts with a doctype or an `<html>` tag,
/// or has several closing tags of common HTML elements.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    let head = &head.as_bytes()[..head.len().min(256)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || lower.starts_with(b"<?xml") && contains(&lower, b"<html") {
        return true;
    }
    const CLOSERS: [&[u8]; 10] = [b"</p>", b"</div>", b"</a>", b"</span>", b"</li>", b"</h1>", b"</h2>", b"</body>", b"</td>", b"</section>"];
    let sample = &text.as_bytes()[..text.len().min(1 << 20)];
    let mut found = 0;
    for pos in memchr::memmem::find_iter(sample, b"</") {
        let rest = &sample[pos..sample.len().min(pos + 10)];
        let rest: Vec<u8> = rest.iter().map(u8::to_ascii_lowercase).collect();
        if CLOSERS.iter().any(|c| rest.starts_with(c)) {
            found += 1;
            if found >= 2 {
                return true;
            }
        }
    }
    false
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// Elements whose content is not text of the document.
const SKIP_CONTENT: [&str; 12] =
    ["script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "head", "iframe", "object", "form"];

/// Elements that break the text into blocks.
const BLOCK: [&str; 32] = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
    "header", "main", "blockquote", "pre", "dd", "dt", "dl", "title", "hr", "figure", "figcaption", "td", "th",
    "address", "time", "body",
];

/// HTML to text by one flat scan (no recursion, no tree).
pub fn html_to_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    // Depth of elements whose content is skipped; `skip_tag` names the
    // element that started it for raw-text elements (script, style).
    let mut skip_depth: usize = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        // Flush text before the tag.
        if skip_depth == 0 && text_start < i {
            push_text(&mut out, &html[text_start..i]);
        }
        // Comments, CDATA, doctype.
        if b[i..].starts_with(b"<!--") {
            i = find_from(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
            text_start = i;
            continue;
        }
        if b[i..].starts_with(b"<!") || b[i..].starts_with(b"<?") {
            i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1);
            text_start = i;
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = if closing { i + 2 } else { i + 1 };
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        if j == name_start {
            // A lone '<' in text.
            i += 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let end = tag_end(b, j);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        i = end;
        text_start = end;
        if !closing && (name == "script" || name == "style") {
            // Raw text: skip to the matching end tag.
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).map_or(b.len(), |p| tag_end(b, p + close.len()));
            text_start = i;
            continue;
        }
        if SKIP_CONTENT.contains(&name.as_str()) {
            if closing {
                skip_depth = skip_depth.saturating_sub(1);
            } else if !self_closing {
                skip_depth += 1;
            }
            continue;
        }
        if skip_depth == 0 && BLOCK.contains(&name.as_str()) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    if skip_depth == 0 && text_start < b.len() {
        push_text(&mut out, &html[text_start..]);
    }
    tidy_lines(&out)
}

/// The index just past the `>` ending a tag whose name ends at `from`,
/// skipping quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut k = from;
    let mut quote = 0u8;
    while k < b.len() {
        let c = b[k];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return k + 1;
        }
        k += 1;
    }
    b.len()
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&b[from.min(b.len())..], needle).map(|p| p + from)
}

/// Case-insensitive search of an ASCII needle.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut k = from;
    while let Some(p) = memchr::memchr(b'<', &b[k.min(b.len())..]) {
        let at = k + p;
        if b.len() - at >= needle.len() && b[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        k = at + 1;
    }
    None
}

/// Appends text with whitespace collapsed and character references decoded.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    let mut space = false;
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space && !out.is_empty() && !out.ends_with('\n') && !out.ends_with(' ') {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.ends_with('\n') && !out.ends_with(' ') && !out.is_empty() {
        out.push(' ');
    }
}

/// Decodes `&amp;`, `&#233;`, `&#xE9;` and the common named references.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1);
        let (name, len) = match end {
            Some(e) if rest[e..].starts_with(';') && e > 1 => (&rest[1..e], e + 1),
            _ => {
                out.push('&');
                rest = &rest[1..];
                continue;
            }
        };
        let ch = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.and_then(char::from_u32).map(|c| c.to_string())
        } else {
            named_entity(name).map(str::to_string)
        };
        match ch {
            Some(c) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn named_entity(name: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", " "),
        ("rsquo", "\u{2019}"), ("lsquo", "\u{2018}"), ("rdquo", "\u{201d}"), ("ldquo", "\u{201c}"),
        ("ndash", "\u{2013}"), ("mdash", "\u{2014}"), ("hellip", "\u{2026}"), ("laquo", "«"), ("raquo", "»"),
        ("agrave", "à"), ("aacute", "á"), ("acirc", "â"), ("auml", "ä"), ("atilde", "ã"), ("aring", "å"),
        ("egrave", "è"), ("eacute", "é"), ("ecirc", "ê"), ("euml", "ë"), ("igrave", "ì"), ("iacute", "í"),
        ("icirc", "î"), ("iuml", "ï"), ("ograve", "ò"), ("oacute", "ó"), ("ocirc", "ô"), ("ouml", "ö"),
        ("otilde", "õ"), ("oslash", "ø"), ("ugrave", "ù"), ("uacute", "ú"), ("ucirc", "û"), ("uuml", "ü"),
        ("ntilde", "ñ"), ("ccedil", "ç"), ("szlig", "ß"), ("Agrave", "À"), ("Aacute", "Á"), ("Egrave", "È"),
        ("Eacute", "É"), ("Ouml", "Ö"), ("Uuml", "Ü"), ("Auml", "Ä"), ("Ccedil", "Ç"), ("Ntilde", "Ñ"),
        ("ordm", "º"), ("ordf", "ª"), ("deg", "°"), ("euro", "€"), ("copy", "©"), ("middot", "·"),
    ];
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// Trims each line and keeps at most one blank line in a row.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let t = line.trim();
        if t.is_empty() {
            blank += 1;
            if blank == 1 && !out.is_empty() {
                out.push('\n');
            }
            continue;
        }
        blank = 0;
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// Markdown to text: `[text](url)` → `text`, emphasis and heading markers
/// removed, line structure kept.
pub fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        let mut l = line.trim_end_matches('\r');
        let trimmed = l.trim_start();
        // Heading and quote markers.
        let t = trimmed.trim_start_matches('#');
        if t.len() != trimmed.len() && (t.is_empty() || t.starts_with(' ')) {
            l = t.trim_start();
        } else if let Some(q) = trimmed.strip_prefix("> ") {
            l = q;
        }
        strip_inline(l, &mut out);
        out.push('\n');
    }
    out
}

fn strip_inline(line: &str, out: &mut String) {
    let b = line.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        match b[i] {
            b'*' | b'`' => {
                out.push_str(&line[last..i]);
                i += 1;
                last = i;
            }
            b'_' if b.get(i + 1) == Some(&b'_') => {
                out.push_str(&line[last..i]);
                i += 2;
                last = i;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                out.push_str(&line[last..i]);
                i += 1;
                last = i;
            }
            b'[' => {
                // [text](target): keep text, drop target.
                if let Some(close) = line[i..].find("](") {
                    let text_end = i + close;
                    if let Some(paren) = line[text_end + 2..].find(')') {
                        out.push_str(&line[last..i]);
                        strip_inline(&line[i + 1..text_end], out);
                        i = text_end + 2 + paren + 1;
                        last = i;
                        continue;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&line[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_reduced_to_text() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body><nav><a href='/'>Home</a></nav>\
                    <h1>Title &amp; more</h1><p>Bologna is <b>member</b> of EUROCITIES&nbsp;since 1991.</p><script>var x = '<p>';</script>\
                    <p>Citt&agrave; &#233;&#xE9;</p></body></html>";
        assert!(looks_like_html(html));
        let t = html_to_text(html);
        assert_eq!(t, "Title & more\nBologna is member of EUROCITIES since 1991.\nCittà éé\n");
    }

    #[test]
    fn deeply_nested_html_does_not_recurse() {
        let mut html = String::new();
        for _ in 0..200_000 {
            html.push_str("<div>");
        }
        html.push_str("Torino");
        assert!(html_to_text(&html).contains("Torino"));
    }

    #[test]
    fn markdown_links_and_emphasis_go() {
        let t = markdown_to_text("## Title\n[NEWS](#) > **Bologna** and *Parma* [site](http://x.y/z)\n");
        assert_eq!(t, "Title\nNEWS > Bologna and Parma site\n");
    }

    #[test]
    fn glued_infobox_labels_are_parted() {
        let text = to_plain_text("Energy Cities\nFounded1990, Besançon\nHeadquartersBrussels\nFounders of towns\n", Format::Text);
        assert_eq!(text, "Energy Cities\nFounded: 1990, Besançon\nHeadquarters: Brussels\nFounders of towns\n");
    }

    #[test]
    fn plain_text_is_not_html() {
        assert!(!looks_like_html("Bologna < Parma, and a </ b> thing"));
    }

    #[test]
    fn binary_and_bad_utf8_are_errors() {
        assert!(matches!(decode(b"abc\0def"), Err(ExtractError::Binary)));
        assert!(matches!(decode(&[0x61, 0xff, 0xfe]), Err(ExtractError::InvalidUtf8 { offset: 1 })));
        assert!(decode("\u{feff}ciao".as_bytes()).is_ok());
    }
}
