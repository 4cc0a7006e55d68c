//! Chrome rules: each block still in the body goes to the first rule, in load
//! order, that matches it within its window; `drop` removes the block,
//! `cut-to-end` the block and all after it, `cut-from-start` all blocks up to
//! and including it, when enough of the story stays on the other side.
//!
//! Phrase rules that match a whole block are one table lookup of the block's
//! key ([`phrase_key`]); pattern rules run only on blocks that hold one of
//! their literals, or (whole-block and prefix patterns without literals)
//! whose first letter or digit can start a match (`prefilter`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use super::pattern::{self, Mode, Pattern, Use};
use super::prefilter::{self, Factors, Gate, LiteralIndex, Scratch};
use super::syntax;
use super::{RuleError, RunError, Window, Words};
use crate::pystr;
use crate::pystr::casefold;

/// What a chrome rule removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The block.
    Drop,
    /// The block and every block after it.
    CutToEnd,
    /// Every block up to and including this one.
    CutFromStart,
}

/// A chrome rule as the rule file gives it.
#[derive(Debug, Clone)]
pub struct ChromeSpec {
    /// The rule's id.
    pub id: String,
    /// What it removes.
    pub action: Action,
    /// The pattern as written (`None` for phrase rules).
    pub pattern: Option<String>,
    /// The pattern the rule runs, with its edges (`Rule.regex_source`).
    pub source: String,
    /// Phrases, for phrase rules.
    pub phrases: Vec<String>,
    /// Whole block, prefix or anywhere.
    pub mode: Mode,
    /// Whether case matters.
    pub case_sensitive: bool,
    /// Where in the document it applies.
    pub window: Window,
    /// Bounds on the block's length in words.
    pub words: Words,
}

/// A compiled chrome rule.
#[derive(Debug)]
pub struct ChromeRule {
    /// The rule's id.
    pub id: String,
    action: Action,
    window: Window,
    words: Words,
    case_sensitive: bool,
    phrases: Vec<String>,
    /// The pattern; `None` for a whole-block phrase rule (a table lookup).
    pattern: Option<Pattern>,
    factors: Option<Factors>,
    gates: Option<Vec<Gate>>,
}

impl ChromeRule {
    /// Compiles a rule; `backtrack_limit` bounds each run of a backtracking pattern.
    pub fn compile(spec: &ChromeSpec, backtrack_limit: usize) -> Result<Self, RuleError> {
        let error = |problem: String| RuleError {
            rule: spec.id.clone(),
            problem,
        };
        let ci = !spec.case_sensitive;
        let lookup = spec.pattern.is_none() && spec.mode == Mode::Block;
        let (pattern, factors, gates) = if lookup {
            (None, None, None)
        } else {
            let pattern = Pattern::new(&spec.source, ci, spec.mode, Use::Test, backtrack_limit)
                .map_err(|e| error(e.to_string()))?;
            let factors = prefilter::factors(pattern.tree());
            let gates = match (&factors, &spec.pattern) {
                (None, Some(own)) if spec.mode != Mode::Search => syntax::parse(own, ci)
                    .ok()
                    .and_then(|p| prefilter::first_gates(&p.node))
                    .map(|g| g.into_iter().collect()),
                _ => None,
            };
            (Some(pattern), factors, gates)
        };
        Ok(ChromeRule {
            id: spec.id.clone(),
            action: spec.action,
            window: spec.window,
            words: spec.words,
            case_sensitive: spec.case_sensitive,
            phrases: if lookup {
                spec.phrases.clone()
            } else {
                Vec::new()
            },
            pattern,
            factors,
            gates,
        })
    }

    /// The compiled pattern (`None` for a whole-block phrase rule).
    pub fn pattern(&self) -> Option<&Pattern> {
        self.pattern.as_ref()
    }
}

/// Leading punctuation, symbols and spaces; trailing ones with a count `(12)` among them.
fn edges() -> &'static regex::Regex {
    static EDGES: OnceLock<regex::Regex> = OnceLock::new();
    EDGES.get_or_init(|| {
        regex::Regex::new(r"\A[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]*(?:\(\d+\)[\p{P}\p{S}\s]*)?\z")
            .expect("a valid pattern")
    })
}

fn spaces() -> &'static regex::Regex {
    static SPACES: OnceLock<regex::Regex> = OnceLock::new();
    SPACES.get_or_init(|| regex::Regex::new(r"\s+").expect("a valid pattern"))
}

/// How a block is looked up among whole-block phrases: without the
/// punctuation around it (and a count such as `(12)`), spaces made single,
/// case-folded unless case matters.
///
/// ```
/// use _core::rules::chrome::phrase_key;
/// assert_eq!(phrase_key("» Related  Topics (12):", false), "related topics");
/// assert_eq!(phrase_key("Read more", true), "Read more");
/// ```
pub fn phrase_key(text: &str, case_sensitive: bool) -> String {
    let starts = text.chars().next().is_some_and(pystr::is_alnum);
    let ends = text.chars().next_back().is_some_and(pystr::is_alnum);
    let key = if starts && ends {
        pystr::words(text).collect::<Vec<_>>().join(" ")
    } else {
        let stripped = edges().replace_all(text, "");
        spaces().replace_all(&stripped, " ").into_owned()
    };
    if case_sensitive {
        key
    } else {
        casefold(&key)
    }
}

/// What happened to a block: the rule (its index among the rules) that removed
/// it, and whether it went with a cut marker rather than matching itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Index of the rule.
    pub rule: usize,
    /// Removed as part of a cut (not the marker itself).
    pub cut: bool,
}

/// Story prose after a cut marker up to this many words never blocks the cut:
/// a closing paragraph or a long comment may follow a short story's marker.
const PROSE_AFTER_ALLOWED: usize = 100;

/// Words in blocks `[..i]`, story-prose words in `[..i]` and in `[i..]`, for every `i`.
struct Sums {
    words: Vec<usize>,
    prose_before: Vec<usize>,
    prose_after: Vec<usize>,
}

impl Sums {
    fn new(texts: &[&str]) -> Self {
        let n = texts.len();
        let mut words = vec![0; n + 1];
        let mut prose_before = vec![0; n + 1];
        let mut prose_after = vec![0; n + 1];
        let mut prose = vec![0; n];
        for (i, text) in texts.iter().enumerate() {
            let count = pystr::word_count(text);
            // A story paragraph: long, ending a sentence.
            if count >= 25
                && text
                    .chars()
                    .next_back()
                    .is_some_and(|c| ".!?\"”’»)".contains(c))
            {
                prose[i] = count;
            }
            words[i + 1] = words[i] + count;
            prose_before[i + 1] = prose_before[i] + prose[i];
        }
        for i in (0..n).rev() {
            prose_after[i] = prose_after[i + 1] + prose[i];
        }
        Sums {
            words,
            prose_before,
            prose_after,
        }
    }
}

impl Sums {
    /// Whether a cut-to-end marker at block `i` may cut: at least `min_words`
    /// words before it, and no more story prose after it than before it
    /// (prose counted the same way on both sides, menus not at all).
    fn may_cut(&self, i: usize, min_words: usize) -> bool {
        if self.words[i] < min_words {
            return false;
        }
        let after = self.prose_after[i + 1];
        !(after > PROSE_AFTER_ALLOWED && after > self.prose_before[i])
    }
}

/// Whether a cut-to-end marker at block `i` of `texts` may cut, as a chrome
/// rule's would (for the metadata rule that cuts after a credit line).
///
/// ```
/// use _core::rules::chrome::may_cut_to_end;
/// let prose = "word ".repeat(30) + "end.";
/// assert!(may_cut_to_end(&["Story starts here and goes on for a while.", "Related", "x"], 1, 5));
/// assert!(!may_cut_to_end(&["Short.", "Related", &prose, &prose, &prose, &prose], 1, 0));
/// ```
pub fn may_cut_to_end(texts: &[&str], i: usize, min_words: usize) -> bool {
    i < texts.len() && Sums::new(texts).may_cut(i, min_words)
}

/// The chrome rules of one rule combination, with their lookup tables.
#[derive(Debug)]
pub struct ChromeRules {
    rules: Vec<Arc<ChromeRule>>,
    exact: HashMap<String, Vec<usize>>,
    folded: HashMap<String, Vec<usize>>,
    longest: usize,
    /// The rules in the literal index, by their position in it.
    indexed: Vec<usize>,
    index: LiteralIndex,
    by_gate: HashMap<Gate, Vec<usize>>,
    /// Documents run so far, up to [`WARM_RUNS`].
    runs: AtomicUsize,
}

/// The first documents a table runs build the programs their blocks may need
/// all at once, on several threads, instead of one by one as the rules try
/// them: a `Cleaner`'s first document does not pay for them on one core.
pub(crate) const WARM_RUNS: usize = 4;

impl ChromeRules {
    /// Tables for these rules, in load order.
    pub fn new(rules: Vec<Arc<ChromeRule>>) -> Self {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut folded: HashMap<String, Vec<usize>> = HashMap::new();
        let mut longest = 0;
        let mut indexed = Vec::new();
        let mut factor_sets = Vec::new();
        let mut by_gate: HashMap<Gate, Vec<usize>> = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.pattern.is_none() {
                let table = if rule.case_sensitive {
                    &mut exact
                } else {
                    &mut folded
                };
                for phrase in &rule.phrases {
                    let hits = table
                        .entry(phrase_key(phrase, rule.case_sensitive))
                        .or_default();
                    if !hits.contains(&i) {
                        hits.push(i);
                    }
                    longest = longest.max(phrase.chars().count());
                }
            } else if let Some(gates) = &rule.gates {
                for gate in gates {
                    by_gate.entry(*gate).or_default().push(i);
                }
            } else {
                indexed.push(i);
                factor_sets.push(rule.factors.clone());
            }
        }
        let index = LiteralIndex::new(&factor_sets);
        ChromeRules {
            rules,
            exact,
            folded,
            longest,
            indexed,
            index,
            by_gate,
            runs: AtomicUsize::new(0),
        }
    }

    /// Builds, on several threads, the programs of the pattern rules that may
    /// run on `texts` (their literals there, their window holding), if this
    /// is one of the table's first [`WARM_RUNS`] documents.
    fn warm(&self, texts: &[&str]) {
        if self.runs.load(Ordering::Relaxed) >= WARM_RUNS {
            return;
        }
        self.runs.fetch_add(1, Ordering::Relaxed);
        let n = texts.len();
        let mut wanted = vec![false; self.rules.len()];
        let mut scratch = Scratch::default();
        for (i, text) in texts.iter().enumerate() {
            for r in self.candidates(text, &mut scratch) {
                wanted[r] |= self.rules[r].window.holds(i, n);
            }
        }
        let patterns: Vec<&Pattern> = (0..self.rules.len())
            .filter(|&r| wanted[r])
            .filter_map(|r| self.rules[r].pattern.as_ref())
            .collect();
        pattern::build_programs(&patterns);
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Arc<ChromeRule>] {
        &self.rules
    }

    /// The rules (in load order) that can match `text`: the pattern rules whose
    /// literals it holds or whose first character's gate it opens, and the phrase
    /// rules whose phrase it is.
    fn candidates(&self, text: &str, scratch: &mut Scratch) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .index
            .holders(text, scratch)
            .into_iter()
            .map(|k| self.indexed[k as usize])
            .collect();
        let mut more = false;
        if !self.by_gate.is_empty() {
            if let Some(gated) = prefilter::gate(text).and_then(|g| self.by_gate.get(&g)) {
                found.extend(gated);
                more = true;
            }
        }
        // Short enough to be a phrase (characters, counted only when the bytes may be).
        let limit = self.longest + 12;
        if self.longest > 0 && text.len() <= 4 * limit && text.chars().count() <= limit {
            let key = phrase_key(text, true);
            if let Some(hits) = self.exact.get(&key) {
                found.extend(hits);
                more = true;
            }
            if let Some(hits) = self.folded.get(&casefold(&key)) {
                found.extend(hits);
                more = true;
            }
        }
        if more {
            found.sort_unstable();
            found.dedup();
        }
        found
    }

    /// The first rule that matches `text` and passes `ok` (window, length).
    fn first(
        &self,
        text: &str,
        found: &[usize],
        mut ok: impl FnMut(&ChromeRule) -> bool,
    ) -> Result<Option<usize>, RunError> {
        for &i in found {
            let rule = &self.rules[i];
            if !ok(rule) {
                continue;
            }
            match &rule.pattern {
                None => return Ok(Some(i)), // a phrase the lookup found
                Some(pattern) => {
                    if pattern.is_match(text).map_err(|f| RunError::of(f, i))? {
                        return Ok(Some(i));
                    }
                }
            }
        }
        Ok(None)
    }

    /// Whether rule `i` matches `text`, its window aside (for the rule's examples).
    pub fn matches(&self, i: usize, text: &str) -> Result<bool, RunError> {
        let mut scratch = Scratch::default();
        let found = self.candidates(text, &mut scratch);
        let rule = &self.rules[i];
        Ok(self
            .first(text, &found, |r| {
                std::ptr::eq(r, rule.as_ref()) && r.words.ok(text)
            })?
            .is_some())
    }

    /// Decides each block of a document (the blocks still in the body, in order):
    /// the verdict of each block a rule removes, `None` for the others.
    pub fn run(&self, texts: &[&str], min_words: usize) -> Result<Vec<Option<Verdict>>, RunError> {
        let mut found = vec![None; texts.len()];
        self.run_found(texts, &mut found, min_words)
    }

    /// Decides the blocks, then decides again those still in the body, until
    /// a run removes nothing or `runs` runs were made: windows and cut weights
    /// count the blocks given, and a removal changes them (a site tagline
    /// eight blocks above the end comes into a `tail` window once a cut took
    /// the teasers below it). Cuts are weighed on the first run only, and
    /// only when `cuts`: a cutting rule's verdicts are set aside on the
    /// others, since weighed again on what is left the marker would find less
    /// story after it each time. Each block's candidate rules are found once.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// use _core::rules::chrome::{Action, ChromeRule, ChromeRules, ChromeSpec};
    /// use _core::rules::{pattern::Mode, Window, Words};
    /// let spec = |id: &str, window, phrase: &str| ChromeSpec {
    ///     id: id.into(), action: Action::Drop, pattern: None, source: String::new(),
    ///     phrases: vec![phrase.into()], mode: Mode::Block, case_sensitive: false,
    ///     window, words: Words::default(),
    /// };
    /// let rules = ChromeRules::new(vec![
    ///     Arc::new(ChromeRule::compile(&spec("a.tagline", Window::Tail(1), "Best of the web"), 1000).unwrap()),
    ///     Arc::new(ChromeRule::compile(&spec("a.share", Window::Anywhere, "Share this"), 1000).unwrap()),
    /// ]);
    /// let texts = ["A story.", "Best of the web", "Share this"];
    /// // one run: the tagline is not the last block; a second run finds it so
    /// assert!(rules.run(&texts, 0).unwrap()[1].is_none());
    /// let v = rules.run_turns(&texts, 0, true, 3).unwrap();
    /// assert_eq!((v[1].unwrap().rule, v[2].unwrap().rule), (0, 1));
    /// ```
    pub fn run_turns(
        &self,
        texts: &[&str],
        min_words: usize,
        cuts: bool,
        runs: usize,
    ) -> Result<Vec<Option<Verdict>>, RunError> {
        let mut out: Vec<Option<Verdict>> = vec![None; texts.len()];
        let mut found: Vec<Option<Vec<usize>>> = vec![None; texts.len()];
        let mut live: Vec<usize> = (0..texts.len()).collect();
        for run in 0..runs {
            let sub: Vec<&str> = live.iter().map(|&i| texts[i]).collect();
            let mut sub_found: Vec<Option<Vec<usize>>> =
                live.iter().map(|&i| found[i].take()).collect();
            let verdicts = self.run_found(&sub, &mut sub_found, min_words)?;
            let cutting: Vec<usize> = if run == 0 && cuts {
                Vec::new()
            } else {
                verdicts
                    .iter()
                    .flatten()
                    .filter(|v| v.cut)
                    .map(|v| v.rule)
                    .collect()
            };
            let mut changed = false;
            for (k, verdict) in verdicts.into_iter().enumerate() {
                match verdict {
                    Some(v) if !cutting.contains(&v.rule) => {
                        out[live[k]] = Some(v);
                        changed = true;
                    }
                    _ => found[live[k]] = sub_found[k].take(),
                }
            }
            if !changed {
                break;
            }
            live.retain(|&i| out[i].is_none());
        }
        Ok(out)
    }

    /// [`ChromeRules::run`], with each block's candidate rules taken from
    /// `found` where they were found before, and left there.
    fn run_found(
        &self,
        texts: &[&str],
        found: &mut [Option<Vec<usize>>],
        min_words: usize,
    ) -> Result<Vec<Option<Verdict>>, RunError> {
        self.warm(texts);
        let n = texts.len();
        let mut verdicts: Vec<Option<Verdict>> = vec![None; n];
        let mut scratch = Scratch::default();
        let mut sums: Option<Sums> = None; // summed at the first marker
        let mut cut = 0; // blocks before this one were all removed by an earlier cut-from-start
        for (i, text) in texts.iter().enumerate() {
            if verdicts[i].is_some() {
                continue;
            }
            let candidates = found[i].get_or_insert_with(|| self.candidates(text, &mut scratch));
            let mut count = None; // the block's words, counted once
            let Some(r) = self.first(text, candidates, |rule| {
                rule.window.holds(i, n) && rule.words.ok_counted(text, &mut count)
            })?
            else {
                continue;
            };
            match self.rules[r].action {
                Action::Drop => {
                    verdicts[i] = Some(Verdict {
                        rule: r,
                        cut: false,
                    })
                }
                Action::CutToEnd => {
                    let s = sums.get_or_insert_with(|| Sums::new(texts));
                    if !s.may_cut(i, min_words) {
                        continue;
                    }
                    for (j, verdict) in verdicts.iter_mut().enumerate().skip(i) {
                        *verdict = Some(Verdict {
                            rule: r,
                            cut: j != i,
                        });
                    }
                    return Ok(verdicts);
                }
                Action::CutFromStart => {
                    let s = sums.get_or_insert_with(|| Sums::new(texts));
                    if s.words[n] - s.words[i + 1] >= min_words {
                        for (j, verdict) in verdicts.iter_mut().enumerate().take(i + 1).skip(cut) {
                            if verdict.is_none() {
                                *verdict = Some(Verdict {
                                    rule: r,
                                    cut: j != i,
                                });
                            }
                        }
                        cut = i + 1;
                    }
                }
            }
        }
        Ok(verdicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str, action: Action, pattern: Option<&str>, phrases: &[&str]) -> ChromeSpec {
        let source = match pattern {
            Some(p) => format!(r"[\p{{P}}\p{{S}}\s]*(?:{p})[\p{{P}}\p{{S}}\s]*"),
            None => String::new(),
        };
        ChromeSpec {
            id: id.to_string(),
            action,
            pattern: pattern.map(str::to_string),
            source,
            phrases: phrases.iter().map(|p| p.to_string()).collect(),
            mode: Mode::Block,
            case_sensitive: false,
            window: Window::Anywhere,
            words: Words::default(),
        }
    }

    fn rules(specs: &[ChromeSpec]) -> ChromeRules {
        ChromeRules::new(
            specs
                .iter()
                .map(|s| Arc::new(ChromeRule::compile(s, 1_000_000).unwrap()))
                .collect(),
        )
    }

    const STORY: &str = "The council approved the budget on Tuesday after a long debate, and the mayor said the city would now have to make hard choices.";

    #[test]
    fn phrase_keys_strip_edges_and_counts() {
        assert_eq!(phrase_key("Comments (12)", false), "comments");
        assert_eq!(phrase_key("- Advertisement -", false), "advertisement");
        assert_eq!(phrase_key("STRASSE", false), phrase_key("Straße", false));
        assert_eq!(phrase_key("...", false), "");
    }

    #[test]
    fn first_documents_build_the_programs_their_blocks_may_need() {
        let r = rules(&[
            spec("a.topics", Action::Drop, Some("Related\\s+Topics"), &[]),
            spec("a.related", Action::Drop, Some("Related\\s+\\w+"), &[]),
            spec("a.more", Action::Drop, Some("More\\s+from\\s+\\w+"), &[]),
        ]);
        let built = |i: usize| r.rules()[i].pattern().unwrap().is_built();
        assert!(!(0..3).any(built));
        let v = r.run(&[STORY, "Related Topics", STORY], 0).unwrap();
        assert_eq!(
            v[1],
            Some(Verdict {
                rule: 0,
                cut: false
            })
        );
        // The first rule decided the block, but the second could have run
        // there: built with it. "More from" is in no block: left for a
        // document that needs it.
        assert!(built(0) && built(1) && !built(2));
        r.run(&[STORY, "More from Reuters"], 0).unwrap();
        assert!(built(2));
    }

    #[test]
    fn the_first_rule_in_load_order_decides() {
        let r = rules(&[
            spec("a.share", Action::Drop, None, &["Share this"]),
            spec(
                "a.related",
                Action::CutToEnd,
                Some("Related\\s+Topics"),
                &[],
            ),
        ]);
        let texts = [
            STORY,
            "Share this:",
            STORY,
            "» Related Topics",
            "Teaser one",
            "Teaser two",
        ];
        let v = r.run(&texts, 12).unwrap();
        assert_eq!(v[0], None);
        assert_eq!(
            v[1],
            Some(Verdict {
                rule: 0,
                cut: false
            })
        );
        assert_eq!(
            v[3],
            Some(Verdict {
                rule: 1,
                cut: false
            })
        );
        assert_eq!(v[4], Some(Verdict { rule: 1, cut: true }));
        assert_eq!(v[5], Some(Verdict { rule: 1, cut: true }));
    }

    #[test]
    fn a_cut_needs_story_before_it_and_no_more_prose_after_it() {
        let r = rules(&[spec("a.related", Action::CutToEnd, Some("Related"), &[])]);
        // Too few words before the marker.
        assert_eq!(
            r.run(&["Short.", "Related", "x"], 12).unwrap(),
            [None, None, None]
        );
        // More story prose after the marker than before it.
        let long = "word ".repeat(120) + "end.";
        let v = r.run(&[STORY, "Related", &long], 12).unwrap();
        assert_eq!(v, [None, None, None]);
    }

    #[test]
    fn cut_from_start_takes_what_precedes_once() {
        let r = rules(&[spec(
            "a.top",
            Action::CutFromStart,
            Some("Skip\\s+to\\s+story"),
            &[],
        )]);
        let texts = ["Menu", "Home", "Skip to story", STORY];
        let v = r.run(&texts, 12).unwrap();
        assert_eq!(v[0], Some(Verdict { rule: 0, cut: true }));
        assert_eq!(
            v[2],
            Some(Verdict {
                rule: 0,
                cut: false
            })
        );
        assert_eq!(v[3], None);
    }

    #[test]
    fn windows_and_word_bounds_limit_a_rule() {
        let mut s = spec("a.tag", Action::Drop, Some("Tags?:.*"), &[]);
        s.window = Window::Tail(1);
        s.words = Words {
            min: None,
            max: Some(3),
        };
        let r = rules(&[s]);
        let v = r
            .run(&["Tags: a", STORY, "Tags: b", "Tags: c d e f"], 12)
            .unwrap();
        assert_eq!(v, [None, None, None, None]);
        let v = r.run(&["Tags: a", STORY, "Tags: b"], 12).unwrap();
        assert_eq!(
            v[2],
            Some(Verdict {
                rule: 0,
                cut: false
            })
        );
        assert!(r.matches(0, "Tags: a").unwrap());
    }
}
