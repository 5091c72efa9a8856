//! Reading another format's YAML tree: mappings whose unknown keys are
//! errors (with "did you mean"), scalars and lists, each finding with its
//! line, column and path in the user's file.

use crate::diagnostic::{Diagnostic, Severity};
use crate::policy::yaml::{Kind, Node};
use crate::suggest;

/// The scalar text under `key` of `node`, when it is a mapping that has one
/// (no finding either way: for peeking at a format or a referenced document).
pub fn key_text<'n>(node: &'n Node, key: &str) -> Option<&'n str> {
    match &node.kind {
        Kind::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.text() == Some(key))
            .and_then(|(_, v)| v.text()),
        _ => None,
    }
}

/// The findings of one import.
#[derive(Default)]
pub struct Reader {
    pub diagnostics: Vec<Diagnostic>,
}

/// A mapping of the document, its keys checked.
pub struct Map<'n> {
    pub node: &'n Node,
    entries: &'n [(Node, Node)],
    pub path: String,
}

impl<'n> Map<'n> {
    /// The value of `key`, unless absent or null.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.text() == Some(key))
            .map(|(_, v)| v)
            .filter(|v| v.kind != Kind::Null)
    }

    /// `PATH.key`.
    pub fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl Reader {
    pub fn error(&mut self, node: &Node, path: &str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(Some(node.location), path, message));
    }

    pub fn warn(&mut self, node: &Node, path: &str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(Some(node.location), path, message));
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Every finding, in document order.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics
            .sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
        self.diagnostics
    }

    /// `node` as a mapping whose keys are among `known`; an unknown key is
    /// an error that suggests the closest known one.
    pub fn map<'n>(&mut self, node: &'n Node, path: &str, known: &[&str]) -> Option<Map<'n>> {
        let Kind::Map(entries) = &node.kind else {
            self.error(
                node,
                path,
                format!("expected a mapping, found {}", node.describe()),
            );
            return None;
        };
        for (k, _) in entries {
            let key = k.text().unwrap_or_default();
            if !known.contains(&key) {
                let p = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                self.error(
                    k,
                    &p,
                    format!("unknown key \"{key}\"{}", suggest::hint(key, known)),
                );
            }
        }
        Some(Map {
            node,
            entries,
            path: path.to_string(),
        })
    }

    /// The entries of `node`, a mapping of any keys (labels).
    pub fn entries<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [(Node, Node)]> {
        match &node.kind {
            Kind::Map(entries) => Some(entries),
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected a mapping, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// The scalar text of `node`.
    pub fn text<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n str> {
        match node.text() {
            Some(t) => Some(t),
            None => {
                self.error(
                    node,
                    path,
                    format!("expected a value, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// The text of `map.key`, which must be given.
    pub fn required<'n>(&mut self, map: &Map<'n>, key: &str) -> Option<(&'n Node, &'n str)> {
        match map.get(key) {
            Some(v) => self.text(v, &map.path(key)).map(|t| (v, t)),
            None => {
                self.error(map.node, &map.path(key), format!("\"{key}\" is required"));
                None
            }
        }
    }

    /// The items of `node`, a list.
    pub fn seq<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        match &node.kind {
            Kind::Seq(items) => Some(items),
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected a list, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// `true`/`false` of `node`.
    pub fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        match node.text() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected true or false, found {}", node.describe()),
                );
                None
            }
        }
    }
}
