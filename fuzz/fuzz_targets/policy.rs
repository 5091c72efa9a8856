//! Any text given as a policy document — YAML, JSON, or neither — must come
//! back as a policy or as diagnostics, never as a panic (SPEC §5: "No panic
//! on any input"). Both entry points are driven: `Engine::from_text` (the CLI
//! and WebAssembly path) and `policy::diagnose` (the editor path); and the
//! CLI's: `import::parse` (slogate, OpenSLO or Sloth text, converted), whose
//! converted text must itself parse, and `slogate rules` of every usable
//! policy, whose rule file must be YAML with one group per exported SLO
//! whatever the names and queries hold.
//!
//! Seeds: `fuzz/corpus/policy/` (valid YAML and JSON covering SPEC §1, and
//! malformed documents). Run: `cargo +nightly fuzz run policy fuzz/corpus/policy`.
//!
//! The limits (a `when`'s nesting and number of conditions, the document's
//! nesting) are far beyond what mutating a seed reaches, so the first bytes
//! of every input also choose a `when` and a YAML nesting of up to a few
//! times the limits ([`limits`]): each must be refused exactly when it is
//! over a limit, with the message that names it, and never crash.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    limits(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    imported(text);
    let engine = slogate::Engine::from_text(text);
    let diagnostics = slogate::policy::diagnose(text);
    match engine {
        Ok(_) => {
            // A usable policy has no errors, only warnings.
            assert!(
                diagnostics
                    .iter()
                    .all(|d| d.severity == slogate::Severity::Warning),
                "from_text accepted a document diagnose() reports errors for: {diagnostics:?}"
            );
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a rejected document must say why");
            assert!(
                errors
                    .0
                    .iter()
                    .any(|d| d.severity == slogate::Severity::Error),
                "a rejected document must carry at least one error: {errors:?}"
            );
            // Every message renders (line/column formatting must not panic).
            let _ = errors.render("fuzz.yaml");
        }
    }
});

/// The CLI's path: any format, converted, and its Prometheus rules.
fn imported(text: &str) {
    match slogate::import::convert(text) {
        Ok(Some(converted)) => {
            // The converted text is the import's own: it parses (as a
            // policy or with diagnostics), and those point into `text`.
            let _ = slogate::policy::Policy::parse(&converted.text);
        }
        Ok(None) => {}
        Err(errors) => assert!(!errors.0.is_empty(), "a failed import must say why"),
    }
    let Ok((parsed, _)) = slogate::import::parse(text) else {
        return;
    };
    let rules = slogate::rules::export(&parsed.policy, &slogate::rules::Options::default());
    let yaml = rules.to_yaml();
    let root = slogate::policy::yaml::parse(&yaml)
        .unwrap_or_else(|e| panic!("the rule file is not YAML: {e:?}\n{yaml}"))
        .expect("a rule file has content");
    let slogate::policy::yaml::Kind::Map(entries) = &root.kind else {
        panic!("the rule file is not a mapping:\n{yaml}");
    };
    let groups = entries
        .iter()
        .find(|(k, _)| k.text() == Some("groups"))
        .map(|(_, v)| match &v.kind {
            slogate::policy::yaml::Kind::Seq(items) => items.len(),
            _ => 0,
        });
    assert_eq!(
        groups,
        Some(rules.groups.len()),
        "one group per exported SLO:\n{yaml}"
    );
}

/// A policy whose one rule's `when` is `depth` parentheses around
/// `conditions` conditions joined by `or` or `and` (written four ways, two of
/// them one level deeper), and a YAML flow list nested `yaml_depth` deep,
/// chosen by the first five bytes of `data`. Each is accepted exactly when
/// it is within the limits, and evaluates; otherwise refused with the one
/// error that names the limit, on the `when`'s line.
fn limits(data: &[u8]) {
    use slogate::expr::{Env, Term, Value, MAX_CONDITIONS, MAX_DEPTH};
    use slogate::policy::yaml;
    let [depth, hi, lo, shape, yaml_depth, ..] = *data else {
        return;
    };
    let depth = usize::from(depth) % (2 * MAX_DEPTH + 2);
    let conditions = usize::from(u16::from_be_bytes([hi, lo])) % (4 * MAX_CONDITIONS + 2);
    let keyword = if shape & 1 == 0 { " or " } else { " and " };
    let forms = [
        "alert(page)",
        "remaining < 10%",
        "(burn_rate(1h) > 14.4)",
        "not coverage < 90%",
    ];
    let used: Vec<&str> = (0..conditions)
        .map(|i| forms[(i + usize::from(shape >> 1)) % forms.len()])
        .collect();
    let inner = usize::from(
        used.iter()
            .any(|f| f.starts_with('(') || f.starts_with("not ")),
    );
    let when = format!(
        "{}{}{}",
        "(".repeat(depth),
        used.join(keyword),
        ")".repeat(depth)
    );
    let text = format!(
        "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\nmetadata: {{name: x}}\nspec:\n  slos:\n    - name: s\n      objective: 99%\n      window: {{rolling: 1h}}\n      sli: {{ratio: {{good: good, total: total}}}}\n  policy:\n    rules:\n      - level: freeze\n        when: \"{when}\"\n"
    );
    let too_deep = depth + inner > MAX_DEPTH;
    let too_long = conditions > MAX_CONDITIONS;
    match slogate::policy::Policy::parse(&text) {
        Ok(parsed) => {
            assert!(
                conditions >= 1 && !too_long && !too_deep,
                "accepted: {conditions} conditions, {depth} + {inner} deep"
            );
            let when = &parsed.policy.rules[0].when;
            assert_eq!(slogate::expr::terms(when).len(), conditions);
            struct Half;
            impl Env for Half {
                fn term(&self, term: &Term) -> Value {
                    match term {
                        Term::Alert(_) => Value::Truth(Some(false)),
                        _ => Value::Number(Some(0.5)),
                    }
                }
            }
            let _ = slogate::expr::evaluate(when, &Half);
        }
        Err(errors) => {
            let messages: Vec<&str> = errors.0.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(messages.len(), 1, "{messages:?}");
            let named = (too_deep && messages[0].contains("nested too deeply"))
                || (too_long && messages[0].contains("more than 1000 conditions"));
            assert!(
                conditions == 0 || named,
                "{conditions} conditions, {depth} + {inner} deep: {messages:?}"
            );
            assert_eq!(
                errors.0[0].location.map(|l| l.line),
                Some(13),
                "{messages:?}"
            );
        }
    }

    let yaml_depth = usize::from(yaml_depth);
    let nested = format!("{}1{}", "[".repeat(yaml_depth), "]".repeat(yaml_depth));
    match yaml::parse(&nested) {
        Ok(_) => assert!(
            yaml_depth <= yaml::MAX_DEPTH,
            "{yaml_depth} levels accepted"
        ),
        Err(d) => assert!(
            yaml_depth > yaml::MAX_DEPTH && d.message.contains("nested too deeply"),
            "{yaml_depth} levels: {}",
            d.message
        ),
    }
}
