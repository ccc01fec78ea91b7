
/// GLPK-specific parameters. Every field is optional; a field that is set
/// wins over the portable ``SolveParameters`` and over the defaults.
///
/// The LP defaults are measured on placement-shaped LPs (children x services,
/// each child with a costly "unplaced" column), where GLPK's primal simplex
/// with presolve was the fastest: on 1000 x 50, 255 ms against 393 ms for
/// GLPK's own defaults (no presolve) and 544 ms for the dual simplex with the
/// long-step ratio test; on 3000 x 150 (glpsol) 8.1 s against 31.8 s for the
/// dual. On the pure transportation LP without the unplaced columns the dual
/// with long-step wins instead (697 ms against 976 ms at 1000 x 50): choose
/// it with `simplexMethod = .dualThenPrimal` (or `SolveParameters.lpMethod =
/// .dualSimplex`). Projected steepest edge pricing throughout; Harris ratio
/// test for the primal, long-step ("flip") for the dual and inside
/// branch-and-bound.
///
/// MIPs use GLPK's MIP presolver, Driebeck–Tomlin branching, best-local-bound
/// backtracking and no cuts: cover cuts showed data races under parallel
/// solves, and the feasibility pump and proximity search overshoot time
/// limits, so all of those are off unless asked for.
public struct GLPKParameters: Sendable, Equatable {
    public enum SimplexMethod: Int32, Sendable { case primal = 1, dualThenPrimal = 2, dual = 3 }
    public enum Pricing: Int32, Sendable { case textbook = 1, projectedSteepestEdge = 2 }
    public enum RatioTest: Int32, Sendable { case textbook = 1, harris = 2, longStep = 3 }
    public enum Branching: Int32, Sendable {
        case firstFractional = 1, lastFractional = 2, mostFractional = 3, driebeckTomlin = 4, hybridPseudoCost = 5
    }
    public enum Backtracking: Int32, Sendable {
        case depthFirst = 1, breadthFirst = 2, bestLocalBound = 3, bestProjection = 4
    }
    public enum Preprocessing: Int32, Sendable { case none = 0, root = 1, all = 2 }
    public enum MessageLevel: Int32, Sendable { case off = 0, errors = 1, normal = 2, all = 3 }

    public var timeLimit: Double?
    public var iterationLimit: Int?
    public var relativeGap: Double?
    public var simplexMethod: SimplexMethod?
    public var interiorPoint: Bool?
    public var pricing: Pricing?
    public var ratioTest: RatioTest?
    public var presolve: Bool?
    public var mipPresolve: Bool?
    public var branching: Branching?
    public var backtracking: Backtracking?
    public var preprocessing: Preprocessing?
    public var gomoryCuts: Bool?
    public var mirCuts: Bool?
    public var coverCuts: Bool?
    public var cliqueCuts: Bool?
    public var feasibilityPump: Bool?
    public var proximitySearch: Bool?
    public var simpleRounding: Bool?
    public var primalTolerance: Double?
    public var dualTolerance: Double?
    public var pivotTolerance: Double?
    public var integerTolerance: Double?
    /// How much GLPK writes to the captured log (never to the terminal).
    public var messageLevel: MessageLevel?

    public init() {}

    public func validate() -> [String] {
        var problems: [String] = []
        if let t = timeLimit, !(t > 0) { problems.append("glpk time limit is \(t) s; expected a positive number") }
        if let g = relativeGap, !(g >= 0 && g.isFinite) { problems.append("glpk relative gap is \(g); expected a finite number >= 0") }
        if let k = iterationLimit, k <= 0 { problems.append("glpk iteration limit is \(k); expected a positive whole number") }
        for (name, value) in [("primal", primalTolerance), ("dual", dualTolerance), ("pivot", pivotTolerance), ("integer", integerTolerance)] {
            if let v = value, !(v > 0 && v < 1) { problems.append("glpk \(name) tolerance is \(v); expected a number in (0, 1)") }
        }
        return problems
    }
}
