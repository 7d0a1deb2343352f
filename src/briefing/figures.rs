//! Quantities written in a text — counts, money, shares, times, dates, durations — found where
//! they stand and read into values that compare: `Seven people were killed` holds a count of 7
//! deaths, `11 bodies` one of 11, `15 березня` the 15th of March, `3.2 million records` the same
//! number as `3,200,000 records`. This module only reads one text; [`super::compare`] sets the
//! figures of two texts against each other.
//!
//! The text is cut once into tokens (runs of digits, words, single marks) and each pattern looks
//! a bounded number of tokens ahead or behind, so extraction is linear in the text's length
//! whatever it holds: no pattern can backtrack over the text.
//!
//! What is not a figure matters as much as what is: `may` the verb (a month name needs a day or
//! a year next to it), `one` the pronoun (`one of the`, `no one`: `one` counts only something
//! named after it), ids (`c-12`, `r3`, `COVID-19`: digits glued to letters; `Article 5`,
//! `route 66`: after a word that names things by number; `Windows 11`, `ISO 9001`: after a name,
//! unless a known noun follows), `9/11` and `24/7`, terminal escapes (`␛[0m`), a glued `M` that
//! names a company (`3M company`), `a` on its own, number words inside other words (`often`,
//! `stone`: only whole words are read) or glued into a compound (`a zero-tolerance policy`).

use std::ops::Range;

/// One quantity found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range in the text given, covering the figure as written (`7`, `Seven`, `$1.1bn`,
    /// `02:40`, `15 березня`, `5월 23일`, `tens of thousands`, `a quarter`, `eight days`).
    pub range: Range<usize>,
    pub kind: FigureKind,
    pub value: Value,
    /// The noun or unit it counts as written, when one can be found nearby (`dead`, `bodies`,
    /// `troops`, `records`), lower-case. For money, the currency's sign (`$`, `€`, `£`, `₩`,
    /// `¥`); for a duration, its unit in the plural (`days`, `weeks`).
    pub unit: Option<String>,
    /// What is measured, normalised so different words for the same thing compare: `deaths` for
    /// dead/killed/died/bodies/fatalities/lives (and `morts`, `Tote`, `muertos`…), `injured`, `missing`, `troops` for
    /// troops/soldiers/personnel, `people`, `records` for records/customers/accounts/users,
    /// `duration` for every duration; None when nothing says.
    pub measure: Option<String>,
    /// For a quantity written in words that name no exact number (`tens of thousands`,
    /// `dozens`, `a quarter`), those words, normalised: what [`Figure::value_text`] shows, since
    /// the value is then only the range they allow.
    pub rough: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    Count,
    Money,
    Percent,
    PerMille,
    Time,
    Date,
    Duration,
    /// A year on its own (`in 2026`): not a count of anything, and not a date to set against
    /// `15 March`.
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A number, or a range of them when `low < high`. Money in units of its currency, a share
    /// in per cent (or per mille), a duration in its [`Figure::unit`].
    Number {
        low: f64,
        high: f64,
    },
    Date {
        year: Option<i32>,
        month: u8,
        day: Option<u8>,
    },
    Time {
        hour: u8,
        minute: u8,
    },
}

/// Every figure in `text`, in text order, not overlapping.
pub fn extract(text: &str) -> Vec<Figure> {
    let toks = tokens(text);
    let european = toks
        .iter()
        .any(|t| t.class == Class::Digits && european_number(t.text));
    let scan = Scan {
        toks,
        text,
        european,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < scan.toks.len() {
        match scan.figure_at(i) {
            Some(found) => {
                i = found.next.max(i + 1);
                out.push(found.figure);
            }
            None => i += 1,
        }
    }
    out
}

impl Figure {
    /// A short normalised form for lists: `7`, `3.2 million`, `410,000`, `$1.1bn`, `02:40`,
    /// `15 March`, `12%`, `7–9`, `8 days`, `tens of thousands`.
    pub fn value_text(&self) -> String {
        if let Some(rough) = self.rough {
            return rough.to_string();
        }
        match self.value {
            Value::Number { low, high } => {
                let one = |v: f64| match self.kind {
                    FigureKind::Money => money_text(v, self.unit.as_deref().unwrap_or("")),
                    FigureKind::Year => number_text(v),
                    _ => count_text(v),
                };
                let mut s = if same_number(low, high) {
                    one(low)
                } else {
                    format!("{}–{}", one(low), one(high))
                };
                match self.kind {
                    FigureKind::Percent => s.push('%'),
                    FigureKind::PerMille => s.push('‰'),
                    FigureKind::Duration => {
                        let unit = self.unit.as_deref().unwrap_or("");
                        let singular = same_number(high, 1.0);
                        s.push(' ');
                        s.push_str(if singular {
                            unit.strip_suffix('s').unwrap_or(unit)
                        } else {
                            unit
                        });
                    }
                    _ => {}
                }
                s
            }
            Value::Date { year, month, day } => {
                let name = MONTH_NAMES
                    .get(usize::from(month).saturating_sub(1))
                    .copied()
                    .unwrap_or("?");
                let mut s = match day {
                    Some(d) => format!("{d} {name}"),
                    None => name.to_string(),
                };
                if let Some(y) = year {
                    s.push_str(&format!(" {y}"));
                }
                s
            }
            Value::Time { hour, minute } => format!("{hour:02}:{minute:02}"),
        }
    }
}

/// Whether two numbers are the same, allowing for what floating point does to `3.2 × 10⁶`.
pub(crate) fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// `12`, `8.3`, `0.125`: at most three decimals, none trailing.
fn number_text(v: f64) -> String {
    if same_number(v, v.round()) {
        return format!("{}", v.round());
    }
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `7`, `4,500`, `410,000`, `3.2 million`, `8.3`.
fn count_text(v: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if v.abs() >= scale && same_number(v * 100.0 / scale, (v * 100.0 / scale).round()) {
            return format!("{} {word}", number_text(v / scale));
        }
    }
    grouped(v)
}

/// An integer with thousands separators (`28,500`); anything else as [`number_text`].
fn grouped(v: f64) -> String {
    let s = number_text(v);
    if !same_number(v, v.round()) || v.abs() < 1000.0 {
        return s;
    }
    let (sign, digits) = match s.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", s.as_str()),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// `$1.1bn`, `€3m`, `₩2,800`.
fn money_text(v: f64, sign: &str) -> String {
    for (scale, word) in [(1e12, "tn"), (1e9, "bn"), (1e6, "m")] {
        if v.abs() >= scale {
            return format!("{sign}{}{word}", number_text(v / scale));
        }
    }
    format!("{sign}{}", grouped(v))
}

/// The months in English, January first: how figures and citations write a date out.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII digits, with the separators inside a number (`4,500`, `8.3`, `1 200`).
    Digits,
    /// Letters (of any script) and non-ASCII digits.
    Word,
    /// Any other character, one per token.
    Mark(char),
}

#[derive(Debug)]
struct Tok<'t> {
    class: Class,
    start: usize,
    end: usize,
    text: &'t str,
    /// Lower-cased, for words; empty otherwise.
    lower: String,
    /// Whitespace, or the start of the text, comes before it: not glued to the previous token.
    spaced: bool,
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !c.is_ascii_digit()
}

/// Spaces that group the thousands of a number (`1 200`, `1 200`). A plain space groups them
/// too (`7 000`, French and European style), but only in a number that is so far nothing but
/// groups of digits, the first of one to three digits and each after it of exactly three,
/// with no letter or digit glued after the last: `in 2025 300 people` is two numbers, and so
/// is `3 100m`.
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let char_at = |pos: usize| text.get(pos..).and_then(|s| s.chars().next());
    let mut out = Vec::new();
    let mut pos = 0;
    let mut spaced = true;
    while let Some(c) = char_at(pos) {
        if c.is_whitespace() {
            spaced = true;
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let class = if c.is_ascii_digit() {
            pos += 1;
            let mut group = 1;
            // Only digits and spaces so far: a plain space may still group thousands.
            let mut plain = true;
            loop {
                while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                    pos += 1;
                    group += 1;
                }
                let digit_at = |p: usize| bytes.get(p).is_some_and(u8::is_ascii_digit);
                match char_at(pos) {
                    Some(',' | '.') if digit_at(pos + 1) => {
                        pos += 1;
                        group = 0;
                        plain = false;
                    }
                    Some(' ') if plain && group <= 3 => {
                        let after = pos + 1;
                        let free = char_at(after + 3).is_none_or(|c| !c.is_alphanumeric());
                        if (after..after + 3).all(digit_at) && free {
                            pos = after;
                            group = 0;
                        } else {
                            break;
                        }
                    }
                    Some(g) if is_group_space(g) && group <= 3 => {
                        let after = pos + g.len_utf8();
                        if (after..after + 3).all(digit_at) && !digit_at(after + 3) {
                            pos = after;
                            group = 0;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            Class::Digits
        } else if is_letter(c) {
            pos += c.len_utf8();
            while let Some(d) = char_at(pos).filter(|&d| is_letter(d)) {
                pos += d.len_utf8();
            }
            Class::Word
        } else {
            pos += c.len_utf8();
            Class::Mark(c)
        };
        let piece = text.get(start..pos).unwrap_or("");
        out.push(Tok {
            class,
            start,
            end: pos,
            text: piece,
            lower: if class == Class::Word {
                piece.to_lowercase()
            } else {
                String::new()
            },
            spaced,
        });
        spaced = false;
    }
    out
}

/// A number as written: `4,500`, `8.3`, `1.234.567`, `8,3`, `1 200`.
fn parse_number(d: &str) -> Option<f64> {
    let clean: String = d
        .chars()
        .filter(|&c| !is_group_space(c) && c != ' ')
        .collect();
    let commas = clean.matches(',').count();
    let dots = clean.matches('.').count();
    let in_threes = |sep: char| clean.split(sep).skip(1).all(|g| g.len() == 3);
    let normal = match (commas, dots) {
        (0, 0) | (0, 1) => clean,
        (_, 0) if in_threes(',') => clean.replace(',', ""),
        // `8,3`: a decimal comma.
        (1, 0) => clean.replace(',', "."),
        (0, _) if in_threes('.') => clean.replace('.', ""),
        _ => {
            // Both: the last one is the decimal point.
            if clean.rfind('.') > clean.rfind(',') {
                clean.replace(',', "")
            } else {
                clean.replace('.', "").replace(',', ".")
            }
        }
    };
    normal.parse().ok()
}

/// `1.200`, `150.000`: one dot with exactly three digits after it and one to three before
/// (not `0`), nothing else. A thousands separator in German, French, Spanish and most of
/// Europe, a decimal point in English: [`parse_number`] reads it as a decimal, and
/// [`Scan::finish`] as thousands where a decimal cannot be meant — money (no currency has
/// three decimals), a count of people or things (`1.200 Menschen`: no one counts 1.2 people),
/// or a text whose other numbers are written the European way ([`european_number`]). So
/// `1.200 Menschen` and `1,200 people` agree, and `1.250 km` in an English text stays 1.25.
fn dot_thousands(d: &str) -> bool {
    let Some((a, b)) = d.split_once('.') else {
        return false;
    };
    (1..=3).contains(&a.len())
        && a != "0"
        && b.len() == 3
        && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
}

/// A number only a European writes: a decimal comma (`8,3`, `1,5`, `1.234,5`) or dots in
/// threes (`1.234.567`).
fn european_number(d: &str) -> bool {
    let commas = d.matches(',').count();
    let dots = d.matches('.').count();
    let last_comma_decimal = d
        .rsplit_once(',')
        .is_some_and(|(_, after)| after.len() != 3 && after.bytes().all(|c| c.is_ascii_digit()));
    match (commas, dots) {
        (1, 0) => last_comma_decimal,
        (0, n) if n >= 2 => d.split('.').skip(1).all(|g| g.len() == 3),
        (1, _) => d.rfind(',') > d.rfind('.'),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Words

/// Month names in the forms written after a day or before a year: English, French, German,
/// Spanish, and the genitive and nominative of Ukrainian and Russian. English ones can also come
/// before a day (`March 15`).
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const OTHER_MONTHS: &[(&str, u8)] = &[
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Ukrainian, genitive then nominative
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("січень", 1),
    ("лютий", 2),
    ("березень", 3),
    ("квітень", 4),
    ("травень", 5),
    ("червень", 6),
    ("липень", 7),
    ("серпень", 8),
    ("вересень", 9),
    ("жовтень", 10),
    ("листопад", 11),
    ("грудень", 12),
    // Russian, genitive then nominative
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
];

/// English month names that are also common words, read as months only when capitalised.
const AMBIGUOUS_MONTHS: &[&str] = &["may", "march", "mar", "jan", "dec", "sep"];

/// Nouns that name what a count measures, and the measure they stand for.
const MEASURES: &[(&str, &str)] = &[
    ("dead", "deaths"),
    ("death", "deaths"),
    ("deaths", "deaths"),
    ("killed", "deaths"),
    ("died", "deaths"),
    ("bodies", "deaths"),
    ("body", "deaths"),
    ("fatalities", "deaths"),
    ("fatality", "deaths"),
    ("lives", "deaths"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("hurt", "injured"),
    ("injuries", "injured"),
    ("missing", "missing"),
    ("troops", "troops"),
    ("troop", "troops"),
    ("soldiers", "troops"),
    ("soldier", "troops"),
    ("personnel", "troops"),
    ("servicemen", "troops"),
    ("marines", "troops"),
    ("people", "people"),
    ("persons", "people"),
    ("person", "people"),
    ("residents", "people"),
    ("individuals", "people"),
    ("civilians", "people"),
    ("records", "records"),
    ("record", "records"),
    ("customers", "records"),
    ("customer", "records"),
    ("accounts", "records"),
    ("account", "records"),
    ("users", "records"),
    ("user", "records"),
    ("subscribers", "records"),
    // French
    ("morts", "deaths"),
    ("mort", "deaths"),
    ("tués", "deaths"),
    ("tuées", "deaths"),
    ("décès", "deaths"),
    ("blessés", "injured"),
    ("blessées", "injured"),
    ("blessé", "injured"),
    ("disparus", "missing"),
    ("personnes", "people"),
    ("soldats", "troops"),
    // German
    ("tote", "deaths"),
    ("toten", "deaths"),
    ("todesopfer", "deaths"),
    ("verletzte", "injured"),
    ("verletzten", "injured"),
    ("verwundete", "injured"),
    ("vermisste", "missing"),
    ("menschen", "people"),
    ("personen", "people"),
    ("soldaten", "troops"),
    // Spanish
    ("muertos", "deaths"),
    ("muertes", "deaths"),
    ("fallecidos", "deaths"),
    ("heridos", "injured"),
    ("desaparecidos", "missing"),
    ("personas", "people"),
    ("soldados", "troops"),
];

/// Words after a count that say what happened to what it counts (`were killed`).
const VERB_MEASURES: &[(&str, &str)] = &[
    ("killed", "deaths"),
    ("died", "deaths"),
    ("dead", "deaths"),
    ("perished", "deaths"),
    ("drowned", "deaths"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("hurt", "injured"),
    ("missing", "missing"),
    ("tués", "deaths"),
    ("tuées", "deaths"),
    ("morts", "deaths"),
    ("blessés", "injured"),
    ("getötet", "deaths"),
    ("gestorben", "deaths"),
    ("verletzt", "injured"),
    ("verwundet", "injured"),
    ("muertos", "deaths"),
    ("murieron", "deaths"),
    ("fallecieron", "deaths"),
    ("heridos", "injured"),
];

/// Words before a count that say the same (`the blast killed seven`, `a death toll of 7`).
const VERB_MEASURES_BEFORE: &[(&str, &str)] = &[
    ("killed", "deaths"),
    ("killing", "deaths"),
    ("kills", "deaths"),
    ("toll", "deaths"),
    ("injuring", "injured"),
    ("wounding", "injured"),
];

/// Stems of the same in scripts that inflect or attach particles (Korean, Ukrainian, Russian).
const STEM_MEASURES: &[(&str, &str)] = &[
    ("사망", "deaths"),
    ("숨져", "deaths"),
    ("숨진", "deaths"),
    ("숨지", "deaths"),
    ("숨졌", "deaths"),
    ("부상", "injured"),
    ("다쳐", "injured"),
    ("다쳤", "injured"),
    ("다친", "injured"),
    ("실종", "missing"),
    ("загиб", "deaths"),
    ("загин", "deaths"),
    ("погиб", "deaths"),
    ("поранен", "injured"),
    ("ранен", "injured"),
];

/// Words between a number and its noun that do not change what it counts.
const SKIPPED: &[&str] = &[
    "more",
    "other",
    "further",
    "additional",
    "confirmed",
    "new",
    "extra",
    "suspected",
    "reported",
    "known",
    "total",
    "estimated",
    "active",
];

/// Words that end the search for a number's noun: what follows them is not what it counts.
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "but", "nor", "in", "on", "at", "to", "by", "for", "from",
    "with", "without", "were", "was", "is", "are", "be", "been", "being", "has", "have", "had",
    "that", "this", "these", "those", "than", "as", "per", "each", "who", "which", "will", "would",
    "could", "can", "may", "might", "must", "should", "shall", "it", "its", "their", "they", "he",
    "she", "we", "you", "i", "not", "no", "so", "if", "when", "while", "after", "before", "since",
    "until", "into", "over", "under", "about", "across", "against", "between", "during", "through",
    "via", "up", "down", "out", "off", "also", "then", "there", "here", "his", "her", "our", "my",
    "your", "all", "some", "any", "only", "just", "ago", "later", "earlier", "times", "am", "pm",
    "do", "does", "did", "less", "most",
];

/// Words that name things by a number after them (`Article 5`, `resolution 2231`, `route 66`,
/// `flight 370`): the number is an id. Also their abbreviations before a dot (`No. 5`).
const ID_WORDS: &[&str] = &[
    "article",
    "articles",
    "resolution",
    "resolutions",
    "route",
    "section",
    "chapter",
    "number",
    "flight",
    "line",
    "version",
    "model",
    "clause",
    "paragraph",
    "page",
    "platform",
    "gate",
    "highway",
    "interstate",
    "amendment",
    "episode",
    "season",
    "volume",
    "type",
    "iso",
];

const ID_ABBREVIATIONS: &[&str] = &["no", "nr", "art", "sec", "ch", "vol", "p", "pp", "nos"];

/// Capitalised words that often start a sentence before a count (`About 400 people`,
/// `Mindestens 8 Menschen`): no name, though capitalised. Function words, number words,
/// months and weekdays are not names either.
const LEAD_INS: &[&str] = &[
    "about",
    "nearly",
    "almost",
    "roughly",
    "around",
    "approximately",
    "some",
    "another",
    "least",
    "exactly",
    "fully",
    "total",
    "estimated",
    "officially",
    "reportedly",
    "more",
    "fewer",
    "over",
    "under",
    "only",
    "just",
    "already",
    "environ",
    "près",
    "plus",
    "moins",
    "quelque",
    "quelques",
    "au",
    "les",
    "des",
    "mindestens",
    "rund",
    "etwa",
    "fast",
    "über",
    "knapp",
    "insgesamt",
    "weitere",
    "bis",
    "die",
    "der",
    "den",
    "am",
    "um",
    "seit",
    "ab",
    "unos",
    "unas",
    "más",
    "menos",
    "al",
    "casi",
    "alrededor",
    "los",
    "las",
    "el",
    "la",
    "de",
    "en",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Duration units, singular and plural, their plural and their length in days.
const DURATIONS: &[(&str, &str, f64)] = &[
    ("second", "seconds", 1.0 / 86_400.0),
    ("seconds", "seconds", 1.0 / 86_400.0),
    ("minute", "minutes", 1.0 / 1440.0),
    ("minutes", "minutes", 1.0 / 1440.0),
    ("hour", "hours", 1.0 / 24.0),
    ("hours", "hours", 1.0 / 24.0),
    ("day", "days", 1.0),
    ("days", "days", 1.0),
    ("week", "weeks", 7.0),
    ("weeks", "weeks", 7.0),
    ("month", "months", 30.4375),
    ("months", "months", 30.4375),
    ("year", "years", 365.25),
    ("years", "years", 365.25),
    ("decade", "decades", 3652.5),
    ("decades", "decades", 3652.5),
];

/// Korean counters written on the number (`7명`), with the measure they say, and duration
/// suffixes (`3개월`, `48시간`) with their unit. Longer ones first: `시간` before the `시` of a
/// time.
const KOREAN_DURATIONS: &[(&str, &str)] = &[
    ("개월", "months"),
    ("시간", "hours"),
    ("일간", "days"),
    ("년간", "years"),
    ("주간", "weeks"),
];

const KOREAN_COUNTERS: &[(&str, Option<&str>)] = &[
    ("명", Some("people")),
    ("개", None),
    ("건", None),
    ("곳", None),
    ("대", None),
    ("가구", None),
];

/// The length in days of a duration unit (its plural, as [`Figure::unit`] holds it).
pub(crate) fn days_in(unit: &str) -> Option<f64> {
    DURATIONS
        .iter()
        .find(|(_, plural, _)| *plural == unit)
        .map(|(_, _, days)| *days)
}

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

fn stem_measure(w: &str) -> Option<&'static str> {
    if w.is_ascii() {
        return None;
    }
    STEM_MEASURES
        .iter()
        .find(|(stem, _)| w.starts_with(stem))
        .map(|(_, m)| *m)
}

fn currency_sign(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '₩' | '¥')
}

fn currency_word(w: &str) -> Option<char> {
    Some(match w {
        "dollars" | "dollar" | "usd" | "달러" => '$',
        "euros" | "euro" | "eur" => '€',
        "pounds" | "sterling" | "gbp" => '£',
        "won" | "krw" => '₩',
        "yen" | "jpy" => '¥',
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NumWord {
    Unit(f64),
    Tens(f64),
    Hundred,
    Scale(f64),
    Dozen,
    And,
}

fn number_word(w: &str) -> Option<NumWord> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = UNITS.iter().position(|u| *u == w) {
        return Some(NumWord::Unit(n as f64));
    }
    if let Some(n) = TENS.iter().position(|u| *u == w) {
        return Some(NumWord::Tens((n as f64 + 2.0) * 10.0));
    }
    Some(match w {
        "hundred" => NumWord::Hundred,
        "thousand" => NumWord::Scale(1e3),
        "million" => NumWord::Scale(1e6),
        "billion" => NumWord::Scale(1e9),
        "trillion" => NumWord::Scale(1e12),
        "dozen" => NumWord::Dozen,
        "and" => NumWord::And,
        _ => return None,
    })
}

/// A magnitude after a number: `million`, `bn` (spaced or glued), `m` and `k` (glued only:
/// `3 m` is as likely metres).
fn magnitude(w: &str, glued: bool) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        // `1,5 millions`, `2 Millionen`, `3 millones`, `4 Mio.`, `1 milliard`, `2 Mrd.`
        "million" | "millions" | "millionen" | "millones" | "millón" | "mio" | "mn" | "mln" => 1e6,
        "billion" | "bn" | "milliard" | "milliards" | "milliarde" | "milliarden" | "mrd" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "m" if glued => 1e6,
        "k" if glued => 1e3,
        "b" if glued => 1e9,
        _ => return None,
    })
}

/// The Korean magnitudes (`3억`, `5천만`): the factor and the bytes they take.
fn korean_magnitude(w: &str) -> (f64, usize) {
    let mut factor = 1.0;
    let mut used = 0;
    for c in w.chars() {
        let f = match c {
            '천' => 1e3,
            '만' => 1e4,
            '억' => 1e8,
            '조' => 1e12,
            _ => break,
        };
        factor *= f;
        used += c.len_utf8();
    }
    (factor, used)
}

// ---------------------------------------------------------------------------------------------
// Patterns

struct Scan<'t> {
    text: &'t str,
    toks: Vec<Tok<'t>>,
    /// Some number of the text is written the European way (`8,3`, `1.234.567`): a lone
    /// `1.200` is then 1,200 ([`dot_thousands`]).
    european: bool,
}

/// A figure and the token after it.
struct Found {
    figure: Figure,
    next: usize,
}

/// What stands before a number in digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    Plain,
    /// `Article 5`, `No. 5`: a word that names things by number.
    IdWord,
    /// `Windows 11`, `ISO 9001`, `iPhone 15`: a capitalised word that is no lead-in.
    Name,
}

/// A number read, before what follows it decides its kind.
#[derive(Debug, Clone, Copy)]
struct Raw {
    low: f64,
    high: f64,
    /// Byte range so far.
    start: usize,
    end: usize,
    /// The token after it.
    next: usize,
    /// The token it starts at.
    first: usize,
    rough: Option<&'static str>,
    /// Written in digits (magnitudes and glued suffixes apply).
    digits: bool,
    /// Plain digits, nothing but digits (a year can be written so).
    bare: bool,
    /// The word `one` alone, which counts only a noun named after it.
    lone_one: bool,
    /// A magnitude or a rough quantity, which can take `of` before its noun.
    takes_of: bool,
    /// The low (high) end is written like `1.200`: 1.2 or 1,200 ([`dot_thousands`]).
    dot_low: bool,
    dot_high: bool,
}

impl<'t> Scan<'t> {
    fn tok(&self, i: usize) -> Option<&Tok<'t>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.class == Class::Word)
            .map(|t| t.lower.as_str())
    }

    fn digits(&self, i: usize) -> Option<&'t str> {
        self.tok(i)
            .filter(|t| t.class == Class::Digits)
            .map(|t| t.text)
    }

    fn mark(&self, i: usize) -> Option<char> {
        match self.tok(i)?.class {
            Class::Mark(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` exists and touches the one before it.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.spaced)
    }

    /// Token `i` exists and has a space before it.
    fn spaced(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.spaced)
    }

    fn start(&self, i: usize) -> usize {
        self.tok(i).map_or(self.text.len(), |t| t.start)
    }

    fn end(&self, i: usize) -> usize {
        self.tok(i).map_or(self.text.len(), |t| t.end)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.tok(i)
            .and_then(|t| t.text.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// A glued word at `i` that starts with `prefix`: the byte where the prefix ends.
    fn glued_prefix(&self, i: usize, prefix: &str) -> Option<usize> {
        let t = self
            .tok(i)
            .filter(|t| !t.spaced && t.class == Class::Word)?;
        t.lower.starts_with(prefix).then(|| t.start + prefix.len())
    }

    /// A small number in digits at `i`, within `lo..=hi`, at most `max_len` digits.
    fn small(&self, i: usize, max_len: usize, lo: u32, hi: u32) -> Option<u32> {
        let d = self.digits(i)?;
        if d.len() > max_len || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        d.parse().ok().filter(|n| (lo..=hi).contains(n))
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let d = self.digits(i)?;
        // `2025-05`, `2025/26`: part of something longer.
        if d.len() != 4 || self.glued(i + 1) && self.glued(i + 2) && self.digits(i + 2).is_some() {
            return None;
        }
        d.parse().ok().filter(|y| (1000..=2999).contains(y))
    }

    /// Digits glued to what comes before (`r3`, `c-12`, `COVID-19`, `item_4`): an id.
    fn id_before(&self, i: usize) -> bool {
        if !self.glued(i) {
            return false;
        }
        let Some(prev) = i.checked_sub(1) else {
            return false;
        };
        match self.tok(prev).map(|t| t.class) {
            Some(Class::Word) => true,
            Some(Class::Mark('-' | '_' | '/' | '.' | '#')) => {
                self.glued(prev)
                    && prev.checked_sub(1).is_some_and(|p| {
                        matches!(
                            self.tok(p).map(|t| t.class),
                            Some(Class::Word | Class::Digits)
                        )
                    })
            }
            _ => false,
        }
    }

    /// What stands before the number at `i` ([`Before`]).
    fn before_number(&self, i: usize) -> Before {
        let Some(p) = i.checked_sub(1).filter(|_| self.spaced(i)) else {
            return Before::Plain;
        };
        // `No. 5`, `art. 5`
        if self.mark(p) == Some('.')
            && self.glued(p)
            && p.checked_sub(1)
                .and_then(|w| self.word(w))
                .is_some_and(|w| ID_ABBREVIATIONS.contains(&w))
        {
            return Before::IdWord;
        }
        let (Some(w), Some(t)) = (self.word(p), self.tok(p)) else {
            return Before::Plain;
        };
        if ID_WORDS.contains(&w) {
            return Before::IdWord;
        }
        let plain = !t.text.chars().any(char::is_uppercase)
            || FUNCTION_WORDS.contains(&w)
            || LEAD_INS.contains(&w)
            || number_word(w).is_some()
            || lookup(MONTHS, w).is_some()
            || lookup(OTHER_MONTHS, w).is_some();
        if plain {
            Before::Plain
        } else {
            Before::Name
        }
    }

    /// A month name at `i`; `english` says whether it is one that can come before a day.
    fn month(&self, i: usize) -> Option<(u8, bool)> {
        let w = self.word(i)?;
        if let Some(m) = lookup(MONTHS, w) {
            let ok = !AMBIGUOUS_MONTHS.contains(&w) || self.capitalised(i);
            return ok.then_some((m, true));
        }
        lookup(OTHER_MONTHS, w).map(|m| (m, false))
    }

    fn figure_at(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        match t.class {
            Class::Digits => {
                if self.id_before(i) || self.slashed(i) || self.escape_code(i) {
                    return None;
                }
                self.iso_date(i)
                    .or_else(|| self.dotted_time(i))
                    .or_else(|| self.time(i))
                    .or_else(|| self.korean_date(i))
                    .or_else(|| self.day_first(i))
                    .or_else(|| self.ratio(i))
                    .or_else(|| {
                        let raw = self.digits_raw(i, t.start)?;
                        self.finish(raw, None)
                    })
            }
            Class::Mark(c) if currency_sign(c) && self.glued(i + 1) => {
                let raw = self.digits_raw(i + 1, t.start)?;
                self.finish(raw, Some(c))
            }
            Class::Word => self
                .iso_currency(i)
                .or_else(|| self.named_time(i))
                .or_else(|| self.month_first(i))
                .or_else(|| self.between(i))
                .or_else(|| self.fraction(i))
                .or_else(|| self.ratio(i))
                .or_else(|| {
                    let raw = self.rough(i).or_else(|| self.words_raw(i))?;
                    self.finish(raw, None)
                }),
            Class::Mark(_) => None,
        }
    }

    /// `9/11`, `24/7`, `2025/26`: digits with a slash glued between them are a name, not a
    /// quantity (the digits after the slash are [`Scan::id_before`]).
    fn slashed(&self, i: usize) -> bool {
        self.mark(i + 1) == Some('/')
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.digits(i + 2).is_some()
    }

    /// The digits of a terminal escape as the reader shows it (`␛[0m`, `␛[1;31m`, `[2J`): after
    /// a `[` glued to an escape, or between a glued `[` and a glued letter, with `;` between
    /// groups. Looks at most a few groups either way.
    fn escape_code(&self, i: usize) -> bool {
        const GROUPS: usize = 8;
        let mut j = i;
        for _ in 0..GROUPS {
            let back = j >= 2
                && self.mark(j - 1) == Some(';')
                && self.glued(j)
                && self.glued(j - 1)
                && self.digits(j - 2).is_some();
            if !back {
                break;
            }
            j -= 2;
        }
        let Some(b) = j.checked_sub(1) else {
            return false;
        };
        if self.mark(b) != Some('[') || !self.glued(j) {
            return false;
        }
        let escaped = b
            .checked_sub(1)
            .and_then(|e| self.mark(e))
            .is_some_and(|c| matches!(c, '\u{1b}' | '␛'))
            && self.glued(b);
        if escaped {
            return true;
        }
        let mut k = i + 1;
        for _ in 0..GROUPS {
            if self.mark(k) == Some(';')
                && self.glued(k)
                && self.glued(k + 1)
                && self.digits(k + 1).is_some()
            {
                k += 2;
            } else {
                break;
            }
        }
        self.glued(k)
            && self
                .tok(k)
                .is_some_and(|t| t.class == Class::Word && t.text.len() == 1 && t.text.is_ascii())
    }

    /// `USD 5 million`, `EUR 150,000`, `KRW5bn`: an ISO code, in capitals, before a number.
    fn iso_currency(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let sign = match t.text {
            "USD" => '$',
            "EUR" => '€',
            "GBP" => '£',
            "KRW" => '₩',
            "JPY" => '¥',
            _ => return None,
        };
        let raw = self.digits_raw(i + 1, t.start)?;
        self.finish(raw, Some(sign))
    }

    /// A small whole number at `k`, in digits or words (`one` alone too): its value and the
    /// token after it.
    fn whole(&self, k: usize) -> Option<(f64, usize)> {
        if let Some(d) = self.digits(k) {
            if !d.bytes().all(|b| b.is_ascii_digit()) || d.len() > 7 {
                return None;
            }
            return Some((d.parse().ok()?, k + 1));
        }
        self.words_value(k)
            .filter(|r| r.rough.is_none())
            .map(|r| (r.low, r.next))
    }

    /// `1 in 5`, `one in five`, `7 in 10`: a share (20%, 70%). Not `3 in 2024`, `3 in 5 days`,
    /// `2 in 15 March`.
    fn ratio(&self, i: usize) -> Option<Found> {
        let (n, k) = self.whole(i)?;
        if self.word(k) != Some("in") || !self.spaced(k) || !self.spaced(k + 1) {
            return None;
        }
        let (d, next) = self.whole(k + 1)?;
        let digits = self.digits(k + 1).is_some();
        let year_like = digits && (1800.0..=2199.0).contains(&d);
        let glued_after = self.glued(next)
            && self
                .tok(next)
                .is_some_and(|t| t.class != Class::Mark('.') && t.class != Class::Mark(','));
        let unit_after = self.word(next).is_some_and(|w| {
            DURATIONS.iter().any(|(s, _, _)| *s == w) || self.month(next).is_some()
        });
        if n < 1.0 || d < 2.0 || n >= d || year_like || glued_after || unit_after {
            return None;
        }
        let share = n * 100.0 / d;
        Some(Found {
            figure: Figure {
                range: self.start(i)..self.end(next - 1),
                kind: FigureKind::Percent,
                value: Value::Number {
                    low: share,
                    high: share,
                },
                unit: None,
                measure: None,
                rough: None,
            },
            next,
        })
    }

    fn date(&self, start: usize, end: usize, next: usize, value: Value) -> Option<Found> {
        Some(Found {
            figure: Figure {
                range: start..end,
                kind: FigureKind::Date,
                value,
                unit: None,
                measure: None,
                rough: None,
            },
            next,
        })
    }

    /// `2025-05-23`.
    fn iso_date(&self, i: usize) -> Option<Found> {
        let year: i32 = self
            .digits(i)
            .filter(|d| d.len() == 4)
            .and_then(|d| d.parse().ok())?;
        let dash = |k: usize| self.mark(k) == Some('-') && self.glued(k) && self.glued(k + 1);
        if !dash(i + 1) || !dash(i + 3) {
            return None;
        }
        let (Some(2), Some(2)) = (
            self.digits(i + 2).map(str::len),
            self.digits(i + 4).map(str::len),
        ) else {
            return None;
        };
        let month = self.small(i + 2, 2, 1, 12)?;
        let day = self.small(i + 4, 2, 1, 31)?;
        self.date(
            self.start(i),
            self.end(i + 4),
            i + 5,
            Value::Date {
                year: Some(year),
                month: u8::try_from(month).ok()?,
                day: u8::try_from(day).ok(),
            },
        )
    }

    /// `a.m.`, `am`, `pm`, `p.m.` at `k` (spaced or glued): whether afternoon, and the token
    /// after it.
    fn meridiem(&self, k: usize) -> Option<(bool, usize)> {
        match self.word(k)? {
            "am" => Some((false, k + 1)),
            "pm" => Some((true, k + 1)),
            w @ ("a" | "p") => {
                let dotted = self.mark(k + 1) == Some('.')
                    && self.glued(k + 1)
                    && self.word(k + 2) == Some("m")
                    && self.glued(k + 2);
                if !dotted {
                    return None;
                }
                let next = if self.mark(k + 3) == Some('.') && self.glued(k + 3) {
                    k + 4
                } else {
                    k + 3
                };
                Some((w == "p", next))
            }
            _ => None,
        }
    }

    /// `7.30pm`, `7.30 a.m.`, `19.30 Uhr`: a time with a dot, which only a meridiem or `Uhr`
    /// after it tells from a decimal.
    fn dotted_time(&self, i: usize) -> Option<Found> {
        let (h, m) = self.digits(i)?.split_once('.')?;
        if !(1..=2).contains(&h.len()) || m.len() != 2 {
            return None;
        }
        let (hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        if minute > 59 {
            return None;
        }
        let k = i + 1;
        if let Some((pm, next)) = self.meridiem(k) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            return self.time_found(i, self.end(next - 1), next, hour, minute);
        }
        if self.word(k) == Some("uhr") && self.spaced(k) && hour <= 23 {
            return self.time_found(i, self.end(k), k + 1, hour, minute);
        }
        None
    }

    /// `noon`, `midnight` and their French, German and Spanish names.
    fn named_time(&self, i: usize) -> Option<Found> {
        let hour = match self.word(i)? {
            "noon" | "midday" | "mediodía" => 12,
            "midnight" | "minuit" | "mitternacht" | "medianoche" => 0,
            _ => return None,
        };
        self.time_found(i, self.end(i), i + 1, hour, 0)
    }

    /// `02:40`, `19:30`, `7pm`, `7:30 a.m.`, `19h30`, `2 h 40`, `14 h 30`, `19 Uhr`,
    /// `3시 40분`.
    fn time(&self, i: usize) -> Option<Found> {
        let hour = self.small(i, 2, 0, 24)?;
        let mut minute = 0;
        let mut k = i + 1;
        let colon = |k: usize| {
            (self.mark(k) == Some(':') || self.word(k) == Some("h"))
                && self.glued(k)
                && self.glued(k + 1)
                && self.digits(k + 1).map(str::len) == Some(2)
        };
        // French `2 h 40`: a spaced lower-case `h` between the hour and two digits of minutes
        // with nothing glued after them.
        let spaced_h = |k: usize| {
            self.tok(k).is_some_and(|t| t.text == "h")
                && self.spaced(k)
                && self.spaced(k + 1)
                && self.digits(k + 1).map(str::len) == Some(2)
                && !(self.glued(k + 2) && self.word(k + 2).is_some())
        };
        let mut hour = hour;
        let mut told = false;
        if colon(k) || spaced_h(k) {
            minute = self.small(k + 1, 2, 0, 59)?;
            k += 2;
            told = true;
            // Seconds are read and dropped.
            if self.mark(k) == Some(':') && self.glued(k) && self.small(k + 1, 2, 0, 59).is_some() {
                k += 2;
            }
        } else if let Some(end) = self
            .glued_prefix(k, "시")
            .filter(|_| self.glued_prefix(k, "시간").is_none())
        {
            // Korean: `3시`, `3시 40분`, after `오후` (afternoon).
            let mut end = end;
            k += 1;
            if let Some(m) = self.small(k, 2, 0, 59) {
                if let Some(e) = self.glued_prefix(k + 1, "분") {
                    minute = m;
                    end = e;
                    k += 2;
                }
            }
            let pm = i
                .checked_sub(1)
                .and_then(|p| self.word(p))
                .is_some_and(|w| w == "오후");
            if pm && hour < 12 {
                hour += 12;
            }
            return self.time_found(i, end, k, hour, minute);
        } else if self.word(k) == Some("uhr") && self.spaced(k) {
            return self.time_found(i, self.end(k), k + 1, hour, 0);
        }
        if let Some((pm, next)) = self.meridiem(k) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            return self.time_found(i, self.end(next - 1), next, hour, minute);
        }
        if !told || hour > 23 {
            return None;
        }
        self.time_found(i, self.end(k - 1), k, hour, minute)
    }

    fn time_found(
        &self,
        i: usize,
        end: usize,
        next: usize,
        hour: u32,
        minute: u32,
    ) -> Option<Found> {
        Some(Found {
            figure: Figure {
                range: self.start(i)..end,
                kind: FigureKind::Time,
                value: Value::Time {
                    hour: u8::try_from(hour).ok()?,
                    minute: u8::try_from(minute).ok()?,
                },
                unit: None,
                measure: None,
                rough: None,
            },
            next,
        })
    }

    /// `2025년 5월 23일`, `5월 23일`, `5월`, `2025년` (a year).
    fn korean_date(&self, i: usize) -> Option<Found> {
        let mut k = i;
        let mut year = None;
        let not_span = |k: usize| self.glued_prefix(k, "년간").is_none();
        if let Some(e) = self.glued_prefix(i + 1, "년").filter(|_| not_span(i + 1)) {
            let y: i32 = self.digits(i)?.parse().ok()?;
            // A year alone unless a month follows.
            if !(self.spaced(i + 2) && self.glued_prefix(i + 3, "월").is_some()) {
                return self.year_found(i, e, i + 2, y);
            }
            year = Some(y);
            k = i + 2;
        }
        let month = self.small(k, 2, 1, 12)?;
        let mut end = self.glued_prefix(k + 1, "월")?;
        k += 2;
        let mut day = None;
        if self.spaced(k) {
            if let (Some(d), Some(e)) = (self.small(k, 2, 1, 31), self.glued_prefix(k + 1, "일")) {
                day = u8::try_from(d).ok();
                end = e;
                k += 2;
            }
        }
        self.date(
            self.start(i),
            end,
            k,
            Value::Date {
                year,
                month: u8::try_from(month).ok()?,
                day,
            },
        )
    }

    fn year_found(&self, i: usize, end: usize, next: usize, year: i32) -> Option<Found> {
        Some(Found {
            figure: Figure {
                range: self.start(i)..end,
                kind: FigureKind::Year,
                value: Value::Number {
                    low: f64::from(year),
                    high: f64::from(year),
                },
                unit: None,
                measure: None,
                rough: None,
            },
            next,
        })
    }

    /// A year after a date: `, 2025`, ` 2025`, ` de 2025`. The year and the token after it.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let mut k = k;
        if self.mark(k) == Some(',') && self.glued(k) {
            k += 1;
        }
        if self.word(k) == Some("de") && self.spaced(k) {
            k += 1;
        }
        if !self.spaced(k) || self.mark(k + 1) == Some(':') {
            return None;
        }
        // `15 March 2025 people` would be odd, but `March 2025` then a count is not.
        self.year_at(k).map(|y| (y, k + 1))
    }

    /// `15 March`, `1st June 2024`, `15. März`, `15 de marzo de 2025`, `15 березня`, `1er avril`.
    fn day_first(&self, i: usize) -> Option<Found> {
        let day = self.small(i, 2, 1, 31)?;
        let mut k = i + 1;
        if self.glued(k)
            && self
                .word(k)
                .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th" | "er" | "e"))
        {
            k += 1;
        }
        if self.mark(k) == Some('.') && self.glued(k) {
            k += 1;
        }
        if self.word(k) == Some("de") && self.spaced(k) {
            k += 1;
        }
        if !self.spaced(k) {
            return None;
        }
        let (month, _) = self.month(k)?;
        let mut end = self.end(k);
        let mut next = k + 1;
        let year = self.year_after(k + 1).map(|(y, n)| {
            end = self.end(n - 1);
            next = n;
            y
        });
        self.date(
            self.start(i),
            end,
            next,
            Value::Date {
                year,
                month,
                day: u8::try_from(day).ok(),
            },
        )
    }

    /// `March 15`, `March 15, 2025`, `May 2025`, `mars 2025`; never a month name alone.
    fn month_first(&self, i: usize) -> Option<Found> {
        let (month, english) = self.month(i)?;
        let mut k = i + 1;
        if self.mark(k) == Some('.') && self.glued(k) {
            k += 1;
        }
        if let Some((year, next)) = self.year_after(k) {
            return self.date(
                self.start(i),
                self.end(next - 1),
                next,
                Value::Date {
                    year: Some(year),
                    month,
                    day: None,
                },
            );
        }
        if !english || !self.spaced(k) {
            return None;
        }
        let day = self.small(k, 2, 1, 31)?;
        let mut end = self.end(k);
        let mut next = k + 1;
        if self.glued(next)
            && self
                .word(next)
                .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th"))
        {
            end = self.end(next);
            next += 1;
        } else if self.glued(next) && self.word(next).is_some() {
            return None;
        }
        let year = self.year_after(next).map(|(y, n)| {
            end = self.end(n - 1);
            next = n;
            y
        });
        // `in March 12 people died`: a number that counts something is not a day.
        if year.is_none()
            && self.spaced(next)
            && self
                .word(next)
                .is_some_and(|w| lookup(MEASURES, w).is_some())
        {
            return None;
        }
        self.date(
            self.start(i),
            end,
            next,
            Value::Date {
                year,
                month,
                day: u8::try_from(day).ok(),
            },
        )
    }

    /// A number in digits at `i`, starting at byte `start` (before a currency sign), with a
    /// range after it (`7-9`, `7–9`, `7 to 9`).
    fn digits_raw(&self, i: usize, start: usize) -> Option<Raw> {
        let d = self.digits(i)?;
        let v = parse_number(d)?;
        let mut raw = Raw {
            low: v,
            high: v,
            start,
            end: self.end(i),
            next: i + 1,
            first: i,
            rough: None,
            digits: true,
            bare: start == self.start(i) && d.bytes().all(|b| b.is_ascii_digit()),
            lone_one: false,
            takes_of: false,
            dot_low: dot_thousands(d),
            dot_high: dot_thousands(d),
        };
        self.range_tail(&mut raw);
        Some(raw)
    }

    /// A plain number (digits, or words) at `k`: its value and the token after it.
    fn plain_number(&self, k: usize, digits: bool) -> Option<(f64, usize)> {
        if digits {
            let d = self.digits(k)?;
            // `7 to 9:30`, `7-2025-05`: not the end of a range.
            if self.glued(k + 1) && matches!(self.mark(k + 1), Some(':' | '-')) {
                return None;
            }
            if self.glued(k + 1) && self.word(k + 1).is_some() {
                return None;
            }
            Some((parse_number(d)?, k + 1))
        } else {
            // Without a range of its own: `one to two to three …` must not recurse.
            self.words_value(k)
                .filter(|r| !r.lone_one)
                .map(|r| (r.low, r.next))
        }
    }

    fn range_tail(&self, raw: &mut Raw) {
        let k = raw.next;
        let dash = matches!(self.mark(k), Some('-' | '–' | '—'))
            && ((self.glued(k) && self.glued(k + 1)) || (self.spaced(k) && self.spaced(k + 1)));
        let after_from = raw
            .first
            .checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(|w| w == "from");
        let to = self.word(k) == Some("to") && self.spaced(k) && self.spaced(k + 1) && !after_from;
        if !dash && !to {
            return;
        }
        if let Some((high, next)) = self.plain_number(k + 1, raw.digits) {
            if high > raw.low {
                raw.high = high;
                raw.end = self.end(next - 1);
                raw.next = next;
                raw.dot_high = raw.digits && self.digits(k + 1).is_some_and(dot_thousands);
            }
        }
    }

    /// `between 7 and 9`, `between seven and nine`.
    fn between(&self, i: usize) -> Option<Found> {
        if self.word(i) != Some("between") || !self.spaced(i + 1) {
            return None;
        }
        let digits = self.digits(i + 1).is_some();
        let (low, k) = self.plain_number(i + 1, digits)?;
        if self.word(k) != Some("and") {
            return None;
        }
        let (high, next) = self.plain_number(k + 1, digits)?;
        if high <= low {
            return None;
        }
        let raw = Raw {
            low,
            high,
            start: self.start(i),
            end: self.end(next - 1),
            next,
            first: i,
            rough: None,
            digits,
            bare: false,
            lone_one: false,
            takes_of: false,
            dot_low: false,
            dot_high: false,
        };
        self.finish(raw, None)
    }

    /// English number words, with a range after them (`seven to nine`).
    fn words_raw(&self, i: usize) -> Option<Raw> {
        let mut raw = self.words_value(i)?;
        self.range_tail(&mut raw);
        Some(raw)
    }

    /// `half a`, `a quarter of a`, `three quarters of a` at `i`, before `hundred`, `dozen` or
    /// a scale (`million`): the share and the token of the article (`half a million` is
    /// 500,000).
    fn share_of(&self, i: usize) -> Option<(f64, usize)> {
        let w = |k: usize| self.word(k).filter(|_| k == i || self.spaced(k));
        let article = |k: usize| {
            matches!(w(k), Some("a" | "an"))
                && matches!(
                    w(k + 1).and_then(number_word),
                    Some(NumWord::Hundred | NumWord::Scale(_) | NumWord::Dozen)
                )
        };
        if w(i) == Some("half") && article(i + 1) {
            return Some((0.5, i + 1));
        }
        let part = match (w(i)?, w(i + 1)?) {
            ("a" | "one", "quarter") => 0.25,
            ("a" | "one", "third") => 1.0 / 3.0,
            ("a" | "one", "half") => 0.5,
            ("three", "quarters") => 0.75,
            ("two", "thirds") => 2.0 / 3.0,
            _ => return None,
        };
        (w(i + 2) == Some("of") && article(i + 3)).then_some((part, i + 3))
    }

    /// `and a half` (`and a quarter`) at `k` after a unit, before a scale (`one and a half
    /// million`).
    fn and_a_half(&self, k: usize, after_unit: bool) -> bool {
        after_unit
            && matches!(self.word(k + 1), Some("a"))
            && matches!(self.word(k + 2), Some("half" | "quarter"))
            && matches!(
                self.word(k + 3).and_then(number_word),
                Some(NumWord::Scale(_))
            )
            && (k..k + 4).all(|t| self.spaced(t))
    }

    /// English number words: `seven`, `twenty-three`, `three hundred and twenty`, `two million`,
    /// `a dozen`, `a hundred`.
    fn words_value(&self, i: usize) -> Option<Raw> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last {
            Start,
            Article,
            Unit,
            Tens,
            Hundred,
            Scale,
            And,
        }
        // `half a million`: `k` is then the article, which a scale must follow.
        let (factor, mut k) = self.share_of(i).unwrap_or((1.0, i));
        let mut last = Last::Start;
        if matches!(self.word(k), Some("a" | "an")) {
            let next = self.word(k + 1).and_then(number_word);
            if !matches!(
                next,
                Some(NumWord::Hundred | NumWord::Scale(_) | NumWord::Dozen)
            ) || !self.spaced(k + 1)
            {
                return None;
            }
            last = Last::Article;
            k += 1;
        }
        let (mut total, mut current) = (0.0_f64, 0.0_f64);
        let mut end = None;
        while let Some(nw) = self.word(k).and_then(number_word) {
            if k != i && !self.spaced(k) {
                break;
            }
            match nw {
                NumWord::Unit(v) => {
                    let ok = matches!(last, Last::Start | Last::Hundred | Last::Scale | Last::And)
                        || (last == Last::Tens && v < 10.0);
                    if !ok {
                        break;
                    }
                    current += v;
                    last = Last::Unit;
                }
                NumWord::Tens(v) => {
                    if !matches!(last, Last::Start | Last::Hundred | Last::Scale | Last::And) {
                        break;
                    }
                    current += v;
                    last = Last::Tens;
                    // twenty-three
                    if self.mark(k + 1) == Some('-') && self.glued(k + 1) && self.glued(k + 2) {
                        if let Some(NumWord::Unit(u)) = self.word(k + 2).and_then(number_word) {
                            if u > 0.0 && u < 10.0 {
                                current += u;
                                k += 2;
                                last = Last::Unit;
                            }
                        }
                    }
                }
                NumWord::Hundred => {
                    if !matches!(last, Last::Unit | Last::Article) || current >= 100.0 {
                        break;
                    }
                    current = current.max(1.0) * 100.0;
                    last = Last::Hundred;
                }
                NumWord::Scale(s) => {
                    if !matches!(
                        last,
                        Last::Unit | Last::Tens | Last::Hundred | Last::Article
                    ) {
                        break;
                    }
                    total += current.max(1.0) * s;
                    current = 0.0;
                    last = Last::Scale;
                }
                NumWord::Dozen => {
                    if !matches!(last, Last::Unit | Last::Article) {
                        break;
                    }
                    current = current.max(1.0) * 12.0;
                    last = Last::Unit;
                }
                NumWord::And if self.and_a_half(k, last == Last::Unit || last == Last::Tens) => {
                    // `one and a half million`: the half is of the million.
                    current += if self.word(k + 2) == Some("half") {
                        0.5
                    } else {
                        0.25
                    };
                    k += 2;
                    last = Last::Unit;
                }
                NumWord::And => {
                    let then = self.word(k + 1).and_then(number_word);
                    if !matches!(last, Last::Hundred | Last::Scale)
                        || !matches!(then, Some(NumWord::Unit(_) | NumWord::Tens(_)))
                    {
                        break;
                    }
                    last = Last::And;
                    k += 1;
                    continue;
                }
            }
            end = Some(k);
            k += 1;
        }
        let end = end?;
        let value = (total + current) * factor;
        Some(Raw {
            low: value,
            high: value,
            start: self.start(i),
            end: self.end(end),
            next: end + 1,
            first: i,
            rough: None,
            digits: false,
            bare: false,
            lone_one: end == i && self.word(i) == Some("one"),
            takes_of: matches!(last, Last::Scale),
            dot_low: false,
            dot_high: false,
        })
    }

    /// Quantities in words that name no exact number: `tens of thousands`, `hundreds of
    /// thousands`, `several hundred`, `a few thousand`, `hundreds`, `thousands`, `dozens`.
    fn rough(&self, i: usize) -> Option<Raw> {
        let w = self.word(i)?;
        let raw = |low: f64, high: f64, rough: &'static str, last: usize| Raw {
            low,
            high,
            start: self.start(i),
            end: self.end(last),
            next: last + 1,
            first: i,
            rough: Some(rough),
            digits: false,
            bare: false,
            lone_one: false,
            takes_of: true,
            dot_low: false,
            dot_high: false,
        };
        let spaced_word = |k: usize| self.word(k).filter(|_| self.spaced(k));
        if matches!(w, "tens" | "hundreds") && spaced_word(i + 1) == Some("of") {
            let tens = w == "tens";
            let found = match spaced_word(i + 2) {
                Some("thousands") if tens => Some((1e4, "tens of thousands")),
                Some("millions") if tens => Some((1e7, "tens of millions")),
                Some("thousands") => Some((1e5, "hundreds of thousands")),
                Some("millions") => Some((1e8, "hundreds of millions")),
                _ => None,
            };
            if let Some((low, text)) = found {
                return Some(raw(low, low * 10.0 - 1.0, text, i + 2));
            }
        }
        let (few, k) = match w {
            "several" => (Some(("several", 3.0, 9.0)), i + 1),
            "a" if spaced_word(i + 1) == Some("few") => (Some(("a few", 2.0, 5.0)), i + 2),
            _ => (None, i),
        };
        if let Some((_, lo, hi)) = few {
            let scale = match spaced_word(k) {
                Some("hundred") => Some((
                    100.0,
                    if w == "a" {
                        "a few hundred"
                    } else {
                        "several hundred"
                    },
                )),
                Some("thousand") => Some((
                    1e3,
                    if w == "a" {
                        "a few thousand"
                    } else {
                        "several thousand"
                    },
                )),
                Some("million") => Some((
                    1e6,
                    if w == "a" {
                        "a few million"
                    } else {
                        "several million"
                    },
                )),
                _ => None,
            };
            return scale.map(|(s, text)| raw(lo * s, hi * s, text, k));
        }
        let plural = match w {
            "dozens" => (24.0, 99.0, "dozens"),
            "hundreds" => (200.0, 999.0, "hundreds"),
            "thousands" => (2e3, 9999.0, "thousands"),
            "millions" => (2e6, 999e6, "millions"),
            "billions" => (2e9, 999e9, "billions"),
            _ => return None,
        };
        Some(raw(plural.0, plural.1, plural.2, i))
    }

    /// `a quarter`, `a third`, `two thirds`, `three quarters`, `half`, `a half`, also with a
    /// hyphen (`three-quarters`, `one-third`): a share, when it is one (`a third of`, `half the
    /// vote`, `by a third.`) and not an ordinal (`a third round`), nor part of a number (`a
    /// quarter of a million`, read by [`Scan::words_value`]).
    fn fraction(&self, i: usize) -> Option<Found> {
        let pair = |a: &str, b: &str| -> Option<usize> {
            if self.word(i) != Some(a) {
                return None;
            }
            if self.word(i + 1) == Some(b) && self.spaced(i + 1) {
                return Some(i + 1);
            }
            let hyphen =
                a != "a" && self.mark(i + 1) == Some('-') && self.glued(i + 1) && self.glued(i + 2);
            (hyphen && self.word(i + 2) == Some(b)).then_some(i + 2)
        };
        let art = |b: &str| pair("a", b).or_else(|| pair("one", b));
        let (low, high, rough, last) = if let Some(l) = art("quarter") {
            (25.0, 25.0, "a quarter", l)
        } else if let Some(l) = art("third") {
            (33.0, 33.5, "a third", l)
        } else if let Some(l) = art("half") {
            (50.0, 50.0, "half", l)
        } else if let Some(l) = pair("two", "thirds") {
            (66.5, 67.0, "two thirds", l)
        } else if let Some(l) = pair("three", "quarters") {
            (75.0, 75.0, "three quarters", l)
        } else if self.word(i) == Some("half") {
            (50.0, 50.0, "half", i)
        } else {
            return None;
        };
        if self.share_of(i).is_some() {
            return None;
        }
        let next = last + 1;
        let determined = matches!(
            self.word(next),
            Some(
                "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
            )
        );

        // `half the vote`, but not `the first half the team played`.
        let ordinal_before = i
            .checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(|w| matches!(w, "first" | "second" | "other" | "latter" | "former"));
        let of = self.word(next) == Some("of") || (determined && !ordinal_before);
        let ends = self.word(next).is_none() && !(self.mark(next) == Some('-') && self.glued(next));
        let before = i
            .checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(|w| {
                matches!(
                    w,
                    "by" | "than"
                        | "about"
                        | "nearly"
                        | "almost"
                        | "roughly"
                        | "some"
                        | "around"
                        | "over"
                        | "under"
                        | "only"
                        | "just"
                        | "barely"
                )
            });
        if !(of || ends || before) {
            return None;
        }
        Some(Found {
            figure: Figure {
                range: self.start(i)..self.end(last),
                kind: FigureKind::Percent,
                value: Value::Number { low, high },
                unit: None,
                measure: None,
                rough: Some(rough),
            },
            next,
        })
    }

    /// What follows a number decides what it is: a magnitude, a currency, a share, a Korean
    /// counter, a duration's unit, a count's noun — or letters glued to it that make it no
    /// figure at all (`4G`, `19th`, `1990s`).
    fn finish(&self, raw: Raw, currency: Option<char>) -> Option<Found> {
        let Raw {
            mut low,
            mut high,
            start,
            mut end,
            next: mut k,
            ..
        } = raw;
        // `a zero-tolerance policy`, `a one-off`: a number word glued by a hyphen to a word that
        // is no unit of time is part of a compound, not a quantity (`a five-year plan` is).
        if !raw.digits
            && self.mark(k) == Some('-')
            && self.glued(k)
            && self.glued(k + 1)
            && self
                .word(k + 1)
                .is_some_and(|w| !DURATIONS.iter().any(|(s, _, _)| *s == w))
        {
            return None;
        }
        let mut currency = currency;
        let mut takes_of = raw.takes_of;
        let mut bare = raw.bare;
        // A magnitude was read (`3.2 million`): a `1.200` before it is a decimal.
        let mut scaled = false;
        // …and it was one glued letter (`3m`, `5k`, `3M`), which a name can also be.
        let mut letter_magnitude = false;
        let mut korean: Option<(&'static str, Option<&'static str>)> = None;
        let mut counter = false;
        let mut duration: Option<&'static str> = None;
        if raw.digits {
            let glued_word = self.word(k).filter(|_| self.glued(k));
            let spaced_word = self.word(k).filter(|_| self.spaced(k));
            if let Some(f) = glued_word
                .and_then(|w| magnitude(w, true))
                .or_else(|| spaced_word.and_then(|w| magnitude(w, false)))
            {
                low *= f;
                high *= f;
                letter_magnitude = glued_word.is_some_and(|w| w.len() == 1);
                end = self.end(k);
                k += 1;
                takes_of = true;
                bare = false;
                scaled = true;
            } else if let Some(t) = self.tok(k).filter(|t| !t.spaced && t.class == Class::Word) {
                // Korean suffixes: a magnitude, then 원, or a counter, or a duration.
                let w = t.lower.as_str();
                let (f, used) = korean_magnitude(w);
                let rest = w.get(used..).unwrap_or("");
                let mut took = used;
                if rest.starts_with('원') {
                    currency = currency.or(Some('₩'));
                    took += '원'.len_utf8();
                } else if let Some((s, unit)) =
                    KOREAN_DURATIONS.iter().find(|(s, _)| rest.starts_with(s))
                {
                    duration = Some(unit);
                    took += s.len();
                } else if let Some((s, m)) =
                    KOREAN_COUNTERS.iter().find(|(s, _)| rest.starts_with(s))
                {
                    korean = Some((s, *m));
                } else if rest.starts_with("퍼센트") {
                    took += "퍼센트".len();
                    korean = Some(("%", None));
                }
                if took > 0 || korean.is_some() {
                    low *= f;
                    high *= f;
                    scaled |= used > 0;
                    if took > 0 {
                        end = t.start + took;
                    }
                    k += 1;
                    bare = false;
                }
            }
        }
        // A currency after the number, spaced (`1.1 billion dollars`, `3억 원`) or glued (`2,800원`).
        if currency.is_none() && korean.is_none() && duration.is_none() {
            // `150.000 €`, `5 $`: a sign after the number, unless it is the next one's (`5 $10`).
            let sign_after = self
                .mark(k)
                .filter(|&c| currency_sign(c) && raw.digits)
                .filter(|_| !(self.glued(k + 1) && self.digits(k + 1).is_some()));
            if let Some(c) = sign_after {
                currency = Some(c);
                end = self.end(k);
                k += 1;
            } else if let Some(e) = self.glued_prefix(k, "원").filter(|_| raw.digits) {
                currency = Some('₩');
                end = e;
                k += 1;
            } else if let Some(c) = self.word(k).filter(|_| self.spaced(k)).and_then(|w| {
                currency_word(w)
                    .or_else(|| (w.starts_with('원') && w.chars().count() <= 2).then_some('₩'))
            }) {
                currency = Some(c);
                end = if self.word(k).is_some_and(|w| w.starts_with('원')) {
                    self.start(k) + '원'.len_utf8()
                } else {
                    self.end(k)
                };
                k += 1;
            }
        }
        // A share.
        let mut kind = if currency.is_some() {
            FigureKind::Money
        } else {
            FigureKind::Count
        };
        if currency.is_none() && duration.is_none() {
            let share = self.share(k);
            if let Some((k2, permille)) =
                share.or(korean.filter(|(s, _)| *s == "%").map(|_| (k, false)))
            {
                kind = if permille {
                    FigureKind::PerMille
                } else {
                    FigureKind::Percent
                };
                if share.is_some() {
                    end = self.end(k2 - 1);
                    k = k2;
                }
                korean = None;
            }
        }
        // Letters glued to the number that nothing above read: not a figure.
        if raw.digits && self.glued(k) && self.word(k).is_some() && k == raw.next {
            return None;
        }
        let mut unit = None;
        let mut measure = None;
        if let Some(c) = currency {
            unit = Some(c.to_string());
        } else if let Some(d) = duration {
            kind = FigureKind::Duration;
            unit = Some(d.to_string());
            measure = Some("duration".to_string());
        } else if let Some((counter_word, m)) = korean.filter(|(s, _)| *s != "%") {
            unit = Some(counter_word.to_string());
            measure = m.map(str::to_string);
            counter = true;
        } else if kind == FigureKind::Count {
            let (u, m, after) = self.noun_after(k, takes_of);
            if let Some(w) = u.as_deref() {
                if let Some((_, plural, _)) = DURATIONS.iter().find(|(s, _, _)| *s == w) {
                    kind = FigureKind::Duration;
                    end = self.end(after - 1);
                    k = after;
                    unit = Some((*plural).to_string());
                    measure = Some("duration".to_string());
                }
            }
            if kind == FigureKind::Count {
                // A year is four plain digits with nothing counted after them.
                let year_like =
                    |v: f64| (1800.0..=2199.0).contains(&v) && same_number(v, v.round());
                if bare
                    && m.is_none()
                    && year_like(low)
                    && year_like(high)
                    && !self.counted_after(k)
                {
                    kind = FigureKind::Year;
                } else {
                    unit = u;
                    measure = m.map(str::to_string);
                }
            }
        }
        if kind == FigureKind::Count {
            let peopled = matches!(measure.as_deref(), None | Some("people" | "troops"));
            if peopled {
                // After the noun, but a Korean counter (`7명이 사망했다`) is the noun already.
                let from = if unit.is_some() && !counter {
                    self.after_unit(k, takes_of)
                } else {
                    k
                };
                if let Some(m) = self
                    .verb_after(from)
                    .or_else(|| self.verb_before(raw.first))
                {
                    measure = Some(m.to_string());
                }
            }
        }
        // `3M company`, `a 5k run`: a glued letter with no currency and no counted noun after
        // it names something; it is no magnitude, and the number no figure.
        if letter_magnitude
            && currency.is_none()
            && measure.is_none()
            && self.spaced(k)
            && self.word(k).is_some_and(|w| !FUNCTION_WORDS.contains(&w))
        {
            return None;
        }
        // `1.200 Menschen`, `150.000 €`: thousands where a decimal cannot be meant.
        let counted = kind == FigureKind::Count && (measure.is_some() || self.european);
        if !scaled && (kind == FigureKind::Money || counted) {
            if raw.dot_low {
                low *= 1e3;
            }
            if raw.dot_high {
                high *= 1e3;
            }
        }
        // `Article 5`, `UN resolution 2231`, `route 66`: a number after a word that names
        // things by number is an id; `Windows 11`, `ISO 9001`, `iPhone 15`: after a name, it
        // is one unless it counts something known (`Monday 7 people died`).
        if raw.digits
            && start == self.start(raw.first)
            && matches!(kind, FigureKind::Count | FigureKind::Year)
        {
            match self.before_number(raw.first) {
                Before::IdWord => return None,
                Before::Name if measure.is_none() => return None,
                _ => {}
            }
        }
        // `one` counts only a known noun named after it, and not after `no` or `the`.
        if raw.lone_one && kind == FigureKind::Count {
            let pronoun = raw
                .first
                .checked_sub(1)
                .and_then(|p| self.word(p))
                .is_some_and(|w| {
                    matches!(
                        w,
                        "no" | "the" | "this" | "that" | "any" | "each" | "every" | "which"
                    )
                });
            if unit.is_none() || measure.is_none() || pronoun {
                return None;
            }
        }
        Some(Found {
            figure: Figure {
                range: start..end,
                kind,
                value: Value::Number { low, high },
                unit,
                measure,
                rough: raw.rough,
            },
            next: k,
        })
    }

    /// `%`, `‰`, `per cent`, `percent`, `pour cent`, `Prozent`, `por ciento`, `процентов`,
    /// `відсотків` at `k`: the token after it, and whether per mille.
    fn share(&self, k: usize) -> Option<(usize, bool)> {
        match self.mark(k) {
            Some('%') => return Some((k + 1, false)),
            Some('‰') => return Some((k + 1, true)),
            _ => {}
        }
        if !self.spaced(k) {
            return None;
        }
        let w = self.word(k)?;
        let two = |a: &str, b: &str| w == a && self.word(k + 1) == Some(b) && self.spaced(k + 1);
        if matches!(w, "percent" | "pct" | "prozent" | "pourcent" | "퍼센트")
            || w.starts_with("процент")
            || w.starts_with("відсот")
        {
            return Some((k + 1, false));
        }
        if two("per", "cent") || two("pour", "cent") || two("por", "ciento") {
            return Some((k + 2, false));
        }
        if two("per", "mille") || two("per", "mil") || w == "permille" {
            return Some((k + if w == "permille" { 1 } else { 2 }, true));
        }
        None
    }

    /// The noun a count counts, within three words after it: a known one (its measure) even
    /// with words between (`410,000 patient records`, `7 civilian deaths`), else the first
    /// word when it is a plain noun (`7 buildings`); `of` is passed after a magnitude or a
    /// rough quantity (`tens of thousands of troops`). The look ahead stops at punctuation, a
    /// function word or a word that looks like a verb (`-ed`, `-ing`). Also the token after it.
    fn noun_after(
        &self,
        k: usize,
        takes_of: bool,
    ) -> (Option<String>, Option<&'static str>, usize) {
        let mut k = k;
        if takes_of && self.word(k) == Some("of") && self.spaced(k) {
            k += 1;
        }
        // `12-month`
        if self.mark(k) == Some('-')
            && self.glued(k)
            && self.glued(k + 1)
            && self.word(k + 1).is_some()
        {
            k += 1;
        } else if !self.spaced(k) {
            return (None, None, k);
        }
        let mut skipped_name = false;
        // The first plain word, the noun when no known one follows.
        let mut first: Option<(&str, usize)> = None;
        for step in 0..3 {
            let at = k + step;
            let Some(w) = self.word(at) else { break };
            if step > 0 && !self.spaced(at) {
                break;
            }
            if let Some(m) = lookup(MEASURES, w) {
                return (Some(w.to_string()), Some(m), at + 1);
            }
            if DURATIONS.iter().any(|(s, _, _)| *s == w) {
                if first.is_none() {
                    return (Some(w.to_string()), None, at + 1);
                }
                break;
            }
            if let Some(m) = stem_measure(w) {
                return (Some(w.to_string()), Some(m), at + 1);
            }
            if FUNCTION_WORDS.contains(&w) {
                break;
            }
            if SKIPPED.contains(&w) {
                continue;
            }
            if self.capitalised(at) {
                // `4,500 US troops`, `28,500 American troops`.
                skipped_name = true;
                continue;
            }
            if skipped_name && first.is_none() {
                break;
            }
            let verb = w.is_ascii() && w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"));
            if first.is_none() {
                first = Some((w, at + 1));
            }
            if verb {
                break;
            }
        }
        match first {
            Some((w, after)) => (Some(w.to_string()), None, after),
            None => (None, None, k),
        }
    }

    /// Whether a known noun follows at `k` (a year is not followed by one).
    fn counted_after(&self, k: usize) -> bool {
        self.spaced(k) && self.word(k).is_some_and(|w| lookup(MEASURES, w).is_some())
    }

    /// The token after the noun [`Scan::noun_after`] finds from `k`.
    fn after_unit(&self, k: usize, takes_of: bool) -> usize {
        self.noun_after(k, takes_of).2
    }

    /// A word within four after `k` that says what happened to what was counted (`were
    /// killed`), before a conjunction, a number or punctuation ends the clause.
    fn verb_after(&self, k: usize) -> Option<&'static str> {
        for at in k..k + 4 {
            let w = self.word(at)?;
            if matches!(w, "and" | "or" | "but" | "while" | "whereas") {
                return None;
            }
            if let Some(m) = lookup(VERB_MEASURES, w).or_else(|| stem_measure(w)) {
                return Some(m);
            }
        }
        None
    }

    /// A word within three before token `first` that says the same (`killed seven`).
    fn verb_before(&self, first: usize) -> Option<&'static str> {
        for back in 1..=3 {
            let at = first.checked_sub(back)?;
            let w = self.word(at)?;
            if let Some(m) = lookup(VERB_MEASURES_BEFORE, w).or_else(|| stem_measure(w)) {
                return Some(m);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures of `text` as written.
    fn written(text: &str) -> Vec<&str> {
        extract(text)
            .into_iter()
            .filter_map(|f| text.get(f.range))
            .collect()
    }

    /// The figures of `text` as [`Figure::value_text`] gives them.
    fn values(text: &str) -> Vec<String> {
        extract(text).iter().map(Figure::value_text).collect()
    }

    fn one(text: &str) -> Figure {
        let all = extract(text);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        all.into_iter().next().unwrap()
    }

    fn number(low: f64, high: f64) -> Value {
        Value::Number { low, high }
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        let t = "roughly 4,500 of 28,500 troops, 8.3 on average, 1\u{202f}200 in all and 1.234.567 more";
        assert_eq!(
            written(t),
            vec!["4,500", "28,500", "8.3", "1\u{202f}200", "1.234.567"]
        );
        assert_eq!(
            values(t),
            vec!["4,500", "28,500", "8.3", "1,200", "1,234,567"]
        );
        assert_eq!(one("a 410,000 figure").value, number(410_000.0, 410_000.0));
        assert_eq!(one("8,3 en moyenne").value, number(8.3, 8.3));
    }

    #[test]
    fn ranges_in_every_spelling() {
        for t in [
            "7-9 dead",
            "7–9 dead",
            "7 – 9 dead",
            "between 7 and 9 dead",
            "7 to 9 dead",
            "seven to nine dead",
        ] {
            let f = one(t);
            assert_eq!(f.value, number(7.0, 9.0), "{t}");
            assert_eq!(f.value_text(), "7–9", "{t}");
            assert_eq!(f.measure.as_deref(), Some("deaths"), "{t}");
        }
        assert_eq!(written("between 7 and 9 dead"), vec!["between 7 and 9"]);
        // Not a range: a change from one to the other, a score, a season.
        assert_eq!(values("rose from 7 to 9"), vec!["7", "9"]);
        assert_eq!(values("won 3-0"), vec!["3"]);
    }

    #[test]
    fn shares_in_per_cent_and_per_mille() {
        let t =
            "12% then 8.3 per cent, 40 percent, 5 pour cent, 7 Prozent, 9 por ciento, 3‰ and 15 %";
        assert_eq!(
            values(t),
            vec!["12%", "8.3%", "40%", "5%", "7%", "9%", "3‰", "15%"]
        );
        assert_eq!(
            written(t),
            vec![
                "12%",
                "8.3 per cent",
                "40 percent",
                "5 pour cent",
                "7 Prozent",
                "9 por ciento",
                "3‰",
                "15 %"
            ]
        );
        let kinds: Vec<FigureKind> = extract(t).iter().map(|f| f.kind).collect();
        assert_eq!(kinds.last(), Some(&FigureKind::Percent));
        assert_eq!(kinds.get(6), Some(&FigureKind::PerMille));
        assert_eq!(one("eight per cent").value, number(8.0, 8.0));
        assert_eq!(one("통행료 인상은 4%").value_text(), "4%");
    }

    #[test]
    fn fractions_are_shares() {
        let t = "a quarter of the staff, half of them, cut by a third. Two thirds of voters";
        let all = extract(t);
        assert_eq!(
            written(t),
            vec!["a quarter", "half", "a third", "Two thirds"]
        );
        assert!(all.iter().all(|f| f.kind == FigureKind::Percent));
        assert_eq!(all[0].value, number(25.0, 25.0));
        assert_eq!(all[1].value, number(50.0, 50.0));
        assert_eq!(all[0].value_text(), "a quarter");
        // Ordinals and halves of things are not shares.
        assert!(extract("a third round, a quarter century, half-hour, behalf").is_empty());
    }

    #[test]
    fn money_with_signs_words_and_magnitudes() {
        let t =
            "$1.1bn, €3m, £2.5 billion, ₩2,800, 1.1 billion dollars, 2,800원을, 3억 원, 5천만원";
        assert_eq!(
            values(t),
            vec![
                "$1.1bn", "€3m", "£2.5bn", "₩2,800", "$1.1bn", "₩2,800", "₩300m", "₩50m"
            ]
        );
        assert_eq!(
            written(t),
            vec![
                "$1.1bn",
                "€3m",
                "£2.5 billion",
                "₩2,800",
                "1.1 billion dollars",
                "2,800원",
                "3억 원",
                "5천만원"
            ]
        );
        let all = extract(t);
        assert!(all.iter().all(|f| f.kind == FigureKind::Money), "{all:#?}");
        assert_eq!(all[0].value, number(1.1e9, 1.1e9));
        assert_eq!(all[0].unit.as_deref(), Some("$"));
        assert_eq!(all[3].unit.as_deref(), Some("₩"));
        // Magnitudes without money are counts.
        let t = "3.2 million records, 3,200,000 records, 3억";
        assert_eq!(values(t), vec!["3.2 million", "3.2 million", "300 million"]);
        assert!(extract(t).iter().all(|f| f.kind == FigureKind::Count));
        assert_eq!(one("£1.2m a year").value, number(1.2e6, 1.2e6));
    }

    #[test]
    fn times_are_one_figure() {
        let t = "at 02:40, then 19:30, 7pm, 7:30 a.m., 11 p.m., 19h30 and 19 Uhr";
        assert_eq!(
            written(t),
            vec![
                "02:40",
                "19:30",
                "7pm",
                "7:30 a.m.",
                "11 p.m.",
                "19h30",
                "19 Uhr"
            ]
        );
        assert_eq!(
            values(t),
            vec!["02:40", "19:30", "19:00", "07:30", "23:00", "19:30", "19:00"]
        );
        assert!(extract(t).iter().all(|f| f.kind == FigureKind::Time));
        assert_eq!(one("오후 3시 40분").value_text(), "15:40");
        assert_eq!(
            one("at 02:40").value,
            Value::Time {
                hour: 2,
                minute: 40
            }
        );
    }

    #[test]
    fn dates_in_english() {
        let t = "on 2025-05-23, 15 March, March 15, 2025, in May 2025, 1st June 2024, June 3rd";
        assert_eq!(
            written(t),
            vec![
                "2025-05-23",
                "15 March",
                "March 15, 2025",
                "May 2025",
                "1st June 2024",
                "June 3rd"
            ]
        );
        assert_eq!(
            values(t),
            vec![
                "23 May 2025",
                "15 March",
                "15 March 2025",
                "May 2025",
                "1 June 2024",
                "3 June"
            ]
        );
        assert_eq!(
            one("15 March").value,
            Value::Date {
                year: None,
                month: 3,
                day: Some(15)
            }
        );
    }

    #[test]
    fn dates_in_french_german_spanish_ukrainian_russian_and_korean() {
        for (t, month, day, year) in [
            ("le 15 mars", 3, Some(15), None),
            ("le 1er avril 2025", 4, Some(1), Some(2025)),
            ("am 15. März", 3, Some(15), None),
            ("am 15 März 2025", 3, Some(15), Some(2025)),
            ("el 15 de marzo", 3, Some(15), None),
            ("el 15 de marzo de 2025", 3, Some(15), Some(2025)),
            ("15 березня", 3, Some(15), None),
            ("1 лютого 2025 року", 2, Some(1), Some(2025)),
            ("15 марта", 3, Some(15), None),
            ("в мае: 9 мая 2025 г.", 5, Some(9), Some(2025)),
            ("5월 23일", 5, Some(23), None),
            ("2025년 5월 23일에", 5, Some(23), Some(2025)),
            ("5월에", 5, None, None),
        ] {
            let f = one(t);
            assert_eq!(f.kind, FigureKind::Date, "{t}");
            assert_eq!(f.value, Value::Date { year, month, day }, "{t}");
        }
        assert_eq!(written("15 березня"), vec!["15 березня"]);
        assert_eq!(written("2025년 5월 23일에 발표"), vec!["2025년 5월 23일"]);
        assert_eq!(one("15 березня").value_text(), "15 March");
        let year = one("2025년에");
        assert_eq!(year.kind, FigureKind::Year);
    }

    #[test]
    fn a_month_name_is_a_date_only_with_a_day_or_a_year() {
        assert_eq!(
            written("Under city ordinance no single fare rise may exceed 10%."),
            vec!["10%"]
        );
        assert_eq!(written("They may, in March, march on."), Vec::<&str>::new());
        assert_eq!(
            written("on May 23, then 23 May, in May 2025, on May 23, 2025 and 1st June 2024"),
            vec![
                "May 23",
                "23 May",
                "May 2025",
                "May 23, 2025",
                "1st June 2024"
            ]
        );
        assert_eq!(written("since February 1, 2025."), vec!["February 1, 2025"]);
        // The verb before a number is no month.
        assert_eq!(written("the 23 may be wrong"), vec!["23"]);
        // A count after a month name is no day.
        let f = extract("In March 12 people died");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].measure.as_deref(), Some("deaths"));
    }

    #[test]
    fn the_old_figures_are_all_found() {
        let t = "roughly 4,500 of 28,500 troops; $1.1bn in 2026, 8.3 per cent more; due 31 August; on 2025-05-23; 12% and ₩2,800";
        assert_eq!(
            written(t),
            vec![
                "4,500",
                "28,500",
                "$1.1bn",
                "2026",
                "8.3 per cent",
                "31 August",
                "2025-05-23",
                "12%",
                "₩2,800"
            ]
        );
        let kinds: Vec<FigureKind> = extract(t).iter().map(|f| f.kind).collect();
        assert_eq!(kinds.get(3), Some(&FigureKind::Year));
    }

    #[test]
    fn number_words() {
        let t = "Seven people, twelve soldiers, twenty-three dead, forty two homes, three hundred and twenty cars, two million records, a dozen troops, a hundred users, nineteen";
        assert_eq!(
            values(t),
            vec!["7", "12", "23", "42", "320", "2 million", "12", "100", "19"]
        );
        assert_eq!(written(t).first().copied(), Some("Seven"));
        assert_eq!(written("twenty-three dead"), vec!["twenty-three"]);
        for (w, v) in [
            ("one person", 1.0),
            ("two", 2.0),
            ("three", 3.0),
            ("four", 4.0),
            ("five", 5.0),
            ("six", 6.0),
            ("eight", 8.0),
            ("nine", 9.0),
            ("ten", 10.0),
            ("eleven", 11.0),
            ("thirteen", 13.0),
            ("fifteen", 15.0),
            ("twenty", 20.0),
            ("ninety", 90.0),
            ("a thousand", 1e3),
            ("five thousand", 5e3),
        ] {
            assert_eq!(one(w).value, number(v, v), "{w}");
        }
    }

    #[test]
    fn rough_quantities_in_words() {
        let t = "tens of thousands of troops, hundreds of people, several hundred homes, dozens of bodies, thousands";
        assert_eq!(
            written(t),
            vec![
                "tens of thousands",
                "hundreds",
                "several hundred",
                "dozens",
                "thousands"
            ]
        );
        let all = extract(t);
        assert_eq!(all[0].value, number(1e4, 99_999.0));
        assert_eq!(all[0].value_text(), "tens of thousands");
        assert_eq!(all[0].measure.as_deref(), Some("troops"));
        assert_eq!(all[1].measure.as_deref(), Some("people"));
        assert_eq!(all[3].measure.as_deref(), Some("deaths"));
        assert_eq!(one("hundreds of thousands").value, number(1e5, 999_999.0));
    }

    #[test]
    fn durations_carry_their_unit() {
        let t = "for eight days, 12 months, six weeks, 48 hours and a 10-year plan; 3개월";
        assert_eq!(
            written(t),
            vec![
                "eight days",
                "12 months",
                "six weeks",
                "48 hours",
                "10-year",
                "3개월"
            ]
        );
        assert_eq!(
            values(t),
            vec![
                "8 days",
                "12 months",
                "6 weeks",
                "48 hours",
                "10 years",
                "3 months"
            ]
        );
        let all = extract(t);
        assert!(all.iter().all(|f| f.kind == FigureKind::Duration));
        assert!(all.iter().all(|f| f.measure.as_deref() == Some("duration")));
        assert_eq!(all[0].unit.as_deref(), Some("days"));
        assert_eq!(one("one day").value_text(), "1 day");
        assert_eq!(days_in("weeks"), Some(7.0));
    }

    #[test]
    fn the_noun_and_what_it_measures() {
        for (t, unit, measure) in [
            ("Seven people were killed", Some("people"), Some("deaths")),
            ("11 bodies were recovered", Some("bodies"), Some("deaths")),
            ("7 dead", Some("dead"), Some("deaths")),
            ("4,500 troops", Some("troops"), Some("troops")),
            ("4,500 US troops", Some("troops"), Some("troops")),
            ("4,500 more soldiers", Some("soldiers"), Some("troops")),
            ("410,000 customers", Some("customers"), Some("records")),
            ("3.2 million records", Some("records"), Some("records")),
            ("millions of accounts", Some("accounts"), Some("records")),
            ("12 wounded", Some("wounded"), Some("injured")),
            ("3 people are missing", Some("people"), Some("missing")),
            ("the blast killed seven", None, Some("deaths")),
            ("seven lives lost", Some("lives"), Some("deaths")),
            ("7 buildings", Some("buildings"), None),
            ("7명이 사망했다", Some("명"), Some("deaths")),
            ("Seven were killed and 11 injured", None, Some("deaths")),
        ] {
            let f = extract(t).into_iter().next().unwrap();
            assert_eq!(f.unit.as_deref(), unit, "{t}");
            assert_eq!(f.measure.as_deref(), measure, "{t}");
        }
        let both = extract("Seven were killed and 11 injured");
        assert_eq!(both[1].measure.as_deref(), Some("injured"));
        // The noun is not part of the figure.
        assert_eq!(written("7 dead"), vec!["7"]);
    }

    #[test]
    fn no_false_figures() {
        for t in [
            "They may come. May is far.",
            "one of the ministers",
            "no one knows",
            "the one who left",
            "they blamed one another",
            "one option remains",
            "see c-12 and r3 on COVID-19",
            "item_4, v2.0, 4G, 19th century, the 1990s",
            "a man and an apple",
            "often, stone, tent, someone, nineteenth",
            "",
            "—",
        ] {
            assert_eq!(written(t), Vec::<&str>::new(), "{t}");
        }
        assert_eq!(written("c-12-3 and 5 ids"), vec!["5"]);
    }

    #[test]
    fn shares_of_a_number_and_european_separators() {
        // QA: `half a million` read as 1 million, `7 000` as 0.
        let f = one("half a million people");
        assert_eq!(f.value, number(5e5, 5e5));
        assert_eq!(f.value_text(), "500,000");
        assert_eq!(f.measure.as_deref(), Some("people"));
        assert_eq!(written("half a million people"), vec!["half a million"]);
        assert_eq!(one("a quarter of a million").value, number(2.5e5, 2.5e5));
        assert_eq!(
            one("three quarters of a million").value,
            number(7.5e5, 7.5e5)
        );
        assert_eq!(one("half a dozen").value, number(6.0, 6.0));
        let f = one("one and a half million");
        assert_eq!(f.value, number(1.5e6, 1.5e6));
        assert_eq!(f.value_text(), "1.5 million");
        assert_eq!(one("1,5 millions").value_text(), "1.5 million");
        assert_eq!(one("2 Millionen").value, number(2e6, 2e6));
        // A plain space groups thousands: three digits after it, one to three before.
        assert_eq!(written("7 000"), vec!["7 000"]);
        assert_eq!(one("7 000").value, number(7e3, 7e3));
        assert_eq!(
            one("12 345 678 voters").value,
            number(12_345_678.0, 12_345_678.0)
        );
        assert_eq!(one("1 200,5 km").value, number(1200.5, 1200.5));
        assert_eq!(values("in 2025 300 people"), vec!["2025", "300"]);
        assert_eq!(values("in 2025 300 people")[1], "300");
        assert_eq!(values("3 100m races, 7 1000"), vec!["3", "7", "1,000"]);
        // A still-fine quarter: a share, not a number.
        assert_eq!(one("a quarter of a century").value, number(25.0, 25.0));
    }

    #[test]
    fn a_dot_before_three_digits_is_thousands_where_no_decimal_can_be_meant() {
        // Counted people: thousands.
        let f = one("1.200 Menschen");
        assert_eq!(f.value, number(1200.0, 1200.0));
        assert_eq!(f.measure.as_deref(), Some("people"));
        assert_eq!(one("1,200 people").value, number(1200.0, 1200.0));
        // Money: no currency has three decimals.
        assert_eq!(one("150.000 €").value, number(1.5e5, 1.5e5));
        assert_eq!(one("150.000 €").unit.as_deref(), Some("€"));
        assert_eq!(one("$1.500").value, number(1500.0, 1500.0));
        // With a magnitude it is a decimal.
        assert_eq!(one("1.500 millions").value, number(1.5e6, 1.5e6));
        // In a text that writes other numbers the European way.
        assert_eq!(
            values("8,3 en moyenne, 2.500 au total"),
            vec!["8.3", "2,500"]
        );
        // Otherwise a decimal, as English writes it.
        assert_eq!(one("a 1.250 ratio").value, number(1.25, 1.25));
        assert_eq!(one("1.200-1.500 Menschen").value, number(1200.0, 1500.0));
    }

    #[test]
    fn the_noun_with_words_between() {
        for (t, unit, measure) in [
            ("accessed 410,000 patient records", "records", "records"),
            ("exposed 3.2 million records", "records", "records"),
            ("7 civilian deaths", "deaths", "deaths"),
            ("11 civilian deaths", "deaths", "deaths"),
            ("9 morts", "morts", "deaths"),
            ("12 blessés", "blessés", "injured"),
            ("8 Tote", "tote", "deaths"),
            ("15 Verletzte", "verletzte", "injured"),
            ("9 muertos", "muertos", "deaths"),
            ("3 heridos", "heridos", "injured"),
        ] {
            let f = one(t);
            assert_eq!(f.unit.as_deref(), Some(unit), "{t}");
            assert_eq!(f.measure.as_deref(), Some(measure), "{t}");
        }
        // The first word is the noun when no known one follows, and the look ahead stops at
        // a verb or a function word.
        assert_eq!(one("7 buildings").unit.as_deref(), Some("buildings"));
        assert_eq!(one("7 wooden buildings").unit.as_deref(), Some("wooden"));
        let f = one("7 buildings collapsed, people fled");
        assert_eq!((f.unit.as_deref(), f.measure), (Some("buildings"), None));
        let f = one("7 homes burned records");
        assert_eq!(f.measure, None);
        // What happened, said after the count, in French, German, Spanish and Korean.
        for t in [
            "L'explosion a fait 9 morts",
            "mindestens 8 Menschen getötet",
            "9 personas murieron",
            "7명이 숨지고 3명이 다쳤다",
            "7명 사망",
        ] {
            let f = extract(t).into_iter().next().unwrap();
            assert_eq!(f.measure.as_deref(), Some("deaths"), "{t}");
        }
        assert_eq!(
            extract("7명이 숨지고 3명이 다쳤다")[1].measure.as_deref(),
            Some("injured")
        );
        assert_eq!(one("12명 부상").measure.as_deref(), Some("injured"));
    }

    #[test]
    fn french_times_and_times_with_a_dot() {
        for (t, hour, minute) in [
            ("2 h 40", 2, 40),
            ("2h40", 2, 40),
            ("à 14 h 30", 14, 30),
            ("7.30pm", 19, 30),
            ("7.30 a.m.", 7, 30),
            ("19.30 Uhr", 19, 30),
            ("at noon", 12, 0),
            ("by midnight", 0, 0),
            ("à minuit", 0, 0),
        ] {
            let f = one(t);
            assert_eq!(f.kind, FigureKind::Time, "{t}");
            assert_eq!(f.value, Value::Time { hour, minute }, "{t}");
        }
        assert_eq!(written("à 14 h 30 précises"), vec!["14 h 30"]);
        assert_eq!(one("2 h 40").value_text(), "02:40");
        // A dot and two digits alone is a decimal.
        assert_eq!(one("7.30 points").kind, FigureKind::Count);
        // `afternoon` is a word of its own.
        assert!(extract("in the afternoon").is_empty());
    }

    #[test]
    fn ids_names_escapes_and_compounds_are_no_figures() {
        for t in [
            "a zero-width joiner",
            "a zero-tolerance policy",
            "a one-off",
            "certified to ISO 9001",
            "under UN resolution 2231",
            "Article 5 of the treaty",
            "invoking article 5",
            "down route 66",
            "it runs Windows 11",
            "Windows 11",
            "the new iPhone 15",
            "section 3, chapter 7, No. 10, flight 370, line 4, version 2, model 3",
            "the 3M company",
            "3M Company shares",
            "the 9/11 attacks",
            "open 24/7",
            "plain ␛[0m text",
            "bold \u{1b}[1;31m red",
            "clear [2J screen",
        ] {
            assert_eq!(written(t), Vec::<&str>::new(), "{t}");
        }
        // Still figures: counts after a capitalised lead-in or a name, when they count
        // something known; a five-year plan; three million records; magnitudes with money.
        assert_eq!(values("About 400 people"), vec!["400"]);
        assert_eq!(values("Monday 7 people died"), vec!["7"]);
        assert_eq!(values("a five-year plan"), vec!["5 years"]);
        assert_eq!(
            values("3m records, $3m, 3m in 2020"),
            vec!["3 million", "$3m", "3 million", "2020"]
        );
        assert_eq!(values("[12] and [3]"), vec!["12", "3"]);
        assert_eq!(values("Mindestens 8 Menschen"), vec!["8"]);
    }

    #[test]
    fn money_with_codes_and_signs_after_and_ratios() {
        for t in ["USD 5 million", "$5m", "5 million USD", "USD5m"] {
            let f = one(t);
            assert_eq!(f.kind, FigureKind::Money, "{t}");
            assert_eq!(f.value, number(5e6, 5e6), "{t}");
            assert_eq!(f.unit.as_deref(), Some("$"), "{t}");
        }
        assert_eq!(one("EUR 150,000").value_text(), "€150,000");
        assert_eq!(written("150.000 € de dégâts"), vec!["150.000 €"]);
        assert_eq!(values("paid 5 $10"), vec!["5", "$10"]);
        for (t, share) in [
            ("1 in 5", 20.0),
            ("one in five", 20.0),
            ("7 in 10 voters", 70.0),
        ] {
            let f = one(t);
            assert_eq!(f.kind, FigureKind::Percent, "{t}");
            assert_eq!(f.value, number(share, share), "{t}");
        }
        assert_eq!(one("one in five").value_text(), "20%");
        assert_eq!(written("1 in 5 adults"), vec!["1 in 5"]);
        // No ratio: a year, a duration, a date.
        assert_eq!(values("3 in 2024"), vec!["3", "2024"]);
        assert_eq!(values("3 in 5 days"), vec!["3", "5 days"]);
        // Hyphenated and determined fractions.
        assert_eq!(one("three-quarters").value, number(75.0, 75.0));
        assert_eq!(one("two-thirds of voters").value, number(66.5, 67.0));
        assert_eq!(one("half the vote").value, number(50.0, 50.0));
        assert!(extract("in the first half the team scored").is_empty());
    }

    #[test]
    fn a_large_text_extracts_in_one_pass() {
        // Patterns that would make a backtracking matcher quadratic: endless digit groups and
        // ranges, numbers words strung with `to`, a word without spaces, mixed with prose.
        let mut text = String::new();
        let sentence = "Seven people were killed on 15 March; 4,500 troops, $1.1bn, 12% at 02:40. ";
        while text.len() < 100_000 {
            text.push_str(sentence);
        }
        text.push_str(&"1,".repeat(10_000));
        text.push_str(&"7-".repeat(10_000));
        text.push_str(&"one to ".repeat(5_000));
        text.push_str(&"통행료".repeat(5_000));
        let found = extract(&text);
        assert!(found.len() > 5_000);
        assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_ordered_ranges_on_char_boundaries(text in "\\PC{0,80}") {
            check(&text);
        }

        #[test]
        fn texts_full_of_figure_parts_too(text in "[0-9 ,.:%$€₩원억월일년a-zA-Z\\-–‰]{0,60}") {
            check(&text);
        }
    }

    fn check(text: &str) {
        let found = extract(text);
        let mut at = 0;
        for f in &found {
            assert!(
                f.range.start >= at && f.range.start < f.range.end,
                "{text:?}: {f:?}"
            );
            assert!(text.get(f.range.clone()).is_some(), "{text:?}: {f:?}");
            let _ = f.value_text();
            at = f.range.end;
        }
    }
}
