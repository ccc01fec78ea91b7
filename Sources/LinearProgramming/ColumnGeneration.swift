/// Columns to add to a model in one pricing round, stored column-wise
/// (compressed sparse columns): column `k` has its entries at
/// `starts[k]..<starts[k+1]` of `rows` / `values`.
public struct ColumnBatch: Sendable, Equatable {
    public private(set) var objective: [Double] = []
    public private(set) var lower: [Double] = []
    public private(set) var upper: [Double] = []
    public private(set) var isInteger: [Bool] = []
    public private(set) var names: [String] = []
    public private(set) var starts: [Int] = [0]
    public private(set) var rows: [Int32] = []
    public private(set) var values: [Double] = []

    public init() {}

    public var count: Int { objective.count }
    public var isEmpty: Bool { objective.isEmpty }

    public mutating func add(
        name: String = "", lower: Double = 0, upper: Double = .infinity,
        objective cost: Double, integer: Bool = false,
        coefficients: some Sequence<(Constraint, Double)>
    ) {
        objective.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        isInteger.append(integer)
        names.append(name)
        for (row, value) in coefficients {
            rows.append(row.index >= 0 && row.index <= Int(Int32.max) ? Int32(row.index) : -1)
            values.append(value)
        }
        starts.append(rows.count)
    }
}

/// What a pricing callback sees after each LP solve of a column-generation run.
public struct PricingRound: Sendable {
    /// 1 for the first solve, then 2, 3, …
    public let round: Int
    /// Objective of the current restricted LP (including the offset).
    public let objective: Double
    /// Dual value of every row of the current LP, in the solver's convention
    /// (for a minimisation, the reduced cost of a new column is
    /// `cost - sum(dual[row] * coefficient)`).
    public let rowDuals: [Double]
    /// Number of columns in the current LP.
    public let variableCount: Int

    public init(round: Int, objective: Double, rowDuals: [Double], variableCount: Int) {
        self.round = round
        self.objective = objective
        self.rowDuals = rowDuals
        self.variableCount = variableCount
    }

    /// Reduced cost of a candidate column against the current duals.
    public func reducedCost(cost: Double, coefficients: some Sequence<(Constraint, Double)>) -> Double {
        var d = cost
        for (row, value) in coefficients { d -= rowDuals[row.index] * value }
        return d
    }
}
