#!/usr/bin/env bash
# Binomial against per-agent attention sampling on the reference scenario: 200 replicates each, same seed and
# replicate numbers (paired), then P(run), the final withdrawn fraction and bad debt per mode and the paired
# differences with 95% intervals. Usage, from the repository root: experiments/bench/attention-sampling.sh [OUT]
set -euo pipefail
out=${1:-out/attention-sampling}
bin=$(swift build -c release --show-bin-path)/ballast
for m in per_agent binomial; do
  "$bin" curve experiments/reference/reference.yaml --vary market.shock.size=0.3:0.3:1 \
    --set depositors.attention_sampling=$m --replicates 200 --workers 2 --out "$out/$m" --quiet
done
python3 - "$out" <<'PY'
import csv, math, sys
out = sys.argv[1]
rows = {m: {int(r["replicate"]): r for r in csv.DictReader(open(f"{out}/{m}/replicates.csv"))}
        for m in ("per_agent", "binomial")}
def mean_ci(xs):
    m = sum(xs) / len(xs)
    se = math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1) / len(xs))
    return m, 1.96 * se
keys = sorted(rows["per_agent"])
for column in ("run", "final_withdrawn_fraction", "bad_debt_usd"):
    a = [float(rows["per_agent"][k][column]) for k in keys]
    b = [float(rows["binomial"][k][column]) for k in keys]
    (ma, ca), (mb, cb), (md, cd) = mean_ci(a), mean_ci(b), mean_ci([y - x for x, y in zip(a, b)])
    print(f"{column}: per_agent {ma:.4g} ± {ca:.2g}, binomial {mb:.4g} ± {cb:.2g}, "
          f"paired difference {md:.3g} ± {cd:.2g} (n = {len(keys)})")
PY
