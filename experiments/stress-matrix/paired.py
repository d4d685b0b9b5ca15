#!/usr/bin/env python3
"""Paired differences (policy − baseline) per stress row, from the study store: replicate r of two cells
shares its random streams, so the mean of the per-replicate differences and its standard error measure
the policy's effect. Usage: experiments/stress-matrix/paired.py [results/results.sqlite]"""
import math
import sqlite3
import sys

store = sys.argv[1] if len(sys.argv) > 1 else "experiments/stress-matrix/results/results.sqlite"
db = sqlite3.connect(store)
rows = ["none", "flash_crash", "bear_market", "gas_spike", "lp_flight"]
policies = ["baseline", "withdrawal_fee", "reserve_buffer"]


def column(point, name):
    return dict(db.execute(f"select replicate, {name} from outcome where point = ?", (point,)).fetchall())


print("stress,policy,outcome,mean_difference,standard_error")
for s, stress in enumerate(rows):
    for k in (1, 2):
        for name in ("run", "bad_debt_usd"):
            base = column(s * len(policies), name)
            other = column(s * len(policies) + k, name)
            d = [other[r] - base[r] for r in base]
            mean = sum(d) / len(d)
            se = math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1) / len(d))
            print(f"{stress},{policies[k]},{name},{mean:.6g},{se:.3g}")
