//! The patterns of the story's metadata, in the syntax of Python's `regex`
//! module (translated by [`crate::rules::pattern`]), compiled once per process.

use std::sync::OnceLock;

use crate::rules::pattern::{Mode, Pattern, Spans, Use};
use crate::rules::title::SITE_SEPARATOR;
use crate::text::dates::month_pattern;

/// Bound on a backtracking pattern's steps on one line (the patterns here
/// are linear but for a few lookarounds; no line comes near it).
const BACKTRACK_LIMIT: usize = 10_000_000;

/// A pattern of Python's syntax, translated on first use (a page seldom
/// needs all of them; `prepare` builds them all).
pub(crate) struct Pat {
    pattern: OnceLock<Pattern>,
    /// The source in Python's syntax.
    source: String,
    mode: Mode,
}

/// One match: its spans, by the engine's group number.
pub(crate) struct Found<'p> {
    pat: &'p Pat,
    spans: Spans,
}

impl Found<'_> {
    /// Where the match starts and ends (bytes).
    pub(crate) fn span(&self) -> (usize, usize) {
        self.spans[0].expect("a match has a span")
    }

    /// The span of the named group, if it took part.
    pub(crate) fn group(&self, name: &str) -> Option<(usize, usize)> {
        let pattern = self.pat.pattern();
        let number = pattern.group_number(name)?;
        pattern.group(&self.spans, number)
    }
}

impl Pat {
    fn new(source: String, mode: Mode) -> Pat {
        Pat {
            pattern: OnceLock::new(),
            source,
            mode,
        }
    }

    /// The translated pattern (the sources are fixed: a translation that
    /// fails is a bug, which the tests find).
    fn pattern(&self) -> &Pattern {
        self.pattern.get_or_init(|| {
            Pattern::new(
                &self.source,
                false,
                self.mode,
                Use::Extents,
                BACKTRACK_LIMIT,
            )
            .unwrap_or_else(|e| panic!("story pattern {:?}: {e}", self.source))
        })
    }

    /// The first match at or after byte `pos` (a failure of the engine reads as none).
    pub(crate) fn find_at(&self, text: &str, pos: usize) -> Option<Found<'_>> {
        let spans = self.pattern().captures_at(text, pos).ok().flatten()?;
        Some(Found { pat: self, spans })
    }

    /// Python's `search`.
    pub(crate) fn search(&self, text: &str) -> Option<Found<'_>> {
        self.find_at(text, 0)
    }

    /// Whether Python's `search` finds a match.
    pub(crate) fn found(&self, text: &str) -> bool {
        self.pattern().is_match(text).unwrap_or(false)
    }

    /// Python's `match`, for a pattern compiled to match at the start.
    pub(crate) fn at_start(&self, text: &str) -> Option<Found<'_>> {
        debug_assert!(self.mode == Mode::Prefix, "a pattern compiled to search");
        self.search(text)
    }

    /// Every match, none overlapping (Python's `finditer`; no pattern here
    /// matches the empty string).
    pub(crate) fn each<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Found<'a>> + 'a {
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let found = self.find_at(text, at?)?;
            let (start, end) = found.span();
            at = (end > start).then_some(end);
            Some(found)
        })
    }

    /// Python's `split` (no pattern here has a capturing group or matches
    /// the empty string).
    pub(crate) fn split<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut last = 0;
        for m in self.each(text) {
            let (start, end) = m.span();
            out.push(&text[last..start]);
            last = end;
        }
        out.push(&text[last..]);
        out
    }

    /// Python's `sub(replacement, text)`, the replacement taken as written.
    pub(crate) fn replace(&self, text: &str, with: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for m in self.each(text) {
            let (start, end) = m.span();
            out.push_str(&text[last..start]);
            out.push_str(with);
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// The story stage's patterns.
pub(crate) struct Patterns {
    pub(crate) site_separator: Pat,
    pub(crate) breadcrumb: Pat,
    pub(crate) date_or_numbers: Pat,
    pub(crate) word: Pat,
    pub(crate) cjk: Pat,
    pub(crate) updated: Pat,
    pub(crate) published_word: Pat,
    pub(crate) labelled_date: Pat,
    pub(crate) published_line: Pat,
    pub(crate) published: Pat,
    pub(crate) by_in_line: Pat,
    pub(crate) by_in_line_start: Pat,
    pub(crate) cjk_byline: Pat,
    pub(crate) other_credit: Pat,
    pub(crate) name_before_date: Pat,
    pub(crate) role_after: Pat,
    pub(crate) name: Pat,
    pub(crate) credentials: Pat,
    pub(crate) alone: Pat,
    pub(crate) handle: Pat,
    pub(crate) segment: Pat,
    pub(crate) written_by: Pat,
    pub(crate) by_start: Pat,
    pub(crate) author_split: Pat,
    pub(crate) relative_time: Pat,
}

const PUBLISHED_WORDS: &str =
    "published|posted|veröffentlicht|publié|publicado|pubblicato|opublikowano";
const UPDATED_WORDS: &str = r"updated|last\s+updated|modified|last\s+modified|aktualisiert|mis\s+à\s+jour|actualizado|atualizado|aggiornato|aktualizacja|bijgewerkt";
const NAME_WORDS: &str = r"\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}";
const NOT_AUTHOR_BY: &str = r"(?i:edited|reviewed|checked|verified|photos?|photographs?|photography|images?|illustrations?|illustrated|graphics?|videos?|produced|translated|designed|powered|sponsored|presented|supported|brought\s+to\s+you|followed|liked)";
const DATE_LABEL: &str = r"(?i:published|posted|updated|on)\b";

/// A time told from now, as a line beside a byline gives it: "8h", "3 hours
/// ago", "vor 3 Stunden", "il y a 2 heures", "hace 2 horas", "2 ore fa",
/// "2 godziny temu", "há 2 horas".
const RELATIVE_TIME: &str = r"(?i:(?:^|[•·|/–—]\s*)\d{1,2}\s?(?:h|hrs?|m|mins?|d)(?:\s*$|\s*[•·|/–—])|(?<!\w)\d{1,3}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago(?!\w)|(?<!\w)vor\s+\d{1,3}\s+(?:sekunden|minuten|minute|stunden|stunde|tagen|tag|wochen|woche|monaten|monat|jahren|jahr)(?!\w)|(?<!\w)il\s+y\s+a\s+\d{1,3}\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)(?!\w)|(?<!\w)(?:hace|há)\s+\d{1,3}\s+(?:segundos?|minutos?|horas?|días?|dias?|semanas?|meses|mes|mês|años?|anos?)(?!\w)|(?<!\w)\d{1,3}\s+(?:secondi|minuti|ore|ora|giorni|giorno|settimane|mesi|anni)\s+fa(?!\w)|(?<!\w)\d{1,3}\s+(?:sekund[ya]?|minut[ya]?|godzin[ya]?|dni|dzień|tygodni[e]?|miesięc[ye]|miesiąc|lat[a]?)\s+temu(?!\w))";

/// What a line under a name says a person does ("Trending Editor", "Staff
/// Writer"): a job, not a name.
pub(crate) const ROLES: &[&str] = &[
    "editor",
    "editors",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "contributor",
    "columnist",
    "columnists",
    "journalist",
    "producer",
    "analyst",
    "author",
    "expert",
    "director",
    "manager",
    "officer",
    "founder",
    "cofounder",
    "co-founder",
    "ceo",
    "cto",
    "president",
    "engineer",
    "specialist",
    "strategist",
    "consultant",
    "attorney",
    "lawyer",
    "photographer",
    "blogger",
    "researcher",
    "scientist",
    "professor",
    "lead",
    "head",
    "marketer",
    "intern",
    "fellow",
    "redakteur",
    "redakteurin",
    "autorin",
    "korrespondent",
    "korrespondentin",
    "rédacteur",
    "rédactrice",
    "journaliste",
    "correspondant",
    "correspondante",
    "periodista",
    "redactor",
    "redactora",
    "corresponsal",
    "giornalista",
    "redattore",
    "redattrice",
    "jornalista",
    "repórter",
    "dziennikarz",
    "dziennikarka",
    "redaktor",
    "redaktorka",
];

/// The story stage's patterns, compiled on first use.
pub(crate) fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let months = month_pattern();
        let names = format!(
            r"{NAME_WORDS}(?:(?:\s*,\s*{NAME_WORDS})*\s*,?\s*(?:\band\b|&)\s*{NAME_WORDS})?"
        );
        let not_month = format!(r"(?!(?i:{months})\.?\s+\d|{DATE_LABEL})");
        let mut roles: Vec<&str> = ROLES.to_vec();
        roles.sort_by_key(|r| (std::cmp::Reverse(r.chars().count()), *r));
        let roles = roles.join("|");
        let search = |s: String| Pat::new(s, Mode::Search);
        let block = |s: String| Pat::new(s, Mode::Block);
        let prefix = |s: String| Pat::new(s, Mode::Prefix);
        let by_in_line = format!(
            r"(?<!\w)(?<!{NOT_AUTHOR_BY}[\s:-]*)(?:(?i:by|written\s+by|posted\s+by|authors?)|Von|VON|Par|PAR|Por|POR|Door|Przez):?\s+(?P<name>{names})"
        );
        Patterns {
            site_separator: search(SITE_SEPARATOR.into()),
            breadcrumb: search(r"\s[>»›/]\s".into()),
            date_or_numbers: search(
                r"\d{1,2}[:.]\d{2}|\b\d{4}\b.*\b\d{1,2}\b|\b\d{1,2}\b.*\b\d{4}\b".into(),
            ),
            word: search(r"\w+".into()),
            cjk: search(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]".into()),
            updated: search(format!(r"(?<!\w)(?i:{UPDATED_WORDS})(?!\w)")),
            published_word: search(format!(r"(?<!\w)(?i:{PUBLISHED_WORDS})(?!\w)")),
            // Python's `(?<!\w)...(?=\d|(?i:MONTH)\b)`, whose start alone is
            // read: the lookarounds as the characters they read, the start
            // that of group `at` (see `crate::text::dates`); linear.
            labelled_date: search(format!(
                r"(?:\A|[^\w])(?P<at>(?i:{PUBLISHED_WORDS}|{UPDATED_WORDS})(?:\s+(?i:on|am|le|el|em|il|dnia))?\s*:?\s*)(?:\d|(?i:{months})\b)"
            )),
            published_line: prefix(format!(
                r"(?:\w+\s+){{0,2}}(?i:{PUBLISHED_WORDS}|{UPDATED_WORDS})\b(?!.*\b(?i:comments?|replies|reply)\b)"
            )),
            published: prefix(format!(
                r"(?i:{PUBLISHED_WORDS}|{UPDATED_WORDS}|page\s+last\s+modified)\b"
            )),
            by_in_line: search(by_in_line.clone()),
            by_in_line_start: prefix(by_in_line),
            cjk_byline: prefix(format!(
                r"(?:(?:著者|作者|筆者|记者|記者|投稿者|文)\s*[：:●]|投稿者)\s*(?P<name>[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}ー・]{{2,10}}|{NAME_WORDS})(?=$|[\s（(/／|])"
            )),
            other_credit: block(format!(r"(?:.*\s)?{NOT_AUTHOR_BY}\s+(?i:by):?")),
            name_before_date: prefix(format!(
                r"(?P<name>{not_month}\p{{Lu}}[\p{{L}}'’.-]+(?:\s+{not_month}\p{{Lu}}[\p{{L}}'’.-]+){{0,2}})\s*[|,•·–—/-]?\s*(?:{DATE_LABEL}:?\s*)?(?=(?i:{months})\b|\d)"
            )),
            role_after: search(format!(
                r"\s*[,|–—·•/-]\s*[^,|–—·•/]*?(?<!\w)(?i:{roles})(?!\w).*$"
            )),
            name: block(format!(r"(?P<name>{NAME_WORDS})")),
            credentials: search(r"(?:,\s*\p{Lu}[\p{L}.]{0,5}){1,3}\.?$".into()),
            alone: block(format!(
                r"(?P<name>{NAME_WORDS}(?:\s*(?:&|\band\b)\s*{NAME_WORDS})?)"
            )),
            handle: search(r"[\s,|·•]*@\w+".into()),
            segment: search(r"\s+[|/·•–—]\s+|\s*\|\s*".into()),
            written_by: prefix(format!(
                r"(?:(?i:this|the)\s+(?i:post|article|story|piece|guide|blog\s+post)\s+(?i:was\s+)?)?(?:(?i:written|authored)\s+(?i:by)|(?i:geschrieben\s+von|écrit\s+par|escrito\s+por|scritto\s+da|napisane\s+przez)):?\s+(?P<name>{names})"
            )),
            by_start: prefix(r"(?i:by)\s+(?P<next>[\w'’.-]+)".into()),
            author_split: search(r"\s*(?:,|&|\band\b)\s*".into()),
            relative_time: search(RELATIVE_TIME.into()),
        }
    })
}

/// Builds every pattern's program now (a process builds them once; on first
/// use otherwise), and the date patterns they read with.
pub fn prepare() {
    let _ = crate::text::dates::parse_date("");
    let p = patterns();
    for pat in [
        &p.site_separator,
        &p.breadcrumb,
        &p.date_or_numbers,
        &p.word,
        &p.cjk,
        &p.updated,
        &p.published_word,
        &p.labelled_date,
        &p.published_line,
        &p.published,
        &p.by_in_line,
        &p.by_in_line_start,
        &p.cjk_byline,
        &p.other_credit,
        &p.name_before_date,
        &p.role_after,
        &p.name,
        &p.credentials,
        &p.alone,
        &p.handle,
        &p.segment,
        &p.written_by,
        &p.by_start,
        &p.author_split,
        &p.relative_time,
    ] {
        let _ = pat.pattern().compile();
    }
}
