import Agents
import Foundation
import Stochastics
import Testing

@testable import ProtocolModel
@testable import Simulation

/// The depositors' memory layout (issue 15: at most 64 bytes per depositor at a million): a heuristic depositor
/// is a 24-byte ``Depositors/Agent`` and nothing else; the game strategies keep their part in a parallel array
/// of ``Depositors/Player``, and give the bytes they gave when those fields sat in the agent.
@Suite("Depositor layout")
struct DepositorLayoutTests {
    static func path(_ file: String) -> String { TestSupport.root.appendingPathComponent(file).path }
    static let globalGames = path("experiments/global-games/global-games.yaml")
    static let balanceSheet = path("experiments/balance-sheet-game/balance-sheet.yaml")

    @Test func aHeuristicDepositorIs24Bytes() {
        #expect(MemoryLayout<Depositors.Agent>.stride == 24)
        #expect(MemoryLayout<Depositors.Player>.stride == 24)
    }

    @Test func onlyGameStrategiesHavePlayers() async throws {
        for (file, overrides, hasPlayers) in [
            (TestSupport.reference, ["depositors.count=1000"], false),
            (TestSupport.reference, ["depositors.count=1000", "depositors.attention_sampling=binomial"], false),
            (Self.globalGames, ["depositors.count=1000"], true),
            (Self.balanceSheet, ["depositors.count=1000"], true),
        ] {
            let (_, populations) = try Engine(scenario: try Scenario.load(path: file, overrides: overrides))
                .build(seed: 1, replicate: 0)
            var shards = 0
            for case let shard as DepositorShard in populations {
                shards += 1
                let players = await shard.players.count
                #expect(players == (hasPlayers ? await shard.agents.count : 0), "\(file) \(overrides)")
            }
            #expect(shards > 0)
        }
    }

    /// Depositors hold only a USD supply claim: the debt table, the debtor flags and the LP shares start after
    /// them, so a depositor costs its agent, its balances and its row of supply claims, and nothing else.
    @Test func depositorsTakeNoRowInTheTablesTheyNeverHold() throws {
        let count = 1_000
        let (world, _) = try Engine(scenario: try TestSupport.scenario(ticks: 10, ["depositors.count=\(count)"]))
            .build(seed: 1, replicate: 0)
        let pool = world.state.lending
        #expect(pool.scaledSupply.start == 0)
        #expect(pool.scaledDebt.start >= count && pool.scaledDebt.start < pool.userCount)
        #expect(pool.isDebtor.start >= count)
        #expect(world.state.amms.allSatisfy { $0.shares.start >= count })
    }

    /// Outcome and series hashes of the game strategies, pinned from the commit before the game fields left
    /// the agent (c643faa, `ballast run` with these overrides): the side array must change no byte.
    static let pins: [(file: String, replicate: UInt64, overrides: [String], outcome: String, series: String)] = [
        (globalGames, 0, [], "100225252892f2fa", "9e87a49e007a11d"),
        (globalGames, 0, ["depositors.strategy=quantal"], "83ab5347306b492c", "b5004de82c725cbd"),
        (globalGames, 1, ["depositors.strategy=level_k"], "ca809ee38ca13378", "4c03c4a266bd36f8"),
        (
            globalGames, 0, ["depositors.strategy=fictitious_play", "depositors.game.episode=3"], "6d0f4e614dd49804",
            "ede0aa61f10592e7"
        ),
        (globalGames, 2, ["depositors.game.fundamental=prior"], "a57bf7bd3ee8c780", "82ce9be5ebe92884"),
        (balanceSheet, 0, ["ticks=250", "depositors.count=2000"], "3e904c7efe46fdff", "e494a024b42f9c06"),
        (
            balanceSheet, 1,
            [
                "ticks=250", "depositors.count=2000",
                "depositors.mix=[{share: 0.3, response: herding}, {share: 0.2, response: quantal, rationality: 20}]",
            ], "7acdd17ad37fd56c", "a0edcd74c86079f7"
        ),
    ]

    @Test func gameStrategiesKeepTheirBytes() async throws {
        for pin in Self.pins {
            let s = try Scenario.load(path: pin.file, overrides: pin.overrides)
            let r = try await Engine(scenario: s, workers: 2).run(seed: s.seed, replicate: pin.replicate)
            let outcome = PinnedOutcomeTests.hex(try RunWriter.encode(r.outcome))
            let series = PinnedOutcomeTests.hex(Data(TestSupport.csv(r).utf8))
            #expect(outcome == pin.outcome, "\(pin.overrides): outcome.json hash")
            #expect(series == pin.series, "\(pin.overrides): series hash")
        }
    }
}
