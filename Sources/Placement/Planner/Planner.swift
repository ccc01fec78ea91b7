public import LinearProgramming
public import PlacementModel

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
        case optimal, feasible
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
    /// Planned by the min-cost flow alone (no GLPK solve).
    public var byFlow = false

    public var placedCount: Int { assignments.filter(\.isPlaced).count }
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
    /// Seeding GLPK from the transportation optimum: columns whose reduced
    /// cost under its duals is at most this (km-equivalents) start in the model.
    public var flowSeedSlack = 0.0

    public enum Method: Sendable, Hashable {
        /// The transportation optimum by min-cost flow, proven with its duals;
        /// GLPK (column generation, branch-and-bound) when sibling or
        /// conflict rules cut it off.
        case automatic
        /// GLPK only: column generation from a greedy plan.
        case columnGeneration
    }
    public var method = Method.automatic

    public init(solver: any LinearSolver, parameters: SolveParameters = SolveParameters()) {
        self.solver = solver
        self.parameters = parameters
    }

    /// The same planner with other solve parameters.
    init(copying other: Planner, parameters: SolveParameters) {
        self = other
        self.parameters = parameters
    }

    public func plan(_ input: PlacementInput) throws -> Plan {
        try plan(PlacementProblem(landscape: input.landscape, cases: input.cases))
    }

    public func plan(_ problem: PlacementProblem) throws -> Plan {
        try checkPins(problem)
        let started = ContinuousClock.now
        var seed: [ColumnKey]?
        // a plan to fall back on when a limit stops GLPK before it finds one
        var fallback: (chosen: [ColumnKey?], bound: Double)?
        var glpkParameters = parameters
        if method == .automatic {
            let deadline = parameters.timeLimit.map { started + .seconds($0) }
            let cancellation = parameters.cancellation
            switch TransportationSolver(problem: problem).solve(shouldStop: {
                cancellation?.isCancelled == true || deadline.map { ContinuousClock.now >= $0 } == true
            }) {
            case .pinsCannotHold:
                throw InfeasiblePlanError(causes: pinConflicts(problem))
            case .stopped(let partial):
                // a limit: the plan so far (every pin holds), kept within the side rules
                if let partial, let repaired = withinSideConstraints(problem, completedGreedily(problem, partial)) {
                    return makePlan(
                        problem, chosen: repaired, status: .feasible, objective: objective(problem, repaired),
                        bound: simpleBound(problem), seconds: Self.seconds(since: started))
                }
            case .solved(let flow):
                let seconds = Self.seconds(since: started)
                if flow.certified && respectsSideConstraints(problem, flow.chosen) {
                    // optimal for the transportation relaxation and allowed by every rule: optimal
                    var plan = makePlan(
                        problem, chosen: flow.chosen, status: .optimal, objective: flow.objective,
                        bound: flow.bound, seconds: seconds)
                    plan.columnsUsed = problem.columnCount
                    plan.byFlow = true
                    return plan
                }
                if flow.certified {
                    seed = flowColumns(problem, flow)
                    // Only a limit makes the fallback count: then it is worth
                    // a few warm re-solves of the flow.
                    var mended = withinSideConstraints(problem, flow.chosen)
                    if parameters.timeLimit != nil || cancellation != nil, let solved = solvedWithinSideConstraints(problem, flow, shouldStop: {
                        cancellation?.isCancelled == true || deadline.map { ContinuousClock.now >= $0 } == true
                    }), objective(problem, solved) < mended.map({ objective(problem, $0) }) ?? .infinity {
                        mended = solved
                    }
                    if let mended { fallback = (mended, flow.bound) }
                }
            }
            // GLPK gets what is left of the time limit
            if let limit = parameters.timeLimit {
                glpkParameters.timeLimit = max(0.001, limit - Self.seconds(since: started))
            }
        }
        let planner = Planner(copying: self, parameters: glpkParameters)
        let solved: Solved
        if let generating = solver as? any ColumnGeneratingSolver {
            solved = try planner.solveByColumnGeneration(problem, generating, seed: seed)
        } else {
            let formulation = PlacementFormulation(problem)
            solved = Solved(formulation: formulation, result: try solver.solve(formulation.model, parameters: glpkParameters))
        }
        // A limit stopped GLPK without a plan, or with one worse than the
        // mended flow plan (or, without one, the greedy plan). The bound is the
        // better of the flow's and GLPK's (which holds for all columns when a
        // limit stopped it: see solveByColumnGeneration).
        if !solved.result.isSolvedAndFeasible, solved.result.termination == .limitReached,
           let fallback = fallback ?? greedyFallback(problem) {
            let glpkObjective = solved.result.hasFeasiblePoint ? solved.result.objective ?? .infinity : .infinity
            let cost = objective(problem, fallback.chosen)
            if cost < glpkObjective {
                return makePlan(
                    problem, chosen: fallback.chosen, status: .feasible, objective: cost,
                    bound: max(fallback.bound, solved.result.bestBound ?? -.infinity), seconds: Self.seconds(since: started))
            }
        }
        let result = solved.result, formulation = solved.formulation
        guard result.hasFeasiblePoint, let objective = result.objective else {
            if result.termination == .infeasible || result.termination == .infeasibleOrUnbounded {
                throw InfeasiblePlanError(causes: pinConflicts(problem))
            }
            throw SolverError.solverFailure("no plan was found: \(result.statusName)\(result.limit.map { " (\($0) limit)" } ?? "")")
        }
        var chosen: [ColumnKey?] = Array(repeating: nil, count: problem.cases.count)
        var chosenValue = [Double](repeating: 0.5, count: problem.cases.count)
        for (k, key) in formulation.columns.enumerated() {
            let v = result.values[formulation.columnVariable[k].index]
            let ci = Int(problem.pairs[Int(key.pair)].caseIndex)
            if v > chosenValue[ci] { chosen[ci] = key; chosenValue[ci] = v }
        }
        var plan = makePlan(
            problem, chosen: chosen, status: result.isSolvedAndFeasible ? .optimal : .feasible,
            objective: objective, bound: result.bestBound, seconds: solved.seconds)
        plan.columnsUsed = formulation.columns.count
        plan.pricingRounds = solved.rounds
        plan.simplexIterations = solved.iterations
        return plan
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds
    }

    /// The plan as a report sees it: one assignment per case, with an
    /// explanation for every unplaced one.
    func makePlan(
        _ problem: PlacementProblem, chosen: [ColumnKey?], status: Plan.Status, objective: Double, bound: Double?, seconds: Double
    ) -> Plan {
        var takenBy: [Int: [Int]] = [:] // slot group -> cases placed in it
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
        var gap: Double?
        if let bound {
            let g = abs(objective - bound) / max(abs(objective), 1e-10)
            gap = g < 1e-9 ? 0 : g
        }
        return Plan(
            status: status, objective: objective, bound: bound, gap: gap,
            solveSeconds: seconds, assignments: assignments, problem: problem)
    }

    /// Whether a plan keeps siblings placed in facilities together and
    /// conflicting cases apart (SPEC §3).
    func respectsSideConstraints(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> Bool {
        func facility(_ ci: Int) -> FacilityID? { chosen[ci].flatMap { problem.facility(of: $0) } }
        for group in problem.siblingGroups {
            let facilities = Set(group.members.compactMap(facility))
            if facilities.count > 1 { return false }
        }
        for pair in problem.conflicts {
            if let f = facility(pair.a), f == facility(pair.b) { return false }
        }
        return true
    }

    /// A plan's cost (SPEC §3 objective).
    func objective(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> Double {
        problem.cases.indices.reduce(0.0) { total, ci in
            total + (chosen[ci].map(problem.cost) ?? problem.costModel.unplacedCost(problem.cases[ci]))
        }
    }

    /// The cases a plan leaves unplaced, most urgent first, each take their
    /// cheapest column with a place left, when cheaper than staying unplaced.
    func completedGreedily(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> [ColumnKey?] {
        var plan = chosen
        var free = problem.slotGroups.map(\.count)
        for key in plan.compactMap({ $0 }) { free[Int(key.group)] -= 1 }
        let order = problem.cases.indices.filter { plan[$0] == nil }.sorted {
            (-problem.costModel.unplacedCost(problem.cases[$0]), $0) < (-problem.costModel.unplacedCost(problem.cases[$1]), $1)
        }
        for ci in order {
            var best: (key: ColumnKey, cost: Double)?
            for key in problem.columns(ofCase: ci) where free[Int(key.group)] > 0 {
                let cost = problem.cost(key)
                if cost < (best?.cost ?? problem.costModel.unplacedCost(problem.cases[ci])) { best = (key, cost) }
            }
            if let best {
                plan[ci] = best.key
                free[Int(best.key.group)] -= 1
            }
        }
        return plan
    }

    /// The greedy plan within the side rules, when it places every pinned
    /// case, with the bound without capacities: a last resort under a limit.
    func greedyFallback(_ problem: PlacementProblem) -> (chosen: [ColumnKey?], bound: Double)? {
        // pinned cases first, so that their places are still free
        var pinnedFirst: [ColumnKey?] = Array(repeating: nil, count: problem.cases.count)
        var free = problem.slotGroups.map(\.count)
        for (ci, c) in problem.cases.enumerated() where c.pinnedService != nil {
            guard let key = problem.columns(ofCase: ci).filter({ free[Int($0.group)] > 0 }).min(by: { problem.cost($0) < problem.cost($1) })
            else { return nil }
            pinnedFirst[ci] = key
            free[Int(key.group)] -= 1
        }
        guard let plan = withinSideConstraints(problem, completedGreedily(problem, pinnedFirst)) else { return nil }
        return (plan, simpleBound(problem))
    }

    /// A lower bound without any capacity: each case at its cheapest column
    /// (or unplaced when that is cheaper and allowed).
    func simpleBound(_ problem: PlacementProblem) -> Double {
        problem.cases.indices.reduce(0.0) { total, ci in
            let cheapest = problem.columns(ofCase: ci).map(problem.cost).min() ?? .infinity
            let c = problem.cases[ci]
            return total + (c.pinnedService == nil ? min(cheapest, problem.costModel.unplacedCost(c)) : cheapest)
        }
    }

    /// A plan within the side rules from the transportation optimum, by
    /// solving it again (warm, from its duals) without the services that
    /// break a rule: for a sibling group placed apart, every member keeps
    /// only the facility of its first placed member (a pinned member's
    /// first) and help at home; of two conflicting cases in one facility,
    /// the later unpinned one loses that facility. Repeated while the new
    /// plan breaks other rules (`maxRounds` at most, each round only ever
    /// taking services away), then mended by ``withinSideConstraints``.
    /// Usually far better than that alone: the children moved get their
    /// next best place instead of none. Not proven optimal.
    func solvedWithinSideConstraints(
        _ problem: PlacementProblem, _ flow: TransportationSolver.Solution, maxRounds: Int = 8, shouldStop: () -> Bool
    ) -> [ColumnKey?]? {
        var current = flow
        var solver = TransportationSolver(problem: problem)
        func facility(_ ci: Int) -> FacilityID? { current.chosen[ci].flatMap { problem.facility(of: $0) } }
        func pinned(_ ci: Int) -> Bool { problem.cases[ci].pinnedService != nil }
        func keepOnly(_ kept: FacilityID, for ci: Int) {
            for p in problem.pairRanges[ci] {
                let f = problem.landscape.services[Int(problem.pairs[p].serviceIndex)].facility
                if let f, f != kept { solver.excludedPairs.insert(Int32(p)) }
            }
        }
        func leave(_ left: FacilityID, for ci: Int) {
            for p in problem.pairRanges[ci] where problem.landscape.services[Int(problem.pairs[p].serviceIndex)].facility == left {
                solver.excludedPairs.insert(Int32(p))
            }
        }
        for _ in 0..<maxRounds {
            if respectsSideConstraints(problem, current.chosen) { return current.chosen }
            // (a round's setup, before its first check of the limit, is not short)
            if shouldStop() { break }
            let before = solver.excludedPairs.count
            for group in problem.siblingGroups {
                guard Set(group.members.compactMap(facility)).count > 1 else { continue }
                guard let kept = Self.keptFacility(group, facility: facility, pinned: pinned) else { continue }
                for m in group.members where !pinned(m) { keepOnly(kept, for: m) }
            }
            for pair in problem.conflicts {
                guard let f = facility(pair.a), f == facility(pair.b) else { continue }
                if let loser = Self.givesWay(pair, pinned: pinned) { leave(f, for: loser) }
            }
            guard solver.excludedPairs.count > before,
                  case .solved(let next) = solver.solve(prices: current.groupDuals.map { -$0 }, shouldStop: shouldStop),
                  next.certified
            else { break }
            current = next
        }
        return withinSideConstraints(problem, current.chosen)
    }

    /// The plan with siblings kept together and conflicting cases apart, by
    /// leaving cases unplaced: per sibling group, members placed in another
    /// facility than the first placed member's (a pinned member's first);
    /// per conflict, the later unpinned case. Nil when a pin stands in the way.
    func withinSideConstraints(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> [ColumnKey?]? {
        var plan = chosen
        func facility(_ ci: Int) -> FacilityID? { plan[ci].flatMap { problem.facility(of: $0) } }
        func pinned(_ ci: Int) -> Bool { problem.cases[ci].pinnedService != nil }
        for group in problem.siblingGroups {
            guard let kept = Self.keptFacility(group, facility: facility, pinned: pinned) else { continue }
            for m in group.members where facility(m) != nil && facility(m) != kept {
                if pinned(m) { return nil }
                plan[m] = nil
            }
        }
        for pair in problem.conflicts {
            guard let f = facility(pair.a), f == facility(pair.b) else { continue }
            guard let loser = Self.givesWay(pair, pinned: pinned) else { return nil }
            plan[loser] = nil
        }
        return respectsSideConstraints(problem, plan) ? plan : nil
    }

    /// The facility a sibling group keeps when its members are placed apart:
    /// a pinned member's, else the first placed member's; nil when none is
    /// placed in a facility.
    static func keptFacility(
        _ group: PlacementProblem.SiblingGroup, facility: (Int) -> FacilityID?, pinned: (Int) -> Bool
    ) -> FacilityID? {
        let anchor = group.members.first { pinned($0) && facility($0) != nil } ?? group.members.first { facility($0) != nil }
        return anchor.flatMap(facility)
    }

    /// Of two conflicting cases in one facility, the one that gives way:
    /// the later, unless it is pinned; nil when both are.
    static func givesWay(_ pair: PlacementProblem.CasePair, pinned: (Int) -> Bool) -> Int? {
        !pinned(pair.b) ? pair.b : !pinned(pair.a) ? pair.a : nil
    }

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
        func leftOfTimeLimit(_ p: SolveParameters) -> SolveParameters {
            var p = p
            if let limit = parameters.timeLimit { p.timeLimit = max(0.001, limit - Self.seconds(since: started)) }
            return p
        }
        var inModel = Set<Int64>()
        func code(_ key: ColumnKey) -> Int64 { Int64(key.pair) << 32 | Int64(key.group) }
        var initial: [ColumnKey] = []
        if let seed {
            for key in seed where inModel.insert(code(key)).inserted { initial.append(key) }
        } else {
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
            let greedy = completedGreedily(problem, Array(repeating: nil, count: problem.cases.count))
            for key in greedy.compactMap({ $0 }) where inModel.insert(code(key)).inserted { initial.append(key) }
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
        // branch-and-bound starts from the LP's optimal basis: its root LP is solved already
        var warm = parameters
        if let basis = lp.basis, basis.columns.count == mipModel.variableCount, basis.rows.count == mipModel.constraintCount {
            warm.warmStart = basis
        }
        var first = try solver.solve(mipModel, parameters: leftOfTimeLimit(warm))
        seconds += first.seconds
        if converged && first.termination == .limitReached {
            // The LP's optimum over all columns bounds every plan; the MIP's own
            // bound holds only for the columns present.
            first.bestBound = lpObjective
            return Solved(formulation: formulation, result: first, seconds: seconds, rounds: lp.pricingRounds, iterations: lp.iterations + first.iterations)
        }
        guard converged else {
            // A limit stopped pricing (and left the MIP little time): a plan of
            // the MIP over the columns present, if any, is feasible, but neither
            // it nor its bound is optimal for all columns. (Without one the
            // planner falls back on a plan of its own.)
            first.bestBound = nil
            if first.hasFeasiblePoint {
                first.termination = .limitReached
                first.limit = lp.limit ?? .time
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
        let firstSolved = Solved(formulation: formulation, result: first, seconds: seconds, rounds: lp.pricingRounds, iterations: lp.iterations + first.iterations)
        for key in extra { formulation.add(key) }
        var finalModel = formulation.model
        if !problem.hasSideConstraints {
            for v in finalModel.variables { finalModel.setInteger(v, true) }
        }
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
            kept.result.bestBound = lpObjective
            kept.seconds = seconds
            kept.iterations += final.iterations
            return kept
        }
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
            if let why = CompatibilityRule.check(c, s, distanceKm: distance.km(from: c, to: s), outsideNetworkBanned: problem.landscape.bansPlacement(of: c, at: s)) {
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
