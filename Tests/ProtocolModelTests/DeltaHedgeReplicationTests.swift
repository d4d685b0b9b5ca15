import Foundation
import Testing

@testable import ProtocolModel

/// Delta hedging a written put on a deterministic path, with the book's own arithmetic (trades at spot, no
/// slippage): the book's P&L is the option's repricing plus the hedge's gains, and when the path's
/// realised volatility equals the implied one the hedge replicates the option (Black–Scholes).
@Suite("Delta hedge replication")
struct DeltaHedgeReplicationTests {
    /// Hedges one written put (S₀ = K = 100, σ = 0.5, T = 0.1 y) every step along a path whose log-returns
    /// are μ·dt ± σ·√dt alternately, so the realised variance per step is σ²·dt up to O(dt²).
    static func hedge(steps: Int, drift: Double) -> (
        book: Double, repricing: Double, hedgeGain: Double, premium: Double, payoff: Double
    ) {
        let sigma = 0.5
        let dt = 0.1 / Double(steps)
        let ticks = steps
        var book = OptionsBook(positions: [
            OptionPosition(kind: .put, strike: 100, expiryTick: ticks, quantity: -1, premium: 0)
        ])
        let premium = BlackScholes.price(kind: .put, spot: 100, strike: 100, years: 0.1, volatility: sigma)
        book.positions[0].premium = premium
        var spot = 100.0
        var hedgeGain = 0.0
        for t in 0..<ticks {
            let m = MarketInputs(spot: spot, volatility: sigma, tick: t, yearsPerTick: dt)
            let trade = book.hedgeTrade(m, band: 0)
            book.hedgeUnits += trade
            book.hedgeCost += trade * spot
            let z = t.isMultiple(of: 2) ? 1.0 : -1.0
            let next = spot * exp(drift * dt + sigma * dt.squareRoot() * z)
            hedgeGain += book.hedgeUnits * (next - spot)
            spot = next
        }
        let end = MarketInputs(spot: spot, volatility: sigma, tick: ticks, yearsPerTick: dt)
        let payoff = max(100 - spot, 0)
        return (book.profitAndLoss(end), -(payoff - premium), hedgeGain, premium, payoff)
    }

    /// The book's P&L is exactly the written option's repricing (premium less payoff) plus Σ hᵢ·ΔSᵢ.
    @Test func hedgeProfitIsTheRepricingPlusTheHedgesGains() {
        let r = Self.hedge(steps: 500, drift: -1.5)
        #expect(abs(r.book - (r.repricing + r.hedgeGain)) < 1e-9, "\(r)")
    }

    /// The put finishes in the money: unhedged, the vault loses the payoff less the premium; hedged every
    /// step, the hedge's gains repay it to within 3% of the premium, and closer with finer steps.
    @Test func aContinuousHedgeReplicatesTheOption() {
        let coarse = Self.hedge(steps: 200, drift: -1.5)
        let fine = Self.hedge(steps: 2000, drift: -1.5)
        #expect(fine.payoff > 2 * fine.premium && fine.repricing < -fine.premium, "\(fine)")
        #expect(abs(fine.book) < 0.03 * fine.premium, "\(fine)")
        #expect(abs(fine.book) < abs(coarse.book), "coarse \(coarse.book), fine \(fine.book)")
    }
}
