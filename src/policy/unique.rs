//! Finding repeats (duplicate keys, SLO names, levels, alert names) in
//! O(n log n), whatever the document.
//!
//! Comparing each item with every earlier one costs n²/2 comparisons: 40,000
//! keys in one mapping took 8 s. Sorting indices once with [`crate::sort`]
//! does it in n·log2(n) comparisons, with no hashing: a `HashMap` would add
//! its code to the WebAssembly module for every key type, and with the fixed
//! hash keys of `wasm32-unknown-unknown` a document could be written to
//! collide.

use std::cmp::Ordering;

/// For each item, the index of the first item with the same key: its own
/// index when no earlier item has that key.
pub(crate) fn first_of_each<'a, T, K: Ord>(items: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<usize> {
    first_by(items.len(), &|a, b| key(&items[a]).cmp(&key(&items[b])))
}

/// `(index, index of the first item with the same key)` for every item
/// that repeats an earlier one, in document order.
pub(crate) fn repeats<'a, T, K: Ord>(
    items: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<(usize, usize)> {
    repeats_in(&first_of_each(items, key))
}

fn repeats_in(first: &[usize]) -> Vec<(usize, usize)> {
    (0..first.len())
        .filter(|&i| first[i] != i)
        .map(|i| (i, first[i]))
        .collect()
}

/// [`first_of_each`] on indices, comparing items `a` and `b` with `cmp`.
/// Not generic, so the WebAssembly module holds it once whatever the items.
fn first_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    // Stable: equal keys keep their document order, so the first of each run
    // is the first occurrence.
    crate::sort::sort_by(&mut order, |&a, &b| cmp(a, b));
    let mut first = vec![0; n];
    let mut run_start = 0;
    for (rank, &i) in order.iter().enumerate() {
        if rank == 0 || cmp(order[rank - 1], i) != Ordering::Equal {
            run_start = i;
        }
        first[i] = run_start;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_occurrence_of_each_key() {
        let names = ["b", "a", "b", "c", "a", "b"];
        assert_eq!(first_of_each(&names, |s| *s), vec![0, 1, 0, 3, 1, 0]);
        assert_eq!(repeats(&names, |s| *s), vec![(2, 0), (4, 1), (5, 0)]);
        assert!(repeats(&[] as &[&str], |s| *s).is_empty());
        assert!(repeats(&["x", "y"], |s| *s).is_empty());
    }
}
