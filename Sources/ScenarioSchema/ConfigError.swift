/// A problem found while reading a scenario: where it is (file, line, key path) and what was
/// expected versus found.
///
/// For a value that came from the command line, `file` is the whole `--set path=value`
/// assignment and `line` is `nil`, so the user sees exactly which override was wrong.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The scenario file (as given by the caller), or `--set path=value` for an override.
    public let file: String
    /// 1-based line in `file`; `nil` when there is no line (override, missing file).
    public let line: Int?
    /// Dotted key path of the offending value, e.g. `market.shock.size` or `depositors.thresholds[2]`;
    /// empty for problems with the document as a whole.
    public let keyPath: String
    /// What was expected and what was found.
    public let message: String

    /// Creates an error at an explicit location.
    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line: key.path: message`, leaving out the parts that are absent, on one line of at
    /// most `ErrorText.maxBytes` bytes (see `ErrorText.oneLine`).
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        return ErrorText.oneLine(text + message)
    }

    /// An error located at `node`, for cross-field checks made by callers after reading
    /// (for example "correlation must be positive definite").
    public static func semantic(_ node: ConfigNode, _ message: String) -> ConfigError {
        ConfigError(file: node.file, line: node.line, keyPath: node.keyPath, message: message)
    }
}
