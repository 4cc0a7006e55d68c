//! Metadata around the story, for text scored as a whole page.
//!
//! On a whole page the text's first lines are the site's menu, so the head
//! metadata rules, which read the first blocks of a text, find nothing there.
//! The headline, byline and date stand just above the story (or in its first
//! lines): once page scoring has found the story, this stage reads them there.
//!
//! - The title: the headline-like block closest above the story's first
//!   paragraph, preferring a block the page repeats or that the page's title
//!   line starts with ("Headline - Site"); a section label or a date line is
//!   no headline. The title line then gives the publisher.
//! - Byline, date and dateline: the head metadata rules run over the blocks
//!   around the story's start, as if they were the head of the text
//!   ([`crate::rules::metarun`]).
//!
//! The fields go to a [`Found`] (the package's metadata builder, which
//! normalises them); [`read`] returns the blocks whose rule changes and the
//! authors to keep. Python's `str` semantics (words, case, letters) come from
//! [`crate::pystr`], the patterns from [`patterns`].

mod names;
pub mod patterns;

use std::collections::{HashMap, HashSet};

use crate::pystr;
use crate::rules::metadata::{Groups, MetaRules};
use crate::rules::metarun::{Fields, MetaError, MetaState, RunOptions};
use crate::rules::title::{looks_like_title, normalise_key};
use crate::rules::RunError;
use crate::text::dates::parse_date;

use names::{bare, bylines, in_prose, may_open_byline, person, without_role, Byline};
use patterns::patterns;

/// The rule id of a headline read above the story (it leaves the body).
pub const TITLE_RULE: &str = "story.title";
/// The rule id of a date line read beside the headline.
pub const DATE_RULE: &str = "story.date";
/// The rule id of an author's name read beside the date line.
pub const AUTHOR_RULE: &str = "story.author";
/// The rule id page scoring gives the blocks it takes out.
pub const SCORING_RULE: &str = "score.boilerplate";

/// Blocks above the story's first paragraph where its headline, byline and date are looked for.
pub const ABOVE: usize = 20;
/// Blocks of the story's start (from its first paragraph) where a byline or date may stand.
pub const BELOW: usize = 3;
/// Words of the first block taken for a story paragraph.
pub const PROSE_WORDS: usize = 12;
/// Blocks over which the body's density is weighed to find the story's start.
pub const RUN: usize = 10;
/// Words in the body over `RUN` blocks that make a story's start.
pub const STORY_WORDS: usize = 120;
/// Words a line that gives the date may have.
pub const DATE_LINE_WORDS: usize = 16;
/// Lines of the story's start where a date line may stand.
pub const AFTER_START: usize = 6;
/// Words a line may have that opens with a date and a byline after it, its
/// categories or tags following ("On June 17, 2023 By Jane Doe In Travel, Tips, ...").
pub const DATED_BYLINE_WORDS: usize = 40;
/// Words a line that gives the author may have (8 more when it opens with "By").
pub const BYLINE_WORDS: usize = 12;
/// Share of their words a block and the title line have in common for the
/// block to be taken for a headline written as two sentences.
pub const HEAD_SHARE: f64 = 0.5;
/// What the page's title line scores as the headline.
pub const TITLE_LINE_SCORE: f64 = 1.5;

/// The metadata gathered around the story (the package's builder): the
/// first value of a field wins.
pub trait Found {
    /// An error of the builder, handed on as it is.
    type Error;
    /// Take the named groups of a head rule's match; whether a field was set.
    fn add(&mut self, groups: &Groups<'_>) -> Result<bool, Self::Error>;
    /// The value of a field, if set (and not empty).
    fn get(&mut self, name: &str) -> Result<Option<String>, Self::Error>;
    /// Set a field unless it is set.
    fn set(&mut self, name: &str, value: &str) -> Result<(), Self::Error>;
    /// Unset a field ("authors": drop the authors found so far).
    fn forget(&mut self, name: &str) -> Result<(), Self::Error>;
    /// The authors found so far.
    fn authors(&mut self) -> Result<Vec<String>, Self::Error>;
    /// Add authors.
    fn extend_authors(&mut self, names: &[String]) -> Result<(), Self::Error>;
}

/// Why a reading stopped.
#[derive(Debug)]
pub enum StoryError<E> {
    /// A head rule's pattern failed on a block.
    Run(RunError),
    /// The builder failed.
    Found(E),
}

impl<E> From<MetaError<E>> for StoryError<E> {
    fn from(e: MetaError<E>) -> Self {
        match e {
            MetaError::Run(r) => StoryError::Run(r),
            MetaError::Fields(f) => StoryError::Found(f),
        }
    }
}

/// The head rules as the story reads them.
#[derive(Debug, Clone, Copy)]
pub struct HeadRules<'r> {
    /// The metadata rules of the rule set.
    pub rules: &'r MetaRules,
    /// Ids of the head extract rules: blocks they took from the text's head are read again.
    pub read_before: &'r [String],
    /// Rules the window's run skips (all but the head extract rules of the first blocks).
    pub wide_skip: &'r [usize],
    /// Rules the first paragraph's run skips (all but the head extract rules of the first block).
    pub first_skip: &'r [usize],
    /// Words the body keeps beside a title or a cut.
    pub min_words: usize,
}

/// A block whose rule (or cut flag) changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Index of the block.
    pub block: usize,
    /// Its rule now (`None`: in the body).
    pub rule: Option<String>,
    /// Its cut flag to set, if one was set.
    pub cut: Option<bool>,
}

/// What the reading decided: the blocks whose rule changed, and the authors
/// to keep (`None`: keep those the builder had).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Blocks whose rule changed, in order.
    pub changes: Vec<Change>,
    /// The authors found around the story, without their jobs, if any.
    pub people: Option<Vec<String>>,
}

/// The blocks of a page as the story reads them.
struct Page<'t> {
    texts: &'t [&'t str],
    rules: Vec<Option<String>>,
    cuts: Vec<Option<bool>>,
    words: Vec<usize>,
    /// The words the page writes in lower case, casefolded (read on first use).
    lower: std::cell::OnceCell<HashSet<String>>,
}

impl Page<'_> {
    fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether the block is in the body or only scoring took it out.
    fn open(&self, i: usize) -> bool {
        match &self.rules[i] {
            None => true,
            Some(r) => r == SCORING_RULE,
        }
    }

    /// Whether each word of `name` is one the page's paragraphs also write in
    /// lower case ("Key Takeaways" over a story that says "the key
    /// takeaways"): words of the language, not a person's name.
    fn common(&self, name: &str) -> bool {
        let lower = self
            .lower
            .get_or_init(|| names::lower_words(self.texts, PROSE_WORDS));
        let mut words = word_list(name).into_iter().peekable();
        words.peek().is_some() && words.all(|w| lower.contains(&pystr::casefold(w)))
    }

    fn rule_is(&self, i: usize, rule: &str) -> bool {
        self.rules[i].as_deref() == Some(rule)
    }

    /// Where lines closing the story may stand up to (not included): `after`
    /// blocks under its last block.
    fn story_end(&self, s: usize, after: usize) -> usize {
        for i in (s..self.len()).rev() {
            if self.rules[i].is_none() {
                return self.len().min(i + after);
            }
        }
        s
    }
}

/// The index of the story's first paragraph: the first block in the body, of
/// `PROSE_WORDS` words or more, where the body is dense; `None` when the body
/// is empty.
fn story_start(page: &Page<'_>) -> Option<usize> {
    let kept: Vec<usize> = (0..page.len())
        .filter(|&i| page.rules[i].is_none())
        .collect();
    let first = *kept.first()?;
    let words: Vec<usize> = (0..page.len())
        .map(|i| {
            if page.rules[i].is_none() {
                page.words[i]
            } else {
                0
            }
        })
        .collect();
    let prose: Vec<usize> = kept
        .into_iter()
        .filter(|&i| words[i] >= PROSE_WORDS)
        .collect();
    if prose.is_empty() {
        return Some(first);
    }
    let mass: Vec<usize> = prose
        .iter()
        .map(|&i| words[i..(i + RUN).min(words.len())].iter().sum())
        .collect();
    let most = *mass.iter().max().expect("prose is not empty");
    let enough = (most as f64 / 2.0).min(STORY_WORDS as f64);
    prose
        .iter()
        .zip(&mass)
        .find(|(_, &m)| m as f64 >= enough)
        .map(|(&i, _)| i)
}

/// Where the page's headline stands when it is more than `ABOVE` blocks above
/// the story's start `s`: the first and last of the blocks that repeat the
/// title line's key, a few blocks apart.
fn headline_far_above(keys: &[String], head: Option<&str>, s: usize) -> Option<(usize, usize)> {
    let key = head.map(normalise_key).unwrap_or_default();
    if key.chars().count() < 12 {
        return None; // "Home", "Blog": a menu line, not a headline
    }
    let at: Vec<usize> = (1..s).rev().filter(|&i| keys[i] == key).collect();
    let last = *at.first()?;
    if last as isize >= s as isize - ABOVE as isize {
        return None;
    }
    let low = last as isize - (ABOVE / 2) as isize;
    let first = at
        .iter()
        .copied()
        .filter(|&i| i as isize >= low)
        .min()
        .expect("last is in at");
    Some((first, last))
}

/// The casefolded `\w+` words of a text.
fn word_set(text: &str) -> HashSet<String> {
    patterns()
        .word
        .each(text)
        .map(|m| {
            let (a, b) = m.span();
            pystr::casefold(&text[a..b])
        })
        .collect()
}

/// The `\w+` words of a text, as they stand.
fn word_list(text: &str) -> Vec<&str> {
    patterns()
        .word
        .each(text)
        .map(|m| {
            let (a, b) = m.span();
            &text[a..b]
        })
        .collect()
}

/// `text.rstrip()[-1:] in chars` (an empty text is in any set, as in Python).
fn ends_in(text: &str, chars: &str) -> bool {
    text.trim_end_matches(pystr::is_space)
        .chars()
        .next_back()
        .is_none_or(|c| chars.contains(c))
}

/// Words of a title's part, counting four characters of Chinese, Japanese or
/// Korean as a word where no spaces part them.
fn word_count(text: &str) -> usize {
    pystr::word_count(text) + patterns().cjk.each(text).count() / 4
}

/// Whether a character is `\w` to Python's `regex` module (the `regex` crate's `\w`).
fn is_re_word(c: char) -> bool {
    static WORD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let mut buf = [0u8; 4];
    WORD.get_or_init(|| regex::Regex::new(r"\A\w\z").expect("valid"))
        .is_match(c.encode_utf8(&mut buf))
}

/// `text` with ":" before each space that follows a question or an
/// abbreviation of one to three letters ("vs. ", "U.S. "): Python's
/// `(?<=(?<!\w)\w{1,3}\.|[?!])(?=\s)` replaced by ":".
fn mark_abbreviations(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (k, &c) in chars.iter().enumerate() {
        if pystr::is_re_space(c) && k > 0 {
            let prev = chars[k - 1];
            let mark = match prev {
                '?' | '!' => true,
                '.' => {
                    let mut run = 0;
                    while run < k - 1 && is_re_word(chars[k - 2 - run]) {
                        run += 1;
                    }
                    (1..=3).contains(&run)
                }
                _ => false,
            };
            if mark {
                out.push(':');
            }
        }
        out.push(c);
    }
    out
}

/// Whether a line reads as a headline, where a question or an abbreviation
/// may stand before a capital ("How Much Does It Cost? A Guide").
fn title_like(text: &str, max_words: usize) -> bool {
    if text.contains(['.', '?', '!']) {
        return looks_like_title(&mark_abbreviations(text), max_words);
    }
    looks_like_title(text, max_words)
}

/// Words a section's name between a headline and the site's name may have
/// ("Headline | Section | Site").
pub const SECTION_WORDS: usize = 3;
/// Words a headline keeps when a section's name leaves it.
pub const HEADLINE_WORDS: usize = 4;

/// `head` (a title line up to the site's name, cut at `separator`) without
/// the parts that end it as well: the site's name again ("Headline - Site -
/// Site"), or a section's name after the same separator ("Headline | Section
/// | Site").
fn without_site<'t>(head: &'t str, site: &str, separator: &str) -> &'t str {
    let p = patterns();
    let site = pystr::casefold(site);
    let mut head = pystr::strip(head);
    while let Some(m) = p.site_separator.each(head).last() {
        let (a, b) = m.span();
        let (rest, part) = (pystr::strip(&head[..a]), pystr::strip(&head[b..]));
        let again = pystr::casefold(part) == site;
        let section = pystr::strip(&head[a..b]) == separator
            && word_count(part) <= SECTION_WORDS
            && word_count(rest) >= HEADLINE_WORDS;
        if !(again || section) || word_count(rest) < 2 {
            break;
        }
        head = rest;
    }
    head
}

/// The date and the headline of a line that writes both, the date before
/// or after it ("Dec 18 2025 Headline", "Headline · June 17, 2023"), the
/// headline being the title line's `head`.
fn dated_headline(text: &str, head: &str) -> Option<(String, String)> {
    let date = parse_date(text)?;
    let rest = crate::text::dates::without_dates(text, "\0");
    let marks = |c: char| pystr::is_space(c) || "|·•,:;–—-/".contains(c);
    let rest = rest.trim_matches(marks);
    let headline = if let Some(after) = rest.strip_prefix('\0') {
        after
    } else {
        rest.strip_suffix('\0')?
    };
    let headline = headline.trim_matches(marks);
    if headline.contains('\0') || normalise_key(headline) != normalise_key(head) {
        return None;
    }
    Some((date, headline.to_owned()))
}

/// A headline without the site's name after a separator ("Headline – Site"),
/// the site's name `site` as the title line gives it.
fn without_site_name<'t>(headline: &'t str, site: Option<&str>) -> &'t str {
    let Some(site) = site else {
        return headline;
    };
    let p = patterns();
    let headline = pystr::strip(headline);
    match p.site_separator.each(headline).last() {
        Some(m)
            if pystr::casefold(pystr::strip(&headline[m.span().1..])) == pystr::casefold(site)
                && word_count(&headline[..m.span().0]) >= 2 =>
        {
            pystr::strip(&headline[..m.span().0])
        }
        _ => headline,
    }
}

/// The headline and the site's name as the text's first block gives them.
fn title_line(page: &Page<'_>) -> (Option<String>, Option<String>) {
    let Some(first) = page.texts.first() else {
        return (None, None);
    };
    let first = pystr::strip(first);
    let p = patterns();
    let n = word_count(first);
    let titled = p.site_separator.found(first)
        && (2..=40).contains(&n)
        && first
            .chars()
            .next()
            .is_some_and(|c| pystr::is_upper(c.encode_utf8(&mut [0; 4])))
        && !first.chars().next_back().is_none_or(|c| ".;:,".contains(c));
    // Chinese, Japanese or Korean: no capitals, few spaces
    let cjk = (2..=40).contains(&n)
        && p.cjk.found(first)
        && !first
            .chars()
            .next_back()
            .is_none_or(|c| ".;:,。".contains(c));
    if !(titled || cjk || title_like(first, 40)) {
        return (None, None);
    }
    let parts = p.site_separator.split(first);
    if parts.len() >= 2 {
        let last_words = word_count(parts[parts.len() - 1]);
        if last_words > 0 && last_words <= 4 && word_count(parts[0]) >= 2 {
            let cut = p
                .site_separator
                .each(first)
                .last()
                .expect("split found one")
                .span();
            let site = pystr::strip(&first[cut.1..]);
            let headline = without_site(&first[..cut.0], site, pystr::strip(&first[cut.0..cut.1]));
            return (Some(headline.to_owned()), Some(site.to_owned()));
        }
    }
    (Some(first.to_owned()), None)
}

/// Words of a date line other than the date's ("Updated Dec 18, 2025 · 5 min read").
const DATE_WORDS: &[&str] = &[
    "am",
    "pm",
    "est",
    "edt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "cet",
    "cest",
    "bst",
    "updated",
    "published",
    "posted",
    "last",
    "on",
    "at",
    "min",
    "mins",
    "minute",
    "minutes",
    "read",
    "uhr",
    "le",
    "um",
];

/// Whether a line is a date or time with little else.
fn mostly_date(text: &str) -> bool {
    if !text.chars().any(pystr::is_decimal)
        || !patterns().date_or_numbers.found(text) && parse_date(text).is_none()
    {
        return false;
    }
    let rest = word_list(text)
        .into_iter()
        .filter(|w| {
            if w.chars().all(crate::scoring::pytext::is_digit) {
                return false;
            }
            let folded = pystr::casefold(w);
            !(DATE_WORDS.contains(&folded.as_str())
                || crate::text::dates::month_number(&folded).is_some())
        })
        .count();
    rest < 4
}

/// Reads the title, byline, date and dateline around the story's start of a
/// page of blocks (`texts`, `rules`: each block's text and the rule that
/// took it out, `None` in the body). `url_dated`: the page's address gives a
/// date.
pub fn read<F: Found>(
    texts: &[&str],
    rules: &[Option<String>],
    head_rules: HeadRules<'_>,
    found: &mut F,
    url_dated: bool,
) -> Result<Outcome, StoryError<F::Error>> {
    let mut page = Page {
        texts,
        rules: rules.to_vec(),
        cuts: vec![None; texts.len()],
        words: texts.iter().map(|t| pystr::word_count(t)).collect(),
        lower: std::cell::OnceCell::new(),
    };
    let Some(mut s) = story_start(&page) else {
        return Ok(Outcome::default());
    };
    let (head, site) = title_line(&page);
    let head = head.as_deref();
    let n = page.len();
    let (mut lo, mut hi) = (s.saturating_sub(ABOVE), n.min(s + BELOW));
    let mut lead: Vec<usize> = if page.rules[s].is_none() {
        vec![s]
    } else {
        Vec::new()
    };
    let mut at = None;
    let (start, top) = (s, lo);
    let keys: Vec<String> = texts[..=s].iter().map(|t| normalise_key(t)).collect();
    let far = headline_far_above(&keys, head, s);
    if let Some((first, last)) = far {
        at = Some(first);
        s = last + ABOVE;
        lo = first.saturating_sub(3);
        hi = s;
        lead = Vec::new();
    }
    let window: Vec<usize> = (lo..hi)
        .filter(|&i| {
            (page.open(i)
                || page.rules[i]
                    .as_ref()
                    .is_some_and(|r| head_rules.read_before.contains(r)))
                && !by_menu_item(&page, i)
        })
        .collect();
    run_head_rules(&mut page, &window, &lead, head_rules, found)?;
    let title_at = headline(&page, lo, s, head, &keys);
    let f = |e| StoryError::Found(e);
    let first = title_at.unwrap_or(lo);
    // A date the head rules read away from the headline (a teaser's, a
    // ticker's) gives way to one beside it.
    let head_date = found
        .get("date")
        .map_err(f)?
        .filter(|date| !dated_by_head_rule(&page, head_rules, first, s, date));
    if head_date.is_some() {
        found.forget("date").map_err(f)?;
    }
    let mut headline_date = None;
    if let Some(t) = title_at {
        let dated = head.and_then(|head| dated_headline(texts[t], head));
        let title = match &dated {
            Some((date, headline)) => {
                headline_date = Some(date.clone());
                headline.as_str()
            }
            None => without_site_name(texts[t], site.as_deref()),
        };
        found.set("title", title).map_err(f)?;
        for i in lo..=s {
            if keys[i] == keys[t] && page.open(i) {
                page.rules[i] = Some(TITLE_RULE.to_owned());
            }
        }
    } else if let Some(head) = head {
        found.set("title", head).map_err(f)?;
    }
    if let Some(site) = &site {
        let title = found.get("title").map_err(f)?.unwrap_or_default();
        if normalise_key(&title) == normalise_key(head.unwrap_or("")) {
            found.set("publisher", site).map_err(f)?;
        }
    }
    if let Some(date) = &headline_date {
        found.set("date", date).map_err(f)?;
    }
    if found.get("date").map_err(f)?.is_none() {
        date_line(&mut page, lo, first, s, found)?;
    }
    if let Some(date) = &head_date {
        found.set("date", date).map_err(f)?;
    }
    if found.get("date").map_err(f)?.is_none() && head.is_some() && !url_dated {
        // "Headline - 21/12/2018 - Section - Site"
        if let Some(date) = parse_date(texts[0]) {
            found.set("date", &date).map_err(f)?;
        }
    }
    // So do authors the head rules read away from the headline (a teaser's byline).
    let head_authors = found.authors().map_err(f)?;
    let head_authors = if head_authors.is_empty()
        || named_by_head_rule(&page, head_rules, first, s, &head_authors)
    {
        Vec::new()
    } else {
        found.forget("authors").map_err(f)?;
        head_authors
    };
    if found.authors().map_err(f)?.is_empty() {
        // A headline opening the story has its byline above it.
        let above = if title_at == Some(s) {
            lo.max(s.saturating_sub(AFTER_START))
        } else {
            first
        };
        let nearest = if at.is_some() { first } else { s };
        name_line(&mut page, lo, above, s, found, nearest, title_at)?;
    }
    if far.is_some() && found.authors().map_err(f)?.is_empty() {
        // Not beside the far headline: the byline may stand just above the story.
        name_line(&mut page, top, top, start, found, start, None)?;
    }
    if found.authors().map_err(f)?.is_empty() {
        late_byline(&mut page, s, found)?;
    }
    if !head_authors.is_empty() && found.authors().map_err(f)?.is_empty() {
        found.extend_authors(&head_authors).map_err(f)?;
    }
    if found.authors().map_err(f)?.is_empty() {
        let closing = closing_byline(&page, s, found)?;
        // "Written by Jane Doe" over "June 17, 2023"
        let dated = closing
            .map(|i| i + 1)
            .filter(|&j| j < n && page.words[j] <= DATE_LINE_WORDS && mostly_date(texts[j]));
        if let Some(j) = dated {
            if found.get("date").map_err(f)?.is_none() {
                if let Some(date) = parse_date(texts[j]) {
                    found.set("date", &date).map_err(f)?;
                }
            }
        }
    }
    if found.authors().map_err(f)?.is_empty() {
        byline_far_above(&mut page, lo.min(top), found)?;
    }
    if found.authors().map_err(f)?.is_empty() {
        author_box(&page, s, found)?;
    }
    if found.get("date").map_err(f)?.is_none() {
        date_beside_byline(&mut page, found)?;
    }
    let people: Vec<String> = found
        .authors()
        .map_err(f)?
        .iter()
        .map(|a| without_role(a))
        .filter(|p| !p.is_empty() && person(p))
        .collect();
    let changes = (0..n)
        .filter(|&i| page.rules[i] != rules[i] || page.cuts[i].is_some())
        .map(|i| Change {
            block: i,
            rule: page.rules[i].clone(),
            cut: page.cuts[i],
        })
        .collect();
    Ok(Outcome {
        changes,
        people: (!people.is_empty()).then_some(people),
    })
}

/// Whether a block the head rules took between the headline `first` and
/// the story's first lines (from `s`) writes `date`.
fn dated_by_head_rule(
    page: &Page<'_>,
    head: HeadRules<'_>,
    first: usize,
    s: usize,
    date: &str,
) -> bool {
    (first..(s + AFTER_START).min(page.len())).any(|i| {
        page.rules[i]
            .as_ref()
            .is_some_and(|r| head.read_before.contains(r))
            && parse_date(page.texts[i]).as_deref() == Some(date)
    })
}

/// Whether a block the head rules took between the headline `first` and
/// the story's first lines (from `s`) writes one of `authors`.
fn named_by_head_rule(
    page: &Page<'_>,
    head: HeadRules<'_>,
    first: usize,
    s: usize,
    authors: &[String],
) -> bool {
    let folded: Vec<String> = authors.iter().map(|a| pystr::casefold(a)).collect();
    (first..(s + AFTER_START).min(page.len())).any(|i| {
        page.rules[i]
            .as_ref()
            .is_some_and(|r| head.read_before.contains(r))
            && {
                let text = pystr::casefold(page.texts[i]);
                folded.iter().any(|a| text.contains(a.as_str()))
            }
    })
}

/// The head rules' fields, handed to the builder (the title rule's headline set as the title).
struct HeadFields<'a, 't, F: Found> {
    found: &'a mut F,
    texts: &'a [&'t str],
}

impl<F: Found> Fields for HeadFields<'_, '_, F> {
    type Error = F::Error;

    fn known_title(&mut self) -> Result<Option<String>, F::Error> {
        self.found.get("title")
    }

    fn take(
        &mut self,
        _rule: usize,
        block: usize,
        groups: Option<&Groups<'_>>,
    ) -> Result<bool, F::Error> {
        match groups {
            None => {
                self.found.set("title", self.texts[block])?;
                Ok(true)
            }
            Some(groups) => self.found.add(groups),
        }
    }
}

/// Runs the head extract rules around the story's start: those of the first
/// blocks over `window`, those of the first block over `lead`; blocks they
/// fire on leave the body.
fn run_head_rules<F: Found>(
    page: &mut Page<'_>,
    window: &[usize],
    lead: &[usize],
    head: HeadRules<'_>,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    let saved: Vec<Option<String>> = window.iter().map(|&i| page.rules[i].clone()).collect();
    for &i in window {
        if !page.rule_is(i, TITLE_RULE) {
            page.rules[i] = None;
        }
    }
    run_metadata(page, window, head, head.wide_skip, true, found)?;
    run_metadata(page, lead, head, head.first_skip, false, found)?;
    for (&i, rule) in window.iter().zip(saved) {
        if page.rules[i].is_none() {
            page.rules[i] = rule;
        }
    }
    Ok(())
}

/// The metadata rules over the blocks `blocks` of the page, as a text of their own.
fn run_metadata<F: Found>(
    page: &mut Page<'_>,
    blocks: &[usize],
    head: HeadRules<'_>,
    skip: &[usize],
    opened: bool,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    let texts: Vec<&str> = blocks.iter().map(|&i| page.texts[i]).collect();
    let mut state = MetaState::new(head.rules, &texts, skip);
    let at: Vec<usize> = (0..blocks.len())
        .filter(|&k| page.rules[blocks[k]].is_none())
        .collect();
    let live: Vec<&str> = at.iter().map(|&k| texts[k]).collect();
    let options = RunOptions {
        min_words: head.min_words,
        tail_only: false,
        opened,
    };
    let mut fields = HeadFields {
        found,
        texts: &texts,
    };
    let fires = head
        .rules
        .run(&mut state, &live, &at, options, &mut fields)?;
    for fire in fires {
        let id = &head.rules.plans()[fire.rule].id;
        for (k, cut) in fire.removed {
            page.rules[blocks[k]] = Some(id.clone());
            if cut.is_some() {
                page.cuts[blocks[k]] = cut;
            }
        }
    }
    Ok(())
}

/// The index of the headline above the story's first paragraph `s`, if a
/// block reads so better than the page's title line `head` would serve.
fn headline(
    page: &Page<'_>,
    lo: usize,
    s: usize,
    head: Option<&str>,
    keys: &[String],
) -> Option<usize> {
    let head_words = head.map(word_set).unwrap_or_default();
    let head_key = head.map(normalise_key).unwrap_or_default();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for key in &keys[lo..=s] {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    let mut ends = keys[lo..=s].join("\0");
    ends.push('\0');
    let (mut best, mut best_score) = (
        None,
        if head.is_some() {
            TITLE_LINE_SCORE
        } else {
            0.0
        },
    );
    let p = patterns();
    for (i, key) in keys.iter().enumerate().take(s + 1).skip(lo) {
        if i == 0 || !page.open(i) {
            continue;
        }
        let text = page.texts[i];
        let n = page.words[i];
        // The story's first long block may be its headline, when it repeats the title line.
        let long_ok = i < s || (!head_key.is_empty() && *key == head_key);
        if !(2 <= n && n < PROSE_WORDS + usize::from(long_ok) * 30) {
            continue;
        }
        let opened = text.trim_start_matches(['"', '“', '‘', '\'', '«', '(']);
        if !opened.chars().next().is_some_and(pystr::is_alnum) {
            continue; // "| a table row |", "» a link"
        }
        if p.breadcrumb.found(text) {
            continue; // "News > Local > Headline"
        }
        let mut mine = None;
        if !title_like(text, 30) {
            // Two sentences make a headline when the title line says most of them.
            if head_words.is_empty() || ends_in(text, ".;:,") {
                continue;
            }
            let words = word_set(text);
            let shared = words.intersection(&head_words).count();
            let all = words.union(&head_words).count();
            if (shared as f64) < HEAD_SHARE * all as f64 {
                continue;
            }
            mine = Some(words);
        }
        if mostly_date(text) {
            continue;
        }
        let mut score = n.min(12) as f64 / 12.0 - 0.1 * (s - i) as f64;
        if !head_words.is_empty() {
            let mine = mine.unwrap_or_else(|| word_set(text));
            let shared = mine.intersection(&head_words).count();
            let all = mine.union(&head_words).count();
            score += (3 * shared) as f64 / all as f64;
        }
        let key = key.as_str();
        let count = counts[key];
        let mut closed = key.to_owned();
        closed.push('\0');
        if count > 1 || ends.matches(closed.as_str()).count() > count {
            score += 1.0; // the page repeats it (a headline shown twice, a breadcrumb's end)
        }
        if (i + 1..(i + 4).min(s)).any(|j| parse_date(page.texts[j]).is_some()) {
            score += 1.0;
        }
        if score > best_score {
            best = Some(i);
            best_score = score;
        }
    }
    best
}

/// A date on a short line between the headline (or the window's top) and the
/// story's start, nearest the headline; else on a line of the story's first
/// few that is mostly a date, or a byline or "Published" line that gives one;
/// else just above the headline, nearest it; else a "Published" line further
/// down the story, or a date closing it (up to `CLOSING` blocks under its
/// last block, above any comments) under its label ("Published") or its
/// byline ("Interview by Jane Doe"), or followed by its byline.
fn date_line<F: Found>(
    page: &mut Page<'_>,
    lo: usize,
    first: usize,
    s: usize,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    let f = |e| StoryError::Found(e);
    let p = patterns();
    let below = first..(s + AFTER_START).min(page.len());
    let above = (lo..first).rev();
    let mut updated: Option<(usize, String)> = None;
    for i in below.chain(above) {
        let text = page.texts[i];
        let n = page.words[i];
        // "... Updated: April 07, 2020 03:49 pm IST" ends a byline of many words
        let mut labelled = if n <= DATE_LINE_WORDS || n <= DATE_LINE_WORDS + 8 && i >= first {
            p.labelled_date
                .search(text)
                .map(|m| m.group("at").expect("the group takes part").0)
        } else {
            None
        };
        if let Some(at) = labelled {
            if in_prose(&text[..at]) || ends_in(text, ".!?") {
                labelled = None; // "The guidance was updated on June 3, 2020." is a sentence
            }
        }
        if n > DATE_LINE_WORDS
            && !(labelled.is_some()
                || n <= DATE_LINE_WORDS + 8 && p.by_in_line_start.at_start(text).is_some()
                || n <= DATED_BYLINE_WORDS && names::date_before_byline(text))
        {
            continue;
        }
        let mostly = mostly_date(text);
        if !(page.open(i) || page.rule_is(i, AUTHOR_RULE) || mostly) {
            continue;
        }
        if (i > s || i < first)
            && !(mostly
                || labelled.is_some()
                || may_open_byline(text) && p.by_in_line.found(text)
                || p.published.at_start(text).is_some())
        {
            continue;
        }
        let date = parse_date(&text[labelled.unwrap_or(0)..]);
        let Some(date) = date else {
            continue;
        };
        if p.updated.found(text) && !p.published_word.found(text) {
            if updated.is_none() {
                updated = Some((i, date)); // the day it was published may stand beside it
            }
            continue;
        }
        found.set("date", &date).map_err(f)?;
        if n < PROSE_WORDS && page.open(i) {
            page.rules[i] = Some(DATE_RULE.to_owned());
        }
        return Ok(());
    }
    if let Some((i, date)) = updated {
        found.set("date", &date).map_err(f)?;
        if page.words[i] < PROSE_WORDS && page.open(i) {
            page.rules[i] = Some(DATE_RULE.to_owned());
        }
        return Ok(());
    }
    // A "Published" or "Posted on" line further down the story or under it,
    // or a date that closes it beside its byline.
    let end = page.story_end(s, CLOSING);
    for i in s + AFTER_START..end {
        let text = page.texts[i];
        if !page.open(i) || page.words[i] > DATE_LINE_WORDS {
            continue;
        }
        let Some(date) = parse_date(text) else {
            if names::comments_line(text) {
                return Ok(()); // a commenter's date below it
            }
            continue;
        };
        if p.published_line.at_start(text).is_some()
            || mostly_date(text)
                && (published_label(page.texts[i - 1]) || opens_byline(page.texts[i - 1]))
            || dated_byline(text)
        {
            found.set("date", &date).map_err(f)?;
            return Ok(());
        }
    }
    // Further down, above any comments: a date alone under its label
    // ("Published" / "Feb 2, 2023"), the only one.
    let mut labelled = Vec::new();
    for i in end.max(s + AFTER_START)..page.len() {
        let text = page.texts[i];
        if names::comments_line(text) && parse_date(text).is_none() {
            break;
        }
        if page.words[i] <= DATE_LINE_WORDS
            && mostly_date(text)
            && published_label(page.texts[i - 1])
        {
            labelled.extend(parse_date(text));
        }
    }
    if let [date] = labelled.as_slice() {
        found.set("date", date).map_err(f)?;
    }
    Ok(())
}

/// Blocks under a byline read away from the story where its date may stand.
pub const BYLINE_DATE: usize = 3;

/// A date on a line of its own beside the byline the story's reading took
/// (its name, its job, then the date), when no date stood where dates are
/// looked for: the first of the `BYLINE_DATE` lines under it, else the
/// line above it.
fn date_beside_byline<F: Found>(
    page: &mut Page<'_>,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    let Some(by) = (0..page.len()).find(|&i| page.rule_is(i, AUTHOR_RULE)) else {
        return Ok(());
    };
    let beside = (by + 1..page.len().min(by + 1 + BYLINE_DATE)).chain(by.checked_sub(1));
    for j in beside {
        let text = page.texts[j];
        if page.words[j] > DATE_LINE_WORDS || !mostly_date(text) {
            continue;
        }
        if let Some(date) = parse_date(text) {
            found.set("date", &date).map_err(StoryError::Found)?;
            if page.open(j) {
                page.rules[j] = Some(DATE_RULE.to_owned());
            }
            return Ok(());
        }
    }
    Ok(())
}

/// Blocks under the story's last block where a date closing it may stand.
pub const CLOSING: usize = 12;

/// Whether a line is a date's label alone ("Published", "Posted on").
fn published_label(text: &str) -> bool {
    pystr::word_count(text) <= 3
        && patterns().published.at_start(text).is_some()
        && parse_date(text).is_none()
}

/// Whether a short line opens with a byline ("Written by Jane Doe", "Interview by Jane Doe").
fn opens_byline(text: &str) -> bool {
    pystr::word_count(text) <= BYLINE_WORDS
        && bylines(&bare(text))
            .iter()
            .any(|m| names::opens_line(&m.before) && names_person(&m.name))
}

/// Whether a line is a date and a byline after it ("August 12, 2025 By Jane Doe").
fn dated_byline(text: &str) -> bool {
    bylines(text).iter().any(|m| {
        // what stands before "By" is the date, left out of `before`
        !m.before.trim().is_empty()
            && m.before.chars().all(|c| !pystr::is_alnum(c))
            && names_person(&m.name)
    })
}

/// Whether block `i` opens with "By" beside another block that does ("By
/// Role", "By Industry"): a menu, not a byline.
fn by_menu_item(page: &Page<'_>, i: usize) -> bool {
    let p = patterns();
    let next_of = |j: usize| {
        let text = page.texts[j];
        p.by_start.at_start(text).map(|m| {
            let (a, b) = m.group("next").expect("the group takes part");
            pystr::casefold(&text[a..b])
        })
    };
    let Some(mine) = next_of(i) else {
        return false;
    };
    for j in [i.wrapping_sub(1), i + 1] {
        if j < page.len() {
            if let Some(other) = next_of(j) {
                if other != mine {
                    return true; // "By Jane Doe, Editor" above "By Jane Doe" is one byline twice
                }
            }
        }
    }
    false
}

/// Whether a "By ..." line is an item of a menu ("Browse: By Role / By Industry").
fn menu_by(page: &Page<'_>, i: usize, by: &Byline, between: bool) -> bool {
    if by_menu_item(page, i) {
        return true;
    }
    by.in_line
        && pystr::word_count(&by.name) == 1
        && !between
        && parse_date(page.texts[i]).is_none()
}

/// Words of a segment of a date line that name a section or a site, not a person.
const NOT_PERSON_WORDS: &[&str] = &[
    "news", "media", "online", "blog", "magazine", "weekly", "daily", "times", "post", "read",
    "min", "mins", "minutes", "words", "comments", "views",
];

fn has_not_person_word(text: &str) -> bool {
    pystr::words(text).any(|w| NOT_PERSON_WORDS.contains(&pystr::casefold(w).as_str()))
}

/// A name standing alone between the separators of a date line.
fn name_beside_date(text: &str) -> Option<String> {
    let p = patterns();
    let rest = crate::text::dates::without_dates(text, " | ");
    for part in p.segment.split(&rest) {
        let part = part.trim_matches([' ', ',', ':']);
        if p.name.search(part).is_some()
            && (2..=3).contains(&pystr::word_count(part))
            && !has_not_person_word(part)
        {
            return Some(part.to_owned());
        }
    }
    None
}

/// Whether one of the names of `name` (split at commas and "and") reads as a person.
fn names_person(name: &str) -> bool {
    patterns().author_split.split(name).into_iter().any(person)
}

/// The names of `name` (split at commas and "and") that read as people.
fn people_of(name: &str) -> Vec<String> {
    patterns()
        .author_split
        .split(name)
        .into_iter()
        .filter(|n| !n.is_empty() && person(n))
        .map(str::to_owned)
        .collect()
}

/// Lines that say the next line is the author's name ("By" / "Jane Doe"), in
/// the shipped languages.
const BY_ALONE: &[&str] = &[
    "by",
    "by:",
    "written by",
    "author",
    "author:",
    "von",
    "par",
    "por",
    "di",
    "przez",
];

/// Lines that say the next line closing the story is its author's name
/// ("Written by" / "Jane Doe", "Article by", "Posted by:"), in the shipped
/// languages; a colon may end them.
const CLOSING_LABELS: &[&str] = &[
    "written by",
    "article by",
    "posted by",
    "article written by",
    "about the author",
    "geschrieben von",
    "autor",
    "autorin",
    "über den autor",
    "écrit par",
    "publié par",
    "auteur",
    "auteure",
    "escrito por",
    "publicado por",
    "autora",
    "scritto da",
    "pubblicato da",
    "autore",
    "autrice",
    "napisane przez",
    "opublikowane przez",
    "autorka",
];

/// The names on the line after a label alone that says they are the
/// author's ("Written by" / "Jane Doe, MD").
fn labelled_name(page: &Page<'_>, i: usize) -> Vec<String> {
    if page.words[i] > 3 {
        return Vec::new(); // longer than any label: no case folding for it
    }
    let label = pystr::casefold(pystr::strip(page.texts[i]));
    let label = label.trim_end_matches([':', ' ']);
    if !CLOSING_LABELS.contains(&label) || i + 1 >= page.len() || page.words[i + 1] > BYLINE_WORDS {
        return Vec::new();
    }
    let next = bare(page.texts[i + 1]);
    match patterns().alone.search(&next) {
        Some(m) => {
            let (a, b) = m.group("name").expect("the group takes part");
            people_of(&next[a..b])
        }
        None => Vec::new(),
    }
}

/// An author's name in the blocks from `lo` to just below the story's start
/// `s`: a byline ("By Jane Doe", or "By" and the name on the next line),
/// a name beside a date, a name alone between the headline (`first`) and
/// the story beside a date line or under the `headline`, or a name alone
/// under the story's first paragraph (a standfirst) beside a line that is a
/// date; the best ranked wins, then the one nearest `nearest`.
#[allow(clippy::too_many_arguments)]
fn name_line<F: Found>(
    page: &mut Page<'_>,
    lo: usize,
    first: usize,
    s: usize,
    found: &mut F,
    nearest: usize,
    headline: Option<usize>,
) -> Result<(), StoryError<F::Error>> {
    let p = patterns();
    let mut names: Vec<(bool, u8, usize, usize, Vec<String>)> = Vec::new();
    let mut credited = usize::MAX; // the block under an "Edited by" line
    for i in lo..(s + BELOW).min(page.len()) {
        let n = page.words[i];
        if !(page.open(i) || page.rule_is(i, DATE_RULE))
            || n > BYLINE_WORDS + 8
                && !(n <= DATED_BYLINE_WORDS && names::date_before_byline(page.texts[i]))
        {
            continue;
        }
        if p.other_credit
            .search(page.texts[i].trim_matches([' ', ',', '|', '–', '—', '-']))
            .is_some()
        {
            credited = i + 1;
            continue;
        }
        if i == credited {
            continue;
        }
        let text = bare(page.texts[i]);
        let between = first < i && i < s;
        let (mut name, mut rank, mut at) = (None::<String>, 3u8, i);
        let by = bylines(&text).into_iter().find(|m| {
            names_person(&m.name)
                && !in_prose(&m.before)
                && !(n > BYLINE_WORDS && m.start > 0 && !names::only_date_words(&m.before))
        });
        let by = by.filter(|m| !menu_by(page, i, m, between));
        if let Some(by) = by {
            name = Some(by.name);
            rank = 0;
        } else if n > BYLINE_WORDS {
        } else if BY_ALONE.contains(&pystr::casefold(&text).as_str()) && i + 1 < page.len() {
            let next = bare(page.texts[i + 1]);
            if let Some(m) = p.name.search(&next) {
                let (a, b) = m.group("name").expect("the group takes part");
                name = Some(next[a..b].to_owned());
                rank = 0;
                at = i + 1;
            }
        } else if parse_date(&text).is_some() || (between || i > s) && p.relative_time.found(&text)
        {
            // "Jane Doe June 17, 2023", above or below the headline; "Jane
            // Doe • 8h" between it and the story
            let opening = p
                .name_before_date
                .at_start(&text)
                .map(|m| {
                    let (a, b) = m.group("name").expect("the group takes part");
                    text[a..b].to_owned()
                })
                .or_else(|| name_beside_date(&text));
            if let Some(opening) = opening {
                name = Some(opening);
                rank = 1;
            }
        } else if between || i > s {
            if let Some(alone) = p.alone.search(&text) {
                if p.author_split
                    .split(&text)
                    .iter()
                    .all(|x| (2..=3).contains(&pystr::word_count(x)))
                {
                    let (a, b) = alone.group("name").expect("the group takes part");
                    let alone = text[a..b].to_owned();
                    if page.common(&alone) {
                        continue;
                    }
                    let dated = if between {
                        (i.saturating_sub(2)..i + 3)
                            .filter(|&j| first < j && j <= s && j != i && j < page.len())
                            .any(|j| {
                                page.rule_is(j, DATE_RULE) || parse_date(page.texts[j]).is_some()
                            })
                    } else {
                        // under a standfirst: the line beside it gives a date and little else
                        [i - 1, i + 1].into_iter().any(|j| {
                            j > s
                                && j < page.len()
                                && (page.rule_is(j, DATE_RULE)
                                    || mostly_date(page.texts[j])
                                        && parse_date(page.texts[j]).is_some())
                        })
                    };
                    // "Jane Doe | Guest Columnist", "Jane Doe USA TODAY"
                    if dated || names::credited(page.texts[i]) {
                        name = Some(alone);
                        rank = 1;
                    } else if between
                        && headline.is_some_and(|h| h < i && i - h <= 2 && h + 1 < s)
                        && !has_not_person_word(&text)
                    {
                        name = Some(alone);
                        rank = 2;
                    }
                }
            }
        }
        let people = people_of(name.as_deref().unwrap_or(""));
        if !people.is_empty() {
            // under the headline before above it (a teaser's byline)
            let over = headline.is_some_and(|h| at < h);
            names.push((over, rank, at.abs_diff(nearest), at, people));
        }
    }
    if let Some((_, _, _, i, people)) = names.into_iter().min() {
        found.extend_authors(&people).map_err(StoryError::Found)?;
        if !page.rule_is(i, DATE_RULE) {
            page.rules[i] = Some(AUTHOR_RULE.to_owned());
        }
    }
    Ok(())
}

/// Blocks of the story's start where a line that opens with a byline may stand.
pub const LATE: usize = 8;

/// A byline a few blocks into the story, under a standfirst, a picture's
/// caption or a share bar: a short line that opens with "By" ("Text by",
/// "Posted by", "Par") in the story's first `LATE` blocks, below those the
/// byline window reads; the first one wins.
fn late_byline<F: Found>(
    page: &mut Page<'_>,
    s: usize,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    for i in s + BELOW..page.len().min(s + LATE) {
        let by = if page.open(i) && page.words[i] <= BYLINE_WORDS + 8 {
            let text = bare(page.texts[i]);
            bylines(&text).into_iter().find(|m| {
                names::opens_line(&m.before)
                    && names::name_ends(&text, &m.name)
                    && names_person(&m.name)
                    && !menu_by(page, i, m, false)
            })
        } else {
            None
        };
        let people = by.map(|m| people_of(&m.name)).unwrap_or_default();
        if !people.is_empty() {
            found.extend_authors(&people).map_err(StoryError::Found)?;
            page.rules[i] = Some(AUTHOR_RULE.to_owned());
            return Ok(());
        }
        if names::comments_line(page.texts[i]) {
            return Ok(()); // a commenter's name below it
        }
    }
    Ok(())
}

/// Blocks either side of a byline far above the story where no other byline
/// may stand (teasers' bylines, a menu's "By Role" / "By Industry").
pub const LONE_BYLINE: usize = 8;

/// The names of a short line that opens with "By" ("Written by", "Posted
/// by") or of the line after "By" alone, each of two words or more, if it
/// is one.
fn opening_byline(page: &Page<'_>, i: usize) -> Option<Vec<String>> {
    if page.words[i] > BYLINE_WORDS {
        return None;
    }
    let text = bare(page.texts[i]);
    let name = if BY_ALONE.contains(&pystr::casefold(&text).as_str()) {
        // "By" / "Jane Doe"
        let next = bare(page.texts.get(i + 1)?);
        let m = patterns().name.search(&next)?;
        let (a, b) = m.group("name").expect("the group takes part");
        next[a..b].to_owned()
    } else {
        bylines(&text)
            .into_iter()
            .find(|m| {
                m.in_line && names::opens_line(&m.before) && names::name_ends(&text, &m.name)
            })?
            .name
    };
    let people = people_of(&name);
    (!people.is_empty() && people.iter().all(|p| pystr::word_count(p) >= 2)).then_some(people)
}

/// A byline above the blocks read around the story (up to `lo`), where
/// the story's start lies far under its headline (an introduction and a
/// table of contents page scoring left out): a short line that opens with
/// "By" ("Written by", "Posted by"), whatever rule took it, with no other
/// line opening with "By" within `LONE_BYLINE` blocks; the nearest wins.
fn byline_far_above<F: Found>(
    page: &mut Page<'_>,
    lo: usize,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    let p = patterns();
    let by_line = |i: usize| {
        p.by_start.at_start(page.texts[i].trim_start()).is_some()
            || p.by_in_line_start
                .at_start(page.texts[i].trim_start())
                .is_some()
    };
    for i in (1..lo).rev() {
        let Some(people) = opening_byline(page, i) else {
            continue;
        };
        let alone = (i.saturating_sub(LONE_BYLINE)..page.len().min(i + LONE_BYLINE + 1))
            .all(|j| j == i || !by_line(j));
        if alone {
            found.extend_authors(&people).map_err(StoryError::Found)?;
            if page.open(i) {
                page.rules[i] = Some(AUTHOR_RULE.to_owned());
            }
        }
        return Ok(());
    }
    Ok(())
}

/// The words the closing byline's pattern needs, one of them in a line it matches.
const WRITTEN_WORDS: &[&str] = &[
    "written",
    "authored",
    "geschrieben",
    "écrit",
    "escrito",
    "scritto",
    "napisane",
];

/// An author named after the story: a short line that opens with "Written by"
/// in the story or under it, whatever rule took it out of the body (a tail
/// rule reads it as a credit); the first one wins, the line stays. Further
/// down than `AFTER_START` blocks under the story's last block, above any
/// comments, the line must be the only one of its kind (teasers under the
/// story each have their own). The line's index, if one gave the author.
fn closing_byline<F: Found>(
    page: &Page<'_>,
    s: usize,
    found: &mut F,
) -> Result<Option<usize>, StoryError<F::Error>> {
    let p = patterns();
    let near = page.story_end(s, AFTER_START);
    let mut far: Vec<(usize, Vec<String>)> = Vec::new();
    for i in s..page.len() {
        let text = page.texts[i];
        if i >= near && names::comments_line(text) {
            break; // a commenter's name below it
        }
        let mut at = i;
        let mut people = labelled_name(page, i);
        if !people.is_empty() {
            at = i + 1;
        } else if page.words[i] <= BYLINE_WORDS + 8 && names::holds(text, WRITTEN_WORDS) {
            let line = bare(text);
            if let Some(m) = p.written_by.at_start(&line) {
                let (a, b) = m.group("name").expect("the group takes part");
                people = people_of(&line[a..b]);
            }
        }
        if people.is_empty() {
            continue;
        }
        if i < near {
            found.extend_authors(&people).map_err(StoryError::Found)?;
            return Ok(Some(at));
        }
        far.push((at, people));
    }
    if let [(i, people)] = far.as_slice() {
        found.extend_authors(people).map_err(StoryError::Found)?;
        return Ok(Some(*i));
    }
    Ok(None)
}

/// Verbs that open an author's note after the author's name ("Jane Doe is a
/// staff writer", "Jane Doe ist Redakteurin"), in the shipped languages.
const BIO_VERBS: &[&str] = &[
    "is", "was", "has", "writes", "covers", "reports", "joined", "ist", "war", "schreibt", "est",
    "a", "écrit", "es", "escribe", "è", "scrive", "é", "escreve", "jest", "pisze",
];

/// Words a name line of an author's box may have.
const BOX_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=4;

/// An author's box under the story: a line of only a name, and a line at
/// most two below it that opens with the same name and a verb ("Jane Doe" /
/// "Staff Writer" / "Jane Doe is a staff writer covering ..."), page scoring
/// having left it out of the body. Read when no byline was found; the box
/// stays where it is.
fn author_box<F: Found>(
    page: &Page<'_>,
    s: usize,
    found: &mut F,
) -> Result<(), StoryError<F::Error>> {
    let n = page.len();
    for i in s..n {
        // the box is left out of the body (a heading naming the story's
        // subject, "Art Deco" over "Art Deco is ...", is in it)
        let scored_out = page.rules[i].as_deref() == Some(SCORING_RULE);
        if !scored_out || !BOX_NAME_WORDS.contains(&page.words[i]) {
            continue;
        }
        let name = page.texts[i].trim();
        let capitalised =
            pystr::words(name).all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if !capitalised || !person(name) {
            continue;
        }
        let bio = (i + 1..n.min(i + 3)).any(|j| {
            page.texts[j]
                .trim_start()
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(' '))
                .and_then(|rest| pystr::words(rest).next())
                .is_some_and(|verb| BIO_VERBS.contains(&verb))
        });
        if bio {
            found
                .extend_authors(&[name.to_string()])
                .map_err(StoryError::Found)?;
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
