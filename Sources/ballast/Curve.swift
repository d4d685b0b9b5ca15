import ArgumentParser
import Foundation
import ScenarioSchema
import Stochastics
import Studies

/// `ballast curve`: a one-line study of P(run) against one key, optionally by a second.
struct Curve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "P(run) against one scenario key, with confidence bands: a one-line study.")

    @Argument(help: "The scenario file.") var scenario: String
    @Option(help: "The key to vary: key=from:to:steps.") var vary: String
    @Option(help: "Replicates per point.") var replicates: Int = 100
    @Option(help: "A second key with its values: key=v1,v2,...") var by: String?
    @Option(help: "The seed.") var seed: UInt64 = 1
    @Option(name: .customLong("set"), help: "Override a scenario key at every point (repeatable).") var overrides:
        [String] = []
    @Option(help: "The output folder.") var out: String = "out/curve"
    @Option(help: "Replicates run at once.") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Continue a curve whose folder already holds results.") var resume = false
    @Flag(help: "No progress output.") var quiet = false

    func run() async throws {
        try CommandChecks.workers(workers)
        guard let (key, range) = split(vary), case let parts = range.split(separator: ":"), parts.count == 3,
            let from = Double(parts[0]), let to = Double(parts[1]), let steps = Int(parts[2]), steps >= 1,
            from.isFinite, to.isFinite
        else {
            Terminal.error(
                "--vary \(ConfigNode.echo(vary)): expected key=from:to:steps, e.g. market.shock.size=0.1:0.5:9")
            throw ExitCode(2)
        }
        guard steps <= StudySpec.maxPoints else {
            Terminal.error(
                "--vary \(ConfigNode.echo(vary)): expected at most \(StudySpec.maxPoints) steps, got \(steps)")
            throw ExitCode(2)
        }
        var parameters = [
            StudySpec.Parameter(key: key, levels: (try? FullGrid.linear(from: from, to: to, steps: steps)) ?? [from])
        ]
        if let by {
            // Every level must be a number: a level silently dropped would be a curve missing without a word.
            let fields = split(by).map { ($0.0, $0.1.split(separator: ",", omittingEmptySubsequences: false)) }
            guard let (k, list) = fields, !list.isEmpty else {
                Terminal.error(
                    "--by \(ConfigNode.echo(by)): expected key=v1,v2,..., e.g. lending.reserve_fraction=0.1,0.2,0.3")
                throw ExitCode(2)
            }
            var values: [Double] = []
            for text in list {
                guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    Terminal.error(
                        "--by \(ConfigNode.echo(by)): expected numbers separated by commas, got \"\(ConfigNode.echo(String(text)))\""
                    )
                    throw ExitCode(2)
                }
                values.append(v)
            }
            parameters.insert(StudySpec.Parameter(key: k, levels: values), at: 0)
        }
        guard replicates >= 1 else {
            Terminal.error("--replicates: expected an integer >= 1, got \(replicates)")
            throw ExitCode(2)
        }
        var spec = StudySpec.grid(
            scenarioPath: scenario, parameters: parameters, replicates: replicates, seed: seed,
            overrides: overrides)
        spec.description =
            "P(run) against \(key)" + (parameters.count > 1 ? " for each value of \(parameters[0].key)" : "")
        do { try spec.checkSize() } catch {
            Terminal.error(error.message)
            throw ExitCode(2)
        }
        do {
            try await StudyExecution.run(
                spec, out: out, workers: workers, batch: 32, resume: resume, quiet: quiet,
                command: (["ballast"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
        } catch let e as ExitCodeError {
            throw ExitCode(e.code)
        }
    }

    private func split(_ s: String) -> (String, String)? {
        guard let eq = s.firstIndex(of: "=") else { return nil }
        let key = String(s[..<eq])
        let rest = String(s[s.index(after: eq)...])
        return key.isEmpty || rest.isEmpty ? nil : (key, rest)
    }
}
