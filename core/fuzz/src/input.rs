//! Reading fuzz bytes as structured input, without a dependency.
//!
//! Text is read with `String::from_utf8_lossy`: any bytes give valid Unicode
//! (the core only ever sees valid `str`), invalid sequences become U+FFFD.
//! Fields are split at 0xFF, a byte no UTF-8 text holds, so a field never
//! swallows its neighbour and libFuzzer can add or drop fields by one byte.

use std::borrow::Cow;

/// The field separator.
pub const SEP: u8 = 0xFF;
/// The separator inside a field (a replace rule's pattern and template).
pub const SUB: u8 = 0xFE;

/// `data` split at [`SEP`].
pub fn fields(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == SEP).collect()
}

/// Bytes as text.
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// Configuration bytes read one after the other; 0 once they run out.
#[derive(Debug, Clone)]
pub struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    /// A reader of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, at: 0 }
    }

    /// The next byte, 0 past the end.
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }
}

/// Whether bit `k` of `b` is set.
pub fn bit(b: u8, k: u32) -> bool {
    b >> k & 1 == 1
}

/// `(start, end)` is a span of `text`: in order, within it, on char boundaries.
pub fn assert_span(text: &str, (start, end): (usize, usize), what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} not on char boundaries of {text:?}"
    );
}
