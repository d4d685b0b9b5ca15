import Agents
import Stochastics

/// How the proposals of one phase are put in a block. Always deterministic given the stream.
public enum OrderingPolicy: String, Sendable, CaseIterable {
    /// A uniformly random order from the tick's ordering stream (the reference model).
    case random
    /// Highest priority fee first; ties in random order.
    case priorityFee = "priority_fee"
    /// A block builder front-runs liquidations and withdrawals: the largest of them go
    /// first, so big players are paid from the reserve and small ones queue; then the rest at random.
    case adversarial

    /// Reorders `proposals` in place. `scratch` is reused across calls.
    func order(_ proposals: inout [Proposal], rng: inout RandomStream, price: Double, scratch: inout [Int32]) {
        guard proposals.count > 1 else { return }
        rng.permutation(into: &scratch, count: proposals.count)
        var shuffled = scratch.map { proposals[Int($0)] }
        switch self {
        case .random:
            break
        case .priorityFee:
            // Stable: sorting the shuffled indices by fee keeps the random order among equal fees.
            shuffled = stableSorted(shuffled) { $0.priorityFee > $1.priorityFee }
        case .adversarial:
            let targets = stableSorted(shuffled.filter { $0.intent.action.isFrontRunTarget }) {
                $0.intent.action.sizeUSD(price: price) > $1.intent.action.sizeUSD(price: price)
            }
            shuffled = targets + shuffled.filter { !$0.intent.action.isFrontRunTarget }
        }
        proposals = shuffled
    }

    private func stableSorted(_ xs: [Proposal], by before: (Proposal, Proposal) -> Bool) -> [Proposal] {
        xs.enumerated().sorted { a, b in
            if before(a.element, b.element) { return true }
            if before(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
