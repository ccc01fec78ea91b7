import Foundation
@testable import GLPK
import LinearProgramming
import Testing

/// Small models with known optima, built in code.
enum TestModels {
    /// Hillier & Lieberman's Wyndor Glass: max 3x + 5y, x <= 4, 2y <= 12,
    /// 3x + 2y <= 18. Optimum 36 at (2, 6); duals (0, 1.5, 1).
    static var wyndor: LinearModel {
        var m = LinearModel(name: "wyndor", sense: .maximize)
        let x = m.addVariable(name: "x", objective: 3)
        let y = m.addVariable(name: "y", objective: 5)
        m.addConstraint(name: "plant1", [(x, 1)], upper: 4)
        m.addConstraint(name: "plant2", [(y, 2)], upper: 12)
        m.addConstraint(name: "plant3", [(x, 3), (y, 2)], upper: 18)
        return m
    }

    /// min x + 2y + 10, x + y = 3, 1 <= x - y <= 2, x, y free.
    /// Optimum 13.5 at (2.5, 0.5); duals (1.5, -0.5).
    static var rangedMinimisation: LinearModel {
        var m = LinearModel(name: "ranged", sense: .minimize, objectiveOffset: 10)
        let x = m.addVariable(name: "x", lower: -.infinity, objective: 1)
        let y = m.addVariable(name: "y", lower: -.infinity, objective: 2)
        m.addConstraint(name: "sum", [(x, 1), (y, 1)], lower: 3, upper: 3)
        m.addConstraint(name: "diff", [(x, 1), (y, -1)], lower: 1, upper: 2)
        return m
    }

    /// x + y >= 5 with x, y <= 1.
    static var infeasible: LinearModel {
        var m = LinearModel(name: "infeasible")
        let x = m.addVariable(name: "x", upper: 1, objective: 1)
        let y = m.addVariable(name: "y", upper: 1, objective: 1)
        m.addConstraint(name: "demand", [(x, 1), (y, 1)], lower: 5)
        return m
    }

    /// max x with x - y <= 1, x, y >= 0.
    static var unbounded: LinearModel {
        var m = LinearModel(name: "unbounded", sense: .maximize)
        let x = m.addVariable(name: "x", objective: 1)
        let y = m.addVariable(name: "y", objective: 0)
        m.addConstraint(name: "c", [(x, 1), (y, -1)], upper: 1)
        return m
    }

    /// 0-1 knapsack: max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d <= 14.
    /// Optimum 21 (b, c, d); LP relaxation 22.
    static var knapsack: LinearModel {
        var m = LinearModel(name: "knapsack", sense: .maximize)
        let values: [Double] = [8, 11, 6, 4], weights: [Double] = [5, 7, 4, 3]
        let items = values.enumerated().map { k, v in m.addVariable(name: "item\(k)", upper: 1, objective: v, integer: true) }
        m.addConstraint(name: "capacity", zip(items, weights).map { ($0, $1) }, upper: 14)
        return m
    }

    /// A dense assignment LP (n workers, n jobs) with pseudo-random costs.
    static func assignment(_ n: Int, seed: UInt64) -> LinearModel {
        var rng = SplitMix64(seed: seed)
        var m = LinearModel(name: "assignment\(n)")
        m.reserveCapacity(variables: n * n, constraints: 2 * n, nonzeros: 2 * n * n)
        let workers = (0..<n).map { m.addConstraint(name: "w\($0)", lower: 1, upper: 1) }
        let jobs = (0..<n).map { m.addConstraint(name: "j\($0)", lower: 1, upper: 1) }
        for i in 0..<n {
            for j in 0..<n {
                m.addVariable(name: "x\(i)_\(j)", objective: Double(rng.next() % 1000), coefficients: [(workers[i], 1), (jobs[j], 1)])
            }
        }
        return m
    }

    static var directory: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Models", withExtension: nil))
        }
    }

    static func path(_ relative: String) throws -> String {
        try directory.appendingPathComponent(relative).path
    }
}

/// A small deterministic generator for test instances.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func close(_ a: Double?, _ b: Double, relative: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(1, abs(b))
}
