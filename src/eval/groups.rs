//! `groupBy`: one SLO instance per distinct value of the grouping labels.
//!
//! The series are grouped once, by sorting them on their key, so the cost is
//! O(n log n) in the number of series whatever the number of groups (testing
//! every series against every group was O(groups × series): 20,000 label
//! values took more than 20 s). A hash map would do the same in O(n) but
//! adds its hashing code to the WebAssembly module, and the sort is already
//! there (`crate::sort`).

use super::measure::Role;
use super::RoleData;
use crate::policy::Slo;

/// One instance: its key (a value per `groupBy` label, `""` where a series
/// lacks the label) and, per role in the SLI's order, that role's series
/// with the key, in input order. A role may have no series in an instance:
/// it has no data there.
pub struct Instance<'c, 'd> {
    pub key: Vec<&'d str>,
    pub roles: Vec<Role<'c, 'd>>,
}

/// The SLO's instances, ordered by key. Without `groupBy` (or without any
/// series) there is one, with the empty key.
pub fn instances<'c, 'd>(slo: &Slo, roles: &[RoleData<'d, 'c>]) -> Vec<Instance<'c, 'd>> {
    // (key, role, series), role by role and each role's series in input
    // order: the stable sort keeps that order within a key.
    let mut entries: Vec<(Vec<&'d str>, usize, usize)> = Vec::new();
    for (r, role) in roles.iter().enumerate() {
        for (i, (series, _)) in role.series.iter().enumerate() {
            entries.push((series.label_values(&slo.group_by), r, i));
        }
    }
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    let no_series = || roles.iter().map(|_| Role { series: Vec::new() }).collect();
    let mut instances: Vec<Instance> = Vec::new();
    for (key, r, i) in entries {
        if instances.last().is_none_or(|last| last.key != key) {
            instances.push(Instance {
                key,
                roles: no_series(),
            });
        }
        let instance = instances.last_mut().expect("pushed above");
        let role = &roles[r];
        let (series, clean) = role.series[i];
        instance.roles[r]
            .series
            .push((series, clean, series.kind.unwrap_or(role.reference.kind)));
    }
    if instances.is_empty() {
        instances.push(Instance {
            key: slo.group_by.iter().map(|_| "").collect(),
            roles: no_series(),
        });
    }
    instances
}
