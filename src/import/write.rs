//! The converted policy, and its text: one field a line, each line
//! remembering the place in the user's file its value came from.

use super::Format;
use crate::diagnostic::{Diagnostic, Location};
use crate::yaml_write::quoted;

/// A value for the converted policy, and where the user wrote it.
#[derive(Clone, Debug)]
pub struct Value {
    pub text: String,
    /// Written as it is (a number, a duration, `99.9%`); else quoted.
    pub plain: bool,
    pub at: Location,
}

impl Value {
    pub fn quoted(text: impl Into<String>, at: Location) -> Value {
        Value {
            text: text.into(),
            plain: false,
            at,
        }
    }

    pub fn plain(text: impl Into<String>, at: Location) -> Value {
        Value {
            text: text.into(),
            plain: true,
            at,
        }
    }

    fn yaml(&self) -> String {
        if self.plain {
            self.text.clone()
        } else {
            quoted(&self.text)
        }
    }
}

pub struct PolicyOut {
    pub name: Value,
    pub service: Option<Value>,
    pub labels: Vec<(Value, Value)>,
    pub slos: Vec<SloOut>,
}

pub struct SloOut {
    pub name: Value,
    pub description: Option<Value>,
    pub objective: Value,
    pub window: WindowOut,
    /// `timeslices`, with the slice and its target, or occurrences (`None`).
    pub timeslices: Option<Timeslices>,
    pub sli: SliOut,
    /// `None`: the default catalog.
    pub alerting: Option<Vec<AlertOut>>,
}

pub struct Timeslices {
    pub at: Location,
    pub slice: Option<Value>,
    pub target: Option<Value>,
}

#[derive(Clone)]
pub enum WindowOut {
    Rolling(Value),
    Calendar { unit: Value, zone: Option<Value> },
}

#[derive(Clone)]
pub struct SeriesOut {
    pub name: Value,
    pub query: Value,
    pub kind: Value,
}

pub enum SliOut {
    /// Roles in order: `good`, `bad`, `total` (two of them).
    Ratio(Vec<(&'static str, SeriesOut)>),
    Threshold {
        series: SeriesOut,
        op: Value,
        value: Value,
    },
}

#[derive(Clone)]
pub struct AlertOut {
    pub name: Value,
    pub severity: Value,
    /// `for`: a hold time.
    pub hold: Option<Value>,
    pub windows: Vec<PairOut>,
}

/// One window pair: `short` left out for a single window; a budget share
/// or a fixed factor.
#[derive(Clone)]
pub struct PairOut {
    pub long: Value,
    pub short: Option<Value>,
    pub budget: Option<Value>,
    pub factor: Option<Value>,
}

/// A converted document: slogate policy text, where each of its lines came
/// from, and the import's warnings.
#[derive(Clone, Debug)]
pub struct Converted {
    pub format: Format,
    pub text: String,
    /// Per line of `text` (index 0: line 1), the user's place it came from.
    origins: Vec<Option<Location>>,
    /// What was not converted but does not stop the policy (notification
    /// targets, alert labels), pointing into the user's file.
    pub warnings: Vec<Diagnostic>,
}

impl Converted {
    /// `d`, a diagnostic of the converted text, moved to the user's file:
    /// the place its line came from (or the closest line above that came
    /// from somewhere), its message saying which converted field it is.
    pub fn relocate(&self, mut d: Diagnostic) -> Diagnostic {
        if let Some(l) = d.location {
            let line = (l.line as usize).min(self.origins.len());
            d.location = self.origins[..line].iter().rev().flatten().next().copied();
        }
        if !d.path.is_empty() {
            d.path = format!("{} (as converted)", d.path);
        }
        d
    }
}

struct Lines {
    text: String,
    origins: Vec<Option<Location>>,
}

impl Lines {
    fn put(&mut self, indent: usize, line: &str, origin: Option<Location>) {
        for _ in 0..indent {
            self.text.push_str("  ");
        }
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(origin);
    }

    /// `key: value`, from where the value was written.
    fn field(&mut self, indent: usize, key: &str, v: &Value) {
        self.put(indent, &format!("{key}: {}", v.yaml()), Some(v.at));
    }
}

pub fn write(p: &PolicyOut, format: Format) -> Converted {
    let mut w = Lines {
        text: String::new(),
        origins: Vec::new(),
    };
    w.put(
        0,
        &format!("# Converted from {} by slogate convert.", format.name()),
        None,
    );
    w.put(0, "apiVersion: slogate/v1", None);
    w.put(0, "kind: ServiceLevelPolicy", None);
    w.put(0, "metadata:", Some(p.name.at));
    w.field(1, "name", &p.name);
    if let Some(s) = &p.service {
        w.field(1, "service", s);
    }
    if !p.labels.is_empty() {
        w.put(1, "labels:", None);
        for (k, v) in &p.labels {
            w.put(2, &format!("{}: {}", quoted(&k.text), v.yaml()), Some(v.at));
        }
    }
    w.put(0, "spec:", None);
    w.put(1, "slos:", None);
    for s in &p.slos {
        w.put(2, &format!("- name: {}", s.name.yaml()), Some(s.name.at));
        let i = 3;
        if let Some(d) = &s.description {
            w.field(i, "description", d);
        }
        w.field(i, "objective", &s.objective);
        match &s.window {
            WindowOut::Rolling(d) => {
                w.put(i, "window:", Some(d.at));
                w.field(i + 1, "rolling", d);
            }
            WindowOut::Calendar { unit, zone } => {
                w.put(i, "window:", Some(unit.at));
                w.field(i + 1, "calendar", unit);
                if let Some(z) = zone {
                    w.field(i + 1, "timeZone", z);
                }
            }
        }
        if let Some(t) = &s.timeslices {
            w.put(i, "budgeting: timeslices", Some(t.at));
            if let Some(slice) = &t.slice {
                w.field(i, "slice", slice);
            }
            if let Some(target) = &t.target {
                w.field(i, "sliceTarget", target);
            }
        }
        w.put(i, "sli:", None);
        match &s.sli {
            SliOut::Ratio(roles) => {
                w.put(i + 1, "ratio:", None);
                for (role, series) in roles {
                    w.put(i + 2, &format!("{role}:"), Some(series.query.at));
                    write_series(&mut w, i + 3, series);
                }
            }
            SliOut::Threshold { series, op, value } => {
                w.put(i + 1, "threshold:", Some(op.at));
                w.put(i + 2, "series:", Some(series.query.at));
                write_series(&mut w, i + 3, series);
                w.field(i + 2, "op", op);
                w.field(i + 2, "value", value);
            }
        }
        if let Some(alerts) = &s.alerting {
            if alerts.is_empty() {
                w.put(i, "alerting: []", None);
            } else {
                w.put(i, "alerting:", None);
                for a in alerts {
                    w.put(
                        i + 1,
                        &format!("- name: {}", a.name.yaml()),
                        Some(a.name.at),
                    );
                    w.field(i + 2, "severity", &a.severity);
                    if let Some(hold) = &a.hold {
                        w.field(i + 2, "for", hold);
                    }
                    w.put(i + 2, "windows:", None);
                    for pair in &a.windows {
                        w.put(
                            i + 3,
                            &format!("- long: {}", pair.long.yaml()),
                            Some(pair.long.at),
                        );
                        for (key, v) in [
                            ("short", &pair.short),
                            ("budget", &pair.budget),
                            ("factor", &pair.factor),
                        ] {
                            if let Some(v) = v {
                                w.field(i + 4, key, v);
                            }
                        }
                    }
                }
            }
        }
    }
    Converted {
        format,
        text: w.text,
        origins: w.origins,
        warnings: Vec::new(),
    }
}

fn write_series(w: &mut Lines, indent: usize, s: &SeriesOut) {
    w.field(indent, "name", &s.name);
    w.field(indent, "query", &s.query);
    w.field(indent, "kind", &s.kind);
}
