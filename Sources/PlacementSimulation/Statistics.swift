/// A KPI over the replications: mean, sample standard deviation and the
/// Student-t 95% confidence interval of the mean (nil with one value).
public struct Estimate: Sendable, Hashable {
    public var mean: Double
    public var sd: Double
    public var ci95: ClosedRange<Double>?
    /// Replications that had a value (a mean wait needs a child who started).
    public var count: Int

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        count = values.count
        guard values.count > 1 else {
            sd = 0
            ci95 = nil
            return
        }
        let m = mean
        sd = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        let half = Self.t975(degreesOfFreedom: values.count - 1) * sd / n.squareRoot()
        ci95 = (mean - half)...(mean + half)
    }

    /// The 0.975 quantile of Student's t: a table to 30 degrees of freedom,
    /// then the Cornish–Fisher expansion in 1/ν (within 1e-6 of the table at 30).
    public static func t975(degreesOfFreedom df: Int) -> Double {
        let table = [
            12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
            2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
            2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
        ]
        if df >= 1 && df <= table.count { return table[df - 1] }
        let z = 1.959963984540054, v = Double(max(df, 1))
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
    }
}
