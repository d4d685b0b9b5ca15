import Foundation
import GRDB

extension ResultStore {
    /// Reopens the store in `directory` with the manifest (and shard) it was created with (for `plot` and `export`).
    public static func open(directory: URL) throws -> ResultStore {
        let path = directory.appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.database("no study results in \(directory.path) (expected \(fileName))")
        }
        let manifest: StudyManifest?
        let shard: StudyShard?
        do {
            let queue = try DatabaseQueue(path: path)
            (manifest, shard) = try queue.read { db in
                (try StoreSchema.existingManifest(db, path: path), try StoreSchema.existingShard(db, path: path))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("\(path): \(error)")
        }
        guard let manifest else { throw StoreError.database("\(path) holds no study manifest") }
        return try ResultStore(directory: directory, manifest: manifest, shard: shard)
    }
}
