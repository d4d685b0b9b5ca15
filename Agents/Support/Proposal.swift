import ProtocolModel

/// An intent tagged with who sent it and what it bids for block position.
public struct Proposal: Sendable, Equatable {
    /// The index of the population (in the world's population list) that sent it.
    public var population: Int32
    /// The agent's index within its population.
    public var agent: Int32
    /// The transaction, in the protocol's one vocabulary.
    public var intent: Intent
    /// The priority fee bid in USD (used by the priority-fee ordering; 0 otherwise).
    public var priorityFee: Double

    public init(population: Int32, agent: Int32, intent: Intent, priorityFee: Double = 0) {
        self.population = population
        self.agent = agent
        self.intent = intent
        self.priorityFee = priorityFee
    }
}
