//! The text stage: blocks, typography and language, in one pass per document.
//!
//! [`TextStage::prepare`] splits a text into blocks ([`blocks`]), reads the
//! language of their prose ([`language`]), plans the typography fixes the text
//! needs and applies them to each block ([`typography`]), except ftfy: blocks
//! that need it come back as they are, flagged, for ftfy in Python and then
//! [`typography::Typography::finish`]. [`fingerprint`] hashes the assembled
//! body. [`dates`] reads dates as news sites write them (metadata, bylines).

use std::borrow::Cow;

use crate::pystr::CharOffsets;

pub mod blocks;
pub mod dates;
pub mod fingerprint;
pub mod language;
pub mod typography;

use language::{Model, ModelError};
use typography::{Fixed, Plan, Settings, Switches, Typography};

/// One block of a prepared text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// Where the block starts in the text, in characters (Python's `str` index).
    pub start: usize,
    /// Where it ends, in characters.
    pub end: usize,
    /// The fixed text (never empty), or the raw block when `ftfy` is set.
    pub text: Cow<'a, str>,
    /// The block needs ftfy, then [`Typography::finish`].
    pub ftfy: bool,
}

/// A text split into blocks and fixed, with its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared<'a> {
    /// The blocks, in order; blocks the fixes emptied are left out.
    pub blocks: Vec<Block<'a>>,
    /// The language of the prose (ISO 639-1), or `None` if unsure or not asked.
    pub language: Option<&'a str>,
    /// The fixes the text needed; [`Typography::finish`] takes it.
    pub plan: Plan,
}

/// The text stage, configured once and applied to many texts.
#[derive(Debug, Clone)]
pub struct TextStage {
    typography: Typography,
    model: Option<&'static Model>,
}

impl TextStage {
    /// The stage; `detect_language` loads the language model (once per process).
    pub fn new(
        switches: Switches,
        settings: &Settings,
        detect_language: bool,
    ) -> Result<Self, ModelError> {
        let model = if detect_language {
            Some(Model::get()?)
        } else {
            None
        };
        Ok(Self {
            typography: Typography::new(switches, settings),
            model,
        })
    }

    /// The typography of this stage.
    pub fn typography(&self) -> &Typography {
        &self.typography
    }

    /// Split, identify the language (when the stage does), fix.
    ///
    /// ```
    /// use _core::text::{TextStage, typography::{Settings, Switches}};
    /// let on = Switches { fix_mojibake: true, fix_spaces: true, collapse_spaces: true, fix_low9_quotes: true };
    /// let stage = TextStage::new(on, &Settings::default(), false).unwrap();
    /// let prepared = stage.prepare("é  b\n\n&amp; c");
    /// assert_eq!((prepared.blocks[0].start, prepared.blocks[0].end), (0, 4));
    /// assert_eq!(prepared.blocks[0].text, "é b");
    /// assert!(prepared.blocks[1].ftfy);
    /// ```
    pub fn prepare<'a>(&self, text: &'a str) -> Prepared<'a> {
        self.run(text, None)
    }

    /// As [`TextStage::prepare`], for a text whose language is known.
    pub fn prepare_in<'a>(&self, text: &'a str, language: Option<&'a str>) -> Prepared<'a> {
        self.run(text, Some(language))
    }

    fn run<'a>(&self, text: &'a str, known: Option<Option<&'a str>>) -> Prepared<'a> {
        let mut spans = Vec::new();
        blocks::split(text, &mut spans);
        let mut offsets = CharOffsets::new(text);
        let chars: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(s, e)| (offsets.char_index(s), offsets.char_index(e)))
            .collect();
        let language = match (known, self.model) {
            (Some(language), _) => language,
            (None, Some(model)) => {
                let lines: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
                let lengths: Vec<usize> = chars.iter().map(|&(s, e)| e - s).collect();
                language::detect(model, &lines, &lengths)
            }
            (None, None) => None,
        };
        let plan = self.typography.plan(text, language);
        let mut out = Vec::with_capacity(spans.len());
        for (&(s, e), &(start, end)) in spans.iter().zip(&chars) {
            let line = &text[s..e];
            match self.typography.fix(line, plan) {
                Fixed::Ftfy => out.push(Block {
                    start,
                    end,
                    text: Cow::Borrowed(line),
                    ftfy: true,
                }),
                Fixed::Text(fixed) if !fixed.is_empty() => out.push(Block {
                    start,
                    end,
                    text: fixed,
                    ftfy: false,
                }),
                Fixed::Text(_) => {}
            }
        }
        Prepared {
            blocks: out,
            language,
            plan,
        }
    }
}
