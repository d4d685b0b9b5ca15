import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketModelTests {
        @Test func enumMatchesTheWrappedModel() throws {
            let gbm = try CorrelatedGBM(
                assets: [
                    .init(name: "ETH", initialPrice: 2_000, sigma: 0.01),
                    .init(name: "BTC", initialPrice: 60_000, sigma: 0.02),
                ],
                correlation: [[1, 0.3], [0.3, 1]])
            let shocks: [Shock] = [.multiply(asset: 1, tick: 5, factor: 0.8)]
            let direct = try ShockedMarket(base: gbm, shocks: shocks)
            let wrapped = try MarketModel.with(.gbm(gbm), shocks: shocks)
            #expect(wrapped.assetNames == ["ETH", "BTC"])
            #expect(wrapped.assetIndex(named: "BTC") == 1)
            #expect(
                MarketTestSupport.logReturns(wrapped, ticks: 30, seed: 9)
                    == MarketTestSupport.logReturns(direct, ticks: 30, seed: 9))
            #expect(try MarketModel.with(.gbm(gbm), shocks: []) == .gbm(gbm))
        }

        @Test func errorsNameTheParameterAndRange() {
            func message(_ body: () throws -> Void) -> String {
                do {
                    try body()
                    return "no error"
                } catch let e as MarketError { return e.description } catch { return "other: \(error)" }
            }
            #expect(
                message { _ = try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, sigma: -0.1)]) }
                    == "assets[0].sigma must be a finite number >= 0, got -0.1")
            #expect(
                message { _ = try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 0, sigma: 0.1)]) }
                    == "assets[0].initial_price must be a finite number > 0, got 0.0")
            #expect(message { _ = try CorrelatedGBM(assets: []) } == "assets must be at least one asset, got []")
            #expect(
                message {
                    _ = try CorrelatedGBM(assets: [
                        .init(name: "A", initialPrice: 1, sigma: 0.1), .init(name: "A", initialPrice: 1, sigma: 0.1),
                    ])
                }.hasPrefix("assets[1].name must be a name not already used"))
            // Not positive semi-definite: ρ12 = ρ13 = 0.9 but ρ23 = −0.9.
            let bad = [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]
            let three = (0..<3).map { CorrelatedGBM.Asset(name: "A\($0)", initialPrice: 1, sigma: 0.01) }
            #expect(
                message { _ = try CorrelatedGBM(assets: three, correlation: bad) }
                    .hasPrefix("correlation must be a positive semi-definite matrix"))
            #expect(
                message { _ = try CorrelatedGBM(assets: three, correlation: [[1, 2, 0], [2, 1, 0], [0, 0, 1]]) }
                    .hasPrefix("correlation[0][1] must be a number in [-1, 1]"))
            #expect(
                message { _ = try OrnsteinUhlenbeckPeg(assets: [.init(name: "USDC", speed: 0, sigma: 0.01)]) }
                    == "assets[0].speed must be a finite number > 0, got 0.0")
        }
    }
}
