@testable import PlacementModel
import PlacementTestSupport
import Testing

@Suite("Rule: distance")
struct DistanceRuleTests {
    @Test("great-circle distance with earth radius 6371.0088 km, times the detour factor")
    func haversine() {
        // one degree of longitude on the equator
        let d = DistanceRule.haversineKm(GeoPoint(lat: 0, lon: 0), GeoPoint(lat: 0, lon: 1))
        #expect(abs(d - 6371.0088 * .pi / 180) < 1e-9)
        var l = Fixture.landscape()
        l.detourFactor = 1.5
        let c = Fixture.child("C", at: GeoPoint(lat: 0, lon: 0))
        let s = Fixture.service("S", at: GeoPoint(lat: 0, lon: 1))
        #expect(abs(DistanceRule(landscape: l).km(from: c, to: s) - 1.5 * d) < 1e-9)
        // Groningen to Enschede: about 113 km as the crow flies
        let ge = DistanceRule.haversineKm(Fixture.groningen, Fixture.enschede)
        #expect(ge > 110 && ge < 116)
    }

    @Test("a matrix entry for (case, facility or team) wins; other pairs are computed")
    func matrix() {
        var l = Fixture.landscape()
        l.matrix = DistanceMatrix(["C": ["F1": 7, "T": 3]])
        let rule = DistanceRule(landscape: l)
        #expect(rule.km(from: Fixture.child("C"), to: Fixture.service("S", facility: "F1")) == 7)
        #expect(rule.km(from: Fixture.child("C"), to: Fixture.service("T", facility: nil, careTypes: ["fact"])) == 3)
        #expect(rule.km(from: Fixture.child("D"), to: Fixture.service("S", facility: "F1")) == 0) // same point, computed
    }
}

@Suite("Rule: slots")
struct SlotRuleTests {
    @Test("free places on the planning date, one per occupied date, nothing after the horizon")
    func groups() {
        var l = Fixture.landscape()
        l.horizonDays = 30
        let p = Fixture.planning
        let s = Fixture.service("S", capacity: 5, occupied: [p + (-3), p, p + 10, p + 10, p + 30, p + 31])
        // 5 places, 6 occupied is invalid input; use capacity 6 to keep it valid
        var valid = s
        valid.capacity = 7
        let groups = SlotRule.groups(of: valid, index: 0, landscape: l)
        #expect(groups.map(\.release) == [p, p + 10, p + 30])
        // 7 - 6 = 1 free today, plus the two released on or before today
        #expect(groups.map(\.count) == [3, 2, 1])
    }

    @Test("horizon 0 keeps only places free on the planning date")
    func horizonZero() {
        var l = Fixture.landscape()
        l.horizonDays = 0
        let p = Fixture.planning
        let groups = SlotRule.groups(of: Fixture.service("S", capacity: 3, occupied: [p + 1, p]), index: 0, landscape: l)
        #expect(groups.map(\.release) == [p])
        #expect(groups.map(\.count) == [2])
    }

    @Test("a full service with no release in the horizon offers nothing")
    func none() {
        let l = Fixture.landscape()
        #expect(SlotRule.groups(of: Fixture.service("S", capacity: 1, occupied: [Fixture.planning + 500]), index: 0, landscape: l).isEmpty)
        #expect(SlotRule.groups(of: Fixture.service("S", capacity: 0), index: 0, landscape: l).isEmpty)
    }
}

@Suite("Rule: cost")
struct CostModelTests {
    @Test("km, wait by urgency, residential and outside-network terms, and the unplaced cost")
    func terms() {
        var l = Fixture.landscape()
        l.weights.perKm = 1.5
        l.weights.perWaitDay = 2
        l.weights.residential = 20
        l.weights.outsideNetwork = 30
        l.weights.unplaced = 1000
        let model = CostModel(landscape: l)
        var c = Fixture.child("C")
        c.urgency = .crisis
        c.readyDate = Fixture.planning + 5
        let t = model.terms(c, mode: .residential, distanceKm: 10, release: Fixture.planning + 12, outsideNetwork: true)
        #expect(t.distance == 15)
        #expect(t.waiting == 2 * 4 * 7) // wait counts from the ready date
        #expect(t.residential == 20)
        #expect(t.outsideNetwork == 30)
        #expect(t.total == 15 + 56 + 20 + 30)
        #expect(model.startDate(c, release: Fixture.planning + 12) == Fixture.planning + 12)
        #expect(model.startDate(c, release: Fixture.planning) == Fixture.planning + 5)
        #expect(model.waitDays(c, release: Fixture.planning) == 0)
        #expect(model.unplacedCost(c) == 4000)
        let home = model.terms(c, mode: .outreach, distanceKm: 0, release: Fixture.planning, outsideNetwork: false)
        #expect(home.total == 0)
    }

    @Test("a ready date in the past counts from the planning date")
    func pastReady() {
        let model = CostModel(landscape: Fixture.landscape())
        var c = Fixture.child("C")
        c.readyDate = Fixture.planning + (-30)
        #expect(model.ready(c) == Fixture.planning)
        #expect(model.waitDays(c, release: Fixture.planning + 3) == 3)
    }
}

@Suite("Rule: waiting time counts (agingDays)")
struct AgingTests {
    @Test("off by default; with agingDays 90, 45 days waited raise urgency by half: wait and unplaced cost alike")
    func aging() {
        var landscape = Fixture.landscape()
        var c = Fixture.child("C1")
        c.urgency = .high
        c.readyDate = Fixture.planning + -45
        #expect(CostModel(landscape: landscape).urgencyFactor(c) == 2)
        landscape.weights.agingDays = 90
        let model = CostModel(landscape: landscape)
        #expect(model.urgencyFactor(c) == 3)
        #expect(model.unplacedCost(c) == 3_000)
        #expect(model.waitWeight(c) == 6)
        c.readyDate = Fixture.planning + 10  // not yet ready: nothing waited
        #expect(model.urgencyFactor(c) == 2)
        c.readyDate = nil
        #expect(model.urgencyFactor(c) == 2, "no ready date: waiting from today")
    }
}
