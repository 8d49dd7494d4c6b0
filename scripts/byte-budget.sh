#!/usr/bin/env bash
# The byte budget of #16: what a first visit to each page transfers on a
# RELEASE build (empty cache, Brotli, HTML + CSS + JS + wasm and whatever
# else the page loads before it has hydrated), against its budget.
#
#   scripts/byte-budget.sh        # build, serve, measure, print the table
#
# The pages and their budgets: end2end/byte-budget.json (#16), which the
# browser tests read too. Exits 1 when a page is over its budget. Figures
# also go to target/byte-budget.json.
#
# Environment (all optional):
#   BUDGET_SKIP_BUILD=1           reuse the last release build
#   BUDGET_SITE_ROOT=target/site-release
#                                 where the release site is built (never
#                                 target/site, the debug site)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SITE_ROOT=${BUDGET_SITE_ROOT:-target/site-release}
# The same output name as the debug build (leptos reads it at compile time).
export LEPTOS_OUTPUT_NAME=ngo-workspace

say() { printf '\033[1m[byte-budget]\033[0m %s\n' "$*"; }
die() { say "error: $*" >&2; exit 2; }

# shellcheck source=scripts/release-lib.sh
. scripts/release-lib.sh
release_check_site_root

[ -d end2end/node_modules/@playwright/test ] || die "end2end/node_modules missing: run scripts/setup.sh test"
[ "${BUDGET_SKIP_BUILD:-0}" = 1 ] || release_build
release_server_start

mkdir -p target
status=0
(cd end2end && node scripts/page-weight.mjs "$BASE" --json "$ROOT/target/byte-budget.json") || status=$?
[ "$status" -le 1 ] || die "measuring failed"
[ "$status" = 0 ] && say "every page is within its budget" || say "a page is over its budget"
exit "$status"
