//! Diagnostics: what is wrong with a policy document, and where.
//!
//! Every diagnostic has a 1-based line and column when it refers to a place in
//! the document, and a field path (`spec.slos[0].objective`) when it refers to
//! a field. Renderings: `FILE:LINE:COL: error: message` for terminals and CI
//! logs (see [`Diagnostic::render`]); the WebAssembly API hands the same fields
//! to editors.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The document is still usable; something in it is probably a mistake.
    Warning,
    /// The document cannot be used.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a source text, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

/// One finding about a policy document.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Where in the text; `None` only for findings about the document as a whole.
    pub location: Option<Location>,
    /// The field the finding is about, e.g. `spec.slos[0].objective`; may be empty.
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        location: Option<Location>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn warning(
        location: Option<Location>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            path: path.into(),
            message: message.into(),
        }
    }

    /// `FILE:LINE:COL: error: PATH: message`, the form compilers and editors understand.
    pub fn render(&self, file: &str) -> String {
        let place = match self.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.to_string(),
        };
        if self.path.is_empty() {
            format!("{place}: {}: {}", self.severity.as_str(), self.message)
        } else {
            format!(
                "{place}: {}: {}: {}",
                self.severity.as_str(),
                self.path,
                self.message
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<policy>"))
    }
}

/// Every diagnostic of a document that could not be used (at least one error).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn render(&self, file: &str) -> String {
        let rendered: Vec<String> = self.0.iter().map(|d| d.render(file)).collect();
        crate::join::join(&rendered, "\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<policy>"))
    }
}

impl std::error::Error for Diagnostics {}
