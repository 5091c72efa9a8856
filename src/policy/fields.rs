//! The decoder's toolbox: reading typed values out of [`Node`]s and
//! collecting every diagnostic on the way (decoding goes on after an error,
//! so one pass reports them all).

use super::yaml::{Kind, Node, Style};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::suggest;
use crate::time::zone::Zone;
use crate::time::{Instant, Millis};

/// Collects diagnostics while decoding.
pub(crate) struct Decoder {
    pub diags: Vec<Diagnostic>,
    /// What "did you mean" suggestions among the names a document defines
    /// (levels, alerts) may still spend, in distance-table cells (see
    /// [`suggest::closest_within`]): enough for any real document, and it
    /// keeps thousands of misspelt references to thousands of names from
    /// costing their product.
    pub suggestion_budget: usize,
    /// How much of `spec.defaults` the SLOs decoded so far copied (see
    /// [`Node::size`]), against `copy_limit`.
    pub copied_defaults: usize,
    pub copy_limit: usize,
}

/// [`Decoder::suggestion_budget`] for a whole document: a few milliseconds.
const SUGGESTION_CELLS: usize = 1_000_000;

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder {
            diags: Vec::new(),
            suggestion_budget: SUGGESTION_CELLS,
            copied_defaults: 0,
            copy_limit: copy_limit(0),
        }
    }
}

/// The most of `spec.defaults` all SLOs together may copy, in [`Node::size`]
/// units (about bytes), for a document of `length` bytes: 8 times its size,
/// and at least 4,000,000. Each SLO copies every default it does not set, so
/// a large `spec.defaults` and many SLOs would otherwise multiply into more
/// than memory holds (a 1 MB document into gigabytes); within the limit,
/// what is decoded stays proportional to the document.
pub(crate) fn copy_limit(length: usize) -> usize {
    const AT_LEAST: usize = 4_000_000;
    const TIMES_THE_DOCUMENT: usize = 8;
    AT_LEAST.max(length.saturating_mul(TIMES_THE_DOCUMENT))
}

/// The entries of a mapping whose keys were checked against the allowed ones.
pub(crate) struct Fields<'a> {
    pub node: &'a Node,
    pub path: String,
    /// The entries with an allowed key: at most one per allowed key (keys are
    /// unique), so a lookup costs no more for a mapping that also holds
    /// thousands of unknown keys (`spec.defaults` is looked up per SLO).
    known: Vec<&'a (Node, Node)>,
}

impl<'a> Fields<'a> {
    /// The value under `key`; `None` when absent or null (`key:` / `key: null`
    /// is the same as leaving the key out).
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entry(key)
            .map(|(_, v)| v)
            .filter(|v| v.kind != Kind::Null)
    }

    /// The key node itself, for pointing at it.
    pub fn key(&self, key: &str) -> Option<&'a Node> {
        self.entry(key).map(|(k, _)| k)
    }

    fn entry(&self, key: &str) -> Option<&'a (Node, Node)> {
        self.known
            .iter()
            .find(|(k, _)| k.text() == Some(key))
            .copied()
    }

    /// `path.key`.
    pub fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

/// `parent.key`, or `key` at the top.
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// A plain decimal number (`0.5`, `99.9`, `1e3`); not `inf`, `nan`, `0x10`.
pub(crate) fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    let plausible = t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e' | 'E'));
    plausible
        .then(|| crate::decimal::parse_f64(t))
        .flatten()
        .filter(|v| v.is_finite())
}

/// `99.9` (from `99.9%`) as the f64 nearest to 0.999, not 99.9 / 100.
pub(crate) fn percent(text: &str) -> Option<f64> {
    number(text)?;
    crate::decimal::percent(text)
}

/// A fraction written for people: `0.999`, not `0.9990000000000001`.
pub(crate) fn show(v: f64) -> String {
    crate::decimal::fixed(v, 10)
}

impl Decoder {
    /// ` (did you mean "X"?)` when one of the names the document defines is
    /// close to `word`, else `: the {what} are a, b, …` (shortened).
    pub fn hint_among(&mut self, word: &str, names: &[&str], what: &str) -> String {
        match suggest::closest_within(word, names, &mut self.suggestion_budget) {
            Some(c) => format!(" (did you mean \"{c}\"?)"),
            None => format!(": the {what} are {}", listing(names)),
        }
    }

    pub fn error(&mut self, location: Location, path: &str, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(Some(location), path, message));
    }

    pub fn warning(&mut self, location: Location, path: &str, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(Some(location), path, message));
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.severity == Severity::Error)
    }

    /// `node` as a mapping whose keys are all in `allowed`; each unknown key
    /// is an error with a suggestion. `what` describes the expected form
    /// for the "expected …, found …" message.
    pub fn fields<'a>(
        &mut self,
        node: &'a Node,
        path: &str,
        allowed: &[&str],
        what: &str,
    ) -> Option<Fields<'a>> {
        let Kind::Map(entries) = &node.kind else {
            self.error(
                node.location,
                path,
                format!("expected {what}, found {}", node.describe()),
            );
            return None;
        };
        let mut known = Vec::new();
        for entry in entries {
            let key = &entry.0;
            let name = key.text().unwrap_or_default();
            if allowed.contains(&name) {
                known.push(entry);
            } else {
                let hint = suggest::hint(name, allowed);
                self.error(
                    key.location,
                    &join(path, name),
                    format!("unknown key \"{name}\"{hint}"),
                );
            }
        }
        Some(Fields {
            node,
            path: path.to_string(),
            known,
        })
    }

    /// A required field; its absence is an error at the mapping, showing an example.
    pub fn required<'a>(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        example: &str,
    ) -> Option<&'a Node> {
        let found = fields.get(key);
        if found.is_none() {
            let at = fields
                .key(key)
                .map(|k| k.location)
                .unwrap_or(fields.node.location);
            self.error(
                at,
                &fields.path_of(key),
                format!("{key} is required, e.g. {example}"),
            );
        }
        found
    }

    /// Any scalar, as text (`name: 404` is the name "404").
    pub fn string(&mut self, node: &Node, path: &str) -> Option<String> {
        match node.text() {
            Some(t) => Some(t.to_string()),
            None => {
                self.error(
                    node.location,
                    path,
                    format!("expected a string, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// A non-empty string, e.g. a name.
    pub fn name(&mut self, node: &Node, path: &str) -> Option<String> {
        let s = self.string(node, path)?;
        if s.trim().is_empty() {
            self.error(
                node.location,
                path,
                "expected a name, found an empty string",
            );
            return None;
        }
        Some(s)
    }

    pub fn list<'a>(&mut self, node: &'a Node, path: &str, example: &str) -> Option<&'a [Node]> {
        match &node.kind {
            Kind::Seq(items) => Some(items),
            _ => {
                self.error(
                    node.location,
                    path,
                    format!("expected a list like {example}, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// A list of strings, e.g. `groupBy: [repository]`.
    pub fn strings(&mut self, node: &Node, path: &str, example: &str) -> Option<Vec<String>> {
        let items = self.list(node, path, example)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            out.push(self.name(item, &format!("{path}[{i}]"))?);
        }
        Some(out)
    }

    pub fn duration(&mut self, node: &Node, path: &str) -> Option<Millis> {
        let text = self.string(node, path)?;
        match crate::time::parse_duration(&text) {
            Ok(ms) => Some(ms),
            Err(message) => {
                self.error(node.location, path, message);
                None
            }
        }
    }

    pub fn instant(&mut self, node: &Node, path: &str) -> Option<Instant> {
        let text = self.string(node, path)?;
        match crate::time::parse_rfc3339(&text) {
            Ok(t) => Some(t),
            Err(message) => {
                self.error(node.location, path, message);
                None
            }
        }
    }

    /// A time zone name; `UTC` needs no zone database.
    pub fn zone(&mut self, node: &Node, path: &str) -> Option<Zone> {
        let text = self.name(node, path)?;
        if text == "UTC" {
            return Some(Zone::utc());
        }
        match Zone::get(&text) {
            Ok(z) => Some(z),
            Err(message) => {
                self.error(node.location, path, message);
                None
            }
        }
    }

    /// One of `choices` (e.g. `occurrences`), with a suggestion when not.
    pub fn choice<'c>(
        &mut self,
        node: &Node,
        path: &str,
        field: &str,
        choices: &[&'c str],
    ) -> Option<&'c str> {
        let text = self.string(node, path)?;
        match choices.iter().find(|c| **c == text) {
            Some(c) => Some(*c),
            None => {
                let hint = suggest::hint(&text, choices);
                self.error(
                    node.location,
                    path,
                    format!("unknown {field} \"{text}\"{hint}"),
                );
                None
            }
        }
    }

    /// A share written `99.9%` or `0.999`. It must be above 0 and below 1
    /// (or at most 1 when `allow_one`). A bare number ≥ 1 is refused with
    /// both correct spellings: `objective 99.9 is not a fraction: write 99.9% or 0.999`.
    /// `example` is a typical percentage for this field, e.g. `99.9%`.
    pub fn fraction(
        &mut self,
        node: &Node,
        path: &str,
        field: &str,
        example: &str,
        allow_one: bool,
    ) -> Option<f64> {
        let example_fraction = number(example.trim_end_matches('%'))
            .map(|v| show(v / 100.0))
            .unwrap_or_default();
        let expected =
            format!("expected a percentage like {example} or a fraction like {example_fraction}");
        let Some(text) = node.text() else {
            self.error(
                node.location,
                path,
                format!("{expected}, found {}", node.describe()),
            );
            return None;
        };
        let text = text.trim();
        let value = match text.strip_suffix('%') {
            Some(pct) => percent(pct),
            None => match number(text) {
                Some(v) if v > 1.0 || (v == 1.0 && !allow_one) => {
                    let message = if v == 1.0 {
                        format!("{field} 1 is 100%, which leaves no error budget: write a fraction below 1 like {example_fraction}")
                    } else {
                        format!(
                            "{field} {text} is not a fraction: write {text}% or {}",
                            show(v / 100.0)
                        )
                    };
                    self.error(node.location, path, message);
                    return None;
                }
                v => v,
            },
        };
        let Some(value) = value else {
            self.error(
                node.location,
                path,
                format!("{expected}, found {}", node.describe()),
            );
            return None;
        };
        let in_range = value > 0.0 && (value < 1.0 || (allow_one && value == 1.0));
        if !in_range {
            let upper = if allow_one {
                "at most 100%"
            } else {
                "below 100%"
            };
            self.error(
                node.location,
                path,
                format!("{field} must be above 0% and {upper}, found {text}"),
            );
            return None;
        }
        Some(value)
    }
}

/// Where char `offset` of a scalar's text is in the document: exact for
/// single-line plain and quoted scalars; the scalar's start otherwise.
pub(crate) fn location_in(node: &Node, offset: usize) -> Location {
    let Kind::Scalar { text, style } = &node.kind else {
        return node.location;
    };
    let shift = match style {
        Style::Plain => 0,
        Style::Quoted => 1,
        Style::Block => return node.location,
    };
    if text.contains('\n') {
        return node.location;
    }
    let add = u32::try_from(offset + shift).unwrap_or(0);
    Location {
        line: node.location.line,
        column: node.location.column.saturating_add(add),
    }
}

/// Names for a message: the first few, each shortened, and how many there
/// are in all, so that a message stays short however many names a document
/// defines.
pub fn listing(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    const LONGEST: usize = 40;
    let mut shown: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| super::yaml::shorten(n, LONGEST))
        .collect();
    if names.len() > SHOWN {
        shown.push(format!("… ({} in all)", names.len()));
    }
    crate::join::join(&shown, ", ")
}
