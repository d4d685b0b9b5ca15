import ProtocolModel
import Stochastics

/// The token holders' one actor: their agents, accounts and decision stream.
public actor TokenHolderPopulation: Population {
    public nonisolated let kind = TokenHolders.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: TokenHolders.Config
    let agents: [TokenHolders.Agent]
    let firstAccount: Int
    let native: NativeToken
    var rng: RandomStream
    /// The TVL the holders saw at their first look (tick 0), against which they judge growth.
    var openingTVL: Double?

    init(
        config: TokenHolders.Config, agents: [TokenHolders.Agent], firstAccount: Int, native: NativeToken,
        rng: consuming RandomStream
    ) {
        self.config = config
        self.agents = agents
        self.firstAccount = firstAccount
        self.native = native
        self.rng = rng
        self.count = agents.count
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let tvl0 = openingTVL ?? TokenHolders.totalValueLocked(s.state)
        openingTVL = tvl0
        let view = TokenHolders.tickView(s, config, native: native, tvl0: tvl0)
        var out: [Proposal] = []
        for i in agents.indices where rng.uniform() < config.attention {
            guard let sell = TokenHolders.decide(agents[i], view, tick: s.tick, config, &rng) else { continue }
            let account = firstAccount + i
            let have = s.state.balances[account, sell ? native.token : s.layout.usd]
            let amount = config.tradeFraction * have
            guard amount > 0 else { continue }
            out.append(
                Proposal(
                    population: population, agent: Int32(i),
                    intent: Intent(account: account, action: .swap(pool: native.pool, amountIn: amount, baseIn: sell))))
        }
        return out
    }
}
