import Foundation
import Testing

@testable import Reports
@testable import Studies

@Suite("Study report")
struct StudyReportTests {
    /// `data-column="c" data-value="v">text<` for each cell of the table with `id`.
    static func cells(_ html: String, table id: String) throws -> [[(column: String, value: String, text: String)]] {
        let start = try #require(html.range(of: "<table id=\"\(id)\">"))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let body = String(html[start.upperBound..<end.lowerBound])
        let rowRegex = try NSRegularExpression(pattern: "<tr>(.*?)</tr>")
        let cellRegex = try NSRegularExpression(pattern: #"data-column="([^"]*)" data-value="([^"]*)">([^<]*)<"#)
        return rowRegex.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap { row in
            let text = String(body[Range(row.range(at: 1), in: body)!])
            let cells = cellRegex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
                (
                    String(text[Range(m.range(at: 1), in: text)!]), String(text[Range(m.range(at: 2), in: text)!]),
                    String(text[Range(m.range(at: 3), in: text)!])
                )
            }
            return cells.isEmpty ? nil : cells
        }
    }

    @Test func theEstimatesTableHoldsEstimatesCSV() throws {
        let folder = try ReportFixtures.studyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try String(contentsOf: try ReportFile.write(for: folder), encoding: .utf8)
        let csv = try String(contentsOf: folder.appendingPathComponent("estimates.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = csv[0]
        let rows = try Self.cells(html, table: "estimates-table")
        #expect(rows.count == csv.count - 1 && rows.count == 4)
        var checked = 0
        for (shown, fields) in zip(rows, csv.dropFirst()) {
            for cell in shown {
                let i = try #require(header.firstIndex(of: cell.column), "column \(cell.column)")
                #expect(cell.value == fields[i], "\(cell.column)")
                checked += 1
            }
        }
        #expect(checked == 4 * (2 + 14))
        // A shown number is the CSV's, rounded: P(run) to three decimals.
        let p = try #require(rows[0].first { $0.column == "p_run" })
        #expect(p.text == String(format: "%.3f", try #require(Double(p.value))))
        #expect(try Self.cells(html, table: "differences-table").count == 2)
    }

    @Test func warningsNameWideIntervalsAndMissingReplicates() throws {
        let folder = try ReportFixtures.studyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = StudySpec.grid(
            scenarioPath: "experiments/reference/reference.yaml",
            parameters: [.init(key: "reserve", levels: [0.1, 0.3]), .init(key: "shock", levels: [0.2, 0.4])],
            replicates: 10, seed: 7, overrides: [])
        try StudyRecord(spec: spec, points: 4, gitCommit: nil).write(to: folder)
        let page = try StudyPage.make(directory: folder, halfWidth: 0.1)
        let warnings = try #require(page.sections.first { $0.anchor == "warnings" })
        guard case let .list(items, true) = warnings.blocks[0] else {
            Issue.record("no warning list")
            return
        }
        #expect(items.count == 2)
        #expect(
            items[0].hasPrefix(
                "4 of 4 point(s) have a P(run) interval wider than ±0.100, at (reserve, shock) = (0.1, 0.2) ±"))
        #expect(items[1].hasPrefix("4 point(s) have fewer replicates than the 10 planned"))
    }

    @Test func pointsAtTheAdaptiveCapAreNamed() throws {
        let folder = try ReportFixtures.studyFolder(replicates: 8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = StudySpec.grid(
            scenarioPath: "experiments/reference/reference.yaml",
            parameters: [.init(key: "reserve", levels: [0.1, 0.3]), .init(key: "shock", levels: [0.2, 0.4])],
            replicates: 4, seed: 7, overrides: [])
        spec.adaptive = .init(targetHalfWidth: 0.2, maxReplicates: 8, batch: 4)
        try StudyRecord(spec: spec, points: 4, gitCommit: "abc").write(to: folder)
        let page = try StudyPage.make(directory: folder)
        let warnings = try #require(page.sections.first { $0.anchor == "warnings" })
        guard case let .list(items, true) = warnings.blocks[0] else {
            Issue.record("no warning list")
            return
        }
        // n = 8 gives Wilson half-widths near 0.3 at every point: all four stopped at the cap, above the target
        // (which is also the stated width).
        #expect(items.count == 2)
        #expect(
            items[0].hasPrefix(
                "4 point(s) reached the adaptive cap of 8 replicates with the P(run) half-width still above the target 0.200"
            ))
        #expect(items[1].hasPrefix("4 of 4 point(s) have a P(run) interval wider than ±0.200"))
    }

    @Test func aFolderWithoutAStoreIsReportedFromItsCSVs() throws {
        let folder = try ReportFixtures.studyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent(ResultStore.fileName))
        let html = try String(contentsOf: try ReportFile.write(for: folder), encoding: .utf8)
        #expect(try Self.cells(html, table: "estimates-table").count == 4)
        #expect(html.contains("not recorded (the store, results.sqlite, is not in this folder)"))
    }
}

@Suite("Study record")
struct StudyRecordTests {
    @Test func aRecordRoundTripsThroughStudyJSON() throws {
        let folder = ReportFixtures.temporaryFolder("record")
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = StudySpec.grid(
            scenarioPath: "experiments/reference/reference.yaml",
            parameters: [.init(key: "market.shock.size", levels: [0.1, 0.5])], replicates: 20, seed: 3,
            overrides: ["lending.loan_fraction=auto"])
        spec.description = "Does it <run>?"
        spec.adaptive = .init(targetHalfWidth: 0.03, maxReplicates: 200, batch: 20)
        let record = StudyRecord(spec: spec, points: 2, gitCommit: "abc-dirty")
        try record.write(to: folder)
        #expect(try StudyRecord.read(from: folder) == record)
        let json = try String(contentsOf: folder.appendingPathComponent(StudyRecord.fileName), encoding: .utf8)
        #expect(json.contains(#""target_half_width" : 0.03"#) && json.contains(#""git_commit" : "abc-dirty""#))
        #expect(try StudyRecord.read(from: folder.appendingPathComponent("none")) == nil)
    }
}
