//! jusText-like classes of the blocks of a page, settled by their neighbours,
//! and the hand-set test of whether a text is a whole page.
//!
//! Each block gets a first class from its own features ([`first_class`]):
//! `good`, `neargood`, `short` or `bad`. Runs of short blocks take their class
//! from the nearest blocks around them ([`revise_short`]), near-good blocks
//! become good unless boilerplate lies on both sides ([`revise_neargood`]), and
//! kept blocks far from the largest cluster of kept text go
//! ([`main_clusters`]).

use super::features::BlockFeatures;
use super::settings::Settings;

/// The class of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Story.
    Good,
    /// Story unless boilerplate lies on both sides.
    NearGood,
    /// Too short to tell: the neighbours decide.
    Short,
    /// Boilerplate.
    Bad,
}

/// The class of a block from its own features alone.
pub fn first_class(f: &BlockFeatures, s: &Settings) -> Class {
    let words = f.words as i64;
    let chars = f.chars as i64;
    if f.shape.is_some() {
        return Class::Bad;
    }
    if f.repeated && words <= s.repeat_max_words {
        return Class::Bad;
    }
    if chars < s.length_low {
        if f.terminal && words >= s.short_sentence_words && f.stopword_density >= s.stopwords_low {
            return Class::NearGood;
        }
        return Class::Short;
    }
    if f.stopword_density >= s.stopwords_high && chars >= s.length_high {
        return Class::Good;
    }
    if f.stopword_density >= s.stopwords_low && f.terminal && words >= s.sentence_min_words {
        return Class::Good;
    }
    if f.stopword_density >= s.stopwords_low {
        return Class::NearGood;
    }
    Class::Bad
}

/// Keep (true) or drop each block of a page.
///
/// `decided[i]` is `Some(verdict)` when a rule already decided block i: it
/// keeps that verdict and serves as evidence for its neighbours (`decided` may
/// be empty: nothing decided).
pub fn classify(feats: &[BlockFeatures], s: &Settings, decided: &[Option<bool>]) -> Vec<bool> {
    let mut classes: Vec<Class> = feats.iter().map(|f| first_class(f, s)).collect();
    for (class, verdict) in classes.iter_mut().zip(decided) {
        if let Some(v) = verdict {
            *class = if *v { Class::Good } else { Class::Bad };
        }
    }
    let classes = revise_neargood(&revise_short(&classes, s));
    let keep: Vec<bool> = classes.iter().map(|&c| c == Class::Good).collect();
    let sizes: Vec<usize> = feats.iter().map(|f| f.chars).collect();
    let mut keep = main_clusters(&keep, &sizes, decided, s);
    for (k, verdict) in keep.iter_mut().zip(decided) {
        if let Some(v) = verdict {
            *k = *v;
        }
    }
    keep
}

/// For each block, the class of the nearest block before it (`before`) and
/// after it (`after`) whose class is not skipped; `Bad` past the edges.
struct Nearest {
    before: Vec<Class>,
    after: Vec<Class>,
}

impl Nearest {
    fn new(classes: &[Class], skip: impl Fn(Class) -> bool) -> Self {
        let mut before = Vec::with_capacity(classes.len());
        let mut last = Class::Bad;
        for &c in classes {
            before.push(last);
            if !skip(c) {
                last = c;
            }
        }
        let mut after = vec![Class::Bad; classes.len()];
        let mut last = Class::Bad;
        for (i, &c) in classes.iter().enumerate().rev() {
            after[i] = last;
            if !skip(c) {
                last = c;
            }
        }
        Self { before, after }
    }
}

fn short_or_near(c: Class) -> bool {
    matches!(c, Class::Short | Class::NearGood)
}

/// Settle short blocks by their neighbours, run by run (jusText's first pass).
pub fn revise_short(classes: &[Class], s: &Settings) -> Vec<Class> {
    let mut out = classes.to_vec();
    if !classes.contains(&Class::Short) {
        return out;
    }
    let far = Nearest::new(classes, short_or_near);
    let near = Nearest::new(classes, |c| c == Class::Short);
    let n = classes.len();
    let mut i = 0;
    while i < n {
        if classes[i] != Class::Short {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && classes[j] == Class::Short {
            j += 1;
        }
        let (prev, next) = (far.before[i], far.after[j - 1]);
        let short_enough = (j - i) as i64 <= s.max_short_run;
        let new = if prev == Class::Good && next == Class::Good {
            if short_enough {
                Class::Good
            } else {
                Class::Bad
            }
        } else if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else if (prev == Class::Bad && near.before[i] == Class::NearGood)
            || (next == Class::Bad && near.after[j - 1] == Class::NearGood)
        {
            if short_enough {
                Class::Good
            } else {
                Class::Bad
            }
        } else {
            Class::Bad
        };
        out[i..j].fill(new);
        i = j;
    }
    out
}

/// Near-good blocks become good unless boilerplate lies on both sides (jusText's
/// second pass).
pub fn revise_neargood(classes: &[Class]) -> Vec<Class> {
    let mut out = classes.to_vec();
    if !classes.contains(&Class::NearGood) {
        return out;
    }
    let far = Nearest::new(classes, short_or_near);
    for (i, c) in out.iter_mut().enumerate() {
        if *c == Class::NearGood {
            let bad = far.before[i] == Class::Bad && far.after[i] == Class::Bad;
            *c = if bad { Class::Bad } else { Class::Good };
        }
    }
    out
}

/// Drop the kept blocks of clusters much smaller than the largest one (their
/// sizes are the blocks' characters); blocks a rule decided stay as they are.
pub fn main_clusters(
    keep: &[bool],
    sizes: &[usize],
    decided: &[Option<bool>],
    s: &Settings,
) -> Vec<bool> {
    // (first index, last index, characters) of each cluster
    let mut clusters: Vec<(usize, usize, u64)> = Vec::new();
    let mut last: i64 = -(s.cluster_gap + 2);
    for (i, &k) in keep.iter().enumerate() {
        if !k {
            continue;
        }
        let at = i as i64;
        match clusters.last_mut() {
            Some(c) if at - last - 1 <= s.cluster_gap => {
                c.1 = i;
                c.2 += sizes[i] as u64;
            }
            _ => clusters.push((i, i, sizes[i] as u64)),
        }
        last = at;
    }
    let mut out = keep.to_vec();
    if clusters.len() < 2 {
        return out;
    }
    let largest = clusters.iter().map(|c| c.2).max().unwrap_or(0);
    let floor = s.cluster_min_share * largest as f64;
    for &(first, end, weight) in &clusters {
        if (weight as f64) < floor {
            for (i, k) in out.iter_mut().enumerate().take(end + 1).skip(first) {
                if decided.get(i).is_none_or(|d| d.is_none()) {
                    *k = false;
                }
            }
        }
    }
    out
}

/// Whether a text is a whole page (menus, teasers, footers) and not an
/// article, from its blocks' features and menu-like flags.
pub fn looks_like_page(feats: &[BlockFeatures], menu: &[bool], s: &Settings) -> bool {
    let n = feats.len();
    if (n as i64) < s.page_min_blocks {
        return false;
    }
    let shaped = feats.iter().filter(|f| f.shape.is_some()).count();
    if (shaped as f64) < s.page_shape_share * n as f64 {
        return false;
    }
    let menu_lines = menu.iter().filter(|&&m| m).count();
    if (menu_lines as i64) < s.page_min_menu_lines {
        return false;
    }
    if menu_lines as f64 >= s.page_short_share * n as f64 {
        return true;
    }
    if super::features::long_runs(menu, s.page_menu_run) as i64 >= s.page_menu_runs {
        return true;
    }
    let repeated = feats
        .iter()
        .zip(menu)
        .filter(|(f, &m)| m && f.count > 1)
        .count();
    repeated as f64 >= s.page_repeat_share * n as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::{Bad, Good, NearGood as Near, Short};

    fn block(chars: usize, words: usize, density: f64, terminal: bool) -> BlockFeatures {
        BlockFeatures {
            chars,
            words,
            stopword_density: density,
            terminal,
            shape: None,
            repeated: false,
            chrome: 0,
            count: 1,
        }
    }

    #[test]
    fn first_classes_and_their_thresholds() {
        let s = Settings::default();
        let long_line = block(250, 40, 0.4, false);
        assert_eq!(first_class(&long_line, &s), Good);
        assert_eq!(
            first_class(
                &long_line,
                &Settings {
                    length_high: 1000,
                    ..s.clone()
                }
            ),
            Near
        );
        let strict = Settings {
            stopwords_low: 0.9,
            stopwords_high: 0.95,
            ..s.clone()
        };
        assert_eq!(first_class(&long_line, &strict), Bad);
        let sentence = block(51, 10, 0.4, true);
        let low = Settings {
            length_low: 10,
            ..s.clone()
        };
        assert_eq!(first_class(&sentence, &low), Good);
        assert_eq!(
            first_class(
                &sentence,
                &Settings {
                    sentence_min_words: 11,
                    ..low
                }
            ),
            Near
        );
        assert_eq!(first_class(&block(20, 5, 0.4, true), &s), Near);
        assert_eq!(
            first_class(
                &block(20, 5, 0.4, true),
                &Settings {
                    short_sentence_words: 6,
                    ..s.clone()
                }
            ),
            Short
        );
        assert_eq!(first_class(&block(20, 5, 0.4, false), &s), Short);
        let mut shaped = block(250, 40, 0.4, true);
        shaped.shape = Some(super::super::features::Shape::Legal);
        assert_eq!(first_class(&shaped, &s), Bad);
        let mut repeated = block(80, 12, 0.4, true);
        repeated.repeated = true;
        assert_eq!(first_class(&repeated, &s), Bad);
        assert_eq!(
            first_class(
                &repeated,
                &Settings {
                    repeat_max_words: 3,
                    ..s
                }
            ),
            Good
        );
    }

    #[test]
    fn short_runs_take_their_class_from_their_neighbours() {
        let s = Settings::default();
        assert_eq!(revise_short(&[Good, Short, Good], &s), [Good, Good, Good]);
        assert_eq!(
            revise_short(&[Bad, Short, Short, Bad], &s),
            [Bad, Bad, Bad, Bad]
        );
        assert_eq!(revise_short(&[Short, Good], &s), [Bad, Good]); // the edge is bad
                                                                   // Boilerplate on one side: a near-good block between it and the run keeps it.
        assert_eq!(
            revise_short(&[Bad, Near, Short, Good], &s),
            [Bad, Near, Good, Good]
        );
        assert_eq!(
            revise_short(&[Bad, Short, Near, Good], &s),
            [Bad, Bad, Near, Good]
        );
        assert_eq!(
            revise_short(&[Bad, Near, Short, Bad], &s),
            [Bad, Near, Bad, Bad]
        );
        assert_eq!(revise_short(&[Good, Short, Bad], &s), [Good, Bad, Bad]);
        assert_eq!(
            revise_short(&[Good, Near, Short, Good], &s),
            [Good, Near, Good, Good]
        );
        // A run longer than max_short_run stays bad.
        let mut long = vec![Good];
        long.extend([Short; 9]);
        long.push(Good);
        let out = revise_short(&long, &s);
        assert!(out[1..10].iter().all(|&c| c == Bad));
        let out = revise_short(
            &long,
            &Settings {
                max_short_run: 9,
                ..s
            },
        );
        assert!(out.iter().all(|&c| c == Good));
    }

    #[test]
    fn near_good_needs_one_side_without_boilerplate() {
        assert_eq!(revise_neargood(&[Bad, Near, Bad]), [Bad, Bad, Bad]);
        assert_eq!(revise_neargood(&[Good, Near, Bad]), [Good, Good, Bad]);
        assert_eq!(
            revise_neargood(&[Bad, Near, Near, Good]),
            [Bad, Good, Good, Good]
        );
        assert_eq!(revise_neargood(&[Near]), [Bad]);
    }

    #[test]
    fn small_distant_clusters_go() {
        let s = Settings::default();
        let keep = [true, true, false, false, false, false, true];
        let sizes = [500, 500, 10, 10, 10, 10, 100];
        assert_eq!(
            main_clusters(&keep, &sizes, &[], &s),
            [true, true, false, false, false, false, false]
        );
        let near = Settings {
            cluster_gap: 4,
            ..s.clone()
        };
        assert_eq!(main_clusters(&keep, &sizes, &[], &near), keep);
        let none = Settings {
            cluster_min_share: 0.0,
            ..s.clone()
        };
        assert_eq!(main_clusters(&keep, &sizes, &[], &none), keep);
        let decided = [None, None, None, None, None, None, Some(true)];
        assert_eq!(main_clusters(&keep, &sizes, &decided, &s), keep);
    }

    #[test]
    fn decided_blocks_keep_their_verdict_and_count_as_context() {
        let s = Settings::default();
        let feats = [
            block(7, 1, 0.0, false),
            block(150, 25, 0.5, true),
            block(15, 3, 0.3, false),
            block(150, 25, 0.5, true),
        ];
        assert_eq!(classify(&feats, &s, &[]), [false, true, true, true]);
        let verdicts = classify(&feats, &s, &[Some(true), None, None, Some(false)]);
        assert_eq!(verdicts, [true, true, false, false]);
        assert!(classify(&[], &s, &[]).is_empty());
    }

    #[test]
    fn page_test() {
        let s = Settings {
            page_min_blocks: 4,
            page_min_menu_lines: 2,
            ..Settings::default()
        };
        let mut menu_item = block(4, 1, 0.0, false);
        menu_item.shape = Some(super::super::features::Shape::TitleCase);
        let prose = block(150, 25, 0.5, true);
        let feats = [
            menu_item.clone(),
            menu_item.clone(),
            menu_item.clone(),
            prose.clone(),
            prose,
        ];
        let menu = [true, true, true, false, false];
        assert!(!looks_like_page(&feats, &menu, &s)); // 3/5 menu lines, one run of 3
        assert!(looks_like_page(
            &feats,
            &menu,
            &Settings {
                page_short_share: 0.6,
                ..s.clone()
            }
        ));
        let runs = Settings {
            page_menu_run: 3,
            page_menu_runs: 1,
            ..s.clone()
        };
        assert!(looks_like_page(&feats, &menu, &runs));
        assert!(!looks_like_page(
            &feats,
            &menu,
            &Settings {
                page_min_blocks: 6,
                ..runs.clone()
            }
        ));
        assert!(!looks_like_page(
            &feats,
            &menu,
            &Settings {
                page_shape_share: 0.7,
                ..runs.clone()
            }
        ));
        assert!(!looks_like_page(
            &feats,
            &menu,
            &Settings {
                page_min_menu_lines: 4,
                ..runs
            }
        ));
        let mut repeated = feats.clone();
        for f in &mut repeated[..3] {
            f.count = 2;
        }
        assert!(looks_like_page(
            &repeated,
            &menu,
            &Settings {
                page_repeat_share: 0.6,
                ..s.clone()
            }
        ));
        assert!(!looks_like_page(
            &feats,
            &menu,
            &Settings {
                page_repeat_share: 0.6,
                ..s
            }
        ));
        assert!(!looks_like_page(&[], &[], &Settings::default()));
    }
}
