//! Data files and Prometheus, for the native CLI (feature `cli`).
//!
//! Two file formats, told apart by their content (not their extension):
//! - a Prometheus HTTP API `query_range` response (JSON whose first
//!   character is `{`), one [`Series`] per result, labels from `metric`;
//! - CSV `time,value` (see [`csv`]), one [`Series`].
//!
//! [`prometheus::query_range`] asks a Prometheus server directly and reads
//! its answer with the same parser as files. Every error names its source
//! and, where there is one, the place: `good.csv:17:5: …`.

pub mod csv;
pub mod prometheus;
pub mod prometheus_json;
pub mod text;

use std::path::Path;

use crate::series::Series;
use text::Limit;

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

/// Reads a data file and names every series in it `name` (the name the
/// policy refers to, e.g. `good`).
pub fn load_file(path: &Path, name: &str) -> Result<Vec<Series>, String> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&String::from_utf8_lossy(
            &e.as_bytes()[..e.utf8_error().valid_up_to()],
        ));
        format!("{file}:{line}:{column}: not UTF-8 text")
    })?;
    parse_data(&text, &file, name)
}

/// Parses the text of a data file; `source` names it in messages.
pub fn parse_data(text: &str, source: &str, name: &str) -> Result<Vec<Series>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        prometheus_json::parse_query_range(text, source, name)
    } else {
        csv::parse_csv(text, source, name).map(|s| vec![s])
    }
}

/// The 1-based line and column just after `prefix`.
fn line_column(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
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
        let err = load_file(&path, "good").unwrap_err();
        assert_eq!(
            err,
            format!("{}:2:3: \"x\" is not a number", path.display())
        );
        std::fs::write(&path, b"1,1\n2,\xff\n").unwrap();
        assert_eq!(
            load_file(&path, "good").unwrap_err(),
            format!("{}:2:3: not UTF-8 text", path.display())
        );
        let missing = dir.join("missing.csv");
        assert!(load_file(&missing, "good")
            .unwrap_err()
            .starts_with(&format!("{}: cannot read: ", missing.display())));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
