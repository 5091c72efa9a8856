//! The little JSON the bindings write besides the report: diagnostics,
//! lists of names, the data plan and the details of errors. Written by hand because serde_json stays out of the
//! WebAssembly build (it would add ~77 KB); the JS wrapper `JSON.parse`s it.

use wasm_bindgen::JsCast;

use crate::diagnostic::Diagnostic;
use crate::eval::plan::DataPlan;
use crate::report::json::string_literal as string;

/// `numbers` as JS `Number::prototype.toString` writes them, joined by
/// commas, by one call per batch of a million: `Float64Array.prototype.join`
/// converts each element with it (the report's numbers, see
/// `report::json`). In batches, so that no joined string comes near the
/// longest a JavaScript engine holds (2^29 − 24 characters in V8; a
/// number is at most 25): the whole text is assembled here, and a report
/// too long for JavaScript is refused with a message, not a RangeError.
pub fn format_numbers(numbers: &[f64]) -> String {
    const BATCH: usize = 1 << 20;
    let mut out = String::new();
    for (i, batch) in numbers.chunks(BATCH).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let array = js_sys::Float64Array::from(batch);
        // `join` is generic: the glue calls the typed array's own `join`.
        out.push_str(&String::from(
            array.unchecked_ref::<js_sys::Array>().join(","),
        ));
    }
    out
}

/// A string literal, or `null`.
pub fn nullable(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_string(), string)
}

/// `["a","b"]`
pub fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(string).collect();
    format!("[{}]", items.join(","))
}

/// `[{"line":3,"column":5,"severity":"error","message":"…","path":"…"}]`;
/// `line` and `column` are `null` for findings about the whole document.
pub fn diagnostics(all: &[Diagnostic]) -> String {
    let items: Vec<String> = all
        .iter()
        .map(|d| {
            let (line, column) = match d.location {
                Some(l) => (l.line.to_string(), l.column.to_string()),
                None => ("null".to_string(), "null".to_string()),
            };
            format!(
                "{{\"line\":{line},\"column\":{column},\"severity\":{},\"message\":{},\"path\":{}}}",
                string(d.severity.as_str()),
                string(&d.message),
                string(&d.path)
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// The data plan, its instants in epoch milliseconds (as the burn-down's
/// `t`), its step as `stepMs` (as a series' `stepMs`):
/// `{"at":…,"series":[{"name":…,"query":…|null,"kind":…,"path":…,
/// "labels":[…],"start":…,"end":…,"stepMs":…}]}`.
pub fn plan(plan: &DataPlan) -> String {
    let mut out = format!("{{\"at\":{},\"series\":[", plan.at);
    for (i, s) in plan.series.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out += &format!(
            "{{\"name\":{},\"query\":{},\"kind\":\"{}\",\"path\":{},\"labels\":{},\"start\":{},\"end\":{},\"stepMs\":{}}}",
            string(&s.name),
            nullable(s.query.as_deref()),
            s.kind.as_str(),
            string(&s.path),
            strings(s.labels.iter().map(String::as_str)),
            s.start,
            s.end,
            s.step
        );
    }
    out + "]}"
}
