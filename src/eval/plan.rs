//! The data plan: which series an evaluation at `T` reads, over which range,
//! at what coarsest step (docs/arithmetic.md §12 for the range).
//!
//! Every host — `slogate eval --prometheus`, the Grafana panel, the
//! `<slo-gate>` element — fetches by this plan and never works the ranges
//! out itself, so a rolling window's burn-down is never computed on data a
//! host did not think to fetch. The evaluation reads its data from the same
//! `reads_from`, so plan and arithmetic cannot drift apart.

use super::instance::Frame;
use super::{check_instant, Engine, EvalError, SloWindows};
use crate::policy::{Budgeting, SeriesRef, Sli};
use crate::series::SeriesKind;
use crate::time::{Instant, Millis};

/// What an evaluation at [`DataPlan::at`] reads.
#[derive(Clone, Debug, PartialEq)]
pub struct DataPlan {
    pub at: Instant,
    /// Every series the policy names, in the order the policy first names
    /// them, each once.
    pub series: Vec<PlannedSeries>,
}

/// One series of a [`DataPlan`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedSeries {
    /// The name the host supplies the data under.
    pub name: String,
    /// The PromQL the policy gives, if any.
    pub query: Option<String>,
    pub kind: SeriesKind,
    /// Where the policy first names it, e.g. `spec.slos[0].sli.ratio.good`.
    pub path: String,
    /// The labels `groupBy` splits it by (each SLO's, in order, each once).
    pub labels: Vec<String>,
    /// Samples at `start ..= end` give the same report as any longer
    /// history: `start` lies a slice and two steps before the earliest
    /// interval end any window reads, so the interval that crosses into
    /// the range has its opening sample.
    pub start: Instant,
    /// The evaluation instant: later samples are not read.
    pub end: Instant,
    /// The coarsest resolution that keeps every reported window meaningful:
    /// no coarser than the shortest burn-rate, `sli(W)` or `consumed(W)`
    /// window of the report and its rules, nor than a timeslice.
    pub step: Millis,
}

/// The earliest interval end an evaluation of one SLO reads past: the
/// burn-down and the level timeline evaluate at every point of
/// `(start, at]`, and a point's window reaches back a period (rolling) and
/// its burn-rate windows the longest of them, a hold time (`for`) earlier
/// for a held alert.
pub(super) fn reads_from(frame: &Frame, windows: &SloWindows) -> Instant {
    let lookback = windows
        .longest
        .max(if frame.rolling { frame.period } else { 0 });
    frame.start - lookback
}

impl Engine {
    /// The data an evaluation at `at` reads (see [`DataPlan`]).
    ///
    /// Errors: `at` outside the supported instants.
    pub fn plan(&self, at: Instant) -> Result<DataPlan, EvalError> {
        self.plan_for(at, None)
    }

    /// The plan for a host that fetches every series at `step` rather than
    /// at its planned one (`slogate eval --step`): the same series, each
    /// with `step` and a `start` whose margin is counted in `step` (a slice
    /// and two steps), so the interval crossing into the range still has
    /// its opening sample however coarse the step. A step coarser than
    /// [`Engine::plan`]'s makes the shortest windows coarse too; that is
    /// the host's choice. A `step` below 1 ms is taken as 1 ms.
    ///
    /// Errors: `at` outside the supported instants.
    pub fn plan_at_step(&self, at: Instant, step: Millis) -> Result<DataPlan, EvalError> {
        self.plan_for(at, Some(step.max(1)))
    }

    fn plan_for(&self, at: Instant, fixed_step: Option<Millis>) -> Result<DataPlan, EvalError> {
        check_instant("the evaluation time", at)?;
        let mut series: Vec<PlannedSeries> = Vec::new();
        for (index, slo) in self.policy.slos.iter().enumerate() {
            let windows = self.windows(index, slo);
            let shortest = windows.burn_windows.first().copied().unwrap_or(Millis::MAX);
            let step = fixed_step.unwrap_or(match (slo.budgeting, slo.slice) {
                (Budgeting::Timeslices, Some(slice)) => shortest.min(slice),
                _ => shortest,
            });
            // Saturating: a host's step may be as long as it likes.
            let margin = slo
                .slice
                .unwrap_or(step)
                .saturating_add(step.saturating_mul(2));
            let start = reads_from(&Frame::of(slo, at), &windows).saturating_sub(margin);
            for (path, r) in roles(index, &slo.sli) {
                match series.iter_mut().find(|s| s.name == r.name) {
                    Some(s) => {
                        s.start = s.start.min(start);
                        s.step = s.step.min(step);
                        for label in &slo.group_by {
                            if !s.labels.contains(label) {
                                s.labels.push(label.clone());
                            }
                        }
                    }
                    None => series.push(PlannedSeries {
                        name: r.name.clone(),
                        query: r.query.clone(),
                        kind: r.kind,
                        path,
                        labels: slo.group_by.clone(),
                        start,
                        end: at,
                        step,
                    }),
                }
            }
        }
        Ok(DataPlan { at, series })
    }
}

/// An SLI's series with their policy paths, in the order good, bad, total.
pub(crate) fn roles(index: usize, sli: &Sli) -> Vec<(String, &SeriesRef)> {
    match sli {
        Sli::Ratio { good, bad, total } => [("good", good), ("bad", bad), ("total", total)]
            .into_iter()
            .filter_map(|(role, r)| {
                r.as_ref()
                    .map(|r| (format!("spec.slos[{index}].sli.ratio.{role}"), r))
            })
            .collect(),
        Sli::Threshold { series, .. } => {
            vec![(format!("spec.slos[{index}].sli.threshold.series"), series)]
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::time::{DAY, MINUTE};
    use crate::Engine;

    const POLICY: &str = "apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: p}
spec:
  slos:
    - name: s
      objective: 99%
      window: {rolling: 7d}
      sli: {ratio: {good: {name: g, query: g}, total: {name: t, query: t}}}
";

    #[test]
    fn a_host_step_keeps_the_range_and_counts_the_margin_in_its_step() {
        let engine = Engine::from_text(POLICY).unwrap();
        let at = 30 * DAY;
        let planned = engine.plan(at).unwrap();
        // Rolling 7d reads from T − 14d; the margin is a slice and two
        // steps, the slice being the step when the policy gives none.
        assert_eq!(planned.series[0].step, 5 * MINUTE);
        assert_eq!(planned.series[0].start, at - 14 * DAY - 15 * MINUTE);
        assert_eq!(engine.plan_at_step(at, 5 * MINUTE).unwrap(), planned);
        let coarse = engine.plan_at_step(at, DAY).unwrap();
        for s in &coarse.series {
            assert_eq!((s.start, s.end, s.step), (at - 17 * DAY, at, DAY));
        }
        // Any step: no overflow, no step of zero.
        assert_eq!(
            engine.plan_at_step(at, i64::MAX).unwrap().series[0].start,
            at - 14 * DAY - i64::MAX
        );
        assert_eq!(engine.plan_at_step(at, 0).unwrap().series[0].step, 1);
    }
}
