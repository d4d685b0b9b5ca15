import Foundation
import GRDB

extension ResultStore {
    /// Writes the tidy CSV: one row per point × replicate, ordered by point then replicate.
    /// Columns: `point`, `replicate`, the parameters in study order, then the outcome columns in
    /// `Outcome.CodingKeys` order. Numbers use Swift's shortest round-trip `description`, so
    /// identical stores give byte-identical files. Written atomically (see `AtomicFile`).
    public func exportTidyCSV(to url: URL) throws {
        try AtomicFile.write(try tidyCSV(), to: url)
    }

    /// The CSV text of `exportTidyCSV`, read in one transaction so it is a consistent snapshot.
    func tidyCSV() throws -> String {
        let (points, rows) = try Self.wrap {
            try queue.read { db in (try Self.readPoints(db), try OutcomeRows.fetch(db)) }
        }
        let header = ["point", "replicate"] + manifest.parameterNames + OutcomeColumn.allCases.map(\.rawValue)
        var text = header.map(Self.csvEscaped).joined(separator: ",") + "\n"
        text.reserveCapacity(rows.count * 24 * (header.count + 1))
        // Both lists are ordered by point; walk them together.
        var p = 0
        for row in rows {
            while p < points.count && points[p].index < row.key.point { p += 1 }
            guard p < points.count && points[p].index == row.key.point else {
                throw StoreError.database("outcome row for missing point \(row.key.point)")
            }
            text += "\(row.key.point),\(row.key.replicate)"
            for value in points[p].values { text += "," + value.description }
            for column in OutcomeColumn.allCases { text += "," + column.csvField(of: row.outcome) }
            text += "\n"
        }
        return text
    }

    /// RFC 4180 quoting, needed only for parameter names holding a comma, quote or line break.
    static func csvEscaped(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
