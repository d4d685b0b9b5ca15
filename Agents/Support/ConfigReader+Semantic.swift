import ScenarioSchema

extension ConfigReader {
    /// A cross-field error located at `key` (or at the section when the key is absent).
    public func semanticError(_ key: String, _ message: String) -> ConfigError {
        ConfigError.semantic(node(key) ?? mappingNode, message)
    }
}
