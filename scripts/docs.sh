#!/usr/bin/env bash
# Builds the API documentation (DocC) of every library target into one combined archive, and fails on
# any DocC warning, such as a ``Symbol`` link that does not resolve, so the catalogs stay correct.
#
#   scripts/docs.sh [OUTPUT]         OUTPUT defaults to .build/docs (ignored by git)
#
# Each target has a catalog, <target folder>/<Target>.docc, whose landing article gives the overview.
# Links to another target's symbols need a leading slash (``/Stochastics/StandardNormal``); they
# resolve only in this combined build, where each target sees its dependencies' archives.
# OUTPUT is a static site: serve it (e.g. `python3 -m http.server -d .build/docs`) and open
# /documentation/stochastics, /documentation/simulation and so on. Needs GSL's headers (libgsl-dev),
# like the build itself. Exits with swift package's status: 0 only when there was no warning.
#
# Environment:
#   DOCS_BUILD_PREFIX   command words put before `swift package`, e.g. "nice -n 15 flock /tmp/build.lock"
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
output=${1:-"$root/.build/docs"}
targets=(Stochastics Games ProtocolModel ScenarioSchema Agents Simulation Studies Reports)

args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done

echo "== docs: ${targets[*]} -> $output"
start=$SECONDS
# --disable-sandbox: the plugin writes the archive outside the package's plugin work folder, which
# SwiftPM's sandbox would refuse on macOS (on Linux there is no sandbox and the flag changes nothing).
status=0
# shellcheck disable=SC2086 # the prefix is meant to split into words
${DOCS_BUILD_PREFIX:-} swift package --disable-sandbox generate-documentation \
    "${args[@]}" \
    --enable-experimental-combined-documentation \
    --warnings-as-errors \
    --output-path "$output" || status=$?
if (( status != 0 )); then
    echo "docs: failed after $((SECONDS - start)) s (a DocC warning counts as an error; see above)" >&2
    exit "$status"
fi
echo "docs: built in $((SECONDS - start)) s into $output"
