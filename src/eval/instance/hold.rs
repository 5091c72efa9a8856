//! Hold times: an alert with `for: D` fires only once its condition has held
//! for D, as a Prometheus alert's `for` does (docs/arithmetic.md §10).
//!
//! The condition is judged at the hold's steps, the instants `T − k·h`
//! (`k ≥ 1`) of an evaluation at `T`, where the step `h` is the instance's
//! (a timeslice's length, else the step of its first series): as a rule
//! group evaluated every `h` ending at `T`. At an instant `t <= T` (`T`
//! itself, or a point of the level timeline) the alert is
//!
//! - *inactive* when its condition does not hold at `t`;
//! - *firing* when it holds at `t` and at every step from the last one at or
//!   before `t − D` up to `t`;
//! - *pending* otherwise, since the earliest instant of the unbroken run of
//!   steps where it holds that ends at `t` (Prometheus' `activeAt`).
//!
//! The level timeline asks at up to 500 increasing points: [`Hold`] keeps
//! the run of steps found true and the last step found false, so each step
//! is judged about once however long D is (the cost follows the data, not
//! D × 500).

use crate::time::{Instant, Millis};

/// An alert's state at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertState {
    Inactive,
    /// The condition holds, not yet for the whole hold time: since when.
    Pending(Instant),
    Firing,
}

/// One alert's hold over one evaluation's steps.
pub struct Hold {
    /// D; 0 fires at once.
    hold: Millis,
    /// h, if the instance has a step.
    step: Option<Millis>,
    /// T: the steps are `at − k·h`.
    at: Instant,
    /// Steps `k` in `lo..=hi` whose condition is known to hold.
    run: Option<(i64, i64)>,
    /// The step found false last.
    false_at: Option<i64>,
}

impl Hold {
    pub fn new(hold: Millis, step: Option<Millis>, at: Instant) -> Hold {
        Hold {
            hold,
            step: step.filter(|&h| h > 0),
            at,
            run: None,
            false_at: None,
        }
    }

    /// The state at `t <= T`, given whether the condition holds at `t`
    /// (`now`) and how to judge it at a step (`holds`).
    pub fn state(
        &mut self,
        t: Instant,
        now: bool,
        holds: &mut dyn FnMut(Instant) -> bool,
    ) -> AlertState {
        if !now {
            return AlertState::Inactive;
        }
        if self.hold == 0 {
            return AlertState::Firing;
        }
        // No step: nothing has been judged before `t`.
        let Some(h) = self.step else {
            return AlertState::Pending(t);
        };
        let behind = self.at - t;
        // The first step before `t`, and the last one at or before `t − D`.
        let first = behind / h + 1;
        let last = (behind + self.hold + h - 1) / h;
        let mut k = first;
        let state = loop {
            if k > last {
                break AlertState::Firing;
            }
            if let Some((_, hi)) = self.run.filter(|&(lo, hi)| lo <= k && k <= hi) {
                k = hi + 1;
                continue;
            }
            if self.false_at != Some(k) && holds(self.at - k * h) {
                k += 1;
                continue;
            }
            self.false_at = Some(k);
            break AlertState::Pending(if k == first { t } else { self.at - (k - 1) * h });
        };
        // Steps first..k are true: one run with the known one if they meet.
        if k > first {
            self.run = Some(match self.run {
                Some((lo, hi)) if lo <= k && hi + 1 >= first => (lo.min(first), hi.max(k - 1)),
                _ => (first, k - 1),
            });
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::MINUTE;

    /// The state at each minute of `truth` (the condition at minutes 0..),
    /// evaluated at the last minute with a 1-minute step.
    fn states(truth: &[bool], hold: Millis) -> Vec<AlertState> {
        let at = (truth.len() as i64 - 1) * MINUTE;
        let mut calls = 0;
        let mut h = Hold::new(hold, Some(MINUTE), at);
        let out = (0..truth.len())
            .map(|m| {
                h.state(m as i64 * MINUTE, truth[m], &mut |s| {
                    calls += 1;
                    s >= 0 && truth[(s / MINUTE) as usize]
                })
            })
            .collect();
        // Each step judged about once, not once per point.
        assert!(calls <= 2 * truth.len(), "{calls} judgements");
        out
    }

    #[test]
    fn pending_for_four_minutes_fires_at_the_fifth_and_resets_after_one_step_below() {
        use AlertState::*;
        let truth = [false, true, true, true, true, true, true, false, true, true];
        let m = |k: i64| k * MINUTE;
        assert_eq!(
            states(&truth, 5 * MINUTE),
            vec![
                Inactive,
                Pending(m(1)),
                Pending(m(1)),
                Pending(m(1)),
                Pending(m(1)),
                Pending(m(1)),
                Firing,
                Inactive,
                Pending(m(8)),
                Pending(m(8)),
            ]
        );
        // Without a hold: the condition itself.
        assert_eq!(states(&truth, 0)[6], Firing);
        assert_eq!(states(&truth, 0)[1], Firing);
    }

    #[test]
    fn a_point_between_steps_counts_the_steps_before_it() {
        // Steps at 0, 1, …, 10 minutes; a point at 6.5 minutes with D = 5m
        // needs the steps 1..=6 (1 is the last at or before 1.5).
        let at = 10 * MINUTE;
        let mut h = Hold::new(5 * MINUTE, Some(MINUTE), at);
        let from = |first: i64| move |s: Instant| s >= first * MINUTE;
        let t = 6 * MINUTE + MINUTE / 2;
        assert_eq!(h.state(t, true, &mut from(1)), AlertState::Firing);
        let mut h = Hold::new(5 * MINUTE, Some(MINUTE), at);
        assert_eq!(
            h.state(t, true, &mut from(2)),
            AlertState::Pending(2 * MINUTE)
        );
        // No step: pending since the instant itself.
        let mut h = Hold::new(5 * MINUTE, None, at);
        assert_eq!(h.state(at, true, &mut |_| true), AlertState::Pending(at));
    }
}
