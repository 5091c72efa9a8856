//! The parts of a `query_range` response, read straight into columns:
//! each part is a [`Shape`] whose result carries the part's first error
//! (a JSON path and a message) as a value, so that the reading goes on and
//! a later syntax error still wins; the sample budget alone stops it.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess};

use super::shape::{shown_array, shown_object, skip_array, Json, Scalar, Shape, Skip, Text};
use crate::data::csv::{parse_value, seconds_to_instant};
use crate::series::Series;
use crate::time::Instant;

/// An error in the structure: the JSON path and what is wrong there. They
/// are values, not serde errors, so that the reading goes on to the end
/// (a syntax error later in the text is reported first, as it always was).
pub(super) type PathError = (String, String);
pub(super) type Checked<T> = Result<T, PathError>;

/// What the whole parse shares: the series' name and the sample budget.
pub(super) struct Parse<'a> {
    pub(super) name: &'a str,
    /// Samples still allowed; a series and a label cost what their memory
    /// holds of samples ([`SERIES_COST`], [`label_cost`]).
    pub(super) budget: Cell<u64>,
    /// Where the budget ran out (the serde error only stops the reading).
    pub(super) over_at: Cell<Option<String>>,
}

/// A [`Series`] with its name takes about 150 bytes: 10 samples' worth.
const SERIES_COST: u64 = 10;

/// A label: two `String`s (48 bytes) and their two allocations (≥ 32
/// bytes each), then its text.
fn label_cost(key: &str, value: Option<&str>) -> u64 {
    7 + (key.len() + value.map_or(0, str::len)) as u64 / 16
}

impl Parse<'_> {
    /// Takes `cost` from the budget, or says where it ran out.
    fn spend<E: de::Error>(&self, cost: u64, place: impl FnOnce() -> String) -> Result<(), E> {
        match self.budget.get().checked_sub(cost) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => {
                self.over_at.set(Some(place()));
                Err(E::custom("over the sample limit"))
            }
        }
    }
}

/// The top-level object's fields (the last of a repeated key wins).
pub(super) struct RootFields {
    pub(super) status: Option<String>,
    pub(super) error_type: Option<String>,
    pub(super) error: Option<String>,
    /// `None`: missing or not an object.
    pub(super) data: Option<DataFields>,
}

/// `None` when the top level is not an object.
pub(super) struct RootShape<'p>(pub(super) &'p Parse<'p>);

impl<'de> Shape<'de> for RootShape<'_> {
    type Out = Option<RootFields>;
    fn other(self) -> Self::Out {
        None
    }
    fn object<A: MapAccess<'de>>(self, mut object: A) -> Result<Self::Out, A::Error> {
        let mut root = RootFields {
            status: None,
            error_type: None,
            error: None,
            data: None,
        };
        while let Some(key) = object.next_key::<String>()? {
            match key.as_str() {
                "status" => root.status = object.next_value_seed(Json(Text))?,
                "errorType" => root.error_type = object.next_value_seed(Json(Text))?,
                "error" => root.error = object.next_value_seed(Json(Text))?,
                "data" => {
                    root.data.take();
                    root.data = object.next_value_seed(Json(DataShape(self.0)))?;
                }
                _ => {
                    object.next_value_seed(Json(Skip))?;
                }
            }
        }
        Ok(Some(root))
    }
}

pub(super) struct DataFields {
    pub(super) result_type: Option<String>,
    /// `None`: missing or not an array.
    pub(super) result: Option<Checked<Vec<Series>>>,
}

/// `data`: `None` when it is not an object.
struct DataShape<'p>(&'p Parse<'p>);

impl<'de> Shape<'de> for DataShape<'_> {
    type Out = Option<DataFields>;
    fn other(self) -> Self::Out {
        None
    }
    fn object<A: MapAccess<'de>>(self, mut object: A) -> Result<Self::Out, A::Error> {
        let mut data = DataFields {
            result_type: None,
            result: None,
        };
        while let Some(key) = object.next_key::<String>()? {
            match key.as_str() {
                "resultType" => data.result_type = object.next_value_seed(Json(Text))?,
                "result" => {
                    data.result.take();
                    data.result = object.next_value_seed(Json(ResultShape(self.0)))?;
                }
                _ => {
                    object.next_value_seed(Json(Skip))?;
                }
            }
        }
        Ok(Some(data))
    }
}

/// `data.result`: the series, or the first error among them in order;
/// `None` when it is not an array.
struct ResultShape<'p>(&'p Parse<'p>);

impl<'de> Shape<'de> for ResultShape<'_> {
    type Out = Option<Checked<Vec<Series>>>;
    fn other(self) -> Self::Out {
        None
    }
    fn array<A: SeqAccess<'de>>(self, mut array: A) -> Result<Self::Out, A::Error> {
        let mut all = Vec::new();
        let mut index = 0;
        while let Some(series) = array.next_element_seed(Json(SeriesShape {
            parse: self.0,
            index,
        }))? {
            match series {
                Ok(series) => all.push(series),
                Err(e) => {
                    drop(all);
                    skip_array(&mut array)?;
                    return Ok(Some(Err(e)));
                }
            }
            index += 1;
        }
        Ok(Some(Ok(all)))
    }
}

/// `data.result[index]`: `{"metric": {…}, "values": [[t, "v"], …]}`.
struct SeriesShape<'p> {
    parse: &'p Parse<'p>,
    index: usize,
}

impl SeriesShape<'_> {
    fn path(&self) -> String {
        format!("data.result[{}]", self.index)
    }
}

impl<'de> Shape<'de> for SeriesShape<'_> {
    type Out = Checked<Series>;
    fn other(self) -> Self::Out {
        Err((
            self.path(),
            "expected an object with metric and values".into(),
        ))
    }
    fn object<A: MapAccess<'de>>(self, mut object: A) -> Result<Self::Out, A::Error> {
        let (parse, index) = (self.parse, self.index);
        parse.spend(SERIES_COST, || self.path())?;
        let (mut metric, mut samples, mut histograms) = (None, None, false);
        while let Some(key) = object.next_key::<String>()? {
            match key.as_str() {
                "metric" => {
                    metric = Some(object.next_value_seed(Json(MetricShape { parse, index }))?)
                }
                "values" => {
                    samples.take();
                    samples = Some(object.next_value_seed(Json(ValuesShape { parse, index }))?);
                }
                "histograms" => {
                    histograms = true;
                    object.next_value_seed(Json(Skip))?;
                }
                _ => {
                    object.next_value_seed(Json(Skip))?;
                }
            }
        }
        let path = self.path();
        // Checked in the order of the fields' meaning, whatever their order in the text.
        let labels = match metric {
            Some(Err(e)) => return Ok(Err(e)),
            Some(Ok(labels)) => labels,
            None => Vec::new(),
        };
        let Some(samples) = samples else {
            let why = if histograms {
                "native histogram samples are not supported: query a rate or a ratio instead"
            } else {
                "missing"
            };
            return Ok(Err((format!("{path}.values"), why.into())));
        };
        Ok(samples.map(|(times, values)| Series {
            name: parse.name.to_string(),
            labels,
            times,
            values,
            ..Series::default()
        }))
    }
}

/// `data.result[index].metric`: labels sorted by key.
struct MetricShape<'p> {
    parse: &'p Parse<'p>,
    index: usize,
}

impl<'de> Shape<'de> for MetricShape<'_> {
    type Out = Checked<Vec<(String, String)>>;
    fn other(self) -> Self::Out {
        Err((
            format!("data.result[{}].metric", self.index),
            "expected an object of labels".into(),
        ))
    }
    fn object<A: MapAccess<'de>>(self, mut object: A) -> Result<Self::Out, A::Error> {
        let mut labels = BTreeMap::new();
        while let Some(key) = object.next_key::<String>()? {
            let value = object.next_value_seed(Json(Text))?;
            self.parse.spend(label_cost(&key, value.as_deref()), || {
                format!("data.result[{}].metric", self.index)
            })?;
            labels.insert(key, value);
        }
        // The first bad label in key order, as a sorted map lists them.
        if let Some((key, _)) = labels.iter().find(|(_, v)| v.is_none()) {
            return Ok(Err((
                format!("data.result[{}].metric.{key}", self.index),
                "a label value must be a string".into(),
            )));
        }
        Ok(Ok(labels
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect()))
    }
}

/// `data.result[index].values`: the columns, or the first bad sample.
struct ValuesShape<'p> {
    parse: &'p Parse<'p>,
    index: usize,
}

impl<'de> Shape<'de> for ValuesShape<'_> {
    type Out = Checked<(Vec<Instant>, Vec<f64>)>;
    fn other(self) -> Self::Out {
        Err((
            format!("data.result[{}].values", self.index),
            "expected an array of [time, \"value\"]".into(),
        ))
    }
    fn array<A: SeqAccess<'de>>(self, mut array: A) -> Result<Self::Out, A::Error> {
        let here = |j: usize| format!("data.result[{}].values[{j}]", self.index);
        let (mut times, mut values) = (Vec::new(), Vec::new());
        while let Some(sample) = array.next_element_seed(Json(SampleShape))? {
            let j = times.len();
            match sample {
                Ok((time, value)) => {
                    self.parse.spend(1, || here(j))?;
                    times.push(time);
                    values.push(value);
                }
                Err((part, message)) => {
                    skip_array(&mut array)?;
                    return Ok(Err((format!("{}{part}", here(j)), message)));
                }
            }
        }
        // Growth by doubling leaves up to half unused: give it back.
        times.shrink_to_fit();
        values.shrink_to_fit();
        Ok(Ok((times, values)))
    }
}

/// `[time, "value"]`; an error names the part: `""`, `"[0]"` or `"[1]"`.
struct SampleShape;

const NOT_A_SAMPLE: &str = "expected [time, \"value\"]";

impl<'de> Shape<'de> for SampleShape {
    type Out = Result<(Instant, f64), (&'static str, String)>;
    fn other(self) -> Self::Out {
        Err(("", NOT_A_SAMPLE.into()))
    }
    fn array<A: SeqAccess<'de>>(self, mut array: A) -> Result<Self::Out, A::Error> {
        let Some(time) = array.next_element_seed(Json(TimeShape))? else {
            return Ok(self.other());
        };
        let Some(value) = array.next_element_seed(Json(ValueShape))? else {
            return Ok(self.other());
        };
        if array.next_element_seed(Json(Skip))?.is_some() {
            skip_array(&mut array)?;
            return Ok(self.other());
        }
        Ok(match (time, value) {
            (Err(m), _) => Err(("[0]", m)),
            (_, Err(m)) => Err(("[1]", m)),
            (Ok(time), Ok(value)) => Ok((time, value)),
        })
    }
}

/// A sample's time: epoch seconds, a JSON number.
struct TimeShape;

fn not_a_time(shown: impl fmt::Display) -> String {
    format!("{shown} is not a time in epoch seconds")
}

impl<'de> Shape<'de> for TimeShape {
    type Out = Result<Instant, String>;
    fn other(self) -> Self::Out {
        Err(not_a_time("?"))
    }
    fn scalar<E: de::Error>(self, v: Scalar<'_>) -> Result<Self::Out, E> {
        Ok(match &v {
            Scalar::Number(n) => n.as_f64().and_then(seconds_to_instant),
            _ => None,
        }
        .ok_or_else(|| not_a_time(v)))
    }
    fn array<A: SeqAccess<'de>>(self, array: A) -> Result<Self::Out, A::Error> {
        Ok(Err(not_a_time(shown_array(array)?)))
    }
    fn object<A: MapAccess<'de>>(self, object: A) -> Result<Self::Out, A::Error> {
        Ok(Err(not_a_time(shown_object(object)?)))
    }
}

/// A sample's value: a string as Prometheus writes it, a number, or null
/// (missing).
struct ValueShape;

fn not_a_number(shown: impl fmt::Display) -> String {
    format!("{shown} is not a number")
}

impl<'de> Shape<'de> for ValueShape {
    type Out = Result<f64, String>;
    fn other(self) -> Self::Out {
        Err(not_a_number("?"))
    }
    fn scalar<E: de::Error>(self, v: Scalar<'_>) -> Result<Self::Out, E> {
        Ok(match v {
            Scalar::Str(s) => parse_value(s.trim()),
            Scalar::Number(n) => Ok(n.as_f64().unwrap_or(f64::NAN)),
            Scalar::Null => Ok(f64::NAN),
            Scalar::Bool(_) => Err(not_a_number(v)),
        })
    }
    fn array<A: SeqAccess<'de>>(self, array: A) -> Result<Self::Out, A::Error> {
        Ok(Err(not_a_number(shown_array(array)?)))
    }
    fn object<A: MapAccess<'de>>(self, object: A) -> Result<Self::Out, A::Error> {
        Ok(Err(not_a_number(shown_object(object)?)))
    }
}
