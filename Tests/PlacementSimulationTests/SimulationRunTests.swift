import Foundation
import GLPK
@testable import Placement
@testable import PlacementModel
@testable import PlacementSimulation
import PlacementTestSupport
import Testing

/// Determinism and common random numbers: what makes two simulations comparable.
@Suite("Simulation runs")
struct SimulationRunTests {
    static func small(capacity: Int = 2, seed: UInt64 = 3) -> Simulation {
        let services = [
            Fixture.service("A", capacity: capacity, occupied: [Fixture.planning + 10]),
            Fixture.service("B", facility: "F2", capacity: 2, at: Fixture.enschede, region: "twente"),
            Fixture.service("T", facility: nil, careTypes: ["fact"], capacity: 3),
        ]
        var cases = (0..<6).map { Fixture.child("c\($0)", needs: $0 % 3 == 0 ? ["fact", "home"] : ["home"]) }
        cases[1].home = Fixture.enschede
        cases[1].region = "twente"
        return Simulation(
            name: "small", file: "small.yaml", inputFiles: [], input: PlacementInput(landscape: Fixture.landscape(services), cases: cases),
            weeks: 20, warmUpWeeks: 2, replanEveryDays: 7, replications: 5, seed: seed,
            arrivals: .init(perWeek: 1.5), stays: ["fact": .init(meanDays: 60, cv: 1, distribution: .exponential)],
            defaultStay: .init(meanDays: 50, cv: 0.5, distribution: .lognormal),
            stepDown: [.init(from: "home", share: 0.4, to: ["fact"])])
    }

    static func run(_ s: Simulation, jobs: Int) throws -> SimulationSummary {
        SimulationSummary(s, results: try SimulationRunner.run(s, planner: Planner(solver: GLPKSolver()), jobs: jobs))
    }

    @Test("the same file gives byte-identical outputs, on one core or two")
    func deterministic() throws {
        let one = try Self.run(Self.small(), jobs: 1), two = try Self.run(Self.small(), jobs: 2)
        #expect(one.json == two.json)
        #expect(one.weeklyCSV == two.weeklyCSV)
        #expect(one.weeklyCSV.split(separator: "\n").count == 1 + 5 * 20)
        let other = try Self.run(Self.small(seed: 4), jobs: 2)
        #expect(other.json != one.json, "another seed, other children")
    }

    @Test("common random numbers: another capacity sees the same children arrive; a step-down blocks its place")
    func commonRandomNumbers() throws {
        let s = Self.small()
        let planner = Planner(solver: GLPKSolver())
        let base = try SimulationRunner.run(s, planner: planner, jobs: 2)
        let more = try SimulationRunner.run(Self.small(capacity: 4), planner: planner, jobs: 2)
        #expect(base.map(\.arrivals) == more.map(\.arrivals))
        #expect(Set(base.map(\.arrivals)).count > 1, "replications differ from each other")
        let blocked = base.compactMap { $0.kpis.first { $0.name == "blockedPlaceDays" }?.value }
        #expect(blocked.contains { $0 > 0 }, "children waiting in their place for a next step")
    }

    @Test("--precision: replications are added until the mean wait's interval is narrow enough, the same number on one core or two")
    func precision() throws {
        var s = Self.small()
        s.replications = 3
        let planner = Planner(solver: GLPKSolver())
        let one = try SimulationRunner.runToPrecision(s, planner: planner, jobs: 1, precision: 0.15, cap: 60)
        let two = try SimulationRunner.runToPrecision(s, planner: planner, jobs: 2, precision: 0.15, cap: 60)
        #expect(one.met && two.met)
        #expect(one.results.count == two.results.count && one.results.count > 3)
        #expect(SimulationRunner.meets(one.results, 0.15))
        #expect(!SimulationRunner.meets(Array(one.results.dropLast()), 0.15), "the first n that meets it")
        let capped = try SimulationRunner.runToPrecision(s, planner: planner, jobs: 2, precision: 0.001, cap: 6)
        #expect(!capped.met && capped.results.count == 6)
    }

    @Test("after secure care the next step is not secure and may be at home: the child waits in its place for it")
    func stepDownFromSecure() throws {
        let services = [
            Fixture.service("S", careTypes: ["secure"], capacity: 1, secure: true),
            Fixture.service("H", facility: "F2", careTypes: ["home"], capacity: 1, occupied: [Fixture.planning + 60]),
        ]
        var child = Fixture.child("c1", needs: ["secure"])
        child.requiresSecure = true
        child.homeBasedPossible = false
        let s = Simulation(
            name: "step", file: "step.yaml", inputFiles: [], input: PlacementInput(landscape: Fixture.landscape(services), cases: [child]),
            weeks: 12, replanEveryDays: 7, replications: 1, seed: 1, arrivals: .init(perWeek: 0), stays: [:],
            defaultStay: .init(meanDays: 20, cv: 1, distribution: .fixed), stepDown: [.init(from: "secure", share: 1, to: ["home"])])
        let result = try #require(try SimulationRunner.run(s, planner: Planner(solver: GLPKSolver()), jobs: 1).first)
        let kpi = Dictionary(uniqueKeysWithValues: result.kpis.map { ($0.name, $0.value) })
        #expect(kpi["noFittingServicePerWeek"] == 0, "the next step fits")
        // in secure care from day 0 to 20, then blocked until the first plan
        // after H frees on day 60: day 63 (weekly plans)
        #expect(kpi["blockedPlaceDays"] == 43)
        #expect(kpi["startedPerWeek"].flatMap { $0 }.map { $0 * 12 } == 2, "secure care, then the next step")
    }

    @Test("Student t: the table and the expansion meet at 30 degrees of freedom; estimates of known values")
    func statistics() throws {
        #expect(abs(Estimate.t975(degreesOfFreedom: 31) - 2.039513) < 1e-4)
        #expect(abs(Estimate.t975(degreesOfFreedom: 1_000) - 1.962339) < 1e-5)
        let e = try #require(Estimate([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(e.mean == 5)
        #expect(abs(e.sd - 2.138090) < 1e-6)
        let ci = try #require(e.ci95)
        #expect(abs(ci.upperBound - (5 + 2.364624 * 2.138090 / 8.0.squareRoot())) < 1e-5)
        #expect(Estimate([3])?.ci95 == nil)
        #expect(Estimate([]) == nil)
    }

    @Test("draws: Poisson counts and stays have their means (and a lognormal its cv)")
    func draws() {
        var rng = SplitMix64(seed: 1)
        for lambda in [0.3, 4.0, 40.0] {
            let n = 20_000
            let counts = (0..<n).map { _ in Double(Draw.poisson(lambda, &rng)) }
            let mean = counts.reduce(0, +) / Double(n)
            let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            #expect(abs(mean - lambda) < 4 * (lambda / Double(n)).squareRoot() + 1e-9, "λ \(lambda): mean \(mean)")
            #expect(abs(variance / lambda - 1) < 0.05, "λ \(lambda): variance \(variance)")
        }
        let stay = Simulation.Stay(meanDays: 120, cv: 0.6, distribution: .lognormal)
        let days = (0..<40_000).map { _ in Double(Draw.stayDays(stay, &rng)) }
        let mean = days.reduce(0, +) / Double(days.count)
        let sd = (days.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(days.count - 1)).squareRoot()
        #expect(abs(mean - 120) < 1.5, "lognormal mean \(mean)")
        #expect(abs(sd / mean - 0.6) < 0.02, "lognormal cv \(sd / mean)")
        #expect(Draw.stayDays(.init(meanDays: 0.2, cv: 0, distribution: .fixed), &rng) == 1, "a stay lasts at least a day")
    }
}
