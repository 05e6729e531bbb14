/// Folds a name for comparison: Unicode compatibility decomposition, accents
/// dropped, lower case, every run of other characters than letters and digits
/// made one space. "Montréal" = "montreal", "Città  Creative" = "citta creative",
/// "Crafts & Folk-Art" = "crafts folk art".
///
/// This is the rule of the project's scorer, so that what the registry
/// considers one name the scorer does too.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    if s.is_ascii() {
        // The same rule without decomposition, which ASCII never needs.
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                space = true;
            }
        }
        return out;
    }
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// A URL-safe key from a name: folded, ASCII letters and digits, words joined
/// by `-` ("Reggio nell'Emilia" → "reggio-nell-emilia"). Letters outside ASCII
/// that have no decomposition (ß, ø, ł) are transliterated; other scripts are
/// dropped.
pub fn slug(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        let piece: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            ' ' => "-",
            'ß' => "ss",
            'ø' => "o",
            'æ' => "ae",
            'œ' => "oe",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'þ' => "th",
            'ı' => "i",
            _ => "",
        };
        out.push_str(piece);
    }
    let mut s: String = out.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        s.push('x');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Montréal"), "montreal");
        assert_eq!(fold("  Città   Creative UNESCO "), "citta creative unesco");
        assert_eq!(fold("Crafts & Folk-Art"), "crafts folk art");
        assert_eq!(fold("Kraków"), "krakow");
        assert_eq!(fold("Nürnberg"), "nurnberg");
        assert_eq!(fold("L'Aia"), "l aia");
        assert_eq!(fold("ﬁlm"), "film");
        assert_eq!(fold("..."), "");
    }

    #[test]
    fn ascii_folds_as_any_text_does() {
        // "é" after the text takes the rule's general path; the ASCII text
        // alone takes its short one: both fold the ASCII part alike.
        for c in (0u8..128).map(char::from) {
            let s = format!("X{c}y");
            assert_eq!(format!("{}e", fold(&s)), fold(&format!("{s}é")), "{c:?}");
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Reggio nell'Emilia"), "reggio-nell-emilia");
        assert_eq!(slug("Łódź"), "lodz");
        assert_eq!(slug("Gießen"), "giessen");
        assert_eq!(slug("東京"), "x");
        assert_eq!(slug("São Paulo"), "sao-paulo");
    }
}
