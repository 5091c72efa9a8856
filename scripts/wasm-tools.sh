# The tools the WebAssembly build and tests need, installed only when missing
# (see /TOOLCHAIN notes in pkg/README.md). Sourced by build-wasm.sh and
# test-wasm.sh after scripts/lib.sh; not run on its own.

# The wasm-bindgen version Cargo.lock resolved (pinned with `=` in Cargo.toml):
# the CLI must be exactly this version or the generated glue does not match.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

need_wasm_tools() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    echo "installing wasm-bindgen-cli $want (found: ${have:-none}); takes a few minutes"
    # No --locked: a crate in its lock file is missing from this registry view.
    cargo install --quiet wasm-bindgen-cli --version "$want"
  fi
  command -v wasm-opt >/dev/null || apt_install binaryen
}

need_browser() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    || apt_install chromium chromium-driver
}
