//! Folding text for the literal prefilter: one key per character, such that
//! a character a pattern matches ignoring case always has the key of the
//! pattern's character.
//!
//! Patterns ignore case as Python's `regex` module does: Unicode's simple
//! case folding, plus `i` ~ `İ` and `I` ~ `ı` (the translation adds those to
//! the `regex` crate's folding, see `pattern`). The key of a character is one
//! chosen member of its simple case-folding class, with `İ` and `ı` joined to
//! the class of `i`. Folding is done char by char, so it never changes a
//! text's length in characters.

use std::sync::OnceLock;

use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

/// Characters whose key is not themselves, ordered by character.
fn table() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out = Vec::new();
        // Every character with a case mapping; cased scripts end before U+1F000.
        for c in (0u32..0x1F000).filter_map(char::from_u32) {
            if c.is_ascii() {
                continue;
            }
            let mapped =
                c.to_lowercase().ne(std::iter::once(c)) || c.to_uppercase().ne(std::iter::once(c));
            if !mapped {
                continue;
            }
            let key = orbit_key(c);
            if key != c {
                out.push((c, key));
            }
        }
        out
    })
}

/// The smallest member of `c`'s simple case-folding class, `İ` and `ı` with `i`.
fn orbit_key(c: char) -> char {
    if c == '\u{130}' || c == '\u{131}' {
        return 'I';
    }
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class.ranges().first().map_or(c, |r| r.start())
}

/// The fold key of one character.
///
/// ```
/// use _core::rules::fold::key;
/// assert_eq!(key('a'), key('A'));
/// assert_eq!(key('ſ'), key('s'));
/// assert_eq!(key('İ'), key('i'));
/// assert_ne!(key('ß'), key('s'));
/// ```
pub fn key(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let table = table();
    match table.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// Writes the fold keys of `text` into `out` (cleared first).
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_uppercase();
        return;
    }
    out.extend(text.chars().map(key));
}

/// The fold keys of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_join_case_variants() {
        assert_eq!(fold("Straße KELVIN"), fold("STRAẞE kelvin"));
        assert_eq!(key('\u{212a}'), key('k')); // Kelvin sign
        assert_eq!(key('ς'), key('Σ'));
        assert_eq!(key('ı'), key('I'));
        assert_ne!(key('é'), key('e'));
    }

    #[test]
    fn folding_keeps_the_length_in_characters() {
        let text = "İstanbul ΣΑΣ ß ǅ";
        assert_eq!(fold(text).chars().count(), text.chars().count());
    }
}
