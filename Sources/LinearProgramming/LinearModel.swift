/// A handle to a column of a ``LinearModel``: a cheap, copyable index.
public struct Variable: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0-based column index.
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var description: String { "x\(index)" }
}

/// A handle to a row of a ``LinearModel``.
public struct Constraint: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0-based row index.
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var description: String { "r\(index)" }
}

public enum ObjectiveSense: String, Sendable, Codable {
    case minimize, maximize
}

/// A linear or mixed-integer program, stored column-wise and sparse.
///
/// Bounds are plain `Double`s; `-.infinity` / `.infinity` mean "no bound".
/// The constraint matrix is a list of (row, column, value) entries held in
/// three flat arrays, so building a model with a million nonzeros costs three
/// array appends per nonzero and no allocation per term. The model is a plain
/// value: copy it, change a few numbers, solve again.
///
/// Nothing is checked while building; ``validate()`` reports every problem at
/// once, and solvers call it before any work.
public struct LinearModel: Sendable, Equatable {
    public var name: String
    public var sense: ObjectiveSense
    /// Constant term of the objective.
    public var objectiveOffset: Double

    // Columns
    public private(set) var objective: [Double] = []
    public private(set) var columnLower: [Double] = []
    public private(set) var columnUpper: [Double] = []
    public private(set) var isInteger: [Bool] = []
    /// Empty string = unnamed.
    public private(set) var columnNames: [String] = []

    // Rows
    public private(set) var rowLower: [Double] = []
    public private(set) var rowUpper: [Double] = []
    public private(set) var rowNames: [String] = []

    // Nonzeros, as parallel arrays (0-based indices).
    public private(set) var entryRows: [Int32] = []
    public private(set) var entryColumns: [Int32] = []
    public private(set) var entryValues: [Double] = []

    public init(name: String = "", sense: ObjectiveSense = .minimize, objectiveOffset: Double = 0) {
        self.name = name
        self.sense = sense
        self.objectiveOffset = objectiveOffset
    }

    public var variableCount: Int { objective.count }
    public var constraintCount: Int { rowLower.count }
    public var nonzeroCount: Int { entryValues.count }
    public var integerCount: Int { isInteger.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var isMixedInteger: Bool { isInteger.contains(true) }

    public var variables: [Variable] { (0..<variableCount).map(Variable.init(index:)) }
    public var constraints: [Constraint] { (0..<constraintCount).map(Constraint.init(index:)) }

    /// Reserves room for the expected size, to build large models without regrowth.
    public mutating func reserveCapacity(variables: Int, constraints: Int, nonzeros: Int) {
        objective.reserveCapacity(variables)
        columnLower.reserveCapacity(variables)
        columnUpper.reserveCapacity(variables)
        isInteger.reserveCapacity(variables)
        columnNames.reserveCapacity(variables)
        rowLower.reserveCapacity(constraints)
        rowUpper.reserveCapacity(constraints)
        rowNames.reserveCapacity(constraints)
        entryRows.reserveCapacity(nonzeros)
        entryColumns.reserveCapacity(nonzeros)
        entryValues.reserveCapacity(nonzeros)
    }

    // MARK: - Building

    @discardableResult
    public mutating func addVariable(
        name: String = "", lower: Double = 0, upper: Double = .infinity,
        objective cost: Double = 0, integer: Bool = false
    ) -> Variable {
        objective.append(cost)
        columnLower.append(lower)
        columnUpper.append(upper)
        isInteger.append(integer)
        columnNames.append(name)
        return Variable(index: objective.count - 1)
    }

    /// Adds a variable with its constraint coefficients (column-wise building).
    /// Inlinable so that it is specialised for the caller's sequence type:
    /// no allocation per term.
    @inlinable @discardableResult
    public mutating func addVariable(
        name: String = "", lower: Double = 0, upper: Double = .infinity,
        objective cost: Double = 0, integer: Bool = false,
        coefficients: some Sequence<(Constraint, Double)>
    ) -> Variable {
        let v = addVariable(name: name, lower: lower, upper: upper, objective: cost, integer: integer)
        for (row, value) in coefficients { setCoefficient(value, row: row, variable: v) }
        return v
    }

    @discardableResult
    public mutating func addConstraint(name: String = "", lower: Double = -.infinity, upper: Double = .infinity) -> Constraint {
        rowLower.append(lower)
        rowUpper.append(upper)
        rowNames.append(name)
        return Constraint(index: rowLower.count - 1)
    }

    /// Adds `lower <= sum(coefficient * variable) <= upper` (row-wise building).
    @inlinable @discardableResult
    public mutating func addConstraint(
        name: String = "", _ terms: some Sequence<(Variable, Double)>,
        lower: Double = -.infinity, upper: Double = .infinity
    ) -> Constraint {
        let row = addConstraint(name: name, lower: lower, upper: upper)
        for (variable, value) in terms { setCoefficient(value, row: row, variable: variable) }
        return row
    }

    /// Records the coefficient of `variable` in `row`. Each (row, variable)
    /// pair may be given once; ``validate()`` reports duplicates.
    public mutating func setCoefficient(_ value: Double, row: Constraint, variable: Variable) {
        entryRows.append(Self.storedIndex(row.index))
        entryColumns.append(Self.storedIndex(variable.index))
        entryValues.append(value)
    }

    /// Indices are stored as Int32 (what solvers take); one that does not fit
    /// is stored as -1 so that ``validate()`` reports it instead of wrapping.
    private static func storedIndex(_ index: Int) -> Int32 {
        index >= 0 && index <= Int(Int32.max) ? Int32(index) : -1
    }

    // MARK: - Changing

    public mutating func setBounds(_ v: Variable, lower: Double, upper: Double) {
        columnLower[v.index] = lower
        columnUpper[v.index] = upper
    }

    public mutating func setBounds(_ c: Constraint, lower: Double, upper: Double) {
        rowLower[c.index] = lower
        rowUpper[c.index] = upper
    }

    public mutating func setObjective(_ v: Variable, _ cost: Double) { objective[v.index] = cost }
    public mutating func setInteger(_ v: Variable, _ integer: Bool) { isInteger[v.index] = integer }
    public mutating func setName(_ v: Variable, _ name: String) { columnNames[v.index] = name }
    public mutating func setName(_ c: Constraint, _ name: String) { rowNames[c.index] = name }

    /// The same model with every variable continuous.
    public var relaxation: LinearModel {
        var copy = self
        copy.isInteger = Array(repeating: false, count: variableCount)
        return copy
    }

    /// Objective value of a point (including the offset).
    public func objectiveValue(of values: [Double]) -> Double {
        var total = objectiveOffset
        for j in 0..<min(values.count, objective.count) { total += objective[j] * values[j] }
        return total
    }

    /// Row activities `A x` of a point.
    public func rowActivities(of values: [Double]) -> [Double] {
        var activity = [Double](repeating: 0, count: constraintCount)
        for k in 0..<entryValues.count {
            let i = Int(entryRows[k]), j = Int(entryColumns[k])
            guard i >= 0, i < activity.count, j >= 0, j < values.count else { continue }
            activity[i] += entryValues[k] * values[j]
        }
        return activity
    }

    /// Appends all variables of `batch`, whose entries refer to this model's rows.
    @discardableResult
    public mutating func append(_ batch: ColumnBatch) -> Range<Int> {
        let first = variableCount
        for k in 0..<batch.count {
            let v = addVariable(
                name: batch.names[k], lower: batch.lower[k], upper: batch.upper[k],
                objective: batch.objective[k], integer: batch.isInteger[k])
            for e in batch.starts[k]..<batch.starts[k + 1] {
                setCoefficient(batch.values[e], row: Constraint(index: Int(batch.rows[e])), variable: v)
            }
        }
        return first..<variableCount
    }
}
