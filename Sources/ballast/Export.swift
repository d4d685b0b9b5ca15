import ArgumentParser
import Foundation
import Studies

/// `ballast export`: write a study's CSVs from its store.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write a study's replicates.csv (one row per point × replicate) and estimates.csv (one row per point).")

    @Argument(help: "The study's output folder.") var directory: String

    func run() async throws {
        let dir = URL(fileURLWithPath: directory)
        do {
            let store = try ResultStore.open(directory: dir)
            try StudyReport(store: store).write(to: dir, store: store)
            print("\(directory)/replicates.csv\n\(directory)/estimates.csv")
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
    }
}
