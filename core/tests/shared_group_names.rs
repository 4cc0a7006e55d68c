//! Groups that share a name are one group, as in Python's `regex`: its value
//! is the capture that completed last.

use _core::rules::pattern::{Mode, Pattern, Use};

fn value<'t>(pattern: &str, text: &'t str) -> Option<&'t str> {
    let p = Pattern::new(pattern, false, Mode::Block, Use::Extents, 10_000).unwrap();
    let spans = p.captures_at(text, 0).unwrap()?;
    let (start, end) = p.group(&spans, p.group_number("n")?)?;
    Some(&text[start..end])
}

#[test]
fn an_enclosing_group_completes_after_the_group_it_holds() {
    // Both end where the text ends; the enclosing one closed last (the inner
    // one was taken for having started later).
    assert_eq!(value("(?P<n>a(?P<n>b))", "ab"), Some("ab"));
    assert_eq!(value("(?P<n>(?:(?P<n>a))*)", "aa"), Some("aa"));
    assert_eq!(value("(?P<n>(?P<n>a)b)", "ab"), Some("ab"));
}

#[test]
fn of_groups_one_after_the_other_the_later_one_counts() {
    assert_eq!(value("(?P<n>a)(?P<n>b)", "ab"), Some("b"));
    assert_eq!(value("(?P<n>a)(?P<n>x)?", "a"), Some("a"));
    assert_eq!(value("(?P<n>x)|(?P<n>y)", "y"), Some("y"));
}
