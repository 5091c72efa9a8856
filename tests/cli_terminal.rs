//! Text from a policy, a data file or a server never reaches the terminal
//! raw: ESC, BEL, CR/LF and bidi overrides in SLO names, levels, actions,
//! label values, unknown keys, bad CSV values and Prometheus' error bodies
//! are shown as visible escapes (`\u{1b}`, `\r\n`, `\u{202e}`), in the text
//! report on stdout and in every message on stderr.

mod test_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use test_server::{Reply, Server};

/// ESC, BEL, CR LF and RIGHT-TO-LEFT OVERRIDE, as YAML double-quoted escapes.
const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: "demo\e]0;pwned\a"}
spec:
  slos:
    - name: "avail\e[2J\r\nfreeze\u202E"
      objective: 99.9%
      window: {rolling: 1d}
      groupBy: [route]
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, "warn\e[5m\a"]
    rules:
      - {level: "warn\e[5m\a", when: "remaining < 101%", action: "Freeze\r\n  healthy  remaining < 1%\u202E"}
"#;

/// The policy's forms on the terminal.
const POLICY_NAME: &str = r"demo\u{1b}]0;pwned\u{7}";
const SLO_NAME: &str = r"avail\u{1b}[2J\r\nfreeze\u{202e}";
const LEVEL: &str = r"warn\u{1b}[5m\u{7}";
const ACTION: &str = r"Freeze\r\n  healthy  remaining < 1%\u{202e}";

/// A day of per-minute samples for one route whose name holds ESC.
fn series_json(value: u32) -> String {
    let values: Vec<String> = (0..=1440)
        .map(|i| format!("[{},\"{value}\"]", 1_700_000_000 + i * 60))
        .collect();
    format!(
        r#"{{"status":"success","data":{{"resultType":"matrix","result":[{{"metric":{{"route":"/a\u001b[31m\"x"}},"values":[{}]}}]}}}}"#,
        values.join(",")
    )
}

const AT: &str = "2023-11-15T22:13:20Z";

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str, files: &[(&str, &[u8])]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("slogate-term-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, content) in files {
        std::fs::write(dir.join(file), content).unwrap();
    }
    Scratch(dir)
}

fn slogate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Fails on any control character but the line feeds the CLI writes
/// itself, and on bidi controls and line/paragraph separators; written
/// independently of the CLI's own list.
fn assert_terminal_safe(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    for (i, c) in text.char_indices() {
        let raw = (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{61c}' | '\u{200e}' | '\u{200f}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(!raw, "raw {c:?} at byte {i} of:\n{text}");
    }
    text
}

#[test]
fn names_levels_actions_and_labels_are_escaped_in_the_report_and_the_gate() {
    let dir = scratch(
        "report",
        &[
            ("policy.yaml", POLICY.as_bytes()),
            ("good.json", series_json(100).as_bytes()),
            ("total.json", series_json(100).as_bytes()),
        ],
    );
    let gate = "warn\u{1b}[5m\u{7}";
    let o = slogate(
        &dir.0,
        &[
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--data",
            "good=good.json",
            "--data",
            "total=total.json",
            "--gate",
            gate,
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = assert_terminal_safe(&o.stdout);
    let err = assert_terminal_safe(&o.stderr);
    let upper = r"WARN\u{1b}[5M\u{7}";
    let group = r#"{route="/a\u{1b}[31m\"x"}"#;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("{POLICY_NAME} at {AT}: {upper}"));
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], format!("{SLO_NAME} {group}: {upper}"));
    // The action's CR LF did not forge a "healthy" line of its own.
    assert_eq!(
        lines[3],
        format!("  {LEVEL}  remaining < 101%  (value 100%)  → {ACTION}")
    );
    assert_eq!(lines[4], "");
    assert_eq!(lines[5], "  objective           99.9%");
    assert_eq!(
        err,
        format!("gate \"{LEVEL}\" reached: {SLO_NAME} {group} is at \"{LEVEL}\"\n")
    );
}

#[test]
fn an_unknown_key_is_escaped_in_diagnostics() {
    let policy = POLICY.replace(
        "      groupBy: [route]\n",
        "      \"colo\\e[2J\\u2066r\": red\n",
    );
    let dir = scratch("key", &[("policy.yaml", policy.as_bytes())]);
    for args in [
        &["check", "policy.yaml"][..],
        &["eval", "policy.yaml", "--at", AT],
    ] {
        let o = slogate(&dir.0, args);
        assert_eq!(o.status.code(), Some(1));
        let err = assert_terminal_safe(&o.stderr);
        assert!(
            err.starts_with(r#"policy.yaml:9:7: error: spec.slos[0].colo\u{1b}[2J\u{2066}r: unknown key "colo\u{1b}[2J\u{2066}r": expected one of "#),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn a_bad_csv_value_is_escaped() {
    let dir = scratch(
        "csv",
        &[
            ("policy.yaml", POLICY.as_bytes()),
            (
                "good.csv",
                b"time,value\n1700000000,1\n1700000060,\x1b]0;pwned\x07\r\n",
            ),
            ("total.csv", b"time,value\n1700000000,1\n"),
        ],
    );
    let o = slogate(
        &dir.0,
        &[
            "eval",
            "policy.yaml",
            "--at",
            AT,
            "--data",
            "good=good.csv",
            "--data",
            "total=total.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = assert_terminal_safe(&o.stderr);
    assert!(err.starts_with("good.csv:3:12: "), "{err}");
    assert!(err.contains(r"\u{1b}]0;pwned\u{7}"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn prometheus_error_bodies_are_escaped() {
    let policy = POLICY
        .replace("good: good", "good: {name: good, query: up}")
        .replace("total: total", "total: {name: total, query: up}");
    let dir = scratch("prom", &[("policy.yaml", policy.as_bytes())]);
    // Prometheus' JSON error, whose text holds ESC, BEL and CR LF once decoded.
    let json = Server::start(|_| {
        Reply::Full(
            "400 Bad Request",
            r#"{"status":"error","errorType":"bad_data","error":"boom\u001b]0;pwned\u0007\r\nerror: forged"}"#.into(),
        )
    });
    // A proxy's plain error page with raw control bytes.
    let plain =
        Server::start(|_| Reply::Full("502 Bad Gateway", "down\x1b[2J\u{202e}\r\nforged".into()));
    for (server, shown) in [
        (
            &json,
            r"Prometheus error (bad_data): boom\u{1b}]0;pwned\u{7}\r\nerror: forged",
        ),
        (
            &plain,
            r"HTTP 502 Bad Gateway: down\u{1b}[2J\u{202e}\r\nforged",
        ),
    ] {
        let o = slogate(
            &dir.0,
            &[
                "eval",
                "policy.yaml",
                "--at",
                AT,
                "--prometheus",
                &server.url,
            ],
        );
        assert_eq!(o.status.code(), Some(1));
        let err = assert_terminal_safe(&o.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        for line in lines {
            assert!(line.ends_with(&format!(": {shown}")), "{line}");
        }
    }
}
