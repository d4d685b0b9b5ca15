/// One decoded agent section of a scenario: a kind and its validated ``AgentKind/Config``.
///
/// The engine builds populations from sections without knowing any kind by name; what it needs
/// to know about a kind (its key, its size, whether it reads θ) is carried here.
public struct AgentSection: Sendable {
    /// The kind's scenario key.
    public let key: String
    /// Agents across the kind's populations.
    public let agentCount: Int
    /// Whether the kind's phase needs the solvency margin θ in its snapshot.
    public let readsSolvencyMargin: Bool
    /// Whether the kind's populations set the pool's opening reserve (``AgentKind/setsOpeningReserve(_:)``).
    public let setsOpeningReserve: Bool
    /// The typed configuration, for inspection (``config(as:)``).
    private let config: any Sendable
    private let build: @Sendable (inout SetupContext) -> [any Population]

    /// Wraps `config`, decoded by `kind`.
    public init<Kind: AgentKind>(_ kind: Kind.Type, config: Kind.Config) {
        self.key = Kind.key
        self.agentCount = Kind.agentCount(config)
        self.readsSolvencyMargin = Kind.readsSolvencyMargin
        self.setsOpeningReserve = Kind.setsOpeningReserve(config)
        self.config = config
        self.build = { setup in Kind.makePopulations(config, setup: &setup) }
    }

    /// Builds the kind's populations for one replicate.
    public func makePopulations(setup: inout SetupContext) -> [any Population] {
        build(&setup)
    }

    /// The configuration, when this section belongs to `kind`.
    public func config<Kind: AgentKind>(as kind: Kind.Type) -> Kind.Config? {
        key == Kind.key ? config as? Kind.Config : nil
    }
}
