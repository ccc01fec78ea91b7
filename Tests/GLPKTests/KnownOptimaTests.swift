import Foundation
@testable import GLPK
import LinearProgramming
import Testing

/// Public models solved to their published optima (relative error <= 1e-6).
/// Netlib values: glpk-doc's Netlib table (GLPSOL 4.40), re-verified with
/// glpsol; MIPLIB 3 values: glpk-doc's glpsol 4.40 column, agreeing with
/// miplib3.cat. The models are copies from ../shared/data.
@Suite("Known optima")
struct KnownOptimaTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let optimum: Double
        var testDescription: String { name }
    }

    static let netlib: [Case] = [
        .init(name: "afiro", optimum: -464.7531429),
        .init(name: "sc50a", optimum: -64.57507706),
        .init(name: "sc50b", optimum: -70.0),
        .init(name: "sc105", optimum: -52.20206121),
        .init(name: "sc205", optimum: -52.20206121),
        .init(name: "kb2", optimum: -1749.90013),
        .init(name: "stocfor1", optimum: -41131.97622),
        .init(name: "adlittle", optimum: 225494.9632),
        .init(name: "blend", optimum: -30.81214985),
        .init(name: "scagr7", optimum: -2331389.824),
        .init(name: "share2b", optimum: -415.7322407),
        .init(name: "recipe", optimum: -266.616),
        .init(name: "lotfi", optimum: -25.26470606),
        .init(name: "share1b", optimum: -76589.31858),
        .init(name: "boeing2", optimum: -315.018728),
        .init(name: "scorpion", optimum: 1878.124823),
        .init(name: "bore3d", optimum: 1373.080394),
        .init(name: "sctap1", optimum: 1412.25),
        .init(name: "israel", optimum: -896644.8219),
        .init(name: "brandy", optimum: 1518.509896),
        .init(name: "capri", optimum: 2690.012914),
        .init(name: "e226", optimum: -25.86492907),
        .init(name: "vtpbase", optimum: 129831.4625),
    ]

    static let miplib: [Case] = [
        .init(name: "p0033", optimum: 3089),
        .init(name: "p0282", optimum: 258411),
        .init(name: "lseu", optimum: 1120),
        .init(name: "egout", optimum: 568.1007),
        .init(name: "flugpl", optimum: 1201500),
        .init(name: "mod008", optimum: 307),
        .init(name: "stein27", optimum: 18),
        .init(name: "enigma", optimum: 0),
        .init(name: "misc03", optimum: 3360),
        .init(name: "dcmulti", optimum: 188182),
        .init(name: "rgn", optimum: 82.19999924),
        .init(name: "mod010", optimum: 6548),
        .init(name: "misc06", optimum: 12850.86074),
        .init(name: "bell3a", optimum: 878430.316),
    ]

    @Test("Netlib LP reaches its published optimum (tuned defaults)", arguments: netlib)
    func netlibDefault(_ c: Case) throws {
        let model = try ModelFiles.read(TestModels.path("netlib/\(c.name).mps.gz"), format: .fixedMPS)
        let r = try GLPKSolver().solve(model)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, c.optimum), "\(c.name): \(String(describing: r.objective)) vs \(c.optimum)")
        // the returned point reproduces the objective and satisfies the rows
        #expect(close(model.objectiveValue(of: r.values), c.optimum))
        expectFeasible(model, r.values)
    }

    @Test("Netlib LP reaches its published optimum (dual simplex, long-step, presolve)", arguments: netlib)
    func netlibDual(_ c: Case) throws {
        let model = try ModelFiles.read(TestModels.path("netlib/\(c.name).mps.gz"), format: .fixedMPS)
        var p = GLPKParameters()
        p.simplexMethod = .dualThenPrimal
        p.ratioTest = .longStep
        let r = try GLPKSolver(parameters: p).solve(model)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, c.optimum), "\(c.name): \(String(describing: r.objective)) vs \(c.optimum)")
    }

    @Test("MIPLIB 3 MIP reaches its published optimum", arguments: miplib)
    func miplib3(_ c: Case) throws {
        let model = try ModelFiles.read(TestModels.path("miplib3/\(c.name).mps.gz"), format: .freeMPS)
        #expect(model.isMixedInteger)
        let r = try GLPKSolver().solve(model)
        #expect(r.termination == .optimal)
        #expect(r.pointStatus == .optimal)
        #expect(close(r.objective, c.optimum), "\(c.name): \(String(describing: r.objective)) vs \(c.optimum)")
        #expect(close(r.bestBound, c.optimum))
        // integrality and feasibility of the returned point
        for j in 0..<model.variableCount where model.isInteger[j] {
            #expect(abs(r.values[j] - r.values[j].rounded()) < 1e-6)
        }
        expectFeasible(model, r.values)
    }

    /// Every row and bound of `model` holds at `values` (1e-6 relative).
    func expectFeasible(_ model: LinearModel, _ values: [Double]) {
        let activity = model.rowActivities(of: values)
        for i in 0..<model.constraintCount {
            let tol = 1e-6 * max(1, abs(activity[i]))
            #expect(activity[i] >= model.rowLower[i] - tol && activity[i] <= model.rowUpper[i] + tol, "row \(i)")
        }
        for j in 0..<model.variableCount {
            let tol = 1e-6 * max(1, abs(values[j]))
            #expect(values[j] >= model.columnLower[j] - tol && values[j] <= model.columnUpper[j] + tol, "column \(j)")
        }
    }
}
