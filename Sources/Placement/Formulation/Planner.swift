public import LinearProgramming

/// Why a case could not be placed (SPEC §4).
public enum UnplacedReason: String, Sendable, Hashable {
    /// No service of the landscape may help this child at all.
    case noCompatibleService = "no-compatible-service"
    /// Compatible services exist, but their places within the horizon went to others
    /// (or would cost more than leaving the child unplaced).
    case capacity
}

/// The outcome for one case.
public struct Assignment: Sendable, Hashable {
    public var caseID: CaseID
    /// The chosen candidate, nil when unplaced.
    public var candidate: Candidate?
    public var service: Service?
    public var cost: Double
    public var reason: UnplacedReason?
    /// A readable explanation for unplaced cases (ids only, never more about the child).
    public var explanation: String

    public var isPlaced: Bool { candidate != nil }
}

/// A placement plan: a plain value with everything a report needs.
public struct Plan: Sendable {
    public enum Status: String, Sendable {
        case optimal, feasible, infeasible, error
    }
    public var status: Status
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    public var solveSeconds: Double
    /// One per case, in input order.
    public var assignments: [Assignment]
    public var problem: PlacementProblem
    /// Columns in the solved model (of ``PlacementProblem/columnCount`` in the full model).
    public var columnsUsed: Int = 0
    /// Pricing rounds of column generation (0 for a full-model solve).
    public var pricingRounds: Int = 0
    public var simplexIterations: Int = 0

    public var placedCount: Int { assignments.filter(\.isPlaced).count }
    public var unplacedCount: Int { assignments.count - placedCount }
}

/// The plan cannot be made: e.g. contradictory pins (exit code 3).
public struct InfeasiblePlanError: Error, Sendable, CustomStringConvertible {
    public var causes: [String]
    public var description: String {
        (["no plan satisfies the decisions already taken:"] + causes.map { "  " + $0 }).joined(separator: "\n")
    }
}

/// Builds the placement model, solves it with any ``LinearSolver`` and turns
/// the solution into a ``Plan`` with explanations.
public struct Planner: Sendable {
    public let solver: any LinearSolver
    public var parameters: SolveParameters
    /// Column generation: how many of its cheapest columns each case starts
    /// with, besides its column in a greedy plan.
    public var initialColumnsPerCase = 1
    /// Column generation: how many columns (most negative reduced cost first)
    /// each case may gain per pricing round. With the greedy start, 1 and 1
    /// were the fastest of K = 0…4, R = 1…3 on a 3,000-child instance
    /// (6.5–7.7 s, all within noise of each other).
    public var columnsPerCaseAndRound = 1

    public init(solver: any LinearSolver, parameters: SolveParameters = SolveParameters()) {
        self.solver = solver
        self.parameters = parameters
    }

    public func plan(_ input: PlacementInput) throws -> Plan {
        try plan(PlacementProblem(landscape: input.landscape, cases: input.cases))
    }

    public func plan(_ problem: PlacementProblem) throws -> Plan {
        try checkPins(problem)
        let solved: Solved
        if let generating = solver as? any ColumnGeneratingSolver {
            solved = try solveByColumnGeneration(problem, generating)
        } else {
            let formulation = PlacementFormulation(problem)
            solved = Solved(formulation: formulation, result: try solver.solve(formulation.model, parameters: parameters))
        }
        let result = solved.result, formulation = solved.formulation
        guard result.hasFeasiblePoint, let objective = result.objective else {
            if result.termination == .infeasible || result.termination == .infeasibleOrUnbounded {
                throw InfeasiblePlanError(causes: pinConflicts(problem))
            }
            throw SolverError.solverFailure("no plan was found: \(result.statusName)\(result.limit.map { " (\($0) limit)" } ?? "")")
        }
        var takenBy: [Int: [Int]] = [:] // slot group -> cases placed in it
        var chosen: [ColumnKey?] = Array(repeating: nil, count: problem.cases.count)
        var chosenValue = [Double](repeating: 0.5, count: problem.cases.count)
        for (k, key) in formulation.columns.enumerated() {
            let v = result.values[formulation.columnVariable[k].index]
            let ci = Int(problem.pairs[Int(key.pair)].caseIndex)
            if v > chosenValue[ci] { chosen[ci] = key; chosenValue[ci] = v }
        }
        for (ci, key) in chosen.enumerated() {
            if let key { takenBy[Int(key.group), default: []].append(ci) }
        }
        let explainer = Explainer(problem: problem, chosen: chosen, takenBy: takenBy)
        var assignments: [Assignment] = []
        assignments.reserveCapacity(problem.cases.count)
        for (ci, c) in problem.cases.enumerated() {
            if let key = chosen[ci] {
                let candidate = problem.candidate(key)
                assignments.append(Assignment(
                    caseID: c.id, candidate: candidate, service: problem.landscape.services[candidate.serviceIndex],
                    cost: candidate.cost, reason: nil, explanation: ""))
            } else {
                let (reason, text) = explainer.whyUnplaced(ci)
                assignments.append(Assignment(
                    caseID: c.id, candidate: nil, service: nil, cost: problem.costModel.unplacedCost(c),
                    reason: reason, explanation: text))
            }
        }
        let status: Plan.Status = result.isSolvedAndFeasible ? .optimal : .feasible
        var plan = Plan(
            status: status, objective: objective, bound: result.bestBound, gap: result.relativeGap,
            solveSeconds: solved.seconds, assignments: assignments, problem: problem)
        plan.columnsUsed = formulation.columns.count
        plan.pricingRounds = solved.rounds
        plan.simplexIterations = solved.iterations
        return plan
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
    func solveByColumnGeneration(_ problem: PlacementProblem, _ solver: any ColumnGeneratingSolver) throws -> Solved {
        var inModel = Set<Int64>()
        func code(_ key: ColumnKey) -> Int64 { Int64(key.pair) << 32 | Int64(key.group) }
        var initial: [ColumnKey] = []
        for (ci, c) in problem.cases.enumerated() {
            var keys = problem.columns(ofCase: ci)
            if c.pinnedService == nil && keys.count > initialColumnsPerCase {
                keys.sort { (problem.cost($0), $0.pair, $0.group) < (problem.cost($1), $1.pair, $1.group) }
                keys.removeLast(keys.count - initialColumnsPerCase)
            }
            for key in keys { inModel.insert(code(key)) }
            initial += keys
        }
        // A greedy plan (most urgent first, each taking its cheapest column
        // with a free place) gives the restricted master columns that fit
        // together, so the first LP starts near the optimum.
        var free = problem.slotGroups.map(\.count)
        let order = problem.cases.indices.sorted {
            (-problem.costModel.unplacedCost(problem.cases[$0]), $0) < (-problem.costModel.unplacedCost(problem.cases[$1]), $1)
        }
        for ci in order {
            var best: (key: ColumnKey, cost: Double)?
            for p in problem.pairRanges[ci] {
                for g in problem.groupsOfService[Int(problem.pairs[p].serviceIndex)] where free[g] > 0 {
                    let key = ColumnKey(pair: Int32(p), group: Int32(g))
                    let cost = problem.cost(key)
                    if cost < (best?.cost ?? .infinity) { best = (key, cost) }
                }
            }
            guard let best, best.cost < problem.costModel.unplacedCost(problem.cases[ci]) else { continue }
            free[Int(best.key.group)] -= 1
            if inModel.insert(code(best.key)).inserted { initial.append(best.key) }
        }
        var formulation = PlacementFormulation(problem, columns: initial)
        var model = formulation.model
        var added: [ColumnKey] = []
        var lpDuals: [Double] = []
        var lpObjective = 0.0
        var lpParameters = parameters
        lpParameters.relaxIntegrality = true
        let restricted = formulation
        let perRound = max(1, columnsPerCaseAndRound)
        let lp = try solver.solve(&model, parameters: lpParameters) { round in
            lpDuals = round.rowDuals
            lpObjective = round.objective
            var batch = ColumnBatch()
            for ci in problem.cases.indices {
                // the most negative reduced costs of this case, best first
                var best: [(key: ColumnKey, rc: Double)] = []
                for p in problem.pairRanges[ci] {
                    for g in problem.groupsOfService[Int(problem.pairs[p].serviceIndex)] {
                        let key = ColumnKey(pair: Int32(p), group: Int32(g))
                        let rc = restricted.reducedCost(key, duals: round.rowDuals)
                        guard rc < -1e-9, best.count < perRound || rc < (best.last?.rc ?? 0), !inModel.contains(code(key)) else { continue }
                        best.append((key, rc))
                        best.sort { $0.rc < $1.rc }
                        if best.count > perRound { best.removeLast() }
                    }
                }
                for (key, _) in best {
                    inModel.insert(code(key))
                    added.append(key)
                    batch.add(
                        lower: 0, upper: 1, objective: problem.cost(key), integer: restricted.integer,
                        coefficients: restricted.coefficients(of: key))
                }
            }
            return batch
        }
        formulation.recordAppended(added, model: model)
        var seconds = lp.seconds
        let integral = lp.hasFeasiblePoint && lp.values.allSatisfy { abs($0 - $0.rounded()) < 1e-7 }
        let converged = lp.isSolvedAndFeasible
        if integral && !problem.hasSideConstraints {
            // optimal when converged; otherwise (a limit stopped pricing) a feasible plan
            return Solved(formulation: formulation, result: lp, seconds: seconds, rounds: lp.pricingRounds)
        }
        // 3. branch-and-bound over the present columns, then reduced-cost fixing
        var mipModel = formulation.model
        if !problem.hasSideConstraints { // a fractional LP without side constraints: numerical trouble or a limit
            for v in mipModel.variables { mipModel.setInteger(v, true) }
        }
        var first = try solver.solve(mipModel, parameters: parameters)
        seconds += first.seconds
        guard converged else {
            // A limit stopped pricing: the MIP over the columns present gives a
            // feasible plan, but neither it nor its bound is optimal for all columns.
            if first.hasFeasiblePoint {
                first.termination = .limitReached
                first.limit = lp.limit ?? .time
                first.bestBound = nil
            }
            return Solved(formulation: formulation, result: first, seconds: seconds, rounds: lp.pricingRounds, iterations: lp.iterations + first.iterations)
        }
        let upper = first.hasFeasiblePoint ? (first.objective ?? .infinity) : .infinity
        var extra: [ColumnKey] = []
        for ci in problem.cases.indices {
            for key in problem.columns(ofCase: ci) where !inModel.contains(code(key)) {
                if restricted.reducedCost(key, duals: lpDuals) <= upper - lpObjective + 1e-7 { extra.append(key) }
            }
        }
        if extra.isEmpty && first.isSolvedAndFeasible {
            return Solved(formulation: formulation, result: first, seconds: seconds, rounds: lp.pricingRounds, iterations: lp.iterations + first.iterations)
        }
        for key in extra { formulation.add(key) }
        var finalModel = formulation.model
        if !problem.hasSideConstraints {
            for v in finalModel.variables { finalModel.setInteger(v, true) }
        }
        let final = try solver.solve(finalModel, parameters: parameters)
        seconds += final.seconds
        return Solved(formulation: formulation, result: final, seconds: seconds, rounds: lp.pricingRounds, iterations: lp.iterations + first.iterations + final.iterations)
    }

    /// A pinned case must get its service: say plainly when it cannot.
    func checkPins(_ problem: PlacementProblem) throws {
        var causes: [String] = []
        let distance = DistanceRule(landscape: problem.landscape)
        for (ci, c) in problem.cases.enumerated() {
            guard let pin = c.pinnedService, problem.pairRanges[ci].isEmpty else { continue }
            guard let s = problem.landscape.services.first(where: { $0.id == pin }) else {
                causes.append("case \(c.id) is pinned to \(pin), which is not in the landscape")
                continue
            }
            if let why = CompatibilityRule.check(c, s, distanceKm: distance.km(from: c, to: s)) {
                causes.append("case \(c.id) is pinned to \(pin), which \(why)")
            } else {
                causes.append("case \(c.id) is pinned to \(pin), which has no place free within the horizon (until \(problem.landscape.horizonEnd))")
            }
        }
        if !causes.isEmpty { throw InfeasiblePlanError(causes: causes) }
    }

    /// After an infeasible solve: services with more pinned cases than places
    /// within the horizon, or side constraints between pinned cases.
    func pinConflicts(_ problem: PlacementProblem) -> [String] {
        var causes: [String] = []
        var pinned: [ServiceID: [CaseID]] = [:]
        for c in problem.cases { if let p = c.pinnedService { pinned[p, default: []].append(c.id) } }
        for (si, s) in problem.landscape.services.enumerated() {
            guard let ids = pinned[s.id] else { continue }
            let places = problem.groupsOfService[si].reduce(0) { $0 + problem.slotGroups[$1].count }
            if ids.count > places {
                causes.append("\(ids.count) cases are pinned to \(s.id) (\(ids.map(\.rawValue).joined(separator: ", "))), which has \(places) place\(places == 1 ? "" : "s") within the horizon")
            }
        }
        if causes.isEmpty {
            let pinnedCases = problem.cases.filter { $0.pinnedService != nil }.map(\.id.rawValue)
            causes.append("the pins of \(pinnedCases.joined(separator: ", ")) cannot all hold together with the sibling and conflict rules")
        }
        return causes
    }
}
