//! Data files and Prometheus, for the native CLI (feature `cli`).
//!
//! OWNER: report helper.
