import ScenarioSchema

/// One kind of agent: the scenario key it answers to and how it builds its populations.
///
/// To add a behaviour, write one file with a type conforming to `AgentKind` and add it
/// to ``AgentRegistry/kinds``; a scenario then enables it with one key.
public protocol AgentKind: Sendable {
    /// The key of the kind's section in a scenario file, e.g. `depositors`.
    static var key: String { get }
    /// Reads the kind's section and builds its shard actors, contributing to the opening balance sheet.
    static func makePopulations(_ config: ConfigReader, setup: inout SetupContext) throws(ConfigError) -> [any Population]
}

/// Every agent kind Ballast knows, in the order their populations are built.
public enum AgentRegistry {
    public static let kinds: [any AgentKind.Type] = [
        Depositors.self, Borrowers.self, LiquidityProviders.self, Arbitrageurs.self, Liquidators.self,
    ]

    /// The kind for a scenario key, if any.
    public static func kind(for key: String) -> (any AgentKind.Type)? {
        kinds.first { $0.key == key }
    }
}
