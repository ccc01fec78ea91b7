import LinearProgramming
public import PlacementModel

/// SPEC §9 `careplace explain CASE`: for one child, every service offering
/// its care that is closer, or would start sooner, than the one the plan
/// gives it: either the rule that excludes it, or the exact extra cost of
/// the best plan that gives the child that service (equal to pinning it
/// there and planning again) and who would then move where.
public struct AlternativesExplainer: Sendable {
    public let planner: Planner

    public init(planner: Planner) { self.planner = planner }

    public struct Move: Sendable, Equatable {
        public var child: CaseID
        public var from: ServiceID?
        public var to: ServiceID?
    }

    public struct Alternative: Sendable, Equatable {
        public var service: ServiceID
        public var distanceKm: Double
        /// The earliest day a place there is free for this child, nil when
        /// none is within the horizon.
        public var earliestStart: Day?
        /// The rule that excludes the service, nil when it is allowed.
        public var excludedBy: Incompatibility?
        /// Allowed, but no place there can be the child's within the horizon
        /// (every place is held by a pinned child, or there is none).
        public var noPlace = false
        /// The best plan with the child there, minus the plan's objective.
        public var extraCost: Double?
        public var moves: [Move] = []
    }

    public struct Result: Sendable {
        public var child: CaseID
        /// The child's age, said with an age rule.
        public var age: Int
        public var service: ServiceID?
        public var distanceKm: Double?
        public var start: Day?
        public var objective: Double
        public var alternatives: [Alternative]
    }

    public struct UnknownCase: Error, CustomStringConvertible {
        public var child: String
        public var description: String { "case \(child) is not in the cases file" }
    }

    /// `jobs`: threads for the base plan's search and the leaves' beside it
    /// (the answer does not depend on it).
    public func explain(_ child: CaseID, landscape: Landscape, cases: [Case], jobs: Int = 1) throws -> Result {
        guard let c = cases.firstIndex(where: { $0.id == child }) else { throw UnknownCase(child: child.rawValue) }
        let problem = PlacementProblem(landscape: landscape, cases: cases, roomForOneMore: true)
        let engine = try Engine(problem: problem, planner: planner, leaves: true, jobs: jobs)
        let own = engine.base.services[c]
        let ownDistance = engine.base.distances[c], ownStart = engine.base.starts[c]
        var alternatives: [Alternative] = []
        for (s, service) in landscape.services.enumerated() where s != own && CompatibilityRule.careType(cases[c], service) == nil {
            var alternative = describe(c, s, problem)
            if let ownDistance, let ownStart {
                let closer = alternative.distanceKm < ownDistance - 1e-9
                let sooner = alternative.earliestStart.map { $0 < ownStart } ?? false
                guard closer || sooner else { continue }
            }
            if alternative.excludedBy == nil { try price(&alternative, c, s, engine) }
            alternatives.append(alternative)
        }
        alternatives.sort { ($0.distanceKm, $0.service.rawValue) < ($1.distanceKm, $1.service.rawValue) }
        return Result(
            child: child, age: cases[c].age, service: own.map { landscape.services[$0].id }, distanceKm: ownDistance,
            start: ownStart, objective: engine.base.objective, alternatives: alternatives)
    }

    /// Distance, earliest start and the excluding rule of service s for case c.
    func describe(_ c: Int, _ s: Int, _ problem: PlacementProblem) -> Alternative {
        let child = problem.cases[c], service = problem.landscape.services[s]
        let km = DistanceRule(landscape: problem.landscape).km(from: child, to: service)
        let release = problem.groupsOfService[s].first { problem.slotGroups[$0].count > 0 }.map { problem.slotGroups[$0].release }
        let rule = CompatibilityRule.check(child, service, distanceKm: km, outsideNetworkBanned: problem.landscape.bansPlacement(of: child, at: service))
        return Alternative(
            service: service.id, distanceKm: km, earliestStart: release.map { problem.costModel.startDate(child, release: $0) }, excludedBy: rule)
    }

    /// The extra cost of the best plan with c at s, and who moves.
    func price(_ alternative: inout Alternative, _ c: Int, _ s: Int, _ engine: Engine) throws {
        guard let pinned = try engine.pinned(c, to: s)?.totals else {
            alternative.noPlace = true
            return
        }
        alternative.extraCost = pinned.objective - engine.base.objective
        let services = engine.problem.landscape.services
        for (k, (before, after)) in zip(engine.base.services, pinned.services).enumerated() where k != c && before != after {
            alternative.moves.append(Move(child: engine.problem.cases[k].id, from: before.map { services[$0].id }, to: after.map { services[$0].id }))
        }
    }
}

extension Engine {
    /// The plan with case c pinned to service s: leaf by leaf under sibling
    /// and conflict rules; else warm on the flow without them when that
    /// keeps them, else planned again; nil when no plan can give the child
    /// that service. `totals`: the plan's services and KPIs too (who moves),
    /// else only its cost.
    func pinned(_ c: Int, to s: Int, totals: Bool = true) throws -> Pinned? {
        if let found = pinnedInLeaves(c, to: s, totals: totals) { return found }
        // the case moved there warm: the answer when it keeps the side rules
        // (a relaxation's optimum within them)
        switch moved(c, to: s, on: relaxed.flow, costing: relaxedObjective) {
        case .noWay: return nil
        case .moved(let flow, let objective) where keepsSideRules(flow): return Pinned(flow, objective, totals: totals)
        case .moved, .notForced: break
        }
        return try pinnedAgain(c, to: s).map { Pinned(objective: $0.objective, totals: $0) }
    }

    /// The same, the relaxed plan's warm answer breaking a rule: pinned on
    /// it and searched, else planned again cold.
    private func pinnedAgain(_ c: Int, to s: Int) throws -> PlanTotals? {
        var state = relaxed
        switch Result(catching: { () throws(PlanState.Failure) in try state.pin(case: c, toService: s) }) {
        case .success: break
        case .failure(.pinsCannotHold), .failure(.notCompatible): return nil
        case .failure(let failure): throw SolverError.solverFailure("the plan could not be changed: \(failure)")
        }
        if keepsSideRules(state.flow) { return state.totals }
        if let found = searched(state) { return found }
        var cases = problem.cases
        cases[c].pinnedService = problem.landscape.services[s].id
        do {
            return PlanTotals(try planner.plan(PlacementProblem(landscape: problem.landscape, cases: cases, roomForOneMore: true)))
        } catch is InfeasiblePlanError {
            return nil
        }
    }
}

extension AlternativesExplainer {
    /// One row of explanations.csv: a placed child, the nearest service
    /// the rules allow it that the plan does not give it, and the exact
    /// extra cost of giving it that one (nil when no plan can).
    public struct Nearest: Sendable, Equatable {
        public var child: CaseID
        public var service: ServiceID
        public var distanceKm: Double
        public var nearest: ServiceID?
        public var nearestKm: Double?
        public var extraCost: Double?
    }

    /// Every placed child's nearest other allowed service and its extra cost,
    /// `jobs` threads sharing the children (the answers do not depend on it).
    /// `given`: each case's service in the plan the rows are about (a
    /// written plan; optimal plans may differ where costs tie), by default
    /// the engine's own. `planned`: an optimal plan of this input at hand
    /// (the one the rows are about), so that it is not planned again.
    public func nearest(
        landscape: Landscape, cases: [Case], given: [ServiceID?]? = nil, planned: Plan? = nil, jobs: Int = 1,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [Nearest] {
        let problem = PlacementProblem(landscape: landscape, cases: cases, roomForOneMore: true)
        let known = planned.flatMap { $0.status == .optimal ? PlanTotals($0) : nil }
        var ready = try Engine(problem: problem, planner: planner, base: known, leaves: true, jobs: jobs)
        // a floor under each leaf whose plan breaks a rule: searched once here, not per child
        try ready.deepenLeaves(jobs: jobs)
        let engine = ready
        let index = Dictionary(uniqueKeysWithValues: landscape.services.enumerated().map { ($1.id, $0) })
        let own: [Int?] = given.map { $0.map { $0.flatMap { index[$0] } } } ?? engine.base.services
        let placed = cases.indices.filter { own[$0] != nil }
        let cancellation = planner.parameters.cancellation
        return try Chunked.each(placed.count, jobs: jobs, progress: progress) { k in
            // stopped: the rows left would come from cut-short re-plans
            if cancellation?.isCancelled == true { throw CancellationError() }
            return try nearest(placed[k], own: own[placed[k]], engine)
        }
    }

    func nearest(_ c: Int, own: Int?, _ engine: Engine) throws -> Nearest {
        let problem = engine.problem
        let services = problem.landscape.services
        // the case's pairs are the services the rules allow it
        let other = problem.pairRanges[c].map { problem.pairs[$0] }.filter { Int($0.serviceIndex) != own }
            .min { ($0.distanceKm, services[Int($0.serviceIndex)].id.rawValue) < ($1.distanceKm, services[Int($1.serviceIndex)].id.rawValue) }
        let ownKm = own.map { s in problem.pairRanges[c].map { problem.pairs[$0] }.first { Int($0.serviceIndex) == s }?.distanceKm ?? 0 } ?? 0
        var row = Nearest(child: problem.cases[c].id, service: own.map { services[$0].id } ?? ServiceID(""), distanceKm: ownKm)
        guard let other else { return row }
        row.nearest = services[Int(other.serviceIndex)].id
        row.nearestKm = other.distanceKm
        // at least 0 (the base plan is optimal): rounding left out
        row.extraCost = try engine.pinned(c, to: Int(other.serviceIndex), totals: false).map { max(0, $0.objective - engine.base.objective) }
        return row
    }
}
