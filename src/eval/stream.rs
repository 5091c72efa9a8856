//! One pass over a cleaned series: events per interval (docs/arithmetic.md
//! §2), known time (§1), exclusions (§4).
//!
//! The pass hands every interval end in the evaluation's range to a sink, so
//! the same loop feeds prefix sums (occurrences) and per-slice sums
//! (timeslices) without a second copy of the data.

use super::clean::Clean;
use super::spans::Spans;
use crate::series::SeriesKind;
use crate::time::Instant;

/// What one pass found besides the events.
#[derive(Default)]
pub struct PassInfo {
    /// Known intervals, merged into runs.
    pub known: Vec<(Instant, Instant)>,
    /// Intervals whose events came out negative and were counted as 0.
    pub negatives: usize,
}

/// Indices of the samples whose interval ends lie in `(from, to]`.
pub fn range_of(times: &[Instant], from: Instant, to: Instant) -> (usize, usize) {
    (
        times.partition_point(|&t| t <= from),
        times.partition_point(|&t| t <= to),
    )
}

/// Calls `sink(end, events, counts)` for every sample `t_i` in `(from, to]`,
/// in time order. `counts` is false for the opening sample, gaps and
/// excluded interval ends (their events are then 0).
pub fn for_each_interval(
    clean: &Clean,
    kind: SeriesKind,
    from: Instant,
    to: Instant,
    excluded: &Spans,
    mut sink: impl FnMut(Instant, f64, bool),
) -> PassInfo {
    let (t, v) = (&*clean.times, &*clean.values);
    let (first, last) = range_of(t, from, to);
    let mut info = PassInfo::default();
    let max_gap = clean.step.map_or(i64::MAX, |s| s.saturating_mul(2));
    let excl = excluded.as_slice();
    let mut x = excl.partition_point(|s| s.1 <= t.get(first).copied().unwrap_or(to));
    let mut run: Option<(Instant, Instant)> = None;
    for i in first..last {
        let end = t[i];
        let known = i > 0 && end - t[i - 1] <= max_gap;
        if !known {
            sink(end, 0.0, false);
            continue;
        }
        let start = t[i - 1];
        run = match run {
            Some((s, e)) if e == start => Some((s, end)),
            Some(done) => {
                info.known.push(done);
                Some((start, end))
            }
            None => Some((start, end)),
        };
        while x < excl.len() && excl[x].1 <= end {
            x += 1;
        }
        if x < excl.len() && excl[x].0 <= end {
            sink(end, 0.0, false);
            continue;
        }
        let events = match kind {
            SeriesKind::Rate => v[i] * ((end - start) as f64 / 1000.0),
            SeriesKind::Increase => v[i],
            SeriesKind::Counter => {
                let d = v[i] - v[i - 1];
                if d < 0.0 {
                    v[i]
                } else {
                    d
                }
            }
            SeriesKind::Gauge => 0.0,
        };
        if events < 0.0 {
            info.negatives += 1;
            sink(end, 0.0, true);
        } else {
            sink(end, events, true);
        }
    }
    info.known.extend(run);
    info
}

/// Prefix sums of events, compensated (Neumaier), so that a window's sum is
/// exact to rounding even when it is tiny next to the running total.
#[derive(Clone, Debug, Default)]
pub struct PrefixSums {
    /// Interval end times, increasing.
    pub ends: Vec<Instant>,
    /// `hi[k] + lo[k]` = events of the first `k` intervals; length `ends.len() + 1`.
    hi: Vec<f64>,
    lo: Vec<f64>,
}

impl PrefixSums {
    pub fn with_capacity(n: usize) -> PrefixSums {
        let mut p = PrefixSums {
            ends: Vec::with_capacity(n),
            hi: Vec::with_capacity(n + 1),
            lo: Vec::with_capacity(n + 1),
        };
        p.hi.push(0.0);
        p.lo.push(0.0);
        p
    }

    pub fn push(&mut self, end: Instant, events: f64) {
        let (s, c) = (self.hi[self.hi.len() - 1], self.lo[self.lo.len() - 1]);
        let t = s + events;
        let err = if s.abs() >= events.abs() {
            (s - t) + events
        } else {
            (events - t) + s
        };
        self.ends.push(end);
        self.hi.push(t);
        self.lo.push(c + err);
    }

    /// From `(end, events)` pairs in any order (several series of one role).
    pub fn from_unsorted(mut pairs: Vec<(Instant, f64)>) -> PrefixSums {
        crate::sort::sort_by_key(&mut pairs, |p| p.0);
        let mut p = PrefixSums::with_capacity(pairs.len());
        for (end, events) in pairs {
            p.push(end, events);
        }
        p
    }

    /// Events of the intervals whose end lies in `(from, to]`.
    pub fn sum(&self, from: Instant, to: Instant) -> f64 {
        if to <= from {
            return 0.0;
        }
        let (i, j) = range_of(&self.ends, from, to);
        let v = (self.hi[j] - self.hi[i]) + (self.lo[j] - self.lo[i]);
        v.max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::clean::clean;

    fn events(
        kind: SeriesKind,
        t: &[i64],
        v: &[f64],
        excl: &Spans,
    ) -> (Vec<(i64, f64, bool)>, PassInfo) {
        let c = clean(t, v, None);
        let mut out = Vec::new();
        let info = for_each_interval(&c, kind, i64::MIN, i64::MAX, excl, |e, ev, ok| {
            out.push((e, ev, ok))
        });
        (out, info)
    }

    #[test]
    fn rate_times_seconds() {
        // 2 req/s over 60 s = 120 events; 3 req/s over 60 s = 180.
        let (out, info) = events(
            SeriesKind::Rate,
            &[0, 60_000, 120_000],
            &[1.0, 2.0, 3.0],
            &Spans::default(),
        );
        assert_eq!(
            out,
            vec![
                (0, 0.0, false),
                (60_000, 120.0, true),
                (120_000, 180.0, true)
            ]
        );
        assert_eq!(info.known, vec![(0, 120_000)]);
    }

    #[test]
    fn counter_resets_count_the_new_value() {
        // 10 → 15 (+5) → 3 (reset: +3) → 7 (+4)
        let (out, _) = events(
            SeriesKind::Counter,
            &[0, 1, 2, 3],
            &[10.0, 15.0, 3.0, 7.0],
            &Spans::default(),
        );
        let ev: Vec<f64> = out.iter().map(|o| o.1).collect();
        assert_eq!(ev, vec![0.0, 5.0, 3.0, 4.0]);
    }

    #[test]
    fn gaps_are_missing_and_reopen() {
        // Step 10; the 10→50 jump (40 > 2×10) is a gap.
        let (out, info) = events(
            SeriesKind::Increase,
            &[0, 10, 20, 60, 70],
            &[1.0, 1.0, 1.0, 9.0, 1.0],
            &Spans::default(),
        );
        assert_eq!(out[3], (60, 0.0, false));
        assert_eq!(out[4], (70, 1.0, true));
        assert_eq!(info.known, vec![(0, 20), (60, 70)]);
    }

    #[test]
    fn excluded_ends_carry_no_events_but_stay_known() {
        let excl = Spans::from_unsorted(vec![(20, 30)]);
        let (out, info) = events(
            SeriesKind::Increase,
            &[0, 10, 20, 30],
            &[1.0, 1.0, 1.0, 1.0],
            &excl,
        );
        assert_eq!(
            out.iter().map(|o| o.2).collect::<Vec<_>>(),
            vec![false, true, false, true]
        );
        assert_eq!(info.known, vec![(0, 30)]);
    }

    #[test]
    fn negative_events_count_as_zero() {
        let (out, info) = events(
            SeriesKind::Increase,
            &[0, 10, 20],
            &[1.0, -4.0, 2.0],
            &Spans::default(),
        );
        assert_eq!(out[1], (10, 0.0, true));
        assert_eq!(info.negatives, 1);
    }

    #[test]
    fn compensated_window_sums_stay_exact() {
        let mut p = PrefixSums::with_capacity(4);
        p.push(1, 1e16);
        p.push(2, 1.0);
        p.push(3, 1.0);
        p.push(4, 1e16);
        // Naive prefix sums lose the two ones next to 1e16.
        assert_eq!(p.sum(1, 3), 2.0);
        assert_eq!(p.sum(0, 1), 1e16);
        assert_eq!(p.sum(3, 2), 0.0);
    }
}
