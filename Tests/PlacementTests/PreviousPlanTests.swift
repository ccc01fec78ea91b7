import GLPK
@testable import Placement
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// SPEC §9 "we don't shop children around": with last week's plan, a child
/// placed there pays `weights.change` to get another service or none.
@Suite("Re-planning against last week's plan")
struct PreviousPlanTests {
    static let planner = Planner(solver: GLPKSolver())

    /// The instance with last week's plan: the optimum under other weights,
    /// so that this week's optimum would move some children.
    static func withPrevious(seed: UInt64) throws -> PlacementInput? {
        var input = ExhaustiveEnumerationTests.instance(seed: seed)
        var other = input
        other.landscape.weights.perKm = 4
        other.landscape.weights.perWaitDay = 0.5
        guard ExhaustiveEnumerationTests.bruteForce(other) != nil else { return nil }
        let last = try planner.plan(other)
        for (c, a) in last.assignments.enumerated() { input.cases[c].previousService = a.service?.id }
        return input
    }

    static func moved(_ plan: Plan) -> Int {
        zip(plan.problem.cases, plan.assignments).filter { c, a in c.previousService != nil && a.service?.id != c.previousService }.count
    }

    @Test("on 120 small random instances the plan equals the brute force for change 0, 100 and 1e6; 0 is the plain optimum; 1e6 moves the fewest children")
    func againstBruteForce() throws {
        var checked = 0, movedSomewhere = 0
        for seed in 1...120 as ClosedRange<UInt64> {
            guard var input = try Self.withPrevious(seed: seed) else { continue }
            var plain = input
            for c in plain.cases.indices { plain.cases[c].previousService = nil }
            guard let optimum = ExhaustiveEnumerationTests.bruteForce(plain) else { continue }
            for change in [0.0, 100, 1e6] {
                input.landscape.weights.change = change
                let expected = try #require(ExhaustiveEnumerationTests.bruteForce(input))
                let plan = try Self.planner.plan(input)
                #expect(abs(plan.objective - expected) <= 1e-6 * max(1, expected), "seed \(seed), change \(change): \(plan.objective) vs \(expected)")
                if change == 0 { #expect(abs(plan.objective - optimum) <= 1e-6 * max(1, optimum), "seed \(seed): change 0 is not the plain optimum") }
                if change == 1e6 {
                    #expect(Self.moved(plan) == Int(expected / 1e6), "seed \(seed): \(Self.moved(plan)) moved, at least \(Int(expected / 1e6)) needed")
                }
                if change == 0 && Self.moved(plan) > 0 { movedSomewhere += 1 }
                checked += 1
            }
        }
        #expect(checked >= 200 && movedSomewhere >= 3, "checked \(checked), instances where change 0 moves someone \(movedSomewhere)")
    }

    @Test("the change weight is in the weight table at 100 and is not written at its default")
    func weight() {
        #expect(Weights().change == 100)
        #expect(Weights.entry("change") != nil)
        #expect(!Weights().yamlGroups.contains { $0.key == "change" })
        var w = Weights()
        w.change = 250
        #expect(w.yamlGroups.contains { $0 == ("change", "250.0") })
    }
}
