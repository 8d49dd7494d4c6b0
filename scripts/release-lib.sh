# Shared by the scripts that measure a RELEASE build in a browser
# (lighthouse.sh, byte-budget.sh): sourced, not run. The caller sets
# ROOT (the repository), SITE_ROOT and defines `say` and `die`.

# free_port, stop_process
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

# The release site goes to $SITE_ROOT, never to target/site: that is the
# debug site `cargo leptos build` and the browser tests use.
release_check_site_root() {
  case "$(realpath -m "$SITE_ROOT")" in
    "$ROOT/target/site" | "$ROOT/target/site/"*)
      die "the release site root must not be target/site (the debug site)";;
  esac
}

# cargo-leptos 0.3.10 reads LEPTOS_SITE_ROOT from the environment over
# Cargo.toml's site-root, so the release site (wasm, JS, CSS, public/
# assets) goes to $SITE_ROOT and the debug site in target/site is left
# alone. The server goes to target/release/server and the wasm to
# target/front/wasm32-unknown-unknown/wasm-release: both other profile
# directories than the debug build's, so the two builds do not wait for
# each other's cargo lock. `nice` keeps a concurrent debug build responsive.
release_build() {
  say "release build into $SITE_ROOT (~20 min from scratch on 2 cores)"
  local start=$SECONDS
  LEPTOS_SITE_ROOT="$SITE_ROOT" nice -n 10 scripts/release-build.sh
  say "release build took $((SECONDS - start)) s"
}

# Starts target/release/server on a free port with an empty embedded
# database in a temporary directory; sets BASE and SERVER_PID and stops
# the server (and removes the directory) when the calling script exits.
release_server_start() {
  [ -x target/release/server ] || die "target/release/server missing (build first)"
  # With Cargo.toml's hash-files the names carry a content hash, and the
  # build leaves target/release/hash.txt, which the server finds by itself.
  compgen -G "$SITE_ROOT/pkg/$LEPTOS_OUTPUT_NAME*.wasm" >/dev/null \
    || die "$SITE_ROOT/pkg has no release wasm (build first)"
  RELEASE_TMP=$(mktemp -d /tmp/ngo-release.XXXXXX)
  SERVER_PID=""
  trap release_server_stop EXIT
  trap 'exit 130' INT TERM
  # A free port, so a server left running elsewhere never gets in the way.
  local port
  port=$(free_port)
  BASE=http://127.0.0.1:$port
  say "starting target/release/server on $BASE (empty database in $RELEASE_TMP/data)"
  LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_ENV=PROD RUST_LOG=${RUST_LOG:-warn} \
    target/release/server --bind "127.0.0.1:$port" --data-dir "$RELEASE_TMP/data" \
    >"$RELEASE_TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RELEASE_TMP/server.log" >&2; die "server exited"; }
    sleep 0.5
  done
  cat "$RELEASE_TMP/server.log" >&2
  die "server not healthy after 60 s"
}

release_server_stop() {
  stop_process "${SERVER_PID:-}" 50
  [ -z "${RELEASE_TMP:-}" ] || rm -rf "$RELEASE_TMP"
}
