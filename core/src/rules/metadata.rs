//! Metadata rules' matching: the patterns of extract rules, whose named groups
//! become metadata fields.
//!
//! Which rule may fire on which block depends on what the rules before it
//! took out of the body and on the metadata gathered so far (a fixed-point
//! loop over the head and tail windows, `metarun`), so the loop matches
//! block by block. The core finds, in one pass over a document, the blocks
//! that hold each rule's literals (`prefilter`): the loop matches only those.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::chrome::WARM_RUNS;
use super::metarun::MetaPlan;
use super::pattern::{self, Failure, Mode, Pattern, Use};
use super::prefilter::{self, Factors, LiteralIndex, Scratch};
use super::RuleError;

/// An extract rule as the rule file gives it.
#[derive(Debug, Clone)]
pub struct MetaSpec {
    /// The rule's id.
    pub id: String,
    /// The pattern (`Rule.regex_source`).
    pub source: String,
    /// Whole block, prefix or anywhere.
    pub mode: Mode,
    /// Whether case matters.
    pub case_sensitive: bool,
}

/// A compiled extract rule.
#[derive(Debug)]
pub struct MetaRule {
    /// The rule's id.
    pub id: String,
    pattern: Pattern,
    factors: Option<Factors>,
}

/// The named groups of a match, in the order of their numbers: `(name, text)`.
pub type Groups<'t> = Vec<(&'t str, Option<&'t str>)>;

impl MetaRule {
    /// Compiles a rule; `backtrack_limit` bounds each run of a backtracking pattern.
    pub fn compile(spec: &MetaSpec, backtrack_limit: usize) -> Result<Self, RuleError> {
        let pattern = Pattern::new(
            &spec.source,
            !spec.case_sensitive,
            spec.mode,
            Use::Extents,
            backtrack_limit,
        )
        .map_err(|e| RuleError {
            rule: spec.id.clone(),
            problem: e.to_string(),
        })?;
        Ok(MetaRule {
            id: spec.id.clone(),
            factors: prefilter::factors(pattern.tree()),
            pattern,
        })
    }

    /// The compiled pattern.
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// The named groups of the pattern's match in `text` (as its mode says), if it matches.
    ///
    /// Groups that share a name are one group, as in Python's `regex`.
    pub fn groups<'a, 't>(&'a self, text: &'t str) -> Result<Option<Groups<'t>>, Failure>
    where
        'a: 't,
    {
        let Some(spans) = self.pattern.captures_at(text, 0)? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (k, name) in self.pattern.names().iter().enumerate() {
            let Some(name) = name.as_deref() else {
                continue;
            };
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let value = self
                .pattern
                .group(&spans, k + 1)
                .map(|(start, end)| &text[start..end]);
            out.push((name, value));
        }
        Ok(Some(out))
    }
}

/// The metadata rules of one rule combination (`None` for rules without a
/// pattern, such as the title rule), with their literals in one automaton
/// and what the loop needs of each (`MetaPlan`).
#[derive(Debug)]
pub struct MetaRules {
    rules: Vec<Option<Arc<MetaRule>>>,
    plans: Vec<MetaPlan>,
    /// The rules in the literal index, by their position in it.
    indexed: Vec<usize>,
    index: LiteralIndex,
    /// Documents run so far, up to [`WARM_RUNS`].
    runs: AtomicUsize,
}

impl MetaRules {
    /// Tables for these rules, in load order: what the loop needs of each, and
    /// its pattern (`None` for the title rule).
    pub fn new(rules: Vec<(MetaPlan, Option<Arc<MetaRule>>)>) -> Self {
        let (plans, rules): (Vec<MetaPlan>, Vec<Option<Arc<MetaRule>>>) = rules.into_iter().unzip();
        let mut indexed = Vec::new();
        let mut factor_sets = Vec::new();
        for (k, rule) in rules.iter().enumerate() {
            if let Some(rule) = rule {
                indexed.push(k);
                factor_sets.push(rule.factors.clone());
            }
        }
        MetaRules {
            index: LiteralIndex::new(&factor_sets),
            rules,
            plans,
            indexed,
            runs: AtomicUsize::new(0),
        }
    }

    /// Builds, on several threads, the programs of the rules that may run on a
    /// document of `blocks` blocks (`candidates`: what [`Self::candidates`]
    /// gave for it), if this is one of the table's first [`WARM_RUNS`]
    /// documents: its first document does not build them one by one. Windows
    /// are not weighed: they count the blocks still in the body, and every
    /// window holds every block when the loop runs around a page's story.
    pub fn warm(&self, blocks: usize, candidates: &[Option<Vec<usize>>]) {
        if blocks == 0 || self.runs.load(Ordering::Relaxed) >= WARM_RUNS {
            return;
        }
        self.runs.fetch_add(1, Ordering::Relaxed);
        let patterns: Vec<&Pattern> = self
            .rules
            .iter()
            .zip(candidates)
            .filter(|(_, found)| found.as_ref().is_none_or(|f| !f.is_empty()))
            .filter_map(|(rule, _)| rule.as_ref().map(|r| &r.pattern))
            .collect();
        pattern::build_programs(&patterns);
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Option<Arc<MetaRule>>] {
        &self.rules
    }

    /// What the loop needs of each rule, in load order.
    pub fn plans(&self) -> &[MetaPlan] {
        &self.plans
    }

    /// Whether this table is among its first [`WARM_RUNS`] documents, which
    /// build programs ([`Self::warm`]).
    pub fn warming(&self) -> bool {
        self.runs.load(Ordering::Relaxed) < WARM_RUNS
    }

    /// Whether rule `k` can match only a block holding one of its literals.
    pub fn has_literals(&self, k: usize) -> bool {
        self.rules[k].as_ref().is_some_and(|r| r.factors.is_some())
    }

    /// The rules (ascending) whose literals `text` holds, or that have none.
    pub fn holders(&self, text: &str, scratch: &mut Scratch) -> Vec<usize> {
        self.index
            .holders(text, scratch)
            .into_iter()
            .map(|k| self.indexed[k as usize])
            .collect()
    }

    /// For each rule, the blocks (ascending) that can hold a match: those with
    /// one of its literals; `None` for a rule without literals (any block can)
    /// or without a pattern.
    pub fn candidates(&self, texts: &[&str]) -> Vec<Option<Vec<usize>>> {
        let mut out: Vec<Option<Vec<usize>>> = self
            .rules
            .iter()
            .map(|r| {
                r.as_ref()
                    .filter(|r| r.factors.is_some())
                    .map(|_| Vec::new())
            })
            .collect();
        let mut scratch = Scratch::default();
        for (block, text) in texts.iter().enumerate() {
            for k in self.index.holders(text, &mut scratch) {
                if let Some(found) = &mut out[self.indexed[k as usize]] {
                    found.push(block);
                }
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::metarun::{MetaAction, MetaState};
    use super::super::Window;
    use super::*;

    pub(crate) fn plan(id: &str, action: MetaAction) -> MetaPlan {
        MetaPlan {
            id: id.into(),
            window: Window::Anywhere,
            words: Default::default(),
            action,
        }
    }

    pub(crate) fn title(max_words: usize, repeat_within: usize) -> MetaAction {
        MetaAction::Title {
            max_words,
            repeat_within,
        }
    }

    pub(crate) fn extract() -> MetaAction {
        MetaAction::Extract {
            keep: false,
            cut_to_end: false,
        }
    }

    pub(crate) fn rule(id: &str, source: &str) -> Arc<MetaRule> {
        let spec = MetaSpec {
            id: id.into(),
            source: source.into(),
            mode: Mode::Block,
            case_sensitive: true,
        };
        Arc::new(MetaRule::compile(&spec, 1_000_000).unwrap())
    }

    #[test]
    fn groups_come_by_name_in_order_shared_names_once() {
        let r = rule(
            "news.x",
            r"By (?P<author>\w+)(?: on (?P<date>\d+))?|(?P<author>\w+) wrote",
        );
        assert_eq!(
            r.groups("By Jane on 17").unwrap(),
            Some(vec![("author", Some("Jane")), ("date", Some("17"))])
        );
        assert_eq!(
            r.groups("Jane wrote").unwrap(),
            Some(vec![("author", Some("Jane")), ("date", None)])
        );
        assert_eq!(r.groups("Jane wrote it").unwrap(), None); // the whole block must match
    }

    #[test]
    fn a_first_document_builds_the_programs_of_the_rules_it_may_run() {
        let rules = MetaRules::new(vec![
            (plan("news.title", title(30, 5)), None),
            (
                plan("news.byline", extract()),
                Some(rule("news.byline", r"By (?P<author>\w+)")),
            ),
            (
                plan("news.credit", extract()),
                Some(rule("news.credit", r"Photo: (?P<credit>\w+)")),
            ),
            (
                plan("news.any", extract()),
                Some(rule("news.any", r"(?P<x>\d+)")),
            ),
        ]);
        let built = |k: usize| rules.rules()[k].as_ref().unwrap().pattern().is_built();
        let texts = ["Headline here", "By Jane", "The story."];
        let _ = MetaState::new(&rules, &texts, &[]);
        // The byline's literal is in a block, and a rule without literals may
        // run on any block; no block holds "Photo:".
        assert!(built(1) && built(3) && !built(2));
    }

    #[test]
    fn candidates_are_the_blocks_holding_a_literal() {
        let rules = MetaRules::new(vec![
            (plan("news.title", title(30, 5)), None),
            (
                plan("news.credits", extract()),
                Some(rule("news.credits", r"(?P<credits>Editing\s+by\s+.+)")),
            ),
        ]);
        let found = rules.candidates(&["Story.", "EDITING BY Jane", "Editing by Joe"]);
        assert_eq!(found, [None, Some(vec![1, 2])]);
    }
}
