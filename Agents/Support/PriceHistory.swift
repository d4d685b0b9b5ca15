import Foundation
import Stochastics

/// The most recent end-of-tick log prices of the AMM, in a fixed ring buffer.
///
/// The series starts with the pool's opening price. Realised volatility at tick t uses
/// the prices through tick t − 1.
public struct PriceHistory: Sendable, Equatable {
    private var logs: [Double]
    private var next = 0
    /// How many prices have been recorded in all (the ring keeps the last `capacity`).
    public private(set) var recorded = 0

    public init(openingPrice: Double, capacity: Int = 128) {
        logs = [Double](repeating: 0, count: max(2, capacity))
        append(openingPrice)
    }

    public var capacity: Int { logs.count }

    public mutating func append(_ price: Double) {
        logs[next] = price > 0 ? log(price) : (recorded > 0 ? logs[(next + capacity - 1) % capacity] : 0)
        next = (next + 1) % capacity
        recorded += 1
    }

    /// The change in the log value over the last `window` steps (fewer while the history is short).
    public func logChange(window: Int) -> Double {
        let steps = min(window, recorded - 1, capacity - 1)
        guard steps >= 1 else { return 0 }
        let newest = (next - 1 + capacity) % capacity
        return logs[newest] - logs[(newest - steps + capacity) % capacity]
    }

    /// The sample standard deviation (n − 1) of the last `window` log-returns; 0 while fewer than 2 exist.
    public func realizedVolatility(window: Int) -> Double {
        let returns = min(window, recorded - 1, capacity - 1)
        guard returns >= 2 else { return 0 }
        var r = [Double]()
        r.reserveCapacity(returns)
        for k in 0..<returns {
            let newer = (next - 1 - k + 2 * capacity) % capacity
            let older = (newer - 1 + capacity) % capacity
            r.append(logs[newer] - logs[older])
        }
        return (try? Summary.standardDeviation(r)) ?? 0
    }
}
