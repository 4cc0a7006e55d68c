//! Values of the blocks around each block of a page: shifts, window sums and
//! means, runs and distances. The sums add left to right from zero, as the
//! Python pipeline's `itertools.accumulate` did, so that the results are the
//! same to the last bit.

/// The value `k` blocks before each block (`k > 0`) or after it (`k < 0`); zero
/// past the edges.
///
/// ```
/// use _core::scoring::windows::shift;
/// assert_eq!(shift(&[1.0, 2.0, 3.0], 1), [0.0, 1.0, 2.0]);
/// assert_eq!(shift(&[1.0, 2.0, 3.0], -2), [3.0, 0.0, 0.0]);
/// ```
pub fn shift(values: &[f64], k: isize) -> Vec<f64> {
    let mut out = vec![0.0; values.len()];
    shift_into(values, k, &mut out);
    out
}

/// [`shift`] into `out` (of the same length as `values`).
pub fn shift_into(values: &[f64], k: isize, out: &mut [f64]) {
    let n = values.len();
    let d = k.unsigned_abs();
    out.fill(0.0);
    if d >= n {
        return;
    }
    if k > 0 {
        out[d..].copy_from_slice(&values[..n - d]);
    } else {
        out[..n - d].copy_from_slice(&values[d..]);
    }
}

/// Sums of `values` before each block: `n + 1` items, the first 0.
pub fn prefix_sums(values: &[f64]) -> Vec<f64> {
    let mut sums = Vec::with_capacity(values.len() + 1);
    let mut acc = 0.0;
    sums.push(acc);
    for v in values {
        acc += v;
        sums.push(acc);
    }
    sums
}

/// The bounds of the window of `w` blocks on each side of block `i` of `n`:
/// `(max(i - w, 0), min(i + w + 1, n))`.
fn bounds(i: usize, w: usize, n: usize) -> (usize, usize) {
    (i.saturating_sub(w), (i + w + 1).min(n))
}

/// The sum of the values within `w` blocks of each block, from their
/// [`prefix_sums`].
pub fn window_sums(sums: &[f64], w: usize) -> Vec<f64> {
    let n = sums.len().saturating_sub(1);
    (0..n)
        .map(|i| {
            let (lo, hi) = bounds(i, w, n);
            sums[hi] - sums[lo]
        })
        .collect()
}

/// The mean of the values within `w` blocks of each block (the block itself
/// and as many neighbours as the page has), from their [`prefix_sums`].
///
/// ```
/// use _core::scoring::windows::{prefix_sums, window_means};
/// assert_eq!(window_means(&prefix_sums(&[1.0, 0.0, 0.0, 1.0]), 1), [0.5, 1.0 / 3.0, 1.0 / 3.0, 0.5]);
/// ```
pub fn window_means(sums: &[f64], w: usize) -> Vec<f64> {
    let n = sums.len().saturating_sub(1);
    (0..n)
        .map(|i| {
            let (lo, hi) = bounds(i, w, n);
            (sums[hi] - sums[lo]) / (hi - lo) as f64
        })
        .collect()
}

/// Distance given to every block of a page without any flagged block.
pub const FAR: usize = 50;

/// Blocks from each block to the nearest flagged one (0 for a flagged block,
/// [`FAR`] when none is).
///
/// ```
/// use _core::scoring::windows::distances;
/// assert_eq!(distances(&[false, false, true, false]), [2, 1, 0, 1]);
/// ```
pub fn distances(flags: &[bool]) -> Vec<usize> {
    let n = flags.len();
    let mut out = vec![FAR; n];
    let mut last = None;
    for i in 0..n {
        if flags[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            out[i] = i - l;
        }
    }
    let mut last = None;
    for i in (0..n).rev() {
        if flags[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            out[i] = out[i].min(l - i);
        }
    }
    out
}

/// Length of the run of flagged blocks holding each block (0 when not flagged).
///
/// ```
/// use _core::scoring::windows::runs;
/// assert_eq!(runs(&[true, true, false, true]), [2, 2, 0, 1]);
/// ```
pub fn runs(flags: &[bool]) -> Vec<usize> {
    let n = flags.len();
    let mut out = vec![0; n];
    let mut i = 0;
    while i < n {
        if !flags[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && flags[j] {
            j += 1;
        }
        out[i..j].fill(j - i);
        i = j;
    }
    out
}

/// The first and the last flagged block, `(n, -1)` as `None` when none is.
pub fn span(flags: impl Iterator<Item = bool>) -> Option<(usize, usize)> {
    let mut found = None;
    for (i, f) in flags.enumerate() {
        if f {
            found = Some(found.map_or((i, i), |(first, _)| (first, i)));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_past_the_edges_are_zero() {
        assert_eq!(shift(&[1.0, 2.0], 3), [0.0, 0.0]);
        assert_eq!(shift(&[1.0, 2.0], -2), [0.0, 0.0]);
        assert_eq!(shift(&[], 1), Vec::<f64>::new());
        assert_eq!(shift(&[1.0, 2.0, 3.0, 4.0], -1), [2.0, 3.0, 4.0, 0.0]);
    }

    #[test]
    fn windows_clip_at_the_edges() {
        let sums = prefix_sums(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(sums, [0.0, 1.0, 3.0, 6.0, 10.0, 15.0]);
        assert_eq!(window_sums(&sums, 1), [3.0, 6.0, 9.0, 12.0, 9.0]);
        assert_eq!(window_sums(&sums, 10), [15.0; 5]);
        assert_eq!(window_means(&sums, 0), [1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(window_means(&sums, 2), [2.0, 2.5, 3.0, 3.5, 4.0]);
        assert!(window_means(&prefix_sums(&[]), 3).is_empty());
    }

    #[test]
    fn distances_and_runs() {
        assert_eq!(distances(&[false; 3]), [FAR; 3]);
        assert_eq!(
            distances(&[true, false, false, false, true]),
            [0, 1, 2, 1, 0]
        );
        assert_eq!(runs(&[false, true, true, true]), [0, 3, 3, 3]);
        assert!(runs(&[]).is_empty());
        assert_eq!(
            span([false, true, false, true, false].into_iter()),
            Some((1, 3))
        );
        assert_eq!(span([false; 2].into_iter()), None);
    }
}
