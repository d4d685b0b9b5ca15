import Agents
import ProtocolModel
import ScenarioSchema

extension Scenario {
    /// A lending market beyond the top-level one (an entry of `markets`): its own deposits, loans,
    /// reserve, insurance fund, liquidation rules and deposit terms, and its own depositors, borrowers and
    /// liquidators. It lends USD against the first market asset, reads the same prices as the top-level
    /// market and trades in the same pools, so its liquidations sell into the pool the other market's
    /// positions are priced by.
    public struct LendingMarket: Sendable {
        /// The entry's key in `markets`.
        public var name: String
        /// The entry's `lending` keys (no price-feed keys and no further reserves).
        public var lending: Lending
        /// The entry's agent sections, in ``/Agents/AgentRegistry`` order.
        public var agentSections: [AgentSection]
    }

    /// The agent kinds a further market may hold: those bound to a lending market. LPs and arbitrageurs
    /// act on the pools, which every market shares, so they stay at the top level.
    static let marketKinds: [any AgentKind.Type] = [Depositors.self, Borrowers.self, Liquidators.self]

    /// Keys of the top-level `lending` section that a further market may not set: the price feeds are the
    /// state's, one for every market, and a further market has no collateral reserves beyond the first asset.
    static let sharedLendingKeys = ["oracle", "oracle_deviation", "oracle_heartbeat", "oracle_delay", "reserves"]

    /// `markets`: a mapping from a market's name to its `lending` keys and agent sections.
    static func decodeMarkets(_ root: ConfigReader, ticks: Int) throws(ConfigError) -> [LendingMarket] {
        guard let node = root.node("markets") else { return [] }
        guard case let .mapping(entries) = node.value else {
            throw ConfigError.semantic(
                node, "expected a mapping from market names to markets, got \(node.foundDescription)")
        }
        var out: [LendingMarket] = []
        for (name, entry) in entries {
            guard !name.isEmpty,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else {
                throw ConfigError.semantic(entry, "expected a market name of letters, digits, _ and -, got \(name)")
            }
            guard name != "main" else {
                throw ConfigError.semantic(entry, "expected a name other than main (the top-level market's name)")
            }
            let r = try ConfigReader(entry)
            let lendingReader = try r.optionalChild("lending")
            if let l = lendingReader {
                for key in sharedLendingKeys where l.has(key) {
                    throw l.semanticError(
                        key,
                        "expected no \(key) in a further market: every market reads the top-level lending's "
                            + "price feeds and lends against the first asset only")
                }
            }
            var lending = Lending()
            if let l = lendingReader { lending = try decodeLending(l, ticks: ticks) }
            var sections: [AgentSection] = []
            for kind in marketKinds {
                if let n = r.node(kind.key) { sections.append(try kind.section(try ConfigReader(n))) }
            }
            for kind in AgentRegistry.kinds where !marketKinds.contains(where: { $0.key == kind.key }) {
                if r.has(kind.key), let n = r.node(kind.key) {
                    throw ConfigError.semantic(
                        n,
                        "expected \(kind.key) at the top level: a further market holds only depositors, borrowers "
                            + "and liquidators (the pools and the treasury are shared)")
                }
            }
            if let config = sections.lazy.compactMap({ $0.config(as: Borrowers.self) }).first, !config.basket.isEmpty,
                let b = r.node("borrowers")
            {
                throw ConfigError.semantic(
                    b, "expected no collateral basket in a further market: it lends against the first asset only")
            }
            if let opener = sections.first(where: \.setsOpeningReserve), lending.loanFraction > 0 {
                throw (lendingReader ?? r).semanticError(
                    "loan_fraction",
                    "expected 0 when \(opener.key) set the opening reserve from their game's prior, got "
                        + ValueRange.describe(lending.loanFraction))
            }
            try r.finish()
            out.append(LendingMarket(name: name, lending: lending, agentSections: sections))
        }
        return out
    }
}
