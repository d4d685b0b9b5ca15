import ArgumentParser
import Foundation
import Simulation
import Studies

/// `ballast merge`: combine the stores of a study's shards into one study store.
struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Combine the stores of a study's shards (sweep --shard i/N) into one study store, with its estimates and figures.",
        discussion: """
            Each FOLDER is a shard's folder (holding results.sqlite) or a folder whose subfolders are shards' folders. \
            The shards must be every shard 0..N-1 of one study, each complete, written by one Ballast version. \
            Merging again changes nothing; replicates already in the output must be equal to the shards'.
            """)

    @Argument(help: "Shard folders, or folders holding them.") var folders: [String]
    @Option(help: "The merged study's folder (default: out/<study name>).") var out: String?

    func run() async throws {
        let merged: StoreMerge.Summary
        let output: URL
        do {
            let sources = try StoreMerge.storeFolders(folders.map { URL(fileURLWithPath: $0) })
            output = URL(fileURLWithPath: try out ?? "out/" + StoreMerge.studyName(in: sources[0]))
            merged = try StoreMerge.merge(
                sources, into: output,
                command: (["ballast"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
        } catch let error as MergeError {
            Terminal.error(error.message)
            throw ExitCode(2)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        let store = try ResultStore.open(directory: output)
        let report = try StudyReport(store: store)
        try report.write(to: output, store: store)
        let figures = try StudyFigures.draw(report, in: output.appendingPathComponent("figures"))
        print(
            "merged \(merged.shards) shards of \(merged.manifest.studyName): \(merged.points) points, "
                + "\(merged.replicates) replicates (\(merged.added) new) in \(output.path)/\(ResultStore.fileName)")
        print("\(output.path)/estimates.csv\n\(output.path)/replicates.csv")
        for line in figures { print(line) }
    }
}
