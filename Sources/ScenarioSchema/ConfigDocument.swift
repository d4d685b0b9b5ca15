import Foundation

/// A parsed scenario document: a tree of located nodes, plus any `--set` overrides applied to it.
///
/// Parsing only checks YAML syntax and duplicate keys; types and ranges are checked when the
/// document is read through `ConfigReader`, which sees overridden values exactly like file values.
public struct ConfigDocument: Sendable, Equatable {
    /// The file the document was read from (as given), or the name passed to `parse`.
    public let file: String
    /// The root node; a mapping for any usable scenario, `.null` for an empty document.
    public private(set) var root: ConfigNode
    /// The overrides applied so far, in order, as they were written (`path=value`).
    public private(set) var overrides: [String] = []

    /// Reads and parses a scenario file.
    /// - Throws: `ConfigError` naming the file when it is missing or unreadable, or the file and
    ///   line of a YAML syntax error or duplicate key.
    public static func load(path: String) throws(ConfigError) -> ConfigDocument {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError(file: path, line: nil, keyPath: "", message: "file not found")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                file: path, line: nil, keyPath: "",
                message: "cannot read the file (is it a readable file, not a folder?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, keyPath: "", message: "the file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses YAML text; `file` is used in error messages and node locations.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigDocument {
        ConfigDocument(file: file, root: try YamlTree.document(text, file: file))
    }

    private init(file: String, root: ConfigNode) {
        self.file = file
        self.root = root
    }

    /// A stable hash of the effective content (FNV-1a 64, 16 lowercase hex digits) of
    /// `canonicalText`: comments, layout, anchors and merge keys do not change it, overrides do.
    public var contentHash: String {
        Self.fnv1a(canonicalText)
    }

    /// ``contentHash`` of the document without the given top-level keys: for keys that document a
    /// file (a study's `description`) and must not change its identity. A document without those
    /// keys has the same hash both ways.
    public func contentHash(ignoringTopLevelKeys ignored: Set<String>) -> String {
        guard case let .mapping(entries) = root.value, entries.contains(where: { ignored.contains($0.key) }) else {
            return contentHash
        }
        var kept = root
        kept.value = .mapping(entries.filter { !ignored.contains($0.key) })
        return Self.fnv1a(CanonicalText.render(kept))
    }

    /// FNV-1a 64 of the UTF-8 bytes, as 16 lowercase hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The effective content as one line of YAML flow syntax, keys in document order.
    /// Suitable for a run manifest.
    public var canonicalText: String {
        CanonicalText.render(root)
    }

    /// Replaces the root; used by `applyOverride` after its checks passed (and by overlays, which
    /// record nothing: the expanded document itself is what they change).
    mutating func replaceRoot(_ newRoot: ConfigNode, recording assignment: String?) {
        root = newRoot
        if let assignment { overrides.append(assignment) }
    }
}
