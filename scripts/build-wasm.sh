#!/usr/bin/env bash
# Builds the WebAssembly package `@slogate/engine` into pkg/dist/ (gitignored):
# the ES module glue (`--target web`), the optimized .wasm and its TypeScript
# types. Installs what is missing first. Fails when the gzipped .wasm exceeds
# the size budget (WASM_BUDGET_GZ bytes, default 124,000; docs/performance.md says why it is not 120,000 any more).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/wasm-tools.sh
need_rust
need_wasm_tools

budget=${WASM_BUDGET_GZ:-124000}
target_dir=${CARGO_TARGET_DIR:-target}
out=pkg/dist

step "building the WebAssembly module"
# No `cli` feature: serde_json and the HTTP client stay out of the module.
# Panic locations of crates.io dependencies name their source files; without
# the machine's registry path they are shorter, and the same on every machine.
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
# SIMD: see .cargo/config.toml (RUSTFLAGS replaces its list, so it is here too).
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128 --remap-path-prefix=$registry/=" \
cargo build --locked --quiet --target wasm32-unknown-unknown \
  --no-default-features --features wasm --profile wasm-release
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/slogate.wasm"
opt=$(mktemp --suffix=.wasm)
trap 'rm -f "$opt"' EXIT

step "optimizing"
# Before wasm-bindgen, not after: binaryen 108 (Debian bookworm) rewrites a
# module with two tables so that the export of wasm-bindgen's externref table
# points at the function table, and instantiation fails. The sections
# wasm-bindgen reads survive wasm-opt. Rust 1.95 emits these proposals;
# binaryen 108 rejects the module unless each is enabled.
#
# -ocimfs 10: a function with one caller is inlined only when tiny. binaryen
# inlines every such function by default; LLVM already inlined what matters
# for speed, and the larger merged bodies compress worse: 119,087 → 113,533
# bytes gzipped for ~1.5% more time per evaluation (measured in alternate
# runs).
# --converge repeats the passes while they shrink the module; with
# --low-memory-unused binaryen may fold constant offsets into loads, which
# assumes no data below address 1024: the module is laid out stack first
# (the stack pointer starts at 1 MiB and grows down; data lies above it),
# so only the last kilobyte of a full 1 MiB stack sits there, and the
# engine's recursion is bounded far below that. Together: −2.1 KB gzipped.
wasm-opt -Oz -ocimfs 10 --converge --low-memory-unused \
  --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --enable-sign-ext \
  --enable-mutable-globals --enable-simd \
  -o "$opt" "$wasm"

step "generating the JS glue"
rm -rf "$out"
# --target web: an ES module for browsers and bundlers (Node loads it too).
# --experimental-reset-state-function: the wrapper replaces an instance that
# trapped (pkg/lib/errors.js, `restart`).
wasm-bindgen --target web --out-dir "$out" --out-name slogate_engine \
  --experimental-reset-state-function \
  --remove-name-section --remove-producers-section "$opt"

raw=$(wc -c <"$out/slogate_engine_bg.wasm")
gz=$(gzip -9 -c "$out/slogate_engine_bg.wasm" | wc -c)
printf 'slogate_engine_bg.wasm: %d bytes raw, %d bytes gzipped (budget %d)\n' "$raw" "$gz" "$budget"
if [ "$gz" -gt "$budget" ]; then
  echo "error: the gzipped .wasm is over budget by $((gz - budget)) bytes (twiggy top shows where they go)" >&2
  exit 1
fi
