"""Run replicates of the independent reference model and summarise outcomes.

Usage (single process):
    python3 run_crosscheck.py                      # defaults below, writes results.json
    python3 run_crosscheck.py --reps 200 --sweep-reps 100 --seed 20240601
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from reference_model import Params, run_replicate  # noqa: E402


def wilson(k: int, n: int, z: float = 1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    ph = k / n
    den = 1 + z * z / n
    centre = (ph + z * z / (2 * n)) / den
    half = z * math.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / den
    return (centre - half, centre + half)


def mean_ci(x):
    x = np.asarray(x, float)
    m = float(x.mean())
    se = float(x.std(ddof=1) / math.sqrt(x.size)) if x.size > 1 else float("nan")
    return {"mean": m, "se": se, "ci95": [m - 1.96 * se, m + 1.96 * se]}


def run_setting(shock: float, reps: int, seed: int):
    P = Params(shock_size=shock)
    outs = []
    t0 = time.perf_counter()
    for r in range(reps):
        outs.append(run_replicate(P, seed, r))
    dt = time.perf_counter() - t0
    runs = [o["run"] for o in outs]
    k = int(sum(runs))
    run_ticks = [o["run_tick"] for o in outs if o["run"]]
    summary = {
        "shock_size": shock,
        "seed": seed,
        "replicates": reps,
        "p_run": {"estimate": k / reps, "runs": k, "wilson95": list(wilson(k, reps))},
        "bad_debt_usd": mean_ci([o["bad_debt_usd"] for o in outs]),
        "liquidated_usd": mean_ci([o["liquidated_usd"] for o in outs]),
        "min_amm_price": mean_ci([o["min_amm_price"] for o in outs]),
        "lp_exit_fraction_max": mean_ci([o["lp_exit_fraction_max"] for o in outs]),
        "final_queue_usd": mean_ci([o["final_queue_usd"] for o in outs]),
        "final_withdrawn_fraction": mean_ci([o["final_withdrawn_fraction"] for o in outs]),
        "run_tick_given_run": ({"median": float(np.median(run_ticks)), "mean": float(np.mean(run_ticks))}
                               if run_ticks else None),
        "seconds_total": dt,
        "seconds_per_replicate": dt / reps,
    }
    return summary


def fmt(s):
    pr = s["p_run"]
    lines = [f"shock={s['shock_size']:.2f}  n={s['replicates']}  seed={s['seed']}  "
             f"({s['seconds_per_replicate']:.3f} s/replicate)",
             f"  P(run)               = {pr['estimate']:.4f}  Wilson95 [{pr['wilson95'][0]:.4f}, {pr['wilson95'][1]:.4f}]"]
    for key in ["bad_debt_usd", "liquidated_usd", "min_amm_price", "lp_exit_fraction_max", "final_queue_usd"]:
        v = s[key]
        lines.append(f"  mean {key:<20s}= {v['mean']:.6g}  ± {1.96 * v['se']:.4g}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--reps", type=int, default=1000, help="replicates at the default 30%% shock")
    ap.add_argument("--sweep-reps", type=int, default=500, help="replicates at each sweep shock")
    ap.add_argument("--sweep", type=float, nargs="*", default=[0.1, 0.2, 0.4, 0.5])
    ap.add_argument("--out", default=str(HERE / "results.json"))
    args = ap.parse_args()

    results = {
        "model": "independent numpy implementation of docs/reference-model.md",
        "rng": "numpy.random.default_rng([seed, replicate]) (PCG64), one stream per replicate",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "default": None,
        "sweep": [],
    }
    s = run_setting(0.30, args.reps, args.seed)
    print(fmt(s), flush=True)
    results["default"] = s
    for shock in args.sweep:
        s = run_setting(shock, args.sweep_reps, args.seed + 1000 * int(round(shock * 100)))
        print(fmt(s), flush=True)
        results["sweep"].append(s)
    Path(args.out).write_text(json.dumps(results, indent=2))
    print("wrote", args.out)


if __name__ == "__main__":
    main()
