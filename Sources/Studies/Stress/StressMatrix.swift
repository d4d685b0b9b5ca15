import Foundation
import Stochastics

/// The matrix of policies × stresses that `ballast stress` runs: one study point per cell, each the
/// scenario with one policy fragment (or none: the `baseline` column) and one stress fragment (or none:
/// the `none` row).
///
/// A cell runs the scenario with `--set policies=[…]` and `--set stresses=[…]`, so the fragments
/// replace any `policies:` or `stresses:` list the scenario has. Replicate r of every cell uses the
/// same random streams (common random numbers), so the cells differ by their fragments, not by noise.
public struct StressMatrix: Sendable, Equatable {
    /// The column labels: `baseline` (the scenario as written), then the policy names.
    public var policies: [String]
    /// The row labels: `none` (the scenario as written), then the stresses.
    public var stresses: [String]
    /// The policy references (files or names; nil for the baseline), aligned with ``policies``.
    public var policyReferences: [String?]
    /// The stress references (nil for `none`), aligned with ``stresses``.
    public var stressReferences: [String?]

    /// A matrix of `stresses` (with a `none` row first) against `policies` (with a `baseline` column first).
    /// - Parameters:
    ///   - stresses: Stress names or files, each optionally with parameters written `name:key=value:…`.
    ///   - policies: Policy files or names.
    public init(stresses: [String], policies: [String]) {
        self.stresses = ["none"] + stresses
        stressReferences = [nil] + stresses.map { Optional($0) }
        self.policies = ["baseline"] + policies.map(Self.label)
        policyReferences = [nil] + policies.map { Optional($0) }
    }

    /// A short label: the file name without folder and `.yaml`.
    static func label(_ reference: String) -> String {
        var name = (reference as NSString).lastPathComponent
        if name.hasSuffix(".yaml") { name = String(name.dropLast(5)) }
        return name
    }

    /// The cells in point order: row by row (stress), policies within a row.
    public var cells: [(stress: Int, policy: Int)] {
        stresses.indices.flatMap { s in policies.indices.map { (s, $0) } }
    }

    /// The `--set` overrides of each cell, in point order.
    public var cellOverrides: [[String]] {
        cells.map { cell in
            [
                "policies=[" + (policyReferences[cell.policy].map(Self.flow) ?? "") + "]",
                "stresses=[" + (stressReferences[cell.stress].map(Self.flow) ?? "") + "]",
            ]
        }
    }

    /// `name:key=value:key=value` as a YAML flow element: `name` alone, or `{name: n, key: value}`.
    public static func flow(_ reference: String) -> String {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let name = parts[0].contains("/") || parts[0].hasSuffix(".yaml") ? "file" : "name"
        guard parts.count > 1 else { return "{\(name): \"\(parts[0])\"}" }
        var entries = ["\(name): \"\(parts[0])\""]
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
            entries.append(kv.count == 2 ? "\(kv[0]): \(kv[1])" : p)
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    /// The study of the matrix: one categorical point per cell, `replicates` each, from `seed`.
    /// Its hash covers the scenario, the cells, the replicates and the seed, so a resume with another
    /// matrix is refused.
    public func spec(scenarioPath: String, replicates: Int, seed: UInt64, overrides: [String]) -> StudySpec {
        let levels = cells.indices.map(Double.init)
        var spec = StudySpec.grid(
            scenarioPath: scenarioPath, parameters: [.init(key: "cell", levels: levels)], replicates: replicates,
            seed: seed, overrides: overrides, name: "stress")
        spec.cellOverrides = cellOverrides
        let identity = [spec.hash] + cellOverrides.map { $0.joined(separator: ";") }
        spec.hash = String(stableHash(identity.joined(separator: "|")), radix: 16)
        return spec
    }
}
