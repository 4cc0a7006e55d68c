//! Target `equivalence`: patterns of a small grammar, where the `regex`
//! module's syntax and meaning are those of `fancy-regex`, matched by the
//! core (translated, rewritten, on the engine it chose) and by `fancy-regex`
//! on the pattern as written.
//!
//! The rewrites (possessive repeats made greedy, lookarounds at the edges
//! made plain, ...) hold only where they give the same answers; this target
//! checks that they do: the same "does it match" for every mode and use, and
//! for the extents, the same match (but where a loop's body can match the
//! empty string: see [`loops_over_empty`]). The grammar: literals `a`, `b`, `A`, `é`,
//! ` `, classes, `.`, `\s`, `\d`, `\w`, `\b`, `^`, `$`, groups (capturing,
//! atomic, case-insensitive), lookarounds, backreferences, and repeats
//! greedy, lazy and possessive; texts of `a`, `b`, `A`, `B`, `é`, `É`, ` `,
//! `-`, `1`, `_` (no line break: the core's `$` is the end of a line, and no
//! character whose case folding differs between the two crates and Python).
//!
//! Input: byte 0 sets the flags (bit 0: ignore case, bits 1-2: whole block,
//! prefix or search); the bytes to the first 0xFF build the pattern; the
//! bytes after it the text, one character each.

use _core::rules::pattern::{Mode, Pattern, Use};
use _core::rules::syntax::{self, Node};

use crate::input::{bit, Bytes, SEP};
use crate::pattern::BACKTRACK_LIMIT;

const ATOMS: [&str; 14] = [
    "a", "b", "A", "é", " ", "[ab]", "[^a]", "[a-zA-Z]", ".", r"\s", r"\d", r"\w", r"\W", "-",
];
const ASSERTIONS: [&str; 5] = ["^", "$", r"\b", r"\B", r"\A"];
const TEXT: [char; 10] = ['a', 'b', 'A', 'B', 'é', 'É', ' ', '-', '1', '_'];
const MAX_DEPTH: usize = 4;

/// Writes a pattern read from `bytes`.
struct Writer<'a> {
    bytes: Bytes<'a>,
    out: String,
    groups: usize,
    budget: usize,
}

impl Writer<'_> {
    fn alternation(&mut self, depth: usize) {
        let branches = 1 + usize::from(self.bytes.byte().is_multiple_of(8));
        for k in 0..branches {
            if k > 0 {
                self.out.push('|');
            }
            self.sequence(depth);
        }
    }

    fn sequence(&mut self, depth: usize) {
        let items = self.bytes.below(4);
        for _ in 0..items {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            self.item(depth);
        }
    }

    fn item(&mut self, depth: usize) {
        let b = self.bytes.byte();
        let nested = depth < MAX_DEPTH;
        match b % 16 {
            0..=6 => self.out.push_str(ATOMS[usize::from(b >> 4) % ATOMS.len()]),
            7 => {
                self.out
                    .push_str(ASSERTIONS[usize::from(b >> 4) % ASSERTIONS.len()]);
                return; // no repeat of an assertion
            }
            8 if self.groups > 0 => {
                let g = 1 + usize::from(b >> 4) % self.groups;
                self.out.push_str(&format!(r"\{g}"));
            }
            9..=13 if nested => {
                let open = match b % 16 {
                    9 => {
                        self.groups += 1;
                        "("
                    }
                    10 => "(?:",
                    11 => "(?>",
                    12 => ["(?=", "(?!", "(?<=", "(?<!"][usize::from(b >> 4) % 4],
                    _ => "(?i:",
                };
                self.out.push_str(open);
                self.alternation(depth + 1);
                self.out.push(')');
                if b % 16 == 12 {
                    return;
                }
            }
            _ => self.out.push_str(ATOMS[usize::from(b >> 4) % 5]),
        }
        let q = self.bytes.byte();
        let repeat = match q % 8 {
            0 => "*",
            1 => "+",
            2 => "?",
            3 => ["{2}", "{0,2}", "{1,3}", "{2,}"][usize::from(q >> 3) % 4],
            _ => return,
        };
        self.out.push_str(repeat);
        match q >> 5 {
            0 | 1 => self.out.push('+'),
            2 => self.out.push('?'),
            _ => {}
        }
    }
}

pub fn run(data: &[u8]) {
    let flags = data.first().copied().unwrap_or(0);
    let rest = data.get(1..).unwrap_or_default();
    let (grammar, chars) = match rest.iter().position(|&b| b == SEP) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let mut writer = Writer {
        bytes: Bytes::new(grammar),
        out: String::new(),
        groups: 0,
        budget: 12,
    };
    writer.alternation(0);
    let pattern = writer.out;
    let text: String = chars
        .iter()
        .take(64)
        .map(|&b| TEXT[usize::from(b) % TEXT.len()])
        .collect();
    let ci = bit(flags, 0);
    let mode = [Mode::Block, Mode::Prefix, Mode::Search, Mode::Search][usize::from(flags >> 1 & 3)];
    compare(&pattern, ci, mode, &text);
}

/// The core's answers for `pattern` against those of `fancy-regex` on it as written.
pub fn compare(pattern: &str, ci: bool, mode: Mode, text: &str) {
    if syntax::parse(pattern, ci).is_err() {
        // Nothing to compare; and fancy-regex panics on some patterns the
        // core refuses (a backreference inside the group it names).
        return;
    }
    let flags = if ci { "(?i)" } else { "" };
    let wrapped = match mode {
        Mode::Block => format!(r"{flags}\A(?:{pattern})\z"),
        Mode::Prefix => format!(r"{flags}\A(?:{pattern})"),
        Mode::Search => format!("{flags}(?:{pattern})"),
    };
    let Ok(reference) = fancy_regex::RegexBuilder::new(&wrapped)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
    else {
        return;
    };
    let Ok(expected) = reference.find(text) else {
        return;
    };
    let expected = expected.map(|m| (m.start(), m.end()));
    for usage in [Use::Test, Use::Extents] {
        let Ok(core) = Pattern::new(pattern, ci, mode, usage, BACKTRACK_LIMIT) else {
            continue;
        };
        if let Ok(found) = core.is_match(text) {
            assert_eq!(
                found,
                expected.is_some(),
                "{pattern:?} ({mode:?}, {usage:?}, ci {ci}) on {text:?}: {} matches",
                if found {
                    "only the core"
                } else {
                    "only fancy-regex"
                }
            );
        }
        if usage == Use::Extents && !loops_over_empty(pattern, ci) {
            if let Ok(spans) = core.captures_at(text, 0) {
                let span = spans.and_then(|s| core.group(&s, 0));
                assert_eq!(
                    span, expected,
                    "{pattern:?} ({mode:?}, ci {ci}) on {text:?}: another match"
                );
            }
        }
    }
}

/// Whether the pattern repeats something that can match the empty string.
///
/// Such a loop ends elsewhere on the `regex` crate than on a backtracking
/// engine: `(?:b??a*)*` searched in `aaab` matches `aaab` on the `regex`
/// crate, `aaa` on Python's `regex` and on `fancy-regex`, which end a loop at
/// an empty round instead of trying the body's other ways. Whether there is a
/// match is the same; where it ends is not, and the translation does not
/// close that gap.
pub fn loops_over_empty(pattern: &str, ci: bool) -> bool {
    let Ok(parsed) = syntax::parse(pattern, ci) else {
        return false;
    };
    let mut found = false;
    parsed.node.walk(&mut |n| {
        if let Node::Repeat { node, max, .. } = n {
            found |= max.is_none_or(|m| m > 1) && node.nullable();
        }
    });
    found
}
