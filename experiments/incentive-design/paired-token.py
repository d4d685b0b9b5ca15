#!/usr/bin/env python3
"""Per shock, on the same replicates: P(run) of each package with its Wilson interval, the paired difference
optimum − start with a 95% normal interval, and the mean measured cost (USD) with a 95% interval. Reads
results/token-*/replicates.csv (run from this folder)."""
import csv, math

Z = 1.959963984540054

def load(name):
    rows = list(csv.DictReader(open(f"results/{name}/replicates.csv")))
    key = [k for k in rows[0] if k.startswith("market.")][0]
    return {(float(r[key]), int(r["replicate"])): r for r in rows}

def wilson(k, n):
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)

def mean_ci(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    return m, Z * sd / math.sqrt(n)

names = ["token-none", "token-start", "token-optimum", "token-optimum-in-gov"]
data = {n: load(n) for n in names}
print("factor,package,replicates,p_run,p_run_lo,p_run_hi,cost_usd,cost_pm,diff_vs_start,diff_lo,diff_hi")
for f in sorted({k[0] for k in data["token-none"]}, reverse=True):
    keys = sorted(k for k in data["token-none"] if k[0] == f)
    for n in names:
        runs = [int(data[n][k]["run"]) for k in keys]
        lo, hi = wilson(sum(runs), len(runs))
        cost = [float(data[n][k]["incentive_cost_usd"]) for k in keys]
        m, pm = mean_ci(cost)
        d = [runs[i] - int(data["token-start"][k]["run"]) for i, k in enumerate(keys)]
        dm, dpm = mean_ci(d) if any(d) else (0.0, 0.0)
        print(f"{f},{n[6:]},{len(keys)},{sum(runs) / len(runs):.3f},{lo:.3f},{hi:.3f},{m:.4g},{pm:.3g},"
              f"{dm:.3f},{dm - dpm:.3f},{dm + dpm:.3f}")
