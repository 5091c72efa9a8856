//! The module graph has no cycles (the engineering guide's rule; how to read
//! a failure: docs/platform.md ends with it). Run alone with
//! `scripts/module-cycles`.
//!
//! Checked at every level of the tree, for the library (`src/lib.rs`) and
//! the CLI (`src/bin/slogate.rs`): between the top-level modules, and
//! between the children of each module. A file's references to another
//! module — `use crate::…`, `super::…`, `self::…`, a child's name, or such a
//! path anywhere in the code, tests included — are edges; an edge from
//! `a::b::x` to `a::c::y` is an edge `b → c` among the children of `a`. A
//! module and its own descendants may refer to each other (a parent
//! re-exports what its children define, a child uses its parent's types).
//!
//! A small reader of Rust text, not a compiler: comments, strings and
//! character literals are skipped, paths are read from the tokens. It needs
//! no tool beyond cargo, so it runs in the test command.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path from the crate root (`["time", "zone"]`), and where its
/// file is.
#[derive(Debug)]
struct Module {
    path: Vec<String>,
    source: String,
    /// The file it was read from, for messages.
    file: String,
}

/// One reference: from a module to another, where.
#[derive(Clone, Debug)]
struct Edge {
    to: Vec<String>,
    /// `file:line`, and the path as written.
    at: String,
}

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Colons,
    Punct(char),
}

/// The tokens of `source` that make paths, with their line numbers:
/// identifiers, `::` and punctuation; comments, strings, characters and
/// lifetimes skipped.
fn tokens(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else if i >= chars.len() {
                    break;
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == 'r'
            && (at(i + 1) == '"' || at(i + 1) == '#' && matches!(at(i + 2), '"' | '#'))
            || c == 'b' && at(i + 1) == 'r' && matches!(at(i + 2), '"' | '#')
        {
            // A raw string: r"…", r#"…"#, br"…".
            i += if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while at(i) == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1; // the opening quote
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                    i += 1 + hashes;
                    break;
                }
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                line += usize::from(at(i) == '\n');
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1f}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // b"…" and b'…' are byte strings and bytes: skip the prefix.
            if word == "b" && matches!(at(i), '"' | '\'') {
                continue;
            }
            out.push((Token::Ident(word), line));
        } else if c == ':' && at(i + 1) == ':' {
            out.push((Token::Colons, line));
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push((Token::Punct(c), line));
            }
            i += 1;
        }
    }
    out
}

/// Reads the crate whose root file is `root` (its children live in
/// `children_dir`), following `mod name;` declarations.
fn read_crate(root: &Path, children_dir: &Path) -> Vec<Module> {
    let mut modules = Vec::new();
    read_module(root, children_dir, Vec::new(), &mut modules);
    modules
}

fn read_module(file: &Path, children_dir: &Path, path: Vec<String>, out: &mut Vec<Module>) {
    let source = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let toks = tokens(&source);
    // `mod name;` (not `mod name { … }`, read as part of this file).
    let children: Vec<String> = toks
        .windows(3)
        .filter_map(|w| match w {
            [(Token::Ident(m), _), (Token::Ident(name), _), (Token::Punct(';'), _)]
                if m == "mod" =>
            {
                Some(name.clone())
            }
            _ => None,
        })
        .collect();
    out.push(Module {
        path: path.clone(),
        source,
        file: file.display().to_string(),
    });
    for name in children {
        let flat = children_dir.join(format!("{name}.rs"));
        let (child_file, grandchildren) = if flat.exists() {
            (flat, children_dir.join(&name))
        } else {
            (
                children_dir.join(&name).join("mod.rs"),
                children_dir.join(&name),
            )
        };
        let mut child = path.clone();
        child.push(name);
        read_module(&child_file, &grandchildren, child, out);
    }
}

/// Every path of `module`'s text that names a module of the crate, as an
/// absolute path (`crate::`, `super::`, `self::`, or a child's name first;
/// `use` groups expanded). Inline modules (`mod tests { … }`) are followed
/// for `super::`.
fn references(module: &Module, known: &BTreeSet<Vec<String>>) -> Vec<(Vec<String>, usize)> {
    let toks = tokens(&module.source);
    let mut out = Vec::new();
    // The inline modules open at each brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].0 {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(m) if m == "mod" => {
                if let (Some((Token::Ident(name), _)), Some((Token::Punct('{'), _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth));
                }
            }
            _ => {}
        }
        let here: Vec<String> = module
            .path
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        let starts_path = i == 0 || toks[i - 1].0 != Token::Colons;
        if let (true, Token::Ident(word)) = (starts_path, &toks[i].0) {
            if word == "use" {
                let mut j = i + 1;
                let mut paths = Vec::new();
                use_tree(&toks, &mut j, Vec::new(), &mut paths);
                for (p, line) in paths {
                    if let Some(abs) = absolute(&here, &p, known) {
                        out.push((abs, line));
                    }
                }
                i = j;
                continue;
            }
            if toks.get(i + 1).map(|t| &t.0) == Some(&Token::Colons) {
                let (p, j) = plain_path(&toks, i);
                if let Some(abs) = absolute(&here, &p, known) {
                    out.push((abs, toks[i].1));
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `a::b::c` from `toks[i]` on; returns it and the index after it.
fn plain_path(toks: &[(Token, usize)], mut i: usize) -> (Vec<String>, usize) {
    let mut path = Vec::new();
    while let Some((Token::Ident(w), _)) = toks.get(i) {
        path.push(w.clone());
        if toks.get(i + 1).map(|t| &t.0) != Some(&Token::Colons) {
            return (path, i + 1);
        }
        i += 2;
    }
    (path, i)
}

/// A `use` tree from `toks[*j]` on, each leaf path prefixed by `prefix`.
fn use_tree(
    toks: &[(Token, usize)],
    j: &mut usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, usize)>,
) {
    let mut path = prefix;
    let line = toks.get(*j).map_or(0, |t| t.1);
    loop {
        match toks.get(*j).map(|t| &t.0) {
            Some(Token::Ident(w)) if w == "as" => {
                *j += 2;
            }
            Some(Token::Ident(w)) => {
                if w != "self" || path.is_empty() {
                    path.push(w.clone());
                }
                *j += 1;
            }
            Some(Token::Colons) => *j += 1,
            Some(Token::Punct('{')) => {
                *j += 1;
                loop {
                    use_tree(toks, j, path.clone(), out);
                    match toks.get(*j).map(|t| &t.0) {
                        Some(Token::Punct(',')) => *j += 1,
                        Some(Token::Punct('}')) => {
                            *j += 1;
                            return;
                        }
                        _ => return,
                    }
                    if toks.get(*j).map(|t| &t.0) == Some(&Token::Punct('}')) {
                        *j += 1;
                        return;
                    }
                }
            }
            Some(Token::Punct('*')) => *j += 1,
            _ => {
                out.push((path, line));
                return;
            }
        }
    }
}

/// The module `path` (read in module `here`) names: the longest known
/// module its absolute form starts with. `None` for other crates and for
/// paths that name no module of this crate.
fn absolute(
    here: &[String],
    path: &[String],
    known: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut abs: Vec<String> = match path.first()?.as_str() {
        "crate" | "$crate" => Vec::new(),
        "self" => here.to_vec(),
        "super" => here.to_vec(),
        first => {
            let mut child = here.to_vec();
            child.push(first.to_string());
            if !known.contains(&child) {
                return None;
            }
            here.to_vec()
        }
    };
    let mut rest = path;
    if matches!(path[0].as_str(), "crate" | "self") {
        rest = &path[1..];
    }
    while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (h.as_str(), t)) {
        abs.pop()?;
        rest = tail;
    }
    let mut best = None;
    for segment in rest {
        abs.push(segment.clone());
        if known.contains(&abs) {
            best = Some(abs.clone());
        }
    }
    if best.is_some() {
        return best;
    }
    // `super::Item`, `crate::Item`: the nearest module it starts with.
    while !abs.is_empty() && !known.contains(&abs) {
        abs.pop();
    }
    Some(abs)
}

/// The edges among the children of each module: `level` → (from → to →
/// where).
type Levels = BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, Edge>>>;

fn levels(modules: &[Module]) -> Levels {
    let known: BTreeSet<Vec<String>> = modules.iter().map(|m| m.path.clone()).collect();
    let mut levels = Levels::new();
    for m in modules {
        for (to, line) in references(m, &known) {
            let common = m.path.iter().zip(&to).take_while(|(a, b)| a == b).count();
            // One is the other's ancestor (or itself): not among siblings.
            let (Some(a), Some(b)) = (m.path.get(common), to.get(common)) else {
                continue;
            };
            let edge = Edge {
                to: to.clone(),
                at: format!("{}:{line}", relative(&m.file)),
            };
            levels
                .entry(m.path[..common].to_vec())
                .or_default()
                .entry(a.clone())
                .or_default()
                .entry(b.clone())
                .or_insert(edge);
        }
    }
    levels
}

/// One cycle per tangle (strongly connected set of modules) at each level,
/// each step with the reference that makes it.
fn cycles(modules: &[Module]) -> Vec<String> {
    let name = |m: &[String]| {
        if m.is_empty() {
            "crate".to_string()
        } else {
            m.join("::")
        }
    };
    let mut found = Vec::new();
    for (level, graph) in levels(modules) {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for start in graph.keys() {
            if seen.contains(start) {
                continue;
            }
            let Some(cycle) = shortest_cycle(&graph, start) else {
                continue;
            };
            seen.extend(cycle.iter().cloned());
            let mut text = format!(
                "cycle among the children of `{}`: {}",
                name(&level),
                cycle.join(" → ")
            );
            for pair in cycle.windows(2) {
                let e = &graph[&pair[0]][&pair[1]];
                text.push_str(&format!(
                    "\n  {} → {}: {} uses {}",
                    pair[0],
                    pair[1],
                    e.at,
                    name(&e.to)
                ));
            }
            found.push(text);
        }
    }
    found
}

/// The shortest path from `start` back to itself (`a → b → a`), by a
/// breadth-first search.
fn shortest_cycle(
    graph: &BTreeMap<String, BTreeMap<String, Edge>>,
    start: &str,
) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            if next == start {
                let mut back = Vec::new();
                let mut at = node;
                while at != start {
                    back.push(at.to_string());
                    at = came_from[at];
                }
                back.reverse();
                let mut cycle = vec![start.to_string()];
                cycle.extend(back);
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if !came_from.contains_key(next.as_str()) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// `file` from the crate's directory on.
fn relative(file: &str) -> &str {
    file.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .map_or(file, |f| f.trim_start_matches('/'))
}

/// Each crate, its modules, and how many it has at least (so that a reader
/// that silently stops finding files cannot pass for a graph without cycles).
fn crates() -> Vec<(&'static str, Vec<Module>, usize)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    vec![
        (
            "library (src/lib.rs)",
            read_crate(&src.join("lib.rs"), &src),
            40,
        ),
        (
            "CLI (src/bin/slogate.rs)",
            read_crate(&src.join("bin/slogate.rs"), &src.join("bin/slogate")),
            4,
        ),
    ]
}

#[test]
fn the_module_graph_has_no_cycles() {
    let mut report = Vec::new();
    for (name, modules, at_least) in crates() {
        assert!(
            modules.len() >= at_least,
            "{name}: read only {} modules",
            modules.len()
        );
        for cycle in cycles(&modules) {
            report.push(format!("{name}: {cycle}"));
        }
    }
    assert!(
        report.is_empty(),
        "the module graph has cycles (move what both sides need to a module both can depend on):\n{}",
        report.join("\n")
    );
}

/// The reader on a made-up crate: a cycle between top-level modules through
/// a `use` group, one between siblings through `super::`, and references
/// that are no edges (a parent and its child, comments, strings).
#[test]
fn finds_cycles_at_every_level() {
    let module = |path: &[&str], source: &str| Module {
        path: path.iter().map(|s| s.to_string()).collect(),
        source: source.to_string(),
        file: format!("{}.rs", path.join("/")),
    };
    let modules = vec![
        module(&[], "pub mod a;\npub mod b;\npub mod c;"),
        module(
            &["a"],
            "mod x;\nmod y;\npub use x::X;\nuse crate::{b::{self, Thing}};",
        ),
        module(
            &["a", "x"],
            "use super::y::Y; // crate::c\nconst S: &str = \"crate::c::Z\";",
        ),
        module(
            &["a", "y"],
            "fn f() { super::x::g(); let c = '{'; }\nfn h<'a>() {}",
        ),
        module(
            &["b"],
            "/* crate::c */ pub struct Thing;\nfn f() { crate::a::x::g() }",
        ),
        module(
            &["c"],
            "#[cfg(test)]\nmod tests { use super::super::b::Thing; }",
        ),
    ];
    let found = cycles(&modules);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("cycle among the children of `crate`: a → b → a"),
        "{}",
        found[0]
    );
    assert!(found[0].contains("a → b: a.rs:4 uses b"), "{}", found[0]);
    assert!(found[0].contains("b → a: b.rs:2 uses a::x"), "{}", found[0]);
    assert!(
        found[1].starts_with("cycle among the children of `a`: x → y → x"),
        "{}",
        found[1]
    );
    // `c` → `b` is an edge, but no cycle goes through it, and neither the
    // comment nor the string makes `x` or `b` depend on `c`.
    let levels = levels(&modules);
    assert!(levels[&vec![]]["c"].contains_key("b"));
    assert!(!levels[&vec![]]
        .get("b")
        .is_some_and(|e| e.contains_key("c")));
}
