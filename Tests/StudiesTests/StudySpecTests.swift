import Foundation
import ScenarioSchema
import Testing

@testable import Studies

@Suite("Study files")
struct StudySpecTests {
    static func write(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-spec-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let ref = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("experiments/reference/reference.yaml").path
        let url = dir.appendingPathComponent("study-\(abs(text.hashValue)).yaml")
        try text.replacingOccurrences(of: "REF", with: ref).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func gridPointsAndOverrides() throws {
        let s = try StudySpec.load(
            path: Self.write(
                """
                scenario: REF
                parameters:
                  - {key: lending.reserve_fraction, values: [0.1, 0.3]}
                  - {key: market.shock.size, range: {from: 0.1, to: 0.5, steps: 3}}
                replicates: 10
                """))
        let points = try s.points()
        #expect(points.map(\.values) == [[0.1, 0.1], [0.1, 0.3], [0.1, 0.5], [0.3, 0.1], [0.3, 0.3], [0.3, 0.5]])
        #expect(s.overrides(for: points[1]) == ["lending.reserve_fraction=0.1", "market.shock.size=0.3"])
    }

    @Test func spaceFillingDesignsStayInRange() throws {
        for design in ["sobol", "halton", "latin_hypercube"] {
            let s = try StudySpec.load(
                path: Self.write(
                    """
                    scenario: REF
                    design: \(design)
                    points: 8
                    parameters:
                      - {key: market.shock.size, range: {from: 0.1, to: 0.5}}
                      - {key: depositors.attention, log_range: {from: 0.01, to: 1}}
                    replicates: 5
                    """))
            let pts = try s.points()
            #expect(pts.count == 8)
            #expect(pts.allSatisfy { (0.1...0.5).contains($0.values[0]) && (0.01...1).contains($0.values[1]) })
        }
    }

    @Test func badStudyFilesNameTheKey() throws {
        #expect(throws: (any Error).self) {
            try StudySpec.load(path: Self.write("scenario: REF\nparameters: []\nreplicates: 5\n"))
        }
        #expect(throws: (any Error).self) {
            try StudySpec.load(
                path: Self.write("scenario: nope.yaml\nparameters: [{key: a, values: [1]}]\nreplicates: 5\n"))
        }
        do {
            _ = try StudySpec.load(
                path: Self.write(
                    """
                    scenario: REF
                    parameters: [{key: market.shock.size, values: [0.1]}]
                    replicates: 50
                    adaptive: {target_half_width: 0.05, max_replicates: 10}
                    """))
            Issue.record("accepted a cap below the first batch")
        } catch {
            #expect("\(error)".contains("adaptive: expected adaptive.max_replicates >= replicates (50), got 10"))
        }
    }

    @Test func decodingTextMatchesLoadingTheFile() throws {
        let text = """
            scenario: REF
            parameters: [{key: market.shock.size, values: [0.1, 0.2]}]
            replicates: 5
            """
        let path = try Self.write(text)
        let folder = (path as NSString).deletingLastPathComponent
        let ref = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
            .dropFirst("scenario: ".count)
        let document = try ConfigDocument.parse(text.replacingOccurrences(of: "REF", with: String(ref)), file: path)
        let decoded = try StudySpec.decode(document, folder: folder)
        let loaded = try StudySpec.load(path: path)
        #expect(
            decoded.name == loaded.name && decoded.scenarioPath == loaded.scenarioPath && decoded.hash == loaded.hash)
        #expect(
            decoded.parameters == loaded.parameters && decoded.replicates == loaded.replicates
                && decoded.sourcePath == loaded.sourcePath)
        // A relative scenario path is resolved from `folder`.
        let relative = try ConfigDocument.parse(
            "scenario: \((path as NSString).lastPathComponent)\n"
                + "parameters: [{key: a, values: [1]}]\nreplicates: 1\n", file: "inline.yaml")
        let spec = try StudySpec.decode(relative, folder: folder)
        #expect(spec.scenarioPath == path && spec.name == "inline" && spec.sourcePath == "inline.yaml")
    }

    @Test func aMultiLineValueGivesAOneLineError() throws {
        // Found by the fuzzer (Fuzz/Regressions/study/multi-line-root-scalar.yaml).
        let path = try Self.write("\"scenario:\\nstudy\"\n")
        do throws(ConfigError) {
            _ = try StudySpec.load(path: path)
            Issue.record("accepted a scalar study")
        } catch {
            #expect(error.description == "\(path):1: expected a mapping, got \"scenario:\\nstudy\"")
        }
    }

    @Test func outcomesToReportAreValidatedAndShapeTheSummary() throws {
        let s = try StudySpec.load(
            path: Self.write(
                """
                scenario: REF
                parameters: [{key: market.shock.size, values: [0.3]}]
                replicates: 5
                outcomes: [run, liquidated_usd]
                """))
        #expect(s.outcomes == ["run", "liquidated_usd"])
        #expect(throws: (any Error).self) {
            try StudySpec.load(
                path: Self.write(
                    """
                    scenario: REF
                    parameters: [{key: market.shock.size, values: [0.3]}]
                    replicates: 5
                    outcomes: [run, profit]
                    """))
        }
    }

    @Test func aDescriptionIsReadAndLeavesTheStudyHashAlone() throws {
        let body = """
            name: described
            scenario: REF
            parameters:
              - {key: market.shock.size, values: [0.2, 0.3]}
            replicates: 10
            """
        let plain = try StudySpec.load(path: Self.write(body))
        let question = "Does a 5% fee stop a run <before> tick 300? \"Yes\" & why"
        let described = try StudySpec.load(
            path: Self.write(body + "\ndescription: '\(question.replacingOccurrences(of: "'", with: "''"))'\n"))
        #expect(plain.description.isEmpty)
        #expect(described.description == question)
        #expect(described.hash == plain.hash)
        // Any other change still changes the hash.
        let other = try StudySpec.load(
            path: Self.write(body.replacingOccurrences(of: "replicates: 10", with: "replicates: 11")))
        #expect(other.hash != plain.hash)
    }

}
