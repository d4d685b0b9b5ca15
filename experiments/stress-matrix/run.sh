#!/usr/bin/env bash
# The stress matrix of the reference model: policies (baseline, a 2% withdrawal fee, a 35% reserve buffer)
# × stresses (none, flash crash, bear market, gas spike, LP flight), 200 replicates per cell, then the
# reverse stress test of the crash size. Writes results/ (the store, stress-matrix.csv, figures) and
# reverse/ (reverse.csv). A release build; about 10 minutes on 2 shared cores.
#   experiments/stress-matrix/run.sh [BALLAST] [REPLICATES]
set -euo pipefail
# Paths are relative to the repository root, so the committed results name no machine's folders.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
n=${2:-200}
here=experiments/stress-matrix
"$ballast" stress experiments/reference/reference.yaml \
    --stresses flash_crash,bear_market,gas_spike:cost_usd=8000,lp_flight \
    --policies experiments/policies/withdrawal_fee.yaml,experiments/policies/reserve_buffer.yaml \
    --replicates "$n" --out "$here/results" --resume | tee "$here/results-table.txt"
"$ballast" stress experiments/reference/reference.yaml --stresses flash_crash \
    --reverse flash_crash.size --range 0.1,0.5 --target 0.5 --tolerance 0.005 --replicates 100 \
    --out "$here/reverse" | tee "$here/reverse.txt"
experiments/stress-matrix/paired.py > experiments/stress-matrix/paired.csv
