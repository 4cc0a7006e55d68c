//! Target `text`: any text through the text stage (blocks, typography plan
//! and fixes, language, fingerprint) and the `str` helpers it rests on.
//!
//! Input: byte 0 switches fixes off (bits 0-3: mojibake, spaces, collapse,
//! low-9 quotes), bit 4 turns language detection off, bit 5 adds an ASCII
//! character to the odd spaces; byte 1 picks the known language (0: detect);
//! the rest is the text.
//!
//! Checked: block spans are in order, disjoint, on char boundaries, not empty,
//! without white space at their ends and without a line break inside; the
//! prepared blocks are those spans in characters, the fixed ones non-empty,
//! stripped, without odd characters or doubled spaces where the plan fixes
//! them; `finish` gives one stripped line; the language is one of the model's
//! labels; probabilities lie in [0, 1]; the fingerprint ignores case.

use _core::pystr::{self, casefold, is_re_space, strip, CharOffsets};
use _core::text::blocks::{is_line_break, split};
use _core::text::fingerprint::simhash64;
use _core::text::language::Model;
use _core::text::typography::{Fixed, Plan, Settings, Switches};
use _core::text::TextStage;

use crate::input::{assert_span, bit, text, Bytes};

/// The `[typography]` table of rules/typography.toml.
const LOW9: [&str; 22] = [
    "de", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "ro", "hu", "bg", "ru", "uk", "be", "lt", "lv",
    "et", "nl", "is", "ka", "mk", "sq",
];
const SPACES: &str = "\u{a0}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200a}\u{202f}\u{205f}\u{3000}";
const REMOVED: &str = "\u{200b}\u{2060}\u{feff}\u{ad}";
/// Known languages to prepare a text in (index 0: detect it).
const LANGUAGES: [Option<&str>; 6] = [
    None,
    Some("en"),
    Some("de"),
    Some("pl"),
    Some("fr"),
    Some("xx"),
];

pub fn run(data: &[u8]) {
    let mut config = Bytes::new(data);
    let flags = config.byte();
    let language = LANGUAGES[config.below(LANGUAGES.len())];
    let text = text(data.get(2..).unwrap_or_default());
    let text = text.as_ref();

    let switches = Switches {
        fix_mojibake: !bit(flags, 0),
        fix_spaces: !bit(flags, 1),
        collapse_spaces: !bit(flags, 2),
        fix_low9_quotes: !bit(flags, 3),
    };
    let detect = !bit(flags, 4);
    let settings = Settings {
        low9_languages: LOW9.map(String::from).to_vec(),
        spaces: if bit(flags, 5) {
            format!("{SPACES}_")
        } else {
            SPACES.to_string()
        },
        removed: REMOVED.to_string(),
    };
    let odd = |c: char| {
        switches.fix_spaces && (c == '\t' || settings.spaces.contains(c) || REMOVED.contains(c))
    };

    let mut spans = Vec::new();
    split(text, &mut spans);
    check_spans(text, &spans);

    let stage = TextStage::new(switches, &settings, detect).expect("the embedded model reads");
    let prepared = if language.is_none() {
        stage.prepare(text)
    } else {
        stage.prepare_in(text, language)
    };
    let plan = prepared.plan;
    assert_eq!(Plan::from_bits(plan.to_bits()), plan);
    if language.is_some() {
        assert_eq!(prepared.language, language);
    } else if let Some(found) = prepared.language {
        assert!(detect, "a language without detection");
        assert!(Model::get().unwrap().labels().contains(&found), "{found}");
    }

    // The prepared blocks are the spans (in characters), less those the fixes emptied.
    let mut offsets = CharOffsets::new(text);
    let chars: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(s, e)| (offsets.char_index(s), offsets.char_index(e)))
        .collect();
    let mut next = 0;
    let typography = stage.typography();
    for block in &prepared.blocks {
        let k = chars[next..]
            .iter()
            .position(|&c| c == (block.start, block.end))
            .unwrap_or_else(|| panic!("block {}..{} is no span", block.start, block.end))
            + next;
        next = k + 1;
        let (s, e) = spans[k];
        let line = &text[s..e];
        if block.ftfy {
            assert!(switches.fix_mojibake && typography.needs_ftfy(line));
            assert_eq!(block.text, line);
        } else {
            assert!(!block.text.is_empty(), "an empty block");
            check_fixed(&block.text, plan, &odd);
        }
        assert_eq!(
            typography.fix(line, plan) == Fixed::Ftfy,
            block.ftfy,
            "{line:?}"
        );
        // What ftfy gives back may hold anything, line breaks included.
        let finished = typography.finish(line, plan);
        check_fixed(&finished, Plan { odd: true, ..plan }, &odd);
        assert!(!finished.chars().any(is_line_break), "{finished:?}");
    }

    let model = Model::get().unwrap();
    let (label, p) = model.classify(text);
    assert!((0.0..=1.0).contains(&p), "probability {p} of {label}");
    assert!(model.labels().contains(&label));

    assert_eq!(simhash64(text), simhash64(&casefold(text)), "{text:?}");

    // The str helpers.
    let stripped = strip(text);
    assert!(text.contains(stripped));
    assert_eq!(pystr::word_count(text), pystr::words(text).count());
    assert_eq!(
        CharOffsets::new(text).char_index(text.len()),
        text.chars().count()
    );
}

/// Block spans: in order, disjoint, not empty, on char boundaries, without
/// white space at the ends, without a line break but at the ends.
fn check_spans(text: &str, spans: &[(usize, usize)]) {
    let mut last = 0;
    for &(s, e) in spans {
        assert_span(text, (s, e), "block");
        assert!(last <= s && s < e, "blocks out of order: {spans:?}");
        last = e;
        let block = &text[s..e];
        let first = block.chars().next().unwrap();
        let end = block.chars().next_back().unwrap();
        assert!(!is_re_space(first) && !is_re_space(end), "{block:?}");
        let inner = block[first.len_utf8()..].strip_suffix(end).unwrap_or("");
        assert!(!inner.chars().any(is_line_break), "line break in {block:?}");
    }
}

/// A line the typography fixed as `plan` says.
fn check_fixed(line: &str, plan: Plan, odd: &dyn Fn(char) -> bool) {
    assert_eq!(strip(line), line, "not stripped");
    if plan.odd {
        assert!(!line.chars().any(odd), "odd character left in {line:?}");
    }
    if plan.spaces {
        assert!(!line.contains("  "), "doubled space left in {line:?}");
    }
}
