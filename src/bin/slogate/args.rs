//! Command-line arguments, parsed by hand: two subcommands and a handful of
//! options do not need a framework, and the messages stay ours.
//!
//! Options take their value as `--name VALUE` or `--name=VALUE`. Anything
//! this module rejects is a usage error (exit 2); problems found in the
//! files the arguments name are bad input (exit 1).

use slogate::data::prometheus::redact;
use slogate::data::{Limits, DEFAULT_LIMITS};
use slogate::time::{parse_duration, parse_rfc3339, Instant, Millis, MINUTE};

/// What the user asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// Print this text on stdout and exit 0.
    Help(&'static str),
    Version,
    Check {
        files: Vec<String>,
    },
    Eval(EvalArgs),
    Convert {
        file: String,
    },
    Rules {
        policy: String,
        /// `--interval`: the rule groups' evaluation interval.
        interval: Millis,
    },
}

#[derive(Debug, PartialEq)]
pub struct EvalArgs {
    pub policy: String,
    pub at: At,
    /// `--data NAME=FILE`, in order.
    pub data: Vec<(String, String)>,
    pub prometheus: Option<String>,
    /// `--step`: one resolution for every Prometheus query; `None` fetches
    /// each series at the step of the engine's data plan.
    pub step: Option<Millis>,
    /// The deadline for all of Prometheus' answers together.
    pub timeout: Millis,
    /// The most range requests one evaluation may send to Prometheus.
    pub max_requests: u64,
    pub format: Format,
    pub gate: Option<String>,
    pub color: ColorChoice,
    /// `--max-samples`, `--max-data-size`: what a data file may hold.
    pub limits: Limits,
    /// `--header NAME=VALUE`, in order: sent with every Prometheus request.
    pub headers: Vec<(String, String)>,
    /// `--bearer-token-file`: where the token is (read when fetching).
    pub bearer_token_file: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum At {
    Now,
    Instant(Instant),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
    Auto,
    Always,
    Never,
}

/// A usage error, and the help to point at.
#[derive(Debug, PartialEq)]
pub struct UsageError {
    pub message: String,
    /// `Some("eval")`: "Run 'slogate eval --help'".
    pub command: Option<&'static str>,
}

/// Default `--timeout`: a minute for all of an evaluation's requests, which
/// a healthy Prometheus answers in seconds; a deploy pipeline must not hang.
pub const DEFAULT_TIMEOUT: Millis = MINUTE;

/// Default `--max-requests`. One request carries up to 11,000 points of a
/// series: 1,000 requests are 30 days of 250 series at 1m, while a typo'd
/// `--step 1ms` (23,564 requests a series for 3 days) is refused before
/// anything is sent.
pub const DEFAULT_MAX_REQUESTS: u64 = 1_000;

pub const MAIN_HELP: &str = "\
slogate: error budgets, burn rates, burn-rate alerts and freeze status from an SLO policy

Usage:
  slogate check POLICY...            validate policy documents
  slogate eval POLICY --at TIME ...  evaluate a policy on data files or Prometheus
  slogate rules POLICY               Prometheus recording and alerting rules
  slogate convert FILE               an OpenSLO or Sloth document as a slogate policy

Every command reads slogate policies and OpenSLO (openslo/v1) and Sloth
(prometheus/v1, sloth.slok.dev/v1) documents, told apart by their version.
  slogate help [COMMAND]             this help, or a command's
  slogate --version

Run 'slogate COMMAND --help' for a command's options.

Exit status: 0 success; 1 bad input (policy, data, files; messages name the
file and the place); 2 usage error; 3 the --gate level was reached.
";

pub const CHECK_HELP: &str = "\
Usage: slogate check POLICY...

Validates each policy document (YAML or JSON). Errors and warnings are
printed to stderr as FILE:LINE:COL: severity: message; each valid file is
reported on stdout as FILE: ok (N SLOs, M rules).

Exit status: 0 when every file is valid (warnings allowed), 1 otherwise,
2 on a usage error.
";

pub const EVAL_HELP: &str = "\
Usage: slogate eval POLICY --at TIME [options]

Evaluates the policy at TIME: budgets, burn rates, alerts and the level of
the error-budget policy, with the rules that decided it.

Options:
  --at TIME              RFC 3339 (2026-02-28T23:59:00Z) or 'now' (required)
  --data NAME=FILE       the series the policy calls NAME, from FILE; repeat
                         for each series (and for several files of one name).
                         FILE is a Prometheus query_range JSON response or
                         CSV 'time,value' (RFC 3339 or epoch seconds; an
                         empty value or null is a missing sample)
  --prometheus URL       fetch every series that has a 'query' and no --data
                         from this Prometheus (e.g. http://localhost:9090)
  --step DURATION        resolution of Prometheus queries (default: each
                         series' step in the policy's data plan, the
                         coarsest its windows allow: 5m, or the shortest
                         window or slice below that)
  --timeout DURATION     deadline for all of Prometheus' answers together,
                         connection to last byte (default 1m)
  --header NAME=VALUE    send this HTTP header with every request to
                         Prometheus; repeat for several (e.g. a tenant:
                         --header X-Scope-OrgID=team-a for Mimir)
  --bearer-token-file FILE
                         send 'Authorization: Bearer TOKEN', TOKEN read
                         from FILE (default: the SLOGATE_PROMETHEUS_TOKEN
                         environment variable, if set); a token is never
                         taken from the command line, nor shown
  --max-requests N       refuse, before sending any, to make more than N
                         range requests to Prometheus (default 1000; one
                         request carries up to 11,000 steps of a series)
  --format text|json     output format (default text)
  --gate LEVEL           exit 3 when any SLO is at LEVEL or worse (LEVEL is
                         one of the policy's levels), for deploy pipelines
  --color auto|always|never
                         colour the text output (default auto: when stdout
                         is a terminal and NO_COLOR is not set)
  --max-samples N        refuse a data file of more than N samples (default
                         50000000, 800 MB of memory; series and labels count
                         by their memory too)
  --max-data-size SIZE   refuse a data file larger than SIZE (default 1GiB;
                         units B, KB, MB, GB, KiB, MiB, GiB)
  -h, --help             this help

Exit status: 0 success; 1 bad input (policy, data, files, unknown gate
level); 2 usage error; 3 the gate level was reached.
";

pub const RULES_HELP: &str = "\
Usage: slogate rules POLICY [--interval DURATION]

Prints Prometheus rule groups (YAML) for the policy: recording rules for
each SLO's events, error ratios, burn rates and remaining budget, and
alerting rules for its burn-rate alerts (SlogateErrorBudgetBurn) and for
every rule of the error-budget policy PromQL can express
(SlogateErrorBudgetPolicy, labelled with the level). Load the file into
Prometheus (rule_files), or a Thanos or Mimir ruler, as it is.

What PromQL cannot follow (timeslices, threshold SLIs, exclusions, calendar
windows' budgets and alert factors, series without a query, some rule
terms) is not exported: each is listed on stderr as
FILE:LINE:COL: not exported: WHAT: REASON.

Options:
  --interval DURATION    the rule groups' evaluation interval (default 1m):
                         events are summed per interval, so every window
                         must be a multiple of it
  -h, --help             this help

Exit status: 0 when the rules were written (parts not exported included),
1 bad input (policy, file), 2 usage error.
";

pub const CONVERT_HELP: &str = "\
Usage: slogate convert FILE

Prints the slogate policy equivalent to an OpenSLO (apiVersion:
openslo/v1) or Sloth (version: prometheus/v1, or apiVersion:
sloth.slok.dev/v1 PrometheusServiceLevel) document, to move it over and
add an error-budget policy (spec.policy). What the source says and slogate
cannot is an error naming its line and column; what slogate leaves to
other tools (notification targets, alert labels) is a warning.
docs/import.md maps every field.

Exit status: 0 converted, 1 bad input (not converted), 2 usage error.
";

/// Parses `args` (without the program name).
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some((first, rest)) = args.split_first() else {
        return Err(usage(
            None,
            "no command given: use check, eval, rules or convert",
        ));
    };
    match first.as_str() {
        "-h" | "--help" => Ok(Command::Help(MAIN_HELP)),
        "-V" | "--version" => Ok(Command::Version),
        "help" => match rest.first().map(String::as_str) {
            None => Ok(Command::Help(MAIN_HELP)),
            Some("check") => Ok(Command::Help(CHECK_HELP)),
            Some("eval") => Ok(Command::Help(EVAL_HELP)),
            Some("rules") => Ok(Command::Help(RULES_HELP)),
            Some("convert") => Ok(Command::Help(CONVERT_HELP)),
            Some(other) => Err(usage(
                None,
                format!("no help for unknown command \"{other}\""),
            )),
        },
        "check" => parse_check(rest),
        "eval" => parse_eval(rest),
        "rules" => parse_rules(rest),
        "convert" => parse_convert(rest),
        other if other.starts_with('-') => Err(usage(
            None,
            format!("unknown option \"{other}\" (a command comes first)"),
        )),
        other => Err(usage(
            None,
            format!("unknown command \"{other}\": use check, eval, rules or convert"),
        )),
    }
}

fn usage(command: Option<&'static str>, message: impl Into<String>) -> UsageError {
    UsageError {
        message: message.into(),
        command,
    }
}

/// One argument: an option with its inline value (`--at=now`), or a positional.
enum Arg<'a> {
    Option(&'a str, Option<&'a str>),
    Positional(&'a str),
}

/// Splits arguments into options and positionals; `--` ends options.
fn split(args: &[String]) -> Vec<Arg<'_>> {
    let mut out = Vec::new();
    let mut options_done = false;
    for a in args {
        if options_done || a == "-" || !a.starts_with('-') {
            out.push(Arg::Positional(a));
        } else if a == "--" {
            options_done = true;
        } else {
            match a.split_once('=') {
                Some((name, value)) if name.starts_with("--") => {
                    out.push(Arg::Option(name, Some(value)))
                }
                _ => out.push(Arg::Option(a, None)),
            }
        }
    }
    out
}

fn parse_check(args: &[String]) -> Result<Command, UsageError> {
    let mut files = Vec::new();
    for arg in split(args) {
        match arg {
            Arg::Option("-h" | "--help", _) => return Ok(Command::Help(CHECK_HELP)),
            Arg::Option(name, _) => {
                return Err(usage(Some("check"), format!("unknown option \"{name}\"")))
            }
            Arg::Positional(file) => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        return Err(usage(Some("check"), "no policy file given"));
    }
    Ok(Command::Check { files })
}

fn parse_convert(args: &[String]) -> Result<Command, UsageError> {
    let mut file = None;
    for arg in split(args) {
        match arg {
            Arg::Option("-h" | "--help", _) => return Ok(Command::Help(CONVERT_HELP)),
            Arg::Option(name, _) => {
                return Err(usage(Some("convert"), format!("unknown option \"{name}\"")))
            }
            Arg::Positional(p) if file.is_none() => file = Some(p.to_string()),
            Arg::Positional(p) => {
                return Err(usage(
                    Some("convert"),
                    format!("unexpected argument \"{p}\": convert takes one file"),
                ))
            }
        }
    }
    let file = file.ok_or_else(|| usage(Some("convert"), "no file given"))?;
    Ok(Command::Convert { file })
}

fn parse_rules(args: &[String]) -> Result<Command, UsageError> {
    let err = |message: String| usage(Some("rules"), message);
    let mut policy = None;
    let mut interval = slogate::rules::DEFAULT_INTERVAL;
    let mut items = split(args).into_iter();
    while let Some(arg) = items.next() {
        match arg {
            Arg::Option("-h" | "--help", _) => return Ok(Command::Help(RULES_HELP)),
            Arg::Option("--interval", inline) => {
                let value = match inline {
                    Some(v) => v.to_string(),
                    None => match items.next() {
                        Some(Arg::Positional(v)) => v.to_string(),
                        _ => return Err(err("--interval needs a value".into())),
                    },
                };
                interval = parse_duration(&value).map_err(|e| err(format!("--interval: {e}")))?;
                if interval % 1000 != 0 {
                    return Err(err(format!(
                        "--interval {value}: use whole seconds, as Prometheus' evaluation interval"
                    )));
                }
            }
            Arg::Option(name, _) => return Err(err(format!("unknown option \"{name}\""))),
            Arg::Positional(p) if policy.is_none() => policy = Some(p.to_string()),
            Arg::Positional(p) => {
                return Err(err(format!(
                    "unexpected argument \"{p}\": rules takes one policy file"
                )))
            }
        }
    }
    let policy = policy.ok_or_else(|| err("no policy file given".into()))?;
    Ok(Command::Rules { policy, interval })
}

fn parse_eval(args: &[String]) -> Result<Command, UsageError> {
    let err = |message: String| usage(Some("eval"), message);
    let mut policy = None;
    let mut at = None;
    let mut data = Vec::new();
    let mut prometheus = None;
    let mut step = None;
    let mut timeout = DEFAULT_TIMEOUT;
    let mut max_requests = DEFAULT_MAX_REQUESTS;
    let mut format = Format::Text;
    let mut gate = None;
    let mut color = ColorChoice::Auto;
    let mut limits = DEFAULT_LIMITS;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut bearer_token_file = None;
    let items = split(args);
    let mut items = items.into_iter();
    while let Some(arg) = items.next() {
        let (name, inline) = match arg {
            Arg::Positional(p) if policy.is_none() => {
                policy = Some(p.to_string());
                continue;
            }
            Arg::Positional(p) => {
                return Err(err(format!(
                    "unexpected argument \"{p}\": eval takes one policy file"
                )))
            }
            Arg::Option("-h" | "--help", _) => return Ok(Command::Help(EVAL_HELP)),
            Arg::Option(name, inline) => (name, inline),
        };
        if !matches!(
            name,
            "--at"
                | "--data"
                | "--prometheus"
                | "--step"
                | "--timeout"
                | "--max-requests"
                | "--format"
                | "--gate"
                | "--color"
                | "--max-samples"
                | "--max-data-size"
                | "--header"
                | "--bearer-token-file"
        ) {
            return Err(err(format!("unknown option \"{name}\"")));
        }
        // Every eval option takes a value, inline or as the next argument.
        let value = match inline {
            Some(v) => v.to_string(),
            None => match items.next() {
                Some(Arg::Positional(v)) => v.to_string(),
                _ => return Err(err(format!("{name} needs a value"))),
            },
        };
        match name {
            "--at" => at = Some(parse_at(&value).map_err(err)?),
            "--data" => data.push(parse_data_arg(&value).map_err(err)?),
            "--prometheus" => {
                if !(value.starts_with("http://") || value.starts_with("https://")) {
                    return Err(err(format!(
                        "--prometheus \"{}\" is not a URL: use e.g. http://localhost:9090",
                        redact(&value)
                    )));
                }
                prometheus = Some(value);
            }
            "--step" => {
                step = Some(parse_duration(&value).map_err(|e| err(format!("--step: {e}")))?)
            }
            "--timeout" => {
                timeout = parse_duration(&value).map_err(|e| err(format!("--timeout: {e}")))?
            }
            "--max-requests" => {
                max_requests = match value.parse::<u64>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return Err(err(format!(
                            "--max-requests \"{value}\": use a whole number of requests above 0"
                        )))
                    }
                }
            }
            "--format" => {
                format = match value.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    _ => return Err(err(format!("--format \"{value}\": use text or json"))),
                }
            }
            "--gate" => gate = Some(value),
            "--header" => headers.push(parse_header(&value).map_err(err)?),
            "--bearer-token-file" => bearer_token_file = Some(value),
            "--max-samples" => {
                limits.max_samples = parse_count(&value).ok_or_else(|| {
                    err(format!(
                        "--max-samples \"{value}\": use a number of samples, e.g. 100000000"
                    ))
                })?
            }
            "--max-data-size" => {
                limits.max_bytes = parse_size(&value).ok_or_else(|| {
                    err(format!(
                        "--max-data-size \"{value}\": use a size, e.g. 2GiB or 500MB"
                    ))
                })?
            }
            _ => {
                color = match value.as_str() {
                    "auto" => ColorChoice::Auto,
                    "always" => ColorChoice::Always,
                    "never" => ColorChoice::Never,
                    _ => {
                        return Err(err(format!(
                            "--color \"{value}\": use auto, always or never"
                        )))
                    }
                }
            }
        }
    }
    let policy = policy.ok_or_else(|| err("no policy file given".into()))?;
    let at = at.ok_or_else(|| err("--at is required: an RFC 3339 time or 'now'".into()))?;
    if bearer_token_file.is_some()
        && headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("authorization"))
    {
        return Err(err(
            "--bearer-token-file and --header Authorization=… both set the Authorization header: give one".into(),
        ));
    }
    Ok(Command::Eval(EvalArgs {
        policy,
        at,
        data,
        prometheus,
        step,
        timeout,
        max_requests,
        format,
        gate,
        color,
        limits,
        headers,
        bearer_token_file,
    }))
}

/// `NAME=VALUE` of `--header`: a header name (an HTTP token, as
/// `X-Scope-OrgID`) and a value of printable ASCII. The value is never
/// repeated in a message: it may be a credential.
fn parse_header(value: &str) -> Result<(String, String), String> {
    let Some((name, v)) = value.split_once('=') else {
        return Err("--header: use NAME=VALUE, e.g. --header X-Scope-OrgID=team-a".into());
    };
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err(format!(
            "--header \"{name}=…\": \"{name}\" is not an HTTP header name (letters, digits and -, e.g. X-Scope-OrgID)"
        ));
    }
    if v.is_empty()
        || !v
            .chars()
            .all(|c| c == ' ' || c == '\t' || c.is_ascii_graphic())
    {
        return Err(format!(
            "--header {name}: the value must be printable ASCII (no line breaks or control characters), and not empty"
        ));
    }
    Ok((name.to_string(), v.to_string()))
}

/// A positive whole number: digits only.
fn parse_count(value: &str) -> Option<u64> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok().filter(|&n| n > 0)
}

/// A positive size in bytes: a number and a unit (B, KB, MB, GB, KiB, MiB,
/// GiB, any case; none is bytes).
fn parse_size(value: &str) -> Option<u64> {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = value.split_at(digits);
    let scale: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    parse_count(number)?.checked_mul(scale)
}

fn parse_at(value: &str) -> Result<At, String> {
    if value == "now" {
        return Ok(At::Now);
    }
    parse_rfc3339(value)
        .map(At::Instant)
        .map_err(|e| format!("--at: {e}, or 'now'"))
}

fn parse_data_arg(value: &str) -> Result<(String, String), String> {
    match value.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => {
            Ok((name.to_string(), file.to_string()))
        }
        _ => Err(format!(
            "--data \"{value}\": use NAME=FILE, e.g. --data good=good.csv"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command, UsageError> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    fn eval(line: &str) -> EvalArgs {
        match parse_str(line) {
            Ok(Command::Eval(e)) => e,
            other => panic!("{line}: {other:?}"),
        }
    }

    fn usage_message(line: &str) -> String {
        match parse_str(line) {
            Err(e) => e.message,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn help_and_version() {
        assert_eq!(
            parse_str("").unwrap_err().message,
            "no command given: use check, eval, rules or convert"
        );
        assert_eq!(parse_str("--help"), Ok(Command::Help(MAIN_HELP)));
        assert_eq!(parse_str("help eval"), Ok(Command::Help(EVAL_HELP)));
        assert_eq!(parse_str("check -h"), Ok(Command::Help(CHECK_HELP)));
        assert_eq!(
            parse_str("eval p.yaml --help"),
            Ok(Command::Help(EVAL_HELP))
        );
        assert_eq!(parse_str("--version"), Ok(Command::Version));
        assert_eq!(parse_str("help rules"), Ok(Command::Help(RULES_HELP)));
        assert_eq!(
            parse_str("rules p.yaml"),
            Ok(Command::Rules {
                policy: "p.yaml".into(),
                interval: MINUTE
            })
        );
        assert_eq!(
            parse_str("rules --interval=30s p.yaml"),
            Ok(Command::Rules {
                policy: "p.yaml".into(),
                interval: 30_000
            })
        );
        assert_eq!(usage_message("rules"), "no policy file given");
        assert_eq!(
            usage_message("rules p.yaml --interval 1500ms"),
            "--interval 1500ms: use whole seconds, as Prometheus' evaluation interval"
        );
    }

    #[test]
    fn check_takes_files() {
        assert_eq!(
            parse_str("check a.yaml b.json"),
            Ok(Command::Check {
                files: vec!["a.yaml".into(), "b.json".into()]
            })
        );
        assert_eq!(
            parse_str("check -- -odd.yaml"),
            Ok(Command::Check {
                files: vec!["-odd.yaml".into()]
            })
        );
        assert_eq!(usage_message("check"), "no policy file given");
        assert_eq!(
            usage_message("check --strict a.yaml"),
            "unknown option \"--strict\""
        );
    }

    #[test]
    fn eval_options() {
        let e = eval("eval p.yaml --at 2026-02-28T23:59:00Z --data good=g.csv --data=total=t.json --format=json --gate freeze --step 30s --prometheus http://p:9090 --color never --timeout 5m --max-requests=20");
        assert_eq!(e.policy, "p.yaml");
        assert_eq!(e.at, At::Instant(1_772_323_140_000));
        assert_eq!(
            e.data,
            [
                ("good".into(), "g.csv".into()),
                ("total".into(), "t.json".into())
            ]
        );
        assert_eq!(e.format, Format::Json);
        assert_eq!(e.gate.as_deref(), Some("freeze"));
        assert_eq!(e.step, Some(30_000));
        assert_eq!(e.prometheus.as_deref(), Some("http://p:9090"));
        assert_eq!(e.color, ColorChoice::Never);
        assert_eq!((e.timeout, e.max_requests), (5 * MINUTE, 20));
        let d = eval("eval --at now p.yaml");
        assert_eq!(
            (d.at, d.format, d.step, d.color, d.gate),
            (At::Now, Format::Text, None, ColorChoice::Auto, None)
        );
        assert_eq!(
            (d.timeout, d.max_requests),
            (DEFAULT_TIMEOUT, DEFAULT_MAX_REQUESTS)
        );
        assert_eq!(d.limits, DEFAULT_LIMITS);
        let l = eval("eval p.yaml --at now --max-samples 100000000 --max-data-size=2GiB").limits;
        assert_eq!((l.max_samples, l.max_bytes), (100_000_000, 2 << 30));
        for (size, bytes) in [
            ("1500", 1500),
            ("2kb", 2000),
            ("3MB", 3_000_000),
            ("1gb", 1_000_000_000),
            ("4KiB", 4096),
            ("5mib", 5 << 20),
            ("7B", 7),
        ] {
            assert_eq!(parse_size(size), Some(bytes), "{size}");
        }
    }

    #[test]
    fn usage_errors_say_what_to_do() {
        let cases = [
            ("frobnicate", "unknown command \"frobnicate\": use check, eval, rules or convert"),
            ("rules --gate freeze p.yaml", "unknown option \"--gate\""),
            ("--verbose", "unknown option \"--verbose\" (a command comes first)"),
            ("help frob", "no help for unknown command \"frob\""),
            ("eval --at now", "no policy file given"),
            ("eval p.yaml", "--at is required: an RFC 3339 time or 'now'"),
            ("eval p.yaml q.yaml --at now", "unexpected argument \"q.yaml\": eval takes one policy file"),
            ("eval p.yaml --at", "--at needs a value"),
            ("eval p.yaml --at --format json", "--at needs a value"),
            ("eval p.yaml --at yesterday", "--at: \"yesterday\" is not an RFC 3339 time: write it like 2026-02-05T10:00:00Z or 2026-02-05T12:00:00+02:00, or 'now'"),
            ("eval p.yaml --at now --data good", "--data \"good\": use NAME=FILE, e.g. --data good=good.csv"),
            ("eval p.yaml --at now --data =f.csv", "--data \"=f.csv\": use NAME=FILE, e.g. --data good=good.csv"),
            ("eval p.yaml --at now --format yaml", "--format \"yaml\": use text or json"),
            ("eval p.yaml --at now --color sometimes", "--color \"sometimes\": use auto, always or never"),
            ("eval p.yaml --at now --prometheus localhost:9090", "--prometheus \"localhost:9090\" is not a URL: use e.g. http://localhost:9090"),
            ("eval p.yaml --at now --step 0s", "--step: \"0s\" is not a usable duration: it must be longer than zero"),
            ("eval p.yaml --at now --timeout 0s", "--timeout: \"0s\" is not a usable duration: it must be longer than zero"),
            ("eval p.yaml --at now --max-requests 0", "--max-requests \"0\": use a whole number of requests above 0"),
            ("eval p.yaml --at now --max-requests lots", "--max-requests \"lots\": use a whole number of requests above 0"),
            ("eval p.yaml --at now --prometheus me:secret@p:9090", "--prometheus \"me:xxxxx@p:9090\" is not a URL: use e.g. http://localhost:9090"),
            ("eval p.yaml --at now -x", "unknown option \"-x\""),
            ("eval p.yaml --at now --max-samples 0", "--max-samples \"0\": use a number of samples, e.g. 100000000"),
            ("eval p.yaml --at now --max-samples 1e6", "--max-samples \"1e6\": use a number of samples, e.g. 100000000"),
            ("eval p.yaml --at now --max-samples 99999999999999999999999", "--max-samples \"99999999999999999999999\": use a number of samples, e.g. 100000000"),
            ("eval p.yaml --at now --max-data-size 2TB", "--max-data-size \"2TB\": use a size, e.g. 2GiB or 500MB"),
            ("eval p.yaml --at now --max-data-size GiB", "--max-data-size \"GiB\": use a size, e.g. 2GiB or 500MB"),
            ("eval p.yaml --at now --max-data-size 20000000000GiB", "--max-data-size \"20000000000GiB\": use a size, e.g. 2GiB or 500MB"),
        ];
        for (line, want) in cases {
            assert_eq!(usage_message(line), want, "{line}");
        }
        assert_eq!(parse_str("eval p.yaml").unwrap_err().command, Some("eval"));
    }
}
