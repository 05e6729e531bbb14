//! Dates in five languages: points ("18 September 2013", "novembre 2017",
//! "1991", "2021-02-24"), ranges ("from 18 to 21 September 2013", "dal 3 al
//! 5 novembre 2021", "20-22 November 2019", "3rd to 5th November 2021",
//! "from 1993 to 1999"), openings ("since 1962", "Dal novembre 2017",
//! "seit 1962"), ends ("until 2020") and relative dates ("this year",
//! "quest'anno", "lo scorso 14 dicembre", "next year"), resolved against the
//! document's date.
//!
//! The recogniser walks [`Token`]s left to right and takes the longest date
//! at each position; what it finds never overlaps.

use citynets_model::PartialDate;

use crate::token::{lower_into, Kind, Token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateValue {
    Point(PartialDate),
    Range(PartialDate, PartialDate),
    /// "since 1962", "dal 2014".
    Since(PartialDate),
    /// "until 2020", "fino al 2020".
    Until(PartialDate),
}

impl DateValue {
    /// The first date the value names.
    pub fn start(self) -> PartialDate {
        match self {
            DateValue::Point(d) | DateValue::Since(d) | DateValue::Until(d) => d,
            DateValue::Range(a, _) => a,
        }
    }

    /// The last date the value names (the end of a range).
    pub fn end(self) -> PartialDate {
        match self {
            DateValue::Range(_, b) => b,
            v => v.start(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

/// Month names and abbreviations in the five languages, lower case.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
    ("gennaio", 1), ("febbraio", 2), ("marzo", 3), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("agosto", 8), ("settembre", 9), ("ottobre", 10), ("novembre", 11), ("dicembre", 12),
    ("gen", 1), ("mag", 5), ("giu", 6), ("lug", 7), ("ago", 8), ("set", 9), ("ott", 10), ("dic", 12),
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
    ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("décembre", 12),
    ("decembre", 12), ("janv", 1), ("févr", 2), ("fevr", 2), ("avr", 4), ("juil", 7), ("déc", 12),
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12), ("ene", 1),
    ("abr", 4),
    ("januar", 1), ("februar", 2), ("märz", 3), ("maerz", 3), ("juni", 6), ("juli", 7), ("oktober", 10),
    ("dezember", 12), ("okt", 10), ("dez", 12), ("jänner", 1),
];

const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "lunedi", "martedi",
    "mercoledi", "giovedi", "venerdi", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "domingo", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
];

/// Words that open a range: "from 18 to 21", "dal 3 al 5".
const RANGE_FROM: &[&str] = &["from", "between", "dal", "dalla", "dall", "tra", "fra", "du", "de", "del", "entre", "vom", "von", "zwischen"];
/// Words that join the two ends of a range.
const RANGE_TO: &[&str] = &["to", "till", "until", "through", "and", "al", "alla", "all", "au", "à", "a", "et", "y", "bis", "und", "e"];
/// Words that open a "since" date.
const SINCE: &[&str] = &["since", "dal", "dalla", "dall", "depuis", "desde", "seit", "from"];
const UNTIL: &[&str] = &["until", "till", "jusqu", "hasta", "bis"];

/// Relative years: (words, offset from the document's year).
const RELATIVE_YEARS: &[(&[&str], i32)] = &[
    (&["this", "year"], 0), (&["quest", "anno"], 0), (&["cette", "année"], 0), (&["este", "año"], 0),
    (&["dieses", "jahr"], 0), (&["dieses", "jahres"], 0), (&["diesem", "jahr"], 0),
    (&["next", "year"], 1), (&["anno", "prossimo"], 1), (&["prossimo", "anno"], 1), (&["année", "prochaine"], 1),
    (&["próximo", "año"], 1), (&["año", "próximo"], 1), (&["año", "que", "viene"], 1), (&["nächstes", "jahr"], 1),
    (&["nächsten", "jahr"], 1), (&["kommenden", "jahr"], 1),
    (&["an", "dernier"], -1), (&["an", "prochain"], 1), (&["l'an", "dernier"], -1), (&["año", "anterior"], -1),
    (&["vorigen", "jahr"], -1), (&["vorjahr"], -1), (&["lo", "scorso", "anno"], -1), (&["este", "mismo", "año"], 0),
    (&["last", "year"], -1), (&["anno", "scorso"], -1), (&["scorso", "anno"], -1), (&["année", "dernière"], -1),
    (&["año", "pasado"], -1), (&["letztes", "jahr"], -1), (&["letzten", "jahr"], -1), (&["vergangenen", "jahr"], -1),
];
/// "The next N years", with the words before and after the number.
const COMING_YEARS: &[(&[&str], &[&str])] = &[
    (&["kommenden"], &["jahre"]), (&["kommenden"], &["jahren"]), (&["nächsten"], &["jahre"]), (&["nächsten"], &["jahren"]),
    (&["next"], &["years"]), (&["coming"], &["years"]), (&["prossimi"], &["anni"]), (&[], &["prochaines", "années"]),
    (&["próximos"], &["años"]),
];

/// Numbers written as words, two to five, in the five languages.
const NUMBER_WORDS: &[(&str, i32)] = &[
    ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("due", 2), ("tre", 3), ("quattro", 4), ("cinque", 5),
    ("deux", 2), ("trois", 3), ("quatre", 4), ("cinq", 5), ("dos", 2), ("tres", 3), ("cuatro", 4), ("cinco", 5),
    ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5),
];

const PAST_WORDS: &[&str] = &["scorso", "scorsa", "last", "dernier", "dernière", "pasado", "pasada", "vergangenen", "letzten"];
const NEXT_WORDS: &[&str] = &["prossimo", "prossima", "next", "prochain", "prochaine", "próximo", "próxima", "kommenden", "nächsten"];

pub fn month_named(lower: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| *n == lower).map(|&(_, m)| m)
}

pub fn is_weekday(lower: &str) -> bool {
    WEEKDAYS.contains(&lower)
}

struct Cursor<'a> {
    s: &'a str,
    toks: &'a [Token],
    published: Option<PartialDate>,
    /// Lower-cased words, one after another (other tokens and long words,
    /// which are never part of a date, add nothing), computed once ...
    lowered: String,
    /// ... and each token's span in it.
    spans: Vec<(u32, u32)>,
}

/// A date as far as it was read: day and month may lack a year.
#[derive(Clone, Copy, Debug, Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl Parts {
    fn to_date(self) -> Option<PartialDate> {
        PartialDate::new(self.year?, self.month, if self.month.is_some() { self.day } else { None }).ok()
    }
}

impl Cursor<'_> {
    fn lower(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let (a, b) = self.spans[i];
        Some(&self.lowered[a as usize..b as usize])
    }

    fn word_is(&self, i: usize, set: &[&str]) -> bool {
        self.lower(i).is_some_and(|w| set.contains(&w))
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Num && t.end - t.start <= 4).then(|| (t.text(self.s).parse().unwrap_or(0), t.end - t.start))
    }

    /// A day number, with an ordinal ending ("3rd", "1er", "5th", "1°", "20.").
    fn day(&mut self, i: usize) -> Option<(u32, usize)> {
        let t = *self.toks.get(i)?;
        let text = t.text(self.s);
        let (n, mut next) = match t.kind {
            Kind::Num if t.end - t.start <= 2 => (text.parse().ok()?, i + 1),
            Kind::Word => {
                let digits = text.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || digits > 2 {
                    return None;
                }
                let suffix = text[digits..].to_lowercase();
                if !["st", "nd", "rd", "th", "er", "e", "ème", "eme", "º", "ª", "o", "a"].contains(&suffix.as_str()) {
                    return None;
                }
                (text[..digits].parse().ok()?, i + 1)
            }
            _ => return None,
        };
        if !(1..=31).contains(&n) {
            return None;
        }
        // "1°", "20." (German ordinal).
        if let Some(nt) = self.toks.get(next)
            && (nt.is_punct('°') || nt.is_punct('.')) && nt.start == t.end {
                next += 1;
            }
        Some((n, next))
    }

    fn month(&mut self, i: usize) -> Option<(u32, usize)> {
        let m = month_named(self.lower(i)?)?;
        let mut next = i + 1;
        if self.toks.get(next).is_some_and(|t| t.is_punct('.') && t.start == self.toks[i].end) {
            next += 1;
        }
        Some((m, next))
    }

    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let (n, len) = self.num(i)?;
        // "2013" but not "12013" or a part of "+39 011 2013".
        if len != 4 || !(1000..=2100).contains(&n) {
            return None;
        }
        let t = self.toks[i];
        let glued = |k: Option<&Token>| k.is_some_and(|k| (k.end == t.start || k.start == t.end) && matches!(k.kind, Kind::Word));
        if glued(i.checked_sub(1).and_then(|p| self.toks.get(p))) || glued(self.toks.get(i + 1)) {
            return None;
        }
        // "poco più di 1000 abitanti", "2000 members": a count, no year.
        if self.word_is(i + 1, COUNTED) {
            return None;
        }
        Some((n as i32, i + 1))
    }

    /// Optional Spanish/Portuguese "de"/"del" between parts.
    fn skip_de(&mut self, i: usize) -> usize {
        if self.word_is(i, &["de", "del"]) { i + 1 } else { i }
    }

    fn skip_comma(&self, i: usize) -> usize {
        if self.toks.get(i).is_some_and(|t| t.is_punct(',')) { i + 1 } else { i }
    }

    /// One date, possibly without a year: returns the parts and the next index.
    fn single(&mut self, i: usize, allow_bare_day: bool) -> Option<(Parts, usize)> {
        // ISO: 2021-02-24, 2021-02.
        if let Some((y, n)) = self.year(i) {
            // ("2008-09", the next year's last digits, is a season: a
            // range of years.)
            let season = |m: u32| m as i32 == (y + 1) % 100 && !self.toks.get(n + 2).is_some_and(|t| t.is_punct('-'));
            if self.toks.get(n).is_some_and(|t| t.is_punct('-'))
                && let Some((m, 2)) = self.num(n + 1)
                    && (1..=12).contains(&m) && !season(m) {
                        if self.toks.get(n + 2).is_some_and(|t| t.is_punct('-'))
                            && let Some((d, 2)) = self.num(n + 3) {
                                return Some((Parts { year: Some(y), month: Some(m), day: Some(d) }, n + 4));
                            }
                        return Some((Parts { year: Some(y), month: Some(m), day: None }, n + 2));
                    }
            return Some((Parts { year: Some(y), ..Parts::default() }, n));
        }
        // Numeric 24/02/2021, 24.02.2021.
        if let (Some((d, dl)), Some(sep)) = (self.num(i), self.toks.get(i + 1))
            && dl <= 2 && (sep.is_punct('/') || sep.is_punct('.')) {
                let sepc = sep.kind;
                if let (Some((m, ml)), Some(sep2)) = (self.num(i + 2), self.toks.get(i + 3))
                    && ml <= 2 && sep2.kind == sepc
                        && let Some((y, n)) = self.year(i + 4) {
                            return Some((Parts { year: Some(y), month: Some(m), day: Some(d) }, n));
                        }
            }
        // Day month [year].
        if let Some((d, n)) = self.day(i) {
            let n2 = self.skip_de(n);
            if let Some((m, n3)) = self.month(n2) {
                let n4 = self.skip_de(self.skip_comma(n3));
                if let Some((y, n5)) = self.year(n4) {
                    return Some((Parts { year: Some(y), month: Some(m), day: Some(d) }, n5));
                }
                return Some((Parts { year: None, month: Some(m), day: Some(d) }, n3));
            }
            if allow_bare_day {
                return Some((Parts { day: Some(d), ..Parts::default() }, n));
            }
            return None;
        }
        // Month [day[,]] [year].
        if let Some((m, n)) = self.month(i) {
            if let Some((d, n2)) = self.day(n) {
                let n3 = self.skip_comma(n2);
                if let Some((y, n4)) = self.year(n3) {
                    return Some((Parts { year: Some(y), month: Some(m), day: Some(d) }, n4));
                }
                // "July 1-5, 2024": the first day of a range.
                if allow_bare_day && self.toks.get(n2).is_some_and(|t| t.is_punct('-')) {
                    return Some((Parts { year: None, month: Some(m), day: Some(d) }, n2));
                }
            }
            let n2 = self.skip_de(n);
            if let Some((y, n3)) = self.year(n2) {
                return Some((Parts { year: Some(y), month: Some(m), day: None }, n3));
            }
            return Some((Parts { month: Some(m), ..Parts::default() }, n));
        }
        None
    }

    /// "(2016-18)": a year's last two digits after a year and a dash end
    /// a range of years.
    fn short_year_end(&self, a: Parts, second: usize) -> Option<(Parts, usize)> {
        let (nn, 2) = self.num(second)? else { return None };
        let y = a.year.filter(|_| a.month.is_none())?;
        let end = y - y % 100 + nn as i32;
        let glued = self.toks.get(second + 1).is_some_and(|t| t.kind == Kind::Word && t.start == self.toks[second].end);
        (end > y && !glued).then_some((Parts { year: Some(end), ..Parts::default() }, second + 1))
    }

    /// A range starting at `i` (with or without an opening word).
    fn range(&mut self, i: usize) -> Option<(DateValue, usize)> {
        let opened = self.word_is(i, RANGE_FROM);
        let first = if opened { i + 1 } else { i };
        let first = if opened && self.word_is(first, &["the", "il", "le", "el"]) { first + 1 } else { first };
        let (a, n) = self.single(first, true)?;
        // Joiner: a word, or a dash right after the first part.
        let dash = self.toks.get(n).is_some_and(|t| t.is_punct('-') || t.is_punct('/'));
        let joined = dash || (opened && self.word_is(n, RANGE_TO)) || (!opened && self.word_is(n, &["to", "bis", "au", "al"]));
        if !joined {
            return None;
        }
        let mut second = n + 1;
        if self.word_is(second, &["the", "il", "le", "el", "zum", "zur"]) {
            second += 1;
        }
        let short_year = if dash { self.short_year_end(a, second) } else { None };
        // "July 1-5, 2024": the second end is a day of the first's month.
        let mut same_month = || {
            let (d, n2) = self.day(second)?;
            let (y, end) = self.year(self.skip_comma(n2))?;
            (a.month.is_some() && a.year.is_none()).then_some((Parts { year: Some(y), month: a.month, day: Some(d) }, end))
        };
        let (mut b, end) = same_month().or(short_year).or_else(|| self.single(second, false))?;
        // "dal 28 al 30 novembre" in a page of 2018: the page's year.
        if b.year.is_none() && b.month.is_some() && b.day.is_some() {
            b.year = complete(b, self.published, false, false).map(|d| d.year_value());
        }
        let mut a = a;
        // Fill the first end from the second: "18 to 21 September 2013".
        if a.year.is_none() {
            a.year = b.year;
            if a.month.is_none() && a.day.is_some() {
                a.month = b.month;
            }
        }
        let (da, db) = (a.to_date()?, b.to_date()?);
        if da.first_day() > db.first_day() || (a.month.is_some() != b.month.is_some()) {
            return None;
        }
        // A bare year joined by a dash to another year with no opening word
        // ("1993-1999") is fine; "2013 and 2014" is two dates, not a range.
        if !opened && !dash && a.month.is_none() {
            return None;
        }
        Some((DateValue::Range(da, db), end))
    }

    /// "für die kommenden zwei Jahre", "for the next three years": the
    /// years from the document's to as many after it.
    fn coming_years(&self, i: usize) -> Option<(DateValue, usize)> {
        let year = self.published?.year_value();
        let number = |k: usize| -> Option<i32> {
            let t = self.toks.get(k)?;
            if t.kind == Kind::Num {
                return t.text(self.s).parse().ok().filter(|n| (1..=10).contains(n));
            }
            NUMBER_WORDS.iter().find(|(w, _)| self.word_is(k, &[w])).map(|&(_, n)| n)
        };
        let (n, end) = COMING_YEARS.iter().find_map(|(before, after)| {
            let at = i + before.len();
            let matches = before.iter().enumerate().all(|(k, w)| self.word_is(i + k, &[w]));
            let n = matches.then(|| number(at)).flatten()?;
            after.iter().enumerate().all(|(k, w)| self.word_is(at + 1 + k, &[w])).then_some((n, at + 1 + after.len()))
        })?;
        let from = PartialDate::year(year).ok()?;
        let to = PartialDate::year(year + n).ok()?;
        Some((DateValue::Range(from, to), end))
    }

    fn relative(&mut self, i: usize) -> Option<(DateValue, usize)> {
        if let Some(found) = self.coming_years(i) {
            return Some(found);
        }
        let pubd = self.published?;
        if self.toks.get(i)?.kind != Kind::Word {
            return None;
        }
        'table: for (words, offset) in RELATIVE_YEARS {
            let mut k = i;
            for w in words.iter() {
                if self.toks.get(k).is_some_and(|t| t.is_punct('\'')) && k > i {
                    k += 1;
                }
                if self.lower(k).is_none_or(|l| l != *w) {
                    continue 'table;
                }
                k += 1;
            }
            let d = PartialDate::year(pubd.year_value() + offset).ok()?;
            return Some((DateValue::Point(d), k));
        }
        None
    }
}

/// Completes a day and month with no year from the document's date: the
/// last such day before it after "scorso"/"last", the next one after
/// "prossimo"/"next", else the document's year.
fn complete(parts: Parts, published: Option<PartialDate>, past: bool, next: bool) -> Option<PartialDate> {
    if parts.year.is_some() {
        return parts.to_date();
    }
    let pubd = published?;
    let (m, d) = (parts.month?, parts.day);
    let mut y = pubd.year_value();
    let key = |y: i32| PartialDate::new(y, Some(m), d).ok();
    let cand = key(y)?;
    if past && pubd.month().is_some() && cand.first_day() > pubd.last_day() {
        y -= 1;
    } else if next && pubd.month().is_some() && cand.last_day() < pubd.first_day() {
        y += 1;
    }
    key(y)
}

/// Every date in `text[from..to]`, given the document's date for relative
/// expressions.
/// The words a date may open with: months, weekdays, and the words
/// before a date ("since", "from", "last", "this year").
fn date_words() -> &'static std::collections::HashSet<&'static str> {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        MONTHS
            .iter()
            .map(|(n, _)| *n)
            .chain(WEEKDAYS.iter().copied())
            .chain(RANGE_FROM.iter().copied())
            .chain(SINCE.iter().copied())
            .chain(UNTIL.iter().copied())
            .chain(PAST_WORDS.iter().copied())
            .chain(NEXT_WORDS.iter().copied())
            .chain(RELATIVE_YEARS.iter().filter_map(|(words, _)| words.first().copied()))
            .chain(["coming"])
            .chain(NUMBER_WORDS.iter().map(|(w, _)| *w))
            .collect()
    })
}

/// Nouns that make the number before them a count, not a year.
const COUNTED: &[&str] = &[
    "abitanti", "residenti", "persone", "inhabitants", "residents", "people", "habitants", "habitantes", "personas",
    "einwohner", "einwohnerinnen", "menschen", "members", "membri", "membres", "miembros", "mitglieder", "cities",
    "città", "villes", "ciudades", "städte", "comuni", "communes", "municipios", "gemeinden", "km", "euro", "euros",
    "member", "kommunen", "mitgliedskommunen", "mitgliedsstädte", "mitgliedstädte", "mitgliedsgemeinden",
    "comuni", "città", "towns", "municipalities", "kb", "mb", "gb", "kib", "mib", "bytes", "byte",
];

pub fn find_dates(text: &str, toks: &[Token], published: Option<PartialDate>) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut lowered = String::with_capacity(text.len() / 2);
    let spans = toks
        .iter()
        .map(|t| {
            let start = lowered.len() as u32;
            if t.kind == Kind::Word && t.end - t.start <= 24 {
                lowered.push_str(lower_into(t.text(text), &mut buf));
            }
            (start, lowered.len() as u32)
        })
        .collect();
    let mut c = Cursor { s: text, toks, published, lowered, spans };
    let mut i = 0;
    while i < toks.len() {
        // Quick reject: dates start with a number or a word.
        let start_tok = i;
        let kind = toks[i].kind;
        if matches!(kind, Kind::Punct(_)) {
            i += 1;
            continue;
        }
        // ... and most words open none: only a word of dates may.
        if kind == Kind::Word && !toks[i].text(text).starts_with(|ch: char| ch.is_ascii_digit()) && !c.lower(i).is_some_and(|w| date_words().contains(w)) {
            i += 1;
            continue;
        }
        if let Some((v, n)) = c.relative(i) {
            out.push(DateMention { start: toks[i].start, end: toks[n - 1].end, value: v });
            i = n;
            continue;
        }
        let lw = if kind == Kind::Word { c.lower(i) } else { None };
        let is = |set: &[&str]| lw.is_some_and(|w| set.contains(&w));
        let (weekday, since, until, past, next) = (lw.is_some_and(is_weekday), is(SINCE), is(UNTIL), is(PAST_WORDS), is(NEXT_WORDS));
        // Weekday before a date: "mercoledì, 24 febbraio 2021".
        let mut j = i;
        if weekday {
            j = c.skip_comma(i + 1);
            if c.word_is(j, &["the", "il", "le", "el", "den", "der"]) {
                j += 1;
            }
        }
        // A range, with or without "from".
        if let Some((v, n)) = c.range(j) {
            out.push(DateMention { start: toks[start_tok].start, end: toks[n - 1].end, value: v });
            i = n;
            continue;
        }
        let body = if since || until || past || next {
            let k = j + 1;
            // "dal novembre 2017", "since the 3rd", "lo scorso 14 dicembre".
            if c.word_is(k, &["the", "il", "le", "el", "l", "'"]) { k + 1 } else { k }
        } else {
            j
        };
        if let Some((parts, n)) = c.single(body, false) {
            // A month alone ("May") or a day alone is not a date.
            let date = if parts.year.is_some() {
                parts.to_date()
            } else if parts.month.is_some() && parts.day.is_some() {
                complete(parts, published, past, next)
            } else {
                None
            };
            if let Some(d) = date {
                let value = if since {
                    DateValue::Since(d)
                } else if until {
                    DateValue::Until(d)
                } else {
                    DateValue::Point(d)
                };
                // "since"/"until" are part of the mention only when they opened it.
                let first = if since || until || past || next || body == j { start_tok } else { body };
                out.push(DateMention { start: toks[first].start, end: toks[n - 1].end, value });
                i = n;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn dates(s: &str, published: Option<&str>) -> Vec<String> {
        let toks = tokenize(s, 0, s.len());
        find_dates(s, &toks, published.map(|p| p.parse().unwrap()))
            .into_iter()
            .map(|m| match m.value {
                DateValue::Point(d) => format!("{d}"),
                DateValue::Range(a, b) => format!("{a}..{b}"),
                DateValue::Since(d) => format!("since {d}"),
                DateValue::Until(d) => format!("until {d}"),
            })
            .collect()
    }

    #[test]
    fn ranges() {
        assert_eq!(dates("from 18 to 21 September 2013.", None), ["2013-09-18..2013-09-21"]);
        assert_eq!(dates("dal 3 al 5 novembre 2021", None), ["2021-11-03..2021-11-05"]);
        assert_eq!(dates("on 20-22 November 2019, and", None), ["2019-11-20..2019-11-22"]);
        assert_eq!(dates("from 3rd to 5th November 2021", None), ["2021-11-03..2021-11-05"]);
        assert_eq!(dates("from 1993 to 1999", None), ["1993..1999"]);
        assert_eq!(dates("du 3 au 5 novembre 2021", None), ["2021-11-03..2021-11-05"]);
        assert_eq!(dates("del 3 al 5 de noviembre de 2021", None), ["2021-11-03..2021-11-05"]);
        assert_eq!(dates("vom 3. bis 5. November 2021", None), ["2021-11-03..2021-11-05"]);
        assert_eq!(dates("von 1993 bis 1999", None), ["1993..1999"]);
        assert_eq!(dates("vom 1. bis zum 5. Juli 2024", None), ["2024-07-01..2024-07-05"]);
        assert_eq!(dates("July 1-5, 2024", None), ["2024-07-01..2024-07-05"]);
        assert_eq!(dates("für die kommenden zwei Jahre", Some("1999-09-27")), ["1999..2001"]);
        assert_eq!(dates("president of Eurocities (2016-18)", None), ["2016..2018"]);
        assert_eq!(dates("luego de haberlo hecho en 2008-09", None), ["2008..2009"]);
        assert_eq!(dates("2021-02", None), ["2021-02"]);
        assert_eq!(dates("dal 28 al 30 novembre", Some("2018-12-07")), ["2018-11-28..2018-11-30"]);
        assert_eq!(dates("pour les trois prochaines années", Some("1999-09-27")), ["1999..2002"]);
        assert_eq!(dates("poco più di 1000 abitanti", None), Vec::<String>::new());
        assert_eq!(dates("18 September - 21 September 2013", None), ["2013-09-18..2013-09-21"]);
    }

    #[test]
    fn points_and_openings() {
        assert_eq!(dates("in 1995 and in 1996", None), ["1995", "1996"]);
        assert_eq!(dates("since 1962", None), ["since 1962"]);
        assert_eq!(dates("Dal novembre 2017 Carrara", None), ["since 2017-11"]);
        assert_eq!(dates("POSTED ON 11 OCT 2013", None), ["2013-10-11"]);
        assert_eq!(dates("Ultimo aggiornamento: lunedì 27 settembre 2021", None), ["2021-09-27"]);
        assert_eq!(dates("mercoledì, 24 febbraio 2021, 16:14", None), ["2021-02-24"]);
        assert_eq!(dates("date 2021-02 Carrara", None), ["2021-02"]);
        assert_eq!(dates("September 18, 2013", None), ["2013-09-18"]);
        assert_eq!(dates("el 3 de noviembre de 2021", None), ["2021-11-03"]);
        assert_eq!(dates("am 20. November 2019", None), ["2019-11-20"]);
        assert_eq!(dates("seit 1962", None), ["since 1962"]);
        assert_eq!(dates("le 1er mars 2020", None), ["2020-03-01"]);
        assert_eq!(dates("in 2007 and 2008", None), ["2007", "2008"]);
    }

    #[test]
    fn not_dates() {
        assert!(dates("Covid-19, T. +39 011 19712375, 12 members, May we", None).is_empty());
        assert!(dates("in May", None).is_empty());
    }

    #[test]
    fn relative_dates_use_the_document_date() {
        assert_eq!(dates("Quest'anno a Carrara", Some("2021-02-24")), ["2021"]);
        assert_eq!(dates("next year", Some("2021-02-24")), ["2022"]);
        assert_eq!(dates("lo scorso 14 dicembre", Some("2021-02-24")), ["2020-12-14"]);
        assert_eq!(dates("il prossimo 14 dicembre", Some("2021-02-24")), ["2021-12-14"]);
        assert_eq!(dates("this year", None), Vec::<String>::new());
    }
}
