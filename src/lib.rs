//! # slogate
//!
//! An error-budget policy engine. Give it an SLO policy document and the time
//! series a datasource returned; it answers exactly how much error budget is
//! left, how fast it burns, which burn-rate alerts fire, and which level of the
//! error-budget policy (for example a *feature freeze*) applies, with the rule
//! and the numbers behind that verdict.
//!
//! ```
//! use slogate::{Engine, DataSet, Series, time};
//!
//! let policy = r#"
//! apiVersion: slogate/v1
//! kind: ServiceLevelPolicy
//! metadata: {name: demo}
//! spec:
//!   slos:
//!     - name: availability
//!       objective: 99%
//!       window: {rolling: 1h}
//!       sli: {ratio: {good: good, total: total}}
//!   policy:
//!     levels: [healthy, freeze]
//!     rules:
//!       - {level: freeze, when: "remaining < 50%"}
//! "#;
//! let engine = Engine::from_text(policy).unwrap();
//! let minute = 60_000;
//! let times: Vec<i64> = (0..=60).map(|i| i * minute).collect();
//! let mut data = DataSet::default();
//! // 10 requests/s, of which 0.06/s fail: 0.6% errors spend 60% of the 1% budget.
//! data.push(Series::new("total", times.clone(), vec![10.0; 61]));
//! data.push(Series::new("good", times, vec![9.94; 61]));
//! let report = engine.evaluate(&data, 60 * minute).unwrap();
//! let slo = &report.slos[0];
//! assert!((slo.sli.unwrap() - 0.994).abs() < 1e-12);
//! assert!((slo.budget.remaining_ratio.unwrap() - 0.4).abs() < 1e-9);
//! assert_eq!(slo.level, "freeze");
//! assert_eq!(report.level, "freeze");
//! assert_eq!(time::format_rfc3339(report.at), "1970-01-01T01:00:00Z");
//! ```
//!
//! The crate is organised by what each module holds:
//! - [`time`]: instants, durations, RFC 3339, civil calendars, time zones,
//!   calendar periods and RFC 5545 recurrences;
//! - [`policy`]: the policy document (YAML or JSON) with line/column diagnostics;
//! - [`expr`]: the `when` rule expressions;
//! - [`series`]: the time series a host hands over;
//! - [`eval`]: the arithmetic (prefix sums, windows, budgets, alerts, levels);
//! - [`report`]: the report model and its JSON and text renderings.

pub mod decimal;
pub mod diagnostic;
pub mod epoch;
pub mod eval;
pub mod expr;
pub mod import;
mod join;
mod platform;
pub mod policy;
pub mod report;
pub mod rules;
pub mod series;
mod sort;
pub mod suggest;
pub mod time;
pub mod yaml_write;

#[cfg(feature = "cli")]
pub mod data;

// The JavaScript bindings behind `@slogate/engine` (see `pkg/README.md`);
// wasm32 with the `wasm` feature only (the module says so itself).
pub mod wasm;

pub use diagnostic::{Diagnostic, Severity};
pub use eval::plan::{DataPlan, PlannedSeries};
pub use eval::{Engine, EvalError};
pub use policy::Policy;
pub use report::Report;
pub use series::{DataSet, Series, SeriesKind};
