import Foundation
import ScenarioSchema
import Stochastics

/// A study: a scenario, the parameters to vary, the design, and how many replicates.
public struct StudySpec: Sendable {
    /// One varied scenario key and its levels (for a grid) or range (for space-filling designs).
    public struct Parameter: Sendable, Equatable {
        public var key: String
        /// Grid levels. Space-filling designs use `lower`…`upper` instead.
        public var levels: [Double]
        public var lower: Double
        public var upper: Double
        public var logScale: Bool

        /// A grid parameter with these levels.
        public init(key: String, levels: [Double]) {
            self.key = key
            self.levels = levels
            lower = levels.min() ?? 0
            upper = levels.max() ?? 0
            logScale = false
        }

        init(key: String, levels: [Double], lower: Double, upper: Double, logScale: Bool) {
            self.key = key
            self.levels = levels
            self.lower = lower
            self.upper = upper
            self.logScale = logScale
        }
    }

    /// A one-line grid study of a scenario (what `ballast curve` runs). Its identity hash
    /// covers everything that changes results.
    public static func grid(
        scenarioPath: String, parameters: [Parameter], replicates: Int, seed: UInt64,
        overrides: [String], name: String = "curve"
    ) -> StudySpec {
        let identity =
            ([scenarioPath, "\(replicates)", "\(seed)"] + overrides
            + parameters.map { "\($0.key)=\($0.levels.map { format($0) }.joined(separator: ","))" }).joined(
                separator: "|")
        return StudySpec(
            name: name, scenarioPath: scenarioPath, seed: seed, fixedOverrides: overrides, parameters: parameters,
            design: .grid, designPoints: 0, replicates: replicates, adaptive: nil, confidence: 0.95,
            hash: String(stableHash(identity), radix: 16), sourcePath: scenarioPath)
    }

    /// How the points are laid out.
    public enum Design: String, Sendable, CaseIterable {
        case grid, sobol, halton
        case latinHypercube = "latin_hypercube"
    }

    /// Add replicates until the Wilson half-width of P(run) is at most `targetHalfWidth`, or `maxReplicates`.
    public struct Adaptive: Sendable, Equatable {
        public var targetHalfWidth: Double
        public var maxReplicates: Int
        public var batch: Int
    }

    public var name: String
    /// The question the study answers, in words (`description` in the study file; empty when absent).
    /// Documentation only: it is not part of ``hash``, so describing a study does not orphan its results.
    public var description: String = ""
    /// The longest `description` a study file may give.
    public static let maxDescriptionLength = 2_000
    public var scenarioPath: String
    public var seed: UInt64
    /// Overrides applied at every point before the varied keys.
    public var fixedOverrides: [String]
    public var parameters: [Parameter]
    public var design: Design
    /// Points for space-filling designs.
    public var designPoints: Int
    /// Replicates per point (the first batch, when adaptive).
    public var replicates: Int
    public var adaptive: Adaptive?
    public var confidence: Double
    /// The outcomes the terminal summary reports (every estimate is always in `estimates.csv`).
    public var outcomes: [String] = StudyReport.defaultOutcomes
    /// Content hash of the study file (after overrides, without `description`): the result store's identity.
    public var hash: String
    public var sourcePath: String

    /// The most points a study may have, and replicates per point (and in all: ``maxReplicates``).
    /// Planning keeps every (point, replicate) key in memory; beyond these, split the study.
    public static let maxPoints = 1_000_000
    public static let maxReplicatesPerPoint = 10_000_000
    public static let maxReplicates = 100_000_000

    /// Refuses a study whose points or replicates would not fit in memory, saying how much it would need.
    public func checkSize() throws(SizeError) {
        let points = design == .grid ? parameters.reduce(1.0) { $0 * Double($1.levels.count) } : Double(designPoints)
        guard points <= Double(Self.maxPoints) else {
            throw SizeError(
                message: "the design has \(ValueRange.describe(points)) points; at most \(Self.maxPoints) are allowed "
                    + "(planning them would need about \(ByteCount.text(points * 64 * Double(max(1, parameters.count)))))"
            )
        }
        let perPoint = Double(adaptive?.maxReplicates ?? replicates)
        let total = points * perPoint
        guard total <= Double(Self.maxReplicates) else {
            throw SizeError(
                message: "\(ValueRange.describe(points)) points × \(ValueRange.describe(perPoint)) replicates = "
                    + "\(ValueRange.describe(total)) replicates; at most \(Self.maxReplicates) are allowed in one study "
                    + "(planning them would need about \(ByteCount.text(total * 48))); split it into several studies")
        }
    }

    /// A study too large to plan.
    public struct SizeError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Categorical points (a stress matrix's cells): point i runs with `cellOverrides[i]` after the fixed
    /// overrides, and the single parameter `cell` is only its index. Empty for numeric designs.
    public var cellOverrides: [[String]] = []

    /// The `--set` overrides for a point.
    public func overrides(for point: StudyPoint) -> [String] {
        if !cellOverrides.isEmpty, let v = point.values.first, let i = Int(exactly: v),
            cellOverrides.indices.contains(i)
        {
            return fixedOverrides + cellOverrides[i]
        }
        return fixedOverrides + zip(parameters, point.values).map { "\($0.key)=\(Self.format($1))" }
    }

    /// Shortest round-trip text, so the same value always gives the same override and hash.
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    /// The study's points, in a fixed order.
    public func points() throws(ConfigError) -> [StudyPoint] {
        let raw: [[Double]]
        do {
            switch design {
            case .grid:
                raw = try FullGrid.points(levels: parameters.map(\.levels))
            case .sobol, .halton:
                let q = try QuasiRandomSequence(design == .sobol ? .sobol : .halton, dimension: parameters.count)
                raw = q.points(designPoints).map(scale)
            case .latinHypercube:
                var rng = RandomStream(seed: seed, population: "study", purpose: "latin-hypercube")
                raw = try LatinHypercube.points(count: designPoints, dimension: parameters.count, rng: &rng).map(scale)
            }
        } catch {
            throw ConfigError(file: sourcePath, line: nil, keyPath: "design", message: error.description)
        }
        return raw.enumerated().map { StudyPoint(index: $0.offset, values: $0.element) }
    }

    private func scale(_ unit: [Double]) -> [Double] {
        zip(parameters, unit).map { p, u in
            p.logScale ? exp(log(p.lower) + u * (log(p.upper) - log(p.lower))) : p.lower + u * (p.upper - p.lower)
        }
    }
}
