//! The rule file as YAML: Prometheus' rule-file format (`groups:` of
//! `record` and `alert` rules), written by hand in one fixed layout. Every
//! string that can carry text from the policy (names, actions, queries) is
//! a double-quoted scalar with escapes, or a literal block when it is
//! multi-line and holds printable characters only, so no document text can
//! change the file's structure.

use super::{Group, PromRule};
use crate::time::Millis;

/// The whole file.
pub fn write(header: &[String], groups: &[Group]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(&comment(line));
        out.push('\n');
    }
    if groups.is_empty() {
        out.push_str("groups: []\n");
        return out;
    }
    out.push_str("groups:\n");
    for g in groups {
        out.push_str(&format!("  - name: {}\n", string(&g.name)));
        out.push_str(&format!("    interval: {}\n", duration(g.interval)));
        out.push_str("    rules:\n");
        for r in &g.rules {
            rule(&mut out, r);
        }
    }
    out
}

fn rule(out: &mut String, r: &PromRule) {
    const IN: &str = "        ";
    match r {
        PromRule::Record {
            record,
            expr,
            labels,
        } => {
            out.push_str(&format!("      - record: {}\n", string(record)));
            out.push_str(&format!("{IN}expr: {}\n", scalar(expr, 10)));
            map(out, "labels", labels);
        }
        PromRule::Alert {
            alert,
            expr,
            hold,
            labels,
            annotations,
        } => {
            out.push_str(&format!("      - alert: {}\n", string(alert)));
            out.push_str(&format!("{IN}expr: {}\n", scalar(expr, 10)));
            if let Some(hold) = hold {
                out.push_str(&format!("{IN}for: {}\n", duration(*hold)));
            }
            map(out, "labels", labels);
            map(out, "annotations", annotations);
        }
    }
}

fn map(out: &mut String, key: &str, entries: &[(String, String)]) {
    if entries.is_empty() {
        return;
    }
    out.push_str(&format!("        {key}:\n"));
    for (k, v) in entries {
        out.push_str(&format!("          {k}: {}\n", string(v)));
    }
}

fn duration(ms: Millis) -> String {
    crate::time::format_duration(ms)
}

use crate::yaml_write::{needs_escape, quoted as string};

/// A literal block (`|-`) indented by `indent` when `text` has several lines
/// of printable characters (tabs allowed) and its first line does not start
/// with a space; otherwise a double-quoted string.
fn scalar(text: &str, indent: usize) -> String {
    let block = text.contains('\n')
        && !text.starts_with([' ', '\n'])
        && !text.ends_with([' ', '\n'])
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !needs_escape(c));
    if !block {
        return string(text);
    }
    let pad = " ".repeat(indent);
    let mut out = String::from("|-");
    for line in text.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// A comment line: control characters (a line break would end the comment) as spaces.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if needs_escape(c) { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_blocks() {
        assert_eq!(scalar("one line", 4), "\"one line\"");
        assert_eq!(scalar("a\n  b\n\nc", 2), "|-\n  a\n    b\n\n  c");
        // A control character anywhere: quoted, escaped.
        assert_eq!(scalar("a\n\u{1b}b", 2), "\"a\\n\\u001bb\"");
        // A leading space would need an indentation indicator: quoted.
        assert_eq!(scalar(" a\nb", 2), "\" a\\nb\"");
        assert_eq!(comment("a\nb"), "a b");
    }
}
