//! One pass over a cleaned series: events per interval (docs/arithmetic.md
//! §2), known time (§1), exclusions (§4).
//!
//! The pass hands every interval end in the evaluation's range to a sink, so
//! the same loop feeds prefix sums (occurrences) and per-slice sums
//! (timeslices) without a second copy of the data.

use std::borrow::Cow;

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
    (upper_bound(times, from), upper_bound(times, to))
}

/// The number of leading `times` that are `<= x` (`times` sorted): a plain
/// loop rather than `partition_point`, whose predicate closure is a call per
/// step in the size-optimized WebAssembly build.
#[inline]
pub fn upper_bound(times: &[Instant], x: Instant) -> usize {
    let (mut lo, mut hi) = (0, times.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if times[mid] <= x {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The events of an interval that does not count (the opening sample, a gap,
/// an excluded end). Real events are never NaN: they come from finite values
/// and positive durations. Readers that do not care map it to 0.
pub const NOT_COUNTED: f64 = f64::NAN;

/// `e`, or 0 for [`NOT_COUNTED`].
#[inline(always)]
pub fn counted_or_zero(e: f64) -> f64 {
    if e.is_nan() {
        0.0
    } else {
        e
    }
}

/// The events of every sample `t_i` in `(from, to]`, in time order, written
/// into `events` (replaced): [`NOT_COUNTED`] for the opening sample, gaps and
/// excluded interval ends; negative events count as 0. Returns the samples'
/// index range and what else the pass found.
///
/// A few simple loops over buffers rather than one loop with a callback per
/// sample: the WebAssembly build is optimized for size, which neither inlines
/// a callback nor keeps per-kind copies of a complex loop apart. The events
/// are computed for every interval first, then the rare cases (gaps,
/// exclusions, negative events) are patched.
pub fn intervals(
    clean: &Clean,
    kind: SeriesKind,
    from: Instant,
    to: Instant,
    excluded: &Spans,
    events: &mut Vec<f64>,
) -> (usize, usize, PassInfo) {
    let (t, v) = (&*clean.times, &*clean.values);
    let (first, last) = range_of(t, from, to);
    let mut info = PassInfo::default();
    events.clear();
    if first >= last {
        return (first, last, info);
    }
    events.extend_from_slice(&v[first..last]);
    // Samples `lo..last` end an interval that starts at the previous sample;
    // the first sample of all only opens the series.
    let lo = first.max(1);
    if first == 0 {
        events[0] = NOT_COUNTED;
    }
    let out = &mut events[lo - first..];
    let n = out.len();
    let (t, v) = (&t[lo - 1..lo + n], &v[lo - 1..lo + n]);
    match kind {
        SeriesKind::Rate => {
            for k in 0..n {
                out[k] = v[k + 1] * ((t[k + 1] - t[k]) as f64 / 1000.0);
            }
        }
        // The values themselves, already copied.
        SeriesKind::Increase => {}
        SeriesKind::Counter => {
            for k in 0..n {
                let d = v[k + 1] - v[k];
                out[k] = if d < 0.0 { v[k + 1] } else { d };
            }
        }
        SeriesKind::Gauge => out.fill(0.0),
    }
    // Gaps: not counted, and they end a run of known intervals (known
    // intervals share their endpoints, so a run only ends at a gap).
    let max_gap = clean.step.map_or(i64::MAX, |s| s.saturating_mul(2));
    let mut run_start: Option<Instant> = None;
    for k in 0..n {
        let (start, end) = (t[k], t[k + 1]);
        if end - start > max_gap {
            if let Some(s) = run_start.take() {
                info.known.push((s, start));
            }
            out[k] = NOT_COUNTED;
        } else if run_start.is_none() {
            run_start = Some(start);
        }
    }
    if let Some(s) = run_start {
        info.known.push((s, t[n]));
    }
    // Exclusions: interval ends in a span `[start, end)` are not counted.
    let ends = &t[1..];
    for &(s, e) in excluded.as_slice() {
        let (a, b) = (lower_bound(ends, s), lower_bound(ends, e));
        if a < b {
            out[a..b].fill(NOT_COUNTED);
        }
    }
    // Negative events (of counted intervals) count as 0.
    for x in out.iter_mut() {
        if *x < 0.0 {
            info.negatives += 1;
            *x = 0.0;
        }
    }
    (first, last, info)
}

/// The number of leading `times` that are `< x` (`times` sorted).
fn lower_bound(times: &[Instant], x: Instant) -> usize {
    upper_bound(times, x.saturating_sub(1))
}

/// Prefix sums of events, compensated (Neumaier), so that a window's sum is
/// exact to rounding even when it is tiny next to the running total.
#[derive(Clone, Debug)]
pub struct PrefixSums<'c> {
    /// Interval end times, increasing (borrowed from the cleaned series when
    /// it could be).
    pub ends: Cow<'c, [Instant]>,
    /// `sums[k][0] + sums[k][1]` = events of the first `k` intervals (a
    /// running sum and its compensation); length `ends.len() + 1`.
    sums: Vec<[f64; 2]>,
}

/// A Neumaier-compensated running sum. Kept in a local by the hot loop, so
/// the sum lives in registers rather than round-tripping through memory.
#[derive(Clone, Copy, Default)]
pub struct RunningSum {
    sum: f64,
    compensation: f64,
}

impl RunningSum {
    #[inline(always)]
    pub fn add(&mut self, x: f64) -> [f64; 2] {
        let t = self.sum + x;
        let err = if self.sum.abs() >= x.abs() {
            (self.sum - t) + x
        } else {
            (x - t) + self.sum
        };
        self.sum = t;
        self.compensation += err;
        [self.sum, self.compensation]
    }
}

impl Default for PrefixSums<'_> {
    /// Empty, with the leading zero every query relies on.
    fn default() -> Self {
        PrefixSums {
            ends: Cow::Borrowed(&[]),
            sums: vec![[0.0, 0.0]],
        }
    }
}

impl<'c> PrefixSums<'c> {
    /// From interval ends and `sums` as [`RunningSum::add`] returned them,
    /// with a leading `[0, 0]`.
    pub fn from_parts(ends: Cow<'c, [Instant]>, sums: Vec<[f64; 2]>) -> Self {
        debug_assert_eq!(ends.len() + 1, sums.len());
        PrefixSums { ends, sums }
    }

    /// From `(end, events)` pairs in any order (several series of one role).
    pub fn from_unsorted(mut pairs: Vec<(Instant, f64)>) -> Self {
        crate::sort::sort_by_key(&mut pairs, |p| p.0);
        let mut run = RunningSum::default();
        let mut sums = Vec::with_capacity(pairs.len() + 1);
        sums.push([0.0, 0.0]);
        sums.extend(pairs.iter().map(|p| run.add(p.1)));
        PrefixSums {
            ends: pairs.into_iter().map(|p| p.0).collect(),
            sums,
        }
    }

    /// Events of the intervals whose end lies in `(from, to]`.
    pub fn sum(&self, from: Instant, to: Instant) -> f64 {
        if to <= from {
            return 0.0;
        }
        let (i, j) = range_of(&self.ends, from, to);
        let (a, b) = (self.sums[i], self.sums[j]);
        let v = (b[0] - a[0]) + (b[1] - a[1]);
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
        let mut events = Vec::new();
        let (i, j, info) = intervals(&c, kind, i64::MIN, i64::MAX, excl, &mut events);
        let out = (i..j)
            .zip(&events)
            .map(|(k, &e)| (c.times[k], counted_or_zero(e), !e.is_nan()))
            .collect();
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
        let p = PrefixSums::from_unsorted(vec![(4, 1e16), (1, 1e16), (2, 1.0), (3, 1.0)]);
        // Naive prefix sums lose the two ones next to 1e16.
        assert_eq!(p.sum(1, 3), 2.0);
        assert_eq!(p.sum(0, 1), 1e16);
        assert_eq!(p.sum(3, 2), 0.0);
    }
}
