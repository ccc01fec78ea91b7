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
    /// Why an unplaced case is unplaced (nil when placed).
    public var explanation: Explanation?

    public var reason: UnplacedReason? { explanation?.reason }

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
    /// Nodes of the flow's branch-and-bound over sibling and conflict rules (0 without it).
    public var searchNodes = 0

    public var placedCount: Int { assignments.filter(\.isPlaced).count }
}

/// The plan cannot be made: e.g. contradictory pins (exit code 3).
public struct InfeasiblePlanError: Error, Sendable, CustomStringConvertible {
    public var causes: [String]
    public var description: String {
        (["no plan satisfies the decisions already taken:"] + causes.map { "  " + $0 }).joined(separator: "\n")
    }
}
