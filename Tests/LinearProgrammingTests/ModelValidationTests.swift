import LinearProgramming
import Testing

@Suite("Model validation")
struct ModelValidationTests {
    var base: LinearModel {
        var m = LinearModel()
        let x = m.addVariable(name: "x", upper: 4, objective: 1)
        let y = m.addVariable(name: "y", objective: 1)
        m.addConstraint(name: "c", [(x, 1), (y, 1)], upper: 10)
        return m
    }

    @Test("a valid model has no problems")
    func valid() { #expect(base.validate().isEmpty) }

    @Test("every problem is reported at once, each naming what and where")
    func everyProblem() {
        var m = base
        m.setObjective(Variable(index: 0), .nan)
        m.setBounds(Variable(index: 1), lower: 3, upper: 1)
        m.addConstraint(name: "bad", lower: .infinity, upper: .infinity)
        m.setCoefficient(.infinity, row: Constraint(index: 1), variable: Variable(index: 0))
        m.setCoefficient(2, row: Constraint(index: 0), variable: Variable(index: 1)) // duplicate of (c, y)
        m.setCoefficient(1, row: Constraint(index: 7), variable: Variable(index: 0))
        m.addVariable(name: "z", lower: 0.5, upper: 3, integer: true)
        m.objectiveOffset = .infinity
        let problems = m.validate()
        let kinds = Set(problems.map(\.kind))
        #expect(kinds == [.nonFiniteObjective, .invalidBounds, .nonFiniteCoefficient, .duplicateEntry, .indexOutOfRange, .fractionalIntegerBounds])
        #expect(problems.contains { $0.message.contains("variable 0 (\"x\")") && $0.message.contains("nan") })
        #expect(problems.contains { $0.message.contains("variable 1 (\"y\")") && $0.message.contains("lower > upper") })
        #expect(problems.contains { $0.message.contains("constraint 1 (\"bad\")") && $0.message.contains("+infinity") })
        #expect(problems.contains { $0.kind == .duplicateEntry && $0.message.contains("constraint 0 (\"c\")") })
        #expect(problems.contains { $0.kind == .indexOutOfRange && $0.message.contains("row 7") })
        #expect(problems.contains { $0.kind == .fractionalIntegerBounds && $0.message.contains("\"z\"") })
    }

    @Test("NaN and inverted infinite bounds are invalid; infinite open sides are fine")
    func bounds() {
        for (lo, up, ok) in [(-Double.infinity, Double.infinity, true), (0, .infinity, true), (-.infinity, 0, true),
                             (2, 2, true), (.nan, 1, false), (0, .nan, false), (.infinity, .infinity, false),
                             (-.infinity, -.infinity, false), (1, 0, false)] {
            var m = LinearModel()
            m.addVariable(lower: lo, upper: up)
            #expect(m.validate().isEmpty == ok, "[\(lo), \(up)]")
        }
    }

    @Test("names are checked only for writing files")
    func names() {
        var m = base
        m.setName(Variable(index: 0), "with space")
        m.setName(Variable(index: 1), "with space")
        #expect(m.validate().isEmpty)
        let problems = m.validate(names: true)
        #expect(problems.contains { $0.kind == .invalidName })
        #expect(problems.contains { $0.kind == .duplicateName })
        m.setName(Variable(index: 0), String(repeating: "a", count: 256))
        #expect(m.validate(names: true).contains { $0.kind == .invalidName && $0.message.contains("256 bytes") })
    }

    @Test("solver parameters are validated too")
    func parameters() {
        #expect(SolveParameters().validate().isEmpty)
        #expect(SolveParameters(timeLimit: 0).validate().count == 1)
        #expect(SolveParameters(relativeGap: -1).validate().count == 1)
        #expect(SolveParameters(iterationLimit: 0).validate().count == 1)
    }

    @Test("the error lists at most 20 problems and counts the rest")
    func errorDescription() {
        let problems = (0..<25).map { ModelProblem(.invalidBounds, "problem \($0)") }
        let text = SolverError.invalidModel(problems).description
        #expect(text.contains("25 problems"))
        #expect(text.contains("problem 19"))
        #expect(!text.contains("problem 20\n"))
        #expect(text.contains("and 5 more"))
    }
}
