import Foundation

/// A CSV file as Ballast writes it (`estimates.csv`, `differences.csv`, `series.csv`): a header
/// line and rows of plain fields, no quoting. Fields keep their exact text.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [[String]]

    /// Parses `text`; `name` is used in errors.
    init(text: String, name: String) throws(ReportError) {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw ReportError("\(name) is empty") }
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows: [[String]] = []
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw ReportError("\(name): line \(i + 2) has \(fields.count) fields; the header has \(header.count)")
            }
            rows.append(fields)
        }
        self.rows = rows
    }

    /// Reads the file at `url`, or nil when it does not exist.
    static func read(_ url: URL) throws(ReportError) -> CSVTable? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try CSVTable(text: String(decoding: data, as: UTF8.self), name: url.path)
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The number in `row` under `name`, or nil when the column is absent or the field is not a number.
    func number(_ row: [String], _ name: String) -> Double? {
        column(name).flatMap { Double(row[$0]) }
    }
}
