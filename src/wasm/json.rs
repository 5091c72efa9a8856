//! The little JSON the bindings write besides the report: diagnostics,
//! lists of names, the data plan and the details of errors. Written by hand
//! because serde_json stays out of the WebAssembly build (it would add
//! ~77 KB); the JS wrapper `JSON.parse`s it.

use crate::diagnostic::Diagnostic;
use crate::eval::plan::DataPlan;
use crate::report::json::string_literal as string;

/// A string literal, or `null`.
pub fn nullable(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_string(), string)
}

/// `["a","b"]`
pub fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    // Written into one string, here and in `diagnostics`: a Vec of the items
    // then joined costs a collect and its helpers in the WebAssembly module.
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&string(item));
    }
    out.push(']');
    out
}

/// `[{"line":3,"column":5,"severity":"error","message":"…","path":"…"}]`;
/// `line` and `column` are `null` for findings about the whole document.
pub fn diagnostics(all: &[Diagnostic]) -> String {
    let mut out = String::from("[");
    for (i, d) in all.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let (line, column) = match d.location {
            Some(l) => (l.line.to_string(), l.column.to_string()),
            None => ("null".to_string(), "null".to_string()),
        };
        out.push_str(&format!(
            "{{\"line\":{line},\"column\":{column},\"severity\":{},\"message\":{},\"path\":{}}}",
            string(d.severity.as_str()),
            string(&d.message),
            string(&d.path)
        ));
    }
    out.push(']');
    out
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
