//! Timeslices (docs/arithmetic.md §7): a grid aligned to the window start, the
//! state of every slice that has data, and sums of good and bad time over a
//! window in O(log n) — only slices with data are stored, so a one-second
//! slice over a year costs nothing for the empty ones.

use crate::time::{Instant, Millis};

/// Slice `k` is `(anchor + k·len, min(anchor + (k+1)·len, at)]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SliceGrid {
    pub anchor: Instant,
    pub len: Millis,
    /// The evaluation time: the slice containing it is cut there.
    pub at: Instant,
}

impl SliceGrid {
    /// The slice an interval ending at `t` (or a sample at `t`) belongs to.
    pub fn index(&self, t: Instant) -> i64 {
        (t - self.anchor - 1).div_euclid(self.len)
    }

    pub fn start(&self, k: i64) -> Instant {
        self.anchor + k * self.len
    }

    pub fn length(&self, k: i64) -> Millis {
        (self.start(k) + self.len).min(self.at) - self.start(k)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SliceState {
    Good,
    Bad,
    /// Known time without events: neither good nor bad.
    Idle,
}

/// Per-slice event sums of one role, in slice order.
#[derive(Clone, Debug, Default)]
pub struct SliceSums {
    pub ks: Vec<i64>,
    pub sums: Vec<f64>,
}

impl SliceSums {
    pub fn add(&mut self, k: i64, events: f64) {
        match self.ks.last() {
            Some(&last) if last == k => *self.sums.last_mut().expect("sums follow ks") += events,
            _ => {
                self.ks.push(k);
                self.sums.push(events);
            }
        }
    }

    /// Merges several series of one role.
    pub fn merge(parts: Vec<SliceSums>) -> SliceSums {
        if parts.len() == 1 {
            return parts.into_iter().next().unwrap_or_default();
        }
        let mut all: Vec<(i64, f64)> = parts
            .into_iter()
            .flat_map(|p| p.ks.into_iter().zip(p.sums))
            .collect();
        crate::sort::sort_by_key(&mut all, |p| p.0);
        let mut out = SliceSums::default();
        for (k, s) in all {
            out.add(k, s);
        }
        out
    }
}

/// Good and bad time of a window, in seconds, and whether any slice had data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SliceCounts {
    pub good_seconds: f64,
    pub bad_seconds: f64,
    pub with_data: u64,
}

/// The slices with data and cumulative sums over them.
#[derive(Clone, Debug)]
pub struct SliceTable {
    pub grid: SliceGrid,
    ks: Vec<i64>,
    cum_good: Vec<i64>,
    cum_bad: Vec<i64>,
    cum_data: Vec<u64>,
}

impl SliceTable {
    /// From `(k, state)` in increasing `k`.
    pub fn new(grid: SliceGrid, states: impl IntoIterator<Item = (i64, SliceState)>) -> SliceTable {
        let mut t = SliceTable {
            grid,
            ks: Vec::new(),
            cum_good: vec![0],
            cum_bad: vec![0],
            cum_data: vec![0],
        };
        for (k, state) in states {
            let len = grid.length(k);
            let (g, b) = (
                *t.cum_good.last().unwrap_or(&0),
                *t.cum_bad.last().unwrap_or(&0),
            );
            let d = *t.cum_data.last().unwrap_or(&0);
            t.ks.push(k);
            t.cum_good
                .push(g + if state == SliceState::Good { len } else { 0 });
            t.cum_bad
                .push(b + if state == SliceState::Bad { len } else { 0 });
            t.cum_data.push(d + 1);
        }
        t
    }

    /// The slices whose (cut) end lies in `(from, to]`, with `to <= at`.
    pub fn counts(&self, from: Instant, to: Instant) -> SliceCounts {
        let g = &self.grid;
        let k_min = (from - g.anchor).div_euclid(g.len);
        let k_max = if to >= g.at {
            g.index(g.at)
        } else {
            (to - g.anchor).div_euclid(g.len) - 1
        };
        if k_max < k_min {
            return SliceCounts {
                good_seconds: 0.0,
                bad_seconds: 0.0,
                with_data: 0,
            };
        }
        let i = self.ks.partition_point(|&k| k < k_min);
        let j = self.ks.partition_point(|&k| k <= k_max);
        SliceCounts {
            good_seconds: (self.cum_good[j] - self.cum_good[i]) as f64 / 1000.0,
            bad_seconds: (self.cum_bad[j] - self.cum_bad[i]) as f64 / 1000.0,
            with_data: self.cum_data[j] - self.cum_data[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_are_open_at_the_start_and_cut_at_the_evaluation_time() {
        let g = SliceGrid {
            anchor: 0,
            len: 60,
            at: 150,
        };
        assert_eq!(g.index(1), 0);
        assert_eq!(g.index(60), 0);
        assert_eq!(g.index(61), 1);
        assert_eq!(g.index(0), -1);
        assert_eq!(g.length(2), 30); // (120, 150]
        assert_eq!(g.length(-3), 60);
    }

    #[test]
    fn counts_by_window() {
        let g = SliceGrid {
            anchor: 0,
            len: 60_000,
            at: 150_000,
        };
        let t = SliceTable::new(
            g,
            [
                (-1, SliceState::Bad),
                (0, SliceState::Good),
                (1, SliceState::Idle),
                (2, SliceState::Bad),
            ],
        );
        let all = t.counts(-60_000, 150_000);
        assert_eq!(
            (all.good_seconds, all.bad_seconds, all.with_data),
            (60.0, 90.0, 4)
        );
        // (0, 150]: slices 0, 1, 2 — the cut slice 2 is 30 s long.
        let w = t.counts(0, 150_000);
        assert_eq!(
            (w.good_seconds, w.bad_seconds, w.with_data),
            (60.0, 30.0, 3)
        );
        // (0, 120]: slices 0 and 1 end by then; slice 2 does not.
        let early = t.counts(0, 120_000);
        assert_eq!(
            (early.good_seconds, early.bad_seconds, early.with_data),
            (60.0, 0.0, 2)
        );
        // (30, 150]: slice 0 ends at 60 > 30, so it counts whole.
        assert_eq!(t.counts(30_000, 150_000).good_seconds, 60.0);
    }
}
