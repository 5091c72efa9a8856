//! Reading the SLO documents teams already have: OpenSLO (`openslo/v1`)
//! and Sloth (`prometheus/v1`, `sloth.slok.dev/v1`), told apart from
//! slogate's own format by their version key.
//!
//! An imported document becomes slogate policy text ([`convert`], what
//! `slogate convert` prints), which is then parsed as any policy is. Every
//! line of that text remembers the place in the user's file it came from,
//! so a diagnostic about the converted policy (an objective out of range,
//! say) points at the user's own line and column. What the source format
//! can say and slogate cannot is an error naming it; what slogate leaves to
//! other tools (notification targets, alert labels) is a warning.
//! docs/import.md maps every field.

mod openslo;
mod read;
mod sloth;
mod write;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::policy::yaml;
use crate::policy::{Parsed, Policy};

pub use write::Converted;

/// A document format slogate reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Slogate,
    OpenSlo,
    /// Sloth's `prometheus/v1` spec.
    Sloth,
    /// Sloth's Kubernetes resource, `sloth.slok.dev/v1` `PrometheusServiceLevel`.
    SlothKubernetes,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Slogate => "slogate (slogate/v1)",
            Format::OpenSlo => "OpenSLO (openslo/v1)",
            Format::Sloth => "Sloth (prometheus/v1)",
            Format::SlothKubernetes => "Sloth (sloth.slok.dev/v1 PrometheusServiceLevel)",
        }
    }
}

/// The format of `text`, from the first document's `apiVersion` or
/// `version`: slogate's own unless it names OpenSLO or Sloth (a document
/// that names nothing is left to slogate's parser to explain).
pub fn detect(text: &str) -> Format {
    let Ok(docs) = yaml::parse_stream(text) else {
        return Format::Slogate;
    };
    let Some(first) = docs.first() else {
        return Format::Slogate;
    };
    match (
        read::key_text(first, "apiVersion"),
        read::key_text(first, "version"),
    ) {
        (Some(v), _) if v.starts_with("openslo/") => Format::OpenSlo,
        (Some(v), _) if v.starts_with("sloth.slok.dev/") => Format::SlothKubernetes,
        (None, Some(v)) if v.starts_with("prometheus/") => Format::Sloth,
        _ => Format::Slogate,
    }
}

/// `text` (OpenSLO or Sloth) as slogate policy text; `Ok(None)` when it is
/// slogate's own format. Errors and warnings point into `text`.
pub fn convert(text: &str) -> Result<Option<Converted>, Diagnostics> {
    let format = detect(text);
    if format == Format::Slogate {
        return Ok(None);
    }
    let docs = yaml::parse_stream(text).map_err(|d| Diagnostics(vec![d]))?;
    let mut r = read::Reader::default();
    let policy = match format {
        Format::OpenSlo => openslo::read(&docs, &mut r),
        Format::Sloth | Format::SlothKubernetes => sloth::read(&docs, format, &mut r),
        Format::Slogate => unreachable!("handled above"),
    };
    match policy {
        Some(policy) if !r.has_errors() => {
            let mut converted = write::write(&policy, format);
            converted.warnings = r.diagnostics;
            Ok(Some(converted))
        }
        _ => Err(Diagnostics(r.sorted())),
    }
}

/// A policy in any format slogate reads: its own (as [`Policy::parse`]), or
/// OpenSLO or Sloth, converted; diagnostics of either point into `text`.
pub fn parse(text: &str) -> Result<(Parsed, Format), Diagnostics> {
    let format = detect(text);
    let Some(converted) = convert(text)? else {
        return Policy::parse(text).map(|p| (p, format));
    };
    let relocate = |d: Diagnostic| converted.relocate(d);
    match Policy::parse(&converted.text) {
        Ok(mut parsed) => {
            let mut warnings = converted.warnings.clone();
            warnings.extend(parsed.warnings.into_iter().map(relocate));
            sort(&mut warnings);
            parsed.warnings = warnings;
            Ok((parsed, format))
        }
        Err(Diagnostics(all)) => {
            let mut all: Vec<Diagnostic> = all.into_iter().map(relocate).collect();
            all.extend(converted.warnings.iter().cloned());
            sort(&mut all);
            Err(Diagnostics(all))
        }
    }
}

/// Every diagnostic of `text` in any format, as [`crate::policy::diagnose`].
pub fn diagnose(text: &str) -> Vec<Diagnostic> {
    match parse(text) {
        Ok((parsed, _)) => parsed.warnings,
        Err(Diagnostics(all)) => all,
    }
}

fn sort(all: &mut [Diagnostic]) {
    all.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
}

/// Whether `all` holds an error.
pub fn has_error(all: &[Diagnostic]) -> bool {
    all.iter().any(|d| d.severity == Severity::Error)
}

#[cfg(test)]
mod tests;
