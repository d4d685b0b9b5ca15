#!/usr/bin/env bash
# P(run) against the liquid reserve (lending.reserve_fraction, the loans being the rest of the deposits), one curve
# per AMM depth, with balance_sheet depositors on the reference model (balance-sheet.yaml).
#   experiments/balance-sheet-game/run.sh [BALLAST] [REPLICATES]
set -euo pipefail
# Paths are relative to the repository root, so the committed reports and study records name no machine's folders.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
n=${2:-200}
here=experiments/balance-sheet-game
scenario=$here/balance-sheet.yaml
vary=lending.reserve_fraction=0.1:0.5:9
curve() { # name, ETH in pool 0, USD in pool 0
    rm -rf "$here/results/$1"
    "$ballast" curve "$scenario" --vary "$vary" --replicates "$n" --seed 1 --quiet --out "$here/results/$1" \
        --set lending.loan_fraction=auto --set amm.reserve_collateral="$2" --set amm.reserve_usd="$3" > /dev/null
}
curve shallow 25000 50000000
curve reference 50000 100000000
curve deep 100000 200000000
cd "$here" && gnuplot balance-sheet.gp
