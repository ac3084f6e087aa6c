# Sourced by every script: one place for the paths and settings they share.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# node_modules/.bin first: Trunk must find binaryen 132's wasm-opt before any
# other, or it tries (and fails) to download one.
# scripts/shims first of all: its wasm-bindgen splits a wasm built with the
# `split` feature into lazily loaded chunks, and passes anything else through.
export PATH="$ROOT/scripts/shims:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# No debug info in test builds: a repeat browser-test run takes 2 s, not 10 s.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
# The wasm splitter (its CLI is `wasm-split-cli`): 0.2.3 or later for
# wasm-bindgen 0.2.128+; pinned together with wasm-bindgen, re-test every bump.
WASM_SPLIT_VERSION=0.2.4
# Measures what the wasm is made of (scripts/size --twiggy).
TWIGGY_VERSION=0.8.0
SCHEMATHESIS_VERSION="$(sed -n 's/^schemathesis==//p' api/requirements.txt)"
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"

# wasm-split-cli has no --version: ask cargo which version it installed.
wasm_split_installed() {
  command -v wasm-split-cli >/dev/null &&
    cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"
}

# True when every tool the build and tests need is installed.
setup_done() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || return 1
  trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$" || return 1
  wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$" || return 1
  leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION" || return 1
  wasm_split_installed || return 1
  twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION\$" || return 1
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || return 1
  command -v brotli >/dev/null || return 1
  command -v caddy >/dev/null || return 1
  st --version 2>/dev/null | grep -q " $SCHEMATHESIS_VERSION\$" || return 1
  python3 -c 'import openapi_spec_validator' 2>/dev/null || return 1
  [ -x node_modules/.bin/playwright ] && [ -x node_modules/.bin/wasm-opt ] || return 1
  npm ls --silent >/dev/null 2>&1 || return 1
}
