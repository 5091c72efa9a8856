//! Time series as a host hands them over: a name (the role a policy refers to,
//! e.g. a Grafana refId or a file name), labels, and two columns.
//!
//! Columns are taken as they come: unsorted, with duplicates, NaN, ±Inf. The
//! engine cleans them (see the arithmetic docs): sorted by time, duplicates
//! keep the last, non-finite values are missing.

use crate::time::{Instant, Millis};

/// What a sample means (docs/policy.md, "Series references";
/// docs/arithmetic.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SeriesKind {
    /// A per-second rate; events in `(t[i-1], t[i]]` = `v[i]` × seconds.
    #[default]
    Rate,
    /// Events since the previous sample.
    Increase,
    /// A cumulative counter that may reset.
    Counter,
    /// A level, for threshold SLIs only.
    Gauge,
}

impl SeriesKind {
    pub fn parse(text: &str) -> Option<SeriesKind> {
        Some(match text {
            "rate" => SeriesKind::Rate,
            "increase" => SeriesKind::Increase,
            "counter" => SeriesKind::Counter,
            "gauge" => SeriesKind::Gauge,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SeriesKind::Rate => "rate",
            SeriesKind::Increase => "increase",
            SeriesKind::Counter => "counter",
            SeriesKind::Gauge => "gauge",
        }
    }
}

/// One series.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// The name the policy refers to (`good`, `total`, a refId, …).
    pub name: String,
    /// Labels, used by `groupBy`.
    pub labels: Vec<(String, String)>,
    /// Overrides the kind the policy gives this series' reference.
    pub kind: Option<SeriesKind>,
    /// The series' resolution (e.g. a query_range `step`). When `None` it is
    /// inferred from the samples (the median spacing).
    pub step: Option<Millis>,
    /// Epoch milliseconds.
    pub times: Vec<Instant>,
    pub values: Vec<f64>,
}

impl Series {
    pub fn new(name: impl Into<String>, times: Vec<Instant>, values: Vec<f64>) -> Series {
        Series {
            name: name.into(),
            times,
            values,
            ..Series::default()
        }
    }

    pub fn with_labels(mut self, labels: &[(&str, &str)]) -> Series {
        self.labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self
    }

    pub fn with_step(mut self, step: Millis) -> Series {
        self.step = Some(step);
        self
    }

    /// The value of label `key`; the first, should the key repeat.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of each label of `keys`, as [`Series::label`] finds it,
    /// `""` for a label the series lacks (a `groupBy` key).
    ///
    /// Linear in the labels: with many keys and many labels, one lookup per
    /// key would cost keys × labels, so the labels are sorted once and each
    /// key found by binary search.
    pub fn label_values(&self, keys: &[String]) -> Vec<&str> {
        /// Below this many keys, a scan per key costs at most a few scans.
        const FEW_KEYS: usize = 4;
        if keys.len() <= FEW_KEYS || self.labels.len() <= FEW_KEYS {
            return keys.iter().map(|k| self.label(k).unwrap_or("")).collect();
        }
        let mut sorted: Vec<(&str, &str)> = self
            .labels
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Stable, then the first of each run of equal keys: `label`'s pick.
        crate::sort::sort_by(&mut sorted, |a, b| a.0.cmp(b.0));
        sorted.dedup_by(|later, first| later.0 == first.0);
        keys.iter()
            .map(|k| {
                sorted
                    .binary_search_by(|(label, _)| label.cmp(&k.as_str()))
                    .map_or("", |at| sorted[at].1)
            })
            .collect()
    }
}

/// Every series of one evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataSet {
    pub series: Vec<Series>,
}

impl DataSet {
    pub fn push(&mut self, series: Series) {
        self.series.push(series);
    }

    /// Every series supplied under `name`.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Series> + 'a {
        self.series.iter().filter(move |s| s.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorted lookups (many keys and labels) find what `label` finds,
        /// the first of a repeated key included.
        #[test]
        fn label_values_finds_what_label_finds(
            labels in prop::collection::vec((0u8..40, 0u8..4), 0..60),
            keys in prop::collection::vec(0u8..48, 0..12),
        ) {
            let labels: Vec<(String, String)> = labels
                .iter()
                .map(|(k, v)| (format!("k{k}"), format!("v{v}")))
                .collect();
            let series = Series { labels, ..Series::default() };
            let keys: Vec<String> = keys.iter().map(|k| format!("k{k}")).collect();
            let expected: Vec<&str> = keys.iter().map(|k| series.label(k).unwrap_or("")).collect();
            prop_assert_eq!(series.label_values(&keys), expected);
        }
    }
}
