#!/usr/bin/env bash
# Bridge contagion: the two markets of bridge-contagion.yaml without a bridge failure and with WBTC's
# bridge failing at tick 100 at recovery values 0.8, 0.5 and 0.3. Paired replicates: replicate r draws the
# same prices and agents under every setting. The study store keeps only the first market's outcome, so each
# run's outcome.json is read here: the top-level fields (market "main") and markets[0] ("wbtc_only").
# Writes results/per-replicate.csv, results/summary.csv (95% intervals: Wilson for P(run), mean ± 1.96 s/√n
# for the rest) and results/paired-difference.csv (each failure setting minus no failure, same replicate).
# About 2 minutes of CPU (3.5 minutes wall on 2 shared cores) with a release build (200 replicates × 4 settings).
#   experiments/bridge-contagion/run.sh [BALLAST] [REPLICATES]
set -euo pipefail
# Paths are relative to the repository root, so the committed results name no machine's folders.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ballast=${1:-$(swift build -c release --show-bin-path)/ballast}
case "$ballast" in /*) ;; *) ballast="$root/$ballast" ;; esac
n=${2:-200}
here=experiments/bridge-contagion
scenario=$here/bridge-contagion.yaml
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT
mkdir -p "$here/results"
for setting in none 0.8 0.5 0.3; do
    for ((r = 0; r < n; r++)); do
        out="$runs/$setting-r$r"
        if [ "$setting" = none ]; then
            "$ballast" run "$scenario" --replicate "$r" --quiet --out "$out" > /dev/null
        else
            "$ballast" run "$scenario" --replicate "$r" \
                --set "stresses=[{name: bridge_failure, asset: WBTC, recovery: $setting, tick: 100}]" \
                --quiet --out "$out" > /dev/null
        fi
    done
done
python3 "$here/summarise.py" "$runs" "$n" "$here/results"
cd "$here" && gnuplot bridge-contagion.gp
