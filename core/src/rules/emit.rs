//! A pattern's tree written in the syntax of the `regex` crate (which
//! `fancy-regex` reads too), with the gaps between the two syntaxes closed:
//! Python's `regex` matches `\p{Lu}`, `\p{Ll}` and `\p{Lt}` ignoring case as
//! any cased letter (`\p{LC}`), folds `i` with `İ` and `I` with `ı`, and does
//! not fold class escapes (`\p{L}`, `\w`) ignoring case.

use regex_syntax::hir::ClassUnicode;

use super::pattern::PatternError;
use super::syntax::{Assertion, Class, ClassItem, Greed, Node, Perl};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// At the top, or alone inside a group: alternatives need no group.
    Top,
    /// Inside a sequence: alternatives are grouped.
    Sequence,
    /// Repeated: anything but one atom is grouped.
    Repeated,
}

pub(crate) struct Emitter {
    /// The pattern written so far.
    pub(crate) out: String,
    captures: usize,
    /// For each of Python's group numbers (index 0 is group 1), the groups written.
    pub(crate) groups: Vec<Vec<usize>>,
}

impl Emitter {
    pub(crate) fn new(groups: usize) -> Self {
        Emitter {
            out: String::new(),
            captures: 0,
            groups: vec![Vec::new(); groups],
        }
    }
}

fn push_char(out: &mut String, c: char, in_class: bool) {
    let special = if in_class {
        matches!(c, '\\' | '[' | ']' | '^' | '-' | '&' | '~')
    } else {
        regex_syntax::is_meta_character(c)
    };
    if special {
        out.push('\\');
        out.push(c);
    } else if c.is_control() || (c.is_whitespace() && c != ' ') {
        out.push_str(&format!("\\x{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// Whether `name` is one of Python's `\p{Lu}`, `\p{Ll}`, `\p{Lt}`, which it
/// matches ignoring case as `\p{LC}`.
fn cased_letter_category(name: &str) -> bool {
    let mut loose: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect::<String>()
        .to_lowercase();
    for prefix in ["generalcategory=", "generalcategory:", "gc=", "gc:"] {
        if let Some(rest) = loose.strip_prefix(prefix) {
            loose = rest.to_string();
        }
    }
    matches!(
        loose.as_str(),
        "lu" | "ll" | "lt" | "uppercaseletter" | "lowercaseletter" | "titlecaseletter"
    )
}

fn check_property(name: &str) -> Result<(), PatternError> {
    let probe = format!("\\p{{{name}}}");
    regex_syntax::Parser::new()
        .parse(&probe)
        .map(|_| ())
        .map_err(|_| {
            PatternError::Unsupported(format!(
                "Unicode property \\p{{{name}}}, unknown to the regex crate"
            ))
        })
}

impl Emitter {
    pub(crate) fn node(&mut self, node: &Node, ctx: Context) -> Result<(), PatternError> {
        match node {
            Node::Empty => {
                if ctx == Context::Repeated {
                    self.out.push_str("(?:)");
                }
            }
            Node::Literal { c, ci: false } => push_char(&mut self.out, *c, false),
            Node::Literal { c, ci: true } => {
                self.out.push_str("(?i:");
                self.folded_literal(*c);
                self.out.push(')');
            }
            Node::Class(class) => self.class(class)?,
            Node::Any { dotall } => self.out.push_str(if *dotall { "(?s:.)" } else { "." }),
            Node::Assert(a) => self.out.push_str(match a {
                Assertion::Start => "\\A",
                Assertion::LineStart => "(?m:^)",
                Assertion::End | Assertion::EndText => "\\z",
                Assertion::LineEnd => "(?m:$)",
                Assertion::WordBoundary => "\\b",
                Assertion::NotWordBoundary => "\\B",
                Assertion::WordStart => "\\b{start}",
                Assertion::WordEnd => "\\b{end}",
            }),
            Node::Group {
                capture: Some(number),
                node,
            } => {
                self.captures += 1;
                if let Some(physical) = self.groups.get_mut(number - 1) {
                    physical.push(self.captures);
                }
                self.out.push('(');
                self.node(node, Context::Top)?;
                self.out.push(')');
            }
            // A group that only groups: what it holds groups itself where needed.
            Node::Group {
                capture: None,
                node,
            } => self.node(node, ctx)?,
            Node::Look {
                behind,
                negative,
                node,
            } => {
                self.out.push_str(match (behind, negative) {
                    (false, false) => "(?=",
                    (false, true) => "(?!",
                    (true, false) => "(?<=",
                    (true, true) => "(?<!",
                });
                self.node(node, Context::Top)?;
                self.out.push(')');
            }
            Node::Atomic(node) => {
                self.out.push_str("(?>");
                self.node(node, Context::Top)?;
                self.out.push(')');
            }
            Node::Repeat {
                node,
                min,
                max,
                greed,
            } => {
                // A repeat repeated again keeps its group: `(?:a+)?` is not `a+?`.
                let grouped = ctx == Context::Repeated;
                if grouped {
                    self.out.push_str("(?:");
                }
                self.node(node, Context::Repeated)?;
                match (min, max) {
                    (0, None) => self.out.push('*'),
                    (1, None) => self.out.push('+'),
                    (0, Some(1)) => self.out.push('?'),
                    (m, None) => self.out.push_str(&format!("{{{m},}}")),
                    (m, Some(n)) if m == n => self.out.push_str(&format!("{{{m}}}")),
                    (m, Some(n)) => self.out.push_str(&format!("{{{m},{n}}}")),
                }
                match greed {
                    Greed::Greedy => {}
                    Greed::Lazy => self.out.push('?'),
                    Greed::Possessive => self.out.push('+'),
                }
                if grouped {
                    self.out.push(')');
                }
            }
            Node::Concat(items) => {
                let grouped = ctx == Context::Repeated;
                if grouped {
                    self.out.push_str("(?:");
                }
                let mut k = 0;
                while k < items.len() {
                    // A run of literals that ignore case: one group.
                    let run = items[k..]
                        .iter()
                        .take_while(|n| matches!(n, Node::Literal { ci: true, .. }))
                        .count();
                    if run > 1 {
                        self.out.push_str("(?i:");
                        for item in &items[k..k + run] {
                            if let Node::Literal { c, .. } = item {
                                self.folded_literal(*c);
                            }
                        }
                        self.out.push(')');
                        k += run;
                    } else {
                        self.node(&items[k], Context::Sequence)?;
                        k += 1;
                    }
                }
                if grouped {
                    self.out.push(')');
                }
            }
            Node::Alt(items) => {
                let grouped = ctx != Context::Top;
                if grouped {
                    self.out.push_str("(?:");
                }
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        self.out.push('|');
                    }
                    self.node(item, Context::Top)?;
                }
                if grouped {
                    self.out.push(')');
                }
            }
            Node::Backref { group, ci } => {
                let physical = self
                    .groups
                    .get(group - 1)
                    .and_then(|g| g.first())
                    .copied()
                    .unwrap_or(*group);
                if *ci {
                    self.out.push_str(&format!("(?i:\\{physical})"));
                } else {
                    self.out.push_str(&format!("\\{physical}"));
                }
            }
        }
        Ok(())
    }

    /// A literal inside a case-insensitive group.
    fn folded_literal(&mut self, c: char) {
        match c {
            // Python's regex folds i with İ and I with ı, beside simple case folding.
            'i' => self.out.push_str("[iİ]"),
            'I' => self.out.push_str("[Iı]"),
            // ... and the other way round (simple case folding has neither).
            'İ' => self.out.push_str("(?-i:[İi])"),
            'ı' => self.out.push_str("(?-i:[ıI])"),
            _ => push_char(&mut self.out, c, false),
        }
    }

    fn class(&mut self, class: &Class) -> Result<(), PatternError> {
        let holds = |x: char| {
            class.items.iter().any(|item| match item {
                ClassItem::Char(c) => *c == x,
                ClassItem::Range(a, b) => *a <= x && x <= *b,
                _ => false,
            })
        };
        let escapes = class
            .items
            .iter()
            .any(|i| matches!(i, ClassItem::Perl(..) | ClassItem::Property(..)));
        // `\d`, `\p{L}`: one class escape needs no brackets.
        let bare = !class.negated && class.items.len() == 1 && escapes;
        // Ignoring case, the characters are folded here and the class escapes
        // are left as they are: Python's regex does not fold them (but for
        // \p{Lu}, \p{Ll}, \p{Lt}), and folding large classes makes the regex
        // crate compile slowly. A class with İ or ı is folded here too: the `i`
        // and `I` they fold with must not bring their own folds along.
        let folded = class.ci && (escapes || holds('İ') || holds('ı'));
        let flag = class.ci && !folded;
        if flag {
            self.out.push_str("(?i:");
        }
        if !bare {
            self.out.push('[');
            if class.negated {
                self.out.push('^');
            }
        }
        if folded {
            let mut chars = ClassUnicode::empty();
            for item in &class.items {
                match item {
                    ClassItem::Char(c) => {
                        chars.push(regex_syntax::hir::ClassUnicodeRange::new(*c, *c))
                    }
                    ClassItem::Range(a, b) => {
                        chars.push(regex_syntax::hir::ClassUnicodeRange::new(*a, *b))
                    }
                    _ => {}
                }
            }
            chars.case_fold_simple();
            for r in chars.ranges() {
                push_char(&mut self.out, r.start(), true);
                if r.end() > r.start() {
                    self.out.push('-');
                    push_char(&mut self.out, r.end(), true);
                }
            }
        }
        for item in &class.items {
            match item {
                ClassItem::Char(c) if !folded => push_char(&mut self.out, *c, true),
                ClassItem::Range(a, b) if !folded => {
                    push_char(&mut self.out, *a, true);
                    self.out.push('-');
                    push_char(&mut self.out, *b, true);
                }
                ClassItem::Char(_) | ClassItem::Range(..) => {}
                ClassItem::Perl(kind, negated) => {
                    let letter = match kind {
                        Perl::Digit => 'd',
                        Perl::Word => 'w',
                        Perl::Space => 's',
                    };
                    self.out.push('\\');
                    self.out.push(if *negated {
                        letter.to_ascii_uppercase()
                    } else {
                        letter
                    });
                }
                ClassItem::Property(name, negated) => {
                    check_property(name)?;
                    let name = if class.ci && cased_letter_category(name) {
                        "LC"
                    } else {
                        name
                    };
                    self.out.push_str(if *negated { "\\P{" } else { "\\p{" });
                    self.out.push_str(name);
                    self.out.push('}');
                }
            }
        }
        if class.ci {
            if holds('i') {
                self.out.push('İ');
            }
            if holds('I') {
                self.out.push('ı');
            }
            if holds('İ') {
                self.out.push('i');
            }
            if holds('ı') {
                self.out.push('I');
            }
        }
        if !bare {
            self.out.push(']');
        }
        if flag {
            self.out.push(')');
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::pattern::{translate, Mode, Pattern, Use};

    fn source(pattern: &str) -> String {
        translate(pattern, false, Mode::Search, Use::Extents)
            .unwrap()
            .source
    }

    #[test]
    fn a_repeat_repeated_again_keeps_its_group() {
        // Written without the group, `(?:a+)?` would be the lazy `a+?`.
        assert_eq!(source("(?:a+)?"), "(?:a+)?");
        assert_eq!(source("(?:a{2})?"), "(?:a{2})?");
        assert_eq!(source("(?:a++)?+"), "(?:a+)?+");
        assert_eq!(source(r"(?:\s*)+x"), r"(?:\s*)+x");
        for (pattern, text, span) in [
            ("(?:a+)?", "", Some((0, 0))),
            ("(?:a+)?", "aa", Some((0, 2))),
            ("(?:a++)?+", "", Some((0, 0))),
            ("(?:a{2})?b", "b", Some((0, 1))),
        ] {
            let p = Pattern::new(pattern, false, Mode::Search, Use::Extents, 1000).unwrap();
            let found = p.captures_at(text, 0).unwrap();
            assert_eq!(
                found.and_then(|s| p.group(&s, 0)),
                span,
                "{pattern} on {text:?}"
            );
        }
    }

    #[test]
    fn dotted_and_dotless_i_fold_both_ways_as_in_python() {
        // Python's regex, ignoring case: i ~ I ~ İ and I ~ ı, and İ ~ i and ı ~ I
        // (but not İ ~ I nor ı ~ i).
        let cases: &[(&str, &str, bool)] = &[
            ("İ", "i", true),
            ("İ", "I", false),
            ("ı", "I", true),
            ("ı", "i", false),
            ("[İ]", "i", true),
            ("[İ]", "I", false),
            ("[ı]", "I", true),
            ("[^İ]", "i", false),
            ("[^İ]", "I", true),
            ("[^ı]", "i", true),
            ("[\\wİ-]", "i", true),
            ("i", "İ", true),
            ("[I]", "ı", true),
        ];
        for &(pattern, text, expected) in cases {
            let p = Pattern::new(pattern, true, Mode::Block, Use::Test, 1000).unwrap();
            assert_eq!(p.is_match(text).unwrap(), expected, "{pattern} on {text}");
        }
    }
}
