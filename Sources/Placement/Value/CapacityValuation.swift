import LinearProgramming
public import PlacementModel

/// SPEC §8: the exact value of one place more, and one fewer, at every
/// service. Without sibling and conflict rules each answer is a warm change
/// of the optimal flow (``PlanState``). With them, the same warm change of
/// the plan without those rules is the answer when it keeps them (a
/// relaxation's optimum that is feasible is optimal); otherwise the changed
/// input is planned again from scratch. Either way the value equals
/// planning again with `setCapacity` one higher or lower.
public struct CapacityValuation: Sendable {
    public let planner: Planner

    public init(planner: Planner) { self.planner = planner }

    public struct Result: Sendable {
        public var problem: PlacementProblem
        public var base: PlanTotals
        /// Per service (landscape order, or the order asked for).
        public var values: [ServiceValue]
    }

    /// Every service's value (or those of `only`, indices into the
    /// landscape's services); `addOnly` leaves `removeOne` out; `jobs`
    /// threads share the services (the answers do not depend on it).
    public func values(
        landscape: Landscape, cases: [Case], only: [Int]? = nil, addOnly: Bool = false, jobs: Int = 1,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Result {
        let problem = PlacementProblem(landscape: landscape, cases: cases, roomForOneMore: true)
        var ready = try Engine(problem: problem, planner: planner, leaves: true, jobs: jobs)
        try ready.searchFromSink(jobs: jobs)
        let engine = ready
        let services = only ?? Array(landscape.services.indices)
        let values = try Chunked.each(services.count, jobs: jobs, progress: progress) { k in
            try engine.value(ofService: services[k], addOnly: addOnly)
        }
        return Result(problem: problem, base: engine.base, values: values)
    }
}

/// The base plan and the way to answer one service's change.
struct Engine: Sendable {
    let problem: PlacementProblem
    let planner: Planner
    let base: PlanTotals
    /// The optimal flow of the plan without sibling and conflict rules.
    let relaxed: PlanState
    /// Its plan's cost.
    let relaxedObjective: Double
    /// `relaxed`'s flow after one search from the sink: every service's
    /// place more at once (``Flow/searchFromSink()``).
    var tree: Flow?
    /// With sibling and conflict rules the relaxed plan breaks: the leaves
    /// of the base plan's side-rule search with their flows, by bound
    /// (``prepareLeaves()``).
    var leaves: [LeafFlow]?
    /// What branching on each rule cost in the leaves' search: each
    /// what-if's search starts from them (no strong branching again).
    var rises: [Int: Double] = [:]

    /// `known`: the optimal plan of `problem` when at hand (a plan of the
    /// same input just made), else planned here. `leaves`: the leaves too
    /// (``prepareLeaves()``); with `jobs` above 1 their search runs beside
    /// the base plan's own (both start from the relaxed flow, neither reads
    /// the other: the same engine whatever `jobs`).
    init(problem: PlacementProblem, planner: Planner, base known: PlanTotals? = nil, leaves: Bool = false, jobs: Int = 1) throws {
        let (relaxed, root) = try Self.relaxedState(problem, planner)
        let totals = relaxed.totals
        let probe = Engine(problem: problem, planner: planner, relaxed: relaxed, relaxedObjective: totals.objective, base: known ?? totals)
        guard known == nil, problem.hasSideConstraints, !planner.respectsSideConstraints(problem, relaxed.assignments) else {
            self = probe
            if leaves { prepareLeaves() }
            return
        }
        // the plan's side-rule search from this flow: not solved again
        let both = try Chunked.each(leaves ? 2 : 1, jobs: jobs) { k -> (PlanTotals?, FoundLeaves?) in
            k == 0 ? (PlanTotals(try planner.plan(problem, relaxed: root)), nil) : (nil, probe.searchLeaves())
        }
        guard let base = both[0].0 else { throw SolverError.solverFailure("the plan was not made") }
        self = Engine(problem: problem, planner: planner, relaxed: relaxed, relaxedObjective: totals.objective, base: base)
        if leaves, let found = both.last?.1 { adopt(found) }
    }

    private init(problem: PlacementProblem, planner: Planner, relaxed: PlanState, relaxedObjective: Double, base: PlanTotals) {
        self.problem = problem
        self.planner = planner
        self.relaxed = relaxed
        self.relaxedObjective = relaxedObjective
        self.base = base
    }

    /// The optimal state of `problem` without sibling and conflict rules
    /// (its flow sharing its arcs with the what-ifs' copies), and its flow
    /// as planned (sorting its arcs: for the base plan's search).
    private static func relaxedState(_ problem: PlacementProblem, _ planner: Planner) throws -> (PlanState, Flow) {
        var withoutSideRules = problem
        withoutSideRules.siblingGroups = []
        withoutSideRules.conflicts = []
        switch Result(catching: { () throws(PlanState.Failure) in try PlanState(withoutSideRules) }) {
        case .success(var state):
            let root = state.flow
            // the what-ifs copy this state: let them share its arcs
            state.flow.resortsArcs = false
            return (state, root)
        case .failure(let failure) where failure == .pinsCannotHold: throw InfeasiblePlanError(causes: planner.pinConflicts(problem))
        case .failure(let failure): throw SolverError.solverFailure("the plan could not be kept warm: \(failure)")
        }
    }

    /// Readies one more place at every service from a single search (only
    /// when nothing is owed in the flow: then each service's own search
    /// would go the same way until it reaches the service's group).
    /// The leaves' flows (``prepareLeaves()`` first) get theirs too, `jobs`
    /// threads sharing the searches.
    mutating func searchFromSink(jobs: Int = 1) throws {
        guard relaxed.flow.sinkDemand == 0 else { return }
        let flows = [relaxed.flow] + (leaves ?? []).map(\.state.flow)
        let trees = try Chunked.each(flows.count, jobs: jobs) { k -> Flow? in
            guard flows[k].sinkDemand == 0 else { return nil }
            var tree = flows[k]
            tree.searchFromSink()
            return tree
        }
        tree = trees[0]
        for k in (leaves ?? []).indices { leaves?[k].tree = trees[k + 1] }
    }

    /// Whether a warm answer of the plan without sibling and conflict rules
    /// keeps them (then it is the answer with them too): each case's
    /// facility read from the flow (a pin renumbers pairs: the flow's own).
    func keepsSideRules(_ flow: Flow) -> Bool {
        guard problem.hasSideConstraints else { return true }
        return planner.respectsSideConstraints(problem, facility: flow.facility(ofCase:))
    }

    /// The state's problem with the sibling and conflict rules.
    func withRules(_ state: PlanState) -> PlacementProblem {
        var withRules = state.problem
        withRules.siblingGroups = problem.siblingGroups
        withRules.conflicts = problem.conflicts
        return withRules
    }

    /// The optimum with the sibling and conflict rules from a warm state
    /// that breaks them: the flow's branch-and-bound from the state's flow
    /// (``SideRuleSearch``), without the pairs `within` takes away (a leaf's
    /// own search), in at most `nodes` nodes (by default the planner's
    /// limit), only plans below `ceiling` sought. `.some(nil)` when no plan
    /// keeps the pins (and costs less than the ceiling); nil when the search
    /// gives up (then search or plan again more widely). A plan returned at
    /// or above the ceiling is one plan, not proven the best.
    func searched(
        _ state: PlanState, within excluded: SideRuleSearch.Exclusions = [:], nodes: Int? = nil, below ceiling: Double = .infinity
    ) -> PlanTotals?? {
        var search = whatIfSearch(from: state, nodes: nodes ?? .max)
        search.ceiling = ceiling
        let cancellation = planner.parameters.cancellation
        let rules = search.problem
        let result = search.run(
            incumbent: planner.withinSideConstraints(rules, state.assignments), within: excluded,
            shouldStop: { cancellation?.isCancelled == true })
        switch result {
        case .optimal(let chosen, let objective, _): return .some(PlanTotals(rules, chosen: chosen, objective: objective))
        case .stopped(nil, let bound, _) where bound == .infinity: return .some(nil)
        case .stopped, .unproven: return nil
        }
    }

    /// The side-rule search of a what-if from `state`'s flow, with the
    /// rules: without prices (a leaf's bound is then its best plan, and a
    /// what-if's search is small: the base plan's rules mostly hold), from
    /// the leaves' search's pseudo-costs, in at most `nodes` nodes (and the
    /// planner's limit).
    func whatIfSearch(from state: PlanState, nodes: Int) -> SideRuleSearch {
        var search = SideRuleSearch(problem: withRules(state), planner: planner, root: state.flow)
        search.pricesRules = false
        search.rises = rises
        search.nodeLimit = min(planner.sideRuleNodeLimit, nodes)
        return search
    }

    func value(ofService s: Int, addOnly: Bool) throws -> ServiceValue {
        let free = SlotRule.freePlaces(problem.landscape.services[s])
        guard let up = try changed(s, by: 1) else {
            throw SolverError.solverFailure("one more place at \(problem.landscape.services[s].id) could not be planned")
        }
        let down = addOnly || free == 0 ? nil : try changed(s, by: -1)
        return ServiceValue(service: s, freeNow: free, addOne: up, removeOne: down)
    }

    /// The plan with `delta` places more at service `s`; nil when the pins
    /// cannot all hold then.
    func changed(_ s: Int, by delta: Int) throws -> CapacityChange? {
        func change(_ totals: PlanTotals, replanned: Bool) -> CapacityChange {
            CapacityChange(from: base, to: totals, service: s, cases: problem.cases, replanned: replanned)
        }
        // the leaves first when the tree's plan (the relaxed flow's own)
        // breaks the rules: so does the warm change below; and for one
        // place fewer (its warm change seldom keeps them)
        var broken = false
        if delta == 1, let tree {
            var state = relaxed
            state.addPlace(ofService: s, along: tree)
            if keepsSideRules(state.flow) { return change(state.totals, replanned: false) }
            broken = true
        } else if delta < 0 {
            broken = leaves != nil
        }
        if broken, let answer = changedInLeaves(s, by: delta) { return answer.map { change($0, replanned: true) } }
        var state = relaxed
        let outcome = Result { () throws(PlanState.Failure) in try state.changeCapacity(ofService: s, by: delta) }
        switch outcome {
        case .success: break
        case .failure(let failure) where failure == .pinsCannotHold: return nil
        case .failure(let failure): throw SolverError.solverFailure("the plan could not be changed: \(failure)")
        }
        if !broken {
            if keepsSideRules(state.flow) { return change(state.totals, replanned: false) }
            if let answer = changedInLeaves(s, by: delta) { return answer.map { change($0, replanned: true) } }
        }
        if let found = searched(state) { return found.map { change($0, replanned: true) } }
        var landscape = problem.landscape
        landscape.services[s].capacity += delta
        guard let changedProblem = problem.withPlaces(of: landscape) else {
            throw SolverError.solverFailure("the changed landscape could not be planned")
        }
        do {
            let plan = try planner.plan(changedProblem)
            return CapacityChange(from: base, to: PlanTotals(plan), service: s, cases: problem.cases, replanned: true)
        } catch is InfeasiblePlanError {
            return nil
        }
    }
}
