extension ConfigReader {
    /// A finite number in `range`. Accepts `0.5`, `-2`, `1e3`, `1_000`; rejects quoted text,
    /// `.nan`, `.inf` and anything outside `range`.
    public func double(
        _ key: String, default fallback: Double? = nil,
        _ range: ValueRange = .any
    ) throws(ConfigError) -> Double {
        try read(key, default: fallback, expected: range.expectedNumber) { node throws(ConfigError) in
            try Self.number(node, range)
        }
    }

    /// A whole number in `range`. Accepts `10000`, `1_000`, `1e3`; rejects `2.5`.
    public func int(
        _ key: String, default fallback: Int? = nil,
        _ range: ValueRange = .any
    ) throws(ConfigError) -> Int {
        try read(key, default: fallback, expected: range.expectedInteger) { node throws(ConfigError) in
            let expected = range.expectedInteger
            guard !node.isQuoted, let text = node.scalarText, let value = ScalarSyntax.integer(text),
                range.contains(Double(value))
            else {
                throw ConfigError.semantic(node, "expected \(expected), got \(node.foundDescription)")
            }
            return value
        }
    }

    /// `true` or `false` only (not `yes`, `on`, `1`).
    public func bool(_ key: String, default fallback: Bool? = nil) throws(ConfigError) -> Bool {
        try read(key, default: fallback, expected: "true or false") { node throws(ConfigError) in
            guard !node.isQuoted, let text = node.scalarText, let value = ScalarSyntax.boolean(text) else {
                throw ConfigError.semantic(node, "expected true or false, got \(node.foundDescription)")
            }
            return value
        }
    }

    /// Any scalar's text (so `name: 2024` is the string "2024"); with `oneOf`, one of those words.
    public func string(
        _ key: String, default fallback: String? = nil,
        oneOf choices: [String]? = nil
    ) throws(ConfigError) -> String {
        let expected = choices.map { "one of " + $0.joined(separator: ", ") } ?? "a string"
        return try read(key, default: fallback, expected: expected) { node throws(ConfigError) in
            guard let text = node.scalarText else {
                throw ConfigError.semantic(node, "expected \(expected), got \(node.foundDescription)")
            }
            if let choices, !choices.contains(text) {
                var message = "expected \(expected), got \(node.foundDescription)"
                if let guess = Suggestion.closest(to: text, among: choices) { message += " (did you mean \(guess)?)" }
                throw ConfigError.semantic(node, message)
            }
            return text
        }
    }

    /// Reads one node as a finite number in `range`; shared by `double`, `doubles` and `matrix`.
    static func number(_ node: ConfigNode, _ range: ValueRange) throws(ConfigError) -> Double {
        guard !node.isQuoted, let text = node.scalarText else {
            throw ConfigError.semantic(node, "expected \(range.expectedNumber), got \(node.foundDescription)")
        }
        switch ScalarSyntax.number(text) {
        case .nonFinite:
            throw ConfigError.semantic(node, "expected a finite number, got \(node.foundDescription)")
        case .notANumber:
            throw ConfigError.semantic(node, "expected \(range.expectedNumber), got \(node.foundDescription)")
        case let .finite(value):
            guard range.contains(value) else {
                throw ConfigError.semantic(node, "expected \(range.expectedNumber), got \(node.foundDescription)")
            }
            return value
        }
    }
}
