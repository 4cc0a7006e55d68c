//! Rule patterns as written: the syntax of Python's `regex` module (version 0),
//! read into a small tree.
//!
//! Flags are resolved while reading: every literal and class carries whether
//! it matches case-insensitively, every `.` whether it crosses line breaks,
//! every `^`/`$` whether it is a line anchor. The tree then says what each
//! piece matches without a flag state, which is what the translation
//! (`pattern`) and the literal prefilter (`prefilter`) need.
//!
//! Constructs that no engine of the core runs (recursion, conditionals,
//! branch reset, fuzzy matching, backtracking verbs, `\G`, `\K`, named lists,
//! POSIX classes, some flags) are errors that name the construct.

use std::fmt;

/// A pattern that cannot be read, or that uses a construct the core does not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, naming the construct ("conditional group `(?(`").
    pub construct: String,
    /// Character offset in the pattern where the construct starts.
    pub at: usize,
    /// Valid syntax, but no engine here runs it (rather than malformed).
    pub unsupported: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.construct, self.at)
    }
}

/// How a repetition gives back what it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greed {
    /// `*`: as much as it can, giving back one at a time.
    Greedy,
    /// `*?`: as little as it can.
    Lazy,
    /// `*+`: as much as it can, never giving back.
    Possessive,
}

/// A zero-width assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assertion {
    /// `\A`, or `^` without the multi-line flag.
    Start,
    /// `^` with the multi-line flag.
    LineStart,
    /// `$` without the multi-line flag: the end, or before a final line break.
    End,
    /// `$` with the multi-line flag.
    LineEnd,
    /// `\Z`: the very end.
    EndText,
    /// `\b`.
    WordBoundary,
    /// `\B`.
    NotWordBoundary,
    /// `\m`: start of a word.
    WordStart,
    /// `\M`: end of a word.
    WordEnd,
}

/// `\d`, `\w` or `\s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perl {
    /// `\d`.
    Digit,
    /// `\w`.
    Word,
    /// `\s`.
    Space,
}

/// One member of a character class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassItem {
    /// One character.
    Char(char),
    /// A range of characters, both ends included.
    Range(char, char),
    /// `\d`, `\w`, `\s` (or their negations `\D`, `\W`, `\S`).
    Perl(Perl, bool),
    /// `\p{name}` (or `\P{name}`, negated).
    Property(String, bool),
}

/// A character class: one character from a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    /// `[^...]`.
    pub negated: bool,
    /// What the class holds.
    pub items: Vec<ClassItem>,
    /// Matched ignoring case.
    pub ci: bool,
}

/// A pattern as a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One character.
    Literal {
        /// The character.
        c: char,
        /// Matched ignoring case.
        ci: bool,
    },
    /// One character of a set.
    Class(Class),
    /// `.`: any character (but a line break, unless `dotall`).
    Any {
        /// The `s` flag.
        dotall: bool,
    },
    /// A zero-width assertion.
    Assert(Assertion),
    /// A group; `capture` is its group number (named groups of the same name share one).
    Group {
        /// Python's group number, if the group captures.
        capture: Option<usize>,
        /// What it holds.
        node: Box<Node>,
    },
    /// Lookahead or lookbehind.
    Look {
        /// `(?<=`/`(?<!` rather than `(?=`/`(?!`.
        behind: bool,
        /// `(?!`/`(?<!`.
        negative: bool,
        /// What it looks for.
        node: Box<Node>,
    },
    /// `(?>...)`.
    Atomic(Box<Node>),
    /// A repetition.
    Repeat {
        /// What is repeated.
        node: Box<Node>,
        /// Fewest times.
        min: u32,
        /// Most times (`None`: no limit).
        max: Option<u32>,
        /// Greedy, lazy or possessive.
        greed: Greed,
    },
    /// A sequence.
    Concat(Vec<Node>),
    /// Alternatives, tried in order.
    Alt(Vec<Node>),
    /// A backreference to a group number.
    Backref {
        /// Python's group number.
        group: usize,
        /// Matched ignoring case.
        ci: bool,
    },
}

/// A parsed pattern: its tree and its groups.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The tree.
    pub node: Node,
    /// Names of the groups by number (`names[0]` is group 1's).
    pub names: Vec<Option<String>>,
}

#[derive(Clone, Copy)]
struct Flags {
    ci: bool,
    multiline: bool,
    dotall: bool,
    verbose: bool,
}

/// Reads `pattern`; `ci` is the case-insensitive flag it is compiled with.
pub fn parse(pattern: &str, ci: bool) -> Result<Parsed, SyntaxError> {
    let mut p = Parser {
        s: pattern.chars().collect(),
        i: 0,
        names: Vec::new(),
        open: Vec::new(),
        depth: 0,
    };
    let flags = Flags {
        ci,
        multiline: false,
        dotall: false,
        verbose: false,
    };
    let node = p.alternation(flags)?;
    if p.i < p.s.len() {
        return Err(p.error("unbalanced parenthesis `)`", p.i));
    }
    Ok(Parsed {
        node,
        names: p.names,
    })
}

struct Parser {
    s: Vec<char>,
    i: usize,
    names: Vec<Option<String>>,
    /// Numbers of the capturing groups the cursor is inside.
    open: Vec<usize>,
    depth: usize,
}

const MAX_DEPTH: usize = 200;

impl Parser {
    fn error(&self, construct: &str, at: usize) -> SyntaxError {
        SyntaxError {
            construct: construct.to_string(),
            at,
            unsupported: false,
        }
    }

    fn unsupported(&self, construct: &str, at: usize) -> SyntaxError {
        SyntaxError {
            construct: construct.to_string(),
            at,
            unsupported: true,
        }
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn looking_at(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(k, c)| self.peek_at(k) == Some(c))
    }

    fn skip_verbose(&mut self, flags: Flags) {
        if !flags.verbose {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.i += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// Alternatives up to a `)` or the end; flags set inside (`(?i)`) last to the group's end.
    fn alternation(&mut self, flags: Flags) -> Result<Node, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("pattern nested too deeply", self.i));
        }
        let mut flags = flags;
        let mut branches = vec![self.sequence(&mut flags)?];
        while self.peek() == Some('|') {
            self.i += 1;
            branches.push(self.sequence(&mut flags)?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn sequence(&mut self, flags: &mut Flags) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_verbose(*flags);
            let Some(c) = self.peek() else { break };
            if c == '|' || c == ')' {
                break;
            }
            let start = self.i;
            let atom = match self.atom(flags)? {
                Some(atom) => atom,
                None => continue, // a comment or a flag setting
            };
            let node = self.quantified(atom, start, *flags)?;
            items.push(node);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// A quantifier `{...}` at the cursor: (min, max, length in characters).
    fn braces(&self) -> Option<(u32, Option<u32>, usize)> {
        let mut k = 1;
        let mut low = String::new();
        while let Some(c) = self.peek_at(k).filter(char::is_ascii_digit) {
            low.push(c);
            k += 1;
        }
        let mut high = None;
        let mut comma = false;
        if self.peek_at(k) == Some(',') {
            comma = true;
            k += 1;
            let mut h = String::new();
            while let Some(c) = self.peek_at(k).filter(char::is_ascii_digit) {
                h.push(c);
                k += 1;
            }
            high = Some(h);
        }
        if self.peek_at(k) != Some('}') {
            return None;
        }
        let min: u32 = if low.is_empty() { 0 } else { low.parse().ok()? };
        let max = match (comma, high) {
            (false, _) => {
                if low.is_empty() {
                    return None;
                }
                Some(min)
            }
            (true, Some(h)) if h.is_empty() => None,
            (true, Some(h)) => Some(h.parse().ok()?),
            (true, None) => None,
        };
        Some((min, max, k + 1))
    }

    fn fuzzy_at(&self) -> bool {
        // `{e<=1}`, `{i<=2,d<=1}`, `{2i+2d+1s<=4}`: a fuzzy-matching constraint.
        let mut k = 1;
        let mut body = String::new();
        while let Some(c) = self.peek_at(k) {
            if c == '}' {
                break;
            }
            body.push(c);
            k += 1;
        }
        body.contains(['<', '=', '>']) && body.chars().any(|c| "deis".contains(c))
    }

    fn quantified(&mut self, atom: Node, start: usize, flags: Flags) -> Result<Node, SyntaxError> {
        let mut node = atom;
        let mut quantified = false;
        loop {
            self.skip_verbose(flags);
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.i += 1;
                    (0, None)
                }
                Some('+') => {
                    self.i += 1;
                    (1, None)
                }
                Some('?') => {
                    self.i += 1;
                    (0, Some(1))
                }
                Some('{') => {
                    if self.fuzzy_at() {
                        return Err(self.unsupported("fuzzy matching `{e<=...}`", self.i));
                    }
                    match self.braces() {
                        Some((min, max, len)) => {
                            self.i += len;
                            (min, max)
                        }
                        None => break,
                    }
                }
                _ => break,
            };
            if quantified {
                return Err(self.error("multiple repeat", start));
            }
            if let Some(max) = max {
                if max < min {
                    return Err(self.error("min repeat greater than max repeat", start));
                }
            }
            if matches!(node, Node::Assert(_) | Node::Empty | Node::Look { .. }) {
                return Err(self.error("nothing to repeat", start));
            }
            let greed = match self.peek() {
                Some('?') => {
                    self.i += 1;
                    Greed::Lazy
                }
                Some('+') => {
                    self.i += 1;
                    Greed::Possessive
                }
                _ => Greed::Greedy,
            };
            node = Node::Repeat {
                node: Box::new(node),
                min,
                max,
                greed,
            };
            quantified = true;
        }
        Ok(node)
    }

    fn atom(&mut self, flags: &mut Flags) -> Result<Option<Node>, SyntaxError> {
        let start = self.i;
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        self.i += 1;
        let node = match c {
            '(' => return self.group(start, flags),
            '[' => Node::Class(self.class(start, *flags)?),
            '\\' => self.escape(start, *flags)?,
            '.' => Node::Any {
                dotall: flags.dotall,
            },
            '^' => Node::Assert(if flags.multiline {
                Assertion::LineStart
            } else {
                Assertion::Start
            }),
            '$' => Node::Assert(if flags.multiline {
                Assertion::LineEnd
            } else {
                Assertion::End
            }),
            '*' | '+' | '?' => return Err(self.error("nothing to repeat", start)),
            '{' => {
                self.i -= 1;
                if self.braces().is_some() {
                    return Err(self.error("nothing to repeat", start));
                }
                self.i += 1;
                Node::Literal { c, ci: flags.ci }
            }
            _ => Node::Literal { c, ci: flags.ci },
        };
        Ok(Some(node))
    }

    fn name(&mut self, close: char) -> Result<String, SyntaxError> {
        let start = self.i;
        let mut name = String::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == close {
                if name.is_empty() {
                    return Err(self.error("missing group name", start));
                }
                return Ok(name);
            }
            name.push(c);
        }
        Err(self.error("unterminated group name", start))
    }

    /// The body of capturing group `number`.
    fn captured(&mut self, number: usize, flags: Flags) -> Result<Node, SyntaxError> {
        self.open.push(number);
        let node = self.alternation(flags)?;
        self.open.pop();
        Ok(node)
    }

    /// A backreference to `group`, which must be closed: the `regex` module
    /// refuses `\1` and `(?P=name)` inside the group they name (and never
    /// matches `\g<1>` there), and fancy-regex, reading the group's start
    /// from this round and its end from the last, panics on some of them.
    fn backref(&self, group: usize, ci: bool, start: usize) -> Result<Node, SyntaxError> {
        if self.open.contains(&group) {
            return Err(self.error("cannot refer to an open group", start));
        }
        Ok(Node::Backref { group, ci })
    }

    fn group_number(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n.as_deref() == Some(name))
            .map(|k| k + 1)
    }

    fn close(&mut self, start: usize) -> Result<(), SyntaxError> {
        if self.peek() != Some(')') {
            return Err(self.error("missing `)`", start));
        }
        self.i += 1;
        Ok(())
    }

    fn group(&mut self, start: usize, flags: &mut Flags) -> Result<Option<Node>, SyntaxError> {
        if self.peek() == Some('*') {
            return Err(self.unsupported("backtracking control verb `(*...)`", start));
        }
        if self.peek() != Some('?') {
            self.names.push(None);
            let number = self.names.len();
            let node = self.captured(number, *flags)?;
            self.close(start)?;
            return Ok(Some(Node::Group {
                capture: Some(number),
                node: Box::new(node),
            }));
        }
        self.i += 1;
        let look = |behind, negative| (behind, negative);
        let lookaround = if self.looking_at("=") {
            Some(look(false, false))
        } else if self.looking_at("!") {
            Some(look(false, true))
        } else if self.looking_at("<=") {
            Some(look(true, false))
        } else if self.looking_at("<!") {
            Some(look(true, true))
        } else {
            None
        };
        if let Some((behind, negative)) = lookaround {
            self.i += if behind { 2 } else { 1 };
            let node = self.alternation(*flags)?;
            self.close(start)?;
            return Ok(Some(Node::Look {
                behind,
                negative,
                node: Box::new(node),
            }));
        }
        if self.looking_at("P<") || (self.looking_at("<") && !self.looking_at("<=")) {
            self.i += if self.looking_at("P<") { 2 } else { 1 };
            let name = self.name('>')?;
            if !name.chars().all(|c| c == '_' || c.is_alphanumeric())
                || name.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(self.error("bad group name", start));
            }
            let number = match self.group_number(&name) {
                Some(number) => number, // a name used again: the same group
                None => {
                    self.names.push(Some(name));
                    self.names.len()
                }
            };
            let node = self.captured(number, *flags)?;
            self.close(start)?;
            return Ok(Some(Node::Group {
                capture: Some(number),
                node: Box::new(node),
            }));
        }
        if self.looking_at("P=") {
            self.i += 2;
            let name = self.name(')')?;
            let group = self
                .group_number(&name)
                .ok_or_else(|| self.error("backreference to an unknown group", start))?;
            return self.backref(group, flags.ci, start).map(Some);
        }
        if self.looking_at("P>") || self.looking_at("&") || self.looking_at("R") {
            return Err(self.unsupported("recursion `(?R)`/`(?&name)`", start));
        }
        if matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == '+' || (c == '-' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())))
        {
            return Err(self.unsupported("recursion `(?1)`", start));
        }
        match self.peek() {
            Some(':') => {
                self.i += 1;
                let node = self.alternation(*flags)?;
                self.close(start)?;
                return Ok(Some(Node::Group {
                    capture: None,
                    node: Box::new(node),
                }));
            }
            Some('>') => {
                self.i += 1;
                let node = self.alternation(*flags)?;
                self.close(start)?;
                return Ok(Some(Node::Atomic(Box::new(node))));
            }
            Some('#') => {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == ')' {
                        return Ok(None);
                    }
                }
                return Err(self.error("unterminated comment", start));
            }
            Some('|') => return Err(self.unsupported("branch reset group `(?|`", start)),
            Some('(') => return Err(self.unsupported("conditional group `(?(`", start)),
            _ => {}
        }
        // Flags: `(?imsx)` for the rest of the group, `(?i-s:...)` for a group.
        let mut on = true;
        let mut scoped = *flags;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("missing `)`", start));
            };
            self.i += 1;
            match c {
                'i' => scoped.ci = on,
                'm' => scoped.multiline = on,
                's' => scoped.dotall = on,
                'x' => scoped.verbose = on,
                'u' if on => {}
                'V' => {
                    let version = self.peek();
                    self.i += 1;
                    if version != Some('0') {
                        return Err(self.unsupported("version 1 behaviour `(?V1)`", start));
                    }
                }
                '-' if on => on = false,
                ')' => {
                    *flags = scoped;
                    return Ok(None);
                }
                ':' => {
                    let node = self.alternation(scoped)?;
                    self.close(start)?;
                    return Ok(Some(Node::Group {
                        capture: None,
                        node: Box::new(node),
                    }));
                }
                'a' => return Err(self.unsupported("ASCII flag `(?a)`", start)),
                'L' => return Err(self.unsupported("locale flag `(?L)`", start)),
                'f' => return Err(self.unsupported("full case folding flag `(?f)`", start)),
                'w' => return Err(self.unsupported("Unicode word boundary flag `(?w)`", start)),
                'r' => return Err(self.unsupported("reverse searching flag `(?r)`", start)),
                'b' | 'e' | 'p' => {
                    return Err(self.unsupported(&format!("flag `(?{c})`"), start));
                }
                _ => return Err(self.error(&format!("unknown flag {c:?}"), start)),
            }
        }
    }

    fn hex(&mut self, digits: usize, start: usize) -> Result<char, SyntaxError> {
        let mut value = 0u32;
        for _ in 0..digits {
            let d = self
                .peek()
                .and_then(|c| c.to_digit(16))
                .ok_or_else(|| self.error("incomplete escape `\\x`/`\\u`/`\\U`", start))?;
            value = value * 16 + d;
            self.i += 1;
        }
        char::from_u32(value).ok_or_else(|| self.error("escape of no Unicode character", start))
    }

    fn octal(&mut self, first: char, start: usize) -> Result<char, SyntaxError> {
        let mut value = first.to_digit(8).unwrap_or(0);
        for _ in 0..2 {
            match self.peek().and_then(|c| c.to_digit(8)) {
                Some(d) => {
                    value = value * 8 + d;
                    self.i += 1;
                }
                None => break,
            }
        }
        char::from_u32(value).ok_or_else(|| self.error("octal escape out of range", start))
    }

    fn property(&mut self, negated: bool, start: usize) -> Result<ClassItem, SyntaxError> {
        let mut negated = negated;
        let name = if self.peek() == Some('{') {
            self.i += 1;
            let mut name = self.name('}')?;
            if let Some(rest) = name.strip_prefix('^') {
                negated = !negated;
                name = rest.to_string();
            }
            name
        } else {
            let c = self
                .peek()
                .ok_or_else(|| self.error("incomplete `\\p`", start))?;
            self.i += 1;
            c.to_string()
        };
        Ok(ClassItem::Property(name, negated))
    }

    /// An escape that stands for one character, or a class; inside a class or not.
    fn char_escape(
        &mut self,
        c: char,
        start: usize,
        in_class: bool,
    ) -> Result<ClassItem, SyntaxError> {
        let ch = match c {
            'd' => return Ok(ClassItem::Perl(Perl::Digit, false)),
            'D' => return Ok(ClassItem::Perl(Perl::Digit, true)),
            'w' => return Ok(ClassItem::Perl(Perl::Word, false)),
            'W' => return Ok(ClassItem::Perl(Perl::Word, true)),
            's' => return Ok(ClassItem::Perl(Perl::Space, false)),
            'S' => return Ok(ClassItem::Perl(Perl::Space, true)),
            'p' => return self.property(false, start),
            'P' => return self.property(true, start),
            'a' => '\x07',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            'b' if in_class => '\x08',
            'x' => self.hex(2, start)?,
            'u' => self.hex(4, start)?,
            'U' => self.hex(8, start)?,
            '0' => self.octal('0', start)?,
            'N' => return Err(self.unsupported("named character `\\N{...}`", start)),
            'X' => return Err(self.unsupported("grapheme cluster `\\X`", start)),
            'G' => return Err(self.unsupported("search anchor `\\G`", start)),
            'K' => return Err(self.unsupported("keep-out `\\K`", start)),
            'L' => return Err(self.unsupported("named list `\\L<...>`", start)),
            c if c.is_ascii_alphanumeric() => {
                return Err(self.error(&format!("bad escape \\{c}"), start));
            }
            c => c,
        };
        Ok(ClassItem::Char(ch))
    }

    fn escape(&mut self, start: usize, flags: Flags) -> Result<Node, SyntaxError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("pattern ends with a backslash", start))?;
        self.i += 1;
        let assertion = match c {
            'A' => Some(Assertion::Start),
            'Z' => Some(Assertion::EndText),
            'b' => Some(Assertion::WordBoundary),
            'B' => Some(Assertion::NotWordBoundary),
            'm' => Some(Assertion::WordStart),
            'M' => Some(Assertion::WordEnd),
            _ => None,
        };
        if let Some(a) = assertion {
            return Ok(Node::Assert(a));
        }
        if c.is_ascii_digit() && c != '0' {
            // Three octal digits make a character; otherwise a backreference.
            let (d1, d2) = (self.peek(), self.peek_at(1));
            if ('0'..='7').contains(&c)
                && d1.is_some_and(|d| ('0'..='7').contains(&d))
                && d2.is_some_and(|d| ('0'..='7').contains(&d))
            {
                return Ok(Node::Literal {
                    c: self.octal(c, start)?,
                    ci: flags.ci,
                });
            }
            let mut group = c.to_digit(10).unwrap_or(0) as usize;
            if let Some(d) = d1.and_then(|d| d.to_digit(10)) {
                if group * 10 + (d as usize) <= self.names.len() {
                    group = group * 10 + d as usize;
                    self.i += 1;
                }
            }
            if group > self.names.len() {
                return Err(self.error("backreference to an unknown group", start));
            }
            return self.backref(group, flags.ci, start);
        }
        if c == 'g' && self.peek() == Some('<') {
            self.i += 1;
            let name = self.name('>')?;
            let group = match name.parse::<usize>() {
                Ok(n) if n >= 1 && n <= self.names.len() => Some(n),
                Ok(_) => None,
                Err(_) => self.group_number(&name),
            };
            let group =
                group.ok_or_else(|| self.error("backreference to an unknown group", start))?;
            return self.backref(group, flags.ci, start);
        }
        Ok(match self.char_escape(c, start, false)? {
            ClassItem::Char(c) => Node::Literal { c, ci: flags.ci },
            item => Node::Class(Class {
                negated: false,
                items: vec![item],
                ci: flags.ci,
            }),
        })
    }

    fn class(&mut self, start: usize, flags: Flags) -> Result<Class, SyntaxError> {
        let mut negated = false;
        if self.peek() == Some('^') {
            negated = true;
            self.i += 1;
        }
        let mut items: Vec<ClassItem> = Vec::new();
        let mut first = true;
        loop {
            let at = self.i;
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated character set", start));
            };
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let item = match c {
                '\\' => {
                    let e = self
                        .peek()
                        .ok_or_else(|| self.error("unterminated character set", start))?;
                    self.i += 1;
                    if e.is_ascii_digit() && e != '0' {
                        if ('0'..='7').contains(&e) {
                            ClassItem::Char(self.octal(e, at)?)
                        } else {
                            return Err(self.error(&format!("bad escape \\{e}"), at));
                        }
                    } else {
                        self.char_escape(e, at, true)?
                    }
                }
                '[' if self.peek() == Some(':') => {
                    return Err(self.unsupported("POSIX character class `[:name:]`", at));
                }
                c => ClassItem::Char(c),
            };
            // A range `a-z`: a `-` between two single characters.
            if let ClassItem::Char(low) = item {
                if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                    let save = self.i;
                    self.i += 1;
                    let hc = self.peek().unwrap_or(']');
                    self.i += 1;
                    let high = if hc == '\\' {
                        let e = self
                            .peek()
                            .ok_or_else(|| self.error("unterminated character set", start))?;
                        self.i += 1;
                        match self.char_escape(e, at, true)? {
                            ClassItem::Char(h) => Some(h),
                            _ => return Err(self.error("bad character range", at)),
                        }
                    } else if hc == '[' && self.peek() == Some(':') {
                        return Err(self.unsupported("POSIX character class `[:name:]`", at));
                    } else {
                        Some(hc)
                    };
                    match high {
                        Some(high) if high >= low => {
                            items.push(ClassItem::Range(low, high));
                            continue;
                        }
                        Some(_) => return Err(self.error("bad character range", at)),
                        None => self.i = save,
                    }
                }
            }
            items.push(item);
        }
        Ok(Class {
            negated,
            items,
            ci: flags.ci,
        })
    }
}

impl Node {
    /// Whether the node can match the empty string (assertions aside).
    pub fn nullable(&self) -> bool {
        match self {
            Node::Empty | Node::Assert(_) | Node::Look { .. } => true,
            Node::Literal { .. } | Node::Class(_) | Node::Any { .. } => false,
            Node::Group { node, .. } | Node::Atomic(node) => node.nullable(),
            Node::Repeat { node, min, .. } => *min == 0 || node.nullable(),
            Node::Concat(items) => items.iter().all(Node::nullable),
            Node::Alt(items) => items.iter().any(Node::nullable),
            Node::Backref { .. } => true,
        }
    }

    /// Whether the node is one character of a set: a literal, a class or `.`.
    pub fn is_single_char(&self) -> bool {
        matches!(
            self,
            Node::Literal { .. } | Node::Class(_) | Node::Any { .. }
        )
    }

    /// Calls `f` on this node and every node below it.
    pub fn walk(&self, f: &mut dyn FnMut(&Node)) {
        f(self);
        match self {
            Node::Group { node, .. }
            | Node::Look { node, .. }
            | Node::Atomic(node)
            | Node::Repeat { node, .. } => node.walk(f),
            Node::Concat(items) | Node::Alt(items) => items.iter().for_each(|n| n.walk(f)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(c: char) -> Node {
        Node::Literal { c, ci: false }
    }

    #[test]
    fn reads_sequences_groups_and_repeats() {
        let p = parse("a(?:b|c)+?d{2,}", false).unwrap();
        let Node::Concat(items) = p.node else {
            panic!()
        };
        assert_eq!(items[0], lit('a'));
        assert!(matches!(
            &items[1],
            Node::Repeat {
                min: 1,
                max: None,
                greed: Greed::Lazy,
                ..
            }
        ));
        assert!(matches!(
            &items[2],
            Node::Repeat {
                min: 2,
                max: None,
                greed: Greed::Greedy,
                ..
            }
        ));
    }

    #[test]
    fn braces_that_are_no_quantifier_are_literal() {
        let p = parse("a{x}b{1,2", false).unwrap();
        let Node::Concat(items) = p.node else {
            panic!()
        };
        assert_eq!(items.len(), 9);
        assert_eq!(items[1], lit('{'));
        let p = parse("a{,2}", false).unwrap();
        assert!(matches!(
            p.node,
            Node::Repeat {
                min: 0,
                max: Some(2),
                ..
            }
        ));
    }

    #[test]
    fn flags_are_resolved_into_the_pieces() {
        let p = parse("a(?i:b)(?-i:c)d", true).unwrap();
        let Node::Concat(items) = p.node else {
            panic!()
        };
        let ci: Vec<bool> = items
            .iter()
            .map(|n| match n {
                Node::Literal { ci, .. } => *ci,
                Node::Group { node, .. } => matches!(**node, Node::Literal { ci: true, .. }),
                _ => panic!(),
            })
            .collect();
        assert_eq!(ci, [true, true, false, true]);
        // A flag set inside a group lasts to the end of that group.
        let p = parse("(?:a(?i)b)c", false).unwrap();
        let Node::Concat(items) = p.node else {
            panic!()
        };
        assert_eq!(items[1], lit('c'));
    }

    #[test]
    fn verbose_mode_skips_space_and_comments() {
        let p = parse("(?x) a b # c\n d", false).unwrap();
        assert_eq!(p.node, Node::Concat(vec![lit('a'), lit('b'), lit('d')]));
    }

    #[test]
    fn classes_read_like_python() {
        let p = parse(r"[]a-c\w-.]", false).unwrap();
        let Node::Class(class) = p.node else { panic!() };
        assert_eq!(
            class.items,
            [
                ClassItem::Char(']'),
                ClassItem::Range('a', 'c'),
                ClassItem::Perl(Perl::Word, false),
                ClassItem::Char('-'),
                ClassItem::Char('.')
            ]
        );
        let p = parse(r"[^[\p{Lu}&&x]", false).unwrap();
        let Node::Class(class) = p.node else { panic!() };
        assert!(class.negated);
        assert_eq!(class.items[0], ClassItem::Char('['));
        assert_eq!(class.items[1], ClassItem::Property("Lu".into(), false));
    }

    #[test]
    fn named_groups_of_one_name_share_a_number() {
        let p = parse("(?P<a>x)|(?P<a>y)(z)", false).unwrap();
        assert_eq!(p.names, [Some("a".to_string()), None]);
    }

    #[test]
    fn escapes() {
        assert_eq!(parse(r"\x41", false).unwrap().node, lit('A'));
        assert_eq!(parse(r"\u00e9", false).unwrap().node, lit('é'));
        assert_eq!(parse(r"\101", false).unwrap().node, lit('A'));
        assert!(matches!(
            parse(r"(a)\1", false).unwrap().node,
            Node::Concat(_)
        ));
        assert!(matches!(
            parse(r"\Z", false).unwrap().node,
            Node::Assert(Assertion::EndText)
        ));
    }

    #[test]
    fn constructs_without_an_engine_are_named() {
        for (pattern, construct) in [
            ("(?(1)a|b)", "conditional"),
            ("(?|a)", "branch reset"),
            ("(?R)", "recursion"),
            ("a(?1)", "recursion"),
            ("(*PRUNE)", "verb"),
            ("\\G", "\\G"),
            ("a{e<=1}", "fuzzy"),
            ("[[:alpha:]]", "POSIX"),
            ("(?V1)a", "version 1"),
            ("(?a)\\w", "ASCII"),
            ("\\N{BULLET}", "named character"),
        ] {
            let err = parse(pattern, false).unwrap_err();
            assert!(err.construct.contains(construct), "{pattern}: {err}");
        }
    }

    #[test]
    fn malformed_patterns_are_errors() {
        for pattern in ["(a", "a)", "*a", "a**", "[a", "a{3,2}", "\\"] {
            assert!(parse(pattern, false).is_err(), "{pattern}");
        }
    }

    #[test]
    fn a_backreference_inside_the_group_it_names_is_an_error() {
        // As in the regex module ("cannot refer to an open group"); fancy-regex
        // panicked on (?i:(\1?+)*+a*+|)*+a*+a*+ (found by fuzzing).
        for (pattern, at) in [
            (r"(a\1)", 2),
            (r"(?P<a>x(?P=a))", 7),
            (r"(?P<a>a)(?P<a>b\1)", 15),
            (r"(?:(\1?+)*+a)", 4),
            (r"(a\g<1>)", 2),
        ] {
            let err = parse(pattern, false).unwrap_err();
            assert_eq!(
                (err.construct.as_str(), err.at),
                ("cannot refer to an open group", at),
                "{pattern}"
            );
        }
        for pattern in [
            r"(a)\1",
            r"(a)(b\1)",
            r"(?:(a)|b)\1",
            r"(?P<a>x)(?P<b>(?P=a))",
        ] {
            assert!(parse(pattern, false).is_ok(), "{pattern}");
        }
        let p = super::super::pattern::Pattern::new(
            r"(?i:(\1?+)*+a*+|)*+a*+a*+",
            false,
            super::super::pattern::Mode::Search,
            super::super::pattern::Use::Extents,
            10_000,
        );
        assert!(p.is_err());
    }
}
