#!/usr/bin/env python3
"""Paired differences (policy − no policy) per stress row of an ALM stress matrix, from its study store.

Replicate r of every cell shares its random streams (common random numbers), so the mean of the
per-replicate differences and its standard error measure a policy's effect; the 95% interval is
mean ± 1.96 standard errors. Per replicate: run (0/1), insolvent (bad debt > 0 or θ < 0 at some tick,
as `ballast stress` counts it), bad debt (USD), the run's minimum LCR, its lowest θ and the treasury's yield given up (USD).
Usage: paired.py STORE STRESS[,STRESS...] POLICY[,POLICY...]   (the matrix's row and column labels, in order)"""
import math
import sqlite3
import sys

store, rows, policies = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
db = sqlite3.connect(store)
metrics = {
    "run": "run",
    "insolvent": "(bad_debt_usd > 0 or worst_theta < 0)",
    "bad_debt_usd": "bad_debt_usd",
    "min_lcr": "min_lcr",
    "worst_theta": "worst_theta",
    "yield_given_up_usd": "treasury_yield_given_up_usd",
}


def column(point, expression):
    return dict(db.execute(f"select replicate, {expression} from outcome where point = ?", (point,)).fetchall())


print("stress,policy,outcome,mean_difference,lo95,hi95,standard_error,pairs")
for s, stress in enumerate(rows):
    for k in range(1, len(policies)):
        for name, expression in metrics.items():
            base = column(s * len(policies), expression)
            other = column(s * len(policies) + k, expression)
            d = [float(other[r]) - float(base[r]) for r in base if r in other]
            mean = sum(d) / len(d)
            se = math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1) / len(d))
            print(f"{stress},{policies[k]},{name},{mean:.6g},{mean - 1.96 * se:.6g},{mean + 1.96 * se:.6g},{se:.3g},{len(d)}")
