//! Files that are odd, hostile or huge, end to end through the `slogate`
//! binary (issue 7, points 3, 7 and 8): a missing value spelled `null`,
//! text that is not UTF-8, endless and oversized inputs. Every refusal
//! names the file (and the line and column, or the limit), exits 1, and
//! comes at once: no hang, no memory blown.

mod cli_support;

use cli_support::{slogate, stderr, Scratch};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const POLICY: &str = r#"apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: demo}
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 1d}
      sli: {ratio: {good: good, total: total}}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 50%", action: Freeze}
"#;

const AT: &str = "2023-11-15T22:13:20Z"; // 1_700_000_000 + 1440 minutes

fn scratch(name: &str) -> Scratch {
    cli_support::scratch("limits", name, POLICY)
}

/// Exit 1 and exactly this line on stderr.
fn refused(o: &Output, message: &str) {
    assert_eq!(
        (o.status.code(), stderr(o).as_str()),
        (Some(1), format!("{message}\n").as_str())
    );
}

#[test]
fn a_policy_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let dir = scratch("latin1");
    // "café" saved as Latin-1 (é = 0xE9).
    let latin1 = POLICY.replace("{name: demo}", "{name: caf\u{e9}}");
    let latin1: Vec<u8> = latin1.chars().map(|c| c as u8).collect();
    std::fs::write(dir.join("latin1.yaml"), latin1).unwrap();
    let message = "latin1.yaml:3:21: error: not UTF-8 text (byte 0xE9): save the file as UTF-8";
    refused(&slogate(&dir, &["check", "latin1.yaml"]), message);
    refused(
        &slogate(&dir, &["eval", "latin1.yaml", "--at", AT]),
        message,
    );
}

#[test]
fn a_utf16_policy_is_named_utf16() {
    let dir = scratch("utf16");
    let le = |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    // As Windows' Notepad ("Unicode") and PowerShell 5 write it: a byte order mark.
    std::fs::write(
        dir.join("bom.yaml"),
        [&[0xFF, 0xFE][..], &le(POLICY)].concat(),
    )
    .unwrap();
    std::fs::write(dir.join("nobom.yaml"), le(POLICY)).unwrap();
    refused(
        &slogate(&dir, &["check", "bom.yaml"]),
        "bom.yaml:1:1: error: the file is UTF-16 (little-endian, byte order mark FF FE); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-16 -t UTF-8",
    );
    refused(
        &slogate(&dir, &["check", "nobom.yaml"]),
        "nobom.yaml:1:1: error: the file looks like UTF-16 (little-endian: every other byte is NUL); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-16LE -t UTF-8",
    );
    // A UTF-8 byte order mark is fine.
    std::fs::write(dir.join("utf8bom.yaml"), format!("\u{feff}{POLICY}")).unwrap();
    let o = slogate(&dir, &["check", "utf8bom.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_policy_over_1_mib_is_refused_unread() {
    let dir = scratch("big-policy");
    // A valid policy padded with comments to just over the limit, and to just under it.
    let pad = |size: usize| {
        let mut text = POLICY.to_string();
        while text.len() + 40 <= size {
            text.push_str("# ...................................\n");
        }
        text.push_str(&"#".repeat(size - text.len() - 1));
        text.push('\n');
        assert_eq!(text.len(), size);
        text
    };
    std::fs::write(dir.join("big.yaml"), pad((1 << 20) + 1)).unwrap();
    refused(
        &slogate(&dir, &["check", "big.yaml"]),
        "big.yaml: error: larger than 1 MiB, the limit for a policy document",
    );
    refused(
        &slogate(&dir, &["eval", "big.yaml", "--at", AT]),
        "big.yaml: error: larger than 1 MiB, the limit for a policy document",
    );
    std::fs::write(dir.join("limit.yaml"), pad(1 << 20)).unwrap();
    let o = slogate(&dir, &["check", "limit.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn dev_zero_as_a_policy_is_refused_at_once() {
    let dir = scratch("zero-policy");
    refused(
        &slogate(&dir, &["check", "/dev/zero"]),
        "/dev/zero:1:1: error: a NUL byte: this is not a text file",
    );
}

/// A FIFO in `dir` that a thread fills with `chunk` forever (until the
/// reader closes it).
fn endless_fifo(dir: &Path, name: &str, chunk: &'static [u8]) -> PathBuf {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    let writer = path.clone();
    std::thread::spawn(move || {
        // Blocks until slogate opens it; ends with EPIPE when slogate closes it.
        let mut fifo = std::fs::OpenOptions::new()
            .write(true)
            .open(writer)
            .unwrap();
        while fifo.write_all(chunk).is_ok() {}
    });
    path
}

#[test]
fn an_endless_policy_stream_ends_at_1_mib() {
    let dir = scratch("fifo-policy");
    let policy = endless_fifo(&dir, "policy.fifo", b"# an endless comment, valid YAML\n");
    refused(
        &slogate(&dir, &["check", policy.to_str().unwrap()]),
        &format!(
            "{}: error: larger than 1 MiB, the limit for a policy document",
            policy.display()
        ),
    );
}

/// A day of per-minute CSV: 100 events a second, `good(i)` of them good.
fn day_csv(good: impl Fn(i64) -> String) -> (String, String) {
    let (mut g, mut t) = (String::from("time,value\n"), String::from("time,value\n"));
    for i in 0..=1440 {
        let time = 1_700_000_000 + i * 60;
        t.push_str(&format!("{time},100\n"));
        g.push_str(&format!("{time},{}\n", good(i)));
    }
    (g, t)
}

fn eval(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["eval", "policy.yaml", "--at", AT, "--format", "json"];
    args.extend_from_slice(extra);
    slogate(dir, &args)
}

#[test]
fn csv_null_is_a_missing_sample_as_if_the_line_were_not_there() {
    let dir = scratch("null");
    // Hours 5 and 20 bad; the values of three minutes missing, spelled as
    // Grafana's CSV export writes a missing value (null, empty) and as others do.
    let good = |i: i64| if i % 300 == 0 { 90.0 } else { 99.95 }.to_string();
    let missing = [
        (100, "null"),
        (101, "NULL"),
        (102, ""),
        (103, "Null"),
        (104, " null "),
    ];
    let (with_null, total) = day_csv(|i| match missing.iter().find(|(m, _)| *m == i) {
        Some((_, spelling)) => spelling.to_string(),
        None => good(i),
    });
    std::fs::write(dir.join("total.csv"), total).unwrap();
    std::fs::write(dir.join("null.csv"), &with_null).unwrap();
    let without: String = with_null
        .lines()
        .filter(|l| {
            !missing
                .iter()
                .any(|(m, _)| l.starts_with(&format!("{},", 1_700_000_000 + m * 60)))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        without.lines().count() + missing.len(),
        with_null.lines().count()
    );
    std::fs::write(dir.join("without.csv"), without).unwrap();

    let with_null = eval(
        &dir,
        &["--data", "good=null.csv", "--data", "total=total.csv"],
    );
    assert_eq!(with_null.status.code(), Some(0), "{}", stderr(&with_null));
    let without = eval(
        &dir,
        &["--data", "good=without.csv", "--data", "total=total.csv"],
    );
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    assert_eq!(
        String::from_utf8_lossy(&with_null.stdout),
        String::from_utf8_lossy(&without.stdout)
    );
    // Missing is not zero: the same minutes at 0 good events are a different report.
    let (zeros, _) = day_csv(|i| {
        if (100..105).contains(&i) {
            "0".into()
        } else {
            good(i)
        }
    });
    std::fs::write(dir.join("zeros.csv"), zeros).unwrap();
    let zeros = eval(
        &dir,
        &["--data", "good=zeros.csv", "--data", "total=total.csv"],
    );
    assert_ne!(zeros.stdout, with_null.stdout);
}

#[test]
fn data_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let dir = scratch("data-latin1");
    let (good, total) = day_csv(|_| "99.95".into());
    std::fs::write(dir.join("total.csv"), total).unwrap();
    let mut bad = good.into_bytes();
    let third_line = bad
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bad[third_line + 13] = 0xB5; // µ in Latin-1, for the decimal point of 1700000060,99.95
    std::fs::write(dir.join("good.csv"), &bad).unwrap();
    refused(
        &eval(
            &dir,
            &["--data", "good=good.csv", "--data", "total=total.csv"],
        ),
        "good.csv:3:14: not UTF-8 text (byte 0xB5): save the file as UTF-8",
    );
    // The same in a Prometheus response, in a label value: the line and column of the byte.
    std::fs::write(
        dir.join("good.json"),
        b"{\"status\":\"success\",\n\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"\xff\"}}]}}",
    )
    .unwrap();
    refused(
        &eval(
            &dir,
            &["--data", "good=good.json", "--data", "total=total.csv"],
        ),
        "good.json:2:57: not UTF-8 text (byte 0xFF): save the file as UTF-8",
    );
    // Excel's "Unicode text" export is UTF-16 with a byte order mark.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "time,value\n1700000000,1\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(dir.join("good16.csv"), utf16).unwrap();
    refused(
        &eval(&dir, &["--data", "good=good16.csv", "--data", "total=total.csv"]),
        "good16.csv:1:1: the file is UTF-16 (little-endian, byte order mark FF FE); slogate reads UTF-8 text: convert it, e.g. with iconv -f UTF-16 -t UTF-8",
    );
}

#[test]
fn dev_zero_as_data_is_refused_at_once() {
    let dir = scratch("zero-data");
    std::fs::write(dir.join("total.csv"), day_csv(|_| "1".into()).1).unwrap();
    for data in ["good=/dev/zero", "total=/dev/zero"] {
        let other = if data.starts_with("good") {
            "total=total.csv"
        } else {
            "good=total.csv"
        };
        refused(
            &eval(&dir, &["--data", data, "--data", other]),
            "/dev/zero:1:1: a NUL byte: this is not a text file",
        );
    }
}

#[test]
fn endless_data_streams_end_at_the_limits() {
    let dir = scratch("fifo-data");
    // Blank lines forever: no sample ever, so only the size limit ends it.
    std::fs::write(dir.join("total.csv"), day_csv(|_| "1".into()).1).unwrap();
    let blank = endless_fifo(&dir, "good.fifo", b"\n\n\n\n\n\n\n\n");
    let data = format!("good={}", blank.display());
    refused(
        &eval(
            &dir,
            &[
                "--data",
                &data,
                "--data",
                "total=total.csv",
                "--max-data-size",
                "1MiB",
            ],
        ),
        &format!(
            "{}: larger than 1 MiB, the limit for a data file (raise it with --max-data-size)",
            blank.display()
        ),
    );
    // Samples forever: the sample limit ends it.
    std::fs::write(dir.join("one.csv"), "1700000000,1\n").unwrap();
    let samples = endless_fifo(&dir, "samples.fifo", b"1700000000,1\n");
    let data = format!("good={}", samples.display());
    refused(
        &eval(&dir, &["--data", &data, "--data", "total=one.csv", "--max-samples", "1000"]),
        &format!(
            "{}:1001:1: more than 1,000 samples, the limit per data file (series and labels count by their memory): raise it with --max-samples",
            samples.display()
        ),
    );
}

/// A Prometheus response of one series, `{"__name__":"total"}`, of `n`
/// per-second samples ending at AT, 100 events a second.
fn response(n: i64) -> String {
    let end = 1_700_000_000 + 1440 * 60;
    let samples: Vec<String> = (end - n + 1..=end)
        .map(|t| format!("[{t},\"100\"]"))
        .collect();
    format!(
        "{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[{{\"metric\":{{\"__name__\":\"total\"}},\"values\":[{}]}}]}}}}",
        samples.join(",")
    )
}

#[test]
fn a_large_response_loads_and_one_over_the_limits_is_refused() {
    let dir = scratch("large");
    // A day at 1 s: 86,401 samples (1.6 MB) each for good and total.
    let text = response(86_401);
    std::fs::write(dir.join("total.json"), &text).unwrap();
    std::fs::write(dir.join("good.json"), text.replace("\"100\"", "\"99.95\"")).unwrap();
    let both = ["--data", "good=good.json", "--data", "total=total.json"];
    let o = eval(&dir, &both);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 8,640,000 events, 0.05% bad: half the 0.1% budget.
    assert_eq!(report["slos"][0]["budget"]["allowed"], 8640.0);
    assert_eq!(report["slos"][0]["budget"]["remainingRatio"], 0.5);

    // The sample limit, exactly: 86,401 samples, a series (10) and its
    // label (__name__=total: 7 and 0 for 13 bytes of text) fit in 86,418.
    // (total is one sample here, so that only good.json meets the limits.)
    std::fs::write(dir.join("one.csv"), "1700000000,1\n").unwrap();
    let with = |flags: &[&'static str]| {
        let mut args = vec!["--data", "good=good.json", "--data", "total=one.csv"];
        args.extend_from_slice(flags);
        eval(&dir, &args)
    };
    assert_eq!(with(&["--max-samples", "86418"]).status.code(), Some(0));
    refused(
        &with(&["--max-samples", "86417"]),
        "good.json: data.result[0].values[86400]: more than 86,417 samples, the limit per data file (series and labels count by their memory): raise it with --max-samples",
    );
    // The size limit, exactly.
    let size = std::fs::metadata(dir.join("good.json"))
        .unwrap()
        .len()
        .to_string();
    let smaller = (size.parse::<u64>().unwrap() - 1).to_string();
    let at_size: &'static str = Box::leak(size.into_boxed_str());
    let under_size: &'static str = Box::leak(smaller.clone().into_boxed_str());
    assert_eq!(with(&["--max-data-size", at_size]).status.code(), Some(0));
    refused(
        &with(&["--max-data-size", under_size]),
        &format!(
            "good.json: larger than {} bytes, the limit for a data file (raise it with --max-data-size)",
            thousands(&smaller)
        ),
    );
}

/// `1234567` as `1,234,567`.
fn thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[test]
fn labels_count_against_the_sample_limit() {
    let dir = scratch("labels");
    std::fs::write(dir.join("total.csv"), day_csv(|_| "1".into()).1).unwrap();
    // 100,000 series without a sample, each with a label: memory, no samples.
    let series: Vec<String> = (0..100_000)
        .map(|i| format!("{{\"metric\":{{\"instance\":\"host-{i:06}\"}},\"values\":[]}}"))
        .collect();
    std::fs::write(
        dir.join("good.json"),
        format!(
            "{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[{}]}}}}",
            series.join(",")
        ),
    )
    .unwrap();
    // Each costs 10 (the series) + 7 + 1 (its label, and 19 bytes of
    // text): 18. The 55,556th series still fits a million; its label does not.
    refused(
        &eval(&dir, &["--data", "good=good.json", "--data", "total=total.csv", "--max-samples", "1000000"]),
        "good.json: data.result[55555].metric: more than 1,000,000 samples, the limit per data file (series and labels count by their memory): raise it with --max-samples",
    );
}
