#!/usr/bin/env bash
# Load test of the roadmap sync WebSocket (/api/v1/sync): builds the server
# and tools/loadgen in release, and for each client count creates a fresh
# database (embedded SurrealKV files in the work directory) with a bench
# admin (`server create-admin`, a new random password per run), starts a
# server on a free port, runs loadgen against it signed in as that admin
# and stops it; prints a markdown table at the end (full JSON results stay
# in the work directory).
#
#   scripts/bench-sync.sh [--clients "10 100 500"] [--rate 10]
#                         [--seconds 10] [--scenario roadmap|areas]
#                         [--idle N] [--out DIR] [--no-build] [--keep]
#
# --scenario what the clients edit: their own roadmap actions (default) or
#            the areas' facts (contact names, notes, a shared status)
# --idle N   also open N connections that only listen (open browser tabs)
#            on a fresh server and report its memory with them open and
#            after they closed (0 = skip; the default); twice: as tabs
#            whose page carried the roadmap (they catch up from its head)
#            and as clients with nothing stored (each is sent all of it)
# --out DIR  also copy the JSON results (result-N.json, result-idle-*.json)
#            into DIR, for scripts that compare runs
# --no-build use the binaries in target/release as they are
# --keep     keep the work directory (server logs, JSON results)
#
# Changes need a signed-in editor, so the in-memory database (formerly
# --mem) cannot be benchmarked: create-admin runs in its own process and
# could not reach it.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

clients="10 100 500"
rate=10
seconds=10
scenario=roadmap
idle=0
out=""
build=1
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --mem)
      echo "--mem is no longer supported: loadgen must sign in, and the admin" >&2
      echo "account cannot be created in another process's in-memory database" >&2
      exit 2 ;;
    --clients) clients="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --scenario) scenario="$2"; shift ;;
    --idle) idle="$2"; shift ;;
    --out) out="$2"; shift ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

# Leptos reads these at compile time (the same build as scripts/test.sh)
# and at start-up; the socket needs no page assets.
export LEPTOS_OUTPUT_NAME=ngo-workspace
export LEPTOS_SITE_ROOT=target/site
export RUST_LOG="${RUST_LOG:-warn}"

if [ "$build" = 1 ]; then
  cargo build --release -p server
  cargo build --release -p loadgen
fi

# Each client is one socket on both sides.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-sync.XXXXXX")
server_pid=""
stop_server() {
  stop_process "$server_pid" 100
  server_pid=""
}
cleanup() {
  stop_server
  if [ "$keep" = 1 ]; then echo "results kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The bench account: an admin created in every fresh database, with one
# random password for the whole run (passed to loadgen in its environment,
# not on the command line).
bench_email="bench@loadgen.example"
bench_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')

# Creates the bench admin in a new, empty data directory for `n` clients.
create_admin() {
  local n="$1"
  rm -rf "$work/data-$n"
  if ! printf '%s\n' "$bench_password" | target/release/server --data-dir "$work/data-$n" \
    create-admin --email "$bench_email" --name "Kuormitustesti" >"$work/admin-$n.log" 2>&1; then
    echo "create-admin failed; its output:" >&2
    cat "$work/admin-$n.log" >&2
    exit 1
  fi
}

# Starts a fresh server (the database create_admin made, seeded on start)
# and waits for /healthz; sets server_pid and port.
start_server() {
  local n="$1"
  port=$(free_port)
  target/release/server --bind "127.0.0.1:$port" --data-dir "$work/data-$n" \
    >"$work/server-$n.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "the server did not become healthy; its log:" >&2
  cat "$work/server-$n.log" >&2
  exit 1
}

for n in $clients; do
  create_admin "$n"
  start_server "$n"
  echo "== $n clients x $rate/s for $seconds s (surrealkv, port $port)" >&2
  status=0
  LOADGEN_PASSWORD="$bench_password" target/release/loadgen \
    --url "ws://127.0.0.1:$port/api/v1/sync" --email "$bench_email" --clients "$n" \
    --rate "$rate" --seconds "$seconds" --scenario "$scenario" --server-pid "$server_pid" --json \
    >"$work/result-$n.json" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
    echo "loadgen failed ($status) for $n clients" >&2
  fi
  stop_server
done

idle_modes="tabs fresh"
if [ "$idle" -gt 0 ]; then
  for mode in $idle_modes; do
    create_admin "idle-$mode"
    start_server "idle-$mode"
    echo "== $idle idle connections, $mode (surrealkv, port $port)" >&2
    flags=()
    if [ "$mode" = fresh ]; then flags+=(--idle-snapshot); fi
    LOADGEN_PASSWORD="$bench_password" target/release/loadgen \
      --url "ws://127.0.0.1:$port/api/v1/sync" --email "$bench_email" --idle "$idle" \
      ${flags[@]+"${flags[@]}"} --server-pid "$server_pid" --json \
      >"$work/result-idle-$mode.json" || echo "loadgen --idle failed ($mode)" >&2
    stop_server
  done
fi

if [ -n "$out" ]; then
  mkdir -p "$out"
  cp "$work"/result-*.json "$out"/ 2>/dev/null || true
fi

echo
echo "Sync load ($scenario): $rate changes/s per client for $seconds s, database surrealkv, $(nproc) cores"
echo
echo "| clients | sent | acked | errors | acked/s | ack p50/p95/p99/max ms | fan-out p50/p95/p99/max ms | lost | server RSS before/peak/after/clients gone MiB | own memory (RssAnon) before/peak/clients gone MiB | server CPU | loadgen CPU |"
echo "|---:|---:|---:|---|---:|---|---|---:|---|---|---:|---:|"
for n in $clients; do
  f="$work/result-$n.json"
  if [ ! -s "$f" ]; then echo "| $n | (failed) |||||||||| "; continue; fi
  jq -r '
    def ms(l): "\(l.p50_ms|.*10|round/10) / \(l.p95_ms|.*10|round/10) / \(l.p99_ms|.*10|round/10) / \(l.max_ms|.*10|round/10)";
    def mib(k): (k/1024*10|round/10);
    "| \(.clients) | \(.sent) | \(.acked) | "
    + (if (.errors|length) == 0 then "0" else (.errors|to_entries|map("\(.key) \(.value)")|join(", ")) end)
    + " | \(.throughput_acked_per_s|round) | " + ms(.ack) + " | " + ms(.fanout)
    + " | \(.delivery.lost_changes) | "
    + (if .server then "\(mib(.server.rss_before_kib)) / \(mib(.server.rss_peak_kib)) / \(mib(.server.rss_after_kib)) / \(mib(.server.rss_left_kib)) | \(mib(.server.anon_before_kib)) / \(mib(.server.anon_peak_kib)) / \(mib(.server.anon_left_kib))" else "- | -" end)
    + " | \(if .server then (.server.cpu_cores*100|round/100) else "-" end) | \(.loadgen_cpu_cores*100|round/100) |"
  ' "$f"
done

if [ "$idle" -gt 0 ]; then
  echo
  echo "| idle connections | each on opening | open | server RSS before / open / after they closed MiB | KiB per connection |"
  echo "|---:|---|---:|---|---:|"
  for mode in $idle_modes; do
    f="$work/result-idle-$mode.json"
    if [ ! -s "$f" ]; then echo "| $idle | $mode (failed) ||||"; continue; fi
    jq -r 'def mib(k): (k/1024*10|round/10);
      "| \(.idle) | \(if .snapshot then "is sent the whole roadmap" else "catches up from the head" end) | \(.connected) | \(mib(.rss_before_kib)) / \(mib(.rss_idle_kib)) / \(mib(.rss_left_kib)) | \(.kib_per_connection|round) |"' "$f"
  done
fi
