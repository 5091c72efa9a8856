//! What the CLI tests share: a scratch directory with a policy in it, and
//! the `slogate` binary run there.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch directory holding `policy.yaml`, removed when dropped.
pub struct Scratch(pub PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh `slogate-{prefix}-{name}-{pid}` directory with `policy` as
/// `policy.yaml`.
pub fn scratch(prefix: &str, name: &str, policy: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("slogate-{prefix}-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("policy.yaml"), policy).unwrap();
    Scratch(dir)
}

/// The `slogate` binary run in `dir`, without colour.
pub fn slogate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slogate"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
