import Foundation
import GLPK
@testable import Placement
@testable import PlacementModel
@testable import PlacementSimulation
import PlacementTestSupport
import Testing

/// Where queueing theory has a closed form, the simulation must agree: one
/// service with c places, Poisson arrivals, exponential stays and a plan
/// every day is an M/M/c queue (Erlang C); and any run obeys Little's law.
@Suite("Simulation against queueing theory")
struct QueueingTheoryTests {
    /// One residential service of `places` places, every child at its door.
    static func queue(places: Int, perDay lambda: Double, meanStay: Double, weeks: Int, replications: Int) -> Simulation {
        let landscape = Fixture.landscape([Fixture.service("S", capacity: places)])
        var child = Fixture.child("profile")
        child.readyDate = Fixture.planning
        return Simulation(
            name: "mmc", file: "mmc.yaml", inputFiles: [], input: PlacementInput(landscape: landscape, cases: [child]),
            weeks: weeks, warmUpWeeks: 20, replanEveryDays: 1, replications: replications, seed: 7,
            arrivals: .init(perWeek: 7 * lambda), stays: [:],
            defaultStay: .init(meanDays: meanStay, cv: 1, distribution: .exponential))
    }

    /// Erlang C: the mean wait in queue of M/M/c.
    static func erlangC(places c: Int, lambda: Double, mu: Double) -> Double {
        let a = lambda / mu, rho = a / Double(c)
        var term = 1.0, sum = 0.0
        for k in 0..<c {
            sum += term
            term *= a / Double(k + 1)
        }
        let top = term / (1 - rho)
        return top / (sum + top) / (Double(c) * mu - lambda)
    }

    static func estimate(_ summary: SimulationSummary, _ name: String) throws -> Estimate {
        try #require(summary.kpis.first { $0.name == name }?.estimate)
    }

    @Test("M/M/3 at 75% load: the mean wait (15.1 days) and the mean queue (1.70 children) are Erlang C's within three standard errors")
    func erlangC() throws {
        let lambda = 0.1125, mu = 1.0 / 20
        let simulation = Self.queue(places: 3, perDay: lambda, meanStay: 20, weeks: 2_000, replications: 24)
        let results = try SimulationRunner.run(simulation, planner: Planner(solver: GLPKSolver()), jobs: 2)
        let summary = SimulationSummary(simulation, results: results)
        let theory = Self.erlangC(places: 3, lambda: lambda, mu: mu)
        #expect(abs(theory - 15.14) < 0.05)
        // whole days: a wait runs from the day of arrival to the day of start,
        // and a place is free from the day its stay ends
        // and the places in use: λ·E[stay]/c (Little's law for the places)
        for (kpi, expected, slack) in [
            ("waitDaysMean", theory, 0.75), ("waitingMean", lambda * theory, 0.75 * lambda), ("occupancy.home", lambda * 20 / 3, 0.01),
        ] {
            let e = try Self.estimate(summary, kpi)
            let standardError = e.sd / Double(e.count).squareRoot()
            #expect(abs(e.mean - expected) <= 3 * standardError + slack, "\(kpi): simulated \(e.mean) ± \(standardError), Erlang C \(expected)")
            #expect(standardError < 0.1 * expected, "\(kpi): enough replications to say something")
        }
    }

    @Test("ample places (M/G/∞) with lognormal stays: nobody waits, and the places in use average λ·E[stay]")
    func ampleCapacity() throws {
        var simulation = Self.queue(places: 100, perDay: 1, meanStay: 20, weeks: 300, replications: 4)
        simulation.defaultStay = .init(meanDays: 20, cv: 0.8, distribution: .lognormal)
        let results = try SimulationRunner.run(simulation, planner: Planner(solver: GLPKSolver()), jobs: 2)
        let summary = SimulationSummary(simulation, results: results)
        #expect(try Self.estimate(summary, "waitDaysMean").mean == 0)
        let occupancy = try Self.estimate(summary, "occupancy.home")
        // a stay of x days is max(1, round(x)) days: within a few hundredths of a day of 20 on average
        #expect(abs(occupancy.mean * 100 - 20) < 0.6, "places in use \(occupancy.mean * 100), λ·E[stay] 20")
    }

    @Test("Little's law: the mean waiting list equals starts per day times the mean wait")
    func littlesLaw() throws {
        let simulation = Self.queue(places: 4, perDay: 0.18, meanStay: 20, weeks: 400, replications: 4)
        let results = try SimulationRunner.run(simulation, planner: Planner(solver: GLPKSolver()), jobs: 2)
        for r in results {
            let kpi = Dictionary(uniqueKeysWithValues: r.kpis.map { ($0.name, $0.value ?? .nan) })
            let l = try #require(kpi["waitingMean"]), w = try #require(kpi["waitDaysMean"]), perWeek = try #require(kpi["startedPerWeek"])
            #expect(l > 0.5, "a queue forms")
            #expect(abs(l - perWeek / 7 * w) <= 0.03 * l, "L \(l) vs λW \(perWeek / 7 * w)")
        }
    }
}
