"""Reads the run folders written by run.sh and writes the per-replicate, summary and paired-difference CSVs.
   python3 summarise.py RUNS REPLICATES RESULTS"""
import csv, json, math, os, sys

runs, n, results = sys.argv[1], int(sys.argv[2]), sys.argv[3]
settings = ["none", "0.8", "0.5", "0.3"]
markets = ["main", "wbtc_only"]
Z = 1.96


def last_tick_wbtc_bad_debt(folder):
    """WBTC's cumulative bad debt at the last tick of assets.csv (every market's, attributed to WBTC)."""
    last = None
    with open(os.path.join(folder, "assets.csv")) as f:
        for row in csv.DictReader(f):
            if row["asset"] == "WBTC":
                last = float(row["bad_debt"])
    return last


rows = []
for s in settings:
    for r in range(n):
        folder = os.path.join(runs, f"{s}-r{r}")
        o = json.load(open(os.path.join(folder, "outcome.json")))
        (w,) = [m for m in o["markets"] if m["name"] == "wbtc_only"]
        wbtc_all = last_tick_wbtc_bad_debt(folder)
        for name, m in (("main", o), ("wbtc_only", w)):
            # The main market's bad debt attributed to WBTC: every market's WBTC bad debt less wbtc_only's
            # (all of whose collateral is WBTC).
            wbtc_bd = wbtc_all - w["bad_debt_usd"] if name == "main" else w["bad_debt_usd"]
            rows.append({
                "setting": s, "recovery": "" if s == "none" else s, "replicate": r, "market": name,
                "run": int(bool(m["run"])), "run_tick": m.get("run_tick", ""),
                "liquidated_usd": m["liquidated_usd"], "bad_debt_usd": m["bad_debt_usd"],
                "bad_debt_wbtc_usd": max(wbtc_bd, 0.0),
                "worst_theta": m["worst_theta"], "min_lcr": m["min_lcr"],
                "final_withdrawn_fraction": m["final_withdrawn_fraction"],
            })

fields = list(rows[0].keys())
with open(os.path.join(results, "per-replicate.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields)
    w.writeheader()
    for row in rows:
        w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})


def wilson(k, n):
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return p, max(c - h, 0.0), min(c + h, 1.0)


def mean_ci(xs):
    m = sum(xs) / len(xs)
    v = sum((x - m) ** 2 for x in xs) / (len(xs) - 1) if len(xs) > 1 else 0.0
    h = Z * math.sqrt(v / len(xs))
    return m, m - h, m + h


def values(s, market, key):
    return [row[key] for row in rows if row["setting"] == s and row["market"] == market]


measures = ["liquidated_usd", "bad_debt_usd", "bad_debt_wbtc_usd", "worst_theta", "min_lcr",
            "final_withdrawn_fraction"]
with open(os.path.join(results, "summary.csv"), "w", newline="") as f:
    w = csv.writer(f)
    head = ["setting", "recovery", "market", "replicates", "runs", "p_run", "p_run_lo", "p_run_hi"]
    for k in measures:
        head += [k + "_mean", k + "_lo", k + "_hi"]
    w.writerow(head)
    for s in settings:
        for market in markets:
            runs_ = values(s, market, "run")
            k = sum(runs_)
            line = [s, "" if s == "none" else s, market, len(runs_), k] + [f"{x:.4f}" for x in wilson(k, len(runs_))]
            for key in measures:
                line += [f"{x:.6g}" for x in mean_ci(values(s, market, key))]
            w.writerow(line)

with open(os.path.join(results, "paired-difference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["setting", "market", "replicates", "run_only_with_failure", "run_only_without_failure",
                "p_run_diff", "p_run_diff_lo", "p_run_diff_hi",
                "liquidated_diff_mean", "liquidated_diff_lo", "liquidated_diff_hi",
                "bad_debt_diff_mean", "bad_debt_diff_lo", "bad_debt_diff_hi"])
    for s in settings[1:]:
        for market in markets:
            a = {key: values(s, market, key) for key in ("run", "liquidated_usd", "bad_debt_usd")}
            b = {key: values("none", market, key) for key in ("run", "liquidated_usd", "bad_debt_usd")}
            with_only = sum(1 for x, y in zip(a["run"], b["run"]) if x and not y)
            without_only = sum(1 for x, y in zip(a["run"], b["run"]) if y and not x)
            line = [s, market, n, with_only, without_only]
            for key in ("run", "liquidated_usd", "bad_debt_usd"):
                line += [f"{x:.6g}" for x in mean_ci([x - y for x, y in zip(a[key], b[key])])]
            w.writerow(line)
