//! What the scoring stage needs of Python's text semantics beyond
//! [`crate::pystr`]: the character classes of Python's `re` for patterns run by
//! the `regex` crate, `str.isdigit()`, and `str.lower()` into a reused buffer.
//!
//! The patterns of this stage were written for Python's `re`, whose `\w` is
//! `str.isalnum()` or `_`, whose `\s` is `str.isspace()` and whose `\b` stands
//! between those `\w` and the rest. The `regex` crate draws `\w` elsewhere: it
//! takes in combining marks, connector punctuation, the joiners U+200C/U+200D
//! and circled letters, and leaves out numbers such as `²`; its `\s` leaves out
//! U+001C..U+001F. [`python_view`] rewrites a text, one character for one, so
//! that the crate's `\w`, `\b`, `\s`, `\d` and `[^\W\d_]` see what Python's
//! would: a word character of Python's that is not one of the crate's becomes
//! `ǂ` (a letter to both), a word character of the crate's that is not one of
//! Python's becomes `¤` (a symbol to both), and U+001C..U+001F become spaces.
//! Neither stand-in occurs in a pattern of this stage, and code-point
//! positions do not move. Patterns whose literals are all ASCII run instead on
//! an [`ascii_view`], where the crate's fastest engines apply.

use crate::pystr;

/// Stand-in for a character that is `\w` to Python and not to the `regex` crate.
const PY_WORD: char = '\u{1c2}';
/// Stand-in for a character that is `\w` to the `regex` crate and not to Python.
const PY_NON_WORD: char = '\u{a4}';

/// What the view of one character is, `None` when it stays as it is.
#[inline]
fn stand_in(c: char) -> Option<char> {
    if c.is_ascii() {
        // ASCII letters, digits and `_` agree; of the spaces, only the information
        // separators differ.
        return ('\u{1c}'..='\u{1f}').contains(&c).then_some(' ');
    }
    // The common cases without a table: Latin letters, and the general
    // punctuation of news text (dashes, quotes, ellipsis, bullets).
    if ('\u{c0}'..='\u{24f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}'
        || ('\u{2010}'..='\u{203e}').contains(&c)
    {
        return None;
    }
    stand_in_by_tables(c)
}

/// [`stand_in`] of a non-ASCII character, by the Unicode tables.
fn stand_in_by_tables(c: char) -> Option<char> {
    let python = pystr::is_word(c);
    if python == regex_syntax::is_word_character(c) {
        return (pystr::is_space(c) && !c.is_whitespace()).then_some(' ');
    }
    Some(if python { PY_WORD } else { PY_NON_WORD })
}

/// `text` as Python's `re` classes would see it, for a pattern of the `regex`
/// crate (see the module's documentation); `buf` holds the view when it
/// differs from `text`.
///
/// ```
/// use _core::scoring::pytext::python_view;
/// let mut buf = String::new();
/// assert_eq!(python_view("plain text", &mut buf), "plain text");
/// // A combining accent is no word character to Python: "e\u{301}" ends a word.
/// assert_eq!(python_view("cafe\u{301}", &mut buf), "cafe\u{a4}");
/// assert_eq!(python_view("x²", &mut buf), "x\u{1c2}");
/// ```
pub fn python_view<'a>(text: &'a str, buf: &'a mut String) -> &'a str {
    let first = if text.is_ascii() {
        match text.bytes().position(|b| (0x1c..=0x1f).contains(&b)) {
            None => return text,
            Some(at) => at,
        }
    } else {
        match text.char_indices().find(|(_, c)| stand_in(*c).is_some()) {
            None => return text,
            Some((at, _)) => at,
        }
    };
    buf.clear();
    buf.push_str(&text[..first]);
    for c in text[first..].chars() {
        buf.push(stand_in(c).unwrap_or(c));
    }
    buf
}

/// Stand-ins of the non-ASCII characters in an [`ascii_view`].
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    /// For a space of Python's (`str.isspace()`).
    pub space: u8,
    /// For a decimal digit (Python's `\d`).
    pub digit: u8,
    /// For any other word character of Python's (`\w`: letters and numbers).
    pub word: u8,
    /// For anything else (marks, punctuation, symbols).
    pub other: u8,
}

/// `text` projected on ASCII, one character for one: ASCII characters stay,
/// the others become the stand-ins of `projection` by their class in Python's
/// `re`. A pattern whose literals are all ASCII, written with ASCII classes,
/// then matches the projection where Python's `re` matched the text, provided
/// that no stand-in completes one of its literals; it compiles to a small
/// automaton and runs on the fast engines of the `regex` crate (the Unicode
/// `\b` and large Unicode classes keep them off non-ASCII text).
///
/// ```
/// use _core::scoring::pytext::{ascii_view, Projection};
/// let p = Projection { space: b' ', digit: b'0', word: b'x', other: b'#' };
/// let mut buf = String::new();
/// assert_eq!(ascii_view("31.\u{a0}März ٢٠١٢", p, &mut buf), "31. Mxrz 0000");
/// assert_eq!(ascii_view("cafe\u{301}", p, &mut buf), "cafe#");
/// ```
pub fn ascii_view<'a>(text: &'a str, projection: Projection, buf: &'a mut String) -> &'a str {
    if text.is_ascii() {
        return text;
    }
    buf.clear();
    for c in text.chars() {
        let b = if c.is_ascii() {
            c as u8
        } else if pystr::is_space(c) {
            projection.space
        } else if pystr::is_decimal(c) {
            projection.digit
        } else if pystr::is_word(c) {
            projection.word
        } else {
            projection.other
        };
        buf.push(char::from(b));
    }
    buf
}

/// Python's `str.isdigit()` for one character: the decimal digits and the
/// other characters of numeric type Digit (superscripts, circled digits, ...).
///
/// ```
/// use _core::scoring::pytext::is_digit;
/// assert!(is_digit('7') && is_digit('²') && is_digit('①') && !is_digit('½'));
/// ```
pub fn is_digit(c: char) -> bool {
    pystr::is_decimal(c)
        || matches!(
            c,
            '\u{b2}'..='\u{b3}'
                | '\u{b9}'
                | '\u{1369}'..='\u{1371}'
                | '\u{19da}'
                | '\u{2070}'
                | '\u{2074}'..='\u{2079}'
                | '\u{2080}'..='\u{2089}'
                | '\u{2460}'..='\u{2468}'
                | '\u{2474}'..='\u{247c}'
                | '\u{2488}'..='\u{2490}'
                | '\u{24ea}'
                | '\u{24f5}'..='\u{24fd}'
                | '\u{24ff}'
                | '\u{2776}'..='\u{277e}'
                | '\u{2780}'..='\u{2788}'
                | '\u{278a}'..='\u{2792}'
                | '\u{10a40}'..='\u{10a43}'
                | '\u{10e60}'..='\u{10e68}'
                | '\u{11052}'..='\u{1105a}'
                | '\u{1f100}'..='\u{1f10a}'
        )
}

/// Python's `str.lower()` of `text` into `buf` (cleared first): the same as
/// [`pystr::lower`], without a new string for each block.
pub fn lower_into(text: &str, buf: &mut String) {
    buf.clear();
    lower_append(text, buf);
}

/// Python's `str.lower()` of `text`, appended to `buf`.
pub fn lower_append(text: &str, buf: &mut String) {
    if text.is_ascii() {
        let start = buf.len();
        buf.push_str(text);
        buf[start..].make_ascii_lowercase();
    } else if text.contains('\u{3a3}') {
        // A capital sigma lowers by its context (final or not): the whole-string
        // conversion knows it.
        buf.push_str(&pystr::lower(text));
    } else {
        for c in text.chars() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
}

/// `text` with the information separators U+001C..U+001F, spaces to Python
/// and not to the `regex` crate, made spaces: enough for a pattern whose only
/// class is `\s`.
pub fn space_view<'a>(text: &'a str, buf: &'a mut String) -> &'a str {
    if !text.bytes().any(|b| (0x1c..=0x1f).contains(&b)) {
        return text;
    }
    buf.clear();
    buf.extend(text.chars().map(|c| {
        if ('\u{1c}'..='\u{1f}').contains(&c) {
            ' '
        } else {
            c
        }
    }));
    buf
}

/// The matches of Python's `\w+` in `text`: runs of `str.isalnum()` characters
/// and `_`.
///
/// ```
/// use _core::scoring::pytext::word_tokens;
/// assert_eq!(word_tokens("it's a_b, x²!").collect::<Vec<_>>(), ["it", "s", "a_b", "x²"]);
/// ```
pub fn word_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !pystr::is_word(c))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn view_makes_the_crate_classes_pythons() {
        let mut buf = String::new();
        let word_end = Regex::new(r"cafe\b").unwrap();
        // In Python, re.search(r"cafe\b", "cafe\u0301") matches: U+0301 is no \w.
        assert!(!word_end.is_match("cafe\u{301}"));
        assert!(word_end.is_match(python_view("cafe\u{301}", &mut buf)));
        // Python's \w takes in "²": re.search(r"x\b", "x²") does not match.
        let x = Regex::new(r"x\b").unwrap();
        assert!(x.is_match("x²"));
        assert!(!x.is_match(python_view("x²", &mut buf)));
        // A vowel sign is no letter to Python: [^\W\d_]{3} does not match "मार".
        let letters = Regex::new(r"[^\W\d_]{3}").unwrap();
        assert!(letters.is_match("मार"));
        assert!(!letters.is_match(python_view("मार", &mut buf)));
        // U+001F is a space to Python.
        let spaced = Regex::new(r"a\sb").unwrap();
        assert!(spaced.is_match(python_view("a\u{1f}b", &mut buf)));
        // The joiners are \w to the crate only.
        assert_eq!(python_view("a\u{200c}b", &mut buf), "a\u{a4}b");
        assert_eq!(python_view("a\u{200c}b", &mut buf).chars().count(), 3);
    }

    #[test]
    fn ascii_view_keeps_pythons_classes() {
        let p = Projection {
            space: b' ',
            digit: b'0',
            word: b'_',
            other: b'#',
        };
        let mut buf = String::new();
        // ² is a word character to Python, U+0301 is none, U+3000 is a space.
        assert_eq!(ascii_view("x²\u{301}\u{3000}é_", p, &mut buf), "x_# __");
        let view = ascii_view("«Ünïcode»", p, &mut buf);
        assert!(view.is_ascii() && view.len() == "«Ünïcode»".chars().count());
    }

    #[test]
    fn stand_ins_without_tables_are_those_of_the_tables() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(stand_in(c), stand_in_by_tables(c), "{c:?}");
        }
    }

    #[test]
    fn space_view_makes_separators_spaces() {
        let mut buf = String::new();
        assert_eq!(space_view("a | b", &mut buf), "a | b");
        assert_eq!(space_view("a\u{1c}|\u{1f}b", &mut buf), "a | b");
    }

    #[test]
    fn lower_into_is_pystr_lower() {
        let mut buf = String::new();
        for text in [
            "ABC",
            "İSTANBUL",
            "ΟΔΟΣ ΣΑΣ",
            "Straße",
            "ǅ",
            "ÀÉÎ",
            "Ünïcode ‘Quote’ KELVIN",
        ] {
            lower_into(text, &mut buf);
            assert_eq!(buf, pystr::lower(text), "{text}");
        }
        buf.clear();
        lower_append("AB", &mut buf);
        lower_append("ÇD", &mut buf);
        assert_eq!(buf, "abçd");
    }

    #[test]
    fn tokens_are_pythons_word_runs() {
        // Python: re.findall(r"\w+", "है") == ["ह"] (the vowel sign is no \w).
        assert_eq!(word_tokens("है").collect::<Vec<_>>(), ["ह"]);
        assert_eq!(word_tokens("").count(), 0);
    }
}
