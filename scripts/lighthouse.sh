#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, its default mobile form factor with
# simulated throttling, Debian chromium) on a RELEASE build of the app:
# performance, accessibility and best-practices of the map `/`, an area
# page, the roadmap, the tour, a tour event and a survey (#16's pages).
#
#   scripts/lighthouse.sh            # build, serve, audit, print the table
#
# Reports: target/lighthouse/<page>.report.{json,html} (target/ is
# git-ignored). Exits non-zero when any score is below the threshold.
#
# Environment (all optional):
#   LIGHTHOUSE_MIN=90         lowest acceptable score, 0..100 (0: never fail)
#   LIGHTHOUSE_RUNS=3         runs per page; the run with the median
#                             performance score is kept (the others stay
#                             as <page>_runN.report.*)
#   LIGHTHOUSE_PAGES="/ /areas/PI /roadmap /tour /tour/PI /surveys/aivoriihi-2022"
#   LIGHTHOUSE_SKIP_BUILD=1   reuse the last release build
#   LIGHTHOUSE_SITE_ROOT=target/site-release
#                             where the release site is built; never
#                             target/site, which is the debug site that
#                             `cargo leptos build` / the browser tests use
#   CHROME_PATH=/usr/bin/chromium
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MIN=${LIGHTHOUSE_MIN:-90}
RUNS=${LIGHTHOUSE_RUNS:-3}
PAGES=${LIGHTHOUSE_PAGES:-/ /areas/PI /roadmap /tour /tour/PI /surveys/aivoriihi-2022}
SKIP_BUILD=${LIGHTHOUSE_SKIP_BUILD:-0}
SITE_ROOT=${LIGHTHOUSE_SITE_ROOT:-target/site-release}
OUT=target/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# The same output name as the debug build (leptos reads it at compile time).
export LEPTOS_OUTPUT_NAME=ngo-workspace

say() { printf '\033[1m[lighthouse]\033[0m %s\n' "$*"; }
die() { say "error: $*" >&2; exit 2; }

# shellcheck source=scripts/release-lib.sh
. scripts/release-lib.sh
release_check_site_root

# --- what the run needs -----------------------------------------------------

command -v cargo-leptos >/dev/null || die "cargo-leptos missing: run scripts/setup.sh"
[ -f public/vendor/echarts.min.js ] || die "public/vendor/echarts.min.js missing: run scripts/setup.sh"

# Debian's chromium for Lighthouse (scripts/setup.sh installs it too). The
# release build brings its own wasm-opt (scripts/release-build.sh).
if ! [ -x "$CHROME_PATH" ]; then
  say "installing chromium from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Lighthouse itself, pinned in tools/lighthouse/package-lock.json
# (Lighthouse 12: 13 needs Node >= 22.19). Reinstalled only when missing or
# when the lock file changed since the last install.
LH=tools/lighthouse/node_modules/.bin/lighthouse
if ! [ -x "$LH" ] || [ tools/lighthouse/package-lock.json -nt tools/lighthouse/node_modules/.package-lock.json ]; then
  say "installing tools/lighthouse npm packages"
  npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
fi

# --- release build and server ---------------------------------------------

[ "$SKIP_BUILD" = 1 ] || release_build
release_server_start

# --- Lighthouse -------------------------------------------------------------

mkdir -p "$OUT"
# The three scores (0..100) of a report, tab-separated.
scores() {
  node -e '
    const r = require(process.argv[1]);
    const s = k => r.categories[k] && r.categories[k].score != null ? Math.round(r.categories[k].score * 100) : -1;
    console.log([s("performance"), s("accessibility"), s("best-practices")].join("\t"));
  ' "$ROOT/$1"
}

rows=()
for page in $PAGES; do
  slug=${page#/}; slug=${slug//\//-}; slug=${slug:-index}
  perfs=()
  for run in $(seq 1 "$RUNS"); do
    say "$page (run $run/$RUNS)"
    # Chromium now and then loses the trace (NO_NAVSTART, NO_FCP) on a
    # busy machine: such a run is repeated, up to three tries.
    for try in 1 2 3; do
      if "$LH" "$BASE$page" \
        --chrome-flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage" \
        --only-categories=performance,accessibility,best-practices \
        --output=json --output=html --output-path="$OUT/${slug}_run$run" \
        --quiet; then
        break
      fi
      [ "$try" -lt 3 ] || die "Lighthouse failed three times on $page"
      say "$page: Lighthouse failed, trying again"
    done
    perfs+=("$(scores "$OUT/${slug}_run$run.report.json" | cut -f1) $run")
  done
  # Keep the run with the median performance score as <slug>.report.*.
  median=$(printf '%s\n' "${perfs[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p" | cut -d' ' -f2)
  cp "$OUT/${slug}_run$median.report.json" "$OUT/$slug.report.json"
  cp "$OUT/${slug}_run$median.report.html" "$OUT/$slug.report.html"
  rows+=("$page	$(scores "$OUT/$slug.report.json")	$(printf '%s ' "${perfs[@]%% *}")")
done

# --- result -----------------------------------------------------------------

echo
printf '%-14s %11s %13s %14s   %s\n' page performance accessibility best-practices "performance of each run"
fail=0
for row in "${rows[@]}"; do
  IFS=$'\t' read -r page perf a11y bp all <<<"$row"
  printf '%-14s %11s %13s %14s   %s\n' "$page" "$perf" "$a11y" "$bp" "$all"
  for s in "$perf" "$a11y" "$bp"; do
    [ "$s" -ge "$MIN" ] || fail=1
  done
done
echo
say "reports: $OUT/<page>.report.html (and .json); median of $RUNS run(s) per page"
if [ "$fail" = 1 ]; then
  say "a score is below $MIN (LIGHTHOUSE_MIN=0 to not fail)"
  exit 1
fi
