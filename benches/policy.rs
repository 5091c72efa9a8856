//! # What this benchmark measures
//!
//! The cost of reading a policy document ([`Policy::parse`]: the YAML tree,
//! decoding, validation, every `when` expression) as the document grows, so
//! that a linear cost is visible as a flat time per item:
//!
//! - **`keys`** — one mapping (`metadata.labels`) of 1k, 10k and 100k keys:
//!   the duplicate-key check of the YAML tree.
//! - **`unknown_keys`** — one mapping of 1k, 10k and 100k keys that are all
//!   unknown: an error (with a suggestion) per key, then the diagnostics'
//!   de-duplication and sorting.
//! - **`slos`** — 1k, 10k and 100k SLOs (fields from `spec.defaults`, one
//!   shared pair of series): SLO names unique, series consistent.
//! - **`zone_typo`** — 1k, 10k and 100k SLOs that copy a misspelt time zone
//!   from `spec.defaults`: one "did you mean" search, not one per SLO.
//! - **`rules`** — 1k, 10k and 100k levels and as many rules, each naming a
//!   level: the level lookups.
//! - **`when`** — one rule whose `when` joins 10, 100 and 1,000 conditions
//!   (the limit, [`MAX_CONDITIONS`]) with `or`, half of them `alert(page)`.
//! - **`when_refused`** — a `when` of 20k and 100k conditions: the time to
//!   refuse it.
//! - **`deep_yaml_refused`** — `[[[…]]]` nested 100,000 deep: the time to
//!   refuse it.
//!
//! Divan reports the time per parse with an items counter (keys, SLOs,
//! rules or conditions per second). After divan's table the bench prints its
//! own summary: each case parsed several times with `std::time::Instant`, as
//! `case  items  ms/parse  ns/item` lines.
//!
//! # How to run it
//!
//! ```text
//! cargo bench --bench policy                 # everything, about a minute
//! cargo bench --bench policy -- keys         # divan's filter; the summary still runs
//! SLOGATE_BENCH_SUMMARY=0 cargo bench --bench policy   # divan's table only
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use divan::counter::ItemsCount;
use divan::Bencher;
use slogate::expr::MAX_CONDITIONS;
use slogate::policy::Policy;

/// The sizes of the growth cases.
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// Sizes of `when` that are accepted: up to the limit.
const WHEN_SIZES: [usize; 3] = [10, 100, MAX_CONDITIONS];
/// Sizes of `when` beyond the limit.
const REFUSED_SIZES: [usize; 2] = [20_000, 100_000];
/// Nesting depth of the refused YAML document.
const DEEP_YAML: usize = 100_000;
/// The summary times each case until this much time is spent (at least
/// three parses, or one when a parse takes longer than this).
const SUMMARY_BUDGET: Duration = Duration::from_millis(500);

fn main() {
    divan::main();
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs the bench with `--test`: divan runs each
    // case once; a timing summary would only slow the test run down.
    let testing = args.iter().any(|a| a == "--test" || a == "--list");
    let wanted = std::env::var("SLOGATE_BENCH_SUMMARY").map_or(true, |v| v != "0");
    if wanted && !testing {
        summary();
    }
}

// ---------------------------------------------------------------------------
// Divan cases
// ---------------------------------------------------------------------------

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn keys(bencher: Bencher, n: usize) {
    run(bencher, &Case::keys(n));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn unknown_keys(bencher: Bencher, n: usize) {
    run(bencher, &Case::unknown_keys(n));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn slos(bencher: Bencher, n: usize) {
    run(bencher, &Case::slos(n));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn zone_typo(bencher: Bencher, n: usize) {
    run(bencher, &Case::zone_typo(n));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn rules(bencher: Bencher, n: usize) {
    run(bencher, &Case::rules(n));
}

#[divan::bench(args = WHEN_SIZES, sample_count = 50, sample_size = 5)]
fn when(bencher: Bencher, n: usize) {
    run(bencher, &Case::when(n));
}

#[divan::bench(args = REFUSED_SIZES, sample_count = 10, sample_size = 1)]
fn when_refused(bencher: Bencher, n: usize) {
    run(bencher, &Case::when(n));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn deep_yaml_refused(bencher: Bencher) {
    run(bencher, &Case::deep_yaml());
}

fn run(bencher: Bencher, case: &Case) {
    bencher
        .counter(ItemsCount::new(case.items))
        .bench(|| case.parse());
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

/// A document, how many items it grows by, and whether it must parse.
struct Case {
    name: String,
    text: String,
    items: usize,
    valid: bool,
}

const HEAD: &str = "apiVersion: slogate/v1\nkind: ServiceLevelPolicy\n";
const ONE_SLO: &str = "spec:\n  slos:\n    - name: availability\n      objective: 99.9%\n      window: {rolling: 28d}\n      sli: {ratio: {good: good, total: total}}\n";

impl Case {
    /// Parses the document, checking the outcome once (the check is not
    /// what is measured: it is cheap next to the parse).
    fn parse(&self) {
        let parsed = Policy::parse(black_box(&self.text));
        assert_eq!(
            parsed.is_ok(),
            self.valid,
            "{}: {:?}",
            self.name,
            parsed.err()
        );
        black_box(parsed).ok();
    }

    fn keys(n: usize) -> Case {
        let labels: String = (0..n).map(|i| format!("    k{i}: v\n")).collect();
        Case {
            name: format!("keys in one mapping: {n}"),
            text: format!("{HEAD}metadata:\n  name: demo\n  labels:\n{labels}{ONE_SLO}"),
            items: n,
            valid: true,
        }
    }

    fn unknown_keys(n: usize) -> Case {
        let keys: String = (0..n).map(|i| format!("  k{i}: v\n")).collect();
        Case {
            name: format!("unknown keys: {n}"),
            text: format!("{HEAD}metadata:\n  name: demo\n{keys}{ONE_SLO}"),
            items: n,
            valid: false,
        }
    }

    fn slos(n: usize) -> Case {
        let slos: String = (0..n).map(|i| format!("    - name: s{i}\n")).collect();
        Case {
            name: format!("SLOs: {n}"),
            text: format!(
                "{HEAD}metadata: {{name: demo}}\nspec:\n  defaults:\n    objective: 99.9%\n    window: {{rolling: 28d}}\n    sli: {{ratio: {{good: good, total: total}}}}\n  slos:\n{slos}"
            ),
            items: n,
            valid: true,
        }
    }

    fn zone_typo(n: usize) -> Case {
        let slos: String = (0..n).map(|i| format!("    - name: s{i}\n")).collect();
        Case {
            name: format!("SLOs copying a misspelt zone: {n}"),
            text: format!(
                "{HEAD}metadata: {{name: demo}}\nspec:\n  defaults:\n    objective: 99.9%\n    window: {{calendar: month, timeZone: Europe/Berln}}\n    sli: {{ratio: {{good: good, total: total}}}}\n  slos:\n{slos}"
            ),
            items: n,
            valid: false,
        }
    }

    fn rules(n: usize) -> Case {
        let levels: Vec<String> = (0..n).map(|i| format!("l{i}")).collect();
        let rules: String = (0..n)
            .map(|i| format!("      - {{level: l{i}, when: \"remaining < 1%\"}}\n"))
            .collect();
        Case {
            name: format!("levels and rules: {n}"),
            text: format!(
                "{HEAD}metadata: {{name: demo}}\n{ONE_SLO}  policy:\n    levels: [{}]\n    rules:\n{rules}",
                levels.join(", ")
            ),
            items: n,
            valid: true,
        }
    }

    /// A rule whose `when` joins `n` conditions with `or`.
    fn when(n: usize) -> Case {
        let conditions: Vec<&str> = (0..n)
            .map(|i| {
                if i % 2 == 0 {
                    "burn_rate(1h) > 14.4"
                } else {
                    "alert(page)"
                }
            })
            .collect();
        let valid = n <= MAX_CONDITIONS;
        Case {
            name: format!(
                "when of {n} conditions{}",
                if valid { "" } else { " (refused)" }
            ),
            text: format!(
                "{HEAD}metadata: {{name: demo}}\n{ONE_SLO}  policy:\n    rules:\n      - level: freeze\n        when: \"{}\"\n",
                conditions.join(" or ")
            ),
            items: n,
            valid,
        }
    }

    fn deep_yaml() -> Case {
        Case {
            name: format!("YAML nested {DEEP_YAML} deep (refused)"),
            text: format!("{}1{}", "[".repeat(DEEP_YAML), "]".repeat(DEEP_YAML)),
            items: DEEP_YAML,
            valid: false,
        }
    }
}

// ---------------------------------------------------------------------------
// The closing summary
// ---------------------------------------------------------------------------

fn summary() {
    let mut cases: Vec<Case> = Vec::new();
    for make in [
        Case::keys,
        Case::unknown_keys,
        Case::slos,
        Case::zone_typo,
        Case::rules,
    ] {
        cases.extend(SIZES.map(make));
    }
    cases.extend(WHEN_SIZES.map(Case::when));
    cases.extend(REFUSED_SIZES.map(Case::when));
    cases.push(Case::deep_yaml());

    println!();
    println!("slogate policy summary: median of repeated parses per case");
    println!(
        "{:<40} {:>8} {:>12} {:>10}",
        "case", "items", "ms/parse", "ns/item"
    );
    for case in &cases {
        let median = time_case(case);
        println!(
            "{:<40} {:>8} {:>12.3} {:>10.0}",
            case.name,
            case.items,
            median.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e9 / case.items as f64
        );
    }
}

/// The median of repeated parses within [`SUMMARY_BUDGET`].
fn time_case(case: &Case) -> Duration {
    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < 3 || (started.elapsed() < SUMMARY_BUDGET && times.len() < 100) {
        let start = Instant::now();
        case.parse();
        times.push(start.elapsed());
        if times.len() == 1 && times[0] > SUMMARY_BUDGET {
            break;
        }
    }
    times.sort_unstable();
    times[times.len() / 2]
}
