//! Thresholds of the block classes and of the page test (`ScoringSettings` in
//! `cleaner/scoring.py`, read and checked there from the `[scoring]` tables).

/// A value of one setting, as the boundary reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An integer setting (TOML integers are 64-bit).
    Int(i64),
    /// A share, density or other real setting.
    Float(f64),
}

/// The field types a [`Value`] converts to.
trait FromValue: Sized {
    fn from_value(value: Value) -> Option<Self>;
}

impl FromValue for i64 {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Int(v) => Some(v),
            Value::Float(_) => None,
        }
    }
}

impl FromValue for f64 {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Int(v) => Some(v as f64),
            Value::Float(v) => Some(v),
        }
    }
}

macro_rules! settings {
    ($($(#[doc = $doc:literal])* $name:ident: $ty:ident = $default:expr,)*) => {
        /// Thresholds and weights of the block classifier and of the page detector.
        ///
        /// The fields and their defaults are those of Python's `ScoringSettings`
        /// (`cleaner/scoring.py`, which says why each value); lengths are in
        /// characters (code points), shares and densities lie between 0 and 1.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Settings {
            $($(#[doc = $doc])* pub $name: $ty,)*
        }

        impl Default for Settings {
            /// The defaults of Python's `ScoringSettings()`.
            fn default() -> Self {
                Self { $($name: $default,)* }
            }
        }

        /// The names of the settings, in the order of [`Settings`]' fields.
        pub const FIELDS: &[&str] = &[$(stringify!($name)),*];

        impl Settings {
            /// Settings from a value for every field, looked up by name. The
            /// error names the first field without a value of the right type.
            pub fn from_lookup(mut get: impl FnMut(&str) -> Option<Value>) -> Result<Self, String> {
                Ok(Self {
                    $($name: get(stringify!($name))
                        .and_then(<$ty as FromValue>::from_value)
                        .ok_or_else(|| stringify!($name).to_string())?,)*
                })
            }
        }
    };
}

settings! {
    /// Blocks shorter than this are `short`: their class comes from their neighbours.
    length_low: i64 = 70,
    /// A block this long with stopword density >= `stopwords_high` is `good`.
    length_high: i64 = 200,
    /// Below this stopword density a block that is not short is `bad`.
    stopwords_low: f64 = 0.30,
    /// At or above this density a long block is `good`; between low and high, `neargood`.
    stopwords_high: f64 = 0.32,
    /// A sentence of this many words reaching `stopwords_low` is `good` below `length_high`.
    sentence_min_words: i64 = 8,
    /// A short sentence of this many words reaching `stopwords_low` is `neargood`.
    short_sentence_words: i64 = 5,
    /// Boilerplate shapes make a block `bad` only up to this many words.
    shape_max_words: i64 = 12,
    /// A block with this many words of site chrome is `bad` ...
    chrome_min_hits: i64 = 3,
    /// ... when it has at most this many words.
    chrome_max_words: i64 = 30,
    /// Share of capitalised words from which a short unfinished line is Title Case.
    title_case_share: f64 = 0.8,
    /// Title Case applies to lines of at least this many words.
    title_case_min_words: i64 = 2,
    /// A block seen twice or more with at most this many words is `bad`.
    repeat_max_words: i64 = 20,
    /// A longer run of `short` blocks is never turned `good` by its neighbours.
    max_short_run: i64 = 8,
    /// Good blocks separated by at most this many other blocks form one cluster ...
    cluster_gap: i64 = 3,
    /// ... and a cluster below this share of the largest one's characters is dropped.
    cluster_min_share: f64 = 0.15,
    /// Texts with fewer blocks are never taken for a whole page.
    page_min_blocks: i64 = 10,
    /// A page needs at least this share of blocks with a boilerplate shape.
    page_shape_share: f64 = 0.1,
    /// Lines with at most this many words and no final mark are menu-like.
    page_short_words: i64 = 4,
    /// A page has at least this many menu-like lines.
    page_min_menu_lines: i64 = 20,
    /// A text whose share of menu-like lines reaches this is a page.
    page_short_share: f64 = 0.8,
    /// A run of this many menu-like lines in a row is a menu ...
    page_menu_run: i64 = 5,
    /// ... and this many such runs make the text a page.
    page_menu_runs: i64 = 2,
    /// A text whose share of repeated menu-like lines reaches this is a page.
    page_repeat_share: f64 = 0.3,
    /// With a page model, texts with fewer menu-like lines are not pages.
    page_model_min_menu_lines: i64 = 10,
    /// In auto mode, a sentence of at least this many words is never removed by scoring.
    auto_keep_words: i64 = 20,
    /// In auto mode, a text whose page probability exceeds this is scored as
    /// in page mode, not only trimmed (1: never).
    auto_page_probability: f64 = 1.0,
    /// Sequence decoding: probability that the block after a story block is
    /// boilerplate (0: no decoding, independent verdicts).
    sequence_leave: f64 = 0.0,
    /// Sequence decoding: probability that the block after a boilerplate block
    /// is story (0: no decoding).
    sequence_enter: f64 = 0.0,
    /// Sequence decoding: a block whose probability reaches this is story
    /// whatever the path (1: none is).
    sequence_keep: f64 = 1.0,
    /// Sequence decoding: such a block must lie at most this many blocks
    /// from the story (0: anywhere): above it, or below it when it is prose
    /// and no removed block lies between.
    sequence_keep_reach: i64 = 0,
    /// Sequence decoding: between two story blocks that are strong prose, at
    /// most `sequence_fill_reach` open blocks apart, a block whose
    /// probability reaches this is story (1: none is) ...
    sequence_fill: f64 = 1.0,
    /// ... (0: no gap is filled).
    sequence_fill_reach: i64 = 0,
    /// Probability that a block of a comment thread is story, other evidence
    /// equal (0.5: thread markers say nothing).
    thread_story: f64 = 0.5,
    /// A block of at least this many words that the body already holds
    /// higher up is removed (0: none is).
    duplicate_min_words: i64 = 0,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_reads_every_field_and_names_the_first_missing_one() {
        let s = Settings::from_lookup(|name| {
            Some(match name {
                "length_low" => Value::Int(50),
                "stopwords_low" => Value::Int(1),
                "title_case_share" => Value::Float(0.5),
                n if Settings::default_is_int(n) => Value::Int(7),
                _ => Value::Float(0.25),
            })
        })
        .unwrap();
        assert_eq!(
            (s.length_low, s.stopwords_low, s.title_case_share),
            (50, 1.0, 0.5)
        );
        assert_eq!((s.auto_keep_words, s.page_repeat_share), (7, 0.25));
        let missing = Settings::from_lookup(|n| (n != "cluster_gap").then_some(Value::Int(1)));
        assert_eq!(missing.unwrap_err(), "cluster_gap");
        let wrong = Settings::from_lookup(|_| Some(Value::Float(1.0)));
        assert_eq!(wrong.unwrap_err(), "length_low");
        assert_eq!(FIELDS.len(), 34);
    }

    impl Settings {
        fn default_is_int(name: &str) -> bool {
            !matches!(
                name,
                "stopwords_low"
                    | "stopwords_high"
                    | "title_case_share"
                    | "cluster_min_share"
                    | "page_shape_share"
                    | "page_short_share"
                    | "page_repeat_share"
                    | "auto_page_probability"
                    | "sequence_leave"
                    | "sequence_enter"
                    | "sequence_keep"
                    | "sequence_fill"
                    | "thread_story"
            )
        }
    }
}
