//! The fuzz targets' checks (core/fuzz/src) on their seeds and on every input
//! a fuzz run once failed on (core/fuzz/regressions/<target>/), so that a
//! plain `cargo test` replays them without cargo-fuzz.

use std::fs;
use std::path::Path;

#[path = "../fuzz/src/equivalence.rs"]
mod equivalence;
#[path = "../fuzz/src/input.rs"]
mod input;
#[path = "../fuzz/src/pattern.rs"]
mod pattern;
#[path = "../fuzz/src/rules.rs"]
mod rules;
#[path = "../fuzz/src/scoring.rs"]
mod scoring;
#[path = "../fuzz/src/text.rs"]
mod text;

/// Runs `check` on every file of the target's seeds and regressions.
fn replay(target: &str, check: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let data = fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: fails on {}", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "{target}: no seeds");
}

#[test]
fn text() {
    replay("text", text::run);
}

#[test]
fn scoring() {
    replay("scoring", scoring::run);
}

#[test]
fn pattern() {
    replay("pattern", pattern::run);
}

#[test]
fn rules() {
    replay("rules", rules::run);
}

#[test]
fn equivalence() {
    replay("equivalence", equivalence::run);
}
