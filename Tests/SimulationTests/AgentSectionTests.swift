import Agents
import Testing

@testable import Simulation

/// A scenario's agent sections are decoded once into typed configurations; replicates only build from them.
@Suite("Agent sections are typed and decoded once")
struct AgentSectionTests {
    @Test func sectionsCarryTheDecodedConfigs() throws {
        let s = try TestSupport.scenario(ticks: 50, ["depositors.count=321", "liquidators.budget_per_tick=12345"])
        // Sections come in registry order, the order populations are built, whatever the file's order.
        var registryKeys: [String] = []
        for kind in AgentRegistry.kinds where s.agentSections.contains(where: { $0.key == kind.key }) {
            registryKeys.append(kind.key)
        }
        #expect(s.agentSections.map(\.key) == registryKeys)
        let depositors = try #require(s.agentSections.first { $0.key == Depositors.key })
        #expect(depositors.config(as: Depositors.self)?.count == 321)
        #expect(depositors.config(as: Borrowers.self) == nil)
        #expect(depositors.agentCount == 321)
        let liquidators = try #require(s.agentSections.first { $0.key == Liquidators.key })
        #expect(liquidators.config(as: Liquidators.self)?.budgetPerTick == 12345)
    }

    @Test func onlyTheDepositorPhaseAsksForTheSolvencyMargin() throws {
        let s = try TestSupport.scenario(ticks: 50)
        let readers = s.agentSections.filter(\.readsSolvencyMargin).map(\.key)
        #expect(readers == [Depositors.key])
    }

    @Test func theAgentCountIsTheSumOfTheBuiltPopulations() throws {
        let s = try TestSupport.scenario(ticks: 50)
        let (_, populations) = try Engine(scenario: s).build(seed: 1, replicate: 0)
        #expect(populations.reduce(0) { $0 + $1.count } == s.agentCount)
        // Building twice from the same decoded scenario gives the same world (no state is carried over).
        let (w1, _) = try Engine(scenario: s).build(seed: 1, replicate: 4)
        let (w2, _) = try Engine(scenario: s).build(seed: 1, replicate: 4)
        #expect(w1.initialDeposits == w2.initialDeposits && w1.state == w2.state)
    }
}
