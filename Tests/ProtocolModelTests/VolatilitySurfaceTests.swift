import Foundation
import Testing

@testable import ProtocolModel

/// The SVI surface: calibration recovers known parameters, arbitrage is refused where it is, and the
/// surface interpolates total variance in maturity and follows realised volatility.
@Suite("SVI volatility surface")
struct VolatilitySurfaceTests {
    /// A typical equity-like skew for a one-month slice (total variance ≈ 0.6² / 12 at the money).
    static let known = SVISlice(a: 0.02, b: 0.08, rho: -0.4, m: 0.05, sigma: 0.15)

    /// Quotes generated from known SVI parameters over 21 strikes are fitted back to those parameters.
    @Test func calibrationRecoversKnownParameters() throws {
        let years = 1.0 / 12
        let ks = (-10...10).map { Double($0) * 0.05 }
        let quotes = ks.map { (k: $0, volatility: (Self.known.totalVariance($0) / years).squareRoot()) }
        let fit = try SVISlice.calibrate(quotes: quotes, years: years)
        #expect(abs(fit.a - 0.02) < 1e-5 && abs(fit.b - 0.08) < 1e-5, "\(fit)")
        #expect(abs(fit.rho + 0.4) < 1e-4 && abs(fit.m - 0.05) < 1e-4 && abs(fit.sigma - 0.15) < 1e-4, "\(fit)")
    }

    /// The known slice passes every check; a slice whose wings are too steep for its level has
    /// Gatheral's g(k) < 0 somewhere, and is refused as butterfly arbitrage at `b`.
    @Test func aButterflyArbitrageIsRefused() throws {
        #expect(Self.known.check() == nil)
        // Steep wings on almost no curvature: the density turns negative near the money.
        let bad = SVISlice(a: 0.001, b: 1.2, rho: -0.6, m: 0, sigma: 0.01)
        let defect = try #require(bad.check())
        #expect(defect.key == "b" && defect.message.contains("butterfly"), "\(defect)")
        #expect(throws: SurfaceError.self) {
            try VolatilitySurface(years: [0.1], slices: [bad], referenceVolatility: 0.6)
        }
        #expect(SVISlice(a: 0.02, b: 0.08, rho: 1, m: 0, sigma: 0.1).check()?.key == "rho")
        #expect(SVISlice(a: -0.05, b: 0.08, rho: 0, m: 0, sigma: 0.1).check()?.key == "a")
    }

    /// A later slice with less total variance than an earlier one at some strike is calendar arbitrage,
    /// refused at the later slice's `tenor`.
    @Test func aCalendarArbitrageIsRefused() throws {
        let later = SVISlice(a: 0.01, b: 0.08, rho: -0.4, m: 0.05, sigma: 0.15)
        do {
            _ = try VolatilitySurface(years: [0.05, 0.1], slices: [Self.known, later], referenceVolatility: 0.6)
            Issue.record("a calendar-violating pair was accepted")
        } catch {
            #expect(
                error.slice == 1 && error.defect.key == "tenor" && error.defect.message.contains("calendar arbitrage"))
        }
        let ok = SVISlice(a: 0.04, b: 0.08, rho: -0.4, m: 0.05, sigma: 0.15)
        let s = try VolatilitySurface(years: [0.05, 0.1], slices: [Self.known, ok], referenceVolatility: 0.6)
        #expect(s.slices.count == 2)
    }

    /// Total variance is linear in maturity between slices, the nearest slice's volatility is held
    /// outside them, and the level scales every volatility by realised / reference.
    @Test func interpolationAndLevel() throws {
        let far = SVISlice(a: 0.04, b: 0.08, rho: -0.4, m: 0.05, sigma: 0.15)
        let s = try VolatilitySurface(years: [0.05, 0.15], slices: [Self.known, far], referenceVolatility: 0.6)
        let k = -0.1
        let mid = s.totalVariance(k: k, years: 0.1)
        #expect(abs(mid - (Self.known.totalVariance(k) + far.totalVariance(k)) / 2) < 1e-15)
        let short = s.impliedVolatility(strike: exp(k) * 100, spot: 100, years: 0.01, realised: 0.6)
        #expect(abs(short - (Self.known.totalVariance(k) / 0.05).squareRoot()) < 1e-12)
        let doubled = s.impliedVolatility(strike: exp(k) * 100, spot: 100, years: 0.01, realised: 1.2)
        #expect(abs(doubled - 2 * short) < 1e-12)
        // The skew: a 90% put is priced at a higher volatility than the 110% call.
        let put = s.impliedVolatility(strike: 90, spot: 100, years: 0.05, realised: 0.6)
        let call = s.impliedVolatility(strike: 110, spot: 100, years: 0.05, realised: 0.6)
        #expect(put > call)
    }

    /// The book marks each option at its own surface volatility; without a surface at the flat one.
    @Test func theBookMarksOnTheSurface() throws {
        let s = try VolatilitySurface(years: [0.05], slices: [Self.known], referenceVolatility: 0.6)
        let book = OptionsBook(positions: [
            OptionPosition(kind: .put, strike: 90, expiryTick: 438, quantity: -1, premium: 0)
        ])
        let flat = MarketInputs(spot: 100, volatility: 0.6, tick: 0)
        var onSurface = flat
        onSurface.surface = s
        let years = 438.0 / 8760
        let vol = s.impliedVolatility(strike: 90, spot: 100, years: years, realised: 0.6)
        let expected = -BlackScholes.price(kind: .put, spot: 100, strike: 90, years: years, volatility: vol)
        #expect(abs(book.markToMarket(onSurface) - expected) < 1e-12)
        #expect(book.markToMarket(flat) != book.markToMarket(onSurface))
    }
}
