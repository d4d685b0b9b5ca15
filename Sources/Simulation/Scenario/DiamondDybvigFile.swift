import Agents
import Games
import ScenarioSchema

/// A game file for `ballast equilibrium`: a top-level `diamond_dybvig` section, decoded and validated once.
///
/// ```yaml
/// diamond_dybvig:
///   return: 2                 # R > 1, the long asset's date-2 return
///   risk_aversion: 2          # γ > 0, CRRA
///   impatient_fraction: 0.25  # π in (0, 1)
///   liquidation_value: 1      # ℓ in (0, 1], what a unit of the long asset fetches at date 1
///   sunspot_probability: 0.2  # the chance that a sunspot selects the run equilibrium
///   gate: 1                   # the most of deposits paid at date 1 (1: no gate; π: suspension)
/// ```
public struct DiamondDybvigFile: Sendable {
    /// The key that marks a file as a Diamond–Dybvig game.
    public static let key = "diamond_dybvig"
    /// The bank.
    public let game: DiamondDybvig
    /// The probability that a sunspot coordinates depositors on the run equilibrium, when there is one.
    public let sunspotProbability: Double
    /// The fraction of deposits payable at date 1 before withdrawals are suspended.
    public let gate: Double

    /// Whether a parsed document is a Diamond–Dybvig game file (it has a top-level `diamond_dybvig` key).
    public static func isGameFile(_ doc: ConfigDocument) -> Bool {
        (try? ConfigReader(doc.root))?.has(key) ?? false
    }

    /// Decodes `doc`; every error is located at its key.
    public static func decode(_ doc: ConfigDocument) throws(ConfigError) -> DiamondDybvigFile {
        let root = try ConfigReader(doc.root)
        let r = try root.child(key)
        let longReturn = try r.double("return", .greaterThan(1))
        let gamma = try r.double("risk_aversion", .positive)
        let pi = try r.double("impatient_fraction", .unitOpen)
        let ell = try r.double("liquidation_value", default: 1, .closed(1e-9, 1))
        let sunspot = try r.double("sunspot_probability", default: 0, .probability)
        let gate = try r.double("gate", default: 1, .closed(1e-9, 1))
        try root.finish()
        do {
            let game = try DiamondDybvig(
                longReturn: longReturn, riskAversion: gamma, impatientFraction: pi,
                liquidationValue: ell)
            return DiamondDybvigFile(game: game, sunspotProbability: sunspot, gate: gate)
        } catch {
            throw r.semanticError("return", "expected parameters of a Diamond–Dybvig bank: \(error)")
        }
    }

    /// Loads `path` and applies `--set` overrides.
    public static func load(path: String, overrides: [String] = []) throws(ConfigError) -> DiamondDybvigFile {
        var doc = try ConfigDocument.load(path: path)
        for o in overrides { try doc.applyOverride(o) }
        return try decode(doc)
    }
}
