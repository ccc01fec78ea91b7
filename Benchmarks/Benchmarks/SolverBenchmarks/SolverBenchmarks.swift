import Benchmark
import GLPK
import LinearProgramming

/// SplitMix64: the models are the same in every run.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A transportation LP shaped like placement: `children` rows "= 1" (placed
/// or unplaced at a high cost), `services` capacity rows, every child
/// compatible with every service. Deterministic.
func placementLP(children: Int, services: Int, seed: UInt64 = 1, unplacedOption: Bool = true) -> LinearModel {
    var random = SplitMix(seed)
    var m = LinearModel(name: "placement\(children)x\(services)")
    m.reserveCapacity(variables: children * (services + 1), constraints: children + services, nonzeros: children * (2 * services + 1))
    let childRows = (0..<children).map { _ in m.addConstraint(lower: 1, upper: 1) }
    let capacity = Double((children * 11 / 10 + services - 1) / services)
    let serviceRows = (0..<services).map { _ in m.addConstraint(upper: capacity) }
    for c in 0..<children {
        if unplacedOption { m.addVariable(objective: 1000, coefficients: [(childRows[c], 1)]) }
        for s in 0..<services {
            m.addVariable(objective: Double(random.next() % 300), coefficients: [(childRows[c], 1), (serviceRows[s], 1)])
        }
    }
    return m
}

/// One knapsack-like row over `columns` bounded columns (issue 14: GLPK's
/// LP presolver is quadratic in such a row and ignores the time limit).
func longRowLP(columns: Int) -> LinearModel {
    var random = SplitMix(1)
    var m = LinearModel(name: "longrow\(columns)")
    let row = m.addConstraint(upper: Double(columns) / 20)
    for _ in 0..<columns {
        m.addVariable(upper: 1, objective: -Double(1 + random.next() % 100), coefficients: [(row, Double(1 + random.next() % 100))])
    }
    return m
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    // Model building: a million nonzeros without per-term allocations.
    Benchmark("LinearModel build, 1000 children x 500 services (1M nonzeros)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(placementLP(children: 1000, services: 500))
        }
    }

    // LP methods on the same placement-shaped LPs: the ratios between them
    // are the figures to read (machines are shared and noisy). "with unplaced"
    // has a costly "unplaced" column per child, as placement will; "pure" is
    // the transportation LP without it.
    let configurations: [(String, GLPKParameters)] = [
        ("careplace defaults", GLPKParameters()),
        ("primal, Harris, presolve", {
            var p = GLPKParameters()
            p.simplexMethod = .primal
            p.ratioTest = .harris
            return p
        }()),
        ("primal, Harris, no presolve (GLPK's defaults)", {
            var p = GLPKParameters()
            p.simplexMethod = .primal
            p.ratioTest = .harris
            p.presolve = false
            return p
        }()),
        ("dual, long-step, presolve", {
            var p = GLPKParameters()
            p.simplexMethod = .dualThenPrimal
            p.ratioTest = .longStep
            return p
        }()),
    ]
    for (shape, unplaced) in [("with unplaced", true), ("pure", false)] {
        let lp = placementLP(children: 1000, services: 50, unplacedOption: unplaced)
        for (name, parameters) in configurations {
            Benchmark("GLPK LP 1000x50 \(shape): \(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try GLPKSolver(parameters: parameters).solve(lp))
                }
            }
        }
    }

    // One row x 100,000 columns under a 5 s limit: presolve is skipped by
    // the row-length rule, so the limit holds (it took over 60 s in the
    // presolver before). The reference is 1 x 20,000 with presolve on.
    let longRow = longRowLP(columns: 100_000), shortRow = longRowLP(columns: 20_000)
    Benchmark("GLPK LP 1 x 100,000 (one long row), time limit 5 s: careplace defaults", configuration: .init(maxIterations: 3)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try GLPKSolver().solve(longRow, parameters: SolveParameters(timeLimit: 5)))
        }
    }
    Benchmark("GLPK LP 1 x 20,000 (one long row), presolve on: reference", configuration: .init(maxIterations: 3)) { benchmark in
        var p = GLPKParameters()
        p.presolve = true
        for _ in benchmark.scaledIterations {
            blackHole(try GLPKSolver(parameters: p).solve(shortRow))
        }
    }
}
