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

/// `times.partition_point(|&x| x <= t)` for non-decreasing `times`, found
/// first by interpolation: a datasource's samples are evenly spaced, so the
/// guess is usually the answer and a query costs two comparisons instead of
/// a binary search (the burn-down alone asks 2,000 of them). A wrong guess
/// falls back to the binary search, so the answer is the same either way.
pub fn upper_bound(times: &[Instant], t: Instant) -> usize {
    let (Some(&first), Some(&last)) = (times.first(), times.last()) else {
        return 0;
    };
    if t < first {
        return 0;
    }
    if t >= last {
        return times.len();
    }
    // Here first <= t < last, so there are two or more times and the answer
    // lies in 1..len.
    let n = times.len();
    // In floats: no overflow whatever the times; a poor guess only costs
    // the fallback.
    let share = (t as f64 - first as f64) / (last as f64 - first as f64);
    let guess = ((share * (n - 1) as f64) as usize + 1).clamp(1, n - 1);
    let fits = |i: usize| times[i - 1] <= t && t < times[i];
    if fits(guess) {
        guess
    } else if times[guess - 1] > t {
        times[..guess - 1].partition_point(|&x| x <= t)
    } else {
        guess + times[guess..].partition_point(|&x| x <= t)
    }
}

/// Where a pass puts each interval's events.
///
/// A trait rather than a closure so that implementations can be
/// `#[inline(always)]`: the WebAssembly build optimizes for size, and there a
/// closure called from the four per-kind loops stays a call per sample,
/// with its running sum round-tripping through memory.
pub trait Sink {
    /// One interval, ending at `end`, with `events`; `counts` is false for
    /// the opening sample, gaps and excluded interval ends (their events are
    /// then 0).
    fn put(&mut self, end: Instant, events: f64, counts: bool);

    /// Whether the sink wants the compensated running sum of the events
    /// after each interval ([`Sink::put_sum`]) instead of [`Sink::put`]: the
    /// pass keeps that sum in its own locals, where a sink's fields would
    /// live in memory in WebAssembly.
    const SUMS: bool = false;

    /// The running sum `[sum, compensation]` after one more interval.
    fn put_sum(&mut self, _sum: [f64; 2]) {}
}

/// Only the pass's [`PassInfo`] is wanted.
impl Sink for () {
    #[inline(always)]
    fn put(&mut self, _: Instant, _: f64, _: bool) {}
}

/// Hands one interval to `sink`, as it asks (see [`Sink::SUMS`]).
#[inline(always)]
fn give<S: Sink>(sink: &mut S, run: &mut RunningSum, end: Instant, events: f64, counts: bool) {
    if S::SUMS {
        sink.put_sum(run.add(events));
    } else {
        sink.put(end, events, counts);
    }
}

/// Calls `sink.put(end, events, counts)` for every sample `t_i` in
/// `(from, to]`, in time order.
pub fn for_each_interval(
    clean: &Clean,
    kind: SeriesKind,
    from: Instant,
    to: Instant,
    excluded: &Spans,
    sink: &mut impl Sink,
) -> PassInfo {
    // One loop per kind, so the per-sample loop has no kind dispatch. (Not
    // also per "exclusions or not": with none, their check is one
    // predictable branch, and each copy of the loop costs WebAssembly bytes.)
    match kind {
        SeriesKind::Rate => pass::<RATE>(clean, from, to, excluded, sink),
        SeriesKind::Increase => pass::<INCREASE>(clean, from, to, excluded, sink),
        SeriesKind::Counter => pass::<COUNTER>(clean, from, to, excluded, sink),
        SeriesKind::Gauge => pass::<GAUGE>(clean, from, to, excluded, sink),
    }
}

/// [`for_each_interval`] for a series that counts events: no gauge loop
/// for each sink (a ratio SLI refuses gauges before its pass, in
/// `roles`), which keeps three copies of the loop out of the WebAssembly.
pub fn for_each_event_interval(
    clean: &Clean,
    kind: SeriesKind,
    from: Instant,
    to: Instant,
    excluded: &Spans,
    sink: &mut impl Sink,
) -> PassInfo {
    match kind {
        SeriesKind::Rate | SeriesKind::Gauge => pass::<RATE>(clean, from, to, excluded, sink),
        SeriesKind::Increase => pass::<INCREASE>(clean, from, to, excluded, sink),
        SeriesKind::Counter => pass::<COUNTER>(clean, from, to, excluded, sink),
    }
}

const RATE: u8 = 0;
const INCREASE: u8 = 1;
const COUNTER: u8 = 2;
const GAUGE: u8 = 3;

#[inline(always)]
fn pass<const KIND: u8>(
    clean: &Clean,
    from: Instant,
    to: Instant,
    excluded: &Spans,
    sink: &mut impl Sink,
) -> PassInfo {
    let (t, v) = (&*clean.times, &*clean.values);
    let (first, last) = range_of(t, from, to);
    let mut info = PassInfo::default();
    if first >= last {
        return info;
    }
    let max_gap = clean.step.map_or(i64::MAX, |s| s.saturating_mul(2));
    let excl = excluded.as_slice();
    let mut x = excl.partition_point(|s| s.1 <= t[first]);
    // An interval end is excluded when it lies in `[s.0, s.1)` of a span;
    // below `watch` no end can be, so most samples cost one comparison.
    let mut watch = excl.get(x).map_or(Instant::MAX, |s| s.0);
    let mut run = RunningSum::default();
    if first == 0 {
        // The first sample only opens the series.
        give(sink, &mut run, t[0], 0.0, false);
    }
    // Known intervals share their endpoints, so a run of them only ends at a
    // gap; `run_start` is where the current run began (or will begin, if its
    // first interval is a gap too). Only gaps touch it: a per-sample update
    // cost a third of the loop in WebAssembly.
    let mut run_start = t[first.max(1) - 1];
    for i in first.max(1)..last {
        let (start, end) = (t[i - 1], t[i]);
        let (events, counts) = if end - start > max_gap {
            if start > run_start {
                info.known.push((run_start, start));
            }
            run_start = end;
            (0.0, false)
        } else if end >= watch && excluded_end(excl, &mut x, &mut watch, end) {
            (0.0, false)
        } else {
            let events = match KIND {
                RATE => v[i] * ((end - start) as f64 / 1000.0),
                INCREASE => v[i],
                COUNTER => {
                    let d = v[i] - v[i - 1];
                    if d < 0.0 {
                        v[i]
                    } else {
                        d
                    }
                }
                _ => 0.0,
            };
            if events < 0.0 {
                info.negatives += 1;
                (0.0, true)
            } else {
                (events, true)
            }
        };
        give(sink, &mut run, end, events, counts);
    }
    if t[last - 1] > run_start {
        info.known.push((run_start, t[last - 1]));
    }
    info
}

/// Whether `end` is excluded, moving `x` to the first span not over by
/// `end` and `watch` to the next end that needs this look.
#[inline(never)]
fn excluded_end(
    excl: &[(Instant, Instant)],
    x: &mut usize,
    watch: &mut Instant,
    end: Instant,
) -> bool {
    while excl.get(*x).is_some_and(|s| s.1 <= end) {
        *x += 1;
    }
    match excl.get(*x) {
        Some(s) if s.0 <= end => {
            // Every end up to the span's close is excluded: keep looking.
            *watch = end;
            true
        }
        Some(s) => {
            *watch = s.0;
            false
        }
        None => {
            *watch = Instant::MAX;
            false
        }
    }
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

    /// Events of every interval: the last sum (a NaN or an infinity when
    /// the events overflowed).
    pub fn total(&self) -> f64 {
        self.sums.last().map_or(0.0, |s| s[0] + s[1])
    }

    /// Events of the intervals whose end lies in `(from, to]`.
    #[cfg(test)]
    pub fn sum(&self, from: Instant, to: Instant) -> f64 {
        self.sum_between(from, self.index(from), to, self.index(to))
    }

    /// How many interval ends lie at or before `t`: the place of a window
    /// end, found once for many windows ending there.
    pub fn index(&self, t: Instant) -> usize {
        upper_bound(&self.ends, t)
    }

    /// [`PrefixSums::index`] when the answer is likely `guess` or next to
    /// it (a stride of 86.4 intervals is 86 or 87): a few comparisons in
    /// one cache line if it is, the full search if not (so the answer is
    /// the same either way).
    pub fn index_near(&self, t: Instant, guess: usize) -> usize {
        let ends = &self.ends[..];
        let fits = |i: usize| {
            i <= ends.len()
                && (i == 0 || ends[i - 1] <= t)
                && ends.get(i).is_none_or(|&next| t < next)
        };
        for i in [guess, guess.saturating_add(1), guess.wrapping_sub(1)] {
            if fits(i) {
                return i;
            }
        }
        upper_bound(ends, t)
    }

    /// [`PrefixSums::sum`] with both indexes known.
    pub fn sum_between(
        &self,
        from: Instant,
        from_index: usize,
        to: Instant,
        to_index: usize,
    ) -> f64 {
        if to <= from {
            return 0.0;
        }
        let (a, b) = (self.sums[from_index], self.sums[to_index]);
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
        let mut out = Collect(Vec::new());
        let info = for_each_interval(&c, kind, i64::MIN, i64::MAX, excl, &mut out);
        (out.0, info)
    }

    struct Collect(Vec<(i64, f64, bool)>);

    impl Sink for Collect {
        fn put(&mut self, end: Instant, events: f64, counts: bool) {
            self.0.push((end, events, counts));
        }
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
    fn upper_bound_is_partition_point() {
        // Even, gapped, repeated and lopsided times; every query around them.
        let even: Vec<i64> = (0..50).map(|i| i * 60).collect();
        let gapped: Vec<i64> = (0..50)
            .map(|i| i * 60 + if i > 30 { 10_000 } else { 0 })
            .collect();
        let repeated = vec![5, 5, 5, 7, 7, 9, 20, 20, 20, 20];
        let lopsided = vec![0, 1, 2, 3, 1_000_000];
        let extreme = vec![i64::MIN, -1, 0, i64::MAX];
        for times in [even, gapped, repeated, lopsided, extreme, vec![3], vec![]] {
            let lo = times.first().copied().unwrap_or(0).max(-1000) - 5;
            let hi = times.last().copied().unwrap_or(0).min(1_000_000) + 5;
            for t in (lo..=hi).chain([i64::MIN, i64::MIN + 1, i64::MAX - 1, i64::MAX]) {
                let want = times.partition_point(|&x| x <= t);
                assert_eq!(upper_bound(&times, t), want, "{times:?} at {t}");
            }
        }
    }

    #[test]
    fn index_near_is_partition_point_whatever_the_guess() {
        let even: Vec<i64> = (0..40).map(|i| i * 60).collect();
        let repeated = vec![5, 5, 5, 7, 7, 9, 20, 20, 20, 20];
        for times in [even, repeated, vec![3], vec![]] {
            let sums = PrefixSums::from_unsorted(times.iter().map(|&t| (t, 1.0)).collect());
            let (lo, hi) = (-5, times.last().copied().unwrap_or(0) + 5);
            for t in lo..=hi {
                let want = times.partition_point(|&x| x <= t);
                for guess in (0..times.len() + 3).chain([usize::MAX - 1, usize::MAX]) {
                    assert_eq!(
                        sums.index_near(t, guess),
                        want,
                        "{times:?} at {t}, guess {guess}"
                    );
                }
            }
        }
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
