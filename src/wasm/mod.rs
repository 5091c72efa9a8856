//! The WebAssembly bindings (feature `wasm`, wasm32 only): thin glue between
//! the engine and `pkg/index.js`, the JS wrapper users import as
//! `@slogate/engine`. The wrapper owns the ergonomics (typed arrays in,
//! plain objects out, `SlogateError`, recovery after a trap); this module
//! owns the checks, so that nothing a host passes can make Rust panic.
//!
//! Contract with the wrapper:
//! - Every failure is a JS `Error` with the CLI's message and the fields of
//!   `SlogateError` as JSON beside it (see `errors`).
//! - [`RawEngine::new`] fails with the CLI's rendering of the policy's
//!   diagnostics (`<policy>:LINE:COL: error: PATH: message`, one a line)
//!   and, as `diagnostics`, those of the same parse.
//! - [`RawEngine::evaluate_columns`] returns the report as the exact JSON
//!   `slogate eval --format json` prints (compact: `report::json::to_json`),
//!   or fails with the engine's message (the CLI's, without `error: `).
//! - Structured results other than the report are JSON text too (see
//!   `json`): one string crosses the boundary instead of many JS calls.

#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

mod columns;
mod errors;
mod json;

use wasm_bindgen::prelude::*;

use crate::eval::{Engine, EvalErrorKind, History};
use crate::platform::js;
// The type of `evaluate_columns`' columns, for hosts calling it from Rust.
pub use crate::platform::js::Float64Array;
use crate::policy::{diagnose, Policy};
use crate::report::json::to_json;
use crate::report::model::{Report, SloReport};

/// An engine built once from policy text, evaluated many times.
#[wasm_bindgen]
pub struct RawEngine {
    engine: Engine,
}

#[wasm_bindgen]
impl RawEngine {
    /// Parses and validates a policy (YAML or JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<RawEngine, JsValue> {
        match Engine::from_text(text) {
            Ok(engine) => Ok(RawEngine { engine }),
            Err(diagnostics) => Err(errors::policy(&diagnostics)),
        }
    }

    /// The data an evaluation at `at_ms` reads (`Engine::plan`), as JSON:
    /// `{"at", "series": [{"name", "query", "kind", "path", "labels",
    /// "start", "end", "stepMs"}]}`, instants in epoch milliseconds.
    pub fn plan(&self, at_ms: f64) -> Result<String, JsValue> {
        let plan = self.engine.plan(instant(at_ms)?).map_err(errors::eval)?;
        Ok(json::plan(&plan))
    }

    /// Evaluates at `at_ms` (epoch milliseconds) on the columns described in
    /// `columns`: a header and one `Float64Array` per column, `[times₀,
    /// values₀, times₁, values₁, …]`. Returns the report's compact JSON; with
    /// `split`, for a wrapper that builds the report object, `[json,
    /// burndowns]`, where the JSON's burn-downs are empty and `burndowns`
    /// holds them all as numbers, per SLO instance in order `n, t₁…tₙ,
    /// r₁…rₙ, k, b¹₁…b¹ₙ, …, bᵏ₁…bᵏₙ` (a null ratio or burn rate as NaN; `k`
    /// burn-rate windows in the order of the report's `burnRates`, 0 unless
    /// asked for). Five hundred points per instance are
    /// most of the report's text; as numbers they need neither formatting
    /// here nor `JSON.parse` there. One export for both: each export costs
    /// the module its own glue (~0.2 KB gzipped).
    ///
    /// `mode` is a set of bits: `SPLIT` as above, `NO_BURNDOWN` and
    /// `NO_TIMELINE` leave those out, `BURN_RATES` adds the burn rates over
    /// time (`Engine::evaluate_with`). `AFTER` evaluates as an edit of
    /// `previous`' policy (`Engine::evaluate_after`; the wrapper's `Memo`
    /// has checked that data, instant and mode are its kept evaluation's):
    /// then `burndowns` starts with `m, p₁…pₘ`, for each of the `m` SLOs
    /// the index of `previous`' SLO it reuses, or −1. Without `AFTER`,
    /// `previous` is not read (the wrapper passes this engine).
    #[wasm_bindgen(js_name = evaluateColumns)]
    pub fn evaluate_columns(
        &self,
        at_ms: f64,
        meta: &[f64],
        strings: Vec<String>,
        arrays: Vec<Float64Array>,
        mode: u32,
        previous: &RawEngine,
    ) -> Result<JsValue, JsValue> {
        let split = mode & SPLIT != 0;
        let history = History {
            burndown: mode & NO_BURNDOWN == 0,
            timeline: mode & NO_TIMELINE == 0,
            burn_rates: mode & BURN_RATES != 0,
        };
        let after = (mode & AFTER != 0).then_some(&previous.engine.policy);
        let (mut report, reused) = self.report(at_ms, meta, strings, &arrays, history, after)?;
        let burndowns = match split {
            true => Some(take_burndowns(
                &mut report.slos,
                after.map(|_| &reused[..]),
            )?),
            false => None,
        };
        let json = JsValue::from(fits_a_string(to_json(&report))?);
        Ok(match burndowns {
            Some(burndowns) => js::Array::array_of2(&json, &burndowns),
            None => json,
        })
    }

    fn report(
        &self,
        at_ms: f64,
        meta: &[f64],
        strings: Vec<String>,
        arrays: &[Float64Array],
        history: History,
        previous: Option<&Policy>,
    ) -> Result<(Report, Vec<Option<usize>>), JsValue> {
        let at = instant(at_ms)?;
        let (data, known_clean) =
            columns::decode(meta, strings, arrays).map_err(|e| errors::eval(*e))?;
        self.engine
            .evaluate_known_clean(&data, at, &known_clean, history, previous)
            .map_err(errors::eval)
    }

    /// The policy's warnings, as a JSON array of diagnostics.
    pub fn warnings(&self) -> String {
        json::diagnostics(&self.engine.warnings)
    }

    /// `metadata.name`.
    pub fn name(&self) -> String {
        self.engine.policy.name.clone()
    }

    /// The levels, least severe first, as a JSON array of strings.
    pub fn levels(&self) -> String {
        json::strings(self.engine.policy.levels.iter().map(String::as_str))
    }

    /// The SLO names in document order, as a JSON array of strings.
    #[wasm_bindgen(js_name = sloNames)]
    pub fn slo_names(&self) -> String {
        json::strings(self.engine.policy.slos.iter().map(|s| s.name.as_str()))
    }
}

/// Bits of `evaluateColumns`' `mode` (pkg/lib/engine.js writes them).
const SPLIT: u32 = 1;
const NO_BURNDOWN: u32 = 2;
const NO_TIMELINE: u32 = 4;
const BURN_RATES: u32 = 8;
const AFTER: u32 = 16;

/// `at_ms` as an instant, or a `bad-instant` error.
fn instant(at_ms: f64) -> Result<crate::time::Instant, JsValue> {
    columns::instant(at_ms, &|| "at".to_string())
        .map_err(|m| errors::plain(EvalErrorKind::BadInstant, m))
}

/// The longest string every JavaScript engine holds: V8's limit, 2^29 − 24
/// characters (SpiderMonkey's and JavaScriptCore's are longer).
const MAX_JS_STRING: usize = (1 << 29) - 24;

/// `json`, when JavaScript can hold it as a string. A longer one would fail
/// in the glue with the host's RangeError, which the wrapper must take for a
/// trap; this says what happened instead. UTF-8 bytes bound the characters.
fn fits_a_string(json: String) -> Result<String, JsValue> {
    if json.len() <= MAX_JS_STRING {
        Ok(json)
    } else {
        Err(errors::plain(EvalErrorKind::TooMuchData, format!(
            "the report's JSON is {} bytes, more than a JavaScript string may hold ({MAX_JS_STRING} characters): evaluate() returns it as an object, with the burn-downs as numbers",
            json.len()
        )))
    }
}

/// The burn-downs of `slos`, moved out into one `Float64Array` (see
/// [`RawEngine::evaluate_columns`] with `split`). Written into JS memory a batch
/// at a time, each burn-down freed once copied: with many instances (500
/// points each, 12 KB) the WebAssembly memory never holds them twice.
fn take_burndowns(
    slos: &mut [SloReport],
    reused: Option<&[Option<usize>]>,
) -> Result<Float64Array, JsValue> {
    /// Numbers gathered before each copy into the array (512 KB).
    const BATCH: usize = 1 << 16;
    let header = reused.map_or(0, |r| 1 + r.len());
    let length: usize = header
        + slos
            .iter()
            .map(|s| {
                let (n, k) = (s.burndown.t.len(), s.burndown.burn_rates.len());
                2 + 2 * n + k * n
            })
            .sum::<usize>();
    let length = u32::try_from(length).map_err(|_| {
        errors::plain(
            EvalErrorKind::TooMuchData,
            "the report's burn-downs have more points than a Float64Array holds".to_string(),
        )
    })?;
    let out = Float64Array::new_with_length(length);
    let mut batch: Vec<f64> = Vec::with_capacity(BATCH);
    let mut written = 0;
    let mut flush = |batch: &mut Vec<f64>| {
        // `written + batch.len()` ≤ `length`, a u32.
        let end = written + batch.len() as u32;
        out.subarray(written, end).copy_from(batch);
        written = end;
        batch.clear();
    };
    if let Some(reused) = reused {
        batch.push(reused.len() as f64);
        batch.extend(reused.iter().map(|r| r.map_or(-1.0, |i| i as f64)));
    }
    for slo in slos {
        let burndown = std::mem::take(&mut slo.burndown);
        batch.push(burndown.t.len() as f64);
        // Instants are far below 2^53: exact as numbers.
        batch.extend(burndown.t.iter().map(|&t| t as f64));
        batch.extend(
            burndown
                .remaining_ratio
                .iter()
                .map(|r| r.unwrap_or(f64::NAN)),
        );
        batch.push(burndown.burn_rates.len() as f64);
        // In the order of the report's `burnRates`, whose keys name them.
        for (_, rates) in &burndown.burn_rates {
            batch.extend(rates.iter().map(|r| r.unwrap_or(f64::NAN)));
        }
        if batch.len() >= BATCH {
            flush(&mut batch);
        }
    }
    flush(&mut batch);
    Ok(out)
}

/// Every diagnostic (errors and warnings) of a policy text, as a JSON array,
/// for editors. Never fails: an unusable text is a list of errors.
#[wasm_bindgen]
pub fn validate(text: &str) -> String {
    json::diagnostics(&diagnose(text))
}

/// Traps on purpose. Only for the tests of the wrapper's recovery path (an
/// instance that trapped is replaced); nothing else calls it.
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}
