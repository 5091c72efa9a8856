//! `slogate check POLICY...`: validate documents the way a compiler reports.

use slogate::import::{self, Format};
use slogate::Severity;

use slogate::report::terminal::escape;

use crate::{read_text, say, tell};

/// Checks every file; returns the exit status (0 all valid, 1 otherwise).
pub fn run(files: &[String]) -> u8 {
    let mut status = 0;
    for file in files {
        if !check_one(file) {
            status = 1;
        }
    }
    status
}

/// Prints the file's diagnostics (stderr) or its summary (stdout); true if valid.
fn check_one(file: &str) -> bool {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            tell(&message);
            return false;
        }
    };
    let diagnostics = import::diagnose(&text);
    for d in &diagnostics {
        tell(&d.render(file));
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return false;
    }
    match import::parse(&text) {
        Ok((parsed, format)) => {
            let p = &parsed.policy;
            let from = match format {
                Format::Slogate => String::new(),
                other => format!(", converted from {}", other.name()),
            };
            say(&format!(
                "{}: ok ({}, {}{from})\n",
                escape(file),
                plural(p.slos.len(), "SLO"),
                plural(p.rules.len(), "rule")
            ));
            true
        }
        // diagnose found no error, so this is not expected; still no panic.
        Err(all) => {
            for d in &all.0 {
                tell(&d.render(file));
            }
            false
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plurals() {
        assert_eq!(super::plural(1, "SLO"), "1 SLO");
        assert_eq!(super::plural(0, "rule"), "0 rules");
        assert_eq!(super::plural(3, "SLO"), "3 SLOs");
    }
}
