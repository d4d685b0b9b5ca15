import ArgumentParser

@main
struct Ballast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballast",
        abstract: "An agent-based, game-theoretic stress lab for DeFi asset-liability management.",
        version: "0.1.0",
        subcommands: [Run.self, Sweep.self, Curve.self, Fan.self, Plot.self, Export.self, Bench.self, Demo.self])
}
