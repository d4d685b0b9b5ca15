import Agents
import BallastTestSupport
import Foundation
import Games
import Stochastics
import Testing

@testable import Simulation

/// The `morris_shin` depositor strategy in the engine, and the Diamond–Dybvig game files.
@Suite("Game-theoretic depositors")
struct GameStrategyTests {
    static let globalGames = TestSupport.root.appendingPathComponent("experiments/global-games/global-games.yaml").path

    /// The experiment's scenario, smaller: 2,000 depositors in 2 shards.
    static func scenario(_ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(path: globalGames, overrides: ["depositors.count=2000", "depositors.shards=2"] + overrides)
    }

    @Test func simulatedRunFrequencyMatchesTheClosedForm() async throws {
        let s = try Self.scenario()
        let game = try #require(s.agentSections.first?.config(as: Depositors.self)?.game)
        let n = 300
        var runs = 0
        for r in 0..<n {
            if try await Engine(scenario: s).run(seed: 1, replicate: UInt64(r), recordSeries: false).outcome.run {
                runs += 1
            }
        }
        let p = game.played.runProbability
        let pHat = Double(runs) / Double(n)
        // Four standard errors: a false alarm about once in 16,000 runs of the suite.
        #expect(abs(pHat - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "simulated \(pHat), closed form \(p)")
    }

    @Test func theLiquidityRatioDecidesTheRunAgainstTheThreshold() async throws {
        // θ = the opening reserve fraction; with precise signals the regime fails iff θ < θ* (≈ 0.70 here).
        let base = ["depositors.game.fundamental=reserve", "depositors.game.signal_precision=10000"]
        let low = try await Engine(scenario: Self.scenario(base + ["lending.reserve_fraction=0.6"])).run(
            seed: 1, replicate: 0)
        let high = try await Engine(scenario: Self.scenario(base + ["lending.reserve_fraction=0.8"])).run(
            seed: 1, replicate: 0)
        #expect(low.outcome.run && low.outcome.finalWithdrawnFraction > 0.99)
        #expect(!high.outcome.run && high.outcome.finalWithdrawnFraction < 0.01)
    }

    @Test func noDeviationGainsBeyondMonteCarloError() async throws {
        let check = try BestResponseCheck(try Self.scenario(["depositors.count=400", "depositors.shards=1"]))
        let x = check.game.played.signal
        let gains = try await check.gains([x - 0.3, x - 0.1, x - 0.03, x + 0.03, x + 0.1, x + 0.3], replicates: 200)
        for g in gains {
            #expect(g.mean <= 3 * g.standardError, "deviating to \(g.threshold) gains \(g.mean) ± \(g.standardError)")
        }
        // The check has power: far deviations lose, clearly.
        #expect(gains[0].mean < -3 * gains[0].standardError && gains[5].mean < -3 * gains[5].standardError)
    }

    /// The depositor strategies left the default rule alone: the committed reference run is reproduced byte for byte.
    @Test func theReferenceRunIsUnchanged() async throws {
        let s = try Scenario.load(path: TestSupport.reference)
        let r = try await Engine(scenario: s, workers: 2).run(seed: 1, replicate: 5)
        let committed = try String(
            contentsOf: TestSupport.root.appendingPathComponent("experiments/reference/run/series.csv"),
            encoding: .utf8)
        let csv = SeriesRow.csvHeader + "\n" + r.series.map { $0.csvLine + "\n" }.joined()
        #expect(csv == committed)
    }

    static let badGames = TestSupport.root.appendingPathComponent("Tests/SimulationTests/Fixtures/BadGames")

    @Test(arguments: ExpectationCorpus.files(in: badGames))
    func eachBadGameFileFailsWithItsStatedError(_ file: URL) throws {
        let expected = try #require(try ExpectationCorpus.expectation(of: file))
        do {
            _ = try DiamondDybvigFile.load(path: file.path)
            Issue.record("\(file.lastPathComponent) loaded without error")
        } catch {
            #expect(ExpectationCorpus.reported(error, relativeTo: Self.badGames) == expected)
        }
    }

    @Test func theTextbookGameFileGivesTheTextbookContract() throws {
        let path = TestSupport.root.appendingPathComponent("experiments/diamond-dybvig/textbook.yaml").path
        let file = try DiamondDybvigFile.load(path: path)
        let c = try file.game.optimalContract()
        #expect(abs(c.c1 - 1.2815) < 1e-4 && abs(c.c2 - 1.8123) < 1e-4)
        let gated = try DiamondDybvigFile.load(path: path, overrides: ["diamond_dybvig.gate=0.25"])
        #expect(gated.game.equilibria(c, gate: gated.gate).map(\.kind) == [.noRun])
        #expect(file.game.equilibria(c, gate: file.gate).map(\.kind) == [.noRun, .run])
    }
}
