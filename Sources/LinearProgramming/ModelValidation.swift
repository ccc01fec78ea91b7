/// One thing wrong with a ``LinearModel``, said so that the model's author
/// can find and fix it.
public struct ModelProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case nonFiniteObjective
        case invalidBounds
        case fractionalIntegerBounds
        case nonFiniteCoefficient
        case indexOutOfRange
        case duplicateEntry
        case invalidName
        case duplicateName
        case tooLarge
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension LinearModel {
    /// Largest size any solver here accepts (GLPK indexes with C `int`).
    public static let maximumCount = Int(Int32.max) - 1

    /// Every problem of the model, in a stable order; empty when it can be solved.
    ///
    /// - Parameter names: also check the names for writing a model file
    ///   (at most 255 bytes, no spaces or control characters, unique).
    public func validate(names: Bool = false) -> [ModelProblem] {
        var problems: [ModelProblem] = []
        let n = variableCount, m = constraintCount
        for (what, count) in [("variables", n), ("constraints", m), ("nonzeros", nonzeroCount)]
        where count > Self.maximumCount {
            problems.append(.init(.tooLarge, "the model has \(count) \(what); at most \(Self.maximumCount) are supported"))
        }
        if !problems.isEmpty { return problems }

        if !objectiveOffset.isFinite {
            problems.append(.init(.nonFiniteObjective, "objective constant is \(objectiveOffset); expected a finite number"))
        }
        for j in 0..<n {
            if !objective[j].isFinite {
                problems.append(.init(.nonFiniteObjective, "objective coefficient of \(label(Variable(index: j))) is \(objective[j]); expected a finite number"))
            }
            if let why = Self.boundsProblem(columnLower[j], columnUpper[j]) {
                problems.append(.init(.invalidBounds, "bounds of \(label(Variable(index: j))) are [\(columnLower[j]), \(columnUpper[j])]: \(why)"))
            } else if isInteger[j] {
                let lo = columnLower[j], up = columnUpper[j]
                if (lo.isFinite && lo.rounded() != lo) || (up.isFinite && up.rounded() != up) {
                    problems.append(.init(.fractionalIntegerBounds, "integer \(label(Variable(index: j))) has bounds [\(lo), \(up)]; expected whole numbers"))
                }
            }
        }
        for i in 0..<m {
            if let why = Self.boundsProblem(rowLower[i], rowUpper[i]) {
                problems.append(.init(.invalidBounds, "bounds of \(label(Constraint(index: i))) are [\(rowLower[i]), \(rowUpper[i])]: \(why)"))
            }
        }
        problems += entryProblems()
        if names { problems += nameProblems() }
        return problems
    }

    private static func boundsProblem(_ lower: Double, _ upper: Double) -> String? {
        if lower.isNaN || upper.isNaN { return "a bound is NaN; expected a number or ±infinity" }
        if lower == .infinity { return "the lower bound is +infinity; expected a finite number or -infinity" }
        if upper == -.infinity { return "the upper bound is -infinity; expected a finite number or +infinity" }
        if lower > upper { return "lower > upper; expected lower <= upper" }
        return nil
    }

    /// Bad indices, non-finite values, and duplicates (found with one counting
    /// sort by column and a last-seen marker per row: O(nonzeros + rows + columns)).
    private func entryProblems() -> [ModelProblem] {
        var problems: [ModelProblem] = []
        let n = variableCount, m = constraintCount, nnz = nonzeroCount
        var perColumn = [Int32](repeating: 0, count: n + 1)
        var valid = [Bool](repeating: true, count: nnz)
        for k in 0..<nnz {
            let i = Int(entryRows[k]), j = Int(entryColumns[k])
            if i < 0 || i >= m || j < 0 || j >= n {
                valid[k] = false
                problems.append(.init(.indexOutOfRange, "coefficient #\(k) refers to row \(i), column \(j); the model has \(m) rows and \(n) columns"))
                continue
            }
            if !entryValues[k].isFinite {
                problems.append(.init(.nonFiniteCoefficient, "coefficient of \(label(Variable(index: j))) in \(label(Constraint(index: i))) is \(entryValues[k]); expected a finite number"))
            }
            perColumn[j + 1] += 1
        }
        for j in 0..<n { perColumn[j + 1] += perColumn[j] }
        var order = [Int32](repeating: 0, count: Int(perColumn[n]))
        var next = perColumn
        for k in 0..<nnz where valid[k] {
            let j = Int(entryColumns[k])
            order[Int(next[j])] = Int32(k)
            next[j] += 1
        }
        var lastColumn = [Int32](repeating: -1, count: m)
        var firstEntry = [Int32](repeating: -1, count: m)
        for j in 0..<n {
            for p in Int(perColumn[j])..<Int(perColumn[j + 1]) {
                let k = Int(order[p]), i = Int(entryRows[k])
                if lastColumn[i] == Int32(j) {
                    problems.append(.init(.duplicateEntry, "\(label(Variable(index: j))) has two coefficients in \(label(Constraint(index: i))) (#\(firstEntry[i]) and #\(k)); expected one entry per row and column"))
                } else {
                    lastColumn[i] = Int32(j)
                    firstEntry[i] = Int32(k)
                }
            }
        }
        return problems
    }

    private func nameProblems() -> [ModelProblem] {
        var problems: [ModelProblem] = []
        func check(_ names: [String], _ what: String, _ label: (Int) -> String) {
            var seen: [String: Int] = [:]
            for (k, name) in names.enumerated() where !name.isEmpty {
                if name.utf8.count > 255 {
                    problems.append(.init(.invalidName, "name of \(label(k)) has \(name.utf8.count) bytes; expected at most 255"))
                } else if name.unicodeScalars.contains(where: { $0 == " " || $0.properties.generalCategory == .control }) {
                    problems.append(.init(.invalidName, "name of \(label(k)) contains a space or control character; model files cannot carry it"))
                }
                if let first = seen[name] {
                    problems.append(.init(.duplicateName, "\(what) \(first) and \(k) are both named \"\(name)\"; expected unique names"))
                } else {
                    seen[name] = k
                }
            }
        }
        check(columnNames, "variables") { self.label(Variable(index: $0)) }
        check(rowNames, "constraints") { self.label(Constraint(index: $0)) }
        return problems
    }

    /// "variable 3 (\"x_a\")" — index and, when named, the name.
    public func label(_ v: Variable) -> String {
        let name = v.index < columnNames.count ? columnNames[v.index] : ""
        return name.isEmpty ? "variable \(v.index)" : "variable \(v.index) (\"\(name.prefix(80))\")"
    }

    public func label(_ c: Constraint) -> String {
        let name = c.index < rowNames.count ? rowNames[c.index] : ""
        return name.isEmpty ? "constraint \(c.index)" : "constraint \(c.index) (\"\(name.prefix(80))\")"
    }
}

extension ColumnBatch {
    /// Problems of a batch of new columns for a model with `rowCount` rows.
    public func validate(rowCount: Int) -> [ModelProblem] {
        var problems: [ModelProblem] = []
        for k in 0..<count {
            if !objective[k].isFinite {
                problems.append(.init(.nonFiniteObjective, "new column \(k): objective coefficient is \(objective[k]); expected a finite number"))
            }
            let lo = lower[k], up = upper[k]
            if lo.isNaN || up.isNaN || lo == .infinity || up == -.infinity || lo > up {
                problems.append(.init(.invalidBounds, "new column \(k): bounds [\(lo), \(up)]; expected lower <= upper, finite or infinite on the open side"))
            }
            var seen = Set<Int32>()
            for e in starts[k]..<starts[k + 1] {
                let i = rows[e]
                if i < 0 || Int(i) >= rowCount {
                    problems.append(.init(.indexOutOfRange, "new column \(k): row \(i) does not exist; the model has \(rowCount) rows"))
                } else if !seen.insert(i).inserted {
                    problems.append(.init(.duplicateEntry, "new column \(k): two coefficients in row \(i); expected one"))
                }
                if !values[e].isFinite {
                    problems.append(.init(.nonFiniteCoefficient, "new column \(k): coefficient in row \(i) is \(values[e]); expected a finite number"))
                }
            }
        }
        return problems
    }
}
