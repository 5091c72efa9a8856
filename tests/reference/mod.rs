//! The slow, obviously-correct reference implementation of `docs/arithmetic.md`.
//!
//! Written from the contract only (never from `src/eval/`), so that the
//! property tests compare two independent readings of the same page. Every
//! function below says which section of the doc it implements. Nothing here is
//! clever: no prefix sums, no binary search. Every window query loops over all
//! intervals (or all slices) again. The single concession to speed is that a
//! timeslice grid files intervals and samples under their slice once (see
//! [`Grid`]), so a month of minute data stays affordable in debug builds.
//!
//! Where the doc leaves something open, the choice is written next to the code
//! as `AMBIGUITY:`.

#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};

use slogate::expr::{Expr, Term};
use slogate::policy::{Alert, Budgeting, BurnWindow, CmpOp, Sli, Slo, Threshold, Window};
use slogate::report::model::{
    AlertReport, BudgetReport, BudgetUnit, Burndown, PairReport, Reason, Segment, SloReport,
    WindowReport,
};
use slogate::time::calendar::CalendarUnit;
use slogate::time::civil::Date;
use slogate::time::{Instant, Millis, DAY, HOUR, MINUTE};
use slogate::{DataSet, Policy, Report, Series, SeriesKind};

/// The burn-rate windows every report carries (doc §12).
pub const STANDARD_WINDOWS: [Millis; 7] = [
    5 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    6 * HOUR,
    DAY,
    3 * DAY,
];

// ---------------------------------------------------------------------------
// §1 Cleaning a series
// ---------------------------------------------------------------------------

/// A series after §1: strictly increasing times, finite values, and a step.
#[derive(Clone, Debug)]
pub struct Clean {
    pub times: Vec<Instant>,
    pub values: Vec<f64>,
    pub step: Option<Millis>,
}

pub fn clean(series: &Series) -> Clean {
    // §1.1: stable sort by time; of equal times the last in input order wins.
    let mut samples: Vec<(Instant, f64)> = series
        .times
        .iter()
        .copied()
        .zip(series.values.iter().copied())
        .collect();
    samples.sort_by_key(|&(t, _)| t); // `sort_by_key` is stable
    let mut deduped: Vec<(Instant, f64)> = Vec::new();
    for (t, v) in samples {
        if let Some(last) = deduped.last_mut() {
            if last.0 == t {
                *last = (t, v); // a later duplicate replaces the earlier one
                continue;
            }
        }
        deduped.push((t, v));
    }
    // §1.2: the kept sample may be NaN/±Inf: then the instant has no sample.
    // (Dedup first, drop second: a trailing NaN duplicate erases the instant.)
    let kept: Vec<(Instant, f64)> = deduped.into_iter().filter(|(_, v)| v.is_finite()).collect();
    let times: Vec<Instant> = kept.iter().map(|s| s.0).collect();
    let values: Vec<f64> = kept.iter().map(|s| s.1).collect();
    // §1.3: the host's step, else the inferred one.
    let step = series.step.or_else(|| infer_step(&times));
    Clean {
        times,
        values,
        step,
    }
}

/// §1.3: the lower median of (a sample of) the consecutive differences.
pub fn infer_step(times: &[Instant]) -> Option<Millis> {
    if times.len() < 2 {
        return None;
    }
    // d_j = t_j − t_{j−1} for j = 1..=m (1-based as in the doc).
    let m = times.len() - 1;
    let d = |j: usize| times[j] - times[j - 1];
    let mut sample: Vec<Millis> = if m <= 255 {
        (1..=m).map(d).collect()
    } else {
        (0..255).map(|k| d(1 + (k * m) / 255)).collect()
    };
    sample.sort_unstable();
    Some(sample[(sample.len() - 1) / 2])
}

// ---------------------------------------------------------------------------
// §1.4 + §2: known intervals and their events
// ---------------------------------------------------------------------------

/// A known interval `(start, end]` and its (non-negative) events.
#[derive(Clone, Copy, Debug)]
pub struct Interval {
    pub start: Instant,
    pub end: Instant,
    pub events: f64,
}

/// One series of a role, ready to query.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub clean: Clean,
    /// Only the known intervals; gaps are simply absent.
    pub intervals: Vec<Interval>,
}

pub fn prepare(series: &Series, kind: SeriesKind) -> Prepared {
    let clean = clean(series);
    let mut intervals = Vec::new();
    if let Some(step) = clean.step {
        for i in 1..clean.times.len() {
            let (t0, t1) = (clean.times[i - 1], clean.times[i]);
            if t1 - t0 > 2 * step {
                continue; // a gap: missing time; t1 only reopens the series
            }
            let (v0, v1) = (clean.values[i - 1], clean.values[i]);
            let raw = match kind {
                SeriesKind::Rate => v1 * (t1 - t0) as f64 / 1000.0,
                SeriesKind::Increase => v1,
                SeriesKind::Counter => {
                    if v1 - v0 < 0.0 {
                        v1 // a reset: the counter restarted from zero
                    } else {
                        v1 - v0
                    }
                }
                SeriesKind::Gauge => 0.0, // gauges carry no events
            };
            // §2: events are never negative.
            let events = if raw < 0.0 { 0.0 } else { raw };
            intervals.push(Interval {
                start: t0,
                end: t1,
                events,
            });
        }
    }
    Prepared { clean, intervals }
}

/// Every series supplied under one role name in one instance (§3): their
/// events add, their known time is the union.
#[derive(Clone, Debug, Default)]
pub struct Role {
    pub series: Vec<Prepared>,
}

impl Role {
    /// Events of the intervals whose end lies in `(x, y]`, not in `X`, and
    /// in `K` (§3: an event counts only where every role is known).
    pub fn events(
        &self,
        x: Instant,
        y: Instant,
        excl: &Exclusions,
        k: &[(Instant, Instant)],
    ) -> f64 {
        let mut sum = 0.0;
        for s in &self.series {
            for iv in &s.intervals {
                if x < iv.end && iv.end <= y && !excl.contains(iv.end) && in_known(k, iv.end) {
                    sum += iv.events;
                }
            }
        }
        sum
    }

    /// Every clean, non-excluded sample in `(x, y]` (threshold SLIs, §7).
    pub fn samples_in(&self, x: Instant, y: Instant, excl: &Exclusions) -> Vec<f64> {
        let mut out = Vec::new();
        for s in &self.series {
            for (t, v) in s.clean.times.iter().zip(&s.clean.values) {
                if x < *t && *t <= y && !excl.contains(*t) {
                    out.push(*v);
                }
            }
        }
        out
    }

    /// The role's known time as disjoint, sorted `(l, r]` spans, from the
    /// intervals that end by `until` (§8: an evaluation at T sees only the
    /// samples up to T, as a live one would).
    pub fn known(&self, until: Instant) -> Vec<(Instant, Instant)> {
        let all: Vec<(Instant, Instant)> = self
            .series
            .iter()
            .flat_map(|s| {
                s.intervals
                    .iter()
                    .filter(|iv| iv.end <= until)
                    .map(|iv| (iv.start, iv.end))
            })
            .collect();
        union(all)
    }
}

// ---------------------------------------------------------------------------
// Plain interval-set arithmetic on half-open spans (measure only matters)
// ---------------------------------------------------------------------------

/// §3: whether instant `t` lies in the known time `k`, given as `(l, r]` runs.
pub fn in_known(k: &[(Instant, Instant)], t: Instant) -> bool {
    k.iter().any(|&(l, r)| l < t && t <= r)
}

/// Sorted, disjoint union of spans.
pub fn union(mut spans: Vec<(Instant, Instant)>) -> Vec<(Instant, Instant)> {
    spans.retain(|(l, r)| l < r);
    spans.sort();
    let mut out: Vec<(Instant, Instant)> = Vec::new();
    for (l, r) in spans {
        match out.last_mut() {
            Some(last) if l <= last.1 => last.1 = last.1.max(r),
            _ => out.push((l, r)),
        }
    }
    out
}

/// Intersection of two sorted, disjoint span lists (quadratic on purpose).
pub fn intersect(a: &[(Instant, Instant)], b: &[(Instant, Instant)]) -> Vec<(Instant, Instant)> {
    let mut out = Vec::new();
    for &(l1, r1) in a {
        for &(l2, r2) in b {
            let (l, r) = (l1.max(l2), r1.min(r2));
            if l < r {
                out.push((l, r));
            }
        }
    }
    union(out)
}

pub fn measure(spans: &[(Instant, Instant)]) -> i64 {
    spans.iter().map(|(l, r)| r - l).sum()
}

// ---------------------------------------------------------------------------
// §4 Exclusions
// ---------------------------------------------------------------------------

/// The excluded set `X` as disjoint `[s, e)` spans.
#[derive(Clone, Debug, Default)]
pub struct Exclusions {
    pub spans: Vec<(Instant, Instant)>,
}

impl Exclusions {
    pub fn contains(&self, t: Instant) -> bool {
        self.spans.iter().any(|&(s, e)| s <= t && t < e)
    }
}

/// Expands the SLO's exclusions over `(from, to]`.
pub fn exclusions(slo: &Slo, from: Instant, to: Instant) -> Exclusions {
    let mut spans = Vec::new();
    for ex in &slo.exclude {
        spans.push((ex.start, ex.end));
        if let Some(rule) = &ex.rrule {
            // Recurrences are wall-clock arithmetic in a zone: not this file's
            // subject, so the crate's expansion is used as is.
            spans.extend(slogate::time::rrule::expand(
                rule,
                ex.start,
                ex.end - ex.start,
                &ex.zone,
                from,
                to,
            ));
        }
    }
    Exclusions {
        spans: union(spans),
    }
}

// ---------------------------------------------------------------------------
// §5 Windows and periods
// ---------------------------------------------------------------------------

/// `(start, end)` of the calendar period with `start < t <= end`.
pub fn calendar_period(
    unit: CalendarUnit,
    zone: &slogate::time::zone::Zone,
    t: Instant,
) -> (Instant, Instant) {
    if !matches!(zone.name(), "UTC" | "Z" | "Etc/UTC" | "+00:00") {
        return slogate::time::calendar::period_containing(unit, zone, t);
    }
    // Periods are closed at their end, so the period "containing" t is the
    // ordinary half-open [start, end) period containing t − 1 ms.
    let day = Date::from_days((t - 1).div_euclid(DAY));
    let (first, next) = match unit {
        CalendarUnit::Day => (day, day.add_days(1)),
        CalendarUnit::Week => {
            let monday = day.add_days(-(i64::from(day.iso_weekday()) - 1));
            (monday, monday.add_days(7))
        }
        CalendarUnit::Month => {
            let first = Date { day: 1, ..day };
            (first, first.add_months(1))
        }
        CalendarUnit::Quarter => {
            let first = Date {
                month: (day.month - 1) / 3 * 3 + 1,
                day: 1,
                ..day
            };
            (first, first.add_months(3))
        }
        CalendarUnit::Year => {
            let first = Date {
                month: 1,
                day: 1,
                ..day
            };
            (first, first.add_months(12))
        }
    };
    (first.to_days() * DAY, next.to_days() * DAY)
}

/// The SLO window `(a, T]` and the period length P.
pub fn window(slo: &Slo, at: Instant) -> (Instant, Millis) {
    match &slo.window {
        Window::Rolling { duration } => (at - duration, *duration),
        Window::Calendar { unit, zone } => {
            let (start, end) = calendar_period(*unit, zone, at);
            (start, end - start)
        }
    }
}

// ---------------------------------------------------------------------------
// §3 Roles and groups
// ---------------------------------------------------------------------------

/// The SLI of one instance.
#[derive(Clone, Debug)]
pub enum InstanceSli {
    /// Each role: `None` when the SLI does not use it; `Some(empty role)`
    /// when it does but this instance has no series for it.
    Ratio {
        good: Option<Role>,
        bad: Option<Role>,
        total: Option<Role>,
    },
    Threshold {
        role: Role,
        op: CmpOp,
        value: f64,
    },
}

pub struct Instance {
    pub group: Vec<(String, String)>,
    pub sli: InstanceSli,
    /// The step of the SLI's first role's first series (for §7's default L).
    pub first_step: Option<Millis>,
}

fn group_key(series: &Series, group_by: &[String]) -> Vec<String> {
    group_by
        .iter()
        .map(|label| series.label(label).unwrap_or("").to_string())
        .collect()
}

/// §3: one instance per distinct groupBy tuple occurring in any role.
pub fn instances(slo: &Slo, data: &DataSet) -> Vec<Instance> {
    // The roles the SLI uses, in the fixed order good, bad, total.
    let role_refs: Vec<(&str, &slogate::policy::SeriesRef)> = match &slo.sli {
        Sli::Ratio { good, bad, total } => [("good", good), ("bad", bad), ("total", total)]
            .into_iter()
            .filter_map(|(r, s)| s.as_ref().map(|s| (r, s)))
            .collect(),
        Sli::Threshold { series, .. } => vec![("series", series)],
    };
    let mut keys: BTreeSet<Vec<String>> = BTreeSet::new();
    for (_, r) in &role_refs {
        for s in data.named(&r.name) {
            keys.insert(group_key(s, &slo.group_by));
        }
    }
    // AMBIGUITY: with no series at all, the doc's rule yields no instance.
    // The reference reports one instance without data instead (group `[]`
    // when there is no groupBy, else every label ""), so an SLO never
    // silently disappears from a report.
    if keys.is_empty() {
        keys.insert(vec![String::new(); slo.group_by.len()]);
    }
    let mut out = Vec::new();
    for key in keys {
        let role_of = |r: &slogate::policy::SeriesRef| -> Role {
            Role {
                series: data
                    .named(&r.name)
                    .filter(|s| group_key(s, &slo.group_by) == key)
                    .map(|s| prepare(s, s.kind.unwrap_or(r.kind)))
                    .collect(),
            }
        };
        let sli = match &slo.sli {
            Sli::Ratio { good, bad, total } => InstanceSli::Ratio {
                good: good.as_ref().map(role_of),
                bad: bad.as_ref().map(role_of),
                total: total.as_ref().map(role_of),
            },
            Sli::Threshold { series, op, value } => InstanceSli::Threshold {
                role: role_of(series),
                op: *op,
                value: *value,
            },
        };
        // AMBIGUITY: "the SLI's first role" = the first of good, bad, total
        // that the SLI uses (the model does not keep document order); its
        // first series in input order. No series there ⇒ no step.
        let first_role = match &sli {
            InstanceSli::Ratio { good, bad, total } => {
                [good, bad, total].into_iter().flatten().next().unwrap()
            }
            InstanceSli::Threshold { role, .. } => role,
        };
        let first_step = first_role.series.first().and_then(|s| s.clean.step);
        let group = slo.group_by.iter().cloned().zip(key).collect();
        out.push(Instance {
            group,
            sli,
            first_step,
        });
    }
    out
}

impl Instance {
    pub fn roles(&self) -> Vec<&Role> {
        match &self.sli {
            InstanceSli::Ratio { good, bad, total } => {
                [good, bad, total].into_iter().flatten().collect()
            }
            InstanceSli::Threshold { role, .. } => vec![role],
        }
    }

    /// §3: K, the intersection of the roles' known time, up to `until`.
    pub fn known(&self, until: Instant) -> Vec<(Instant, Instant)> {
        let roles = self.roles();
        let mut k = roles[0].known(until);
        for r in &roles[1..] {
            k = intersect(&k, &r.known(until));
        }
        k
    }

    /// §6: `(N, B')` over `(x, y]`, counting only interval ends in `k`.
    pub fn counts(
        &self,
        x: Instant,
        y: Instant,
        excl: &Exclusions,
        k: &[(Instant, Instant)],
    ) -> (f64, f64) {
        let sums: Vec<f64> = self
            .roles()
            .iter()
            .map(|r| r.events(x, y, excl, k))
            .collect();
        self.combine(&sums)
    }

    /// §6: `(N, B')` from the events of the SLI's roles (in the order good,
    /// bad, total, as far as the SLI uses them).
    pub fn combine(&self, sums: &[f64]) -> (f64, f64) {
        let InstanceSli::Ratio { good, bad, total } = &self.sli else {
            panic!("counts of a threshold SLI");
        };
        let (n, b) = match (good.is_some(), bad.is_some(), total.is_some()) {
            (true, false, true) => (sums[1], sums[1] - sums[0]), // good/total: B = N − G
            (false, true, true) => (sums[1], sums[0]),           // bad/total
            (true, true, false) => (sums[0] + sums[1], sums[1]), // good/bad: N = G + B
            _ => panic!("a ratio SLI has exactly two roles"),
        };
        // B' = min(max(B, 0), N): skew between queries never makes negative
        // failures, nor more failures than events.
        (n, b.max(0.0).min(n))
    }
}

// ---------------------------------------------------------------------------
// §7 Timeslices
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SliceState {
    Good,
    Bad,
    Idle,
    Missing,
}

/// Time (ms) per state over a set of slices.
#[derive(Clone, Copy, Debug, Default)]
pub struct SliceSums {
    pub good: i64,
    pub bad: i64,
    pub idle: i64,
}

impl SliceSums {
    pub fn any_data(&self) -> bool {
        self.good + self.bad + self.idle > 0
    }
}

/// The slice grid of one evaluation: origin `a`, length `L`.
///
/// To stay affordable on a month of minute data, the grid files every
/// non-excluded interval (by its end) and every non-excluded gauge sample
/// under the one full slice `(a + kL, a + (k+1)L]` that contains it, in one
/// pass; a slice's state then looks only at its own bucket (filtering by the
/// cut end). That is §7's "the data in it", read literally.
pub struct Grid<'a> {
    pub inst: &'a Instance,
    pub origin: Instant,
    pub len: Millis,
    pub slice_target: f64,
    /// Per role (in the order good, bad, total used by the SLI): slice index
    /// → intervals ending in that slice.
    role_buckets: Vec<HashMap<i64, Vec<Interval>>>,
    /// Threshold SLIs: slice index → samples in that slice.
    sample_buckets: HashMap<i64, Vec<(Instant, f64)>>,
}

impl<'a> Grid<'a> {
    pub fn new(
        inst: &'a Instance,
        excl: &Exclusions,
        k: &[(Instant, Instant)],
        origin: Instant,
        len: Millis,
        slice_target: f64,
    ) -> Self {
        // The full slice containing t: a + kL < t <= a + (k+1)L.
        let slice_of = |t: Instant| (t - origin - 1).div_euclid(len);
        let mut role_buckets = Vec::new();
        for role in inst.roles() {
            let mut buckets: HashMap<i64, Vec<Interval>> = HashMap::new();
            for s in &role.series {
                for iv in &s.intervals {
                    // §7: only intervals that count (§3–4) are "data in" a slice.
                    if !excl.contains(iv.end) && in_known(k, iv.end) {
                        buckets.entry(slice_of(iv.end)).or_default().push(*iv);
                    }
                }
            }
            role_buckets.push(buckets);
        }
        let mut sample_buckets: HashMap<i64, Vec<(Instant, f64)>> = HashMap::new();
        if let InstanceSli::Threshold { role, .. } = &inst.sli {
            for s in &role.series {
                for (t, v) in s.clean.times.iter().zip(&s.clean.values) {
                    if !excl.contains(*t) {
                        sample_buckets
                            .entry(slice_of(*t))
                            .or_default()
                            .push((*t, *v));
                    }
                }
            }
        }
        Grid {
            inst,
            origin,
            len,
            slice_target,
            role_buckets,
            sample_buckets,
        }
    }

    /// The state of slice `k` cut at `hi` (`hi` = its end, or T if earlier).
    pub fn state(&self, k: i64, hi: Instant) -> SliceState {
        match &self.inst.sli {
            InstanceSli::Ratio { .. } => {
                let mut sums = [0.0; 2]; // per role (a ratio SLI has two): events in the slice
                for (r, buckets) in self.role_buckets.iter().enumerate() {
                    let mut any = false;
                    for iv in buckets
                        .get(&k)
                        .into_iter()
                        .flatten()
                        .filter(|iv| iv.end <= hi)
                    {
                        any = true;
                        sums[r] += iv.events;
                    }
                    if !any {
                        // Some role has no known, non-excluded interval here.
                        return SliceState::Missing;
                    }
                }
                let (n, b) = self.inst.combine(&sums);
                if n == 0.0 {
                    SliceState::Idle
                } else if 1.0 - b / n >= self.slice_target {
                    SliceState::Good
                } else {
                    SliceState::Bad
                }
            }
            InstanceSli::Threshold { op, value, .. } => {
                let samples: Vec<f64> = self
                    .sample_buckets
                    .get(&k)
                    .into_iter()
                    .flatten()
                    .filter(|(t, _)| *t <= hi)
                    .map(|(_, v)| *v)
                    .collect();
                if samples.is_empty() {
                    SliceState::Missing
                } else if samples.iter().all(|v| op.holds(*v, *value)) {
                    SliceState::Good
                } else {
                    SliceState::Bad
                }
            }
        }
    }

    /// Sums over `(x, t]` on this grid, each slice weighed by its overlap
    /// with the window (§7), the slice containing `t` cut at `t`.
    pub fn sums(&self, x: Instant, t: Instant) -> SliceSums {
        let mut sums = SliceSums::default();
        // Slice k is (a + kL, min(a + (k+1)L, t)]. Start a couple of slices
        // before the first one that can qualify and test every slice.
        let mut k = (x - self.origin).div_euclid(self.len) - 2;
        loop {
            let lo = self.origin + k * self.len;
            if lo >= t {
                break; // this slice starts at or after t: not yet begun
            }
            let hi = (self.origin + (k + 1) * self.len).min(t);
            if hi > x {
                let weight = hi - lo.max(x);
                match self.state(k, hi) {
                    SliceState::Good => sums.good += weight,
                    SliceState::Bad => sums.bad += weight,
                    SliceState::Idle => sums.idle += weight,
                    SliceState::Missing => {}
                }
            }
            k += 1;
        }
        sums
    }
}

// ---------------------------------------------------------------------------
// One SLO instance at one instant
// ---------------------------------------------------------------------------

/// Everything about one instance needed to answer queries at time `t` with
/// SLO window start `a`.
pub struct Ctx<'a> {
    pub slo: &'a Slo,
    pub inst: &'a Instance,
    pub excl: &'a Exclusions,
    /// Report's window start: the slice grid origin.
    pub a: Instant,
    pub p: Millis,
    /// §3: the instance's known time as of the report's T; an interval end
    /// counts only in it (also at burn-down points, §12).
    pub k: Vec<(Instant, Instant)>,
    pub grid: Option<Grid<'a>>,
}

/// Threshold SLIs are defined through slices only (SPEC §1: "a slice is good
/// iff value op threshold"), so they always budget by timeslices.
/// AMBIGUITY: the doc does not say what `budgeting: occurrences` means for a
/// threshold SLI; the reference treats it as timeslices.
pub fn uses_timeslices(slo: &Slo) -> bool {
    slo.budgeting == Budgeting::Timeslices || matches!(slo.sli, Sli::Threshold { .. })
}

impl<'a> Ctx<'a> {
    pub fn new(
        slo: &'a Slo,
        inst: &'a Instance,
        excl: &'a Exclusions,
        a: Instant,
        p: Millis,
        t: Instant,
    ) -> Self {
        let k = inst.known(t);
        let grid = if uses_timeslices(slo) {
            slo.slice
                .or(inst.first_step)
                .filter(|l| *l > 0)
                .map(|len| Grid::new(inst, excl, &k, a, len, slo.slice_target))
        } else {
            None
        };
        Ctx {
            slo,
            inst,
            excl,
            a,
            p,
            k,
            grid,
        }
    }

    fn ts(&self) -> bool {
        uses_timeslices(self.slo)
    }

    /// `1 − O` as the doc takes it: an exact decimal (README, "Objectives
    /// are decimals"): 0.999 gives 1/1000, not 0.0010000000000000009.
    /// Returned as `(num, den)`, whole numbers held exactly.
    fn share(&self) -> (f64, f64) {
        let o = self.slo.objective;
        let text = format!("{o}");
        match text.strip_prefix("0.") {
            Some(digits) if o > 0.0 && o < 1.0 && digits.len() <= 15 => {
                let den = 10f64.powi(digits.len() as i32);
                (den - digits.parse::<f64>().unwrap(), den)
            }
            _ => (1.0 - o, 1.0),
        }
    }

    /// `x / (1 − O)`.
    fn per_share(&self, x: f64) -> f64 {
        let (num, den) = self.share();
        x * den / num
    }

    /// `(1 − O) × x`.
    fn of_share(&self, x: f64) -> f64 {
        let (num, den) = self.share();
        x * num / den
    }

    /// Allowed budget in seconds for timeslices: (1 − O) × P.
    fn allowed_seconds(&self) -> f64 {
        self.of_share(self.p as f64 / 1000.0)
    }

    /// The budget over the SLO window `(x, t]` (x = a for the report).
    pub fn budget(&self, x: Instant, t: Instant) -> BudgetReport {
        let none = |unit| BudgetReport {
            unit,
            allowed: None,
            consumed: None,
            remaining: None,
            remaining_ratio: None,
        };
        if self.ts() {
            let Some(grid) = &self.grid else {
                return none(BudgetUnit::Seconds);
            };
            let s = grid.sums(x, t);
            if !s.any_data() {
                return none(BudgetUnit::Seconds);
            }
            let allowed = self.allowed_seconds();
            let consumed = s.bad as f64 / 1000.0;
            let remaining = allowed - consumed;
            BudgetReport {
                unit: BudgetUnit::Seconds,
                allowed: Some(allowed),
                consumed: Some(consumed),
                remaining: Some(remaining),
                // §7/§13: divide before multiplying.
                remaining_ratio: Some(1.0 - self.per_share(s.bad as f64 / self.p as f64)),
            }
        } else {
            let (n, b) = self.inst.counts(x, t, self.excl, &self.k);
            if n == 0.0 {
                return none(BudgetUnit::Events);
            }
            let allowed = self.of_share(n);
            BudgetReport {
                unit: BudgetUnit::Events,
                allowed: Some(allowed),
                consumed: Some(b),
                remaining: Some(allowed - b),
                // §6/§13: the bad share first, so nothing underflows.
                remaining_ratio: Some(1.0 - self.per_share(b / n)),
            }
        }
    }

    /// SLI over `(x, t]`: the whole window (`sli`) or `(T − W, T]` (`sli(W)`).
    pub fn sli(&self, x: Instant, t: Instant) -> Option<f64> {
        if self.ts() {
            let s = self.grid.as_ref()?.sums(x, t);
            let known = s.good + s.bad;
            (known > 0).then(|| s.good as f64 / known as f64)
        } else {
            let (n, b) = self.inst.counts(x, t, self.excl, &self.k);
            (n != 0.0).then(|| 1.0 - b / n)
        }
    }

    /// burn_rate(W) at t: not clipped to the SLO window (§5).
    pub fn burn_rate(&self, w: Millis, t: Instant) -> Option<f64> {
        let x = t - w;
        if self.ts() {
            let s = self.grid.as_ref()?.sums(x, t);
            let known = s.good + s.bad;
            (known > 0).then(|| self.per_share(s.bad as f64 / known as f64))
        } else {
            let (n, b) = self.inst.counts(x, t, self.excl, &self.k);
            (n != 0.0).then(|| self.per_share(b / n))
        }
    }

    /// consumed(W) at the report's T: clipped to `(max(a, T − W), T]`.
    pub fn consumed_in(&self, w: Millis, t: Instant) -> Option<f64> {
        self.consumed_in_window(self.a, w, t)
    }

    /// consumed(W) at `t` for the SLO window `(a, t]` (a burn-down point's).
    pub fn consumed_in_window(&self, a: Instant, w: Millis, t: Instant) -> Option<f64> {
        let x = a.max(t - w);
        if self.ts() {
            let grid = self.grid.as_ref()?;
            // AMBIGUITY: §7 does not say when consumed(W) is no data; like the
            // budget it belongs to, it is no data when the SLO window has no
            // slice with data (the occurrences analogue of N = 0).
            if !grid.sums(a, t).any_data() {
                return None;
            }
            let bad = grid.sums(x, t).bad as f64;
            Some(self.per_share(bad / self.p as f64))
        } else {
            let (n_window, _) = self.inst.counts(a, t, self.excl, &self.k);
            if n_window == 0.0 {
                return None;
            }
            let (_, b) = self.inst.counts(x, t, self.excl, &self.k);
            Some(self.per_share(b / n_window))
        }
    }

    /// §8: |K ∩ (a, t] \ X| / |(a, t] \ X|.
    pub fn coverage(&self, t: Instant) -> Option<f64> {
        self.coverage_in(self.a, t)
    }

    /// Coverage of the window `(a, t]` (a burn-down point's window, §12).
    pub fn coverage_in(&self, a: Instant, t: Instant) -> Option<f64> {
        let window = vec![(a, t)];
        let x_in_window = intersect(&self.excl.spans, &window);
        let elapsed = measure(&window) - measure(&x_in_window);
        if elapsed <= 0 {
            return None;
        }
        let k_in_window = intersect(&self.k, &window);
        let known = measure(&k_in_window) - measure(&intersect(&k_in_window, &x_in_window));
        Some(known as f64 / elapsed as f64)
    }
}

/// §9: seconds to exhaustion; `Some(inf)` is "never".
pub fn time_to_exhaustion(r: Option<f64>, b: Option<f64>, p: Millis) -> Option<f64> {
    let (r, b) = (r?, b?);
    if r <= 0.0 {
        Some(0.0)
    } else if b == 0.0 {
        Some(f64::INFINITY)
    } else {
        // §9: beyond the largest finite number is never, too.
        Some((r / b) * (p as f64 / 1000.0))
    }
}

// ---------------------------------------------------------------------------
// §11 Rule expressions, Kleene logic
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    Num(Option<f64>),
    Truth(Option<bool>),
}

/// Evaluates `e`; `held` receives the left-hand value of the first
/// comparison (left to right, every node evaluated — no short circuit) that
/// is true.
/// AMBIGUITY: "the first comparison that held" is read textually: the
/// leftmost comparison that evaluated to true, even if a later part decided
/// the outcome. An infinite left value (time_to_exhaustion "never") is
/// reported as `None`, as the report writes "never" as null.
pub fn eval_expr(e: &Expr, term: &dyn Fn(&Term) -> Val, held: &mut Option<Option<f64>>) -> Val {
    match e {
        Expr::Number(n) => Val::Num(Some(*n)),
        Expr::Term(t) => term(t),
        Expr::Compare(l, op, r) => {
            let lv = eval_expr(l, term, held);
            let rv = eval_expr(r, term, held);
            let num = |v: Val| match v {
                Val::Num(n) => n,
                Val::Truth(b) => b.map(|b| if b { 1.0 } else { 0.0 }),
            };
            match (num(lv), num(rv)) {
                (Some(a), Some(b)) => {
                    let truth = op.holds(a, b);
                    if truth && held.is_none() {
                        *held = Some(a.is_finite().then_some(a));
                    }
                    Val::Truth(Some(truth))
                }
                _ => Val::Truth(None),
            }
        }
        Expr::And(l, r) => {
            let (a, b) = (
                truth(eval_expr(l, term, held)),
                truth(eval_expr(r, term, held)),
            );
            Val::Truth(match (a, b) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            })
        }
        Expr::Or(l, r) => {
            let (a, b) = (
                truth(eval_expr(l, term, held)),
                truth(eval_expr(r, term, held)),
            );
            Val::Truth(match (a, b) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            })
        }
        Expr::Not(a) => Val::Truth(truth(eval_expr(a, term, held)).map(|b| !b)),
    }
}

fn truth(v: Val) -> Option<bool> {
    match v {
        Val::Truth(b) => b,
        Val::Num(_) => None, // a number where a truth belongs: unknown
    }
}

/// Whether `rule` applies to `slo` (§11: a rule with `slos` applies only to
/// the SLOs it names; their places in the policy).
fn applies(rule: &slogate::policy::Rule, policy: &Policy, slo: &Slo) -> bool {
    let index = policy
        .slos
        .iter()
        .position(|s| std::ptr::eq(s, slo))
        .expect("the SLO is the policy's");
    rule.slos.as_ref().is_none_or(|slos| slos.contains(&index))
}

/// Every window a rule that applies to `slo` names through `consumed(W)`,
/// `burn_rate(W)`, `sli(W)`.
fn rule_windows(policy: &Policy, slo: &Slo) -> (BTreeSet<Millis>, BTreeSet<Millis>) {
    let mut any = BTreeSet::new();
    let mut consumed = BTreeSet::new();
    for rule in policy.rules.iter().filter(|r| applies(r, policy, slo)) {
        for t in slogate::expr::terms(&rule.when) {
            match t {
                Term::ConsumedIn(w) => {
                    any.insert(*w);
                    consumed.insert(*w);
                }
                Term::BurnRate(w) | Term::SliIn(w) => {
                    any.insert(*w);
                }
                _ => {}
            }
        }
    }
    (any, consumed)
}

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

pub fn evaluate(policy: &Policy, data: &DataSet, at: i64) -> Report {
    evaluate_with_ties(policy, data, at).0
}

/// The report, and per SLO instance the burn-down points where an alert
/// pair's burn rate ties with its factor (within rounding): there the two
/// implementations may fairly disagree on whether it fires.
pub fn evaluate_with_ties(policy: &Policy, data: &DataSet, at: i64) -> (Report, Vec<Vec<Instant>>) {
    let mut slos = Vec::new();
    let mut ties = Vec::new();
    for slo in &policy.slos {
        let (rule_ws, consumed_ws) = rule_windows(policy, slo);
        for inst in instances(slo, data) {
            let (report, tied) =
                evaluate_instance(policy, slo, &inst, data, at, &rule_ws, &consumed_ws);
            slos.push(report);
            ties.push(tied);
        }
    }
    let worst = slos
        .iter()
        .map(|s| level_index(policy, &s.level))
        .max()
        .unwrap_or(0);
    let report = Report {
        policy: policy.name.clone(),
        at,
        level: policy.levels[worst].clone(),
        levels: policy.levels.clone(),
        slos,
    };
    (report, ties)
}

fn level_index(policy: &Policy, name: &str) -> usize {
    policy.levels.iter().position(|l| l == name).unwrap()
}

fn evaluate_instance(
    policy: &Policy,
    slo: &Slo,
    inst: &Instance,
    data: &DataSet,
    t: Instant,
    rule_ws: &BTreeSet<Millis>,
    consumed_ws: &BTreeSet<Millis>,
) -> (SloReport, Vec<Instant>) {
    let (a, p) = window(slo, t);
    // Recurring exclusions are expanded from before any sample to T.
    let earliest = data
        .series
        .iter()
        .flat_map(|s| s.times.iter().copied())
        .min()
        .unwrap_or(a);
    let excl = exclusions(slo, earliest.min(a) - 1, t);
    let ctx = Ctx::new(slo, inst, &excl, a, p, t);
    let now = judge_point(policy, slo, &ctx, a, t, t);

    // §12 burn-rate windows: standard, alert, rule and forecast windows.
    // AMBIGUITY: "every window a rule names" includes the windows of
    // consumed(W) and sli(W), not only burn_rate(W).
    let mut windows: BTreeSet<Millis> = STANDARD_WINDOWS.into_iter().collect();
    for alert in &slo.alerting {
        for w in &alert.windows {
            windows.insert(w.long);
            if let Some(short) = w.short {
                windows.insert(short);
            }
        }
    }
    windows.extend(rule_ws.iter().copied());
    windows.insert(slo.forecast_window);
    let burn_rates: Vec<(Millis, Option<f64>)> =
        windows.iter().map(|&w| (w, ctx.burn_rate(w, t))).collect();
    let consumed_in: Vec<(Millis, Option<f64>)> = consumed_ws
        .iter()
        .map(|&w| (w, ctx.consumed_in(w, t)))
        .collect();

    // §12 burn-down and level timeline: each point recomputed from scratch.
    let span = t - a;
    let n = span.min(500);
    let mut burndown = Burndown::default();
    let mut timeline: Vec<Segment> = Vec::new();
    let mut ties = Vec::new();
    for j in 0..n {
        let tj = a + (j + 1) * span / n;
        let x = match slo.window {
            Window::Rolling { duration } => tj - duration,
            Window::Calendar { .. } => a,
        };
        burndown.t.push(tj);
        let point = judge_point(policy, slo, &ctx, x, tj, t);
        if point.tie {
            ties.push(tj);
        }
        burndown.remaining_ratio.push(point.budget.remaining_ratio);
        // §12 burn rates over time: each window's burn rate at t_j.
        for (i, &w) in windows.iter().enumerate() {
            if burndown.burn_rates.len() <= i {
                burndown.burn_rates.push((w, Vec::new()));
            }
            burndown.burn_rates[i].1.push(ctx.burn_rate(w, tj));
        }
        let segment = Segment {
            from: timeline.last().map_or(a, |s| s.to),
            to: tj,
            level: policy.levels[point.level].clone(),
            reasons: point.reasons.iter().map(|r| r.when.clone()).collect(),
            alerts: point
                .alerts
                .iter()
                .filter(|al| al.firing)
                .map(|al| al.name.clone())
                .collect(),
            pending: point
                .alerts
                .iter()
                .filter(|al| al.pending_since.is_some())
                .map(|al| al.name.clone())
                .collect(),
        };
        match timeline.last_mut() {
            Some(last)
                if last.level == segment.level
                    && last.reasons == segment.reasons
                    && last.alerts == segment.alerts
                    && last.pending == segment.pending =>
            {
                last.to = tj
            }
            _ => timeline.push(segment),
        }
    }
    let PointVerdict {
        budget,
        sli,
        coverage,
        alerts,
        tte,
        level,
        reasons,
        tie: _,
    } = now;

    let report = SloReport {
        name: slo.name.clone(),
        group: inst.group.clone(),
        objective: slo.objective,
        window: WindowReport {
            start: a,
            end: t,
            period_seconds: p as f64 / 1000.0,
        },
        coverage,
        sli,
        budget,
        burn_rates,
        consumed_in,
        alerts,
        // "never" (+∞) is null in the report.
        forecast_window: slo.forecast_window,
        time_to_exhaustion_seconds: tte.filter(|v| v.is_finite()),
        level: policy.levels[level].clone(),
        reasons,
        burndown,
        timeline,
        warnings: Vec::new(),
    };
    (report, ties)
}

/// Everything §6–§11 say about one evaluation instant `t` with SLO window
/// `(a, t]`: the report's T, or a burn-down point (§12).
struct PointVerdict {
    budget: BudgetReport,
    sli: Option<f64>,
    coverage: Option<f64>,
    alerts: Vec<AlertReport>,
    tte: Option<f64>,
    level: usize,
    reasons: Vec<Reason>,
    /// Some pair's burn rate equals its factor within rounding.
    tie: bool,
}

/// §10: f = B × P / L, or the fixed factor F; and the share of the budget
/// the pair stands for (B, or F × L / P); whether F was written.
fn factor_of(w: &BurnWindow, p: Millis) -> (f64, f64, bool) {
    match w.threshold {
        Threshold::Budget(b) => (b * p as f64 / w.long as f64, b, false),
        Threshold::Factor(f) => (f, f * w.long as f64 / p as f64, true),
    }
}

/// §10: a pair fires at `t` iff burn_rate(L) > f and (a single window
/// aside) burn_rate(S) > f; no data never fires.
fn pair_fires(w: &BurnWindow, ctx: &Ctx, t: Instant) -> bool {
    let (factor, _, _) = factor_of(w, ctx.p);
    let above = |b: Option<f64>| b.is_some_and(|b| b > factor);
    above(ctx.burn_rate(w.long, t)) && w.short.is_none_or(|s| above(ctx.burn_rate(s, t)))
}

/// Whether a burn rate of a pair at `t` is within rounding of its factor.
fn pair_ties(w: &BurnWindow, ctx: &Ctx, t: Instant) -> bool {
    let (factor, _, _) = factor_of(w, ctx.p);
    let near = |b: Option<f64>| b.is_some_and(|b| close(Some(b), Some(factor)));
    near(ctx.burn_rate(w.long, t)) || w.short.is_some_and(|s| near(ctx.burn_rate(s, t)))
}

/// §10 hold times, straight from the doc: `(firing, pending since)` of
/// `alert` at `t` in an evaluation at `at`, its condition at `t` being
/// `now`. The steps are `at − k·h` (k ≥ 1) before `t`, h the slice length
/// L of §7; it fires iff the condition holds at `t` and at every step from
/// the last one at or before `t − D` on.
/// The third value: whether a burn rate at a step it judged ties with its
/// factor (then the engine may fairly judge that step otherwise).
fn held(
    alert: &Alert,
    ctx: &Ctx,
    at: Instant,
    t: Instant,
    now: bool,
) -> (bool, Option<Instant>, bool) {
    if !now {
        return (false, None, false);
    }
    if alert.hold == 0 {
        return (true, None, false);
    }
    let Some(h) = ctx.slo.slice.or(ctx.inst.first_step).filter(|h| *h > 0) else {
        return (false, Some(t), false);
    };
    let mut tie = false;
    let mut holds = |g: Instant| {
        tie |= alert.windows.iter().any(|w| pair_ties(w, ctx, g));
        alert.windows.iter().any(|w| pair_fires(w, ctx, g))
    };
    let mut since = t;
    let mut k = 1;
    loop {
        let g = at - k * h;
        k += 1;
        if g >= t {
            continue;
        }
        if !holds(g) {
            return (false, Some(since), tie);
        }
        since = g;
        if g <= t - alert.hold {
            return (true, None, tie);
        }
    }
}

fn judge_point(
    policy: &Policy,
    slo: &Slo,
    ctx: &Ctx,
    a: Instant,
    t: Instant,
    at: Instant,
) -> PointVerdict {
    let p = ctx.p;
    let budget = ctx.budget(a, t);
    let sli = ctx.sli(a, t);
    let coverage = ctx.coverage_in(a, t);

    // §10 alerts.
    let mut hold_tie = false;
    let alerts: Vec<AlertReport> = slo
        .alerting
        .iter()
        .map(|alert| {
            let pairs: Vec<PairReport> = alert
                .windows
                .iter()
                .map(|w| {
                    let (factor, budget, fixed_factor) = factor_of(w, p);
                    let long_burn = ctx.burn_rate(w.long, t);
                    let short_burn = w.short.and_then(|s| ctx.burn_rate(s, t));
                    PairReport {
                        long: w.long,
                        short: w.short,
                        budget,
                        factor,
                        fixed_factor,
                        long_burn,
                        short_burn,
                        firing: pair_fires(w, ctx, t),
                    }
                })
                .collect();
            let now = pairs.iter().any(|p| p.firing);
            let (firing, pending_since, tie) = held(alert, ctx, at, t, now);
            hold_tie |= tie;
            AlertReport {
                name: alert.name.clone(),
                severity: alert.severity.clone(),
                firing,
                hold: alert.hold,
                pending_since,
                pairs,
            }
        })
        .collect();

    let tte = time_to_exhaustion(
        budget.remaining_ratio,
        ctx.burn_rate(slo.forecast_window, t),
        p,
    );

    // §11 levels.
    let term = |term: &Term| -> Val {
        match term {
            Term::Remaining => Val::Num(budget.remaining_ratio),
            Term::Consumed => Val::Num(budget.remaining_ratio.map(|r| 1.0 - r)),
            Term::ConsumedIn(w) => Val::Num(ctx.consumed_in_window(a, *w, t)),
            Term::BurnRate(w) => Val::Num(ctx.burn_rate(*w, t)),
            Term::Sli => Val::Num(sli),
            Term::SliIn(w) => Val::Num(ctx.sli(t - w, t)),
            Term::TimeToExhaustion => Val::Num(tte),
            Term::Coverage => Val::Num(coverage),
            // AMBIGUITY: an alert the SLO does not have is unknown.
            Term::Alert(name) => Val::Truth(
                alerts
                    .iter()
                    .find(|al| &al.name == name)
                    .map(|al| al.firing),
            ),
        }
    };
    let mut reasons = Vec::new();
    let mut level = 0;
    for rule in policy.rules.iter().filter(|r| applies(r, policy, slo)) {
        let mut held = None;
        if eval_expr(&rule.when, &term, &mut held) == Val::Truth(Some(true)) {
            level = level.max(rule.level);
            reasons.push(Reason {
                level: policy.levels[rule.level].clone(),
                when: rule.when_text.clone(),
                value: held.flatten(),
                action: rule.action.clone(),
            });
        }
    }
    let near = |b: Option<f64>, f: f64| b.is_some_and(|b| close(Some(b), Some(f)));
    let tie = alerts
        .iter()
        .flat_map(|a| &a.pairs)
        .any(|p| near(p.long_burn, p.factor) || near(p.short_burn, p.factor))
        || hold_tie;
    PointVerdict {
        budget,
        sli,
        coverage,
        alerts,
        tte,
        level,
        reasons,
        tie,
    }
}

// ---------------------------------------------------------------------------
// Comparison helpers for tests
// ---------------------------------------------------------------------------

/// Equal within 1e-9 relative (1e-9 absolute near 0); `None` only equals `None`.
pub fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

/// Differences between two reports (warnings are not compared); empty = same.
pub fn diff(expected: &Report, actual: &Report) -> Vec<String> {
    diff_with_ties(expected, &[], actual)
}

/// The state of the level timeline at each burn-down point.
fn timeline_states(s: &SloReport) -> Vec<Option<&Segment>> {
    s.burndown
        .t
        .iter()
        .map(|&t| s.timeline.iter().find(|g| g.from < t && t <= g.to))
        .collect()
}

/// [`diff`], tolerating timeline differences at the points of `ties`
/// ([`evaluate_with_ties`]).
pub fn diff_with_ties(expected: &Report, ties: &[Vec<Instant>], actual: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let mut num = |what: String, a: Option<f64>, b: Option<f64>| {
        if !close(a, b) {
            out.push(format!("{what}: reference {a:?} engine {b:?}"));
        }
    };
    let mut d = Vec::new();
    if expected.policy != actual.policy {
        d.push(format!("policy: {} vs {}", expected.policy, actual.policy));
    }
    if expected.at != actual.at {
        d.push(format!("at: {} vs {}", expected.at, actual.at));
    }
    if expected.level != actual.level {
        d.push(format!("level: {} vs {}", expected.level, actual.level));
    }
    if expected.levels != actual.levels {
        d.push(format!(
            "levels: {:?} vs {:?}",
            expected.levels, actual.levels
        ));
    }
    if expected.slos.len() != actual.slos.len() {
        d.push(format!(
            "slo count: {} vs {}",
            expected.slos.len(),
            actual.slos.len()
        ));
        return d;
    }
    for (i, (e, g)) in expected.slos.iter().zip(&actual.slos).enumerate() {
        let p = format!("slos[{i}] {} {:?}", e.name, e.group);
        if e.name != g.name || e.group != g.group {
            d.push(format!("{p}: identity vs {} {:?}", g.name, g.group));
            continue;
        }
        num(
            format!("{p}.objective"),
            Some(e.objective),
            Some(g.objective),
        );
        if e.window.start != g.window.start || e.window.end != g.window.end {
            d.push(format!("{p}.window: {:?} vs {:?}", e.window, g.window));
        }
        num(
            format!("{p}.window.periodSeconds"),
            Some(e.window.period_seconds),
            Some(g.window.period_seconds),
        );
        num(format!("{p}.coverage"), e.coverage, g.coverage);
        num(format!("{p}.sli"), e.sli, g.sli);
        if e.budget.unit != g.budget.unit {
            d.push(format!(
                "{p}.budget.unit: {:?} vs {:?}",
                e.budget.unit, g.budget.unit
            ));
        }
        num(
            format!("{p}.budget.allowed"),
            e.budget.allowed,
            g.budget.allowed,
        );
        num(
            format!("{p}.budget.consumed"),
            e.budget.consumed,
            g.budget.consumed,
        );
        num(
            format!("{p}.budget.remaining"),
            e.budget.remaining,
            g.budget.remaining,
        );
        num(
            format!("{p}.budget.remainingRatio"),
            e.budget.remaining_ratio,
            g.budget.remaining_ratio,
        );
        for (what, ev, gv) in [
            ("burnRates", &e.burn_rates, &g.burn_rates),
            ("consumedIn", &e.consumed_in, &g.consumed_in),
        ] {
            let ew: Vec<Millis> = ev.iter().map(|x| x.0).collect();
            let gw: Vec<Millis> = gv.iter().map(|x| x.0).collect();
            if ew != gw {
                d.push(format!("{p}.{what} windows: {ew:?} vs {gw:?}"));
                continue;
            }
            for ((w, a), (_, b)) in ev.iter().zip(gv) {
                num(
                    format!("{p}.{what}[{}]", slogate::time::format_duration(*w)),
                    *a,
                    *b,
                );
            }
        }
        num(
            format!("{p}.timeToExhaustionSeconds"),
            e.time_to_exhaustion_seconds,
            g.time_to_exhaustion_seconds,
        );
        if e.alerts.len() != g.alerts.len() {
            d.push(format!(
                "{p}.alerts count: {} vs {}",
                e.alerts.len(),
                g.alerts.len()
            ));
        } else {
            for (ea, ga) in e.alerts.iter().zip(&g.alerts) {
                let q = format!("{p}.alerts[{}]", ea.name);
                if ea.name != ga.name
                    || ea.severity != ga.severity
                    || ea.pairs.len() != ga.pairs.len()
                {
                    d.push(format!("{q}: {ea:?} vs {ga:?}"));
                    continue;
                }
                let mut tie = false;
                for (ep, gp) in ea.pairs.iter().zip(&ga.pairs) {
                    if ep.long != gp.long || ep.short != gp.short {
                        d.push(format!("{q}: pair windows {ep:?} vs {gp:?}"));
                        continue;
                    }
                    num(format!("{q}.budget"), Some(ep.budget), Some(gp.budget));
                    num(format!("{q}.factor"), Some(ep.factor), Some(gp.factor));
                    num(format!("{q}.longBurn"), ep.long_burn, gp.long_burn);
                    num(format!("{q}.shortBurn"), ep.short_burn, gp.short_burn);
                    // A burn rate within rounding of the factor may fire in one
                    // implementation and not the other: not a disagreement.
                    let near = |b: Option<f64>| b.is_some_and(|b| close(Some(b), Some(ep.factor)));
                    let pair_tie = near(ep.long_burn) || near(ep.short_burn);
                    tie |= pair_tie;
                    if ep.firing != gp.firing && !pair_tie {
                        d.push(format!("{q}: pair {ep:?} vs {gp:?}"));
                    }
                }
                // A tie at a step of the hold time decides it too.
                let tie = tie || ties.get(i).is_some_and(|t| t.contains(&e.window.end));
                if (ea.firing, ea.pending_since) != (ga.firing, ga.pending_since) && !tie {
                    d.push(format!(
                        "{q}: firing {} pending since {:?} vs firing {} pending since {:?}",
                        ea.firing, ea.pending_since, ga.firing, ga.pending_since
                    ));
                }
                if ea.hold != ga.hold {
                    d.push(format!("{q}.hold: {} vs {}", ea.hold, ga.hold));
                }
            }
        }
        if e.level != g.level {
            d.push(format!("{p}.level: {} vs {}", e.level, g.level));
        }
        let er: Vec<(&str, &str)> = e
            .reasons
            .iter()
            .map(|r| (r.level.as_str(), r.when.as_str()))
            .collect();
        let gr: Vec<(&str, &str)> = g
            .reasons
            .iter()
            .map(|r| (r.level.as_str(), r.when.as_str()))
            .collect();
        if er != gr {
            d.push(format!("{p}.reasons: {er:?} vs {gr:?}"));
        }
        let tied = ties.get(i).map_or(&[][..], |v| v.as_slice());
        let (es, gs) = (timeline_states(e), timeline_states(g));
        type Key<'s> = (&'s str, &'s [String], &'s [String], &'s [String]);
        fn key<'s>(s: &Option<&'s Segment>) -> Option<Key<'s>> {
            s.map(|s| {
                (
                    s.level.as_str(),
                    s.reasons.as_slice(),
                    s.alerts.as_slice(),
                    s.pending.as_slice(),
                )
            })
        }
        let same = |(t, (a, b)): (&Instant, (&Option<&Segment>, &Option<&Segment>))| {
            key(a) == key(b) || tied.contains(t)
        };
        let agree = es.len() == gs.len()
            && e.burndown.t.iter().zip(es.iter().zip(&gs)).all(same)
            && e.timeline.first().map(|s| s.from) == g.timeline.first().map(|s| s.from);
        if !agree {
            d.push(format!(
                "{p}.timeline:\n  reference {:?}\n  engine    {:?}",
                e.timeline, g.timeline
            ));
        }
        if e.burndown.t != g.burndown.t
            || e.burndown.remaining_ratio.len() != g.burndown.remaining_ratio.len()
        {
            d.push(format!(
                "{p}.burndown.t differs ({} vs {} points)",
                e.burndown.t.len(),
                g.burndown.t.len()
            ));
        } else {
            for (j, (a, b)) in e
                .burndown
                .remaining_ratio
                .iter()
                .zip(&g.burndown.remaining_ratio)
                .enumerate()
            {
                num(format!("{p}.burndown[{j}] t={}", e.burndown.t[j]), *a, *b);
            }
            // Burn rates over time: only when the engine was asked for them.
            if !g.burndown.burn_rates.is_empty() {
                let windows = |b: &Burndown| b.burn_rates.iter().map(|r| r.0).collect::<Vec<_>>();
                if windows(&e.burndown) != windows(&g.burndown) {
                    d.push(format!(
                        "{p}.burndown.burnRates windows: {:?} vs {:?}",
                        windows(&e.burndown),
                        windows(&g.burndown)
                    ));
                } else {
                    for ((w, es), (_, gs)) in
                        e.burndown.burn_rates.iter().zip(&g.burndown.burn_rates)
                    {
                        for (j, (a, b)) in es.iter().zip(gs).enumerate() {
                            num(
                                format!("{p}.burndown.burnRates[{w}][{j}] t={}", e.burndown.t[j]),
                                *a,
                                *b,
                            );
                        }
                    }
                }
            }
        }
    }
    d.extend(out);
    d
}
