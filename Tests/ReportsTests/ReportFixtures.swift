import Foundation
import Simulation
import Studies

/// Study folders built in code: a store with a few points and replicates, exported as the CLI does.
enum ReportFixtures {
    static func temporaryFolder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ballast-report-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A two-parameter study folder with `results.sqlite`, `estimates.csv` and `differences.csv`.
    /// `name` and `parameters` go into the store unchecked, as a hand-made store could hold them.
    static func studyFolder(
        name: String = "toy", parameters: [String] = ["reserve", "shock"],
        replicates: Int = 8
    ) throws -> URL {
        let folder = temporaryFolder("study")
        let manifest = StudyManifest(
            studyName: name, studyHash: "feedface", ballastVersion: "0.1.0",
            scenarioPath: "experiments/reference/reference.yaml", seed: 7,
            parameterNames: parameters, replicatesPerPoint: replicates,
            command: "ballast sweep toy.yaml --out \(folder.path)")
        let store = try ResultStore(directory: folder, manifest: manifest)
        let values: [[Double]] = [[0.1, 0.2], [0.1, 0.4], [0.3, 0.2], [0.3, 0.4]]
        try store.registerPoints(
            values.enumerated().map {
                StudyPoint(index: $0.offset, values: $0.element, scenarioHash: "hash\($0.offset)")
            })
        var rows: [(key: ReplicateKey, outcome: Outcome)] = []
        for p in values.indices {
            for r in 0..<replicates {
                var o = Outcome()
                o.run = (p + r) % 3 == 0
                o.runTick = o.run ? 200 + r : nil
                o.badDebtUSD = Double(p * 1_000_000 + r * 12_345)
                o.liquidatedUSD = Double(p + 1) * 3_000_000 + Double(r) * 777.5
                o.minAMMPrice = 1_400 - Double(p * 10 + r)
                o.minExternalPrice = 1_390
                o.worstTheta = -0.1
                rows.append((ReplicateKey(point: p, replicate: r), o))
            }
        }
        try store.record(rows)
        try StudyReport(store: store).write(to: folder, store: store)
        return folder
    }
}
