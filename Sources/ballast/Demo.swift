import ArgumentParser
import Stochastics

/// `ballast demo`: a few GSL draws and a root, to check the numerical engine is wired up.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a few GSL draws and a root found by Brent's method.")

    @Option(help: "The seed.") var seed: UInt64 = 1

    func run() throws {
        var rng = RandomStream(seed: seed, purpose: "demo")
        let deposits = try LogNormal(median: 10_000, logStandardDeviation: 1)
        let sizes = deposits.sample(&rng, count: 5).map { String(format: "%.2f", $0) }
        print("lognormal deposits (median 10,000, log sd 1):", sizes.joined(separator: ", "))
        // The global-games cut-off: the signal x* where Φ((x* − θ)/σ) = ½ + θ, here θ = 0.1, σ = 0.05.
        let root = try RootFinder.brent(in: -1, 1) { StandardNormal.cdf(($0 - 0.1) / 0.05) - 0.6 }
        print("Brent root of Φ((x − 0.1)/0.05) = 0.6: x = \(root.x) after \(root.iterations) iterations (\(root.stop))")
    }
}
