//! `eval --prometheus`: the series of the engine's data plan that no
//! `--data` file gives, each fetched by its planned query over its planned
//! range at its planned step (or `--step`), within the evaluation's two
//! limits. The number of requests is known from the plan before the first
//! is sent (`--max-requests`), and one deadline covers all of them
//! (`--timeout`).

use std::time::Duration;

use slogate::data::prometheus::{request_count, Client, MAX_POINTS};
use slogate::time::{format_duration, format_rfc3339, Instant, Millis, SECOND};
use slogate::{Engine, PlannedSeries, Series};

use crate::args::EvalArgs;

/// Fetches each `(series, query)` of `wanted` from the Prometheus at `url`
/// over the series' planned range and step. Every problem is collected, one
/// message per series; a plan over `--max-requests` is refused whole,
/// before any request, naming the finest step that would fit (worked out
/// on `engine`'s plan at that step).
pub fn fetch_all(
    url: &str,
    wanted: &[(&PlannedSeries, &str)],
    engine: &Engine,
    args: &EvalArgs,
) -> Result<Vec<Series>, Vec<String>> {
    let planned: Vec<&PlannedSeries> = wanted.iter().map(|(p, _)| *p).collect();
    let total = requests(&planned);
    if total > args.max_requests {
        return Err(vec![too_many_requests(&planned, total, engine, args)]);
    }
    let timeout = Duration::from_millis(args.timeout.max(0).unsigned_abs());
    let mut headers = args.headers.clone();
    if let Some(token) = bearer_token(args).map_err(|e| vec![format!("error: {e}")])? {
        headers.push(("Authorization".into(), format!("Bearer {token}")));
    }
    let client = Client::new(url, timeout).with_headers(headers);
    let mut series = Vec::new();
    let mut errors = Vec::new();
    for (p, query) in wanted {
        let start = grid_start(p.start, p.end, p.step);
        match client.query_range(query, start, p.end, p.step) {
            // Without this, the engine would only say that no series has
            // the name, hiding that the query matched nothing.
            Ok(found) if found.is_empty() => errors.push(format!(
                "error: series \"{}\" ({}): Prometheus at {} has no data for {query} from {} to {}; check the query (a query that may match no series, e.g. of errors, can end in 'or vector(0)')",
                p.name, p.path, client.shown_url(), format_rfc3339(start), format_rfc3339(p.end)
            )),
            Ok(found) => series.extend(found.into_iter().map(|s| Series {
                name: p.name.clone(),
                ..s
            })),
            Err(e) => errors.push(format!("error: series \"{}\" ({}): {e}", p.name, p.path)),
        }
    }
    if errors.is_empty() {
        Ok(series)
    } else {
        Err(errors)
    }
}

/// The environment variable a bearer token is read from when no
/// `--bearer-token-file` is given.
pub const TOKEN_VARIABLE: &str = "SLOGATE_PROMETHEUS_TOKEN";

/// The bearer token: from `--bearer-token-file`, else from
/// [`TOKEN_VARIABLE`] when set and not empty; `None` without either.
/// Trailing white space (a file's last line break) is not part of it.
/// Messages name the file or the variable, never the token.
fn bearer_token(args: &EvalArgs) -> Result<Option<String>, String> {
    let (token, source) = match &args.bearer_token_file {
        Some(file) => {
            let text = read_token_file(file)?;
            (text, format!("--bearer-token-file {file}"))
        }
        None => match std::env::var(TOKEN_VARIABLE) {
            Ok(v) if !v.trim().is_empty() => (v, TOKEN_VARIABLE.to_string()),
            Ok(_) | Err(std::env::VarError::NotPresent) => return Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(format!("{TOKEN_VARIABLE} is not valid UTF-8"))
            }
        },
    };
    let token = token.trim_end();
    if token.is_empty() {
        return Err(format!("{source}: the bearer token is empty"));
    }
    if !token.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!(
            "{source}: a bearer token is printable ASCII without spaces or line breaks (one line)"
        ));
    }
    Ok(Some(token.to_string()))
}

/// A token file's text: at most 64 KiB (a token is far shorter; a wrong
/// path such as /dev/zero must not be read forever).
fn read_token_file(file: &str) -> Result<String, String> {
    use std::io::Read;
    const MAX: u64 = 64 * 1024;
    let f = std::fs::File::open(file)
        .map_err(|e| format!("--bearer-token-file {file}: cannot read: {e}"))?;
    let mut bytes = Vec::new();
    f.take(MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("--bearer-token-file {file}: cannot read: {e}"))?;
    if bytes.len() as u64 > MAX {
        return Err(format!(
            "--bearer-token-file {file}: larger than 64 KiB, not a token"
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("--bearer-token-file {file}: not UTF-8 text"))
}

/// The first instant of the query grid `end`, `end − step`, … that reaches
/// back to `start`: Prometheus evaluates at `start + k·step`, so the grid
/// must be anchored at `end` for the last sample to be the evaluation's
/// instant. At most a step before the planned start, never after it.
fn grid_start(start: Instant, end: Instant, step: Millis) -> Instant {
    let (span, step) = (i128::from(end) - i128::from(start), i128::from(step.max(1)));
    let steps = (span.max(0) + step - 1) / step;
    Instant::try_from(i128::from(end) - steps * step).unwrap_or(Instant::MIN)
}

/// The requests fetching `planned` takes, each series on its own grid.
fn requests(planned: &[&PlannedSeries]) -> u64 {
    planned
        .iter()
        .map(|p| request_count(grid_start(p.start, p.end, p.step), p.end, p.step))
        .fold(0, u64::saturating_add)
}

/// The refusal of a plan over `--max-requests`: how many requests it would
/// take, over what, and the finest `--step` that fits.
fn too_many_requests(
    planned: &[&PlannedSeries],
    total: u64,
    engine: &Engine,
    args: &EvalArgs,
) -> String {
    let count = planned.len() as u64;
    let at = planned.first().map_or(0, |p| p.end);
    let earliest = planned.iter().map(|p| p.start).min().unwrap_or(at);
    let span = at.saturating_sub(earliest);
    let step = match args.step {
        Some(step) => format!("--step {}", format_duration(step)),
        None => {
            let finest = planned.iter().map(|p| p.step).min().unwrap_or(1);
            let coarsest = planned.iter().map(|p| p.step).max().unwrap_or(1);
            if finest == coarsest {
                format!("the policy's step {}", format_duration(finest))
            } else {
                format!(
                    "the policy's steps of {} to {}",
                    format_duration(finest),
                    format_duration(coarsest)
                )
            }
        }
    };
    let refusal = format!(
        "error: fetching {count} series from Prometheus over {} at {step} would take {total} requests (at most {MAX_POINTS} steps a request), more than --max-requests {}",
        format_duration(span),
        args.max_requests
    );
    if count > args.max_requests {
        return format!("{refusal}: raise --max-requests to at least {count}, or pass some series as --data files");
    }
    // The same series planned at one step for all, as `--step` asks.
    let fits = |seconds: i64| {
        let step = seconds.saturating_mul(SECOND);
        let Ok(plan) = engine.plan_at_step(at, step) else {
            return false;
        };
        let at_step: Vec<&PlannedSeries> = plan
            .series
            .iter()
            .filter(|s| planned.iter().any(|p| p.name == s.name))
            .collect();
        requests(&at_step) <= args.max_requests
    };
    // The fewest whole seconds that fit, by bisection (fewer requests as
    // the step grows); one step over the whole range fits, a request a
    // series, and `count` requests are allowed.
    let (mut low, mut high) = (0, (span.saturating_add(SECOND - 1) / SECOND).max(1));
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if fits(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    format!(
        "{refusal}: use --step {} or coarser, or raise --max-requests",
        format_duration(high * SECOND)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use slogate::time::{DAY, MINUTE};

    #[test]
    fn the_grid_ends_at_the_evaluation_and_reaches_back_to_the_planned_start() {
        assert_eq!(grid_start(9 * DAY, 10 * DAY, MINUTE), 9 * DAY);
        assert_eq!(grid_start(9 * DAY - 1, 10 * DAY, MINUTE), 9 * DAY - MINUTE);
        assert_eq!(grid_start(10 * DAY, 10 * DAY, MINUTE), 10 * DAY);
        // No overflow, whatever the range and step.
        assert_eq!(grid_start(Instant::MIN, Instant::MAX, 1), Instant::MIN);
        assert_eq!(grid_start(Instant::MIN, 10, Millis::MAX), Instant::MIN);
        assert_eq!(grid_start(0, 10, Millis::MAX), 10 - Millis::MAX);
    }
}
