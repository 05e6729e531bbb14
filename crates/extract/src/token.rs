//! A small tokenizer: runs of letters/digits and single punctuation marks,
//! with byte offsets into the text.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Only ASCII digits.
    Num,
    /// Letters, or letters and digits mixed ("3rd", "7th").
    Word,
    /// One other non-space character.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Tokens of `s[range]`, offsets relative to `s`.
pub fn tokenize(s: &str, from: usize, to: usize) -> Vec<Token> {
    let mut out = Vec::with_capacity((to - from) / 5);
    let mut chars = s[from..to].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let start = from + i;
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            let mut digits = c.is_ascii_digit();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || (d == '\u{00ad}') {
                    digits &= d.is_ascii_digit();
                    end = from + j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Token { start, end, kind: if digits { Kind::Num } else { Kind::Word } });
        } else if !c.is_whitespace() {
            let c = match c {
                '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
                '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
                c => c,
            };
            out.push(Token { start, end: start + s[start..].chars().next().map_or(1, char::len_utf8), kind: Kind::Punct(c) });
        }
    }
    out
}

/// Lower-cases a word into `buf` (reused to avoid allocations).
pub fn lower_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    for c in word.chars() {
        buf.extend(c.to_lowercase());
    }
    buf.as_str()
}

pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The base letter of an accented Latin letter ("é" → 'e'), if it is one.
fn base_letter(c: char) -> Option<char> {
    const FROM: &str = "àáâãäåāăąÀÁÂÃÄÅĀĂĄèéêëēĕėęěÈÉÊËĒĖĘĚìíîïīįıÌÍÎÏĪĮİòóôõöøōőÒÓÔÕÖØŌŐùúûüūůűųÙÚÛÜŪŮŰŲçćčÇĆČñńňÑŃŇýÿÝšśşșŠŚŞȘžźżŽŹŻţțťŢȚŤřŘďĎłŁğĞ";
    const TO: &str = "aaaaaaaaaAAAAAAAAAeeeeeeeeeEEEEEEEEiiiiiiiIIIIIIIooooooooOOOOOOOOuuuuuuuuUUUUUUUUcccCCCnnnNNNyyYssssSSSSzzzZZZtttTTTrRdDlLgG";
    FROM.chars().position(|f| f == c).and_then(|p| TO.chars().nth(p))
}

/// The text with accents removed from Latin letters, and the points where
/// its offsets shift from the original's: `(folded, original)` offsets just
/// after each changed letter. ASCII text is borrowed unchanged.
pub fn strip_accents(text: &str) -> (std::borrow::Cow<'_, str>, Vec<(usize, usize)>) {
    if text.is_ascii() {
        return (text.into(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // Runs of ASCII, most of a text, are copied as they are.
        let run = bytes[i..].iter().position(|&b| b >= 0x80).unwrap_or(text.len() - i);
        out.push_str(&text[i..i + run]);
        i += run;
        let Some(c) = text[i..].chars().next() else { break };
        // A typographic apostrophe is the plain one ("l’association").
        let plain = matches!(c, '\u{2019}' | '\u{2018}').then_some('\'');
        match plain.or_else(|| (c as u32 >= 0xC0).then(|| base_letter(c)).flatten()) {
            Some(b) => {
                out.push(b);
                shifts.push((out.len(), i + c.len_utf8()));
            }
            None => out.push(c),
        }
        i += c.len_utf8();
    }
    (out.into(), shifts)
}

/// Maps an offset of the folded text back to the original.
pub fn original_offset(shifts: &[(usize, usize)], folded: usize) -> usize {
    match shifts.partition_point(|&(f, _)| f <= folded) {
        0 => folded,
        k => {
            let (f, o) = shifts[k - 1];
            o + (folded - f)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_keeps_its_own_base() {
        let (f, _) = strip_accents("España Logroño Çanakkale Łódź Niepołomice Šibenik Žilina Ørsta Curaçao Dağ");
        assert_eq!(f, "Espana Logrono Canakkale Lodz Niepolomice Sibenik Zilina Orsta Curacao Dag");
    }

    #[test]
    fn accents_are_stripped_with_an_offset_map() {
        let t = "Montréal, Città è";
        let (f, shifts) = strip_accents(t);
        assert_eq!(f, "Montreal, Citta e");
        let p = f.find("Citta").unwrap();
        assert_eq!(&t[original_offset(&shifts, p)..original_offset(&shifts, p + 5)], "Città");
        assert_eq!(&t[original_offset(&shifts, 0)..original_offset(&shifts, 8)], "Montréal");
    }
}
