/// An intent tagged with who sent it and what it bids for block position.
public struct Proposal: Sendable, Equatable {
    /// The index of the population (in the world's population list) that sent it.
    public var population: Int32
    /// The agent's index within its population.
    public var agent: Int32
    public var intent: AgentIntent
    /// The priority fee bid in USD (used by the priority-fee ordering; 0 otherwise).
    public var priorityFee: Double

    public init(population: Int32, agent: Int32, intent: AgentIntent, priorityFee: Double = 0) {
        self.population = population
        self.agent = agent
        self.intent = intent
        self.priorityFee = priorityFee
    }
}

/// What happened to one proposal.
public struct AgentReceipt: Sendable, Equatable {
    /// Why an intent reverted.
    public enum Revert: String, Sendable, Equatable {
        case emptyPool, insufficientInventory, belowMinimumProfit, nothingToDo, invalidPosition, insufficientBalance
    }

    public var agent: Int32
    public var intent: AgentIntent
    /// nil when it filled.
    public var revert: Revert?
    /// USD paid to the agent now (withdrawal, sale proceeds, LP quote leg valued in USD).
    public var usdOut: Double
    /// USD queued for the agent (withdrawals) or otherwise owed.
    public var usdQueued: Double
    /// A second quantity whose meaning depends on the intent (shares minted, collateral seized, debt repaid).
    public var amount: Double

    public init(
        agent: Int32, intent: AgentIntent, revert: Revert? = nil, usdOut: Double = 0, usdQueued: Double = 0,
        amount: Double = 0
    ) {
        self.agent = agent
        self.intent = intent
        self.revert = revert
        self.usdOut = usdOut
        self.usdQueued = usdQueued
        self.amount = amount
    }

    public var filled: Bool { revert == nil }
}
