#!/usr/bin/env bash
# Prints where the cached SurrealDB server binary lives (built by setup.sh).
# The version in the path makes a version bump build a new one.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(grep -E '^version = ' tools/surreal-server/Cargo.toml | head -1 | sed -E 's/.*"(.*)".*/\1/')
echo "${NGO_CACHE_DIR:-$HOME/.cache/ngo-workspace}/surreal-$version/surreal"
