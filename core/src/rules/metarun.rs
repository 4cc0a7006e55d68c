//! The metadata rules' loop over a document: head and tail windows, the
//! blocks each extract rule can match, the title rule, in file order, until
//! nothing changes.
//!
//! Which rule may fire on which block depends on what the rules before it
//! took out of the body: positions count the blocks still in the body and are
//! counted again after each rule fires, so a byline found by a later file's
//! rule lets an earlier dateline rule see the first paragraph. The loop runs
//! at most [`PASSES`] times over the rules; each rule fires once at most in a
//! document ([`MetaState`] keeps which fired between the runs of a document).
//!
//! Whether a match sets a field (an author that is the site, a date that does
//! not parse) is the metadata builder's to say: the loop asks [`Fields`], only
//! for blocks a rule's pattern matched.

use super::chrome::may_cut_to_end;
use super::metadata::{Groups, MetaRules};
use super::prefilter::Scratch;
use super::title::{looks_like_title_counted, normalise_key, normalise_key_into};
use super::{RunError, Window, Words};
use crate::pystr;

/// Passes over the rules in one run, at most.
pub const PASSES: usize = 3;

/// Headline length, in words, of a title rule without `max_words`.
pub const TITLE_MAX_WORDS: usize = 30;

/// What a metadata rule does when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaAction {
    /// An extract rule: its pattern's named groups become fields.
    Extract {
        /// The block stays in the body.
        keep: bool,
        /// What follows the block goes too (`then = "cut-to-end"`).
        cut_to_end: bool,
    },
    /// The title rule: the first headline of the window (or the line that
    /// repeats the title the page gave) goes, and its repeats below it.
    Title {
        /// Words a headline may have.
        max_words: usize,
        /// Blocks below the title in which a repeat of it goes too.
        repeat_within: usize,
    },
}

/// What the loop needs of a metadata rule besides its pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaPlan {
    /// The rule's id.
    pub id: String,
    /// Where it may fire; a bound of 0 is no bound (`within` not given).
    pub window: Window,
    /// Bounds on the length of the block it fires on (extract rules).
    pub words: Words,
    /// What it does.
    pub action: MetaAction,
}

impl MetaPlan {
    /// The positions of the window among `n` blocks.
    fn span(&self, n: usize, opened: bool) -> std::ops::Range<usize> {
        let bound = |within: usize| if within == 0 || opened { n } else { within };
        match self.window {
            Window::Anywhere => 0..n,
            Window::Head(within) => 0..n.min(bound(within)),
            Window::Tail(within) => n.saturating_sub(bound(within))..n,
        }
    }
}

/// The metadata gathered so far, as the loop asks about it.
pub trait Fields {
    /// An error of the gatherer, handed on as it is.
    type Error;

    /// The title known so far (the page's, or one a rule found), if any.
    fn known_title(&mut self) -> Result<Option<String>, Self::Error>;

    /// Rule `rule` would fire on block `block` (its index in the document):
    /// take its fields (`groups` of an extract rule's match; `None` for the
    /// title rule: the block's text is the title). Returns whether the rule
    /// fires: whether a field was taken.
    fn take(
        &mut self,
        rule: usize,
        block: usize,
        groups: Option<&Groups<'_>>,
    ) -> Result<bool, Self::Error>;
}

/// Why a run stopped.
#[derive(Debug)]
pub enum MetaError<E> {
    /// A rule's pattern failed on a block.
    Run(RunError),
    /// The gatherer of fields failed.
    Fields(E),
}

/// Options of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Words the body must keep beside a title or before a cut.
    pub min_words: usize,
    /// Only the rules of the tail window run.
    pub tail_only: bool,
    /// Every window holds every block (the head rules read a whole window of
    /// the caller's choosing).
    pub opened: bool,
}

/// A rule that fired and the blocks it removed (indices in the document), each
/// with its cut flag to set (`None`: left as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fire {
    /// Index of the rule.
    pub rule: usize,
    /// The blocks removed, in order.
    pub removed: Vec<(usize, Option<bool>)>,
}

/// What the loop keeps between the runs on one document: the rules whose
/// literals each block holds (read once, when a rule's window first reaches
/// the block: the windows of metadata rules hold a few blocks of a long page)
/// and the rules that fired or cannot.
#[derive(Debug, Clone)]
pub struct MetaState {
    holders: Vec<Option<Vec<usize>>>,
    fired: Vec<bool>,
    blocks: usize,
}

impl MetaState {
    /// The state of a document of `texts` (all its blocks); the rules at
    /// `skip` do not run on it. The table's first documents read every block
    /// at once, to build the programs the document may need
    /// ([`MetaRules::warm`]).
    pub fn new(rules: &MetaRules, texts: &[&str], skip: &[usize]) -> Self {
        let mut fired: Vec<bool> = (0..rules.plans().len())
            .map(|k| skip.contains(&k))
            .collect();
        if rules.warming() {
            let candidates = rules.candidates(texts);
            rules.warm(texts.len(), &candidates);
            for (k, fired) in fired.iter_mut().enumerate() {
                *fired |= matches!(rules.plans()[k].action, MetaAction::Extract { .. })
                    && candidates[k].as_ref().is_some_and(Vec::is_empty);
            }
        }
        MetaState {
            holders: vec![None; texts.len()],
            fired,
            blocks: texts.len(),
        }
    }

    /// Whether block `block` (of text `text`) holds a literal of rule `k`.
    fn holds(
        &mut self,
        rules: &MetaRules,
        block: usize,
        text: &str,
        k: usize,
        scratch: &mut Scratch,
    ) -> bool {
        match self.holders.get_mut(block) {
            Some(found) => found
                .get_or_insert_with(|| rules.holders(text, scratch))
                .binary_search(&k)
                .is_ok(),
            None => rules.holders(text, scratch).binary_search(&k).is_ok(),
        }
    }

    pub fn fired(&self, k: usize) -> bool {
        self.fired[k]
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.fired.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.fired.is_empty()
    }

    /// The number of blocks of the document.
    pub fn blocks(&self) -> usize {
        self.blocks
    }
}

/// The blocks still in the body during a run.
struct Live<'t> {
    /// Texts of the blocks the run was given.
    texts: &'t [&'t str],
    /// Their indices in the document.
    at: &'t [usize],
    /// Positions (into `texts`) of the blocks still in the body.
    order: Vec<usize>,
    /// Position in `order` of each block of the document (`usize::MAX`: gone).
    place: Vec<usize>,
    /// Word counts of the texts, counted when first needed.
    words: Vec<Option<usize>>,
}

impl<'t> Live<'t> {
    fn new(texts: &'t [&'t str], at: &'t [usize]) -> Self {
        let size = at.iter().max().map_or(0, |m| m + 1);
        let mut live = Live {
            texts,
            at,
            order: (0..texts.len()).collect(),
            place: vec![usize::MAX; size],
            words: vec![None; texts.len()],
        };
        live.recount();
        live
    }

    fn recount(&mut self) {
        self.place.fill(usize::MAX);
        for (p, &j) in self.order.iter().enumerate() {
            self.place[self.at[j]] = p;
        }
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    fn text(&self, p: usize) -> &'t str {
        self.texts[self.order[p]]
    }

    fn block(&self, p: usize) -> usize {
        self.at[self.order[p]]
    }

    fn words(&mut self, p: usize) -> usize {
        let j = self.order[p];
        *self.words[j].get_or_insert_with(|| pystr::word_count(self.texts[j]))
    }

    /// Whether the blocks at positions `range` hold `min` words or more (counted only that far).
    fn at_least(&mut self, range: std::ops::Range<usize>, min: usize) -> bool {
        let mut total = 0;
        for p in range {
            if total >= min {
                return true;
            }
            total += self.words(p);
        }
        total >= min
    }

    /// Takes the blocks of `fire` out of the body.
    fn remove(&mut self, fire: &Fire) {
        let place = &self.place;
        let gone: Vec<usize> = fire.removed.iter().map(|&(b, _)| place[b]).collect();
        let mut p = 0;
        self.order.retain(|_| {
            p += 1;
            !gone.contains(&(p - 1))
        });
        self.recount();
    }
}

impl MetaRules {
    /// Runs the metadata rules over `texts`, the blocks still in the body (`at`:
    /// their indices in the document `state` was made for), until nothing
    /// changes (at most [`PASSES`] passes). Returns the rules that fired, in
    /// order, with the blocks each removed.
    pub fn run<F: Fields>(
        &self,
        state: &mut MetaState,
        texts: &[&str],
        at: &[usize],
        options: RunOptions,
        fields: &mut F,
    ) -> Result<Vec<Fire>, MetaError<F::Error>> {
        let mut live = Live::new(texts, at);
        let mut fires = Vec::new();
        let mut scratch = Scratch::default();
        for _ in 0..PASSES {
            let mut changed = false;
            for (k, plan) in self.plans().iter().enumerate() {
                if state.fired[k] || (options.tail_only && !matches!(plan.window, Window::Tail(_)))
                {
                    continue;
                }
                let span = plan.span(live.len(), options.opened);
                let fire = match plan.action {
                    MetaAction::Title {
                        max_words,
                        repeat_within,
                    } => self.title(
                        k,
                        span,
                        max_words,
                        repeat_within,
                        &mut live,
                        options,
                        fields,
                    )?,
                    MetaAction::Extract { keep, cut_to_end } => {
                        let spots: Vec<usize> = if self.has_literals(k) {
                            span.filter(|&p| {
                                state.holds(self, live.block(p), live.text(p), k, &mut scratch)
                            })
                            .collect()
                        } else {
                            span.collect()
                        };
                        self.extract(
                            k, &spots, plan.words, keep, cut_to_end, &mut live, options, fields,
                        )?
                    }
                };
                if let Some(fire) = fire {
                    state.fired[k] = true;
                    changed = true;
                    live.remove(&fire);
                    fires.push(fire);
                }
            }
            if !changed {
                break;
            }
        }
        Ok(fires)
    }

    /// The title rule `k` over the window `span`: the first block that reads as
    /// a headline (or repeats the known title), with enough words below it.
    #[allow(clippy::too_many_arguments)]
    fn title<F: Fields>(
        &self,
        k: usize,
        span: std::ops::Range<usize>,
        max_words: usize,
        repeat_within: usize,
        live: &mut Live<'_>,
        options: RunOptions,
        fields: &mut F,
    ) -> Result<Option<Fire>, MetaError<F::Error>> {
        if span.is_empty() {
            return Ok(None);
        }
        let known = fields
            .known_title()
            .map_err(MetaError::Fields)?
            .filter(|t| !t.is_empty())
            .map(|t| normalise_key(&t));
        let mut key = String::new();
        let mut other = String::new();
        for p in span {
            let text = live.text(p);
            let headline = match &known {
                Some(known) => {
                    normalise_key_into(text, &mut key);
                    key == *known
                }
                None => looks_like_title_counted(text, live.words(p), max_words),
            };
            if !headline || !live.at_least(p + 1..live.len(), options.min_words) {
                continue;
            }
            if !fields
                .take(k, live.block(p), None)
                .map_err(MetaError::Fields)?
            {
                continue;
            }
            let mut removed = vec![(live.block(p), None)];
            let key = normalise_key(text);
            let end = live.len().min(p + 1 + repeat_within);
            for q in p + 1..end {
                normalise_key_into(live.text(q), &mut other);
                if other == key {
                    removed.push((live.block(q), None));
                }
            }
            return Ok(Some(Fire { rule: k, removed }));
        }
        Ok(None)
    }

    /// The extract rule `k` over the positions `spots`: the first block its
    /// pattern matches that is within its bounds and sets a field.
    #[allow(clippy::too_many_arguments)]
    fn extract<F: Fields>(
        &self,
        k: usize,
        spots: &[usize],
        words: Words,
        keep: bool,
        cut_to_end: bool,
        live: &mut Live<'_>,
        options: RunOptions,
        fields: &mut F,
    ) -> Result<Option<Fire>, MetaError<F::Error>> {
        let Some(rule) = self.rules()[k].as_ref() else {
            return Ok(None);
        };
        for &p in spots {
            let text = live.text(p);
            let Some(groups) = rule
                .groups(text)
                .map_err(|f| MetaError::Run(RunError::of(f, k)))?
            else {
                continue;
            };
            if words.min.is_some() || words.max.is_some() {
                let n = live.words(p);
                if words.max.is_some_and(|max| n > max) || words.min.is_some_and(|min| n < min) {
                    continue;
                }
            }
            if cut_to_end && !live.at_least(0..p, options.min_words) {
                continue;
            }
            if !fields
                .take(k, live.block(p), Some(&groups))
                .map_err(MetaError::Fields)?
            {
                continue;
            }
            let cut = cut_to_end && {
                let rest: Vec<&str> = (0..live.len()).map(|q| live.text(q)).collect();
                may_cut_to_end(&rest, p, 0)
            };
            let removed = if cut {
                (p..live.len())
                    .map(|q| (live.block(q), Some(q != p)))
                    .collect()
            } else if keep {
                Vec::new()
            } else {
                vec![(live.block(p), None)]
            };
            return Ok(Some(Fire { rule: k, removed }));
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::super::chrome::WARM_RUNS;
    use super::super::metadata::tests::{extract, plan, rule, title};
    use super::*;
    use std::collections::HashMap;

    /// Fields as `cleaner.metadata.MetadataBuilder` takes them, simplified: the
    /// first value of a field wins; a group named `no` sets nothing.
    #[derive(Default)]
    struct Gathered {
        values: HashMap<String, String>,
        texts: Vec<String>,
        asked: Vec<(usize, usize)>,
    }

    impl Fields for Gathered {
        type Error = String;

        fn known_title(&mut self) -> Result<Option<String>, String> {
            Ok(self.values.get("title").cloned())
        }

        fn take(
            &mut self,
            rule: usize,
            block: usize,
            groups: Option<&Groups<'_>>,
        ) -> Result<bool, String> {
            self.asked.push((rule, block));
            let Some(groups) = groups else {
                let text = self.texts[block].clone();
                self.values.entry("title".into()).or_insert(text);
                return Ok(true);
            };
            let mut found = false;
            for &(name, value) in groups {
                match value {
                    Some(v) if !v.is_empty() && name != "no" => {
                        self.values.entry(name.into()).or_insert_with(|| v.into());
                        found = true;
                    }
                    _ => {}
                }
            }
            Ok(found)
        }
    }

    fn with(window: Window, words: Words, action: MetaAction, id: &str) -> MetaPlan {
        MetaPlan {
            window,
            words,
            ..plan(id, action)
        }
    }

    fn keep_cut(keep: bool, cut_to_end: bool) -> MetaAction {
        MetaAction::Extract { keep, cut_to_end }
    }

    /// Runs `rules` once over all of `texts`; the fires and what was gathered.
    fn run_all(rules: &MetaRules, texts: &[&str], options: RunOptions) -> (Vec<Fire>, Gathered) {
        let mut state = MetaState::new(rules, texts, &[]);
        let at: Vec<usize> = (0..texts.len()).collect();
        let mut fields = Gathered {
            texts: texts.iter().map(|t| t.to_string()).collect(),
            ..Gathered::default()
        };
        let fires = rules
            .run(&mut state, texts, &at, options, &mut fields)
            .unwrap();
        (fires, fields)
    }

    const STORY: &str = "The story itself goes on for quite a few words here.";

    #[test]
    fn blocks_outside_every_window_are_never_read() {
        let rules = MetaRules::new(vec![
            (
                with(Window::Head(2), Words::default(), extract(), "a.dateline"),
                Some(rule("a.dateline", r"(?P<place>[A-Z]+) -- .*")),
            ),
            (
                with(Window::Tail(2), Words::default(), extract(), "a.credit"),
                Some(rule("a.credit", r"Reporting by (?P<author>.+)")),
            ),
        ]);
        let mut texts = vec!["PARIS -- The talks began.", STORY];
        texts.extend(std::iter::repeat_n(
            "Reporting by nobody in the middle.",
            40,
        ));
        texts.extend([STORY, "Reporting by Jane Doe"]);
        for _ in 0..WARM_RUNS {
            run_all(&rules, &texts, RunOptions::default()); // the first documents read all
        }
        let mut state = MetaState::new(&rules, &texts, &[]);
        let at: Vec<usize> = (0..texts.len()).collect();
        let mut fields = Gathered::default();
        let fires = rules
            .run(&mut state, &texts, &at, RunOptions::default(), &mut fields)
            .unwrap();
        assert_eq!(fires.len(), 2);
        assert_eq!(fields.values["author"], "Jane Doe");
        let read: Vec<usize> = (0..texts.len())
            .filter(|&b| state.holders[b].is_some())
            .collect();
        assert!(
            read.iter().all(|&b| b < 2 || b >= texts.len() - 3),
            "{read:?}"
        );
    }

    #[test]
    fn a_later_rule_lets_an_earlier_one_see_the_first_block() {
        // The dateline rule reads only the first block; the byline rule, after
        // it in file order, takes the byline above it: the next pass fires it.
        let rules = MetaRules::new(vec![
            (
                with(
                    Window::Head(1),
                    Words::default(),
                    extract(),
                    "news.dateline",
                ),
                Some(rule("news.dateline", r"(?P<dateline>[A-Z]+) \(\w+\) - .+")),
            ),
            (
                with(Window::Head(3), Words::default(), extract(), "news.byline"),
                Some(rule("news.byline", r"By (?P<author>\w+ \w+)")),
            ),
        ]);
        let texts = ["By Jane Doe", "BERLIN (Reuters) - It happened.", STORY];
        let (fires, got) = run_all(&rules, &texts, RunOptions::default());
        assert_eq!(
            fires,
            [
                Fire {
                    rule: 1,
                    removed: vec![(0, None)]
                },
                Fire {
                    rule: 0,
                    removed: vec![(1, None)]
                },
            ]
        );
        assert_eq!(got.values["author"], "Jane Doe");
        assert_eq!(got.values["dateline"], "BERLIN");
    }

    #[test]
    fn a_rule_fires_once_in_all_runs_and_only_when_a_field_is_taken() {
        let rules = MetaRules::new(vec![(
            with(Window::Tail(2), Words::default(), extract(), "news.credits"),
            Some(rule(
                "news.credits",
                r"(?:Editing by (?P<credits>.+)|Nothing by (?P<no>.+))",
            )),
        )]);
        let texts = [STORY, "Editing by Joe", "Nothing by Ann", "Editing by Sue"];
        let mut state = MetaState::new(&rules, &texts, &[]);
        let mut fields = Gathered::default();
        let at = [0, 1, 2, 3];
        let fires = rules
            .run(&mut state, &texts, &at, RunOptions::default(), &mut fields)
            .unwrap();
        // "Nothing by" matches but sets no field: the rule fires on the last block.
        assert_eq!(fires.len(), 1);
        assert_eq!(fires[0].removed, [(3, None)]);
        assert_eq!(fields.asked, [(0, 2), (0, 3)]);
        assert!(state.fired(0));
        // A second run (a tail that other stages shortened) does not fire it again.
        let again = rules
            .run(
                &mut state,
                &texts[..2],
                &at[..2],
                RunOptions::default(),
                &mut fields,
            )
            .unwrap();
        assert!(again.is_empty());
    }

    #[test]
    fn windows_count_the_blocks_given_tail_only_and_opened() {
        let byline = || {
            (
                with(Window::Head(1), Words::default(), extract(), "news.byline"),
                Some(rule("news.byline", r"By (?P<author>\w+)")),
            )
        };
        let credits = || {
            (
                with(Window::Tail(1), Words::default(), extract(), "news.credits"),
                Some(rule("news.credits", r"Editing by (?P<credits>\w+)")),
            )
        };
        let rules = MetaRules::new(vec![byline(), credits()]);
        let texts = [STORY, "By Jane", STORY, "Editing by Joe", STORY];
        // Neither is in its one-block window.
        assert!(run_all(&rules, &texts, RunOptions::default()).0.is_empty());
        // Opened, both are; tail_only runs the credits rule alone.
        let opened = RunOptions {
            opened: true,
            ..RunOptions::default()
        };
        assert_eq!(run_all(&rules, &texts, opened).0.len(), 2);
        let tail = RunOptions {
            opened: true,
            tail_only: true,
            ..RunOptions::default()
        };
        let (fires, _) = run_all(&rules, &texts, tail);
        assert_eq!(fires.len(), 1);
        assert_eq!(fires[0].rule, 1);
        // The blocks given are those still in the body: their indices in the
        // document come back; the credit line is the last one given.
        let mut state = MetaState::new(&rules, &texts, &[]);
        let mut fields = Gathered::default();
        let fires = rules
            .run(
                &mut state,
                &texts[..4],
                &[0, 1, 2, 3],
                RunOptions::default(),
                &mut fields,
            )
            .unwrap();
        assert_eq!(
            fires,
            [Fire {
                rule: 1,
                removed: vec![(3, None)]
            }]
        );
    }

    #[test]
    fn a_rule_without_a_literal_in_the_document_never_runs() {
        let rules = MetaRules::new(vec![
            (
                plan("news.credits", extract()),
                Some(rule("news.credits", r"Editing by (?P<credits>\w+)")),
            ),
            (
                plan("news.skipped", extract()),
                Some(rule("news.skipped", r"(?P<x>.+)")),
            ),
        ]);
        let texts = [STORY, "Edited by Joe"];
        let state = MetaState::new(&rules, &texts, &[1]);
        assert!(state.fired(0) && state.fired(1));
    }

    #[test]
    fn length_bounds_keep_and_cut_to_end() {
        let words = Words {
            min: None,
            max: Some(4),
        };
        let rules = MetaRules::new(vec![(
            with(
                Window::Tail(5),
                words,
                keep_cut(false, true),
                "news.related",
            ),
            Some(rule("news.related", r"Related: (?P<tags>.+)")),
        )]);
        let long = "Related: a, b, c, d, e";
        let texts = [
            STORY,
            STORY,
            STORY,
            long,
            "Related: war, peace",
            "Teaser one",
            "Teaser two",
        ];
        let options = RunOptions {
            min_words: 5,
            ..RunOptions::default()
        };
        let (fires, got) = run_all(&rules, &texts, options);
        assert_eq!(
            fires,
            [Fire {
                rule: 0,
                removed: vec![(4, Some(false)), (5, Some(true)), (6, Some(true))]
            }]
        );
        assert_eq!(got.values["tags"], "war, peace");
        // Too few words before the marker: no cut, the rule does not fire.
        let (fires, _) = run_all(
            &rules,
            &texts[3..],
            RunOptions {
                min_words: 7,
                ..options
            },
        );
        assert!(fires.is_empty());
        // A marker kept in the body, in the story's first half: no cut either.
        let rules = MetaRules::new(vec![(
            with(
                Window::Anywhere,
                words,
                keep_cut(true, true),
                "news.related",
            ),
            Some(rule("news.related", r"Related: (?P<tags>.+)")),
        )]);
        let prose = "word ".repeat(30) + "end.";
        let texts = ["Related: war, peace", &prose, &prose, &prose, &prose];
        let (fires, _) = run_all(&rules, &texts, RunOptions::default());
        assert_eq!(
            fires,
            [Fire {
                rule: 0,
                removed: vec![]
            }]
        );
    }

    #[test]
    fn the_title_and_its_repeats_go() {
        let rules = MetaRules::new(vec![(
            with(
                Window::Head(3),
                Words::default(),
                title(30, 2),
                "news.title",
            ),
            None,
        )]);
        let head = "Blinken Heads To China";
        let texts = [
            "he said so.",
            head,
            "BLINKEN heads to China!",
            STORY,
            "Blinken heads to China",
        ];
        let options = RunOptions {
            min_words: 10,
            ..RunOptions::default()
        };
        let (fires, got) = run_all(&rules, &texts, options);
        // The repeat two blocks below is beyond repeat_within.
        assert_eq!(
            fires,
            [Fire {
                rule: 0,
                removed: vec![(1, None), (2, None)]
            }]
        );
        assert_eq!(got.values["title"], head);
        // Too few words below: no title.
        let short = RunOptions {
            min_words: 50,
            ..RunOptions::default()
        };
        assert!(run_all(&rules, &texts, short).0.is_empty());
    }

    #[test]
    fn a_known_title_is_found_where_the_text_repeats_it() {
        let rules = MetaRules::new(vec![(
            with(
                Window::Head(3),
                Words::default(),
                title(30, 5),
                "news.title",
            ),
            None,
        )]);
        let texts = ["A Headline Like Any", "The page's own title:", STORY];
        let mut state = MetaState::new(&rules, &texts, &[]);
        let mut fields = Gathered {
            texts: texts.iter().map(|t| t.to_string()).collect(),
            ..Gathered::default()
        };
        fields
            .values
            .insert("title".into(), "THE PAGE'S OWN TITLE".into());
        let fires = rules
            .run(
                &mut state,
                &texts,
                &[0, 1, 2],
                RunOptions::default(),
                &mut fields,
            )
            .unwrap();
        assert_eq!(
            fires,
            [Fire {
                rule: 0,
                removed: vec![(1, None)]
            }]
        );
    }

    #[test]
    fn errors_of_the_gatherer_come_back() {
        struct Failing;
        impl Fields for Failing {
            type Error = &'static str;
            fn known_title(&mut self) -> Result<Option<String>, &'static str> {
                Err("no title")
            }
            fn take(
                &mut self,
                _: usize,
                _: usize,
                _: Option<&Groups<'_>>,
            ) -> Result<bool, &'static str> {
                Err("no take")
            }
        }
        let rules = MetaRules::new(vec![(plan("news.title", title(30, 5)), None)]);
        let texts = ["A Headline Like Any", STORY];
        let mut state = MetaState::new(&rules, &texts, &[]);
        let got = rules.run(
            &mut state,
            &texts,
            &[0, 1],
            RunOptions::default(),
            &mut Failing,
        );
        assert!(matches!(got, Err(MetaError::Fields("no title"))));
    }
}
