import GLPK
@testable import Placement
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// SPEC §8 new sites: the gain of opening a team or a facility service at a
/// candidate base equals planning again with it added.
@Suite("Value of a new site")
struct SiteValuationTests {
    static let valuation = SiteValuation(planner: Planner(solver: GLPKSolver()))

    @Test("on 80 small random instances (side rules in half) a new team's and a new home's gain at each of three bases equals the brute force's")
    func againstBruteForce() throws {
        var checked = 0
        for seed in 1...80 as ClosedRange<UInt64> {
            var input = ExhaustiveEnumerationTests.instance(seed: seed)
            if seed.isMultiple(of: 2) {
                for c in input.cases.indices { (input.cases[c].siblingGroup, input.cases[c].conflictsWith) = (nil, []) }
            }
            guard let base = ExhaustiveEnumerationTests.bruteForce(input) else { continue }
            var rng = SplitMix64(seed: seed &* 7)
            let candidates = (0..<3).map { k in
                SiteValuation.Candidate(
                    id: "c\(k)", location: GeoPoint(lat: rng.double(52.0...53.0), lon: rng.double(5.0...6.5)), region: k == 0 ? "r1" : "r2")
            }
            let sites = [
                SiteValuation.Site(careTypes: ["a", "b"], mode: .outreach, capacity: 1, maxTravelKm: 80),
                SiteValuation.Site(careTypes: ["c"], mode: .residential, capacity: 2),
            ]
            for site in sites {
                let (totals, values) = try Self.valuation.values(landscape: input.landscape, cases: input.cases, site: site, candidates: candidates, jobs: 2)
                #expect(abs(totals.objective - base) <= 1e-6 * max(1, base))
                for (k, value) in values.enumerated() {
                    var opened = input
                    let (extended, ids) = SiteValuation.extended(input.landscape, site: site, candidates: [candidates[k]])
                    opened.landscape = extended
                    if let s = opened.landscape.services.firstIndex(where: { $0.id == ids[0] }) { opened.landscape.services[s].capacity = site.capacity }
                    let expected = try #require(ExhaustiveEnumerationTests.bruteForce(opened))
                    let change = try #require(value.change)
                    #expect(abs(change.objectiveDelta - (expected - base)) <= 1e-6 * max(1, base), "seed \(seed), \(site.mode), \(value.candidate.id)")
                    #expect(change.objectiveDelta <= 1e-9)
                    checked += 1
                }
            }
        }
        #expect(checked >= 300, "checked \(checked)")
    }
}
