#!/usr/bin/env bash
# P(run) against the shock to the expected liquidity ratio, one curve per depositor behaviour, on the
# global-games pool (../global-games/global-games.yaml). About 2.5 minutes on 2 cores with a release build.
#   experiments/bounded-rationality/run.sh [BALLAST]
set -euo pipefail
# Paths are relative to the repository root, so the committed reports and study records name no machine's folders.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
here=experiments/bounded-rationality
scenario=experiments/global-games/global-games.yaml
vary=depositors.game.prior_mean=0.3:0.9:13      # shock s = 0.9 - y from 0.6 to 0
n=1000
curve() { # name, then --set/--by arguments
    local name=$1; shift
    rm -rf "$here/results/$name"
    "$ballast" curve "$scenario" --vary "$vary" --replicates "$n" --seed 1 --quiet --out "$here/results/$name" "$@" > /dev/null
}
curve nash    --set depositors.strategy=morris_shin
curve quantal --set depositors.strategy=quantal --by depositors.game.rationality=3,30
curve level-k --set depositors.strategy=level_k --by depositors.game.level=1,2,3
curve level-k-never --set depositors.strategy=level_k --set depositors.game.level_zero=never_run --by depositors.game.level=1,2
# Learning: fictitious play across episodes at y = 0.6 (s = 0.3), from a first belief that everyone runs.
rm -rf "$here/results/learning"
"$ballast" curve "$scenario" --vary depositors.game.episode=0:400:9 --replicates "$n" --seed 1 --quiet \
    --set depositors.strategy=fictitious_play --out "$here/results/learning" > /dev/null
# The closed form of the Nash curve, for reference.
"$ballast" equilibrium "$scenario" --vary "$vary" | tr " " "," > "$here/results/nash-closed-form.csv"
cd "$here" && gnuplot bounded-rationality.gp && gnuplot learning.gp
