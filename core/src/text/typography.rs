//! Typography: which fixes a text needs, and the fixes of one line.
//!
//! Each fix runs only where a cheap test says it can change something. ftfy
//! (mojibake, HTML entities, control characters) stays in Python: this module
//! only says which lines hold one of its signatures — an HTML entity, a C0/C1
//! control character or U+FFFD, or a character that a UTF-8 lead byte becomes
//! in Windows-1252, Latin-1 or Windows-1251 followed by one that a
//! continuation byte becomes ("Ã©", "â€™", "Ð¿", "Ñ€") — and finishes those
//! lines after ftfy. Every other line is fixed here: odd spaces become spaces
//! and invisible characters go, runs of spaces collapse, „low-9 pairs” become
//! “curly pairs” in languages that do not use them, and the line is stripped.

use std::borrow::Cow;

use crate::pystr::{is_decimal, is_re_space, strip};
use crate::text::blocks::is_line_break;

/// What a continuation byte 0x80..0xBF becomes in Windows-1252 (Latin-1 for
/// the bytes Windows-1252 leaves undefined is in [`is_latin_cont`]).
const CP1252_CONT: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿";
/// What a continuation byte 0x80..0xBF becomes in Windows-1251.
const CP1251_CONT: &str =
    "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї°±Ііґµ¶·ё№є»јЅѕї";

/// The fixes a configuration turns on (`cleaner.Config`'s switches).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switches {
    /// Lines with mojibake signatures go to ftfy.
    pub fix_mojibake: bool,
    /// Odd spaces become spaces, invisible characters go.
    pub fix_spaces: bool,
    /// Runs of spaces become one.
    pub collapse_spaces: bool,
    /// „Low-9 pairs” become “curly pairs” outside the low-9 languages.
    pub fix_low9_quotes: bool,
}

/// The data of the stage (the `[typography]` tables of the rule files).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Languages that open quotes with „.
    pub low9_languages: Vec<String>,
    /// Characters that become a plain space (a tab always does).
    pub spaces: String,
    /// Characters that are deleted.
    pub removed: String,
}

/// Which fixes can change anything in one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Plan {
    /// Lines with a mojibake signature go to ftfy.
    pub mojibake: bool,
    /// The text holds odd spaces or invisible characters.
    pub odd: bool,
    /// Runs of spaces collapse.
    pub spaces: bool,
    /// The text holds „ and its language does not open quotes with it.
    pub quotes: bool,
}

impl Plan {
    /// The plan as four bits, to cross into Python and back.
    pub fn to_bits(self) -> u8 {
        u8::from(self.mojibake)
            | u8::from(self.odd) << 1
            | u8::from(self.spaces) << 2
            | u8::from(self.quotes) << 3
    }

    /// The plan of [`Plan::to_bits`].
    pub fn from_bits(bits: u8) -> Plan {
        Plan {
            mojibake: bits & 1 != 0,
            odd: bits & 2 != 0,
            spaces: bits & 4 != 0,
            quotes: bits & 8 != 0,
        }
    }
}

/// A line after [`Typography::fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fixed<'a> {
    /// The fixed line (borrowed when nothing changed but its ends).
    Text(Cow<'a, str>),
    /// The line needs ftfy first, then [`Typography::finish`].
    Ftfy,
}

/// The typography stage, configured once and applied to many texts.
#[derive(Debug, Clone)]
pub struct Typography {
    switches: Switches,
    low9_languages: Vec<String>,
    /// Odd characters: `(character, replacement)`, `None` deletes; sorted.
    table: Vec<(char, Option<char>)>,
    /// The ASCII characters of `table`, as bits: most characters of most
    /// texts are ASCII and none of the table's.
    ascii_odd: u128,
    latin_cont: Vec<char>,
    cyrillic_cont: Vec<char>,
}

impl Typography {
    /// The stage for these switches and settings.
    pub fn new(switches: Switches, settings: &Settings) -> Self {
        let mut table: Vec<(char, Option<char>)> = Vec::new();
        if switches.fix_spaces {
            // As Python's dict updates: the removed characters come last and win.
            let spaces = settings
                .spaces
                .chars()
                .chain(['\t'])
                .map(|c| (c, Some(' ')));
            for (c, to) in spaces.chain(settings.removed.chars().map(|c| (c, None))) {
                table.retain(|&(k, _)| k != c);
                table.push((c, to));
            }
            table.sort_unstable_by_key(|&(c, _)| c);
        }
        let sorted = |s: &str| {
            let mut v: Vec<char> = s.chars().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let ascii_odd = table
            .iter()
            .filter(|(c, _)| c.is_ascii())
            .fold(0u128, |bits, &(c, _)| bits | 1 << u32::from(c));
        Self {
            switches,
            low9_languages: settings.low9_languages.clone(),
            table,
            ascii_odd,
            latin_cont: sorted(CP1252_CONT),
            cyrillic_cont: sorted(CP1251_CONT),
        }
    }

    /// The switches of this stage.
    pub fn switches(&self) -> Switches {
        self.switches
    }

    #[inline]
    fn odd(&self, c: char) -> Option<Option<char>> {
        if c.is_ascii() && self.ascii_odd & (1 << u32::from(c)) == 0 {
            return None;
        }
        self.table
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .map(|i| self.table[i].1)
    }

    fn has_odd(&self, text: &str) -> bool {
        !self.table.is_empty() && text.chars().any(|c| self.odd(c).is_some())
    }

    /// Which fixes can change anything in `text`, whose language is `language`.
    ///
    /// ```
    /// use _core::text::typography::{Settings, Switches, Typography};
    /// let on = Switches { fix_mojibake: true, fix_spaces: true, collapse_spaces: true, fix_low9_quotes: true };
    /// let settings = Settings { spaces: "\u{a0}".into(), ..Settings::default() };
    /// let plan = Typography::new(on, &settings).plan("a\u{a0}„b”", Some("en"));
    /// assert!(plan.odd && plan.quotes);
    /// ```
    pub fn plan(&self, text: &str, language: Option<&str>) -> Plan {
        let ascii = text.is_ascii();
        Plan {
            // A line with a signature is part of the text: the lines decide.
            mojibake: self.switches.fix_mojibake,
            odd: !self.table.is_empty()
                && if ascii {
                    text.contains('\t')
                } else {
                    self.has_odd(text)
                },
            spaces: self.switches.collapse_spaces,
            quotes: self.switches.fix_low9_quotes
                && !ascii
                && language.is_some_and(|l| !self.low9_languages.iter().any(|x| x == l))
                && text.contains('„'),
        }
    }

    /// Whether ftfy may change `line`: an HTML entity, a control character,
    /// U+FFFD or a mojibake pair.
    pub fn needs_ftfy(&self, line: &str) -> bool {
        has_entity_or_control(line) || (!line.is_ascii() && self.has_mojibake_pair(line))
    }

    fn has_mojibake_pair(&self, line: &str) -> bool {
        // The first character of a pair is U+00C2..U+00F4 (bytes C3 82..C3 B4)
        // or U+0412..U+0444 (D0 92..D1 84): a line without those lead bytes
        // holds none.
        if !line.bytes().any(|b| matches!(b, 0xc3 | 0xd0 | 0xd1)) {
            return false;
        }
        let mut previous = '\0';
        for c in line.chars() {
            let pair = match previous {
                '\u{c2}'..='\u{f4}' => {
                    ('\u{80}'..='\u{bf}').contains(&c)
                        || self.latin_cont.binary_search(&c).is_ok()
                        || (c == ' ' && matches!(previous, 'Â' | 'Ã'))
                }
                '\u{412}'..='\u{444}' => self.cyrillic_cont.binary_search(&c).is_ok(),
                _ => false,
            };
            if pair {
                return true;
            }
            previous = c;
        }
        false
    }

    /// Fix one line (a block, no line breaks inside) as `plan` says.
    pub fn fix<'a>(&self, line: &'a str, plan: Plan) -> Fixed<'a> {
        if plan.mojibake && self.needs_ftfy(line) {
            return Fixed::Ftfy;
        }
        Fixed::Text(self.rest(Cow::Borrowed(line), plan.odd, plan))
    }

    /// Finish a line that ftfy fixed: line breaks that entities decoded to
    /// become spaces, then the other fixes of `plan`, and odd spaces that
    /// entities decoded to (`&nbsp;`) even when the text had none.
    pub fn finish(&self, line: &str, plan: Plan) -> String {
        let mut out = String::with_capacity(line.len());
        let mut in_break = false;
        for c in line.chars() {
            if is_line_break(c) {
                if !in_break {
                    out.push(' ');
                }
                in_break = true;
            } else {
                in_break = false;
                out.push(c);
            }
        }
        let odd = plan.odd || self.has_odd(&out);
        self.rest(Cow::Owned(out), odd, plan).into_owned()
    }

    /// Odd spaces, collapsed spaces, quotes, then strip.
    fn rest<'a>(&self, line: Cow<'a, str>, odd: bool, plan: Plan) -> Cow<'a, str> {
        let mut line = line;
        if odd && self.has_odd(&line) {
            line = Cow::Owned(
                line.chars()
                    .filter_map(|c| self.odd(c).unwrap_or(Some(c)))
                    .collect(),
            );
        }
        if plan.spaces && line.contains("  ") {
            line = Cow::Owned(collapse_spaces(&line));
        }
        if plan.quotes && line.contains('„') {
            if let Some(fixed) = low9_pairs(&line) {
                line = Cow::Owned(fixed);
            }
        }
        match line {
            Cow::Borrowed(s) => Cow::Borrowed(visible(strip(s))),
            Cow::Owned(s) => {
                let stripped = visible(strip(&s));
                if stripped.len() == s.len() {
                    Cow::Owned(s)
                } else {
                    Cow::Owned(stripped.to_owned())
                }
            }
        }
    }
}

/// `line`, or nothing when it holds only invisible format characters: a
/// joiner alone on a line ("\u{200d}", as site builders write an empty
/// paragraph) is a blank line, not a block.
fn visible(line: &str) -> &str {
    if !line.is_empty() && !line.is_ascii() && line.chars().all(is_invisible) {
        ""
    } else {
        line
    }
}

/// A format character that shows nothing: soft hyphen, zero-width space,
/// joiners and direction marks, bidirectional embeddings and isolates, word
/// joiner and invisible operators, byte-order mark, Mongolian vowel separator.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
    )
}

/// `&#digits;` (1-7 decimal digits), `&#xhex;` (1-6), `&name;` (2-8 ASCII
/// letters), a C0 control character but the white-space ones, DEL, a C1
/// control character or U+FFFD.
fn has_entity_or_control(line: &str) -> bool {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            0x00..=0x08 | 0x0e..=0x1f | 0x7f => return true,
            b'&' if is_entity(&line[i + 1..]) => return true,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return true,
            0xef if bytes.get(i + 1..i + 3) == Some(&[0xbf, 0xbd]) => return true,
            _ => {}
        }
    }
    false
}

/// Whether `rest` (the text after an `&`) completes an entity.
fn is_entity(rest: &str) -> bool {
    /// A run of 1..=max characters of `class` at the start of `s`, then `;`.
    fn run(s: &str, class: impl Fn(char) -> bool, min: usize, max: usize) -> bool {
        let mut n = 0;
        for c in s.chars() {
            if n <= max && class(c) {
                n += 1;
                continue;
            }
            return c == ';' && (min..=max).contains(&n);
        }
        false
    }
    if let Some(number) = rest.strip_prefix('#') {
        run(number, is_decimal, 1, 7)
            || number
                .strip_prefix('x')
                .is_some_and(|hex| run(hex, |c| c.is_ascii_hexdigit(), 1, 6))
    } else {
        run(rest, |c| c.is_ascii_alphabetic(), 2, 8)
    }
}

/// Runs of two spaces or more become one.
fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut previous_space = false;
    for c in line.chars() {
        if c == ' ' && previous_space {
            continue;
        }
        previous_space = c == ' ';
        out.push(c);
    }
    out
}

/// `„…”` and `„…“` on one line become `“…”`: the opening quote followed by
/// something other than white space, then at most 600 characters without
/// quotes or a newline, then the closing quote. `None` when nothing matched.
fn low9_pairs(line: &str) -> Option<String> {
    const MAX_INSIDE: usize = 600;
    let mut out = String::new();
    let mut copied = 0; // bytes of `line` already in `out`
    let mut from = 0;
    while let Some(i) = line[from..].find('„') {
        let open = from + i;
        let inside = open + '„'.len_utf8();
        from = inside;
        match line[inside..].chars().next() {
            Some(c) if !is_re_space(c) => {}
            _ => continue,
        }
        let mut close = None;
        for (n, (j, c)) in line[inside..].char_indices().enumerate() {
            if c == '”' || c == '“' {
                close = Some((inside + j, c));
                break;
            }
            if c == '„' || c == '\n' || n == MAX_INSIDE {
                break;
            }
        }
        if let Some((at, quote)) = close {
            out.push_str(&line[copied..open]);
            out.push('“');
            out.push_str(&line[inside..at]);
            out.push('”');
            copied = at + quote.len_utf8();
            from = copied;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&line[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: Switches = Switches {
        fix_mojibake: true,
        fix_spaces: true,
        collapse_spaces: true,
        fix_low9_quotes: true,
    };

    fn settings() -> Settings {
        // rules/typography.toml
        Settings {
            low9_languages: ["de", "pl", "ru"].map(String::from).to_vec(),
            spaces: "\u{a0}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200a}\u{202f}\u{205f}\u{3000}".into(),
            removed: "\u{200b}\u{2060}\u{feff}\u{ad}".into(),
        }
    }

    fn fix_with(switches: Switches, line: &str, language: Option<&str>) -> Option<String> {
        let t = Typography::new(switches, &settings());
        match t.fix(line, t.plan(line, language)) {
            Fixed::Text(text) => Some(text.into_owned()),
            Fixed::Ftfy => None,
        }
    }

    fn fix(line: &str) -> Option<String> {
        fix_with(ON, line, Some("en"))
    }

    #[test]
    fn mojibake_entities_and_controls_go_to_ftfy() {
        for line in [
            "The minister\u{e2}\u{20ac}\u{2122}s visit",
            "caf\u{c3}\u{a9}",
            "\u{d0}\u{bf}\u{d1}\u{80}\u{d0}\u{b8}",
            "\u{420}\u{459}\u{421}\u{453}",
            "Fish &amp; chips",
            "&#8217; &#x2019;",
            "bell\u{7}",
            "nel\u{85}x",
            "lost \u{fffd} char",
            "a\u{c2} b",
        ] {
            assert_eq!(fix(line), None, "{line:?}");
        }
        for line in [
            "Curly “quotes” and café are fine",
            "R&D; &a; &abcdefghi; &#12345678; &#x;",
            "Ж ж ф",
        ] {
            assert!(fix(line).is_some(), "{line:?}");
        }
        let off = Switches {
            fix_mojibake: false,
            ..ON
        };
        assert_eq!(
            fix_with(off, "Fish &amp; chips", None).as_deref(),
            Some("Fish &amp; chips")
        );
    }

    #[test]
    fn odd_spaces_collapse_and_strip() {
        assert_eq!(fix("a\u{a0}b\u{202f}c").as_deref(), Some("a b c"));
        assert_eq!(
            fix("zero\u{200b}width soft\u{ad}hyphen").as_deref(),
            Some("zerowidth softhyphen")
        );
        assert_eq!(
            fix("two  spaces   here").as_deref(),
            Some("two spaces here")
        );
        assert_eq!(fix("\u{a0}\u{a0}edge\u{3000}").as_deref(), Some("edge"));
        assert_eq!(fix("tab\there").as_deref(), Some("tab here"));
        assert_eq!(fix("\u{200b}").as_deref(), Some(""));
        // a joiner or a direction mark alone is an empty line; beside text it stays
        assert_eq!(fix("\u{200d}").as_deref(), Some(""));
        assert_eq!(fix(" \u{200e}\u{200d} ").as_deref(), Some(""));
        assert_eq!(fix("👩\u{200d}💻").as_deref(), Some("👩\u{200d}💻"));
        // Python's strip() takes the information separators that split() kept.
        assert_eq!(fix("a\u{1c}").as_deref(), None); // a control character: ftfy
        let off = Switches {
            fix_mojibake: false,
            ..ON
        };
        assert_eq!(fix_with(off, "a\u{1c}", None).as_deref(), Some("a"));
    }

    #[test]
    fn each_fix_can_be_switched_off() {
        let no_spaces = Switches {
            fix_spaces: false,
            ..ON
        };
        assert_eq!(
            fix_with(no_spaces, "a\u{a0}b", Some("en")).as_deref(),
            Some("a\u{a0}b")
        );
        let no_collapse = Switches {
            collapse_spaces: false,
            ..ON
        };
        assert_eq!(
            fix_with(no_collapse, "a  b", Some("en")).as_deref(),
            Some("a  b")
        );
        let no_quotes = Switches {
            fix_low9_quotes: false,
            ..ON
        };
        assert_eq!(
            fix_with(no_quotes, "„Hi,” he said", Some("en")).as_deref(),
            Some("„Hi,” he said")
        );
    }

    #[test]
    fn low9_pairs_become_curly_outside_low9_languages() {
        assert_eq!(
            fix("„We are ready,” he said.").as_deref(),
            Some("“We are ready,” he said.")
        );
        assert_eq!(
            fix("„a“ and „b” „ c” „„d”").as_deref(),
            Some("“a” and “b” „ c” „“d”")
        );
        assert_eq!(
            fix_with(ON, "„Tak”, powiedział.", Some("pl")).as_deref(),
            Some("„Tak”, powiedział.")
        );
        assert_eq!(
            fix_with(ON, "„Tak”, powiedział.", None).as_deref(),
            Some("„Tak”, powiedział.")
        );
        let long = format!("„{}”", "x".repeat(600));
        assert_eq!(fix(&long), Some(format!("“{}”", "x".repeat(600))));
        let too_long = format!("„{}”", "x".repeat(601));
        assert_eq!(fix(&too_long), Some(too_long.clone()));
    }

    #[test]
    fn finish_after_ftfy() {
        let t = Typography::new(ON, &settings());
        let plan = t.plan("Fish &amp;&nbsp;chips", Some("en"));
        assert!(!plan.odd);
        // ftfy gave "Fish &\u{a0}chips": the no-break space is fixed all the same.
        assert_eq!(t.finish("Fish &\u{a0}chips", plan), "Fish & chips");
        assert_eq!(t.finish("one\u{2028}\ntwo ", plan), "one two");
        assert_eq!(Plan::from_bits(plan.to_bits()), plan);
    }

    #[test]
    fn ascii_text_checks_only_tabs_for_odd_characters() {
        // As the Python stage: an ASCII character among the odd ones is only
        // replaced in a text that also holds a tab.
        let settings = Settings {
            spaces: "_".into(),
            ..Settings::default()
        };
        let t = Typography::new(ON, &settings);
        assert!(!t.plan("a_b", None).odd);
        assert!(t.plan("a_b\tc", None).odd);
        assert_eq!(
            t.fix("a_b", t.plan("a_b\tc", None)),
            Fixed::Text(Cow::Owned("a b".into()))
        );
    }
}
