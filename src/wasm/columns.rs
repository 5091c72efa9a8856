//! The columns a host hands over, decoded into a [`DataSet`].
//!
//! The JS wrapper passes every series in three arguments, so that a 30-day,
//! 1-minute series crosses the boundary as one bulk copy per column instead
//! of one JS call per sample:
//!
//! - `meta`: 4 numbers per series: `[timesLen, valuesLen, stepMs | NaN,
//!   labelCount]`;
//! - `strings`: per series `name`, `kind` (`""` = the policy's kind), then
//!   `labelCount` key/value pairs;
//! - `arrays`: one `Float64Array` per column, `[times₀, values₀, times₁, …]`,
//!   so nothing is concatenated in JS and each column is copied into
//!   WebAssembly memory once.
//!
//! Nothing here trusts its input: every length, count, time and step is
//! checked before use, and every problem is an [`EvalError`] of kind
//! `bad-series` naming the series (and the sample, for a bad time), never a
//! panic, which would trap the instance. Lengths that differ between a
//! series' two columns are passed through: the engine reports them with the
//! CLI's message.

use crate::epoch::TIME_LIMIT;
use crate::eval::{EvalError, EvalErrorKind};
use crate::series::{DataSet, Series, SeriesKind};
use crate::time::Instant;

/// Numbers of `meta` per series.
pub const META_STRIDE: usize = 4;

/// `at` or a series time as an [`Instant`]: finite, integral, within ±8.64e15.
pub fn instant(value: f64, what: &dyn Fn() -> String) -> Result<Instant, String> {
    if !value.is_finite() {
        return Err(format!("{} is not a finite number", what()));
    }
    if value.fract() != 0.0 {
        return Err(format!("{} is not a whole number of milliseconds", what()));
    }
    if value.abs() > TIME_LIMIT {
        return Err(format!(
            "{} is out of range: epoch milliseconds must be within ±8.64e15",
            what()
        ));
    }
    Ok(value as Instant)
}

/// Decodes the header and takes each series' columns from `arrays` (see
/// the module docs). Also returns, per series, whether it is known clean
/// (see [`instants`]).
pub fn decode(
    meta: &[f64],
    strings: Vec<String>,
    arrays: &[crate::platform::js::Float64Array],
) -> Result<(DataSet, Vec<bool>), Box<EvalError>> {
    if !meta.len().is_multiple_of(META_STRIDE) {
        return Err(header());
    }
    let mut data = DataSet::default();
    let mut known_clean = Vec::new();
    // Moved into the series, not copied: a header of many labels is held once.
    let mut strings = strings.into_iter();
    // How many of the arrays the header has described.
    let mut used = 0;
    for (index, m) in meta.chunks_exact(META_STRIDE).enumerate() {
        let name = strings.next().ok_or_else(header)?;
        let kind = match strings.next().ok_or_else(header)?.as_str() {
            "" => None,
            text => Some(SeriesKind::parse(text).ok_or_else(|| {
                bad(&name, format!("series \"{name}\": unknown kind \"{text}\" (use rate, increase, counter or gauge)"))
            })?),
        };
        let pairs = length(m[3], strings.len() / 2, &name, "labels")?;
        let mut labels = Vec::with_capacity(pairs);
        for _ in 0..pairs {
            let key = strings.next().ok_or_else(header)?;
            let value = strings.next().ok_or_else(header)?;
            labels.push((key, value));
        }
        let (Some(t), Some(v)) = (arrays.get(2 * index), arrays.get(2 * index + 1)) else {
            return Err(header());
        };
        let (t_len, v_len) = (t.length() as usize, v.length() as usize);
        length(m[0], t_len, &name, "times").and_then(|n| exactly(n, t_len, &name, "times"))?;
        length(m[1], v_len, &name, "values").and_then(|n| exactly(n, v_len, &name, "values"))?;
        let step = step(m[2], &name)?;
        let values = v.to_vec();
        let (times, clean) = instants(&t.to_vec(), &values, &name)?;
        known_clean.push(clean);
        used = 2 * index + 2;
        data.push(Series {
            name,
            labels,
            kind,
            step,
            times,
            values,
        });
    }
    if used != arrays.len() || strings.next().is_some() {
        return Err(header());
    }
    Ok((data, known_clean))
}

/// A column's times as [`Instant`]s, and whether the series is clean
/// ([`crate::epoch`]); a column with a bad time is walked again, for the
/// message and the index.
fn instants(
    times: &[f64],
    values: &[f64],
    name: &str,
) -> Result<(Vec<Instant>, bool), Box<EvalError>> {
    let converted = crate::epoch::convert(times, values);
    if !converted.valid {
        for (i, &t) in times.iter().enumerate() {
            instant(t, &|| format!("series \"{name}\": time at index {i}")).map_err(|m| {
                let mut e = bad(name, m);
                e.index = Some(i);
                e
            })?;
        }
    }
    Ok((converted.times, converted.clean))
}

/// `n`, when it is the column's actual length `len`.
fn exactly(n: usize, len: usize, name: &str, column: &str) -> Result<usize, Box<EvalError>> {
    if n == len {
        Ok(n)
    } else {
        Err(bad_length(name, column))
    }
}

fn bad_length(name: &str, column: &str) -> Box<EvalError> {
    bad(
        name,
        format!("series \"{name}\": the header gives {column} a length the columns do not have"),
    )
}

/// A `bad-series` error about series `name`. One function, not inlined at
/// each of the many places that refuse a column: ~0.5 KB gzipped.
#[inline(never)]
fn bad(name: &str, message: String) -> Box<EvalError> {
    Box::new(EvalError::bad_series(name, message))
}

/// A header that does not describe the columns given. The JS wrapper
/// always writes a matching one (pkg/lib/columns.js): only a caller of the
/// raw bindings sees this, so one message serves every mismatch.
#[inline(never)]
fn header() -> Box<EvalError> {
    Box::new(EvalError::new(
        EvalErrorKind::BadSeries,
        "the series header does not match the columns given",
    ))
}

/// A column length from the header, at most what is left of the column.
fn length(value: f64, left: usize, name: &str, column: &str) -> Result<usize, Box<EvalError>> {
    if value >= 0.0 && value.fract() == 0.0 && value <= left as f64 {
        Ok(value as usize)
    } else {
        Err(bad_length(name, column))
    }
}

/// An optional step: NaN = none (inferred from the samples), else a whole
/// positive number of milliseconds of at most a year.
fn step(value: f64, name: &str) -> Result<Option<i64>, Box<EvalError>> {
    const YEAR_MS: f64 = 366.0 * 86_400_000.0;
    if value.is_nan() {
        Ok(None)
    } else if value.fract() == 0.0 && value > 0.0 && value <= YEAR_MS {
        Ok(Some(value as i64))
    } else {
        Err(bad(
            name,
            format!("series \"{name}\": stepMs must be a whole number of milliseconds between 1 and one year"),
        ))
    }
}
