#!/usr/bin/env bash
# The ALM policies' stress matrices: the reference and the multi-collateral scenario, each with no policy
# and each policy alone or all combined (policies/*.yaml) under stresses, common random numbers across the
# cells; then the paired differences against no policy. A release build; about 25 minutes on 2 shared cores.
#   experiments/alm-policies/run.sh [BALLAST] [REPLICATES]
set -euo pipefail
# Paths are relative to the repository root, so the committed results name no machine's folders.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
n=${2:-200}
here=experiments/alm-policies
policies=$here/policies/rebalancing.yaml,$here/policies/margins.yaml,$here/policies/controller.yaml
policies=$policies,$here/policies/forecast.yaml,$here/policies/combined.yaml
labels=baseline,rebalancing,margins,controller,forecast,combined

# Reference: the 30% ETH shock at tick 200 as written (none); a 40% crash instead (flash_crash); a bear
# market on top of the shock; liquidations priced at 8,000 USD of gas from tick 195 to 300.
"$ballast" stress $here/alm-reference.yaml \
    --stresses flash_crash,bear_market,gas_spike:cost_usd=8000 \
    --policies "$policies" --replicates "$n" --out $here/results/reference --resume \
    | tee $here/results-reference.txt
$here/paired.py $here/results/reference/results.sqlite none,flash_crash,bear_market,gas_spike $labels \
    > $here/paired-reference.csv

# Multi-collateral: the 35% ETH crash at tick 50 as written (none); a further 20% at the same tick (ETH
# falls 48%); a bear market in ETH; the gas spike around the crash; every correlation at one from tick 0.
"$ballast" stress $here/alm-multi-collateral.yaml \
    --stresses flash_crash:size=0.2:tick=50,bear_market,gas_spike:cost_usd=8000:from=45:to=150,correlation_breakdown \
    --policies "$policies" --replicates "$n" --out $here/results/multi-collateral --resume \
    | tee $here/results-multi-collateral.txt
$here/paired.py $here/results/multi-collateral/results.sqlite \
    none,flash_crash,bear_market,gas_spike,correlation_breakdown $labels > $here/paired-multi-collateral.csv

# Grant top-ups (treasury.top_up: grant) against supplied ones, reactive and predictive, in the same rows.
grants=$here/policies/forecast.yaml,$here/policies/grant.yaml,$here/policies/forecast-grant.yaml
"$ballast" stress $here/alm-reference.yaml \
    --stresses flash_crash,bear_market,gas_spike:cost_usd=8000 \
    --policies "$grants" --replicates "$n" --out $here/results/reference-grant --resume \
    | tee $here/results-reference-grant.txt
$here/paired.py $here/results/reference-grant/results.sqlite none,flash_crash,bear_market,gas_spike \
    baseline,forecast,grant,forecast-grant > $here/paired-reference-grant.csv
"$ballast" stress $here/alm-multi-collateral.yaml \
    --stresses flash_crash:size=0.2:tick=50,bear_market,gas_spike:cost_usd=8000:from=45:to=150,correlation_breakdown \
    --policies "$grants" --replicates "$n" --out $here/results/multi-collateral-grant --resume \
    | tee $here/results-multi-collateral-grant.txt
$here/paired.py $here/results/multi-collateral-grant/results.sqlite \
    none,flash_crash,bear_market,gas_spike,correlation_breakdown baseline,forecast,grant,forecast-grant \
    > $here/paired-multi-collateral-grant.csv
