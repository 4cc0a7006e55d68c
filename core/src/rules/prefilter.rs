//! Literal prefilters: a pattern runs only on blocks that can hold a match.
//!
//! Most rules never match most blocks, and a substring test costs far less
//! than a search. For each pattern we find *factors*: literal strings, one of
//! which every match contains. All factors of all rules are found in one
//! Aho-Corasick pass over a block, and a rule runs only on the blocks that
//! hold one of its factors. Factors and text are compared by their fold keys
//! (`fold`), which join every pair of characters a pattern may match for each
//! other, so the prefilter can make a rule cheaper, never change what it
//! matches. A pattern without such literals (`\d+`) always runs.
//!
//! Whole-block and prefix patterns without factors are gated instead by the
//! first letter or digit a match can start with: the first character of a
//! block that is not punctuation, a symbol or a space.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_syntax::hir::{Class as HirClass, ClassUnicode, HirKind};

use super::fold;
use super::syntax::{ClassItem, Node, Perl};
use crate::pystr;

/// Shorter factors with letters or digits are in almost every text: not worth a test.
pub const MIN_FACTOR: usize = 3;

/// Literals (fold keys), one of which every match contains, longest first.
pub type Factors = Vec<String>;

/// What a match's first letter or digit can be: a fold key, or any decimal digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gate {
    /// A character, by its fold key.
    Char(char),
    /// Any character of `\d`.
    Digit,
}

fn unicode_class(pattern: &str) -> ClassUnicode {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .expect("a valid class");
    match hir.into_kind() {
        HirKind::Class(HirClass::Unicode(class)) => class,
        _ => unreachable!("a class pattern parses to a class"),
    }
}

fn contains(class: &ClassUnicode, c: char) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < c {
                std::cmp::Ordering::Less
            } else if r.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Punctuation, symbols and spaces: what may surround a marker on its line.
fn edge() -> &'static ClassUnicode {
    static EDGE: OnceLock<ClassUnicode> = OnceLock::new();
    EDGE.get_or_init(|| unicode_class(r"[\p{P}\p{S}\s]"))
}

fn digit() -> &'static ClassUnicode {
    static DIGIT: OnceLock<ClassUnicode> = OnceLock::new();
    DIGIT.get_or_init(|| unicode_class(r"\d"))
}

/// The gate of a block: its first character that is not punctuation, a symbol or a space.
///
/// ```
/// use _core::rules::prefilter::{gate, Gate};
/// use _core::rules::fold::key;
/// assert_eq!(gate("» Il y a"), Some(Gate::Char(key('i'))));
/// assert_eq!(gate("(12) min"), Some(Gate::Digit));
/// assert_eq!(gate("..."), None);
/// ```
pub fn gate(text: &str) -> Option<Gate> {
    let c = text.chars().find(|&c| !contains(edge(), c))?;
    Some(gate_of(c))
}

/// The gate of a letter or digit: any digit's is [`Gate::Digit`], in a text
/// and in a pattern alike.
fn gate_of(c: char) -> Gate {
    if contains(digit(), c) {
        Gate::Digit
    } else {
        Gate::Char(fold::key(c))
    }
}

/// Whether a factor is rare enough to be worth a test: 3 or more characters,
/// or any length without letters or digits (`|`, `©`, `•` are rare in prose).
fn selective(factor: &str) -> bool {
    factor.chars().count() >= MIN_FACTOR || !factor.chars().any(pystr::is_alnum)
}

type Set = BTreeSet<String>;

/// How selective a factor set is: all factors selective, then the longest shortest one.
fn score(found: &Option<Set>) -> (i32, usize, i64) {
    match found {
        None => (-1, 0, 0),
        Some(set) if set.is_empty() => (-1, 0, 0),
        Some(set) => (
            i32::from(set.iter().all(|f| selective(f))),
            set.iter().map(|f| f.chars().count()).min().unwrap_or(0),
            -(set.len() as i64),
        ),
    }
}

/// The factors of a pattern: `None` when some match may hold none of its literals.
///
/// ```
/// use _core::rules::{prefilter::factors, syntax::parse};
/// let node = parse(r"(?:Read|Lesen)\s+(?:more|mehr)", true).unwrap().node;
/// assert_eq!(factors(&node), Some(vec!["LESEN".to_string(), "READ".to_string()]));
/// assert_eq!(factors(&parse(r"\d+\s\d+", false).unwrap().node), None);
/// ```
pub fn factors(node: &Node) -> Option<Factors> {
    let found = of_node(node)?;
    if found.is_empty() || !found.iter().all(|f| selective(f)) {
        return None;
    }
    let mut out: Factors = found.into_iter().collect();
    out.sort_by(|a, b| {
        b.chars()
            .count()
            .cmp(&a.chars().count())
            .then_with(|| a.cmp(b))
    });
    Some(out)
}

fn of_node(node: &Node) -> Option<Set> {
    match node {
        Node::Concat(items) => sequence(items),
        other => sequence(std::slice::from_ref(other)),
    }
}

/// The one fold key a one-character node always matches, if it has one.
fn literal_key(node: &Node) -> Option<char> {
    match node {
        Node::Literal { c, .. } => Some(fold::key(*c)),
        Node::Class(class) if !class.negated => {
            let mut keys = class.items.iter().map(|item| match item {
                ClassItem::Char(c) => Some(fold::key(*c)),
                _ => None,
            });
            let first = keys.next()??;
            keys.all(|k| k == Some(first)).then_some(first)
        }
        _ => None,
    }
}

/// The best factor set of a sequence: the most selective of its elements'.
fn sequence(items: &[Node]) -> Option<Set> {
    let mut best: Option<Set> = None;
    let mut run = String::new();
    let close = |run: &mut String, best: &mut Option<Set>| {
        if !run.is_empty() {
            let candidate = Some(Set::from([std::mem::take(run)]));
            if score(&candidate) > score(best) {
                *best = candidate;
            }
        }
    };
    for item in items {
        if let Some(k) = literal_key(item) {
            run.push(k);
            continue;
        }
        close(&mut run, &mut best);
        let found = element(item);
        if found.is_some() && score(&found) > score(&best) {
            best = found;
        }
    }
    close(&mut run, &mut best);
    best
}

fn element(node: &Node) -> Option<Set> {
    match node {
        Node::Group { node, .. } | Node::Atomic(node) => of_node(node),
        Node::Alt(items) => {
            let mut union = Set::new();
            for item in items {
                let found = of_node(item)?;
                if found.is_empty() {
                    return None; // an alternative without a literal: no factor set
                }
                union.extend(found);
            }
            Some(union)
        }
        Node::Repeat { node, min, .. } if *min >= 1 => of_node(node),
        Node::Class(class) if !class.negated => class
            .items
            .iter()
            .map(|item| match item {
                ClassItem::Char(c) => Some(fold::key(*c).to_string()),
                _ => None,
            })
            .collect(),
        // Classes, anchors, lookarounds, backreferences: no literal.
        _ => None,
    }
}

/// The gates one of which starts every match of a whole-block or prefix
/// pattern (its letters and digits); `None` when a match may start otherwise.
///
/// ```
/// use _core::rules::{prefilter::{first_gates, Gate}, syntax::parse, fold::key};
/// let gates = first_gates(&parse(r"(?:\d{1,3}|una?)\s*min", false).unwrap().node).unwrap();
/// assert_eq!(gates, [Gate::Char(key('u')), Gate::Digit].into_iter().collect());
/// assert_eq!(first_gates(&parse(r"©\s*\d{4}", false).unwrap().node), None);
/// ```
pub fn first_gates(node: &Node) -> Option<BTreeSet<Gate>> {
    let items = match node {
        Node::Concat(items) => items.as_slice(),
        other => std::slice::from_ref(other),
    };
    match first(items) {
        (Some(found), false) if !found.is_empty() => Some(found),
        _ => None,
    }
}

/// (first gates, whether the sequence can match the empty string).
fn first(items: &[Node]) -> (Option<BTreeSet<Gate>>, bool) {
    let mut found = BTreeSet::new();
    for item in items {
        let (sub, nullable) = match item {
            Node::Assert(_) | Node::Look { .. } | Node::Empty => continue, // zero-width
            Node::Literal { c, .. } => {
                if !pystr::is_alnum(*c) {
                    return (None, false);
                }
                found.insert(gate_of(*c));
                return (Some(found), false);
            }
            Node::Class(class) => {
                if class.negated {
                    return (None, false);
                }
                for item in &class.items {
                    match item {
                        ClassItem::Char(c) if pystr::is_alnum(*c) => {
                            found.insert(gate_of(*c));
                        }
                        ClassItem::Range(a, b) if (*b as u32) - (*a as u32) < 64 => {
                            for c in (*a as u32..=*b as u32).filter_map(char::from_u32) {
                                if !pystr::is_alnum(c) {
                                    return (None, false);
                                }
                                found.insert(gate_of(c));
                            }
                        }
                        ClassItem::Perl(Perl::Digit, false) => {
                            found.insert(Gate::Digit);
                        }
                        _ => return (None, false),
                    }
                }
                return (Some(found), false);
            }
            Node::Group { node, .. } | Node::Atomic(node) => {
                first(std::slice::from_ref(node.as_ref()))
            }
            Node::Concat(inner) => first(inner),
            Node::Alt(branches) => {
                let mut union = BTreeSet::new();
                let mut nullable = false;
                for branch in branches {
                    let (part, empty) = first(std::slice::from_ref(branch));
                    match part {
                        Some(part) => union.extend(part),
                        None => return (None, false),
                    }
                    nullable = nullable || empty;
                }
                (Some(union), nullable)
            }
            Node::Repeat { node, min, .. } => {
                let (sub, nullable) = first(std::slice::from_ref(node.as_ref()));
                (sub, nullable || *min == 0)
            }
            Node::Any { .. } | Node::Backref { .. } => return (None, false),
        };
        let Some(sub) = sub else { return (None, false) };
        found.extend(sub);
        if !nullable {
            return (Some(found), false);
        }
    }
    (Some(found), true)
}

/// The factors of many patterns in one Aho-Corasick automaton.
#[derive(Debug)]
pub struct LiteralIndex {
    automaton: Option<AhoCorasick>,
    /// The patterns that own each factor.
    owners: Vec<Vec<u32>>,
    /// The patterns without factors: they can match anywhere.
    always: Vec<u32>,
    size: usize,
}

/// Buffers reused from one block to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    folded: String,
    seen: Vec<u32>,
    round: u32,
}

impl LiteralIndex {
    /// An index of the factor sets of `size` patterns (`None`: always runs).
    pub fn new(factor_sets: &[Option<Factors>]) -> Self {
        let mut literals: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        let mut position = std::collections::HashMap::new();
        for (k, found) in factor_sets.iter().enumerate() {
            match found {
                None => always.push(k as u32),
                Some(found) => {
                    for factor in found {
                        let at = *position.entry(factor.as_str()).or_insert_with(|| {
                            literals.push(factor.as_str());
                            owners.push(Vec::new());
                            owners.len() - 1
                        });
                        if owners[at].last() != Some(&(k as u32)) {
                            owners[at].push(k as u32);
                        }
                    }
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            // A DFA: the fastest to search, and the literals of a rule set are few.
            let dfa = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals);
            let any = || AhoCorasick::new(&literals);
            Some(
                dfa.or_else(|_| any())
                    .expect("literals of bounded size build an automaton"),
            )
        };
        LiteralIndex {
            automaton,
            owners,
            always,
            size: factor_sets.len(),
        }
    }

    /// The patterns (ascending) that can match in `text`.
    pub fn holders(&self, text: &str, scratch: &mut Scratch) -> Vec<u32> {
        let Some(automaton) = &self.automaton else {
            return self.always.clone();
        };
        fold::fold_into(text, &mut scratch.folded);
        if scratch.seen.len() != self.size {
            scratch.seen = vec![0; self.size];
            scratch.round = 0;
        }
        scratch.round = scratch.round.wrapping_add(1);
        if scratch.round == 0 {
            scratch.seen.iter_mut().for_each(|s| *s = 0);
            scratch.round = 1;
        }
        let mut found = self.always.clone();
        for m in automaton.find_overlapping_iter(&scratch.folded) {
            for &k in &self.owners[m.pattern().as_usize()] {
                if scratch.seen[k as usize] != scratch.round {
                    scratch.seen[k as usize] = scratch.round;
                    found.push(k);
                }
            }
        }
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::syntax::parse;

    fn f(pattern: &str) -> Option<Vec<String>> {
        factors(&parse(pattern, true).unwrap().node)
    }

    fn keys(text: &str) -> String {
        fold::fold(text)
    }

    #[test]
    fn factors_of_an_alternation_are_one_literal_per_branch() {
        let found = f(r"(?<![\p{L}])(?:Your\s+email\s+address|E-?Mail)(?![\p{L}])").unwrap();
        assert_eq!(found, [keys("address"), keys("mail")]);
    }

    #[test]
    fn factors_are_folded_and_read_single_letter_classes() {
        assert_eq!(f(r"[Ww]eiterLESEN").unwrap(), [keys("weiterlesen")]);
    }

    #[test]
    fn a_pattern_without_a_required_literal_has_no_factors() {
        assert_eq!(f(r"\d{1,2}\s\d{2}"), None);
        assert_eq!(f(r"\d{1,2}:\d{2}").unwrap(), [":"]);
        assert_eq!(f(r"(?:read|\d+)\s+more").unwrap(), [keys("more")]);
        assert_eq!(f(r"(?:ab|cd)"), None); // too short to be worth a test
        assert_eq!(f(r"x*(?:more)?"), None); // optional parts are not needed
        assert_eq!(f(r"(?=cookie)\w+"), None); // what a lookaround sees is not matched
    }

    #[test]
    fn punctuation_is_a_usable_literal_however_short() {
        assert_eq!(f(r"[^|]{1,40}(?:\s*\|\s*[^|]{1,40}){2,}").unwrap(), ["|"]);
    }

    #[test]
    fn first_gates_of_patterns_without_literals() {
        let g = |p: &str| first_gates(&parse(p, true).unwrap().node);
        let c = |x: char| Gate::Char(fold::key(x));
        assert_eq!(
            g(r"(?:[Ii]l|IL)\s+y\s+a").unwrap(),
            [c('i')].into_iter().collect()
        );
        assert_eq!(g(r"x?y").unwrap(), [c('x'), c('y')].into_iter().collect());
        assert_eq!(g(r"x?"), None); // may match nothing
        assert_eq!(g(r"\p{Lu}\w+"), None); // any capital
        assert_eq!(g(r"(?=a)ab").unwrap(), [c('a')].into_iter().collect());
    }

    #[test]
    fn a_digit_in_a_pattern_has_the_gate_of_a_digit_in_a_text() {
        // A block's gate is Digit for any digit; a pattern's literal digits
        // had their own fold keys as gates, so `1` never matched the block "1".
        let g = |p: &str| first_gates(&parse(p, false).unwrap().node);
        let digit = [Gate::Digit].into_iter().collect();
        assert_eq!(g("1").as_ref(), Some(&digit));
        assert_eq!(g("[0-9]+").as_ref(), Some(&digit));
        assert_eq!(
            g("[1x]").unwrap(),
            [Gate::Digit, Gate::Char(fold::key('x'))]
                .into_iter()
                .collect()
        );
        assert_eq!(gate("» 1 min"), Some(Gate::Digit));
    }

    #[test]
    fn the_index_finds_the_blocks_each_pattern_can_match() {
        let index = LiteralIndex::new(&[
            Some(vec![keys("read more")]),
            None,
            Some(vec![keys("cookie"), keys("datenschutz")]),
        ]);
        let mut scratch = Scratch::default();
        let found: Vec<Vec<u32>> = [
            "The story.",
            "READ MORE: other",
            "Wir nutzen Cookies",
            "Datenschutz",
        ]
        .iter()
        .map(|t| index.holders(t, &mut scratch))
        .collect();
        assert_eq!(found, [vec![1], vec![0, 1], vec![1, 2], vec![1, 2]]);
    }

    #[test]
    fn folding_never_hides_a_case_insensitive_match() {
        let index = LiteralIndex::new(&[Some(vec![keys("straße")]), Some(vec![keys("kelvin")])]);
        let mut scratch = Scratch::default();
        assert_eq!(index.holders("DIE STRAẞE", &mut scratch), [0]);
        assert_eq!(index.holders("\u{212a}ELVIN", &mut scratch), [1]);
    }
}
