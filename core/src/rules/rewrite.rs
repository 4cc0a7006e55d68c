//! Rewrites of a pattern's tree into constructs the linear-time `regex` crate
//! runs, where the result is the same for the way the rule uses its pattern
//! ([`Mode`], [`Use`]):
//!
//! - A possessive repeat of one character (`X*+`, `(?>X*)`) is greedy when
//!   giving characters back can never let the rest of the pattern match:
//!   everything that can come next either matches no character of `X`, or is
//!   an unbounded repeat (`Y*`) that would take the character back itself.
//!   Then the greedy repeat fails or succeeds exactly where the possessive
//!   one does, with the same match.
//! - Only when a rule tests whether a pattern matches ([`Use::Test`]): a
//!   lookahead at the end of the pattern becomes what it looks for
//!   (`(?=R)` -> `R`, `(?!C)` -> `(?:[^C]|\z)` for one character `C`); a
//!   lookbehind at the start of a searched pattern likewise (`(?<!C)` ->
//!   `(?:\A|[^C])`); a negative lookaround that needs a character where
//!   there is none (the start of an anchored match, the end of a whole-block
//!   match) is dropped. These change where a match starts or ends, never
//!   whether there is one, so they are not made for replace rules.

use regex_syntax::hir::{Class as HirClass, ClassUnicode, HirKind};

use super::emit::{Context, Emitter};
use super::pattern::{Mode, Use};
use super::syntax::{Assertion, Class, ClassItem, Greed, Node};

/// What may follow a point of the pattern.
pub(crate) enum Cont<'a> {
    /// The end of the pattern.
    End,
    /// The end of a lookaround's or an atomic group's body: what follows the
    /// group is not known here, and the group never gives back what it took.
    Body,
    /// These items, then the rest.
    Seq(&'a [Node], &'a Cont<'a>),
    /// Another round of a repeat's body, or the rest.
    Loop(&'a Node, &'a Cont<'a>),
}

impl Cont<'_> {
    /// Whether nothing at all can follow.
    fn is_end(&self) -> bool {
        match self {
            Cont::End => true,
            Cont::Body => false,
            Cont::Seq(items, next) => items.iter().all(|n| *n == Node::Empty) && next.is_end(),
            Cont::Loop(..) => false,
        }
    }
}

/// The first things a continuation can match.
#[derive(Default)]
struct Firsts {
    /// Characters one of which the continuation can start with, and whether
    /// they come from an unbounded repeat of one character (`Y*`).
    items: Vec<(ClassUnicode, bool)>,
    /// A zero-width assertion, lookaround or backreference comes first.
    assertion: bool,
    /// `$` comes first (it matches before a final line break).
    dollar: bool,
}

impl Firsts {
    fn of_cont(&mut self, cont: &Cont) {
        match cont {
            Cont::End | Cont::Body => {}
            Cont::Seq(items, next) => {
                for item in items.iter() {
                    self.of_node(item);
                    if !item.nullable() {
                        return;
                    }
                }
                self.of_cont(next);
            }
            Cont::Loop(body, next) => {
                // A round that matches nothing ends a loop on a backtracking
                // engine: characters given back to a body that can match
                // nothing may end the loop elsewhere, and what follows it
                // then sees other text ((?:b??a*+)*+ is not (?:b??a*)*+).
                if body.nullable() {
                    self.assertion = true;
                }
                self.of_node(body);
                self.of_cont(next);
            }
        }
    }

    fn of_node(&mut self, node: &Node) {
        match node {
            Node::Empty => {}
            Node::Literal { .. } | Node::Class(_) | Node::Any { .. } => match char_set(node) {
                Some(set) => self.items.push((set, false)),
                None => self.assertion = true,
            },
            Node::Repeat {
                node: inner,
                min: 0,
                max: None,
                ..
            } if inner.is_single_char() => match char_set(inner) {
                Some(set) => self.items.push((set, true)),
                None => self.assertion = true,
            },
            Node::Repeat { node: inner, .. }
            | Node::Group { node: inner, .. }
            | Node::Atomic(inner) => self.of_node(inner),
            Node::Concat(items) => {
                for item in items {
                    self.of_node(item);
                    if !item.nullable() {
                        break;
                    }
                }
            }
            Node::Alt(items) => items.iter().for_each(|n| self.of_node(n)),
            Node::Assert(Assertion::EndText) => {}
            Node::Assert(Assertion::End) => self.dollar = true,
            Node::Assert(_) | Node::Look { .. } | Node::Backref { .. } => self.assertion = true,
        }
    }
}

pub(crate) struct Rewriter<'r> {
    /// How the rule applies the pattern.
    pub(crate) mode: Mode,
    /// What the rule needs of a match.
    pub(crate) usage: Use,
    /// The rewrites made, named.
    pub(crate) rewrites: &'r mut Vec<&'static str>,
}

impl Rewriter<'_> {
    /// `node` rewritten; `cont` is what follows it, `leading` whether nothing precedes it.
    pub(crate) fn node(&mut self, node: &Node, cont: &Cont, leading: bool) -> Node {
        match node {
            Node::Concat(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut lead = leading;
                for (k, item) in items.iter().enumerate() {
                    let rest = Cont::Seq(&items[k + 1..], cont);
                    out.push(self.node(item, &rest, lead));
                    lead = lead && *item == Node::Empty;
                }
                Node::Concat(out)
            }
            Node::Alt(items) => {
                Node::Alt(items.iter().map(|n| self.node(n, cont, leading)).collect())
            }
            Node::Group {
                capture,
                node: inner,
            } => Node::Group {
                capture: *capture,
                node: Box::new(self.node(inner, cont, leading)),
            },
            Node::Repeat {
                node: inner,
                min,
                max,
                greed,
            } => {
                let again = Cont::Loop(inner, cont);
                let inner_cont = if *max == Some(1) { cont } else { &again };
                let new_inner = self.node(inner, inner_cont, false);
                let mut greed = *greed;
                if greed == Greed::Possessive
                    && inner.is_single_char()
                    && self.gives_back_nothing(inner, cont)
                {
                    greed = Greed::Greedy;
                    self.rewrites.push("possessive repeat as greedy");
                }
                Node::Repeat {
                    node: Box::new(new_inner),
                    min: *min,
                    max: *max,
                    greed,
                }
            }
            Node::Atomic(inner) => {
                let inner = unwrap_group(inner);
                if inner.is_single_char() {
                    self.rewrites
                        .push("atomic group of one character as the character");
                    return inner.clone();
                }
                if let Node::Repeat {
                    node: x,
                    min,
                    max,
                    greed: Greed::Greedy | Greed::Possessive,
                } = inner
                {
                    if x.is_single_char() && self.gives_back_nothing(x, cont) {
                        self.rewrites.push("atomic repeat as greedy");
                        return Node::Repeat {
                            node: x.clone(),
                            min: *min,
                            max: *max,
                            greed: Greed::Greedy,
                        };
                    }
                }
                Node::Atomic(Box::new(self.node(inner, &Cont::Body, false)))
            }
            Node::Look {
                behind,
                negative,
                node: inner,
            } => {
                if let Some(rewritten) = self.lookaround(*behind, *negative, inner, cont, leading) {
                    return rewritten;
                }
                Node::Look {
                    behind: *behind,
                    negative: *negative,
                    node: Box::new(self.node(inner, &Cont::Body, false)),
                }
            }
            other => other.clone(),
        }
    }

    /// Whether a possessive repeat of `x` followed by `cont` matches as a greedy one.
    fn gives_back_nothing(&self, x: &Node, cont: &Cont) -> bool {
        let Some(set) = char_set(x) else { return false };
        let mut firsts = Firsts::default();
        firsts.of_cont(cont);
        if firsts.assertion
            || (firsts.dollar
                && set
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= '\n' && '\n' <= r.end()))
        {
            return false;
        }
        firsts.items.iter().all(|(next, star)| {
            if *star {
                return true;
            }
            let mut both = set.clone();
            both.intersect(next);
            both.ranges().is_empty()
        })
    }

    fn lookaround(
        &mut self,
        behind: bool,
        negative: bool,
        inner: &Node,
        cont: &Cont,
        leading: bool,
    ) -> Option<Node> {
        if self.usage != Use::Test {
            return None;
        }
        let plain = !has_assertions(inner);
        if !behind && cont.is_end() {
            if self.mode == Mode::Block {
                // Nothing follows but the end of the text.
                if negative && !inner.nullable() {
                    self.rewrites
                        .push("negative lookahead at the end of a whole-block match dropped");
                    return Some(Node::Empty);
                }
                return None;
            }
            if !negative && plain {
                self.rewrites
                    .push("lookahead at the end as what it looks for");
                return Some(Node::Group {
                    capture: None,
                    node: Box::new(strip_captures(inner)),
                });
            }
            if negative {
                if let Some(other) = negate(unwrap_group(inner)) {
                    self.rewrites.push("negative lookahead of one character at the end as the other characters or the end");
                    return Some(Node::Alt(vec![other, Node::Assert(Assertion::EndText)]));
                }
            }
            return None;
        }
        if behind && leading {
            if self.mode != Mode::Search {
                // The match starts at the start of the text.
                if negative && !inner.nullable() {
                    self.rewrites
                        .push("negative lookbehind at the start of an anchored match dropped");
                    return Some(Node::Empty);
                }
                return None;
            }
            if !negative && plain && !commits(inner) {
                self.rewrites
                    .push("lookbehind at the start as what it looks for");
                return Some(Node::Group {
                    capture: None,
                    node: Box::new(strip_captures(inner)),
                });
            }
            if negative {
                if let Some(other) = negate(unwrap_group(inner)) {
                    self.rewrites.push("negative lookbehind of one character at the start as the start or the other characters");
                    return Some(Node::Alt(vec![Node::Assert(Assertion::Start), other]));
                }
            }
        }
        None
    }
}

fn unwrap_group(node: &Node) -> &Node {
    match node {
        Node::Group {
            capture: None,
            node,
        } => unwrap_group(node),
        other => other,
    }
}

fn has_assertions(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |n| {
        if matches!(
            n,
            Node::Assert(_) | Node::Look { .. } | Node::Backref { .. }
        ) {
            found = true;
        }
    });
    found
}

/// Whether `node` holds an atomic group or a possessive repeat: matched
/// forward before the rest of a pattern, it may keep what the rest needs,
/// where a lookbehind would have let it go (`(?<=a*+)a` is not `a*+a`).
fn commits(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |n| {
        if matches!(
            n,
            Node::Atomic(_)
                | Node::Repeat {
                    greed: Greed::Possessive,
                    ..
                }
        ) {
            found = true;
        }
    });
    found
}

/// The node with its capturing groups made non-capturing (a lookaround's
/// groups keep what the lookaround saw; once it consumes, they would not).
fn strip_captures(node: &Node) -> Node {
    match node {
        Node::Group { node, .. } => Node::Group {
            capture: None,
            node: Box::new(strip_captures(node)),
        },
        Node::Concat(items) => Node::Concat(items.iter().map(strip_captures).collect()),
        Node::Alt(items) => Node::Alt(items.iter().map(strip_captures).collect()),
        Node::Repeat {
            node,
            min,
            max,
            greed,
        } => Node::Repeat {
            node: Box::new(strip_captures(node)),
            min: *min,
            max: *max,
            greed: *greed,
        },
        Node::Atomic(node) => Node::Atomic(Box::new(strip_captures(node))),
        other => other.clone(),
    }
}

/// One character that `node` (one character) does not match.
fn negate(node: &Node) -> Option<Node> {
    match node {
        Node::Literal { c, ci } => Some(Node::Class(Class {
            negated: true,
            items: vec![ClassItem::Char(*c)],
            ci: *ci,
        })),
        Node::Class(class) => Some(Node::Class(Class {
            negated: !class.negated,
            ..class.clone()
        })),
        Node::Any { dotall: false } => Some(Node::Literal { c: '\n', ci: false }),
        _ => None,
    }
}

/// The characters a one-character node matches, as the `regex` crate sees them.
pub(crate) fn char_set(node: &Node) -> Option<ClassUnicode> {
    let mut emitter = Emitter::new(0);
    emitter.node(node, Context::Top).ok()?;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&emitter.out)
        .ok()?;
    match hir.kind() {
        HirKind::Class(HirClass::Unicode(class)) => Some(class.clone()),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let mut chars = text.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            Some(ClassUnicode::new([
                regex_syntax::hir::ClassUnicodeRange::new(c, c),
            ]))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::pattern::{Mode, Pattern, Use};

    #[test]
    fn lookarounds_at_the_end_of_a_group_body_are_not_at_the_end_of_the_pattern() {
        // The end rewrites of a tested pattern held inside lookarounds and
        // atomic groups too: (?<=(?=b)) became (?<=b), (?>a(?=b))c (?>ab)c.
        let cases: &[(&str, Mode, &str, bool)] = &[
            ("(?<=(?=b))", Mode::Prefix, "b", true),
            ("(?>a(?=b))c", Mode::Search, "abc", false),
            ("(?>a(?!c))c", Mode::Block, "ac", false),
            ("x(?=a(?=b))", Mode::Search, "xab", true),
            ("x(?=a(?=b))", Mode::Search, "xac", false),
            // A lookbehind at the start that commits is not what it looks for.
            ("(?<=a*+)a", Mode::Search, "a", true),
            ("(?<=x?+)x", Mode::Search, "x", true),
        ];
        for &(pattern, mode, text, expected) in cases {
            for usage in [Use::Test, Use::Extents] {
                let p = Pattern::new(pattern, false, mode, usage, 10_000).unwrap();
                assert_eq!(
                    p.is_match(text).unwrap(),
                    expected,
                    "{pattern} ({mode:?}, {usage:?}) on {text}"
                );
            }
        }
    }
}
