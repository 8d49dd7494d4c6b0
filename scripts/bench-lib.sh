# Shared by the benchmark scripts, release-lib.sh and test.sh (sourced,
# not run).

# Stops process $1 gracefully (SIGTERM), and with SIGKILL if it is still
# there after $2 tenths of a second; reaps it.
stop_process() {
  local pid="$1" tenths="$2"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 "$tenths"); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# A TCP port free on 127.0.0.1 now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
