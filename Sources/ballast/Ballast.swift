import ArgumentParser
import Foundation

@main
struct Ballast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballast",
        abstract: "An agent-based, game-theoretic stress lab for DeFi asset-liability management.",
        version: "0.1.0",
        subcommands: [
            Run.self, Equilibrium.self, Sweep.self, Curve.self, Fan.self, Plot.self, Export.self, Report.self,
            Merge.self, Slurm.self, Bench.self, Demo.self, Stress.self, Optimize.self,
        ])

    /// One exit-code convention for every command (see README, "Exit codes"):
    /// 0 success, 1 a run or study that failed, 2 a usage or input error, 130 interrupted.
    ///
    /// ArgumentParser's own `main` exits 64 (`EX_USAGE`) for a bad command line and prints
    /// several lines; here every refusal is one `error:` line on stderr and exit code 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            // The command has already said why.
            Foundation.exit(code.rawValue)
        } catch let failure as ExitCodeError {
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version: their text is the data asked for.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.error(message(for: error) + helpHint())
            Foundation.exit(code == .validationFailure ? ExitCodes.usage.code : ExitCodes.failure.code)
        }
        Foundation.exit(0)
    }

    /// "; see 'ballast help run'" when the subcommand is known, else the root's help.
    private static func helpHint() -> String {
        let names = configuration.subcommands.map { $0._commandName }
        let args = CommandLine.arguments.dropFirst()
        if let sub = args.first, names.contains(sub) { return " (see 'ballast help \(sub)')" }
        return " (see 'ballast --help')"
    }
}
