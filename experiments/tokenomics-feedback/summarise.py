#!/usr/bin/env python3
"""Summaries of run.sh's curves (each curve's replicates.csv under RESULTS_FOLDER).

  summarise.py RESULTS_FOLDER          per curve and shock: P(run) with its 95% Wilson interval; the means (with
                                       95% normal half-widths) of the incentive cost and of the token's lowest and
                                       final price against its opening price; the median final price and dilution;
                                       and P(spiral), the share of replicates whose backstop minted more than the
                                       opening supply (dilution > 1), with its Wilson interval.
  summarise.py RESULTS_FOLDER --stability
                                       per stability pool size (curves sp-0, sp-10, sp-30) and shock: P(run) with its
                                       Wilson interval, the means (95% half-widths) of bad debt and of the lowest AMM
                                       price, their paired differences from sp-0 on the same replicates (mean and
                                       95% half-width), and the replicates that ran only without or only with the pool
                                       with the exact sign test's p-value.
  summarise.py RESULTS_FOLDER --locks  per lock-up boost variant (curves locks-off, -flat, -boost, -usd, -long)
                                       and shock: P(run) with its Wilson interval, the means (95% half-widths) of the
                                       programme's cost and of the largest share of D0 under lock, the median run tick
                                       of the replicates that ran, and against locks-off on the same replicates the
                                       replicates that ran only without or only with the locks, with the exact sign
                                       test's p-value, and the paired delay of the run (mean and 95% half-width of
                                       run_tick with locks less without, over the replicates that ran under both).
  summarise.py RESULTS_FOLDER --paired per pair of curves and shock, on the same replicates (common random numbers):
                                       the replicates that ran under one and not the other, and the exact two-sided
                                       sign (McNemar) test's p-value.
"""
import csv, math, os, sys

Z = 1.959963984540054

def wilson(k, n):
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)

def mean_ci(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    return m, Z * sd / math.sqrt(n)

def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2

def sign_test(a, b):
    """Exact two-sided binomial test of a successes against b at p = 1/2."""
    n = a + b
    if n == 0:
        return 1.0
    k = min(a, b)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)

def load(root, name):
    path = os.path.join(root, name, "replicates.csv")
    if not os.path.exists(path):
        return None, {}
    rows = list(csv.DictReader(open(path)))
    key = [k for k in rows[0] if k.startswith("market.")][0]
    return key, {(float(r[key]), int(r["replicate"])): r for r in rows}

root = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "--stability":
    _, base = load(root, "sp-0")
    print("size_musd,factor,replicates,p_run,p_run_lo,p_run_hi,bad_debt_usd,bad_debt_usd_pm,min_amm_price,"
          "min_amm_price_pm,d_bad_debt_usd,d_bad_debt_usd_pm,d_min_amm_price,d_min_amm_price_pm,"
          "ran_without_only,ran_with_only,sign_test_p")
    for size in [0, 10, 30]:
        _, rows = load(root, f"sp-{size}")
        for f in sorted({k[0] for k in rows}, reverse=True):
            keys = sorted(k for k in rows if k[0] == f)
            n = len(keys)
            runs = sum(int(rows[k]["run"]) for k in keys)
            lo, hi = wilson(runs, n)
            out = [mean_ci([float(rows[k][c]) for k in keys]) for c in ["bad_debt_usd", "min_amm_price"]]
            out += [mean_ci([float(rows[k][c]) - float(base[k][c]) for k in keys])
                    for c in ["bad_debt_usd", "min_amm_price"]]
            only_base = sum(1 for k in keys if base[k]["run"] == "1" and rows[k]["run"] == "0")
            only_this = sum(1 for k in keys if base[k]["run"] == "0" and rows[k]["run"] == "1")
            print(f"{size},{f},{n},{runs / n:.3f},{lo:.3f},{hi:.3f}," + ",".join(f"{m:.6g},{pm:.3g}" for m, pm in out)
                  + f",{only_base},{only_this},{sign_test(only_base, only_this):.2g}")
    sys.exit(0)
if len(sys.argv) > 2 and sys.argv[2] == "--locks":
    _, base = load(root, "locks-off")
    print("variant,factor,replicates,p_run,p_run_lo,p_run_hi,incentive_cost_usd,incentive_cost_usd_pm,"
          "max_locked_share,max_locked_share_pm,median_run_tick,ran_without_only,ran_with_only,sign_test_p,"
          "both_ran,d_run_tick,d_run_tick_pm")
    for name in ["locks-off", "locks-flat", "locks-boost", "locks-usd", "locks-long"]:
        _, rows = load(root, name)
        for f in sorted({k[0] for k in rows}, reverse=True):
            keys = sorted(k for k in rows if k[0] == f)
            n = len(keys)
            runs = sum(int(rows[k]["run"]) for k in keys)
            lo, hi = wilson(runs, n)
            out = [mean_ci([float(rows[k][c]) for k in keys]) for c in ["incentive_cost_usd", "max_locked_share"]]
            ticks = [int(rows[k]["run_tick"]) for k in keys if rows[k]["run"] == "1"]
            tick = median(ticks) if ticks else float("nan")
            only_base = sum(1 for k in keys if base[k]["run"] == "1" and rows[k]["run"] == "0")
            only_this = sum(1 for k in keys if base[k]["run"] == "0" and rows[k]["run"] == "1")
            both = [k for k in keys if base[k]["run"] == "1" and rows[k]["run"] == "1"]
            delay = (mean_ci([int(rows[k]["run_tick"]) - int(base[k]["run_tick"]) for k in both])
                     if len(both) > 1 else (float("nan"), float("nan")))
            print(f"{name},{f},{n},{runs / n:.3f},{lo:.3f},{hi:.3f}," + ",".join(f"{m:.6g},{pm:.3g}" for m, pm in out)
                  + f",{tick},{only_base},{only_this},{sign_test(only_base, only_this):.2g}"
                  + f",{len(both)},{delay[0]:.4g},{delay[1]:.3g}")
    sys.exit(0)
curves = ["none", "usd", "token", "token-sensitive", "none-sensitive", "backstop-off", "backstop-on"]
if len(sys.argv) > 2 and sys.argv[2] == "--paired":
    pairs = [("none", "usd"), ("none", "token"), ("token", "usd"), ("token", "token-sensitive"),
             ("none", "none-sensitive"), ("backstop-off", "backstop-on")]
    print("a,b,factor,replicates,runs_a,runs_b,only_a,only_b,sign_test_p")
    for a, b in pairs:
        _, ra = load(root, a)
        _, rb = load(root, b)
        for f in sorted({k[0] for k in ra}, reverse=True):
            keys = [k for k in ra if k[0] == f and k in rb]
            only_a = sum(1 for k in keys if ra[k]["run"] == "1" and rb[k]["run"] == "0")
            only_b = sum(1 for k in keys if ra[k]["run"] == "0" and rb[k]["run"] == "1")
            runs_a = sum(int(ra[k]["run"]) for k in keys)
            runs_b = sum(int(rb[k]["run"]) for k in keys)
            print(f"{a},{b},{f},{len(keys)},{runs_a},{runs_b},{only_a},{only_b},{sign_test(only_a, only_b):.2g}")
    sys.exit(0)

cols = ["incentive_cost_usd", "token_price_min", "token_price_final"]
print("curve,factor,replicates,p_run,p_run_lo,p_run_hi," + ",".join(f"{c},{c}_pm" for c in cols)
      + ",token_price_final_median,token_dilution_median,p_spiral,p_spiral_lo,p_spiral_hi")
for name in curves:
    _, rows = load(root, name)
    for f in sorted({k[0] for k in rows}, reverse=True):
        sel = [r for k, r in rows.items() if k[0] == f]
        n = len(sel)
        runs = sum(int(r["run"]) for r in sel)
        lo, hi = wilson(runs, n)
        stats = [mean_ci([float(r[c]) for r in sel]) for c in cols]
        spirals = sum(1 for r in sel if float(r["token_dilution"]) > 1)
        slo, shi = wilson(spirals, n)
        print(f"{name},{f},{n},{runs / n:.3f},{lo:.3f},{hi:.3f}," + ",".join(f"{m:.6g},{pm:.3g}" for m, pm in stats)
              + f",{median([float(r['token_price_final']) for r in sel]):.6g}"
              + f",{median([float(r['token_dilution']) for r in sel]):.6g},{spirals / n:.3f},{slo:.3f},{shi:.3f}")
