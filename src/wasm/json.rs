//! The little JSON the bindings write besides the report: diagnostics and
//! lists of names. Written by hand because serde_json stays out of the
//! WebAssembly build (it would add ~77 KB); the JS wrapper `JSON.parse`s it.

use crate::diagnostic::Diagnostic;
use crate::report::json::string_literal as string;

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
