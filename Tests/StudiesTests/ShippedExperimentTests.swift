import BallastTestSupport
import Foundation
import Simulation
import Testing

@testable import Studies

/// Every scenario and study shipped in `experiments/` loads with the current validation: an example
/// that no longer loads is a broken promise in a README.
@Suite("Shipped experiments load")
struct ShippedExperimentTests {
    static let root = BallastBinary.repositoryRoot

    static var files: [String] {
        let experiments = root.appendingPathComponent("experiments")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: experiments.path)) ?? []
        return folders.sorted().flatMap { folder -> [String] in
            let dir = experiments.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0).path }
        }
    }

    @Test func thereAreExperimentsToCheck() {
        #expect(Self.files.count >= 6)
    }

    @Test(arguments: files)
    func loads(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        if text.contains("\nobjective:") {
            // An optimisation study (`ballast optimize`): its bounds are checked against the scenario.
            let spec = try OptimizeSpec.load(path: path)
            #expect(!spec.parameters.isEmpty)
        } else if text.contains("\nscenario:") || text.hasPrefix("scenario:") {
            let spec = try StudySpec.load(path: path)
            let scenarios = try StudyRunner(spec: spec, workers: 1).scenarios(for: spec.points())
            #expect(!scenarios.isEmpty)
        } else if text.contains("\nkind: stress") || text.contains("\nkind: policy") {
            // A stress or policy fragment (experiments/stresses, experiments/policies): StressEffectTests
            // apply each to a scenario; here it must at least read.
            _ = try StressFragment.load(path: path)
        } else if text.contains("\ndiamond_dybvig:") || text.hasPrefix("diamond_dybvig:") {
            _ = try DiamondDybvigFile.load(path: path)
        } else {
            _ = try Scenario.load(path: path)
        }
    }
}
