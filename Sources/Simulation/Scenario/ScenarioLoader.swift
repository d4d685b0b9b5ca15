import Agents
import Foundation
import ProtocolModel
import ScenarioSchema
import Stochastics

extension Scenario {
    /// Top-level keys that are not agent kinds.
    /// The most ticks a scenario may have: 10⁷ hours is over a thousand years.
    public static let maxTicks = 10_000_000

    static let frameworkKeys = [
        "name", "ticks", "seed", "run_threshold", "run_definition", "ordering", "phases", "market", "amm", "lending",
        "alm", "pools", "rates", "fixed_term", "markets",
    ]

    /// Loads `path`, applies `--set` overrides, and decodes and validates everything once, every agent
    /// section into its kind's typed configuration, so that a bad scenario fails before any work starts.
    public static func load(path: String, overrides: [String] = []) throws(ConfigError) -> Scenario {
        var doc = try ConfigDocument.load(path: path)
        let directory = (path as NSString).deletingLastPathComponent
        // `--set stresses=[…]` and `--set policies=[…]` choose fragments; every other override applies
        // after they are expanded, so it can adjust what a fragment wrote.
        let choosing = overrides.filter { o in ScenarioOverlays.keys.contains { o.hasPrefix($0 + "=") } }
        for o in choosing {
            doc.ensureTopLevelList(String(o.prefix { $0 != "=" }))
            try doc.applyOverride(o)
        }
        try ScenarioOverlays.expand(&doc, directory: directory.isEmpty ? "." : directory)
        for o in overrides where !choosing.contains(o) { try doc.applyOverride(o) }
        return try decode(doc, directory: directory.isEmpty ? "." : directory)
    }

    /// Decodes a parsed document. `directory` resolves relative data-file paths and fragment names;
    /// the document's `policies:` and `stresses:` lists are expanded first (see ``ScenarioOverlays``).
    public static func decode(_ document: ConfigDocument, directory: String) throws(ConfigError) -> Scenario {
        var doc = document
        try ScenarioOverlays.expand(&doc, directory: directory)
        let r = try ConfigReader(doc.root)
        let name = try r.string("name", default: "scenario")
        // A series row is about 100 bytes; the cap keeps a run within hours and the series within a GiB.
        let ticks = try r.count("ticks", atLeast: 1, atMost: maxTicks, bytesEach: 100, noun: "ticks")
        let seed = try r.int("seed", default: 1, .integerAtLeast(0))
        let runThreshold = try r.double("run_threshold", default: 0.5, .probability)
        let runDefinition = try r.string(
            "run_definition", default: RunDefinition.withdrawnFraction.rawValue,
            oneOf: RunDefinition.allCases.map(\.rawValue))
        let orderingName = try r.string("ordering", default: "random", oneOf: OrderingPolicy.allCases.map(\.rawValue))
        let market = try MarketDecoder.decode(try r.child("market"), scenarioDirectory: directory, ticks: ticks)
        let amm = try decodeAMM(try r.child("amm"))
        let lending = try decodeLending(try r.child("lending"), ticks: ticks)
        let world = try WorldDecoder.decode(r, market: market, lending: lending)
        var alm = Scenario.ALM()
        if let a = try r.optionalChild("alm") {
            alm.depositRunoff = try a.double("deposit_runoff", default: alm.depositRunoff, .probability)
            alm.horizonTicks = try a.int("horizon_ticks", default: 0, .closed(0, Double(maxTicks)))
            try a.finish()
        }
        let rates = try decodeRates(try r.optionalChild("rates"))
        let fixedTerm = try decodeFixedTerm(try r.optionalChild("fixed_term"))

        var sections: [AgentSection] = []
        for kind in AgentRegistry.kinds {
            if let node = r.node(kind.key) {
                sections.append(try kind.section(try ConfigReader(node)))
            }
        }
        // A population that opens the pool with its own reserve (a game's drawn fundamental θ = R/D) needs a
        // pool that lends nothing: otherwise loans would come on top of the reserve and the pool would hold
        // more than its deposits.
        if let opener = sections.first(where: \.setsOpeningReserve), lending.loanFraction > 0 {
            throw try r.child("lending").semanticError(
                "loan_fraction",
                "expected 0 when \(opener.key) set the opening reserve from their game's prior "
                    + "(\(opener.key).game.fundamental: prior), got \(ValueRange.describe(lending.loanFraction))")
        }
        let otherMarkets = try decodeMarkets(r, ticks: ticks)
        let poolSections = try WorldDecoder.poolSections(r, world)
        let allSections = sections + poolSections.map(\.section) + otherMarkets.flatMap(\.agentSections)
        let phaseNodes = try r.list("phases")
        guard !phaseNodes.isEmpty else {
            throw r.semanticError("phases", "expected at least one agent section's key, got an empty list")
        }
        var phases: [String] = []
        for node in phaseNodes {
            guard let key = node.scalarText, allSections.contains(where: { $0.key == key }) else {
                let known = AgentRegistry.kinds.map { $0.key }.filter { k in allSections.contains { $0.key == k } }
                    .joined(separator: ", ")
                throw ConfigError.semantic(
                    node, "expected the key of an agent section in this file (\(known)), got \(node.foundDescription)")
            }
            phases.append(key)
        }
        try WorldDecoder.checkBaskets(r, sections, world)
        try WorldDecoder.checkNative(r, sections, world, openingPrices: market.initialState().prices)
        try WorldDecoder.checkLocks(r, sections)
        try r.finish()
        if lending.oracle == nil, market.hasOracleFreeze {
            throw ConfigError.semantic(
                r.node("market") ?? r.mappingNode,
                "oracle_freeze has no effect while lending.oracle is amm (the pool prices itself); "
                    + "set lending.oracle: feed or remove oracle_freeze")
        }

        var scenario = Scenario(
            name: name, ticks: ticks, seed: UInt64(seed), market: market, amm: amm, lending: lending,
            phases: phases, ordering: OrderingPolicy(rawValue: orderingName) ?? .random,
            runThreshold: runThreshold,
            runDefinition: RunDefinition(rawValue: runDefinition) ?? .withdrawnFraction,
            agentSections: sections,
            contentHash: contentHash(doc, market),
            sourcePath: doc.file, overrides: doc.overrides, alm: alm)
        scenario.world = world
        scenario.rates = rates
        scenario.fixedTerm = fixedTerm
        scenario.otherMarkets = otherMarkets
        scenario.poolSections = poolSections
        return scenario
    }

    /// The scenario text's hash, folded with the replayed prices when there are any: editing a
    /// data file changes the model as surely as editing the YAML, and a resume must see it.
    static func contentHash(_ doc: ConfigDocument, _ market: MarketModel) -> String {
        let series = market.replayedSeries
        guard !series.isEmpty else { return doc.contentHash }
        // One series hashes as it always has; several are separated by "|".
        let text =
            doc.contentHash + "|"
            + series.map { $0.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }.joined(separator: "|")
        let hex = String(stableHash(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func decodeAMM(_ r: ConfigReader) throws(ConfigError) -> AMM {
        var a = AMM()
        a.reserveCollateral = try r.double("reserve_collateral", default: a.reserveCollateral, .closed(1e-6, 1e15))
        a.reserveUSD = try r.double("reserve_usd", default: a.reserveUSD, .closed(1, 1e15))
        a.feeBps = try r.double("fee_bps", default: a.feeBps, .closed(0, 9_999))
        try r.finish()
        return a
    }

    static func decodeLending(_ r: ConfigReader, ticks: Int) throws(ConfigError) -> Lending {
        var l = Lending()
        l.reserveFraction = try r.double("reserve_fraction", default: l.reserveFraction, .probability)
        l.insuranceFraction = try r.double("insurance_fraction", default: l.insuranceFraction, .nonNegative)
        // `auto` lends everything that is not held as reserve, so sweeping the reserve keeps D₀ whole.
        if r.node("loan_fraction")?.scalarText == "auto" {
            _ = try r.string("loan_fraction")
            l.loanFraction = 1 - l.reserveFraction
        } else {
            l.loanFraction = try r.double("loan_fraction", default: 1 - l.reserveFraction, .probability)
        }
        if l.reserveFraction + l.loanFraction > 1 + 1e-12 {
            throw r.semanticError(
                "loan_fraction",
                "expected reserve_fraction + loan_fraction <= 1, got \(l.reserveFraction) + \(l.loanFraction)")
        }
        var liq = LiquidationParameters()
        liq.liquidationThreshold = try r.double("liquidation_threshold", default: 0.825, .unitOpen)
        liq.liquidationBonus = try r.double("liquidation_bonus", default: 0.05, .closed(0, 1))
        let close = try r.string("close_factor", default: "aave_v2", oneOf: ["aave_v2", "aave_v3"])
        liq.closeFactor = close == "aave_v3" ? .aaveV3 : .fixed(0.5)
        liq.protocolFee = try r.double("protocol_fee", default: 0, .probability)
        liq.dustCollateral = try r.double("dust_collateral", default: 1e-9, .nonNegative)
        l.liquidation = liq
        l.withdrawals = WithdrawalPolicy(
            feeFraction: try r.double("withdrawal_fee", default: 0, .probability),
            gateFractionPerTick: try r.double("gate_fraction_per_tick", default: 1, .probability),
            lockedUntilTick: try r.int("locked_until_tick", default: 0, .closed(0, Double(maxTicks))),
            socialiseUncoveredLosses: try r.bool("socialise_losses", default: false))
        l.withdrawals.feesToInsurance =
            try r.string("withdrawal_fee_to", default: "pool", oneOf: ["pool", "insurance"]) == "insurance"
        let source = try r.string("oracle", default: "amm", oneOf: ["amm", "feed"])
        let spec = OracleSpec(
            deviation: try r.double("oracle_deviation", default: 0.005, .nonNegative),
            heartbeat: try r.int("oracle_heartbeat", default: 24, .closed(1, Double(maxTicks))),
            delay: try r.int("oracle_delay", default: 0, .closed(0, Double(ticks))))
        l.oracle = source == "feed" ? spec : nil
        _ = r.node("reserves")  // the collateral reserves: WorldDecoder
        try r.finish()
        return l
    }
}
