//! Dates as news sites write them, read to ISO 8601 (`YYYY-MM-DD`).
//!
//! A date is read in one of a few forms (`2023-06-17`, `17.06.2023`,
//! `17 June 2023`, `June 17, 2023`, `17-Jun-2023`, `2023年6月17日`), with the
//! month written out in the languages of the shipped packs. A date without a
//! year is no date here.
//!
//! The forms are written in the syntax of Python's `regex` module (the rule
//! files' syntax, translated by [`crate::rules::pattern`], which closes the
//! gaps between the two: case folding of `İ`/`ı`, class escapes ignoring
//! case), so that `\d`, `\w`, `\s` and case folding are Python's. Their
//! one-character lookarounds (`(?<!\d)`, `(?!\d)`) are written as what they
//! look for, consumed (`(?:\A|\D)`, `(?:\D|\z)`), around a group that holds
//! the date: a backtracking engine and the linear one then choose the same
//! match, and every form runs on the linear `regex` crate. A search that goes
//! on after an earlier match starts one character before it, so that the
//! character a lookbehind reads is there to be consumed.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::pystr;
use crate::rules::pattern::{translate, EngineKind, Mode, Use};

/// Month names and their common abbreviations, lower-case, by month, in the
/// languages of the shipped packs (Polish in nominative and genitive:
/// "czerwiec", "17 czerwca").
pub const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "styczeń", "stycznia", "sty",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fev",
        "febrero",
        "febbraio",
        "fevereiro",
        "luty",
        "lutego",
        "lut",
    ],
    &[
        "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "marzec", "marca",
    ],
    &[
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwiecień",
        "kwietnia",
        "kwi",
    ],
    &["may", "mai", "mayo", "maggio", "mag", "maio", "maj", "maja"],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca",
        "cze",
    ],
    &[
        "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec",
        "lipca", "lip",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "sierpień",
        "sierpnia",
        "sie",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "wrzesień",
        "września",
        "wrz",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "październik",
        "października",
        "paź",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopad",
        "listopada",
        "lis",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudzień",
        "grudnia",
        "gru",
    ],
];

/// Names of the days of the week and their common abbreviations, lower-case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
];

/// Characters before a year where a date that ends in it may start ([`writes_date`]).
const AROUND_YEAR: usize = 200;
/// Characters after a year where a date that starts with it may end.
const AFTER_YEAR: usize = 16;

/// The month names, longest first (in table order among names of one
/// length), joined by `|`: the alternatives of a pattern that reads a month
/// (rule files use it as `{MONTH}`).
///
/// ```
/// use _core::text::dates::month_pattern;
/// assert!(month_pattern().starts_with("października|"));
/// ```
pub fn month_pattern() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let mut names: Vec<&str> = Vec::new();
        for name in MONTHS.iter().flat_map(|names| names.iter()) {
            if !names.contains(name) {
                names.push(name);
            }
        }
        // A stable sort: names of one length keep the table's order.
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        names.join("|")
    })
}

/// The number of a month's name (lower-case, as [`MONTHS`] writes it).
pub fn month_number(name: &str) -> Option<u32> {
    static NUMBERS: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    NUMBERS
        .get_or_init(|| {
            let mut map = HashMap::new();
            for (k, names) in MONTHS.iter().enumerate() {
                for name in names.iter() {
                    map.insert(*name, k as u32 + 1);
                }
            }
            map
        })
        .get(name)
        .copied()
}

/// A pattern of Python's syntax, run by the `regex` crate, with its groups by name.
struct Form {
    re: Regex,
    /// The engine's groups of the date itself (without the characters its
    /// lookarounds read), one per alternative that reads a date.
    all: Vec<usize>,
    /// The engine's groups of each name: `y`, `mn`, `m`, `d` (a name may
    /// stand in several alternatives).
    groups: Vec<(String, Vec<usize>)>,
}

impl Form {
    fn new(python: &str, ci: bool) -> Form {
        let t = translate(python, ci, Mode::Search, Use::Extents)
            .unwrap_or_else(|e| panic!("date pattern {python:?}: {e}"));
        assert_eq!(t.engine, EngineKind::Linear, "date pattern {python:?}");
        let re = regex::RegexBuilder::new(&t.source)
            .size_limit(64 << 20)
            .build()
            .unwrap_or_else(|e| panic!("date pattern {python:?}: {e}"));
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (k, name) in t.names.iter().enumerate() {
            if let Some(name) = name {
                match groups.iter_mut().find(|(n, _)| n == name) {
                    Some((_, found)) => found.extend(&t.groups[k]),
                    None => groups.push((name.clone(), t.groups[k].clone())),
                }
            }
        }
        let all = groups
            .iter()
            .find(|(n, _)| n == "all")
            .map_or_else(|| vec![0], |(_, g)| g.clone());
        Form { re, all, groups }
    }

    /// The text of group `name` in a match, if it took part.
    fn group<'t>(&self, caps: &Captures<'t>, name: &str) -> Option<&'t str> {
        let (_, found) = self.groups.iter().find(|(n, _)| n == name)?;
        found.iter().find_map(|&k| caps.get(k)).map(|m| m.as_str())
    }

    /// The first match whose date starts at or after byte `pos` of `text`
    /// (its lookbehind reading the character before `pos`), with its span.
    fn find_at<'t>(&self, text: &'t str, pos: usize) -> Option<(usize, usize, Captures<'t>)> {
        let from = text[..pos]
            .chars()
            .next_back()
            .map_or(0, |c| pos - c.len_utf8());
        let caps = self.re.captures_at(text, from)?;
        let m = self.all.iter().find_map(|&k| caps.get(k))?;
        Some((m.start(), m.end(), caps))
    }

    /// Every match at or after byte `pos`, none overlapping, as Python's `finditer`.
    fn each<'t>(
        &'t self,
        text: &'t str,
        pos: usize,
    ) -> impl Iterator<Item = (usize, usize, Captures<'t>)> + 't {
        let mut at = Some(pos);
        std::iter::from_fn(move || {
            let found = self.find_at(text, at?)?;
            // No form matches the empty string: the next search starts at the end.
            at = Some(found.1);
            Some(found)
        })
    }

    /// The date of a match, as `YYYY-MM-DD`; `None` when its day or month is out of range.
    fn iso(&self, caps: &Captures<'_>) -> Option<String> {
        let month = match self.group(caps, "mn") {
            Some(mn) if !mn.is_empty() => number(mn),
            _ => month_number(&pystr::lower(self.group(caps, "m")?))?,
        };
        let day = number(self.group(caps, "d")?);
        let year = number(self.group(caps, "y")?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        Some(format!("{year:04}-{month:02}-{day:02}"))
    }
}

/// The value of a decimal digit of any script (general category Nd), as
/// Python's `int()` reads it: Unicode encodes each script's digits as a run
/// of ten, from zero, and runs that touch start at a multiple of ten from
/// the first.
fn digit(c: char) -> u32 {
    if c.is_ascii_digit() {
        return c as u32 - '0' as u32;
    }
    let mut start = c as u32;
    while let Some(prev) = start.checked_sub(1).and_then(char::from_u32) {
        if !pystr::is_decimal(prev) {
            break;
        }
        start -= 1;
    }
    (c as u32 - start) % 10
}

/// The number a run of decimal digits writes (a few digits: no overflow).
fn number(digits: &str) -> u32 {
    digits.chars().fold(0, |n, c| n * 10 + digit(c))
}

struct Dates {
    forms: Vec<Form>,
    year_like: Regex,
    url: Form,
}

/// `(?<!C)` written as what it looks for, before the date's group.
fn behind(class: &str) -> String {
    format!(r"(?:\A|[^{class}])")
}

/// `(?!C)` written as what it looks for, after the date's group.
fn ahead(class: &str) -> String {
    format!(r"(?:[^{class}]|\Z)")
}

fn dates() -> &'static Dates {
    static DATES: OnceLock<Dates> = OnceLock::new();
    DATES.get_or_init(|| {
        let day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?";
        let year = r"(?P<y>(?:19|20)\d\d)";
        let month = format!(r"(?P<m>{})\.?", month_pattern());
        let (d, dd, w) = (r"\d", r"\d.", r"\w");
        let form = |before: &str, body: String, after: Option<&str>, ci: bool| {
            let after = after.map(ahead).unwrap_or_default();
            Form::new(&format!("{}(?P<all>{body}){after}", behind(before)), ci)
        };
        let forms = vec![
            form(d, format!(r"{year}-(?P<mn>[01]?\d)-(?P<d>[0-3]?\d)"), Some(d), false),
            form(d, format!(r"{year}/(?P<mn>[01]?\d)/(?P<d>[0-3]?\d)"), Some(d), false),
            form(dd, format!(r"(?P<d>[0-3]?\d)[./](?P<mn>[01]?\d)[./]{year}"), Some(d), false),
            // "12/19/2025": month first, when the day shows it (12/01/2025 reads day first, above)
            form(dd, format!(r"(?P<mn>[01]?\d)/(?P<d>[0-3]?\d)/{year}"), Some(d), false),
            form(dd, format!(r"{year}\.(?P<mn>[01]?\d)\.(?P<d>[0-3]?\d)"), Some(d), false),
            form(
                d,
                format!(r"{year}\s*[年년]\s*(?P<mn>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"),
                None,
                false,
            ),
            form(
                w,
                format!(r"{day},?\s+(?:de\s+)?{month},?\s+(?:de\s+)?{year}"),
                Some(d),
                true,
            ),
            // "04-Aug-2021"
            form(w, format!(r"(?P<d>[0-3]?\d)-{month}-{year}"), Some(d), true),
            form(w, format!(r"{month}\s+{day},?\s+{year}"), Some(d), true),
        ];
        // "/2023/06/17/" or "-2023-06-17": the second alternative's lookbehind
        // consumed, its date in a group of its own; the first alternative
        // starts with "/", which the second never does, so the two choose
        // among their matches as the lookbehind's pattern does.
        let url = Form::new(
            &format!(
                r"(?P<all>/(?P<y>(?:19|20)\d\d)/(?P<mn>[01]?\d)/(?P<d>[0-3]?\d)(?:/|\n?\Z))|{}(?P<all>(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)){}",
                behind(d),
                ahead(d)
            ),
            false,
        );
        Dates {
            forms,
            year_like: Form::new(r"(?:19|20)\d\d", false).re,
            url,
        }
    })
}

/// Whether `text` holds what every date form holds, a year's four digits
/// (a cheap first test: a text without one gives no date).
fn year_like(text: &str) -> bool {
    dates().year_like.is_match(text)
}

/// The first date in `text` that gives a year, as `YYYY-MM-DD`: of each
/// form's first match, the one that starts first (the first form's on a tie);
/// a form whose first match is no date (day 32) gives none.
///
/// ```
/// use _core::text::dates::parse_date;
/// assert_eq!(parse_date("Published June 17, 2023 | 03:10 AM").as_deref(), Some("2023-06-17"));
/// assert_eq!(parse_date("17 de junio de 2023").as_deref(), Some("2023-06-17"));
/// assert_eq!(parse_date("June 18"), None);
/// ```
pub fn parse_date(text: &str) -> Option<String> {
    if !year_like(text) {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    for form in &dates().forms {
        let Some((start, _, caps)) = form.find_at(text, 0) else {
            continue;
        };
        if best.as_ref().is_some_and(|(b, _)| *b <= start) {
            continue;
        }
        if let Some(date) = form.iso(&caps) {
            best = Some((start, date));
        }
    }
    best.map(|(_, date)| date)
}

/// Every date written out with day, month and year in `text`, as `YYYY-MM-DD`.
///
/// ```
/// use _core::text::dates::written_dates;
/// let found = written_dates("Posted 1 January 2024; updated 2024-01-03. © 2024");
/// assert_eq!(found.into_iter().collect::<Vec<_>>(), ["2024-01-01", "2024-01-03"]);
/// ```
pub fn written_dates(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for form in &dates().forms {
        for (_, _, caps) in form.each(text, 0) {
            if let Some(date) = form.iso(&caps) {
                found.insert(date);
            }
        }
    }
    found
}

/// Whether `text` writes out `date` (`YYYY-MM-DD`) with day, month and year,
/// as [`written_dates`] finds dates: only the text around each occurrence of
/// the year is searched (`AROUND_YEAR` characters before it, `AFTER_YEAR`
/// after it, the search ending there), so a page of HTML costs a fraction of
/// a millisecond.
///
/// ```
/// use _core::text::dates::writes_date;
/// assert!(writes_date("Posted 1 January 2024. © 2024", "2024-01-01"));
/// assert!(!writes_date("© 2024 | 2024-01-15", "2024-01-01"));
/// ```
pub fn writes_date(text: &str, date: &str) -> bool {
    let Some(year) = date.get(..4) else {
        return false;
    };
    if year.is_empty() {
        return false; // "".find("") is 0 at every step: Python loops forever there
    }
    let mut at = text.find(year);
    while let Some(a) = at {
        let start = back(text, a, AROUND_YEAR);
        let end = forward(text, a + year.len(), AFTER_YEAR);
        let window = &text[..end];
        for form in &dates().forms {
            for (s, e, caps) in form.each(window, start) {
                if s <= a && a < e && form.iso(&caps).as_deref() == Some(date) {
                    return true;
                }
            }
        }
        let next = a + text[a..].chars().next().map_or(1, char::len_utf8);
        at = text[next..].find(year).map(|k| k + next);
    }
    false
}

/// The byte `n` characters before byte `at` (or 0).
fn back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(k, _)| k)
}

/// The byte `n` characters after byte `at` (or the end).
fn forward(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(k, _)| at + k)
}

/// Days of the week and dates without a year ([`without_dates`]): built on
/// first use, as only the reading of whole pages' bylines needs it.
fn day_or_date() -> &'static Form {
    static FORM: OnceLock<Form> = OnceLock::new();
    FORM.get_or_init(|| {
        let by_length = |full: bool| {
            let mut names: Vec<&str> = WEEKDAYS
                .iter()
                .copied()
                .filter(|w| (w.chars().count() > 5 || w.ends_with("day")) == full)
                .collect();
            names.sort_by_key(|n| (std::cmp::Reverse(n.chars().count()), *n));
            names.join("|")
        };
        let day = r"(?:[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?";
        let month = format!(r"(?:{})\.?", month_pattern());
        let not_word = ahead(r"\w");
        // Each alternative's lookbehind `(?<!\w)` is the same: consumed once, before all.
        Form::new(
            &format!(
                r"{}(?:(?P<all>(?:{})){not_word}|(?P<all>(?:{})[.,])|(?P<all>{month}\s+{day}){not_word}|(?P<all>{day}\s+{month}){not_word})",
                behind(r"\w"),
                by_length(true),
                by_length(false),
            ),
            true,
        )
    })
}

/// `text` with its dates and the days of the week in it replaced by `sep`:
/// what is left of a byline that gives a date. Each date form replaces its
/// matches in turn, then days of the week and dates without a year.
///
/// ```
/// use _core::text::dates::without_dates;
/// assert_eq!(without_dates("By JANE DOE JAN. 13, 2017", " | "), "By JANE DOE  | ");
/// assert_eq!(
///     without_dates("Friday, November 14, 2025 by Jane Doe", " | "),
///     " | ,  |  by Jane Doe"
/// );
/// ```
pub fn without_dates(text: &str, sep: &str) -> String {
    let mut text = text.to_owned();
    if year_like(&text) {
        for form in &dates().forms {
            text = replace(form, &text, sep);
        }
    }
    replace(day_or_date(), &text, sep)
}

/// `text` with every match of `form` replaced by `sep` (Python's `sub`).
fn replace(form: &Form, text: &str, sep: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (s, e, _) in form.each(text, 0) {
        out.push_str(&text[last..s]);
        out.push_str(sep);
        last = e;
    }
    if last == 0 && out.is_empty() {
        return text.to_owned();
    }
    out.push_str(&text[last..]);
    out
}

/// The day a page's address gives (`/2023/06/17/`, `-2023-06-17`), as `YYYY-MM-DD`.
///
/// ```
/// use _core::text::dates::date_from_url;
/// assert_eq!(date_from_url("https://example.com/2023/06/17/blinken/").as_deref(), Some("2023-06-17"));
/// assert_eq!(date_from_url("https://example.com/news/blinken-2023-06-17.html").as_deref(), Some("2023-06-17"));
/// assert_eq!(date_from_url("https://example.com/2023/06/blinken"), None);
/// ```
pub fn date_from_url(url: &str) -> Option<String> {
    let url_form = &dates().url;
    let (_, _, caps) = url_form.find_at(url, 0)?;
    url_form.iso(&caps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_form() {
        for (text, date) in [
            ("Posted 2023-06-17 at noon", "2023-06-17"),
            ("2023/6/7", "2023-06-07"),
            ("17.06.2023", "2023-06-17"),
            ("12/19/2025", "2025-12-19"),
            ("12/01/2025", "2025-01-12"),
            ("2023.06.17", "2023-06-17"),
            ("2023年6月17日", "2023-06-17"),
            ("2023 년 6 월 17 일", "2023-06-17"),
            ("21st April 2024", "2024-04-21"),
            ("17. Juni 2023", "2023-06-17"),
            ("04-Aug-2021", "2021-08-04"),
            ("Dec. 13, 2025", "2025-12-13"),
            ("17 PAŹDZIERNIKA 2023", "2023-10-17"),
            ("٣ June 20٢٣", "2023-06-03"),
        ] {
            assert_eq!(parse_date(text).as_deref(), Some(date), "{text}");
        }
    }

    #[test]
    fn no_date_without_a_year_or_in_range() {
        for text in [
            "June 18",
            "32/13/2023",
            "12019-01-01",
            "2023-06-171",
            "1.17.06.2023",
            "",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn the_earliest_form_wins() {
        assert_eq!(
            parse_date("June 17, 2023 (2023-06-18)").as_deref(),
            Some("2023-06-17")
        );
        // a form's first match out of range gives nothing, the next form reads on
        assert_eq!(
            parse_date("40.01.2023 2023-01-02").as_deref(),
            Some("2023-01-02")
        );
    }

    #[test]
    fn month_with_a_dotted_capital_i_is_no_month() {
        // the pattern reads "APRİL" ignoring case, but its lower case is not a month's name
        assert_eq!(parse_date("1 APRİL 2024"), None);
    }

    #[test]
    fn dates_and_days_leave_a_byline() {
        assert_eq!(
            without_dates("Jane Doe | Monday, June 17 | 2023-06-17", " | "),
            "Jane Doe |  | ,  |  |  | "
        );
        assert_eq!(without_dates("Mon. and Tue, then", "#"), "# and # then");
    }

    #[test]
    fn writes_date_reads_around_the_year() {
        let page = format!("{}1 January 2019{}", " ".repeat(500), " ".repeat(500));
        assert!(writes_date(&page, "2019-01-01"));
        assert!(!writes_date(
            &page.replace("1 January", "11 January"),
            "2019-01-01"
        ));
        assert!(!writes_date("12019-01-01 and 2019-01-011", "2019-01-01"));
        assert!(writes_date("2019-01-01", "2019-01-01"));
    }

    #[test]
    fn url_dates() {
        assert_eq!(date_from_url("/2023/6/7").as_deref(), Some("2023-06-07"));
        assert_eq!(date_from_url("x12023-06-17"), None);
        assert_eq!(date_from_url("/2023/06/17x"), None);
    }

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(digit('٧'), 7);
        assert_eq!(digit('\u{1D7D8}'), 0); // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO
        assert_eq!(digit('\u{1D7E1}'), 9);
        assert_eq!(number("1٩"), 19);
    }
}
