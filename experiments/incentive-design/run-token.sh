#!/bin/sh
# Incentive design on the tokenomics scenario: the search over the USD stay bonus and its stress trigger, then
# P(run) against the shock for no bonus, the starting package, the optimum, and the optimum's amounts fixed in the
# token instead (same seed: paired), then the figure. Run from the repository root; about 15 minutes on 2 cores.
set -eu
BIN=${BIN:-$(swift build -c release --show-bin-path)/ballast}
E=experiments/incentive-design
S=experiments/tokenomics-feedback/tokenomics.yaml
V="market.shocks[0].factor=0.85:0.6:6"
USD="--set incentives.paid_in=usd --set incentives.budget_usd=20000000 --set incentives.budget_tokens=0"
$BIN optimize $E/optimize-token.yaml --out $E/results/search-token --workers 2
get() { python3 -c "import json;print(json.load(open('$E/results/search-token/optimum.json'))['optimum']['parameters']['$1'])"; }
BONUS=$(get incentives.stay_bonus)
TRIGGER=$(get incentives.stress_outflow)
OPT="--set incentives.stay_bonus=$BONUS --set incentives.stress_outflow=$TRIGGER"
$BIN curve $S --vary "$V" --replicates 200 --seed 1 --set incentives.stay_bonus=0 --out $E/results/token-none --resume --quiet
$BIN curve $S --vary "$V" --replicates 200 --seed 1 $USD --out $E/results/token-start --resume --quiet
$BIN curve $S --vary "$V" --replicates 200 --seed 1 $USD $OPT --out $E/results/token-optimum --resume --quiet
$BIN curve $S --vary "$V" --replicates 200 --seed 1 $OPT --out $E/results/token-optimum-in-gov --resume --quiet
# A held-out check at the 30% shock: seed 2, replicates the search never saw.
H="market.shocks[0].factor=0.7:0.7:1"
$BIN curve $S --vary "$H" --replicates 200 --seed 2 $USD --out $E/results/token-holdout-start --resume --quiet
$BIN curve $S --vary "$H" --replicates 200 --seed 2 $USD $OPT --out $E/results/token-holdout-optimum --resume --quiet
(cd $E && gnuplot incentive-design-token.gp && python3 paired-token.py > paired-token.csv && cat paired-token.csv)
