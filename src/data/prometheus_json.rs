//! Prometheus HTTP API `query_range` responses:
//!
//! ```json
//! {"status":"success","data":{"resultType":"matrix","result":[
//!   {"metric":{"__name__":"up","job":"api"},"values":[[1700000000.123,"1.5"]]}]}}
//! ```
//!
//! One [`Series`] per result; its labels are the `metric` object sorted by
//! key (including `__name__`), which is also the order Prometheus writes. Sample values are strings,
//! as Prometheus writes them (`"NaN"`, `"+Inf"` included); plain JSON
//! numbers are accepted too, for hand-written files. Only `matrix` results
//! are read: an instant query (`vector`) has no history to evaluate.
//!
//! JSON syntax errors carry line and column; errors in the structure carry
//! the JSON path of the offending value (`data.result[2].values[5][1]`).
//!
//! The response is read as a stream, straight into the columns (serde's
//! visitors, no tree of values): memory is the samples' 16 bytes each, not
//! ~14 times the text. The whole text is still read before a structural
//! error is reported, so a syntax error anywhere wins, as it always has;
//! only the sample limit stops the reading early.

mod response;
mod shape;

use std::cell::Cell;
use std::io::{BufReader, Read};

use serde::de::DeserializeSeed;

use super::text::{TextError, TextReader};
use super::{too_many_samples, Limits, RESPONSE_LIMITS};
use crate::series::Series;
use response::{Parse, RootShape};
use shape::Json;

/// Parses a `query_range` response; every series is named `name`, `source`
/// (a file or URL) names the text in messages. The limits are the default
/// ones (a Prometheus response; files are read by [`super::load_file`]).
pub fn parse_query_range(text: &str, source: &str, name: &str) -> Result<Vec<Series>, String> {
    let json = serde_json::Deserializer::from_str(text);
    columns_from(json, 0, source, name, &RESPONSE_LIMITS, "")
}

/// Reads a `query_range` response from `text`, whose first `lines_before`
/// lines (blank) were consumed already. `raise` ends the message of the
/// sample limit (how to raise it, if the user can).
pub(crate) fn read_query_range<R: Read>(
    text: TextReader<R>,
    lines_before: u64,
    source: &str,
    name: &str,
    limits: &Limits,
    raise: &str,
) -> Result<Vec<Series>, String> {
    // serde_json reads a reader byte by byte; std's BufReader does that fast
    // (as fast as from a slice, measured).
    let json = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, text));
    columns_from(json, lines_before, source, name, limits, raise)
}

/// The series of a response, whichever way it is read.
fn columns_from<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    lines_before: u64,
    source: &str,
    name: &str,
    limits: &Limits,
    raise: &str,
) -> Result<Vec<Series>, String> {
    let parse = Parse {
        name,
        budget: Cell::new(limits.max_samples),
        over_at: Cell::new(None),
    };
    let root = Json(RootShape(&parse))
        .deserialize(&mut de)
        .and_then(|root| de.end().map(|()| root));
    let root = match root {
        Ok(root) => root,
        Err(e) => {
            return Err(match parse.over_at.take() {
                Some(path) => format!(
                    "{source}: {path}: {}{raise}",
                    too_many_samples(limits.max_samples)
                ),
                None if e.is_io() => TextError::from_io(std::io::Error::from(e)).render(source, ""),
                None => {
                    let message = e.to_string();
                    // serde_json appends " at line L column C"; the place goes in front.
                    let message = message
                        .rfind(" at line ")
                        .map_or(message.as_str(), |i| &message[..i]);
                    format!(
                        "{source}:{}:{}: invalid JSON: {message}",
                        e.line() as u64 + lines_before,
                        e.column()
                    )
                }
            });
        }
    };
    let at = |path: &str, message: String| format!("{source}: {path}: {message}");
    let root = root.ok_or_else(|| {
        at(
            "(top level)",
            "expected a Prometheus query_range response object".into(),
        )
    })?;
    match root.status.as_deref() {
        Some("success") => {}
        Some("error") => {
            let kind = root.error_type.as_deref().unwrap_or("error");
            let text = root.error.as_deref().unwrap_or("(no message)");
            return Err(format!("{source}: Prometheus error ({kind}): {text}"));
        }
        Some(other) => {
            return Err(at(
                "status",
                format!("\"{other}\" is neither \"success\" nor \"error\""),
            ))
        }
        None => {
            return Err(at(
                "status",
                "missing: is this a Prometheus query_range response?".into(),
            ))
        }
    }
    let data = root
        .data
        .ok_or_else(|| at("data", "missing or not an object".into()))?;
    match data.result_type.as_deref() {
        Some("matrix") => {}
        Some(other) => {
            return Err(at(
                "data.resultType",
                format!("is \"{other}\"; slogate needs a range query's \"matrix\" (use /api/v1/query_range)"),
            ))
        }
        None => return Err(at("data.resultType", "missing".into())),
    }
    data.result
        .ok_or_else(|| at("data.result", "missing or not an array".into()))?
        .map_err(|(path, m)| at(&path, m))
}

#[cfg(test)]
mod same_as_tree;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Series>, String> {
        parse_query_range(text, "good.json", "good")
    }

    #[test]
    fn reads_a_matrix_with_labels_in_order() {
        let text = r#"{"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"repository":"core","__name__":"x","a":"1"},"values":[[1700000000.123,"1.5"],[1700000060,"NaN"],[1700000120,"+Inf"]]},
            {"metric":{},"values":[]}]}}"#;
        let series = parse(text).unwrap();
        assert_eq!(series.len(), 2);
        let s = &series[0];
        assert_eq!(s.name, "good");
        let labels: Vec<(&str, &str)> = s
            .labels
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            labels,
            [("__name__", "x"), ("a", "1"), ("repository", "core")]
        );
        assert_eq!(
            s.times,
            [1_700_000_000_123, 1_700_000_060_000, 1_700_000_120_000]
        );
        assert_eq!(s.values[0], 1.5);
        assert!(s.values[1].is_nan());
        assert_eq!(s.values[2], f64::INFINITY);
        assert!(series[1].times.is_empty());
    }

    #[test]
    fn prometheus_errors_are_shown() {
        let text = r#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \"}\""}"#;
        assert_eq!(
            parse(text).unwrap_err(),
            r#"good.json: Prometheus error (bad_data): 1:5: parse error: unexpected "}""#
        );
    }

    #[test]
    fn every_error_names_the_place() {
        let ok = |result: &str| {
            format!(
                r#"{{"status":"success","data":{{"resultType":"matrix","result":[{result}]}}}}"#
            )
        };
        let cases = [
            ("{\n  \"status\": \"success\",\n  \"data\": ,\n}".to_string(), "good.json:3:11: invalid JSON: expected value"),
            ("[]".to_string(), "good.json: (top level): expected a Prometheus query_range response object"),
            ("{}".to_string(), "good.json: status: missing: is this a Prometheus query_range response?"),
            (r#"{"status":"partial"}"#.to_string(), "good.json: status: \"partial\" is neither \"success\" nor \"error\""),
            (r#"{"status":"success"}"#.to_string(), "good.json: data: missing or not an object"),
            (
                r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.to_string(),
                "good.json: data.resultType: is \"vector\"; slogate needs a range query's \"matrix\" (use /api/v1/query_range)",
            ),
            (r#"{"status":"success","data":{"result":[]}}"#.to_string(), "good.json: data.resultType: missing"),
            (r#"{"status":"success","data":{"resultType":"matrix"}}"#.to_string(), "good.json: data.result: missing or not an array"),
            (ok("1"), "good.json: data.result[0]: expected an object with metric and values"),
            (ok(r#"{"metric":[]}"#), "good.json: data.result[0].metric: expected an object of labels"),
            (ok(r#"{"metric":{"a":1}}"#), "good.json: data.result[0].metric.a: a label value must be a string"),
            (ok(r#"{"metric":{}}"#), "good.json: data.result[0].values: missing"),
            (
                ok(r#"{"metric":{},"histograms":[]}"#),
                "good.json: data.result[0].values: native histogram samples are not supported: query a rate or a ratio instead",
            ),
            (ok(r#"{"values":{}}"#), "good.json: data.result[0].values: expected an array of [time, \"value\"]"),
            (ok(r#"{"values":[[1,"1"],[2]]}"#), "good.json: data.result[0].values[1]: expected [time, \"value\"]"),
            (ok(r#"{"values":[["1","1"]]}"#), "good.json: data.result[0].values[0][0]: \"1\" is not a time in epoch seconds"),
            (ok(r#"{"values":[[1700000000000,"1"]]}"#), "good.json: data.result[0].values[0][0]: 1700000000000 is not a time in epoch seconds"),
            (ok(r#"{"values":[[1,"abc"]]}"#), "good.json: data.result[0].values[0][1]: \"abc\" is not a number"),
            (ok(r#"{"values":[[1,true]]}"#), "good.json: data.result[0].values[0][1]: true is not a number"),
        ];
        for (text, want) in cases {
            assert_eq!(parse(&text).unwrap_err(), want, "{text}");
        }
    }

    #[test]
    fn repeated_keys_keep_the_last_and_keys_come_in_any_order() {
        let text = r#"{"data":{"result":[{"values":[[1,"x"]],"metric":{"b":"2","a":1,"a":"1"},"values":[[1,"5"]]}],"resultType":"vector","resultType":"matrix"},"status":"error","status":"success"}"#;
        let s = &parse(text).unwrap()[0];
        assert_eq!(s.values, [5.0]);
        assert_eq!(
            s.labels,
            [("a".into(), "1".into()), ("b".into(), "2".into())]
        );
    }

    #[test]
    fn the_string_null_is_a_missing_value_too() {
        let text = r#"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,"null"],[2,"1"]]}]}}"#;
        let s = &parse(text).unwrap()[0];
        assert!(s.values[0].is_nan());
    }

    #[test]
    fn numbers_and_nulls_are_accepted_as_values() {
        let text = r#"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,2.5],[2,null]]}]}}"#;
        let s = &parse(text).unwrap()[0];
        assert_eq!(s.values[0], 2.5);
        assert!(s.values[1].is_nan());
    }
}
