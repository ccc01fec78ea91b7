/// A solver for ``LinearModel``s. Solving is synchronous and thread-safe:
/// call it from any thread, including several at once.
public protocol LinearSolver: Sendable {
    /// A short name for reports ("GLPK 5.0").
    var name: String { get }

    /// Validates and solves `model`. Throws ``SolverError`` when the model or
    /// parameters are invalid or the solver fails; an infeasible or unbounded
    /// model is a result, not an error.
    func solve(_ model: LinearModel, parameters: SolveParameters) throws -> SolveResult
}

extension LinearSolver {
    public func solve(_ model: LinearModel) throws -> SolveResult {
        try solve(model, parameters: SolveParameters())
    }
}

/// A solver that can grow an LP while solving it: after each LP solve the
/// `price` callback sees the duals and returns new columns (empty to stop);
/// the solver adds them and re-solves warm from the previous basis. Integer
/// variables are enforced afterwards, over all columns present.
public protocol ColumnGeneratingSolver: LinearSolver {
    /// On return `model` holds every column that was added, in order; the
    /// result's values cover all of them.
    func solve(
        _ model: inout LinearModel, parameters: SolveParameters,
        price: (PricingRound) throws -> ColumnBatch
    ) throws -> SolveResult
}

/// Why a solve could not be carried out.
public enum SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model (or parameters) failed validation; nothing reached the solver.
    case invalidModel([ModelProblem])
    case invalidParameters([String])
    /// The solver library reported a fatal error, caught; the process goes on.
    case solverFailure(String)
    /// The pricing callback threw; its error's description.
    case pricingFailed(String)

    public var description: String {
        switch self {
        case .invalidModel(let problems):
            return Self.list("the model is invalid", problems.map(\.message))
        case .invalidParameters(let problems):
            return Self.list("the solver parameters are invalid", problems)
        case .solverFailure(let message):
            return "the solver failed: \(message)"
        case .pricingFailed(let message):
            return "column generation stopped: \(message)"
        }
    }

    private static func list(_ head: String, _ items: [String]) -> String {
        let shown = items.prefix(20).map { "  - \($0)" }
        let more = items.count > 20 ? ["  … and \(items.count - 20) more"] : []
        return ([head + " (\(items.count) problem\(items.count == 1 ? "" : "s")):"] + shown + more).joined(separator: "\n")
    }
}
