import BallastTestSupport
import Foundation
import ScenarioSchema
import Simulation
import Testing

@testable import Studies

/// Every file in `Fixtures/BadStudies` states on its first line the one-line error it must produce
/// (`# expect: FILE:LINE: key.path: …`): loading the study and its points' scenarios must fail so,
/// before any replicate runs.
@Suite("Bad study corpus")
struct BadStudyCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/BadStudies")

    static var files: [URL] { ExpectationCorpus.files(in: directory) }

    @Test func theCorpusHasItsFiles() {
        #expect(Self.files.count >= 15)
    }

    @Test(arguments: files)
    func eachFileFailsWithItsStatedError(_ file: URL) throws {
        let expected = try #require(
            try ExpectationCorpus.expectation(of: file), "\(file.lastPathComponent) lacks an expectation line")
        do {
            let spec = try StudySpec.load(path: file.path)
            _ = try StudyRunner(spec: spec, workers: 1).scenarios(for: spec.points())
            Issue.record("\(file.lastPathComponent) loaded without error")
        } catch {
            let got = ExpectationCorpus.reported(error, relativeTo: Self.directory)
            #expect(got == expected)
            #expect(!got.contains("\n") && got.utf8.count <= 500, "one line of at most 500 bytes")
        }
    }
}
