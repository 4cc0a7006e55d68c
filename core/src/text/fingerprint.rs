//! The 64-bit SimHash fingerprint of an article body.
//!
//! The text is casefolded as Python's `str.casefold()` does and split into
//! words as Python's `re` finds `\w+`; every two consecutive words, joined by a
//! space, are hashed with BLAKE2b-64 (unkeyed, digest size 8); each bit of the
//! fingerprint is the majority vote of that bit over all shingles (a strict
//! majority: a tie leaves it 0). A text of one word gives that word's hash; a
//! text without words gives 0. Bit `i` of the result is bit `i` of the digest
//! read as a big-endian number, so fingerprints are those the Python pipeline
//! computed before the core existed.

use blake2::digest::consts::U8;
use blake2::{Blake2b, Digest};

use crate::pystr::{casefold_char, is_word};

/// Words per shingle.
pub const SHINGLE_SIZE: usize = 2;

/// The shingles of one text as its words come, and their votes.
struct Shingler {
    bits: [u32; 64],
    shingles: u64,
    hasher: Blake2b<U8>,
    /// The shingle being built: the previous word, a space, the current word.
    shingle: Vec<u8>,
    /// Bytes of the previous word at the start of `shingle`, once there is one.
    previous: Option<usize>,
    /// Where the current word starts in `shingle`.
    word_start: usize,
}

impl Shingler {
    fn new() -> Self {
        Self {
            bits: [0; 64],
            shingles: 0,
            hasher: Blake2b::<U8>::new(),
            shingle: Vec::with_capacity(64),
            previous: None,
            word_start: 0,
        }
    }

    fn vote(&mut self, end: usize) {
        self.hasher.update(&self.shingle[..end]);
        let digest = u64::from_be_bytes(self.hasher.finalize_reset().into());
        self.shingles += 1;
        let mut rest = digest;
        while rest != 0 {
            self.bits[rest.trailing_zeros() as usize] += 1;
            rest &= rest - 1;
        }
    }

    fn push(&mut self, c: char) {
        let mut utf8 = [0u8; 4];
        self.shingle
            .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }

    /// The current word is complete: vote for its shingle, make it the previous word.
    fn end_word(&mut self) {
        if self.previous.is_some() {
            self.vote(self.shingle.len());
        }
        self.shingle.drain(..self.word_start);
        self.previous = Some(self.shingle.len());
        self.shingle.push(b' ');
        self.word_start = self.shingle.len();
    }

    fn result(mut self) -> u64 {
        match self.previous {
            None => return 0,
            // One word: one shingle of that word alone.
            Some(len) if self.shingles == 0 => self.vote(len),
            Some(_) => {}
        }
        let mut out = 0u64;
        for (bit, &votes) in self.bits.iter().enumerate() {
            if 2 * u64::from(votes) > self.shingles {
                out |= 1 << bit;
            }
        }
        out
    }
}

/// The SimHash of the word 2-shingles of `text` (0 for a text without words).
///
/// ```
/// use _core::text::fingerprint::simhash64;
/// assert_eq!(simhash64(""), 0);
/// assert_eq!(simhash64("A quick brown fox."), simhash64("a QUICK  brown fox"));
/// ```
pub fn simhash64(text: &str) -> u64 {
    let mut shingler = Shingler::new();
    let mut in_word = false;
    for c in text.chars().flat_map(casefold_char) {
        if is_word(c) {
            in_word = true;
            shingler.push(c);
        } else if in_word {
            in_word = false;
            shingler.end_word();
        }
    }
    if in_word {
        shingler.end_word();
    }
    shingler.result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_the_python_implementation() {
        // format(simhash64(text), "016x") of the pure-Python fingerprint.
        let cases = [
            (
                "US Secretary of State Antony Blinken will travel to Beijing on June 18-19.",
                "a63a199a281ea5a5",
            ),
            ("Hello", "a7b6eda801e5347d"),
            ("Straße STRASSE straße", "05aa878a9f24a39e"),
            (
                "Über die Brücke: Ærø, Σίσυφος ΣΊΣΥΦΟΣ; ﬁnal ǅemal İstanbul",
                "7fbca57eefde3ebf",
            ),
            (
                "snake_case words_with_underscores 42 ½ ²³ ٣٤",
                "d5946cbb867b5072",
            ),
            (
                "日本語のテキスト 中文文本 한국어 텍스트",
                "31b130f8f1d22c3b",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(format!("{:016x}", simhash64(text)), expected, "{text}");
        }
    }

    #[test]
    fn wordless_text_is_zero() {
        assert_eq!(simhash64(""), 0);
        assert_eq!(simhash64(" -- ... \n"), 0);
        assert_ne!(simhash64("one"), 0);
    }

    #[test]
    fn case_punctuation_and_spacing_do_not_count() {
        let a = "Blinken’s visit — “full and robust” talks,\nin Beijing.";
        let b = "BLINKEN'S  visit - \"full and robust\" talks in beijing";
        assert_eq!(simhash64(a), simhash64(b));
    }
}
