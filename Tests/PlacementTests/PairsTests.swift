@testable import DutchLandscape
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// The formulation finds each case's pairs in chunks over the cores: every
/// case must still get exactly its compatible services, whatever chunk it fell in.
@Suite("Formulation: compatible pairs")
struct PairsTests {
    @Test("each case's pairs are exactly the services the rules allow, in service order, across chunk borders")
    func pairsPerCase() {
        let input = InstanceGenerator(options: .init(cases: 700, seed: 5, pins: true)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        let distance = DistanceRule(landscape: input.landscape)
        #expect(problem.pairRanges.count == input.cases.count)
        #expect(problem.pairRanges.first?.lowerBound == 0 && problem.pairRanges.last?.upperBound == problem.pairs.count)
        for (ci, c) in input.cases.enumerated() {
            let range = problem.pairRanges[ci]
            if ci > 0 { #expect(range.lowerBound == problem.pairRanges[ci - 1].upperBound) }
            let got = problem.pairs[range].map { Int($0.serviceIndex) }
            #expect(problem.pairs[range].allSatisfy { Int($0.caseIndex) == ci })
            let expected = input.landscape.services.indices.filter { si in
                let s = input.landscape.services[si]
                let outside = input.landscape.networkOfRegion[s.region] != input.landscape.networkOfRegion[c.region]
                return !problem.groupsOfService[si].isEmpty && CompatibilityRule.check(
                    c, s, distanceKm: distance.km(from: c, to: s),
                    outsideNetworkBanned: input.landscape.ownNetworkOnly && outside) == nil
            }
            #expect(got == expected, "case \(c.id)")
        }
    }
}
