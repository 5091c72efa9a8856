//! The `slogate` binary, end to end, for what does not need an evaluation:
//! usage errors, help, unreadable files. Exit statuses are part of the CLI's contract (README.md).

use std::process::{Command, Output};

fn slogate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run slogate")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_on_a_missing_file_names_it_and_exits_1() {
    let o = slogate(&["check", "does-not-exist.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("does-not-exist.yaml: cannot read: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn eval_on_a_missing_policy_exits_1() {
    let o = slogate(&["eval", "does-not-exist.yaml", "--at", "now"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("does-not-exist.yaml: cannot read: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2_and_point_at_help() {
    for (args, message, help) in [
        (
            &[][..],
            "no command given: use check, eval, rules or convert",
            "slogate --help",
        ),
        (
            &["frobnicate"][..],
            "unknown command \"frobnicate\": use check, eval, rules or convert",
            "slogate --help",
        ),
        (
            &["rules"][..],
            "no policy file given",
            "slogate rules --help",
        ),
        (
            &["check"][..],
            "no policy file given",
            "slogate check --help",
        ),
        (
            &["eval", "p.yaml"][..],
            "--at is required: an RFC 3339 time or 'now'",
            "slogate eval --help",
        ),
        (
            &["eval", "p.yaml", "--at", "now", "--format", "xml"][..],
            "--format \"xml\": use text or json",
            "slogate eval --help",
        ),
    ] {
        let o = slogate(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!("slogate: error: {message}\nRun '{help}' for usage.\n"),
            "{args:?}"
        );
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let o = slogate(&["--version"]);
    assert_eq!(
        (o.status.code(), stdout(&o)),
        (Some(0), format!("slogate {}\n", env!("CARGO_PKG_VERSION")))
    );
    for args in [
        &["--help"][..],
        &["help", "eval"][..],
        &["eval", "--help"][..],
        &["check", "-h"][..],
    ] {
        let o = slogate(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Usage"), "{args:?}");
        assert!(stdout(&o).contains("Exit status"), "{args:?}");
    }
}

#[test]
fn rules_writes_the_file_to_stdout_and_what_is_not_exported_to_stderr() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mtos = format!("{root}/examples/mtos/policy.yaml");
    let o = slogate(&["rules", &mtos]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("# Prometheus rules of the slogate policy"),
        "{out}"
    );
    assert!(out.contains("\ngroups:\n  - name: \"slogate/"), "{out}");
    assert!(out.contains("alert: \"SlogateErrorBudgetBurn\""));
    // Each line of stderr names the file, the place and the reason.
    let err = stderr(&o);
    assert!(!err.is_empty());
    for line in err.lines() {
        assert!(
            line.starts_with(&format!("{mtos}:")) && line.contains(": not exported: "),
            "{line}"
        );
    }
    assert!(err.contains("timeslices budgeting"), "{err}");
    // A policy with errors: its diagnostics, exit 1, no rules.
    let o = slogate(&["rules", "does-not-exist.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
}

#[test]
fn convert_prints_a_policy_that_check_accepts_and_check_reads_the_source_too() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = format!("{root}/examples/import/sloth-payments.yaml");
    let o = slogate(&["convert", &source]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "# Converted from Sloth (prometheus/v1) by slogate convert.\napiVersion: slogate/v1\n"
        ),
        "{out}"
    );
    let dir = std::env::temp_dir().join(format!("slogate-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let converted = dir.join("converted.yaml");
    std::fs::write(&converted, &out).unwrap();
    let o = slogate(&["check", converted.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with(": ok (2 SLOs, 0 rules)\n"),
        "{}",
        stdout(&o)
    );
    // check reads the Sloth file itself, and says so.
    let o = slogate(&["check", &source]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with(": ok (2 SLOs, 0 rules, converted from Sloth (prometheus/v1))\n"),
        "{}",
        stdout(&o)
    );
    // A slogate policy is not converted; an OpenSLO error names its line.
    let o = slogate(&["convert", converted.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("this is already a slogate policy"),
        "{}",
        stderr(&o)
    );
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec:\n  budgetingMethod: RatioTimeslices\n").unwrap();
    let o = slogate(&["convert", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.yaml:5:20: error: spec.budgetingMethod: RatioTimeslices averages"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "");
    std::fs::remove_dir_all(dir).ok();
}
