# Sourced by every script: one place for the paths and settings they share.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# node_modules/.bin first: Trunk must find binaryen 132's wasm-opt before any
# other, or it tries (and fails) to download one.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# No debug info in test builds: a repeat browser-test run takes 2 s, not 10 s.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
SCHEMATHESIS_VERSION="$(sed -n 's/^schemathesis==//p' api/requirements.txt)"
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"

# True when every tool the build and tests need is installed.
setup_done() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || return 1
  trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$" || return 1
  wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$" || return 1
  leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION" || return 1
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || return 1
  command -v brotli >/dev/null || return 1
  st --version 2>/dev/null | grep -q " $SCHEMATHESIS_VERSION\$" || return 1
  python3 -c 'import openapi_spec_validator' 2>/dev/null || return 1
  [ -x node_modules/.bin/playwright ] && [ -x node_modules/.bin/wasm-opt ] || return 1
  npm ls --silent >/dev/null 2>&1 || return 1
}
