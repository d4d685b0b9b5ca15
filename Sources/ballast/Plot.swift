import ArgumentParser
import Foundation
import Studies

/// `ballast plot`: draw the figures for a study folder or a run folder.
struct Plot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw figures (PNG and SVG, with data and gnuplot script) for a study or a run folder.")

    @Argument(help: "A study folder (with results.sqlite) or a run folder (with series.csv).") var directory: String

    func run() async throws {
        let dir = URL(fileURLWithPath: directory)
        let fm = FileManager.default
        do {
            var lines: [String] = []
            if fm.fileExists(atPath: dir.appendingPathComponent(ResultStore.fileName).path) {
                let store = try ResultStore.open(directory: dir)
                lines = try StudyFigures.draw(try StudyReport(store: store), in: dir.appendingPathComponent("figures"))
            } else if fm.fileExists(atPath: dir.appendingPathComponent("series.csv").path) {
                let title = Self.runTitle(dir)
                let o = try Figures.runSeries(
                    csv: dir.appendingPathComponent("series.csv"), title: title, in: dir, name: "series")
                lines =
                    ["figure: " + [o.png, o.svg].compactMap { $0?.path }.joined(separator: ", ")]
                    + [o.note].compactMap { $0 }
            } else {
                Terminal.error("\(directory) holds neither a study (\(ResultStore.fileName)) nor a run (series.csv)")
                throw ExitCode(2)
            }
            for l in lines { print(l) }
        } catch let e as ExitCode {
            throw e
        } catch let e as StoreError {
            // A folder that is not a readable study is bad input, as for `export`.
            Terminal.error(e.description)
            throw ExitCode(2)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// "reference: seed 1, replicate 5" from the run's manifest, or the folder name.
    static func runTitle(_ dir: URL) -> String {
        guard let data = try? Data(contentsOf: dir.appendingPathComponent("manifest.json")),
            let m = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let scenario = m["scenario"] as? String
        else { return "Run: " + dir.lastPathComponent }
        let name = ((scenario as NSString).lastPathComponent as NSString).deletingPathExtension
        let overrides = (m["overrides"] as? [String]) ?? []
        return "\(name): seed \(m["seed"] ?? "?"), replicate \(m["replicate"] ?? "?")"
            + (overrides.isEmpty ? "" : " (" + overrides.joined(separator: ", ") + ")")
    }
}
