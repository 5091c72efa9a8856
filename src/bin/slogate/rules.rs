//! `slogate rules POLICY`: Prometheus rule groups on stdout, what PromQL
//! cannot follow on stderr (src/rules/).

use slogate::rules::{export, Options};
use slogate::time::Millis;
use slogate::{import, Severity};

use crate::{read_text, say, tell};

/// Writes the rules; returns the exit status (0 written, 1 bad input).
pub fn run(file: &str, interval: Millis) -> u8 {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            tell(&message);
            return 1;
        }
    };
    let diagnostics = import::diagnose(&text);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        for d in &diagnostics {
            tell(&d.render(file));
        }
        return 1;
    }
    let parsed = match import::parse(&text) {
        Ok((parsed, _)) => parsed,
        Err(all) => {
            for d in &all.0 {
                tell(&d.render(file));
            }
            return 1;
        }
    };
    let rules = export(&parsed.policy, &Options { interval });
    for n in &rules.not_exported {
        tell(&n.render(file));
    }
    say(&rules.to_yaml());
    0
}
