//! Decoding one SLO (`spec.slos[i]`) with `spec.defaults` applied.
//!
//! A field the SLO gives is read from the SLO; otherwise from the defaults
//! (its errors then point into `spec.defaults`). Defaults fill only what
//! applies: an inherited `slice` or `sliceTarget` is ignored by an SLO that
//! cannot use it, and an inherited `budgeting: occurrences` does not apply
//! to a threshold SLI; the same written in the SLO itself is an error.

use super::fields::{join, number, percent, Decoder, Fields};
use super::model::{
    Alert, Budgeting, BurnWindow, CmpOp, Exclusion, SeriesRef, Sli, Slo, Threshold, Window,
};
use super::unique;
use super::yaml::Node;
use crate::diagnostic::Location;
use crate::series::SeriesKind;
use crate::time::calendar::CalendarUnit;
use crate::time::rrule::RRule;
use crate::time::zone::Zone;
use crate::time::{Millis, HOUR};
use std::cell::Cell;

/// Every key an SLO may have.
pub(crate) const SLO_KEYS: [&str; 12] = [
    "name",
    "description",
    "objective",
    "window",
    "budgeting",
    "slice",
    "sliceTarget",
    "forecastWindow",
    "sli",
    "groupBy",
    "alerting",
    "exclude",
];

/// What validation needs to know about a decoded SLO beyond the model.
pub(crate) struct SloInfo {
    pub slo: Slo,
    /// Every series reference, with where it was written.
    pub series: Vec<(SeriesRef, Location, String)>,
    /// The document's `alerting` pairs with their place; empty when the
    /// default catalog applies (its factors are not judged).
    pub written_pairs: Vec<(String, BurnWindow, Location, String)>,
    /// Shortest and longest period P of the window.
    pub period: (Millis, Millis),
    pub name_location: Location,
}

/// `spec.defaults`, with the size of each field it gives, and which of its
/// fields failed to decode for an earlier SLO.
pub(crate) struct Defaults<'a> {
    fields: Fields<'a>,
    sizes: Vec<(&'static str, usize)>,
    /// Bit i: `SLO_KEYS[i]` failed.
    failed: Cell<u32>,
}

impl Defaults<'_> {
    /// How much an SLO copies: the defaults it does not set itself.
    fn copied_into(&self, own: &Fields) -> usize {
        self.sizes
            .iter()
            .filter(|(key, _)| own.get(key).is_none())
            .map(|(_, size)| size)
            .sum()
    }
}

/// One field of the SLO: its node, its path, and whether it came from defaults.
struct Field<'a> {
    node: &'a Node,
    path: String,
    inherited: bool,
}

struct Source<'a, 'b> {
    own: &'b Fields<'a>,
    defaults: Option<&'b Defaults<'a>>,
}

impl<'a> Source<'a, '_> {
    fn get(&self, key: &str) -> Option<Field<'a>> {
        if let Some(node) = self.own.get(key) {
            return Some(Field {
                node,
                path: self.own.path_of(key),
                inherited: false,
            });
        }
        let d = &self.defaults?.fields;
        d.get(key).map(|node| Field {
            node,
            path: d.path_of(key),
            inherited: true,
        })
    }

    /// `decode(field)` for the field under `key`, if given. A field copied
    /// from `spec.defaults` that failed to decode for an earlier SLO is not
    /// decoded again: its errors are reported once anyway, and decoding it
    /// for every SLO would only cost time (a misspelt time zone's "did you
    /// mean" search through every zone name takes ~0.4 ms: 4 s for 10,000
    /// SLOs).
    fn decode<T>(
        &self,
        key: &str,
        decode: impl FnOnce(Field<'a>) -> Option<T>,
    ) -> Option<Option<T>> {
        let field = self.get(key)?;
        let Some(defaults) = self.defaults.filter(|_| field.inherited) else {
            return Some(decode(field));
        };
        let bit = 1 << SLO_KEYS.iter().position(|k| *k == key).unwrap_or(0);
        if defaults.failed.get() & bit != 0 {
            return Some(None);
        }
        let value = decode(field);
        if value.is_none() {
            defaults.failed.set(defaults.failed.get() | bit);
        }
        Some(value)
    }
}

const SLO_FORM: &str = "an SLO like {name: availability, objective: 99.9%, window: {rolling: 28d}, sli: {ratio: {good: good, total: total}}}";

/// Decodes `spec.slos[index]`. `None` when it has errors (already recorded).
pub(crate) fn decode(
    d: &mut Decoder,
    node: &Node,
    index: usize,
    defaults: Option<&Defaults>,
) -> Option<SloInfo> {
    let path = format!("spec.slos[{index}]");
    let own = d.fields(node, &path, &SLO_KEYS, SLO_FORM)?;
    if let Some(defaults) = defaults {
        let before = d.copied_defaults;
        d.copied_defaults = before.saturating_add(defaults.copied_into(&own));
        let limit = d.copy_limit;
        if d.copied_defaults > limit {
            if before <= limit {
                d.error(node.location, "spec.defaults", format!(
                    "the SLOs up to {path} copy more than {limit} bytes of spec.defaults (each SLO copies every default it does not set, and the copies may add up to 8 times the document's size, at least 4000000 bytes): set large fields in the SLOs that need them, or split the policy into several files"
                ));
            }
            return None;
        }
    }
    let src = Source {
        own: &own,
        defaults,
    };
    let before = d.diags.len();

    let name_node = d.required(&own, "name", "name: availability");
    let name = name_node.and_then(|n| d.name(n, &own.path_of("name")));
    let description = src
        .get("description")
        .and_then(|f| d.string(f.node, &f.path));
    let objective = match src.get("objective") {
        Some(f) => d.fraction(f.node, &f.path, "objective", "99.9%", false),
        None => {
            d.error(
                node.location,
                &own.path_of("objective"),
                "objective is required (in the SLO or spec.defaults), e.g. objective: 99.9%",
            );
            None
        }
    };
    let window = match src.decode("window", |f| window(d, f.node, &f.path)) {
        Some(w) => w,
        None => {
            d.error(
                node.location,
                &own.path_of("window"),
                "window is required (in the SLO or spec.defaults), e.g. window: {rolling: 28d}",
            );
            None
        }
    };
    let mut series = Vec::new();
    let sli = match src.get("sli") {
        Some(f) => sli(d, f.node, &f.path, &mut series),
        None => {
            d.error(
                node.location,
                &own.path_of("sli"),
                "sli is required (in the SLO or spec.defaults), e.g. sli: {ratio: {good: good, total: total}}",
            );
            None
        }
    };
    let threshold = matches!(sli, Some(Sli::Threshold { .. }));

    let budgeting = budgeting(d, src.get("budgeting"), threshold);
    let occurrences = budgeting == Some(Budgeting::Occurrences);
    let slice = src.get("slice").and_then(|f| {
        if occurrences {
            if !f.inherited {
                d.error(f.node.location, &f.path, "slice applies to budgeting: timeslices only (occurrences count every event; there are no slices): remove it or set budgeting: timeslices");
            }
            return None;
        }
        d.duration(f.node, &f.path)
    });
    let slice_target = src.get("sliceTarget").and_then(|f| {
        if occurrences || threshold {
            if !f.inherited {
                let why = if threshold {
                    "sliceTarget applies to ratio SLIs: a threshold SLI's slice is good iff its value meets the threshold"
                } else {
                    "sliceTarget applies to budgeting: timeslices only (occurrences count every event; there are no slices): remove it or set budgeting: timeslices"
                };
                d.error(f.node.location, &f.path, why);
            }
            return None;
        }
        d.fraction(f.node, &f.path, "sliceTarget", "99%", true)
    });
    let forecast_window = match src.get("forecastWindow") {
        Some(f) => d.duration(f.node, &f.path),
        None => Some(HOUR),
    };
    let group_by = match src.get("groupBy") {
        Some(f) => d.strings(f.node, &f.path, "[repository]"),
        None => Some(Vec::new()),
    };
    let mut written_pairs = Vec::new();
    let alerting = src
        .get("alerting")
        .map(|f| alerting(d, f.node, &f.path, &mut written_pairs));
    let exclude = match src.decode("exclude", |f| exclusions(d, f.node, &f.path)) {
        Some(e) => e,
        None => Some(Vec::new()),
    };

    if d.diags[before..]
        .iter()
        .any(|x| x.severity == crate::diagnostic::Severity::Error)
    {
        return None;
    }
    let (window, period) = window?;
    let objective = objective?;
    let alerting = match alerting {
        Some(a) => a?,
        None => super::default_alerts(period.0),
    };
    let slo = Slo {
        name: name?,
        description,
        objective,
        window,
        budgeting: budgeting?,
        slice,
        slice_target: slice_target.unwrap_or(objective),
        forecast_window: forecast_window?,
        sli: sli?,
        group_by: group_by?,
        alerting,
        exclude: exclude?,
        location: node.location,
    };
    Some(SloInfo {
        slo,
        series,
        written_pairs,
        period,
        name_location: name_node.map(|n| n.location).unwrap_or(node.location),
    })
}

const WINDOW_FORM: &str = "a window like {rolling: 28d} or {calendar: month, timeZone: UTC}";
const CALENDAR_UNITS: [&str; 5] = ["day", "week", "month", "quarter", "year"];

/// A window and its shortest and longest period P.
fn window(d: &mut Decoder, node: &Node, path: &str) -> Option<(Window, (Millis, Millis))> {
    let f = d.fields(
        node,
        path,
        &["rolling", "calendar", "timeZone"],
        WINDOW_FORM,
    )?;
    match (f.get("rolling"), f.get("calendar")) {
        (Some(rolling), None) => {
            if let Some(tz) = f.key("timeZone") {
                d.error(tz.location, &f.path_of("timeZone"), "timeZone applies to calendar windows only: a rolling window is the same length in every zone");
            }
            let duration = d.duration(rolling, &f.path_of("rolling"))?;
            Some((Window::Rolling { duration }, (duration, duration)))
        }
        (None, Some(calendar)) => {
            let unit = d.choice(
                calendar,
                &f.path_of("calendar"),
                "calendar unit",
                &CALENDAR_UNITS,
            );
            let zone = match f.get("timeZone") {
                Some(tz) => d.zone(tz, &f.path_of("timeZone")),
                None => Some(Zone::utc()),
            };
            let unit = CalendarUnit::parse(unit?)?;
            Some((Window::Calendar { unit, zone: zone? }, unit.nominal_range()))
        }
        _ => {
            d.error(
                node.location,
                path,
                format!("expected {WINDOW_FORM}: give exactly one of rolling or calendar"),
            );
            None
        }
    }
}

fn budgeting(d: &mut Decoder, field: Option<Field>, threshold: bool) -> Option<Budgeting> {
    let default = if threshold {
        Budgeting::Timeslices
    } else {
        Budgeting::Occurrences
    };
    let Some(f) = field else { return Some(default) };
    let value = match d.choice(f.node, &f.path, "budgeting", &["occurrences", "timeslices"])? {
        "timeslices" => Budgeting::Timeslices,
        _ => Budgeting::Occurrences,
    };
    if threshold && value == Budgeting::Occurrences {
        if f.inherited {
            return Some(Budgeting::Timeslices);
        }
        d.error(f.node.location, &f.path, "a threshold SLI needs budgeting: timeslices: it judges each slice by its value, and a level such as a latency percentile has no events to count as occurrences");
        return None;
    }
    Some(value)
}

const SLI_FORM: &str = "an SLI like {ratio: {good: good, total: total}} or {threshold: {series: p99, op: \"<=\", value: 0.5}}";

fn sli(
    d: &mut Decoder,
    node: &Node,
    path: &str,
    uses: &mut Vec<(SeriesRef, Location, String)>,
) -> Option<Sli> {
    let f = d.fields(node, path, &["ratio", "threshold"], SLI_FORM)?;
    match (f.get("ratio"), f.get("threshold")) {
        (Some(ratio), None) => {
            let rpath = f.path_of("ratio");
            let r = d.fields(
                ratio,
                &rpath,
                &["good", "bad", "total"],
                "a ratio like {good: good, total: total}",
            )?;
            let mut given: Vec<&str> = Vec::new(); // a loop for size, as in `default_alerts`
            for k in ["good", "bad", "total"] {
                if r.get(k).is_some() {
                    given.push(k);
                }
            }
            if given.len() != 2 {
                let found = match given.as_slice() {
                    [] => "none".to_string(),
                    [one] => format!("only {one}"),
                    _ => "all three".to_string(),
                };
                d.error(ratio.location, &rpath, format!("a ratio SLI takes exactly two of good, bad and total (good/total, bad/total or good/bad), found {found}"));
                return None;
            }
            let mut role = |key: &str| {
                r.get(key)
                    .map(|n| series_ref(d, n, &r.path_of(key), key, false, uses))
            };
            let (good, bad, total) = (role("good"), role("bad"), role("total"));
            let unwrap = |x: Option<Option<SeriesRef>>| x.map(|s| s.ok_or(())).transpose();
            match (unwrap(good), unwrap(bad), unwrap(total)) {
                (Ok(good), Ok(bad), Ok(total)) => Some(Sli::Ratio { good, bad, total }),
                _ => None,
            }
        }
        (None, Some(threshold)) => {
            let tpath = f.path_of("threshold");
            let t = d.fields(
                threshold,
                &tpath,
                &["series", "op", "value"],
                "a threshold like {series: p99, op: \"<=\", value: 0.5}",
            )?;
            let series = d
                .required(&t, "series", "series: p99")
                .and_then(|n| series_ref(d, n, &t.path_of("series"), "series", true, uses));
            let op = d.required(&t, "op", "op: \"<=\"").and_then(|n| {
                let text = d.string(n, &t.path_of("op"))?;
                let op = CmpOp::parse(text.trim());
                if op.is_none() {
                    d.error(n.location, &t.path_of("op"), format!("unknown operator \"{text}\": use one of <, <=, >, >=, ==, != (quote it in YAML: op: \"<=\")"));
                }
                op
            });
            let value = d
                .required(&t, "value", "value: 0.5")
                .and_then(|n| threshold_value(d, n, &t.path_of("value")));
            Some(Sli::Threshold {
                series: series?,
                op: op?,
                value: value?,
            })
        }
        _ => {
            d.error(
                node.location,
                path,
                format!("expected {SLI_FORM}: give exactly one of ratio or threshold"),
            );
            None
        }
    }
}

/// A threshold: a number, a percentage (`99%` = 0.99) or a duration in seconds (`500ms` = 0.5).
/// A pair's fixed factor: a positive number (a burn rate, e.g. 14.4).
fn factor_value(d: &mut Decoder, node: &Node, path: &str) -> Option<f64> {
    let value = node.text().and_then(number).filter(|v| *v > 0.0);
    if value.is_none() {
        d.error(node.location, path, format!("expected a burn rate above 0 like 14.4 (the factor both windows' burn rates must exceed), found {}", node.describe()));
    }
    value
}

fn threshold_value(d: &mut Decoder, node: &Node, path: &str) -> Option<f64> {
    let text = node.text().unwrap_or_default().trim();
    let value = if let Some(pct) = text.strip_suffix('%') {
        percent(pct)
    } else if let Some(v) = number(text) {
        Some(v)
    } else if text.starts_with(|c: char| c.is_ascii_digit()) {
        crate::time::parse_duration(text)
            .ok()
            .map(|ms| ms as f64 / 1000.0)
    } else {
        None
    };
    if value.is_none() {
        d.error(node.location, path, format!("expected a number like 0.5 (or a percentage like 99%, or a duration like 500ms for seconds), found {}", node.describe()));
    }
    value
}

const KINDS: [&str; 4] = ["rate", "increase", "counter", "gauge"];

/// A series reference: a name, or `{name, query, kind}` (name defaults to
/// the role; kind to `gauge` for threshold series, `rate` otherwise).
fn series_ref(
    d: &mut Decoder,
    node: &Node,
    path: &str,
    role: &str,
    threshold: bool,
    uses: &mut Vec<(SeriesRef, Location, String)>,
) -> Option<SeriesRef> {
    let default_kind = if threshold {
        SeriesKind::Gauge
    } else {
        SeriesKind::Rate
    };
    let reference = if node.text().is_some() {
        SeriesRef {
            name: d.name(node, path)?,
            query: None,
            kind: default_kind,
        }
    } else {
        let form = format!(
            "a series name like {role} or {{name: {role}, query: 'sum(rate(x[5m]))', kind: rate}}"
        );
        let f = d.fields(node, path, &["name", "query", "kind"], &form)?;
        let name = match f.get("name") {
            Some(n) => d.name(n, &f.path_of("name")),
            None => Some(role.to_string()),
        };
        let query = f.get("query").and_then(|n| d.name(n, &f.path_of("query")));
        let kind = match f.get("kind") {
            Some(n) => d
                .choice(n, &f.path_of("kind"), "series kind", &KINDS)
                .and_then(SeriesKind::parse),
            None => Some(default_kind),
        };
        let kind = kind?;
        if kind == SeriesKind::Gauge && !threshold {
            let at = f.get("kind").map(|n| n.location).unwrap_or(node.location);
            d.error(at, &f.path_of("kind"), "a gauge is a level, not a count of events: a ratio SLI needs rate, increase or counter series (use a threshold SLI for a gauge)");
            return None;
        }
        SeriesRef {
            name: name?,
            query,
            kind,
        }
    };
    uses.push((reference.clone(), node.location, path.to_string()));
    Some(reference)
}

const ALERT_FORM: &str =
    "{name: page, severity: page, windows: [{long: 1h, short: 5m, budget: 2%}]}";

/// `alerting`: a list of alerts. `[]` means no alerts at all.
fn alerting(
    d: &mut Decoder,
    node: &Node,
    path: &str,
    pairs: &mut Vec<(String, BurnWindow, Location, String)>,
) -> Option<Vec<Alert>> {
    let items = d.list(node, path, &format!("[{ALERT_FORM}]"))?;
    let mut alerts: Vec<Alert> = Vec::new();
    // Each named alert, with where its name is, to find repeats at the end.
    let mut named: Vec<(String, Location, String)> = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let apath = format!("{path}[{i}]");
        let Some(f) = d.fields(
            item,
            &apath,
            &["name", "severity", "windows", "for"],
            &format!("an alert like {ALERT_FORM}"),
        ) else {
            ok = false;
            continue;
        };
        let name_node = d.required(&f, "name", "name: page");
        let name = name_node.and_then(|n| d.name(n, &f.path_of("name")));
        if let (Some(name), Some(n)) = (&name, name_node) {
            named.push((name.clone(), n.location, f.path_of("name")));
        }
        let severity = match f.get("severity") {
            Some(n) => d.name(n, &f.path_of("severity")),
            None => name.clone(),
        };
        let windows = d
            .required(
                &f,
                "windows",
                "windows: [{long: 1h, short: 5m, budget: 2%}]",
            )
            .and_then(|n| burn_windows(d, n, &f.path_of("windows")));
        // `for`: a hold time, as a Prometheus alert's.
        let hold = match f.get("for") {
            Some(n) => d.duration(n, &f.path_of("for")),
            None => Some(0),
        };
        match (name, severity, windows, hold) {
            (Some(name), Some(severity), Some(windows), Some(hold)) => {
                let mut burn = Vec::with_capacity(windows.len());
                for (w, loc, p) in windows {
                    burn.push(w);
                    pairs.push((name.clone(), w, loc, p));
                }
                alerts.push(Alert {
                    name,
                    severity,
                    windows: burn,
                    hold,
                });
            }
            _ => ok = false,
        }
    }
    for (i, first) in unique::repeats(&named, |(name, _, _)| name.as_str()) {
        let (name, location, path) = &named[i];
        d.error(*location, path, format!("duplicate alert name \"{name}\" (first at line {}): alert names must be unique within an SLO", named[first].1.line));
    }
    ok.then_some(alerts)
}

fn burn_windows(
    d: &mut Decoder,
    node: &Node,
    path: &str,
) -> Option<Vec<(BurnWindow, Location, String)>> {
    let example = "[{long: 1h, short: 5m, budget: 2%}]";
    let items = d.list(node, path, example)?;
    if items.is_empty() {
        d.error(
            node.location,
            path,
            format!("an alert needs at least one window pair, e.g. {example}"),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let wpath = format!("{path}[{i}]");
        let Some(f) = d.fields(
            item,
            &wpath,
            &["long", "short", "budget", "factor"],
            "a window pair like {long: 1h, short: 5m, budget: 2%}",
        ) else {
            ok = false;
            continue;
        };
        let long = d
            .required(&f, "long", "long: 1h")
            .and_then(|n| d.duration(n, &f.path_of("long")));
        // No short window: a single-window alert.
        let short_node = f.get("short");
        let short = match short_node {
            Some(n) => d.duration(n, &f.path_of("short")).map(Some),
            None => Some(None),
        };
        let threshold = match (f.get("budget"), f.get("factor")) {
            (Some(n), None) => d
                .fraction(n, &f.path_of("budget"), "budget", "2%", true)
                .map(Threshold::Budget),
            (None, Some(n)) => factor_value(d, n, &f.path_of("factor")).map(Threshold::Factor),
            (Some(_), Some(n)) => {
                d.error(n.location, &f.path_of("factor"), "give budget (a share of the period's budget, the factor following the period) or factor (the burn rate itself, whatever the period), not both");
                None
            }
            (None, None) => {
                d.error(item.location, &f.path_of("budget"), "budget or factor is required, e.g. budget: 2% (of the period's budget) or factor: 14.4 (a burn rate)");
                None
            }
        };
        match (long, short, threshold) {
            (Some(long), Some(short), Some(threshold)) => {
                if let (Some(s), Some(sn)) = (short, short_node) {
                    if s >= long {
                        let (s, l) = (
                            crate::time::format_duration(s),
                            crate::time::format_duration(long),
                        );
                        d.error(sn.location, &f.path_of("short"), format!("the short window ({s}) must be shorter than the long window ({l}), e.g. {{long: 1h, short: 5m}}; leave short out for a single-window alert"));
                        ok = false;
                        continue;
                    }
                }
                out.push((
                    BurnWindow {
                        long,
                        short,
                        threshold,
                    },
                    item.location,
                    wpath,
                ));
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

const EXCLUDE_FORM: &str =
    "{start: 2026-02-05T10:00:00Z, end: 2026-02-05T10:15:00Z, reason: planned restart}";

fn exclusions(d: &mut Decoder, node: &Node, path: &str) -> Option<Vec<Exclusion>> {
    let items = d.list(node, path, &format!("[{EXCLUDE_FORM}]"))?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let epath = format!("{path}[{i}]");
        match exclusion(d, item, &epath) {
            Some(e) => out.push(e),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn exclusion(d: &mut Decoder, node: &Node, path: &str) -> Option<Exclusion> {
    let keys = ["start", "end", "duration", "rrule", "timeZone", "reason"];
    let f = d.fields(
        node,
        path,
        &keys,
        &format!("an exclusion like {EXCLUDE_FORM}"),
    )?;
    let start = d
        .required(&f, "start", "start: 2026-02-05T10:00:00Z")
        .and_then(|n| d.instant(n, &f.path_of("start")));
    let end = match (f.get("end"), f.get("duration")) {
        (Some(e), None) => {
            let end = d.instant(e, &f.path_of("end"));
            match (start, end) {
                (Some(s), Some(e_t)) if e_t <= s => {
                    d.error(e.location, &f.path_of("end"), "end must be after start");
                    None
                }
                _ => end,
            }
        }
        (None, Some(dur)) => {
            let len = d.duration(dur, &f.path_of("duration"));
            start.zip(len).map(|(s, l)| s.saturating_add(l))
        }
        (Some(_), Some(dur)) => {
            d.error(
                dur.location,
                &f.path_of("duration"),
                "give end or duration, not both",
            );
            None
        }
        (None, None) => {
            d.error(node.location, path, "an exclusion needs an end or a duration, e.g. {start: 2026-02-01T02:00:00Z, duration: 2h}");
            None
        }
    };
    let rrule = match f.get("rrule") {
        Some(n) => {
            let text = d.string(n, &f.path_of("rrule"))?;
            match RRule::parse(&text) {
                Ok(r) => Some(r),
                Err(message) => {
                    d.error(n.location, &f.path_of("rrule"), message);
                    return None;
                }
            }
        }
        None => None,
    };
    let zone = match f.get("timeZone") {
        Some(n) => d.zone(n, &f.path_of("timeZone"))?,
        None => Zone::utc(),
    };
    let reason = f
        .get("reason")
        .and_then(|n| d.string(n, &f.path_of("reason")));
    Some(Exclusion {
        start: start?,
        end: end?,
        rrule,
        zone,
        reason,
    })
}

/// `spec.defaults`: any SLO field but `name`.
pub(crate) fn defaults<'a>(d: &mut Decoder, node: &'a Node) -> Option<Defaults<'a>> {
    let path = "spec.defaults";
    let f = d.fields(
        node,
        path,
        &SLO_KEYS,
        "a mapping of SLO fields, e.g. {window: {rolling: 28d}}",
    )?;
    if let Some(k) = f.key("name") {
        d.error(
            k.location,
            &join(path, "name"),
            "name cannot have a default: every SLO names itself",
        );
    }
    let sizes = SLO_KEYS
        .iter()
        .filter_map(|&key| f.get(key).map(|n| (key, n.size())))
        .collect();
    Some(Defaults {
        fields: f,
        sizes,
        failed: Cell::new(0),
    })
}
