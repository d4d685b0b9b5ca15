import Foundation
import Studies

/// Writes `report.html` into a run or study folder, atomically: the page is rendered in memory,
/// written to a temporary file beside it and renamed into place, so a reader (or a browser that
/// opens it at that moment) sees the previous report or the whole new one, never part of one.
public enum ReportFile {
    /// The report's file name in a result folder.
    public static let fileName = "report.html"

    /// What a folder holds.
    public enum Kind: Sendable, Equatable {
        case study, run
    }

    /// Whether `directory` is a study folder (a store or `estimates.csv`) or a run folder (`series.csv`).
    public static func kind(of directory: URL) -> Kind? {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.appendingPathComponent(ResultStore.fileName).path)
            || fm.fileExists(atPath: directory.appendingPathComponent("estimates.csv").path)
        {
            return .study
        }
        if fm.fileExists(atPath: directory.appendingPathComponent("series.csv").path) { return .run }
        return nil
    }

    /// Builds the report for `directory` and writes it there. Returns the report's URL.
    /// - Parameters:
    ///   - directory: a run folder or a study folder.
    ///   - spec: for a study folder without `study.json`: its study file.
    ///   - halfWidth: for a study: the P(run) half-width above which an interval is reported as wide.
    /// - Throws: ``ReportError`` for a folder that is neither a run nor a study, or unreadable inputs;
    ///   `StoreError` when the store cannot be read or the file cannot be written.
    @discardableResult
    public static func write(for directory: URL, spec: StudySpec? = nil, halfWidth: Double? = nil) throws -> URL {
        let page: ReportPage
        switch kind(of: directory) {
        case .study: page = try StudyPage.make(directory: directory, spec: spec, halfWidth: halfWidth)
        case .run: page = try RunPage.make(directory: directory)
        case nil:
            throw ReportError(
                "\(directory.path) holds neither a study (\(ResultStore.fileName) or estimates.csv) nor a run (series.csv)"
            )
        }
        return try write(page, to: directory)
    }

    /// Renders `page` and writes it as `report.html` in `directory`, atomically.
    @discardableResult
    public static func write(_ page: ReportPage, to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(fileName)
        try AtomicFile.write(try page.html(), to: url)
        return url
    }
}
