#!/usr/bin/env bash
# P(run) against the size of the ETH shock on the reference model, one curve per depositor behaviour: the
# reference model's herding rule and the balance-sheet run game (../balance-sheet-game/balance-sheet.yaml)
# played by Nash, quantal, level-k and fictitious-play depositors, and by a half-and-half mix.
#   experiments/bounded-rationality/run-reference.sh [BALLAST] [REPLICATES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
n=${2:-200}
here=experiments/bounded-rationality
scenario=experiments/balance-sheet-game/balance-sheet.yaml
vary=market.shock.size=0.1:0.45:8      # shocks 0.10, 0.15, ..., 0.45 at tick 200
curve() { # name, then --set/--by arguments
    local name=$1; shift
    rm -rf "$here/results/reference/$name"
    "$ballast" curve "$scenario" --vary "$vary" --replicates "$n" --seed 1 --quiet \
        --out "$here/results/reference/$name" "$@" > /dev/null
}
# The reference model's rule: the same depositors without the game (herding on the withdrawn fraction).
curve herding --set depositors.strategy=heuristic --set depositors.game=null
curve nash
curve quantal --set depositors.game.response=quantal --by depositors.game.rationality=3,5,10
curve level-k --set depositors.game.response=level_k --by depositors.game.level=1,2
curve level-k-never --set depositors.game.response=level_k --set depositors.game.level_zero=never_run \
    --by depositors.game.level=1,2
curve learning --set depositors.game.response=fictitious_play --by depositors.game.episode=1,20
curve mix --set 'depositors.mix=[{share: 0.5, response: herding}]'
cd "$here" && gnuplot reference.gp
