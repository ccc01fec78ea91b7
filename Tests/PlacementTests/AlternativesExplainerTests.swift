import GLPK
@testable import Placement
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// SPEC §9 explain: every extra cost equals pinning the child there and
/// planning again; excluded services name their rule.
@Suite("Explain: why not closer, why not sooner")
struct AlternativesExplainerTests {
    static let explainer = AlternativesExplainer(planner: Planner(solver: GLPKSolver()))

    @Test("on 120 small random instances (side rules in half) every extra cost, for every child, equals the brute force with the child pinned there")
    func againstBruteForce() throws {
        var priced = 0, excluded = 0
        for seed in 1...120 as ClosedRange<UInt64> {
            var input = ExhaustiveEnumerationTests.instance(seed: seed)
            if seed.isMultiple(of: 2) {
                for c in input.cases.indices { (input.cases[c].siblingGroup, input.cases[c].conflictsWith) = (nil, []) }
            }
            guard let base = ExhaustiveEnumerationTests.bruteForce(input), !input.cases.isEmpty else { continue }
            for c in input.cases.indices {
            let result = try Self.explainer.explain(input.cases[c].id, landscape: input.landscape, cases: input.cases)
            #expect(abs(result.objective - base) <= 1e-6 * max(1, base))
            for a in result.alternatives {
                var pinned = input
                pinned.cases[c].pinnedService = a.service
                let expected = ExhaustiveEnumerationTests.bruteForce(pinned)
                if a.excludedBy != nil || a.noPlace {
                    #expect(expected == nil, "seed \(seed), \(a.service): excluded, yet a plan gives it")
                    excluded += 1
                    continue
                }
                let value = try #require(expected, "seed \(seed), \(a.service): priced, yet no plan gives it")
                let extra = try #require(a.extraCost)
                #expect(abs(extra - (value - base)) <= 1e-6 * max(1, base), "seed \(seed), \(a.service): \(extra) vs \(value - base)")
                #expect(extra >= -1e-9)
                priced += 1
            }
            }
        }
        #expect(priced >= 40 && excluded >= 10, "priced \(priced), excluded \(excluded)")
    }

    @Test("explanations.csv's rows: each placed child's nearest other allowed service, its extra cost equal to the brute force pinned there")
    func nearestRows() throws {
        var checked = 0
        for seed in 1...300 as ClosedRange<UInt64> {
            let input = ExhaustiveEnumerationTests.instance(seed: seed)
            guard let base = ExhaustiveEnumerationTests.bruteForce(input) else { continue }
            for row in try Self.explainer.nearest(landscape: input.landscape, cases: input.cases, jobs: 2) {
                guard let nearest = row.nearest, let c = input.cases.firstIndex(where: { $0.id == row.child }) else { continue }
                var pinned = input
                pinned.cases[c].pinnedService = nearest
                let expected = ExhaustiveEnumerationTests.bruteForce(pinned)
                #expect((expected == nil) == (row.extraCost == nil), "seed \(seed), \(row.child)")
                if let expected, let extra = row.extraCost {
                    #expect(abs(extra - (expected - base)) <= 1e-6 * max(1, base), "seed \(seed), \(row.child): \(extra) vs \(expected - base)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 40, "checked \(checked)")
    }
}
