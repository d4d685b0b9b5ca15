import ScenarioSchema

/// One kind of agent: the scenario key it answers to, its typed configuration, and how it
/// builds its populations from that configuration.
///
/// A scenario is decoded once: ``decode(_:)`` reads and validates the kind's section into a
/// ``Config`` value, and every replicate then builds its populations from that value with
/// ``makePopulations(_:setup:)``, which cannot fail. No YAML is read while replicates run.
///
/// To add a behaviour, write one file with a type conforming to `AgentKind` and add it
/// to ``AgentRegistry/kinds``; a scenario then enables it with one key.
public protocol AgentKind: Sendable {
    /// The kind's parameters, decoded and validated once per scenario.
    associatedtype Config: Sendable

    /// The key of the kind's section in a scenario file, e.g. `depositors`.
    static var key: String { get }

    /// Whether this kind's decisions read the pool's solvency margin θ. The engine computes θ
    /// (a pass over the loan book) only for the snapshots of phases whose kind asks for it.
    static var readsSolvencyMargin: Bool { get }

    /// Whether a population built from `config` sets the lending pool's opening reserve itself (from a
    /// game's prior). The pool then holds that reserve alone, so the scenario must lend nothing.
    static func setsOpeningReserve(_ config: Config) -> Bool

    /// Reads and validates the kind's section; every error is located at its key.
    static func decode(_ section: ConfigReader) throws(ConfigError) -> Config

    /// The agents a population built from `config` holds (agent-steps per tick).
    static func agentCount(_ config: Config) -> Int

    /// Builds the kind's shard actors for one replicate, contributing to the opening balance sheet.
    /// `config` came from ``decode(_:)``, so every parameter is already valid.
    static func makePopulations(_ config: Config, setup: inout SetupContext) -> [any Population]
}

extension AgentKind {
    public static var readsSolvencyMargin: Bool { false }

    public static func setsOpeningReserve(_ config: Config) -> Bool { false }

    /// Decodes the kind's section into a type-erased ``AgentSection``.
    public static func section(_ reader: ConfigReader) throws(ConfigError) -> AgentSection {
        AgentSection(Self.self, config: try decode(reader))
    }
}

/// Every agent kind Ballast knows, in the order their populations are built.
public enum AgentRegistry {
    public static let kinds: [any AgentKind.Type] = [
        Depositors.self, Borrowers.self, LiquidityProviders.self, Arbitrageurs.self, Liquidators.self,
        TreasuryManager.self, MarginController.self, ParameterController.self, TokenHolders.self,
        IncentiveProgramme.self, StabilityProviders.self,
    ]

    /// The kind for a scenario key, if any.
    public static func kind(for key: String) -> (any AgentKind.Type)? {
        kinds.first { $0.key == key }
    }
}
