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

/// The number of leading `times` that are `<= x` (`times` sorted).
///
/// Series are mostly evenly spaced, so the position interpolated between the
/// first and last time is usually right: it is checked (and its neighbours)
/// before a binary search. The burn-down alone asks thousands of these.
#[inline]
pub fn upper_bound(times: &[Instant], x: Instant) -> usize {
    let n = times.len();
    let (Some(&first), Some(&last)) = (times.first(), times.last()) else {
        return 0;
    };
    if x < first {
        return 0;
    }
    if x >= last {
        return n;
    }
    // Here `first <= x < last`, so n >= 2 and the answer is in 1..n.
    let share = (x - first) as f64 / (last - first) as f64;
    let guess = ((share * (n - 1) as f64) as usize).min(n - 2);
    for k in [guess, guess.saturating_sub(1), (guess + 1).min(n - 2)] {
        if times[k] <= x && x < times[k + 1] {
            return k + 1;
        }
    }
    binary_upper_bound(times, x)
}

/// [`upper_bound`] by a plain loop rather than `partition_point`, whose
/// predicate closure is a call per step in the size-optimized WebAssembly
/// build, and branchless (a select per step), so it does not mispredict.
fn binary_upper_bound(times: &[Instant], x: Instant) -> usize {
    let mut size = times.len();
    if size == 0 {
        return 0;
    }
    let mut base = 0;
    while size > 1 {
        let half = size / 2;
        let mid = base + half;
        base = if times[mid] <= x { mid } else { base };
        size -= half;
    }
    base + usize::from(times[base] <= x)
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

/// The events of every sample `t_i` in `(from, to]`, in time order:
/// [`NOT_COUNTED`] for the opening sample, gaps and excluded interval ends;
/// negative events count as 0. Returns the samples' index range, the events
/// and what else the pass found.
///
/// One simple loop per kind writing into a buffer, rather than a callback per
/// sample: the WebAssembly build is optimized for size, which neither inlines
/// a callback nor keeps per-kind copies of a complex loop apart (binaryen
/// merges similar functions into one with a switch per sample). Exclusions,
/// rare, are patched afterwards.
pub fn intervals(
    clean: &Clean,
    kind: SeriesKind,
    from: Instant,
    to: Instant,
    excluded: &Spans,
) -> (usize, usize, Vec<f64>, PassInfo) {
    let (t, v) = (&*clean.times, &*clean.values);
    let (first, last) = range_of(t, from, to);
    let mut info = PassInfo::default();
    if first >= last {
        return (first, last, Vec::new(), info);
    }
    // Zeros (allocated zeroed); `fill` writes every interval's value.
    let mut events = vec![0.0; last - first];
    if first == 0 {
        // The first sample of all only opens the series.
        events[0] = NOT_COUNTED;
    }
    let lo = first.max(1);
    let (t, v) = (&t[lo - 1..last], &v[lo - 1..last]);
    let out = &mut events[lo - first..];
    // One loop for every kind (a switch per sample): the events path serves
    // timeslices, several series per role and exclusions; the common case
    // has `interval_sums`' loops, one per kind.
    let max_gap = clean.step.map_or(i64::MAX, |s| s.saturating_mul(2));
    fill(kind_code(kind), t, v, out, max_gap, &mut info);
    // Exclusions: interval ends in a span `[start, end)` are not counted
    // (nor are their negative events).
    let ends = &t[1..];
    for &(s, e) in excluded.as_slice() {
        let (a, b) = (lower_bound(ends, s), lower_bound(ends, e));
        for (k, x) in out.iter_mut().enumerate().take(b).skip(a) {
            if !x.is_nan() && event(kind, t, v, k) < 0.0 {
                info.negatives -= 1;
            }
            *x = NOT_COUNTED;
        }
    }
    (first, last, events, info)
}

/// Like [`intervals`], but the compensated prefix sums of the events
/// ([`NOT_COUNTED`] as 0), with the leading `[0, 0]` ([`PrefixSums`]'s
/// `sums`). Without exclusions they are summed in the same loop.
pub fn interval_sums(
    clean: &Clean,
    kind: SeriesKind,
    from: Instant,
    to: Instant,
    excluded: &Spans,
) -> (usize, usize, Vec<[f64; 2]>, PassInfo) {
    if !excluded.as_slice().is_empty() {
        let (first, last, events, info) = intervals(clean, kind, from, to, excluded);
        return (first, last, prefix_sums(&events), info);
    }
    let (t, v) = (&*clean.times, &*clean.values);
    let (first, last) = range_of(t, from, to);
    let mut info = PassInfo::default();
    // Zeros: the leading [0, 0], and the opening sample's (it adds 0).
    let mut sums = vec![[0.0, 0.0]; last.saturating_sub(first) + 1];
    if first < last {
        let lo = first.max(1);
        let (t, v) = (&t[lo - 1..last], &v[lo - 1..last]);
        let mut out = Running {
            sums: &mut sums[1 + lo - first..],
            run: RunningSum::default(),
        };
        by_kind(kind, t, v, clean, &mut out, &mut info);
    }
    (first, last, sums, info)
}

/// Compensated prefix sums of `events` ([`NOT_COUNTED`] as 0), with the
/// leading `[0, 0]`: one plain loop over a pre-sized buffer.
pub fn prefix_sums(events: &[f64]) -> Vec<[f64; 2]> {
    let mut sums = vec![[0.0, 0.0]; events.len() + 1];
    let mut run = RunningSum::default();
    for (s, &e) in sums[1..].iter_mut().zip(events) {
        *s = run.add(counted_or_zero(e));
    }
    sums
}

/// Where [`fill`] writes interval `k`'s events.
trait Out {
    /// Counted events (not negative).
    fn put(&mut self, k: usize, events: f64);
    /// An interval that does not count.
    fn skip(&mut self, k: usize);
}

impl Out for [f64] {
    #[inline(always)]
    fn put(&mut self, k: usize, events: f64) {
        self[k] = events;
    }

    #[inline(always)]
    fn skip(&mut self, k: usize) {
        self[k] = NOT_COUNTED;
    }
}

/// Running prefix sums: `sums[k]` = the sum up to interval `k`, included.
struct Running<'s> {
    sums: &'s mut [[f64; 2]],
    run: RunningSum,
}

impl Out for Running<'_> {
    #[inline(always)]
    fn put(&mut self, k: usize, events: f64) {
        self.sums[k] = self.run.add(events);
    }

    #[inline(always)]
    fn skip(&mut self, k: usize) {
        self.sums[k] = self.run.add(0.0);
    }
}

/// [`fill`] for `kind` (`t`, `v` one longer than the intervals).
#[inline(always)]
fn by_kind<O: Out + ?Sized>(
    kind: SeriesKind,
    t: &[Instant],
    v: &[f64],
    clean: &Clean,
    out: &mut O,
    info: &mut PassInfo,
) {
    let max_gap = clean.step.map_or(i64::MAX, |s| s.saturating_mul(2));
    match kind {
        SeriesKind::Rate => fill(RATE, t, v, out, max_gap, info),
        SeriesKind::Increase => fill(INCREASE, t, v, out, max_gap, info),
        SeriesKind::Counter => fill(COUNTER, t, v, out, max_gap, info),
        SeriesKind::Gauge => fill(GAUGE, t, v, out, max_gap, info),
    }
}

fn kind_code(kind: SeriesKind) -> u8 {
    match kind {
        SeriesKind::Rate => RATE,
        SeriesKind::Increase => INCREASE,
        SeriesKind::Counter => COUNTER,
        SeriesKind::Gauge => GAUGE,
    }
}

const RATE: u8 = 0;
const INCREASE: u8 = 1;
const COUNTER: u8 = 2;
const GAUGE: u8 = 3;

/// The events of the interval `(t[k], t[k + 1]]`, as [`fill`] computes them.
fn event(kind: SeriesKind, t: &[Instant], v: &[f64], k: usize) -> f64 {
    match kind {
        SeriesKind::Rate => v[k + 1] * ((t[k + 1] - t[k]) as f64 / 1000.0),
        SeriesKind::Increase => v[k + 1],
        SeriesKind::Counter => {
            let d = v[k + 1] - v[k];
            if d < 0.0 {
                v[k + 1]
            } else {
                d
            }
        }
        SeriesKind::Gauge => 0.0,
    }
}

/// Interval `k`'s events, `(t[k], t[k + 1]]`, into `out`: not counted across
/// a gap, 0 for negative events (counted). Also the runs of known intervals
/// (they share their endpoints, so a run only ends at a gap).
#[inline(always)]
fn fill<O: Out + ?Sized>(
    kind: u8,
    t: &[Instant],
    v: &[f64],
    out: &mut O,
    max_gap: i64,
    info: &mut PassInfo,
) {
    let n = t.len().min(v.len()).saturating_sub(1);
    let (t, v) = (&t[..n + 1], &v[..n + 1]);
    let mut negatives = 0;
    // Rates: seconds are divided out only when the spacing changes (rarely:
    // a division costs more than the rest of the loop).
    let (mut dt, mut seconds) = (i64::MIN, 0.0);
    // Runs between gaps: first found by a scan, then summed by a loop with
    // no gap check (simple loops: see `intervals`).
    let mut k = 0;
    while k < n {
        let mut end = k;
        while end < n && t[end + 1] - t[end] <= max_gap {
            end += 1;
        }
        if end > k {
            info.known.push((t[k], t[end]));
        }
        for k in k..end {
            let e = match kind {
                RATE => {
                    let d = t[k + 1] - t[k];
                    if d != dt {
                        (dt, seconds) = (d, d as f64 / 1000.0);
                    }
                    v[k + 1] * seconds
                }
                INCREASE => v[k + 1],
                COUNTER => {
                    let d = v[k + 1] - v[k];
                    if d < 0.0 {
                        v[k + 1]
                    } else {
                        d
                    }
                }
                _ => 0.0,
            };
            negatives += usize::from(e < 0.0);
            out.put(k, if e < 0.0 { 0.0 } else { e });
        }
        if end < n {
            // The gap.
            out.skip(end);
        }
        k = end + 1;
    }
    info.negatives += negatives;
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
        let c = clean(t, v, None, false);
        let (i, j, events, info) = intervals(&c, kind, i64::MIN, i64::MAX, excl);
        // The fused prefix sums agree with the events.
        let (_, _, sums, _) = interval_sums(&c, kind, i64::MIN, i64::MAX, excl);
        assert_eq!(sums, prefix_sums(&events));
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
