import Synchronization

/// Solver-independent parameters. Every field is optional: `nil` means "the
/// solver's own tuned default". A solver-specific parameter block, where a
/// solver has one, wins over these.
public struct SolveParameters: Sendable {
    public enum LPMethod: String, Sendable, CaseIterable {
        case primalSimplex, dualSimplex, interiorPoint
    }

    /// Wall-clock limit in seconds for the whole solve.
    public var timeLimit: Double?
    /// Stop a MIP once `|objective - bound| / |objective|` is at most this.
    public var relativeGap: Double?
    /// Simplex iteration limit.
    public var iterationLimit: Int?
    public var presolve: Bool?
    public var lpMethod: LPMethod?
    /// Solve the continuous relaxation even when variables are integer.
    public var relaxIntegrality: Bool
    /// Warm start: a basis from an earlier solve of a model with the same rows
    /// and columns (LPs only).
    public var warmStart: Basis?
    /// Request to stop early; the solve then ends with ``Limit/cancelled``.
    public var cancellation: CancellationToken?

    public init(
        timeLimit: Double? = nil, relativeGap: Double? = nil, iterationLimit: Int? = nil,
        presolve: Bool? = nil, lpMethod: LPMethod? = nil, relaxIntegrality: Bool = false,
        warmStart: Basis? = nil, cancellation: CancellationToken? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.iterationLimit = iterationLimit
        self.presolve = presolve
        self.lpMethod = lpMethod
        self.relaxIntegrality = relaxIntegrality
        self.warmStart = warmStart
        self.cancellation = cancellation
    }

    /// Problems with the parameters themselves (negative limits, NaN gap, …).
    public func validate() -> [String] {
        var problems: [String] = []
        if let t = timeLimit, !(t > 0) { problems.append("time limit is \(t) s; expected a positive number of seconds") }
        if let g = relativeGap, !(g >= 0 && g.isFinite) { problems.append("relative gap is \(g); expected a finite number >= 0") }
        if let k = iterationLimit, k <= 0 { problems.append("iteration limit is \(k); expected a positive whole number") }
        return problems
    }
}

/// A simplex basis: the status of every row and column.
public struct Basis: Sendable, Equatable {
    public enum Status: Int8, Sendable {
        case basic = 1, atLower = 2, atUpper = 3, free = 4, fixed = 5
    }
    public var rows: [Status]
    public var columns: [Status]
    public init(rows: [Status], columns: [Status]) {
        self.rows = rows
        self.columns = columns
    }
}

/// A thread-safe flag to ask a running solve to stop, and the solve's
/// progress for whoever shows it (units done of a total, e.g. children).
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    private let done = Atomic<Int>(0)
    private let total = Atomic<Int>(0)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    public func report(done: Int, of total: Int) {
        self.total.store(total, ordering: .relaxed)
        self.done.store(done, ordering: .relaxed)
    }

    public var progress: (done: Int, total: Int) { (done.load(ordering: .relaxed), total.load(ordering: .relaxed)) }
}
