//! Cleaning a series (docs/arithmetic.md §1): sorted by time, the last of
//! duplicate times kept, non-finite values removed, the step known.
//!
//! The common case — a datasource's output, already sorted, unique and finite
//! — is detected in one pass and borrowed, not copied.

use std::borrow::Cow;

use crate::time::{Instant, Millis};

/// A cleaned series: strictly increasing times, finite values.
pub struct Clean<'a> {
    pub times: Cow<'a, [Instant]>,
    pub values: Cow<'a, [f64]>,
    /// `None` when fewer than two samples and none was given.
    pub step: Option<Millis>,
}

/// How many consecutive differences step inference looks at, at most.
const STEP_SAMPLE: usize = 255;

pub fn clean<'a>(times: &'a [Instant], values: &'a [f64], given_step: Option<Millis>) -> Clean<'a> {
    // One pass, no short-circuit, so it vectorizes.
    let finite = values.iter().fold(true, |ok, v| ok & v.is_finite());
    let later = times.get(1..).unwrap_or_default();
    let sorted = later
        .iter()
        .zip(times)
        .fold(true, |ok, (b, a)| ok & (a < b));
    if finite && sorted {
        return already_clean(times, values, given_step);
    }
    let (t, v) = sort_dedupe_drop(times, values);
    with_step(Cow::Owned(t), Cow::Owned(v), given_step)
}

/// A series the caller has checked: times strictly increasing, values all
/// finite, columns of equal length (what [`clean`] would find and borrow).
/// The WebAssembly bindings check while converting the times, so the
/// columns are not walked twice.
pub fn already_clean<'a>(
    times: &'a [Instant],
    values: &'a [f64],
    given_step: Option<Millis>,
) -> Clean<'a> {
    debug_assert!(times.windows(2).all(|w| w[0] < w[1]));
    debug_assert!(values.iter().all(|v| v.is_finite()));
    with_step(Cow::Borrowed(times), Cow::Borrowed(values), given_step)
}

fn with_step<'a>(
    times: Cow<'a, [Instant]>,
    values: Cow<'a, [f64]>,
    given_step: Option<Millis>,
) -> Clean<'a> {
    let step = given_step.filter(|s| *s > 0).or_else(|| infer_step(&times));
    Clean {
        times,
        values,
        step,
    }
}

fn sort_dedupe_drop(times: &[Instant], values: &[f64]) -> (Vec<Instant>, Vec<f64>) {
    let mut order: Vec<usize> = (0..times.len()).collect();
    // Stable: among equal times, input order is kept, so the last one wins below.
    crate::sort::sort_by_key(&mut order, |&i| times[i]);
    let mut out_t = Vec::with_capacity(times.len());
    let mut out_v = Vec::with_capacity(times.len());
    for (pos, &i) in order.iter().enumerate() {
        let is_last_of_its_time = order
            .get(pos + 1)
            .is_none_or(|&next| times[next] != times[i]);
        if is_last_of_its_time && values[i].is_finite() {
            out_t.push(times[i]);
            out_v.push(values[i]);
        }
    }
    (out_t, out_v)
}

/// The lower median of up to 255 evenly spread consecutive differences.
pub fn infer_step(times: &[Instant]) -> Option<Millis> {
    let m = times.len().checked_sub(1).filter(|m| *m > 0)?;
    let mut sample: Vec<Millis> = if m <= STEP_SAMPLE {
        // Saturating: the range check of the times comes after cleaning.
        times
            .windows(2)
            .map(|w| w[1].saturating_sub(w[0]))
            .collect()
    } else {
        (0..STEP_SAMPLE)
            .map(|k| {
                let j = 1 + k * m / STEP_SAMPLE;
                times[j].saturating_sub(times[j - 1])
            })
            .collect()
    };
    crate::sort::sort(&mut sample);
    Some(sample[(sample.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_clean_input() {
        let (t, v) = ([1, 2, 3], [1.0, 2.0, 3.0]);
        let c = clean(&t, &v, None);
        assert!(matches!(c.times, Cow::Borrowed(_)));
        assert_eq!(c.step, Some(1));
    }

    #[test]
    fn sorts_keeps_last_duplicate_and_drops_non_finite() {
        let t = [30, 10, 20, 10, 40, 50];
        let v = [3.0, 1.0, f64::NAN, 1.5, f64::INFINITY, 5.0];
        let c = clean(&t, &v, None);
        // 10 → the later 1.5; 20 → NaN dropped; 40 → Inf dropped.
        assert_eq!(&*c.times, &[10, 30, 50]);
        assert_eq!(&*c.values, &[1.5, 3.0, 5.0]);
    }

    #[test]
    fn a_missing_last_duplicate_hides_the_earlier_value() {
        let c = clean(&[10, 10, 20], &[1.0, f64::NAN, 2.0], None);
        assert_eq!(&*c.times, &[20]);
        assert_eq!(c.step, None);
    }

    #[test]
    fn infers_the_median_spacing() {
        // Spacings 60, 60, 600 (a gap), 60: the median is 60.
        assert_eq!(infer_step(&[0, 60, 120, 720, 780]), Some(60));
        // Even count: lower median of [60, 61] is 60.
        assert_eq!(infer_step(&[0, 60, 121]), Some(60));
        let long: Vec<i64> = (0..100_000).map(|i| i * 15_000).collect();
        assert_eq!(infer_step(&long), Some(15_000));
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        assert_eq!(infer_step(&[i64::MIN, i64::MAX]), Some(i64::MAX));
    }

    #[test]
    fn a_given_step_wins() {
        assert_eq!(clean(&[0, 60], &[1.0, 1.0], Some(30)).step, Some(30));
    }
}
