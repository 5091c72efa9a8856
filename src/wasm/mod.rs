//! The WebAssembly bindings (feature `wasm`, wasm32 only): thin glue between
//! the engine and `pkg/index.js`, the JS wrapper users import as
//! `@slogate/engine`. The wrapper owns the ergonomics (typed arrays in,
//! plain objects out, `SlogateError`, recovery after a trap); this module
//! owns the checks, so that nothing a host passes can make Rust panic.
//!
//! Contract with the wrapper:
//! - [`RawEngine::new`] fails with the CLI's rendering of the policy's
//!   diagnostics (`<policy>:LINE:COL: error: PATH: message`, one a line);
//!   the wrapper then asks [`validate`] for the structured list.
//! - [`RawEngine::evaluate_columns`] returns SPEC §4's report as the exact JSON
//!   `slogate eval --format json` prints (compact: `report::json::to_json`),
//!   or fails with the engine's message (the CLI's, without `error: `).
//! - Structured results other than the report are JSON text too (see
//!   `json`): one string crosses the boundary instead of many JS calls.

mod alloc;
mod columns;
mod json;

pub(crate) use json::format_numbers;

use wasm_bindgen::prelude::*;

use crate::eval::Engine;
use crate::policy::diagnose;
use crate::report::json::to_json;

/// An engine built once from policy text, evaluated many times.
#[wasm_bindgen]
pub struct RawEngine {
    engine: Engine,
}

#[wasm_bindgen]
impl RawEngine {
    /// Parses and validates a policy (YAML or JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<RawEngine, JsError> {
        match Engine::from_text(text) {
            Ok(engine) => Ok(RawEngine { engine }),
            Err(diagnostics) => Err(JsError::new(&diagnostics.render("<policy>"))),
        }
    }

    /// Evaluates at `at_ms` (epoch milliseconds) on the columns described in
    /// `columns`: a header and one `Float64Array` per column, `[times₀,
    /// values₀, times₁, values₁, …]`. Returns the report's compact JSON.
    #[wasm_bindgen(js_name = evaluateColumns)]
    pub fn evaluate_columns(
        &self,
        at_ms: f64,
        meta: &[f64],
        strings: Vec<String>,
        arrays: Vec<js_sys::Float64Array>,
    ) -> Result<String, JsError> {
        Ok(to_json(&self.report(at_ms, meta, &strings, &arrays)?))
    }

    /// Like [`RawEngine::evaluate_columns`], for a wrapper that builds the
    /// report object: `[json, burndowns]`, where the JSON's burn-downs are
    /// empty and `burndowns` holds them all as numbers, per SLO instance in
    /// order `n, t₁…tₙ, r₁…rₙ` (a null ratio as NaN). Five hundred points
    /// per instance are most of the report's text; as numbers they need
    /// neither formatting here nor `JSON.parse` there.
    #[wasm_bindgen(js_name = evaluateColumnsSplit)]
    pub fn evaluate_columns_split(
        &self,
        at_ms: f64,
        meta: &[f64],
        strings: Vec<String>,
        arrays: Vec<js_sys::Float64Array>,
    ) -> Result<js_sys::Array, JsError> {
        let mut report = self.report(at_ms, meta, &strings, &arrays)?;
        let points: usize = report.slos.iter().map(|s| s.burndown.t.len()).sum();
        let mut numbers = Vec::with_capacity(report.slos.len() + 2 * points);
        for slo in &mut report.slos {
            let burndown = std::mem::take(&mut slo.burndown);
            numbers.push(burndown.t.len() as f64);
            // Instants are far below 2^53: exact as numbers.
            numbers.extend(burndown.t.iter().map(|&t| t as f64));
            numbers.extend(
                burndown
                    .remaining_ratio
                    .iter()
                    .map(|r| r.unwrap_or(f64::NAN)),
            );
        }
        let json = JsValue::from(to_json(&report));
        let numbers = js_sys::Float64Array::from(numbers.as_slice());
        Ok(js_sys::Array::of2(&json, &numbers))
    }

    fn report(
        &self,
        at_ms: f64,
        meta: &[f64],
        strings: &[String],
        arrays: &[js_sys::Float64Array],
    ) -> Result<crate::report::model::Report, JsError> {
        let at = columns::instant(at_ms, || "at".to_string()).map_err(|e| JsError::new(&e))?;
        let (data, known_clean) =
            columns::decode(meta, strings, arrays).map_err(|e| JsError::new(&e))?;
        self.engine
            .evaluate_known_clean(&data, at, &known_clean)
            .map_err(|e| JsError::new(&e.message))
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
