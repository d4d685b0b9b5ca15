import BallastTestSupport
import Foundation
import ScenarioSchema
import Testing

@testable import Studies

/// Every file in `Fixtures/BadOptimizations` states on its first line the one-line error it must
/// produce (`# expect: FILE:LINE: key.path: …`): loading the optimisation study, which checks each
/// bound against the scenario, must fail so before any replicate runs.
@Suite("Bad optimisation corpus")
struct BadOptimizationCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/BadOptimizations")

    static var files: [URL] { ExpectationCorpus.files(in: directory) }

    @Test func theCorpusHasItsFiles() {
        #expect(Self.files.count == 16)
    }

    @Test(arguments: files)
    func eachFileFailsWithItsStatedError(_ file: URL) throws {
        let expected = try #require(
            try ExpectationCorpus.expectation(of: file), "\(file.lastPathComponent) lacks an expectation line")
        do {
            _ = try OptimizeSpec.load(path: file.path)
            Issue.record("\(file.lastPathComponent) loaded without error")
        } catch {
            let got = ExpectationCorpus.reported(error, relativeTo: Self.directory)
            #expect(got == expected)
            #expect(!got.contains("\n") && got.utf8.count <= 500, "one line of at most 500 bytes")
        }
    }
}
