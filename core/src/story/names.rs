//! Bylines: the names a line gives, without degrees, jobs or handles, and
//! whether a name reads as a person's.

use unicode_general_category::{get_general_category, GeneralCategory};

use super::patterns::{patterns, ROLES};
use super::word_set;
use crate::pystr;
use crate::text::dates::{without_dates, WEEKDAYS};

/// Words that stand beside a name without being one (a date's label, "Share").
const NOT_NAMES: &[&str] = &[
    "updated",
    "published",
    "posted",
    "modified",
    "asked",
    "viewed",
    "last",
    "date",
    "dated",
    "on",
    "at",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "publicado",
    "actualizado",
    "pubblicato",
    "opublikowano",
    "am",
    "le",
    "el",
    "il",
    "the",
    "and",
    "by",
    "share",
    "shares",
    "comments",
    "reviewed",
    "edited",
];

/// Words of a job's name besides the job itself ("Staff", "Senior").
const ROLE_WORDS_MORE: &[&str] = &[
    "staff",
    "senior",
    "contributing",
    "chief",
    "managing",
    "associate",
    "assistant",
    "deputy",
    "executive",
    "special",
    "guest",
    "coo",
    "cfo",
    "cmo",
    "vp",
];

/// Words after which "by" opens a byline, not a phrase of a sentence.
const BEFORE_BY: &[&str] = &[
    "written",
    "posted",
    "reported",
    "text",
    "words",
    "story",
    "interview",
    "article",
    "published",
    "updated",
    "am",
    "pm",
    "a.m",
    "p.m",
];

fn is_role(word: &str) -> bool {
    ROLES.contains(&word)
}

fn is_role_word(word: &str) -> bool {
    is_role(word) || ROLE_WORDS_MORE.contains(&word)
}

/// Python's `str.isalpha()`.
fn is_alpha(text: &str) -> bool {
    !text.is_empty() && text.chars().all(pystr::is_alpha)
}

/// Python's `str.islower()`: some cased character, and none upper or title case.
fn is_lower(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if c.is_uppercase() || get_general_category(c) == GeneralCategory::TitlecaseLetter {
            return false;
        }
        if pystr::is_lower_char(c) {
            cased = true;
        }
    }
    cased
}

/// Whether `text` holds one of `words` (folded) where a case-blind pattern
/// would find it: casefolded, "İ" read as "i".
pub(crate) fn holds(text: &str, words: &[&str]) -> bool {
    let folded = pystr::casefold(text).replace('\u{307}', "");
    words.iter().any(|w| folded.contains(w))
}

/// The words the paragraphs among `texts` (blocks of `min_words` words or
/// more) write in lower case, casefolded: words standing between spaces, of
/// letters only (an address, "jane.doe@example.com", or a slug is no word).
pub(crate) fn lower_words(texts: &[&str], min_words: usize) -> std::collections::HashSet<String> {
    let mut found = std::collections::HashSet::new();
    for text in texts {
        if pystr::word_count(text) < min_words {
            continue;
        }
        for word in pystr::words(text) {
            let word = word.trim_matches(|c: char| !pystr::is_alpha(c));
            if is_alpha(word) && is_lower(word) {
                found.insert(pystr::casefold(word));
            }
        }
    }
    found
}

/// Whether a name found beside a date reads as a person's or a desk's name.
pub(crate) fn person(name: &str) -> bool {
    !patterns().word.each(name).any(|m| {
        let (a, b) = m.span();
        let w = pystr::casefold(&name[a..b]);
        NOT_NAMES.contains(&w.as_str()) || WEEKDAYS.contains(&w.as_str()) || is_role(&w)
    })
}

/// A name without the job or the date's label that follows it; "" when all
/// of it is a job.
pub(crate) fn without_role(name: &str) -> String {
    let mut words: Vec<&str> = pystr::words(name).collect();
    while words.len() > 1 && NOT_NAMES.contains(&pystr::casefold(words[words.len() - 1]).as_str()) {
        words.pop();
    }
    if words.last().is_some_and(|w| is_role(&pystr::casefold(w))) {
        while words
            .last()
            .is_some_and(|w| is_role_word(&pystr::casefold(w)))
        {
            words.pop();
        }
    } else if words.len() == 1 && is_role_word(&pystr::casefold(words[0])) {
        return String::new();
    }
    words.join(" ")
}

/// Whether "by" follows a word of a sentence ("driven by AI").
pub(crate) fn in_prose(before: &str) -> bool {
    let last = pystr::words(before)
        .last()
        .map_or("", |w| w.trim_end_matches(['.', ':']));
    is_alpha(last) && is_lower(last) && !BEFORE_BY.contains(&last)
}

/// Whether what stands before "by" on a line leaves the byline opening it:
/// nothing, or a word that says what the person did ("Posted", "Text").
pub(crate) fn opens_line(before: &str) -> bool {
    let mut words = pystr::words(before);
    match (words.next(), words.next()) {
        (None, _) => true,
        (Some(w), None) => BEFORE_BY.contains(&pystr::lower(w).trim_end_matches(['.', ':'])),
        _ => false,
    }
}

/// Whether a name ends its part of the line: what follows it in `line` is
/// nothing, a mark or a word that is not a sentence's ("Von Jane Doe mit
/// ..." is a heading): a capital, or a label ("on", "at").
pub(crate) fn name_ends(line: &str, name: &str) -> bool {
    let Some(at) = line.find(name) else {
        return true;
    };
    let next = pystr::words(&line[at + name.len()..]).next().unwrap_or("");
    let word = next.trim_matches(|c: char| !pystr::is_alpha(c));
    !(is_alpha(word) && is_lower(word) && word == next)
        || NOT_NAMES.contains(&pystr::casefold(word).as_str())
}

/// Words of a short line that says the comments start ("7 Comments", "Kommentare").
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "kommentar",
    "commentaire",
    "comentario",
    "commento",
    "commenti",
    "komentarz",
    "comentário",
];

/// Whether a short line says the comments start.
pub(crate) fn comments_line(text: &str) -> bool {
    pystr::word_count(text) <= 8 && holds(text, COMMENT_WORDS)
}

/// Whether a line holds a word that opens a byline ("by", "author", "Von", "PAR").
pub(crate) fn may_open_byline(text: &str) -> bool {
    let lower = pystr::lower(text);
    lower.contains("by")
        || lower.contains("author")
        || ["Von", "VON", "Par", "PAR", "Por", "POR", "Door", "Przez"]
            .iter()
            .any(|w| text.contains(w))
}

/// Words after an author's name that say where the story is filed or when
/// ("By Jane Doe In Travel, Tips", "Von Jane Doe Im Ressort Politik").
const LABELS_AFTER_NAME: &[&str] = &["In", "On", "At", "Im", "Dans", "En", "Em", "W"];

/// A name without the label and what follows it ("Jane Doe In Travel" -> "Jane Doe").
fn before_label(name: &str) -> &str {
    let mut at = 0;
    for (k, word) in name.split(' ').enumerate() {
        if k > 0 && LABELS_AFTER_NAME.contains(&word) {
            return name[..at].trim_end();
        }
        at += word.len() + 1;
    }
    name
}

/// A byline a line holds.
pub(crate) struct Byline {
    /// The name.
    pub(crate) name: String,
    /// What stands before it on the line (dates left out, for a name after "by").
    pub(crate) before: String,
    /// Where the byline starts on that line (bytes).
    pub(crate) start: usize,
    /// A name after "by" (not a byline in Chinese or Japanese).
    pub(crate) in_line: bool,
}

/// The bylines a line may hold: each name after "by" (read with the dates
/// left out), then a byline in Chinese or Japanese at its start.
pub(crate) fn bylines(text: &str) -> Vec<Byline> {
    let p = patterns();
    let mut found = Vec::new();
    if may_open_byline(text) {
        let rest = without_dates(text, " | ");
        for m in p.by_in_line.each(&rest) {
            let (a, b) = m.group("name").expect("the group takes part");
            let start = m.span().0;
            found.push(Byline {
                name: before_label(&rest[a..b]).to_owned(),
                before: rest[..start].to_owned(),
                start,
                in_line: true,
            });
        }
    }
    if !text.is_ascii() {
        if let Some(m) = p.cjk_byline.at_start(text) {
            let (a, b) = m.group("name").expect("the group takes part");
            found.push(Byline {
                name: text[a..b].to_owned(),
                before: String::new(),
                start: 0,
                in_line: false,
            });
        }
    }
    found
}

/// The words of a line as a case-blind pattern reads them.
fn folded_words(text: &str) -> std::collections::HashSet<String> {
    let words = word_set(text);
    if text.contains('\u{130}') {
        return words
            .into_iter()
            .map(|w| w.replace('\u{307}', ""))
            .collect();
    }
    words
}

const TRIM: [char; 6] = [' ', ',', '|', '–', '—', '-'];

/// A line as a name may stand on it: no degrees, role or handle after the
/// name ("Jane Doe, Ph.D.", "Jane Doe, Staff Writer", "Jane Doe @janedoe").
pub(crate) fn bare(text: &str) -> String {
    let p = patterns();
    let mut text = text.to_owned();
    if text.contains('@') {
        text = p.handle.replace(&text, "");
    }
    let mut text = text.trim_matches(TRIM).to_owned();
    if text.contains(',') {
        text = p.credentials.replace(&text, "");
    }
    if text.contains([',', '|', '–', '—', '·', '•', '/', '-'])
        && folded_words(&text).iter().any(|w| is_role(w))
    {
        text = p.role_after.replace(&text, "");
    }
    let text = text.trim_matches(TRIM);
    let mut words: Vec<&str> = pystr::words(text).collect();
    if words.len() >= 3 {
        let last = words[words.len() - 1];
        if pystr::is_upper(last) && is_role(&pystr::casefold(last)) {
            words.pop();
        }
    }
    // A desk or site in capitals after a name in mixed case: "Jane Doe USA TODAY".
    let mut caps = words.len();
    while caps > 0 {
        let w = words[caps - 1];
        if pystr::is_upper(w) && is_alpha(w) && w.chars().count() > 1 {
            caps -= 1;
        } else {
            break;
        }
    }
    if 2 <= caps && caps < words.len() && !words[..caps].iter().any(|w| pystr::is_upper(w)) {
        words.truncate(caps);
    }
    words.join(" ")
}

/// Whether a line gives a name and, after it, the person's job after a
/// separator ("Jane Doe | Staff Writer", "Jane Doe, Guest Columnist") or a
/// desk of two words or more in capitals ("Jane Doe USA TODAY").
pub(crate) fn credited(text: &str) -> bool {
    let p = patterns();
    let text = text.trim_matches(TRIM);
    if text.contains('@') {
        return false;
    }
    if text.contains([',', '|', '–', '—', '·', '•', '/', '-'])
        && folded_words(text).iter().any(|w| is_role(w))
        && p.role_after.found(text)
    {
        return true;
    }
    let words: Vec<&str> = pystr::words(text).collect();
    let caps = words
        .iter()
        .rev()
        .take_while(|w| pystr::is_upper(w) && is_alpha(w) && w.chars().count() > 1)
        .count();
    caps >= 2
        && words.len() - caps >= 2
        && !words[..words.len() - caps]
            .iter()
            .any(|w| pystr::is_upper(w))
}

/// Whether what stands before a byline's "by" (its dates left out) is only
/// their labels and marks ("On", "Posted on", "|"), and something.
pub(crate) fn only_date_words(before: &str) -> bool {
    before.chars().any(|c| !c.is_whitespace())
        && pystr::words(before).all(|w| {
            let w = w.trim_matches(|c: char| !pystr::is_alnum(c));
            w.is_empty() || super::DATE_WORDS.contains(&pystr::casefold(w).as_str())
        })
}

/// Whether a line opens with a date, and its label, before a byline ("On
/// June 17, 2023 By Jane Doe In Travel", "June 17, 2023 | by Jane Doe").
pub(crate) fn date_before_byline(text: &str) -> bool {
    may_open_byline(text)
        && super::parse_date(text).is_some()
        && bylines(text)
            .iter()
            .any(|m| m.in_line && only_date_words(&m.before))
}
