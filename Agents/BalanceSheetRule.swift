import Games
import ScenarioSchema
import Stochastics

extension Depositors {
    /// How `balance_sheet` depositors respond to the tick's game (`depositors.game.response`).
    public enum BalanceSheetResponse: String, Sendable, Equatable, CaseIterable {
        /// The Nash threshold x* of the tick's game.
        case nash
        /// A logit choice with rationality λ (`rationality`) in the game's quantal-response equilibrium.
        case quantal
        /// Level-k reasoning (`level` k = 0…3) from a named level 0 (`level_zero`): x_k = BR(x_{k−1}).
        case levelK = "level_k"
        /// Fictitious play: the threshold played in episode e (`episode`) of a repeated game whose first
        /// episode believes everyone plays level 0.
        case fictitiousPlay = "fictitious_play"
    }

    /// Reads the response keys of `depositors.game` for the `balance_sheet` strategy into `b`.
    static func decodeResponse(_ r: ConfigReader, into b: inout BalanceSheetSettings) throws(ConfigError) {
        let response = try r.string(
            "response", default: b.response.rawValue, oneOf: BalanceSheetResponse.allCases.map { $0.rawValue })
        b.response = BalanceSheetResponse(rawValue: response) ?? .nash
        b.rationality = try r.double("rationality", default: b.rationality, .closed(1e-6, 1e9))
        b.level = try r.int("level", default: b.level, .closed(0, 3))
        let zero = try r.string(
            "level_zero", default: b.levelZero.rawValue, oneOf: LevelZero.allCases.map { $0.rawValue })
        b.levelZero = LevelZero(rawValue: zero) ?? .alwaysRun
        // Each episode is one more root solve per shard and tick, hence the cap.
        let episode = try r.double("episode", default: Double(b.episode), .closed(0, 1_000))
        guard episode == episode.rounded() else {
            throw r.semanticError("episode", "expected a whole number of episodes, got \(ValueRange.describe(episode))")
        }
        b.episode = Int(episode)
    }
}

/// What a `balance_sheet` depositor does with its signal x in one tick's game: withdraw when x is below
/// `threshold` (Nash, level-k, fictitious play), or with the logit probability of the quantal response.
struct BalanceSheetRule: Sendable {
    /// Withdraw iff x < threshold (±∞ when one action dominates).
    var threshold: Double
    /// The quantal response: θ_c of the quantal-response equilibrium and λ; nil for a threshold rule.
    var quantal: (failure: Double, rationality: Double)?

    /// A threshold rule.
    init(threshold: Double) {
        self.threshold = threshold
        quantal = nil
    }

    /// The rule of `response` in `game`; a failed solve (which valid inputs do not cause) falls back to the
    /// closed-form Nash threshold.
    init(_ game: BalanceSheetGame, _ b: Depositors.BalanceSheetSettings) {
        quantal = nil
        switch b.response {
        case .nash:
            threshold = (try? game.threshold()) ?? game.closedFormThreshold
        case .quantal:
            threshold = game.closedFormThreshold
            quantal = (game.quantalFailureThreshold(rationality: b.rationality), b.rationality)
        case .levelK:
            threshold = (try? game.levelKThresholds(b.levelZero, upTo: b.level).last) ?? game.closedFormThreshold
        case .fictitiousPlay:
            let played = try? game.fictitiousPlay(start: game.levelZeroThreshold(b.levelZero), episodes: b.episode + 1)
            threshold = played?.last ?? game.closedFormThreshold
        }
    }

    /// Whether a depositor with signal x withdraws; the quantal response draws one uniform from `rng`.
    @inline(__always)
    func withdraws(signal x: Double, _ game: BalanceSheetGame, _ rng: inout RandomStream) -> Bool {
        guard let quantal else { return x < threshold }
        return rng.uniform()
            < game.quantalRunProbability(signal: x, failureThreshold: quantal.failure, rationality: quantal.rationality)
    }
}
