//! `slogate convert FILE`: an OpenSLO or Sloth document as slogate policy
//! text on stdout (src/import/), checked as any policy is; what was not
//! converted on stderr, pointing into FILE.

use slogate::import;

use crate::{read_text, say, tell};

/// Prints the converted policy; returns the exit status (0 converted, 1 not).
pub fn run(file: &str) -> u8 {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            tell(&message);
            return 1;
        }
    };
    let converted = match import::convert(&text) {
        Ok(Some(c)) => c,
        Ok(None) => {
            tell(&format!(
                "{file}: this is already a slogate policy (or names no other format): convert reads OpenSLO (apiVersion: openslo/v1) and Sloth (version: prometheus/v1, or apiVersion: sloth.slok.dev/v1) documents"
            ));
            return 1;
        }
        Err(all) => {
            for d in &all.0 {
                tell(&d.render(file));
            }
            return 1;
        }
    };
    // The converted text must be a valid policy: its findings, in FILE.
    let diagnostics = import::diagnose(&text);
    for d in &diagnostics {
        tell(&d.render(file));
    }
    if import::has_error(&diagnostics) {
        return 1;
    }
    say(&converted.text);
    0
}
