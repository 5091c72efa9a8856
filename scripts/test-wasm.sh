#!/usr/bin/env bash
# Every test of the WebAssembly package, installing what is missing first
# (idempotent): build + size budget (build-wasm.sh), the wasm-bindgen-test
# suite in Node and in headless Chromium, the JS tests of @slogate/engine
# (API, examples with CLI parity, plans, zones, malformed input, types) and
# `tsc --noEmit` over its declarations. Exits non-zero on any failure. The
# project's scripts/test calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/wasm-tools.sh
need_rust
need_wasm_tools
need_browser
command -v node >/dev/null || { echo "node is missing: install Node 20" >&2; exit 1; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

scripts/build-wasm.sh

step "native CLI (for the parity tests)"
cargo build --locked --quiet --release --bin slogate

# Only the tests/wasm.rs target: the library's own unit tests use proptest,
# which does not build for wasm32-unknown-unknown.
step "API docs of the WebAssembly build (broken links fail)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --quiet \
  --target wasm32-unknown-unknown --no-default-features --features wasm

wasm_test=(cargo test --locked --target wasm32-unknown-unknown --no-default-features --features wasm --test wasm)

step "wasm-bindgen-test in Node"
"${wasm_test[@]}" 2>&1 | tee -a "$log"

step "wasm-bindgen-test in headless Chromium"
# The runner adds --headless/--no-sandbox; webdriver.json (read from the
# crate root) points at Debian's chromium and quiets it.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 "${wasm_test[@]}" 2>&1 | tee -a "$log"

step "JS tests of @slogate/engine (node --test)"
npm ci --no-audit --no-fund --loglevel=error
SLOGATE_BIN="$CARGO_TARGET_DIR/release/slogate" npm test --silent -w @slogate/engine 2>&1 | tee -a "$log"

step "types of @slogate/engine: tsc --noEmit over real reports of every example"
# index.d.ts and report.d.ts against the reports, plans and errors the
# module produces (pkg/test/types/; the JS tests check the same values
# against the declarations at run time, types.test.mjs).
npm run typecheck --silent -w @slogate/engine

rust_passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
js_passed=$(grep -Eo '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
js_failed=$(grep -Eo '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
echo
echo "wasm: $rust_passed wasm-bindgen tests passed (Node + Chromium); $js_passed JS tests passed, $js_failed failed"
