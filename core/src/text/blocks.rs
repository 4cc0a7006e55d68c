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
    let mut end = body;
    for (j, c) in text[body..].char_indices() {
        if !is_re_space(c) {
            end = body + j + c.len_utf8();
        }
        if is_line_break(c) {
            break;
        }
    }
    Some((start, end))
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
