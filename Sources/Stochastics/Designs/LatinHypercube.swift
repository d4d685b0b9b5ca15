/// A Latin hypercube design in [0, 1)^d: each axis is cut into n equal strata and
/// every stratum holds exactly one point. Points are jittered uniformly within their cell.
public enum LatinHypercube {
    /// `count` points in `dimension` dimensions, drawn from `rng`.
    public static func points(count: Int, dimension: Int, rng: inout RandomStream) throws(StochasticsError)
        -> [[Double]]
    {
        guard count >= 1 else {
            throw .invalidParameter(name: "count", value: "\(count)", expected: "an integer >= 1")
        }
        guard dimension >= 1 else {
            throw .invalidParameter(name: "dimension", value: "\(dimension)", expected: "an integer >= 1")
        }
        var design = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: count)
        var strata = [Int32]()
        for d in 0..<dimension {
            rng.permutation(into: &strata, count: count)
            for i in 0..<count {
                design[i][d] = (Double(strata[i]) + rng.uniform()) / Double(count)
            }
        }
        return design
    }
}
