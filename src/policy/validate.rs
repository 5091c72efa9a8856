//! Checks across fields and SLOs: unique names, consistent series, alert
//! factors (docs/arithmetic.md §10), rules naming alerts that exist.

use super::fields::{location_in, show, Decoder};
use super::model::{SeriesRef, Threshold};
use super::slo::SloInfo;
use super::unique;
use super::yaml::Node;
use crate::diagnostic::Location;
use crate::time::format_duration;

/// SLO names are unique in a document.
pub(crate) fn unique_slo_names(d: &mut Decoder, slos: &[SloInfo]) {
    for (i, first) in unique::repeats(slos, |s| s.slo.name.as_str()) {
        let s = &slos[i];
        d.error(
            s.name_location,
            &format!("spec.slos[{i}].name"),
            format!(
                "duplicate SLO name \"{}\" (first at line {}): SLO names must be unique",
                s.slo.name, slos[first].name_location.line
            ),
        );
    }
}

/// One series name means one series: the same name with two different
/// queries or kinds is an error, reported at each use that clashes with an
/// earlier one (against the earliest it clashes with).
pub(crate) fn consistent_series(d: &mut Decoder, slos: &[SloInfo]) {
    let mut uses = Vec::new(); // a loop for size, as in `default_alerts`
    for s in slos {
        for u in &s.series {
            uses.push(u);
        }
    }
    for (i, earlier) in series_clashes(&uses) {
        let ((r, loc, path), (o, first, _)) = (uses[i], uses[earlier]);
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

type SeriesUse = (SeriesRef, Location, String);

/// What [`series_clashes`] remembers of the earlier uses of a name.
#[derive(Clone, Copy, Default)]
struct Earlier {
    /// The first use of another kind than the name's first use.
    other_kind: Option<usize>,
    /// The first use with a query.
    query: Option<usize>,
    /// The first use with another query than that one.
    other_query: Option<usize>,
}

/// `(use, the earliest use before it that clashes with it)`, in order: a
/// clash is the same name with another kind, or with another query where
/// both give one. Each use is compared with a summary of the earlier uses
/// of its name ([`Earlier`]), not with each of them, so thousands of uses
/// cost n·log n (grouping the names), not their square.
fn series_clashes(uses: &[&SeriesUse]) -> Vec<(usize, usize)> {
    let first = unique::first_of_each(uses, |(r, _, _)| r.name.as_str());
    let kind = |j: usize| uses[j].0.kind;
    let query = |j: usize| uses[j].0.query.as_deref();
    // Indexed by the first use of each name.
    let mut earlier = vec![Earlier::default(); uses.len()];
    let mut clashes = Vec::new();
    for (i, &leader) in first.iter().enumerate() {
        let e = &mut earlier[leader];
        // The earliest use of another kind: the first use if its kind is
        // not this one, else the first use of a kind other than the first's.
        let other_kind = if kind(leader) != kind(i) {
            Some(leader)
        } else {
            e.other_kind
        };
        // Likewise for queries, among the uses that give one.
        let other_query = match (query(i), e.query) {
            (Some(mine), Some(q)) if query(q) != Some(mine) => Some(q),
            (Some(_), _) => e.other_query,
            (None, _) => None,
        };
        let clash = match (other_kind, other_query) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(j) = clash {
            clashes.push((i, j));
        }
        if e.other_kind.is_none() && kind(leader) != kind(i) {
            e.other_kind = Some(i);
        }
        match e.query {
            None if query(i).is_some() => e.query = Some(i),
            Some(q)
                if e.other_query.is_none()
                    && query(i).is_some_and(|mine| query(q) != Some(mine)) =>
            {
                e.other_query = Some(i)
            }
            _ => {}
        }
    }
    clashes
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
        let short = w
            .short
            .map(|s| format!(", short: {}", format_duration(s)))
            .unwrap_or_default();
        let written = match w.threshold {
            Threshold::Budget(b) => format!("budget: {}%", show(b * 100.0)),
            Threshold::Factor(f) => format!("factor: {}", show(f)),
        };
        let pair = format!("{{long: {}{short}, {written}}}", format_duration(w.long));
        let factor = |p: i64| w.factor(p);
        let explain = |p: i64| match w.threshold {
            Threshold::Budget(b) => format!(
                "{} (= budget {}% × period {} / long {})",
                show(factor(p)),
                show(b * 100.0),
                format_duration(p),
                format_duration(w.long)
            ),
            Threshold::Factor(f) => show(f),
        };
        let (lower, raise) = match w.threshold {
            Threshold::Budget(_) => (
                "lower the budget or lengthen the long window",
                "raise the budget or shorten the long window",
            ),
            Threshold::Factor(_) => ("lower the factor", "raise the factor"),
        };
        if let Some(&p) = periods.iter().find(|&&p| factor(p) * (1.0 - o) >= 1.0) {
            d.warning(
                *loc,
                path,
                format!(
                    "alert \"{alert}\" pair {pair} can never fire: it needs burn rates above {}, but with objective {}% the burn rate cannot exceed {} (every event failing); {lower}",
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
                    "alert \"{alert}\" pair {pair} fires while the budget would still last: its burn-rate threshold {} is below 1, and a burn rate of 1 spends exactly the budget over the whole period; {raise}",
                    explain(p)
                ),
            );
        }
    }
}

/// The names of every SLO's alerts, sorted and without repeats, gathered
/// once per document rather than once per rule.
pub(crate) struct AlertNames<'a>(Vec<&'a str>);

impl<'a> AlertNames<'a> {
    pub fn of(slos: &'a [SloInfo]) -> AlertNames<'a> {
        let mut known: Vec<&str> = Vec::new(); // a loop for size, as in `default_alerts`
        for s in slos {
            for a in &s.slo.alerting {
                known.push(&a.name);
            }
        }
        crate::sort::sort(&mut known);
        known.dedup();
        AlertNames(known)
    }

    /// Every `alert(NAME)` in a rule names an alert of some SLO.
    pub fn check_references(&self, d: &mut Decoder, when: &Node, path: &str) {
        let known = &self.0;
        let text = when.text().unwrap_or_default();
        for (name, offset) in crate::expr::alert_names(text) {
            if known.binary_search(&name.as_str()).is_ok() {
                continue;
            }
            let hint = if known.is_empty() {
                ": no SLO has alerts".to_string()
            } else {
                d.hint_among(&name, known, "alerts")
            };
            d.error(
                location_in(when, offset),
                path,
                format!("no SLO has an alert named \"{name}\"{hint}"),
            );
        }
    }
}
