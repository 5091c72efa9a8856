//! OpenSLO `openslo/v1` documents as a slogate policy (docs/import.md maps
//! each field). Written from the OpenSLO specification: `SLO` with an
//! inline `indicator` or an `indicatorRef` to an `SLI` document, `SLI`
//! ratio and threshold metrics with Prometheus metric sources (inline or by
//! `metricSourceRef` to a `DataSource`), rolling and calendar-aligned
//! `timeWindow`s, `Occurrences` and `Timeslices` budgeting, and burn-rate
//! `AlertCondition`s of `AlertPolicy` documents, inline or by reference.

use std::collections::HashMap;

use super::read::{key_text, Map, Reader};
use super::write::{
    AlertOut, PairOut, PolicyOut, SeriesOut, SliOut, SloOut, Timeslices, Value, WindowOut,
};
use crate::decimal::parse_f64;
use crate::diagnostic::Location;
use crate::policy::yaml::Node;
use crate::time::civil::Date;

const TOP: &[&str] = &["apiVersion", "kind", "metadata", "spec"];
const METADATA: &[&str] = &["name", "displayName", "labels", "annotations"];
const KINDS: &[&str] = &[
    "SLO",
    "SLI",
    "AlertPolicy",
    "AlertCondition",
    "AlertNotificationTarget",
    "DataSource",
    "Service",
];

/// One document: its kind, name and spec.
struct Doc<'n> {
    kind: &'n str,
    name: &'n str,
    name_node: &'n Node,
    spec: Option<&'n Node>,
    node: &'n Node,
}

/// The documents by kind and name, for references.
#[derive(Default)]
struct Index<'n> {
    by: HashMap<(&'n str, &'n str), &'n Doc<'n>>,
}

impl<'n> Index<'n> {
    fn get(&self, kind: &str, name: &str) -> Option<&'n Doc<'n>> {
        self.by.get(&(kind, name)).copied()
    }

    fn names(&self, kind: &str) -> Vec<&'n str> {
        let mut v: Vec<&str> = self
            .by
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| *n)
            .collect();
        v.sort_unstable();
        v
    }
}

pub fn read(docs: &[Node], r: &mut Reader) -> Option<PolicyOut> {
    let mut all = Vec::new();
    for (i, node) in docs.iter().enumerate() {
        if let Some(d) = document(node, i, r) {
            all.push(d);
        }
    }
    let mut index = Index::default();
    for d in &all {
        if index.by.insert((d.kind, d.name), d).is_some() {
            r.error(
                d.name_node,
                "metadata.name",
                format!("a second {} named \"{}\" in this file", d.kind, d.name),
            );
        }
    }
    let mut slos = Vec::new();
    let mut services: Vec<(&str, Location)> = Vec::new();
    for d in all.iter().filter(|d| d.kind == "SLO") {
        slo(d, &index, r, &mut slos, &mut services);
    }
    for d in all.iter().filter(|d| d.kind == "AlertNotificationTarget") {
        r.warn(
            d.name_node,
            "kind",
            "AlertNotificationTarget is not converted: slogate's alerts reach people through Alertmanager (slogate rules), which routes them",
        );
    }
    let Some(first) = all.iter().find(|d| d.kind == "SLO") else {
        let at = docs.first()?;
        r.error(at, "", "no SLO document in this file: slogate converts OpenSLO SLOs (with their SLIs and alert policies)");
        return None;
    };
    // The policy is the service's when every SLO names the same one.
    let service = match services.as_slice() {
        [(s, at), rest @ ..] if rest.iter().all(|(o, _)| o == s) => Some(Value::quoted(*s, *at)),
        _ => None,
    };
    let name = match all
        .iter()
        .filter(|d| d.kind == "Service")
        .collect::<Vec<_>>()
        .as_slice()
    {
        [one] => Value::quoted(one.name, one.name_node.location),
        _ => service
            .clone()
            .unwrap_or_else(|| Value::quoted(first.name, first.name_node.location)),
    };
    Some(PolicyOut {
        name,
        service,
        labels: vec![],
        slos,
    })
}

fn document<'n>(node: &'n Node, i: usize, r: &mut Reader) -> Option<Doc<'n>> {
    let path = format!("documents[{i}]");
    let m = r.map(node, &path, TOP)?;
    let (v_node, version) = r.required(&m, "apiVersion")?;
    if version != "openslo/v1" {
        r.error(
            v_node,
            &m.path("apiVersion"),
            format!("\"{version}\": slogate reads OpenSLO openslo/v1 (every document of the file)"),
        );
        return None;
    }
    let (k_node, kind) = r.required(&m, "kind")?;
    if !KINDS.contains(&kind) {
        r.error(
            k_node,
            &m.path("kind"),
            format!(
                "unknown OpenSLO kind \"{kind}\"{}",
                crate::suggest::hint(kind, KINDS)
            ),
        );
        return None;
    }
    let meta = m
        .get("metadata")
        .and_then(|n| r.map(n, &m.path("metadata"), METADATA));
    let Some(meta) = meta else {
        r.error(
            node,
            &m.path("metadata"),
            "\"metadata\" with a \"name\" is required",
        );
        return None;
    };
    let (name_node, name) = r.required(&meta, "name")?;
    if let Some(labels) = meta.get("labels") {
        r.warn(
            labels,
            &meta.path("labels"),
            format!("the labels of {kind} \"{name}\" are not converted: slogate's SLOs have none (the policy's metadata.labels label all of them)"),
        );
    }
    Some(Doc {
        kind,
        name,
        name_node,
        spec: m.get("spec"),
        node,
    })
}

fn slo<'n>(
    d: &Doc<'n>,
    index: &Index<'n>,
    r: &mut Reader,
    out: &mut Vec<SloOut>,
    services: &mut Vec<(&'n str, Location)>,
) {
    let Some(spec_node) = d.spec else {
        r.error(d.node, "spec", format!("SLO \"{}\" has no spec", d.name));
        return;
    };
    let Some(spec) = r.map(
        spec_node,
        "spec",
        &[
            "description",
            "service",
            "indicator",
            "indicatorRef",
            "timeWindow",
            "budgetingMethod",
            "objectives",
            "alertPolicies",
        ],
    ) else {
        return;
    };
    if let Some((n, s)) = spec
        .get("service")
        .and_then(|n| r.text(n, "spec.service").map(|s| (n, s)))
    {
        services.push((s, n.location));
    }
    let description = spec.get("description").and_then(|n| {
        r.text(n, "spec.description")
            .map(|t| Value::quoted(t, n.location))
    });
    let window = time_window(&spec, r);
    let sli = indicator(&spec, index, r);
    let budgeting = spec.get("budgetingMethod").and_then(|n| {
        let t = r.text(n, "spec.budgetingMethod")?;
        match t {
            "Occurrences" | "Timeslices" => Some((t, n)),
            "RatioTimeslices" => {
                r.error(n, "spec.budgetingMethod", "RatioTimeslices averages the slices' ratios; slogate counts good slices (Timeslices) or good events (Occurrences): choose one of those");
                None
            }
            other => {
                r.error(n, "spec.budgetingMethod", format!("unknown budgeting method \"{other}\"{}", crate::suggest::hint(other, &["Occurrences", "Timeslices", "RatioTimeslices"])));
                None
            }
        }
    });
    let Some(budgeting) = budgeting.or_else(|| {
        r.error(
            spec_node,
            "spec.budgetingMethod",
            "\"budgetingMethod\" is required (Occurrences or Timeslices)",
        );
        None
    }) else {
        return;
    };
    // No alert policy, no alerts (not slogate's default catalog).
    let alerting: Vec<AlertOut> = spec
        .get("alertPolicies")
        .and_then(|n| alert_policies(n, index, r))
        .unwrap_or_default();
    let Some(objectives_node) = spec.get("objectives") else {
        r.error(
            spec_node,
            "spec.objectives",
            "\"objectives\" is required: at least one, with a target",
        );
        return;
    };
    let Some(objectives) = r.seq(objectives_node, "spec.objectives") else {
        return;
    };
    if objectives.is_empty() {
        r.error(
            objectives_node,
            "spec.objectives",
            "at least one objective is required",
        );
    }
    for (i, o) in objectives.iter().enumerate() {
        let path = format!("spec.objectives[{i}]");
        let Some(om) = r.map(
            o,
            &path,
            &[
                "displayName",
                "op",
                "value",
                "target",
                "targetPercent",
                "timeSliceTarget",
                "timeSliceWindow",
                "indicator",
                "indicatorRef",
                "compositeWeight",
            ],
        ) else {
            continue;
        };
        for composite in ["indicator", "indicatorRef", "compositeWeight"] {
            if let Some(n) = om.get(composite) {
                r.error(n, &om.path(composite), "a composite SLO (an indicator per objective): slogate has one SLI per SLO; write one SLO per indicator");
            }
        }
        let objective = match (om.get("target"), om.get("targetPercent")) {
            (Some(n), None) => r
                .text(n, &om.path("target"))
                .map(|t| Value::plain(t, n.location)),
            (None, Some(n)) => r
                .text(n, &om.path("targetPercent"))
                .map(|t| Value::plain(format!("{t}%"), n.location)),
            (Some(n), Some(_)) => {
                r.error(
                    n,
                    &om.path("target"),
                    "give target or targetPercent, not both",
                );
                None
            }
            (None, None) => {
                r.error(
                    o,
                    &om.path("target"),
                    "\"target\" (a fraction) or \"targetPercent\" is required",
                );
                None
            }
        };
        let name = if objectives.len() == 1 {
            Value::quoted(d.name, d.name_node.location)
        } else {
            let suffix = om
                .get("displayName")
                .and_then(|n| n.text())
                .map(slug)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| (i + 1).to_string());
            Value::quoted(format!("{}-{suffix}", d.name), o.location)
        };
        let timeslices = (budgeting.0 == "Timeslices").then(|| Timeslices {
            at: budgeting.1.location,
            slice: om
                .get("timeSliceWindow")
                .and_then(|n| slice_window(n, &om.path("timeSliceWindow"), r)),
            target: om.get("timeSliceTarget").and_then(|n| {
                r.text(n, &om.path("timeSliceTarget"))
                    .map(|t| Value::plain(t, n.location))
            }),
        });
        if budgeting.0 == "Timeslices" && om.get("timeSliceWindow").is_none() {
            r.error(
                o,
                &om.path("timeSliceWindow"),
                "Timeslices budgeting needs timeSliceWindow (the slice's length)",
            );
        }
        let sli = match (&sli, om.get("op"), om.get("value")) {
            (Some(Sli::Threshold(series)), Some(op), Some(value)) => {
                let op_text = r.text(op, &om.path("op")).and_then(|t| {
                    let o = match t {
                        "lte" => "\"<=\"",
                        "gte" => "\">=\"",
                        "lt" => "\"<\"",
                        "gt" => "\">\"",
                        other => {
                            r.error(
                                op,
                                &om.path("op"),
                                format!("unknown op \"{other}\": lte, gte, lt or gt"),
                            );
                            return None;
                        }
                    };
                    Some(Value::plain(o, op.location))
                });
                let value = r
                    .text(value, &om.path("value"))
                    .map(|t| Value::plain(t, value.location));
                if let Some(t) = &timeslices {
                    if let Some(target) = &t.target {
                        if parse_f64(&target.text) != Some(1.0) {
                            r.error(o, &om.path("timeSliceTarget"), "slogate judges a threshold slice good when every sample in it meets the threshold: timeSliceTarget must be 1 (or left out)");
                        }
                    }
                }
                op_text.zip(value).map(|(op, value)| SliOut::Threshold {
                    series: series.clone_out(),
                    op,
                    value,
                })
            }
            (Some(Sli::Threshold(_)), _, _) => {
                r.error(o, &path, "a threshold metric needs the objective's op and value (e.g. op: lte, value: 0.5)");
                None
            }
            (Some(Sli::Ratio(roles)), op, value) => {
                if let Some(n) = op.or(value) {
                    r.error(
                        n,
                        &path,
                        "op and value compare a threshold metric; this SLO's indicator is a ratio",
                    );
                }
                Some(SliOut::Ratio(
                    roles
                        .iter()
                        .map(|(role, s)| (*role, s.clone_out()))
                        .collect(),
                ))
            }
            (None, _, _) => None,
        };
        let timeslices = timeslices.map(|mut t| {
            // A threshold slice has no ratio to hold to a target.
            if matches!(sli, Some(SliOut::Threshold { .. })) {
                t.target = None;
            }
            t
        });
        if let (Some(objective), Some(window), Some(sli)) = (objective, window.clone(), sli) {
            out.push(SloOut {
                name,
                description: description.clone(),
                objective,
                window,
                timeslices,
                sli,
                alerting: Some(alerting.clone()),
            });
        }
    }
}

/// A series read from a metric source.
#[derive(Clone)]
struct Series {
    name: Value,
    query: Value,
    kind: Value,
}

impl Series {
    fn clone_out(&self) -> SeriesOut {
        SeriesOut {
            name: self.name.clone(),
            query: self.query.clone(),
            kind: self.kind.clone(),
        }
    }
}

enum Sli {
    Ratio(Vec<(&'static str, Series)>),
    Threshold(Series),
}

fn indicator<'n>(spec: &Map<'n>, index: &Index<'n>, r: &mut Reader) -> Option<Sli> {
    match (spec.get("indicator"), spec.get("indicatorRef")) {
        (Some(inline), None) => {
            let m = r.map(inline, &spec.path("indicator"), &["metadata", "spec"])?;
            let meta = m
                .get("metadata")
                .and_then(|n| r.map(n, &m.path("metadata"), METADATA));
            let name = meta
                .as_ref()
                .and_then(|meta| meta.get("name"))
                .and_then(|n| n.text())
                .unwrap_or("sli");
            let Some(s) = m.get("spec") else {
                r.error(
                    inline,
                    &m.path("spec"),
                    "the indicator needs a spec (ratioMetric or thresholdMetric)",
                );
                return None;
            };
            sli_spec(s, &m.path("spec"), name, index, r)
        }
        (None, Some(n)) => {
            let name = r.text(n, &spec.path("indicatorRef"))?;
            let Some(doc) = index.get("SLI", name) else {
                r.error(
                    n,
                    &spec.path("indicatorRef"),
                    format!(
                        "no SLI named \"{name}\" in this file{}",
                        crate::suggest::hint(name, &index.names("SLI"))
                    ),
                );
                return None;
            };
            let Some(s) = doc.spec else {
                r.error(doc.node, "spec", format!("SLI \"{name}\" has no spec"));
                return None;
            };
            sli_spec(s, "spec", doc.name, index, r)
        }
        (Some(n), Some(_)) => {
            r.error(
                n,
                &spec.path("indicator"),
                "give indicator or indicatorRef, not both",
            );
            None
        }
        (None, None) => {
            r.error(
                spec.node,
                &spec.path("indicator"),
                "\"indicator\" or \"indicatorRef\" is required",
            );
            None
        }
    }
}

fn sli_spec(node: &Node, path: &str, name: &str, index: &Index, r: &mut Reader) -> Option<Sli> {
    let m = r.map(
        node,
        path,
        &["description", "thresholdMetric", "ratioMetric"],
    )?;
    match (m.get("ratioMetric"), m.get("thresholdMetric")) {
        (Some(ratio), None) => {
            let rm = r.map(
                ratio,
                &m.path("ratioMetric"),
                &["counter", "good", "bad", "total", "rawType", "raw"],
            )?;
            if let Some(raw) = rm.get("raw").or(rm.get("rawType")) {
                r.error(raw, &rm.path("raw"), "a raw (precomputed) ratio: slogate counts good and total events itself; give good or bad, and total");
                return None;
            }
            let counter = match rm.get("counter") {
                Some(n) => r.boolean(n, &rm.path("counter"))?,
                None => false,
            };
            let kind = Value::plain(
                if counter { "counter" } else { "rate" },
                rm.get("counter").map_or(ratio.location, |n| n.location),
            );
            let mut roles = Vec::new();
            for role in ["good", "bad", "total"] {
                if let Some(n) = rm.get(role) {
                    let series = metric(
                        n,
                        &rm.path(role),
                        &format!("{name}-{role}"),
                        kind.clone(),
                        index,
                        r,
                    )?;
                    roles.push((role, series));
                }
            }
            let has = |role: &str| roles.iter().any(|(r, _)| *r == role);
            if roles.len() != 2 || !has("total") {
                r.error(
                    ratio,
                    &m.path("ratioMetric"),
                    "a ratio metric needs total and one of good or bad",
                );
                return None;
            }
            Some(Sli::Ratio(roles))
        }
        (None, Some(t)) => {
            let kind = Value::plain("gauge", t.location);
            metric(t, &m.path("thresholdMetric"), name, kind, index, r).map(Sli::Threshold)
        }
        _ => {
            r.error(
                node,
                path,
                "an SLI has exactly one of ratioMetric and thresholdMetric",
            );
            None
        }
    }
}

/// `{metricSource: {type, spec: {query}}}` (or its `metricSourceRef` to a
/// DataSource) as a series named `name`.
fn metric(
    node: &Node,
    path: &str,
    name: &str,
    kind: Value,
    index: &Index,
    r: &mut Reader,
) -> Option<Series> {
    let m = r.map(node, path, &["metricSource"])?;
    let Some(source) = m.get("metricSource") else {
        r.error(
            node,
            &m.path("metricSource"),
            "\"metricSource\" is required",
        );
        return None;
    };
    let sm = r.map(
        source,
        &m.path("metricSource"),
        &["metricSourceRef", "type", "spec"],
    )?;
    let mut kind_of_source = sm.get("type").and_then(|n| n.text()).map(str::to_string);
    if let Some(n) = sm.get("metricSourceRef") {
        let source_name = r.text(n, &sm.path("metricSourceRef"))?;
        match index.get("DataSource", source_name) {
            Some(ds) => {
                let ds_type = ds
                    .spec
                    .and_then(|s| key_text(s, "type"))
                    .map(str::to_string);
                kind_of_source = kind_of_source.or(ds_type);
            }
            None => {
                r.error(
                    n,
                    &sm.path("metricSourceRef"),
                    format!("no DataSource named \"{source_name}\" in this file"),
                );
                return None;
            }
        }
    }
    let source_type = kind_of_source.unwrap_or_default();
    if !source_type.eq_ignore_ascii_case("prometheus") {
        r.error(
            sm.get("type").unwrap_or(source),
            &sm.path("type"),
            format!(
                "metric source type \"{source_type}\": slogate converts Prometheus queries (type: Prometheus); data from elsewhere can be given to a slogate policy as --data files"
            ),
        );
        return None;
    }
    let Some(spec) = sm.get("spec") else {
        r.error(
            source,
            &sm.path("spec"),
            "a Prometheus metric source needs spec.query",
        );
        return None;
    };
    let spec = r.map(spec, &sm.path("spec"), &["query"])?;
    let (q_node, query) = r.required(&spec, "query")?;
    Some(Series {
        name: Value::quoted(name, q_node.location),
        query: Value::quoted(query, q_node.location),
        kind,
    })
}

/// The window, or `None` after an error.
fn time_window(spec: &Map, r: &mut Reader) -> Option<WindowOut> {
    let Some(n) = spec.get("timeWindow") else {
        r.error(
            spec.node,
            &spec.path("timeWindow"),
            "\"timeWindow\" is required (exactly one)",
        );
        return None;
    };
    let items = r.seq(n, &spec.path("timeWindow"))?;
    let [w] = items else {
        r.error(n, &spec.path("timeWindow"), "exactly one time window");
        return None;
    };
    let path = format!("{}[0]", spec.path("timeWindow"));
    let m = r.map(w, &path, &["duration", "isRolling", "calendar"])?;
    let (d_node, duration) = r.required(&m, "duration")?;
    let (count, unit) = shorthand(duration).or_else(|| {
        r.error(
            d_node,
            &m.path("duration"),
            format!("\"{duration}\" is not a duration shorthand like 28d, 4w, 1M, 1Q or 1Y"),
        );
        None
    })?;
    let rolling = match m.get("isRolling") {
        Some(n) => r.boolean(n, &m.path("isRolling"))?,
        None => m.get("calendar").is_none(),
    };
    match (rolling, m.get("calendar")) {
        (true, Some(c)) => {
            r.error(
                c,
                &m.path("calendar"),
                "a rolling window (isRolling: true) has no calendar",
            );
            None
        }
        (false, None) => {
            r.error(w, &m.path("calendar"), "a calendar-aligned window (isRolling: false) needs calendar: {startTime, timeZone}");
            None
        }
        (true, None) => {
            if matches!(unit, 'M' | 'Q' | 'Y') {
                r.error(d_node, &m.path("duration"), format!("a rolling window of {duration} has no fixed length: write it in days (e.g. 30d), or make it calendar-aligned"));
                return None;
            }
            Some(WindowOut::Rolling(Value::plain(duration, d_node.location)))
        }
        (false, Some(c)) => {
            let unit_name = match (count, unit) {
                (1, 'd') => "day",
                (1, 'w') => "week",
                (1, 'M') => "month",
                (1, 'Q') => "quarter",
                (1, 'Y') => "year",
                _ => {
                    r.error(d_node, &m.path("duration"), format!("a calendar window of {duration}: slogate's calendar windows are one day, week (1w), month (1M), quarter (1Q) or year (1Y)"));
                    return None;
                }
            };
            let cm = r.map(c, &m.path("calendar"), &["startTime", "timeZone"])?;
            let zone = cm.get("timeZone").and_then(|n| {
                r.text(n, &cm.path("timeZone"))
                    .map(|t| Value::quoted(t, n.location))
            });
            if let Some((s_node, start)) =
                cm.get("startTime").and_then(|n| n.text().map(|t| (n, t)))
            {
                if let Err(why) = aligned(start, unit) {
                    r.error(s_node, &cm.path("startTime"), format!("\"{start}\": slogate's calendar windows start at the start of each {unit_name} in the time zone, {why}"));
                    return None;
                }
            }
            Some(WindowOut::Calendar {
                unit: Value::plain(unit_name, d_node.location),
                zone,
            })
        }
    }
}

/// `28d` → (28, 'd'): a whole number and one of m, h, d, w, M, Q, Y.
fn shorthand(text: &str) -> Option<(u64, char)> {
    let unit = text.chars().last()?;
    let digits = &text[..text.len() - unit.len_utf8()];
    if !matches!(unit, 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y')
        || digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0).map(|n| (n, unit))
}

/// Whether `start` (`2022-01-01 00:00:00`, no zone) starts a `unit` period.
fn aligned(start: &str, unit: char) -> Result<(), String> {
    let (date, time) = start.split_once([' ', 'T']).unwrap_or((start, "00:00:00"));
    let parts: Vec<Option<i64>> = date.split('-').map(|p| p.parse().ok()).collect();
    let [Some(y), Some(m), Some(d)] = parts[..] else {
        return Err("and this is not a date like 2024-01-01 00:00:00".into());
    };
    let date = i32::try_from(y)
        .ok()
        .zip(u8::try_from(m).ok())
        .zip(u8::try_from(d).ok())
        .and_then(|((y, m), d)| Date::new(y, m, d))
        .ok_or("and this is not a date like 2024-01-01 00:00:00")?;
    if time.trim_end_matches(['Z', 'z']) != "00:00:00" && time != "00:00" {
        return Err("at midnight".into());
    }
    let ok = match unit {
        'd' => true,
        'w' => date.iso_weekday() == 1,
        'M' => d == 1,
        'Q' => d == 1 && matches!(m, 1 | 4 | 7 | 10),
        _ => d == 1 && m == 1,
    };
    if ok {
        Ok(())
    } else {
        Err(match unit {
            'w' => "a Monday (ISO weeks)",
            'M' => "the first of a month",
            'Q' => "the first of January, April, July or October",
            _ => "the first of January",
        }
        .to_string())
    }
}

/// `timeSliceWindow`: a number of seconds or a duration shorthand (m, h, d).
fn slice_window(n: &Node, path: &str, r: &mut Reader) -> Option<Value> {
    let t = r.text(n, path)?;
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Value::plain(format!("{t}s"), n.location));
    }
    match shorthand(t) {
        Some((_, 'm' | 'h' | 'd')) => Some(Value::plain(t, n.location)),
        _ => {
            r.error(
                n,
                path,
                format!("\"{t}\" is not a slice length: seconds (60) or a duration like 1m or 5m"),
            );
            None
        }
    }
}

/// `alertPolicies` as slogate alerts; `None` inside after an error.
fn alert_policies(node: &Node, index: &Index, r: &mut Reader) -> Option<Vec<AlertOut>> {
    let items = r.seq(node, "spec.alertPolicies")?;
    let mut alerts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("spec.alertPolicies[{i}]");
        let m = r.map(item, &path, &["alertPolicyRef", "kind", "metadata", "spec"])?;
        let (name, spec) = if let Some(n) = m.get("alertPolicyRef") {
            let name = r.text(n, &m.path("alertPolicyRef"))?;
            let Some(doc) = index.get("AlertPolicy", name) else {
                r.error(
                    n,
                    &m.path("alertPolicyRef"),
                    format!(
                        "no AlertPolicy named \"{name}\" in this file{}",
                        crate::suggest::hint(name, &index.names("AlertPolicy"))
                    ),
                );
                continue;
            };
            (doc.name, doc.spec)
        } else {
            let name = m
                .get("metadata")
                .and_then(|n| r.map(n, &m.path("metadata"), METADATA))
                .and_then(|meta| meta.get("name").and_then(|n| n.text()))
                .unwrap_or("alert");
            (name, m.get("spec"))
        };
        let Some(spec) = spec else {
            r.error(item, &path, format!("AlertPolicy \"{name}\" has no spec"));
            continue;
        };
        let Some(sm) = r.map(
            spec,
            "spec",
            &[
                "description",
                "alertWhenNoData",
                "alertWhenResolved",
                "alertWhenBreaching",
                "conditions",
                "notificationTargets",
            ],
        ) else {
            continue;
        };
        if let Some(n) = sm.get("alertWhenNoData") {
            if r.boolean(n, &sm.path("alertWhenNoData")) == Some(true) {
                r.error(n, &sm.path("alertWhenNoData"), "slogate's alerts do not fire on no data (a burn rate without data is unknown); set it to false");
            }
        }
        if let Some(n) = sm.get("notificationTargets") {
            r.warn(n, &sm.path("notificationTargets"), "notification targets are not converted: Alertmanager routes slogate's alerts (slogate rules labels them with severity)");
        }
        let Some(conditions) = sm
            .get("conditions")
            .and_then(|n| r.seq(n, &sm.path("conditions")))
        else {
            r.error(
                spec,
                &sm.path("conditions"),
                "an alert policy needs conditions",
            );
            continue;
        };
        for (j, c) in conditions.iter().enumerate() {
            let cpath = format!("{}[{j}]", sm.path("conditions"));
            let Some(cm) = r.map(c, &cpath, &["conditionRef", "kind", "metadata", "spec"]) else {
                continue;
            };
            let (cname, cspec) = if let Some(n) = cm.get("conditionRef") {
                let Some(cname) = r.text(n, &cm.path("conditionRef")) else {
                    continue;
                };
                let Some(doc) = index.get("AlertCondition", cname) else {
                    r.error(
                        n,
                        &cm.path("conditionRef"),
                        format!(
                            "no AlertCondition named \"{cname}\" in this file{}",
                            crate::suggest::hint(cname, &index.names("AlertCondition"))
                        ),
                    );
                    continue;
                };
                (doc.name, doc.spec)
            } else {
                let cname = cm
                    .get("metadata")
                    .and_then(|n| key_text(n, "name"))
                    .unwrap_or(name);
                (cname, cm.get("spec"))
            };
            if let Some(a) = cspec.and_then(|s| condition(s, cname, r)) {
                alerts.push(a);
            }
        }
    }
    Some(alerts)
}

/// One burn-rate `AlertCondition` as a slogate single-window alert: it
/// fires iff the burn rate over `lookbackWindow` exceeds `threshold`, a
/// fixed factor (the same on a calendar month of any length), and has for
/// `alertAfter` (its `for`) when that is given.
fn condition(node: &Node, name: &str, r: &mut Reader) -> Option<AlertOut> {
    let m = r.map(node, "spec", &["description", "severity", "condition"])?;
    let (s_node, severity) = r.required(&m, "severity")?;
    let Some(c) = m.get("condition") else {
        r.error(
            node,
            &m.path("condition"),
            "the alert condition needs condition: {kind: burnrate, op, threshold, lookbackWindow}",
        );
        return None;
    };
    let cm = r.map(
        c,
        &m.path("condition"),
        &["kind", "op", "threshold", "lookbackWindow", "alertAfter"],
    )?;
    let (k_node, kind) = r.required(&cm, "kind")?;
    if kind != "burnrate" {
        r.error(
            k_node,
            &cm.path("kind"),
            format!(
                "condition kind \"{kind}\": slogate's alerts are burn-rate alerts (kind: burnrate)"
            ),
        );
        return None;
    }
    let (op_node, op) = r.required(&cm, "op")?;
    if op != "gt" {
        r.error(op_node, &cm.path("op"), format!("op \"{op}\": slogate's burn-rate alerts fire when the burn rate is above the threshold (op: gt)"));
        return None;
    }
    // alertAfter: how long the condition must hold, slogate's `for`.
    let hold = match cm.get("alertAfter") {
        Some(n) => {
            let text = r.text(n, &cm.path("alertAfter"))?;
            if !matches!(shorthand(text), Some((_, 'm' | 'h' | 'd' | 'w'))) {
                r.error(
                    n,
                    &cm.path("alertAfter"),
                    format!("\"{text}\" is not a hold time like 5m or 1h"),
                );
                return None;
            }
            Some(Value::plain(text, n.location))
        }
        None => None,
    };
    let (t_node, threshold) = r.required(&cm, "threshold")?;
    let (l_node, lookback) = r.required(&cm, "lookbackWindow")?;
    if !matches!(shorthand(lookback), Some((_, 'm' | 'h' | 'd' | 'w'))) {
        r.error(
            l_node,
            &cm.path("lookbackWindow"),
            format!("\"{lookback}\" is not a window like 5m, 1h or 1d"),
        );
        return None;
    }
    Some(AlertOut {
        name: Value::quoted(name, s_node.location),
        severity: Value::quoted(severity, s_node.location),
        hold,
        windows: vec![PairOut {
            long: Value::plain(lookback, l_node.location),
            short: None,
            budget: None,
            factor: Some(Value::plain(threshold, t_node.location)),
        }],
    })
}

/// `Latency P99` → `latency-p99`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
