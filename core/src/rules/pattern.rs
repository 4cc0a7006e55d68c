//! Rule patterns for the Rust engines: translation and the choice of engine.
//!
//! Rules are written in the syntax of Python's `regex` module. A pattern is
//! read (`syntax`), rewritten where a construct has an equivalent that the
//! linear-time `regex` crate runs, and written out in that crate's syntax.
//! What still needs backtracking (lookaround, backreferences, atomic groups,
//! possessive repeats) runs on `fancy-regex`, under a backtracking limit.
//!
//! The rewrites (`rewrite`) hold for the way the rule uses its pattern
//! ([`Mode`], [`Use`]); the writing (`emit`) closes the semantic gaps between
//! the two syntaxes. `\w`, `\d`, `\s`, `\b` and simple case folding are
//! otherwise the same Unicode definitions in both (measured over every code
//! point; the crates' Unicode tables may be a version older, so characters
//! new in the latest Unicode versions differ). `$` is the end of the text:
//! texts here are lines, without line breaks.

use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

use regex_automata::nfa::thompson::{self, backtrack, pikevm};
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, Input};

use super::emit::{Context, Emitter};
use super::rewrite::{Cont, Rewriter};
use super::syntax::{self, Greed, Node};

/// How a rule applies its pattern to a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole block (Python's `fullmatch`).
    Block,
    /// A prefix of the block (`match`).
    Prefix,
    /// Anywhere in the block (`search`).
    Search,
}

/// What a rule needs of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Only whether there is one (chrome rules).
    Test,
    /// Where it starts and ends, and its groups (replace and extract rules).
    Extents,
}

/// Which engine runs a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// The `regex` crate: linear time.
    Linear,
    /// `fancy-regex`: backtracking, under a limit.
    Fancy,
}

impl EngineKind {
    /// `"regex"` or `"fancy-regex"`.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Linear => "regex",
            EngineKind::Fancy => "fancy-regex",
        }
    }
}

/// Why a pattern cannot be run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// The pattern cannot be read.
    Malformed(String),
    /// The pattern uses a construct no engine here runs.
    Unsupported(String),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::Malformed(what) => write!(f, "bad pattern: {what}"),
            PatternError::Unsupported(what) => write!(f, "pattern not supported: {what}"),
        }
    }
}

impl From<syntax::SyntaxError> for PatternError {
    fn from(err: syntax::SyntaxError) -> Self {
        if err.unsupported {
            PatternError::Unsupported(err.to_string())
        } else {
            PatternError::Malformed(err.to_string())
        }
    }
}

/// Why a run of a pattern gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// It ran past its backtracking limit.
    Timeout,
    /// Its engine refused to compile it (on first use; [`Pattern::compile`] says why).
    Refused,
}

/// A pattern in the syntax of the engine that runs it.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The pattern for the engine, anchored as the mode says.
    pub source: String,
    /// The engine.
    pub engine: EngineKind,
    /// The rewrites made (see the module documentation), for reports and tests.
    pub rewrites: Vec<&'static str>,
    /// For each of Python's group numbers (index 0 is group 1), the engine's groups.
    pub groups: Vec<Vec<usize>>,
    /// Python's group names by number.
    pub names: Vec<Option<String>>,
    /// The pattern as read, before any rewrite.
    pub tree: Node,
}

/// Whether `node` repeats, possessively or inside an atomic group, a body
/// that can match the empty string: `(?:b??a*)*+`. A round that matches
/// nothing ends the loop, and the backtracking engines differ on which of
/// the body's ways they try before such a round: on `ABBaAAaabAAAA`,
/// `(?i:b{0,2}?a*|)*+a*+a*+` matches whole in `fancy-regex`, not in the
/// `regex` module.
fn possessive_loop_over_empty(node: &Node) -> bool {
    let loops_over_empty = |n: &Node| {
        matches!(n, Node::Repeat { node: body, max, .. }
            if max.is_none_or(|m| m > 1) && body.nullable())
    };
    let mut found = false;
    node.walk(&mut |n| {
        found |= match n {
            Node::Repeat {
                greed: Greed::Possessive,
                ..
            } => loops_over_empty(n),
            Node::Atomic(inner) => {
                let mut inner = inner.as_ref();
                while let Node::Group { node, .. } = inner {
                    inner = node; // capturing or not: the loop inside is atomic
                }
                loops_over_empty(inner)
            }
            _ => false,
        }
    });
    found
}

/// Translates a pattern written for Python's `regex` module.
///
/// ```
/// use _core::rules::pattern::{translate, EngineKind, Mode, Use};
/// let t = translate(r"Read\s+more(?![\p{L}\p{N}])", true, Mode::Prefix, Use::Test).unwrap();
/// assert_eq!(t.engine, EngineKind::Linear);
/// let t = translate(r"(\w+) \1", false, Mode::Search, Use::Extents).unwrap();
/// assert_eq!(t.engine, EngineKind::Fancy);
/// ```
pub fn translate(
    pattern: &str,
    ci: bool,
    mode: Mode,
    usage: Use,
) -> Result<Translation, PatternError> {
    let parsed = syntax::parse(pattern, ci)?;
    let mut rewrites = Vec::new();
    let mut rw = Rewriter {
        mode,
        usage,
        rewrites: &mut rewrites,
    };
    let node = rw.node(&parsed.node, &Cont::End, true);
    let fancy = needs_fancy(&node);
    let mut emitter = Emitter::new(parsed.names.len());
    let (open, close) = match mode {
        Mode::Block => ("\\A(?:", ")\\z"),
        Mode::Prefix => ("\\A(?:", ")"),
        Mode::Search => ("", ""),
    };
    emitter.out.push_str(open);
    emitter.node(&node, Context::Top)?;
    emitter.out.push_str(close);
    if fancy {
        let mut bad = None;
        node.walk(&mut |n| {
            if let Node::Backref { group, .. } = n {
                if emitter.groups.get(group - 1).is_some_and(|g| g.len() > 1) {
                    bad = Some(*group);
                }
            }
        });
        if let Some(group) = bad {
            return Err(PatternError::Unsupported(format!(
                "backreference to group {group}, whose name several groups share"
            )));
        }
        if possessive_loop_over_empty(&node) {
            return Err(PatternError::Unsupported(
                "a possessive repeat (or atomic group) of something that can match nothing: \
                 fancy-regex ends such a loop elsewhere than the regex module does"
                    .to_string(),
            ));
        }
    }
    Ok(Translation {
        source: emitter.out,
        engine: if fancy {
            EngineKind::Fancy
        } else {
            EngineKind::Linear
        },
        rewrites,
        groups: emitter.groups,
        names: parsed.names,
        tree: parsed.node,
    })
}

fn needs_fancy(node: &Node) -> bool {
    let mut fancy = false;
    node.walk(&mut |n| {
        if matches!(
            n,
            Node::Look { .. }
                | Node::Atomic(_)
                | Node::Backref { .. }
                | Node::Repeat {
                    greed: Greed::Possessive,
                    ..
                }
        ) {
            fancy = true;
        }
    });
    fancy
}

/// Size limits of the linear engine: large Unicode classes folded for case
/// make big programs, which the default limit (10 MB) can refuse.
const SIZE_LIMIT: usize = 64 << 20;
const DFA_SIZE_LIMIT: usize = 8 << 20;
/// Bytes of the bounded backtracker's record of what it tried (a bit per NFA
/// state and byte of the span): enough for a line under a few hundred states.
const BACKTRACK_VISITED: usize = 1 << 20;

#[derive(Debug)]
enum Engine {
    /// Only tested for a match: a forward search is all it needs.
    Test(Box<LazyRegex>),
    /// Asked for its groups: the same engines, with every group in the NFA.
    Linear(Box<LazyRegex>),
    Fancy(fancy_regex::Regex),
}

/// The DFA's cache and the PikeVM's, the latter made on first use: its size
/// grows with the NFA (slots for every state), and most patterns never need
/// it (the DFA answers, and most texts do not match).
type Caches = (hybrid::dfa::Cache, Option<pikevm::Cache>);

thread_local! {
    /// The bounded backtracker's record, one per thread for every pattern:
    /// reset for each search, it would otherwise be kept by each pattern
    /// that was ever asked for groups, up to [`BACKTRACK_VISITED`] bytes each.
    static BACKTRACK_CACHE: RefCell<Option<backtrack::Cache>> = const { RefCell::new(None) };
}
type CachePool = Pool<
    Caches,
    Box<dyn Fn() -> Caches + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>,
>;

/// A linear-time pattern: a forward lazy DFA answers whether it matches, and
/// the PikeVM gives the match and its groups (and answers where the DFA gives
/// up: a Unicode word boundary on non-ASCII text, a cache that fills too
/// often). Both share one forward NFA, so it compiles in a fraction of the
/// time of a `regex::Regex` (which adds a reverse NFA and more engines): most
/// texts never match, and a match is on a line of text.
struct LazyRegex {
    dfa: hybrid::dfa::DFA,
    pikevm: pikevm::PikeVM,
    /// Groups of a match the DFA found, on the match's span when it is short
    /// enough (its cache, a bit per state and byte, is bounded; the PikeVM's
    /// is the size of the NFA's states times its groups).
    backtrack: backtrack::BoundedBacktracker,
    caches: CachePool,
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LazyRegex")
    }
}

impl LazyRegex {
    /// `groups`: whether matches are asked for their groups, not just their extent.
    fn new(source: &str, groups: bool) -> Result<Self, String> {
        let which = if groups {
            thompson::WhichCaptures::All
        } else {
            thompson::WhichCaptures::Implicit
        };
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(which)
                    .nfa_size_limit(Some(SIZE_LIMIT)),
            )
            .build(source)
            .map_err(|e| e.to_string())?;
        let dfa = hybrid::dfa::Config::new()
            .cache_capacity(DFA_SIZE_LIMIT)
            .unicode_word_boundary(true)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        let dfa = hybrid::dfa::Builder::new()
            .configure(dfa)
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let backtrack = backtrack::Builder::new()
            .configure(backtrack::Config::new().visited_capacity(BACKTRACK_VISITED))
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let d = dfa.clone();
        let create: Box<
            dyn Fn() -> Caches + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe,
        > = Box::new(move || (d.create_cache(), None));
        Ok(LazyRegex {
            dfa,
            pikevm,
            backtrack,
            caches: Pool::new(create),
        })
    }

    fn is_match(&self, text: &str) -> bool {
        self.is_match_at(text, 0)
    }

    fn is_match_at(&self, text: &str, start: usize) -> bool {
        let mut caches = self.caches.get();
        let (dfa_cache, pike_cache) = &mut *caches;
        let input = Input::new(text).range(start..).earliest(true);
        match self.dfa.try_search_fwd(dfa_cache, &input) {
            Ok(found) => found.is_some(),
            // The DFA gave up (a Unicode word boundary beside non-ASCII text):
            // the backtracker answers for a text short enough, the PikeVM else.
            Err(_) => match self
                .backtracked(|backtrack, cache| backtrack.try_is_match(cache, input.clone()))
            {
                Some(found) => found,
                None => self.pikevm.is_match(
                    pike_cache.get_or_insert_with(|| self.pikevm.create_cache()),
                    input,
                ),
            },
        }
    }

    /// `search` run by the bounded backtracker with this thread's record
    /// (reset for it); `None` when the span is too long for the record.
    fn backtracked<T>(
        &self,
        search: impl FnOnce(
            &backtrack::BoundedBacktracker,
            &mut backtrack::Cache,
        ) -> Result<T, regex_automata::MatchError>,
    ) -> Option<T> {
        BACKTRACK_CACHE.with(|shared| {
            let mut shared = shared.borrow_mut();
            let cache = match shared.as_mut() {
                Some(cache) => {
                    cache.reset(&self.backtrack);
                    cache
                }
                None => shared.insert(self.backtrack.create_cache()),
            };
            search(&self.backtrack, cache).ok()
        })
    }

    /// Heap bytes of the program and of this thread's caches.
    fn memory(&self) -> Memory {
        let caches = self.caches.get();
        Memory {
            programs: self.pikevm.get_nfa().memory_usage() + self.dfa.memory_usage(),
            dfa_caches: caches.0.memory_usage(),
            pikevm_caches: caches.1.as_ref().map_or(0, pikevm::Cache::memory_usage),
        }
    }

    /// The first match at or after byte `start`, with all its groups (the
    /// match alone for a program built without them).
    ///
    /// The DFA finds where the leftmost-first match ends; its groups are read
    /// on the text up to there (the text around still decides look-arounds
    /// such as `\b`), by the bounded backtracker when that span is short
    /// enough for it, else by the PikeVM. Both run the same NFA and prefer
    /// the same match: no higher-priority match can be found in a span that
    /// ends earlier which the whole text would not have given.
    fn captures_at(&self, text: &str, start: usize) -> Option<Spans> {
        let mut caches = self.caches.get();
        let (dfa_cache, pike_cache) = &mut *caches;
        let mut caps = self.pikevm.create_captures();
        let mut input = Input::new(text).range(start..);
        match self.dfa.try_search_fwd(dfa_cache, &input) {
            Ok(None) => return None,
            Ok(Some(end)) => input.set_end(end.offset()),
            Err(_) => {} // the DFA gave up: the PikeVM reads the whole text
        }
        let span = input.get_span().len();
        let searched = span <= self.backtrack.max_haystack_len()
            && self
                .backtracked(|backtrack, cache| {
                    backtrack.try_captures(cache, input.clone(), &mut caps)
                })
                .is_some();
        if !searched {
            self.pikevm.captures(
                pike_cache.get_or_insert_with(|| self.pikevm.create_cache()),
                input,
                &mut caps,
            );
        }
        caps.is_match().then(|| {
            (0..caps.group_len())
                .map(|k| caps.get_group(k).map(|m| (m.start, m.end)))
                .collect()
        })
    }
}

/// Builds the programs of `patterns` that are not built yet, spread over the
/// machine's cores (at most 4 threads), and returns when all are built. A
/// program that fails to build is left for the run that uses it to report,
/// as without this. The threads are joined before it returns: a process may
/// fork after it.
pub fn build_programs(patterns: &[&Pattern]) {
    let todo: Vec<&Pattern> = patterns.iter().copied().filter(|p| !p.is_built()).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(todo.len());
    if threads <= 1 {
        for pattern in todo {
            let _ = pattern.compile();
        }
        return;
    }
    // The longest sources first (the costliest programs, most often), each
    // taken by the next free thread: no thread is left with the last long one.
    let mut todo = todo;
    todo.sort_by_key(|p| std::cmp::Reverse(p.source.len()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(pattern) =
                    todo.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let _ = pattern.compile();
                }
            });
        }
    });
}

/// Heap bytes held by linear-time patterns: their programs (the NFA the lazy
/// DFA and the PikeVM share) and the caches of the calling thread.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// The NFAs and the lazy DFAs' fixed parts.
    pub programs: usize,
    /// The lazy DFAs' caches of states and transitions.
    pub dfa_caches: usize,
    /// The PikeVMs' caches (made the first time a PikeVM runs).
    pub pikevm_caches: usize,
}

impl std::ops::AddAssign for Memory {
    fn add_assign(&mut self, other: Memory) {
        self.programs += other.programs;
        self.dfa_caches += other.dfa_caches;
        self.pikevm_caches += other.pikevm_caches;
    }
}

/// A translated pattern, run by the engine its translation chose. The
/// engine's program is built on first use (or by [`Pattern::compile`]): a
/// rule set has hundreds of patterns and a document tries a few of them, so
/// a `Cleaner` starts without paying for the rest.
#[derive(Debug)]
pub struct Pattern {
    engine: OnceLock<Result<Engine, String>>,
    source: String,
    kind: EngineKind,
    usage: Use,
    backtrack_limit: usize,
    /// For each of Python's group numbers (index 0 is group 1), the engine's groups.
    groups: Vec<Vec<usize>>,
    names: Vec<Option<String>>,
    rewrites: Vec<&'static str>,
    tree: Node,
}

/// The groups of one match: spans in bytes, by the engine's group number (0 is the match).
pub type Spans = Vec<Option<(usize, usize)>>;

impl Pattern {
    /// Translates `pattern` (a [`PatternError`] if no engine here runs it);
    /// `backtrack_limit` bounds each run of `fancy-regex`. The engine's
    /// program is built on first use.
    pub fn new(
        pattern: &str,
        ci: bool,
        mode: Mode,
        usage: Use,
        backtrack_limit: usize,
    ) -> Result<Self, PatternError> {
        let t = translate(pattern, ci, mode, usage)?;
        // The program is built on first use (or by `compile`, which a user's
        // rule file goes through when it is loaded): the engines' own refusals
        // (a Unicode property the regex crate does not know, a lookbehind of
        // variable length holding a lookaround) are reported then. Reading the
        // translation again here cost two fifths of compiling a rule set.
        Ok(Pattern {
            engine: OnceLock::new(),
            source: t.source,
            kind: t.engine,
            usage,
            backtrack_limit,
            groups: t.groups,
            names: t.names,
            rewrites: t.rewrites,
            tree: t.tree,
        })
    }

    /// Builds the engine's program now: the error its engine gives, if any
    /// (size limits; the translation has checked everything else).
    pub fn compile(&self) -> Result<(), PatternError> {
        self.program()
            .map(|_| ())
            .map_err(|e| PatternError::Unsupported(e.clone()))
    }

    /// Whether the engine's program is built (or its build was tried and failed).
    pub fn is_built(&self) -> bool {
        self.engine.get().is_some()
    }

    fn program(&self) -> Result<&Engine, &String> {
        self.engine
            .get_or_init(|| build(&self.source, self.kind, self.usage, self.backtrack_limit))
            .as_ref()
    }

    /// What the pattern holds in memory: nothing before its program is built;
    /// for the backtracking engine, nothing is counted.
    pub fn memory(&self) -> Memory {
        match self.engine.get() {
            Some(Ok(Engine::Test(re) | Engine::Linear(re))) => re.memory(),
            _ => Memory::default(),
        }
    }

    /// The engine that runs the pattern.
    pub fn engine(&self) -> EngineKind {
        self.kind
    }

    /// The pattern as read (Python's syntax), before any rewrite.
    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// The rewrites the translation made.
    pub fn rewrites(&self) -> &[&'static str] {
        &self.rewrites
    }

    /// Python's group names by number (index 0 is group 1).
    pub fn names(&self) -> &[Option<String>] {
        &self.names
    }

    /// Whether the pattern matches `text` (as its mode says).
    pub fn is_match(&self, text: &str) -> Result<bool, Failure> {
        match self.program().map_err(|_| Failure::Refused)? {
            Engine::Test(re) => Ok(re.is_match(text)),
            Engine::Linear(re) => Ok(re.is_match(text)),
            Engine::Fancy(re) => re.is_match(text).map_err(|_| Failure::Timeout),
        }
    }

    /// The first match at or after byte `start`, with its groups.
    /// A pattern compiled for [`Use::Test`] gives the match alone, without groups.
    pub fn captures_at(&self, text: &str, start: usize) -> Result<Option<Spans>, Failure> {
        match self.program().map_err(|_| Failure::Refused)? {
            // Without groups in its NFA, a Test program's "groups" are the match.
            Engine::Test(re) | Engine::Linear(re) => Ok(re.captures_at(text, start)),
            Engine::Fancy(re) => match re.captures_from_pos(text, start) {
                Ok(found) => Ok(found.map(|caps| {
                    caps.iter()
                        .map(|m| m.map(|m| (m.start(), m.end())))
                        .collect()
                })),
                Err(_) => Err(Failure::Timeout),
            },
        }
    }

    /// The span of Python's group `number` (0 is the whole match) in a match's spans.
    ///
    /// Groups that share a name are one group in Python: the one that took
    /// part in the match, the latest one if several did.
    pub fn group(&self, spans: &Spans, number: usize) -> Option<(usize, usize)> {
        if number == 0 {
            return spans.first().copied().flatten();
        }
        let physical = self.groups.get(number - 1)?;
        physical
            .iter()
            .filter_map(|&k| spans.get(k).copied().flatten())
            .max_by_key(|&(start, end)| (end, std::cmp::Reverse(start)))
    }

    /// Python's group number of a group name.
    pub fn group_number(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n.as_deref() == Some(name))
            .map(|k| k + 1)
    }

    /// How many groups Python counts.
    pub fn group_count(&self) -> usize {
        self.names.len()
    }
}

/// The engine's program for a translated pattern.
fn build(
    source: &str,
    kind: EngineKind,
    usage: Use,
    backtrack_limit: usize,
) -> Result<Engine, String> {
    Ok(match kind {
        EngineKind::Linear => {
            let groups = usage != Use::Test;
            let re = Box::new(
                LazyRegex::new(source, groups)
                    .map_err(|e| format!("the regex crate refuses it: {e}"))?,
            );
            if groups {
                Engine::Linear(re)
            } else {
                Engine::Test(re)
            }
        }
        EngineKind::Fancy => Engine::Fancy(
            fancy_regex::RegexBuilder::new(source)
                .backtrack_limit(backtrack_limit)
                .delegate_size_limit(SIZE_LIMIT)
                .delegate_dfa_size_limit(DFA_SIZE_LIMIT)
                .build()
                .map_err(|e| fancy_problem(&e))?,
        ),
    })
}

fn fancy_problem(err: &fancy_regex::Error) -> String {
    use fancy_regex::{CompileError, Error};
    match err {
        Error::CompileError(e) => match e.as_ref() {
            CompileError::LookBehindNotConst => {
                "lookbehind of variable length holding a lookaround or backreference".to_string()
            }
            other => format!("fancy-regex refuses it: {other}"),
        },
        other => format!("fancy-regex refuses it: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The groups the PikeVM gives on the whole text from `start`: what
    /// `captures_at` gave before it read the match's span only.
    fn whole_text_groups(re: &LazyRegex, text: &str, start: usize) -> Option<Spans> {
        let mut cache = re.pikevm.create_cache();
        let mut caps = re.pikevm.create_captures();
        re.pikevm
            .captures(&mut cache, Input::new(text).range(start..), &mut caps);
        caps.is_match().then(|| {
            (0..caps.group_len())
                .map(|k| caps.get_group(k).map(|m| (m.start, m.end)))
                .collect()
        })
    }

    #[test]
    fn groups_read_on_the_match_span_are_those_of_the_whole_text() {
        let long = "word ".repeat(400);
        let cases: &[(&str, &str)] = &[
            // priority among alternatives, a lazy repeat, a word boundary and an
            // end anchor just past the match's end, an empty group
            (r"(?P<a>ab|abc)(?P<b>c?)", "xxabcd"),
            (
                r"By\s+(?P<author>\w+(?:\s\w+)*?)(?:,|$)",
                "By Jane Doe, Reuters",
            ),
            (r"(?P<w>\w+)\b", "  héllo wörld"),
            (r"(?P<x>a+)$", "baaa"),
            (r"(?P<x>a+)$", "baaab"),
            (r"(?P<d>\d{4})(?P<e>)", "in 2024 and 2025"),
        ];
        for (&(pattern, text), groups) in cases.iter().flat_map(|c| [(c, true), (c, false)]) {
            let re = LazyRegex::new(pattern, groups).unwrap();
            for start in [0, 1, 2] {
                assert_eq!(
                    re.captures_at(text, start),
                    whole_text_groups(&re, text, start),
                    "{pattern} on {text:?} from {start}"
                );
            }
            let padded = format!("{long}{text}{long}");
            assert_eq!(
                re.captures_at(&padded, 0),
                whole_text_groups(&re, &padded, 0),
                "{pattern} in a long text"
            );
        }
    }

    #[test]
    fn a_short_match_leaves_the_pikevm_cache_unmade() {
        // The PikeVM's cache is the NFA's states times its groups: a big class
        // repeated makes it megabytes; the backtracker reads a line's match
        // (from where the search starts to the end of the match).
        let re = LazyRegex::new(r"(?P<name>[\p{L} ]{1,60}) said", true).unwrap();
        let text = format!("Jane Doe said so{}", ". More words".repeat(500));
        assert_eq!(re.captures_at(&text, 0).unwrap()[1], Some((0, 8)));
        assert_eq!(
            re.caches.get().1.as_ref().map(pikevm::Cache::memory_usage),
            None
        );
    }

    #[test]
    fn where_the_dfa_gives_up_the_backtracker_answers_short_texts() {
        // A Unicode word boundary beside non-ASCII text stops the lazy DFA.
        let re = LazyRegex::new(r"\bmehr\b", false).unwrap();
        for (text, expected) in [
            ("Lesen Sie mehr über München", true),
            ("Lesen Sie mehrfach über München", false),
            ("Straße mehr", true),
        ] {
            assert_eq!(re.is_match(text), expected, "{text}");
            let input = Input::new(text);
            assert_eq!(
                re.pikevm.is_match(&mut re.pikevm.create_cache(), input),
                expected
            );
        }
        assert_eq!(
            re.caches.get().1.as_ref().map(pikevm::Cache::memory_usage),
            None
        );
        // Too long for the backtracker's record: the PikeVM answers.
        let long = format!("{} mehr", "Größe ".repeat(400_000));
        assert!(re.is_match(&long));
        assert!(!re.is_match(&long.replace("mehr", "mehrere")));
    }

    #[test]
    fn patterns_share_one_backtracker_record_and_keep_their_own_groups() {
        // Alternating patterns of different sizes on one thread: the record
        // is reset for each, and what one left behind never shows in another's
        // groups.
        let byline = LazyRegex::new(r"By (?P<name>\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)*)", true).unwrap();
        let year = LazyRegex::new(r"(?P<y>\d{4})-(?P<m>\d{2})", true).unwrap();
        let long = "word ".repeat(2000);
        for _ in 0..3 {
            let text = format!("{long}By Jane Doe on 2024-05 and more");
            let got = byline.captures_at(&text, 0).unwrap();
            assert_eq!(&text[got[1].unwrap().0..got[1].unwrap().1], "Jane Doe");
            assert_eq!(
                year.captures_at("Filed 2024-05", 0).unwrap()[2],
                Some((11, 13))
            );
            assert_eq!(year.captures_at("no date here", 0), None);
        }
        let held =
            BACKTRACK_CACHE.with(|c| c.borrow().as_ref().map(backtrack::Cache::memory_usage));
        assert!(held.is_some_and(|bytes| bytes <= BACKTRACK_VISITED + 4096));
    }

    #[test]
    fn build_programs_builds_every_pattern_once() {
        let patterns: Vec<Pattern> = ["Related\\s+\\w+", "(?i)share\\s+this", "a{2,40}"]
            .iter()
            .map(|p| Pattern::new(p, false, Mode::Search, Use::Test, 1000).unwrap())
            .collect();
        let refs: Vec<&Pattern> = patterns.iter().collect();
        assert!(refs.iter().all(|p| !p.is_built()));
        build_programs(&refs);
        assert!(refs.iter().all(|p| p.is_built()));
        assert!(patterns[0].is_match("More: Related stories").unwrap());
        build_programs(&refs); // nothing left to build
    }

    #[test]
    fn a_backtracking_program_is_built_on_first_use_and_its_refusal_reported_then() {
        let behind = Pattern::new(r"(\w+) \1", false, Mode::Search, Use::Test, 1000).unwrap();
        assert_eq!(behind.engine(), EngineKind::Fancy);
        assert!(!behind.is_built()); // a Cleaner's first document builds only what it needs
        assert!(behind.is_match("it was was so").unwrap());
        assert!(behind.is_built());
        let refused =
            Pattern::new(r"(?<=(?=a)\w+)b", false, Mode::Search, Use::Test, 1000).unwrap();
        let err = refused.compile().unwrap_err().to_string();
        assert!(err.contains("lookbehind of variable length"), "{err}");
    }

    fn t(pattern: &str, ci: bool, mode: Mode, usage: Use) -> Translation {
        translate(pattern, ci, mode, usage).unwrap()
    }

    #[test]
    fn a_possessive_loop_over_what_can_match_nothing_is_refused() {
        for pattern in [r"(?i:b{0,2}?a*|)*+a*+a*+", r"(?>(?:b??a*)*)x", r"(?:a|)++"] {
            let err = translate(pattern, false, Mode::Block, Use::Test).unwrap_err();
            assert!(
                err.to_string().contains("can match nothing"),
                "{pattern}: {err}"
            );
        }
        // a body that always takes a character, or a loop of one round, is fine
        for pattern in [r"(?:ab)*+c", r"a*+b", r"(?>a*)b", r"(?:a?)?+b"] {
            assert!(
                translate(pattern, false, Mode::Block, Use::Test).is_ok(),
                "{pattern}"
            );
        }
    }

    fn linear(pattern: &str, ci: bool, mode: Mode, usage: Use) -> String {
        let t = t(pattern, ci, mode, usage);
        assert_eq!(t.engine, EngineKind::Linear, "{pattern} -> {}", t.source);
        t.source
    }

    fn fancy(pattern: &str, ci: bool, mode: Mode, usage: Use) -> String {
        let t = t(pattern, ci, mode, usage);
        assert_eq!(t.engine, EngineKind::Fancy, "{pattern} -> {}", t.source);
        t.source
    }

    fn matches(pattern: &str, ci: bool, mode: Mode, usage: Use, text: &str) -> bool {
        Pattern::new(pattern, ci, mode, usage, 1_000_000)
            .unwrap()
            .is_match(text)
            .unwrap()
    }

    #[test]
    fn plain_constructs_go_to_the_linear_engine() {
        assert_eq!(
            linear(r"a\s+b", false, Mode::Search, Use::Extents),
            r"a\s+b"
        );
        assert_eq!(
            linear(r"(?:x|y)z", false, Mode::Block, Use::Test),
            r"\A(?:(?:x|y)z)\z"
        );
        assert_eq!(linear(r"x|y", false, Mode::Prefix, Use::Test), r"\A(?:x|y)");
        assert_eq!(
            linear(r"a{,3}?b{2}c{1,}", false, Mode::Search, Use::Extents),
            r"a{0,3}?b{2}c+"
        );
        assert_eq!(
            linear(r"\d\w\S\p{Lu}\P{N}", false, Mode::Search, Use::Extents),
            r"\d\w\S\p{Lu}\P{N}"
        );
        assert_eq!(
            linear(r"^a$|\Z", false, Mode::Search, Use::Extents),
            r"\Aa\z|\z"
        );
        assert_eq!(
            linear(r"\bx\B\my\M", false, Mode::Search, Use::Extents),
            r"\bx\B\b{start}y\b{end}"
        );
        assert_eq!(
            linear(r"(?P<a>x)(?:y)", false, Mode::Search, Use::Extents),
            r"(x)y"
        );
        assert_eq!(
            linear(r".(?s:.)", false, Mode::Search, Use::Extents),
            r".(?s:.)"
        );
    }

    #[test]
    fn classes_are_escaped_for_the_regex_crate() {
        assert_eq!(
            linear(r"[\w-.&&~[]", false, Mode::Search, Use::Extents),
            r"[\w\-.\&\&\~\[]"
        );
        assert_eq!(
            linear(r"[^]a-c]", false, Mode::Search, Use::Extents),
            r"[^\]a-c]"
        );
        assert_eq!(
            linear("[\\t ]", false, Mode::Search, Use::Extents),
            r"[\x{9} ]"
        );
    }

    #[test]
    fn case_insensitive_gaps_are_closed() {
        // Python's regex matches \p{Lu} ignoring case as any cased letter.
        let src = linear(r"\p{Lu}[\p{Ll}x]", true, Mode::Search, Use::Extents);
        assert_eq!(src, r"\p{LC}[Xx\p{LC}]");
        assert!(matches(r"\p{Lu}", true, Mode::Block, Use::Test, "ĸ"));
        assert!(!matches(r"\p{Lu}", false, Mode::Block, Use::Test, "ĸ"));
        // ... and folds i with İ, I with ı.
        assert!(matches(
            "istanbul",
            true,
            Mode::Block,
            Use::Test,
            "İSTANBUL"
        ));
        assert!(matches(
            "ISTANBUL",
            true,
            Mode::Block,
            Use::Test,
            "ıstanbul"
        ));
        assert!(matches("[a-z]+", true, Mode::Block, Use::Test, "İzmir"));
        assert!(!matches(
            "istanbul",
            false,
            Mode::Block,
            Use::Test,
            "İstanbul"
        ));
        assert!(!matches("[^i]", true, Mode::Block, Use::Test, "İ"));
        // Scoped flags.
        assert_eq!(
            linear("ab(?-i:c)", true, Mode::Search, Use::Extents),
            "(?i:ab)c"
        );
        assert!(matches("a(?-i:b)", true, Mode::Block, Use::Test, "Ab"));
        assert!(!matches("a(?-i:b)", true, Mode::Block, Use::Test, "AB"));
    }

    #[test]
    fn possessive_repeats_that_give_back_nothing_are_greedy() {
        // What follows never starts with a character of the repeat.
        assert_eq!(
            linear(r"\w++\s", false, Mode::Search, Use::Extents),
            r"\w+\s"
        );
        assert_eq!(
            linear(r"a*+$", false, Mode::Block, Use::Extents),
            r"\A(?:a*\z)\z"
        );
        assert_eq!(
            linear(r"(?>\d+)x", false, Mode::Search, Use::Extents),
            r"\d+x"
        );
        // An unbounded repeat after it takes back what it would give.
        let src = linear(
            r"[\p{L}.]*+(?:\s++\p{Lu})?[\p{P}\s]*",
            false,
            Mode::Block,
            Use::Test,
        );
        assert!(!src.contains("*+") && !src.contains("++"), "{src}");
        // Giving back could help: stays possessive.
        fancy(r"a*+a", false, Mode::Search, Use::Test);
        fancy(r"[ab]*+b?c", false, Mode::Search, Use::Test);
        fancy(r"\w*+\b", false, Mode::Search, Use::Test);
        fancy(r"(?:ab)*+c", false, Mode::Search, Use::Test);
    }

    #[test]
    fn possessive_rewrites_keep_every_answer() {
        let cases = [
            (
                r"[\p{L}.]*+(?:\s++\p{Lu})?[\p{P}\s]*",
                ["Ab.", "Ab. Cd", "Ab. cd", "Ab..!", "", "A b"],
            ),
            (
                r"x\w++\s*[!?]*",
                ["xab !", "xab", "xa  ?!", "x !", "x!", "xa_y!"],
            ),
        ];
        for (pattern, texts) in cases {
            let fast = Pattern::new(pattern, false, Mode::Block, Use::Test, 1_000_000).unwrap();
            assert_eq!(fast.engine(), EngineKind::Linear);
            let slow = fancy_regex::Regex::new(&format!(r"\A(?:{pattern})\z")).unwrap();
            for text in texts {
                assert_eq!(
                    fast.is_match(text).unwrap(),
                    slow.is_match(text).unwrap(),
                    "{pattern} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn lookarounds_at_the_edges_of_a_tested_pattern_are_rewritten() {
        // The phrase rules' word edges.
        let src = linear(
            r"[\p{P}]*(?:Read\s+more)(?![\p{L}\p{N}])",
            true,
            Mode::Prefix,
            Use::Test,
        );
        assert!(src.ends_with(r"(?:[^\p{L}\p{N}]|\z))"), "{src}");
        let src = linear(
            r"(?<![\p{L}\p{N}])(?:cookies)(?![\p{L}\p{N}])",
            true,
            Mode::Search,
            Use::Test,
        );
        assert!(
            src.starts_with(r"(?:\A|[^\p{L}\p{N}])(?i:cook[iİ]es)"),
            "{src}"
        );
        assert!(matches(
            r"(?<![\p{L}\p{N}])(?:cookies)(?![\p{L}\p{N}])",
            true,
            Mode::Search,
            Use::Test,
            "We use Cookies."
        ));
        assert!(!matches(
            r"(?<![\p{L}\p{N}])(?:cookies)(?![\p{L}\p{N}])",
            true,
            Mode::Search,
            Use::Test,
            "Cookiesx"
        ));
        // Whole-block match: a negative lookahead at the end always holds.
        assert_eq!(
            linear(r"ab(?!c)", false, Mode::Block, Use::Test),
            r"\A(?:ab)\z"
        );
        // Anchored match: a negative lookbehind at the start always holds.
        assert_eq!(
            linear(r"(?<!x)ab", false, Mode::Prefix, Use::Test),
            r"\A(?:ab)"
        );
        // A positive lookahead at the end of a searched pattern is what it looks for.
        assert_eq!(linear(r"ab(?=c)", false, Mode::Search, Use::Test), r"abc");
    }

    #[test]
    fn lookarounds_stay_where_extents_matter_or_the_context_is_unknown() {
        fancy(r"ab(?![\p{L}])", false, Mode::Search, Use::Extents);
        fancy(r"(?<!x)ab", false, Mode::Search, Use::Extents);
        fancy(r"a(?!b)c", false, Mode::Search, Use::Test);
        fancy(r"(?!.*[.!?]$)\w+", false, Mode::Block, Use::Test);
        fancy(r"x(?<!\|[\p{P}\s]*)y", false, Mode::Block, Use::Test);
        fancy(r"(?<![(]\s{0,2})All", false, Mode::Search, Use::Test);
        fancy(r"(\w)\1", false, Mode::Search, Use::Test);
    }

    #[test]
    fn variable_length_lookbehind_runs() {
        let p = Pattern::new(
            r"[\p{P}\s]*(?:(?<!\|[\p{P}\s]*)x)",
            false,
            Mode::Block,
            Use::Test,
            1_000_000,
        )
        .unwrap();
        assert!(p.is_match("- x").unwrap());
        assert!(!p.is_match("| - x").unwrap());
    }

    #[test]
    fn groups_of_one_name_are_one_group() {
        let p = Pattern::new(
            r"(?P<a>x)(?P<b>y)|(?P<a>z)(w)",
            false,
            Mode::Search,
            Use::Extents,
            1000,
        )
        .unwrap();
        assert_eq!(p.group_count(), 3);
        let spans = p.captures_at("zw", 0).unwrap().unwrap();
        assert_eq!(p.group(&spans, p.group_number("a").unwrap()), Some((0, 1)));
        assert_eq!(p.group(&spans, 3), Some((1, 2)));
        assert_eq!(p.group(&spans, 2), None);
    }

    #[test]
    fn unknown_properties_and_shared_backreferences_are_refused() {
        let err = translate(r"\p{InBasicLatin}", false, Mode::Search, Use::Test).unwrap_err();
        assert!(err.to_string().contains(r"\p{InBasicLatin}"), "{err}");
        let err =
            translate(r"(?P<a>x)|(?P<a>y)(?P=a)", false, Mode::Search, Use::Test).unwrap_err();
        assert!(err.to_string().contains("backreference"), "{err}");
    }

    /// Every construct the shipped rules use, matched as Python's `regex` matches it.
    #[test]
    fn constructs_of_the_shipped_rules_match_as_in_python() {
        let cases: &[(&str, bool, Mode, &str, bool)] = &[
            // classes and their escapes
            (r"\S+\s\W\w", false, Mode::Block, "ab !x", true),
            (r"\d{1,2}[./]\d{4}", false, Mode::Block, "17.2023", true),
            (r"\d{1,2}[./]\d{4}", false, Mode::Block, "17-2023", false),
            (r"[\s\S]*", false, Mode::Block, "any\u{2028}thing", true),
            (r"[^()]{2,60}?\)", false, Mode::Block, "Reuters)", true),
            (r"[\p{L}'’.-]+", false, Mode::Block, "O’Neil-Smith.", true),
            (
                r"[\p{P}\p{S}\s]*x[\p{P}\p{S}\s]*",
                false,
                Mode::Block,
                "» x: ©",
                true,
            ),
            // any character but a line break; a lazy repeat
            (r"a.{0,3}?b", false, Mode::Block, "a\nb", false),
            (r"a.{0,3}?b", false, Mode::Block, "axxb", true),
            // scoped flags: a macro ignoring case inside a case-sensitive rule, and back
            (r"By\s+(?i:june)", false, Mode::Block, "By JUNE", true),
            (r"By\s+(?i:june)", false, Mode::Block, "BY june", false),
            (r"x(?-i:\p{Lu})", true, Mode::Block, "Xa", false),
            (r"x(?-i:\p{Lu})", true, Mode::Block, "XA", true),
            // word boundaries, start and end
            (
                r"\bCopyright\b",
                false,
                Mode::Search,
                "© Copyright 2024",
                true,
            ),
            (r"\bCopyright\b", false, Mode::Search, "Copyrighted", false),
            (r"here\W*$", true, Mode::Search, "Sign up HERE!", true),
            (r"here\W*$", true, Mode::Search, "here we go", false),
            // alternatives tried in order within a whole-block match
            (r"(?:Post|Posts?)s", false, Mode::Block, "Posts", true),
            // a prefix: the match need not reach the end
            (r"Follow\s+us", false, Mode::Prefix, "Follow us on X", true),
            (r"Follow\s+us", false, Mode::Prefix, "» Follow us", false),
        ];
        for &(pattern, ci, mode, text, expected) in cases {
            let p = Pattern::new(pattern, ci, mode, Use::Test, 1_000_000).unwrap();
            assert_eq!(p.is_match(text).unwrap(), expected, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn hostile_patterns_run_in_linear_time_or_hit_the_limit() {
        let text = "a".repeat(200_000) + "!";
        let start = std::time::Instant::now();
        let p = Pattern::new(r"(a+)+$", false, Mode::Search, Use::Extents, 1_000_000).unwrap();
        assert_eq!(p.engine(), EngineKind::Linear);
        assert!(!p.is_match(&text).unwrap());
        let p = Pattern::new(r"(\w+\s?)+!", false, Mode::Block, Use::Test, 1_000_000).unwrap();
        assert!(!p.is_match(&(" word".repeat(50_000) + "x")).unwrap());
        assert!(start.elapsed().as_secs_f64() < 5.0);
        // Backtracking is needed here: the limit stops it.
        let p = Pattern::new(r"(a+)+(?<!b)$", false, Mode::Search, Use::Extents, 100_000).unwrap();
        assert_eq!(p.engine(), EngineKind::Fancy);
        assert_eq!(p.is_match(&"a".repeat(40)).map(|_| ()).err(), None);
        assert_eq!(p.is_match(&("a".repeat(40) + "!")), Err(Failure::Timeout));
    }
}
