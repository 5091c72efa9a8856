//! Hand-worked tests against the engine (`Engine::evaluate`). Each case's
//! arithmetic is written out in `tests/hand_cases/mod.rs`; the same cases are
//! run against the reference implementation in `tests/reference_selfcheck.rs`.

mod hand_cases;
mod support;

use slogate::Engine;

fn check(case: hand_cases::Case) {
    case.check_with(|policy, data, at| {
        let engine = Engine {
            policy: policy.clone(),
            warnings: Vec::new(),
        };
        engine.evaluate(data, at).expect("evaluation succeeds")
    });
}

hand_worked_tests!(check);
