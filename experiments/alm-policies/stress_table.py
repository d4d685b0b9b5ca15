#!/usr/bin/env python3
"""Tables and figure data of the ALM stress matrices (run.sh), from each matrix's stress-matrix.csv, its
store and its paired differences (paired-*.csv, written by paired.py).

Writes stress-summary.csv (for alm-stress.gp) and prints one Markdown table per scenario: per cell, P(run)
and P(insolvency) with 95% Wilson intervals, the bad-debt VaR95 and the worst LCR (5th percentile of each
run's minimum) with bootstrap intervals, the mean of each run's minimum LCR with a 95% t interval, the
treasury's mean yield given up and invested share with bootstrap intervals; then, paired with the no-policy
cell of the same stress (common random numbers), the differences in P(run), mean minimum LCR and yield given
up with 95% intervals (mean ± 1.96 standard errors). Run from the repository root:
  python3 experiments/alm-policies/stress_table.py > experiments/alm-policies/stress-table.md"""
import csv
import math
import sqlite3

HERE = "experiments/alm-policies"
SCENARIOS = [("reference", "Reference (alm-reference.yaml, 600 hourly ticks)"),
             ("multi-collateral", "Multi-collateral (alm-multi-collateral.yaml, 250 hourly ticks)")]
GRANTS = [("reference-grant", "Grant top-ups, reference"),
          ("multi-collateral-grant", "Grant top-ups, multi-collateral")]


def money(x):
    x = float(x)
    if math.isnan(x):
        return "–"
    a = abs(x)
    return f"{x / 1e6:.1f}M" if a >= 1e6 else f"{x / 1e3:.0f}k" if a >= 1e3 else f"{x:.0f}"


def signed_k(x):
    return f"{x / 1e3:+.1f}k"


summary = open(f"{HERE}/stress-summary.csv", "w")
summary.write("scenario,stress,policy,stress_index,policy_index,d_run,d_run_lo,d_run_hi,d_lcr,d_lcr_lo,d_lcr_hi,"
              "d_yield_k,d_yield_lo_k,d_yield_hi_k,d_insolvent,d_insolvent_lo,d_insolvent_hi\n")
for key, title in SCENARIOS:
    cells = list(csv.DictReader(open(f"{HERE}/results/{key}/stress-matrix.csv")))
    paired = {}
    for r in csv.DictReader(open(f"{HERE}/paired-{key}.csv")):
        paired[(r["stress"], r["policy"], r["outcome"])] = (float(r["mean_difference"]), float(r["lo95"]),
                                                            float(r["hi95"]))
    db = sqlite3.connect(f"{HERE}/results/{key}/results.sqlite")
    stresses = list(dict.fromkeys(c["stress"] for c in cells))
    policies = list(dict.fromkeys(c["policy"] for c in cells))
    print(f"\n**{title}**, {cells[0]['replicates']} replicates per cell\n")
    print("| stress | policy | P(run) | P(insolvency) | bad-debt VaR95 | worst LCR (p5) | mean min LCR | "
          "yield given up | invested share | ΔP(run) | Δ mean min LCR | Δ yield given up |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for point, c in enumerate(cells):
        lcr = [x for (x,) in db.execute("select min_lcr from outcome where point = ?", (point,))]
        n = len(lcr)
        m = sum(lcr) / n
        h = 1.96 * math.sqrt(sum((x - m) ** 2 for x in lcr) / (n - 1) / n)
        s, p = c["stress"].split(":")[0], c["policy"]
        f = lambda a: f"{float(c[a]):.2f} [{float(c[a + '_lo']):.2f}, {float(c[a + '_hi']):.2f}]"
        row = [s, p, f("p_run"), f("p_insolvency"),
               f"{money(c['bad_debt_var95'])} [{money(c['bad_debt_var95_lo'])}, {money(c['bad_debt_var95_hi'])}]",
               f("worst_lcr"), f"{m:.2f} [{m - h:.2f}, {m + h:.2f}]",
               f"{money(c['yield_given_up'])} [{money(c['yield_given_up_lo'])}, {money(c['yield_given_up_hi'])}]",
               f("invested_share")]
        if p == "baseline":
            row += ["–", "–", "–"]
        else:
            d = {o: paired[(s, p, o)] for o in ("run", "min_lcr", "yield_given_up_usd", "insolvent")}
            row += [f"{d['run'][0]:+.3f} [{d['run'][1]:+.3f}, {d['run'][2]:+.3f}]",
                    f"{d['min_lcr'][0]:+.3f} [{d['min_lcr'][1]:+.3f}, {d['min_lcr'][2]:+.3f}]",
                    f"{signed_k(d['yield_given_up_usd'][0])} [{signed_k(d['yield_given_up_usd'][1])}, "
                    f"{signed_k(d['yield_given_up_usd'][2])}]"]
            y = [v / 1e3 for v in d["yield_given_up_usd"]]
            summary.write(",".join(map(str, [key, s, p, stresses.index(c["stress"]), policies.index(p),
                                             *d["run"], *d["min_lcr"], *y, *d["insolvent"]])) + "\n")
        print("| " + " | ".join(row) + " |")


# The grant matrices: the same rows, columns baseline (supplied top-ups), forecast, grant, forecast-grant.
for key, title in GRANTS:
    cells = list(csv.DictReader(open(f"{HERE}/results/{key}/stress-matrix.csv")))
    paired = {}
    for r in csv.DictReader(open(f"{HERE}/paired-{key}.csv")):
        paired[(r["stress"], r["policy"], r["outcome"])] = (float(r["mean_difference"]), float(r["lo95"]),
                                                            float(r["hi95"]))
    print(f"\n**{title}**, {cells[0]['replicates']} replicates per cell\n")
    print("| stress | policy | P(run) | P(insolvency) | bad-debt VaR95 | yield given up | ΔP(run) | Δ worst θ | "
          "Δ mean min LCR |")
    print("|---|---|---|---|---|---|---|---|---|")
    for c in cells:
        s, p = c["stress"].split(":")[0], c["policy"]
        f = lambda a: f"{float(c[a]):.2f} [{float(c[a + '_lo']):.2f}, {float(c[a + '_hi']):.2f}]"
        row = [s, p, f("p_run"), f("p_insolvency"),
               f"{money(c['bad_debt_var95'])} [{money(c['bad_debt_var95_lo'])}, {money(c['bad_debt_var95_hi'])}]",
               f"{money(c['yield_given_up'])} [{money(c['yield_given_up_lo'])}, {money(c['yield_given_up_hi'])}]"]
        if p == "baseline":
            row += ["–", "–", "–"]
        else:
            for o, fmt in (("run", "{:+.3f}"), ("worst_theta", "{:+.4f}"), ("min_lcr", "{:+.3f}")):
                d = paired[(s, p, o)]
                row.append(f"{fmt.format(d[0])} [{fmt.format(d[1])}, {fmt.format(d[2])}]")
        print("| " + " | ".join(row) + " |")
