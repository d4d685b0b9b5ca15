import Foundation

/// The optimisation's store: every evaluation (point, replicates, which replicates ran and, when the objective
/// measures them, what each replicate's incentive programme cost and its final withdrawn fraction) appended
/// to `evaluations.log` as it finishes, so a killed search re-run with the same study replays
/// them without running anything and continues where it stopped.
///
/// The first line is the study's hash: a folder written for another study is refused. A line cut
/// short by a kill is dropped when the journal is opened, so appends always start on a new line.
/// Points are written with Swift's shortest round-trip formatting, so a replayed point is the
/// same `Double` bit for bit.
public final class OptimizeJournal: @unchecked Sendable {
    /// One stored evaluation: replicate r ran iff `runs[r]`, and cost its incentive programme `costs[r]` USD.
    public struct Entry: Sendable, Equatable {
        /// The point.
        public var point: [Double]
        /// Per replicate 0 … n − 1: whether it ended in a run.
        public var runs: [Bool]
        /// Per replicate: the incentive programme's cost at market value (USD); empty when the study does
        /// not measure it.
        public var costs: [Double]
        /// Per replicate: the final withdrawn fraction; empty unless the objective is smoothed.
        public var withdrawn: [Double]

        /// An evaluation at `point` with its replicates' run flags, measured costs and withdrawn fractions.
        public init(point: [Double], runs: [Bool], costs: [Double] = [], withdrawn: [Double] = []) {
            self.point = point
            self.runs = runs
            self.costs = costs
            self.withdrawn = withdrawn
        }

        /// The mean measured cost (0 without one).
        public var meanCost: Double { costs.isEmpty ? 0 : costs.reduce(0, +) / Double(costs.count) }
    }

    /// Opening a journal written for another study.
    public struct Mismatch: Error, CustomStringConvertible, Sendable {
        /// What differs.
        public var description: String
    }

    let url: URL
    let lock = NSLock()
    var entries: [String: Entry] = [:]

    /// The number of stored evaluations.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    /// Opens (or creates) the journal in `folder` for the study with hash `hash`.
    public init(folder: URL, hash: String) throws {
        url = folder.appendingPathComponent("evaluations.log")
        let header = "ballast-optimize \(hash)"
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            try AtomicFile.write(header + "\n", to: url)
            return
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == header else {
            throw Mismatch(
                description: "\(url.path) was written for another study (its first line is not \"\(header)\"): "
                    + "use another --out folder")
        }
        // Without a final newline the last line was cut by a kill: drop it.
        if lines.last != "" { lines.removeLast() }
        var kept = [header]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let e = Self.parse(line) else { continue }
            entries[Self.key(e.point, e.runs.count)] = e
            kept.append(line)
        }
        try AtomicFile.write(kept.joined(separator: "\n") + "\n", to: url)
    }

    /// The stored evaluation at `point` with `replicates`, if any.
    public func entry(_ point: [Double], replicates: Int) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[Self.key(point, replicates)]
    }

    /// Appends an evaluation and flushes it to disk before returning.
    public func append(_ e: Entry) throws {
        lock.lock()
        defer { lock.unlock() }
        let point: String = e.point.map { "\($0)" }.joined(separator: ",")
        let flags = String(e.runs.map { $0 ? "1" : "0" })
        let costs: String = e.costs.isEmpty ? "" : " " + e.costs.map { "\($0)" }.joined(separator: ",")
        // Withdrawn fractions carry a prefix, so a line with them and no costs reads unambiguously.
        let withdrawn: String = e.withdrawn.isEmpty ? "" : " w=" + e.withdrawn.map { "\($0)" }.joined(separator: ",")
        let line = "\(e.runs.count) \(point) \(flags)\(costs)\(withdrawn)\n"
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.synchronize()
        entries[Self.key(e.point, e.runs.count)] = e
    }

    static func key(_ point: [Double], _ n: Int) -> String {
        "\(n) " + point.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
    }

    static func parse(_ line: String) -> Entry? {
        let f = line.split(separator: " ")
        guard (3...5).contains(f.count), let n = Int(f[0]), f[2].count == n,
            f[2].allSatisfy({ $0 == "0" || $0 == "1" })
        else {
            return nil
        }
        let point = f[1].split(separator: ",").compactMap { Double($0) }
        guard point.count == f[1].split(separator: ",").count, !point.isEmpty else { return nil }
        var costs: [Double] = []
        var withdrawn: [Double] = []
        for field in f.dropFirst(3) {
            let isWithdrawn = field.hasPrefix("w=")
            guard isWithdrawn ? withdrawn.isEmpty : (costs.isEmpty && withdrawn.isEmpty) else { return nil }
            let values = field.dropFirst(isWithdrawn ? 2 : 0).split(separator: ",").compactMap { Double($0) }
            guard values.count == n else { return nil }
            if isWithdrawn { withdrawn = values } else { costs = values }
        }
        return Entry(point: point, runs: f[2].map { $0 == "1" }, costs: costs, withdrawn: withdrawn)
    }
}
