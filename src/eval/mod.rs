//! The arithmetic, exactly as `docs/arithmetic.md` states it.
//!
//! [`Engine::evaluate`] makes one pass over each series an SLO instance reads
//! (cleaning, events, known time) into prefix sums or a slice table; every
//! window after that — burn rates, alerts, rules, the burn-down — is an
//! O(log n) query. The cost of the 30-day window does not grow with the
//! number of windows asked for.

mod clean;
mod error;
mod groups;
mod instance;
mod measure;
pub mod plan;
mod slices;
mod spans;
mod stream;
#[cfg(test)]
mod tests;

pub use error::{EvalError, EvalErrorKind};
pub use instance::History;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::expr::{terms, Term};
use crate::policy::{Policy, SeriesRef, Sli, Slo};
use crate::report::{Report, SloReport, Warning, WarningKind};
use crate::series::{DataSet, Series, SeriesKind};
use crate::time::{Instant, Millis, DAY, HOUR, MINUTE};
use clean::{already_clean, clean, Clean};
use groups::{instances, Instance};
use instance::{Frame, InstanceInputs, TimelineAsks};
use measure::{build_ratio, build_threshold, BuildNotes, DataReading, Role, RolePair};
use spans::Spans;

/// Burn rates every report carries (docs/arithmetic.md §12).
pub const REPORTED_BURN_WINDOWS: [Millis; 7] = [
    5 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    6 * HOUR,
    DAY,
    3 * DAY,
];

/// A policy made ready to evaluate many times.
#[derive(Clone, Debug)]
pub struct Engine {
    pub policy: Policy,
    /// Warnings found while reading the policy.
    pub warnings: Vec<Diagnostic>,
}

/// The windows one SLO's report and rules ask for, from the policy.
struct SloWindows {
    burn_windows: Vec<Millis>,
    consumed_windows: Vec<Millis>,
    /// The longest look-back of any window, and of any alert's hold time
    /// before it: a held alert judges its windows up to `for` earlier.
    longest: Millis,
    /// Windows named by rules (`burn_rate(W)`, `sli(W)`): with the alerts'
    /// and the SLO's own, what the level timeline asks at every point.
    rule_windows: Vec<Millis>,
    /// Whether a rule reads `coverage` (the level timeline asks).
    reads_coverage: bool,
    /// Whether a rule reads `time_to_exhaustion` (the timeline asks).
    reads_tte: bool,
}

impl Engine {
    pub fn from_text(text: &str) -> Result<Engine, Diagnostics> {
        let parsed = Policy::parse(text)?;
        Ok(Engine::new(parsed.policy, parsed.warnings))
    }

    pub fn new(policy: Policy, warnings: Vec<Diagnostic>) -> Engine {
        Engine { policy, warnings }
    }

    /// Evaluates the policy at instant `at` on `data`.
    ///
    /// Errors: a series the policy names is absent from `data` (an empty
    /// series is fine: it is no data), or a series' columns differ in length.
    pub fn evaluate(&self, data: &DataSet, at: Instant) -> Result<Report, EvalError> {
        self.evaluate_known_clean(data, at, &[], History::FULL, None)
            .map(|(report, _)| report)
    }

    /// [`Engine::evaluate`] with only the history a host shows: every other
    /// number of the report is the same, and what is left out is empty (an
    /// overview of 100,000 `groupBy` instances has no use for 100,000
    /// 500-point burn-downs, which are most of the report's size and time).
    pub fn evaluate_with(
        &self,
        data: &DataSet,
        at: Instant,
        history: History,
    ) -> Result<Report, EvalError> {
        self.evaluate_known_clean(data, at, &[], history, None)
            .map(|(report, _)| report)
    }

    /// [`Engine::evaluate_with`] for an edit of `previous`'s policy, on the
    /// data, instant and history of an evaluation with `previous` whose
    /// report the caller kept: an editor re-evaluating on every keystroke
    /// computes only the SLOs the keystroke changed.
    ///
    /// An SLO instance's report depends on nothing but the SLO as decoded
    /// (defaults applied), the policy's levels and rules, the data, the
    /// instant and the history asked for — not on the policy's name nor the
    /// SLO's place. So when the levels and rules equal `previous`'s, every
    /// SLO equal to one of `previous` (`PartialEq` of the policy model: a
    /// field added to it takes part by construction) is left out of the
    /// report, and `reused[i]` is the index in `previous` of the SLO whose
    /// kept instances stand for SLO `i`; `None`: evaluated, its instances
    /// are in the report. The report's `level` is then the worst of the
    /// evaluated SLOs only: the caller's is the worst of it and the kept
    /// ones. Everything else, errors included, is `evaluate_with`'s.
    ///
    /// Equal data, instant and history are the caller's to check: with other
    /// ones the kept reports are not this evaluation's.
    pub fn evaluate_after(
        &self,
        data: &DataSet,
        at: Instant,
        history: History,
        previous: &Policy,
    ) -> Result<(Report, Vec<Option<usize>>), EvalError> {
        self.evaluate_known_clean(data, at, &[], history, Some(previous))
    }

    /// [`Engine::evaluate`] when the caller has already checked some series:
    /// `known_clean[i]` true = series `i` has columns of equal length,
    /// strictly increasing times and finite values, so cleaning borrows it
    /// without walking it again.
    pub(crate) fn evaluate_known_clean(
        &self,
        data: &DataSet,
        at: Instant,
        known_clean: &[bool],
        history: History,
        previous: Option<&Policy>,
    ) -> Result<(Report, Vec<Option<usize>>), EvalError> {
        check_instant("the evaluation time", at)?;
        // Each series is cleaned once per evaluation, whatever reads it.
        let mut cleaned = Vec::with_capacity(data.series.len());
        for (i, s) in data.series.iter().enumerate() {
            cleaned.push(prepare(s, known_clean.get(i) == Some(&true))?);
        }
        let input = Input {
            data,
            cleaned,
            at,
            history,
        };
        let previous =
            previous.filter(|p| p.levels == self.policy.levels && p.rules == self.policy.rules);
        let mut reused = Vec::with_capacity(self.policy.slos.len());
        let mut instances = 0;
        let mut slos = Vec::new();
        let unscoped = self.policy.rules.iter().all(|r| r.slos.is_none());
        for (index, slo) in self.policy.slos.iter().enumerate() {
            let room = MAX_INSTANCES - instances;
            // A kept SLO is at its old place, unless no rule is scoped:
            // `slos` are places, so a moved SLO could fall under another
            // rule's scope with the rules themselves unchanged.
            let kept = previous
                .and_then(|p| p.slos.iter().position(|s| s == slo))
                .filter(|&k| k == index || unscoped);
            // A kept SLO's instances are still counted, and their number
            // checked, exactly as if evaluated.
            let out = if kept.is_some() {
                None
            } else {
                Some(&mut slos)
            };
            instances += self.evaluate_slo(index, slo, &input, room, out)?;
            reused.push(kept);
        }
        let worst = slos
            .iter()
            .map(|s| self.level_index(&s.level))
            .max()
            .unwrap_or(0);
        let report = Report {
            policy: self.policy.name.clone(),
            at,
            level: self.policy.levels.get(worst).cloned().unwrap_or_default(),
            levels: self.policy.levels.clone(),
            slos,
        };
        Ok((report, reused))
    }

    fn level_index(&self, level: &str) -> usize {
        crate::report::level_rank(&self.policy.levels, level).unwrap_or(0)
    }

    fn windows(&self, index: usize, slo: &Slo) -> SloWindows {
        let mut burn: Vec<Millis> = REPORTED_BURN_WINDOWS.to_vec();
        let mut consumed = Vec::new();
        let mut rule_windows = Vec::new();
        let mut reads_coverage = false;
        let mut reads_tte = false;
        burn.push(slo.forecast_window);
        for alert in &slo.alerting {
            for w in &alert.windows {
                // Pushed, not extended from `w.windows()`: the iterator
                // chain costs the WebAssembly module its own fold.
                burn.push(w.long);
                burn.extend(w.short);
            }
        }
        for rule in self.policy.rules.iter().filter(|r| r.applies_to(index)) {
            for term in terms(&rule.when) {
                // docs/arithmetic.md §12: a burn rate for every window a rule
                // that applies to the SLO names.
                if let Some((_, w)) = term.window() {
                    burn.push(w);
                    if matches!(term, Term::ConsumedIn(_)) {
                        consumed.push(w);
                    } else {
                        rule_windows.push(w);
                    }
                }
                reads_coverage |= *term == Term::Coverage;
                reads_tte |= *term == Term::TimeToExhaustion;
            }
        }
        crate::sort::sort(&mut burn);
        burn.dedup();
        crate::sort::sort(&mut consumed);
        consumed.dedup();
        let hold = slo.alerting.iter().map(|a| a.hold).max().unwrap_or(0);
        let longest = burn.last().copied().unwrap_or(0).saturating_add(hold);
        SloWindows {
            burn_windows: burn,
            consumed_windows: consumed,
            longest,
            rule_windows,
            reads_coverage,
            reads_tte,
        }
    }

    fn evaluate_slo(
        &self,
        index: usize,
        slo: &Slo,
        input: &Input,
        room: usize,
        out: Option<&mut Vec<SloReport>>,
    ) -> Result<usize, EvalError> {
        let Input {
            data,
            ref cleaned,
            at,
            history,
        } = *input;
        let roles = roles(index, slo, data, cleaned)?;
        let instances = instances(slo, &roles);
        if instances.len() > room {
            return Err(EvalError::new(
                EvalErrorKind::TooMuchData,
                format!(
                    "SLO \"{}\": groupBy [{}] makes {} instances, and one evaluation may have at most {MAX_INSTANCES} in all (each carries a {}-point burn-down): group by fewer labels or query fewer series",
                    slo.name,
                    crate::join::join(&slo.group_by, ", "),
                    instances.len(),
                    instance::BURNDOWN_POINTS
                ),
            ));
        }
        let count = instances.len();
        let Some(reports) = out else {
            return Ok(count);
        };
        // Only for an SLO evaluated: a kept one needs its instances counted, no more.
        let frame = Frame::of(slo, at);
        let plan = self.windows(index, slo);
        let from = plan::reads_from(&frame, &plan);
        let asks = timeline_asks(slo, &frame, &plan);
        let excluded = exclusions(slo, from, at);
        for Instance { key, roles: picked } in instances {
            let reading = DataReading {
                from,
                at,
                window_start: frame.start,
                excluded: &excluded,
                budgeting: slo.budgeting,
                slice: slo.slice,
                slice_target: slo.slice_target,
            };
            let mut notes = BuildNotes::default();
            let (measure, known) = match (&slo.sli, <[Role; 2]>::try_from(picked)) {
                (Sli::Ratio { good, bad, .. }, Ok(two)) => {
                    let combo = match (good.is_some(), bad.is_some()) {
                        (true, false) => RolePair::GoodTotal,
                        (false, true) => RolePair::BadTotal,
                        _ => RolePair::GoodBad,
                    };
                    build_ratio(two, combo, &reading, &mut notes)?
                }
                (Sli::Threshold { op, value, .. }, Err(mut one)) if one.len() == 1 => {
                    let role = one.pop().expect("one role");
                    build_threshold(role, *op, *value, &reading, &mut notes)
                }
                _ => {
                    // The policy's decoding guarantees two roles or one.
                    return Err(EvalError::new(
                        EvalErrorKind::BadSeries,
                        format!(
                            "SLO \"{}\": its SLI has an unexpected number of series",
                            slo.name
                        ),
                    ));
                }
            };
            let warnings = notes
                .negatives
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(name, n)| {
                    Warning::new(
                        WarningKind::NegativeEvents,
                        format!("series \"{name}\": {n} intervals had negative events and were counted as 0"),
                    )
                })
                .collect();
            let group_labels = slo
                .group_by
                .iter()
                .cloned()
                .zip(key.into_iter().map(String::from))
                .collect();
            reports.push(instance::report(InstanceInputs {
                policy: &self.policy,
                slo,
                slo_index: index,
                group: group_labels,
                frame,
                measure,
                known,
                excluded: &excluded,
                burn_windows: &plan.burn_windows,
                consumed_windows: &plan.consumed_windows,
                timeline: &asks,
                history,
                slice: notes.slice,
                step: notes.step,
                warnings,
            }));
        }
        Ok(count)
    }
}

/// One evaluation's input: the data with each series cleaned once, the
/// instant, and the history the host wants.
struct Input<'d> {
    data: &'d DataSet,
    cleaned: Vec<Clean<'d>>,
    at: Instant,
    history: History,
}

/// What the level timeline asks at each burn-down point, the same for every
/// instance of the SLO: the windows `(t − d, t]` it tallies at every point
/// (the SLO's own when it rolls, each alert pair's long window — the short
/// one only when the long one fires —, every window a rule names), and
/// whether a rule reads coverage or the time to exhaustion.
fn timeline_asks(slo: &Slo, frame: &Frame, plan: &SloWindows) -> TimelineAsks {
    let mut lookbacks = Vec::new();
    if frame.rolling {
        lookbacks.push(frame.period);
    }
    // Pushed one by one: each `extend` from another iterator is another
    // copy of its helpers in the WebAssembly module.
    for alert in &slo.alerting {
        for w in &alert.windows {
            lookbacks.push(w.long);
        }
    }
    for &w in &plan.rule_windows {
        lookbacks.push(w);
    }
    if frame.rolling {
        // consumed(W) is clipped to the window (docs/arithmetic.md §9).
        for &w in &plan.consumed_windows {
            lookbacks.push(w.min(frame.period));
        }
    }
    if plan.reads_tte {
        lookbacks.push(slo.forecast_window);
    }
    crate::sort::sort(&mut lookbacks);
    lookbacks.dedup();
    TimelineAsks {
        lookbacks,
        coverage: plan.reads_coverage,
        time_to_exhaustion: plan.reads_tte,
    }
}

/// The most SLO instances (SLOs × `groupBy` values) one evaluation reports.
/// Each costs ~15 KB natively (~21 KB in WebAssembly, whose memory ends at
/// 4 GiB), mostly its 500-point burn-down: 100,000 take ~2 GB.
pub const MAX_INSTANCES: usize = 100_000;

/// The instants the engine accepts: JavaScript's `Date` range, ±8.64e15 ms
/// (about ±273,790 years). Within it every window, slice and step sum stays
/// far from `i64` overflow.
pub const MAX_INSTANT: Instant = 8_640_000_000_000_000;
/// The longest step a series may declare (400 years, as the longest duration).
pub const MAX_STEP: Millis = 400 * 366 * DAY;

fn check_instant(what: &str, t: Instant) -> Result<(), EvalError> {
    if supported(t) {
        Ok(())
    } else {
        Err(EvalError::new(
            EvalErrorKind::BadInstant,
            out_of_range(what, t),
        ))
    }
}

fn supported(t: Instant) -> bool {
    (-MAX_INSTANT..=MAX_INSTANT).contains(&t)
}

fn out_of_range(what: &str, t: Instant) -> String {
    format!("{what} ({t} ms since 1970) is outside the supported range of ±{MAX_INSTANT} ms (JavaScript's Date range)")
}

/// A series cleaned, with its columns, times and step checked: the times
/// are sorted after cleaning, so only the first and last need a range check.
fn prepare(s: &Series, known_clean: bool) -> Result<Clean<'_>, EvalError> {
    if s.times.len() != s.values.len() {
        return Err(EvalError::bad_series(
            &s.name,
            format!(
                "series \"{}\" has {} times but {} values: the two columns must have the same length",
                s.name,
                s.times.len(),
                s.values.len()
            ),
        ));
    }
    if let Some(step) = s.step.filter(|step| *step <= 0 || *step > MAX_STEP) {
        return Err(EvalError::bad_series(
            &s.name,
            format!(
                "series \"{}\" has step {step} ms: a step must be positive and at most 400 years",
                s.name
            ),
        ));
    }
    let c = if known_clean {
        already_clean(&s.times, &s.values, s.step)
    } else {
        clean(&s.times, &s.values, s.step)
    };
    for t in c.times.first().into_iter().chain(c.times.last()) {
        if !supported(*t) {
            // The index as the host gave the columns, not after sorting.
            let index = s.times.iter().position(|x| x == t);
            let what = format!("a time of series \"{}\"", s.name);
            return Err(EvalError::bad_series(&s.name, out_of_range(&what, *t)).at_index(index));
        }
    }
    Ok(c)
}

/// One role of an SLI: where the policy declares it, its reference and every
/// series supplied under its name.
struct RoleData<'d, 'c> {
    reference: &'d SeriesRef,
    series: Vec<(&'d Series, &'c Clean<'d>)>,
}

fn roles<'d, 'c>(
    index: usize,
    slo: &'d Slo,
    data: &'d DataSet,
    cleaned: &'c [Clean<'d>],
) -> Result<Vec<RoleData<'d, 'c>>, EvalError> {
    plan::roles(index, &slo.sli)
        .into_iter()
        .map(|(path, r)| {
            let series: Vec<(&Series, &Clean)> =
                data.series.iter().zip(cleaned).filter(|(s, _)| s.name == r.name).collect();
            if series.is_empty() {
                let mut names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
                crate::sort::sort(&mut names);
                names.dedup();
                let have = if names.is_empty() { "no series at all".to_string() } else { crate::join::join(&names, ", ") };
                return Err(EvalError {
                    series: Some(r.name.clone()),
                    path: Some(path.clone()),
                    available: names.iter().map(|n| n.to_string()).collect(),
                    ..EvalError::new(
                        EvalErrorKind::MissingSeries,
                        format!("no series named \"{}\" for SLO \"{}\" ({path}); the data has: {have}", r.name, slo.name),
                    )
                });
            }
            let ratio = matches!(slo.sli, Sli::Ratio { .. });
            if let Some((s, _)) = series.iter().find(|(s, _)| ratio && s.kind == Some(SeriesKind::Gauge)) {
                return Err(EvalError::bad_series(
                    &s.name,
                    format!("series \"{}\" is a gauge, but SLO \"{}\" counts events with it ({path}): use kind rate, increase or counter", s.name, slo.name),
                )
                .at_path(&path));
            }
            Ok(RoleData { reference: r, series })
        })
        .collect()
}

/// The SLO's exclusions over `(from, at]`, merged.
fn exclusions(slo: &Slo, from: Instant, at: Instant) -> Spans {
    let mut spans = Vec::new();
    for ex in &slo.exclude {
        match &ex.rrule {
            None => spans.push((ex.start, ex.end)),
            Some(rule) => {
                spans.extend(crate::time::rrule::expand(
                    rule,
                    ex.start,
                    ex.end - ex.start,
                    &ex.zone,
                    from,
                    at,
                ));
            }
        }
    }
    Spans::from_unsorted(spans)
}
