#!/usr/bin/env bash
# Compares the roadmap sync socket with two reference Yjs servers in one
# invocation on one machine (issue #18): for each load (clients x rate),
# runs scripts/bench-sync.sh against our server, then starts each reference
# server from tools/peers (pinned npm packages: @y/websocket-server 0.1.1,
# which stores nothing, and @hocuspocus/server 4.7.0 + SQLite with store
# delay 0 and an fsync per store), runs tools/peers/load.mjs against it with
# the same clients x rate x seconds and stops it. Prints one markdown table:
# a row per load and server, with "ours / peer" ratios of fan-out p99 and
# RSS peak.
#
#   scripts/bench-compare.sh [--loads "10x10 100x10 100x1"] [--seconds 10]
#                            [--clients "10 100" --rate 10] [--no-build]
#                            [--out DIR] [--only-peers]
#
# --loads      clients x changes/s per client, space-separated
# --clients/--rate  alternative to --loads: every client count at one rate
# --seconds    length of each sending period
# --no-build   use target/release as it is (else bench-sync.sh builds once,
#              on the first load)
# --out DIR    keep the JSON results in DIR (default: a temporary directory,
#              removed at the end)
# --only-peers skip our server (to check the reference side alone)
#
# Needs node >= 20 and npm (tools/peers is installed with `npm ci` when its
# node_modules is missing), python3 for the table.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

loads=""
clients=""
rate=10
seconds=10
build=1
out=""
ours=1
while [ $# -gt 0 ]; do
  case "$1" in
    --loads) loads="$2"; shift ;;
    --clients) clients="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --no-build) build=0 ;;
    --out) out="$2"; shift ;;
    --only-peers) ours=0 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$loads" ]; then
  if [ -n "$clients" ]; then
    loads=$(for n in $clients; do printf '%sx%s ' "$n" "$rate"; done)
  else
    loads="10x10 100x10 100x1"
  fi
fi
for l in $loads; do
  case "$l" in
    *[!0-9x.]*|x*|*x|*x*x*) echo "bad load '$l' (want CLIENTSxRATE, e.g. 100x10)" >&2; exit 2 ;;
    *x*) ;;
    *) echo "bad load '$l' (want CLIENTSxRATE, e.g. 100x10)" >&2; exit 2 ;;
  esac
done

peers=tools/peers
if [ ! -d "$peers/node_modules/@hocuspocus/server" ] || [ ! -d "$peers/node_modules/@y/websocket-server" ]; then
  echo "== npm ci --prefix $peers" >&2
  npm ci --prefix "$peers" >&2
fi

keep_out=1
if [ -z "$out" ]; then
  out=$(mktemp -d "${TMPDIR:-/tmp}/bench-compare.XXXXXX")
  keep_out=0
fi
mkdir -p "$out"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

peer_pid=""
stop_peer() {
  stop_process "$peer_pid" 50
  peer_pid=""
}
cleanup() {
  stop_peer
  if [ "$keep_out" = 0 ]; then rm -rf "$out"; else echo "results kept in $out" >&2; fi
}
trap cleanup EXIT

# Starts tools/peers/servers/<name>.mjs on a free port; waits until it
# answers on the port. Sets peer_pid and port.
start_peer() {
  local name="$1" log="$2"
  port=$(free_port)
  node "$peers/servers/$name.mjs" "$port" >"$log" 2>&1 &
  peer_pid=$!
  for _ in $(seq 1 100); do
    if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' "$port" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$peer_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "$name did not start; its log:" >&2
  cat "$log" >&2
  exit 1
}

for l in $loads; do
  n=${l%x*}
  r=${l#*x}
  if [ "$ours" = 1 ]; then
    echo "== ours: $n clients x $r/s for $seconds s" >&2
    flags=()
    if [ "$build" = 0 ]; then flags+=(--no-build); fi
    mkdir -p "$out/ours-$l"
    scripts/bench-sync.sh --clients "$n" --rate "$r" --seconds "$seconds" \
      --out "$out/ours-$l" ${flags[@]+"${flags[@]}"} >&2 || echo "bench-sync.sh failed for $l" >&2
    if [ -s "$out/ours-$l/result-$n.json" ]; then
      cp "$out/ours-$l/result-$n.json" "$out/ours-$l.json"
    fi
    # Built once (or not at all): never again.
    build=0
  fi
  for peer in y-websocket hocuspocus; do
    echo "== $peer: $n clients x $r/s for $seconds s" >&2
    start_peer "$peer" "$out/$peer-$l.log"
    status=0
    node "$peers/load.mjs" --server "$peer" --url "ws://127.0.0.1:$port" \
      --clients "$n" --rate "$r" --seconds "$seconds" --server-pid "$peer_pid" \
      >"$out/$peer-$l.json" 2>>"$out/$peer-$l.log" || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
      echo "load.mjs failed ($status) against $peer for $l; log:" >&2
      tail -n 20 "$out/$peer-$l.log" >&2
    fi
    stop_peer
  done
done

echo
echo "Sync fan-out, ours vs reference servers: $seconds s per load, $(nproc) cores, one run"
echo
python3 "$peers/table.py" "$out" $loads
