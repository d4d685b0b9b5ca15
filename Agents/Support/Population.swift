import ProtocolModel

/// A population of agents of one kind, held as arrays of structs inside one actor.
///
/// Large populations are split into several shard actors; each owns its agents and
/// its own random stream, derived from `(seed, replicate, kind, shard, purpose)`.
/// The engine asks every population of a phase to propose concurrently, orders and
/// applies the proposals itself, and hands each population back its receipts.
public protocol Population: Actor {
    /// The scenario key of the agent kind ("depositors", "liquidators", ...).
    nonisolated var kind: String { get }
    /// The shard number within the kind.
    nonisolated var shard: Int { get }
    /// How many agents this shard holds (each counts as one agent-step per tick).
    nonisolated var count: Int { get }
    /// Decide, for every agent, what to submit this phase. `population` is the tag to put on proposals.
    func propose(_ snapshot: Snapshot, population: Int32) -> [Proposal]
    /// Learn what happened: the protocol's receipts for this population's intents, in application order.
    /// An agent finds its own by its account.
    func settle(_ receipts: [Receipt], snapshot: Snapshot)
    /// Kind-specific numbers for the end-of-tick record (e.g. LPs in the pool).
    func observe() -> PopulationObservation
    /// Whether ``observe()`` reports agents in a venue; the engine asks only those populations,
    /// so the others cost no actor hop per tick.
    nonisolated var reportsVenueShare: Bool { get }
}

extension Population {
    public nonisolated var reportsVenueShare: Bool { false }
    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {}
    public func observe() -> PopulationObservation { PopulationObservation() }
}

/// Numbers a population reports at the end of a tick.
public struct PopulationObservation: Sendable, Equatable {
    /// Agents currently active in their venue (LPs in the pool), and the kind's total.
    public var active: Int = 0
    public var total: Int = 0
    public init(active: Int = 0, total: Int = 0) {
        self.active = active
        self.total = total
    }
}
