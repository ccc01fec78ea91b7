@testable import PlacementModel
import PlacementTestSupport
import Testing

/// SPEC §3 Compatibility, one test per rule.
@Suite("Rule: compatibility")
struct CompatibilityRuleTests {
    let km = 10.0

    @Test("1: the service must offer one of the child's needs; the first such need is the care type used")
    func careType() {
        let s = Fixture.service("S", careTypes: ["day", "home"])
        #expect(CompatibilityRule.check(Fixture.child("C", needs: ["fact"]), s, distanceKm: km) == .careType)
        let c = Fixture.child("C", needs: ["fact", "home", "day"])
        #expect(CompatibilityRule.check(c, s, distanceKm: km) == nil)
        #expect(CompatibilityRule.careTypeUsed(c, s) == "home")
    }

    @Test("2: the child's age lies in the service's range, bounds included")
    func age() {
        let s = Fixture.service("S", ages: 12...18)
        #expect(CompatibilityRule.check(Fixture.child("C", age: 11), s, distanceKm: km) == .age(12...18))
        #expect(CompatibilityRule.check(Fixture.child("C", age: 12), s, distanceKm: km) == nil)
        #expect(CompatibilityRule.check(Fixture.child("C", age: 18), s, distanceKm: km) == nil)
        #expect(CompatibilityRule.check(Fixture.child("C", age: 19), s, distanceKm: km) == .age(12...18))
    }

    @Test("3: secure care only with a court order, and a court order only in secure care; teams are never secure")
    func secure() {
        let secure = Fixture.service("S", careTypes: ["secure"], secure: true)
        let open = Fixture.service("O", careTypes: ["secure"])
        var ordered = Fixture.child("C", needs: ["secure"])
        ordered.requiresSecure = true
        let free = Fixture.child("D", needs: ["secure"])
        #expect(CompatibilityRule.check(ordered, secure, distanceKm: km) == nil)
        #expect(CompatibilityRule.check(ordered, open, distanceKm: km) == .secure(required: true))
        #expect(CompatibilityRule.check(free, secure, distanceKm: km) == .secure(required: false))
        #expect(CompatibilityRule.check(free, open, distanceKm: km) == nil)
        var team = ordered
        team.needs = ["fact"]
        #expect(CompatibilityRule.check(team, Fixture.service("T", facility: nil, careTypes: ["fact"]), distanceKm: km) == .secure(required: true))
    }

    @Test("4: a service for some sexes needs the child's sex known and among them")
    func sex() {
        let s = Fixture.service("S", sexes: [.f])
        var c = Fixture.child("C")
        #expect(CompatibilityRule.check(c, s, distanceKm: km) == .sex) // unknown
        c.sex = .m
        #expect(CompatibilityRule.check(c, s, distanceKm: km) == .sex)
        c.sex = .f
        #expect(CompatibilityRule.check(c, s, distanceKm: km) == nil)
        c.sex = nil
        #expect(CompatibilityRule.check(c, Fixture.service("A"), distanceKm: km) == nil) // no restriction
    }

    @Test("5: teams and day services need help at home to be possible, and respect their travel limit")
    func homeBasedAndTravel() {
        var c = Fixture.child("C", needs: ["fact", "day", "home"])
        c.homeBasedPossible = false
        let team = Fixture.service("T", facility: nil, careTypes: ["fact"], maxTravelKm: 50)
        let day = Fixture.service("D", mode: .day, careTypes: ["day"])
        let residential = Fixture.service("R", careTypes: ["home"], maxTravelKm: 30)
        #expect(CompatibilityRule.check(c, team, distanceKm: km) == .notHomeBased)
        #expect(CompatibilityRule.check(c, day, distanceKm: km) == .notHomeBased)
        #expect(CompatibilityRule.check(c, residential, distanceKm: km) == nil)
        c.homeBasedPossible = true
        #expect(CompatibilityRule.check(c, team, distanceKm: 50) == nil) // on the limit
        #expect(CompatibilityRule.check(c, team, distanceKm: 50.1) == .serviceTravelLimit(km: 50.1, limit: 50))
        #expect(CompatibilityRule.check(c, residential, distanceKm: 31) == .serviceTravelLimit(km: 31, limit: 30))
    }

    @Test("6: the family's distance limit holds for residential and day services, not for teams")
    func familyLimit() {
        var c = Fixture.child("C", needs: ["fact", "day", "home"])
        c.maxDistanceKm = 20
        #expect(CompatibilityRule.check(c, Fixture.service("R"), distanceKm: 25) == .familyDistanceLimit(km: 25, limit: 20))
        #expect(CompatibilityRule.check(c, Fixture.service("D", mode: .day, careTypes: ["day"]), distanceKm: 25) == .familyDistanceLimit(km: 25, limit: 20))
        #expect(CompatibilityRule.check(c, Fixture.service("T", facility: nil, careTypes: ["fact"]), distanceKm: 25) == nil)
        #expect(CompatibilityRule.check(c, Fixture.service("R"), distanceKm: 20) == nil)
    }

    @Test("7: forbidden services are excluded; a pin allows only its service")
    func decisions() {
        var c = Fixture.child("C")
        c.forbiddenServices = ["A"]
        #expect(CompatibilityRule.check(c, Fixture.service("A"), distanceKm: km) == .forbidden)
        #expect(CompatibilityRule.check(c, Fixture.service("B"), distanceKm: km) == nil)
        c.forbiddenServices = []
        c.pinnedService = "B"
        #expect(CompatibilityRule.check(c, Fixture.service("A"), distanceKm: km) == .pinnedElsewhere)
        #expect(CompatibilityRule.check(c, Fixture.service("B"), distanceKm: km) == nil)
    }

    @Test("every exclusion reads as a sentence a coordinator understands")
    func descriptions() {
        #expect(Incompatibility.serviceTravelLimit(km: 62.4, limit: 50).description == "is 62 km away, beyond its 50 km travel limit")
        #expect(Incompatibility.secure(required: true).description.contains("court order"))
    }
}
