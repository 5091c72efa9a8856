//! The `slogate` command line. OWNER: report helper.
fn main() {}
