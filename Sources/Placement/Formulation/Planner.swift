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

    public init(solver: any LinearSolver, parameters: SolveParameters = SolveParameters()) {
        self.solver = solver
        self.parameters = parameters
    }

    public func plan(_ input: PlacementInput) throws -> Plan {
        try plan(PlacementProblem(landscape: input.landscape, cases: input.cases))
    }

    public func plan(_ problem: PlacementProblem) throws -> Plan {
        try checkPins(problem)
        let formulation = PlacementFormulation(problem)
        let result = try solver.solve(formulation.model, parameters: parameters)
        guard result.hasFeasiblePoint, let objective = result.objective else {
            if result.termination == .infeasible || result.termination == .infeasibleOrUnbounded {
                throw InfeasiblePlanError(causes: pinConflicts(problem))
            }
            throw SolverError.solverFailure("no plan was found: \(result.statusName)\(result.limit.map { " (\($0) limit)" } ?? "")")
        }
        var assignments: [Assignment] = []
        assignments.reserveCapacity(problem.cases.count)
        var takenBy: [Int: [Int]] = [:] // slot group -> cases placed in it
        var chosen: [Int?] = Array(repeating: nil, count: problem.cases.count)
        for (ci, range) in problem.candidateRanges.enumerated() {
            // the candidate with the largest value (1 in an integral optimum)
            var best: (k: Int, v: Double)?
            for k in range {
                let v = result.values[formulation.candidateVariable[k].index]
                if v > 0.5 && v > (best?.v ?? 0) { best = (k, v) }
            }
            if let best {
                chosen[ci] = best.k
                takenBy[problem.candidates[best.k].group, default: []].append(ci)
            }
        }
        let explainer = Explainer(problem: problem, chosen: chosen, takenBy: takenBy)
        for (ci, c) in problem.cases.enumerated() {
            if let k = chosen[ci] {
                let candidate = problem.candidates[k]
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
        return Plan(
            status: status, objective: objective, bound: result.bestBound, gap: result.relativeGap,
            solveSeconds: result.seconds, assignments: assignments, problem: problem)
    }

    /// A pinned case must get its service: say plainly when it cannot.
    func checkPins(_ problem: PlacementProblem) throws {
        var causes: [String] = []
        let distance = DistanceRule(landscape: problem.landscape)
        for (ci, c) in problem.cases.enumerated() {
            guard let pin = c.pinnedService, problem.candidateRanges[ci].isEmpty else { continue }
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
        for s in problem.landscape.services {
            guard let ids = pinned[s.id] else { continue }
            let places = problem.slotGroups.filter { problem.landscape.services[$0.service].id == s.id }.reduce(0) { $0 + $1.count }
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
