#!/usr/bin/env python3
"""Paired difference in P(run), optimised package minus reference, at each shock size.

Replicate r of both curves has the same seed (1) and replicate index (common random numbers), so
d_r = run_optimum(r) - run_reference(r) is paired; the interval is mean(d) +- 1.96 sd(d)/sqrt(n).
Reads results/{reference,optimum}/replicates.csv (seed 1) and results/holdout-{reference,optimum}/
replicates.csv (seed 2, replicates the search never saw); writes paired.csv and paired-holdout.csv
and prints a Markdown table of each.
"""
import csv
import math


def runs(path):
    out = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            out[(float(row["market.shock.size"]), int(row["replicate"]))] = int(row["run"])
    return out


def compare(left, right, out):
    a = runs(left)
    b = runs(right)
    rows = []
    for shock in sorted({k[0] for k in a}):
        keys = sorted(k for k in a if k[0] == shock and k in b)
        d = [b[k] - a[k] for k in keys]
        n = len(d)
        mean = sum(d) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1)) if n > 1 else 0.0
        half = 1.96 * sd / math.sqrt(n)
        pa = sum(a[k] for k in keys) / n
        pb = sum(b[k] for k in keys) / n
        rows.append((shock, n, pa, pb, mean, mean - half, mean + half))
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["shock", "pairs", "p_run_reference", "p_run_optimum", "difference", "lower", "upper"])
        w.writerows(rows)
    print("| shock | P(run) reference | P(run) optimised | paired difference [95%] |")
    print("|---|---|---|---|")
    for shock, n, pa, pb, m, lo, hi in rows:
        print(f"| {shock:.2f} | {pa:.2f} | {pb:.2f} | {m:+.2f} [{lo:+.2f}, {hi:+.2f}] |")


compare("results/reference/replicates.csv", "results/optimum/replicates.csv", "paired.csv")
compare("results/holdout-reference/replicates.csv", "results/holdout-optimum/replicates.csv", "paired-holdout.csv")
