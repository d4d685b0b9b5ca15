import ProtocolModel

@testable import Agents
@testable import Simulation

/// The invariants of a run, checked on the world at the end of every tick (through the engine's
/// tick observer) against the opening world and the previous tick.
///
/// Tolerances are relative to the scale of the quantity (1e-9): sums of many floating-point moves
/// drift by far less, while a lost or double-counted transfer shows up whole.
actor TickInvariants {
    /// The first invariant broken in a run.
    struct Violation: Sendable, CustomStringConvertible {
        var invariant: String
        var tick: Int
        var detail: String
        var description: String { "\(invariant) at tick \(tick): \(detail)" }
    }

    static let relativeTolerance = 1e-9

    let scenario: Scenario
    let opening: WorldState
    private let debt0: Double
    private let lpShares0: Double
    /// The most shares the pool has had: the scale of the rounding in the LPs' share books.
    private var maxPoolShares: Double
    /// Positions that already held debt on dust collateral at tick 0 (the dust rule only binds the others).
    private let dustyAtOpening: Set<Int>
    /// Whether some phase runs the depositors, so that θ is measured every tick.
    private let depositorsLook: Bool
    private var previous: WorldState
    private(set) var violation: Violation?
    /// What the run went through, so the property test can show that its cases reach the mechanisms.
    private(set) var coverage = Coverage()

    /// Counts of runs (or ticks) that reached each mechanism.
    struct Coverage: Sendable, CustomStringConvertible {
        var runs = 0, ticks = 0
        var withdrawals = 0, queued = 0, liquidated = 0, badDebt = 0, socialised = 0, lpExits = 0, emptyPool = 0

        mutating func add(_ c: Coverage) {
            runs += c.runs
            ticks += c.ticks
            withdrawals += c.withdrawals
            queued += c.queued
            liquidated += c.liquidated
            badDebt += c.badDebt
            socialised += c.socialised
            lpExits += c.lpExits
            emptyPool += c.emptyPool
        }

        var description: String {
            "\(runs) runs, \(ticks) ticks; runs with withdrawals \(withdrawals), a queue \(queued), liquidations \(liquidated), "
                + "bad debt \(badDebt), socialised losses \(socialised), LP exits \(lpExits), an empty pool \(emptyPool)"
        }
    }

    init(scenario: Scenario, opening: WorldState) {
        self.scenario = scenario
        self.opening = opening
        previous = opening
        debt0 = opening.depositReserve.totalDebt
        lpShares0 = opening.amm.totalShares
        maxPoolShares = lpShares0
        let book = opening.positions
        let exhausted = opening.exhausted
        dustyAtOpening = Set(book.indices.filter { book[$0].debt > 0 && exhausted[$0] })
        depositorsLook = scenario.phases.contains(Depositors.key)
    }

    /// The engine's observer: checks one tick, then remembers the world for the next.
    func observe(_ w: WorldState, _ row: SeriesRow, _ populations: [any Population]) async {
        guard violation == nil else { return }
        record(w)
        checkConservation(w)
        checkSigns(w)
        checkQueueOrder(w)
        checkBadDebt(w)
        checkMetrics(w, row)
        if violation == nil { await checkAgents(w, populations) }
        previous = w
    }

    private func record(_ w: WorldState) {
        coverage.runs = 1
        coverage.ticks += 1
        if w.depositReserve.withdrawn > 0 { coverage.withdrawals = 1 }
        if w.queueUSD > 0 { coverage.queued = 1 }
        if w.liquidatedUSD > 0 { coverage.liquidated = 1 }
        if w.badDebtUSD > 0 { coverage.badDebt = 1 }
        if w.depositReserve.supplyIndex < 1 { coverage.socialised = 1 }
        if w.amm.totalShares < lpShares0 * (1 - 1e-9) { coverage.lpExits = 1 }
        if w.amm.isEmpty { coverage.emptyPool = 1 }
    }

    private func fail(_ invariant: String, _ tick: Int, _ detail: @autoclosure () -> String) {
        if violation == nil { violation = Violation(invariant: invariant, tick: tick, detail: detail()) }
    }

    /// |a − b| within the relative tolerance of `scale` (and of 1, for books that are empty).
    private func close(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= Self.relativeTolerance * max(scale, 1)
    }

    // MARK: Value

    /// Token by token: everything the model holds (wallets, the lending pool's cash and insurance, the
    /// pool's reserves) equals what came in minus what went out. The deposit reserve's books balance:
    /// cash + debt + deficit + deployed = supply + queue + the protocol's claims. Debt falls only by
    /// repayments and write-offs, never rises (no interest, no new loans in these scenarios).
    private func checkConservation(_ w: WorldState) {
        let st = w.state
        for t in st.tokens.indices {
            let held = st.totalHoldings(of: t)
            let expected = st.inflows[t] - st.outflows[t]
            if !close(held, expected, scale: st.inflows[t] + st.outflows[t]) {
                fail(
                    "conservation.\(st.tokens[t].symbol)", w.tick,
                    "held \(held), expected in − out = \(expected) (Δ \(held - expected))")
            }
        }
        // Every lending market's deposit reserve balances on its own.
        for m in st.markets.indices {
            let r = w.depositReserve(market: m)
            let scale = w.initialDepositsByMarket[m]
            let left = r.cash + r.totalDebt + r.deficit + r.deployed + r.termLoans
            let right = r.totalSupply + r.queued + r.accruedToTreasury + r.termDeposits + r.termResult
            if !close(left, right, scale: scale) {
                fail(
                    "conservation.reserve_identity.\(m)", w.tick,
                    "cash + debt + deficit + deployed = \(left), claims \(right)")
            }
            let pending = st.markets[m].queues[w.layout.depositReserve]
            let pendingSum = pending.pending.reduce(0) { $0 + $1.amount }
            if !close(r.queued, pendingSum, scale: scale) || !close(pending.total, r.queued, scale: 1) {
                fail("queue.total.\(m)", w.tick, "queue total \(r.queued) vs Σ claims \(pendingSum)")
            }
            if !close(st.badDebtByMarket[m], r.badDebt, scale: max(debt0, scale)) {
                fail(
                    "conservation.bad_debt.\(m)", w.tick,
                    "bad debt \(st.badDebtByMarket[m]) vs reserve's \(r.badDebt)")
            }
            // Interest only raises claims; only a socialised loss lowers them.
            let policy = st.markets[m].configs[w.layout.depositReserve].withdrawals
            if !policy.socialiseUncoveredLosses && r.supplyIndex < 1 {
                fail("conservation.deposits.\(m)", w.tick, "claims scaled by \(r.supplyIndex) without socialisation")
            }
        }
    }

    // MARK: Signs

    private func checkSigns(_ w: WorldState) {
        let r = w.depositReserve
        let books: [(String, Double)] = [
            ("reserve.cash", r.cash), ("reserve.insurance_fund", r.insuranceFund),
            ("reserve.supply", r.totalSupply), ("reserve.queue", r.queued), ("reserve.deficit", r.deficit),
            ("collateral.cash", w.state.lending.reserves[w.layout.collateralReserve].cash),
            ("amm.reserve_collateral", w.amm.reserveBase), ("amm.reserve_usd", w.amm.reserveQuote),
            ("amm.shares", w.amm.totalShares), ("balances.minimum", w.state.balances.minimum),
        ]
        for (name, x) in books where !(x >= -1e-9 && x.isFinite) { fail("negative." + name, w.tick, "\(x)") }
        for (k, q) in w.state.lending.queues[w.layout.depositReserve].pending.enumerated() where !(q.amount >= 0) {
            fail("negative.queue_claim", w.tick, "claim #\(k) of account \(q.account): \(q.amount)")
        }
        for (i, p) in w.positions.enumerated() where !(p.collateral >= 0 && p.debt >= 0) {
            fail("negative.position", w.tick, "position \(i): collateral \(p.collateral), debt \(p.debt)")
        }
    }

    // MARK: FIFO

    /// Claims are paid strictly in arrival order. Between two ticks the queue must read: the old claims
    /// minus a paid prefix, the first survivor possibly part-paid, every later survivor untouched (or
    /// scaled down, in a tick that socialised a loss), then new claims. What the old claims lost can be no
    /// more than was paid out this tick (plus the loss socialised), and a "new" claim identical to an old
    /// one is an old one out of order.
    private func checkQueueOrder(_ w: WorldState) {
        let r = w.layout.depositReserve
        let before = Array(previous.state.lending.queues[r].pending)
        let now = Array(w.state.lending.queues[r].pending)
        if before.isEmpty { return }
        let socialised = w.depositReserve.supplyIndex < previous.depositReserve.supplyIndex
        // What the queue can lose in a tick: the cash that reached it (everything the reserve received from
        // repayments, liquidations and the insurance fund), plus, when a loss was socialised, that loss.
        let received =
            (w.liquidatedUSD - previous.liquidatedUSD)
            + (previous.depositReserve.insuranceFund - w.depositReserve.insuranceFund)
            + max(0, previous.depositReserve.totalDebt - w.depositReserve.totalDebt)
        let reductionBound = received + previous.depositReserve.cash + (socialised ? previous.queueUSD : 0)
        let tol = Self.relativeTolerance * max(w.initialDeposits, 1)
        var paidPrefix = 0.0
        for k in 0...before.count {
            defer { if k < before.count { paidPrefix += before[k].amount } }
            let survivors = before.count - k
            guard now.count >= survivors else { continue }
            var matches = true
            var reduction = paidPrefix
            for j in 0..<survivors where matches {
                let a = now[j]
                let b = before[k + j]
                let untouched = j > 0 && !socialised
                matches =
                    a.account == b.account && (untouched ? a.amount == b.amount : a.amount <= b.amount * (1 + 1e-12))
                reduction += b.amount - a.amount
            }
            guard matches, reduction <= reductionBound + tol else { continue }
            let added = now[survivors...]
            if socialised || !added.contains(where: { before.contains($0) }) { return }
        }
        let head = before.prefix(3).map { "\($0.account):\($0.amount)" }
        let after = now.prefix(3).map { "\($0.account):\($0.amount)" }
        fail(
            "queue.fifo", w.tick,
            "queue \(before.count) claims [\(head.joined(separator: ", ")) …] became \(now.count) [\(after.joined(separator: ", ")) …], at most \(reductionBound) paid this tick"
        )
    }

    // MARK: Bad debt

    /// Bad debt rises only by writing off positions whose collateral is exhausted (below the dust
    /// threshold in every collateral reserve, debt now 0), and by no more than those positions owed; no
    /// position is left owing on dust.
    private func checkBadDebt(_ w: WorldState) {
        let rise = w.badDebtUSD - previous.badDebtUSD
        if rise < 0 { fail("bad_debt.monotone", w.tick, "cumulative bad debt fell by \(-rise)") }
        if w.liquidatedUSD < previous.liquidatedUSD {
            fail("liquidated.monotone", w.tick, "cumulative liquidations fell")
        }
        var writtenOffDebt = 0.0
        var writtenOff: [Int] = []
        let beforeBook = previous.positions
        let nowBook = w.positions
        let exhausted = w.exhausted
        for i in nowBook.indices where i < beforeBook.count {
            let a = beforeBook[i]
            let b = nowBook[i]
            if b.debt > a.debt && scenario.rates == nil {
                fail("debt.grows", w.tick, "position \(i): debt \(a.debt) → \(b.debt) (no interest, no new loans)")
            }
            if a.debt > 0 && b.debt == 0 && exhausted[i] {
                writtenOffDebt += a.debt
                writtenOff.append(i)
            }
            if b.debt > 0 && exhausted[i] && !dustyAtOpening.contains(i) {
                fail(
                    "bad_debt.dust_left", w.tick,
                    "position \(i) owes \(b.debt) on collateral below dust in every reserve (\(b.collateral) of the first)"
                )
            }
        }
        guard rise > 0 else { return }
        if writtenOff.isEmpty {
            fail(
                "bad_debt.collateral_left", w.tick,
                "bad debt rose by \(rise) but no position was closed on exhausted collateral")
        } else if rise > writtenOffDebt * (1 + 1e-9) + 1e-9 {
            fail(
                "bad_debt.amount", w.tick,
                "bad debt rose by \(rise), more than the \(writtenOffDebt) owed by positions \(writtenOff.prefix(5))")
        }
    }

    // MARK: Metrics

    /// Every recorded number is finite; θ is NaN exactly when no phase runs the depositors (nobody measured it)
    /// — or, where the engine records the end-of-tick margin instead, finite then too.
    private func checkMetrics(_ w: WorldState, _ r: SeriesRow) {
        let columns: [(String, Double)] = [
            ("p_ext", r.externalPrice), ("p_amm", r.ammPrice), ("reserve_usd", r.reserveUSD), ("queue_usd", r.queueUSD),
            ("withdrawn_fraction", r.withdrawnFraction), ("liquidated_usd", r.liquidatedUSD),
            ("bad_debt_usd", r.badDebtUSD), ("lp_share_in_pool", r.lpShareInPool),
        ]
        for (name, x) in columns where !x.isFinite { fail("metric." + name, w.tick, "\(x)") }
        if depositorsLook ? !r.theta.isFinite : r.theta.isInfinite {
            fail("metric.theta", w.tick, "\(r.theta) (depositors \(depositorsLook ? "have" : "have no") phase)")
        }
        if r.tick != w.tick { fail("metric.tick", w.tick, "row says tick \(r.tick)") }
        let eps = 1e-12
        if !(r.withdrawnFraction >= -eps && r.withdrawnFraction <= 1 + eps) {
            fail("metric.withdrawn_fraction", w.tick, "\(r.withdrawnFraction) outside [0, 1]")
        }
        if !(r.lpShareInPool >= 0 && r.lpShareInPool <= 1) {
            fail("metric.lp_share_in_pool", w.tick, "\(r.lpShareInPool) outside [0, 1]")
        }
        if !(r.externalPrice > 0 && r.ammPrice > 0) {
            fail("metric.prices", w.tick, "p_ext \(r.externalPrice), p_amm \(r.ammPrice)")
        }
    }

    // MARK: Agents' own books

    /// Depositors' balances, at the ledger's deposit scale, are the deposits the ledger still holds;
    /// LPs' shares are the pool's shares; nobody's balance is negative.
    private func checkAgents(_ w: WorldState, _ populations: [any Population]) async {
        var balances = [Double](repeating: 0, count: w.state.markets.count)
        var depositorShards = 0
        var lpShares = [Double](repeating: 0, count: w.state.amms.count)
        var lpPools = Set<Int>()
        for pop in populations {
            switch pop {
            case let shard as DepositorShard:
                depositorShards += 1
                for (i, a) in await shard.agents.enumerated() {
                    if !(a.balance >= 0) {
                        fail("negative.depositor_balance", w.tick, "shard \(shard.shard) agent \(i): \(a.balance)")
                    }
                    if a.hasWithdrawn && a.balance != 0 {
                        fail(
                            "depositor.withdrawn_with_balance", w.tick,
                            "shard \(shard.shard) agent \(i) left with \(a.balance)")
                    }
                    balances[shard.market] += a.balance
                }
            case let lps as LiquidityProviderPopulation:
                lpPools.insert(lps.pool)
                for (i, a) in await lps.agents.enumerated() {
                    if !(a.shares >= 0 && a.withdrawnValue >= 0) {
                        fail("negative.lp", w.tick, "LP \(i): shares \(a.shares), withdrawn value \(a.withdrawnValue)")
                    }
                    lpShares[lps.pool] += a.shares
                }
            default:
                break
            }
        }
        // Each market's depositors claim what that market owes them; the treasury's top-ups are supply too,
        // owed to it rather than to the depositors (the treasury supplies the first market).
        for m in balances.indices where depositorShards > 0 {
            let r = w.depositReserve(market: m)
            let treasury =
                m == 0
                ? w.state.treasury.account.map { w.state.lending.supplied(user: $0, reserve: w.layout.depositReserve) }
                    ?? 0 : 0
            let owed = r.totalSupply - treasury
            let claims = balances[m] * r.supplyIndex
            if !close(claims, owed, scale: w.initialDepositsByMarket[m]) {
                fail(
                    "depositors.claims.\(m)", w.tick,
                    "depositors claim \(claims) but market \(m) owes them \(owed) (Δ \(claims - owed))"
                )
            }
        }
        // Each pool with LPs: their shares are all of the pool's (the pools without LPs keep the protocol's).
        for k in lpPools.sorted() {
            let pool = w.state.amms[k].pool
            maxPoolShares = max(maxPoolShares, pool.totalShares)
            if !close(lpShares[k], pool.totalShares, scale: maxPoolShares) {
                fail("lps.shares.\(k)", w.tick, "LPs hold \(lpShares[k]) shares, pool \(k) has \(pool.totalShares)")
            } else if lpShares[k] == 0 && pool.totalShares != 0 {
                // Shares nobody owns: the pool should have emptied when the last LP left.
                fail(
                    "lps.ownerless_shares.\(k)", w.tick,
                    "every LP is out but pool \(k) keeps \(pool.totalShares) shares, "
                        + "\(pool.reserveBase) base and \(pool.reserveQuote) quote (price \(pool.price))")
            }
        }
    }
}
