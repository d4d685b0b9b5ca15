import BallastTestSupport
import Foundation
import ScenarioSchema
import Testing

@testable import Simulation

/// Every file in `Fixtures/BadScenarios` states, on its first line, the exact error it must
/// produce (`# expect: FILE:LINE: key.path: …`). Loading it must fail with that text.
@Suite("Bad scenario corpus")
struct BadScenarioTests {
    static let directory = TestSupport.root.appendingPathComponent("Tests/SimulationTests/Fixtures/BadScenarios")

    static var files: [URL] { ExpectationCorpus.files(in: directory) }

    @Test func theCorpusHasAtLeastFiftyFiles() {
        #expect(Self.files.count >= 50)
    }

    @Test(arguments: files)
    func eachFileFailsWithItsStatedError(_ file: URL) throws {
        let expected = try #require(
            try ExpectationCorpus.expectation(of: file), "\(file.lastPathComponent) lacks an expectation line")
        do {
            _ = try Scenario.load(path: file.path)
            Issue.record("\(file.lastPathComponent) loaded without error")
        } catch {
            let got = ExpectationCorpus.reported(error, relativeTo: Self.directory)
            #expect(got == expected)
            #expect(!got.contains("\n") && got.utf8.count <= 500, "one line of at most 500 bytes")
        }
    }

    @Test func theTinyGoodScenarioLoadsAndRuns() async throws {
        let path = TestSupport.root.appendingPathComponent("Tests/SimulationTests/Fixtures/good-tiny.yaml").path
        let s = try Scenario.load(path: path)
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        #expect(r.series.count == 50 && s.agentCount == 200 + 50 + 5 + 2 + 2)
    }

    @Test func badOverridesAreRefusedWithTheirLocation() {
        #expect(throws: ConfigError.self) { try TestSupport.scenario(["depositors.attention=2"]) }
        #expect(throws: ConfigError.self) { try TestSupport.scenario(["depositors.atention=0.2"]) }
        do {
            _ = try TestSupport.scenario(["market.sigma=-1"])
        } catch {
            #expect("\(error)" == "--set market.sigma=-1: market.sigma: expected a finite number in [0, 1], got -1")
        }
    }
}
