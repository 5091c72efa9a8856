//! From text to a validated [`Policy`]: the document, `metadata`,
//! `spec.slos` (see [`super::slo`]) and `spec.policy`.

use super::fields::{self, location_in, Decoder};
use super::model::{Policy, Rule, DEFAULT_LEVELS};
use super::scope;
use super::slo::{self, SloInfo};
use super::unique;
use super::validate;
use super::yaml::{self, Kind, Node};
use super::Parsed;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};

const API_VERSION: &str = "slogate/v1";
const KIND: &str = "ServiceLevelPolicy";

/// Parses and validates a whole document; see [`Policy::parse`].
pub(crate) fn parse(text: &str) -> Result<Parsed, Diagnostics> {
    let root = match yaml::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => {
            return Err(Diagnostics(vec![Diagnostic::error(
                Some(Location { line: 1, column: 1 }),
                "",
                format!("the document is empty: expected a policy starting with apiVersion: {API_VERSION} and kind: {KIND}"),
            )]))
        }
        Err(d) => return Err(Diagnostics(vec![d])),
    };
    let mut d = Decoder {
        copy_limit: fields::copy_limit(text.len()),
        ..Decoder::default()
    };
    let policy = document(&mut d, &root);
    let diags = d.diags;
    // An error in spec.defaults is found once per SLO that inherits it.
    let first = unique::first_of_each(&diags, |x| {
        (x.location.map(|l| (l.line, l.column)), x.message.as_str())
    });
    let mut diags: Vec<Diagnostic> = diags
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| first[i] == i)
        .map(|(_, x)| x)
        .collect();
    crate::sort::sort_by_key(&mut diags, |x| x.location.map(|l| (l.line, l.column)));
    match policy {
        Some(policy) if !diags.iter().any(|x| x.severity == Severity::Error) => Ok(Parsed {
            policy,
            warnings: diags,
        }),
        _ => Err(Diagnostics(diags)),
    }
}

fn document(d: &mut Decoder, root: &Node) -> Option<Policy> {
    let what = format!("a {KIND} document: a mapping with apiVersion, kind, metadata and spec");
    let f = d.fields(root, "", &["apiVersion", "kind", "metadata", "spec"], &what)?;
    for (key, expected) in [("apiVersion", API_VERSION), ("kind", KIND)] {
        match f.get(key) {
            None => d.error(
                root.location,
                key,
                format!("{key} is required: write {key}: {expected}"),
            ),
            Some(n) if n.text() != Some(expected) => d.error(
                n.location,
                key,
                format!("{key} must be {expected}, found {}", n.describe()),
            ),
            Some(_) => {}
        }
    }
    let meta = d
        .required(&f, "metadata", "metadata: {name: my-service}")
        .and_then(|n| metadata(d, n));
    let spec = d.required(&f, "spec", "spec: {slos: [...]}")?;
    let s = d.fields(
        spec,
        "spec",
        &["defaults", "slos", "policy"],
        "a mapping with slos and optionally defaults and policy",
    )?;
    let defaults = s.get("defaults").and_then(|n| slo::defaults(d, n));
    let mut slos = Vec::new();
    let mut slos_ok = true;
    let example = "slos: [{name: availability, objective: 99.9%, window: {rolling: 28d}, sli: {ratio: {good: good, total: total}}}]";
    if let Some(list) = d.required(&s, "slos", example) {
        if let Some(items) = d.list(list, "spec.slos", "[{name: availability, ...}]") {
            if items.is_empty() {
                d.error(
                    list.location,
                    "spec.slos",
                    format!("a policy needs at least one SLO, e.g. {example}"),
                );
            }
            for (i, item) in items.iter().enumerate() {
                match slo::decode(d, item, i, defaults.as_ref()) {
                    Some(info) => slos.push(info),
                    None => slos_ok = false,
                }
            }
        }
    }
    validate::unique_slo_names(d, &slos);
    validate::consistent_series(d, &slos);
    for info in &slos {
        validate::alert_factors(d, info);
    }
    let (levels, rules) = match s.get("policy") {
        Some(p) => policy(d, p, &slos, slos_ok)?,
        None => (default_levels(), Vec::new()),
    };
    let (name, service, labels) = meta?;
    if d.has_errors() {
        return None;
    }
    Some(Policy {
        name,
        service,
        labels,
        slos: slos.into_iter().map(|i| i.slo).collect(),
        levels,
        rules,
    })
}

type Metadata = (String, Option<String>, Vec<(String, String)>);

fn metadata(d: &mut Decoder, node: &Node) -> Option<Metadata> {
    let f = d.fields(
        node,
        "metadata",
        &["name", "service", "labels"],
        "a mapping like {name: my-service}",
    )?;
    let name = d
        .required(&f, "name", "name: my-service")
        .and_then(|n| d.name(n, "metadata.name"));
    let service = f.get("service").and_then(|n| d.name(n, "metadata.service"));
    let mut labels = Vec::new();
    if let Some(l) = f.get("labels") {
        match &l.kind {
            Kind::Map(entries) => {
                for (k, v) in entries {
                    let key = k.text().unwrap_or_default();
                    if let Some(value) = d.string(v, &format!("metadata.labels.{key}")) {
                        labels.push((key.to_string(), value));
                    }
                }
            }
            _ => d.error(
                l.location,
                "metadata.labels",
                format!("expected labels like {{team: sre}}, found {}", l.describe()),
            ),
        }
    }
    Some((name?, service, labels))
}

/// `spec.policy`: levels and rules. `check_alerts` is false when some SLO
/// failed to decode (its alert names are unknown, so references are not judged).
/// The levels of a policy without `spec.policy.levels`. One function for
/// both places that need them: one collect in the WebAssembly module.
fn default_levels() -> Vec<String> {
    DEFAULT_LEVELS.iter().map(|l| l.to_string()).collect()
}

/// A rule's `slos`: the indices of the SLOs its names and patterns match,
/// ascending. An entry that matches none is an error (when every SLO
/// decoded: otherwise the one it names may be among those that did not).
fn rule_slos(
    d: &mut Decoder,
    node: &Node,
    path: &str,
    slos: &[SloInfo],
    all_decoded: bool,
) -> Option<Vec<usize>> {
    let example = "slos: [task-availability, \"latency-*\"]";
    let items = d.list(node, path, example)?;
    if items.is_empty() {
        d.error(node.location, path, format!("slos needs at least one SLO name or pattern, e.g. {example}; leave it out for every SLO"));
        return None;
    }
    let names: Vec<&str> = slos.iter().map(|i| i.slo.name.as_str()).collect();
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let ipath = format!("{path}[{i}]");
        let Some(entry) = d.string(item, &ipath) else {
            ok = false;
            continue;
        };
        if entry.chars().count() > scope::MAX_PATTERN_CHARS {
            d.error(
                item.location,
                &ipath,
                format!(
                    "an SLO name or pattern is at most {} characters",
                    scope::MAX_PATTERN_CHARS
                ),
            );
            ok = false;
            continue;
        }
        let before = out.len();
        if scope::is_pattern(&entry) {
            out.extend(
                names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| scope::matches(&entry, n))
                    .map(|(k, _)| k),
            );
        } else {
            out.extend(names.iter().position(|n| *n == entry));
        }
        if out.len() == before && all_decoded {
            let hint = d.hint_among(&entry, &names, "SLOs");
            let what = if scope::is_pattern(&entry) {
                "matches no SLO"
            } else {
                "is not an SLO of this policy"
            };
            d.error(item.location, &ipath, format!("\"{entry}\" {what}{hint}"));
            ok = false;
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    ok.then_some(out)
}

fn policy(
    d: &mut Decoder,
    node: &Node,
    slos: &[SloInfo],
    check_alerts: bool,
) -> Option<(Vec<String>, Vec<Rule>)> {
    let f = d.fields(
        node,
        "spec.policy",
        &["levels", "rules"],
        "a mapping with levels and rules",
    )?;
    let levels: Vec<String> = match f.get("levels") {
        Some(n) => {
            let levels = d.strings(
                n,
                "spec.policy.levels",
                "[healthy, warning, freeze, breach]",
            )?;
            if levels.is_empty() {
                d.error(n.location, "spec.policy.levels", "levels needs at least one level, least severe first, e.g. [healthy, warning, freeze, breach]");
            }
            if let Kind::Seq(items) = &n.kind {
                for (i, _) in unique::repeats(&levels, String::as_str) {
                    d.error(
                        items[i].location,
                        &format!("spec.policy.levels[{i}]"),
                        format!(
                            "level \"{}\" is listed twice: levels must be unique",
                            levels[i]
                        ),
                    );
                }
            }
            levels
        }
        None => default_levels(),
    };
    let mut rules = Vec::new();
    let example = "[{level: freeze, when: \"remaining < 10%\", action: Feature freeze}]";
    let items = match f.get("rules") {
        Some(n) => d.list(n, "spec.policy.rules", example)?,
        None => &[],
    };
    let level_names: Vec<&str> = levels.iter().map(String::as_str).collect();
    // Sorted (stably: the first of equal names first) for a binary search
    // per rule rather than a scan of every level.
    let mut level_index: Vec<(&str, usize)> = level_names.iter().copied().zip(0..).collect();
    crate::sort::sort_by_key(&mut level_index, |&(name, _)| name);
    let alerts = validate::AlertNames::of(slos);
    for (i, item) in items.iter().enumerate() {
        let path = format!("spec.policy.rules[{i}]");
        let Some(r) = d.fields(
            item,
            &path,
            &["level", "when", "action", "slos"],
            &format!("a rule like {}", &example[1..example.len() - 1]),
        ) else {
            continue;
        };
        let level = d.required(&r, "level", "level: freeze").and_then(|n| {
            let name = d.string(n, &r.path_of("level"))?;
            let at = level_index.partition_point(|&(l, _)| l < name.as_str());
            let index = level_index
                .get(at)
                .filter(|&&(l, _)| l == name)
                .map(|&(_, i)| i);
            if index.is_none() {
                let hint = d.hint_among(&name, &level_names, "levels");
                d.error(
                    n.location,
                    &r.path_of("level"),
                    format!("unknown level \"{name}\"{hint}"),
                );
            }
            index
        });
        let when_node = d.required(&r, "when", "when: \"remaining < 10%\"");
        let when = when_node.and_then(|n| {
            let text = d.string(n, &r.path_of("when"))?;
            match crate::expr::parse(&text) {
                Ok(expr) => {
                    if check_alerts {
                        alerts.check_references(d, n, &r.path_of("when"));
                    }
                    Some((text, expr))
                }
                Err(e) => {
                    d.error(location_in(n, e.offset), &r.path_of("when"), e.message);
                    None
                }
            }
        });
        let action = r
            .get("action")
            .and_then(|n| d.string(n, &r.path_of("action")));
        let scope = match r.get("slos") {
            Some(n) => rule_slos(d, n, &r.path_of("slos"), slos, check_alerts).map(Some),
            None => Some(None),
        };
        if let (Some(level), Some((when_text, when)), Some(scope)) = (level, when, scope) {
            rules.push(Rule {
                level,
                when_text,
                when,
                action,
                slos: scope,
                location: item.location,
            });
        }
    }
    Some((levels, rules))
}
