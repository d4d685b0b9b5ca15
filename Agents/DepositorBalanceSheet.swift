import Games
import ProtocolModel
import ScenarioSchema
import Stochastics

extension Depositors {
    /// The `balance_sheet` strategy's keys (`depositors.game`), checked once when the scenario is decoded.
    public struct BalanceSheetSettings: Sendable, Equatable {
        /// H, the ticks a stayer waits for its payoff (`horizon_ticks`, ≥ 1).
        public var horizonTicks = 24
        /// β_m, the precision of the private signal of the solvency margin (`signal_precision`).
        public var marginPrecision = 2_500.0
        /// β_p, the precision of the private signal of the collateral's log price (`price_signal_precision`).
        public var pricePrecision = 10_000.0
        /// The cost of waiting per tick, as a fraction of the claim (`wait_cost`).
        public var waitCost = 0.0
        /// The fire-sale quote: the share of the lending market's collateral sold into pool 0 (`fire_sale_fraction`).
        public var fireSaleFraction = 0.1
        /// The threshold is solved again when an input of the game moved by more than this (`recompute_tolerance`).
        public var recomputeTolerance = 0.0
        /// How the depositors respond to the game (`response`): Nash, quantal, level-k or fictitious play.
        public var response = BalanceSheetResponse.nash
        /// λ of the quantal response (`rationality`).
        public var rationality = 100.0
        /// k of level-k reasoning (`level`) and what level 0 does (`level_zero`).
        public var level = 1
        public var levelZero = LevelZero.alwaysRun
        /// The episode e of fictitious play (`episode`).
        public var episode = 0
        /// The defaults.
        public init() {}
    }

    /// Reads `depositors.game` for the `balance_sheet` strategy; every bad value is located at its key.
    static func decodeBalanceSheet(_ r: ConfigReader) throws(ConfigError) -> BalanceSheetSettings {
        var b = BalanceSheetSettings()
        b.horizonTicks = try r.int("horizon_ticks", default: b.horizonTicks, .closed(1, 1_000_000))
        b.marginPrecision = try r.double("signal_precision", default: b.marginPrecision, .positive)
        b.pricePrecision = try r.double("price_signal_precision", default: b.pricePrecision, .positive)
        // Beyond this the signals are exact and the threshold's equations lose their precision.
        for (key, value) in [("signal_precision", b.marginPrecision), ("price_signal_precision", b.pricePrecision)]
        where value > 1e12 {
            throw r.semanticError(key, "expected a precision of at most 1e12, got \(ValueRange.describe(value))")
        }
        b.waitCost = try r.double("wait_cost", default: b.waitCost, .closed(0, 1))
        b.fireSaleFraction = try r.double("fire_sale_fraction", default: b.fireSaleFraction, .closed(1e-9, 1))
        b.recomputeTolerance = try r.double("recompute_tolerance", default: b.recomputeTolerance, .closed(0, 1))
        try decodeResponse(r, into: &b)
        try r.finish()
        return b
    }

    /// What the `balance_sheet` depositors of one market face this tick: the game, the true fundamental θ
    /// and the weight e of the price signal in each depositor's view of θ.
    public struct BalanceSheetView: Sendable {
        /// The game built from the balance sheet, the pool and the deposit terms.
        public let game: BalanceSheetGame
        /// θ, the solvency margin the engine computed.
        public let theta: Double
        /// e = ρ · loans ÷ claims: a log-price error ε moves a depositor's estimate of θ by e·ε.
        public let priceWeight: Double
    }

    /// The tick's game for lending market `market` from the live state: cash, queue, insurance, loans (the
    /// assets the margin counts beyond cash and insurance), the fire-sale quote in pool 0, the fee, the
    /// gate and the loss policy. Nil when no deposits are left.
    public static func balanceSheetView(_ s: Snapshot, _ c: Config, _ b: BalanceSheetSettings, market: Int)
        -> BalanceSheetView?
    {
        let pool = s.state.markets[market]
        let usd = pool.reserves[s.layout.depositReserve]
        let deposits = usd.totalSupply
        let theta = s.market(market).solvencyMargin
        guard deposits > 0, theta.isFinite else { return nil }
        let claims = deposits + usd.queued
        let loans = max(0, (1 + theta) * claims - usd.cash - usd.insuranceFund)
        // The fire-sale quote: sell a share of the market's collateral into pool 0 at the lending price.
        let price = s.state.prices[s.layout.collateral]
        let sold = b.fireSaleFraction * pool.reserves[s.layout.collateralReserve].totalSupply
        var recoveryRate = 1.0
        if sold > 0, price > 0 {
            let proceeds = s.state.amms[s.layout.pool].pool.amountOut(amountIn: sold, baseIn: true)
            recoveryRate = min(1, proceeds / (sold * price))
        }
        let loss = recoveryRate > 1e-9 ? 1 / recoveryRate - 1 : 1e9
        let policy = s.withdrawalPolicy(market: market)
        let supplyRate = pool.rates(reserve: s.layout.depositReserve).supply
        let offeredStayBonus = market == 0 ? s.state.incentives.offeredStayBonus : 0
        let gain = Double(b.horizonTicks) * (c.stayBonus + offeredStayBonus + supplyRate - b.waitCost)
        let recovery = min(1, max(0, (usd.cash + usd.insuranceFund + recoveryRate * loans) / claims))
        let weight = recoveryRate * loans / claims
        let precision = 1 / (1 / b.marginPrecision + weight * weight / b.pricePrecision)
        guard
            let game = try? BalanceSheetGame(
                queue: usd.queued / deposits, cash: usd.cash / deposits, fee: min(policy.feeFraction, 0.999_999),
                gate: min(1, max(1e-9, policy.gateFractionPerTick)), fireSaleLoss: loss, stayGain: gain,
                recovery: recovery, socialised: policy.socialiseUncoveredLosses, precision: precision)
        else { return nil }
        return BalanceSheetView(game: game, theta: theta, priceWeight: weight)
    }

    /// The `balance_sheet` rule: an attentive depositor outside a lock-up withdraws its whole balance when its
    /// signal x = θ + ε_m + e·ε_p of the margin calls for it under the tick's rule (below the threshold, or with
    /// the quantal response's probability). It may reconsider every tick.
    @inline(__always)
    static func decideOnBalanceSheet(
        _ a: Agent, _ p: Player, _ view: BalanceSheetView, _ rule: BalanceSheetRule, _ c: Config,
        _ rng: inout RandomStream
    ) -> Bool {
        guard !a.hasWithdrawn else { return false }
        let attention = a.isWhale ? c.whaleAttention : c.attention
        guard rng.uniform() < attention else { return false }
        return rule.withdraws(signal: view.theta + p.signal + view.priceWeight * p.priceNoise, view.game, &rng)
    }
}

/// One shard's last solved balance-sheet game and its rule, so the rule is solved once per tick at most,
/// and not again while the game's inputs stay within the tolerance.
struct BalanceSheetThreshold: Sendable {
    var game: BalanceSheetGame?
    var rule = BalanceSheetRule(threshold: .nan)

    /// The rule for `game`: the cached one when no input moved by more than the tolerance, else solved again.
    mutating func rule(for game: BalanceSheetGame, _ b: Depositors.BalanceSheetSettings) -> BalanceSheetRule {
        if let last = self.game, last.distance(to: game) <= b.recomputeTolerance { return rule }
        self.game = game
        rule = BalanceSheetRule(game, b)
        return rule
    }
}

extension Depositors {
    /// Draws each of a shard's `count` players' private noises, ε_m ~ N(0, 1/β_m) on the margin and
    /// ε_p ~ N(0, 1/β_p) on the log price, from the shard's own `signal` stream, so balances are those of the
    /// heuristic population.
    static func drawBalanceSheetNoise(
        _ count: Int, _ b: BalanceSheetSettings, setup: SetupContext, shard: Int
    ) -> [Player] {
        var signals = RandomStream(
            seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), shard: UInt64(shard),
            purpose: "signal")
        let marginSD = 1 / b.marginPrecision.squareRoot()
        let priceSD = 1 / b.pricePrecision.squareRoot()
        var players: [Player] = []
        players.reserveCapacity(count)
        for _ in 0..<count {
            // Two statements, so the margin's draw comes before the price's, as the stream always gave them.
            let margin = marginSD * signals.standardNormal()
            players.append(Player(signal: margin, priceNoise: priceSD * signals.standardNormal()))
        }
        return players
    }
}

extension DepositorShard {
    /// The `balance_sheet` pass: the tick's game and each behaviour's rule once for the shard, then one
    /// decision per agent (the heuristic rule for the herding share of a mixed population).
    static func proposeOnBalanceSheet(
        _ agents: [Depositors.Agent], _ players: [Depositors.Player], _ rng: inout RandomStream,
        _ caches: inout [BalanceSheetThreshold], _ config: Depositors.Config, first: Int, market: Int,
        _ snapshot: Snapshot, _ population: Int32
    ) -> [Proposal] {
        let locked = snapshot.tick < snapshot.withdrawalPolicy(market: market).lockedUntilTick
        guard !locked,
            let view = Depositors.balanceSheetView(snapshot, config, config.balanceSheet, market: market)
        else { return [] }
        var out: [Proposal] = []
        let rule = caches[0].rule(for: view.game, config.balanceSheet)
        if config.mix.isEmpty {
            for i in agents.indices
            where Depositors.decideOnBalanceSheet(agents[i], players[i], view, rule, config, &rng) {
                out.append(redeemAll(i, first: first, market: market, snapshot, population))
            }
            return out
        }
        var rules = [rule]
        for (k, m) in config.mix.enumerated() {
            rules.append(m.game.map { caches[k + 1].rule(for: view.game, $0) } ?? BalanceSheetRule(threshold: .nan))
        }
        let herding = Depositors.tickView(snapshot, config, market: market)
        for i in agents.indices {
            let b = Int(players[i].behaviour)
            let runs =
                b > 0 && config.mix[b - 1].game == nil
                ? Depositors.decide(agents[i], herding, config, &rng)
                : Depositors.decideOnBalanceSheet(agents[i], players[i], view, rules[b], config, &rng)
            if runs { out.append(redeemAll(i, first: first, market: market, snapshot, population)) }
        }
        return out
    }
}
