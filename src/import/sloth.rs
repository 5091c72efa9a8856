//! Sloth specs as a slogate policy (docs/import.md): `prometheus/v1` files
//! and `sloth.slok.dev/v1` `PrometheusServiceLevel` resources (the same
//! fields, camelCase). Written from Sloth's specification: an SLO is a 30-day
//! rolling window (Sloth's default period), its `events` SLI is bad/total
//! (`error_query`/`total_query`, whose `{{.window}}` becomes 5m, read as a
//! per-second rate), and its page and ticket alerts are the multiwindow,
//! multi-burn-rate alerts of the SRE Workbook — slogate's own catalog.

use super::read::{Map, Reader};
use super::write::{AlertOut, PairOut, PolicyOut, SeriesOut, SliOut, SloOut, Value, WindowOut};
use super::Format;
use crate::policy::yaml::Node;

/// Sloth's default SLO period.
const PERIOD: &str = "30d";
/// What `{{.window}}` becomes: the data plan's step for a 30-day SLO.
const WINDOW: &str = "5m";

/// The keys of one spelling of the format.
struct Keys {
    error_query: &'static str,
    total_query: &'static str,
    error_ratio_query: &'static str,
    page_alert: &'static str,
    ticket_alert: &'static str,
}

const SNAKE: Keys = Keys {
    error_query: "error_query",
    total_query: "total_query",
    error_ratio_query: "error_ratio_query",
    page_alert: "page_alert",
    ticket_alert: "ticket_alert",
};

const CAMEL: Keys = Keys {
    error_query: "errorQuery",
    total_query: "totalQuery",
    error_ratio_query: "errorRatioQuery",
    page_alert: "pageAlert",
    ticket_alert: "ticketAlert",
};

pub fn read(docs: &[Node], format: Format, r: &mut Reader) -> Option<PolicyOut> {
    let [doc] = docs else {
        r.error(
            &docs[1],
            "",
            "one Sloth spec per file: split the file, one policy each",
        );
        return None;
    };
    let (spec, keys, name) = if format == Format::SlothKubernetes {
        let m = r.map(doc, "", &["apiVersion", "kind", "metadata", "spec"])?;
        let (k_node, kind) = r.required(&m, "kind")?;
        if kind != "PrometheusServiceLevel" {
            r.error(
                k_node,
                "kind",
                format!("kind \"{kind}\": slogate converts Sloth's PrometheusServiceLevel"),
            );
            return None;
        }
        let meta = r.map(
            m.get("metadata").unwrap_or(doc),
            "metadata",
            &["name", "namespace", "labels", "annotations"],
        )?;
        let (n_node, name) = r.required(&meta, "name")?;
        let Some(spec) = m.get("spec") else {
            r.error(doc, "spec", "\"spec\" is required");
            return None;
        };
        let spec = r.map(spec, "spec", &["service", "labels", "slos"])?;
        (spec, &CAMEL, Some(Value::quoted(name, n_node.location)))
    } else {
        let m = r.map(doc, "", &["version", "service", "labels", "slos"])?;
        if let Some(v) = m.get("version").and_then(|n| n.text().map(|t| (n, t))) {
            if v.1 != "prometheus/v1" {
                r.error(
                    v.0,
                    "version",
                    format!("\"{}\": slogate converts Sloth's prometheus/v1", v.1),
                );
                return None;
            }
        }
        (m, &SNAKE, None)
    };
    let (s_node, service) = r.required(&spec, "service")?;
    let service = Value::quoted(service, s_node.location);
    let labels = spec
        .get("labels")
        .map(|n| labels(n, &spec.path("labels"), r))
        .unwrap_or_default();
    let Some(slos_node) = spec.get("slos") else {
        r.error(spec.node, &spec.path("slos"), "\"slos\" is required");
        return None;
    };
    let items = r.seq(slos_node, &spec.path("slos"))?;
    let mut slos = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(s) = slo(item, &format!("{}[{i}]", spec.path("slos")), keys, r) {
            slos.push(s);
        }
    }
    Some(PolicyOut {
        name: name.unwrap_or_else(|| service.clone()),
        service: Some(service),
        labels,
        slos,
    })
}

fn labels(node: &Node, path: &str, r: &mut Reader) -> Vec<(Value, Value)> {
    let Some(entries) = r.entries(node, path) else {
        return vec![];
    };
    entries
        .iter()
        .filter_map(|(k, v)| {
            let key = k.text()?;
            let value = r.text(v, &format!("{path}.{key}"))?;
            Some((
                Value::quoted(key, k.location),
                Value::quoted(value, v.location),
            ))
        })
        .collect()
}

fn slo(node: &Node, path: &str, keys: &Keys, r: &mut Reader) -> Option<SloOut> {
    let m = r.map(
        node,
        path,
        &[
            "name",
            "objective",
            "description",
            "labels",
            "sli",
            "alerting",
        ],
    )?;
    let (n_node, name) = r.required(&m, "name")?;
    let (o_node, objective) = r.required(&m, "objective")?;
    if let Some(l) = m.get("labels") {
        r.warn(l, &m.path("labels"), "an SLO's labels are not converted: slogate's SLOs have none (the service's labels label the policy)");
    }
    let description = m.get("description").and_then(|n| {
        r.text(n, &m.path("description"))
            .map(|t| Value::quoted(t, n.location))
    });
    let Some(sli_node) = m.get("sli") else {
        r.error(node, &m.path("sli"), "\"sli\" is required");
        return None;
    };
    let sli = sli(sli_node, &m.path("sli"), name, keys, r)?;
    let alerting = match m.get("alerting") {
        Some(a) => alerting(a, &m.path("alerting"), keys, r)?,
        None => {
            r.error(node, &m.path("alerting"), "\"alerting\" is required (its name, and page_alert/ticket_alert, each may be disabled)");
            return None;
        }
    };
    Some(SloOut {
        name: Value::quoted(name, n_node.location),
        description,
        // Sloth's objective is a percentage, 99.9.
        objective: Value::plain(format!("{objective}%"), o_node.location),
        window: WindowOut::Rolling(Value::plain(PERIOD, n_node.location)),
        timeslices: None,
        sli,
        alerting: Some(alerting),
    })
}

fn sli(node: &Node, path: &str, slo: &str, keys: &Keys, r: &mut Reader) -> Option<SliOut> {
    let m = r.map(node, path, &["events", "raw", "plugin"])?;
    if let Some(n) = m.get("raw") {
        r.error(n, &m.path("raw"), format!("a raw SLI ({}) is a ratio computed elsewhere: slogate counts the bad and total events itself; use events", keys.error_ratio_query));
        return None;
    }
    if let Some(n) = m.get("plugin") {
        r.error(n, &m.path("plugin"), "an SLI plugin: slogate has no plugins; write the plugin's queries as events (error and total queries)");
        return None;
    }
    let Some(events) = m.get("events") else {
        r.error(node, &m.path("events"), "\"events\" is required");
        return None;
    };
    let e = r.map(
        events,
        &m.path("events"),
        &[keys.error_query, keys.total_query],
    )?;
    let bad = query(&e, keys.error_query, &format!("{slo}-errors"), r);
    let total = query(&e, keys.total_query, &format!("{slo}-total"), r);
    Some(SliOut::Ratio(vec![("bad", bad?), ("total", total?)]))
}

fn query(m: &Map, key: &str, name: &str, r: &mut Reader) -> Option<SeriesOut> {
    let (node, text) = r.required(m, key)?;
    if !text.contains("{{.window}}") {
        r.error(node, &m.path(key), "the query has no {{.window}}: Sloth's event queries are rates over it, e.g. sum(rate(x[{{.window}}]))");
        return None;
    }
    Some(SeriesOut {
        name: Value::quoted(name, node.location),
        query: Value::quoted(text.replace("{{.window}}", WINDOW), node.location),
        kind: Value::plain("rate", node.location),
    })
}

/// Sloth's page and ticket alerts: slogate's catalog, 30-day factors.
fn alerting(node: &Node, path: &str, keys: &Keys, r: &mut Reader) -> Option<Vec<AlertOut>> {
    let m = r.map(
        node,
        path,
        &[
            "name",
            "labels",
            "annotations",
            keys.page_alert,
            keys.ticket_alert,
        ],
    )?;
    for (extra, what) in [
        ("name", "name"),
        ("labels", "labels"),
        ("annotations", "annotations"),
    ] {
        if let Some(n) = m.get(extra) {
            r.warn(n, &m.path(extra), format!("the alerts' {what} is not converted: slogate rules names its alerts SlogateErrorBudgetBurn, labelled with the policy, SLO, alert (page, ticket) and severity"));
        }
    }
    let mut out = Vec::new();
    for (key, name, windows) in [
        (
            keys.page_alert,
            "page",
            [("1h", "5m", "2%"), ("6h", "30m", "5%")],
        ),
        (
            keys.ticket_alert,
            "ticket",
            [("1d", "2h", "10%"), ("3d", "6h", "10%")],
        ),
    ] {
        let at = m.get(key).map_or(node.location, |n| n.location);
        let mut severity = Value::quoted(name, at);
        if let Some(a) = m.get(key) {
            let am = r.map(a, &m.path(key), &["disable", "labels", "annotations"])?;
            if let Some(d) = am.get("disable") {
                if r.boolean(d, &am.path("disable"))? {
                    continue;
                }
            }
            if let Some(l) = am.get("labels") {
                if let Some(entries) = r.entries(l, &am.path("labels")) {
                    if let Some((_, v)) = entries.iter().find(|(k, _)| k.text() == Some("severity"))
                    {
                        if let Some(t) = v.text() {
                            severity = Value::quoted(t, v.location);
                        }
                    }
                    if entries.iter().any(|(k, _)| k.text() != Some("severity")) {
                        r.warn(l, &am.path("labels"), "labels other than severity are not converted: route on slogate's labels (slogate_slo, slogate_alert, severity)");
                    }
                }
            }
            if let Some(n) = am.get("annotations") {
                r.warn(
                    n,
                    &am.path("annotations"),
                    "the alert's annotations are not converted",
                );
            }
        }
        out.push(AlertOut {
            name: Value::quoted(name, at),
            severity,
            hold: None,
            windows: windows
                .iter()
                .map(|(l, s, b)| PairOut {
                    long: Value::plain(*l, at),
                    short: Some(Value::plain(*s, at)),
                    budget: Some(Value::plain(*b, at)),
                    factor: None,
                })
                .collect(),
        });
    }
    Some(out)
}
