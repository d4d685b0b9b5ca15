import Foundation
import Studies

/// Everything a study folder holds that its report shows: the store (when kept), the study record,
/// the estimates and paired differences, and the figures.
struct StudyFolder {
    let directory: URL
    /// The store's manifest and points, when `results.sqlite` is in the folder.
    let manifest: StudyManifest?
    let points: [StudyPoint]
    /// `study.json`, or the record of a study file given to the report.
    let record: StudyRecord?
    /// Where the record came from, in words.
    let recordSource: String
    /// Whether the record is the folder's own `study.json` (written when the study ran).
    let hasStoredRecord: Bool
    let estimates: CSVTable
    let differences: CSVTable?
    /// Replicates stored in all (store only).
    let replicatesStored: Int?

    /// Reads the folder. With a store, the estimates are computed from it (as `ballast export`
    /// writes them); without one, `estimates.csv` must be there.
    init(directory: URL, spec: StudySpec?) throws {
        self.directory = directory
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.appendingPathComponent(ResultStore.fileName).path) {
            let store = try ResultStore.open(directory: directory)
            let report = try StudyReport(store: store)
            // A figure missing from a store's folder is drawn now (when gnuplot is there).
            let figures = directory.appendingPathComponent("figures")
            if !fm.fileExists(atPath: figures.appendingPathComponent("run-probability.svg").path) {
                _ = try? StudyFigures.draw(report, in: figures)
            }
            manifest = store.manifest
            points = try store.points()
            replicatesStored = try store.replicateCount()
            estimates = try CSVTable(text: report.csv, name: "the store's estimates")
            differences =
                report.differences.isEmpty
                ? nil : try CSVTable(text: report.differencesCSV, name: "the store's differences")
            if let spec, spec.hash != store.manifest.studyHash {
                throw ReportError(
                    "\(spec.sourcePath) is not the study stored in \(directory.path) "
                        + "(study hash \(spec.hash), stored \(store.manifest.studyHash))")
            }
        } else {
            let url = directory.appendingPathComponent("estimates.csv")
            guard let table = try CSVTable.read(url) else {
                throw ReportError(
                    "\(directory.path) holds no study results (neither \(ResultStore.fileName) nor estimates.csv)")
            }
            manifest = nil
            points = []
            replicatesStored = nil
            estimates = table
            differences = try CSVTable.read(directory.appendingPathComponent("differences.csv"))
        }
        if let stored = try StudyRecord.read(from: directory) {
            record = stored
            hasStoredRecord = true
            recordSource = "\(StudyRecord.fileName), written when the study ran"
        } else if let spec {
            let count = (try? spec.points().count) ?? 0
            record = StudyRecord(spec: spec, points: count, gitCommit: nil)
            hasStoredRecord = false
            recordSource =
                "the study file \(spec.sourcePath), read when this report was written"
                + (manifest == nil
                    ? " (not checked against the results: the store is not in this folder)"
                    : " (its hash matches the store)")
        } else {
            record = nil
            hasStoredRecord = false
            recordSource =
                "none: this folder has no \(StudyRecord.fileName); pass the study file with --study to show the design"
        }
    }

    /// The parameter names: the store's, else the record's, else the estimates' leading columns.
    var parameterNames: [String] {
        if let manifest { return manifest.parameterNames }
        if let record { return record.parameters.map(\.key) }
        return Array(estimates.header.prefix { $0 != "replicates" })
    }

    var studyName: String { manifest?.studyName ?? record?.name ?? directory.lastPathComponent }

    /// The SVG figures in `figures/`, in a fixed order.
    var figureFiles: [URL] {
        let folder = directory.appendingPathComponent("figures")
        return ["run-probability.svg", "run-probability-heatmap.svg"].map { folder.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
