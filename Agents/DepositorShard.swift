import ProtocolModel
import Stochastics

/// One shard of depositors: its agents as an array of structs, their game parts beside them (game strategies
/// only), and its own random stream.
public actor DepositorShard: Population {
    public nonisolated let kind = Depositors.key
    public nonisolated let shard: Int
    public nonisolated let count: Int
    let config: Depositors.Config
    public private(set) var agents: [Depositors.Agent]
    /// `players[i]` is agent i's part in the game; empty for `heuristic`, which has no game, so a heuristic
    /// depositor costs only its 24-byte ``Depositors/Agent``.
    public private(set) var players: [Depositors.Player]
    /// The `balance_sheet` strategy's last solved rule, per behaviour of the population (its own, then `mix`).
    var balanceSheetRules: [BalanceSheetThreshold]
    let firstAccount: Int
    /// The lending market these depositors supply.
    nonisolated let market: Int
    var rng: RandomStream
    /// Binomial attention sampling only: the agents still in, by group, and the tick's lookers.
    var attentionGroups: AttentionGroups?

    init(
        shard: Int, config: Depositors.Config, agents: [Depositors.Agent], players: [Depositors.Player],
        firstAccount: Int, market: Int, rng: consuming RandomStream
    ) {
        precondition(players.isEmpty || players.count == agents.count, "one player per agent, or none")
        self.market = market
        self.shard = shard
        self.count = agents.count
        self.config = config
        self.agents = agents
        self.players = players
        self.firstAccount = firstAccount
        self.rng = rng
        self.attentionGroups = config.attentionSampling == .binomial ? AttentionGroups() : nil
        self.balanceSheetRules = Array(repeating: BalanceSheetThreshold(), count: 1 + config.mix.count)
    }

    /// Agent `i` asks to redeem its whole supply as the pool counts it now: a socialised loss has
    /// already shrunk every claim alike, so early leavers cannot take more than their share.
    static func redeemAll(_ i: Int, first: Int, market: Int, _ s: Snapshot, _ population: Int32)
        -> Proposal
    {
        let a = first + i
        let claim = s.state.markets[market].supplied(user: a, reserve: s.layout.depositReserve)
        return Proposal(
            population: population, agent: Int32(i),
            intent: Intent(account: a, action: .redeem(token: s.layout.usd, amount: claim), market: market))
    }

    public func propose(_ snapshot: Snapshot, population: Int32) -> [Proposal] {
        // The agents and the stream are lent to the pass once, rather than accessed once per agent: each
        // access to an actor's stored property is checked for exclusivity at run time.
        if config.strategy == .balanceSheet {
            return Self.proposeOnBalanceSheet(
                agents, players, &rng, &balanceSheetRules, config, first: firstAccount, market: market, snapshot,
                population)
        }
        if attentionGroups != nil {
            return Self.proposeSampled(
                agents, &rng, &attentionGroups, Depositors.tickView(snapshot, config, market: market), config,
                first: firstAccount, market: market, snapshot, population)
        }
        if config.strategy != .heuristic, let game = config.game {
            return Self.proposeInGame(
                agents, &players, &rng, game, Depositors.tickView(snapshot, config, market: market), config,
                first: firstAccount, market: market, snapshot, population)
        }
        let view = Depositors.tickView(snapshot, config, market: market)
        if view.lockOffer != nil {
            return Self.proposeWithLocks(
                agents, &rng, view, config, first: firstAccount, market: market, snapshot, population)
        }
        return Self.proposeAll(agents, &rng, view, config, first: firstAccount, market: market, snapshot, population)
    }

    /// Agent `i`'s proposal for `move`: a redemption of its whole supply, a lock of it, or none.
    static func proposal(
        _ move: Depositors.Move, _ i: Int, first: Int, market: Int, _ snapshot: Snapshot, _ population: Int32
    ) -> Proposal? {
        switch move {
        case .stay: nil
        case .withdraw: redeemAll(i, first: first, market: market, snapshot, population)
        case let .lock(ticks):
            Proposal(
                population: population, agent: Int32(i),
                intent: Intent(account: first + i, action: .lock(ticks: ticks)))
        }
    }

    /// The heuristic rule in a world with lock-up boosts: an agent still in and not locked draws whether it
    /// looks and its signal, as in ``proposeAll``, then withdraws, locks or stays (``Depositors/moveAttentive(_:_:_:_:)``).
    private static func proposeWithLocks(
        _ agents: [Depositors.Agent], _ rng: inout RandomStream, _ view: Depositors.TickView,
        _ config: Depositors.Config, first: Int, market: Int, _ snapshot: Snapshot, _ population: Int32
    ) -> [Proposal] {
        var out: [Proposal] = []
        for i in agents.indices {
            let a = agents[i]
            guard !a.hasWithdrawn, Int(a.lockedUntil) <= view.tick else { continue }
            guard rng.uniform() < (a.isWhale ? config.whaleAttention : config.attention) else { continue }
            let move = Depositors.moveAttentive(a, view, config, &rng)
            if let p = proposal(move, i, first: first, market: market, snapshot, population) { out.append(p) }
        }
        return out
    }

    /// The one-move game strategies: each attentive player outside a lock-up moves once.
    private static func proposeInGame(
        _ agents: [Depositors.Agent], _ players: inout [Depositors.Player], _ rng: inout RandomStream,
        _ game: Depositors.Game, _ view: Depositors.TickView, _ config: Depositors.Config, first: Int, market: Int,
        _ snapshot: Snapshot, _ population: Int32
    ) -> [Proposal] {
        var out: [Proposal] = []
        for i in agents.indices {
            guard
                let runs = Depositors.decideInGame(
                    agents[i], players[i], game, strategy: config.strategy, locked: view.locked, config, &rng)
            else { continue }
            players[i].decided = true
            if runs { out.append(redeemAll(i, first: first, market: market, snapshot, population)) }
        }
        return out
    }

    /// The heuristic rule, every agent still in drawing whether it looks.
    private static func proposeAll(
        _ agents: [Depositors.Agent], _ rng: inout RandomStream, _ view: Depositors.TickView,
        _ config: Depositors.Config, first: Int, market: Int, _ snapshot: Snapshot, _ population: Int32
    ) -> [Proposal] {
        var out: [Proposal] = []
        for i in agents.indices where Depositors.decide(agents[i], view, config, &rng) {
            out.append(redeemAll(i, first: first, market: market, snapshot, population))
        }
        return out
    }

    /// The heuristic rule with binomial attention sampling: only the tick's lookers draw.
    private static func proposeSampled(
        _ agents: [Depositors.Agent], _ rng: inout RandomStream, _ groups: inout AttentionGroups?,
        _ view: Depositors.TickView, _ config: Depositors.Config, first: Int, market: Int, _ snapshot: Snapshot,
        _ population: Int32
    ) -> [Proposal] {
        guard var g = groups.take() else { return [] }
        defer { groups = g }
        g.draw(agents, config, &rng)
        var out: [Proposal] = []
        if view.lockOffer != nil {
            // Lookers whose lock runs neither draw nor move.
            for j in g.attentive where Int(agents[Int(j)].lockedUntil) <= view.tick {
                let move = Depositors.moveAttentive(agents[Int(j)], view, config, &rng)
                if let p = proposal(move, Int(j), first: first, market: market, snapshot, population) { out.append(p) }
            }
            return out
        }
        for i in g.attentive where Depositors.decideAttentive(agents[Int(i)], view, config, &rng) {
            out.append(redeemAll(Int(i), first: first, market: market, snapshot, population))
        }
        return out
    }

    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {
        // What the pool accepted (paid + queued + fee) leaves the balance; what a gate refused stays supplied,
        // and the agent keeps it. The stay ends once the whole claim was accepted. A lock-up or a closed
        // gate reverts the request: the agent simply asks again another tick.
        for r in receipts {
            if case let .lock(ticks) = r.intent.action, r.succeeded {
                agents[r.intent.account - firstAccount].lockedUntil = Int32(clamping: r.tick + ticks)
                continue
            }
            guard let fill = r.fill, case let .redeem(_, requested) = r.intent.action, requested > 0 else { continue }
            let accepted = fill.secondaryOut
            guard accepted > 0 else { continue }
            let i = r.intent.account - firstAccount
            if accepted >= requested * (1 - 1e-12) {
                agents[i].hasWithdrawn = true
                agents[i].balance = 0
                attentionGroups?.stale = true
            } else {
                agents[i].balance -= accepted * agents[i].balance / requested
            }
        }
    }
}
