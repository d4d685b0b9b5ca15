#!/bin/sh
# The incentive-design experiment: the search, then P(run) against the shock with and without the
# optimised package (same seed: paired), then the comparison figure. Run from the repository root.
set -eu
BIN=${BIN:-$(swift build -c release --show-bin-path)/ballast}
E=experiments/incentive-design
$BIN optimize $E/optimize.yaml --out $E/results/search --workers 2
FEE=$(python3 -c "import json;print(json.load(open('$E/results/search/optimum.json'))['optimum']['parameters']['lending.withdrawal_fee'])")
RES=$(python3 -c "import json;print(json.load(open('$E/results/search/optimum.json'))['optimum']['parameters']['lending.reserve_fraction'])")
$BIN curve experiments/reference/reference.yaml --vary market.shock.size=0.1:0.5:9 --replicates 100 --seed 1 \
    --set lending.loan_fraction=auto \
    --out $E/results/reference --workers 2 --quiet
$BIN curve experiments/reference/reference.yaml --vary market.shock.size=0.1:0.5:9 --replicates 100 --seed 1 \
    --set lending.loan_fraction=auto --set lending.withdrawal_fee=$FEE --set lending.reserve_fraction=$RES \
    --out $E/results/optimum --workers 2 --quiet
# A held-out check at the 30% shock: seed 2, replicates the search never saw.
for v in reference optimum; do
    SET=""
    [ $v = optimum ] && SET="--set lending.withdrawal_fee=$FEE --set lending.reserve_fraction=$RES"
    $BIN curve experiments/reference/reference.yaml --vary market.shock.size=0.3:0.3:1 --replicates 200 --seed 2 \
        --set lending.loan_fraction=auto $SET --out $E/results/holdout-$v --workers 2 --quiet
done
# The same search by BFGS on a smoothed P(run) (README.md, "BFGS on a smoothed objective").
$BIN optimize $E/optimize-bfgs.yaml --out $E/results/search-bfgs --workers 2
(cd $E && gnuplot incentive-design.gp && python3 paired.py)
