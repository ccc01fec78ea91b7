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

    @Test("a child due north of a team at its travel limit, give or take a metre: kept within it, not beyond (the latitude pre-check skips no pair the rule allows)")
    func atTheLimit() {
        let team = Fixture.service("T", facility: nil, careTypes: ["fact"], at: GeoPoint(lat: 52, lon: 5), maxTravelKm: 40)
        let l = Fixture.landscape([team])
        let degrees = 40 / (DistanceRule.earthRadiusKm * Double.pi / 180 * l.detourFactor)
        let children = [-0.001, 0.001, -1e-9, 1e-9].map { delta -> Case in
            Fixture.child("C\(delta)", needs: ["fact"], at: GeoPoint(lat: 52 + degrees * (1 + delta / 40), lon: 5))
        }
        let problem = PlacementProblem(landscape: l, cases: children)
        let rule = DistanceRule(landscape: l)
        for (ci, c) in children.enumerated() {
            let allowed = rule.km(from: c, to: team) <= 40
            #expect(!problem.pairRanges[ci].isEmpty == allowed, "\(c.id): \(rule.km(from: c, to: team)) km")
        }
        #expect(problem.pairRanges[0].count == 1 && problem.pairRanges[1].isEmpty)
    }

    @Test("new capacities and occupied places reuse the pairs: the same problem and objective as formulating again")
    func placesVaryAlone() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 8)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases, roomForOneMore: true)
        var landscape = input.landscape
        var rng = SplitMix64(seed: 3)
        for _ in 0..<40 {
            let s = rng.int(0...(landscape.services.count - 1))
            landscape.services[s].capacity = rng.int(0...12)
            if rng.chance(0.5) { landscape.services[s].occupied = landscape.services[s].occupied.dropLast() }
        }
        let varied = try #require(problem.withPlaces(of: landscape))
        let fresh = PlacementProblem(landscape: landscape, cases: input.cases, roomForOneMore: true)
        #expect(varied.pairs == fresh.pairs && varied.pairRanges == fresh.pairRanges)
        #expect(varied.slotGroups == fresh.slotGroups && varied.groupsOfService == fresh.groupsOfService)
        let plain = PlacementProblem(landscape: landscape, cases: input.cases)
        guard case .solved(let a) = TransportationSolver(problem: varied).solve(),
              case .solved(let b) = TransportationSolver(problem: plain).solve() else {
            Issue.record("no plan")
            return
        }
        #expect(a.certified && b.certified)
        #expect(abs(a.objective - b.objective) <= 1e-9 * b.objective, "room for one more changes no objective")

        // anything else changed: the pairs may change, so no shortcut
        var moved = landscape
        moved.services[0].location = GeoPoint(lat: 52, lon: 5)
        #expect(problem.withPlaces(of: moved) == nil)
        var reweighed = landscape
        reweighed.weights.perKm += 1
        #expect(problem.withPlaces(of: reweighed) == nil)
        #expect(PlacementProblem(landscape: input.landscape, cases: input.cases).withPlaces(of: landscape) == nil)
    }
}
