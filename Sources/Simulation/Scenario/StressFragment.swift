import Agents
import Foundation
import ScenarioSchema

/// A named, parameterised overlay of a scenario: a stress (`experiments/stresses/NAME.yaml`) or a
/// policy (a YAML file of scenario keys a protocol can choose).
///
/// A fragment file has `name`, `kind` (`stress` or `policy`), an optional `description`, `parameters`
/// (each with its default value) and the overlay itself: `overlay` (for any scenario), `single_asset`
/// (for a `market` with one asset) and `multi_asset` (for a `market` with `assets`). Each overlay maps
/// key paths to values (see `ConfigDocument.applyOverlay`), with `${…}` parameter references (see
/// `OverlayParameters`). A scenario names fragments in its `stresses:` and `policies:` lists, as a
/// name, a path, or a mapping `{name: flash_crash, size: 0.5}` that also sets parameters.
public struct StressFragment: Sendable {
    /// The fragment's name.
    public var name: String
    /// `stress` or `policy`.
    public var kind: String
    /// The file it came from.
    public var file: String
    /// Declared parameters and their default values (scalar text), in file order.
    public var parameters: [(name: String, value: String)]
    /// The overlays for any market, a one-asset market and a multi-asset market.
    var overlays: (any: ConfigNode?, single: ConfigNode?, multi: ConfigNode?)

    /// The folders searched for a bare fragment name: `stresses/` and `experiments/stresses/`
    /// (or `policies/`) in the scenario's folder and each folder above it, then in the current folder.
    public static func searchFolders(list: String, scenarioDirectory: String) -> [String] {
        var folders: [String] = []
        var dir = URL(fileURLWithPath: scenarioDirectory).standardizedFileURL
        for _ in 0..<32 {
            folders.append(dir.appendingPathComponent(list).path)
            folders.append(dir.appendingPathComponent("experiments").appendingPathComponent(list).path)
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        folders.append(FileManager.default.currentDirectoryPath + "/experiments/" + list)
        return folders
    }

    /// Reads a fragment file.
    public static func load(path: String) throws(ConfigError) -> StressFragment {
        let doc = try ConfigDocument.load(path: path)
        let r = try ConfigReader(doc.root)
        let name = try r.string("name")
        let kind = try r.string("kind", default: "stress", oneOf: ["stress", "policy"])
        _ = try r.string("description", default: "")
        var parameters: [(name: String, value: String)] = []
        if let p = try r.optionalChild("parameters"), case let .mapping(entries) = p.mappingNode.value {
            for e in entries {
                guard let text = p.node(e.key)?.scalarText else {
                    throw ConfigError.semantic(
                        e.node, "expected a scalar default value, got \(e.node.foundDescription)")
                }
                parameters.append((e.key, text))
            }
        }
        let overlays = (r.node("overlay"), r.node("single_asset"), r.node("multi_asset"))
        guard overlays.0 != nil || overlays.1 != nil || overlays.2 != nil else {
            throw r.semanticError(
                "overlay", "expected overlay, single_asset or multi_asset (key paths and values), got none")
        }
        try r.finish()
        return StressFragment(name: name, kind: kind, file: path, parameters: parameters, overlays: overlays)
    }

    /// Applies the fragment to `doc` with `values` overriding its parameter defaults.
    /// - Parameters:
    ///   - doc: The scenario document.
    ///   - values: Parameter values by name (each must be declared); `at` locates errors about them.
    ///   - at: The reference to the fragment (in the scenario or on the command line); a value given
    ///     there is reported at it.
    public func apply(to doc: inout ConfigDocument, values: [String: String], at: ConfigNode) throws(ConfigError) {
        let givenAt = Dictionary(uniqueKeysWithValues: values.keys.map { ($0, at) })
        var merged: [String: String] = [:]
        // `${ticks}` is the scenario's run length, so a window can last to the end of any run.
        if case let .mapping(top) = doc.root.value, let t = top.first(where: { $0.key == "ticks" })?.node.scalarText {
            merged["ticks"] = t
        }
        for p in parameters { merged[p.name] = p.value }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard parameters.contains(where: { $0.name == key }) else {
                var message = "unknown parameter \(key) of \(kind) \(name) (parameters: "
                message += parameters.isEmpty ? "none" : parameters.map(\.name).joined(separator: ", ")
                if let guess = Suggestion.closest(to: key, among: parameters.map(\.name)) {
                    message += "; did you mean \(guess)?"
                }
                throw ConfigError.semantic(at, message + ")")
            }
            merged[key] = value
        }
        let origin = "\(kind) \(name)"
        let multi = Self.isMultiAsset(doc.root)
        if let o = overlays.any {
            try doc.applyOverlay(
                try OverlayParameters.substitute(o, merged, origin: origin, givenAt: givenAt), origin: origin,
                reference: at)
        }
        let form = multi ? overlays.multi : overlays.single
        if let o = form {
            try doc.applyOverlay(
                try OverlayParameters.substitute(o, merged, origin: origin, givenAt: givenAt), origin: origin,
                reference: at)
        } else if overlays.any == nil {
            throw ConfigError.semantic(
                at, "\(kind) \(name) has no overlay for a \(multi ? "multi-asset" : "one-asset") market")
        }
    }

    /// Whether the scenario's `market` lists `assets`.
    static func isMultiAsset(_ root: ConfigNode) -> Bool {
        guard case let .mapping(top) = root.value, let market = top.first(where: { $0.key == "market" })?.node,
            case let .mapping(entries) = market.value
        else { return false }
        return entries.contains { $0.key == "assets" }
    }
}
