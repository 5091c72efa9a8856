//! A small YAML tree with positions, built from `saphyr-parser` events.
//!
//! JSON is read the same way (it is YAML flow syntax). Every scalar stays
//! text: the decoder decides what `99.9%` or `28d` mean. Refused, with a
//! diagnostic: syntax errors, aliases, duplicate keys, non-scalar keys, more
//! than one document, nesting deeper than [`MAX_DEPTH`]. The tree is built
//! with an explicit stack, not recursion, and its depth is capped, so the
//! code that walks it (decoding, dropping) cannot exhaust the stack.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostic::{Diagnostic, Location};

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;

/// A node of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Where the node starts (for a quoted scalar: the opening quote).
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Keys are scalars, unique, in document order.
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
    Scalar {
        text: String,
        style: Style,
    },
    /// `null`, `~`, or nothing at all (`key:`).
    Null,
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// `'…'` or `"…"`: the text starts one column after [`Node::location`].
    Quoted,
    /// `|` or `>` blocks: the text starts on a later line.
    Block,
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Its nodes plus the bytes of its scalars: about what decoding a copy of
    /// it costs (`spec.defaults` is copied into every SLO).
    pub fn size(&self) -> usize {
        1 + match &self.kind {
            Kind::Map(entries) => entries.iter().map(|(k, v)| k.size() + v.size()).sum(),
            Kind::Seq(items) => items.iter().map(Node::size).sum(),
            Kind::Scalar { text, .. } => text.len(),
            Kind::Null => 0,
        }
    }

    /// What this node is, for "expected …, found …" messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            Kind::Map(_) => "a mapping".into(),
            Kind::Seq(_) => "a list".into(),
            Kind::Null => "nothing (null)".into(),
            Kind::Scalar { text, .. } => format!("\"{}\"", shorten(text, 60)),
        }
    }
}

/// `text` cut to its first `chars` characters, with `…` when cut: document
/// text quoted in a message stays short.
pub fn shorten(text: &str, chars: usize) -> String {
    let mut short: String = text.chars().take(chars).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

fn location(span: &Span) -> Location {
    let to_u32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    Location {
        line: to_u32(span.start.line()),
        column: to_u32(span.start.col()).saturating_add(1),
    }
}

/// A collection under construction.
enum Open {
    Map {
        location: Location,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
    Seq {
        location: Location,
        items: Vec<Node>,
    },
}

/// Refuses a mapping that gives a key twice, at the first repeat in
/// document order. Checked when the mapping ends, all keys at once
/// ([`unique`](super::unique): n·log n, not a scan of the earlier keys per key).
fn unique_keys(entries: &[(Node, Node)]) -> Result<(), Diagnostic> {
    let Some(&(repeat, first)) = super::unique::repeats(entries, |(k, _)| k.text()).first() else {
        return Ok(());
    };
    let (key, first) = (&entries[repeat].0, &entries[first].0);
    Err(Diagnostic::error(
        Some(key.location),
        "",
        format!(
            "duplicate key \"{}\" at line {}: it was already given at line {}; keep one",
            key.text().unwrap_or_default(),
            key.location.line,
            first.location.line
        ),
    ))
}

/// Parses `text` into one document's root node. `Ok(None)` for an empty
/// document (only comments or whitespace).
pub fn parse(text: &str) -> Result<Option<Node>, Diagnostic> {
    Ok(parse_documents(text, false)?.pop())
}

/// Parses every document of `text` (`---` separated, as OpenSLO files hold
/// several), each with the same checks; empty documents are left out.
pub fn parse_stream(text: &str) -> Result<Vec<Node>, Diagnostic> {
    parse_documents(text, true)
}

fn parse_documents(text: &str, several: bool) -> Result<Vec<Node>, Diagnostic> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut roots: Vec<Node> = Vec::new();
    let mut documents = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                let loc = Location {
                    line: u32::try_from(m.line()).unwrap_or(u32::MAX),
                    column: u32::try_from(m.col()).unwrap_or(u32::MAX).saturating_add(1),
                };
                return Err(Diagnostic::error(
                    Some(loc),
                    "",
                    format!("invalid YAML: {}", e.info()),
                ));
            }
        };
        let here = location(&span);
        let node = match event {
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 && !several {
                    return Err(Diagnostic::error(
                        Some(here),
                        "",
                        "a policy file holds one document: remove the second \"---\" or split the file",
                    ));
                }
                continue;
            }
            Event::DocumentEnd => {
                // An explicit document with nothing in it is a null scalar.
                roots.extend(root.take().filter(|r| r.kind != Kind::Null));
                continue;
            }
            Event::StreamStart | Event::Nothing => continue,
            Event::Alias(_) => {
                return Err(Diagnostic::error(
                    Some(here),
                    "",
                    "YAML aliases (*name) are not supported: write the value out, or put shared SLO fields in spec.defaults",
                ))
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(
                        Some(here),
                        "",
                        format!("the document is nested too deeply (more than {MAX_DEPTH} levels)"),
                    ));
                }
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Open::Map { location: here, entries: Vec::new(), key: None }
                } else {
                    Open::Seq { location: here, items: Vec::new() }
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(Open::Map { location, entries, .. }) => {
                    unique_keys(&entries)?;
                    Node { kind: Kind::Map(entries), location }
                }
                Some(Open::Seq { location, items }) => Node { kind: Kind::Seq(items), location },
                None => continue,
            },
            Event::Scalar(text, style, _, _) => {
                let kind = if style == ScalarStyle::Plain && matches!(&*text, "" | "~" | "null" | "Null" | "NULL") {
                    Kind::Null
                } else {
                    let style = match style {
                        ScalarStyle::Plain => Style::Plain,
                        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                        ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                    };
                    Kind::Scalar { text: text.into_owned(), style }
                };
                Node { kind, location: here }
            }
        };
        // Attach the finished node to its parent.
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => {
                    if node.text().is_none() {
                        return Err(Diagnostic::error(
                            Some(node.location),
                            "",
                            format!("a key must be a name, found {}", node.describe()),
                        ));
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    roots.extend(root.filter(|r| r.kind != Kind::Null));
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, style: Style, line: u32, column: u32) -> Node {
        Node {
            kind: Kind::Scalar {
                text: text.into(),
                style,
            },
            location: Location { line, column },
        }
    }

    #[test]
    fn builds_a_tree_with_positions() {
        let root = parse("a: 1\nb:\n  - 'x'\n  - ~\n").unwrap().unwrap();
        let Kind::Map(entries) = root.kind else {
            panic!("not a map")
        };
        assert_eq!(
            entries[0],
            (
                scalar("a", Style::Plain, 1, 1),
                scalar("1", Style::Plain, 1, 4)
            )
        );
        assert_eq!(entries[1].0, scalar("b", Style::Plain, 2, 1));
        let Kind::Seq(items) = &entries[1].1.kind else {
            panic!("not a seq")
        };
        assert_eq!(items[0], scalar("x", Style::Quoted, 3, 5));
        assert_eq!(items[1].kind, Kind::Null);
    }

    #[test]
    fn reads_json() {
        let root = parse("{\"a\": [1, \"2\"],\n \"b\":{}}").unwrap().unwrap();
        let Kind::Map(entries) = root.kind else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0, scalar("a", Style::Quoted, 1, 2));
        assert_eq!(entries[1].0.location, Location { line: 2, column: 2 });
        assert_eq!(entries[1].1.kind, Kind::Map(vec![]));
    }

    #[test]
    fn refuses_what_it_cannot_represent() {
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.location, Some(Location { line: 3, column: 1 }));
        assert_eq!(
            e.message,
            "duplicate key \"a\" at line 3: it was already given at line 1; keep one"
        );
        let e = parse("a: &x 1\nb: *x\n").unwrap_err();
        assert_eq!(e.location, Some(Location { line: 2, column: 4 }));
        assert!(e
            .message
            .starts_with("YAML aliases (*name) are not supported"));
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.location.map(|l| l.line), Some(2));
        assert!(e.message.starts_with("a policy file holds one document"));
        let e = parse("? [a]\n: 1\n").unwrap_err();
        assert_eq!(e.message, "a key must be a name, found a list");
        assert_eq!(parse("# nothing\n").unwrap(), None);
    }

    #[test]
    fn a_stream_holds_several_documents() {
        let docs = parse_stream("a: 1\n---\n# empty\n---\nb: 2\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].location.line, 5);
        assert!(parse_stream("a: 1\n---\nb: *x\n").is_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse("a: 1\n b: 2\n").unwrap_err();
        assert!(e.message.starts_with("invalid YAML: "), "{}", e.message);
        assert_eq!(e.location.map(|l| l.line), Some(2));
        let e = parse("{\"a\": 1,\n \"b\" 2}").unwrap_err();
        assert!(e.message.starts_with("invalid YAML: "), "{}", e.message);
        assert_eq!(e.location.map(|l| l.line), Some(2));
    }

    #[test]
    fn nesting_is_capped() {
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let e = parse(&deep).unwrap_err();
        assert_eq!(
            e.message,
            "the document is nested too deeply (more than 64 levels)"
        );
        assert_eq!(
            e.location,
            Some(Location {
                line: 1,
                column: 65
            })
        );
        // saphyr's own limit stops far deeper input before it costs anything.
        let deeper = format!("{}1{}", "{a: ".repeat(100_000), "}".repeat(100_000));
        assert!(parse(&deeper).is_err());
        let ok = format!("{}1{}", "[".repeat(60), "]".repeat(60));
        assert!(parse(&ok).is_ok());
    }
}
