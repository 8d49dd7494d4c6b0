#!/usr/bin/env bash
# The optimised (release) build: `cargo leptos build --release` with
# binaryen's current wasm-opt from npm (tools/wasm-opt) first on PATH.
# Debian's binaryen 108 is too old for what wasm-bindgen writes now: it
# points the `__wbindgen_externrefs` export at the funcref table, and the
# app then fails at start ("WebAssembly.Table.set(): Argument 1 is
# invalid"), so pages never hydrate.
#
#   scripts/release-build.sh [cargo-leptos build options]
#
# LEPTOS_SITE_ROOT chooses where the site goes (cargo-leptos honours it).
# Afterwards the assets are compressed once (Brotli and gzip files beside
# them, scripts/precompress.mjs), and the server sends those as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -x tools/wasm-opt/node_modules/.bin/wasm-opt ] || [ tools/wasm-opt/package-lock.json -nt tools/wasm-opt/node_modules/.package-lock.json ]; then
  npm ci --prefix tools/wasm-opt --no-audit --no-fund --loglevel=error
fi
export PATH="$PWD/tools/wasm-opt/node_modules/.bin:$PATH"
export LEPTOS_OUTPUT_NAME=${LEPTOS_OUTPUT_NAME:-ngo-workspace}
echo "[release-build] $(wasm-opt --version)"
cargo leptos build --release "$@"
node scripts/precompress.mjs "${LEPTOS_SITE_ROOT:-target/site}"
