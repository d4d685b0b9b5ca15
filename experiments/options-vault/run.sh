#!/bin/sh
# The options-vault study: 100 paired replicates (seed 1, replicates 0-99: the same market path for every
# variant) of seven variants, then the summary, the tables and the figures. Run from this folder after
# `swift build -c release` at the repository root. Writes runs to results/runs/ (not committed).
set -eu
B=${B:-$(cd ../.. && swift build -c release --show-bin-path)/ballast}
N=${N:-100}
HEDGE="--set treasury.options.delta_hedge=true"
GAMMA="--set treasury.options.gamma_hedge=true"
DEEP="--set amm.reserve_collateral=1000000 --set amm.reserve_usd=2000000000"
STAY="--set lps.tolerance_min=10 --set lps.tolerance_max=10"
mkdir -p results/runs
for rep in $(seq 0 $((N - 1))); do
  echo "none $rep"
  echo "hedged $rep $HEDGE"
  echo "deep $rep $DEEP"
  echo "deep-hedged $rep $DEEP $HEDGE"
  echo "stay-hedged $rep $STAY $HEDGE"
  echo "gamma $rep $HEDGE $GAMMA"
  echo "deep-gamma $rep $DEEP $HEDGE $GAMMA"
done | xargs -P "${JOBS:-2}" -L 1 sh -c \
  'v=$0; rep=$1; shift; "'"$B"'" run options-vault.yaml --replicate "$rep" "$@" --out "results/runs/$v-$rep" >/dev/null 2>&1'
python3 summarise.py > table.md
[ -f options-vault.gp ] && gnuplot options-vault.gp
