//! A rule's `slos`: SLO names and glob patterns (`*` any run of
//! characters, `?` one), resolved to the SLOs of the document.

/// The longest pattern accepted: matching is linear in the name for a
/// bounded pattern (the greedy algorithm below backtracks at most once per
/// pattern character per name character).
pub const MAX_PATTERN_CHARS: usize = 256;

/// Whether `name` matches `pattern` (`*`, `?`, every other character
/// itself), over characters, not bytes.
pub fn matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut i, mut j) = (0, 0);
    // Where the last `*` was, and where in the name it started matching.
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || (p[i] != '*' && p[i] == n[j])) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            // Let the last `*` take one more character, and retry after it.
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

/// Whether `entry` is a pattern rather than a name.
pub fn is_pattern(entry: &str) -> bool {
    entry.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(matches("latency-*", "latency-p99"));
        assert!(matches("latency-*", "latency-"));
        assert!(!matches("latency-*", "latency"));
        assert!(matches("*-p9?", "search-p99"));
        assert!(!matches("*-p9?", "search-p9"));
        assert!(matches("a*b*c", "axxbyyc"));
        assert!(!matches("a*b*c", "axxbyy"));
        assert!(matches("*", ""));
        assert!(matches("task-availability", "task-availability"));
        assert!(!matches("task-availability", "task-availability-daily"));
        assert!(matches("é?", "éü"));
        // A pathological pattern stays fast (linear in the name).
        let name = "a".repeat(100_000);
        assert!(!matches(&format!("{}b", "*a".repeat(128)), &name));
        assert!(is_pattern("x*") && is_pattern("x?") && !is_pattern("x"));
    }
}
