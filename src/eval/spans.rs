//! Sets of time as sorted, disjoint spans — known time, excluded time — and
//! their measure over a window in O(log n).
//!
//! Spans are `(start, end)` pairs with `start < end`. Whether the ends are
//! open or closed does not change a measure, so the set operations treat them
//! as plain intervals on the line.

use crate::time::Instant;

#[derive(Clone, Debug, PartialEq)]
pub struct Spans {
    spans: Vec<(Instant, Instant)>,
    /// `cumulative[i]` = total length of `spans[..i]`.
    cumulative: Vec<i64>,
}

impl Default for Spans {
    fn default() -> Spans {
        Spans::from_sorted_disjoint(Vec::new())
    }
}

impl Spans {
    /// From spans in any order, possibly overlapping or touching.
    pub fn from_unsorted(mut spans: Vec<(Instant, Instant)>) -> Spans {
        spans.retain(|(s, e)| s < e);
        crate::sort::sort(&mut spans);
        let mut merged: Vec<(Instant, Instant)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        Spans::from_sorted_disjoint(merged)
    }

    /// From spans already sorted, disjoint and non-empty.
    pub fn from_sorted_disjoint(spans: Vec<(Instant, Instant)>) -> Spans {
        let mut cumulative = Vec::with_capacity(spans.len() + 1);
        let mut total = 0i64;
        cumulative.push(0);
        for (s, e) in &spans {
            total += e - s;
            cumulative.push(total);
        }
        Spans { spans, cumulative }
    }

    pub fn as_slice(&self) -> &[(Instant, Instant)] {
        &self.spans
    }

    pub fn first_start(&self) -> Option<Instant> {
        self.spans.first().map(|s| s.0)
    }

    /// Whether `t` lies in a span taken as half-open `[start, end)`.
    pub fn contains(&self, t: Instant) -> bool {
        let i = self.spans.partition_point(|s| s.1 <= t);
        self.spans.get(i).is_some_and(|s| s.0 <= t)
    }

    /// The length of the set inside `(from, to)`.
    pub fn measure(&self, from: Instant, to: Instant) -> i64 {
        if to <= from {
            return 0;
        }
        self.before(to) - self.before(from)
    }

    /// The length of the set before `t`.
    fn before(&self, t: Instant) -> i64 {
        let i = self.spans.partition_point(|s| s.1 <= t);
        let partial = self.spans.get(i).map_or(0, |s| (t - s.0).max(0));
        self.cumulative[i] + partial
    }

    pub fn intersect(&self, other: &Spans) -> Spans {
        let (a, b) = (&self.spans, &other.spans);
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < a.len() && j < b.len() {
            let s = a[i].0.max(b[j].0);
            let e = a[i].1.min(b[j].1);
            if s < e {
                out.push((s, e));
            }
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        Spans::from_sorted_disjoint(out)
    }

    /// The total length of the set.
    pub fn total(&self) -> i64 {
        self.cumulative.last().copied().unwrap_or(0)
    }

    /// Known time read as `(l, r]` runs, turned into the excluded-end form
    /// `[s, e)` of everything outside it within `(from, to]`: the instants an
    /// interval may end at and not count (docs/arithmetic.md §3).
    pub fn outside_as_excluded_ends(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        let mut out = Vec::with_capacity(self.spans.len() + 1);
        // An end t lies in (l, r] iff t lies in [l + 1, r + 1).
        let mut cur = from + 1;
        for &(l, r) in &self.spans {
            if l + 1 > cur {
                out.push((cur, (l + 1).min(to + 1)));
            }
            cur = cur.max(r + 1);
            if cur > to {
                break;
            }
        }
        if cur <= to {
            out.push((cur, to + 1));
        }
        out.retain(|(s, e)| s < e);
        out
    }

    pub fn subtract(&self, other: &Spans) -> Spans {
        let mut out = Vec::new();
        let mut j = 0;
        for &(s, e) in &self.spans {
            let mut cur = s;
            while j < other.spans.len() && other.spans[j].1 <= cur {
                j += 1;
            }
            let mut k = j;
            while k < other.spans.len() && other.spans[k].0 < e {
                let (os, oe) = other.spans[k];
                if os > cur {
                    out.push((cur, os));
                }
                cur = cur.max(oe);
                if oe >= e {
                    break;
                }
                k += 1;
            }
            if cur < e {
                out.push((cur, e));
            }
        }
        Spans::from_sorted_disjoint(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_measures() {
        let s = Spans::from_unsorted(vec![(10, 20), (0, 5), (15, 30), (30, 31)]);
        assert_eq!(s.as_slice(), &[(0, 5), (10, 31)]);
        assert_eq!(s.measure(0, 100), 26);
        assert_eq!(s.measure(3, 12), 2 + 2);
        assert_eq!(s.measure(6, 9), 0);
        assert!(s.contains(10) && !s.contains(31) && !s.contains(5));
    }

    #[test]
    fn the_outside_of_known_runs_as_excluded_ends() {
        // Known (10, 20] and (30, 40]; ends in (0, 50] outside them are
        // 1..=10, 21..=30 and 41..=50.
        let k = Spans::from_unsorted(vec![(10, 20), (30, 40)]);
        assert_eq!(
            k.outside_as_excluded_ends(0, 50),
            vec![(1, 11), (21, 31), (41, 51)]
        );
        let x = Spans::from_unsorted(k.outside_as_excluded_ends(0, 50));
        for t in 1..=50 {
            let known = (11..=20).contains(&t) || (31..=40).contains(&t);
            assert_eq!(x.contains(t), !known, "end {t}");
        }
        // Runs reaching past the range leave nothing outside there.
        let all = Spans::from_unsorted(vec![(-5, 100)]);
        assert!(all.outside_as_excluded_ends(0, 50).is_empty());
        assert_eq!(
            Spans::default().outside_as_excluded_ends(0, 50),
            vec![(1, 51)]
        );
        assert_eq!(k.total(), 20);
    }

    #[test]
    fn set_algebra() {
        let a = Spans::from_unsorted(vec![(0, 10), (20, 30)]);
        let b = Spans::from_unsorted(vec![(5, 25)]);
        assert_eq!(a.intersect(&b).as_slice(), &[(5, 10), (20, 25)]);
        assert_eq!(a.subtract(&b).as_slice(), &[(0, 5), (25, 30)]);
        let holes = Spans::from_unsorted(vec![(1, 2), (3, 4), (28, 40)]);
        assert_eq!(
            a.subtract(&holes).as_slice(),
            &[(0, 1), (2, 3), (4, 10), (20, 28)]
        );
    }
}
