//! The arithmetic: SPEC §2–3. OWNER: lead.

use std::fmt;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::policy::Policy;
use crate::report::Report;
use crate::series::DataSet;
use crate::time::Instant;

/// Something wrong with the data handed to an evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub message: String,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvalError {}

/// A policy made ready to evaluate many times.
#[derive(Clone, Debug)]
pub struct Engine {
    pub policy: Policy,
    pub warnings: Vec<Diagnostic>,
}

impl Engine {
    pub fn from_text(text: &str) -> Result<Engine, Diagnostics> {
        let parsed = Policy::parse(text)?;
        Ok(Engine { policy: parsed.policy, warnings: parsed.warnings })
    }

    /// Evaluates the policy at instant `at` on `data`.
    pub fn evaluate(&self, data: &DataSet, at: Instant) -> Result<Report, EvalError> {
        let _ = (data, at);
        todo!("lead")
    }
}
