//! The data loaders take whatever a file holds: arbitrary text, near-miss
//! CSV and near-miss Prometheus JSON give an error or series, never a panic.
#![cfg(feature = "cli")]

use proptest::prelude::*;
use slogate::data::parse_data;

/// Pieces that CSV and Prometheus responses are made of, so generated text
/// gets past the first check often.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("time,value\n".to_string()),
        Just("2026-02-01T00:00:00Z".to_string()),
        Just("1700000000.5".to_string()),
        Just("-9e99".to_string()),
        Just("NaN".to_string()),
        Just("+Inf".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\"".to_string()),
        Just(r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1,"1"]"#.to_string()),
        Just(r#"]}]}}"#.to_string()),
        Just(r#"[1e300,"x"],"#.to_string()),
        Just(r#"{"status":"error","errorType":"bad_data","error":"x"}"#.to_string()),
        "[ -~]{0,12}",
        "\\PC{0,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn loaders_return_errors_not_panics(parts in prop::collection::vec(fragment(), 0..24)) {
        let text: String = parts.concat();
        match parse_data(&text, "data.csv", "good") {
            Ok(series) => {
                for s in series {
                    prop_assert_eq!(s.times.len(), s.values.len());
                    prop_assert_eq!(s.name.as_str(), "good");
                }
            }
            Err(message) => prop_assert!(message.starts_with("data.csv"), "{}", message),
        }
    }
}
