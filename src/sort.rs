//! Stable sorting with little machine code.
//!
//! The standard library's sorts are fast but monomorphized per element type
//! and comparator at several kilobytes each; the engine sorts a dozen types,
//! which cost ~38 KB of the WebAssembly module (~14 KB gzipped). Here, one
//! non-generic natural merge sort on indices does the work behind a `dyn`
//! comparator, and the generic part is a sortedness check and a permutation.
//!
//! Speed: already-sorted input (what hosts send) costs one pass of inlined
//! comparisons; `k` concatenated sorted runs cost about n·log2(k) comparisons.

use std::cmp::Ordering;

/// Sorts `v` by `key`, stably: equal keys keep their input order.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` stably by `cmp`.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater) {
        return;
    }
    let order = sorted_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// The stable sorted order of `0..n` under `cmp`: a bottom-up merge of the
/// input's non-descending runs.
fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut runs = vec![0];
    for i in 1..n {
        if cmp(i - 1, i) == Ordering::Greater {
            runs.push(i);
        }
    }
    runs.push(n);
    let mut buffer = Vec::with_capacity(n);
    while runs.len() > 2 {
        let mut merged = vec![0];
        for pair in runs.windows(3).step_by(2) {
            let (lo, mid, hi) = (pair[0], pair[1], pair[2]);
            buffer.clear();
            let (mut a, mut b) = (lo, mid);
            while a < mid && b < hi {
                // `<=` on the left run keeps equal keys in input order.
                if cmp(order[a], order[b]) != Ordering::Greater {
                    buffer.push(order[a]);
                    a += 1;
                } else {
                    buffer.push(order[b]);
                    b += 1;
                }
            }
            buffer.extend_from_slice(&order[a..mid]);
            buffer.extend_from_slice(&order[b..hi]);
            order[lo..hi].copy_from_slice(&buffer);
            merged.push(hi);
        }
        if runs.len() % 2 == 0 {
            // An odd run out: carried to the next round as it is.
            merged.push(n);
        }
        runs = merged;
    }
    order
}

/// Rearranges `v` so that `v[k]` becomes the old `v[order[k]]`, by swaps
/// along the permutation's cycles.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut k = start;
        while order[k] != DONE {
            let from = order[k];
            order[k] = DONE;
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            let mut std = v;
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn merges_concatenated_runs() {
        let mut v: Vec<i64> = (0..1000).chain(0..1000).chain(500..700).collect();
        let mut expected = v.clone();
        expected.sort();
        sort(&mut v);
        assert_eq!(v, expected);
    }
}
