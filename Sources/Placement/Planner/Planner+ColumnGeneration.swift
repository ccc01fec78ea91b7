import LinearProgramming
import PlacementModel

extension Planner {
    /// Starting columns for GLPK when the transportation optimum breaks a
    /// sibling or conflict rule: its choices and, per case, the columns
    /// that are (nearly) as good under its duals.
    func flowColumns(_ problem: PlacementProblem, _ flow: TransportationSolver.Solution) -> [ColumnKey] {
        var keys: [ColumnKey] = []
        for ci in problem.cases.indices {
            let own = flow.chosen[ci]
            if let own { keys.append(own) }
            let pinned = problem.cases[ci].pinnedService != nil
            for key in problem.columns(ofCase: ci) where key != own {
                if pinned || flow.reducedCost(key, in: problem) <= flowSeedSlack { keys.append(key) }
            }
        }
        return keys
    }

    struct Solved {
        var formulation: PlacementFormulation
        var result: SolveResult
        var seconds: Double
        var rounds: Int
        var iterations: Int

        init(formulation: PlacementFormulation, result: SolveResult, seconds: Double? = nil, rounds: Int = 0, iterations: Int? = nil) {
            self.formulation = formulation
            self.result = result
            self.seconds = seconds ?? result.seconds
            self.rounds = rounds
            self.iterations = iterations ?? result.iterations
        }
    }

    /// Column generation, exact:
    ///
    /// 1. Solve the LP over a restricted set of columns (each case's cheapest
    ///    few, and every column of a pinned case), price every other column
    ///    with the duals, add each case's most negative one, re-solve warm;
    ///    until no column has a negative reduced cost: then the LP is optimal
    ///    over all columns.
    /// 2. Without side constraints that LP optimum is integral: done.
    /// 3. With them, solve the MIP over the columns present (an upper bound
    ///    UB), then add every column whose reduced cost is at most UB minus
    ///    the LP bound (no other column can be in a better plan) and solve the
    ///    MIP again: optimal over all columns.
    func solveByColumnGeneration(_ problem: PlacementProblem, _ solver: any ColumnGeneratingSolver, seed: [ColumnKey]? = nil) throws -> Solved {
        // one time limit for the LP and both branch-and-bounds together
        let started = ContinuousClock.now
        let (initial, codes) = initialColumns(problem, seed: seed)
        var inModel = codes
        var formulation = PlacementFormulation(problem, columns: initial)
        let lp = try pricedLP(problem, solver, &formulation, inModel: &inModel)
        let integral = lp.result.hasFeasiblePoint && lp.result.values.allSatisfy { abs($0 - $0.rounded()) < 1e-7 }
        if integral && !problem.hasSideConstraints {
            // optimal when converged; otherwise (a limit stopped pricing) a feasible plan
            return Solved(formulation: formulation, result: lp.result, seconds: lp.result.seconds, rounds: lp.result.pricingRounds)
        }
        return try branchAndBound(problem, solver, formulation, lp: lp, inModel: inModel, started: started)
    }

    /// The columns in a model, for constant-time look-ups.
    struct ColumnCodes {
        private var codes = Set<Int64>()
        private static func code(_ key: ColumnKey) -> Int64 { Int64(key.pair) << 32 | Int64(key.group) }
        mutating func insert(_ key: ColumnKey) -> Bool { codes.insert(Self.code(key)).inserted }
        func contains(_ key: ColumnKey) -> Bool { codes.contains(Self.code(key)) }
    }

    /// The restricted master's first columns: the seed's, or per case its
    /// cheapest few (all of a pinned case's) and its column in a greedy plan.
    func initialColumns(_ problem: PlacementProblem, seed: [ColumnKey]?) -> ([ColumnKey], ColumnCodes) {
        var inModel = ColumnCodes()
        var initial: [ColumnKey] = []
        if let seed {
            for key in seed where inModel.insert(key) { initial.append(key) }
            return (initial, inModel)
        }
        for (ci, c) in problem.cases.enumerated() {
            var keys = problem.columns(ofCase: ci)
            if c.pinnedService == nil && keys.count > initialColumnsPerCase {
                keys.sort { (problem.cost($0), $0.pair, $0.group) < (problem.cost($1), $1.pair, $1.group) }
                keys.removeLast(keys.count - initialColumnsPerCase)
            }
            for key in keys { _ = inModel.insert(key) }
            initial += keys
        }
        // A greedy plan (most urgent first, each taking its cheapest column
        // with a free place) gives the restricted master columns that fit
        // together, so the first LP starts near the optimum.
        let greedy = completedGreedily(problem, Array(repeating: nil, count: problem.cases.count))
        for key in greedy.compactMap({ $0 }) where inModel.insert(key) { initial.append(key) }
        return (initial, inModel)
    }

    /// The LP over all columns, and the duals and objective of its last pricing round.
    struct PricedLP {
        var result: SolveResult
        var duals: [Double]
        var objective: Double
        /// The formulation before pricing (same rows; reduced costs of any column).
        var restricted: PlacementFormulation
    }

    /// Step 1: the LP relaxation, priced until no column has a negative reduced cost.
    func pricedLP(
        _ problem: PlacementProblem, _ solver: any ColumnGeneratingSolver, _ formulation: inout PlacementFormulation,
        inModel: inout ColumnCodes
    ) throws -> PricedLP {
        var model = formulation.model
        var added: [ColumnKey] = []
        var duals: [Double] = []
        var objective = 0.0
        var lpParameters = parameters
        lpParameters.relaxIntegrality = true
        let restricted = formulation
        let perRound = max(1, columnsPerCaseAndRound)
        let lp = try solver.solve(&model, parameters: lpParameters) { round in
            duals = round.rowDuals
            objective = round.objective
            var batch = ColumnBatch()
            for ci in problem.cases.indices {
                // the most negative reduced costs of this case, best first
                var best: [(key: ColumnKey, rc: Double)] = []
                for p in problem.pairRanges[ci] {
                    for g in problem.groupsOfService[Int(problem.pairs[p].serviceIndex)] {
                        let key = ColumnKey(pair: Int32(p), group: Int32(g))
                        let rc = restricted.reducedCost(key, duals: round.rowDuals)
                        guard rc < -1e-9, best.count < perRound || rc < (best.last?.rc ?? 0), !inModel.contains(key) else { continue }
                        best.append((key, rc))
                        best.sort { $0.rc < $1.rc }
                        if best.count > perRound { best.removeLast() }
                    }
                }
                for (key, _) in best {
                    _ = inModel.insert(key)
                    added.append(key)
                    batch.add(
                        lower: 0, upper: 1, objective: problem.cost(key), integer: restricted.integer,
                        coefficients: restricted.coefficients(of: key))
                }
            }
            return batch
        }
        formulation.recordAppended(added, model: model)
        return PricedLP(result: lp, duals: duals, objective: objective, restricted: restricted)
    }

    /// Step 3: branch-and-bound over the columns present, then over every
    /// column that reduced-cost fixing cannot rule out.
    func branchAndBound(
        _ problem: PlacementProblem, _ solver: any ColumnGeneratingSolver, _ formulation: PlacementFormulation,
        lp: PricedLP, inModel: ColumnCodes, started: ContinuousClock.Instant
    ) throws -> Solved {
        func leftOfTimeLimit(_ p: SolveParameters) -> SolveParameters {
            var p = p
            if let limit = parameters.timeLimit { p.timeLimit = max(0.001, limit - Self.seconds(since: started)) }
            return p
        }
        var formulation = formulation
        let converged = lp.result.isSolvedAndFeasible
        // branch-and-bound starts from the LP's optimal basis: its root LP is solved already
        let mipModel = integerModel(formulation.model, problem)
        var warm = parameters
        if let basis = lp.result.basis, basis.columns.count == mipModel.variableCount, basis.rows.count == mipModel.constraintCount {
            warm.warmStart = basis
        }
        var first = try solver.solve(mipModel, parameters: leftOfTimeLimit(warm))
        var seconds = lp.result.seconds + first.seconds
        let rounds = lp.result.pricingRounds
        let firstSolved = Solved(formulation: formulation, result: first, seconds: seconds, rounds: rounds, iterations: lp.result.iterations + first.iterations)
        if converged && first.termination == .limitReached {
            // The LP's optimum over all columns bounds every plan; the MIP's own
            // bound holds only for the columns present.
            first.bestBound = lp.objective
            return Solved(formulation: formulation, result: first, seconds: seconds, rounds: rounds, iterations: firstSolved.iterations)
        }
        guard converged else {
            // A limit stopped pricing (and left the MIP little time): a plan of
            // the MIP over the columns present, if any, is feasible, but neither
            // it nor its bound is optimal for all columns. (Without one the
            // planner falls back on a plan of its own.)
            first.bestBound = nil
            if first.hasFeasiblePoint {
                first.termination = .limitReached
                first.limit = lp.result.limit ?? .time
            }
            return Solved(formulation: formulation, result: first, seconds: seconds, rounds: rounds, iterations: firstSolved.iterations)
        }
        let upper = first.hasFeasiblePoint ? (first.objective ?? .infinity) : .infinity
        var extra: [ColumnKey] = []
        for ci in problem.cases.indices {
            for key in problem.columns(ofCase: ci) where !inModel.contains(key) {
                if lp.restricted.reducedCost(key, duals: lp.duals) <= upper - lp.objective + 1e-7 { extra.append(key) }
            }
        }
        if extra.isEmpty && first.isSolvedAndFeasible { return firstSolved }
        for key in extra { formulation.add(key) }
        let finalModel = integerModel(formulation.model, problem)
        // the added columns enter at 0: the LP basis stays feasible (and optimal, as none prices out)
        if var basis = warm.warmStart {
            basis.columns += Array(repeating: .atLower, count: finalModel.variableCount - basis.columns.count)
            warm.warmStart = basis
        }
        let final = try solver.solve(finalModel, parameters: leftOfTimeLimit(warm))
        seconds += final.seconds
        if final.termination == .limitReached, first.hasFeasiblePoint,
           (final.hasFeasiblePoint ? final.objective ?? .infinity : .infinity) > (first.objective ?? .infinity) {
            // the limit came before the final MIP did better than the first's plan
            var kept = firstSolved
            kept.result.termination = .limitReached
            kept.result.limit = final.limit
            kept.result.bestBound = lp.objective
            kept.seconds = seconds
            kept.iterations += final.iterations
            return kept
        }
        return Solved(formulation: formulation, result: final, seconds: seconds, rounds: rounds, iterations: firstSolved.iterations + final.iterations)
    }

    /// The model for branch-and-bound: as built with side constraints; without
    /// them (a fractional LP: numerical trouble or a limit) every column integer.
    func integerModel(_ model: LinearModel, _ problem: PlacementProblem) -> LinearModel {
        guard !problem.hasSideConstraints else { return model }
        var model = model
        for v in model.variables { model.setInteger(v, true) }
        return model
    }
}
