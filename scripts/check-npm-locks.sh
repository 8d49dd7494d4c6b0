#!/usr/bin/env bash
# Fails when `npm ci` would refuse any package-lock.json of the repository
# (outside node_modules): a lock out of step with its package.json breaks a
# fresh clone's set-up or the script that installs from it, even when the
# copy already installed here still works. `npm ci --dry-run` runs the same
# check against package.json (and the registry, for dist-tag ranges such
# as "latest") without installing or deleting anything.
#
#   scripts/check-npm-locks.sh      # run by scripts/test.sh before the lints
set -euo pipefail
cd "$(dirname "$0")/.."

command -v npm >/dev/null || { echo "npm missing: run scripts/setup.sh" >&2; exit 2; }

failed=0
checked=0
while IFS= read -r lock; do
  dir=$(dirname "$lock")
  checked=$((checked + 1))
  if out=$(cd "$dir" && npm ci --dry-run --ignore-scripts --no-audit --no-fund 2>&1); then
    echo "ok   $lock"
  else
    echo "FAIL $lock: npm ci refuses it; run \`npm install --package-lock-only\` in $dir"
    # npm's own reason (e.g. "Missing: x@1.2.3 from lock file"), without
    # the usage text it prints after it.
    printf '%s\n' "$out" | grep -E '^npm error (code|Missing|Invalid|`npm ci`|[A-Za-z].*lock file)' \
      | head -20 | sed 's/^/     /' || true
    failed=$((failed + 1))
  fi
done < <(find . \( -name node_modules -o -name target -o -name .git \) -prune \
              -o -name package-lock.json -print | sort)

if [ "$checked" = 0 ]; then
  echo "no package-lock.json found" >&2
  exit 2
fi
if [ "$failed" != 0 ]; then
  echo "$failed of $checked lock files are out of step with their package.json" >&2
  exit 1
fi
