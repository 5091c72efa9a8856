//! The hand-worked cases of `tests/hand_cases/` against the reference
//! implementation: proves the reference gives the numbers worked out by hand
//! (and so that the property tests compare the engine with something right).

mod hand_cases;
mod reference;
mod support;

fn check(case: hand_cases::Case) {
    case.check_with(reference::evaluate);
}

#[test]
fn feb_2026_timeslices() {
    check(hand_cases::feb_2026_timeslices());
}

#[test]
fn seed_burn_rate() {
    check(hand_cases::seed_burn_rate());
}

#[test]
fn default_alert_factors() {
    check(hand_cases::default_alert_factors());
}

#[test]
fn occurrences_no_traffic() {
    check(hand_cases::occurrences_no_traffic());
}

#[test]
fn counter_reset() {
    check(hand_cases::counter_reset());
}

#[test]
fn rate_times_seconds() {
    check(hand_cases::rate_times_seconds());
}

#[test]
fn increase_and_roles() {
    check(hand_cases::increase_and_roles());
}

#[test]
fn gaps_and_coverage() {
    check(hand_cases::gaps_and_coverage());
}

#[test]
fn duplicates_keep_last() {
    check(hand_cases::duplicates_keep_last());
}

#[test]
fn exclusions_drop_time() {
    check(hand_cases::exclusions_drop_time());
}

#[test]
fn consumed_clipped_burn_not() {
    check(hand_cases::consumed_clipped_burn_not());
}

#[test]
fn exhaustion_fresh_budget() {
    check(hand_cases::exhaustion_fresh_budget());
}

#[test]
fn timeslices_idle_and_missing() {
    check(hand_cases::timeslices_idle_and_missing());
}

#[test]
fn kleene_rules() {
    check(hand_cases::kleene_rules());
}

#[test]
fn calendar_month_period() {
    check(hand_cases::calendar_month_period());
}

#[test]
fn calendar_month_boundary() {
    check(hand_cases::calendar_month_boundary());
}

#[test]
fn group_by_regions() {
    check(hand_cases::group_by_regions());
}

#[test]
fn threshold_gauge() {
    check(hand_cases::threshold_gauge());
}
