#!/usr/bin/env python3
"""Summarises results/results.sqlite of the alm-policies study into summary.csv (for alm-policies.gp)
and a Markdown table on standard output.

Per point (policy package x shock): P(run) with a 95% Wilson interval; mean bad debt and mean worst LCR
with 95% t intervals; the 95% quantile of bad debt (a VaR over the run's 600 hourly ticks); and, paired
with the no-policy point at the same shock (same replicates: common random numbers), the mean change in
bad debt and in worst LCR with 95% t intervals. Run from this folder:  python3 summarise.py > table.md
"""
import math
import sqlite3
import statistics

T975 = 1.984  # Student t, 99 degrees of freedom (100 replicates per point)
Z = 1.959964

db = sqlite3.connect("results/results.sqlite")
names = [n for (n,) in db.execute("select name from parameter order by position")]
points = {}
for point, position, value in db.execute("select point, position, value from point_value"):
    points.setdefault(point, {})[names[position]] = value
rows = {}
for point, replicate, run, bad, lcr in db.execute(
        "select point, replicate, run, bad_debt_usd, min_lcr from outcome order by point, replicate"):
    rows.setdefault(point, {})[replicate] = (run, bad, lcr)


def package(p):
    parts = [name for key, name in (("margins.sensitivity", "margins"), ("controller.max", "controller"),
                                    ("treasury.forecast.cover", "forecast")) if p[key] > 0]
    return " + ".join(parts) if parts else "none"


def wilson(k, n):
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return p, max(0, c - h), min(1, c + h)


def mean_ci(xs):
    m = statistics.fmean(xs)
    h = T975 * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else 0
    return m, m - h, m + h


def quantile(xs, q):
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, math.ceil(q * len(s)) - 1))]


order = ["none", "margins", "controller", "forecast", "margins + controller", "margins + forecast",
         "controller + forecast", "margins + controller + forecast"]
baseline = {p["market.shock.size"]: k for k, p in points.items() if package(p) == "none"}
out = []
for k, p in points.items():
    reps = rows.get(k, {})
    base = rows.get(baseline[p["market.shock.size"]], {})
    shared = sorted(set(reps) & set(base))
    runs = [reps[r][0] for r in shared]
    bad = [reps[r][1] / 1e6 for r in shared]
    lcr = [reps[r][2] for r in shared]
    dbad = [(reps[r][1] - base[r][1]) / 1e6 for r in shared]
    dlcr = [reps[r][2] - base[r][2] for r in shared]
    out.append((order.index(package(p)), p["market.shock.size"], package(p), len(shared),
                wilson(sum(runs), len(runs)), mean_ci(bad), quantile(bad, 0.95), mean_ci(lcr), mean_ci(dbad),
                mean_ci(dlcr)))
out.sort(key=lambda o: (o[1], o[0]))

with open("summary.csv", "w") as f:
    f.write("shock,package_index,package,replicates,p_run,p_run_lo,p_run_hi,bad_debt_m,bad_debt_lo,bad_debt_hi,"
            "bad_debt_var95_m,min_lcr,min_lcr_lo,min_lcr_hi,d_bad_debt_m,d_bad_debt_lo,d_bad_debt_hi,"
            "d_min_lcr,d_min_lcr_lo,d_min_lcr_hi\n")
    for i, shock, name, n, pr, bad, var, lcr, dbad, dlcr in out:
        f.write(",".join(str(x) for x in (shock, i, '"' + name + '"', n, *pr, *bad, var, *lcr, *dbad, *dlcr)) + "\n")


def iv(t, fmt="{:.2f}"):
    return (fmt + " [" + fmt + ", " + fmt + "]").format(*t)


print("| shock | policies | P(run) [95% Wilson] | bad debt, M USD, mean [95%] | bad debt VaR 95%, M USD | "
      "worst LCR, mean [95%] | Δ bad debt vs none, paired [95%] | Δ worst LCR vs none, paired [95%] |")
print("|---|---|---|---|---|---|---|---|")
for i, shock, name, n, pr, bad, var, lcr, dbad, dlcr in out:
    print(f"| {shock:.0%} | {name} | {iv(pr)} | {iv(bad)} | {var:.2f} | {iv(lcr)} | {iv(dbad)} | {iv(dlcr, '{:.3f}')} |")
