#!/usr/bin/env bash
# The README's second command: every test. Rust unit and integration tests
# against the real embedded SurrealDB and real sockets, formatting and
# lints, then the browser tests (Playwright in Debian chromium) against
# the real server built by cargo-leptos.
set -euo pipefail
cd "$(dirname "$0")/.."
STARTED=$SECONDS
./scripts/setup.sh test

# Each step says when it starts (seconds since the set-up began), so a slow
# run shows where its time went.
say() { printf '\n\033[1m== %s == (%ss)\033[0m\n' "$*" "$((SECONDS - STARTED))"; }

# cargo-leptos builds with this variable set and leptos reads it at compile
# time; setting it here too lets `cargo test` reuse the same build instead
# of rebuilding the whole dependency tree.
export LEPTOS_OUTPUT_NAME=ngo-workspace
# The real SurrealDB server (built once by setup.sh) for the two-process
# sync test.
NGO_SURREAL_BIN=$(scripts/surreal-path.sh)
export NGO_SURREAL_BIN

say "npm lock files"
# Every package-lock.json must be one `npm ci` accepts (a fresh clone
# installs from them), not only those setup.sh has installed here.
scripts/check-npm-locks.sh

say "format"
cargo fmt --all -- --check

say "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The browser half of the app, as cargo-leptos builds it.
cargo clippy -p app --lib --no-default-features --features hydrate \
  --target wasm32-unknown-unknown --target-dir target/front --locked -- -D warnings

say "Rust tests"
# One test at a time in each test binary: several apps serving pages at
# once in one test process (each test its own runtime and server) now and
# then leave a page render waiting forever, which a server process, with
# its one app, has not shown (README, *Known issues*).
cargo test --workspace --locked -- --test-threads=1

say "build the app (server + WebAssembly)"
cargo leptos build

say "browser tests"
# A free port, so a server left running elsewhere never gets in the way.
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
E2E_PORT=$(free_port)
export E2E_PORT
cd end2end
CI=${CI:-} npx playwright test
say "done"
