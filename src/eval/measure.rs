//! A SLO instance's data, made ready for window queries: prefix sums for
//! occurrences, a slice table for timeslices. Every query after building is
//! O(log n), so the number of windows asked for does not change the cost of
//! the pass over the data.

use std::borrow::Cow;

use super::clean::Clean;
use super::slices::{SliceData, SliceGrid, SliceState, SliceSums, SliceTable};
use super::spans::Spans;
use super::stream::{for_each_event_interval, for_each_interval, range_of, PrefixSums, Sink};
use super::{EvalError, EvalErrorKind};
use crate::policy::{Budgeting, CmpOp};
use crate::series::{Series, SeriesKind};
use crate::time::{Instant, Millis};

/// Which two roles a ratio SLI has, in the order they are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RolePair {
    GoodTotal,
    BadTotal,
    GoodBad,
}

impl RolePair {
    /// `(total events, bad events)` from the two roles' sums, bad clamped to
    /// `[0, total]` (docs/arithmetic.md §6).
    pub fn total_and_bad(self, first: f64, second: f64) -> (f64, f64) {
        let (n, b) = match self {
            RolePair::GoodTotal => (second, second - first),
            RolePair::BadTotal => (second, first),
            RolePair::GoodBad => (first + second, second),
        };
        (n, b.clamp(0.0, n.max(0.0)))
    }
}

/// Good and bad amounts of a window: events (occurrences) or seconds
/// (timeslices). `any` is whether the window has data at all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tally {
    pub good: f64,
    pub bad: f64,
    pub any: bool,
}

impl Tally {
    /// Nothing good, nothing bad, no data.
    pub const NONE: Tally = Tally {
        good: 0.0,
        bad: 0.0,
        any: false,
    };

    /// bad / (good + bad), or `None` when there is nothing good or bad.
    pub fn bad_share(self) -> Option<f64> {
        let all = self.good + self.bad;
        (all > 0.0).then(|| self.bad / all)
    }
}

pub enum Measure<'c> {
    Occurrences {
        roles: [PrefixSums<'c>; 2],
        combo: RolePair,
    },
    Timeslices(SliceTable),
    /// Not even a step to cut slices with.
    NoData,
}

/// A window end and where it falls in each role's interval ends: many
/// windows end at one evaluation instant, and each then costs one search
/// per role instead of two.
#[derive(Clone, Copy, Debug)]
pub struct End {
    pub to: Instant,
    index: [usize; 2],
}

/// Places of increasing instants found one after the other, each guessed at
/// the stride of the one before: the burn-down's points and each window's
/// lower bound over them move through the data at a near-constant stride,
/// so the guess is usually right and a place costs two comparisons per role
/// (docs/performance.md: the level timeline).
#[derive(Clone, Copy, Debug, Default)]
pub struct Walk {
    last: [usize; 2],
    stride: [usize; 2],
}

impl Measure<'_> {
    /// Where `to` falls, [`Measure::end`], guessed from `walk`'s last place;
    /// `to` should not be before it (if it is, the guess is only wrong).
    pub fn walk_to(&self, walk: &mut Walk, to: Instant) -> End {
        let mut index = [0, 0];
        if let Measure::Occurrences { roles, .. } = self {
            for r in 0..2 {
                let i = roles[r].index_near(to, walk.last[r] + walk.stride[r]);
                walk.stride[r] = i.saturating_sub(walk.last[r]);
                walk.last[r] = i;
                index[r] = i;
            }
        }
        End { to, index }
    }

    /// The tally of `(from.to, to.to]`, both places known.
    pub fn tally_between(&self, from: &End, to: &End) -> Tally {
        match self {
            Measure::Occurrences { roles, combo } => {
                let sum =
                    |r: usize| roles[r].sum_between(from.to, from.index[r], to.to, to.index[r]);
                let (n, b) = combo.total_and_bad(sum(0), sum(1));
                Tally {
                    good: n - b,
                    bad: b,
                    any: n > 0.0,
                }
            }
            Measure::Timeslices(table) => {
                let c = table.counts(from.to, to.to);
                Tally {
                    good: c.good_seconds,
                    bad: c.bad_seconds,
                    any: c.with_data > 0,
                }
            }
            Measure::NoData => Tally::NONE,
        }
    }

    pub fn end(&self, to: Instant) -> End {
        let index = match self {
            Measure::Occurrences { roles, .. } => [roles[0].index(to), roles[1].index(to)],
            _ => [0, 0],
        };
        End { to, index }
    }

    /// The tally of `(from, end.to]`.
    pub fn tally_since(&self, from: Instant, end: &End) -> Tally {
        self.tally_between(&self.end(from), end)
    }
}

/// One role of one instance: its series and how to read them.
pub struct Role<'c, 'd> {
    /// Each series, cleaned, with the kind its samples have (the series' own
    /// kind, else the policy reference's).
    pub series: Vec<(&'d Series, &'c Clean<'d>, SeriesKind)>,
}

/// What building found that the report should mention.
#[derive(Default)]
pub struct BuildNotes {
    /// Per role: how many interval events were negative and counted as 0.
    pub negatives: Vec<(String, usize)>,
    /// The slice length used, for timeslices.
    pub slice: Option<Millis>,
    /// The step of a hold time (docs/arithmetic.md §10): the slice length
    /// L of §7, which is the first role's step when no `slice` is given.
    pub step: Option<Millis>,
}

/// The range of data an evaluation reads and the rules to read it by.
pub struct DataReading<'a> {
    /// Earliest instant any window, slice or burn-down point looks back to.
    pub from: Instant,
    pub at: Instant,
    pub window_start: Instant,
    pub excluded: &'a Spans,
    pub budgeting: Budgeting,
    pub slice: Option<Millis>,
    pub slice_target: f64,
}

/// Builds a ratio SLI's measure; returns it with the SLO's known time.
///
/// An interval of either role counts only where both roles are known
/// (docs/arithmetic.md §3): each role is passed once; only when one role
/// knows time the other does not is it passed again with that time treated
/// as excluded, so data without such gaps costs one pass.
pub fn build_ratio<'c>(
    roles: [Role<'c, '_>; 2],
    combo: RolePair,
    reading: &DataReading,
    notes: &mut BuildNotes,
) -> Result<(Measure<'c>, Spans), EvalError> {
    let cleaned: Vec<Vec<(&'c Clean, SeriesKind)>> = roles
        .iter()
        .map(|r| r.series.iter().map(|(_, c, kind)| (*c, *kind)).collect())
        .collect();
    let grid = match reading.budgeting {
        Budgeting::Occurrences => None,
        Budgeting::Timeslices => match slice_grid(reading, &cleaned) {
            Some(g) => Some(g),
            None => return Ok((Measure::NoData, Spans::default())),
        },
    };
    notes.slice = grid.map(|g| g.len);
    notes.step = slice_len(reading, &cleaned);
    let from = grid.map_or(reading.from, |g| g.start(g.index(reading.from + 1)));
    let mut built: Vec<RoleMeasure<'c>> = cleaned
        .iter()
        .map(|series| measure_role(series, grid, from, reading.at, reading.excluded))
        .collect();
    let [first, second] = [0, 1].map(|i| Spans::from_unsorted(std::mem::take(&mut built[i].known)));
    let known = first.intersect(&second);
    let mut masked = None;
    for (i, role_known) in [first, second].iter().enumerate() {
        if role_known.total() != known.total() {
            // Some end of this role lies in time the other role does not know.
            let excluded = masked.get_or_insert_with(|| {
                let mut spans = known.outside_as_excluded_ends(from, reading.at);
                spans.extend_from_slice(reading.excluded.as_slice());
                Spans::from_unsorted(spans)
            });
            built[i] = measure_role(&cleaned[i], grid, from, reading.at, excluded);
        }
    }
    for (role, b) in roles.iter().zip(&built) {
        let name = role
            .series
            .first()
            .map_or(String::new(), |s| s.0.name.clone());
        if !b.total_is_finite() {
            return Err(EvalError::bad_series(
                &name,
                format!("series \"{name}\": its events add up beyond the largest finite number (about 1.8e308); the values cannot be counts or rates of real events"),
            ));
        }
        notes.negatives.push((name, b.negatives));
    }
    let [first, second] = <[RoleMeasure; 2]>::try_from(built)
        .map_err(|_| EvalError::new(EvalErrorKind::BadSeries, "a ratio SLI has two roles"))?;
    let measure = match grid {
        Some(g) => {
            let (first, second) = (
                first.slices.unwrap_or_default(),
                second.slices.unwrap_or_default(),
            );
            let states = ratio_states(&first.0, &second.0, combo, reading.slice_target);
            let judge = match combo {
                RolePair::GoodTotal => judge_slice::<0>,
                RolePair::BadTotal => judge_slice::<1>,
                RolePair::GoodBad => judge_slice::<2>,
            };
            let data = SliceData::Ratio {
                roles: [first.1, second.1],
                judge,
                target: reading.slice_target,
            };
            Measure::Timeslices(SliceTable::new(g, states, data))
        }
        None => Measure::Occurrences {
            roles: [
                first.prefix.unwrap_or_default(),
                second.prefix.unwrap_or_default(),
            ],
            combo,
        },
    };
    Ok((measure, known))
}

/// One role of one instance after its pass: prefix sums (occurrences) or
/// per-slice sums with the counted intervals (timeslices).
struct RoleMeasure<'c> {
    prefix: Option<PrefixSums<'c>>,
    slices: Option<(SliceSums, Vec<(Instant, f64)>)>,
    /// The role's known time, as runs (the union over its series).
    known: Vec<(Instant, Instant)>,
    negatives: usize,
}

impl RoleMeasure<'_> {
    /// Events are never negative, so the sums grow with time and the last
    /// one is finite iff every one is.
    fn total_is_finite(&self) -> bool {
        let prefix = self.prefix.as_ref().is_none_or(|p| p.total().is_finite());
        let slices = self
            .slices
            .as_ref()
            .is_none_or(|(s, _)| s.sums.iter().all(|x| x.is_finite()));
        prefix && slices
    }
}

/// One pass over each series of a role, ends in `(from, at]`, with
/// `excluded` ends counting nothing.
fn measure_role<'c>(
    series: &[(&'c Clean, SeriesKind)],
    grid: Option<SliceGrid>,
    from: Instant,
    at: Instant,
    excluded: &Spans,
) -> RoleMeasure<'c> {
    let mut out = RoleMeasure {
        prefix: None,
        slices: None,
        known: Vec::new(),
        negatives: 0,
    };
    if let Some(g) = grid {
        let mut parts = Vec::with_capacity(series.len());
        let size = series
            .iter()
            .map(|(c, _)| range_len(&c.times, from, at))
            .sum();
        let mut intervals = Vec::with_capacity(size);
        for (c, kind) in series {
            let mut sink = SliceSink {
                grid: g,
                sums: SliceSums::with_capacity(range_len(&c.times, from, at)),
                intervals: &mut intervals,
            };
            let info = for_each_event_interval(c, *kind, from, at, excluded, &mut sink);
            out.known.extend(info.known);
            out.negatives += info.negatives;
            parts.push(sink.sums);
        }
        if series.len() > 1 {
            crate::sort::sort_by_key(&mut intervals, |x| x.0);
        }
        out.slices = Some((SliceSums::merge(parts), intervals));
    } else if let [(c, kind)] = series {
        let (i, j) = range_of(&c.times, from, at);
        // The pass calls the sink once per sample in `i..j`, in order.
        let mut sink = PrefixSink {
            sums: vec![[0.0, 0.0]; j - i + 1],
            k: 0,
        };
        let info = for_each_event_interval(c, *kind, from, at, excluded, &mut sink);
        let ends = match &c.times {
            Cow::Borrowed(t) => Cow::Borrowed(&t[i..j]),
            Cow::Owned(t) => Cow::Owned(t[i..j].to_vec()),
        };
        out.prefix = Some(PrefixSums::from_parts(ends, sink.sums));
        out.known = info.known;
        out.negatives = info.negatives;
    } else {
        let mut pairs = Pairs(Vec::new());
        for (c, kind) in series {
            let info = for_each_event_interval(c, *kind, from, at, excluded, &mut pairs);
            out.known.extend(info.known);
            out.negatives += info.negatives;
        }
        out.prefix = Some(PrefixSums::from_unsorted(pairs.0));
    }
    out
}

/// One series' prefix sums, written in place: the pass puts exactly one
/// interval per sample of the range, in order, so `sums` is sized up front.
struct PrefixSink {
    sums: Vec<[f64; 2]>,
    k: usize,
}

impl Sink for PrefixSink {
    const SUMS: bool = true;

    fn put(&mut self, _: Instant, _: f64, _: bool) {}

    #[inline(always)]
    fn put_sum(&mut self, sum: [f64; 2]) {
        self.k += 1;
        if let Some(slot) = self.sums.get_mut(self.k) {
            *slot = sum;
        }
    }
}

/// `(end, events)` of several series, summed once sorted.
struct Pairs(Vec<(Instant, f64)>);

impl Sink for Pairs {
    #[inline(always)]
    fn put(&mut self, end: Instant, events: f64, _: bool) {
        self.0.push((end, events));
    }
}

/// Per-slice sums of one series and its counted intervals.
struct SliceSink<'a> {
    grid: SliceGrid,
    sums: SliceSums,
    intervals: &'a mut Vec<(Instant, f64)>,
}

impl Sink for SliceSink<'_> {
    #[inline(always)]
    fn put(&mut self, end: Instant, events: f64, counts: bool) {
        if counts {
            self.sums.add(self.grid.index(end), events);
            self.intervals.push((end, events));
        }
    }
}

/// A slice's state from its two role sums (`C` is the [`RolePair`] index, so a
/// plain `fn` pointer can carry it).
fn judge_slice<const C: u8>(first: f64, second: f64, target: f64) -> SliceState {
    let combo = [RolePair::GoodTotal, RolePair::BadTotal, RolePair::GoodBad][usize::from(C)];
    let (n, b) = combo.total_and_bad(first, second);
    if n <= 0.0 {
        SliceState::Idle
    } else if 1.0 - b / n >= target {
        SliceState::Good
    } else {
        SliceState::Bad
    }
}

/// Slices where both roles have data, judged against the slice target.
fn ratio_states(
    first: &SliceSums,
    second: &SliceSums,
    combo: RolePair,
    target: f64,
) -> Vec<(i64, SliceState)> {
    let mut out = Vec::with_capacity(first.ks.len().min(second.ks.len()));
    let (mut i, mut j) = (0, 0);
    while i < first.ks.len() && j < second.ks.len() {
        let (ka, kb) = (first.ks[i], second.ks[j]);
        if ka < kb {
            i += 1;
        } else if kb < ka {
            j += 1;
        } else {
            let state = match combo {
                RolePair::GoodTotal => judge_slice::<0>(first.sums[i], second.sums[j], target),
                RolePair::BadTotal => judge_slice::<1>(first.sums[i], second.sums[j], target),
                RolePair::GoodBad => judge_slice::<2>(first.sums[i], second.sums[j], target),
            };
            out.push((ka, state));
            i += 1;
            j += 1;
        }
    }
    out
}

/// Builds a threshold SLI's slice table; returns it with the known time.
pub fn build_threshold<'c>(
    role: Role<'c, '_>,
    op: CmpOp,
    threshold: f64,
    reading: &DataReading,
    notes: &mut BuildNotes,
) -> (Measure<'c>, Spans) {
    let cleaned: Vec<(&'c Clean, SeriesKind)> =
        role.series.iter().map(|(_, c, kind)| (*c, *kind)).collect();
    let Some(grid) = slice_grid(reading, std::slice::from_ref(&cleaned)) else {
        return (Measure::NoData, Spans::default());
    };
    notes.slice = Some(grid.len);
    notes.step = notes.slice;
    let from = grid.start(grid.index(reading.from + 1));
    let mut samples: Vec<(Instant, bool)> = Vec::new();
    let mut runs = Vec::new();
    for (c, _) in &cleaned {
        let (i, j) = range_of(&c.times, from, reading.at);
        // Known time comes from the spacing of the samples, as for events.
        let info = for_each_interval(
            c,
            SeriesKind::Gauge,
            from,
            reading.at,
            &Spans::default(),
            &mut (),
        );
        runs.extend(info.known);
        for k in i..j {
            let t = c.times[k];
            if !reading.excluded.contains(t) {
                samples.push((t, op.holds(c.values[k], threshold)));
            }
        }
    }
    if cleaned.len() > 1 {
        crate::sort::sort_by_key(&mut samples, |s| s.0);
    }
    let mut states: Vec<(i64, SliceState)> = Vec::new();
    for &(t, ok) in &samples {
        let k = grid.index(t);
        match states.last_mut() {
            Some((last, state)) if *last == k => {
                if !ok {
                    *state = SliceState::Bad;
                }
            }
            _ => states.push((
                k,
                if ok {
                    SliceState::Good
                } else {
                    SliceState::Bad
                },
            )),
        }
    }
    (
        Measure::Timeslices(SliceTable::new(
            grid,
            states,
            SliceData::Threshold { samples },
        )),
        Spans::from_unsorted(runs),
    )
}

fn range_len(times: &[Instant], from: Instant, to: Instant) -> usize {
    let (i, j) = range_of(times, from, to);
    j - i
}

/// The slice grid: `slice`, else the step of the first role's first series.
fn slice_grid(reading: &DataReading, cleaned: &[Vec<(&Clean, SeriesKind)>]) -> Option<SliceGrid> {
    let len = slice_len(reading, cleaned)?;
    Some(SliceGrid {
        anchor: reading.window_start,
        len,
        at: reading.at,
    })
}

/// L of docs/arithmetic.md §7: `slice`, else the step of the first role's
/// first series that has one.
fn slice_len(reading: &DataReading, cleaned: &[Vec<(&Clean, SeriesKind)>]) -> Option<Millis> {
    reading
        .slice
        .or_else(|| cleaned.first()?.iter().find_map(|(c, _)| c.step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_is_clamped_to_the_total() {
        assert_eq!(
            RolePair::GoodTotal.total_and_bad(105.0, 100.0),
            (100.0, 0.0)
        );
        assert_eq!(
            RolePair::BadTotal.total_and_bad(120.0, 100.0),
            (100.0, 100.0)
        );
        assert_eq!(RolePair::GoodBad.total_and_bad(90.0, 10.0), (100.0, 10.0));
    }
}
