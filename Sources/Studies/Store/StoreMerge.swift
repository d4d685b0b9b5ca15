import Foundation

/// Combines the stores of a study's shards (`ballast sweep --shard i/N`) into one study store,
/// which `export`, `plot` and the estimates then read as if the study had run in one process.
///
/// Before anything is written, the shards are checked to be one study (the same study hash,
/// Ballast version, seed, parameters and replicate count), one complete set (every shard of
/// `0..<N` exactly once) and each complete (every pair it owns, none it does not). Then all of
/// them are written in one transaction. Merging again, with the same shards, changes nothing.
public enum StoreMerge {
    /// What a merge did.
    public struct Summary: Sendable {
        /// The merged store's manifest: the shards' own, with the merge's command line.
        public let manifest: StudyManifest
        public let shards: Int
        public let points: Int
        /// Replicates in the merged study, and how many of them this merge added.
        public let replicates: Int
        public let added: Int
    }

    /// The store folders that `paths` name: a folder holding `results.sqlite` is one store; a
    /// folder without one stands for every immediate subfolder that holds one (so `OUT/shards`
    /// names every shard of a `ballast slurm` study). A folder named twice is kept twice, so the
    /// merge names it as a duplicate shard.
    public static func storeFolders(_ paths: [URL]) throws(MergeError) -> [URL] {
        let fm = FileManager.default
        var out: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw MergeError("\(path.path) is not a folder: name shard folders, or the folder that holds them")
            }
            if fm.fileExists(atPath: path.appendingPathComponent(ResultStore.fileName).path) {
                out.append(path.standardizedFileURL)
                continue
            }
            let children = ((try? fm.contentsOfDirectory(atPath: path.path)) ?? []).sorted()
                .map { path.appendingPathComponent($0) }
                .filter { fm.fileExists(atPath: $0.appendingPathComponent(ResultStore.fileName).path) }
            guard !children.isEmpty else {
                throw MergeError(
                    "\(path.path) holds no study store (no \(ResultStore.fileName) in it or in its subfolders)")
            }
            out += children.map(\.standardizedFileURL)
        }
        return out
    }

    /// Merges the stores in `folders` (see ``storeFolders(_:)``) into the store in `output`,
    /// created if missing. `command` is recorded as the merged store's command line.
    ///
    /// - Throws: `MergeError` for shards of different studies or versions, a missing, duplicate,
    ///   incomplete or damaged shard; `StoreError` when `output` holds another study or other
    ///   replicates. A refused merge leaves `output` as it was (a store it created is removed).
    public static func merge(_ folders: [URL], into output: URL, command: String) throws -> Summary {
        guard !folders.isEmpty else { throw MergeError("no shard folders to merge") }
        var sources: [StoreSnapshot] = []
        for folder in folders { sources.append(try StoreSnapshot(directory: folder)) }
        let first = sources[0]
        for s in sources.dropFirst() { try checkSameStudy(first, s) }
        try checkCompleteSet(sources)
        let pointCount = sources.map(\.points.count).max() ?? 0
        guard pointCount > 0 else {
            throw MergeError(
                "no shard has any points registered: their tasks stopped before they began; run them again")
        }
        for s in sources { try s.checkComplete(pointCount: pointCount) }
        sources.sort { $0.shard.index < $1.shard.index }

        var manifest = first.manifest
        manifest.command = command
        let fm = FileManager.default
        let storePath = output.appendingPathComponent(ResultStore.fileName).path
        let existed = fm.fileExists(atPath: storePath)
        let folderExisted = fm.fileExists(atPath: output.path)
        do {
            return try write(sources, manifest: manifest, into: output, pointCount: pointCount)
        } catch {
            // The store is closed by now; one this merge created goes, so a refusal leaves no trace.
            if !existed {
                for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: storePath + suffix) }
                if !folderExisted { rmdir(output.path) }
            }
            throw error
        }
    }

    private static func write(
        _ sources: [StoreSnapshot], manifest: StudyManifest, into output: URL,
        pointCount: Int
    ) throws -> Summary {
        let store = try ResultStore(directory: output, manifest: manifest)
        let added = try store.absorb(sources)
        return Summary(
            manifest: store.manifest, shards: sources.count, points: pointCount,
            replicates: try store.replicateCount(), added: added)
    }

    /// Shards of one study: the same study, version and row-defining manifest fields.
    private static func checkSameStudy(_ a: StoreSnapshot, _ b: StoreSnapshot) throws {
        guard a.manifest.studyHash == b.manifest.studyHash else {
            throw MergeError(
                "\(b.path) is study \(b.manifest.studyName) (hash \(b.manifest.studyHash)), but \(a.path) is "
                    + "\(a.manifest.studyName) (hash \(a.manifest.studyHash)): merge the shards of one study only")
        }
        guard a.manifest.ballastVersion == b.manifest.ballastVersion else {
            throw MergeError(
                "\(b.path) was written by Ballast \(b.manifest.ballastVersion), but \(a.path) by "
                    + "\(a.manifest.ballastVersion): shards of one study must come from one version; "
                    + "run the odd ones again with the same ballast")
        }
        try StoreSchema.checkCompatible(stored: a.manifest, given: b.manifest, path: b.path)
    }

    /// Every shard of `0..<N` exactly once, with one N.
    private static func checkCompleteSet(_ sources: [StoreSnapshot]) throws(MergeError) {
        let count = sources[0].shard.count
        if let odd = sources.first(where: { $0.shard.count != count }) {
            throw MergeError(
                "\(odd.name) splits the study into \(odd.shard.count), but \(sources[0].name) into "
                    + "\(count): merge the shards of one split only")
        }
        var seen: [Int: StoreSnapshot] = [:]
        for s in sources {
            if let earlier = seen[s.shard.index] {
                throw MergeError(
                    "shard \(s.shard) appears twice: \(earlier.directory.path) and \(s.directory.path); "
                        + "keep one of them")
            }
            seen[s.shard.index] = s
        }
        let missing = (0..<count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            let listed = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            throw MergeError(
                "\(missing.count) of \(count) shards missing: \(listed) (0-based, as SLURM_ARRAY_TASK_ID); "
                    + "run them (sbatch --array=\(missing.prefix(10).map(String.init).joined(separator: ",")) …) "
                    + "and merge again")
        }
    }
}

extension StoreMerge {
    /// The name of the study stored in `folder`, read without writing (for a default output folder).
    public static func studyName(in folder: URL) throws(MergeError) -> String {
        try StoreSnapshot(directory: folder).manifest.studyName
    }
}

extension StoreMerge {
    /// Why the shard stores already in `folder` cannot be resumed as `count` shards of the study
    /// `studyHash` (another study, or another split), or nil when they can or there are none.
    public static func resumeProblem(in folder: URL, studyHash: String, count: Int) -> String? {
        guard FileManager.default.fileExists(atPath: folder.path), let folders = try? storeFolders([folder]) else {
            return nil
        }
        for f in folders {
            let s: StoreSnapshot
            do { s = try StoreSnapshot(directory: f) } catch { return error.message }
            if s.manifest.studyHash != studyHash {
                return "\(f.path) holds a shard of study \(s.manifest.studyName) (hash \(s.manifest.studyHash)), "
                    + "not of this study (hash \(studyHash)); use another --out, or delete \(folder.path)"
            }
            if s.shard.count != count {
                return "\(f.path) holds shard \(s.shard) of a split into \(s.shard.count), not \(count): "
                    + "use --tasks \(s.shard.count) to finish that split, another --out, or delete \(folder.path)"
            }
        }
        return nil
    }
}
