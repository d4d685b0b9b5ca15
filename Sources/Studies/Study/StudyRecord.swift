import Foundation
import Simulation

/// What a study asked for, kept beside its results as `study.json`: the design, the replicates and
/// adaptive rule, the fixed overrides, the question in words and the git commit it ran at. The
/// store holds the outcomes; this file lets a report show the design without the study file.
public struct StudyRecord: Codable, Sendable, Equatable {
    /// The file's name in a study folder.
    public static let fileName = "study.json"

    /// One varied key: its grid levels, or the range a space-filling design draws from.
    public struct Parameter: Codable, Sendable, Equatable {
        public var key: String
        public var levels: [Double]
        public var lower: Double
        public var upper: Double
        public var logScale: Bool

        enum CodingKeys: String, CodingKey {
            case key, levels, lower, upper
            case logScale = "log_scale"
        }
    }

    /// The adaptive rule: grow a point in batches until the Wilson half-width is at most the target.
    public struct Adaptive: Codable, Sendable, Equatable {
        public var targetHalfWidth: Double
        public var maxReplicates: Int
        public var batch: Int

        enum CodingKeys: String, CodingKey {
            case targetHalfWidth = "target_half_width"
            case maxReplicates = "max_replicates"
            case batch
        }
    }

    public var name: String
    /// The study's question (empty when the study file gives none).
    public var description: String
    /// The study file (or, for `ballast curve`, the scenario file) as given.
    public var sourcePath: String
    public var scenarioPath: String
    public var hash: String
    public var seed: UInt64
    /// `grid`, `sobol`, `halton` or `latin_hypercube`.
    public var design: String
    public var points: Int
    public var parameters: [Parameter]
    /// Replicates per point (the first batch, when adaptive).
    public var replicates: Int
    public var adaptive: Adaptive?
    public var confidence: Double
    /// Overrides applied at every point.
    public var overrides: [String]
    /// The commit of the checkout the study ran from, with `-dirty` for uncommitted changes.
    public var gitCommit: String?

    /// Snake case, like the study file's keys and a run's manifest.
    enum CodingKeys: String, CodingKey {
        case name, description
        case sourcePath = "source_path"
        case scenarioPath = "scenario_path"
        case hash, seed, design, points
        case parameters, replicates, adaptive, confidence, overrides
        case gitCommit = "git_commit"
    }

    /// The record of `spec`, whose design has `points` points.
    public init(spec: StudySpec, points: Int, gitCommit: String?) {
        name = spec.name
        description = spec.description
        sourcePath = spec.sourcePath
        scenarioPath = spec.scenarioPath
        hash = spec.hash
        seed = spec.seed
        design = spec.design.rawValue
        self.points = points
        parameters = spec.parameters.map {
            Parameter(key: $0.key, levels: $0.levels, lower: $0.lower, upper: $0.upper, logScale: $0.logScale)
        }
        replicates = spec.replicates
        adaptive = spec.adaptive.map {
            Adaptive(targetHalfWidth: $0.targetHalfWidth, maxReplicates: $0.maxReplicates, batch: $0.batch)
        }
        confidence = spec.confidence
        overrides = spec.fixedOverrides
        self.gitCommit = gitCommit
    }

    /// Writes `study.json` into `directory`, atomically.
    public func write(to directory: URL) throws {
        let data = try RunWriter.encode(self)
        try AtomicFile.write(String(decoding: data, as: UTF8.self), to: directory.appendingPathComponent(Self.fileName))
    }

    /// The record in `directory`, or nil when there is none.
    /// - Throws: ``StoreError`` when the file exists but cannot be read as a record.
    public static func read(from directory: URL) throws -> StudyRecord? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(StudyRecord.self, from: data)
        } catch {
            throw StoreError.database("\(url.path) is not a study record: \(error.localizedDescription)")
        }
    }
}
