#!/usr/bin/env bash
# The native token in the loop: the same stress with a stay bonus paid in the token, in USD, or not at all;
# the token's price path; the minted backstop across shock sizes; a stability pool of three sizes; and lock-up
# boosts. A release build; about 13 minutes on 2 cores.
#   experiments/tokenomics-feedback/run.sh [BALLAST] [REPLICATES]
set -euo pipefail
# Paths are relative to the repository root, so the committed results name no machine's folders.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
n=${2:-200}
here=experiments/tokenomics-feedback
scenario=$here/tokenomics.yaml
out=$here/results
mkdir -p "$out"

none=(--set incentives.stay_bonus=0)
usd=(--set incentives.paid_in=usd --set incentives.budget_usd=20000000 --set incentives.budget_tokens=0)
sensitive=(--set depositors.token_sensitivity=0.02)
backstop=(--set incentives.mint_backstop=true --set incentives.mint_max_tokens=1e12)

# 1. The reflexive loop: P(run) against the ETH shock (factor 0.85 … 0.6), 200 paired replicates each.
shocks="market.shocks[0].factor=0.85:0.6:6"
curve() { "$ballast" curve "$scenario" --vary "$shocks" --replicates "$n" --out "$out/$1" --resume --quiet "${@:2}"; }
curve none "${none[@]}"
curve usd "${usd[@]}"
curve token
curve token-sensitive "${sensitive[@]}"
curve none-sensitive "${none[@]}" "${sensitive[@]}"

# 2. One replicate's price path at a 30% shock, the bonus in the token and in USD: replicate 13, the first
#    at that shock in which one of the two ran and the other did not (results/paired.csv counts them all).
for v in token usd; do
    extra=()
    [ "$v" = usd ] && extra=("${usd[@]}")
    "$ballast" run "$scenario" --replicate 13 --set "market.shocks[0].factor=0.7" "${extra[@]}" --out "$out/path-$v" --quiet
done

# 3. The minted backstop: deeper shocks (factor 0.7 … 0.3), with and without it, depositors watching the token.
shocks="market.shocks[0].factor=0.7:0.3:5"
curve backstop-off "${sensitive[@]}"
curve backstop-on "${sensitive[@]}" "${backstop[@]}"

# 4. A stability pool (stability.yaml: tokenomics.yaml with 100 providers absorbing liquidations before the
#    keepers): 0, 10 M and 30 M USD deposited, at shocks 0.8, 0.7 and 0.6.
shocks="market.shocks[0].factor=0.8:0.6:3"
for size in 0 10 30; do
    "$ballast" curve $here/stability.yaml --vary "$shocks" --replicates "$n" --out "$out/sp-$size" --resume --quiet \
        --set stability_providers.deposit_median_usd=$((size * 10000))
done

# 5. Lock-up boosts (locks.yaml: tokenomics.yaml with no stay bonus and 5,000 USD of GOV an hour shared by lock
#    weight): no locks, locks whose terms weigh alike, Frax's multiplier up to 2.5, the same paid in USD, and terms
#    up to four weeks instead of two; at shocks 0.85 … 0.6. Then replicate 13 at a 30% shock with and without locks, for its path.
shocks="market.shocks[0].factor=0.85:0.6:6"
locks=$here/locks.yaml
lockusd=(--set incentives.paid_in=usd --set incentives.budget_usd=20000000 --set incentives.budget_tokens=0)
lcurve() { "$ballast" curve "$locks" --vary "$shocks" --replicates "$n" --out "$out/$1" --resume --quiet "${@:2}"; }
lcurve locks-off --set incentives.lock_emission_usd=0
lcurve locks-flat --set incentives.lock_max_boost=1
lcurve locks-boost
lcurve locks-usd "${lockusd[@]}"
lcurve locks-long --set incentives.lock_max_ticks=672
for v in off boost; do
    extra=()
    [ "$v" = off ] && extra=(--set incentives.lock_emission_usd=0)
    "$ballast" run "$locks" --replicate 13 --set "market.shocks[0].factor=0.7" "${extra[@]}" --out "$out/path-locks-$v" --quiet
done

$here/summarise.py "$out" > "$out/summary.csv"
$here/summarise.py "$out" --paired > "$out/paired.csv"
$here/summarise.py "$out" --stability > "$out/stability.csv"
$here/summarise.py "$out" --locks > "$out/locks.csv"
cat "$out/summary.csv" "$out/paired.csv" "$out/stability.csv" "$out/locks.csv"
for g in run-probability price-path death-spiral stability-pool lock-boosts; do (cd "$here" && gnuplot "$g.gp"); done
