//! The README's policy example is a real policy: it must keep parsing, with
//! no warnings, as the format evolves.

#[test]
fn the_readme_policy_example_parses_cleanly() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```yaml\n")
        .expect("a yaml block in the README")
        + "```yaml\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    let parsed = slogate::Policy::parse(&readme[start..end]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.policy.slos.len(), 2);
    assert_eq!(parsed.policy.rules.len(), 4);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}
