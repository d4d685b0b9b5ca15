import BallastTestSupport
import Foundation
import Simulation
import Testing

@testable import Reports

@Suite("Report file")
struct ReportFileTests {
    @Test func aReportReplacesTheOldOneWholeAndLeavesNoTemporaryFile() throws {
        let folder = try ReportFixtures.studyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent(ReportFile.fileName)
        try "old".write(to: report, atomically: false, encoding: .utf8)
        try ReportFile.write(for: folder)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func aReportThatCannotBeBuiltLeavesTheOldOneUntouched() throws {
        let folder = try ReportFixtures.studyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("results.sqlite"))
        try "a,b\n1,2,3\n".write(to: folder.appendingPathComponent("estimates.csv"), atomically: true, encoding: .utf8)
        let report = folder.appendingPathComponent(ReportFile.fileName)
        try "old report".write(to: report, atomically: false, encoding: .utf8)
        #expect(throws: ReportError.self) { try ReportFile.write(for: folder) }
        #expect(try String(contentsOf: report, encoding: .utf8) == "old report")
    }

    @Test func aFolderThatIsNeitherARunNorAStudyIsRefused() throws {
        let folder = ReportFixtures.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ReportFile.kind(of: folder) == nil)
        #expect(throws: ReportError.self) { try ReportFile.write(for: folder) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(ReportFile.fileName).path))
    }

    @Test func theCommittedReferenceRunHasAReportWithItsFigureAndALMMetrics() throws {
        let run = BallastBinary.repositoryRoot.appendingPathComponent("experiments/reference/run")
        let page = try RunPage.make(directory: run)
        let html = try page.html()
        #expect(html.contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"figure-1-caption figure-1-alt\""))
        #expect(html.contains("<dt>Liquidity coverage (LCR)</dt>") && html.contains("<dt>Solvency margin θ</dt>"))
        #expect(html.contains("<dt>Utilisation</dt>") && html.contains("<dt>Highest utilisation</dt>"))
        #expect(!html.contains("not in series.csv"))
        #expect(html.contains("<dd>294</dd>"))  // the worst tick of that run
    }
}
