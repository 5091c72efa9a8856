//! Tests of the fields that go through the time helpers: time zones other
//! than UTC (`Zone::get`) and recurrence rules (`RRule::parse`).

use super::tests::SPEC_EXAMPLE;
use super::*;
use crate::diagnostic::Severity;

#[test]
fn full_spec_example_with_recurring_exclusion() {
    let text = SPEC_EXAMPLE.replace(
        "reason: planned DB restart}\n",
        "reason: planned DB restart}\n        - {start: 2026-02-01T02:00:00Z, duration: 2h, rrule: \"FREQ=WEEKLY;BYDAY=SU\", reason: maintenance}\n",
    );
    let p = Policy::parse(&text)
        .unwrap_or_else(|e| panic!("{e}"))
        .policy;
    let x = &p.slos[0].exclude[1];
    assert!(x.rrule.is_some());
    assert_eq!(x.end - x.start, 2 * crate::time::HOUR);
}

#[test]
fn calendar_window_in_a_zone() {
    let text = SPEC_EXAMPLE.replace("timeZone: UTC", "timeZone: Europe/Berlin");
    let p = Policy::parse(&text)
        .unwrap_or_else(|e| panic!("{e}"))
        .policy;
    assert!(
        matches!(&p.slos[0].window, Window::Calendar { zone, .. } if zone.name() == "Europe/Berlin")
    );
}

#[test]
fn bad_zone_and_rrule_are_errors_at_their_place() {
    let text = SPEC_EXAMPLE.replace("timeZone: UTC", "timeZone: Europe/Berln");
    let Err(Diagnostics(d)) = Policy::parse(&text) else {
        panic!("expected an error")
    };
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(d[0].path, "spec.slos[0].window.timeZone");
    assert_eq!(d[0].location.map(|l| (l.line, l.column)), Some((14, 43))); // "Europe/Berln" starts at column 43
    let text = SPEC_EXAMPLE.replace(
        "reason: planned DB restart}",
        "rrule: \"FREQ=SOMETIMES\", reason: planned DB restart}",
    );
    let Err(Diagnostics(d)) = Policy::parse(&text) else {
        panic!("expected an error")
    };
    assert_eq!(d[0].path, "spec.slos[0].exclude[0].rrule");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn mutated_spec_with_zone_never_panics(at in 0usize..1800, insert in "[{}\\[\\]:,'\"&*\n -]{0,3}") {
            let mut text = SPEC_EXAMPLE.to_string();
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            text.insert_str(at, &insert);
            let _ = Policy::parse(&text);
        }
    }
}
