@testable import DutchLandscape
import GLPK
@testable import Placement
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// SPEC §8: the value of one place more or fewer at a service equals
/// planning again with the capacity one higher or lower, with and without
/// sibling and conflict rules and pins.
@Suite("Capacity value")
struct CapacityValuationTests {
    static let valuation = CapacityValuation(planner: Planner(solver: GLPKSolver()))

    @Test("on 150 small random instances every addOne and removeOne equals the brute force's change, side rules or not")
    func againstBruteForce() throws {
        var checked = 0, withSideRules = 0, replanned = 0
        for seed in 1...150 as ClosedRange<UInt64> {
            var input = ExhaustiveEnumerationTests.instance(seed: seed)
            if seed.isMultiple(of: 2) {
                for c in input.cases.indices { (input.cases[c].siblingGroup, input.cases[c].conflictsWith) = (nil, []) }
            }
            guard let base = ExhaustiveEnumerationTests.bruteForce(input) else {
                #expect(throws: (any Error).self) { try Self.valuation.values(landscape: input.landscape, cases: input.cases) }
                continue
            }
            let result = try Self.valuation.values(landscape: input.landscape, cases: input.cases, jobs: 2)
            #expect(abs(result.base.objective - base) <= 1e-6 * max(1, base), "seed \(seed): base")
            if result.problem.hasSideConstraints { withSideRules += 1 }
            for value in result.values {
                for (delta, change) in [(1, Optional(value.addOne)), (-1, value.removeOne)] {
                    if delta == -1 && value.freeNow == 0 { #expect(change == nil); continue }
                    var changed = input
                    changed.landscape.services[value.service].capacity += delta
                    let expected = ExhaustiveEnumerationTests.bruteForce(changed)
                    let context = "seed \(seed), service \(value.service), \(delta > 0 ? "addOne" : "removeOne")"
                    guard let expected else { #expect(change == nil, "\(context): the pins cannot hold"); continue }
                    let got = try #require(change, "\(context): no value, brute force \(expected)")
                    #expect(abs(got.objectiveDelta - (expected - base)) <= 1e-6 * max(1, abs(base)), "\(context): \(got.objectiveDelta) vs \(expected - base)")
                    #expect(delta > 0 ? got.objectiveDelta <= 1e-9 : got.objectiveDelta >= -1e-9, "\(context): wrong sign")
                    if got.replanned { replanned += 1 }
                    checked += 1
                }
            }
        }
        #expect(checked >= 500 && withSideRules >= 20 && replanned >= 1, "checked \(checked), with side rules \(withSideRules), replanned \(replanned)")
    }

    @Test("diminishing returns: a second extra place helps no more than the first, at every service of a 300-child landscape")
    func diminishingReturns() throws {
        let input = InstanceGenerator(options: .init(cases: 300, seed: 4)).generate()
        let first = try Self.valuation.values(landscape: input.landscape, cases: input.cases, addOnly: true)
        for value in first.values {
            var more = input.landscape
            more.services[value.service].capacity += 1
            let second = try #require(try Self.valuation.values(landscape: more, cases: input.cases, only: [value.service], addOnly: true).values.first)
            #expect(second.addOne.objectiveDelta >= value.addOne.objectiveDelta - 1e-9, "\(input.landscape.services[value.service].id)")
        }
        #expect(first.values.contains { $0.addOne.objectiveDelta < -1 }, "some place is worth having")
    }

    @Test("the answers do not depend on the number of threads")
    func threads() throws {
        let input = InstanceGenerator(options: .init(cases: 150, seed: 8, siblingGroups: true, conflicts: true, pins: true)).generate()
        let some = Array(stride(from: 0, to: input.landscape.services.count, by: 7))
        let one = try Self.valuation.values(landscape: input.landscape, cases: input.cases, only: some, jobs: 1)
        let two = try Self.valuation.values(landscape: input.landscape, cases: input.cases, only: some, jobs: 2)
        #expect(one.values == two.values)
    }
}
