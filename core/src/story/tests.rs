//! Behaviour of the story's reading, without rule files: a fake builder.

use super::*;

#[derive(Default)]
struct Builder {
    values: Vec<(String, String)>,
    authors: Vec<String>,
}

impl Found for Builder {
    type Error = ();

    fn add(&mut self, _groups: &Groups<'_>) -> Result<bool, ()> {
        Ok(false)
    }

    fn get(&mut self, name: &str) -> Result<Option<String>, ()> {
        Ok(self
            .values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone()))
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), ()> {
        if !value.is_empty() && self.get(name)?.is_none() {
            self.values.push((name.to_owned(), value.to_owned()));
        }
        Ok(())
    }

    fn forget(&mut self, name: &str) -> Result<(), ()> {
        if name == "authors" {
            self.authors.clear();
        }
        self.values.retain(|(n, _)| n != name);
        Ok(())
    }

    fn authors(&mut self) -> Result<Vec<String>, ()> {
        Ok(self.authors.clone())
    }

    fn extend_authors(&mut self, names: &[String]) -> Result<(), ()> {
        self.authors.extend_from_slice(names);
        Ok(())
    }
}

const STORY: &str = "Thousands of academic staff at British universities are being treated as \
                     second-class citizens on precarious contracts, says a report on casual labour.";

/// Reads a page whose blocks at `scored` page scoring took out of the body.
/// `lines`, then `gap` menu lines and `tail`, read with every block from
/// the tenth on scored as the story (the page's closing lines far under it).
fn read_closing(lines: &[&str], gap: usize, tail: &[&str]) -> Builder {
    let mut page = lines.to_vec();
    page.extend(std::iter::repeat_n("Menu Share", gap));
    page.extend(tail);
    let below: Vec<usize> = (10..page.len()).collect();
    read_scored(&page, &below).1
}

fn read_scored(lines: &[&str], scored: &[usize]) -> (Outcome, Builder) {
    let rules = MetaRules::new(Vec::new());
    let head = HeadRules {
        rules: &rules,
        read_before: &[],
        wide_skip: &[],
        first_skip: &[],
        min_words: 10,
    };
    let marks: Vec<Option<String>> = (0..lines.len())
        .map(|i| scored.contains(&i).then(|| SCORING_RULE.to_owned()))
        .collect();
    let mut builder = Builder::default();
    let outcome = read(lines, &marks, head, &mut builder, false).unwrap();
    (outcome, builder)
}

/// Reads a page whose "Menu ..." lines page scoring took out of the body.
fn read_page(lines: &[&str]) -> (Outcome, Builder) {
    let menu: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("Menu"))
        .collect();
    read_scored(lines, &menu)
}

#[test]
fn a_headline_above_the_story() {
    let lines = [
        "Academics treated as second-class citizens - Coastal Times",
        "Menu Home",
        "Menu Politics",
        "Academics treated as second-class citizens",
        STORY,
        STORY,
        STORY,
    ];
    let (outcome, mut builder) = read_page(&lines);
    assert_eq!(
        builder.get("title").unwrap().as_deref(),
        Some("Academics treated as second-class citizens")
    );
    assert_eq!(
        builder.get("publisher").unwrap().as_deref(),
        Some("Coastal Times")
    );
    assert_eq!(
        outcome.changes,
        [Change {
            block: 3,
            rule: Some(TITLE_RULE.to_owned()),
            cut: None
        }]
    );
}

#[test]
fn a_byline_beside_a_date_line() {
    let lines = [
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
        "Jane Doe",
        "June 17, 2023",
        STORY,
        STORY,
    ];
    let (outcome, mut builder) = read_page(&lines);
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2023-06-17"));
    assert_eq!(builder.authors, ["Jane Doe"]);
    assert_eq!(
        outcome.people.as_deref(),
        Some(&["Jane Doe".to_owned()][..])
    );
    let rules: Vec<_> = outcome
        .changes
        .iter()
        .map(|c| (c.block, c.rule.as_deref()))
        .collect();
    assert_eq!(
        rules,
        [
            (2, Some(TITLE_RULE)),
            (3, Some(AUTHOR_RULE)),
            (4, Some(DATE_RULE))
        ]
    );
}

#[test]
fn a_byline_after_by_with_its_job() {
    let lines = [
        "Menu Home",
        "By Jane Doe, Staff Writer | June 17, 2023",
        STORY,
        STORY,
    ];
    let (_, builder) = read_page(&lines);
    assert_eq!(builder.authors, ["Jane Doe"]);
}

#[test]
fn abbreviations_and_questions_before_a_capital() {
    assert_eq!(
        mark_abbreviations("Degree vs. Cert? A Guide"),
        "Degree vs.: Cert?: A Guide"
    );
    assert_eq!(mark_abbreviations("Jones. Then"), "Jones. Then");
    assert!(title_like("The U.S. Economy Grows", 30));
}

#[test]
fn an_empty_body_gives_nothing() {
    let (outcome, builder) = read_page(&["Menu Home", "Menu About"]);
    assert_eq!(outcome, Outcome::default());
    assert!(builder.values.is_empty());
}

fn page_of<'t>(texts: &'t [&'t str], rules: Vec<Option<String>>) -> Page<'t> {
    Page {
        texts,
        words: texts.iter().map(|t| pystr::word_count(t)).collect(),
        cuts: vec![None; texts.len()],
        rules,
        lower: std::cell::OnceCell::new(),
    }
}

#[test]
fn the_story_starts_where_the_body_is_dense_not_at_a_kept_promotion_line() {
    let menu = [
        "Products",
        "Pricing",
        "Customers",
        "Partners",
        "Careers",
        "Blog",
        "Events",
        "Support",
        "Sign in",
        "Contact",
        "Local",
    ];
    let paragraph = "The harbour reopened on Monday after a week of emergency repairs to the sea \
                     wall, the council said in a statement on its website.";
    let mut texts = vec![
        "Menu",
        "Drive better planning and smarter placement with our new workflow tools today.",
    ];
    texts.extend(menu);
    texts.push("Harbour reopens after a week of repairs");
    texts.extend([paragraph; 5]);
    let start = 2 + menu.len() + 1;
    let rules = (0..texts.len())
        .map(|i| (i < start && i != 1).then(|| SCORING_RULE.to_owned()))
        .collect();
    assert_eq!(story_start(&page_of(&texts, rules)), Some(start));
    let none = ["Home", "News"];
    let scored = vec![Some(SCORING_RULE.to_owned()); 2];
    assert_eq!(story_start(&page_of(&none, scored)), None);
}

#[test]
fn the_day_published_wins_over_the_day_updated() {
    let texts = [
        "Harbour reopens after a week of repairs",
        "Last modified: June 20, 2023",
        "Jane Doe · Local · June 17, 2023",
        "The harbour at Port Ellis reopened to fishing boats on Monday after a week of work.",
    ];
    let mut builder = Builder::default();
    date_line(&mut page_of(&texts, vec![None; 4]), 0, 0, 3, &mut builder).unwrap();
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2023-06-17"));
    let only = [texts[0], texts[1], texts[3]];
    let mut builder = Builder::default();
    date_line(&mut page_of(&only, vec![None; 3]), 0, 0, 2, &mut builder).unwrap();
    // the only day the page gives
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2023-06-20"));
}

#[test]
fn every_pattern_translates() {
    patterns::prepare(); // a source the translation refuses panics here
    let p = patterns::patterns();
    let m = p
        .labelled_date
        .search("Jane Doe Updated: April 07, 2020")
        .unwrap();
    assert_eq!(m.group("at").map(|g| g.0), Some(9));
    assert!(p.labelled_date.search("Updated: soon").is_none());
    assert!(p.labelled_date.search("unpublished 2020").is_none());
}

#[test]
fn an_author_box_under_the_story_gives_the_author() {
    let lines = [
        "Academics treated as second-class citizens | Coastal Times",
        "Academics treated as second-class citizens",
        STORY,
        STORY,
        STORY,
        "About the author",
        "Jane Doe",
        "Education Reporter",
        "Jane Doe is an education reporter covering universities and schools.",
    ];
    assert_eq!(read_scored(&lines, &[5, 6, 7, 8]).1.authors, ["Jane Doe"]);
    // a heading in the body over a paragraph on its subject is no author's box
    let lines = [
        "Art Deco homes for sale | Coastal Times",
        "Art Deco homes for sale",
        STORY,
        STORY,
        "Art Deco",
        "Art Deco is a style of design that first appeared in France before the war.",
    ];
    assert!(read_scored(&lines, &[]).1.authors.is_empty());
}

const STANDFIRST: &str = "Casual contracts have spread through the sector over a decade, and the \
                          report asks ministers to step in.";

#[test]
fn a_name_beside_a_date_line_under_the_standfirst() {
    let lines = [
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
        STANDFIRST,
        "Jane Doe",
        "17.06.2023 · 6 min read",
        STORY,
        STORY,
    ];
    assert_eq!(read_page(&lines).1.authors, ["Jane Doe"]);
    // without a date beside it, a short line under the standfirst is no byline
    let lines = [
        lines[0], lines[1], lines[2], lines[3], "Jane Doe", STORY, STORY,
    ];
    assert!(read_page(&lines).1.authors.is_empty());
    // nor is one beside a price
    let lines = [
        lines[0],
        lines[1],
        lines[2],
        lines[3],
        "No Longer Available",
        "Used for $1,149.95",
        STORY,
    ];
    assert!(read_page(&lines).1.authors.is_empty());
}

#[test]
fn a_name_on_the_line_after_by_in_the_shipped_languages() {
    for by in ["By", "por", "Von", "par"] {
        let lines = [
            "Menu Home",
            "Académicos tratados como ciudadanos de segunda",
            by,
            "Jane Doe",
            STORY,
            STORY,
        ];
        assert_eq!(read_page(&lines).1.authors, ["Jane Doe"], "{by}");
    }
}

#[test]
fn words_the_story_writes_in_lower_case_name_nobody() {
    let story = "These are the key takeaways from a report on casual labour, which found \
                 thousands of staff on precarious contracts at British universities.";
    let lines = [
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
        "Key Takeaways",
        "June 17, 2023",
        story,
        STORY,
    ];
    assert!(read_page(&lines).1.authors.is_empty());
    // a name the page writes in lower case only in an address is still a name
    let lines = [
        lines[0],
        lines[1],
        lines[2],
        "Jane Doe",
        lines[4],
        "Write to the reporter at jane.doe@example.com or on her page example.com/jane-doe today.",
        STORY,
    ];
    assert_eq!(read_page(&lines).1.authors, ["Jane Doe"]);
}

#[test]
fn a_byline_a_few_blocks_into_the_story() {
    let caption = "Staff at a university in the north of England protest on Tuesday.";
    let lines = [
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
        STANDFIRST,
        caption,
        "Share",
        "Menu Save",
        "Text by Jane Doe",
        STORY,
        STORY,
    ];
    assert_eq!(read_page(&lines).1.authors, ["Jane Doe"]);
    // a credit that opens with another verb is no byline, nor a heading
    for line in [
        "Protected by Jane Doe",
        "Von Jane Doe mit Freunden nach Berlin",
    ] {
        let mut credit = lines;
        credit[7] = line;
        assert!(read_page(&credit).1.authors.is_empty(), "{line}");
    }
    // what follows the name may be the date
    let mut dated = lines;
    dated[7] = "Posted by Jane Doe on Friday June 16, 2023 @08:00PM from the harbour dept.";
    assert_eq!(read_page(&dated).1.authors, ["Jane Doe"]);
    // below the comments' heading the name is a commenter's
    let mut comments = lines;
    comments[6] = "3 Comments";
    assert!(read_page(&comments).1.authors.is_empty());
}

#[test]
fn a_date_closing_the_story_beside_its_label_or_its_byline() {
    let mut lines = vec![
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
    ];
    lines.extend([STORY; 7]);
    for (above, date) in [
        ("Published", "June 17, 2023"),
        (
            "Interview by Jane Doe",
            "June 17, 2023. Updated: June 20, 2023",
        ),
        ("Menu Share", "June 17, 2023 By Jane Doe"),
    ] {
        let mut page = lines.clone();
        page.extend(["Menu Share", "Menu Print", above, date, "Menu Next"]);
        let (_, mut builder) = read_page(&page);
        assert_eq!(
            builder.get("date").unwrap().as_deref(),
            Some("2023-06-17"),
            "{above}"
        );
    }
    // a date alone, a teaser's byline or a commenter's is not the story's
    for closing in [
        ["Menu Share", "June 17, 2023"],
        ["Menu Share", "Written by Jane Doe on June 17, 2023"],
        ["3 Comments", "June 17, 2023 By Jane Doe"],
    ] {
        let mut page = lines.clone();
        page.extend(closing);
        let (_, mut builder) = read_page(&page);
        assert_eq!(builder.get("date").unwrap(), None, "{closing:?}");
    }
}

#[test]
fn a_byline_labelled_authors() {
    let lines = [
        "Menu Home",
        "Academics treated as second-class citizens",
        "Authors: Jane Doe and John Roe",
        STORY,
        STORY,
    ];
    assert_eq!(read_page(&lines).1.authors, ["Jane Doe", "John Roe"]);
}

#[test]
fn a_name_under_the_headline_wins_over_a_teasers_byline_above_it() {
    let lines = [
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Storm damage closes coast road",
        "Menu by John Smith",
        "Menu June 2, 2023",
        "Academics treated as second-class citizens",
        STANDFIRST,
        "Jane Doe",
        "17 June 2023 / 09:30 GMT",
        STORY,
        STORY,
    ];
    let (_, mut builder) = read_page(&lines);
    assert_eq!(builder.authors, ["Jane Doe"]);
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2023-06-17"));
}

fn title_of(lines: &[&str]) -> (Option<String>, Option<String>) {
    let (_, mut builder) = read_page(lines);
    (
        builder.get("title").unwrap(),
        builder.get("publisher").unwrap(),
    )
}

#[test]
fn a_section_or_the_site_repeated_in_the_title_line_leaves_the_headline() {
    let headline = Some("Academics treated as second-class citizens".to_owned());
    let site = Some("Coastal Times".to_owned());
    for line in [
        "Academics treated as second-class citizens | Education | Coastal Times",
        "Academics treated as second-class citizens - Coastal Times - Coastal Times",
        "Academics treated as second-class citizens | Coastal Times | Coastal Times",
    ] {
        let lines = [line, "Menu Home", "Menu Politics", STORY, STORY];
        assert_eq!(title_of(&lines), (headline.clone(), site.clone()), "{line}");
    }
    // a short headline keeps its parts, as does one with a part after another separator
    for (line, kept) in [
        (
            "Zero Waste - A Beginner's Guide - Coastal Times",
            "Zero Waste - A Beginner's Guide",
        ),
        (
            "Academics treated as second-class citizens: Part One | Coastal Times",
            "Academics treated as second-class citizens: Part One",
        ),
        (
            "Academics treated as second-class citizens - Part One | Coastal Times",
            "Academics treated as second-class citizens - Part One",
        ),
    ] {
        let lines = [line, "Menu Home", "Menu Politics", STORY, STORY];
        assert_eq!(title_of(&lines).0.as_deref(), Some(kept), "{line}");
    }
}

#[test]
fn a_headline_that_ends_with_the_sites_name_leaves_it() {
    let lines = [
        "Academics treated as second-class citizens – Coastal Times - Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens – Coastal Times",
        "June 17, 2023",
        STORY,
        STORY,
    ];
    assert_eq!(
        title_of(&lines).0.as_deref(),
        Some("Academics treated as second-class citizens")
    );
}

#[test]
fn a_name_with_its_job_or_desk_under_the_standfirst() {
    for (line, authors) in [
        ("Jane Doe | Guest Columnist", &["Jane Doe"][..]),
        (
            "Jane Doe and John Smith, Staff Writers",
            &["Jane Doe", "John Smith"],
        ),
        ("Jane Doe COASTAL TIMES", &["Jane Doe"]),
        ("Jane Doe — Redakteurin", &["Jane Doe"]),
        // no job, no desk: a label, a company
        ("Stream Type LIVE", &[]),
        ("Acme Health, Inc.", &[]),
        ("Jane Doe", &[]),
    ] {
        let lines = [
            "Academics treated as second-class citizens | Coastal Times",
            "Menu Home",
            "Academics treated as second-class citizens",
            STANDFIRST,
            line,
            "Show Caption",
            STORY,
            STORY,
        ];
        assert_eq!(read_page(&lines).1.authors, authors, "{line}");
    }
}

#[test]
fn a_long_line_of_dates_byline_and_categories_under_the_headline() {
    let read = |line: &str| {
        let lines = [
            "Academics treated as second-class citizens | Coastal Times",
            "Menu Home",
            "Academics treated as second-class citizens",
            line,
            STORY,
            STORY,
        ];
        let (_, mut builder) = read_page(&lines);
        (builder.authors.clone(), builder.get("date").unwrap())
    };
    let day = Some("2023-06-17".to_owned());
    assert_eq!(
        read(
            "On June 17, 2023 June 20, 2023 By Jane Doe In Higher Education, Universities, \
             Research, Unions, Pay And Pensions, Strikes"
        ),
        (vec!["Jane Doe".to_owned()], day.clone())
    );
    assert_eq!(
        read("Posted on June 17, 2023 by Jane Doe In Higher Education"),
        (vec!["Jane Doe".to_owned()], day)
    );
    // a sentence that opens with a date is no byline
    let sentence = "On June 17, 2023 the universities were told by Senior Staff that contracts \
                    would be reviewed across the whole sector before the autumn term began";
    assert!(read(sentence).0.is_empty());
}

#[test]
fn a_headline_with_its_date_on_one_line() {
    for line in [
        "Jun 17 2023 Academics treated as second-class citizens",
        "Academics treated as second-class citizens · June 17, 2023",
    ] {
        let lines = [
            "Academics treated as second-class citizens | Coastal Times",
            "Menu Home",
            line,
            STORY,
            STORY,
        ];
        let (_, mut builder) = read_page(&lines);
        assert_eq!(
            builder.get("title").unwrap().as_deref(),
            Some("Academics treated as second-class citizens"),
            "{line}"
        );
        assert_eq!(
            builder.get("date").unwrap().as_deref(),
            Some("2023-06-17"),
            "{line}"
        );
    }
}

#[test]
fn a_title_line_in_japanese_without_capitals_or_spaces() {
    for (line, headline) in [
        (
            "港の防波堤、一週間の修理を終えて再開",
            "港の防波堤、一週間の修理を終えて再開",
        ),
        (
            "port-wall - 港の防波堤、一週間の修理を終えて再開 沿岸タイムズ",
            "port-wall - 港の防波堤、一週間の修理を終えて再開 沿岸タイムズ",
        ),
    ] {
        let lines = [line, "Menu Home", "Menu Politics", STORY, STORY];
        assert_eq!(title_of(&lines).0.as_deref(), Some(headline), "{line}");
    }
}

#[test]
fn a_name_beside_a_time_told_from_now_under_the_headline() {
    for (line, authors) in [
        ("Jane Doe • 8h", &["Jane Doe"][..]),
        ("Jane Doe | 3 hours ago", &["Jane Doe"]),
        ("Jane Doe · vor 3 Stunden", &["Jane Doe"]),
        ("Jane Doe – il y a 2 heures", &["Jane Doe"]),
        ("Jane Doe | hace 2 horas", &["Jane Doe"]),
        ("Modified 3 days ago", &[]),
        ("Jane Doe • 8 items", &[]),
    ] {
        let lines = [
            "Academics treated as second-class citizens | Coastal Times",
            "Menu Home",
            "Academics treated as second-class citizens",
            line,
            "Share Tweet Share",
            STORY,
            STORY,
        ];
        assert_eq!(read_page(&lines).1.authors, authors, "{line}");
    }
}

#[test]
fn a_written_by_line_under_the_story_whatever_took_it() {
    let mut lines = vec![
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
    ];
    lines.extend([STORY; 7]);
    // a tail rule took it as a credit
    let mut credit = lines.clone();
    credit.extend(["Written by Jane Doe", "Menu Next"]);
    let mut marks: Vec<Option<String>> = (0..credit.len())
        .map(|i| {
            credit[i]
                .starts_with("Menu")
                .then(|| SCORING_RULE.to_owned())
        })
        .collect();
    marks[10] = Some("news.credits".to_owned());
    let rules = MetaRules::new(Vec::new());
    let head = HeadRules {
        rules: &rules,
        read_before: &[],
        wide_skip: &[],
        first_skip: &[],
        min_words: 10,
    };
    let mut builder = Builder::default();
    read(&credit, &marks, head, &mut builder, false).unwrap();
    assert_eq!(builder.authors, ["Jane Doe"]);
    // far under the story, with the date on the line after it
    let mut builder = read_closing(
        &lines,
        20,
        &[
            "Written by Jane Doe and John Roe",
            "June 17, 2023",
            "Menu Next",
        ],
    );
    assert_eq!(builder.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2023-06-17"));
    // far under it, teasers' bylines or a commenter's are not the story's
    for tail in [
        ["Written by Jane Doe", "Menu Story", "Written by John Roe"],
        ["3 Comments", "Menu Reply", "Written by Jane Doe"],
    ] {
        assert!(
            read_closing(&lines, 20, &tail).authors.is_empty(),
            "{tail:?}"
        );
    }
}

#[test]
fn a_byline_far_above_a_story_that_starts_late() {
    let mut lines = vec![
        "Best apps to learn a language | Coastal Times",
        "Menu Home",
        "Top ten apps, tested by our editors",
        "by Jane Doe",
        "6 Comments",
    ];
    lines.extend(["Menu Contents"; 30]);
    lines.extend([STORY; 7]);
    let head: Vec<usize> = (2..35).collect();
    assert_eq!(read_scored(&lines, &head).1.authors, ["Jane Doe"]);
    // "By" alone, the name on the next line
    let mut alone = lines.clone();
    alone[3] = "By";
    alone[4] = "Jane Doe";
    assert_eq!(read_scored(&alone, &head).1.authors, ["Jane Doe"]);
    // a menu's "By" lines, teasers' bylines
    for (k, other) in [
        (6, "BY INDUSTRY"),
        (8, "Written by John Roe on June 17, 2023"),
    ] {
        let mut page = lines.clone();
        page[3] = "BY USE CASE";
        page[k] = other;
        assert!(read_scored(&page, &head).1.authors.is_empty(), "{other}");
        page[3] = "Written by Jane Doe on June 16, 2023";
        assert!(read_scored(&page, &head).1.authors.is_empty(), "{other}");
    }
}

#[test]
fn a_label_alone_and_the_name_under_it_close_the_story() {
    let mut lines = vec![
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
    ];
    lines.extend([STORY; 7]);
    for (label, name, author) in [
        ("Written by", "Jane Doe", "Jane Doe"),
        ("Article by", "Jane Doe, MD", "Jane Doe"),
        ("Posted by:", "Jane Doe", "Jane Doe"),
        ("Autorin:", "Erika Mustermann", "Erika Mustermann"),
        ("Écrit par", "Jeanne Dupont", "Jeanne Dupont"),
    ] {
        let builder = read_closing(&lines, 12, &[label, name, "Menu Next"]);
        assert_eq!(builder.authors, [author], "{label}");
    }
    // what follows the label is no name, or teasers each have one
    for tail in [
        [
            "Written by",
            "our friends at the harbour office",
            "Menu Next",
        ],
        ["Written by", "Jane Doe", "Written by John Roe"],
    ] {
        assert!(
            read_closing(&lines, 12, &tail).authors.is_empty(),
            "{tail:?}"
        );
    }
}

#[test]
fn a_date_beside_a_byline_read_far_above_the_story() {
    let mut lines = vec![
        "Best apps to learn a language | Coastal Times",
        "Menu Home",
        "Top ten apps, tested by our editors",
        "By",
        "Jane Doe",
        ", Travel Desk Last Updated: Dec 19, 2025, 01:00 AM IST",
    ];
    lines.extend(["Menu Contents"; 30]);
    lines.extend([STORY; 7]);
    let head: Vec<usize> = (2..36).collect();
    let (_, mut builder) = read_scored(&lines, &head);
    assert_eq!(builder.authors, ["Jane Doe"]);
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2025-12-19"));
    // a sentence that gives a date is not the byline's
    lines[5] = "The desk said the apps were tested over the summer, until Dec 19, 2025.";
    let (_, mut builder) = read_scored(&lines, &head);
    assert_eq!(builder.get("date").unwrap(), None);
}

#[test]
fn a_date_under_its_label_far_under_the_story() {
    let mut lines = vec![
        "Academics treated as second-class citizens | Coastal Times",
        "Menu Home",
        "Academics treated as second-class citizens",
    ];
    lines.extend([STORY; 7]);
    lines.extend(["Menu Share"; 20]);
    let below = |page: &[&str]| (10..page.len()).collect::<Vec<usize>>();
    let mut page = lines.clone();
    page.extend(["Published", "Feb 2, 2023", "Menu Next"]);
    let (_, mut builder) = read_scored(&page, &below(&page));
    assert_eq!(builder.get("date").unwrap().as_deref(), Some("2023-02-02"));
    // two of them (teasers), or below the comments
    for tail in [
        ["Published", "Feb 2, 2023", "Published", "Mar 5, 2023"],
        ["3 Comments", "Menu Reply", "Published", "Feb 2, 2023"],
    ] {
        let mut page = lines.clone();
        page.extend(tail);
        let (_, mut builder) = read_scored(&page, &below(&page));
        assert_eq!(builder.get("date").unwrap(), None, "{tail:?}");
    }
}
