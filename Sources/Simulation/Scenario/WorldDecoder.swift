import Agents
import ProtocolModel
import ScenarioSchema

/// Reads the multi-asset world: each market asset's `kind` and `bridge`, the `pools` list and
/// `lending.reserves`, naming assets by their market name (or USD). Every error is located at the key
/// it concerns.
enum WorldDecoder {
    static let kinds: [String: TokenKind] = [
        "volatile": .volatileCollateral, "liquid_staking": .liquidStaking, "bridged": .bridged,
        "stablecoin": .stablecoin, "native": .nativeToken,
    ]

    static func decode(_ root: ConfigReader, market: MarketModel, lending: Scenario.Lending) throws(ConfigError)
        -> WorldSpec
    {
        var spec = WorldSpec()
        spec.assets = try decodeAssets(root, names: market.assetNames)
        if let nodes = try optionalList(root, "pools") {
            for node in nodes { spec.pools.append(try decodePool(node, spec)) }
        }
        if let l = root.node("lending"), case .mapping = l.value,
            let nodes = try optionalList(try ConfigReader(l), "reserves")
        {
            for node in nodes {
                let reserve = try decodeReserve(node, spec, lending)
                if spec.reserves.contains(where: { $0.token == reserve.token }) {
                    throw ConfigError.semantic(node, "expected each asset at most once in lending.reserves")
                }
                spec.reserves.append(reserve)
            }
        }
        return spec
    }

    /// `market.assets[i].kind` and `.bridge` (or the single asset of a one-asset market, volatile).
    private static func decodeAssets(_ root: ConfigReader, names: [String]) throws(ConfigError) -> [WorldSpec.Asset] {
        var nodes: [ConfigNode] = []
        if let m = root.node("market"), case let .mapping(entries) = m.value,
            let assets = entries.first(where: { $0.key == "assets" })?.node, case let .sequence(items) = assets.value
        {
            nodes = items
        }
        var out: [WorldSpec.Asset] = []
        for (k, name) in names.enumerated() {
            var asset = WorldSpec.Asset(name: name, kind: .volatileCollateral, bridge: nil)
            if k < nodes.count {
                let a = try ConfigReader(nodes[k])
                if name == "USD" {
                    throw a.semanticError("name", "expected an asset name other than USD (the numeraire), got USD")
                }
                let kind = try a.string("kind", default: "volatile", oneOf: kinds.keys.sorted())
                asset.kind = kinds[kind] ?? .volatileCollateral
                let model = a.has("model") ? try a.string("model") : "gbm"
                if asset.kind == .nativeToken, model != "pool" {
                    throw a.semanticError(
                        "model",
                        "expected model: pool for a native token (it trades only in its own pool), got \(model)")
                }
                if model == "pool", asset.kind != .nativeToken {
                    throw a.semanticError(
                        "kind", "expected kind: native with model: pool (only the native token is priced by its pool)")
                }
                asset.bridge = a.has("bridge") ? try a.string("bridge") : nil
            }
            out.append(asset)
        }
        return out
    }

    /// `key`'s list, or nil when absent.
    static func optionalList(_ r: ConfigReader, _ key: String) throws(ConfigError) -> [ConfigNode]? {
        r.has(key) ? try r.list(key) : nil
    }

    /// An asset named at `key` of `r`: its token index, or a located error listing the names.
    static func token(_ r: ConfigReader, _ key: String, _ spec: WorldSpec) throws(ConfigError) -> Int {
        let name = try r.string(key)
        guard let t = spec.token(named: name) else {
            let known = (["USD"] + spec.assets.map(\.name)).joined(separator: ", ")
            throw r.semanticError(key, "expected an asset of market.assets or USD (\(known)), got \(name)")
        }
        return t
    }

    private static func decodePool(_ node: ConfigNode, _ spec: WorldSpec) throws(ConfigError) -> WorldSpec.Pool {
        let p = try ConfigReader(node)
        let type = try p.string("type", oneOf: ["uniswap_v2", "stableswap"])
        if type == "uniswap_v2" {
            let base = try token(p, "base", spec)
            let quote = try token(p, "quote", spec)
            guard base != quote else { throw p.semanticError("quote", "expected a token other than the base") }
            let pool = WorldSpec.Pool.uniswapV2(
                base: base, quote: quote, reserveBase: try p.double("reserve_base", .closed(1e-6, 1e15)),
                reserveQuote: try p.double("reserve_quote", .closed(1e-6, 1e15)),
                feeBps: try p.double("fee_bps", default: 30, .closed(0, 9_999)))
            _ = p.node("lps")  // the pool's own LPs: poolSections
            try p.finish()
            return pool
        }
        if p.has("lps"), let lps = p.node("lps") {
            throw ConfigError.semantic(
                lps, "expected lps only in a uniswap_v2 pool (LPs provide to constant-product pools)")
        }
        let coinNodes = try p.list("coins")
        var coins: [Int] = []
        for c in coinNodes {
            guard let name = c.scalarText, let t = spec.token(named: name) else {
                let known = (["USD"] + spec.assets.map(\.name)).joined(separator: ", ")
                throw ConfigError.semantic(
                    c, "expected an asset of market.assets or USD (\(known)), got \(c.foundDescription)")
            }
            guard !coins.contains(t) else {
                throw ConfigError.semantic(c, "expected each coin once, got \(name) twice")
            }
            coins.append(t)
        }
        guard coins.count >= 2 else {
            throw p.semanticError("coins", "expected at least two coins, got \(coins.count)")
        }
        let balances = try p.doubles("balances", .closed(1e-6, 1e15))
        guard balances.count == coins.count else {
            throw p.semanticError("balances", "expected one balance per coin (\(coins.count)), got \(balances.count)")
        }
        let pool = WorldSpec.Pool.stableSwap(
            coins: coins, balances: balances, amplification: try p.double("amplification", .closed(1e-3, 1e6)),
            fee: try p.double("fee", default: 0.0004, .closed(0, 0.5)))
        try p.finish()
        return pool
    }
}

extension WorldDecoder {
    /// The `lps` section of each `pools` entry that has one, with the pool's index in the state: the LPs
    /// of that pool, decoded by the LP kind.
    static func poolSections(_ root: ConfigReader, _ spec: WorldSpec) throws(ConfigError) -> [Scenario.PoolSection] {
        guard let nodes = try optionalList(root, "pools") else { return [] }
        var out: [Scenario.PoolSection] = []
        for (k, node) in nodes.enumerated() where k < spec.pools.count {
            guard case .uniswapV2 = spec.pools[k], case let .mapping(entries) = node.value,
                let lps = entries.first(where: { $0.key == "lps" })?.node
            else { continue }
            out.append(
                Scenario.PoolSection(
                    pool: spec.poolIndices[k], section: try LiquidityProviders.section(try ConfigReader(lps))))
        }
        return out
    }
}

extension WorldDecoder {
    /// Token holders and an incentive programme need the native token and its USD pool; a native token's
    /// `initial_price` must be its pool's opening price (the pool is its only market).
    static func checkNative(
        _ root: ConfigReader, _ sections: [AgentSection], _ spec: WorldSpec, openingPrices: [Double]
    ) throws(ConfigError) {
        let native = spec.native
        for key in [TokenHolders.key, IncentiveProgramme.key] where native == nil {
            guard sections.contains(where: { $0.key == key }), let node = root.node(key) else { continue }
            throw ConfigError.semantic(
                node,
                "expected a native token for \(key): an asset of market.assets with kind: native and model: pool, "
                    + "and a uniswap_v2 entry of pools with it as base and USD as quote")
        }
        guard let native, native.token - 1 < openingPrices.count else { return }
        let stated = openingPrices[native.token - 1]
        if abs(stated / native.openingPrice - 1) > 1e-9 {
            throw root.semanticError(
                "pools",
                "expected the native token's pool to open at its initial_price \(ValueRange.describe(stated)), "
                    + "got reserve_quote / reserve_base = \(ValueRange.describe(native.openingPrice))")
        }
    }

    /// Lock-up boosts are chosen by the first market's heuristic depositors: a programme that offers them
    /// needs such depositors to choose them.
    static func checkLocks(_ root: ConfigReader, _ sections: [AgentSection]) throws(ConfigError) {
        guard let programme = sections.lazy.compactMap({ $0.config(as: IncentiveProgramme.self) }).first,
            programme.lockEmissionUSD > 0
        else { return }
        let depositors = sections.lazy.compactMap { $0.config(as: Depositors.self) }.first
        guard let depositors, depositors.strategy == .heuristic else {
            let got = depositors.map { "strategy \($0.strategy.rawValue)" } ?? "no depositors section"
            let at = (try? root.child(IncentiveProgramme.key))?.node("lock_emission_usd") ?? root.mappingNode
            throw ConfigError.semantic(
                at,
                "expected depositors with strategy heuristic to choose the lock-up boosts, got \(got)")
        }
    }
}
