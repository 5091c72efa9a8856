//! Timeslices (docs/arithmetic.md §7): a grid aligned to the window start, the
//! state of every slice that has data, and sums of good and bad time over a
//! window in O(log n) — only slices with data are stored, so a one-second
//! slice over a year costs nothing for the empty ones.

use std::cell::Cell;

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
    pub fn with_capacity(n: usize) -> SliceSums {
        SliceSums {
            ks: Vec::with_capacity(n),
            sums: Vec::with_capacity(n),
        }
    }

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

/// The raw data behind the slice states, to judge a slice cut short at an
/// earlier instant (a burn-down point inside a slice).
#[derive(Clone, Debug)]
pub enum SliceData {
    /// Per role, the known, non-excluded interval ends and their events.
    Ratio {
        roles: [Vec<(Instant, f64)>; 2],
        judge: fn(f64, f64, f64) -> SliceState,
        target: f64,
    },
    /// Non-excluded samples and whether each meets the threshold.
    Threshold { samples: Vec<(Instant, bool)> },
}

impl SliceData {
    /// The state of the slice `(start, end]` from the data in it.
    fn state(&self, start: Instant, end: Instant) -> Option<SliceState> {
        fn within<T>(items: &[(Instant, T)], start: Instant, end: Instant) -> &[(Instant, T)] {
            let i = items.partition_point(|x| x.0 <= start);
            let j = items.partition_point(|x| x.0 <= end);
            &items[i..j]
        }
        match self {
            SliceData::Ratio {
                roles,
                judge,
                target,
            } => {
                let (a, b) = (within(&roles[0], start, end), within(&roles[1], start, end));
                if a.is_empty() || b.is_empty() {
                    return None;
                }
                let sum = |xs: &[(Instant, f64)]| xs.iter().map(|x| x.1).sum::<f64>();
                Some(judge(sum(a), sum(b), *target))
            }
            SliceData::Threshold { samples } => {
                let xs = within(samples, start, end);
                (!xs.is_empty()).then(|| {
                    if xs.iter().all(|x| x.1) {
                        SliceState::Good
                    } else {
                        SliceState::Bad
                    }
                })
            }
        }
    }
}

/// The slices with data and cumulative sums over them.
#[derive(Clone, Debug)]
pub struct SliceTable {
    pub grid: SliceGrid,
    data: SliceData,
    ks: Vec<i64>,
    cum_good: Vec<i64>,
    cum_bad: Vec<i64>,
    cum_data: Vec<u64>,
    /// The last slice judged cut short, `(start, to, state)`: every window
    /// ending at one burn-down point cuts the same slice there, and judging
    /// it reads the data (two binary searches) — a cache of one entry makes
    /// it once per point instead of once per window.
    last_cut: Cell<Option<(Instant, Instant, Option<SliceState>)>>,
}

impl SliceTable {
    /// From `(k, state)` in increasing `k`, and the data they came from.
    pub fn new(grid: SliceGrid, states: Vec<(i64, SliceState)>, data: SliceData) -> SliceTable {
        let n = states.len();
        fn with_zero<T: Default>(n: usize) -> Vec<T> {
            let mut v = Vec::with_capacity(n + 1);
            v.push(T::default());
            v
        }
        let mut t = SliceTable {
            grid,
            data,
            ks: Vec::with_capacity(n),
            cum_good: with_zero(n),
            cum_bad: with_zero(n),
            cum_data: with_zero(n),
            last_cut: Cell::new(None),
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

    /// Good and bad time of the window `(from, to]` as an evaluation at `to`
    /// sees it (`to <= at`): each slice weighed by its overlap with the
    /// window (docs/arithmetic.md §7), the slice containing `to` cut there
    /// and judged on the data up to `to`.
    pub fn counts(&self, from: Instant, to: Instant) -> SliceCounts {
        let g = &self.grid;
        let mut good = 0i64;
        let mut bad = 0i64;
        let mut with_data = 0u64;
        let mut add = |state: Option<SliceState>, ms: i64| {
            match state {
                Some(SliceState::Good) => good += ms,
                Some(SliceState::Bad) => bad += ms,
                Some(SliceState::Idle) | None => {}
            }
            with_data += u64::from(state.is_some());
        };
        if to > from {
            // The first slice reaching into the window, and the one holding `to`.
            let (first, last) = (g.index(from + 1), g.index(to));
            let head_partial = g.start(first) < from;
            let tail_cut = to < g.at && (to - g.anchor).rem_euclid(g.len) != 0;
            if first == last && head_partial && tail_cut {
                add(self.cut_state(g.start(last), to), to - from);
            } else {
                if head_partial {
                    let end = g.start(first) + g.length(first);
                    add(self.stored(first), end.min(to) - from);
                }
                if tail_cut {
                    let start = g.start(last);
                    add(self.cut_state(start, to), to - start);
                }
                let lo = first + i64::from(head_partial);
                let hi = last - i64::from(tail_cut);
                if hi >= lo {
                    let i = self.ks.partition_point(|&k| k < lo);
                    let j = self.ks.partition_point(|&k| k <= hi);
                    good += self.cum_good[j] - self.cum_good[i];
                    bad += self.cum_bad[j] - self.cum_bad[i];
                    with_data += self.cum_data[j] - self.cum_data[i];
                }
            }
        }
        SliceCounts {
            good_seconds: good as f64 / 1000.0,
            bad_seconds: bad as f64 / 1000.0,
            with_data,
        }
    }

    /// The state of the slice `(start, …]` cut at `to`, judged on its data
    /// up to `to` (the last one asked is remembered).
    fn cut_state(&self, start: Instant, to: Instant) -> Option<SliceState> {
        if let Some((s, t, state)) = self.last_cut.get() {
            if (s, t) == (start, to) {
                return state;
            }
        }
        let state = self.data.state(start, to);
        self.last_cut.set(Some((start, to, state)));
        state
    }

    /// The state of slice `k` as judged on all its data, if it has data.
    fn stored(&self, k: i64) -> Option<SliceState> {
        let i = self.ks.binary_search(&k).ok()?;
        Some(if self.cum_good[i + 1] > self.cum_good[i] {
            SliceState::Good
        } else if self.cum_bad[i + 1] > self.cum_bad[i] {
            SliceState::Bad
        } else {
            SliceState::Idle
        })
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
            vec![
                (-1, SliceState::Bad),
                (0, SliceState::Good),
                (1, SliceState::Idle),
                (2, SliceState::Bad),
            ],
            SliceData::Threshold {
                samples: vec![(-30_000, false), (30_000, true), (140_000, false)],
            },
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
        // (30, 150]: slice 0 overlaps the window by 30 s of its 60.
        let head = t.counts(30_000, 150_000);
        assert_eq!((head.good_seconds, head.bad_seconds), (30.0, 30.0));
        // (30, 45]: inside slice 0, cut at 45 and started at 30: 15 s.
        assert_eq!(t.counts(30_000, 45_000).good_seconds, 15.0);
        // (-30, 90]: 30 s of the bad slice -1, all of slice 0, and slice 1
        // cut at 90 s, which has no sample by then (missing).
        let both = t.counts(-30_000, 90_000);
        assert_eq!(
            (both.good_seconds, both.bad_seconds, both.with_data),
            (60.0, 30.0, 2)
        );
        // At 45 s slice 0 is cut there: its one sample (at 30 s) is good; 45 s long.
        let cut = t.counts(0, 45_000);
        assert_eq!(
            (cut.good_seconds, cut.bad_seconds, cut.with_data),
            (45.0, 0.0, 1)
        );
        // At 20 s the slice has no sample yet: missing.
        assert_eq!(t.counts(0, 20_000).with_data, 0);
    }
}
