//! Any text given as a policy document — YAML, JSON, or neither — must come
//! back as a policy or as diagnostics, never as a panic (SPEC §5: "No panic
//! on any input"). Both entry points are driven: `Engine::from_text` (the CLI
//! and WebAssembly path) and `policy::diagnose` (the editor path).
//!
//! Seeds: `fuzz/corpus/policy/` (valid YAML and JSON covering SPEC §1, and
//! malformed documents). Run: `cargo +nightly fuzz run policy fuzz/corpus/policy`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = slogate::Engine::from_text(text);
    let diagnostics = slogate::policy::diagnose(text);
    match engine {
        Ok(_) => {
            // A usable policy has no errors, only warnings.
            assert!(
                diagnostics
                    .iter()
                    .all(|d| d.severity == slogate::Severity::Warning),
                "from_text accepted a document diagnose() reports errors for: {diagnostics:?}"
            );
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a rejected document must say why");
            assert!(
                errors.0.iter().any(|d| d.severity == slogate::Severity::Error),
                "a rejected document must carry at least one error: {errors:?}"
            );
            // Every message renders (line/column formatting must not panic).
            let _ = errors.render("fuzz.yaml");
        }
    }
});
