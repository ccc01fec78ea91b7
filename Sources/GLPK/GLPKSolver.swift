internal import CGLPKShims
public import LinearProgramming

/// GLPK behind the guarded C shim. A value type holding only parameters: each
/// `solve` creates, solves and deletes its GLPK problem on the calling thread
/// inside one synchronous call, so any number of solves may run at once on
/// different threads.
public struct GLPKSolver: ColumnGeneratingSolver {
    public var parameters: GLPKParameters

    public init(parameters: GLPKParameters = GLPKParameters()) {
        self.parameters = parameters
    }

    /// The linked GLPK's version, e.g. "5.0".
    public static var version: String { String(cString: cpg_glpk_version()) }

    /// careplace needs GLPK 4.65 or later (long-step dual simplex in MIPs,
    /// the error hook contract it relies on).
    public static var isSupportedVersion: Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return false }
        return major > 4 || (major == 4 && (parts.dropFirst().first ?? 0) >= 65)
    }

    public var name: String { "GLPK \(Self.version)" }

    public func solve(_ model: LinearModel, parameters: SolveParameters) throws -> SolveResult {
        try check(model, parameters)
        return try run(model, parameters, pricing: nil)
    }

    public func solve(
        _ model: inout LinearModel, parameters: SolveParameters,
        price: (PricingRound) throws -> ColumnBatch
    ) throws -> SolveResult {
        try check(model, parameters)
        return try withoutActuallyEscaping(price) { price in
            let pricer = Pricer(price: price, model: model)
            defer { model = pricer.model }
            do {
                return try run(model, parameters, pricing: pricer)
            } catch {
                // the callback's own reason beats the shim's "stopped by the callback"
                throw pricer.failure ?? error
            }
        }
    }

    /// Validation happens here, in Swift, so that the shim's guard is only a
    /// last resort.
    private func check(_ model: LinearModel, _ portable: SolveParameters) throws {
        guard Self.isSupportedVersion else {
            throw SolverError.solverFailure("GLPK \(Self.version) is too old; careplace needs 4.65 or later")
        }
        let parameterProblems = portable.validate() + parameters.validate()
        if !parameterProblems.isEmpty { throw SolverError.invalidParameters(parameterProblems) }
        if let basis = portable.warmStart,
           basis.rows.count != model.constraintCount || basis.columns.count != model.variableCount {
            throw SolverError.invalidParameters([
                "warm-start basis has \(basis.rows.count) rows and \(basis.columns.count) columns; the model has \(model.constraintCount) and \(model.variableCount)"
            ])
        }
        let problems = model.validate()
        if !problems.isEmpty { throw SolverError.invalidModel(problems) }
    }

    /// The unvalidated path; internal so that tests can drive the guard.
    func run(_ model: LinearModel, _ portable: SolveParameters, pricing: Pricer?) throws -> SolveResult {
        var p = resolve(portable)
        if parameters.presolve == nil && portable.presolve == nil && Self.presolveMayStall(model, timeLimit: p.time_limit) {
            p.presolve = 0
        }
        var out = cpg_result()
        defer { cpg_result_release(&out) }
        let stopBox = portable.cancellation.map { Unmanaged.passUnretained($0) }
        if let stopBox {
            p.should_stop = { ctx in
                guard let ctx else { return 0 }
                return Unmanaged<CancellationToken>.fromOpaque(ctx).takeUnretainedValue().isCancelled ? 1 : 0
            }
            p.stop_ctx = stopBox.toOpaque()
        }
        let rowStatus = portable.warmStart.map { $0.rows.map(\.rawValue) }
        let columnStatus = portable.warmStart.map { $0.columns.map(\.rawValue) }
        withOptionalPointer(rowStatus) { rs in
            withOptionalPointer(columnStatus) { cs in
                p.row_stat = rs
                p.col_stat = cs
                withCModel(model, names: false) { cModel in
                    if let pricing {
                        let context = Unmanaged.passUnretained(pricing).toOpaque()
                        _ = cpg_solve(cModel, &p, priceCallback, context, &out)
                    } else {
                        _ = cpg_solve(cModel, &p, nil, nil, &out)
                    }
                }
            }
        }
        return try makeResult(out)
    }

    /// GLPK's LP presolver takes time quadratic in a row's length when the
    /// row's columns are removed one by one (1 row x 100,000 columns: over
    /// 60 s, against 0.1 s without it) and checks no time limit meanwhile.
    /// Without an explicit choice, presolve is skipped when the sum of the
    /// squared row lengths passes 10^9 (a row of ~32,000 entries: ~4 s here),
    /// or, under a time limit, 2.5 x 10^7 per second of it (a tenth of it).
    static func presolveMayStall(_ model: LinearModel, timeLimit: Double) -> Bool {
        var lengths = [Int](repeating: 0, count: model.constraintCount)
        for row in model.entryRows where Int(row) < lengths.count { lengths[Int(row)] += 1 }
        var total = 0.0
        for length in lengths { total += Double(length) * Double(length) }
        return total > (timeLimit > 0 ? min(1e9, timeLimit * 2.5e7) : 1e9)
    }

    private func resolve(_ portable: SolveParameters) -> cpg_params {
        let g = parameters
        var p = cpg_params()
        p.time_limit = g.timeLimit ?? portable.timeLimit ?? 0
        p.it_lim = Int32(clamping: g.iterationLimit ?? portable.iterationLimit ?? 0)
        let method: Int32
        if g.interiorPoint == true {
            method = 4
        } else if let m = g.simplexMethod {
            method = m.rawValue
        } else {
            switch portable.lpMethod {
            case .dualSimplex: method = GLPKParameters.SimplexMethod.dualThenPrimal.rawValue
            case .interiorPoint: method = 4
            case .primalSimplex, nil: method = GLPKParameters.SimplexMethod.primal.rawValue
            }
        }
        p.method = method
        p.pricing = (g.pricing ?? .projectedSteepestEdge).rawValue
        // long-step only helps the dual simplex; the primal uses Harris
        let primal = method == GLPKParameters.SimplexMethod.primal.rawValue
        p.r_test = (g.ratioTest ?? (primal ? .harris : .longStep)).rawValue
        p.mip_flip = (g.ratioTest ?? .longStep) == .longStep ? 1 : 0
        p.presolve = (g.presolve ?? portable.presolve ?? true) ? 1 : 0
        p.tol_bnd = g.primalTolerance ?? 0
        p.tol_dj = g.dualTolerance ?? 0
        p.tol_piv = g.pivotTolerance ?? 0
        p.relax = portable.relaxIntegrality ? 1 : 0
        p.mip_gap = g.relativeGap ?? portable.relativeGap ?? 0
        p.tol_int = g.integerTolerance ?? 0
        p.tol_obj = 0
        p.br_tech = (g.branching ?? .driebeckTomlin).rawValue
        p.bt_tech = (g.backtracking ?? .bestLocalBound).rawValue
        p.pp_tech = (g.preprocessing ?? .all).rawValue
        p.mip_presolve = (g.mipPresolve ?? portable.presolve ?? true) ? 1 : 0
        p.gmi_cuts = g.gomoryCuts == true ? 1 : 0
        p.mir_cuts = g.mirCuts == true ? 1 : 0
        p.cov_cuts = g.coverCuts == true ? 1 : 0
        p.clq_cuts = g.cliqueCuts == true ? 1 : 0
        p.fp_heur = g.feasibilityPump == true ? 1 : 0
        p.ps_heur = g.proximitySearch == true ? 1 : 0
        p.sr_heur = (g.simpleRounding ?? true) ? 1 : 0
        p.msg_lev = (g.messageLevel ?? .all).rawValue
        return p
    }

    private func makeResult(_ out: cpg_result) throws -> SolveResult {
        let log = out.log.map { String(cString: $0) } ?? ""
        let termination: TerminationReason
        switch Int(out.termination) {
        case Int(CPG_T_OPTIMAL.rawValue): termination = .optimal
        case Int(CPG_T_INFEASIBLE.rawValue): termination = .infeasible
        case Int(CPG_T_UNBOUNDED.rawValue): termination = .unbounded
        case Int(CPG_T_INF_OR_UNBD.rawValue): termination = .infeasibleOrUnbounded
        case Int(CPG_T_LIMIT.rawValue): termination = .limitReached
        case Int(CPG_T_NUMERICAL.rawValue): termination = .numericalError
        default:
            let message = withUnsafeBytes(of: out.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw SolverError.solverFailure(Self.firstLine(message.isEmpty ? log : message))
        }
        let limit: Limit?
        switch Int(out.limit) {
        case Int(CPG_L_TIME.rawValue): limit = .time
        case Int(CPG_L_ITER.rawValue): limit = .iterations
        case Int(CPG_L_CANCEL.rawValue): limit = .cancelled
        case Int(CPG_L_OBJ.rawValue): limit = .objective
        default: limit = nil
        }
        let point: PointStatus
        switch Int(out.point) {
        case Int(CPG_P_FEASIBLE.rawValue): point = .feasible
        case Int(CPG_P_OPTIMAL.rawValue): point = .optimal
        case Int(CPG_P_INFEASIBLE.rawValue): point = .infeasible
        default: point = .none
        }
        let m = Int(out.rows), n = Int(out.cols)
        func copy<T>(_ p: UnsafeMutablePointer<T>?, _ count: Int) -> [T]? {
            guard let p else { return nil }
            return Array(UnsafeBufferPointer(start: p, count: count))
        }
        let values = copy(out.x, n) ?? []
        var basis: Basis?
        if let rs = copy(out.row_stat, m), let cs = copy(out.col_stat, n) {
            let rows = rs.compactMap { Basis.Status(rawValue: $0) }
            let cols = cs.compactMap { Basis.Status(rawValue: $0) }
            if rows.count == m && cols.count == n { basis = Basis(rows: rows, columns: cols) }
        }
        return SolveResult(
            termination: termination,
            limit: limit,
            pointStatus: point,
            objective: point != .none ? out.objective : nil,
            bestBound: out.has_bound != 0 ? out.bound : nil,
            values: values,
            rowActivities: copy(out.row_act, m) ?? [],
            rowDuals: copy(out.row_dual, m),
            reducedCosts: copy(out.col_dual, n),
            basis: basis,
            iterations: Int(out.iterations),
            nodes: Int(out.nodes),
            pricingRounds: Int(out.rounds),
            seconds: out.seconds,
            log: log
        )
    }

    /// The first non-blank line of GLPK's message, trimmed.
    static func firstLine(_ text: String) -> String {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
            if !trimmed.isEmpty { return String(trimmed) }
        }
        return "GLPK reported an error"
    }
}

private func withOptionalPointer<R>(_ array: [Int8]?, _ body: (UnsafePointer<Int8>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}

// MARK: - Column generation

/// Carries the Swift pricing closure through the C callback, and keeps the
/// arrays of the last batch alive (and fixed in memory) until the next round.
final class Pricer {
    let price: (PricingRound) throws -> ColumnBatch
    var model: LinearModel
    var failure: SolverError?
    private var buffers: [UnsafeMutableRawPointer] = []

    init(price: @escaping (PricingRound) throws -> ColumnBatch, model: LinearModel) {
        self.price = price
        self.model = model
    }

    deinit { releaseBuffers() }

    private func releaseBuffers() {
        for b in buffers { b.deallocate() }
        buffers.removeAll()
    }

    private func stable<T>(_ values: [T]) -> UnsafePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        if !values.isEmpty {
            _ = UnsafeMutableBufferPointer(start: p, count: values.count).initialize(from: values)
        }
        buffers.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    /// Returns 1 with `out` filled, 0 to stop, -1 on failure.
    func next(_ state: cpg_lp_state, _ out: inout cpg_columns) -> Int32 {
        releaseBuffers()
        let duals = Array(UnsafeBufferPointer(start: state.row_dual, count: Int(state.rows)))
        let round = PricingRound(round: Int(state.round), objective: state.objective, rowDuals: duals, variableCount: Int(state.cols))
        let batch: ColumnBatch
        do {
            batch = try price(round)
        } catch {
            failure = .pricingFailed(String(describing: error))
            return -1
        }
        if batch.isEmpty { return 0 }
        let problems = batch.validate(rowCount: model.constraintCount)
        if !problems.isEmpty {
            failure = .invalidModel(problems)
            return -1
        }
        model.append(batch)
        out.count = Int32(batch.count)
        out.obj = stable(batch.objective)
        out.lb = stable(batch.lower)
        out.ub = stable(batch.upper)
        out.is_int = stable(batch.isInteger.map { $0 ? UInt8(1) : 0 })
        out.start = stable(batch.starts.map { Int64($0) })
        out.ind = stable(batch.rows)
        out.val = stable(batch.values)
        return 1
    }
}

private let priceCallback: cpg_pricing_fn = { ctx, state, out in
    guard let ctx, let state, let out else { return -1 }
    return Unmanaged<Pricer>.fromOpaque(ctx).takeUnretainedValue().next(state.pointee, &out.pointee)
}

// MARK: - Test hooks

extension GLPKSolver {
    /// Makes GLPK raise a fatal error (an invalid row index) inside the
    /// shim's guard and returns GLPK's message; the process goes on. For
    /// tests of the guard.
    static func triggerFatalErrorForTesting() -> String? {
        var message = [CChar](repeating: 0, count: 1024)
        let caught = cpg_debug_trigger_fatal_error(&message, message.count)
        return caught == 1 ? cString(message) : nil
    }
}
