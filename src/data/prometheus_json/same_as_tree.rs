//! The streaming parser against the tree parser it replaced (serde_json's
//! `Value`, 14 times the text in memory): on generated responses, valid or
//! broken anywhere, keys in any order and repeated, both give the same
//! series or the same message. The one difference by design: an array or
//! object where a sample's time or value belongs is shown as `[…]` or `{…}`
//! rather than printed whole.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::super::csv::{parse_value, seconds_to_instant};
use super::super::parse_data;
use super::parse_query_range;
use crate::series::Series;

/// Parses a `query_range` response; every series is named `name`, `source`
/// (a file or URL) names the text in messages.
pub fn tree_parse(text: &str, source: &str, name: &str) -> Result<Vec<Series>, String> {
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

/// A JSON text built with its keys in any order, repeated keys included
/// (a `Value` would sort and merge them).
#[derive(Clone, Debug)]
enum J {
    Raw(String),
    Array(Vec<J>),
    Object(Vec<(String, J)>),
}

impl J {
    fn text(&self, out: &mut String, pretty: bool) {
        let sep = if pretty { ",\n " } else { "," };
        match self {
            J::Raw(raw) => out.push_str(raw),
            J::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    item.text(out, pretty);
                }
                out.push(']');
            }
            J::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    out.push_str(&format!("{key:?}: "));
                    value.text(out, pretty);
                }
                out.push('}');
            }
        }
    }
}

fn raw(text: &str) -> J {
    J::Raw(text.to_string())
}

fn scalar() -> impl Strategy<Value = J> {
    prop_oneof![
        Just(raw("null")),
        Just(raw("true")),
        Just(raw("1")),
        Just(raw("-1.5")),
        Just(raw("1700000000.123")),
        Just(raw("1700000000000")),
        Just(raw("1e300")),
        Just(raw("\"success\"")),
        Just(raw("\"matrix\"")),
        Just(raw("\"1.5\"")),
        Just(raw("\"NaN\"")),
        Just(raw("\" +Inf\"")),
        Just(raw("\"abc\"")),
        Just(raw("\"\"")),
        Just(raw("\"é\\u00e9\\n\"")),
    ]
}

/// Any value, small.
fn any_json() -> impl Strategy<Value = J> {
    scalar().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(J::Array),
            prop::collection::vec(("[a-z]{1,2}|values|metric", inner), 0..3).prop_map(J::Object),
        ]
    })
}

/// An object of the given entries, each present or not, shuffled, with
/// now and then one of them twice.
fn json_object(entries: Vec<(&'static str, BoxedStrategy<J>)>) -> impl Strategy<Value = J> {
    let entries: Vec<_> = entries
        .into_iter()
        .map(|(key, value)| {
            prop::option::weighted(0.95, value.prop_map(move |v| (key.to_string(), v)))
        })
        .collect();
    (
        entries,
        any::<prop::sample::Index>(),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(entries, which, twice)| {
            let mut entries: Vec<(String, J)> = entries.into_iter().flatten().collect();
            if twice && !entries.is_empty() {
                let again = entries[which.index(entries.len())].clone();
                entries.push(again);
            }
            entries
        })
        .prop_shuffle()
        .prop_map(J::Object)
}

/// Mostly right, sometimes anything.
fn or_any(right: impl Strategy<Value = J> + 'static) -> BoxedStrategy<J> {
    prop_oneof![12 => right, 1 => any_json()].boxed()
}

fn sample() -> BoxedStrategy<J> {
    let time = or_any(prop_oneof![
        Just(raw("1700000000")),
        Just(raw("1700000060.5")),
        Just(raw("-5"))
    ]);
    let value = or_any(prop_oneof![
        Just(raw("\"1\"")),
        Just(raw("\"NaN\"")),
        Just(raw("2.5")),
        Just(raw("null"))
    ]);
    let pair = (time, value.clone()).prop_map(|(t, v)| J::Array(vec![t, v]));
    let odd = prop::collection::vec(value, 0..4).prop_map(J::Array);
    or_any(prop_oneof![8 => pair, 1 => odd])
}

fn response() -> impl Strategy<Value = J> {
    let labels = or_any(json_object(vec![
        ("__name__", or_any(Just(raw("\"up\"")))),
        ("job", or_any(Just(raw("\"api\"")))),
        ("a", or_any(Just(raw("\"1\"")))),
    ]));
    let series = or_any(json_object(vec![
        ("metric", labels),
        (
            "values",
            or_any(prop::collection::vec(sample(), 0..6).prop_map(J::Array)),
        ),
        ("histograms", any_json().boxed()),
    ]));
    let data = or_any(json_object(vec![
        (
            "resultType",
            or_any(prop_oneof![4 => Just(raw("\"matrix\"")), 1 => Just(raw("\"vector\""))]),
        ),
        (
            "result",
            or_any(prop::collection::vec(series, 0..4).prop_map(J::Array)),
        ),
    ]));
    or_any(json_object(vec![
        (
            "status",
            or_any(prop_oneof![4 => Just(raw("\"success\"")), 1 => Just(raw("\"error\""))]),
        ),
        ("errorType", or_any(Just(raw("\"bad_data\"")))),
        ("error", or_any(Just(raw("\"oops\"")))),
        ("data", data),
    ]))
}

/// What the tree parser said, with its print of an array or object in a
/// sample turned into the streaming parser's `[…]`/`{…}`.
fn shortened(message: String) -> String {
    for what in [" is not a time in epoch seconds", " is not a number"] {
        if let Some(head) = message.strip_suffix(what) {
            if let Some((path, shown)) = head.rsplit_once("]: ") {
                match shown.chars().next() {
                    Some('[') => return format!("{path}]: […]{what}"),
                    Some('{') => return format!("{path}]: {{…}}{what}"),
                    _ => {}
                }
            }
        }
    }
    message
}

fn same(a: &[Series], b: &[Series]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            a.name == b.name
                && a.labels == b.labels
                && a.times == b.times
                && a.step == b.step
                && a.values.len() == b.values.len()
                && a.values
                    .iter()
                    .zip(&b.values)
                    .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
        })
}

#[test]
fn a_truncated_value_says_what_the_tree_parser_said() {
    // Where serde's own skipping of a value says "invalid number".
    let cases = [
        r#"{"a":[-"#,
        r#"{"a":{"b":1e"#,
        r#"{"status":"success","data":{"result":[{"values":[[1,"2"],[-"#,
        r#"{"a":tru"#,
    ];
    for text in cases {
        let want = tree_parse(text, "good.json", "good").unwrap_err();
        assert!(
            want.contains(": invalid JSON: EOF while parsing a value"),
            "{want}"
        );
        assert_eq!(
            parse_query_range(text, "good.json", "good").unwrap_err(),
            want
        );
        assert_eq!(parse_data(text, "good.json", "good").unwrap_err(), want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn streams_as_the_tree_parser_read(
        doc in response(),
        pretty in any::<bool>(),
        cut in prop::option::weighted(0.1, any::<prop::sample::Index>()),
        blank in "[ \n\t\r]{0,3}",
    ) {
        // Leading white space: a file's blank lines are consumed before the
        // parse, and must still count in the place of an error.
        let mut text = blank;
        doc.text(&mut text, pretty);
        if let Some(cut) = cut {
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        // A response body (text in memory) and a file (a reader; CSV unless
        // it starts with `{`).
        let mut streams = vec![parse_query_range(&text, "r.json", "good")];
        if text.trim_start().starts_with('{') {
            streams.push(parse_data(&text, "r.json", "good"));
        }
        for stream in streams {
            match (tree_parse(&text, "r.json", "good"), stream) {
                (Ok(a), Ok(b)) => prop_assert!(same(&a, &b), "{text}\n{a:?}\n{b:?}"),
                (Err(a), Err(b)) => prop_assert_eq!(shortened(a), b, "{}", text),
                (a, b) => prop_assert!(false, "{text}\ntree: {a:?}\nstream: {b:?}"),
            }
        }
    }
}
