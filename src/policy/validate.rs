//! Checks across fields and SLOs: unique names, consistent series, alert
//! factors (SPEC §3), rules naming alerts that exist.

use super::fields::{location_in, show, Decoder};
use super::slo::SloInfo;
use super::suggest;
use super::yaml::Node;
use crate::time::format_duration;

/// SLO names are unique in a document.
pub(crate) fn unique_slo_names(d: &mut Decoder, slos: &[SloInfo]) {
    for (i, s) in slos.iter().enumerate() {
        if let Some(first) = slos[..i].iter().find(|f| f.slo.name == s.slo.name) {
            d.error(
                s.name_location,
                &format!("spec.slos[{i}].name"),
                format!(
                    "duplicate SLO name \"{}\" (first at line {}): SLO names must be unique",
                    s.slo.name, first.name_location.line
                ),
            );
        }
    }
}

/// One series name means one series: the same name with two different
/// queries or kinds is an error.
pub(crate) fn consistent_series(d: &mut Decoder, slos: &[SloInfo]) {
    let uses: Vec<_> = slos.iter().flat_map(|s| s.series.iter()).collect();
    for (i, (r, loc, path)) in uses.iter().enumerate() {
        let clash = uses[..i].iter().find(|(o, _, _)| {
            o.name == r.name
                && (o.kind != r.kind
                    || matches!((&o.query, &r.query), (Some(a), Some(b)) if a != b))
        });
        if let Some((o, first, _)) = clash {
            let what = if o.kind != r.kind {
                format!(
                    "kind {} here and kind {} at line {}",
                    r.kind.as_str(),
                    o.kind.as_str(),
                    first.line
                )
            } else {
                format!("a different query at line {}", first.line)
            };
            d.error(
                *loc,
                path,
                format!(
                    "series \"{}\" is used with {what}: one name is one series; give them distinct names, e.g. {{name: {}-2, query: ...}}",
                    r.name, r.name
                ),
            );
        }
    }
}

/// Warns about alert pairs written in the document that can never fire or
/// that fire while the budget would last: f = B × P / long, judged against
/// every period length the window can have.
pub(crate) fn alert_factors(d: &mut Decoder, info: &SloInfo) {
    let o = info.slo.objective;
    let periods = if info.period.0 == info.period.1 {
        vec![info.period.0]
    } else {
        vec![info.period.0, info.period.1]
    };
    for (alert, w, loc, path) in &info.written_pairs {
        let pair = format!(
            "{{long: {}, short: {}, budget: {}%}}",
            format_duration(w.long),
            format_duration(w.short),
            show(w.budget * 100.0)
        );
        let factor = |p: i64| w.budget * p as f64 / w.long as f64;
        let explain = |p: i64| {
            format!(
                "{} (= budget {}% × period {} / long {})",
                show(factor(p)),
                show(w.budget * 100.0),
                format_duration(p),
                format_duration(w.long)
            )
        };
        if let Some(&p) = periods.iter().find(|&&p| factor(p) * (1.0 - o) >= 1.0) {
            d.warning(
                *loc,
                path,
                format!(
                    "alert \"{alert}\" pair {pair} can never fire: it needs burn rates above {}, but with objective {}% the burn rate cannot exceed {} (every event failing); lower the budget or lengthen the long window",
                    explain(p),
                    show(o * 100.0),
                    show(1.0 / (1.0 - o))
                ),
            );
        }
        if let Some(&p) = periods.iter().find(|&&p| factor(p) < 1.0) {
            d.warning(
                *loc,
                path,
                format!(
                    "alert \"{alert}\" pair {pair} fires while the budget would still last: its burn-rate threshold {} is below 1, and a burn rate of 1 spends exactly the budget over the whole period; raise the budget or shorten the long window",
                    explain(p)
                ),
            );
        }
    }
}

/// Every `alert(NAME)` in a rule names an alert of some SLO.
pub(crate) fn alert_references(d: &mut Decoder, when: &Node, path: &str, slos: &[SloInfo]) {
    let mut known: Vec<&str> = slos
        .iter()
        .flat_map(|s| s.slo.alerting.iter().map(|a| a.name.as_str()))
        .collect();
    crate::sort::sort(&mut known);
    known.dedup();
    let text = when.text().unwrap_or_default();
    for (name, offset) in crate::expr::alert_names(text) {
        if known.contains(&name.as_str()) {
            continue;
        }
        let hint = match suggest::closest(&name, &known) {
            Some(c) => format!(" (did you mean \"{c}\"?)"),
            None if known.is_empty() => ": no SLO has alerts".to_string(),
            None => format!(": the alerts are {}", known.join(", ")),
        };
        d.error(
            location_in(when, offset),
            path,
            format!("no SLO has an alert named \"{name}\"{hint}"),
        );
    }
}
