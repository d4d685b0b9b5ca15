import Foundation
import Simulation
import Stochastics
import Testing

@testable import Studies

/// Small studies on the reference model (short horizon), run in-process.
@Suite("Study runner")
struct StudyRunnerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let scenario = root.appendingPathComponent("experiments/reference/reference.yaml").path

    static func spec(replicates: Int = 6) -> StudySpec {
        StudySpec.grid(
            scenarioPath: scenario, parameters: [StudySpec.Parameter(key: "market.shock.size", levels: [0.2, 0.5])],
            replicates: replicates, seed: 3, overrides: ["ticks=230", "depositors.count=2000"], name: "runner-test")
    }

    static func run(_ spec: StudySpec, workers: Int, in dir: URL) async throws -> String {
        let store = try ResultStore(
            directory: dir,
            manifest: StudyManifest(
                studyName: spec.name, studyHash: spec.hash, ballastVersion: "test", scenarioPath: spec.scenarioPath,
                seed: spec.seed,
                parameterNames: spec.parameters.map(\.key),
                replicatesPerPoint: spec.adaptive?.maxReplicates ?? spec.replicates, command: "test"))
        _ = try await StudyRunner(spec: spec, workers: workers, flushEvery: 2).run(store: store)
        return try StudyReport(store: store).csv
    }

    static func tempDir(_ name: String) -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-study-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: d)
        return d
    }

    @Test func oneWorkerAndTwoGiveIdenticalEstimates() async throws {
        let a = try await Self.run(Self.spec(), workers: 1, in: Self.tempDir("w1"))
        let b = try await Self.run(Self.spec(), workers: 2, in: Self.tempDir("w2"))
        #expect(a == b)
        #expect(a.split(separator: "\n").count == 3)
    }

    @Test func commonRandomNumbersMakeTheShockTheOnlyDifference() async throws {
        // Same replicate at both points: identical until the shock at tick 200.
        let s = Self.spec()
        let points = try s.points()
        let scenarios = try StudyRunner(spec: s, workers: 1).scenarios(for: points)
        let low = try await Engine(scenario: scenarios[0]).run(seed: s.seed, replicate: 4)
        let high = try await Engine(scenario: scenarios[1]).run(seed: s.seed, replicate: 4)
        #expect(Array(low.series[..<200]) == Array(high.series[..<200]))
        #expect(low.series[200] != high.series[200])
    }

    @Test func aStoppedStudyResumesWithoutDuplicates() async throws {
        let dir = Self.tempDir("resume")
        let spec = Self.spec(replicates: 8)
        let manifest = StudyManifest(
            studyName: spec.name, studyHash: spec.hash, ballastVersion: "test", scenarioPath: spec.scenarioPath,
            seed: spec.seed, parameterNames: ["market.shock.size"], replicatesPerPoint: 8, command: "test")
        let stop = StopSignal()
        stop.stop()
        // Stopped before launching anything: nothing is stored, and the call says it did not finish.
        #expect(
            try await StudyRunner(spec: spec, workers: 2).run(
                store: ResultStore(directory: dir, manifest: manifest), stop: stop) == false)
        let full = try await Self.run(spec, workers: 2, in: dir)
        let store = try ResultStore(directory: dir, manifest: manifest)
        #expect(try store.replicateCount() == 16)
        #expect(full == (try await Self.run(spec, workers: 1, in: Self.tempDir("resume-ref"))))
    }

    @Test func adaptiveReplicatesStopAtTheTargetWidthOrTheCap() async throws {
        var spec = Self.spec(replicates: 4)
        spec.adaptive = StudySpec.Adaptive(targetHalfWidth: 0.2, maxReplicates: 24, batch: 4)
        let dir = Self.tempDir("adaptive")
        _ = try await Self.run(spec, workers: 2, in: dir)
        let store = try ResultStore.open(directory: dir)
        for p in 0..<2 {
            let o = try store.outcomes(point: p)
            let ci = try ProportionInterval.wilson(successes: o.filter(\.run).count, trials: o.count)
            #expect(ci.halfWidth <= 0.2 || o.count == 24, "point \(p): n = \(o.count), half-width \(ci.halfWidth)")
            #expect(o.count % 4 == 0 && o.count >= 4)
        }
    }
}
