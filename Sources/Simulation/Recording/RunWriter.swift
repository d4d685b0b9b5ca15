import Foundation

/// Writes one replicate's files: `series.csv`, `outcome.json`, `manifest.json`, and `assets.csv` for a
/// multi-asset run.
///
/// Each file is written to a temporary name in the same folder and renamed into place,
/// so a reader never sees a half-written result, even if the process is killed.
public enum RunWriter {
    /// Ballast's version, recorded in every manifest.
    public static let version = "0.1.0"

    public struct Manifest: Codable, Sendable {
        public var ballastVersion: String
        public var scenario: String
        public var scenarioHash: String
        public var seed: UInt64
        public var replicate: UInt64
        public var overrides: [String]
        public var gitCommit: String?
        public var agents: Int
        public var ticks: Int

        enum CodingKeys: String, CodingKey {
            case ballastVersion = "ballast_version"
            case scenario
            case scenarioHash = "scenario_hash"
            case seed, replicate, overrides
            case gitCommit = "git_commit"
            case agents, ticks
        }
    }

    /// Writes the run folder as one set: the three files go into a hidden staging folder beside
    /// `directory`, which is then renamed into place, so a reader sees all three files or none.
    /// An earlier run folder at `directory` is replaced; any other folder there is refused.
    ///
    /// - Throws: ``OutputError`` (one line, naming the path and the reason) and
    ///   ``RunError/nonFinite(tick:column:value:)`` before anything is written.
    public static func write(
        _ result: RunResult, scenario: Scenario, seed: UInt64, replicate: UInt64,
        to directory: URL
    ) throws {
        if let bad = result.outcome.firstNonFinite() {
            throw RunError.nonFinite(tick: scenario.ticks - 1, column: "outcome." + bad.field, value: bad.value)
        }
        var csv = SeriesRow.csvHeader + "\n"
        csv.reserveCapacity(result.series.count * 160)
        for row in result.series {
            if let bad = row.firstNonFinite() {
                throw RunError.nonFinite(tick: row.tick, column: bad.column, value: bad.value)
            }
            csv += row.csvLine + "\n"
        }
        let manifest = Manifest(
            ballastVersion: version, scenario: scenario.sourcePath, scenarioHash: scenario.contentHash,
            seed: seed, replicate: replicate, overrides: scenario.overrides,
            gitCommit: gitCommit(near: scenario.sourcePath), agents: scenario.agentCount,
            ticks: scenario.ticks)
        var files = [
            ("series.csv", Data(csv.utf8)), ("outcome.json", try encode(result.outcome)),
            ("manifest.json", try encode(manifest)),
        ]
        if !result.assets.isEmpty {
            var assets = AssetRow.csvHeader + "\n"
            for row in result.assets { assets += row.csvLine + "\n" }
            files.append(("assets.csv", Data(assets.utf8)))
        }
        if !result.markets.isEmpty {
            var markets = MarketRow.csvHeader + "\n"
            for row in result.markets { markets += row.csvLine + "\n" }
            files.append(("markets.csv", Data(markets.utf8)))
        }
        if !result.treasury.isEmpty {
            var rows = TreasuryRow.csvHeader + "\n"
            for row in result.treasury { rows += row.csvLine + "\n" }
            files.append(("treasury.csv", Data(rows.utf8)))
        }
        if !result.incentives.isEmpty {
            var rows = IncentiveRow.csvHeader(locks: result.incentives[0].hasLocks) + "\n"
            for row in result.incentives { rows += row.csvLine + "\n" }
            files.append(("incentives.csv", Data(rows.utf8)))
        }
        if !result.stabilityPool.isEmpty {
            var rows = StabilityPoolRow.csvHeader + "\n"
            for row in result.stabilityPool { rows += row.csvLine + "\n" }
            files.append(("stability_pool.csv", Data(rows.utf8)))
        }
        if !result.policies.isEmpty {
            var rows = PolicyRow.csvHeader(result.policyColumns) + "\n"
            for row in result.policies { rows += row.csvLine + "\n" }
            files.append(("policies.csv", Data(rows.utf8)))
        }
        try OutputFolder.install(files, at: directory)
    }

    /// Checks, before any work, that a run folder can be written at `directory`.
    public static func checkDestination(_ directory: URL) throws(OutputError) {
        try OutputFolder.checkReplaceable(directory)
    }

    /// Sorted keys and a fixed layout: the same result always gives the same bytes.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try e.encode(value)
        data.append(0x0A)
        return data
    }

    /// Writes `data` to a temporary name beside `url`, then renames it into place.
    public static func atomicWrite(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do { try data.write(to: tmp) } catch { throw OutputError(path: tmp.path, reason: OutputError.reason(error)) }
        // rename(2) replaces the target atomically.
        guard rename(tmp.path, url.path) == 0 else {
            let reason = OutputError.errnoText()
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(path: url.path, reason: reason)
        }
    }

    /// The commit of the git checkout holding `path` (with `-dirty` for uncommitted changes), when there is one.
    static func gitCommit(near path: String) -> String? {
        GitCommit.describe(near: path)
    }
}
