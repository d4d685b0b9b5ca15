import Foundation

/// Atomic text writing used by every exporter: a temporary file in the same folder, flushed
/// to disk, then renamed over the target with rename(2). A reader (or a killed writer) sees the
/// old file or the whole new one, never a prefix.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `url`, replacing any existing file.
    /// - Throws: `StoreError.database` naming the path when the folder is not writable.
    public static func write(_ text: String, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        // Unique per call, so concurrent exporters never share a temporary file; the name never reaches results.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw StoreError.database("cannot create \(temporary.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(text.utf8))
            // Flush before the rename, or a power cut could leave the new name pointing at empty data.
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError.database("cannot write \(temporary.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError.database("cannot rename \(temporary.path) to \(url.path): \(reason)")
        }
    }
}
