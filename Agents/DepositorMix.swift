import Games
import ScenarioSchema

extension Depositors {
    /// One behaviour of a mixed `balance_sheet` population (`depositors.mix`): a share of the depositors that
    /// herd with the heuristic rule, or respond to the balance-sheet game in their own way.
    public struct MixedBehaviour: Sendable, Equatable {
        /// The share of every shard's depositors that behaves this way, in (0, 1].
        public var share: Double
        /// Nil: the heuristic rule (herding on the withdrawn fraction and on observed outflows); otherwise
        /// the balance-sheet game with these response keys.
        public var game: BalanceSheetSettings?
    }

    /// Reads `depositors.mix`, a list of `{share, response, …}` entries (empty: one behaviour); `response: herding` selects the
    /// heuristic rule, every other value a response to the balance-sheet game, with the section's game keys
    /// and the entry's own `rationality`, `level`, `level_zero` and `episode`. The shares sum to at most 1;
    /// the rest of the population keeps the section's own response.
    static func decodeMix(_ r: ConfigReader, strategy: Strategy, game: BalanceSheetSettings) throws(ConfigError)
        -> [MixedBehaviour]
    {
        guard r.has("mix") else { return [] }
        let nodes = try r.list("mix")
        guard strategy == .balanceSheet || nodes.isEmpty else {
            throw r.semanticError("mix", "expected no mix unless depositors.strategy is balance_sheet")
        }
        guard nodes.count <= 8 else {
            throw r.semanticError("mix", "expected a list of at most 8 behaviours, got \(nodes.count)")
        }
        var out: [MixedBehaviour] = []
        var total = 0.0
        for node in nodes {
            let e = try ConfigReader(node)
            let share = try e.double("share", .closed(1e-9, 1))
            total += share
            if total > 1 + 1e-12 {
                throw e.semanticError("share", "expected the mix's shares to sum to at most 1, got \(total)")
            }
            let responses = ["herding"] + BalanceSheetResponse.allCases.map { $0.rawValue }
            if try e.string("response", oneOf: responses) == "herding" {
                try e.finish()
                out.append(MixedBehaviour(share: share, game: nil))
                continue
            }
            var settings = game
            settings.rationality = 100
            settings.level = 1
            settings.levelZero = .alwaysRun
            settings.episode = 0
            try decodeResponse(e, into: &settings)
            try e.finish()
            out.append(MixedBehaviour(share: share, game: settings))
        }
        return out
    }

    /// The behaviour index of agent `i` of a shard of `n`: 1 + k for mix entry k, 0 for the section's own
    /// response. Entries take consecutive runs of each shard in order; balances are drawn independently, so
    /// the assignment is as good as random, and it draws nothing, so every mix sees the same agents.
    static func behaviour(_ i: Int, of n: Int, _ mix: [MixedBehaviour]) -> UInt8 {
        let position = (Double(i) + 0.5) / Double(n)
        var edge = 0.0
        for (k, m) in mix.enumerated() {
            edge += m.share
            if position < edge { return UInt8(k + 1) }
        }
        return 0
    }
}
