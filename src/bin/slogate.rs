//! The `slogate` command line (README.md, "The CLI").
//!
//! ```text
//! slogate check POLICY...
//! slogate eval POLICY --at TIME [--data NAME=FILE]... [--prometheus URL]
//!              [--step DURATION] [--timeout DURATION] [--max-requests N]
//!              [--format text|json] [--gate LEVEL] [--color auto|always|never]
//! slogate rules POLICY [--interval DURATION]
//! slogate convert FILE
//! ```
//!
//! Exit status: 0 success, 1 bad input, 2 usage error, 3 `--gate` reached.
//! Reports go to stdout; diagnostics, warnings and errors to stderr.

// The crate root lives in src/bin/, its modules beside it in src/bin/slogate/
// (a directory without main.rs, so Cargo does not take it for another binary).
#[path = "slogate/args.rs"]
mod args;
#[path = "slogate/check.rs"]
mod check;
#[path = "slogate/convert.rs"]
mod convert;
#[path = "slogate/eval.rs"]
mod eval;
#[path = "slogate/fetch.rs"]
mod fetch;
#[path = "slogate/rules.rs"]
mod rules;

use std::io::Write;
use std::process::ExitCode;

use args::Command;
use slogate::report::terminal::escape;

fn main() -> ExitCode {
    // A bug must still end in a message and a documented exit status, not a
    // bare panic dump (no panic on any input).
    std::panic::set_hook(Box::new(|info| {
        tell(&format!("slogate: internal error: {info}"));
        tell("This is a bug; please report it with the policy and data that caused it.");
    }));
    let argv: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let status = match argv {
        Ok(argv) => std::panic::catch_unwind(|| run(&argv)).unwrap_or(1),
        Err(bad) => {
            tell(&format!(
                "slogate: error: argument {bad:?} is not valid UTF-8"
            ));
            2
        }
    };
    ExitCode::from(status)
}

fn run(argv: &[String]) -> u8 {
    match args::parse(argv) {
        Ok(Command::Help(text)) => {
            say(text);
            0
        }
        Ok(Command::Version) => {
            say(&format!("slogate {}\n", env!("CARGO_PKG_VERSION")));
            0
        }
        Ok(Command::Check { files }) => check::run(&files),
        Ok(Command::Eval(e)) => eval::run(&e),
        Ok(Command::Rules { policy, interval }) => rules::run(&policy, interval),
        Ok(Command::Convert { file }) => convert::run(&file),
        Err(e) => {
            let help = e.command.map_or("slogate --help".to_string(), |c| {
                format!("slogate {c} --help")
            });
            tell(&format!("slogate: error: {}", e.message));
            tell(&format!("Run '{help}' for usage."));
            2
        }
    }
}

/// Reads a policy file (UTF-8, at most 1 MiB); the error names it:
/// `FILE: cannot read: …`, `FILE:LINE:COL: error: not UTF-8 text …`.
pub fn read_text(file: &str) -> Result<String, String> {
    slogate::data::read_policy(file)
}

/// Writes to stdout. A closed pipe (`slogate eval … | head`) is not an
/// error worth a panic: the reader has what it wanted.
pub fn say(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes one line to stderr, ignoring a closed stream. Every message the
/// CLI prints goes through here, and most carry text from a policy, a data
/// file or a server (names, unknown keys, bad values, Prometheus' errors):
/// control characters, line breaks included, are escaped here once for all
/// of them, so a message with a line of its own needs a call of its own.
pub fn tell(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", escape(line));
}
