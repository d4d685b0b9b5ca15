import Foundation
import ScenarioSchema

/// Expands a scenario's `policies:` and `stresses:` lists into the document (policies first, then
/// stresses, each list in order), removing both keys, before the scenario is decoded.
public enum ScenarioOverlays {
    /// The top-level keys that name fragments, in the order they are applied.
    public static let keys = ["policies", "stresses"]

    /// Applies every fragment the document names, then removes the lists.
    /// - Parameters:
    ///   - doc: The scenario document.
    ///   - directory: The scenario's folder: relative fragment paths and the search for names start there.
    public static func expand(_ doc: inout ConfigDocument, directory: String) throws(ConfigError) {
        for key in keys {
            guard let list = doc.removeTopLevel(key) else { continue }
            let items: [ConfigNode]
            switch list.value {
            case let .sequence(nodes): items = nodes
            case .null: items = []
            default:
                throw ConfigError.semantic(
                    list,
                    "expected a list of \(key == "stresses" ? "stress" : "policy") names, files or "
                        + "{name: …, parameter: value} mappings, got \(list.foundDescription)")
            }
            for item in items {
                let (reference, values) = try parse(item, list: key)
                let path = try resolve(reference, list: key, directory: directory, at: item)
                let fragment = try StressFragment.load(path: path)
                try fragment.apply(to: &doc, values: values, at: item)
            }
        }
    }

    /// A list element: `name`, `path.yaml`, or `{name: …, p: v, …}` (or `file:` instead of `name:`).
    static func parse(_ item: ConfigNode, list: String) throws(ConfigError) -> (String, [String: String]) {
        switch item.value {
        case let .scalar(text) where !text.isEmpty:
            return (text, [:])
        case let .mapping(entries):
            var reference: String?
            var values: [String: String] = [:]
            for e in entries {
                guard let text = e.node.scalarText else {
                    throw ConfigError.semantic(e.node, "expected a scalar, got \(e.node.foundDescription)")
                }
                if e.key == "name" || e.key == "file" { reference = text } else { values[e.key] = text }
            }
            guard let reference else {
                throw ConfigError.semantic(item, "expected a name: (or file:) key naming the fragment, got none")
            }
            return (reference, values)
        default:
            throw ConfigError.semantic(
                item, "expected a fragment name, a file, or a {name: …} mapping, got \(item.foundDescription)")
        }
    }

    /// The file a reference names: a path when it ends in `.yaml` or holds a `/`, else a name searched
    /// for in ``StressFragment/searchFolders(list:scenarioDirectory:)``.
    static func resolve(
        _ reference: String, list: String, directory: String, at node: ConfigNode
    ) throws(ConfigError) -> String {
        let fm = FileManager.default
        if reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/") {
            let candidates =
                reference.hasPrefix("/") ? [reference] : [directory + "/" + reference, reference]
            if let hit = candidates.first(where: { fm.fileExists(atPath: $0) }) { return hit }
            throw ConfigError.semantic(node, "\(list): file not found: \(ConfigNode.echo(reference))")
        }
        let folders = StressFragment.searchFolders(list: list, scenarioDirectory: directory)
        for folder in folders where fm.fileExists(atPath: folder + "/" + reference + ".yaml") {
            return folder + "/" + reference + ".yaml"
        }
        let known = Set(
            folders.flatMap { f in
                ((try? fm.contentsOfDirectory(atPath: f)) ?? []).filter { $0.hasSuffix(".yaml") }.map {
                    String($0.dropLast(5))
                }
            }
        ).sorted()
        var message = "unknown \(list == "stresses" ? "stress" : "policy") \(ConfigNode.echo(reference)) (known: "
        message += known.isEmpty ? "none found in a stresses/ folder" : known.joined(separator: ", ")
        if let guess = Suggestion.closest(to: reference, among: known) { message += "; did you mean \(guess)?" }
        throw ConfigError.semantic(node, message + ")")
    }
}
