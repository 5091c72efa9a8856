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

use serde_json::{Map, Value};

use super::csv::{parse_value, seconds_to_instant};
use crate::series::Series;

/// Parses a `query_range` response; every series is named `name`, `source`
/// (a file or URL) names the text in messages.
pub fn parse_query_range(text: &str, source: &str, name: &str) -> Result<Vec<Series>, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; the place goes in front.
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        format!(
            "{source}:{}:{}: invalid JSON: {message}",
            e.line(),
            e.column()
        )
    })?;
    let at = |path: &str, message: String| format!("{source}: {path}: {message}");
    let root = object(&root).ok_or_else(|| {
        at(
            "(top level)",
            "expected a Prometheus query_range response object".into(),
        )
    })?;
    match root.get("status").and_then(Value::as_str) {
        Some("success") => {}
        Some("error") => {
            let kind = root
                .get("errorType")
                .and_then(Value::as_str)
                .unwrap_or("error");
            let text = root
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("(no message)");
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
        .get("data")
        .and_then(object)
        .ok_or_else(|| at("data", "missing or not an object".into()))?;
    match data.get("resultType").and_then(Value::as_str) {
        Some("matrix") => {}
        Some(other) => {
            return Err(at(
                "data.resultType",
                format!("is \"{other}\"; slogate needs a range query's \"matrix\" (use /api/v1/query_range)"),
            ))
        }
        None => return Err(at("data.resultType", "missing".into())),
    }
    let results = data
        .get("result")
        .and_then(Value::as_array)
        .ok_or_else(|| at("data.result", "missing or not an array".into()))?;
    results
        .iter()
        .enumerate()
        .map(|(i, result)| {
            parse_result(result, &format!("data.result[{i}]"), name)
                .map_err(|(path, m)| at(&path, m))
        })
        .collect()
}

/// An error: the JSON path and what is wrong there.
type PathError = (String, String);

fn object(v: &Value) -> Option<&Map<String, Value>> {
    v.as_object()
}

fn parse_result(result: &Value, path: &str, name: &str) -> Result<Series, PathError> {
    let err = |p: String, m: &str| (p, m.to_string());
    let result = object(result).ok_or_else(|| {
        err(
            path.to_string(),
            "expected an object with metric and values",
        )
    })?;
    let mut labels = Vec::new();
    if let Some(metric) = result.get("metric") {
        let metric = object(metric)
            .ok_or_else(|| err(format!("{path}.metric"), "expected an object of labels"))?;
        for (k, v) in metric {
            let v = v.as_str().ok_or_else(|| {
                err(
                    format!("{path}.metric.{k}"),
                    "a label value must be a string",
                )
            })?;
            labels.push((k.clone(), v.to_string()));
        }
    }
    let Some(values) = result.get("values") else {
        let why = if result.contains_key("histograms") {
            "native histogram samples are not supported: query a rate or a ratio instead"
        } else {
            "missing"
        };
        return Err(err(format!("{path}.values"), why));
    };
    let values = values.as_array().ok_or_else(|| {
        err(
            format!("{path}.values"),
            "expected an array of [time, \"value\"]",
        )
    })?;
    let mut series = Series {
        name: name.to_string(),
        labels,
        ..Series::default()
    };
    series.times.reserve(values.len());
    series.values.reserve(values.len());
    for (j, sample) in values.iter().enumerate() {
        let here = format!("{path}.values[{j}]");
        let pair = sample
            .as_array()
            .filter(|a| a.len() == 2)
            .ok_or_else(|| err(here.clone(), "expected [time, \"value\"]"))?;
        let time = pair[0]
            .as_f64()
            .and_then(seconds_to_instant)
            .ok_or_else(|| {
                (
                    format!("{here}[0]"),
                    format!("{} is not a time in epoch seconds", pair[0]),
                )
            })?;
        let value = match &pair[1] {
            Value::String(s) => parse_value(s.trim()).map_err(|m| (format!("{here}[1]"), m))?,
            Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
            Value::Null => f64::NAN,
            other => return Err((format!("{here}[1]"), format!("{other} is not a number"))),
        };
        series.times.push(time);
        series.values.push(value);
    }
    Ok(series)
}

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
    fn numbers_and_nulls_are_accepted_as_values() {
        let text = r#"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,2.5],[2,null]]}]}}"#;
        let s = &parse(text).unwrap()[0];
        assert_eq!(s.values[0], 2.5);
        assert!(s.values[1].is_nan());
    }
}
