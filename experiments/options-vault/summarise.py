#!/usr/bin/env python3
"""Summarises the options-vault runs (results/runs/<variant>-<replicate>/) into table.md (standard output)
and the data files the figures read (results/*.dat).

Per variant: the vault's P&L over the run (final value - the 30 M USD deposited), its largest loss from
tick 0 (outcome.json treasury.max_loss), the hedge's slippage (execution against the external price,
fee included), each as a mean with a 95% t interval; the 5% quantile of the P&L (the 95% loss quantile,
a VaR) and the P&L's standard deviation, each with a 95% percentile-bootstrap interval (2,000 resamples,
fixed seed); and, paired with the unhedged variant of the same pool (same replicates: common random
numbers), the mean change in P&L and in largest loss with 95% t intervals. Run from this folder.
"""
import csv
import json
import math
import os
import random
import statistics

T975 = 1.984  # Student t, 99 degrees of freedom (100 replicates)
DEPOSITS = 30e6
VARIANTS = [("none", "protocol pool, unhedged"), ("hedged", "protocol pool, delta-hedged"),
            ("deep", "20x deeper pool, unhedged"), ("deep-hedged", "20x deeper pool, delta-hedged"),
            ("stay-hedged", "protocol pool, LPs stay, delta-hedged"),
            ("gamma", "protocol pool, delta- and gamma-hedged"), ("deep-gamma", "20x deeper pool, delta- and gamma-hedged")]
PAIRS = {"hedged": ("none", "unhedged"), "deep-hedged": ("deep", "unhedged"), "stay-hedged": ("none", "unhedged"),
         "gamma": ("hedged", "delta-hedged"), "deep-gamma": ("deep-hedged", "delta-hedged")}
CRASH = range(200, 260)  # the crash tick and the next 59: liquidations and LP exits


def runs(v):
    out = {}
    for name in os.listdir("results/runs"):
        prefix, _, rep = name.rpartition("-")
        if prefix == v:
            out[int(rep)] = os.path.join("results/runs", name)
    return [out[k] for k in sorted(out)]


def read(path):
    t = json.load(open(os.path.join(path, "outcome.json")))["treasury"]
    rows = list(csv.DictReader(open(os.path.join(path, "treasury.csv"))))
    slip = [float(r["hedge_slippage_usd"]) for r in rows]
    vol = [float(r["hedge_volume_usd"]) for r in rows]
    crash_slip = slip[CRASH[-1]] - slip[CRASH[0] - 1]
    crash_vol = vol[CRASH[-1]] - vol[CRASH[0] - 1]
    calm_slip = slip[CRASH[0] - 1]
    calm_vol = vol[CRASH[0] - 1]
    return dict(pnl=t["final_value"] - DEPOSITS, loss=t["max_loss"], slip=t["hedge_slippage_usd"],
                crash_bps=1e4 * crash_slip / crash_vol if crash_vol > 0 else 0,
                calm_bps=1e4 * calm_slip / calm_vol if calm_vol > 0 else 0)


def mean_ci(xs):
    m = statistics.mean(xs)
    h = T975 * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else 0
    return m, m - h, m + h


def q05(xs):
    s = sorted(xs)
    return s[max(0, math.ceil(0.05 * len(s)) - 1)]


def boot(xs, f, rng):
    stats = sorted(f([rng.choice(xs) for _ in xs]) for _ in range(2000))
    return f(xs), stats[49], stats[1949]


def m(x):
    return f"{x / 1e6:.2f}"


def ci(t):
    return f"{m(t[0])} [{m(t[1])}, {m(t[2])}]"


data = {v: [read(p) for p in runs(v)] for v, _ in VARIANTS}
rng = random.Random(1)
print("| variant | n | mean P&L (M USD) | 5% quantile of P&L | sd of P&L | mean largest loss | mean hedge slippage |")
print("|---|---|---|---|---|---|---|")
with open("results/loss.dat", "w") as f:
    f.write("# variant index, q05, q25, median, q75, q95 of the P&L (M USD)\n")
    for i, (v, label) in enumerate(VARIANTS):
        d = data[v]
        pnl = [r["pnl"] for r in d]
        print(f"| {label} | {len(d)} | {ci(mean_ci(pnl))} | {ci(boot(pnl, q05, rng))} | "
              f"{ci(boot(pnl, statistics.stdev, rng))} | {ci(mean_ci([r['loss'] for r in d]))} | "
              f"{ci(mean_ci([r['slip'] for r in d]))} |")
        s = sorted(pnl)
        qs = [s[min(len(s) - 1, int(q * len(s)))] / 1e6 for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
        f.write(f"{i} \"{label}\" " + " ".join(f"{x:.4f}" for x in qs) + "\n")
print()
print("Paired with a variant in the same pool (mean and 95% t interval of the difference, M USD):")
print()
print("| variant | compared with | Δ P&L | Δ largest loss |")
print("|---|---|---|---|")
for v, (base, name) in PAIRS.items():
    dp = [a["pnl"] - b["pnl"] for a, b in zip(data[v], data[base])]
    dl = [a["loss"] - b["loss"] for a, b in zip(data[v], data[base])]
    label = dict(VARIANTS)[v]
    print(f"| {label} | {name} | {ci(mean_ci(dp))} | {ci(mean_ci(dl))} |")
print()
print("Hedge slippage per USD traded, before the crash (ticks 0-199, the opening hedge included) and in ticks 200-259 (basis points):")
print()
print("| variant | before the crash | crash window |")
print("|---|---|---|")
for v in ("hedged", "stay-hedged", "deep-hedged", "gamma", "deep-gamma"):
    calm = mean_ci([r["calm_bps"] for r in data[v]])
    crash = mean_ci([r["crash_bps"] for r in data[v]])
    fmt = lambda t: f"{t[0]:.0f} [{t[1]:.0f}, {t[2]:.0f}]"
    print(f"| {dict(VARIANTS)[v]} | {fmt(calm)} | {fmt(crash)} |")
for v in ("none", "hedged"):
    with open(f"results/greeks-{v}.dat", "w") as f:
        rows = list(csv.DictReader(open(os.path.join(runs(v)[0], "treasury.csv"))))
        f.write("# tick spot ewma delta gamma theta_per_day vega pnl_M slippage_M\n")
        for r in rows:
            f.write(" ".join(str(x) for x in (
                r["tick"], r["spot"], r["volatility"], r["delta"], r["gamma"], float(r["theta"]) / 365,
                r["vega"], (float(r["value"]) - DEPOSITS) / 1e6, float(r["hedge_slippage_usd"]) / 1e6)) + "\n")
