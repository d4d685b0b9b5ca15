import ProtocolModel
import Stochastics

/// The stability providers' one actor: their deposits at tick 0, the pool's absorption of liquidatable
/// debt, and each provider's exit on loss (see ``StabilityProviders``).
public actor StabilityProviderPopulation: Population {
    public nonisolated let kind = StabilityProviders.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: StabilityProviders.Config
    let deposits: [Double]
    let firstAccount: Int
    var rng: RandomStream
    /// The value per share each provider bought at (0: not in the pool).
    var entry: [Double]

    init(config: StabilityProviders.Config, deposits: [Double], firstAccount: Int, rng: consuming RandomStream) {
        self.config = config
        self.deposits = deposits
        self.firstAccount = firstAccount
        self.rng = rng
        self.count = deposits.count
        self.entry = [Double](repeating: 0, count: deposits.count)
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let pool = s.state.stabilityPool
        var out: [Proposal] = []
        func propose(_ i: Int, _ op: StabilityPoolOperation) {
            out.append(
                Proposal(
                    population: population, agent: Int32(i),
                    intent: Intent(account: firstAccount + i, action: .stabilityPool(op), market: pool.market)))
        }
        if s.tick == 0 {
            for (i, d) in deposits.enumerated() where d > 0 { propose(i, .deposit(usd: d)) }
            return out
        }
        if count > 0, pool.usd > 0, s.state.markets[pool.market].hasLiquidatable(prices: s.state.prices) {
            propose(0, .absorb(budget: pool.usd))
        }
        let now = pool.valuePerShare(prices: s.state.prices)
        // The incentive programme's offer (GOV emissions) raises every provider's tolerance.
        let bonus = s.state.incentives.offeredStabilityBonus
        for i in entry.indices where entry[i] > 0 && rng.uniform() < config.attention {
            guard StabilityProviders.exits(entry: entry[i], now: now, config, bonus: bonus) else { continue }
            let shares = pool.shares(of: firstAccount + i)
            if shares > 0 { propose(i, .withdraw(shares: shares)) }
        }
        return out
    }

    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {
        for r in receipts {
            guard case let .stabilityPool(op) = r.intent.action, let fill = r.fill else { continue }
            let i = r.intent.account - firstAccount
            switch op {
            case .deposit: entry[i] = fill.secondaryOut > 0 ? fill.amountIn / fill.secondaryOut : 0
            case .withdraw: entry[i] = 0
            case .absorb: break
            }
        }
    }
}
