import LinearProgramming
import Testing

@Suite("LinearModel building")
struct LinearModelTests {
    @Test("row-wise and column-wise building give the same matrix")
    func rowAndColumnWise() {
        var byRows = LinearModel()
        let x = byRows.addVariable(name: "x", objective: 1)
        let y = byRows.addVariable(name: "y", objective: 2)
        byRows.addConstraint(name: "c", [(x, 3), (y, 4)], upper: 10)

        var byColumns = LinearModel()
        let c = byColumns.addConstraint(name: "c", upper: 10)
        byColumns.addVariable(name: "x", objective: 1, coefficients: [(c, 3)])
        byColumns.addVariable(name: "y", objective: 2, coefficients: [(c, 4)])

        #expect(byRows.variableCount == 2 && byColumns.variableCount == 2)
        #expect(byRows.nonzeroCount == 2 && byColumns.nonzeroCount == 2)
        #expect(byRows.rowActivities(of: [1, 1]) == [7])
        #expect(byColumns.rowActivities(of: [1, 1]) == [7])
        #expect(byRows.objectiveValue(of: [1, 1]) == 3)
    }

    @Test("a model is a value: changing a copy leaves the original alone")
    func valueSemantics() {
        var a = LinearModel()
        let x = a.addVariable(upper: 5, objective: 1)
        var b = a
        b.setBounds(x, lower: 1, upper: 2)
        b.setObjective(x, 9)
        #expect(a.columnUpper[0] == 5 && a.objective[0] == 1)
        #expect(b.columnUpper[0] == 2 && b.objective[0] == 9)
        #expect(a != b)
    }

    @Test("the relaxation drops integrality and nothing else")
    func relaxation() {
        var m = LinearModel()
        m.addVariable(upper: 1, objective: 1, integer: true)
        m.addVariable(objective: 1)
        #expect(m.isMixedInteger && m.integerCount == 1)
        let r = m.relaxation
        #expect(!r.isMixedInteger)
        #expect(r.columnUpper == m.columnUpper && r.objective == m.objective)
    }

    @Test("a column batch appends columns with their coefficients")
    func appendBatch() {
        var m = LinearModel()
        let c0 = m.addConstraint(lower: 1, upper: 1)
        let c1 = m.addConstraint(upper: 3)
        var batch = ColumnBatch()
        batch.add(name: "a", objective: 2, coefficients: [(c0, 1), (c1, 2)])
        batch.add(name: "b", upper: 4, objective: 3, integer: true, coefficients: [(c1, 1)])
        let range = m.append(batch)
        #expect(range == 0..<2)
        #expect(m.columnNames == ["a", "b"])
        #expect(m.isInteger == [false, true])
        #expect(m.rowActivities(of: [1, 1]) == [1, 3])
        #expect(batch.validate(rowCount: 2).isEmpty)
        #expect(!batch.validate(rowCount: 1).isEmpty)
    }

    @Test("pricing computes reduced costs from the duals")
    func reducedCost() {
        let round = PricingRound(round: 1, objective: 0, rowDuals: [2, -1], variableCount: 0)
        #expect(round.reducedCost(cost: 5, coefficients: [(Constraint(index: 0), 1), (Constraint(index: 1), 3)]) == 6)
    }

    @Test("a large model builds without trouble (a million nonzeros)")
    func large() {
        var m = LinearModel()
        let rows = 2_000, perColumn = 4, columns = 250_000
        m.reserveCapacity(variables: columns, constraints: rows, nonzeros: columns * perColumn)
        for _ in 0..<rows { m.addConstraint(upper: 1) }
        for j in 0..<columns {
            m.addVariable(objective: 1, coefficients: (0..<perColumn).map { (Constraint(index: (j * 7 + $0 * 13) % rows), 1.0) })
        }
        #expect(m.nonzeroCount == 1_000_000)
        #expect(m.validate().isEmpty)
    }
}
