//! `eval --prometheus`: the series the policy needs and no `--data` file
//! gives, fetched within the evaluation's two limits. The number of requests
//! is known from the plan before the first is sent (`--max-requests`), and
//! one deadline covers all of them (`--timeout`).

use std::time::Duration;

use slogate::data::prometheus::{request_count, Client, MAX_POINTS};
use slogate::time::{format_duration, format_rfc3339, Instant, Millis, SECOND};
use slogate::Series;

use crate::args::EvalArgs;
use crate::needs::Needed;

/// Fetches each `(series, query)` of `wanted` from the Prometheus at `url`,
/// far enough back from `at` to cover `lookback`. Every problem is
/// collected, one message per series; a plan over `--max-requests` is
/// refused whole, before any request.
pub fn fetch_all(
    url: &str,
    wanted: &[(&Needed, &str)],
    lookback: Millis,
    at: Instant,
    args: &EvalArgs,
) -> Result<Vec<Series>, Vec<String>> {
    let step = args.step;
    let start = range_start(lookback, at, step);
    let per_series = request_count(start, at, step);
    let total = per_series.saturating_mul(wanted.len() as u64);
    if total > args.max_requests {
        return Err(vec![too_many_requests(
            wanted.len() as u64,
            per_series,
            lookback,
            at,
            args,
        )]);
    }
    let timeout = Duration::from_millis(args.timeout.max(0).unsigned_abs());
    let client = Client::new(url, timeout);
    let mut series = Vec::new();
    let mut errors = Vec::new();
    for (n, query) in wanted {
        match client.query_range(query, start, at, step) {
            // Without this, the engine would only say that no series has
            // the name, hiding that the query matched nothing.
            Ok(found) if found.is_empty() => errors.push(format!(
                "error: series \"{}\" ({}): Prometheus at {} has no data for {query} from {} to {}; check the query (a query that may match no series, e.g. of errors, can end in 'or vector(0)')",
                n.name, n.path, client.shown_url(), format_rfc3339(start), format_rfc3339(at)
            )),
            Ok(found) => series.extend(found.into_iter().map(|s| Series {
                name: n.name.clone(),
                ..s
            })),
            Err(e) => errors.push(format!("error: series \"{}\" ({}): {e}", n.name, n.path)),
        }
    }
    if errors.is_empty() {
        Ok(series)
    } else {
        Err(errors)
    }
}

/// The first evaluation instant: `at`, `at - step`, … back over `lookback`
/// and two steps more (the first sample of a series only opens it), so the
/// last sample is exactly at `at`.
fn range_start(lookback: Millis, at: Instant, step: Millis) -> Instant {
    let steps_back = (lookback.saturating_add(step - 1) / step).saturating_add(2);
    at.saturating_sub(steps_back.saturating_mul(step))
}

/// The refusal of a plan over `--max-requests`: how many requests it would
/// take, why, and the finest `--step` that fits.
fn too_many_requests(
    series: u64,
    per_series: u64,
    lookback: Millis,
    at: Instant,
    args: &EvalArgs,
) -> String {
    // "over 3d": the lookback the policy needs (the range adds two steps).
    let plan = format!(
        "error: fetching {series} series from Prometheus over {} at --step {} would take {} requests ({per_series} a series, at most {MAX_POINTS} steps a request), more than --max-requests {}",
        format_duration(lookback),
        format_duration(args.step),
        per_series.saturating_mul(series),
        args.max_requests
    );
    let allowed = args.max_requests / series;
    if allowed == 0 {
        return format!("{plan}: raise --max-requests to at least {series}, or pass some series as --data files");
    }
    let fits = |seconds: i64| {
        let step = seconds.saturating_mul(SECOND);
        request_count(range_start(lookback, at, step), at, step) <= allowed
    };
    // The fewest whole seconds that fit, by bisection (fewer requests as
    // the step grows); one step over the whole lookback always fits.
    let (mut low, mut high) = (0, (lookback.saturating_add(SECOND - 1) / SECOND).max(1));
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if fits(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    format!(
        "{plan}: use --step {} or coarser, or raise --max-requests",
        format_duration(high * SECOND)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use slogate::time::{DAY, MINUTE};

    #[test]
    fn the_range_ends_at_at_and_reaches_two_steps_past_the_lookback() {
        assert_eq!(range_start(DAY, 10 * DAY, MINUTE), 9 * DAY - 2 * MINUTE);
        assert_eq!(range_start(DAY + 1, 10 * DAY, MINUTE), 9 * DAY - 3 * MINUTE);
        // No overflow, whatever the lookback.
        assert_eq!(range_start(Millis::MAX, -10, 1), Instant::MIN);
    }
}
