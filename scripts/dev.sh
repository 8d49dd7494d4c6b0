#!/usr/bin/env bash
# The README's first command: install what is missing, then build and run
# the app on http://127.0.0.1:3000 with the embedded database in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh run
exec cargo leptos serve -- "$@"
