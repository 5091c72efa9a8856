//! "Did you mean" suggestions: the closest allowed word to a misspelling,
//! for every message that has one (policy keys and names, `when` terms, time
//! zones, RRULE parts, the CLI's `--gate`).
//!
//! One distance and one cut-off: optimal-string-alignment distance
//! (Damerau–Levenshtein with adjacent transpositions), compared ignoring
//! ASCII case so `ApiVersion` suggests `apiVersion`, and a word is a likely
//! typo of a candidate at most a third of the longer one's length (and at
//! least 1) edits away.

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
/// typo (see the module's docs).
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
    let mut candidates = candidates.iter();
    closest_keyed(word, &mut || candidates.next().map(|&c| (c, c)), budget)
}

/// Like [`closest_within`], for candidates compared under one spelling and
/// answered under another: each is `(compared, answer)`; the first of the
/// closest wins. Time zones compare `Berlin` with `Europe/Berlin`'s last
/// segment, and answer the whole name. `next` gives the candidates one by
/// one: a closure and not an iterator or a type parameter, so that the
/// WebAssembly module holds one copy of this and no iterator adaptors.
pub fn closest_keyed<'c>(
    word: &str,
    next: &mut dyn FnMut() -> Option<(&'c str, &'c str)>,
    budget: &mut usize,
) -> Option<&'c str> {
    // ASCII case only: names are ASCII, and Unicode case tables would add
    // kilobytes to the WebAssembly build.
    let lower = word.to_ascii_lowercase();
    let length = lower.chars().count();
    let mut best: Option<(usize, &'c str)> = None;
    while let Some((compared, answer)) = next() {
        let c_length = compared.chars().count();
        let allowed = (length.max(c_length) / 3).max(1);
        // The distance is at least the difference in length: no table needed.
        if length.abs_diff(c_length) > allowed {
            continue;
        }
        let cells = length.saturating_mul(c_length);
        if cells > *budget {
            return None;
        }
        *budget -= cells;
        let d = distance(&lower, &compared.to_ascii_lowercase());
        if d <= allowed && best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((d, answer));
        }
    }
    best.map(|(_, answer)| answer)
}

/// ` (did you mean "X"?)` when a candidate is close, else nothing.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default()
}

/// ` (did you mean "X"?)` when a candidate is close, else `: expected one of
/// a, b, c` listing every candidate. Appended to "unknown ..." messages.
pub fn hint(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates) {
        Some(c) => format!(" (did you mean \"{c}\"?)"),
        None => format!(": expected one of {}", crate::join::join(candidates, ", ")),
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

    fn keyed<'c>(pairs: &'c [(&'c str, &'c str)]) -> impl FnMut() -> Option<(&'c str, &'c str)> {
        let mut pairs = pairs.iter();
        move || pairs.next().copied()
    }

    #[test]
    fn keyed_candidates_answer_under_their_own_name() {
        let zones = [
            ("Europe/Berlin", "Europe/Berlin"),
            ("Berlin", "Europe/Berlin"),
            ("Paris", "Europe/Paris"),
        ];
        let mut budget = usize::MAX;
        assert_eq!(
            closest_keyed("berln", &mut keyed(&zones), &mut budget),
            Some("Europe/Berlin")
        );
        assert_eq!(
            closest_keyed("Lisbon", &mut keyed(&zones), &mut budget),
            None
        );
    }

    #[test]
    fn did_you_mean_or_nothing() {
        let parts = ["BYDAY", "BYMONTH", "MO", "TU"];
        assert_eq!(did_you_mean("BYDAYS", &parts), " (did you mean \"BYDAY\"?)");
        assert_eq!(
            did_you_mean("bymonht", &parts),
            " (did you mean \"BYMONTH\"?)"
        );
        // Two letters, two edits: too far to be a typo.
        assert_eq!(did_you_mean("XX", &parts), "");
    }
}
