#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Ballast, builds it in release mode,
# and runs the bundled reference scenario. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libgsl-dev gnuplot-nox libsqlite3-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing ${need[*]} ..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "Building Ballast (release) ..." >&2
swift build -c release 2>&1 | grep -E "error|warning:|Compiling|Build complete" | tail -5 >&2

BIN="$(swift build -c release --show-bin-path)/ballast"
"$BIN" demo
"$BIN" run experiments/reference/reference.yaml --out out/reference "$@"
"$BIN" plot out/reference
# A bundled study: P(run) against shock size for two liquidity buffers, with 95% Wilson bands.
rm -rf out/run-probability-quick
"$BIN" sweep experiments/run-probability/quick.yaml --out out/run-probability-quick
# Each command above also wrote a self-contained HTML report (figures, tables, manifest) beside its results.
echo "Run report:   out/reference/report.html"
echo "Study report: out/run-probability-quick/report.html"
