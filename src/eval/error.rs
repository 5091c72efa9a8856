//! What can be wrong with the data an evaluation is handed, in terms a host
//! can point at: which series, where the policy names it, which sample.

use std::fmt;

/// The kind of an [`EvalError`]; [`EvalErrorKind::as_str`] is the name the
/// JSON and JavaScript sides use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// The policy names a series the data does not have
    /// ([`EvalError::series`], [`EvalError::path`], [`EvalError::available`]).
    MissingSeries,
    /// A series the engine cannot read: columns of different lengths, a bad
    /// step, a time outside the supported range, events that overflow, a
    /// gauge where events are counted ([`EvalError::series`], and
    /// [`EvalError::index`] when one sample is at fault).
    BadSeries,
    /// The evaluation instant is outside the supported range.
    BadInstant,
    /// More data than the engine takes in one evaluation.
    TooMuchData,
}

impl EvalErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvalErrorKind::MissingSeries => "missing-series",
            EvalErrorKind::BadSeries => "bad-series",
            EvalErrorKind::BadInstant => "bad-instant",
            EvalErrorKind::TooMuchData => "too-much-data",
        }
    }
}

/// Something wrong with the data handed to an evaluation. `message` says
/// it in full (the CLI prints it); the other fields say it for a host that
/// points at the place (a Grafana panel: "query B returned no series for
/// `total`").
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub kind: EvalErrorKind,
    /// The series concerned, by the name the policy refers to it by.
    pub series: Option<String>,
    /// Where the policy names it, e.g. `spec.slos[0].sli.ratio.total`.
    pub path: Option<String>,
    /// The sample at fault, as an index into the series' columns as given.
    pub index: Option<usize>,
    /// For a missing series: the names the data has, sorted, each once.
    pub available: Vec<String>,
    pub message: String,
}

impl EvalError {
    pub(crate) fn new(kind: EvalErrorKind, message: impl Into<String>) -> EvalError {
        EvalError {
            kind,
            series: None,
            path: None,
            index: None,
            available: Vec::new(),
            message: message.into(),
        }
    }

    /// A [`EvalErrorKind::BadSeries`] error about `series`.
    pub(crate) fn bad_series(series: &str, message: impl Into<String>) -> EvalError {
        EvalError {
            series: Some(series.to_string()),
            ..EvalError::new(EvalErrorKind::BadSeries, message)
        }
    }

    pub(crate) fn at_path(mut self, path: &str) -> EvalError {
        self.path = Some(path.to_string());
        self
    }

    pub(crate) fn at_index(mut self, index: Option<usize>) -> EvalError {
        self.index = index;
        self
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvalError {}
