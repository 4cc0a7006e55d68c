//! Headlines: whether a line reads as one (the title rule's test when the
//! page gave no title), and the key by which repeats of a title are compared.
//!
//! Both follow the definitions of `cleaner.metadata` written against Python's
//! `str` (`str.split()`, `str.isalnum()`, `str.casefold()`, `str.islower()`),
//! through [`crate::pystr`].

use std::sync::OnceLock;

use regex::Regex;

use crate::pystr;

/// What parts a page's title line into headline and site: "Headline - Site",
/// "Headline | Site", "Headline :: Site", "Headline « Site". Written so that
/// it reads the same in the `regex` crate's syntax and in the rule patterns'
/// (the story stage translates it as one).
pub const SITE_SEPARATOR: &str = r"\s+[-–—|·•»«:]{1,2}\s+|\s*｜\s*";

/// The keys ([`normalise_key`]) a page's headline may have, read from its
/// title line `line`: the whole line's, and those of the parts before and
/// after each site separator ("Headline - Section - Site" gives "Headline",
/// "Headline - Section", "Section - Site" and "Site" besides the whole);
/// keys shorter than `min_chars` characters are left out.
///
/// ```
/// use _core::rules::title::headline_keys;
/// let keys = headline_keys("Council approves budget | The Coastal Times", 10);
/// assert!(keys.contains(&"councilapprovesbudget".to_string()));
/// assert!(!headline_keys("How to Remap the Caps Lock Key", 10).contains(&"remapthecapslockkey".to_string()));
/// ```
pub fn headline_keys(line: &str, min_chars: usize) -> Vec<String> {
    static SEPARATOR: OnceLock<Regex> = OnceLock::new();
    let separator = SEPARATOR.get_or_init(|| Regex::new(SITE_SEPARATOR).expect("a valid pattern"));
    let mut keys = vec![normalise_key(line)];
    for m in separator.find_iter(line) {
        keys.push(normalise_key(&line[..m.start()]));
        keys.push(normalise_key(&line[m.end()..]));
    }
    keys.retain(|k| k.chars().count() >= min_chars);
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Characters a headline does not end with: full stops of Latin, Indic and
/// CJK scripts, and the marks that end a clause.
const NOT_TITLE_END: &[char] = &['.', ',', ';', ':', '\u{964}', '\u{3002}'];

/// Characters a headline may open with before its first letter: quotes and a
/// parenthesis.
const OPENERS: &[char] = &['"', '\u{201c}', '\u{2018}', '\'', '\u{ab}', '('];

/// Marks of an item of a list when a space follows them ("- ", "• ").
const LIST_MARKS: &[char] = &['-', '\u{2013}', '\u{2022}', '*', '\u{b7}'];

/// What may close a sentence, and what may stand between its end and the
/// space before the next one.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '\u{2026}'];
const CLOSERS: &[char] = &['"', '\u{201d}', '\u{2019}', '\u{bb}'];
const NEXT_OPENERS: &[char] = &['"', '\u{201c}', '\u{2018}', '\u{ab}'];

/// Whether a line reads as a headline: 2 to `max_words` words (Python's
/// `str.split()`), at most 300 characters, no closing full stop (an ellipsis
/// may close it), not an item of a list, a first letter (after quotes) that is
/// not lower case, and one sentence only.
///
/// ```
/// use _core::rules::title::looks_like_title;
/// assert!(looks_like_title("Blinken is set to embark on a rare trip to China", 30));
/// assert!(!looks_like_title("He said so. Then he left.", 30));
/// assert!(!looks_like_title("- 1 large chicken, cut in pieces", 30));
/// ```
pub fn looks_like_title(text: &str, max_words: usize) -> bool {
    looks_like_title_counted(text, pystr::word_count(text), max_words)
}

/// [`looks_like_title`] of a text whose words were counted already.
pub fn looks_like_title_counted(text: &str, words: usize, max_words: usize) -> bool {
    if !(2..=max_words).contains(&words) || text.chars().nth(300).is_some() {
        return false;
    }
    match text.chars().next_back() {
        Some(last) if NOT_TITLE_END.contains(&last) && !text.ends_with("...") => return false,
        None => return false,
        _ => {}
    }
    let mut chars = text.chars();
    if let (Some(mark), Some(space)) = (chars.next(), chars.next()) {
        if LIST_MARKS.contains(&mark) && pystr::is_re_space(space) {
            return false;
        }
    }
    match text.trim_start_matches(OPENERS).chars().next() {
        None => return false,
        Some(first) if pystr::is_lower_char(first) => return false,
        _ => {}
    }
    !has_sentence_break(text)
}

/// Whether `text` holds a sentence's end followed by the start of another:
/// `[.!?…]["”’»]?\s+[\p{Lu}"“‘«]` (`\s` as the `regex` module reads it).
fn has_sentence_break(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !SENTENCE_ENDS.contains(c) {
            continue;
        }
        let mut j = i + 1;
        if chars.get(j).is_some_and(|c| CLOSERS.contains(c)) {
            j += 1;
        }
        let spaces = j;
        while chars.get(j).copied().is_some_and(pystr::is_re_space) {
            j += 1;
        }
        // The optional closer taken or not, the spaces are the same ones: a
        // closer is no space, so without it no space would follow.
        if j > spaces
            && chars
                .get(j)
                .is_some_and(|&c| NEXT_OPENERS.contains(&c) || is_upper_letter(c))
        {
            return true;
        }
    }
    false
}

/// General category Lu (`\p{Lu}`).
fn is_upper_letter(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory};
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    get_general_category(c) == GeneralCategory::UppercaseLetter
}

/// The key repeats of a title are compared by: the letters and digits of the
/// casefolded text (Python's `"".join(filter(str.isalnum, text.casefold()))`).
///
/// ```
/// use _core::rules::title::normalise_key;
/// assert_eq!(normalise_key("Straße: A 1-2!"), "strassea12");
/// ```
pub fn normalise_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_key_into(text, &mut out);
    out
}

/// [`normalise_key`] written into `out` (cleared first).
pub fn normalise_key_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.extend(
            text.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        return;
    }
    out.extend(
        text.chars()
            .flat_map(pystr::casefold_char)
            .filter(|&c| pystr::is_alnum(c)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines() {
        assert!(looks_like_title("“Quoted” words open it", 30));
        assert!(looks_like_title("Ends with dots...", 30));
        assert!(looks_like_title("1 number first", 30));
        assert!(looks_like_title("Ends with dots…", 30));
        assert!(!looks_like_title("Ends with a colon:", 30));
        assert!(!looks_like_title("Ends with a danda\u{964}", 30));
        assert!(!looks_like_title("«lower after a quote", 30));
        // Lower case to Unicode 16, not to Python 3.11's Unicode 14.
        assert!(looks_like_title("ʕ opens it", 30));
        assert!(!looks_like_title("One", 30));
        assert!(!looks_like_title("one two three", 2));
        assert!(!looks_like_title("\u{2022}\u{a0}Item of a list", 30));
        assert!(looks_like_title("-Dash without a space", 30));
        assert!(!looks_like_title(&"word ".repeat(70), 100)); // 350 characters
        assert!(!looks_like_title("((\"", 30));
    }

    #[test]
    fn sentence_breaks_as_the_pattern_reads_them() {
        assert!(has_sentence_break("Over.” Then"));
        assert!(has_sentence_break("Over! «Then"));
        assert!(has_sentence_break("Over?\u{a0}\u{3000}Élan"));
        assert!(!has_sentence_break("Over.”Then"));
        assert!(!has_sentence_break("Over. then"));
        assert!(!has_sentence_break("U.S.A. 2024"));
        // U+001C is space to str.split(), not to the regex module's \s.
        assert!(!has_sentence_break("Over.\u{1c}Then"));
        // A title-case letter is not Lu.
        assert!(!has_sentence_break("Over. \u{1c5}x"));
    }

    #[test]
    fn keys_fold_and_keep_letters_and_digits() {
        assert_eq!(normalise_key("The Title -- Site"), "thetitlesite");
        assert_eq!(normalise_key("ΌΣΟΣ, ẞ ﬁ"), "όσοσssfi");
        assert_eq!(normalise_key("İ"), "i"); // the combining dot is no letter
        assert_eq!(normalise_key("x\u{93e}²Ⅻ"), "x²ⅻ");
        assert_eq!(normalise_key(" - "), "");
    }
}
