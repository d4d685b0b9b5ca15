import ProtocolModel
import ScenarioSchema
import Stochastics

/// Borrowers: ETH-collateralised USD loans from the pool.
///
/// Passive borrowers (the reference model) never act. Active borrowers manage their
/// health factor with limited spare capital: below `trigger_hf` they top up collateral or
/// repay towards `target_hf`; once their capital is gone and HF falls below `panic_hf`
/// they deleverage by selling collateral into the AMM, which pushes the price down further.
public enum Borrowers: AgentKind {
    public static let key = "borrowers"

    public enum Behaviour: String, Sendable { case passive, active }

    public struct Config: Sendable, Equatable {
        public var count = 1_000
        public var weightLogSD = 1.0
        public var ltvMin = 0.50
        public var ltvMax = 0.75
        public var behaviour = Behaviour.passive
        public var triggerHF = 1.05
        public var targetHF = 1.25
        public var panicHF = 1.0
        /// Spare USD per borrower, as a fraction of its loan.
        public var capitalFraction = 0.1
        /// Fraction of the position's collateral sold per panic step.
        public var panicSellFraction = 0.25
        /// Defend with collateral top-ups instead of repayments.
        public var defendWithTopUps = false
        /// A multi-asset collateral basket (`collateral: {ETH: 0.5, WBTC: 0.3}`): each asset's share of the
        /// collateral's value at tick 0, summing to 1. Empty: the one collateral of the reference model.
        public var basket: [BasketWeight] = []
        public init() {}
    }

    /// One asset of a collateral basket and its share of the basket's value at tick 0.
    public struct BasketWeight: Sendable, Equatable {
        /// The market asset's name.
        public var asset: String
        /// Its share of the value.
        public var weight: Double
    }

    /// One borrower's position and spare capital, as the decision rule reads them.
    public struct Position: Sendable, Equatable {
        /// Collateral supplied, in collateral units.
        public var collateral: Double
        /// USD debt.
        public var debt: Double
        /// Spare capital in the wallet: USD (repay defence) or collateral units (top-up defence).
        public var capital: Double
        public init(collateral: Double, debt: Double, capital: Double) {
            self.collateral = collateral
            self.debt = debt
            self.capital = capital
        }
    }

    /// The decision rule for one active borrower, at the lending price `price` with liquidation
    /// threshold `lt`. `layout` names the tokens and the pool its intent acts on.
    public static func decide(_ p: Position, price: Double, lt: Double, layout: WorldLayout, _ c: Config)
        -> IntentAction?
    {
        guard c.behaviour == .active, p.debt > 0, price > 0 else { return nil }
        let hf = p.collateral * price * lt / p.debt
        guard hf < c.triggerHF else { return nil }
        if p.capital > 0 && c.defendWithTopUps {
            // Adding collateral a moves HF to (c + a)·p·LT/d; the target needs a = target·d/(p·LT) − c.
            let needed = max(0, c.targetHF * p.debt / (price * lt) - p.collateral)
            let a = min(needed, p.capital)
            return a > 0 ? .supply(token: layout.collateral, amount: a) : nil
        }
        if p.capital > 0 {
            // Repaying r moves HF to c·p·LT/(d − r); the repayment that reaches the target is d − c·p·LT/target.
            let needed = max(0, p.debt - p.collateral * price * lt / c.targetHF)
            let r = min(needed, p.capital)
            return r > 0 ? .repay(token: layout.usd, amount: r) : nil
        }
        if hf < c.panicHF && p.collateral > 0 {
            return .repayWithCollateral(
                collateralToken: layout.collateral, debtToken: layout.usd,
                collateral: p.collateral * c.panicSellFraction, sellPool: layout.pool)
        }
        return nil
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atMost: 1_000_000, bytesEach: 96, noun: "borrowers")
        c.weightLogSD = try r.double("weight_log_sd", default: c.weightLogSD, .closed(1e-9, 5))
        c.ltvMin = try r.double("ltv_min", default: c.ltvMin, .unitOpen)
        c.ltvMax = try r.double("ltv_max", default: c.ltvMax, .unitOpen)
        c.behaviour =
            Behaviour(rawValue: try r.string("behaviour", default: "passive", oneOf: ["passive", "active"])) ?? .passive
        c.triggerHF = try r.double("trigger_hf", default: c.triggerHF, .positive)
        c.targetHF = try r.double("target_hf", default: c.targetHF, .positive)
        c.panicHF = try r.double("panic_hf", default: c.panicHF, .positive)
        c.capitalFraction = try r.double("capital_fraction", default: c.capitalFraction, .closed(0, 1e3))
        c.panicSellFraction = try r.double("panic_sell_fraction", default: c.panicSellFraction, .probability)
        c.defendWithTopUps = try r.string("defence", default: "repay", oneOf: ["repay", "top_up"]) == "top_up"
        c.basket = try decodeBasket(r)
        if !c.basket.isEmpty, c.behaviour == .active, c.defendWithTopUps {
            throw r.semanticError(
                "defence", "expected repay with a collateral basket (a top-up names one collateral), got top_up")
        }
        if c.ltvMin > c.ltvMax {
            throw r.semanticError("ltv_min", "expected ltv_min <= ltv_max, got \(c.ltvMin) > \(c.ltvMax)")
        }
        try r.finish()
        guard (try? LogNormal(logMean: 0, logStandardDeviation: c.weightLogSD)) != nil else {
            throw r.semanticError("weight_log_sd", "expected a finite number > 0")
        }
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        var rng = RandomStream(
            seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "init")
        // decode built this distribution from the same parameter, so this cannot fail.
        guard let weightsDist = try? LogNormal(logMean: 0, logStandardDeviation: c.weightLogSD) else {
            preconditionFailure("validated by decode")
        }
        let weights = weightsDist.sample(&rng, count: c.count)
        let totalWeight = weights.reduce(0, +)
        let lent = setup.loanFraction * setup.initialDeposits
        let first = setup.allocateAccounts(c.count)
        for (k, w) in weights.enumerated() {
            let debt = totalWeight > 0 ? lent * w / totalWeight : 0
            let ltv = rng.uniform(in: c.ltvMin, c.ltvMax)
            if c.basket.isEmpty {
                setup.positions.append((first + k, debt / (ltv * setup.initialPrice), debt))
            } else {
                addBasket(c.basket, account: first + k, value: debt / ltv, debt: debt, setup: &setup)
            }
            // Spare capital sits in the wallet: USD to repay with, or collateral to top up with.
            let capital = debt * c.capitalFraction
            guard c.behaviour == .active, capital > 0 else { continue }
            if c.defendWithTopUps {
                setup.wallets.append((first + k, setup.layout.collateral, capital / setup.initialPrice))
            } else {
                setup.wallets.append((first + k, setup.layout.usd, capital))
            }
        }
        return [BorrowerPopulation(config: c, firstAccount: first, market: setup.market)]
    }
}

/// All borrowers in one actor. Borrower i is account `firstAccount + i`; its collateral, debt and spare
/// capital are all balances in the protocol state.
public actor BorrowerPopulation: Population {
    public nonisolated let kind = Borrowers.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: Borrowers.Config
    let firstAccount: Int
    /// The lending market where these borrowers hold their positions.
    let market: Int

    init(config: Borrowers.Config, firstAccount: Int, market: Int) {
        self.market = market
        self.config = config
        self.firstAccount = firstAccount
        self.count = config.count
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        guard config.behaviour == .active else { return [] }
        let l = s.layout
        let lending = s.state.markets[market]
        let lt = lending.configs[l.collateralReserve].liquidation.liquidationThreshold
        let capitalToken = config.defendWithTopUps ? l.collateral : l.usd
        var out: [Proposal] = []
        for i in 0..<count {
            let a = firstAccount + i
            guard config.basket.isEmpty else {
                if let action = basketAction(a, s) {
                    out.append(
                        Proposal(
                            population: population, agent: Int32(i),
                            intent: Intent(account: a, action: action, market: market)))
                }
                continue
            }
            let position = Borrowers.Position(
                collateral: lending.supplied(user: a, reserve: l.collateralReserve),
                debt: lending.debt(user: a, reserve: l.depositReserve),
                capital: s.state.balances[a, capitalToken])
            if let action = Borrowers.decide(position, price: s.lendingPrice, lt: lt, layout: l, config) {
                out.append(
                    Proposal(
                        population: population, agent: Int32(i),
                        intent: Intent(account: a, action: action, market: market)))
            }
        }
        return out
    }
}
