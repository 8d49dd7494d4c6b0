#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, its default mobile form factor with
# simulated throttling, Debian chromium) on a RELEASE build of the app:
# performance, accessibility and best-practices of the map `/`, an area
# page, the roadmap and the tour.
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
#   LIGHTHOUSE_PAGES="/ /areas/PI /roadmap /tour"
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
PAGES=${LIGHTHOUSE_PAGES:-/ /areas/PI /roadmap /tour}
SKIP_BUILD=${LIGHTHOUSE_SKIP_BUILD:-0}
SITE_ROOT=${LIGHTHOUSE_SITE_ROOT:-target/site-release}
OUT=target/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# The same output name as the debug build (leptos reads it at compile time).
export LEPTOS_OUTPUT_NAME=ngo-workspace

say() { printf '\033[1m[lighthouse]\033[0m %s\n' "$*"; }
die() { say "error: $*" >&2; exit 2; }

case "$(realpath -m "$SITE_ROOT")" in
  "$ROOT/target/site" | "$ROOT/target/site/"*)
    die "LIGHTHOUSE_SITE_ROOT must not be target/site (the debug site)";;
esac

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

# --- release build ----------------------------------------------------------

# cargo-leptos 0.3.10 reads LEPTOS_SITE_ROOT from the environment over
# Cargo.toml's site-root, so the release site (wasm, JS, CSS, public/
# assets) goes to $SITE_ROOT and the debug site in target/site is left
# alone. The server goes to target/release/server and the wasm to
# target/front/wasm32-unknown-unknown/wasm-release: both other profile
# directories than the debug build's, so the two builds do not wait for
# each other's cargo lock. `nice` keeps a concurrent debug build responsive.
if [ "$SKIP_BUILD" != 1 ]; then
  say "release build into $SITE_ROOT (~20 min from scratch on 2 cores)"
  start=$SECONDS
  LEPTOS_SITE_ROOT="$SITE_ROOT" nice -n 10 scripts/release-build.sh
  say "release build took $((SECONDS - start)) s"
fi
[ -x target/release/server ] || die "target/release/server missing (build first)"
# With Cargo.toml's hash-files the names carry a content hash, and the
# build leaves target/release/hash.txt, which the server finds by itself.
compgen -G "$SITE_ROOT/pkg/$LEPTOS_OUTPUT_NAME*.wasm" >/dev/null || die "$SITE_ROOT/pkg has no release wasm (build first)"

# --- server -----------------------------------------------------------------

TMP=$(mktemp -d /tmp/ngo-lighthouse.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port, so a server left running elsewhere never gets in the way.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
say "starting target/release/server on $BASE (empty database in $TMP/data)"
LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_ENV=PROD RUST_LOG=${RUST_LOG:-warn} \
  target/release/server --bind "127.0.0.1:$PORT" --data-dir "$TMP/data" \
  >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; die "server exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null "$BASE/healthz" || { cat "$TMP/server.log" >&2; die "server not healthy after 60 s"; }

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
