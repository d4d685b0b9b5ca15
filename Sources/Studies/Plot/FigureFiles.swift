import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The four files of one figure, named `name.dat`, `name.gp`, `name.png` and `name.svg` in one folder.
struct FigureFiles: Sendable {
    let directory: URL
    let name: String

    init(directory: URL, name: String) throws {
        let badScalar = name.unicodeScalars.contains { $0 == "/" || $0.properties.generalCategory == .control }
        guard !name.isEmpty, name != ".", name != "..", !badScalar else { throw PlotError.invalidName(name) }
        self.directory = directory
        self.name = name
    }

    /// File names relative to the folder, as the script refers to them (so the folder can be moved).
    var dataName: String { name + ".dat" }
    var scriptName: String { name + ".gp" }
    var pngName: String { name + ".png" }
    var svgName: String { name + ".svg" }

    func url(_ fileName: String) -> URL { directory.appendingPathComponent(fileName, isDirectory: false) }

    /// Writes `text` to `fileName` atomically: a temporary file in the same folder, then rename(2),
    /// so a reader never sees half a file and an interrupted write leaves the old one intact.
    func write(_ text: String, to fileName: String) throws {
        let target = url(fileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PlotError.io(path: directory.path, reason: "\(error)")
        }
        // A unique temporary name keeps concurrent writers of the same figure from clobbering each other's
        // half-written file; it never reaches the results.
        let temporary = url(".\(fileName).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw PlotError.io(path: temporary.path, reason: "cannot create file")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PlotError.io(path: target.path, reason: reason)
        }
    }

    /// Removes images left by an earlier drawing, so a folder never pairs new data with an old picture.
    func removeStaleImages() {
        for fileName in [pngName, svgName] {
            try? FileManager.default.removeItem(at: url(fileName))
        }
    }

    /// The URL of `fileName` when it exists and is non-empty.
    func existingNonEmpty(_ fileName: String) -> URL? {
        let target = url(fileName)
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.intValue
        return (size ?? 0) > 0 ? target : nil
    }
}
