//! Python's `str` semantics, where the pipeline's results depend on them.
//!
//! Rule files, fitted weights and tests were written against Python's
//! definitions of a space (`str.split()`), of a letter or digit (`str.isalnum()`,
//! the `\w` of Python's `re`) and of a capitalised word. Rust's standard
//! library draws some of those lines elsewhere (`char::is_whitespace` leaves out
//! the information separators U+001C..U+001F; `char::is_alphabetic` takes in
//! combining vowel signs), so the core uses these functions wherever a count or
//! a verdict would change.

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Python's `str.isspace()` for one character: what `str.split()` splits on.
///
/// ```
/// use _core::pystr::is_space;
/// assert!(is_space('\u{1c}') && is_space('\u{a0}') && !is_space('\u{200b}'));
/// ```
pub fn is_space(c: char) -> bool {
    // Python's str counts the information separators U+001C..U+001F as space;
    // the regex module's `\s` does not.
    is_re_space(c) || matches!(c, '\u{1c}'..='\u{1f}')
}

/// The words of `text` as Python's `str.split()` gives them.
///
/// ```
/// use _core::pystr::words;
/// assert_eq!(words(" a\u{1c}b  c ").collect::<Vec<_>>(), ["a", "b", "c"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_space).filter(|w| !w.is_empty())
}

/// How [`word_count`] reads a byte: 0 a byte of a character that is no
/// space, 1 an ASCII space, 2 the lead byte of a character that may be one
/// (0xC2: U+0085, U+00A0; 0xE1..0xE3: U+1680, U+2000.., U+3000).
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' | 0x1c..=0x1f => 1,
            0xc2 | 0xe1..=0xe3 => 2,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// `len(text.split())`, read byte by byte: an ASCII byte is space or not by
/// itself, and only characters led by 0xC2 or 0xE1..0xE3 can be space
/// beyond ASCII (the bytes of other characters count as letters).
///
/// ```
/// use _core::pystr::word_count;
/// assert_eq!(word_count(" a\u{1c}b\u{a0}\u{a0}c\u{3000}日本 "), 4);
/// ```
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let class = BYTE_CLASS[usize::from(bytes[i])];
        let space = if class == 2 {
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            is_space(c)
        } else {
            i += 1;
            class == 1
        };
        // branch-free: a word starts where a non-space follows a space
        count += usize::from(!space & !in_word);
        in_word = !space;
    }
    count
}

/// Python's `str.isalpha()` for one character: general category L*.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
    )
}

/// Python's `str.isnumeric()` for one character, as far as general categories
/// tell it: Nd, Nl and No (Python also counts a few CJK ideographs with a
/// numeric value, such as 一 and 万, which are letters here as well).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    matches!(
        get_general_category(c),
        G::DecimalNumber | G::LetterNumber | G::OtherNumber
    )
}

/// Python's `str.isdecimal()` for one character: general category Nd.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    get_general_category(c) == G::DecimalNumber
}

/// Python's `str.isalnum()` for one character.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// A character of `\w` in Python's `re` on `str`: a letter, a digit or `_`.
pub fn is_word(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// Python's `str.isupper()` for one character (a title-case letter is not).
pub fn is_upper_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    c.is_uppercase()
}

/// Python's `str.islower()` for one character: Unicode's Lowercase property.
///
/// Rust's tables follow a later Unicode version than Python 3.11's (14.0);
/// the characters of Unicode 14 that became lower case since are left out,
/// as Python sees them. (Characters assigned after Unicode 14 are unassigned
/// to Python, and not lower case to it.)
///
/// ```
/// use _core::pystr::is_lower_char;
/// assert!(is_lower_char('a') && is_lower_char('\u{345}') && is_lower_char('ⅰ'));
/// assert!(!is_lower_char('ǅ') && !is_lower_char('ʕ') && !is_lower_char('1'));
/// ```
pub fn is_lower_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    c.is_lowercase()
        && !matches!(
            c,
            '\u{295}' | '\u{10fc}' | '\u{a7f2}'..='\u{a7f4}' | '\u{ab69}'
        )
}

/// Python's `str.isupper()`: some cased character, and none of them lower case.
///
/// ```
/// use _core::pystr::is_upper;
/// assert!(is_upper("NASA") && is_upper("U.S.") && !is_upper("Nasa") && !is_upper("2024"));
/// ```
pub fn is_upper(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if c.is_lowercase() || get_general_category(c) == G::TitlecaseLetter {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        }
    }
    cased
}

/// Python's `str.lower()`.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// Offsets of a text counted in code points (Python's `str` indices) from
/// offsets in its UTF-8 bytes, for results that cross back into Python.
#[derive(Debug, Clone)]
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    /// Byte offset and char offset of the last lookup: lookups in ascending
    /// order cost one pass over the text in all.
    last: (usize, usize),
}

impl<'a> CharOffsets<'a> {
    /// Offsets into `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            ascii: text.is_ascii(),
            last: (0, 0),
        }
    }

    /// The code-point index of byte offset `byte` (a char boundary of the text).
    pub fn char_index(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let (mut b, mut c) = self.last;
        if byte < b {
            b = 0;
            c = 0;
        }
        c += self.text[b..byte].chars().count();
        self.last = (byte, c);
        c
    }
}

/// Python's `str.strip()` with no argument: `text` without the characters
/// of [`is_space`] at either end.
///
/// ```
/// use _core::pystr::strip;
/// assert_eq!(strip("\u{1f} a b\u{a0}\n"), "a b");
/// ```
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// The `\s` of the `regex` module on `str`: Unicode's White_Space property.
///
/// Narrower than [`is_space`]: the information separators U+001C..U+001F are
/// not white space to `regex` (they are to `str.isspace()` and to `re`).
///
/// ```
/// use _core::pystr::{is_re_space, is_space};
/// assert!(is_re_space('\u{a0}') && !is_re_space('\u{1c}') && is_space('\u{1c}'));
/// ```
pub fn is_re_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

mod casefold;

/// What one character becomes in Python's `str.casefold()`: one to three
/// characters (full case folding: `ß` becomes `ss`, `ŉ` becomes `ʼn`).
#[derive(Debug, Clone)]
pub enum CaseFolded {
    /// A character that folds to one character (itself included).
    One(Option<char>),
    /// A character that folds to several.
    Many(std::str::Chars<'static>),
}

impl Iterator for CaseFolded {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            CaseFolded::One(c) => c.take(),
            CaseFolded::Many(chars) => chars.next(),
        }
    }
}

/// Python's `str.casefold()` for one character (case folding has no context).
///
/// ```
/// use _core::pystr::casefold_char;
/// assert_eq!(casefold_char('ß').collect::<String>(), "ss");
/// assert_eq!(casefold_char('Σ').collect::<String>(), "σ");
/// assert_eq!(casefold_char('A').collect::<String>(), "a");
/// ```
pub fn casefold_char(c: char) -> CaseFolded {
    if c.is_ascii() {
        return CaseFolded::One(Some(c.to_ascii_lowercase()));
    }
    match casefold::CASEFOLD.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => {
            let to = casefold::CASEFOLD[i].1;
            let mut chars = to.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) => CaseFolded::One(Some(one)),
                _ => CaseFolded::Many(to.chars()),
            }
        }
        Err(_) => CaseFolded::One(Some(c)),
    }
}

/// Python's `str.casefold()`.
///
/// ```
/// use _core::pystr::casefold;
/// assert_eq!(casefold("Straße ΣΑΣ"), "strasse σασ");
/// ```
pub fn casefold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().flat_map(casefold_char).collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn word_count_counts_as_split_does() {
        let alphabet = [
            'a',
            'é',
            '語',
            ' ',
            '\t',
            '\n',
            '\u{b}',
            '\u{1c}',
            '\u{1f}',
            '\u{85}',
            '\u{a0}',
            '\u{1680}',
            '\u{2000}',
            '\u{200a}',
            '\u{200b}',
            '\u{2028}',
            '\u{202f}',
            '\u{205f}',
            '\u{3000}',
            '\u{e000}',
            '\u{1f600}',
            '\u{c2}',
            '\u{e2}',
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let text: String = (0..seed % 20)
                .map(|k| alphabet[((seed >> (3 * k % 45)) as usize + k as usize) % alphabet.len()])
                .collect();
            assert_eq!(word_count(&text), words(&text).count(), "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn casefold_folds_small_cherokee_and_long_s() {
        assert_eq!(casefold("ꭰ"), "Ꭰ");
        assert_eq!(casefold("ſ"), "s");
    }

    #[test]
    fn spaces_are_pythons() {
        for c in ['\u{1c}', '\u{1f}', '\u{85}', '\u{2028}', '\u{3000}', ' '] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', 'a', '\u{180e}'] {
            assert!(!is_space(c), "{c:?}");
        }
    }

    #[test]
    fn letters_and_digits_are_pythons() {
        assert!(is_alnum('é') && is_alnum('ß') && is_alnum('²') && is_alnum('Ⅻ'));
        // A combining vowel sign is alphabetic to Rust, not to Python.
        assert!('\u{93e}'.is_alphabetic() && !is_alnum('\u{93e}'));
        assert!(is_word('_') && !is_word('-'));
        assert!(is_decimal('٣') && !is_decimal('²'));
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "aé€😀b";
        let mut offsets = CharOffsets::new(text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (i, b) in bytes.iter().enumerate() {
            assert_eq!(offsets.char_index(*b), i);
        }
        assert_eq!(offsets.char_index(text.len()), 5);
        assert_eq!(offsets.char_index(1), 1);
    }

    #[test]
    fn casefold_is_pythons() {
        // Values of Python 3.11's str.casefold().
        assert_eq!(casefold("ẞ ß ﬁ İ"), "ss ss fi i\u{307}");
        assert_eq!(casefold("ΌΣΟΣ ς"), "όσοσ σ");
        assert_eq!(casefold("ᏸ Ꭰ µ"), "Ᏸ Ꭰ μ");
        assert_eq!(casefold("ǅ"), "ǆ");
        assert!(casefold::CASEFOLD.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn strip_and_regex_space() {
        assert_eq!(strip("\u{3000}x\u{1c}"), "x");
        assert_eq!(strip(" \t "), "");
        assert!(!is_re_space('\u{1f}') && is_re_space('\u{2029}') && !is_re_space('\u{180e}'));
    }
}
