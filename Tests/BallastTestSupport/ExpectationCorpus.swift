import Foundation

/// A folder of bad input files, each stating on its first line the exact one-line error it must
/// produce: `# expect: FILE:LINE: key.path: …`.
public enum ExpectationCorpus {
    /// The `.yaml` files of `folder`, by name.
    public static func files(in folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The error `file` states it must produce, or nil when its first line is not an expectation.
    public static func expectation(of file: URL) throws -> String? {
        let text = try String(contentsOf: file, encoding: .utf8)
        let first = text.prefix { $0 != "\n" }
        guard first.hasPrefix(marker) else { return nil }
        return String(first.dropFirst(marker.count))
    }

    /// `error` as the corpus states it: paths inside `folder` are relative to it.
    public static func reported(_ error: any Error, relativeTo folder: URL) -> String {
        "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
    }

    static let marker = "# expect: "
}
