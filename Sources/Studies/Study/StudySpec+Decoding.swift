import Foundation
import ScenarioSchema
import Stochastics

extension StudySpec {
    /// Reads a study file. Relative scenario paths are resolved from the study file's folder.
    public static func load(path: String, overrides: [String] = []) throws(ConfigError) -> StudySpec {
        var doc = try ConfigDocument.load(path: path)
        for o in overrides { try doc.applyOverride(o) }
        return try decode(doc, folder: (path as NSString).deletingLastPathComponent)
    }

    /// Decodes a parsed study document (from `ConfigDocument.load` or `ConfigDocument.parse`).
    /// A relative scenario path is resolved from `folder` (used as written when `folder` is empty);
    /// the default study name is the last path component of `doc.file` without its extension.
    public static func decode(_ doc: ConfigDocument, folder: String) throws(ConfigError) -> StudySpec {
        let path = doc.file
        let r = try ConfigReader(doc.root)
        let scenarioPath = try StudyFileKeys.scenarioPath(r, folder: folder)
        let design = try r.string("design", default: "grid", oneOf: Design.allCases.map(\.rawValue))
        var parameters: [Parameter] = []
        for node in try r.list("parameters") {
            parameters.append(try decodeParameter(node, grid: design == "grid", design: design))
        }
        guard !parameters.isEmpty else { throw r.error("parameters", "expected at least one parameter") }
        let fixed = try StudyFileKeys.overrides(r)
        var adaptive: Adaptive?
        if let a = try r.optionalChild("adaptive") {
            adaptive = Adaptive(
                targetHalfWidth: try a.double("target_half_width", .open(0, 0.5)),
                maxReplicates: try a.count(
                    "max_replicates", atLeast: 1, atMost: maxReplicatesPerPoint,
                    bytesEach: 48, noun: "replicates"),
                batch: try a.int("batch", default: 50, .integerAtLeast(1)))
        }
        let name = try r.string(
            "name", default: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        if let problem = Self.badName(name) { throw r.error("name", problem) }
        let description = r.has("description") ? try r.string("description") : ""
        if let problem = Self.badDescription(description, given: r.has("description")) {
            throw r.error("description", problem)
        }
        var spec = StudySpec(
            name: name,
            scenarioPath: scenarioPath, seed: UInt64(try r.int("seed", default: 1, .integerAtLeast(0))),
            fixedOverrides: fixed, parameters: parameters, design: Design(rawValue: design) ?? .grid,
            designPoints: try r.count(
                "points", default: 16, atLeast: 1, atMost: maxPoints, bytesEach: 64, noun: "points"),
            replicates: try r.count(
                "replicates", atLeast: 1, atMost: maxReplicatesPerPoint, bytesEach: 48,
                noun: "replicates"),
            adaptive: adaptive,
            confidence: try r.double("confidence", default: 0.95, .unitOpen),
            hash: doc.contentHash(ignoringTopLevelKeys: ["description"]), sourcePath: path)
        spec.description = description
        if r.has("outcomes") {
            spec.outcomes = []
            for node in try r.list("outcomes") {
                guard let name = node.scalarText, StudyReport.knownOutcomes.contains(name) else {
                    throw ConfigError.semantic(
                        node,
                        "expected one of \(StudyReport.knownOutcomes.joined(separator: ", ")), got \(node.foundDescription)"
                    )
                }
                spec.outcomes.append(name)
            }
        }
        if let adaptive, adaptive.maxReplicates < spec.replicates {
            throw r.error(
                "adaptive",
                "expected adaptive.max_replicates >= replicates (\(spec.replicates)), got \(adaptive.maxReplicates)")
        }
        try r.finish()
        do { try spec.checkSize() } catch {
            throw r.error(spec.design == .grid ? "parameters" : "points", error.message)
        }
        return spec
    }

    /// Why `name` cannot name the study's folder under `out/`, or nil: it becomes a path component,
    /// so `../x` or `a/b` would write outside `out/`.
    static func badName(_ name: String) -> String? {
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard !name.isEmpty, allowed, !name.hasPrefix("."), name.count <= 100 else {
            return
                "expected a folder name of letters, digits, '-', '_' and '.' (not starting with '.', at most 100 characters), "
                + "got \"\(ConfigNode.echo(name))\""
        }
        return nil
    }

    /// Why `text` cannot be a study's `description` (its question, shown in its report), or nil.
    /// Any text is shown as text; only blank and overlong descriptions are refused.
    static func badDescription(_ text: String, given: Bool) -> String? {
        guard given else { return nil }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "expected the study's question as text, got \"\(ConfigNode.echo(text))\""
        }
        if text.count > maxDescriptionLength {
            return "expected at most \(maxDescriptionLength) characters, got \(text.count) characters"
        }
        return nil
    }

    static func decodeParameter(_ node: ConfigNode, grid: Bool, design: String) throws(ConfigError) -> Parameter {
        let p = try ConfigReader(node)
        let key = try p.string("key")
        var param = Parameter(key: key, levels: [], lower: 0, upper: 0, logScale: false)
        if p.has("values") && !grid {
            // A space-filling design draws its points from a range; listed values would be silently replaced.
            throw p.error(
                "values",
                "expected `range` or `log_range` for a \(design) design (it draws points in a range), "
                    + "got `values`; use design: grid to run listed values")
        }
        if p.has("values") {
            param.levels = try p.doubles("values")
            param.lower = param.levels.min() ?? 0
            param.upper = param.levels.max() ?? 0
        } else if let range = try p.has("range") ? p.optionalChild("range") : p.optionalChild("log_range") {
            param.logScale = !p.has("range")
            param.lower = try range.double("from", param.logScale ? .positive : .any)
            param.upper = try range.double("to", param.logScale ? .positive : .any)
            let steps = try range.count(
                "steps", default: 5, atLeast: 1, atMost: maxPoints, bytesEach: 64, noun: "steps")
            do {
                param.levels =
                    param.logScale
                    ? try FullGrid.logarithmic(from: param.lower, to: param.upper, steps: steps)
                    : try FullGrid.linear(from: param.lower, to: param.upper, steps: steps)
            } catch {
                throw ConfigError.semantic(node, error.description)
            }
        } else {
            throw ConfigError.semantic(node, "expected `values`, `range` or `log_range` for parameter \(key)")
        }
        guard !param.levels.isEmpty else { throw ConfigError.semantic(node, "expected at least one value for \(key)") }
        try p.finish()
        return param
    }
}

extension ConfigReader {
    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError.semantic(node(key) ?? mappingNode, message)
    }
}
