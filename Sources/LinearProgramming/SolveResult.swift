/// Why the solver stopped.
public enum TerminationReason: String, Sendable, Equatable {
    /// Proven optimal (for a MIP: within the requested relative gap).
    case optimal
    case infeasible
    case unbounded
    /// The solver proved one of the two but not which.
    case infeasibleOrUnbounded
    /// A limit (see ``Limit``) stopped it first.
    case limitReached
    /// The solver gave up for numerical reasons.
    case numericalError
}

/// Which limit stopped a solve.
public enum Limit: String, Sendable, Equatable {
    case time, iterations, cancelled, objective
}

/// What kind of point the solver returned.
public enum PointStatus: String, Sendable, Equatable {
    /// No point.
    case none
    /// Feasible, not proven optimal.
    case feasible
    /// Feasible and optimal.
    case optimal
    /// A point that is not feasible for the model (e.g. a fractional LP
    /// relaxation point of a MIP); kept for diagnosis only.
    case infeasible
}

/// The outcome of a solve, in two parts (why it stopped; what it returned)
/// as in MathOptInterface and OR-Tools MathOpt.
public struct SolveResult: Sendable {
    public var termination: TerminationReason
    public var limit: Limit?
    public var pointStatus: PointStatus
    /// Objective of the returned point (including the offset).
    public var objective: Double?
    /// Best proven bound on the optimum (lower for minimisation).
    public var bestBound: Double?
    /// Values of all variables, empty without a point.
    public var values: [Double]
    /// `A x` for every row, empty without a point.
    public var rowActivities: [Double]
    /// Row duals and reduced costs (LPs only).
    public var rowDuals: [Double]?
    public var reducedCosts: [Double]?
    /// Final simplex basis (simplex LPs only), usable as a warm start.
    public var basis: Basis?
    public var iterations: Int
    public var nodes: Int
    /// Pricing rounds of a column-generation solve (0 otherwise).
    public var pricingRounds: Int
    public var seconds: Double
    /// The solver's own output, captured (never printed).
    public var log: String

    public init(
        termination: TerminationReason, limit: Limit? = nil, pointStatus: PointStatus,
        objective: Double? = nil, bestBound: Double? = nil, values: [Double] = [],
        rowActivities: [Double] = [], rowDuals: [Double]? = nil, reducedCosts: [Double]? = nil,
        basis: Basis? = nil, iterations: Int = 0, nodes: Int = 0, pricingRounds: Int = 0,
        seconds: Double = 0, log: String = ""
    ) {
        self.termination = termination
        self.limit = limit
        self.pointStatus = pointStatus
        self.objective = objective
        self.bestBound = bestBound
        self.values = values
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.basis = basis
        self.iterations = iterations
        self.nodes = nodes
        self.pricingRounds = pricingRounds
        self.seconds = seconds
        self.log = log
    }

    /// True when the point is feasible and proven optimal (within the gap).
    public var isSolvedAndFeasible: Bool {
        termination == .optimal && (pointStatus == .optimal || pointStatus == .feasible)
    }

    /// True when there is a feasible point, optimal or not.
    public var hasFeasiblePoint: Bool { pointStatus == .optimal || pointStatus == .feasible }

    /// Relative gap `|objective - bound| / max(|objective|, 1e-10)`, when both exist.
    public var relativeGap: Double? {
        guard let objective, let bestBound, hasFeasiblePoint else { return nil }
        let gap = abs(objective - bestBound) / max(abs(objective), 1e-10)
        return gap < 1e-12 ? 0 : gap
    }

    public func value(_ v: Variable) -> Double { values[v.index] }

    /// One word for reports: `optimal`, `feasible` (a limit stopped the solve
    /// with a point), `infeasible`, `unbounded`, `infeasible-or-unbounded`,
    /// `no-solution` (a limit stopped it without one), `numerical-error`.
    public var statusName: String {
        switch termination {
        case .optimal: return hasFeasiblePoint ? "optimal" : "numerical-error"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .infeasibleOrUnbounded: return "infeasible-or-unbounded"
        case .limitReached: return hasFeasiblePoint ? "feasible" : "no-solution"
        case .numericalError: return "numerical-error"
        }
    }
}
