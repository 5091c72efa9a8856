//! docs/policy.md quotes the engine: its complete policies must parse, and
//! each row of its "written | message" tables must give exactly the message
//! it quotes, so the reference cannot drift from the code.

use slogate::time::parse_duration;
use slogate::time::rrule::RRule;
use slogate::Policy;

const DOC: &str = include_str!("../docs/policy.md");

/// The text of the section that starts with the heading line `heading`, up
/// to the next heading of the same or a higher level.
fn section(heading: &str) -> &'static str {
    let start = DOC
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("docs/policy.md has no heading {heading:?}"))
        + 1;
    let level = heading.split(' ').next().unwrap_or_default();
    let body = &DOC[start + heading.len()..];
    let end = (1..=level.len())
        .filter_map(|n| body.find(&format!("\n{} ", "#".repeat(n))))
        .min()
        .unwrap_or(body.len());
    &body[..end]
}

/// `(written, message)` for every row of the section's tables whose header
/// has the columns `written` and `message`: the first example written (each
/// is in backticks; `""` is the empty string) and the quoted message. Rows
/// that describe their input in words instead (`… && …`, "65 nested") are
/// left out.
fn rows(heading: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut columns: Option<(usize, usize)> = None;
    for line in section(heading).lines() {
        let Some(inner) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) else {
            columns = None;
            continue;
        };
        let cells: Vec<String> = inner
            .replace("\\|", "\u{0}")
            .split('|')
            .map(|c| c.trim().replace('\u{0}', "|"))
            .collect();
        let position = |name: &str| cells.iter().position(|c| c == name);
        if let (Some(w), Some(m)) = (position("written"), position("message")) {
            columns = Some((w, m));
            continue;
        }
        let Some((w, m)) = columns else { continue };
        if cells[w].starts_with("---") {
            continue;
        }
        let examples: Vec<&str> = cells[w].split(", ").collect();
        let all_code = examples
            .iter()
            .all(|e| e.len() >= 2 && e.starts_with('`') && e.ends_with('`'));
        if !all_code || cells[w].contains('…') {
            continue;
        }
        let written = examples[0].trim_matches('`');
        let written = if written == "\"\"" { "" } else { written };
        let message = cells[m].trim_matches('`');
        out.push((written.to_string(), message.to_string()));
    }
    assert!(!out.is_empty(), "no written/message rows under {heading:?}");
    out
}

/// The messages of the errors `Policy::parse` gives for `text` at `path`.
fn errors_at(text: &str, path: &str) -> Vec<String> {
    match Policy::parse(text) {
        Ok(_) => Vec::new(),
        Err(all) => all
            .0
            .into_iter()
            .filter(|d| d.path == path)
            .map(|d| d.message)
            .collect(),
    }
}

/// A valid policy with `field` as one more line of its only SLO (or, for a
/// rule, `rule` as its only rule); the SLO has the default alerts.
fn policy_with(field: &str, rule: &str) -> String {
    format!(
        "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {{name: x}}\nspec:\n  slos:\n    - name: a\n      sli: {{ratio: {{good: g, total: t}}}}\n{field}\n  policy:\n    rules:\n      - {{level: freeze, when: {rule}}}\n"
    )
}

const OBJECTIVE: &str = "      objective: 99.9%";
const WINDOW: &str = "      window: {rolling: 28d}";
const RULE: &str = "'remaining < 10%'";

fn check_policy_rows(heading: &str, path: &str, make: impl Fn(&str) -> String) {
    for (written, message) in rows(heading) {
        let got = errors_at(&make(&written), path);
        assert_eq!(got, vec![message], "{heading}: {written:?}");
    }
}

#[test]
fn every_complete_policy_parses_without_warnings() {
    let mut count = 0;
    for block in DOC.split("```").skip(1).step_by(2) {
        let Some((language, body)) = block.split_once('\n') else {
            continue;
        };
        let complete = match language {
            "yaml" => body.starts_with("apiVersion:"),
            "json" => body.starts_with("{\"apiVersion\""),
            _ => false,
        };
        if complete {
            let parsed = Policy::parse(body).unwrap_or_else(|e| panic!("{e}\n{body}"));
            assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
            count += 1;
        }
    }
    assert_eq!(
        count, 3,
        "the complete example, the smallest one, the JSON one"
    );
}

#[test]
fn duration_messages_are_the_parsers() {
    for (written, message) in rows("### Durations") {
        assert_eq!(parse_duration(&written), Err(message), "{written:?}");
    }
}

#[test]
fn objective_messages_are_the_decoders() {
    check_policy_rows(
        "### Percentages and fractions",
        "spec.slos[0].objective",
        |written| policy_with(&format!("      objective: {written}\n{WINDOW}"), RULE),
    );
}

#[test]
fn time_zone_messages_are_the_decoders() {
    check_policy_rows(
        "### Time zones",
        "spec.slos[0].window.timeZone",
        |written| {
            policy_with(
                &format!("{OBJECTIVE}\n      window: {{calendar: month, timeZone: {written}}}"),
                RULE,
            )
        },
    );
}

#[test]
fn rrule_messages_are_the_parsers() {
    for (written, message) in rows("## Recurring exclusions") {
        assert_eq!(RRule::parse(&written), Err(message), "{written:?}");
    }
}

#[test]
fn rule_expression_messages_are_the_decoders() {
    check_policy_rows("### Errors", "spec.policy.rules[0].when", |written| {
        policy_with(&format!("{OBJECTIVE}\n{WINDOW}"), &format!("'{written}'"))
    });
}
