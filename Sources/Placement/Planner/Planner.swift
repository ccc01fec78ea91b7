public import LinearProgramming
public import PlacementModel

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
    /// Sibling and conflict rules: nodes of the flow's branch-and-bound
    /// before GLPK takes over (a node costs some 25 ms at 3,000 children).
    public var sideRuleNodeLimit = 20_000

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
        try finite(planChecked(problem))
    }

    /// ``plan(_:)`` when the optimal flow of the plan without sibling and
    /// conflict rules is at hand (`relaxed`, of this problem): the same plan,
    /// without solving that flow again.
    func plan(_ problem: PlacementProblem, relaxed: Flow) throws -> Plan {
        guard method == .automatic else { return try plan(problem) }
        let started = ContinuousClock.now
        let solution = TransportationSolver(problem: problem).certify(relaxed)
        switch planFromRelaxation(problem, solution, root: relaxed, shouldStop: stopping(started), started: started) {
        case .planned(let plan): return try finite(plan)
        case .needsGLPK: return try plan(problem)
        }
    }

    private func finite(_ plan: Plan) throws -> Plan {
        // the inputs' limits keep every cost finite; should one not be, say so, never "optimal"
        guard plan.objective.isFinite, plan.bound.map(\.isFinite) ?? true else {
            throw SolverError.solverFailure("the plan's objective is \(plan.objective) (bound \(plan.bound.map { "\($0)" } ?? "none")): not a finite number; the weights or distances overflow")
        }
        return plan
    }

    private func planChecked(_ problem: PlacementProblem) throws -> Plan {
        try checkPins(problem)
        let started = ContinuousClock.now
        guard method == .automatic else {
            return try planByGLPK(problem, seed: nil, fallback: nil, parameters: parameters, started: started)
        }
        switch try planByFlow(problem, started: started) {
        case .planned(let plan):
            return plan
        case .needsGLPK(let seed, let fallback):
            // GLPK gets what is left of the time limit
            var glpkParameters = parameters
            if let limit = parameters.timeLimit {
                glpkParameters.timeLimit = max(0.001, limit - Self.seconds(since: started))
            }
            return try planByGLPK(problem, seed: seed, fallback: fallback, parameters: glpkParameters, started: started)
        }
    }

    /// A plan kept for when a limit stops GLPK before it finds a better one, with its bound.
    typealias Fallback = (chosen: [ColumnKey?], bound: Double)

    enum FlowOutcome {
        /// The flow's plan is the answer: optimal and within every rule, or the best under a limit.
        case planned(Plan)
        /// Sibling or conflict rules cut the flow's plan off (or a limit left no plan):
        /// GLPK's turn, with the flow's columns to start from and a plan to fall back on.
        case needsGLPK(seed: [ColumnKey]?, fallback: Fallback?)
    }

    /// Whether a plan started at `started` must stop: cancelled, or past
    /// the time limit.
    func stopping(_ started: ContinuousClock.Instant) -> @Sendable () -> Bool {
        let deadline = parameters.timeLimit.map { started + .seconds($0) }
        let cancellation = parameters.cancellation
        return { cancellation?.isCancelled == true || deadline.map { ContinuousClock.now >= $0 } == true }
    }

    /// The transportation optimum by min-cost flow, proven with its duals.
    func planByFlow(_ problem: PlacementProblem, started: ContinuousClock.Instant) throws -> FlowOutcome {
        let cancellation = parameters.cancellation
        let shouldStop = stopping(started)
        let progress = { (done: Int, total: Int) -> Void in cancellation?.report(done: done, of: total) }
        let (outcome, rootFlow) = TransportationSolver(problem: problem).solveKeepingFlow(shouldStop: shouldStop, progress: progress)
        switch outcome {
        case .pinsCannotHold:
            throw InfeasiblePlanError(causes: pinConflicts(problem))
        case .stopped(let partial):
            // a limit: the plan so far (every pin holds), kept within the side rules
            if let partial, let repaired = withinSideConstraints(problem, completedGreedily(problem, partial)) {
                return .planned(makePlan(
                    problem, chosen: repaired, status: .feasible, objective: objective(problem, repaired),
                    bound: simpleBound(problem), seconds: Self.seconds(since: started)))
            }
            return .needsGLPK(seed: nil, fallback: nil)
        case .solved(let flow):
            return planFromRelaxation(problem, flow, root: rootFlow, shouldStop: shouldStop, started: started)
        }
    }

    /// The plan from the optimal flow of the plan without sibling and
    /// conflict rules (`flow`, its proof; `root`, the flow itself): that
    /// plan when it keeps them, else the side-rule search from it.
    func planFromRelaxation(
        _ problem: PlacementProblem, _ flow: TransportationSolver.Solution, root rootFlow: Flow, shouldStop: () -> Bool,
        started: ContinuousClock.Instant
    ) -> FlowOutcome {
        let cancellation = parameters.cancellation
        let seconds = Self.seconds(since: started)
        if flow.certified && respectsSideConstraints(problem, flow.chosen) {
            // optimal for the transportation relaxation and allowed by every rule: optimal
            var plan = makePlan(
                problem, chosen: flow.chosen, status: .optimal, objective: flow.objective,
                bound: flow.bound, seconds: seconds)
            plan.columnsUsed = problem.columnCount
            plan.byFlow = true
            return .planned(plan)
        }
        guard flow.certified else { return .needsGLPK(seed: nil, fallback: nil) }
        // Only a limit makes the fallback count: then it is worth a few
        // warm re-solves of the flow.
        var mended = withinSideConstraints(problem, flow.chosen)
        if parameters.timeLimit != nil || cancellation != nil,
           let solved = solvedWithinSideConstraints(problem, flow, shouldStop: shouldStop),
           objective(problem, solved) < mended.map({ objective(problem, $0) }) ?? .infinity {
            mended = solved
        }
        return searchSideRules(problem, root: rootFlow, flow, incumbent: mended, shouldStop: shouldStop, started: started)
    }

    /// The side rules by branch-and-bound on the flow (``SideRuleSearch``):
    /// optimal when it ends; under a limit its best plan and bound; when it
    /// gives up (its node limit, or a node it cannot prove), GLPK's turn with
    /// the best plan so far to fall back on.
    func searchSideRules(
        _ problem: PlacementProblem, root: Flow, _ flow: TransportationSolver.Solution, incumbent: [ColumnKey?]?,
        shouldStop: () -> Bool, started: ContinuousClock.Instant
    ) -> FlowOutcome {
        var search = SideRuleSearch(problem: problem, planner: self, root: root)
        search.nodeLimit = sideRuleNodeLimit
        switch search.run(incumbent: incumbent, shouldStop: shouldStop) {
        case .optimal(let chosen, let objective, let nodes):
            var plan = makePlan(problem, chosen: chosen, status: .optimal, objective: objective, bound: objective, seconds: Self.seconds(since: started))
            plan.columnsUsed = problem.columnCount
            plan.byFlow = true
            plan.searchNodes = nodes
            return .planned(plan)
        case .stopped(let best, let bound, let nodes):
            if shouldStop(), let best {
                var plan = makePlan(
                    problem, chosen: best.chosen, status: .feasible, objective: best.objective, bound: bound, seconds: Self.seconds(since: started))
                plan.columnsUsed = problem.columnCount
                plan.byFlow = true
                plan.searchNodes = nodes
                return .planned(plan)
            }
            return .needsGLPK(seed: flowColumns(problem, flow), fallback: best.map { ($0.chosen, bound) })
        case .unproven:
            return .needsGLPK(seed: flowColumns(problem, flow), fallback: incumbent.map { ($0, flow.bound) })
        }
    }

    /// GLPK's plan (column generation, branch-and-bound), or under a limit
    /// the fallback when GLPK found nothing better.
    func planByGLPK(
        _ problem: PlacementProblem, seed: [ColumnKey]?, fallback: Fallback?, parameters glpkParameters: SolveParameters,
        started: ContinuousClock.Instant
    ) throws -> Plan {
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
        return try plan(from: solved, problem)
    }

    /// The plan GLPK's solution gives: per case its column with value above one half.
    func plan(from solved: Solved, _ problem: PlacementProblem) throws -> Plan {
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
}
