//! The report as an SRE reads it in a terminal: the verdict and its reasons
//! first, then the numbers, aligned.
//!
//! ```text
//! mtos-tasks at 2026-02-28T23:59:00Z: WARNING
//!
//! task-availability {repository="core"}: WARNING
//!   warning  remaining < 50%  (value 30.6%)  → Prioritize reliability over features
//!
//!   objective           99.9%
//!   window              2026-02-01T00:00:00Z → 2026-02-28T23:59:00Z (period 28d)
//!   ...
//! ```
//!
//! Colours follow a level's rank in the policy's `levels` (the report
//! carries them, least severe first), never its name: the first level is
//! green, the second yellow when there are three or more, every other red.
//! Firing alerts are red. Colour codes are added after alignment, so
//! columns line up with and without colour.
//!
//! Every string of the report comes from the policy or the data and is
//! escaped for the terminal ([`super::terminal`]) before anything is measured or
//! coloured: a name holding ESC or CR shows as `\u{1b}` or `\r`.

use super::model::{level_rank, AlertReport, BudgetUnit, Reason, Report, SloReport};
use super::terminal::{escape, quote};
use crate::time::{format_duration, format_rfc3339, Millis};

/// Plain text; `color` adds ANSI colours to the levels.
pub fn to_text(report: &Report, color: bool) -> String {
    let paint = Paint {
        on: color,
        levels: report
            .levels
            .iter()
            .map(|l| escape(l).into_owned())
            .collect(),
        headers: (report.levels.iter())
            .map(|l| escape(&l.to_uppercase()).into_owned())
            .collect(),
    };
    let report = &for_terminal(report);
    let paint = &paint;
    let mut lines = vec![format!(
        "{} at {}: {}",
        report.policy,
        format_rfc3339(report.at),
        paint.level(&report.level)
    )];
    if report.slos.is_empty() {
        lines.push(String::new());
        lines.push("no SLOs".to_string());
    }
    for slo in &report.slos {
        lines.push(String::new());
        slo_lines(slo, paint, &mut lines);
    }
    let mut out: String = lines
        .iter()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    // One newline at the end, never a blank last line.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `report` with every string escaped for a terminal, and the levels of
/// the headers in upper case (before escaping: `\u{1b}` must not become
/// `\U{1B}`). The patterns list every field, so a new string field does not
/// compile until it is handled here. Group labels are escaped where they
/// are shown, by [`group_suffix`], which also quotes the values.
fn for_terminal(report: &Report) -> Report {
    let mut copy = report.clone();
    let Report {
        policy,
        at: _,
        level,
        levels,
        slos,
    } = &mut copy;
    escape_in_place(policy);
    levels.iter_mut().for_each(escape_in_place);
    *level = escape(&level.to_uppercase()).into_owned();
    for slo in slos {
        let SloReport {
            name,
            group: _,
            objective: _,
            window: _,
            coverage: _,
            sli: _,
            budget: _,
            burn_rates: _,
            consumed_in: _,
            alerts,
            forecast_window: _,
            time_to_exhaustion_seconds: _,
            level,
            reasons,
            burndown: _,
            timeline,
            warnings,
        } = slo;
        for segment in timeline {
            escape_in_place(&mut segment.level);
            segment.reasons.iter_mut().for_each(escape_in_place);
            segment.alerts.iter_mut().for_each(escape_in_place);
            segment.pending.iter_mut().for_each(escape_in_place);
        }
        escape_in_place(name);
        *level = escape(&level.to_uppercase()).into_owned();
        for Reason {
            level,
            when,
            value: _,
            action,
        } in reasons
        {
            escape_in_place(level);
            escape_in_place(when);
            action.iter_mut().for_each(escape_in_place);
        }
        for AlertReport {
            name,
            severity,
            firing: _,
            hold: _,
            pending_since: _,
            pairs: _,
        } in alerts
        {
            escape_in_place(name);
            escape_in_place(severity);
        }
        for warning in warnings {
            escape_in_place(&mut warning.message);
        }
    }
    copy
}

fn escape_in_place(text: &mut String) {
    if let std::borrow::Cow::Owned(escaped) = escape(text) {
        *text = escaped;
    }
}

/// ` {repository="core", region="eu"}` for an SLO instance's group labels,
/// escaped and quoted for a terminal; empty without labels.
pub fn group_suffix(group: &[(String, String)]) -> String {
    if group.is_empty() {
        return String::new();
    }
    let labels: Vec<String> = group
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), quote(v)))
        .collect();
    format!(" {{{}}}", crate::join::join(&labels, ", "))
}

fn slo_lines(slo: &SloReport, paint: &Paint, lines: &mut Vec<String>) {
    lines.push(format!(
        "{}{}: {}",
        slo.name,
        group_suffix(&slo.group),
        paint.level(&slo.level)
    ));

    // The verdict's reasons first: they are what the reader acts on.
    let level_width = slo
        .reasons
        .iter()
        .map(|r| width(&r.level))
        .max()
        .unwrap_or(0);
    let when_width = slo
        .reasons
        .iter()
        .map(|r| width(&r.when))
        .max()
        .unwrap_or(0);
    for r in &slo.reasons {
        let mut line = format!(
            "  {}  {}",
            paint.level_cell(&pad(&r.level, level_width), &r.level),
            pad(&r.when, when_width)
        );
        match reason_value(&r.when, r.value) {
            Some(value) => line.push_str(&format!("  (value {value})")),
            // Matched by an alert or a negation: no number to show.
            None => line.truncate(line.trim_end().len()),
        }
        if let Some(action) = &r.action {
            line.push_str(&format!("  → {action}"));
        }
        lines.push(line);
    }
    if !slo.reasons.is_empty() {
        lines.push(String::new());
    }

    let b = &slo.budget;
    let amount = |x: Option<f64>| match b.unit {
        BudgetUnit::Seconds => x.map_or(NO_DATA.into(), human_seconds),
        BudgetUnit::Events => x.map_or(NO_DATA.into(), |x| format!("{} events", events(x))),
    };
    let w = &slo.window;
    let period = format_duration((w.period_seconds * 1000.0).round() as Millis);
    let fields = [
        (
            "objective",
            format!("{}%", trimmed(slo.objective * 100.0, 6)),
        ),
        (
            "window",
            format!(
                "{} → {} (period {period})",
                format_rfc3339(w.start),
                format_rfc3339(w.end)
            ),
        ),
        (
            "sli",
            slo.sli
                .map_or(NO_DATA.into(), |x| format!("{}%", trimmed(x * 100.0, 4))),
        ),
        ("budget allowed", amount(b.allowed)),
        ("budget consumed", amount(b.consumed)),
        ("budget remaining", amount(b.remaining)),
        (
            "remaining",
            b.remaining_ratio.map_or(NO_DATA.into(), percent),
        ),
        ("time to exhaustion", time_to_exhaustion(slo)),
        ("coverage", slo.coverage.map_or(NO_DATA.into(), percent)),
    ];
    let key_width = fields.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    for (key, value) in &fields {
        lines.push(format!("  {}  {value}", pad(key, key_width)));
    }

    burn_table(slo, lines);
    alert_table(&slo.alerts, slo.window.end, paint, lines);
    if !slo.warnings.is_empty() {
        lines.push(String::new());
        lines.push("  warnings".to_string());
        lines.extend(
            slo.warnings
                .iter()
                .map(|w| format!("    {}", paint.warn(&format!("! {}", w.message)))),
        );
    }
}

/// One row per window: burn rate and, where a rule asks for it, consumed(W).
fn burn_table(slo: &SloReport, lines: &mut Vec<String>) {
    let mut windows: Vec<Millis> = slo
        .burn_rates
        .iter()
        .chain(&slo.consumed_in)
        .map(|&(w, _)| w)
        .collect();
    windows.sort_unstable();
    windows.dedup();
    if windows.is_empty() {
        return;
    }
    let lookup =
        |list: &[(Millis, Option<f64>)], w| list.iter().find(|(x, _)| *x == w).map(|(_, v)| *v);
    let with_consumed = !slo.consumed_in.is_empty();
    let mut rows = vec![vec!["window".to_string(), "burn rate".to_string()]];
    if with_consumed {
        rows[0].push("consumed".to_string());
    }
    for w in windows {
        let mut row = vec![
            format_duration(w),
            lookup(&slo.burn_rates, w).map_or(String::new(), |v| v.map_or(NO_DATA.into(), rate)),
        ];
        if with_consumed {
            row.push(
                lookup(&slo.consumed_in, w)
                    .map_or(String::new(), |v| v.map_or(NO_DATA.into(), percent)),
            );
        }
        rows.push(row);
    }
    lines.push(String::new());
    lines.extend(table(&rows, "  "));
}

/// One row per burn-rate pair, the alert's name and state on its first row.
/// A pending alert's state says how long its condition has held of its
/// hold time: `pending 3m/5m`.
fn alert_table(
    alerts: &[AlertReport],
    at: crate::time::Instant,
    paint: &Paint,
    lines: &mut Vec<String>,
) {
    if alerts.is_empty() {
        return;
    }
    let header = [
        "alert",
        "severity",
        "state",
        "long/short",
        "factor",
        "long burn",
        "short burn",
        "pair",
    ];
    let mut rows = vec![header.map(String::from).to_vec()];
    // Which rows carry a firing mark, to colour them after alignment.
    let mut firing_rows = vec![false];
    for a in alerts {
        let state = match (a.firing, a.pending_since) {
            (true, _) => "FIRING".to_string(),
            (false, Some(since)) => {
                format!("pending {}/{}", held(at - since), format_duration(a.hold))
            }
            (false, None) => "ok".to_string(),
        };
        if a.pairs.is_empty() {
            rows.push(vec![a.name.clone(), a.severity.clone(), state.clone()]);
            firing_rows.push(a.firing);
        }
        for (i, p) in a.pairs.iter().enumerate() {
            let (name, severity, state) = if i == 0 {
                (a.name.clone(), a.severity.clone(), state.to_string())
            } else {
                Default::default()
            };
            rows.push(vec![
                name,
                severity,
                state,
                match p.short {
                    Some(short) => {
                        format!("{}/{}", format_duration(p.long), format_duration(short))
                    }
                    None => format_duration(p.long),
                },
                format!("×{}", trimmed(p.factor, 2)),
                p.long_burn.map_or(NO_DATA.into(), rate),
                match p.short {
                    Some(_) => p.short_burn.map_or(NO_DATA.into(), rate),
                    None => "-".to_string(),
                },
                (if p.firing { "firing" } else { "-" }).to_string(),
            ]);
            firing_rows.push(a.firing && i == 0);
        }
    }
    lines.push(String::new());
    for (line, firing) in table(&rows, "  ").into_iter().zip(firing_rows) {
        lines.push(if firing { paint.red(&line) } else { line });
    }
}

/// How long a pending alert has held: `0s` for just now.
fn held(ms: Millis) -> String {
    if ms <= 0 {
        "0s".to_string()
    } else {
        format_duration(ms)
    }
}

const NO_DATA: &str = "no data";

/// Aligns cells into columns separated by two spaces; no trailing spaces.
fn table(rows: &[Vec<String>], indent: &str) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| pad(cell, w))
                .collect();
            format!("{indent}{}", crate::join::join(&cells, "  "))
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Display width; every character the report writes is one column wide.
fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// `x` with at most `decimals` decimals, trailing zeros dropped: 99.9, 6, 14.4.
fn trimmed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        // The engine reports none (docs/arithmetic.md §13); never print `inf`.
        return NO_DATA.to_string();
    }
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A share as a percentage with one decimal: 0.30555 → `30.6%`.
fn percent(x: f64) -> String {
    if !(x * 100.0).is_finite() {
        return NO_DATA.to_string();
    }
    format!("{}%", trimmed_fixed(x * 100.0, 1))
}

/// Fixed decimals, without `-0.0`.
fn trimmed_fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return NO_DATA.to_string();
    }
    let s = format!("{x:.decimals$}");
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        format!("{:.decimals$}", 0.0)
    } else {
        s
    }
}

/// A burn rate: two decimals, or three significant digits below 0.01 so a
/// slow burn does not read as zero.
fn rate(x: f64) -> String {
    if !x.is_finite() {
        NO_DATA.to_string()
    } else if x == 0.0 {
        "0".to_string()
    } else if x.abs() >= 0.01 {
        format!("{x:.2}")
    } else {
        let decimals = (2 - x.abs().log10().floor() as i64).clamp(0, 20) as usize;
        format!("{x:.decimals$}")
    }
}

/// An event count: whole events usually, up to two decimals for rates
/// integrated over time.
fn events(x: f64) -> String {
    trimmed(x, 2)
}

/// Seconds as `40m19.2s`, `3d4h`, `0.5s`, to the tenth of a second.
fn human_seconds(x: f64) -> String {
    if !x.is_finite() {
        return NO_DATA.to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    if x < 60.0 {
        return format!("{sign}{}s", trimmed(x, 1));
    }
    // Tenths of a second are kept: February at 99.9% allows 40m19.2s, and
    // an SRE checking the arithmetic should see the .2.
    let tenths = (x * 10.0).round() as u64;
    let mut rest = tenths / 10;
    let mut out = sign.to_string();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if rest >= size {
            out.push_str(&format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    match (rest, tenths % 10) {
        (0, 0) => {}
        (s, 0) => out.push_str(&format!("{s}s")),
        (s, t) => out.push_str(&format!("{s}.{t}s")),
    }
    out
}

/// `None` means "never" (the forecast window's burn rate is 0) or "no data"
/// (no remaining budget, or no burn rate over the forecast window): which
/// one, docs/arithmetic.md §9 decides from the report's own figures.
fn time_to_exhaustion(slo: &SloReport) -> String {
    let forecast_burn = slo
        .burn_rates
        .iter()
        .find(|(w, _)| *w == slo.forecast_window)
        .and_then(|(_, b)| *b);
    match slo.time_to_exhaustion_seconds {
        Some(s) => human_seconds(s),
        None if slo.budget.remaining_ratio.is_none() || forecast_burn.is_none() => {
            NO_DATA.to_string()
        }
        None => "never".to_string(),
    }
}

/// A reason's value in the unit of the term its rule names first: shares
/// (remaining, consumed, sli, coverage) as percentages, time to exhaustion as
/// a duration, burn rates as plain numbers.
fn reason_value(when: &str, value: Option<f64>) -> Option<String> {
    // A matched rule without a value held by no comparison (`alert(page)`,
    // `not (coverage > 90%)`): that is not "no data", so nothing is shown.
    let v = value?;
    let first_term = when
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| {
            w.starts_with(|c: char| c.is_ascii_alphabetic()) && !matches!(*w, "and" | "or" | "not")
        })
        .unwrap_or("");
    Some(match first_term {
        "remaining" | "consumed" | "sli" | "coverage" => format!("{}%", trimmed(v * 100.0, 2)),
        "time_to_exhaustion" => human_seconds(v),
        _ => trimmed(v, 3),
    })
}

/// ANSI colours, or nothing.
struct Paint {
    on: bool,
    /// The report's levels in order, as the text shows them in reasons and
    /// (upper case) in headers, escaped ([`for_terminal`]): a level's colour
    /// follows its rank ([`level_rank`]).
    levels: Vec<String>,
    headers: Vec<String>,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A level of a header, already in upper case ([`for_terminal`]).
    fn level(&self, upper: &str) -> String {
        self.ranked(upper, level_rank(&self.headers, upper))
    }

    /// `shown` (e.g. the level padded to a column) in the colour of level
    /// `name`'s rank (see the module docs).
    fn level_cell(&self, shown: &str, name: &str) -> String {
        self.ranked(shown, level_rank(&self.levels, name))
    }

    /// `shown` in the colour of `rank` (see the module docs).
    fn ranked(&self, shown: &str, rank: Option<usize>) -> String {
        let code = match rank {
            Some(0) => "1;32",
            Some(1) if self.levels.len() >= 3 => "1;33",
            _ => "1;31",
        };
        self.wrap(code, shown)
    }

    fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }

    fn warn(&self, s: &str) -> String {
        self.wrap("33", s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::sample;
    use crate::time::{DAY, HOUR, MINUTE};

    #[test]
    fn layout_of_the_sample_report() {
        let text = to_text(&sample(), false);
        let want = "\
mtos-tasks at 2026-02-28T23:59:00Z: WARNING

task-availability {repository=\"core\", region=\"eu\"}: WARNING
  warning  remaining < 50%  (value 30.55%)  → Prioritize reliability over features

  objective           99.9%
  window              2026-02-01T00:00:00Z → 2026-02-28T23:59:00Z (period 28d)
  sli                 99.9305%
  budget allowed      40m19.2s
  budget consumed     28m
  budget remaining    12m19.2s
  remaining           30.6%
  time to exhaustion  never
  coverage            100.0%

  window  burn rate  consumed
  5m      0
  1h      1.25
  3d      no data    0.0%

  alert  severity  state  long/short  factor  long burn  short burn  pair
  page   page      ok     1h/5m       ×14.4   0          no data     -
";
        assert_eq!(text, want);
    }

    #[test]
    fn no_trailing_whitespace_and_one_final_newline() {
        for color in [false, true] {
            let text = to_text(&sample(), color);
            assert!(text.lines().all(|l| l == l.trim_end()), "{text}");
            assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
        }
    }

    #[test]
    fn colours_levels_by_name() {
        let mut r = sample();
        r.level = "freeze".into();
        r.slos[0].level = "healthy".into();
        let text = to_text(&r, true);
        assert!(text.starts_with("mtos-tasks at 2026-02-28T23:59:00Z: \x1b[1;31mFREEZE\x1b[0m\n"));
        assert!(text.contains(": \x1b[1;32mHEALTHY\x1b[0m\n"));
        // Reason levels are padded before colouring, so columns still align.
        assert!(text.contains("  \x1b[1;33mwarning\x1b[0m  remaining < 50%"));
    }

    #[test]
    fn reasons_align_and_show_values_in_their_unit() {
        let mut r = sample();
        let reason = |level: &str, when: &str, value, action: Option<&str>| crate::report::Reason {
            level: level.into(),
            when: when.into(),
            value,
            action: action.map(Into::into),
        };
        r.slos[0].reasons = vec![
            reason(
                "freeze",
                "remaining < 10%",
                Some(0.072),
                Some("Feature freeze: reliability-only work"),
            ),
            reason("warning", "burn_rate(30m) > 5", Some(7.25), None),
            reason(
                "freeze",
                "time_to_exhaustion < 3d",
                Some(3600.0 * 30.0),
                None,
            ),
            reason("freeze", "not (coverage > 90%)", None, None),
        ];
        let text = to_text(&r, false);
        let reasons: Vec<&str> = text.lines().skip(3).take(4).collect();
        assert_eq!(
            reasons,
            [
                "  freeze   remaining < 10%          (value 7.2%)  → Feature freeze: reliability-only work",
                "  warning  burn_rate(30m) > 5       (value 7.25)",
                "  freeze   time_to_exhaustion < 3d  (value 1d6h)",
                "  freeze   not (coverage > 90%)",
            ]
        );
    }

    #[test]
    fn no_time_to_exhaustion_is_never_only_with_a_forecast_burn_rate() {
        // docs/arithmetic.md §9: a known budget and a forecast burn rate of 0
        // never run out; no burn rate over the forecast window is no data,
        // whatever the other windows show (an idle last hour of a job).
        let mut r = sample();
        let slo = &mut r.slos[0];
        slo.time_to_exhaustion_seconds = None;
        slo.forecast_window = HOUR;
        slo.burn_rates = vec![(5 * MINUTE, Some(0.4)), (HOUR, None), (3 * DAY, Some(0.2))];
        assert!(to_text(&r, false).contains("  time to exhaustion  no data\n"));
        r.slos[0].burn_rates[1].1 = Some(0.0);
        assert!(to_text(&r, false).contains("  time to exhaustion  never\n"));
        r.slos[0].budget.remaining_ratio = None;
        assert!(to_text(&r, false).contains("  time to exhaustion  no data\n"));
    }

    #[test]
    fn events_budget_and_no_data() {
        let mut r = sample();
        let slo = &mut r.slos[0];
        slo.budget.unit = BudgetUnit::Events;
        slo.budget.allowed = Some(1234.5);
        slo.budget.consumed = Some(1300.0);
        slo.budget.remaining = Some(-65.5);
        slo.budget.remaining_ratio = Some(-0.053);
        slo.sli = None;
        slo.coverage = None;
        slo.time_to_exhaustion_seconds = Some(0.0);
        slo.consumed_in.clear();
        slo.alerts.clear();
        slo.warnings = vec![crate::report::Warning::new(
            crate::report::WarningKind::LowCoverage,
            "coverage 85.0% is below 90%",
        )];
        let text = to_text(&r, false);
        for line in [
            "  sli                 no data",
            "  budget allowed      1234.5 events",
            "  budget consumed     1300 events",
            "  budget remaining    -65.5 events",
            "  remaining           -5.3%",
            "  time to exhaustion  0s",
            "  coverage            no data",
            "  window  burn rate\n",
            "\n  warnings\n    ! coverage 85.0% is below 90%\n",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
        assert!(!text.contains("alert"));
    }

    #[test]
    fn firing_alerts_and_pairs() {
        let mut r = sample();
        let a = &mut r.slos[0].alerts[0];
        a.firing = true;
        a.pairs[0].firing = true;
        a.pairs[0].long_burn = Some(20.0);
        a.pairs[0].short_burn = Some(31.4159);
        let mut second = a.pairs[0].clone();
        second.long = 6 * crate::time::HOUR;
        second.short = Some(30 * crate::time::MINUTE);
        second.factor = 6.0;
        second.long_burn = Some(0.004321);
        second.firing = false;
        a.pairs.push(second);
        let text = to_text(&r, false);
        assert!(
            text.contains(
                "  page   page      FIRING  1h/5m       ×14.4   20.00      31.42       firing\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "                          6h/30m      ×6      0.00432    31.42       -\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn human_durations() {
        for (s, want) in [
            (2419.2, "40m19.2s"),
            (739.2, "12m19.2s"),
            (2419.96, "40m20s"),
            (1680.0, "28m"),
            (0.5, "0.5s"),
            (0.0, "0s"),
            (90061.0, "1d1h1m1s"),
            (-120.0, "-2m"),
        ] {
            assert_eq!(human_seconds(s), want);
        }
        assert_eq!(rate(0.0), "0");
        assert_eq!(rate(14.4), "14.40");
        assert_eq!(rate(0.001234), "0.00123");
        assert_eq!(percent(-0.0001), "0.0%");
    }

    #[test]
    fn text_from_the_policy_and_data_cannot_reach_the_terminal_raw() {
        let hostile = "x\u{1b}]0;pwned\u{7}\r\n  freeze \u{202e}";
        let mut r = sample();
        r.policy = hostile.into();
        r.level = hostile.into();
        let slo = &mut r.slos[0];
        slo.name = hostile.into();
        slo.level = hostile.into();
        slo.group = vec![(hostile.into(), hostile.into())];
        slo.reasons[0].level = hostile.into();
        slo.reasons[0].when = hostile.into();
        slo.reasons[0].action = Some(hostile.into());
        slo.alerts[0].name = hostile.into();
        slo.alerts[0].severity = hostile.into();
        slo.warnings = vec![crate::report::Warning::new(
            crate::report::WarningKind::LowCoverage,
            hostile,
        )];
        for color in [false, true] {
            let text = to_text(&r, color);
            let lines: Vec<&str> = text.lines().collect();
            // The sample's line count: nothing forged a line.
            assert_eq!(lines.len(), to_text(&sample(), color).lines().count() + 3);
            for line in &lines {
                let raw: String = if color {
                    // Colour codes are the renderer's own.
                    line.replace("\x1b[0m", "")
                        .replace("\x1b[1;31m", "")
                        .replace("\x1b[31m", "")
                        .replace("\x1b[33m", "")
                } else {
                    line.to_string()
                };
                assert!(
                    !raw.chars().any(crate::report::terminal::is_unsafe),
                    "{line:?}"
                );
            }
        }
        let text = to_text(&r, false);
        let escaped = "x\\u{1b}]0;pwned\\u{7}\\r\\n  freeze \\u{202e}";
        let upper = "X\\u{1b}]0;PWNED\\u{7}\\r\\n  FREEZE \\u{202e}";
        assert!(
            text.starts_with(&format!("{escaped} at 2026-02-28T23:59:00Z: {upper}\n")),
            "{text}"
        );
        assert!(text.contains(&format!("\n{escaped} {{{escaped}=\"x\\u{{1b}}]0;pwned\\u{{7}}\\r\\n  freeze \\u{{202e}}\"}}: {upper}\n")), "{text}");
        assert!(
            text.contains(&format!(
                "  {escaped}  {escaped}  (value 0.306)  → {escaped}\n"
            )),
            "{text}"
        );
        assert!(text.contains(&format!("    ! {escaped}\n")), "{text}");
    }

    #[test]
    fn empty_report() {
        let mut r = sample();
        r.slos.clear();
        assert_eq!(
            to_text(&r, false),
            "mtos-tasks at 2026-02-28T23:59:00Z: WARNING\n\nno SLOs\n"
        );
    }
}
