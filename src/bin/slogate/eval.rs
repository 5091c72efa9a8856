//! `slogate eval POLICY --at TIME ...`: gather the data, evaluate, print the
//! report, apply the gate.

use std::io::IsTerminal;
use std::path::Path;

use slogate::data::load_file;
use slogate::report::{json, level_rank, text, Report};
use slogate::time::Instant;
use slogate::{DataSet, Engine};

use crate::args::{At, ColorChoice, EvalArgs, Format};
use crate::fetch::fetch_all;
use crate::{read_text, say, tell};

/// Evaluates; returns the exit status (0, 1 bad input, 3 gate reached).
pub fn run(args: &EvalArgs) -> u8 {
    match evaluate(args) {
        Ok(status) => status,
        Err(messages) => {
            for m in messages {
                tell(&m);
            }
            1
        }
    }
}

fn evaluate(args: &EvalArgs) -> Result<u8, Vec<String>> {
    let file = &args.policy;
    let text = read_text(file).map_err(|e| vec![e])?;
    // slogate's format, or OpenSLO or Sloth converted (src/import/).
    let engine = slogate::import::parse(&text)
        .map(|(parsed, _)| Engine::new(parsed.policy, parsed.warnings))
        .map_err(|all| all.0.iter().map(|d| d.render(file)).collect::<Vec<_>>())?;
    for w in &engine.warnings {
        tell(&w.render(file));
    }
    // Check the gate before any data is read or fetched: a typo fails fast.
    let gate = match &args.gate {
        Some(level) => Some(gate_index(&engine.policy.levels, level, file).map_err(|e| vec![e])?),
        None => None,
    };
    let at = match args.at {
        At::Now => now(),
        At::Instant(t) => t,
    };
    let data = gather_data(&engine, args, at)?;
    let report = engine
        .evaluate(&data, at)
        .map_err(|e| vec![format!("error: {e}")])?;
    match args.format {
        Format::Json => say(&format!("{}\n", json::to_json_pretty(&report))),
        Format::Text => say(&text::to_text(&report, use_color(args.color))),
    }
    Ok(match gate {
        Some(index) if gate_reached(&engine.policy.levels, index, &report) => 3,
        _ => 0,
    })
}

/// The `--data` files, then from Prometheus every series of the engine's
/// data plan that has a query and no file, over its planned range. All
/// problems are collected, not just the first.
fn gather_data(engine: &Engine, args: &EvalArgs, at: Instant) -> Result<DataSet, Vec<String>> {
    let mut data = DataSet::default();
    let mut errors = Vec::new();
    for (name, file) in &args.data {
        match load_file(Path::new(file), name, &args.limits) {
            Ok(series) if series.is_empty() => {
                tell(&format!("warning: {file}: no series in this file"))
            }
            Ok(series) => data.series.extend(series),
            Err(e) => errors.push(e),
        }
    }
    // `--step` fetches every series at that step; the plan then counts its
    // ranges' margins in it.
    let plan = match args.step {
        Some(step) => engine.plan_at_step(at, step),
        None => engine.plan(at),
    }
    .map_err(|e| vec![format!("error: {e}")])?;
    for (name, file) in &args.data {
        if plan.series.iter().all(|s| s.name != *name) {
            let known: Vec<&str> = plan.series.iter().map(|s| s.name.as_str()).collect();
            tell(&format!(
                "warning: --data {name}={file}: the policy refers to no series \"{name}\" (it uses: {})",
                known.join(", ")
            ));
        }
    }
    let missing = plan
        .series
        .iter()
        .filter(|s| args.data.iter().all(|(name, _)| *name != s.name));
    let mut wanted = Vec::new();
    for s in missing {
        match (&args.prometheus, &s.query) {
            (Some(_), Some(query)) => wanted.push((s, query.as_str())),
            (Some(_), None) => errors.push(format!(
                "error: no data for series \"{}\" ({}): it has no query for Prometheus; pass --data {}=FILE or give it a query",
                s.name, s.path, s.name
            )),
            (None, _) => errors.push(format!(
                "error: no data for series \"{}\" ({}): pass --data {}=FILE or --prometheus URL",
                s.name, s.path, s.name
            )),
        }
    }
    match &args.prometheus {
        Some(url) if !wanted.is_empty() => match fetch_all(url, &wanted, engine, args) {
            Ok(series) => data.series.extend(series),
            Err(e) => errors.extend(e),
        },
        _ => {}
    }
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(errors)
    }
}

/// The index of `--gate LEVEL` in the policy's levels, or a did-you-mean.
fn gate_index(levels: &[String], level: &str, file: &str) -> Result<usize, String> {
    if let Some(i) = level_rank(levels, level) {
        return Ok(i);
    }
    let names: Vec<&str> = levels.iter().map(String::as_str).collect();
    let close = slogate::suggest::closest(level, &names);
    let hint = close.map_or(String::new(), |l| format!("did you mean \"{l}\"? "));
    Err(format!(
        "error: --gate \"{level}\" is not a level of {file}: {hint}(levels: {})",
        levels.join(", ")
    ))
}

/// Whether any SLO instance (or the document) is at the gate level or worse;
/// says which on stderr, for the pipeline log.
fn gate_reached(levels: &[String], gate: usize, report: &Report) -> bool {
    let at_or_worse = |level: &str| level_rank(levels, level).is_some_and(|i| i >= gate);
    let gate_name = levels.get(gate).map_or("", String::as_str);
    let mut reached = false;
    for slo in report.slos.iter().filter(|s| at_or_worse(&s.level)) {
        tell(&format!(
            "gate \"{gate_name}\" reached: {}{} is at \"{}\"",
            slo.name,
            text::group_suffix(&slo.group),
            slo.level
        ));
        reached = true;
    }
    if !reached && at_or_worse(&report.level) {
        tell(&format!(
            "gate \"{gate_name}\" reached: the policy is at \"{}\"",
            report.level
        ));
        reached = true;
    }
    reached
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // https://no-color.org: set and not empty disables colour.
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn now() -> Instant {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> Vec<String> {
        ["healthy", "warning", "freeze", "breach"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn gate_levels_with_did_you_mean() {
        assert_eq!(gate_index(&levels(), "freeze", "p.yaml"), Ok(2));
        assert_eq!(
            gate_index(&levels(), "frezee", "p.yaml").unwrap_err(),
            "error: --gate \"frezee\" is not a level of p.yaml: did you mean \"freeze\"? (levels: healthy, warning, freeze, breach)"
        );
        assert_eq!(
            gate_index(&levels(), "page", "p.yaml").unwrap_err(),
            "error: --gate \"page\" is not a level of p.yaml: (levels: healthy, warning, freeze, breach)"
        );
    }
}
