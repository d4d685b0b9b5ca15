import Testing

@testable import ProtocolModel

/// Worked values for curve-contract's get_D / get_y, two coins, A = 100 (Ann = A·n^n = 400).
struct StableSwapPoolTests {
    @Test func balancedPoolHasDEqualToSum() throws {
        // With x = y the invariant Ann·S + D = Ann·D + D³/(4xy) holds at D = S = 2,000:
        // 400·2000 + 2000 = 400·2000 + 8e9/4e6 → 802,000 = 802,000.
        let pool = try StableSwapPool(balances: [1_000, 1_000], amplification: 100)
        #expect(close(pool.invariant, 2_000, 1e-13))
        // Three coins: D = S as well.
        let three = try StableSwapPool(balances: [500, 500, 500], amplification: 50)
        #expect(close(three.invariant, 1_500, 1e-13))
    }

    @Test func imbalancedPoolSatisfiesTheWhitepaperInvariant() throws {
        // [1,500, 500]: D solves 400·2,000 + D = 400·D + D³/(4·1,500·500), i.e. 800,000 = 399·D + D³/3e6.
        // At D = 1,998: 797,202 + 2,658.67 = 799,860.7 < 800,000; at 1,999: 797,601 + 2,662.67 = 800,263.7.
        // Linear interpolation: 1,998 + 139.3/403.0 = 1,998.3457.
        let pool = try StableSwapPool(balances: [1_500, 500], amplification: 100)
        let d = pool.invariant
        #expect(close(399 * d + d * d * d / 3e6, 800_000, 1e-12))
        #expect(d > 1_998.34 && d < 1_998.35)
        #expect(d < 2_000)  // D < S away from balance
    }

    @Test func getYMatchesTheTwoCoinQuadratic() throws {
        // For n = 2, get_y's Newton solves y² + (b − D)·y = c with b = x + D/Ann, c = D³/(4·x·Ann).
        // Balanced pool, dx = 10: x = 1,010, D = 2,000 → y = ((D − b) + sqrt((b − D)² + 4c))/2,
        // dy = 1,000 − y = 9.99950246...; after the 4 bp fee 9.99550266...
        let pool = try StableSwapPool(balances: [1_000, 1_000], amplification: 100, feeFraction: 0.0004)
        func quadratic(x: Double, d: Double) -> Double {
            let b = x + d / 400
            let c = d * d * d / (4 * x * 400)
            return ((d - b) + ((b - d) * (b - d) + 4 * c).squareRoot()) / 2
        }
        let y = try #require(pool.getY(i: 0, j: 1, x: 1_010))
        #expect(close(y, quadratic(x: 1_010, d: 2_000), 1e-12))
        #expect(close(pool.amountOut(i: 0, j: 1, dx: 10), 9.995502662072, 1e-10))

        // Imbalanced [1,500, 500]: selling 100 of the scarce coin 1 buys 100.7095 of coin 0 (a premium),
        // selling 100 of the abundant coin 0 buys only 98.8788 of coin 1.
        let imb = try StableSwapPool(balances: [1_500, 500], amplification: 100, feeFraction: 0)
        let d = imb.invariant
        #expect(close(imb.amountOut(i: 1, j: 0, dx: 100), 1_500 - quadratic(x: 600, d: d), 1e-10))
        #expect(close(imb.amountOut(i: 1, j: 0, dx: 100), 100.70950409866, 1e-8))
        #expect(close(imb.amountOut(i: 0, j: 1, dx: 100), 98.87879086028, 1e-8))
    }

    @Test func contractAmpConventionGivesTheSamePool() throws {
        // Templates store A·n^(n−1): for n = 2, A = 100 is stored as 200, and Ann = 200·2 = 400.
        let a = try StableSwapPool(balances: [1_500, 500], amplification: 100)
        let b = try StableSwapPool(balances: [1_500, 500], contractAmp: 200)
        #expect(a == b)
        #expect(a.ann == 400)
    }

    @Test func exchangeConservesDAndRespectsMinOut() throws {
        var pool = try StableSwapPool(balances: [1_000, 1_200, 800], amplification: 200, feeFraction: 0)
        let d0 = pool.invariant
        let before = pool
        #expect(throws: ProtocolError.self) { try pool.exchange(i: 0, j: 2, dx: 50, minOut: 60) }
        #expect(pool == before)
        let dy = try pool.exchange(i: 0, j: 2, dx: 50)
        #expect(dy > 49 && dy < 51)
        #expect(close(pool.invariant, d0, 1e-12))  // no fee: D is unchanged by a swap
        #expect(throws: ProtocolError.self) { try StableSwapPool(balances: [1], amplification: 10) }
    }
}
