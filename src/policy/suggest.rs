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
    // ASCII case only: field names are ASCII, and Unicode case tables would
    // add kilobytes to the WebAssembly build.
    let lower = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| {
            let longest = lower.chars().count().max(c.chars().count());
            *d <= (longest / 3).max(1)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
}
