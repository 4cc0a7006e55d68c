//! Blocks: the text's non-empty lines, trimmed, with their offsets.
//!
//! A block is what the pattern `[^\s](?:[^B]*[^\s])?` of Python's `regex`
//! module finds, where `B` is the set of line breaks of `str.splitlines()` and
//! `\s` is `regex`'s white space ([`is_re_space`]). Because `regex` does not
//! count the information separators U+001C..U+001E as white space, one of them
//! can start a block or end one although it breaks lines; this module keeps
//! that quirk so that offsets stay those of the Python pipeline.

use crate::pystr::is_re_space;

/// A line break of `str.splitlines()`: no block runs across one.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The byte spans `(start, end)` of the blocks of `text`, in order, into `out`
/// (cleared first).
///
/// ```
/// use _core::text::blocks::split;
/// let mut spans = Vec::new();
/// split("a b\n\n  c \r\nd", &mut spans);
/// assert_eq!(spans, [(0, 3), (7, 8), (11, 12)]);
/// ```
pub fn split(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut pos = 0;
    while let Some((start, end)) = next_block(text, pos) {
        out.push((start, end));
        pos = end;
    }
}

/// The first block that starts at or after byte `from`.
fn next_block(text: &str, from: usize) -> Option<(usize, usize)> {
    let (i, first) = text[from..]
        .char_indices()
        .find(|&(_, c)| !is_re_space(c))?;
    let start = from + i;
    // The first character belongs to the block whatever it is; after it, the
    // block runs to its last non-space character before a line break, or to
    // the break itself when that is not white space to `regex`.
    let body = start + first.len_utf8();
    let Some((at, brk)) = line_break(text, body) else {
        return Some((
            start,
            body + text[body..].trim_end_matches(is_re_space).len(),
        ));
    };
    if !is_re_space(brk) {
        return Some((start, at + brk.len_utf8()));
    }
    Some((
        start,
        body + text[body..at].trim_end_matches(is_re_space).len(),
    ))
}

/// ASCII bytes that are line breaks.
const ASCII_BREAKS: u128 = (1 << b'\n')
    | (1 << b'\r')
    | (1 << 0x0b)
    | (1 << 0x0c)
    | (1 << 0x1c)
    | (1 << 0x1d)
    | (1 << 0x1e);

/// The first line break at or after byte `from`, and where it is. The bytes
/// are read one by one: a break is an ASCII byte or starts with 0xC2 (U+0085)
/// or 0xE2 (U+2028, U+2029), and no other character's bytes hold one.
fn line_break(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if ASCII_BREAKS & (1 << b) != 0 {
                return Some((at, char::from(b)));
            }
        } else if b == 0xc2 || b == 0xe2 {
            let c = text[at..].chars().next().unwrap_or_default();
            if is_line_break(c) {
                return Some((at, c));
            }
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        split(text, &mut out);
        out
    }

    fn lines(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    /// The split as first written: character by character.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((i, first)) = text[pos..].char_indices().find(|&(_, c)| !is_re_space(c)) {
            let start = pos + i;
            let body = start + first.len_utf8();
            let mut end = body;
            for (j, c) in text[body..].char_indices() {
                if !is_re_space(c) {
                    end = body + j + c.len_utf8();
                }
                if is_line_break(c) {
                    break;
                }
            }
            out.push((start, end));
            pos = end;
        }
        out
    }

    #[test]
    fn splits_as_the_character_by_character_reading() {
        let alphabet = [
            'a', 'é', '語', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}',
            '\u{1f}', '\u{85}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{2009}', '\u{3000}',
            '\u{2026}', '\u{c2}', '\u{e2}',
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                text.push(
                    alphabet[((seed >> (2 * k % 40)) as usize + k as usize) % alphabet.len()],
                );
            }
            assert_eq!(spans(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn line_breaks_of_every_kind_split() {
        assert_eq!(
            lines("a\r\nb\rc\u{b}d\u{c}e\u{85}f\u{2028}g\u{2029}h"),
            ["a", "b", "c", "d", "e", "f", "g", "h"]
        );
        assert_eq!(lines("one\r\n\r\ntwo"), ["one", "two"]);
    }

    #[test]
    fn blank_and_space_only_lines_give_nothing() {
        assert!(spans("").is_empty());
        assert!(spans(" ").is_empty());
        assert!(spans(" \n\t\n\u{a0}\u{3000}\r\n").is_empty());
        assert_eq!(lines("  x  "), ["x"]);
    }

    #[test]
    fn information_separators_are_kept_as_regex_finds_them() {
        // Python: regex.findall(LINE, 'a\x1cb \x1c\x1d x\x1f \x1c')
        assert_eq!(
            lines("a\u{1c}b \u{1c}\u{1d} x\u{1f} \u{1c}"),
            ["a\u{1c}", "b \u{1c}", "\u{1d} x\u{1f} \u{1c}"]
        );
        assert_eq!(lines("\u{1f}"), ["\u{1f}"]);
    }

    #[test]
    fn offsets_are_bytes_of_non_ascii_text() {
        let text = "é b\n\n\u{a0}€ c\u{2028}😀";
        assert_eq!(spans(text), [(0, 4), (8, 13), (16, 20)]);
        assert_eq!(lines(text), ["é b", "€ c", "😀"]);
    }
}
