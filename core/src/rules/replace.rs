//! Replace rules: rewrite text inside the blocks kept in the body.
//!
//! Rules run in load order over every block in their window; each block is
//! tested for a rule's literals as it is when the rule comes (an earlier
//! rule's replacement may have changed it). Every match is replaced by the
//! rule's replacement (Python's template syntax: `\1`, `\g<name>`, `\n`, ...),
//! the block is trimmed and its doubled spaces made single; each matched text
//! is reported as a cut, and a block left empty is removed by the rule that
//! emptied it (no later rule looks at it).

use std::sync::{Arc, OnceLock};

use super::fold;
use super::pattern::{Failure, Mode, Pattern, Spans, Use};
use super::prefilter::{self, Factors};
use super::{RuleError, RunError, Window};
use crate::pystr;

/// A replace rule as the rule file gives it.
#[derive(Debug, Clone)]
pub struct ReplaceSpec {
    /// The rule's id.
    pub id: String,
    /// The pattern (`Rule.regex_source`).
    pub source: String,
    /// Whether case matters.
    pub case_sensitive: bool,
    /// Where in the document it applies.
    pub window: Window,
    /// The replacement template.
    pub replacement: String,
}

/// A piece of a replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Group(usize),
}

/// A replacement template, read as Python's `regex` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    /// Reads `template`; group references are checked against `pattern`'s groups.
    pub fn parse(template: &str, pattern: &Pattern) -> Result<Self, String> {
        let chars: Vec<char> = template.chars().collect();
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut i = 0;
        let group = |pieces: &mut Vec<Piece>, text: &mut String, n: usize| -> Result<(), String> {
            if n > pattern.group_count() {
                return Err(format!(
                    "replacement refers to group {n}, which the pattern does not have"
                ));
            }
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(text)));
            }
            pieces.push(Piece::Group(n));
            Ok(())
        };
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '\\' {
                text.push(c);
                continue;
            }
            let Some(&e) = chars.get(i) else {
                return Err("replacement ends with a backslash".to_string());
            };
            i += 1;
            match e {
                'a' => text.push('\x07'),
                'b' => text.push('\x08'),
                'f' => text.push('\x0c'),
                'n' => text.push('\n'),
                'r' => text.push('\r'),
                't' => text.push('\t'),
                'v' => text.push('\x0b'),
                'x' | 'u' | 'U' => {
                    let len = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let digits: String = chars.iter().skip(i).take(len).collect();
                    let value = (digits.chars().count() == len)
                        .then(|| u32::from_str_radix(&digits, 16).ok())
                        .flatten()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad escape \\{e} in the replacement"))?;
                    text.push(value);
                    i += len;
                }
                'g' => {
                    if chars.get(i) != Some(&'<') {
                        return Err("bad group reference \\g in the replacement".to_string());
                    }
                    let end = chars[i..]
                        .iter()
                        .position(|&c| c == '>')
                        .ok_or_else(|| "unterminated \\g<...> in the replacement".to_string())?;
                    let name: String = chars[i + 1..i + end].iter().collect();
                    i += end + 1;
                    let n = match name.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => pattern
                            .group_number(&name)
                            .ok_or_else(|| format!("replacement refers to group {name:?}, which the pattern does not have"))?,
                    };
                    group(&mut pieces, &mut text, n)?;
                }
                '0' => {
                    let mut value = 0;
                    let mut k = 0;
                    while k < 2 && chars.get(i).is_some_and(|c| c.is_digit(8)) {
                        value = value * 8 + chars[i].to_digit(8).unwrap_or(0);
                        i += 1;
                        k += 1;
                    }
                    text.push(char::from_u32(value).unwrap_or('\0'));
                }
                d if d.is_ascii_digit() => {
                    // Three octal digits are a character; otherwise one or two digits are a group.
                    let mut digits = d.to_string();
                    if let Some(&d2) = chars.get(i).filter(|c| c.is_ascii_digit()) {
                        digits.push(d2);
                        if let Some(&d3) = chars.get(i + 1) {
                            let three = format!("{digits}{d3}");
                            if three.chars().all(|c| c.is_digit(8)) {
                                let value = u32::from_str_radix(&three, 8).unwrap_or(0) & 0x1FF;
                                text.push(char::from_u32(value).unwrap_or('\0'));
                                i += 2;
                                continue;
                            }
                        }
                        i += 1;
                    }
                    group(&mut pieces, &mut text, digits.parse().unwrap_or(0))?;
                }
                '\\' => text.push('\\'),
                e if e.is_ascii_alphabetic() => {
                    return Err(format!("bad escape \\{e} in the replacement"))
                }
                e => {
                    text.push('\\');
                    text.push(e);
                }
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template { pieces })
    }

    fn expand(&self, pattern: &Pattern, text: &str, spans: &Spans, out: &mut String) {
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Group(n) => {
                    if let Some((start, end)) = pattern.group(spans, *n) {
                        out.push_str(&text[start..end]);
                    }
                }
            }
        }
    }
}

/// A compiled replace rule.
#[derive(Debug)]
pub struct ReplaceRule {
    /// The rule's id.
    pub id: String,
    window: Window,
    pattern: Pattern,
    factors: Option<Factors>,
    template: Template,
}

impl ReplaceRule {
    /// Compiles a rule; `backtrack_limit` bounds each run of a backtracking pattern.
    pub fn compile(spec: &ReplaceSpec, backtrack_limit: usize) -> Result<Self, RuleError> {
        let error = |problem: String| RuleError {
            rule: spec.id.clone(),
            problem,
        };
        let ci = !spec.case_sensitive;
        let pattern = Pattern::new(
            &spec.source,
            ci,
            Mode::Search,
            Use::Extents,
            backtrack_limit,
        )
        .map_err(|e| error(e.to_string()))?;
        // Replace rules are few and all run on every document: built now.
        pattern.compile().map_err(|e| error(e.to_string()))?;
        if pattern
            .captures_at("", 0)
            .map_err(|_| {
                error("the pattern ran past its backtracking limit on an empty text".into())
            })?
            .is_some()
        {
            return Err(error(
                "a replace pattern must not match the empty string \
                 (it would insert the replacement between every two characters)"
                    .into(),
            ));
        }
        let template = Template::parse(&spec.replacement, &pattern).map_err(error)?;
        Ok(ReplaceRule {
            id: spec.id.clone(),
            window: spec.window,
            factors: prefilter::factors(pattern.tree()),
            pattern,
            template,
        })
    }

    /// The compiled pattern.
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// Whether the pattern matches somewhere in `text` (for the rule's examples).
    pub fn is_match(&self, text: &str) -> Result<bool, RunError> {
        if !present(self.factors.as_ref(), &fold::fold(text)) {
            return Ok(false);
        }
        Ok(self
            .pattern
            .captures_at(text, 0)
            .map_err(|f| RunError::of(f, 0))?
            .is_some())
    }
}

/// The matches of `pattern` in `text`, in order, as Python's `finditer` finds
/// them: an empty match may follow a non-empty one where it ends, never
/// another empty one.
fn find_all(pattern: &Pattern, text: &str) -> Result<Vec<Spans>, Failure> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut last_empty: Option<usize> = None;
    while at <= text.len() {
        let Some(spans) = pattern.captures_at(text, at)? else {
            break;
        };
        let Some((start, end)) = spans.first().copied().flatten() else {
            break;
        };
        if start == end && last_empty == Some(start) {
            // The same empty match again: look one character further.
            match text[start..].chars().next() {
                Some(c) => {
                    at = start + c.len_utf8();
                    last_empty = None;
                    continue;
                }
                None => break,
            }
        }
        last_empty = (start == end).then_some(end);
        at = end;
        found.push(spans);
    }
    Ok(found)
}

fn present(factors: Option<&Factors>, folded: &str) -> bool {
    factors.is_none_or(|found| found.iter().any(|f| folded.contains(f.as_str())))
}

fn spaces() -> &'static regex::Regex {
    static SPACES: OnceLock<regex::Regex> = OnceLock::new();
    SPACES.get_or_init(|| regex::Regex::new(r"\s+").expect("a valid pattern"))
}

/// Text a replace rule took out of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// Index of the block.
    pub block: usize,
    /// Index of the rule.
    pub rule: usize,
    /// The matched text.
    pub text: String,
}

/// What the replace rules did to a document's blocks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    /// The new text of each block, `None` where it did not change.
    pub texts: Vec<Option<String>>,
    /// Every match, rule by rule, block by block.
    pub cuts: Vec<Cut>,
    /// For each block left empty, the rule that removes it.
    pub emptied: Vec<Option<usize>>,
}

/// The replace rules of one rule combination.
#[derive(Debug)]
pub struct ReplaceRules {
    rules: Vec<Arc<ReplaceRule>>,
}

impl ReplaceRules {
    /// These rules, in load order.
    pub fn new(rules: Vec<Arc<ReplaceRule>>) -> Self {
        ReplaceRules { rules }
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Arc<ReplaceRule>] {
        &self.rules
    }

    /// Rewrites the blocks of a document (those still in the body, in order).
    pub fn run(&self, blocks: &[&str]) -> Result<Replaced, RunError> {
        let n = blocks.len();
        let mut out = Replaced {
            texts: vec![None; n],
            cuts: Vec::new(),
            emptied: vec![None; n],
        };
        if self.rules.is_empty() {
            return Ok(out);
        }
        let mut folded: Vec<Option<String>> = vec![None; n];
        for (r, rule) in self.rules.iter().enumerate() {
            for i in 0..n {
                if !rule.window.holds(i, n) {
                    continue;
                }
                let text: &str = out.texts[i].as_deref().unwrap_or(blocks[i]);
                if text.is_empty() {
                    continue; // removed by the rule that emptied it
                }
                if rule.factors.is_some() {
                    let keys = folded[i].get_or_insert_with(|| fold::fold(text));
                    if !present(rule.factors.as_ref(), keys) {
                        continue;
                    }
                }
                let found = find_all(&rule.pattern, text).map_err(|f| RunError::of(f, r))?;
                if !found.is_empty() {
                    let mut new = String::with_capacity(text.len());
                    let mut last = 0;
                    for spans in &found {
                        let Some((start, end)) = spans[0] else {
                            continue;
                        };
                        new.push_str(&text[last..start]);
                        rule.template.expand(&rule.pattern, text, spans, &mut new);
                        last = end;
                    }
                    new.push_str(&text[last..]);
                    let mut new = new.trim_matches(pystr::is_space).to_string();
                    if new.contains("  ") {
                        new = spaces().replace_all(&new, " ").into_owned();
                    }
                    for spans in &found {
                        if let Some((start, end)) = spans[0] {
                            out.cuts.push(Cut {
                                block: i,
                                rule: r,
                                text: text[start..end].to_string(),
                            });
                        }
                    }
                    if new.is_empty() {
                        out.emptied[i] = Some(r);
                    }
                    out.texts[i] = Some(new);
                    folded[i] = None;
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, source: &str, replacement: &str) -> Arc<ReplaceRule> {
        let spec = ReplaceSpec {
            id: id.to_string(),
            source: source.to_string(),
            case_sensitive: false,
            window: Window::Anywhere,
            replacement: replacement.to_string(),
        };
        Arc::new(ReplaceRule::compile(&spec, 1_000_000).unwrap())
    }

    #[test]
    fn matches_are_replaced_and_reported() {
        let rules = ReplaceRules::new(vec![rule("x.ad", r"\s*\(Advertisement\)", "")]);
        let out = rules
            .run(&["Story text (Advertisement) goes on.", "Clean."])
            .unwrap();
        assert_eq!(out.texts, [Some("Story text goes on.".to_string()), None]);
        assert_eq!(
            out.cuts,
            [Cut {
                block: 0,
                rule: 0,
                text: " (Advertisement)".to_string()
            }]
        );
        assert_eq!(out.emptied, [None, None]);
    }

    #[test]
    fn templates_refer_to_groups_and_spaces_are_tidied() {
        let rules = ReplaceRules::new(vec![rule("x.swap", r"(?P<a>\w+)-(\w+)", r"\2 \g<a>")]);
        let out = rules.run(&["ab-cd  ef"]).unwrap();
        assert_eq!(out.texts, [Some("cd ab ef".to_string())]);
    }

    #[test]
    fn a_block_left_empty_is_removed_by_the_rule() {
        let rules = ReplaceRules::new(vec![
            rule("x.all", r"Advertisement", ""),
            rule("x.other", r"\d+", ""),
        ]);
        let out = rules.run(&["Advertisement", "Story"]).unwrap();
        assert_eq!(out.texts[0].as_deref(), Some(""));
        // No later rule looks at the empty block.
        assert_eq!(out.emptied, [Some(0), None]);
    }

    #[test]
    fn empty_matches_follow_python() {
        let p = Pattern::new("a*", false, Mode::Search, Use::Extents, 1000).unwrap();
        let found: Vec<_> = find_all(&p, "baaab")
            .unwrap()
            .into_iter()
            .map(|s| s[0].unwrap())
            .collect();
        assert_eq!(found, [(0, 0), (1, 4), (4, 4), (5, 5)]);
    }

    #[test]
    fn bad_templates_are_errors() {
        let p = Pattern::new("(a)", false, Mode::Search, Use::Extents, 1000).unwrap();
        assert!(Template::parse(r"\q", &p).is_err());
        assert!(Template::parse(r"\2", &p).is_err());
        assert!(Template::parse(r"\g<nope>", &p).is_err());
        assert_eq!(
            Template::parse(r"\-\\", &p).unwrap(),
            Template {
                pieces: vec![Piece::Text("\\-\\".into())]
            }
        );
        assert_eq!(
            Template::parse(r"\101", &p).unwrap(),
            Template {
                pieces: vec![Piece::Text("A".into())]
            }
        );
    }
}
