//! The hand-worked cases of `tests/hand_cases/` against the reference
//! implementation: proves the reference gives the numbers worked out by hand
//! (and so that the property tests compare the engine with something right).

mod hand_cases;
mod reference;
mod support;

fn check(case: hand_cases::Case) {
    case.check_with(reference::evaluate);
}

hand_worked_tests!(check);
