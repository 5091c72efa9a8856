//! "Did you mean" suggestions: the closest allowed word to a misspelling.
//!
//! Distances are optimal-string-alignment (Damerau–Levenshtein with adjacent
//! transpositions), compared case-insensitively so `ApiVersion` suggests
//! `apiVersion`.

/// The edit distance between `a` and `b`: insertions, deletions,
/// substitutions and swaps of two adjacent characters each cost 1.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: i-2, i-1, i.
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo: at most a third of the longer word's length (and at least 1) edits
/// away, ignoring case.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let mut unbounded = usize::MAX;
    closest_within(word, candidates, &mut unbounded)
}

/// Like [`closest`], spending at most `budget` cells of the distance table
/// (|word| × |candidate| each), and taking what it spends from `budget`.
/// When the budget runs out there is no suggestion. For names the document
/// defines (levels, alerts), where every misspelt reference would otherwise
/// be compared with every name.
pub fn closest_within<'a>(
    word: &str,
    candidates: &[&'a str],
    budget: &mut usize,
) -> Option<&'a str> {
    // ASCII case only: field names are ASCII, and Unicode case tables would
    // add kilobytes to the WebAssembly build.
    let lower = word.to_ascii_lowercase();
    let length = lower.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for &c in candidates {
        let c_length = c.chars().count();
        let longest = length.max(c_length);
        let allowed = (longest / 3).max(1);
        // The distance is at least the difference in length: no table needed.
        if length.abs_diff(c_length) > allowed {
            continue;
        }
        let cells = length.saturating_mul(c_length);
        if cells > *budget {
            return None;
        }
        *budget -= cells;
        let d = distance(&lower, &c.to_ascii_lowercase());
        if d <= allowed && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
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
    shown.join(", ")
}

/// ` (did you mean "X"?)` when a candidate is close, else `: expected one of
/// a, b, c` listing every candidate. Appended to "unknown ..." messages.
pub fn hint(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates) {
        Some(c) => format!(" (did you mean \"{c}\"?)"),
        None => format!(": expected one of {}", candidates.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("objetcive", "objective"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("windw", "window"), 1);
    }

    #[test]
    fn suggests_only_close_words() {
        let keys = ["objective", "window", "budgeting", "sli"];
        assert_eq!(closest("objectiv", &keys), Some("objective"));
        assert_eq!(closest("Window", &keys), Some("window"));
        assert_eq!(closest("slo", &keys), Some("sli"));
        assert_eq!(closest("zzzzzz", &keys), None);
        assert_eq!(
            hint("zzzzzz", &keys),
            ": expected one of objective, window, budgeting, sli"
        );
        assert_eq!(hint("windows", &keys), " (did you mean \"window\"?)");
    }

    #[test]
    fn a_budget_bounds_the_work() {
        let levels = ["ok", "freeze", "catastrophic-breach"];
        let mut budget = 1_000;
        assert_eq!(
            closest_within("freze", &levels, &mut budget),
            Some("freeze")
        );
        // Only "freeze" is within reach by length: 5 × 6 cells spent.
        assert_eq!(budget, 1_000 - 30);
        let mut budget = 29;
        assert_eq!(closest_within("freze", &levels, &mut budget), None);
    }

    #[test]
    fn listings_stay_short() {
        assert_eq!(listing(&["a", "b"]), "a, b");
        let many: Vec<String> = (0..25).map(|i| format!("level-{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            listing(&many),
            "level-0, level-1, level-2, level-3, level-4, level-5, level-6, level-7, level-8, level-9, … (25 in all)"
        );
        let long = "x".repeat(100);
        assert_eq!(listing(&[&long]), format!("{}…", "x".repeat(40)));
    }
}
