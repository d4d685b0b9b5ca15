import Foundation
import ScenarioSchema

/// The keys every study-like file shares (`ballast sweep` studies and `ballast optimize` studies): the
/// scenario it runs and the overrides fixed for every point, read one way for both.
enum StudyFileKeys {
    /// `scenario`, resolved from the study file's `folder` (used as written when absolute or `folder` is
    /// empty); the file must exist.
    static func scenarioPath(_ r: ConfigReader, folder: String) throws(ConfigError) -> String {
        let scenario = try r.string("scenario")
        let scenarioPath = scenario.hasPrefix("/") || folder.isEmpty ? scenario : folder + "/" + scenario
        guard FileManager.default.fileExists(atPath: scenarioPath) else {
            throw r.error(
                "scenario", "expected an existing scenario file, got \"\(scenario)\" (looked for \(scenarioPath))")
        }
        return scenarioPath
    }

    /// `overrides`: an optional list of `key=value` texts, applied at every point.
    static func overrides(_ r: ConfigReader) throws(ConfigError) -> [String] {
        guard r.has("overrides") else { return [] }
        var fixed: [String] = []
        for node in try r.list("overrides") {
            guard let text = node.scalarText, text.contains("=") else {
                throw ConfigError.semantic(node, "expected key=value, got \(node.foundDescription)")
            }
            fixed.append(text)
        }
        return fixed
    }
}
