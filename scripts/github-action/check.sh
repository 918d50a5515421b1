#!/usr/bin/env bash
# The GitHub Action's check step (action.yml maps each input to INPUT_*, as GitHub does for other actions).
# Writes the SARIF file for code scanning, prints the findings as workflow annotations, and sets the
# step's outputs; the step fails when a finding is at or above the fail level, after the outputs are set,
# so an `if: always()` upload step still sees the SARIF file.
set -uo pipefail

workspace=${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set: this script runs inside a GitHub Actions job}
action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}
# The command itself, as `implanta` runs: its #! line ends Node's own options with `--`. Never
# `node dist/main.cjs … --env-file FILE`: Node reads an --env-file even after the script, and applies a
# NODE_OPTIONS the file sets (--require ./anything.js): a pull request could run its own code here.
implanta=("$action_path/dist/main.cjs")

cd "$workspace" || exit 2
args=(check "${INPUT_PROJECT:-.}")
[ -n "${INPUT_SETTINGS:-}" ] && args+=(--settings "$INPUT_SETTINGS")
[ -n "${INPUT_ENV_FILE:-}" ] && args+=(--env-file "$INPUT_ENV_FILE")
[ -n "${INPUT_DJANGO_VERSION:-}" ] && args+=(--django-version "$INPUT_DJANGO_VERSION")
sarif=${INPUT_SARIF_FILE:-implanta.sarif}

"${implanta[@]}" "${args[@]}" --format sarif -o "$sarif" --fail-level "${INPUT_FAIL_LEVEL:-warning}"
status=$?
if [ "$status" -ge 2 ]; then
  # implanta has printed its one-line reason on stderr; there is no report to annotate.
  echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit "$status"
fi
if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then
  "${implanta[@]}" "${args[@]}" --format github --fail-level none
fi
counts=$(node -e '
  const results = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results;
  const n = (level) => results.filter((r) => r.level === level).length;
  console.log(`errors=${n("error")}\nwarnings=${n("warning")}\nnotes=${n("note")}`);
' "$sarif")
{
  echo "sarif-file=$sarif"
  echo "exit-code=$status"
  echo "$counts"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$status"
