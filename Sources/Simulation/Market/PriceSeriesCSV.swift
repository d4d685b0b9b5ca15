import Foundation

/// Reads one price column from a CSV file whose first line is a header
/// (`timestamp,open,high,low,close,...`), one row per tick.
///
/// Plain comma-separated fields only (no quoting), which is the format of the files in `data/`.
/// Blank lines are skipped; `\r\n` line ends are accepted. Every error names the file, the 1-based
/// line (the header is line 1) and the column.
enum PriceSeriesCSV {
    static func read(file: String, column: String) throws(MarketError) -> [Double] {
        try parse(try text(file: file), file: file, column: column)
    }

    /// The whole file as UTF-8 text.
    static func text(file: String) throws(MarketError) -> String {
        guard FileManager.default.fileExists(atPath: file) else {
            throw .unreadableFile(file: file, reason: "no such file")
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreadableFile(file: file, reason: "not readable as UTF-8 text (\(error.localizedDescription))")
        }
        return text
    }

    static func parse(_ text: String, file: String, column: String) throws(MarketError) -> [Double] {
        var columnIndex: Int?
        var timeIndex: Int?
        var previousTime: (text: Substring, line: Int)?
        var headerCount = 0
        var headerLine = 0
        var prices: [Double] = []
        var lineNumber = 0
        // Swift reads "\r\n" as one Character, which `isNewline` matches like "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let index = columnIndex else {
                let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                guard let found = names.firstIndex(of: column) else {
                    throw .badCSV(
                        file: file, line: lineNumber, column: column,
                        problem: "no such column in the header (it has: \(names.joined(separator: ", ")))")
                }
                columnIndex = found
                timeIndex = names.firstIndex { ["timestamp", "date", "time"].contains($0.lowercased()) }
                headerCount = names.count
                headerLine = lineNumber
                continue
            }
            guard index < fields.count else {
                throw .badCSV(
                    file: file, line: lineNumber, column: column,
                    problem: "the row has \(fields.count) fields but the header has \(headerCount)")
            }
            if let t = timeIndex, t < fields.count {
                let stamp = fields[t].trimmingCharacters(in: .whitespaces)[...]
                if let previous = previousTime, !Self.isLater(stamp, than: previous.text) {
                    let problem = stamp == previous.text ? "a duplicated timestamp" : "a timestamp out of order"
                    throw .badCSV(
                        file: file, line: lineNumber, column: "timestamp",
                        problem: "\(problem): '\(stamp)' is not after line \(previous.line)'s '\(previous.text)' "
                            + "(rows must be sorted by time, one per tick)")
                }
                previousTime = (stamp, lineNumber)
            }
            let cell = fields[index].trimmingCharacters(in: .whitespaces)
            guard Self.isDecimal(cell), let value = Double(cell) else {
                throw .badCSV(file: file, line: lineNumber, column: column, problem: "not a number: '\(cell)'")
            }
            guard value.isFinite, value > 0 else {
                throw .badCSV(
                    file: file, line: lineNumber, column: column,
                    problem: "a price must be a finite number > 0, got \(cell)")
            }
            prices.append(value)
        }
        guard columnIndex != nil else {
            throw .badCSV(file: file, line: 1, column: column, problem: "the file is empty (expected a header line)")
        }
        guard !prices.isEmpty else {
            throw .badCSV(
                file: file, line: headerLine + 1, column: column, problem: "the file has a header but no data rows")
        }
        return prices
    }

    /// Plain decimal notation only (`2000`, `0.5`, `1.2e3`): Swift's `Double("0x7D0")` would
    /// read hexadecimal as 2000, and "nan"/"inf" are not prices.
    static func isDecimal(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
            && text.contains(where: \.isNumber)
    }

    /// Numeric timestamps compare as numbers, text ones (ISO-8601) as text.
    static func isLater(_ a: Substring, than b: Substring) -> Bool {
        if let x = Double(a), let y = Double(b), isDecimal(String(a)), isDecimal(String(b)) { return x > y }
        return a > b
    }
}

/// Reads price columns for several replayed assets, each file once however many of its columns are
/// replayed (for example the ETH and BTC closes of one CSV).
struct PriceSeriesFiles {
    private var texts: [String: String] = [:]

    /// `column` of `file`, parsed from the cached text (read on the first request for `file`).
    mutating func series(file: String, column: String) throws(MarketError) -> [Double] {
        if texts[file] == nil { texts[file] = try PriceSeriesCSV.text(file: file) }
        return try PriceSeriesCSV.parse(texts[file] ?? "", file: file, column: column)
    }
}
