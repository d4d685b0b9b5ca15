"""Independent NumPy implementation of the reference bank-run model.

Written only from docs/reference-model.md (no access to the Swift
implementation).  One call to `run_replicate` simulates one replicate and
returns its outcomes (and, optionally, the per-tick series).

Interpretation choices where the text leaves room are marked "CHOICE" and
listed in README.md.
"""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, asdict, field

import numpy as np


@dataclass
class Params:
    # time
    T: int = 1000
    # external market
    p0: float = 2000.0
    sigma: float = 0.01
    shock_tick: int = 200
    shock_size: float = 0.30
    # AMM
    amm_fee: float = 0.003
    amm_eth0: float = 50_000.0
    amm_usd0: float = 100_000_000.0
    # lending pool
    n_depositors: int = 10_000
    deposit_median: float = 10_000.0
    deposit_log_sd: float = 1.0
    reserve_fraction: float = 0.20
    insurance_fraction: float = 0.05
    n_borrowers: int = 1_000
    loan_weight_log_sd: float = 1.0
    ltv_min: float = 0.50
    ltv_max: float = 0.75
    liq_threshold: float = 0.825
    liq_bonus: float = 0.05
    close_factor: float = 0.5
    dust_eth: float = 1e-9
    # arbitrageurs
    n_arbs: int = 5
    arb_usd: float = 5_000_000.0
    arb_eth: float = 2_500.0
    arb_gamma: float = 0.997
    # LPs
    n_lps: int = 50
    lp_tol_min: float = 0.02
    lp_tol_max: float = 0.10
    vol_window: int = 24
    # liquidators
    n_liquidators: int = 10
    liq_budget: float = 100_000.0
    # depositors
    attention: float = 0.1
    obs_noise: float = 0.01
    k_mean: float = 0.0
    k_sd: float = 0.01
    w_weight: float = 0.1
    run_threshold: float = 0.5


class Pool:
    """Uniswap-v2 constant-product ETH/USD pool (x = ETH, y = USD)."""

    __slots__ = ("x", "y", "g", "price", "shares")

    def __init__(self, x: float, y: float, fee: float):
        self.x = x
        self.y = y
        self.g = 1.0 - fee
        self.price = y / x
        self.shares = 0.0

    @property
    def empty(self) -> bool:
        return self.shares <= 0.0

    def quote_sell_eth(self, dx: float) -> float:
        a = self.g * dx
        return self.y * a / (self.x + a)

    def sell_eth(self, dx: float) -> float:
        out = self.quote_sell_eth(dx)
        self.x += dx
        self.y -= out
        self.price = self.y / self.x
        return out

    def buy_eth_with_usd(self, dy: float) -> float:
        b = self.g * dy
        out = self.x * b / (self.y + b)
        self.y += dy
        self.x -= out
        self.price = self.y / self.x
        return out

    def eth_in_to_price(self, target: float) -> float:
        """ETH input (fee included) that moves the pool price down to `target`."""
        x, y, g = self.x, self.y, self.g
        # effective input a = g*dx solves a^2 + a x (1+g) + g (x^2 - K/target) = 0
        c = g * (x * x - x * y / target)  # < 0
        B = x * (1.0 + g)
        a = -2.0 * c / (B + math.sqrt(B * B - 4.0 * c))
        return a / g

    def usd_in_to_price(self, target: float) -> float:
        """USD input (fee included) that moves the pool price up to `target`."""
        x, y, g = self.x, self.y, self.g
        c = g * (y * y - x * y * target)  # < 0
        B = y * (1.0 + g)
        b = -2.0 * c / (B + math.sqrt(B * B - 4.0 * c))
        return b / g


def _sample_sd(vals) -> float:
    n = len(vals)
    if n < 2:
        return 0.0
    m = sum(vals) / n
    return math.sqrt(sum((v - m) ** 2 for v in vals) / (n - 1))


def run_replicate(params: Params, seed: int, replicate: int, record_series: bool = False):
    P = params
    rng = np.random.default_rng([seed, replicate])

    # ---------------- initial state ----------------
    deposits = P.deposit_median * np.exp(P.deposit_log_sd * rng.standard_normal(P.n_depositors))
    D0 = float(deposits.sum())
    k = P.k_mean + P.k_sd * rng.standard_normal(P.n_depositors)

    reserve = P.reserve_fraction * D0
    insurance = P.insurance_fraction * D0

    weights = np.exp(P.loan_weight_log_sd * rng.standard_normal(P.n_borrowers))
    debt_arr = (1.0 - P.reserve_fraction) * D0 * weights / weights.sum()
    ltv = rng.uniform(P.ltv_min, P.ltv_max, P.n_borrowers)
    coll_arr = debt_arr / (ltv * P.p0)
    debt = debt_arr.tolist()  # python lists for the scalar liquidator loop
    coll = coll_arr.tolist()

    lp_tol = rng.uniform(P.lp_tol_min, P.lp_tol_max, P.n_lps).tolist()

    pool = Pool(P.amm_eth0, P.amm_usd0, P.amm_fee)
    lp_in = [True] * P.n_lps
    lp_shares = [1.0] * P.n_lps
    pool.shares = float(P.n_lps)
    lp_value = [0.0] * P.n_lps

    # liquidation heap keyed on collateral/debt (same order as HF at one price)
    version = [0] * P.n_borrowers
    heap = [(coll[j] / debt[j], j, 0) for j in range(P.n_borrowers)]
    heapq.heapify(heap)

    # depositors
    active = np.arange(P.n_depositors)  # not yet withdrawn (nor queued)
    D_t = D0  # deposits not yet withdrawn or queued
    withdrawn_or_queued = 0.0
    queue_ids: list[int] = []   # FIFO queue of (depositor, remaining amount)
    queue_amt: list[float] = []
    queue_head = 0
    queue_total = 0.0

    # market
    p_ext = P.p0
    log_amm = [math.log(pool.price)]  # end-of-tick AMM log prices, starting with the initial price

    # outcomes
    bad_debt = 0.0
    liquidated = 0.0
    min_amm = math.inf
    lp_exit_max = 0.0
    run = False
    run_tick = None

    series = [] if record_series else None

    lt = P.liq_threshold
    bonus = 1.0 + P.liq_bonus
    cf = P.close_factor
    dust = P.dust_eth
    gamma = P.arb_gamma

    def pay_in(amount: float):
        """USD reaching the reserve pays the FIFO queue first."""
        nonlocal reserve, queue_head, queue_total
        while amount > 0.0 and queue_head < len(queue_amt):
            owed = queue_amt[queue_head]
            if amount >= owed:
                amount -= owed
                queue_total -= owed
                queue_amt[queue_head] = 0.0
                queue_head += 1
            else:
                queue_amt[queue_head] = owed - amount
                queue_total -= amount
                amount = 0.0
        if queue_head >= len(queue_amt):
            queue_total = 0.0  # kill float residue once the queue is empty
        reserve += amount

    for t in range(P.T):
        # ---------------- external price ----------------
        if t >= 1:
            z = rng.standard_normal()
            p_ext *= math.exp(-0.5 * P.sigma ** 2 + P.sigma * z)
        if t == P.shock_tick:
            p_ext *= (1.0 - P.shock_size)

        # ---------------- 1. arbitrageurs ----------------
        for _ in rng.permutation(P.n_arbs):
            if pool.empty:
                break
            hi = p_ext / gamma
            lo = gamma * p_ext
            if pool.price > hi:
                dx = min(pool.eth_in_to_price(hi), P.arb_eth)
                if dx > 0.0:
                    pool.sell_eth(dx)
            elif pool.price < lo:
                dy = min(pool.usd_in_to_price(lo), P.arb_usd)
                if dy > 0.0:
                    pool.buy_eth_with_usd(dy)

        # ---------------- 2. LPs ----------------
        rets = [log_amm[i + 1] - log_amm[i] for i in range(max(0, len(log_amm) - 1 - P.vol_window), len(log_amm) - 1)]
        vol = _sample_sd(rets)
        for i in rng.permutation(P.n_lps).tolist():
            if lp_in[i]:
                if vol > lp_tol[i]:
                    frac = lp_shares[i] / pool.shares
                    eth_out = pool.x * frac
                    usd_out = pool.y * frac
                    lp_value[i] = usd_out + eth_out * pool.price
                    pool.shares -= lp_shares[i]
                    lp_shares[i] = 0.0
                    lp_in[i] = False
                    if pool.shares <= 0.0 or not any(lp_in):
                        pool.x = 0.0
                        pool.y = 0.0
                        pool.shares = 0.0  # price stays at its last value
                    else:
                        pool.x -= eth_out
                        pool.y -= usd_out
            else:
                if vol < 0.5 * lp_tol[i]:
                    V = lp_value[i]
                    usd_in = 0.5 * V
                    eth_in = usd_in / pool.price
                    if pool.empty:
                        pool.x = eth_in
                        pool.y = usd_in
                        new_sh = 1.0
                        pool.shares = new_sh
                    else:
                        new_sh = pool.shares * usd_in / pool.y
                        pool.x += eth_in
                        pool.y += usd_in
                        pool.shares += new_sh
                    lp_shares[i] = new_sh
                    lp_in[i] = True
                    lp_value[i] = 0.0

        # ---------------- 3. borrowers: passive ----------------

        # ---------------- 4. liquidators ----------------
        for _ in rng.permutation(P.n_liquidators):
            if pool.empty:
                break
            budget = P.liq_budget
            skipped = []
            while budget > 0.0 and heap:
                key, j, ver = heap[0]
                if ver != version[j]:
                    heapq.heappop(heap)
                    continue
                p = pool.price
                d = debt[j]
                c = coll[j]
                if c * p * lt / d >= 1.0:
                    break  # lowest HF not liquidatable -> nothing liquidatable left
                heapq.heappop(heap)
                r_cf = cf * d
                r_col = c * p / bonus
                if r_col <= r_cf and r_col <= budget:
                    R = r_col
                    seize = c  # all the collateral when the middle term binds
                else:
                    R = min(r_cf, budget)
                    seize = R / p * bonus
                if R <= 0.0 or pool.quote_sell_eth(seize) <= R:
                    skipped.append((key, j, ver))
                    continue
                # execute
                d -= R
                c = c - seize if seize < c else 0.0
                budget -= R
                liquidated += R
                pool.sell_eth(seize)
                pay_in(R)
                version[j] += 1
                if c < dust and d > 0.0:
                    # collateral exhausted: write off the remaining debt
                    bad_debt += d
                    ins_pay = min(insurance, d)
                    insurance -= ins_pay
                    if ins_pay > 0.0:
                        pay_in(ins_pay)
                    d = 0.0
                    c = 0.0
                debt[j] = d
                coll[j] = c
                if d > 0.0:
                    heapq.heappush(heap, (c / d, j, version[j]))
            for e in skipped:
                heapq.heappush(heap, e)

        # ---------------- 5. depositors ----------------
        p = pool.price
        d_np = np.fromiter(debt, float, P.n_borrowers)
        c_np = np.fromiter(coll, float, P.n_borrowers)
        A = reserve + insurance + float(np.minimum(d_np, c_np * p).sum())
        L = D_t + queue_total
        theta = A / L - 1.0 if L > 0.0 else math.inf
        w_start = withdrawn_or_queued / D0
        n_act = active.size
        if n_act:
            attentive = rng.random(n_act) < P.attention
            idx = active[attentive]
            if idx.size:
                x_obs = theta + P.obs_noise * rng.standard_normal(idx.size)
                leave = x_obs < k[idx] + P.w_weight * w_start
                if leave.any():
                    leavers = idx[leave]
                    leavers = leavers[rng.permutation(leavers.size)]  # depositor order
                    amts = deposits[leavers]
                    keep = np.ones(n_act, bool)
                    keep[np.flatnonzero(attentive)[leave]] = False
                    active = active[keep]
                    tot = float(amts.sum())
                    D_t -= tot
                    withdrawn_or_queued += tot
                    if reserve >= tot:
                        reserve -= tot
                    else:
                        # pay in order from the reserve, the remainder is queued FIFO
                        cum = np.cumsum(amts)
                        n_full = int(np.searchsorted(cum, reserve, side="right"))
                        paid_before = float(cum[n_full - 1]) if n_full else 0.0
                        rem_reserve = reserve - paid_before
                        reserve = 0.0
                        for m in range(n_full, leavers.size):
                            a = float(amts[m]) - rem_reserve
                            rem_reserve = 0.0
                            queue_ids.append(int(leavers[m]))
                            queue_amt.append(a)
                            queue_total += a
                    if D_t < 0.0:
                        D_t = 0.0

        # ---------------- end of tick ----------------
        w = withdrawn_or_queued / D0
        p_end = pool.price
        log_amm.append(math.log(p_end))
        if p_end < min_amm:
            min_amm = p_end
        n_out = P.n_lps - sum(lp_in)
        frac_out = n_out / P.n_lps
        if frac_out > lp_exit_max:
            lp_exit_max = frac_out
        if not run and w >= P.run_threshold:
            run = True
            run_tick = t
        if record_series:
            series.append((t, p_ext, p_end, reserve, queue_total, w, theta, liquidated, bad_debt,
                           1.0 - frac_out))

    out = {
        "run": run,
        "run_tick": run_tick,
        "bad_debt_usd": bad_debt,
        "liquidated_usd": liquidated,
        "min_amm_price": min_amm,
        "final_queue_usd": queue_total,
        "lp_exit_fraction_max": lp_exit_max,
        "final_withdrawn_fraction": withdrawn_or_queued / D0,
        "D0": D0,
    }
    if record_series:
        out["series_columns"] = ["tick", "p_ext", "p_amm", "reserve_usd", "queue_usd", "withdrawn_fraction",
                                 "theta", "liquidated_usd", "bad_debt_usd", "lp_share_in_pool"]
        out["series"] = series
    return out
