//! Sequence decoding: the story of a page is mostly one run of blocks.
//!
//! The block model gives each block a probability of being story, each block
//! on its own (its neighbours' shapes among its features). Taking every block
//! whose probability reaches the threshold keeps stray teasers far from the
//! story and drops a short subheading inside it. Decoding reads the blocks as
//! a sequence of two states, story and boilerplate, and finds the most likely
//! path (Viterbi): each block's own evidence is `ln p` for story and
//! `ln (1 - p)` for boilerplate, and each change of state costs the log of
//! its transition probability ([`Transitions`], data of the `[scoring]`
//! tables). A block that the rules removed is skipped: it neither votes nor
//! breaks a run.
//!
//! Beside the probabilities, a page may hold the start of a comment thread: a
//! line naming a commenter and a time ("Jane Doe May 3, 2012 at 4:15 pm"), a
//! "Reply" line after prose, a "N comments" or "Leave a reply" heading below
//! the story. From the first such marker after the story's start on, the
//! blocks' story evidence is lowered by [`Transitions::thread`] (in log odds),
//! so that a thread of prose comments after a story is no longer story.

use regex::Regex;

/// The transition probabilities of the decoding, and the weight of a comment
/// thread's evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transitions {
    /// Probability that the block after a story block is boilerplate.
    pub leave: f64,
    /// Probability that the block after a boilerplate block is story.
    pub enter: f64,
    /// Log odds taken from the story evidence of each block from a comment
    /// thread's first marker on (0: markers are ignored).
    pub thread: f64,
    /// Log odds from which a block is story whatever the path (the thread's
    /// evidence counted): a strong block away from the main run, such as a
    /// second post of a forum page (infinite: none is).
    pub keep: f64,
    /// How near the story such a block must be: at most this many open
    /// blocks above a story block, the blocks it brings in counting as story
    /// (the paragraphs of a listicle between their headings, "Book now" and
    /// "Advertising" lines, above the run of its closing paragraphs); 0:
    /// anywhere. Below a story come comments and teasers, whose strong blocks
    /// are not its own: there only prose joins, up to the first line the
    /// rules removed ([`join_below`]).
    pub reach: usize,
}

impl Transitions {
    /// Whether these transitions decode at all: both probabilities must lie
    /// strictly between 0 and 1 (a rule file's 0 turns decoding off).
    pub fn active(&self) -> bool {
        self.leave > 0.0 && self.leave < 1.0 && self.enter > 0.0 && self.enter < 1.0
    }
}

/// Probabilities are held within `[EPS, 1 - EPS]` so that one block cannot
/// outweigh any run.
const EPS: f64 = 1e-4;

/// The most likely story/boilerplate path over the blocks: `true` for story.
/// `probs` are the block model's probabilities, `open[i]` says that block `i`
/// is decided by scoring (blocks that are not open come out `false` and do
/// not take part), `thread[i]` that block `i` lies in a comment thread. The
/// path starts and ends in boilerplate (a page's edges are chrome); where two
/// paths tie, story wins.
///
/// ```
/// use _core::scoring::sequence::{decode, Transitions};
/// let t = Transitions { leave: 0.05, enter: 0.05, thread: 0.0, keep: f64::INFINITY, reach: 0 };
/// // a weak block inside a story run stays; a lone strong-ish one far away goes
/// let p = [0.1, 0.99, 0.3, 0.99, 0.1, 0.1, 0.1, 0.6, 0.1];
/// let open = [true; 9];
/// let story = decode(&p, &open, &[false; 9], t);
/// assert_eq!(story, [false, true, true, true, false, false, false, false, false]);
/// ```
pub fn decode(probs: &[f64], open: &[bool], thread: &[bool], t: Transitions) -> Vec<bool> {
    let n = probs.len();
    let mut out = vec![false; n];
    if !t.active() {
        return out;
    }
    let (stay_story, leave) = ((1.0 - t.leave).ln(), t.leave.ln());
    let (stay_other, enter) = ((1.0 - t.enter).ln(), t.enter.ln());
    // scores of the best path ending in story / boilerplate, and back pointers:
    // back[i] = (story's predecessor was story, boilerplate's predecessor was story)
    let (mut story, mut other) = (0.0f64, 0.0f64);
    let mut back: Vec<(bool, bool)> = Vec::with_capacity(n);
    let mut seen = false;
    for i in 0..n {
        if !open[i] {
            back.push((true, false));
            continue;
        }
        let logit = evidence(probs[i], thread[i], t);
        // evidence relative to boilerplate: story gets the log odds, boilerplate 0
        let (s_own, o_own) = (logit, 0.0);
        let (s_from_s, s_from_o) = (story + stay_story, other + enter);
        let (o_from_s, o_from_o) = (story + leave, other + stay_other);
        let pair = if seen {
            (s_from_s >= s_from_o, o_from_s > o_from_o)
        } else {
            (true, false)
        };
        // before the first block and after the last the page is boilerplate:
        // a story run at an edge pays for entering or leaving as well
        let (s_prev, o_prev) = if seen {
            (s_from_s.max(s_from_o), o_from_s.max(o_from_o))
        } else {
            (enter, stay_other)
        };
        story = s_prev + s_own;
        other = o_prev + o_own;
        back.push(pair);
        seen = true;
    }
    if !seen {
        return out;
    }
    let mut state = story + leave >= other + stay_other;
    for i in (0..n).rev() {
        if !open[i] {
            continue;
        }
        out[i] = state || (t.reach == 0 && evidence(probs[i], thread[i], t) >= t.keep);
        let (from_story, from_other) = back[i];
        state = if state { from_story } else { from_other };
    }
    if t.reach > 0 && t.keep.is_finite() {
        let strong: Vec<bool> = (0..n)
            .map(|i| open[i] && evidence(probs[i], thread[i], t) >= t.keep)
            .collect();
        reach_up(&mut out, &strong, open, t.reach);
    }
    out
}

/// [`Transitions::reach`]: from the last block up, a strong block at most
/// `reach` open blocks above a story block becomes story.
fn reach_up(out: &mut [bool], strong: &[bool], open: &[bool], reach: usize) {
    let mut since: Option<usize> = None; // open blocks since the last story block
    for i in (0..out.len()).rev().filter(|&i| open[i]) {
        if out[i] {
            since = Some(0);
            continue;
        }
        let near = since.is_some_and(|k| k < reach);
        if strong[i] && near {
            out[i] = true;
            since = Some(0);
        } else {
            since = since.map(|k| k + 1);
        }
    }
}

/// [`Transitions::reach`] below the story: from the first block down, a
/// strong block (see [`Transitions::keep`]) that `prose` allows, at most
/// `reach` open blocks below a story block, becomes story, one after
/// another. A block the rules removed ends the chain: a listicle's items go
/// on below its first run, while comments and promotions lie past share
/// buttons, "Next post" links and other chrome. A removed block that
/// `inline` marks (a photo credit, a caption, a "Read more" insert: lines
/// that stand between a story's own paragraphs) neither ends the chain nor
/// counts towards the reach. `story` is what [`decode`]
/// gave for the same `probs`, `open`, `thread` and `t`; nothing changes
/// without a reach and a finite `keep`.
///
/// ```
/// use _core::scoring::sequence::{join_below, Transitions};
/// let t = Transitions { leave: 0.05, enter: 0.05, thread: 0.0, keep: (0.9f64 / 0.1).ln(), reach: 5 };
/// let p = [0.97, 0.3, 0.1, 0.95, 0.2, 0.95, 0.0, 0.95];
/// let open = [true, true, true, true, true, true, false, true];
/// let mut story = vec![true, false, false, false, false, false, false, false];
/// join_below(&mut story, &p, &open, &[false; 8], &[true; 8], &[false; 8], t);
/// // the item below joins, the next one too; past the removed line, none
/// assert_eq!(story, [true, false, false, true, false, true, false, false]);
/// // a removed photo credit between the items lets the chain go on
/// let mut inline = [false; 8];
/// inline[6] = true;
/// let mut story = vec![true, false, false, false, false, false, false, false];
/// join_below(&mut story, &p, &open, &[false; 8], &[true; 8], &inline, t);
/// assert_eq!(story, [true, false, false, true, false, true, false, true]);
/// ```
pub fn join_below(
    story: &mut [bool],
    probs: &[f64],
    open: &[bool],
    thread: &[bool],
    prose: &[bool],
    inline: &[bool],
    t: Transitions,
) {
    if t.reach == 0 || !t.keep.is_finite() {
        return;
    }
    let mut since: Option<usize> = None; // open blocks since the last story block
    for i in 0..story.len() {
        if !open[i] {
            if !inline.get(i).copied().unwrap_or(false) {
                since = None;
            }
            continue;
        }
        if story[i] {
            since = Some(0);
            continue;
        }
        let strong = prose[i] && evidence(probs[i], thread[i], t) >= t.keep;
        if strong && since.is_some_and(|k| k < t.reach) {
            story[i] = true;
            since = Some(0);
        } else {
            since = since.map(|k| k + 1);
        }
    }
}

/// Where the story holds a list: between two story blocks that follow each
/// other and are both strong prose (`anchor`), at most `reach` open blocks
/// apart, every open block whose probability reaches `level` becomes story
/// (a listicle's facts, pros and cons, the short rows of a table between its
/// items' paragraphs, which decoding leaves out when the run of weak blocks
/// costs more than two changes of state). A gap that holds a block of a
/// comment thread, or a line the rules removed that `inline` does not mark
/// (the chrome between a story and the comments below it), stays as it is.
/// Nothing changes without a reach.
///
/// ```
/// use _core::scoring::sequence::fill_between;
/// let p = [0.95, 0.4, 0.35, 0.1, 0.95, 0.4, 0.0, 0.4, 0.95];
/// let mut story = [true, false, false, false, true, false, false, false, true];
/// let open = [true, true, true, true, true, true, false, true, true];
/// let (none, anchor) = ([false; 9], story);
/// fill_between(&mut story, &p, &open, &none, &anchor, &none, 0.3, 4);
/// // the list rows join, the weak menu line does not; past the removed line, none
/// assert_eq!(story, [true, true, true, false, true, false, false, false, true]);
/// ```
#[allow(clippy::too_many_arguments)]
pub fn fill_between(
    story: &mut [bool],
    probs: &[f64],
    open: &[bool],
    thread: &[bool],
    anchor: &[bool],
    inline: &[bool],
    level: f64,
    reach: usize,
) {
    if reach == 0 {
        return;
    }
    let mut last: Option<usize> = None; // the last anchor, while the gap since is clean
    let mut gap = 0usize; // open blocks since it
    for i in 0..story.len() {
        if !open[i] {
            if !inline.get(i).copied().unwrap_or(false) {
                last = None;
            }
            continue;
        }
        if thread[i] {
            last = None;
            continue;
        }
        if !story[i] {
            gap += 1;
            continue;
        }
        if !anchor[i] {
            last = None;
            continue;
        }
        if let Some(l) = last.filter(|_| gap > 0 && gap <= reach) {
            for j in l + 1..i {
                if open[j] && probs[j] >= level {
                    story[j] = true;
                }
            }
        }
        last = Some(i);
        gap = 0;
    }
}

/// A block's story evidence in log odds: its probability, less the thread's
/// weight inside a comment thread.
fn evidence(p: f64, thread: bool, t: Transitions) -> f64 {
    let p = p.clamp(EPS, 1.0 - EPS);
    let logit = (p / (1.0 - p)).ln();
    if thread {
        logit - t.thread
    } else {
        logit
    }
}

/// Kept characters and blocks a page needs before a marker for it to open a
/// comment thread: a date and time line under the headline and standfirst is
/// a byline, not a commenter's line.
pub const THREAD_MIN_CHARS: usize = 300;
/// See [`THREAD_MIN_CHARS`].
pub const THREAD_MIN_BLOCKS: usize = 3;

/// Blocks from the first comment-thread marker after the story's start on:
/// `marker[i]` says block `i` looks like a thread's marker, `kept[i]` that the
/// independent verdicts keep it and `chars[i]` its length. A marker opens the
/// thread only when [`THREAD_MIN_BLOCKS`] kept blocks of [`THREAD_MIN_CHARS`]
/// characters lie before it (a "Comments" menu item above the story opens none).
///
/// ```
/// use _core::scoring::sequence::thread_from;
/// let kept = [false, true, true, true, false, true];
/// let marker = [true, false, false, false, true, false];
/// let chars = [10, 80, 300, 300, 12, 200];
/// assert_eq!(thread_from(&marker, &kept, &chars), [false, false, false, false, true, true]);
/// ```
pub fn thread_from(marker: &[bool], kept: &[bool], chars: &[usize]) -> Vec<bool> {
    let n = marker.len();
    let mut out = vec![false; n];
    let (mut before, mut blocks) = (0usize, 0usize);
    for i in 0..n {
        if marker[i] && before >= THREAD_MIN_CHARS && blocks >= THREAD_MIN_BLOCKS {
            out[i..].fill(true);
            break;
        }
        if kept[i] {
            before += chars[i];
            blocks += 1;
        }
    }
    out
}

// Markers of a comment thread, on lower-cased lines of at most
// MARKER_MAX_WORDS words: a count or heading of comments ("12 comments",
// "45 users responded", also in brackets or after a symbol), a comment form's
// heading, a "Reply" link, a commenter's line ending with a date and a time
// ("Jane May 3, 2012 at 4:15 pm"), with a date, a time and a link to reply or
// to the comment ("Jane | May 3, 2012 4:15 PM | Reply"), with "says:" (not
// "said:" or "wrote:": a story quotes people, and forum posts that are the
// page's content open with "Name said:"), a name and an age ("Jane • 3
// years ago"), or the commenter's web address and name
// ("http://twitter.com/jane Jane Doe"). A news page's own date line has no
// such link, nor a bullet.
const THREAD_HEAD: &str = r"^(?:\d+\s+(?:users?|readers?|people)\s+responded(?:\s+(?:in|to)\s+[\x22“'‘«].*)?|\d+\s+(?:comments?|responses?|replies|thoughts? on|kommentare?|commentaires?|comentarios?|komentarz[ey]?)\b.*|(?:comments?|kommentare?|commentaires?|comentarios?|reader comments|discussion|diskussion)\s*(?:\(\d+\))?\s*:?|(?:leave|post|add|write|submit|join) (?:a|the) (?:reply|comment|response|discussion|conversation)\b.*|(?:comments are closed|kommentar schreiben|schreibe einen kommentar|laisser un commentaire|deja un comentario|dodaj komentarz)\b.*)$";
const REPLY: &str =
    r"^(?:reply|antworten|r[ée]pondre|responder|odpowiedz)(?:\W{1,3}[\w ]{0,20})?\W*$";
const COMMENTER: &str = r"(?:(?:\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b).{0,20}?(?:\b(?:at|um|à|a las|o|@)\s+\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?\s?m\.?|uhr)?|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s+[a-z]{2,4})?\s*[|•·-]\s*(?:reply|permalink|link|report(?: abuse)?|quote))|\bsays\s*:|^\S.{0,40}?\s[•·]\s+(?:\d+|an?)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)\W*$";
// A line that opens with a date (a numeric date, or a month's name or
// abbreviation in the shipped languages, after a weekday, "posted" or "on")
// is a post's own date line ("Monday, October 22, 2012 at 9:15AM"), not a
// commenter's line, which opens with the commenter's name.
const DATE_FIRST: &str = r"^(?:(?:posted|published|updated|on|le|am|el|il)\s+)*(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|segunda|terça|quarta|quinta|sexta|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)(?:-feira)?\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?)?(?:jan|feb|f[ée]v|mar|m[äa]r|apr|avr|abr|may|mai|maj|mag|jun|jui|giu|jul|lug|lip|aug|ao[ûu]|ago|sep|set|wrz|oct|okt|ott|out|pa[źz]|nov|lis|dec|dez|d[ée]c|dic|gru|ene|gen|sty|lut|kwi|cze|sie)\p{L}*\.?\s+(?:de\s+)?\d|^(?:(?:posted|published|updated|on|le|am|el|il)\s+)*(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|segunda|terça|quarta|quinta|sexta|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)(?:-feira)?\.?,?\s+)?\d{1,4}[./-]\d{1,2}[./-]\d{1,4}";
/// Marker lines have at most this many words.
const MARKER_MAX_WORDS: usize = 15;

/// The compiled patterns of comment-thread markers.
#[derive(Debug, Clone)]
pub struct ThreadPatterns {
    head: Regex,
    reply: Regex,
    commenter: Regex,
    date_first: Regex,
}

impl ThreadPatterns {
    /// Compile the patterns.
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            head: Regex::new(THREAD_HEAD)?,
            reply: Regex::new(REPLY)?,
            commenter: Regex::new(COMMENTER)?,
            date_first: Regex::new(DATE_FIRST)?,
        })
    }

    /// Whether a block whose lower-cased text is `lower`, of `words` words,
    /// looks like a comment thread's marker.
    ///
    /// ```
    /// use _core::scoring::sequence::ThreadPatterns;
    /// let t = ThreadPatterns::new().unwrap();
    /// assert!(t.is_marker("jane doe may 3, 2012 at 4:15 pm", 8));
    /// assert!(t.is_marker("adam t | november 9, 2012 1:16 am | reply", 9));
    /// assert!(t.is_marker("jane doe • 3 years ago", 6) && !t.is_marker("3 years ago", 3));
    /// assert!(t.is_marker("http://twitter.com/danamac dana mcmahan", 3));
    /// assert!(!t.is_marker("http://example.org/files/the demand side part1.pdf", 4));
    /// assert!(!t.is_marker("published november 8, 2012 11:04 pm et", 7));
    /// // a post's own date line opens with the date; a commenter's, with a name
    /// assert!(!t.is_marker("monday, october 22, 2012 at 9:15am", 6));
    /// assert!(!t.is_marker("22 octobre 2012 à 9h15", 5) && !t.is_marker("22.10.2012 um 09:15 uhr", 4));
    /// assert!(t.is_marker("pierre 22 octobre 2012 à 9h15", 6));
    /// assert!(t.is_marker("12 comments", 2) && t.is_marker("reply ↓", 2));
    /// assert!(t.is_marker("{ 131 comments }", 2) && t.is_marker("» comments (4)", 2));
    /// assert!(t.is_marker("45 users responded in \"the biggest mistake\"", 7));
    /// assert!(!t.is_marker("45 users responded to the survey by friday.", 8));
    /// assert!(t.is_marker("leave a reply", 3) && t.is_marker("tom says:", 2));
    /// assert!(!t.is_marker("the vote is at 10:30 tomorrow, the mayor said.", 9));
    /// assert!(!t.is_marker("doors open at 7:30 pm", 5) && !t.is_marker("the minister said:", 3));
    /// assert!(!t.is_marker("comments on the budget were due by friday", 8));
    /// ```
    pub fn is_marker(&self, lower: &str, words: usize) -> bool {
        if words == 0 || words > MARKER_MAX_WORDS {
            return false;
        }
        let line = lower.trim();
        // a heading in brackets or after a symbol: "{ 12 comments }", "» Comments"
        let bare = line.trim_start_matches(|c: char| !c.is_alphanumeric());
        self.head.is_match(bare)
            || self.reply.is_match(line)
            || commenter_address(line)
            || (self.commenter.is_match(line) && !self.date_first.is_match(line))
    }
}

/// Whether a lower-cased line is a commenter's web address and name
/// ("http://twitter.com/jane jane doe"): the name at most 41 characters of
/// letters, digits, spaces, apostrophes, "@" and "-", opening with a letter,
/// a digit or "@" (a file's name, "part1.pdf", has a dot). Written out rather
/// than as a pattern: a bounded repeat of a Unicode class makes a lazy DFA
/// of many states, rebuilt over and over on a page's short lines.
fn commenter_address(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("http://")
        .or_else(|| line.strip_prefix("https://"))
    else {
        return false;
    };
    let Some((address, name)) = rest.split_once(char::is_whitespace) else {
        return false;
    };
    let name = name
        .trim_start()
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    !address.is_empty()
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '@')
        && name.chars().count() <= 41
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || matches!(c, ' ' | '\'' | '’' | '@' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Transitions = Transitions {
        leave: 0.05,
        enter: 0.05,
        thread: 3.0,
        keep: f64::INFINITY,
        reach: 0,
    };

    fn run(p: &[f64]) -> Vec<bool> {
        decode(p, &vec![true; p.len()], &vec![false; p.len()], T)
    }

    #[test]
    fn a_story_between_a_menu_and_a_footer_is_one_run() {
        // menu (5), story with a weak subheading (5), footer (4)
        let p = [
            0.1, 0.05, 0.2, 0.1, 0.3, 0.95, 0.9, 0.35, 0.92, 0.97, 0.1, 0.2, 0.05, 0.1,
        ];
        let story = run(&p);
        let expect: Vec<bool> = (0..p.len()).map(|i| (5..10).contains(&i)).collect();
        assert_eq!(story, expect);
    }

    #[test]
    fn a_teaser_list_away_from_the_story_goes() {
        // story, then a list of teasers the model finds a little above even
        // odds, one by one, separated by date lines it finds boilerplate
        let mut p = vec![0.95, 0.9, 0.97, 0.1];
        for _ in 0..4 {
            p.extend([0.55, 0.1]);
        }
        let story = run(&p);
        assert_eq!(&story[..3], [true; 3]);
        assert!(!story[3..].contains(&true));
        // independent verdicts would keep every teaser
        assert_eq!(p.iter().filter(|&&v| v >= 0.5).count(), 7);
    }

    #[test]
    fn a_comment_thread_after_the_story_goes() {
        // story, a "12 comments" marker, then comments the model takes for prose
        let p = [0.1, 0.95, 0.9, 0.97, 0.2, 0.1, 0.95, 0.1, 0.95, 0.1, 0.95];
        let marker = [
            false, false, false, false, true, false, false, false, false, false, false,
        ];
        let open = [true; 11];
        let independent: Vec<bool> = p.iter().map(|&v| v >= 0.5).collect();
        let chars = [20, 300, 300, 300, 11, 200, 200, 10, 200, 10, 200];
        let thread = thread_from(&marker, &independent, &chars);
        let story = decode(&p, &open, &thread, T);
        assert_eq!(
            story,
            [false, true, true, true, false, false, false, false, false, false, false]
        );
        // without the marker, the comments would stay
        let none = decode(&p, &open, &[false; 11], T);
        assert!(none[6] && none[8] && none[10]);
    }

    #[test]
    fn a_strong_block_away_from_the_run_stays_when_kept_anyway() {
        let p = [0.97, 0.95, 0.99, 0.1, 0.1, 0.95, 0.1];
        assert!(!run(&p)[5]);
        let keep = Transitions {
            keep: (0.9f64 / 0.1).ln(),
            ..T
        };
        let story = decode(&p, &[true; 7], &[false; 7], keep);
        assert_eq!(story, [true, true, true, false, false, true, false]);
        // ... but not in a comment thread
        let thread = [false, false, false, true, true, true, true];
        assert!(!decode(&p, &[true; 7], &thread, keep)[5]);
    }

    #[test]
    fn strong_blocks_within_reach_above_the_story_join_it_one_after_another() {
        // a teaser far above; a listicle: items whose paragraphs (0.95) stand
        // between weak headings and "Book now" lines, then its closing run;
        // below it, a strong comment
        let mut p = vec![0.95];
        p.extend([0.1; 8]);
        for _ in 0..3 {
            p.extend([0.35, 0.3, 0.95, 0.3, 0.1]);
        }
        p.extend([0.97, 0.96, 0.98, 0.1, 0.2, 0.1, 0.95, 0.1]);
        let n = p.len();
        let near = Transitions {
            keep: (0.9f64 / 0.1).ln(),
            reach: 5,
            ..T
        };
        assert!(!decode(&p, &vec![true; n], &vec![false; n], T)[11]);
        let story = decode(&p, &vec![true; n], &vec![false; n], near);
        let strong: Vec<usize> = (0..n).filter(|&i| story[i] && p[i] > 0.9).collect();
        // the items join the closing run; the far teaser and the comment do not
        assert_eq!(strong, [11, 16, 21, 24, 25, 26]);
        // with reach 0 the same threshold keeps strong blocks anywhere
        let anywhere = decode(
            &p,
            &vec![true; n],
            &vec![false; n],
            Transitions { reach: 0, ..near },
        );
        assert!(anywhere[0] && anywhere[n - 2]);
    }

    #[test]
    fn strong_prose_below_the_story_joins_it_until_a_removed_line() {
        // a listicle: its first item's paragraphs decoded as the story, the
        // next items' paragraphs (0.95) between weak name and address lines;
        // then a strong list line that is no prose, a share line the rules
        // removed, and a strong comment
        let mut p = vec![0.1, 0.97, 0.97, 0.97];
        for _ in 0..3 {
            p.extend([0.05, 0.05, 0.05, 0.05, 0.95]);
        }
        p.extend([0.05, 0.05, 0.92, 0.05, 0.0, 0.95]);
        let n = p.len();
        let mut open = vec![true; n];
        open[n - 2] = false;
        let mut prose = vec![true; n];
        prose[n - 4] = false;
        let t = Transitions {
            keep: (0.9f64 / 0.1).ln(),
            reach: 6,
            ..T
        };
        let mut story = decode(&p, &open, &vec![false; n], t);
        assert_eq!(story.iter().filter(|&&s| s).count(), 3);
        join_below(&mut story, &p, &open, &vec![false; n], &prose, &[], t);
        let kept: Vec<usize> = (0..n).filter(|&i| story[i]).collect();
        assert_eq!(kept, [1, 2, 3, 8, 13, 18]);
        // a reach too short for the items' spacing brings in none
        let mut short = decode(&p, &open, &vec![false; n], t);
        join_below(
            &mut short,
            &p,
            &open,
            &vec![false; n],
            &prose,
            &[],
            Transitions { reach: 3, ..t },
        );
        assert_eq!(short.iter().filter(|&&s| s).count(), 3);
    }

    #[test]
    fn an_inline_removed_line_does_not_end_the_prose_below_the_story() {
        // a story run, then items whose paragraphs (0.95) stand under photo
        // credits that the rules removed, between weak name and address
        // lines; then a share line (removed, not inline) and a strong comment
        let p = [
            0.1, 0.97, 0.97, 0.97, 0.05, 0.05, 0.05, 0.0, 0.95, 0.05, 0.05, 0.05, 0.0, 0.95, 0.05,
            0.05, 0.0, 0.95,
        ];
        let n = p.len();
        let mut open = vec![true; n];
        let mut inline = vec![false; n];
        for i in [7, 12, 16] {
            open[i] = false;
            inline[i] = i != 16;
        }
        let t = Transitions {
            keep: (0.9f64 / 0.1).ln(),
            reach: 6,
            ..T
        };
        let none = vec![false; n];
        let prose = vec![true; n];
        let mut story = decode(&p, &open, &none, t);
        assert_eq!(story.iter().filter(|&&s| s).count(), 3);
        let mut plain = story.clone();
        join_below(&mut plain, &p, &open, &none, &prose, &[], t);
        assert_eq!(plain, story, "the first credit ends the chain");
        join_below(&mut story, &p, &open, &none, &prose, &inline, t);
        let kept: Vec<usize> = (0..n).filter(|&i| story[i]).collect();
        assert_eq!(kept, [1, 2, 3, 8, 13]);
    }

    #[test]
    fn the_gaps_between_strong_prose_fill_with_the_list_they_hold() {
        // item paragraphs (anchors) with facts and pros and cons between; a
        // photo credit removed by an inline rule; then a removed share line
        // and comments, whose gap stays; then a thread
        let p = [
            0.95, 0.4, 0.35, 0.1, 0.95, 0.3, 0.0, 0.45, 0.95, 0.5, 0.0, 0.5, 0.95, 0.6, 0.95,
        ];
        let n = p.len();
        let mut open = vec![true; n];
        open[6] = false;
        open[10] = false;
        let mut inline = vec![false; n];
        inline[6] = true;
        let mut thread = vec![false; n];
        thread[13..].fill(true);
        let story: Vec<bool> = p.iter().map(|&x| x > 0.9).collect();
        let fill = |reach: usize, inline: &[bool]| {
            let mut out = story.clone();
            fill_between(&mut out, &p, &open, &thread, &story, inline, 0.3, reach);
            (0..n).filter(|&i| out[i]).collect::<Vec<usize>>()
        };
        assert_eq!(fill(25, &inline), [0, 1, 2, 4, 5, 7, 8, 12, 14]);
        // without the inline flag the credit closes the second gap
        assert_eq!(fill(25, &[]), [0, 1, 2, 4, 8, 12, 14]);
        // a gap longer than the reach stays; no reach, no change
        assert_eq!(fill(2, &inline), [0, 4, 5, 7, 8, 12, 14]);
        assert_eq!(fill(0, &inline), [0, 4, 8, 12, 14]);
    }

    #[test]
    fn closed_blocks_neither_vote_nor_break_the_run() {
        let p = [0.99, 0.0, 0.0, 0.0, 0.99];
        let open = [true, false, false, false, true];
        assert_eq!(
            decode(&p, &open, &[false; 5], T),
            [true, false, false, false, true]
        );
    }

    #[test]
    fn inactive_transitions_and_empty_pages_keep_nothing() {
        let off = Transitions { leave: 0.0, ..T };
        assert!(!off.active());
        assert_eq!(
            decode(&[0.9, 0.9], &[true; 2], &[false; 2], off),
            [false; 2]
        );
        assert!(decode(&[], &[], &[], T).is_empty());
        assert_eq!(decode(&[0.9], &[false], &[false], T), [false]);
        assert_eq!(thread_from(&[true], &[false], &[500]), [false]);
        // a marker under the headline and the standfirst opens no thread
        assert_eq!(
            thread_from(
                &[false, false, true, false],
                &[true, true, false, true],
                &[60, 300, 30, 900]
            ),
            [false; 4]
        );
    }

    #[test]
    fn a_strong_block_alone_is_story_when_switching_is_cheap() {
        let cheap = Transitions {
            leave: 0.45,
            enter: 0.45,
            thread: 0.0,
            keep: f64::INFINITY,
            reach: 0,
        };
        let p = [0.1, 0.9, 0.1, 0.9, 0.1];
        assert_eq!(
            decode(&p, &[true; 5], &[false; 5], cheap),
            [false, true, false, true, false]
        );
    }
}
