#!/usr/bin/env bash
# Fuzz smoke test: runs every cargo-fuzz target of fuzz/ for a short time,
# starting from the committed seed corpus, and fails if any target crashes
# (a panic, an overflow, a NaN in a report, a sanitizer finding).
#
#   scripts/fuzz-smoke.sh                  # every target, 30 s each
#   FUZZ_SECONDS=300 scripts/fuzz-smoke.sh policy
#
# Needs rustup with a nightly toolchain (installed here when missing) and
# crates.io; installs cargo-fuzz when `cargo fuzz` is missing. New inputs the
# fuzzer finds go to a scratch directory, not to fuzz/corpus/; crashes are
# written to fuzz/artifacts/<target>/ (ignored by git) with the command that
# reproduces them.
#
# Environment:
#   FUZZ_SECONDS   seconds per target (default 30)
#   FUZZ_JOBS      libFuzzer -fork workers (default 1: one process)
#   SLOGATE_FUZZ_MODEL_ONLY=1   evaluate: skip inputs whose policy is text
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

seconds="${FUZZ_SECONDS:-30}"
jobs="${FUZZ_JOBS:-1}"

if ! command -v rustup >/dev/null 2>&1; then
  echo "fuzz-smoke: rustup is required (https://rustup.rs)" >&2
  exit 2
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz"
  # Its own target directory: nothing of the project's build is touched.
  cargo install cargo-fuzz --locked
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/slogate-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

echo "fuzz-smoke: building the fuzz targets"
cargo +nightly fuzz build

failed=()
for target in "${targets[@]}"; do
  seeds="fuzz/corpus/$target"
  mkdir -p "$scratch/$target"
  corpora=("$scratch/$target")
  [ -d "$seeds" ] && corpora+=("$seeds")
  echo "fuzz-smoke: $target for ${seconds}s (seeds: $seeds)"
  fork_args=()
  [ "$jobs" -gt 1 ] && fork_args=(-fork="$jobs")
  if cargo +nightly fuzz run "$target" "${corpora[@]}" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 ${fork_args[@]+"${fork_args[@]}"}; then
    echo "fuzz-smoke: $target: no crash"
  else
    echo "fuzz-smoke: $target: CRASH (see fuzz/artifacts/$target/)" >&2
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz-smoke: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz-smoke: all targets ran ${seconds}s without a crash"
