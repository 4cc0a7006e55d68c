//! Target `pattern`: any pattern string through the translation (syntax,
//! rewrites, emission) and the engines, and any text through what compiles.
//!
//! Input: byte 0 sets the flags (bit 0: ignore case, bits 1-2: whole block,
//! prefix or search, bit 3: the match's extents are needed, not only whether
//! there is one); byte 1 picks where in the text a search starts; the
//! pattern runs to the first 0xFF, the text follows.
//!
//! Checked: a pattern reads or is an error at a position inside it; the
//! translation is an error or compiles, or the engine refuses it with an
//! error; the answer to "does it match" is the same from `is_match` and
//! from `captures_at`, the same for the two uses (a test, extents) and the
//! same as in the looser modes (a whole-block match is a prefix match, a
//! prefix match a match somewhere); every span lies in the text, on char
//! boundaries, at or after the start asked for, and spans the whole text
//! (whole block) or starts it (prefix).

use _core::rules::pattern::{translate, Mode, Pattern, Spans, Use};
use _core::rules::syntax;

use crate::input::{assert_span, bit, fields, text, Bytes};

/// Steps a backtracking run may take: small, so that a run is quick.
pub const BACKTRACK_LIMIT: usize = 50_000;

const MODES: [Mode; 3] = [Mode::Block, Mode::Prefix, Mode::Search];

pub fn run(data: &[u8]) {
    let mut config = Bytes::new(data);
    let flags = config.byte();
    let at = config.byte();
    let parts = fields(data.get(2..).unwrap_or_default());
    let pattern = text(parts[0]);
    let subject = text(parts.get(1).copied().unwrap_or_default());
    let (pattern, subject) = (pattern.as_ref(), subject.as_ref());
    let ci = bit(flags, 0);
    let mode = MODES[usize::from(flags >> 1 & 3) % 3];
    let usage = if bit(flags, 3) {
        Use::Extents
    } else {
        Use::Test
    };

    if let Err(e) = syntax::parse(pattern, ci) {
        let len = pattern.chars().count();
        assert!(e.at <= len, "error at {} of a pattern of {len}: {e}", e.at);
        assert!(translate(pattern, ci, mode, usage).is_err());
        return;
    }
    let Ok(translation) = translate(pattern, ci, mode, usage) else {
        return;
    };
    let Ok(compiled) = Pattern::new(pattern, ci, mode, usage, BACKTRACK_LIMIT) else {
        return;
    };
    assert_eq!(compiled.engine(), translation.engine);
    assert_eq!(compiled.group_count(), translation.names.len());

    let start = char_boundary(subject, usize::from(at) * subject.len() / 255);
    check_run(&compiled, mode, subject, start);

    // The other use and the looser modes agree on whether there is a match.
    let Ok(found) = compiled.is_match(subject) else {
        return;
    };
    let other = match usage {
        Use::Test => Use::Extents,
        Use::Extents => Use::Test,
    };
    if let Ok(p) = Pattern::new(pattern, ci, mode, other, BACKTRACK_LIMIT) {
        if let Ok(again) = p.is_match(subject) {
            assert_eq!(found, again, "{mode:?}: {usage:?} and {other:?} disagree");
        }
    }
    if found {
        let looser: &[Mode] = match mode {
            Mode::Block => &[Mode::Prefix, Mode::Search],
            Mode::Prefix => &[Mode::Search],
            Mode::Search => &[],
        };
        for &m in looser {
            if let Ok(p) = Pattern::new(pattern, ci, m, usage, BACKTRACK_LIMIT) {
                assert_ne!(
                    p.is_match(subject),
                    Ok(false),
                    "{mode:?} matches, {m:?} not"
                );
            }
        }
    }
}

/// One compiled pattern on one text: answers agree, spans are spans.
pub fn check_run(p: &Pattern, mode: Mode, text: &str, start: usize) {
    let matched = p.is_match(text);
    let first = p.captures_at(text, 0);
    if let (Ok(matched), Ok(first)) = (&matched, &first) {
        assert_eq!(
            *matched,
            first.is_some(),
            "is_match and captures_at disagree"
        );
    }
    if let Ok(Some(spans)) = &first {
        let (s, e) = check_spans(p, text, spans, 0);
        match mode {
            Mode::Block => assert_eq!((s, e), (0, text.len()), "a whole-block match"),
            Mode::Prefix => assert_eq!(s, 0, "a prefix match"),
            Mode::Search => {}
        }
    }
    if start > 0 {
        if let Ok(Some(spans)) = p.captures_at(text, start) {
            check_spans(p, text, &spans, start);
        }
    }
}

/// The match's spans and Python's groups lie in the text; the match's span.
fn check_spans(p: &Pattern, text: &str, spans: &Spans, start: usize) -> (usize, usize) {
    let whole = p.group(spans, 0).expect("a match has a span");
    assert_span(text, whole, "match");
    assert!(
        whole.0 >= start,
        "match at {} before the start {start}",
        whole.0
    );
    for span in spans.iter().flatten() {
        assert_span(text, *span, "group");
    }
    for k in 1..=p.group_count() {
        if let Some(span) = p.group(spans, k) {
            assert_span(text, span, "python group");
        }
    }
    for name in p.names().iter().flatten() {
        assert!(p.group_number(name).is_some());
    }
    whole
}

/// The char boundary at or before `at`.
pub fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
