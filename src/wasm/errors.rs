//! Errors as they cross into JavaScript: a JS `Error` with the CLI's message
//! and, in its `slogateDetails` property, JSON text of the fields the
//! wrapper puts on its `SlogateError` (`kind`, `series`, `path`, `index`,
//! `available`, `diagnostics`; pkg/lib/errors.js). The kinds of bad data are
//! the engine's ([`EvalErrorKind::as_str`]); a policy that cannot be built
//! is `bad-policy`, with the diagnostics of the one parse that failed.

use wasm_bindgen::JsValue;

use super::json;
use crate::diagnostic::Diagnostics;
use crate::eval::{EvalError, EvalErrorKind};
use crate::platform::js;

/// The property of the thrown `Error` that holds the details' JSON.
const DETAILS: &str = "slogateDetails";

/// A policy that cannot be built: the CLI's rendering as the message, every
/// diagnostic of the parse as `diagnostics`.
pub fn policy(diagnostics: &Diagnostics) -> JsValue {
    let details = format!(
        "{{\"kind\":\"bad-policy\",\"diagnostics\":{}}}",
        json::diagnostics(&diagnostics.0)
    );
    error(&diagnostics.render("<policy>"), details)
}

/// Bad data or a bad instant.
pub fn eval(e: EvalError) -> JsValue {
    let index = e
        .index
        .map_or_else(|| "null".to_string(), |i| i.to_string());
    let details = format!(
        "{{\"kind\":\"{}\",\"series\":{},\"path\":{},\"index\":{index},\"available\":{}}}",
        e.kind.as_str(),
        json::nullable(e.series.as_deref()),
        json::nullable(e.path.as_deref()),
        json::strings(e.available.iter().map(String::as_str))
    );
    error(&e.message, details)
}

/// An error of `kind` with only a message.
pub fn plain(kind: EvalErrorKind, message: String) -> JsValue {
    eval(EvalError::new(kind, message))
}

fn error(message: &str, details: String) -> JsValue {
    let error = js::Error::new(message);
    // Setting a property of a fresh `Error` cannot fail.
    let _ = js::reflect_set(&error, &DETAILS.into(), &details.into());
    error.into()
}
