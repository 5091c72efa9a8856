//! Data files and Prometheus, for the native CLI (feature `cli`).
//!
//! The formats' rules are docs/data.md's. The browser's readers
//! (`@slogate/engine/data`, pkg/lib/data/) follow the same document, and
//! pkg/test/data-parity.test.mjs checks that both read every file alike: a
//! change here is a change there.
//!
//! Two file formats, told apart by their content (not their extension):
//! - a Prometheus HTTP API `query_range` response (JSON whose first
//!   character is `{`), one [`Series`] per result, labels from `metric`;
//! - CSV `time,value` (see [`csv`]), one [`Series`].
//!
//! [`prometheus::Client::query_range`] asks a Prometheus server directly and reads
//! its answer with the same parser as files. Every error names its source
//! and, where there is one, the place: `good.csv:17:5: …`.
//!
//! Files are read as streams ([`text::TextReader`]: UTF-8 checked, a size
//! limit) straight into columns, never whole: memory is the samples (16
//! bytes each), and [`Limits`] bounds it.

pub mod csv;
pub mod prometheus;
pub mod prometheus_json;
pub mod text;

use std::io::{BufRead, Read};
use std::path::Path;

use crate::series::Series;
use text::{thousands, Limit, TextError, TextReader};

/// What a data file (or a Prometheus response) may hold before slogate
/// refuses it, so that a wrong file or an endless stream ends in a message
/// rather than in exhausted memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Bytes of a data file.
    pub max_bytes: u64,
    /// Samples of a data file or response: 16 bytes of memory each. A
    /// series counts as 10 samples and a label as 7 and one per 16 bytes
    /// of its text, what their memory would hold.
    pub max_samples: u64,
}

/// 1 GiB, 50 M samples (800 MB of columns): 2.5 times the 340 MB, 20 M
/// sample response of issue 7; a year of one series at a 1-second step is
/// 31.5 M samples.
pub const DEFAULT_LIMITS: Limits = Limits {
    max_bytes: 1 << 30,
    max_samples: 50_000_000,
};

/// Prometheus responses: the defaults ([`prometheus`] limits the body's
/// bytes itself).
pub(crate) const RESPONSE_LIMITS: Limits = DEFAULT_LIMITS;

impl Default for Limits {
    fn default() -> Limits {
        DEFAULT_LIMITS
    }
}

impl Limits {
    fn text_limit(&self) -> Limit {
        Limit {
            bytes: self.max_bytes,
            note: ", the limit for a data file (raise it with --max-data-size)",
        }
    }
}

/// A policy document: far above any real one (the largest example is
/// 11 KB; a thousand SLOs fit in 1 MiB), and small enough that a wrong
/// file (a log, `/dev/zero`) is refused at once.
pub const POLICY_LIMIT: Limit = Limit {
    bytes: 1 << 20,
    note: ", the limit for a policy document",
};

/// Reads a policy document (UTF-8, at most [`POLICY_LIMIT`]); an error
/// reads like the policy's diagnostics: `FILE:LINE:COL: error: …`.
pub fn read_policy(file: &str) -> Result<String, String> {
    text::read_text_file(Path::new(file), POLICY_LIMIT).map_err(|e| e.render(file, "error: "))
}

/// What a file over the sample limit is told (before how to raise it).
fn too_many_samples(max: u64) -> String {
    format!(
        "more than {} samples, the limit per data file (series and labels count by their memory)",
        thousands(max)
    )
}

const RAISE_SAMPLES: &str = ": raise it with --max-samples";

/// Reads a data file and names every series in it `name` (the name the
/// policy refers to, e.g. `good`).
pub fn load_file(path: &Path, name: &str, limits: &Limits) -> Result<Vec<Series>, String> {
    let file = path.display().to_string();
    let reader = std::fs::File::open(path).map_err(|e| format!("{file}: cannot read: {e}"))?;
    read_data(reader, &file, name, limits)
}

/// Parses the text of a data file (default limits); `source` names it in messages.
pub fn parse_data(text: &str, source: &str, name: &str) -> Result<Vec<Series>, String> {
    read_data(text.as_bytes(), source, name, &DEFAULT_LIMITS)
}

/// Reads a data file from `reader`; `source` names it in messages.
pub fn read_data(
    reader: impl Read,
    source: &str,
    name: &str,
    limits: &Limits,
) -> Result<Vec<Series>, String> {
    let mut text = TextReader::new(reader, limits.text_limit());
    let (json, blank_lines) = sniff(&mut text).map_err(|e| e.render(source, ""))?;
    if json {
        prometheus_json::read_query_range(text, blank_lines, source, name, limits, RAISE_SAMPLES)
    } else {
        csv::read_csv(
            text,
            blank_lines,
            source,
            name,
            limits.max_samples,
            RAISE_SAMPLES,
        )
        .map(|s| vec![s])
    }
}

/// Consumes the blank lines at the start; says whether the first other
/// character is `{` (JSON), and how many lines were consumed.
fn sniff<R: Read>(text: &mut TextReader<R>) -> Result<(bool, u64), TextError> {
    let mut lines = 0;
    loop {
        let available = text.fill_buf().map_err(TextError::from_io)?;
        // The reader hands out whole characters only.
        let Ok(available) = std::str::from_utf8(available) else {
            return Ok((false, lines));
        };
        if available.is_empty() {
            return Ok((false, lines));
        }
        let mut blank = 0;
        let mut first = None;
        for (i, c) in available.char_indices() {
            if c == '\n' {
                blank = i + 1;
                lines += 1;
            } else if !c.is_whitespace() {
                first = Some(c);
                break;
            }
        }
        text.consume(blank);
        if let Some(c) = first {
            return Ok((c == '{', lines));
        }
        // Spaces of an unfinished line fill what is left: read on behind
        // them (a line of 64 KiB of spaces is no JSON file; CSV refuses it).
        if blank == 0 && !text.read_more().map_err(TextError::from_io)? {
            return Ok((false, lines));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_format_by_content() {
        let prom = r#"  {"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"]]}]}}"#;
        assert_eq!(parse_data(prom, "f", "good").unwrap()[0].values, [2.0]);
        let csv = "\u{feff}time,value\n1,2\n";
        assert_eq!(parse_data(csv, "f", "good").unwrap()[0].times, [1000]);
    }

    #[test]
    fn load_file_names_the_file() {
        let dir = std::env::temp_dir().join(format!("slogate-data-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("good.csv");
        std::fs::write(&path, "1,1\n2,x\n").unwrap();
        let err = load_file(&path, "good", &DEFAULT_LIMITS).unwrap_err();
        assert_eq!(
            err,
            format!("{}:2:3: \"x\" is not a number", path.display())
        );
        std::fs::write(&path, b"1,1\n2,\xff\n").unwrap();
        assert_eq!(
            load_file(&path, "good", &DEFAULT_LIMITS).unwrap_err(),
            format!(
                "{}:2:3: not UTF-8 text (byte 0xFF): save the file as UTF-8",
                path.display()
            )
        );
        let missing = dir.join("missing.csv");
        assert!(load_file(&missing, "good", &DEFAULT_LIMITS)
            .unwrap_err()
            .starts_with(&format!("{}: cannot read: ", missing.display())));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
