import LinearProgramming
import PlacementModel

extension Planner {
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
                    cost: candidate.cost, explanation: nil))
            } else {
                assignments.append(Assignment(
                    caseID: c.id, candidate: nil, service: nil, cost: problem.costModel.unplacedCost(c),
                    explanation: explainer.whyUnplaced(ci)))
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
}
