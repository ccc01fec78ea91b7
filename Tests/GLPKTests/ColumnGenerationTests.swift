@testable import GLPK
import LinearProgramming
import Testing

/// Column generation: start from a restricted model, add priced columns,
/// re-solve warm, and reach the optimum of the full model.
@Suite("Column generation")
struct ColumnGenerationTests {
    /// A transportation-like instance: each demand row must be covered (= 1)
    /// by one of many candidate columns, or by an expensive slack; each
    /// supply row has a capacity.
    struct Instance {
        var demand: Int
        var supply: Int
        var capacity: [Double]
        var cost: [[Double]] // demand x supply
        var slack: Double

        init(seed: UInt64, demand: Int, supply: Int) {
            var rng = SplitMix64(seed: seed)
            self.demand = demand
            self.supply = supply
            capacity = (0..<supply).map { _ in Double(1 + rng.next() % 4) }
            cost = (0..<demand).map { _ in (0..<supply).map { _ in Double(rng.next() % 100) } }
            slack = 500
        }

        /// Rows first (demand = 1, supply <= capacity), then slack columns.
        func restricted() -> LinearModel {
            var m = LinearModel(name: "restricted")
            for d in 0..<demand { m.addConstraint(name: "d\(d)", lower: 1, upper: 1) }
            for s in 0..<supply { m.addConstraint(name: "s\(s)", upper: capacity[s]) }
            for d in 0..<demand { m.addVariable(name: "u\(d)", objective: slack, coefficients: [(Constraint(index: d), 1)]) }
            return m
        }

        func column(_ d: Int, _ s: Int) -> [(Constraint, Double)] {
            [(Constraint(index: d), 1), (Constraint(index: demand + s), 1)]
        }

        func full() -> LinearModel {
            var m = restricted()
            for d in 0..<demand {
                for s in 0..<supply { m.addVariable(objective: cost[d][s], coefficients: column(d, s)) }
            }
            return m
        }
    }

    @Test("priced columns reach the full model's optimum", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func reachesFullOptimum(seed: UInt64) throws {
        let instance = Instance(seed: seed, demand: 40, supply: 12)
        let full = try GLPKSolver().solve(instance.full())
        var model = instance.restricted()
        var added = Set<[Int]>()
        let result = try GLPKSolver().solve(&model, parameters: SolveParameters()) { round in
            // partial pricing: the most negative reduced cost per demand row
            var batch = ColumnBatch()
            for d in 0..<instance.demand {
                var best: (s: Int, reduced: Double)?
                for s in 0..<instance.supply where !added.contains([d, s]) {
                    let reduced = round.reducedCost(cost: instance.cost[d][s], coefficients: instance.column(d, s))
                    if reduced < -1e-9 && reduced < (best?.reduced ?? 0) { best = (s, reduced) }
                }
                if let best {
                    batch.add(objective: instance.cost[d][best.s], coefficients: instance.column(d, best.s))
                    added.insert([d, best.s])
                }
            }
            return batch
        }
        #expect(result.termination == .optimal)
        #expect(close(result.objective, try #require(full.objective)))
        #expect(result.pricingRounds >= 2)
        #expect(model.variableCount == instance.demand + added.count)
        #expect(result.values.count == model.variableCount)
        #expect(added.count < instance.demand * instance.supply) // it did not need every column
    }

    @Test("a pricing callback that throws ends the solve with its reason")
    func throwingCallback() throws {
        struct Stop: Error, CustomStringConvertible { var description: String { "pricing data missing" } }
        var model = Instance(seed: 9, demand: 5, supply: 3).restricted()
        do {
            _ = try GLPKSolver().solve(&model, parameters: SolveParameters()) { _ in throw Stop() }
            Issue.record("expected an error")
        } catch SolverError.pricingFailed(let message) {
            #expect(message.contains("pricing data missing"))
        }
    }

    @Test("a priced column naming a missing row is rejected")
    func invalidColumn() throws {
        var model = Instance(seed: 9, demand: 5, supply: 3).restricted()
        do {
            _ = try GLPKSolver().solve(&model, parameters: SolveParameters()) { _ in
                var batch = ColumnBatch()
                batch.add(objective: 1, coefficients: [(Constraint(index: 999), 1)])
                return batch
            }
            Issue.record("expected an error")
        } catch SolverError.invalidModel(let problems) {
            #expect(problems.contains { $0.kind == .indexOutOfRange })
        }
    }

    @Test("integer columns are enforced after pricing")
    func integerAfterPricing() throws {
        let instance = Instance(seed: 3, demand: 10, supply: 4)
        var full = instance.full()
        for j in 0..<full.variableCount { full.setInteger(Variable(index: j), true) }
        let reference = try GLPKSolver().solve(full)
        var model = instance.restricted()
        for j in 0..<model.variableCount { model.setInteger(Variable(index: j), true) }
        // add every column in round 1: the MIP then equals the full MIP
        let result = try GLPKSolver().solve(&model, parameters: SolveParameters()) { round in
            var batch = ColumnBatch()
            guard round.round == 1 else { return batch }
            for d in 0..<instance.demand {
                for s in 0..<instance.supply {
                    batch.add(objective: instance.cost[d][s], integer: true, coefficients: instance.column(d, s))
                }
            }
            return batch
        }
        #expect(result.termination == .optimal)
        #expect(close(result.objective, try #require(reference.objective)))
        #expect(result.values.allSatisfy { abs($0 - $0.rounded()) < 1e-9 })
    }

    @Test("integer columns added by pricing to a continuous model are branched on")
    func pricedIntegerColumn() throws {
        // min 3y - x, y >= x / 2 (as 2y - x >= 0), x <= 3; x priced as an integer column
        var model = LinearModel()
        let row = model.addConstraint(lower: 0)
        let cap = model.addConstraint(upper: 3)
        model.addVariable(name: "y", objective: 3, coefficients: [(row, 2)])
        let r = try GLPKSolver().solve(&model, parameters: SolveParameters()) { round in
            var batch = ColumnBatch()
            if round.round == 1 { batch.add(name: "x", objective: -2, integer: true, coefficients: [(row, -1), (cap, 1)]) }
            return batch
        }
        // LP optimum: x = 3, y = 1.5 (-1.5); y is continuous so that stays optimal, x integer
        #expect(r.termination == .optimal)
        #expect(r.rowDuals == nil) // it was solved as a MIP
        #expect(close(r.values[1], 3))
    }

    @Test("a warm start from the optimal basis needs no further iterations")
    func warmStart() throws {
        let model = TestModels.assignment(30, seed: 4)
        let cold = try GLPKSolver().solve(model)
        let basis = try #require(cold.basis)
        let warm = try GLPKSolver().solve(model, parameters: SolveParameters(warmStart: basis))
        #expect(close(warm.objective, try #require(cold.objective)))
        #expect(warm.iterations <= 1)
        #expect(cold.iterations > 10)
    }
}
